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
    ACKNOWLEDGEMENT_COLUMNS, APOLOGY_COLUMNS, MENTION_COLUMNS, STRATEGY_COLUMNS, acknowledgements,
    apologizer_level, apology_mentions, find_apologies, response_strategies,
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


# Each not-an-act, with its type (codebook §2.2), who demanded / refused / asked (actor) and who would
# apologise (target). Invented sentences in the register of mainland, Hong Kong and Taiwan reports.
MENTIONS = [
    ("网友纷纷留言，要求涉事物业公司道歉。", "道歉", "demand", "网友", "涉事物业公司"),
    ("有网友要求涉事医院一并公开道歉。", "公开道歉", "demand", "网友", "涉事医院"),
    ("东川市也被一些外国媒体要求向国际社会道歉。", "道歉", "demand", "一些外国媒体", "东川市"),
    ("家属希望院方能当面道歉。", "当面道歉", "wish", "家属", "院方"),
    ("有评论认为，城南区政府理应向市民道歉。", "道歉", "obligation", "有评论", "城南区政府"),
    ("该公司负责人拒绝向业主道歉。", "道歉", "refusal", "该公司负责人", "该公司负责人"),
    ("北湾特首在访问中拒向市民道歉。", "道歉", "refusal", "北湾特首", "北湾特首"),
    ("城南区卫健委否认曾向家属致歉。", "致歉", "denial", "城南区卫健委", "城南区卫健委"),
    ("惟行政长官何某仍未有正面向死者家属道歉。", "道歉", "denial", "", "行政长官何某"),   # the text states it: no denier
    ("城南区卫健委否认曾向家属致歉，称已电话沟通。", "致歉", "denial", "城南区卫健委", "城南区卫健委"),
    ("网传“副区长下跪道歉”的视频不属实。", "道歉", "rumour", "", "副区长"),
    ("如经查实存在推诿，医院将公开道歉。", "公开道歉", "conditional", "", "医院"),
    ("有网友留言说，如果道歉就可以，那问责还有什么用。", "道歉", "commentary", "网友", ""),
    ("记者问：市里会不会向遇难者家属道歉？", "道歉", "question", "记者", "市里"),
    ("议员两度问局长会否就监管不力向市民道歉。", "道歉", "question", "议员", "局长"),
    ("该负责人表示，社区工作并无不当，没有需要道歉的地方。", "道歉", "no_need", "该负责人", "社区"),
    ("市民说，大家要的不是道歉，是物资。", "道歉", "commentary", "市民", ""),
    ("致歉信称，医院将全力配合调查。", "致歉", "mention", "", ""),
]


@pytest.mark.parametrize("sentence, formula, kind, actor, target", MENTIONS, ids=[m[2] + str(i) for i, m in enumerate(MENTIONS)])
def test_formulas_that_are_not_acts_are_mentions_with_their_parties(make_docs, sentence, formula, kind, actor, target):
    docs = make_docs(sentence)
    assert find_apologies(docs).empty
    found = apology_mentions(docs)
    assert found[["formula", "type", "actor", "target"]].values.tolist() == [[formula, kind, actor, target]]
    assert list(found.columns) == MENTION_COLUMNS
    row = found.iloc[0]
    assert docs.set_index("doc_id").loc[row.doc_id, "text"][row.formula_start:row.formula_end] == formula


def test_acts_beside_their_mentions(make_docs):
    """The acts next to a not-act: one's own wish to apologise, the speaker's own body obliged under a
    condition, a letter published with its words given after a colon."""
    docs = make_docs(
        "北湾特首何某接受访问时表示，自己希望向丈夫及儿子道歉。",
        "疫情指挥中心指挥官陈某说，如果这些发言让任何人感到受伤，指挥中心都必须表达歉意。",
        "1月3日，城南医院发布致歉信：我院延误救治，我们深深地道歉！",
    )
    acts = find_apologies(docs)
    assert acts[["doc_id", "formula", "apologizer", "mode"]].values.tolist() == [
        ["doc1", "道歉", "北湾特首何某", "reported"],
        ["doc3", "深深地道歉", "城南医院", "direct"],
    ]
    assert apology_mentions(docs)[["doc_id", "formula", "type"]].values.tolist() == [
        ["doc2", "表达歉意", "conditional"], ["doc3", "致歉", "mention"]]


def test_official_tells_the_authorities_from_private_persons(make_docs):
    found = find_apologies(make_docs(
        "城南区卫健委向患者家属道歉。",
        "居民王某在业主群里就自己转发的不实信息向邻居们道歉。",
        "受区商务局委托配送蔬菜包的某公司向居民致歉。",
        "某超市就自行涨价向顾客致歉。",
        "东川官方回应系统崩溃：向全市人民致歉",
        "访问学者李某在邮件中向同事道歉。",
    ))
    assert found[["apologizer", "apologizer_level", "official"]].astype(object).values.tolist() == [
        ["城南区卫健委", "agency", True],
        ["居民王某", "individual", False],
        ["受区商务局委托配送蔬菜包的某公司", "company", True],
        ["某超市", "company", False],
        ["东川官方", "", True],
        ["访问学者李某", "individual", False],
    ]
    assert str(found["official"].dtype) == "boolean"


