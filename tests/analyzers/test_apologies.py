"""find_apologies / acknowledgements / response_strategies against the hand-made gold sets (the five
seed articles and the held-out invented articles, compared by tests/harness.py) and invented
sentences (hard negatives and general positives).

The held-out articles in tests/heldout/apologies/ were written for the test (see the header of its
gold.yaml): a vice-mayor's bow in Shanghai, a district's signed notice on a child's death in
Lanzhou, an Urumqi press conference that only acknowledges fault, a Zhengzhou hospital's apology
letter and the order to apologise, a Changchun street-office secretary's 对不起. The gold was
annotated by hand before the analyzer was run on them.
"""
from __future__ import annotations

import pandas as pd
import pytest

import harness
from zerocovid.analyzers.apologies import (
    ACKNOWLEDGEMENT_COLUMNS, APOLOGY_COLUMNS, STRATEGY_COLUMNS, acknowledgements, apologizer_level,
    find_apologies, response_strategies,
)

GOLD = harness.gold_sets("apologies")


@pytest.fixture(scope="module")
def apologies(docs):
    return find_apologies(docs)


# ------------------------------------------------------------------ the gold sets

def test_provenance_of_sentence_formula_and_offense(gold_docs):
    found = find_apologies(gold_docs)
    assert list(found.columns) == APOLOGY_COLUMNS
    for row in found.itertuples():
        text = gold_docs.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == row.sentence
        assert row.start <= row.formula_start < row.formula_end <= row.end
        assert text[row.formula_start:row.formula_end].startswith(row.formula.split(" … ")[0])
        if row.offense:
            assert text[row.offense_start:row.offense_end] == row.offense
        assert row.passage_start <= row.start and row.end <= row.passage_end


def test_rows_sorted_and_index_reset(gold_docs):
    found = find_apologies(gold_docs)
    keys = list(zip(found.doc_id, found.start, found.formula_start))
    assert keys == sorted(keys)
    assert list(found.index) == list(range(len(found)))


def test_acknowledgements_provenance_and_order(gold_docs):
    found = acknowledgements(gold_docs)
    assert list(found.columns) == ACKNOWLEDGEMENT_COLUMNS
    for row in found.itertuples():
        text = gold_docs.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == row.sentence
        assert text[row.phrase_start:row.phrase_end] == row.phrase.split("; ")[0]
        assert text[row.offense_start:row.offense_end] == row.offense
    keys = list(zip(found.doc_id, found.start))
    assert keys == sorted(keys)


def test_response_strategies_provenance(gold_docs):
    cues = response_strategies(gold_docs)
    assert list(cues.columns) == STRATEGY_COLUMNS
    for row in cues.itertuples():
        assert gold_docs.loc[row.doc_id, "text"][row.start:row.end] == row.cue


# ------------------------------------------------------------------ the seed articles

def test_offense_without_words_in_sentence_points_to_earlier_problem(apologies):
    korla = apologies[(apologies.doc_id == "2022-09-09_korla") & (apologies["mode"] == "direct")].iloc[0]
    assert korla.offense_source == "antecedent"
    assert korla.offense.startswith("我们工作中存在的这些问题")
    yili = apologies[apologies.apologizer == "伊犁州党委、政府"].iloc[0]
    assert yili.offense_source == "antecedent"          # 由此 … refers back within the sentence


def test_speaker_of_direct_apologies(apologies):
    direct = apologies[apologies["mode"] == "direct"]
    assert list(direct.speaker) == ["市卫生健康委主任刘顺智", "市卫生健康委主任刘顺智", ""]


def test_strategies_in_the_passage(apologies):
    korla = apologies[(apologies.doc_id == "2022-09-09_korla") & ~apologies.restates]
    assert korla.strategies.iloc[0] == ("benoit.corrective_action; benoit.defeasibility; benoit.mortification; "
                                        "ccsarp.explanation; ccsarp.explicit_apology; ccsarp.forbearance; "
                                        "ccsarp.responsibility")
    cadres = korla.strategies.iloc[1].split("; ")
    assert {"accountability.dismissal", "accountability.discipline_referral", "ccsarp.offer_of_repair",
            "benoit.scapegoating"} <= set(cadres)
    hospital = apologies[apologies["mode"] == "ordered"].strategies.iloc[0].split("; ")
    assert {"accountability.suspension", "accountability.dismissal", "ccsarp.offer_of_repair"} <= set(hospital)
    for value in apologies.strategies:
        codes = value.split("; ")
        assert codes == sorted(set(codes))


