"""agreement and disagreements: κ and α on textbook examples computed by hand, units present in one
coding only, values compared as categories, errors, and the tool's own tables."""
from __future__ import annotations

import math

import pandas as pd
import pytest

import zerocovid as zc


def codings(a: str, b: str, field: str = "code") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two codings of units u1, u2, … : one character of ``a`` / ``b`` per unit."""
    ids = [f"u{n}" for n in range(1, len(a) + 1)]
    return (pd.DataFrame({"row_id": ids, field: list(a)}), pd.DataFrame({"row_id": ids, field: list(b)}))


def test_krippendorffs_nominal_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", B: two observers, nominal
    # data, no missing data (12 units):
    #   A: a a b b d c c c e d d a
    #   B: b a b b b c c c e d d d
    # Coincidence matrix (each unit adds 1/(m_u − 1) = 1 to o_ck and to o_kc):
    #   o_aa = 2 (u2), o_bb = 4 (u3, u4), o_cc = 6 (u6–u8), o_dd = 4 (u10, u11), o_ee = 2 (u9),
    #   o_ab = o_ba = 1 (u1), o_bd = o_db = 1 (u5), o_ad = o_da = 1 (u12).
    #   n_a = 4, n_b = 6, n_c = 6, n_d = 6, n_e = 2; n = 24.
    # Observed disagreement D_o = Σ_{c≠k} o_ck / n = 6/24.
    # Expected disagreement D_e = Σ_{c≠k} n_c·n_k / (n(n − 1)) = (24² − (16+36+36+36+4)) / (24·23) = 448/552.
    # α = 1 − D_o/D_e = 1 − 6·23/448 = 1 − 138/448 = 310/448 = 0.69196 (Krippendorff: .692).
    # Cohen's κ on the same data: p_o = 9/12 (all units but u1, u5, u12);
    #   marginals A: a 3, b 2, c 3, d 3, e 1;  B: a 1, b 4, c 3, d 3, e 1;
    #   p_e = (3·1 + 2·4 + 3·3 + 3·3 + 1·1) / 12² = 30/144;
    #   κ = (108/144 − 30/144) / (1 − 30/144) = 78/114 = 13/19 = 0.68421.
    a, b = codings("aabbdcccedda", "babbbccceddd")
    result = zc.agreement(a, b, "code")
    assert list(result.columns) == ["n", "agreement", "kappa", "alpha"] and result.index.tolist() == ["code"]
    row = result.loc["code"]
    assert row["n"] == 12
    assert round(row["agreement"], 4) == 0.75
    assert round(row["kappa"], 4) == round(13 / 19, 4) == 0.6842
    assert round(row["alpha"], 4) == round(310 / 448, 4) == 0.6920


def test_kappa_and_alpha_on_a_two_by_two_table():
    # Krippendorff (2011), A: two observers, binary data (10 units):
    #   A: 0 1 0 0 0 0 0 0 1 0
    #   B: 1 1 1 0 0 1 0 0 0 0
    # Contingency table:        B=0  B=1
    #                    A=0     5    3     (8)
    #                    A=1     1    1     (2)
    #                           (6)  (4)    10
    # κ: p_o = (5 + 1)/10 = 0.6; p_e = 0.8·0.6 + 0.2·0.4 = 0.56; κ = (0.6 − 0.56)/(1 − 0.56) = 0.04/0.44 = 1/11.
    # α: coincidences o_00 = 2·5 = 10, o_11 = 2·1 = 2, o_01 = o_10 = 3 + 1 = 4; n_0 = 14, n_1 = 6, n = 20;
    #   α = 1 − (n − 1)·o_01 / (n_0·n_1) = 1 − 19·4/84 = 8/84 = 2/21 = 0.0952 (Krippendorff: .095).
    a, b = codings("0100000010", "1110010000")
    row = zc.agreement(a, b, "code").loc["code"]
    assert (row["n"], row["agreement"]) == (10, 0.6)
    assert round(row["kappa"], 4) == round(1 / 11, 4) == 0.0909
    assert round(row["alpha"], 4) == round(2 / 21, 4) == 0.0952


def test_a_unit_only_one_coding_has_is_coded_absent_in_the_other():
    # a codes u1–u4 x x y y; b codes u1–u3 x x y and u5 y. Units u1–u5:
    #   a: x x y y ∅    b: x x y ∅ y     (∅ = absent)      agreement 3/5
    # κ: marginals a: x 2, y 2, ∅ 1;  b: x 2, y 2, ∅ 1;  p_e = (4 + 4 + 1)/25 = 9/25;
    #   κ = (15/25 − 9/25)/(16/25) = 6/16 = 0.375.
    # α: o_xx = 4, o_yy = 2, o_y∅ = o_∅y = 2 (u4, u5); n_x = 4, n_y = 4, n_∅ = 2, n = 10;
    #   α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k = 1 − 9·4/(100 − 16 − 16 − 4) = 1 − 36/64 = 0.4375.
    a = pd.DataFrame({"row_id": ["u1", "u2", "u3", "u4"], "code": list("xxyy")})
    b = pd.DataFrame({"row_id": ["u1", "u2", "u3", "u5"], "code": list("xxyy")})
    row = zc.agreement(a, b, "code").loc["code"]
    assert (row["n"], row["agreement"], row["kappa"], row["alpha"]) == (5, 0.6, 0.375, 0.4375)
    dropped = zc.agreement(a, b, "code", missing="drop").loc["code"]
    assert (dropped["n"], dropped["agreement"], dropped["kappa"], dropped["alpha"]) == (3, 1.0, 1.0, 1.0)


def test_absent_is_not_the_string_absent():
    a = pd.DataFrame({"row_id": ["u1", "u2"], "code": ["absent", "x"]})
    b = pd.DataFrame({"row_id": ["u2"], "code": ["x"]})
    assert zc.agreement(a, b, "code").loc["code", "agreement"] == 0.5


def test_kappa_and_alpha_are_nan_when_every_unit_has_one_value():
    a, b = codings("xxxx", "xxxx")
    row = zc.agreement(a, b, "code").loc["code"]
    assert (row["n"], row["agreement"]) == (4, 1.0)
    assert math.isnan(row["kappa"]) and math.isnan(row["alpha"])
    empty = zc.agreement(a.iloc[:0], b.iloc[:0], "code").loc["code"]
    assert empty["n"] == 0 and all(math.isnan(empty[s]) for s in ("agreement", "kappa", "alpha"))


def test_values_compare_as_categories():
    a = pd.DataFrame({"row_id": list("pqrstuvw"), "value": [43, 7, 0.5, None, True, pd.Timestamp("2022-01-03"), "x", 1]})
    b = pd.DataFrame({"row_id": list("pqrstuvw"), "value": [43.0, 7.0, 0.5, "", True, "2022-01-03 00:00:00", "x", True]})
    assert zc.agreement(a, b, "value").loc["value", "agreement"] == 7 / 8   # 1 is not True
    # NaN, None, pd.NA, NaT and "" are one value
    missing = pd.DataFrame({"row_id": list("abcde"), "code": [float("nan"), None, pd.NA, pd.NaT, ""]})
    assert zc.agreement(missing, missing.iloc[::-1].assign(code=""), "code").loc["code", "agreement"] == 1.0
    spans = {"doc_id": "d", "start": range(8), "end": range(1, 9)}
    shown = zc.disagreements(a.assign(**spans), b.assign(**spans), "value")
    assert shown[["row_id", "value_a", "value_b"]].values.tolist() == [["w", "1", "True"]]


def test_units_match_on_row_id_else_on_the_span_or_on_the_columns_named():
    a = pd.DataFrame({"row_id": ["d@1-3", "d@5-9"], "doc_id": "d", "start": [1, 5], "end": [3, 9], "code": list("xy")})
    b = pd.DataFrame({"doc_id": "d", "start": [5.0, 1.0], "end": [9.0, 3.0], "code": list("yx")})  # from a spreadsheet
    assert zc.agreement(a, b, "code").loc["code", "agreement"] == 1.0
    with pytest.raises(ValueError, match="table b has no column 'row_id'"):
        zc.agreement(a, b, "code", on="row_id")
    pairs = pd.DataFrame({"doc_id": "d", "item": [1, 2], "code": list("xy")})
    assert zc.agreement(pairs, pairs.assign(code=list("xx")), "code", on=["doc_id", "item"]).loc["code", "n"] == 2


def test_several_fields_give_one_row_each():
    a = pd.DataFrame({"row_id": ["u1", "u2"], "mode": ["direct", "reported"], "level": ["city", "city"]})
    b = a.assign(mode=["direct", "direct"])
    result = zc.agreement(a, b, ["mode", "level"])
    assert result.index.name == "field" and result.index.tolist() == ["mode", "level"]
    assert result["agreement"].tolist() == [0.5, 1.0] and math.isnan(result.loc["level", "kappa"])


def test_duplicate_keys_and_missing_fields_are_errors():
    a, b = codings("xy", "xy")
    with pytest.raises(ValueError, match="table b has more than one row with row_id=u1"):
        zc.agreement(a, pd.concat([b, b.iloc[:1]]), "code")
    with pytest.raises(ValueError, match="table a has no column 'mode'"):
        zc.agreement(a, b.assign(mode="x"), "mode")
    with pytest.raises(ValueError, match="table a has no column 'doc_id'"):
        zc.disagreements(a, b, "code")    # it shows and sorts by the evidence span
    with pytest.raises(ValueError, match="missing must be one of absent, drop"):
        zc.agreement(a, b, "code", missing="ignore")


def test_disagreements_lists_the_units_coded_differently_in_document_order():
    a = pd.DataFrame({"row_id": ["d2@0-2", "d1@4-6", "d1@0-2", "d1@8-9"], "doc_id": ["d2", "d1", "d1", "d1"],
                      "start": [0, 4, 0, 8], "end": [2, 6, 2, 9], "code": ["x", "y", None, "x"]})
    b = pd.DataFrame({"row_id": ["d1@0-2", "d1@4-6", "d2@0-2", "d1@2-3"], "doc_id": ["d1", "d1", "d2", "d1"],
                      "start": [0, 4, 0, 2], "end": [2, 6, 2, 3], "code": ["x", "y", "x", "z"]})
    docs = pd.DataFrame({"doc_id": ["d1", "d2"], "text": ["零一二三四五六七八九", "甲乙丙"]})
    out = zc.disagreements(a, b, "code", docs=docs)
    assert list(out.columns) == ["row_id", "doc_id", "start", "end", "code_a", "code_b", "evidence"]
    assert out.values.tolist() == [
        ["d1@0-2", "d1", 0, 2, "", "x", "零一"],           # missing in a
        ["d1@2-3", "d1", 2, 3, "absent", "z", "二"],        # only b has it: its span comes from b
        ["d1@8-9", "d1", 8, 9, "x", "absent", "八"],        # only a has it
    ]
    assert out["start"].dtype == "int64"
    assert zc.disagreements(a, b, "code", missing="drop")["row_id"].tolist() == ["d1@0-2"]
    assert zc.disagreements(a, a, "code").empty


@pytest.fixture(scope="module")
def apologies(docs):
    return zc.find_apologies(docs)


def test_a_tool_table_agrees_with_itself(apologies):
    result = zc.agreement(apologies, apologies, ["mode", "apologizer_level", "strength", "restates"])
    assert result["n"].tolist() == [len(apologies)] * 4
    assert result["agreement"].tolist() == [1.0] * 4
    assert result.loc["mode", "kappa"] == 1.0 and result.loc["mode", "alpha"] == 1.0


def test_a_changed_copy_gives_the_expected_disagreements(apologies, docs):
    changed = apologies.copy()
    recoded, dropped = changed.index[0], changed.index[1]
    changed.loc[recoded, "mode"] = "ordered" if changed.loc[recoded, "mode"] != "ordered" else "direct"
    changed = changed.drop(index=dropped)
    out = zc.disagreements(apologies, changed, "mode", docs=docs)
    expected = apologies.loc[[recoded, dropped]].sort_values(["doc_id", "start", "end"], kind="stable")
    assert out["row_id"].tolist() == expected["row_id"].tolist()
    assert out["evidence"].tolist() == expected["sentence"].tolist()   # sentence = text[start:end]
    by_id = out.set_index("row_id")
    assert by_id.loc[apologies.loc[dropped, "row_id"], "mode_b"] == "absent"
    assert by_id.loc[apologies.loc[recoded, "row_id"], ["mode_a", "mode_b"]].tolist() == [
        apologies.loc[recoded, "mode"], changed.loc[recoded, "mode"]]
    row = zc.agreement(apologies, changed, "mode").loc["mode"]
    assert (row["n"], row["agreement"]) == (len(apologies), (len(apologies) - 2) / len(apologies))


def test_alpha_equals_the_krippendorff_package_on_random_codings():
    """α is computed in the package (krippendorff is GPL-licensed); the package is the reference here."""
    import krippendorff
    import numpy as np

    from zerocovid.evaluation.agreement import _statistics

    rng = np.random.default_rng(7)
    for _ in range(200):
        n, k = int(rng.integers(2, 40)), int(rng.integers(2, 6))
        codes = rng.integers(0, k, size=(2, n))
        codes[1] = np.where(rng.random(n) < 0.6, codes[0], codes[1])   # agree more often than chance
        if len(np.unique(codes)) < 2:
            continue
        expected = krippendorff.alpha(reliability_data=codes, level_of_measurement="nominal")
        assert _statistics(codes)["alpha"] == pytest.approx(expected, abs=1e-12)