def test_mode_by_the_grammatical_person(make_docs):
    """direct only for the speaker's own words: first person, a quotation, a Q&A answer by the speaker's
    body; a paraphrase or a narrated 代表 is reported; an organised apology is ordered."""
    found = find_apologies(make_docs(
        "副市长周某表示，市政府对由此给群众带来的不便深表歉意。",
        "副市长周某在发布会上代表市政府向市民鞠躬致歉。",
        "副市长周某说，发生这样的事情我们深感痛心，在此代表市委市政府向全市人民表示歉意。",
        "区里组织街道干部和物业人员逐户上门说明情况、诚恳道歉。",
        "东川市长林某两度鞠躬公开道歉，她表示「身为市长，我应该要道歉」。",
        "城南区卫健委副主任 孙某：\n经核实，涉事物业公司已于11月15日发布致歉声明，对值班人员脱岗表示诚挚的歉意。",
        "城南区卫健委副主任 孙某：\n城南区卫健委对此深表歉意。",
    ))
    assert found[["doc_id", "apologizer", "mode"]].values.tolist() == [
        ["doc1", "市政府", "reported"],
        ["doc2", "市政府", "reported"],
        ["doc3", "市委市政府", "direct"],
        ["doc4", "街道干部和物业人员", "ordered"],
        ["doc5", "东川市长林某", "direct"],
        ["doc6", "涉事物业公司", "reported"],
        ["doc7", "城南区卫健委", "direct"],
    ]
    assert found.speaker.tolist()[4] == "东川市长林某"


def test_who_apologised_after_dates_sources_pronouns_and_in_headlines(make_docs):
    found = find_apologies(make_docs(
        "下午3时，东川市长林某再率市府官员鞠躬道歉。",
        "据新桥日报报道，访问学者李某向同事致歉。",
        "快讯/林某深夜再次道歉\n东川市长林某10日深夜发文道歉。",
        "北湾卫生署署长何某出席记者会。她表示，卫生署为系统故障向市民致歉。",
        "南港应变协调中心今日通报情况。中心又再对检测安排不善致歉。",
        "东川副市长哽咽：为工作不足道歉",
        "石某失言称新区是破口 陈某致歉\n指挥官陈某今天致歉。",
        "对此，甲某代表东川市政府，乙某代表城南区政府，向市民表示深深的歉意。",
        "我区对在疫情防控中发生这种错误行为深感痛心，向住户诚恳道歉！\n东川市城南区疫情防控指挥部\n2022年3月20日",
    ))
    assert found[["doc_id", "apologizer", "apologizer_level"]].values.tolist() == [
        ["doc1", "东川市长林某", "city"],
        ["doc2", "访问学者李某", "individual"],
        ["doc3", "林某", "city"],
        ["doc3", "东川市长林某", "city"],
        ["doc4", "卫生署", "agency"],
        ["doc5", "南港应变协调中心", "agency"],
        ["doc6", "东川副市长", "city"],
        ["doc7", "陈某", "individual"],
        ["doc7", "指挥官陈某", "individual"],
        ["doc8", "东川市政府; 城南区政府", "city"],
        ["doc9", "东川市城南区", "city"],
    ]


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
        ["doc5", "对不起", "市卫健委主任孙某", "agency", "direct", ""],   # 他说 … 我们: the speaker (rule 18)
        ["doc6", "道歉", "副区长赵某", "city", "direct", "大家"],   # 我: the speaker, as introduced (rule 18)
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


def test_threats_and_instructions_are_no_accountability_or_responsibility(make_docs):
    """Codebook §4.4: sanctions of officials, not threats against the public or commentary; one's own
    fault, not an order to others to draw lessons."""
    found = response_strategies(make_docs(
        "对编造、传播谣言的人员，公安机关将依法严肃处理。",
        "对负有领导责任的街道办事处主任予以免职。",
        "对趁机哄抬菜价的商户依法从严查处，并严肃处理。",
        "市委书记强调，各区县要深刻汲取教训。",
        "我们要深刻汲取教训。",
        "道歉不能代替问责。",
    ))
    assert found[found["scheme"].isin(["accountability", "ccsarp"])][["doc_id", "cue", "code"]].values.tolist() == [
        ["doc2", "免职", "accountability.dismissal"],
        ["doc5", "汲取教训", "ccsarp.responsibility"],
    ]


def test_a_corpus_without_apologies_gives_typed_empty_tables(make_docs):
    """A corpus of other places may hold no apology: the flag columns stay boolean, so that
    ``apologies[~apologies["restates"]]`` filters rows instead of selecting no column."""
    docs = make_docs("全市新增确诊病例3例。")
    apologies = find_apologies(docs)
    assert apologies["restates"].dtype == bool and list(apologies[~apologies["restates"]].columns) == APOLOGY_COLUMNS
    assert response_strategies(docs)["in_apology_passage"].dtype == bool
