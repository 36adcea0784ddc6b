"""findings(tables): the conclusions computed from the coded tables — on the committed corpus, checked
against its adjudicated gold (tests/gold/), and on invented corpora of other places, where they must name
only those places, state absences and ties, normalise by text length and count re-posts once."""
from __future__ import annotations

import pandas as pd
import pytest

import zerocovid as zc
from zerocovid.pipeline import CODED_TABLES
from zerocovid.report.findings import FINDING_COLUMNS, findings, findings_markdown, show_findings


def tables_of(docs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The coded tables of an invented corpus, as coded_tables gives them."""
    docs = docs.assign(n_chars=docs["text"].str.len(),
                       published=pd.to_datetime(docs["event_date"]).dt.tz_localize("Asia/Shanghai"))
    return {"documents": docs.reset_index(drop=True), **{name: function(docs) for name, function in CODED_TABLES.items()
                                                         if name not in ("sentences", "tokens")}}


@pytest.fixture(scope="module")
def committed():
    return findings(zc.coded_tables())


def text_of(frame: pd.DataFrame, key: str, region: str = "") -> list[str]:
    return frame.loc[(frame["key"] == key) & (frame["region"] == region), "text"].tolist()


def test_committed_corpus_findings_agree_with_the_gold(committed):
    """Acts per region as the adjudicated gold counts them (tests/gold/apologies.yaml: Xi'an 4 acts and 2
    restatements, Korla 2 + 2, Yili 2, Xuchang none), rates per 10,000 characters of each region's text."""
    assert list(committed.columns) == FINDING_COLUMNS
    assert text_of(committed, "apologies.rate") == [
        "Apology acts per 10,000 characters: Xi'an (4 acts in 1 article) at 20.5; Korla (2 acts in 1 article) "
        "at 8.8; Yili (2 acts in 2 articles) at 4.4."]
    assert text_of(committed, "apologies.none", "Xuchang") == ["No apology act was found in the 1 article from Xuchang."]
    assert text_of(committed, "acknowledgements.without_apology", "Xuchang") == [
        "Xuchang acknowledges shortcomings (1 sentence) without apologising."]


def test_ordered_apologies_are_found_where_the_gold_has_them(committed):
    """The hand-written notebook said Xi'an had the only ordered apologies; the gold codes Korla's
    organised apology (组织社区干部…诚恳道歉) as ordered too."""
    row = committed[committed["key"] == "apologies.mode.ordered"].iloc[0]
    assert row.text == "Ordered apologies are found in Korla (1) and Xi'an (2)."
    assert row.citations == "2022-01-07_xian @1135–1170; 2022-09-09_korla @1741–1904"


def test_highest_level_and_strongest_act_cite_their_evidence(committed):
    assert text_of(committed, "apologies.highest_level", "Yili") == [
        "Yili's highest-ranking apologizer is at the prefecture level: 伊犁州党委、政府."]
    strongest = committed[committed["key"] == "apologies.strongest"].iloc[0]
    assert strongest.citations == "2022-01-07_xian @1216–1276"   # two acts of one sentence, cited once


def test_another_corpus_names_only_its_own_places(make_docs):
    docs = make_docs(
        "东川市副市长王某表示，我代表市政府向市民深深地道歉。",
        "城南区召开发布会，通报配送情况。",
        "城南区卫健委指出，部分小区物资配送不到位，存在短板和不足。",
        region=["Dongchuan", "Chengnan", "Chengnan"])
    frame = findings(tables_of(docs))
    text = findings_markdown(frame)
    for committed_place in ("Yili", "Korla", "Xuchang", "Xi'an"):
        assert committed_place not in text
    assert text_of(frame, "apologies.none", "Chengnan") == ["No apology act was found in the 2 articles from Chengnan."]
    assert text_of(frame, "corpus.single_article") == [
        "Dongchuan is represented by a single article: what is found there describes that article, not the place."]
    assert text_of(frame, "acknowledgements.without_apology", "Chengnan") == [
        "Chengnan acknowledges shortcomings (1 sentence) without apologising."]


def test_rates_follow_text_length_and_ties_are_ties(make_docs):
    """Two places with one act each: the shorter text has the higher rate; equal texts tie."""
    act = "市政府向市民道歉。"
    docs = make_docs(act, act + "其他内容。" * 9, act, region=["Short", "Long", "Same"])
    rate = text_of(findings(tables_of(docs)), "apologies.rate")[0]
    assert rate == ("Apology acts per 10,000 characters: Same (1 act in 1 article) and Short (1 act in 1 article) "
                    "tie at 1111.1; Long (1 act in 1 article) at 185.2.")


def test_a_reposted_article_counts_once(make_docs):
    act = "市政府向市民道歉。"
    docs = make_docs(act, act, region="Dongchuan", duplicate_of=["", "doc1"])
    frame = findings(tables_of(docs))
    assert text_of(frame, "apologies.rate") == ["Apology acts per 10,000 characters: Dongchuan (1 act in 1 article) at 1111.1."]


def test_markdown_and_unknown_topics():
    empty = pd.DataFrame(columns=FINDING_COLUMNS)
    assert findings_markdown(empty) == "- Nothing to report: the selection holds no coded rows."
    assert show_findings(empty)._repr_markdown_() == findings_markdown(empty)
    with pytest.raises(ValueError, match="unknown topics"):
        findings({"documents": pd.DataFrame()}, topics=["weather"])


def test_an_article_bundling_several_occasions_says_so(committed):
    assert text_of(committed, "corpus.several_occasions", "Xi'an") == [
        "2022-01-07_xian reports 3 occasions: a press conference on 2022-01-06, a press conference on 2022-01-05 "
        "and a press conference on 2022-01-03; its rows are not one statement."]


def test_many_absences_make_one_finding(make_docs):
    docs = make_docs(*["全市新增确诊病例3例。"] * 4 + ["市政府向市民道歉。"], region=["A", "B", "C", "D", "E"])
    assert text_of(findings(tables_of(docs)), "apologies.none") == [
        "No apology act was found for 4 places: A (1 article), B (1 article), C (1 article) and D (1 article)."]


def test_many_articles_bundling_occasions_make_one_finding(make_docs):
    """Beyond three such articles (a large corpus) one finding counts them and names the first three."""
    two = "1月5日，东川市召开新闻发布会。1月6日，东川市召开新闻发布会，通报情况。"
    docs = make_docs(*[two] * 5, "1月5日，东川市召开新闻发布会。", region="Dongchuan")
    frame = findings(tables_of(docs), topics=["corpus"])
    [text] = text_of(frame, "corpus.several_occasions")
    assert text == ("5 of 6 articles report several occasions (of different kinds or days): doc1, doc2, doc3 and "
                    "2 more; their rows are not one statement (the events table lists them).")
    assert frame.loc[frame["key"] == "corpus.several_occasions", "citations"].item().count("doc") == 6
