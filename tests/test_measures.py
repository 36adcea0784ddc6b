"""Enumerated measures: gold items of the five seeds, every marker style, and hard negatives."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from zerocovid.analyzers.measures import (ACCESS_COLUMNS, GROUP_COLUMNS, MEASURE_COLUMNS, categorize,
                                          extract_measures, groups, medical_access)
from zerocovid.report.plotting import count_heatmap as plot_counts
from zerocovid.report.tables import admitted_vs_promised, count_table

GOLD = yaml.safe_load((Path(__file__).parent / "gold" / "measures.yaml").read_text(encoding="utf-8"))["items"]
DESIGN_COLUMNS = ["doc_id", "region", "list_no", "item_no", "marker", "heading", "text", "start",
                  "end", "kind", "category"]


def make_docs(*texts: str, bold: list | None = None) -> pd.DataFrame:
    """A documents frame of invented texts, doc ids t1, t2, …"""
    ids = [f"t{n}" for n in range(1, len(texts) + 1)]
    return pd.DataFrame({"doc_id": ids, "region": "Testland", "text": list(texts),
                         "bold_spans": [bold or [] for _ in texts]}, index=ids)


def items(text: str, **kw) -> list[tuple]:
    m = extract_measures(make_docs(text, **kw))
    return list(zip(m["list_no"], m["item_no"], m["marker"]))


@pytest.fixture(scope="module")
def measures(docs):
    return extract_measures(docs)


# ------------------------------------------------------------------ gold on the seeds

def _key(row) -> tuple:
    return (row["doc_id"], row["list_no"], row["item_no"], row["marker"])


def _content(row) -> str:
    return row["text"] if row["style"] == "parallel" else row["text"][len(row["marker"]):]


def test_finds_every_gold_item_and_invents_none(measures):
    found = {_key(r): r for _, r in measures.iterrows()}
    gold = {_key(g): g for g in GOLD}
    assert sorted(found) == sorted(gold)
    for key, g in gold.items():
        assert _content(found[key]).startswith(g["first"]), key


def test_every_kind_right(measures):
    found = {_key(r): r["kind"] for _, r in measures.iterrows()}
    wrong = [_key(g) for g in GOLD if found[_key(g)] != g["kind"]]
    assert wrong == []


def test_categories_at_least_ninety_percent_right(measures):
    found = {_key(r): r["category"] for _, r in measures.iterrows()}
    right = sum(found[_key(g)] == g["category"] for g in GOLD)
    assert len(GOLD) == 47
    assert right / len(GOLD) >= 0.9


def test_rows_point_into_text_and_are_sorted(docs, measures):
    assert list(measures.columns[:len(MEASURE_COLUMNS)]) == MEASURE_COLUMNS
    assert set(DESIGN_COLUMNS) <= set(measures.columns)
    for row in measures.itertuples():
        text = docs.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == row.text
        assert text[row.heading_start:row.heading_end] == row.heading
        assert text[row.intro_start:row.intro_end] == row.intro
    assert measures.equals(measures.sort_values(["doc_id", "start"]).reset_index(drop=True))


def test_lists_per_document(measures):
    lists = measures.groupby("doc_id")["list_no"].max().to_dict()
    assert lists == {"2022-01-07_xian": 1, "2022-01-24_yili_horgos": 1, "2022-05-07_xuchang": 5,
                     "2022-09-09_korla": 2, "2022-09-09_yili_yining": 2}


def test_xian_parallel_clauses_run_over_two_paragraphs(measures):
    xian = measures[measures["doc_id"] == "2022-01-07_xian"]
    assert list(xian["marker"]) == ["隔离上要", "生活上要", "医疗上要", "整改上要"]
    assert list(xian["para_no"]) == [4, 4, 5, 5]
    assert list(xian["heading"]) == ["隔离上要严格规范", "生活上要关心群众", "医疗上要确保畅通", "整改上要坚决彻底"]
    assert xian.iloc[2]["text"].startswith("医疗上要确保畅通，完善疫情条件下")   # 刘国中要求， left out
    assert xian.iloc[3]["text"].endswith("凝心聚力打赢疫情防控阻击战歼灭战。")


def test_xuchang_next_step_list_inside_one_paragraph(measures):
    nxt = measures[(measures["doc_id"] == "2022-05-07_xuchang") & (measures["list_no"] == 2)]
    assert list(nxt["kind"]) == ["next_step"] * 4
    assert nxt["para_no"].unique().tolist() == [9]
    assert nxt.iloc[0]["text"] == "一是持续精准开展核酸检测，通过多轮次核酸筛查，捞干捞净潜在感染者，尽快澄清风险底数。"
    assert nxt.iloc[0]["intro"].startswith("下一步，我市将")


def test_korla_shortcomings_and_measures(measures):
    korla = measures[measures["doc_id"] == "2022-09-09_korla"]
    assert korla.groupby("list_no")["kind"].unique().map(list).to_dict() == {1: ["shortcoming"], 2: ["measure"]}
    assert korla.iloc[0]["heading"] == "本轮疫情流行的奥密克戎变异毒株BA.5.2"


def test_bold_heading_and_oxcgrt(measures):
    horgos = measures[measures["doc_id"] == "2022-01-24_yili_horgos"]
    assert list(horgos["heading"]) == ["快速进行核酸检测", "严格环境消毒消杀工作", "强化社会面管控"]
    assert list(horgos["oxcgrt"]) == ["H2", "", "C6/C7"]


def test_heading_without_bold_is_first_short_sentence_or_first_clause(measures):
    yining = measures[measures["doc_id"] == "2022-09-09_yili_yining"]
    assert yining.iloc[0]["heading"] == "增加黄码医院满足高风险区群众就医需求"
    assert yining.iloc[4]["heading"] == "拓宽货源渠道，加强储备供应"
    korla = measures[measures["doc_id"] == "2022-09-09_korla"]
    assert korla.iloc[5]["heading"] == "增开母婴店、便利店等服务网点"


# ------------------------------------------------------------------ marker styles

@pytest.mark.parametrize("text, markers", [
    ("我们采取以下措施：一是加强核酸检测；二是做好流调溯源；三是保障物资供应。", ["一是", "二是", "三是"]),
    ("主要做了以下工作：\n一是加强核酸检测。\n二是做好流调溯源。", ["一是", "二是"]),
    ("物业企业重点开展以下工作。\n一、发挥物业示范作用。\n二、严防死守确保进出安全。", ["一、", "二、"]),
    ("具体安排如下：\n（一）加强核酸检测工作。\n（二）做好流调溯源工作。", ["（一）", "（二）"]),
    ("具体安排如下：\n(1)加强核酸检测工作。\n(2)做好流调溯源工作。", ["(1)", "(2)"]),
    ("就医安排：\n1.封控区患者拨打急救电话。\n2.管控区患者前往定点医院。", ["1.", "2."]),
    ("就医安排：\n1、封控区患者拨打急救电话。\n2、管控区患者前往定点医院。", ["1、", "2、"]),
    ("就医安排：①封控区患者拨打急救电话；②管控区患者前往定点医院。", ["①", "②"]),
    ("就医安排：1.封控区患者拨打急救电话；2.管控区患者前往定点医院。", ["1.", "2."]),
    ("他提出三点要求。第一，加强核酸检测工作。第二，做好流调溯源工作。", ["第一，", "第二，"]),
    ("会议要求，思想上要高度重视，行动上要迅速有力。", ["思想上要", "行动上要"]),
    ("下一步工作：一要加强核酸检测；二要做好流调溯源；三要保障物资供应。", ["一要", "二要", "三要"]),
    ("整改如下。首先，优化采样点布局。其次，加强隔离点管理。最后，严格落实防控措施。", ["首先，", "其次，", "最后，"]),
    ("整改如下。首先要优化采样点布局，最后要严格落实防控措施。", ["首先", "最后"]),
    ("在核酸检测方面，增设采样点位。在物资保障方面，加强配送力量。", ["在核酸检测方面", "在物资保障方面"]),
    ("医疗救治方面，开通绿色通道。生活保障方面，组织配送到户。", ["医疗救治方面", "生活保障方面"]),
    ("具体而言：其一，加强核酸检测工作；其二，做好流调溯源工作。", ["其一，", "其二，"]),
    ("决定采取以下措施：\n1）暂停堂食服务；\n2）开展全员核酸检测。", ["1）", "2）"]),
    ("决定采取以下措施：\n一）暂停堂食服务；\n二）开展全员核酸检测。", ["一）", "二）"]),
])
def test_each_marker_style(text, markers):
    assert [m for _, _, m in items(text)] == markers


def test_list_restarting_at_one_is_a_new_list():
    text = "已做工作：\n一是加强检测。\n二是做好流调。\n下一步：\n一是继续检测工作。\n二是继续流调工作。"
    assert [(l, i) for l, i, _ in items(text)] == [(1, 1), (1, 2), (2, 1), (2, 2)]


def test_list_interrupted_by_a_heading_continues():
    text = "主要措施如下。\n一是加强核酸检测。\n二是做好流调溯源。\n图为采样现场\n三是保障物资供应。"
    m = extract_measures(make_docs(text))
    assert list(zip(m["list_no"], m["item_no"])) == [(1, 1), (1, 2), (1, 3)]
    assert all("图为采样现场" not in t for t in m["text"])
    assert m.iloc[1]["text"] == "二是做好流调溯源。"


def test_closing_sequence_word_takes_the_next_number_and_closes_the_list():
    text = "要求如下。首先，做好核酸检测。其次，做好流调溯源。最后，保障物资供应。最后，再次感谢大家。"
    m = extract_measures(make_docs(text))
    assert list(zip(m["item_no"], m["marker"])) == [(1, "首先，"), (2, "其次，"), (3, "最后，")]


def test_heading_items_may_carry_several_body_paragraphs():
    body = "\n".join(f"第{n}段正文说明核酸检测安排。" for n in range(1, 6))
    text = f"工作安排如下。\n一、加强核酸检测\n{body}\n二、做好环境消杀工作\n正文。"
    m = extract_measures(make_docs(text))
    assert list(m["marker"]) == ["一、", "二、"]
    inline = "工作如下。一是加强核酸检测。\n甲。\n乙。\n丙。\n二是做好环境消杀工作。"   # not headings: gap 2
    assert items(inline) == []


def test_parallel_fields_with_pronouns_or_different_forms_make_no_list():
    assert items("在这些方面，我们还有差距。在有关方面，还要继续努力。") == []
    assert items("在核酸检测方面，增设采样点位。物资上要加强配送。") == []


def test_nested_list_in_following_paragraphs():
    text = "工作安排如下。\n一、加强核酸检测\n1.增设采样点位。\n2.加快报告速度。\n二、做好环境消杀工作。"
    m = extract_measures(make_docs(text))
    assert list(zip(m["list_no"], m["item_no"], m["depth"])) == [(1, 1, 0), (2, 1, 1), (2, 2, 1), (1, 2, 0)]
    inner = m[m["list_no"] == 2]
    assert inner["parent_list"].tolist() == [1, 1] and inner["parent_item"].tolist() == [1, 1]
    outer_first = m.iloc[0]
    assert outer_first["text"] == "一、加强核酸检测\n1.增设采样点位。\n2.加快报告速度。"


def test_nested_list_inside_one_item_inherits_kind():
    text = "下一步工作：\n一、做好检测：1.增设采样点位；2.加快报告速度。\n二、做好环境消杀工作。"
    m = extract_measures(make_docs(text))
    inner = m[m["depth"] == 1]
    assert list(inner["marker"]) == ["1.", "2."]
    assert list(inner["parent_item"]) == [1, 1]
    assert set(m["kind"]) == {"next_step"}
    assert inner.iloc[0]["intro"] == "一、做好检测："
    assert list(m["category"]) == ["testing", "testing", "testing", "disinfection"]  # 增设采样点位 scores, 加快报告速度 inherits
    assert list(m["category_score"])[2] == 0


def test_text_with_no_lists_gives_empty_frame_with_columns():
    m = extract_measures(make_docs("本市疫情形势总体平稳。请市民做好个人防护。"))
    assert m.empty and list(m.columns) == MEASURE_COLUMNS
    assert list(extract_measures(make_docs()).columns) == MEASURE_COLUMNS
    assert list(groups(make_docs()).columns) == GROUP_COLUMNS
    assert list(medical_access(make_docs()).columns) == ACCESS_COLUMNS


@pytest.mark.parametrize("text", [
    "全市544个物业小区、1.6万余名从业人员闻令而动。2.5小时后全部到岗。",
    "本轮疫情流行的奥密克戎变异毒株BA.5.2，载毒量更高。BA.4.1也有发现。",
    "预约电话0999-8036815，0999-8811120。急诊可拨打120，1.2公里内有医院。",
    "工作组第一时间赶赴现场，第二天又在第一线协调。",
    "我们坚持一是一，二是二，实事求是。",
    "1、2月份疫情平稳，3、4月份有所反弹。",
    "一、二线城市和三、四线城市情况不同。",
    "统一是关键，唯一是要求，同一是标准。",
    "一是加强核酸检测。此外没有别的安排。",
    "二是加强核酸检测。三是做好流调溯源。",
    "事实上要看到困难，实际上要做好准备。",
    "5月7日8时，新增确诊病例1例、无症状感染者2例。",
    "思想上要高度重视，思想上要再三重视。",
])
def test_hard_negatives_make_no_list(text):
    assert items(text) == []


def test_bad_argument_raises():
    with pytest.raises(ValueError):
        extract_measures("not a frame")
    with pytest.raises(ValueError):
        groups(pd.DataFrame({"doc_id": ["x"]}))


# ------------------------------------------------------------------ kind, heading, category

@pytest.mark.parametrize("intro, kind", [
    ("下一步，我市将重点做好以下工作。", "next_step"),
    ("这也暴露出我市存在一些短板和不足。", "shortcoming"),
    ("调查发现，医院存在以下问题：", "shortcoming"),
    ("针对存在的问题，我市将采取以下措施：", "measure"),
    ("会议对近期工作作出部署。", "measure"),
    ("病例活动轨迹如下：", "other"),
    ("关于下一阶段工作，指挥部作出如下安排。", "next_step"),
    ("在前期工作中，我们也发现了一些不足：", "shortcoming"),
    ("对排查发现的问题，我们立即整改：", "measure"),
])
def test_kind_from_introducing_sentence(intro, kind):
    m = extract_measures(make_docs(intro + "一是加强核酸检测工作；二是做好流调溯源工作。"))
    assert list(m["kind"]) == [kind, kind]


def test_heading_from_bold_first_sentence_and_first_clause():
    text = "措施如下。\n一是快速检测。全员开展核酸检测。\n二是做好流调溯源工作，排查密切接触者，全面落实隔离管控措施，确保不漏一人。"
    bold_start = text.index("一是")
    m = extract_measures(make_docs(text, bold=[(bold_start, bold_start + 7)]))
    assert list(m["heading"]) == ["快速检测", "做好流调溯源工作"]


def test_items_of_other_lists_are_not_categorised():
    m = extract_measures(make_docs("病例活动轨迹如下：一是11月10日到超市购物，核酸检测阳性；二是居家隔离期间检测阳性。"))
    assert list(m["kind"]) == ["other", "other"]
    assert list(m["category"]) == ["other", "other"] and list(m["category_score"]) == [0, 0]


def test_categorize_scoring_rule():
    assert categorize("一是加强核酸检测。") == ("testing", 3 + 1 + 1)
    assert categorize("一是统筹推进各项工作。") == ("other", 0)
    # heading counts heading_factor (3) times: 消杀 in the heading beats 物资 ×2 in the body
    assert categorize("做好消杀。保障物资，配送物资。", heading="做好消杀")[0] == "disinfection"
    assert categorize("做好消杀。保障物资，配送物资。")[0] == "supplies"


# ------------------------------------------------------------------ groups and medical access

def test_groups_longest_term_and_item_reference():
    text = "措施如下：一是为孕产妇和新生儿开通绿色通道；二是为血液透析患者和老年人送药上门。\n另外关注农民工。"
    g = groups(make_docs(text))
    assert list(zip(g["group"], g["term"])) == [("pregnant_women", "孕产妇"), ("newborns", "新生儿"),
                                                ("dialysis_patients", "血液透析"), ("elderly", "老年人"),
                                                ("migrant_workers", "农民工")]
    assert g["item_no"].tolist()[:4] == [1, 1, 2, 2]
    assert g["in_measure"].tolist() == [True, True, True, True, False]
    for row in g.itertuples():
        assert text[row.start:row.end] == row.term


def test_groups_located_only_in_their_own_document():
    # 老年人 sits at 8–11 in both texts; only t1 has a list there (item 一是, 5–16)
    g = groups(make_docs("措施如下：一是为老年人送药上门；二是为孕产妇开通绿色通道。",
                         "本市继续关心关爱老年人的日常生活。"))
    assert list(zip(g["doc_id"], g["start"], g["item_no"], g["in_measure"])) == [
        ("t1", 8, 1, True), ("t1", 19, 2, True), ("t2", 8, pd.NA, False)]


def test_groups_located_in_innermost_item():
    text = "工作要求：一是保障特殊群体就医。\n1.为孕产妇开通绿色通道；2.为老年人送药上门。\n二是做好物资保障，关爱农民工。"
    g = groups(make_docs(text))
    assert list(zip(g["term"], g["list_no"], g["item_no"])) == [
        ("特殊群体", 1, 1), ("孕产妇", 2, 1), ("老年人", 2, 2), ("农民工", 1, 2)]


def test_group_term_with_modifier_is_one_mention():
    text = "关爱独居老人、孤寡老人、留守儿童和重度残疾人，为独居长者和老年人送药。"
    g = groups(make_docs(text))
    assert list(zip(g["group"], g["term"])) == [("elderly", "独居老人"), ("elderly", "孤寡老人"),
                                                ("children", "留守儿童"), ("disabled", "重度残疾人"),
                                                ("elderly", "独居长者"), ("elderly", "老年人")]


def test_groups_on_seeds(docs):
    g = groups(docs)
    counts = g.groupby(["doc_id", "group"]).size()
    assert counts[("2022-09-09_yili_yining", "pregnant_women")] == 11
    assert counts[("2022-05-07_xuchang", "migrant_workers")] == 1
    assert "2022-01-24_yili_horgos" not in set(g["doc_id"])
    xian_in_items = g[(g["doc_id"] == "2022-01-07_xian") & g["in_measure"]]
    assert xian_in_items["group"].tolist() == ["critically_ill", "dialysis_patients", "cancer_patients",
                                               "cancer_patients", "pregnant_women", "newborns",
                                               "chronic_patients"]
    for row in g.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start:row.end] == row.term


def test_medical_access_on_seeds(docs):
    a = medical_access(docs)
    counts = a.groupby(["doc_id", "feature"]).size()
    assert counts[("2022-09-09_yili_yining", "yellow_code_hospital")] == 4
    assert counts[("2022-05-07_xuchang", "online_consultation")] == 3
    phones = a[a["term"].str.contains(r"\d{7}")]["term"].tolist()
    assert phones == ["0999—8794707", "0999-8036815", "0999-8040931", "0999-8811120", "0999-8231566",
                      "0999—8181898", "8181898"]
    for row in a.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start:row.end] == row.term


def test_medical_access_refuses_numbers_that_are_not_phones():
    a = medical_access(make_docs("集中隔离人员39473人，共1.6万人。1200人和12000人到岗。"))
    assert a.empty


# ------------------------------------------------------------------ tables for the notebook

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
    assert table[table["admitted"] > 0]["category"].tolist() == ["tracing", "community_control"]
    assert table["admitted"].sum() == 4 and table["promised"].sum() == 5
    assert set(table[table["promised"] > 0]["category"]) & set(table[table["admitted"] > 0]["category"]) == set()


def test_plot_counts_copes_with_empty_and_many_regions():
    import matplotlib
    matplotlib.use("Agg")
    empty = count_table(extract_measures(make_docs("没有列表。")), rows="region", columns="category",
                        row_order=["A"], drop_empty_columns=True)
    assert empty.shape == (1, 0)
    assert plot_counts(empty).axes[0].texts[0].get_text() == "nothing to count"
    many = pd.DataFrame([[i % 3, 0, 1] for i in range(12)], columns=["x", "y", "z"],
                        index=[f"Region{i}" for i in range(12)])
    fig = plot_counts(many)
    assert fig.get_size_inches()[1] >= 0.45 * 12


def test_numeral_run_that_reads_as_no_number_is_skipped_not_fatal():
    # 十十是 matches the shi marker pattern but cn2an cannot read 十十; the rest of the list stays
    text = "主要措施：一是加强核酸检测。二是做好流调溯源。\n十十是个怪词。"
    assert [m for _, _, m in items(text)] == ["一是", "二是"]


def test_importing_the_package_does_not_load_pyplot():
    import subprocess
    import sys
    code = "import sys, zerocovid; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_categorize_counts_keywords_as_str_count_does():
    # overlapping keywords each count (核酸检测 also holds 核酸 and 检测); one keyword's occurrences do not overlap
    import random

    from zerocovid.analyzers.measures import _categories, _rules

    def by_str_count(text, heading=""):
        factor, best, best_score = _rules()["heading_factor"], "other", 0
        for category in _categories():
            score = sum(kw["weight"] * (text.count(str(kw["word"])) + (factor - 1) * heading.count(str(kw["word"])))
                        for kw in category["keywords"])
            if score > best_score:
                best, best_score = category["id"], score
        return best, best_score

    words = [str(kw["word"]) for category in _categories() for kw in category["keywords"]]
    rng = random.Random(2)
    for _ in range(2000):
        text = "".join(rng.choice(words + list("的和检测核酸")) for _ in range(rng.randint(0, 10)))
        heading = text[:rng.randint(0, len(text))]
        assert categorize(text, heading) == by_str_count(text, heading)
