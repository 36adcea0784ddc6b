"""find_apologies / acknowledgements / response_strategies against the hand-made gold list and
invented sentences (hard negatives and general positives)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from zerocovid.analyzers.apologies import (
    ACKNOWLEDGEMENT_COLUMNS, APOLOGY_COLUMNS, STRATEGY_COLUMNS, acknowledgements, apologizer_level,
    find_apologies, response_strategies, strategy_codes,
)
from zerocovid.report.tables import apology_summary, strategy_matrix

GOLD = yaml.safe_load((Path(__file__).parent / "gold" / "apologies.yaml").read_text(encoding="utf-8"))
ACT_FIELDS = ["doc_id", "sentence", "formula", "apologizer", "apologizer_level", "mode", "recipient",
              "gesture", "intensifiers", "restates"]


def corpus(*texts: str, region: str = "Testland") -> pd.DataFrame:
    """A documents frame of invented texts (only the columns the analyzers read)."""
    return pd.DataFrame({"doc_id": [f"doc{n}" for n in range(1, len(texts) + 1)],
                         "region": region, "text": list(texts)})


@pytest.fixture(scope="module")
def apologies(docs):
    return find_apologies(docs)


def test_every_gold_act_found_and_nothing_else(apologies):
    found = apologies[ACT_FIELDS].to_dict("records")
    expected = [{f: act[f] for f in ACT_FIELDS} for act in GOLD["acts"]]
    assert found == expected


def test_offenses_stated_in_the_sentence_or_referred_back_to(apologies):
    for act, row in zip(GOLD["acts"], apologies.itertuples()):
        if "offense" in act:
            assert row.offense == act["offense"], act["sentence"]


def test_offense_without_words_in_sentence_points_to_earlier_problem(apologies):
    korla = apologies[(apologies.doc_id == "2022-09-09_korla") & (apologies["mode"] == "direct")].iloc[0]
    assert korla.offense_source == "antecedent"
    assert korla.offense.startswith("我们工作中存在的这些问题")
    yili = apologies[apologies.apologizer == "伊犁州党委、政府"].iloc[0]
    assert yili.offense_source == "antecedent"          # 由此 … refers back within the sentence


def test_provenance_of_sentence_formula_and_offense(docs, apologies):
    assert list(apologies.columns) == APOLOGY_COLUMNS
    for row in apologies.itertuples():
        text = docs.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == row.sentence
        assert row.start <= row.formula_start < row.formula_end <= row.end
        assert text[row.formula_start:row.formula_end].startswith(row.formula.split(" … ")[0])
        if row.offense:
            assert text[row.offense_start:row.offense_end] == row.offense
        assert row.passage_start <= row.start and row.end <= row.passage_end


def test_rows_sorted_and_index_reset(apologies):
    keys = list(zip(apologies.doc_id, apologies.start, apologies.formula_start))
    assert keys == sorted(keys)
    assert list(apologies.index) == list(range(len(apologies)))


def test_speaker_of_direct_apologies(apologies):
    direct = apologies[apologies["mode"] == "direct"]
    assert list(direct.speaker) == ["市卫生健康委主任刘顺智", "市卫生健康委主任刘顺智", "",
                                    "新疆伊犁哈萨克自治州副州长刘庆华"]


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


def test_acknowledgements_match_gold(docs):
    found = acknowledgements(docs)
    assert list(found.columns) == ACKNOWLEDGEMENT_COLUMNS
    got = [(r.doc_id, r.sentence[:len(g["starts"])], r.phrase, r.speaker_level)
           for r, g in zip(found.itertuples(), GOLD["acknowledgements"])]
    assert got == [(g["doc_id"], g["starts"], g["phrase"], g["speaker_level"]) for g in GOLD["acknowledgements"]]
    assert len(found) == len(GOLD["acknowledgements"])
    for row in found.itertuples():
        text = docs.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == row.sentence
        assert text[row.phrase_start:row.phrase_end] == row.phrase.split("; ")[0]
        assert text[row.offense_start:row.offense_end] == row.offense


def test_response_strategies_provenance_and_blame_targets(docs):
    cues = response_strategies(docs)
    assert list(cues.columns) == STRATEGY_COLUMNS
    for row in cues.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start:row.end] == row.cue
    blamed = cues[cues.stance == "deflect"].groupby("region").target.agg(lambda t: sorted(set(t) - {""}))
    assert blamed["Yili"] == ["abroad", "individual", "rumour", "virus"]
    assert blamed["Korla"] == ["community_cadres", "company", "virus"]
    assert blamed["Xi'an"] == ["hospital"]
    matrix = strategy_matrix(cues)
    assert matrix.loc["Korla", "ccsarp.explicit_apology"] == 2     # two acts, restatements left out
    assert matrix.loc["Xuchang", "ccsarp.explicit_apology"] == 0
    assert list(matrix.columns) == strategy_codes()
    grown = strategy_matrix(cues, index=["Yili", "Wuhan"])           # a region without cues → zeros
    assert list(grown.index) == ["Yili", "Wuhan"] and grown.loc["Wuhan"].sum() == 0


def test_summary_per_region(docs, apologies):
    summary = apology_summary(apologies, acknowledgements(docs), regions=["Yili", "Korla", "Xuchang", "Xi'an", "Wuhan"])
    assert summary[["acts", "direct", "reported", "ordered", "restatements", "max_strength",
                    "acknowledgements"]].values.tolist() == [
        [2, 1, 1, 0, 0, 1, 1], [2, 1, 1, 0, 2, 1, 2], [0, 0, 0, 0, 0, 0, 1], [4, 2, 0, 2, 2, 2, 3],
        [0, 0, 0, 0, 0, 0, 0]]
    assert summary.loc["Korla", "apologizers"] == "库尔勒市委、市人民政府; 社区干部、相关企业负责人"


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
]


@pytest.mark.parametrize("sentence", HARD_NEGATIVES)
def test_hard_negatives_are_not_apologies(sentence):
    assert find_apologies(corpus(sentence)).empty


def test_general_positives():
    found = find_apologies(corpus(
        "会上，市卫健委主任张某表示，我代表市卫健委向患者家属诚挚道歉。",
        "县政府责令涉事企业向消费者公开道歉。",
        "区长李某表示，我们对工作中的失误深表歉意。",
    ))
    assert found[["apologizer", "apologizer_level", "mode", "recipient", "formula"]].values.tolist() == [
        ["市卫健委", "agency", "direct", "患者家属", "诚挚道歉"],
        ["涉事企业", "company", "ordered", "消费者", "公开道歉"],
        ["区长李某", "individual", "direct", "", "深表歉意"],
    ]
    assert found.offense.tolist() == ["", "", "工作中的失误"]


def test_levels():
    assert apologizer_level("伊犁州党委、政府") == "prefecture"
    assert apologizer_level("库尔勒市委、市人民政府") == "city"
    assert apologizer_level("市卫生健康委") == "agency"
    assert apologizer_level("社区干部、相关企业负责人") == "community; company"
    assert apologizer_level("刘顺智") == "individual"
    assert apologizer_level("") == ""


def test_empty_input_gives_empty_frames_with_columns():
    empty = corpus().astype({"doc_id": "str", "region": "str", "text": "str"})
    assert list(find_apologies(empty).columns) == APOLOGY_COLUMNS and find_apologies(empty).empty
    assert list(acknowledgements(empty).columns) == ACKNOWLEDGEMENT_COLUMNS
    assert list(response_strategies(empty).columns) == STRATEGY_COLUMNS


def test_bad_arguments_raise_value_error():
    with pytest.raises(ValueError, match="lacks the column"):
        find_apologies(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ValueError):
        find_apologies("not a frame")
    with pytest.raises(ValueError, match="strategies needs"):
        strategy_matrix(pd.DataFrame({"x": [1]}))



def test_headline_and_lead_restate_the_body_act():
    found = find_apologies(corpus(
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


def test_two_apologies_in_one_sentence_are_two_acts_unless_one_adds_nothing():
    found = find_apologies(corpus("局长表示，我代表市水务局向受影响的居民诚挚道歉，对工作中的失误表示深深的歉意。",
                                  "区政府公开道歉，向大家表示诚挚的歉意。"))
    assert found[["doc_id", "formula", "recipient", "offense"]].values.tolist() == [
        ["doc1", "诚挚道歉", "受影响的居民", ""],
        ["doc1", "表示深深的歉意", "", "工作中的失误"],
        ["doc2", "公开道歉 … 表示诚挚的歉意", "大家", ""],
    ]


@pytest.mark.parametrize("title", ["新闻发言人", "专员", "主任"])
def test_bare_speaker_name_takes_any_title_of_the_lexicon(title):
    # one title list (apologies.yaml title_suffixes) serves actors, speaker lines and full names
    text = (f"市政府{title}王明华出席发布会。王明华说：“我们对工作中的失误深表歉意。”")
    found = find_apologies(corpus(text))
    assert found.speaker.tolist() == [f"市政府{title}王明华"]