def test_response_strategies_blame_targets(docs):
    cues = response_strategies(docs)
    blamed = cues[cues.stance == "deflect"].groupby("region").target.agg(lambda t: sorted(set(t) - {""}))
    assert blamed["Yili"] == ["abroad", "individual", "rumour", "virus"]
    assert blamed["Korla"] == ["community_cadres", "company", "virus"]
    assert blamed["Xi'an"] == ["hospital"]


# ------------------------------------------------------------------ the held-out articles

def test_heldout_urumqi_acknowledges_but_does_not_apologise(heldout_docs):
    found = find_apologies(heldout_docs)
    assert "Urumqi" not in set(found.region)
    assert (acknowledgements(heldout_docs).region == "Urumqi").sum() == 2


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


# ------------------------------------------------------------------ invented sentences

HARD_NEGATIVES = [
    "网民要求市长道歉。",                                 # demanded by the public
    "不少网友呼吁涉事医院公开道歉。",                       # called for
    "家属强烈要求院方道歉。",                               # demanded by relatives
    "涉事企业至今拒绝道歉。",                               # refused
    "市长是否会向市民道歉？",                               # asked about
    "有记者追问，相关部门会不会道歉。",                      # asked about, no question mark
    "他没有向居民道歉。",                                   # negated
    "院方表示，此事不需要道歉。",                           # negated (need not)
    "工作人员从未道歉。",                                   # negated (never)
    "晚会上演唱了歌曲《我向你道歉》。",                      # inside a title
    "“道歉”一词在通报中出现了两次。",                      # the word quoted, not used
    "页面提示：抱歉，您访问的页面不存在。",                  # 抱歉 as a politeness opener
    "对不起，这里是自动语音服务。",                          # 对不起 as a politeness opener
    "这份歉意清单列出了十项问题。",                          # 歉意 outside a formula
    # written with the held-out articles
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
def test_hard_negatives_are_not_apologies(make_docs, sentence):
    assert find_apologies(make_docs(sentence)).empty


def test_general_positives(make_docs):
    found = find_apologies(make_docs(
        "会上，市卫健委主任张某表示，我代表市卫健委向患者家属诚挚道歉。",
        "县政府责令涉事企业向消费者公开道歉。",
        "区长李某表示，我们对工作中的失误深表歉意。",
    ))
    assert found[["apologizer", "apologizer_level", "mode", "recipient", "formula"]].values.tolist() == [
        ["市卫健委", "agency", "direct", "患者家属", "诚挚道歉"],
        ["涉事企业", "company", "ordered", "消费者", "公开道歉"],
        ["区长李某", "city", "direct", "", "深表歉意"],
    ]
    assert found.offense.tolist() == ["", "", "工作中的失误"]


def test_general_positives_next_to_the_blockers(make_docs):
    found = find_apologies(make_docs(
        "群众反映强烈，市卫健委已要求涉事医院向患者道歉。",           # the public opens, the commission orders
        "市长表示，希望得到市民谅解，并再次向市民道歉。",              # a wish in another clause
        "对于涉事的保供企业，区政府已责令其向居民公开道歉。",          # 其 → the company named before
        "区卫健委在官网发布致歉信，向受影响的群众致歉。",              # a published letter: one act with its content
    ))
    assert found[["apologizer", "apologizer_level", "mode", "recipient"]].values.tolist() == [
        ["涉事医院", "hospital", "ordered", "患者"],
        ["市长", "city", "reported", "市民"],              # a paraphrase: no first person, no quotation
        ["涉事的保供企业", "company", "ordered", "居民"],
        ["区卫健委", "agency", "reported", "受影响的群众"],
    ]


def test_signed_notice_speaks_for_its_signatory(make_docs):
    found = find_apologies(make_docs("对此，我们深感痛心，向遇难者家属致以诚挚的歉意。\n某县人民政府\n2022年11月26日"))
    assert found[["apologizer", "apologizer_level", "mode"]].values.tolist() == [["某县人民政府", "city", "direct"]]


def test_quote_attributed_after_the_closing_mark(make_docs):
    found = find_apologies(make_docs("市交通运输局局长张某介绍了情况。\n“我们对不起全市人民。”张某说。"))
    assert found[["apologizer", "mode", "recipient"]].values.tolist() == [["市交通运输局局长张某", "direct", "全市人民"]]


def test_other_forms_of_apology(make_docs):
    found = find_apologies(make_docs(
        "副市长李某表示，我们向大家说声对不起。",
        "对此，市政府向遇难者家属致以深切的哀悼和诚挚的歉意。",
        "石家庄市疫情防控领导小组办公室发布致歉信称，向全市人民致歉。",
        "该公司负责人表示，对给顾客带来的不便表示歉意。",
        "市卫健委主任孙某表示，近期工作存在不足。他说：“对不起，是我们的工作没有做到位。”",
        "副区长赵某说，我必须向大家道歉。",
        "本公司对此次配送延误向广大顾客诚挚道歉。",
    ))
    assert found[["doc_id", "formula", "apologizer", "apologizer_level", "mode", "recipient"]].values.tolist() == [
        ["doc1", "说声对不起", "副市长李某", "city", "direct", "大家"],
        ["doc2", "致以深切的哀悼和诚挚的歉意", "市政府", "city", "reported", "遇难者家属"],
        ["doc3", "致歉", "石家庄市疫情防控领导小组办公室", "agency", "reported", "全市人民"],   # the letter's words; its publication is a mention
        ["doc4", "表示歉意", "该公司负责人", "company", "reported", "顾客"],   # a paraphrase
        ["doc5", "对不起", "市卫健委主任孙某", "agency", "direct", ""],
        ["doc6", "道歉", "副区长赵某", "city", "direct", "大家"],
        ["doc7", "诚挚道歉", "本公司", "company", "direct", "广大顾客"],
    ]


def test_headline_and_lead_restate_the_body_act(make_docs):
    found = find_apologies(make_docs(
        "市政府鞠躬道歉\n会上，市长王某表示，我代表市政府向全体市民深深地道歉。",
        "据报道，某市政府就停水问题公开道歉。\n市长李某表示，我代表市政府向市民表示深深的歉意。",
    ))
    assert found[["doc_id", "apologizer", "mode", "gesture", "restates"]].values.tolist() == [
        ["doc1", "市政府", "reported", "鞠躬", True],      # headline
        ["doc1", "市政府", "direct", "鞠躬", False],       # the act, bow taken from its headline
        ["doc2", "某市政府", "reported", "", True],        # lead summary
        ["doc2", "市政府", "direct", "", False],
    ]
    assert found.offense.tolist()[2] == "停水问题"


def test_two_apologies_in_one_sentence_are_two_acts_unless_one_adds_nothing(make_docs):
    found = find_apologies(make_docs("局长表示，我代表市水务局向受影响的居民诚挚道歉，对工作中的失误表示深深的歉意。",
                                     "区政府公开道歉，向大家表示诚挚的歉意。"))
    assert found[["doc_id", "formula", "recipient", "offense"]].values.tolist() == [
        ["doc1", "诚挚道歉", "受影响的居民", ""],
        ["doc1", "表示深深的歉意", "", "工作中的失误"],
        ["doc2", "公开道歉 … 表示诚挚的歉意", "大家", ""],
    ]


@pytest.mark.parametrize("title", ["新闻发言人", "专员", "主任"])
def test_bare_speaker_name_takes_any_title_of_the_lexicon(make_docs, title):
    # one title list (apologies.yaml title_suffixes) serves actors, speaker lines and full names
    text = (f"市政府{title}王明华出席发布会。王明华说：“我们对工作中的失误深表歉意。”")
    found = find_apologies(make_docs(text))
    assert found.speaker.tolist() == [f"市政府{title}王明华"]


def test_levels():
    assert apologizer_level("伊犁州党委、政府") == "prefecture"
    assert apologizer_level("库尔勒市委、市人民政府") == "city"
    assert apologizer_level("市卫生健康委") == "agency"
    assert apologizer_level("社区干部、相关企业负责人") == "community; company"
    assert apologizer_level("刘顺智") == "individual"
    assert apologizer_level("") == ""


# ------------------------------------------------------------------ arguments

def test_empty_input_gives_empty_frames_with_columns(make_docs):
    empty = make_docs().astype({"doc_id": "str", "region": "str", "text": "str"})
    assert list(find_apologies(empty).columns) == APOLOGY_COLUMNS and find_apologies(empty).empty
    assert list(acknowledgements(empty).columns) == ACKNOWLEDGEMENT_COLUMNS
    assert list(response_strategies(empty).columns) == STRATEGY_COLUMNS


def test_bad_arguments_raise_value_error():
    with pytest.raises(ValueError, match="lacks the column"):
        find_apologies(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ValueError):
        find_apologies("not a frame")
