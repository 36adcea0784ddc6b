"""The comparison tables of the notebooks and briefings (zerocovid.report.tables) on the seed articles."""
from __future__ import annotations

import pandas as pd
import pytest

import zerocovid as zc

from zerocovid.analyzers.apologies import acknowledgements, find_apologies, response_strategies, strategy_codes
from zerocovid.analyzers.figures import extract_figures
from zerocovid.analyzers.measures import extract_measures
from zerocovid.report.tables import (admitted_vs_promised, apology_summary, count_table, figure_coverage,
                                     strategy_matrix)


@pytest.fixture(scope="module")
def measures(docs):
    return extract_measures(docs)


# ------------------------------------------------------------------ apologies

def test_apology_summary_per_region(docs):
    summary = apology_summary(find_apologies(docs), acknowledgements(docs),
                              regions=["Yili", "Korla", "Xuchang", "Xi'an", "Wuhan"])
    assert summary[["acts", "direct", "reported", "ordered", "restatements", "max_strength",
                    "acknowledgements"]].values.tolist() == [
        [2, 0, 2, 0, 0, 1, 1], [2, 1, 0, 1, 2, 1, 2], [0, 0, 0, 0, 0, 0, 1], [4, 2, 0, 2, 2, 2, 2],   # the instruction to cadres is no acknowledgement (§4.4 rule 2)
        [0, 0, 0, 0, 0, 0, 0]]
    assert summary.loc["Korla", "apologizers"] == "库尔勒市委、市人民政府; 社区干部、相关企业负责人"


def test_strategy_matrix_on_the_seeds(docs):
    cues = response_strategies(docs)
    matrix = strategy_matrix(cues)
    assert matrix.loc["Korla", "ccsarp.explicit_apology"] == 2     # two acts, restatements left out
    assert matrix.loc["Xuchang", "ccsarp.explicit_apology"] == 0
    assert list(matrix.columns) == strategy_codes()
    grown = strategy_matrix(cues, index=["Yili", "Wuhan"])           # a region without cues → zeros
    assert list(grown.index) == ["Yili", "Wuhan"] and grown.loc["Wuhan"].sum() == 0


def test_strategy_matrix_needs_strategy_cues():
    with pytest.raises(ValueError, match="strategies needs"):
        strategy_matrix(pd.DataFrame({"x": [1]}))


# ------------------------------------------------------------------ measures

def test_count_table_keeps_empty_rows_and_orders(measures):
    table = count_table(measures, rows="region", columns="kind", row_order=["Yili", "Korla", "Nowhere"],
                        column_order=["measure", "shortcoming", "next_step"])
    assert table.to_dict(orient="index") == {
        "Yili": {"measure": 11, "shortcoming": 0, "next_step": 0},
        "Korla": {"measure": 5, "shortcoming": 4, "next_step": 0},
        "Nowhere": {"measure": 0, "shortcoming": 0, "next_step": 0}}
    with pytest.raises(ValueError):
        count_table(measures, rows="place", columns="kind")


def test_admitted_vs_promised_on_korla(measures):
    table = admitted_vs_promised(measures, regions=["Korla"])
    assert table[table["admitted"] > 0]["category"].tolist() == ["tracing", "community_control", "other"]
    assert table["admitted"].sum() == 4 and table["promised"].sum() == 5
    assert set(table[table["promised"] > 0]["category"]) & set(table[table["admitted"] > 0]["category"]) == set()


# ------------------------------------------------------------------ figures

def test_figure_coverage(docs):
    figures = extract_figures(docs)
    coverage = figure_coverage(figures).set_index("doc_id")
    korla = coverage.loc["2022-09-09_korla"]
    assert (korla.n_figures, korla.places, korla.scopes) == (10, "库尔勒市, 新疆维吾尔自治区", "current, new, none")
    assert (korla.first_as_of, korla.last_as_of) == (pd.Timestamp("2022-09-04"), pd.Timestamp("2022-09-09"))
    assert coverage["n_figures"].sum() == len(figures)


def test_figure_coverage_rejects_other_frames():
    with pytest.raises(ValueError):
        figure_coverage(None)


def test_provenance_names_version_lexicons_and_corpus_without_a_path(docs):
    import hashlib
    from importlib.metadata import version

    from zerocovid.lexicons import lexicon_hash

    files = hashlib.sha256("\n".join(sorted(docs["sha256"])).encode()).hexdigest()[:12]
    assert zc.provenance(docs) == (f"zerocovid {version('zerocovid')} · lexicons {lexicon_hash()} · corpus data: "
                                   f"5 articles, raw files {files}")
    one = zc.select_regions(docs, ["Korla"])
    assert zc.provenance(one).endswith("corpus data: 1 article, raw files "
                                       + hashlib.sha256(one["sha256"].iloc[0].encode()).hexdigest()[:12])


def test_apology_comparison_one_row_per_act_with_its_dimensions(docs):
    table = zc.apology_comparison(zc.find_apologies(docs))
    assert list(table.columns) == ["region", "doc_id", "formula", "apologizer", "level", "official", "to whom", "mode",
                                   "strength", "citation"]
    korla = table[table["doc_id"] == "2022-09-09_korla"]
    assert korla[["apologizer", "level", "official", "mode"]].astype(object).values.tolist() == [
        ["库尔勒市委、市人民政府", "city", True, "direct"], ["社区干部、相关企业负责人", "community; company", True, "ordered"]]
    assert len(table) == 8   # the adjudicated gold's acts that restate nothing (tests/gold/apologies.yaml)


def test_group_mentions_count_a_group_once_per_list_item(make_docs):
    docs = make_docs("一是保障低保对象生活，低保对象优先配送，低保户上门服务；二是关注孕妇。\n另外，低保群体较多。")
    by_group = zc.group_mentions(zc.groups(docs))
    assert by_group.to_dict("index") == {"Testland": {"pregnant_women": 1, "low_income": 2}}   # 2: one item, one outside


def test_response_timeline_orders_apologies_and_sanctions_by_their_occasion():
    timeline = zc.response_timeline(zc.coded_tables(), regions=["Korla"])
    assert timeline[["event_no", "what"]].values.tolist()[:2] == [[1, "incident"], [1, "incident"]]  # the offenses
    assert timeline[["event_no", "what", "words"]].values.tolist()[2:] == [
        [1, "apology", "表示深深的歉意"], [1, "apology", "诚恳道歉"],
        [1, "accountability.discipline_referral", "移交纪检监察"], [1, "accountability.dismissal", "免职"]]
    assert set(timeline["event_day"]) == {pd.Timestamp("2022-09-09")}


def test_rates_per_10k_characters_follow_each_regions_text(docs):
    counts = zc.count_table(zc.find_apologies(docs), rows="region", columns="mode", row_order=["Korla", "Xi'an"])
    rates = zc.per_10k_chars(counts, docs)
    chars = docs.groupby("region")["n_chars"].sum()
    assert rates.loc["Korla", "direct"] == round(counts.loc["Korla", "direct"] / chars["Korla"] * 10_000, 1)
    with pytest.raises(ValueError, match="no text for the regions"):
        zc.per_10k_chars(counts.rename(index={"Korla": "Atlantis"}), docs)
