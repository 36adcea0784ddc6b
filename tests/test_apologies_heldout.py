"""Held-out check of zerocovid.analyzers.apologies on invented articles from places outside the seed corpus.

The articles in tests/heldout/apologies/ were written for this test (see the header of its
gold.yaml): a vice-mayor's bow in Shanghai, a district's signed notice on a child's death in
Lanzhou, an Urumqi press conference that only acknowledges fault, a Zhengzhou hospital's apology
letter and the order to apologise, a Changchun street-office secretary's 对不起. The gold was
annotated by hand before the analyzer was run on them. The hard negatives at the end are invented
sentences that must yield no apology.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

import zerocovid as zc
from conftest import heldout_corpus
from zerocovid.analyzers.apologies import acknowledgements, find_apologies, response_strategies

HELDOUT = Path(__file__).parent / "heldout" / "apologies"
GOLD = yaml.safe_load((HELDOUT / "gold.yaml").read_text(encoding="utf-8"))
FIELDS = ["apologizer", "apologizer_level", "mode", "recipient", "gesture", "restates"]
OPENING_QUOTES = "“‘「『"


@pytest.fixture(scope="module")
def heldout_docs(tmp_path_factory) -> pd.DataFrame:
    """A corpus folder (raw/ + manifest.csv) holding the held-out articles, loaded by the loader."""
    folder = heldout_corpus(HELDOUT, GOLD["articles"], tmp_path_factory.mktemp("heldout_apologies"))
    return zc.load_documents(folder)


def _starts_with(sentence: str, starts: str) -> bool:
    return sentence.lstrip(OPENING_QUOTES).startswith(starts)


def evaluate_acts(found: pd.DataFrame, gold: list[dict]) -> dict:
    """Act precision / recall (same document, sentence and formula) and field accuracy on matches."""
    rows = found.to_dict("records")
    matched, used = [], set()
    for g in gold:
        hit = next((i for i, r in enumerate(rows) if i not in used and r["doc_id"] == g["doc_id"]
                    and r["formula"] == g["formula"] and _starts_with(r["sentence"], g["starts"])), None)
        if hit is not None:
            used.add(hit)
            matched.append((g, rows[hit]))
    fields = {f: sum(g[f] == r[f] for g, r in matched) for f in FIELDS}
    return {"found": len(rows), "gold": len(gold), "matched": len(matched),
            "precision": len(matched) / len(rows) if rows else 1.0,
            "recall": len(matched) / len(gold) if gold else 1.0,
            "field_errors": [(g["starts"], g["formula"], f, g[f], r[f]) for g, r in matched
                             for f in FIELDS if g[f] != r[f]],
            "fields_correct": fields}


def test_every_heldout_act_found_and_nothing_else(heldout_docs):
    found = find_apologies(heldout_docs)
    score = evaluate_acts(found, GOLD["acts"])
    assert (score["precision"], score["recall"]) == (1.0, 1.0), found[["doc_id", "sentence", "formula"]]
    assert score["field_errors"] == []


def test_heldout_provenance(heldout_docs):
    found = find_apologies(heldout_docs)
    for row in found.itertuples():
        text = heldout_docs.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == row.sentence
        if row.offense:
            assert text[row.offense_start:row.offense_end] == row.offense


def test_heldout_acknowledgements(heldout_docs):
    found = acknowledgements(heldout_docs)
    got = [(r.doc_id, r.sentence.lstrip(OPENING_QUOTES)) for r in found.itertuples()]
    expected = [(g["doc_id"], g["starts"]) for g in GOLD["acknowledgements"]]
    assert len(got) == len(expected)
    for (doc_id, sentence), (gold_doc, starts) in zip(sorted(got), sorted(expected)):
        assert doc_id == gold_doc and sentence.startswith(starts)


def test_heldout_urumqi_acknowledges_but_does_not_apologise(heldout_docs):
    found = find_apologies(heldout_docs)
    assert "Urumqi" not in set(found.region)
    assert (acknowledgements(heldout_docs).region == "Urumqi").sum() == 2


def corpus(*texts: str) -> pd.DataFrame:
    """A documents frame of invented texts (only the columns the analyzer reads)."""
    return pd.DataFrame({"doc_id": [f"doc{n}" for n in range(1, len(texts) + 1)],
                         "region": "Testland", "text": list(texts)})


HARD_NEGATIVES = [
    "部分居民在业主群中表示，希望区里能够公开道歉。",            # wished for by residents
    "也有居民认为，道歉之外更重要的是把物资送到家。",            # 道歉 as a topic noun
    "致歉信称，医院将全力配合调查。",                          # the letter as a subject
    "记者问：市里会不会向遇难者家属道歉？",                    # asked about
    "截至发稿时，该公司仍拒绝道歉。",                          # refused
    "有网民要求市政府公开道歉，对此，发言人未作回应。",          # demanded, not answered
    "市委常委、副市长王某表示，这起事故令人痛心，我们深感自责。",  # acknowledgement only
    "对于群众的批评，我们虚心接受，工作存在疏漏。",              # acknowledgement only
    "他表示，道歉不能代替问责。",                              # 道歉 as a topic noun
    "区长并未就此事道歉。",                                    # negated
    "多名家属表示，至今没有任何人向他们道歉。",                  # negated (nobody)
    "网友纷纷留言，要求涉事物业公司道歉。",                      # demanded by netizens
    "网友：政府应该道歉。",                                    # an opinion that someone should
    "“对不起，您拨打的电话已关机。”",                          # a recorded message, no speaker
    "涉事医院院长已被免职，该院表示将接受调查，但未公开致歉。",    # negated after a sanction
]


@pytest.mark.parametrize("sentence", HARD_NEGATIVES)
def test_heldout_hard_negatives_are_not_apologies(sentence):
    assert find_apologies(corpus(sentence)).empty


def test_heldout_general_positives_next_to_the_new_blockers():
    found = find_apologies(corpus(
        "群众反映强烈，市卫健委已要求涉事医院向患者道歉。",           # the public opens, the commission orders
        "市长表示，希望得到市民谅解，并再次向市民道歉。",              # a wish in another clause
        "对于涉事的保供企业，区政府已责令其向居民公开道歉。",          # 其 → the company named before
        "区卫健委在官网发布致歉信，向受影响的群众致歉。",              # a published letter: one act with its content
    ))
    assert found[["apologizer", "apologizer_level", "mode", "recipient"]].values.tolist() == [
        ["涉事医院", "hospital", "ordered", "患者"],
        ["市长", "city", "direct", "市民"],
        ["涉事的保供企业", "company", "ordered", "居民"],
        ["区卫健委", "agency", "reported", "受影响的群众"],
    ]


def test_heldout_signed_notice_speaks_for_its_signatory():
    found = find_apologies(corpus("对此，我们深感痛心，向遇难者家属致以诚挚的歉意。\n某县人民政府\n2022年11月26日"))
    assert found[["apologizer", "apologizer_level", "mode"]].values.tolist() == [["某县人民政府", "city", "direct"]]


def test_heldout_quote_attributed_after_the_closing_mark():
    found = find_apologies(corpus("市交通运输局局长张某介绍了情况。\n“我们对不起全市人民。”张某说。"))
    assert found[["apologizer", "mode", "recipient"]].values.tolist() == [["市交通运输局局长张某", "direct", "全市人民"]]


def test_heldout_other_forms_of_apology():
    found = find_apologies(corpus(
        "副市长李某表示，我们向大家说声对不起。",
        "对此，市政府向遇难者家属致以深切的哀悼和诚挚的歉意。",
        "石家庄市疫情防控领导小组办公室发布致歉信称，向全市人民致歉。",
        "该公司负责人表示，对给顾客带来的不便表示歉意。",
        "市卫健委主任孙某表示，近期工作存在不足。他说：“对不起，是我们的工作没有做到位。”",
        "副区长赵某说，我必须向大家道歉。",
        "本公司对此次配送延误向广大顾客诚挚道歉。",
    ))
    assert found[["doc_id", "formula", "apologizer", "apologizer_level", "mode", "recipient"]].values.tolist() == [
        ["doc1", "说声对不起", "副市长李某", "individual", "direct", "大家"],
        ["doc2", "致以深切的哀悼和诚挚的歉意", "市政府", "city", "reported", "遇难者家属"],
        ["doc3", "致歉 … 致歉", "石家庄市疫情防控领导小组办公室", "agency", "reported", "全市人民"],
        ["doc4", "表示歉意", "该公司负责人", "company", "direct", "顾客"],
        ["doc5", "对不起", "市卫健委主任孙某", "individual", "direct", ""],
        ["doc6", "道歉", "副区长赵某", "individual", "direct", "大家"],
        ["doc7", "诚挚道歉", "本公司", "company", "direct", "广大顾客"],
    ]


def test_heldout_accountability_actions(heldout_docs):
    cues = response_strategies(heldout_docs)
    sanctions = cues[cues.stance == "sanction"].groupby("doc_id").code.agg(lambda c: sorted(set(c))).to_dict()
    assert sanctions == {
        "2022-01-05_zhengzhou": ["accountability.dismissal", "accountability.suspension"],
        "2022-04-13_changchun": ["accountability.discipline_referral"],                # 立案审查
        "2022-04-19_shanghai": ["accountability.discipline_referral", "accountability.pursue_liability"],
        "2022-11-03_lanzhou": ["accountability.discipline_referral", "accountability.dismissal",
                               "accountability.pursue_liability", "accountability.suspension"],
        "2022-11-16_guangzhou": ["accountability.suspension"],
    }
    for row in cues.itertuples():
        assert heldout_docs.loc[row.doc_id, "text"][row.start:row.end] == row.cue
