"""kwic, keyness, collocations and dfm against values worked out by hand on tiny corpora."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import zerocovid as zc

from zerocovid.analyzers.vocabulary import (COLLOCATION_COLUMNS, KEYNESS_COLUMNS, KWIC_COLUMNS, collocations, dfm,
                                  g2_p_value, default_terms, keyness, kwic, log_likelihood, log_ratio,
                                  top_keywords)
from zerocovid.report.plotting import plot_keywords


def make_docs(texts: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """doc_id → (region, text), shaped like load_documents()."""
    rows = [(doc_id, region, text) for doc_id, (region, text) in texts.items()]
    frame = pd.DataFrame(rows, columns=["doc_id", "region", "text"])
    return frame.set_index(frame["doc_id"].rename(None))


def make_tokens(sentences: list[tuple[str, str, list[str]]]) -> pd.DataFrame:
    """(doc_id, region, words) per sentence → a tokens() table; 的 is a stopword, ，。 punctuation."""
    rows, offsets, numbers = [], {}, {}
    for doc_id, region, words in sentences:
        numbers[doc_id] = numbers.get(doc_id, 0) + 1
        for word in words:
            start = offsets.get(doc_id, 0)
            offsets[doc_id] = start + len(word)
            rows.append((doc_id, region, 1, numbers[doc_id], start, start + len(word), word,
                         word in "，。", word == "的"))
    return pd.DataFrame(rows, columns=["doc_id", "region", "para_no", "sent_no", "start", "end", "token",
                                       "is_punct", "is_stopword"])


# ---------------------------------------------------------------- kwic

DOCS = make_docs({
    "b": ("East", "我们表示歉意。\n再次表示深深的歉意！"),
    "a": ("West", "整改到位，立即整改。"),
})


def test_kwic_offsets_and_contexts():
    table = kwic(DOCS, "歉意", window=3)
    assert list(table.columns) == KWIC_COLUMNS
    # "我们表示歉意。\n再次表示深深的歉意！": 歉意 at 4–6 and 15–17 (0-based).
    assert table[["doc_id", "region", "start", "end"]].values.tolist() == [["b", "East", 4, 6], ["b", "East", 15, 17]]
    assert table["left"].tolist() == ["们表示", "深深的"]
    # the right context of the first match crosses the line break, shown as ⏎
    assert table["right"].tolist() == ["。⏎再", "！"]
    for row in table.itertuples():
        assert DOCS.loc[row.doc_id, "text"][row.start:row.end] == row.match


def test_kwic_window_zero_and_text_edges():
    table = kwic(DOCS, "整改", window=0)
    assert table[["start", "end", "left", "right"]].values.tolist() == [[0, 2, "", ""], [7, 9, "", ""]]
    edge = kwic(DOCS, "整改", window=50)
    assert edge.loc[0, "left"] == "" and edge.loc[1, "right"] == "。"


def test_kwic_default_order_is_doc_id_then_start():
    table = kwic(DOCS, ["整改", "歉意"], window=2)
    assert table[["doc_id", "start"]].values.tolist() == [["a", 0], ["a", 7], ["b", 4], ["b", 15]]


def test_kwic_sort_by_left_reads_the_left_context_backwards():
    # left contexts (window 2): a0 "", a7 "立即", b4 "表示", b15 "的" → reversed: "", "即立", "示表", "的"
    # code points: 即 U+5373 < 的 U+7684 < 示 U+793A
    table = kwic(DOCS, ["整改", "歉意"], window=2, sort_by="left")
    assert table[["doc_id", "start"]].values.tolist() == [["a", 0], ["a", 7], ["b", 15], ["b", 4]]


def test_kwic_sort_by_right():
    # right contexts (window 1): a0 "到" U+5230, a7 "。" U+3002, b4 "。", b15 "！" U+FF01; ties by (doc_id, start)
    table = kwic(DOCS, ["整改", "歉意"], window=1, sort_by="right")
    assert table[["doc_id", "start"]].values.tolist() == [["a", 7], ["b", 4], ["a", 0], ["b", 15]]


def test_kwic_word_list_prefers_longest_match():
    table = kwic(DOCS, ["深深", "深深的歉意", "歉意"], window=0)
    assert table["match"].tolist() == ["歉意", "深深的歉意"]
    assert table[["start", "end"]].values.tolist() == [[4, 6], [12, 17]]


def test_kwic_word_list_escapes_regex_characters():
    docs = make_docs({"d": ("R", "通报(1+1)例，a.b 与 axb 不同。")})
    table = kwic(docs, ["(1+1)", "a.b"], window=1)
    assert table["match"].tolist() == ["(1+1)", "a.b"]
    assert kwic(docs, "a.b")["start"].tolist() == [9]  # 通报(1+1)例，= 9 characters
    assert kwic(docs, "a.b", regex=True)["match"].tolist() == ["a.b", "axb"]


def test_kwic_regex_and_compiled_pattern():
    assert kwic(DOCS, r"表示\w{0,2}歉意", regex=True)["match"].tolist() == ["表示歉意"]
    assert kwic(DOCS, re.compile("表示.{0,3}歉意"))["match"].tolist() == ["表示歉意", "表示深深的歉意"]
    # zero-width matches are skipped, not listed as empty rows
    assert kwic(DOCS, "x*", regex=True).empty


def test_kwic_absent_word_and_empty_corpus_give_empty_frames():
    assert kwic(DOCS, "短板").empty
    assert list(kwic(DOCS, "短板").columns) == KWIC_COLUMNS
    empty = kwic(DOCS.iloc[0:0], "歉意")
    assert empty.empty and list(empty.columns) == KWIC_COLUMNS


@pytest.mark.parametrize("kwargs", [
    {"pattern": "歉意", "window": -1},
    {"pattern": "歉意", "window": 2.5},
    {"pattern": "歉意", "sort_by": "middle"},
    {"pattern": ""},
    {"pattern": []},
    {"pattern": ["歉意", ""]},
    {"pattern": ["歉意", 1]},
    {"pattern": "(", "regex": True},
    {"pattern": ["a", "b"], "regex": True},
    {"pattern": 5},
])
def test_kwic_bad_arguments(kwargs):
    pattern = kwargs.pop("pattern")
    with pytest.raises(ValueError):
        kwic(DOCS, pattern, **kwargs)


def test_kwic_needs_text_column():
    with pytest.raises(ValueError, match="text"):
        kwic(DOCS.drop(columns="text"), "歉意")


def test_kwic_on_the_corpus_finds_every_apology_noun(docs):
    table = kwic(docs, "歉意", window=5)
    # 歉意 occurs twice in the Korla article and twice in the Yining article (read in the texts)
    assert table["doc_id"].tolist() == ["2022-09-09_korla"] * 2 + ["2022-09-09_yili_yining"] * 2
    for row in table.itertuples():
        text = docs.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == "歉意"
        assert row.left == text[row.start - 5:row.start].replace("\n", "⏎")


# ---------------------------------------------------------------- keyness

# West: 10 content tokens (w×4, z×3, a1..a3) plus a stopword, two punctuation marks and two numbers
# written in digits (9 and a full-width １５), none of which may count.
# East: 20 content tokens (w×2, b1..b18).
KEY_TOKENS = make_tokens([
    ("d1", "West", ["w", "w", "的", "w", "，", "9", "w", "z", "z", "z", "１５", "a1", "a2", "a3", "。"]),
    ("d2", "East", ["w", "w"] + [f"b{i}" for i in range(1, 19)]),
])


def test_g2_and_log_ratio_by_hand():
    # word w, West against East: a=4 (w in West), b=2 (w in East), c=10-4=6, d=20-2=18, N=30.
    # Expected: E_a = 6·10/30 = 2, E_b = 6·20/30 = 4, E_c = 24·10/30 = 8, E_d = 24·20/30 = 16.
    # G² = 2·(4 ln(4/2) + 2 ln(2/4) + 6 ln(6/8) + 18 ln(18/16))
    #    = 2·(2.772589 − 1.386294 − 1.726092 + 2.120092) = 2·1.780295 = 3.56059
    # log ratio = log2((4/10) / (2/20)) = log2(0.4 / 0.1) = log2(4) = 2
    table = keyness(KEY_TOKENS, by="region", min_freq=1)
    west_w = table[(table["group"] == "West") & (table["token"] == "w")].iloc[0]
    assert (west_w["n_target"], west_w["n_reference"], west_w["target_size"], west_w["reference_size"]) == (4, 2, 10, 20)
    assert west_w["g2"] == pytest.approx(3.56059, abs=1e-5)
    assert west_w["log_ratio"] == pytest.approx(2.0, abs=1e-12)
    # the same table seen from East: under-used, so both measures are negative
    east_w = table[(table["group"] == "East") & (table["token"] == "w")].iloc[0]
    assert east_w["g2"] == pytest.approx(-3.56059, abs=1e-5)
    assert east_w["log_ratio"] == pytest.approx(-2.0, abs=1e-12)


def test_zero_count_smoothing_by_hand():
    # word z: a=3, b=0, c=7, d=20, N=30; E_a = 3·10/30 = 1, E_c = 27·10/30 = 9, E_d = 27·20/30 = 18
    # G² = 2·(3 ln 3 + 0 + 7 ln(7/9) + 20 ln(20/18)) = 2·(3.295837 − 1.759201 + 2.107210) = 7.28769
    # log ratio with the zero count replaced by 0.5: log2((3/10) / (0.5/20)) = log2(12) = 3.584963
    table = keyness(KEY_TOKENS, min_freq=1)
    z = table[(table["group"] == "West") & (table["token"] == "z")].iloc[0]
    assert (z["n_target"], z["n_reference"]) == (3, 0)
    assert z["g2"] == pytest.approx(7.28769, abs=1e-5)
    assert z["log_ratio"] == pytest.approx(3.584963, abs=1e-6)
    east_z = table[(table["group"] == "East") & (table["token"] == "z")].iloc[0]
    assert east_z["log_ratio"] == pytest.approx(-3.584963, abs=1e-6)  # log2((0.5/20) / (3/10))


def test_p_value_at_the_five_percent_critical_value():
    # 3.841459 is the 95th percentile of chi-squared with one degree of freedom
    assert log_likelihood(4, 2, 6, 18) == pytest.approx(3.56059, abs=1e-5)
    table = keyness(KEY_TOKENS, min_freq=1)
    assert table["p_value"].between(0, 1).all()
    assert g2_p_value(3.841459) == pytest.approx(0.05, abs=1e-6)
    assert g2_p_value(-3.841459) == pytest.approx(0.05, abs=1e-6)


def test_log_ratio_helper_equal_frequencies_is_zero():
    assert log_ratio(5, 100, 10, 200) == 0.0


def test_keyness_leaves_out_stopwords_and_punctuation_and_orders_rows():
    table = keyness(KEY_TOKENS, min_freq=1)
    assert list(table.columns) == KEYNESS_COLUMNS
    assert not table["token"].isin(["的", "，", "。", "9", "１５"]).any()
    # one row per (group, token): 2 groups × 23 distinct content tokens
    assert len(table) == 2 * 23
    assert table["group"].tolist() == ["East"] * 23 + ["West"] * 23
    west = table[table["group"] == "West"]
    assert west["token"].tolist()[:2] == ["z", "w"]            # 7.29 > 3.56
    # ties in g2 (a1, a2, a3 all 1 vs 0) are ordered by token
    assert west["token"].tolist()[2:5] == ["a1", "a2", "a3"]


def test_keyness_min_freq_counts_the_whole_corpus():
    table = keyness(KEY_TOKENS, min_freq=3)
    # w (6 in all) and z (3) pass; every other token occurs once
    assert sorted(set(table["token"])) == ["w", "z"]
    assert len(table) == 4


def test_keyness_by_document_and_single_group():
    by_doc = keyness(KEY_TOKENS, by="doc_id", min_freq=3)
    assert sorted(set(by_doc["group"])) == ["d1", "d2"]
    by_sentence = keyness(COLL_TOKENS.assign(doc_no=[2] * 12 + [10] * 4), by="doc_no", min_freq=1)
    assert by_sentence["group"].drop_duplicates().tolist() == [2, 10]   # numeric groups sort as numbers
    alone = keyness(KEY_TOKENS[KEY_TOKENS["region"] == "West"], min_freq=1)
    assert alone.empty and list(alone.columns) == KEYNESS_COLUMNS
    assert keyness(KEY_TOKENS.iloc[0:0]).empty


@pytest.mark.parametrize("kwargs", [{"by": "province"}, {"min_freq": -1}, {"min_freq": "3"}])
def test_keyness_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        keyness(KEY_TOKENS, **kwargs)


def test_keyness_needs_a_token_column():
    with pytest.raises(ValueError, match="token"):
        keyness(KEY_TOKENS.drop(columns="token"))


def test_missing_flags_follow_the_rules_of_zerocovid_text():
    # 的 is in resources/stopwords.yaml, ，。 are punctuation: the hand-set flags agree with the rules
    bare = KEY_TOKENS.drop(columns=["is_punct", "is_stopword"])
    pd.testing.assert_frame_equal(keyness(bare, min_freq=1), keyness(KEY_TOKENS, min_freq=1))
    pd.testing.assert_frame_equal(keyness(KEY_TOKENS.drop(columns="is_punct"), min_freq=1),
                                  keyness(KEY_TOKENS, min_freq=1))


def test_flags_given_are_used_as_they_are():
    flagged = KEY_TOKENS.assign(is_stopword=KEY_TOKENS["is_stopword"] | (KEY_TOKENS["token"] == "z"))
    assert "z" not in set(keyness(flagged, min_freq=1)["token"])


# ---------------------------------------------------------------- collocations

# After stopwords and punctuation are removed the sentences read
#   S1: A N B C     S2: B D N B     S3: C C D E      (12 content tokens, node N twice)
COLL_TOKENS = make_tokens([
    ("d1", "R", ["A", "的", "N", "，", "B", "C", "。"]),
    ("d1", "R", ["B", "D", "N", "B", "。"]),
    ("d2", "R", ["C", "C", "D", "E"]),
])


def test_mi_by_hand():
    # span 1: S1 window {A, B}, S2 window {D, B} → n_span_tokens = 4, N = 12
    # B: 2 in span, 3 in all → MI = log2(2 / (4·3/12)) = log2(2) = 1
    # A: 1 in span, 1 in all → log2(1 / (4·1/12)) = log2(3) = 1.584963
    # D: 1 in span, 2 in all → log2(1 / (4·2/12)) = log2(1.5) = 0.584963
    table = collocations(COLL_TOKENS, "N", span=1, measure="mi", min_freq=1)
    assert list(table.columns) == COLLOCATION_COLUMNS
    assert table["collocate"].tolist() == ["A", "B", "D"]
    assert table["score"].tolist() == pytest.approx([1.584963, 1.0, 0.584963], abs=1e-6)
    assert table["n_collocate_in_span"].tolist() == [1, 2, 1]
    assert table["n_collocate_total"].tolist() == [1, 3, 2]
    assert set(table["n_node"]) == {2} and set(table["n_span_tokens"]) == {4} and set(table["n_tokens"]) == {12}
    assert set(table["measure"]) == {"mi"} and set(table["node"]) == {"N"}


def test_log_likelihood_collocation_by_hand():
    # B: a = 2, b = 4 − 2 = 2, c = 3 − 2 = 1, d = 12 − 4 − 3 + 2 = 7
    # E_a = 4·3/12 = 1, E_b = 4·9/12 = 3, E_c = 8·3/12 = 2, E_d = 8·9/12 = 6
    # G² = 2·(2 ln 2 + 2 ln(2/3) + 1 ln(1/2) + 7 ln(7/6)) = 2·(1.386294 − 0.810930 − 0.693147 + 1.079056) = 1.922543
    table = collocations(COLL_TOKENS, "N", span=1, min_freq=2)
    assert table["collocate"].tolist() == ["B"]
    assert table.loc[0, "score"] == pytest.approx(1.922543, abs=1e-6)
    assert table.loc[0, "measure"] == "log_likelihood"


def test_collocation_window_stays_in_the_sentence_and_counts_overlaps_once():
    # span 3: S1 window {A, B, C}; S2 window {B, D, B}; S3 has no node and is never reached
    table = collocations(COLL_TOKENS, "N", span=3, measure="mi", min_freq=1)
    assert dict(zip(table["collocate"], table["n_collocate_in_span"])) == {"A": 1, "B": 3, "C": 1, "D": 1}
    overlap = make_tokens([("d", "R", ["N", "X", "N"])])
    table = collocations(overlap, "N", span=1, min_freq=1)
    assert table[["collocate", "n_collocate_in_span", "n_node", "n_span_tokens"]].values.tolist() == [["X", 1, 2, 1]]


def test_collocations_node_forms_and_absent_word():
    table = collocations(COLL_TOKENS, ["N", "E"], span=1, measure="mi", min_freq=1)
    assert set(table["node"]) == {"E/N"} and set(table["n_node"]) == {3}
    absent = collocations(COLL_TOKENS, "Q")
    assert absent.empty and list(absent.columns) == COLLOCATION_COLUMNS
    assert collocations(COLL_TOKENS.iloc[0:0], "N").empty


@pytest.mark.parametrize("kwargs", [{"measure": "t_score"}, {"span": -1}, {"min_freq": -2}, {"word": ""},
                                    {"word": []}, {"word": 3}])
def test_collocations_bad_arguments(kwargs):
    word = kwargs.pop("word", "N")
    with pytest.raises(ValueError):
        collocations(COLL_TOKENS, word, **kwargs)


def test_collocations_need_sentence_numbers():
    with pytest.raises(ValueError, match="sent_no"):
        collocations(COLL_TOKENS.drop(columns="sent_no"), "N")


# ---------------------------------------------------------------- dfm

def test_dfm_counts_content_tokens():
    matrix = dfm(COLL_TOKENS, by="doc_id")
    assert matrix.index.tolist() == ["d1", "d2"] and matrix.index.name == "doc_id"
    assert matrix.columns.tolist() == ["A", "B", "C", "D", "E", "N"]
    assert matrix.values.tolist() == [[1, 3, 1, 1, 0, 2], [0, 0, 2, 1, 1, 0]]
    assert dfm(COLL_TOKENS, by="region").values.tolist() == [[1, 3, 3, 2, 1, 2]]


def test_content_token_counts_are_the_dfm_row_sums():
    from zerocovid.analyzers.vocabulary import n_content_tokens

    counts = n_content_tokens(COLL_TOKENS, by="doc_id")
    assert counts.to_dict() == {"d1": 8, "d2": 4} and counts.name == "content_tokens"
    assert counts.tolist() == dfm(COLL_TOKENS, by="doc_id").sum(axis=1).tolist()


def test_dfm_bad_and_empty():
    with pytest.raises(ValueError):
        dfm(COLL_TOKENS, by="outlet")
    with pytest.raises(ValueError, match="missing values"):
        dfm(COLL_TOKENS.assign(region=None), by="region")
    assert dfm(COLL_TOKENS.iloc[0:0]).empty


def test_keyness_on_the_corpus_is_consistent(docs):
    table = keyness(zc.tokens(docs), min_freq=3)
    # 物业 (property management) occurs 18 times, all in the Xuchang article
    row = table[(table["group"] == "Xuchang") & (table["token"] == "物业")].iloc[0]
    assert (row["n_target"], row["n_reference"]) == (18, 0)
    assert row["g2"] > 0 and row["log_ratio"] > 0
    # every group sees the same corpus: target + reference sizes and counts add up per token
    assert (table["target_size"] + table["reference_size"]).nunique() == 1
    per_token = table.groupby("token")[["n_target", "n_reference"]].agg(["sum", "first"])
    first_total = per_token[("n_target", "first")] + per_token[("n_reference", "first")]
    assert (per_token[("n_target", "sum")] == first_total).all()



def test_keyness_computes_each_row_as_the_scalar_functions_do(docs):
    """keyness computes every cell at once; the scalar log_likelihood, g2_p_value and log_ratio stay the
    reference, float for float, on the committed corpus by region and by article (zero counts included)."""
    tokens = zc.tokens(docs)
    for by in ("region", "doc_id"):
        table = keyness(tokens, by=by, min_freq=2)
        assert (table["n_target"] == 0).any() and (table["n_reference"] == 0).any()
        for row in table.itertuples():
            a, b = row.n_target, row.n_reference
            g2 = log_likelihood(a, b, row.target_size - a, row.reference_size - b)
            assert (row.g2, row.p_value) == (g2, g2_p_value(g2))
            assert row.log_ratio == log_ratio(a, row.target_size, b, row.reference_size)

# ---------------------------------------------------------------- keyword summary, chart, default terms

def test_the_documented_token_columns_are_enough(docs):
    """keyness, collocations and dfm give the same tables without is_punct and is_stopword."""
    full = zc.tokens(docs)
    documented = full[["doc_id", "region", "sent_no", "start", "end", "token"]]
    pd.testing.assert_frame_equal(keyness(documented), keyness(full))
    pd.testing.assert_frame_equal(dfm(documented), dfm(full))
    pd.testing.assert_frame_equal(collocations(documented, "歉意"), collocations(full, "歉意"))
    assert len(collocations(full, "歉意")) > 0


def test_top_keywords_keeps_significant_over_used_tokens():
    table = keyness(KEY_TOKENS, min_freq=1)
    # West: z (G² 7.29, p 0.007) passes p <= 0.05; w (G² 3.56, p 0.059) does not. East's b1..b18 (1 vs 0):
    # a=1, b=0, c=19, d=10; E_a = 20/30, E_c = 29·20/30, E_d = 29·10/30
    # G² = 2·(ln 1.5 + 19 ln(19/19.333) + 10 ln(10/9.667)) = 2·(0.405465 − 0.330448 + 0.339016) = 0.83, p 0.36
    top = top_keywords(table, n=5)
    assert top[["group", "token"]].values.tolist() == [["West", "z"]]
    assert top_keywords(table, n=5, max_p=0.1)["token"].tolist() == ["z", "w"]
    assert top_keywords(table, n=1, max_p=1)[["group", "token"]].values.tolist() == [["East", "b1"], ["West", "z"]]
    with pytest.raises(ValueError):
        top_keywords(table, max_p=2)


def test_plot_keywords_one_panel_per_group_and_empty_panels():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    top = top_keywords(keyness(KEY_TOKENS, min_freq=1), n=3)
    fig = plot_keywords(top, groups=["West", "East", "North"], ncols=2)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["West", "East", "North"]
    assert [t.get_text() for t in visible[0].get_yticklabels()] == ["z (3)"]
    assert [t.get_text() for t in visible[1].texts] == ["no keyword"]
    plt.close(fig)
    with pytest.raises(ValueError):
        plot_keywords(top, ncols=0)


def test_plot_keywords_draws_the_groups_with_the_most_content_tokens_beyond_the_cap():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from zerocovid.report.plotting import MAX_PANELS
    groups = [f"G{i:02d}" for i in range(MAX_PANELS + 2)]
    # G13 has no keyword (no size), G00 and G07 the fewest content tokens: G07 is the 12th largest
    sizes = {g: 1000 + i for i, g in enumerate(groups)} | {"G00": 10, "G07": 20}
    top = pd.DataFrame([{"group": g, "token": "w", "n_target": 5, "target_size": sizes[g], "g2": 9.0}
                        for g in groups if g != "G13"])
    fig = plot_keywords(top, groups=groups, ncols=4)
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert titles == [g for g in groups if g not in ("G00", "G13")]
    assert fig._suptitle.get_text() == (f"The {MAX_PANELS} of {MAX_PANELS + 2} groups with the most content tokens; "
                                        "top_keywords() lists every group's keywords")
    plt.close(fig)
    fig = plot_keywords(top[top["group"].isin(groups[:MAX_PANELS])], groups=groups[:MAX_PANELS])
    assert fig._suptitle is None and len([ax for ax in fig.axes if ax.get_visible()]) == MAX_PANELS
    plt.close(fig)


def test_default_terms_have_glosses():
    terms = default_terms("concordance")
    assert terms["word"].tolist() == ["整改", "短板", "歉意", "保障", "闭环"]
    assert terms["gloss"].str.len().gt(0).all()
    nodes = default_terms("collocation_nodes")
    assert nodes.set_index("word")["forms"].to_dict() == {"群众": ["群众"], "歉意": ["歉意", "深表歉意"]}
    with pytest.raises(ValueError):
        default_terms("nodes")


def test_remembered_factorization_follows_a_changed_column_and_stays_bounded():
    """Keyness and collocations remember how they factorized an Arrow column; a value assigned to the
    column afterwards is counted, as a fresh copy of the frame counts it, and at most FACTORIZED_KEPT
    columns are remembered."""
    from zerocovid.analyzers import vocabulary

    tokens = make_tokens([("a1", "A", ["群众", "核酸", "检测", "。"]), ("a2", "A", ["群众", "核酸", "。"]),
                          ("b1", "B", ["群众", "物资", "。"]), ("b2", "B", ["物资", "配送", "。"])])
    assert isinstance(tokens["token"].array, pd.arrays.ArrowExtensionArray)
    before = collocations(tokens, "群众", span=2, min_freq=1)
    assert before["collocate"].tolist() == ["核酸", "检测", "物资"]
    tokens.loc[tokens["token"] == "配送", "token"] = "群众"        # b2 now holds the node too
    after = collocations(tokens, "群众", span=2, min_freq=1)
    pd.testing.assert_frame_equal(after, collocations(tokens.copy(deep=True), "群众", span=2, min_freq=1))
    assert after.set_index("collocate")["n_collocate_in_span"].to_dict() == {"物资": 2, "核酸": 2, "检测": 1}
    for n in range(vocabulary.FACTORIZED_KEPT + 3):
        keyness(tokens.assign(region=[f"r{n}"] * (len(tokens) - 1) + ["z"]), by="region", min_freq=1)
    assert len(vocabulary._factorized) == vocabulary.FACTORIZED_KEPT
