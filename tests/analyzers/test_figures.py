"""Case figures: the extractor against the hand-made gold sets (the five seeds and the held-out invented
articles, compared by tests/harness.py), invented hard negatives and edge cases.

The six held-out articles in tests/heldout/figures/*.txt are INVENTED for testing (their numbers are
made up): they imitate official press-conference reports from Shanghai, Urumqi, Hebei, Chengdu,
Guangzhou and Zhengzhou with numeral forms, markers and sentence shapes the five seed articles do not
have. Their gold was written by hand before the extractor was run on them. tests/heldout/figures_hk_tw/
holds four more invented articles (Hong Kong, Taiwan and Macau usage, three in traditional script, and
an invented city's breakdowns), read here with their own gold.
"""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import harness
from zerocovid.analyzers.figures import FIGURE_COLUMNS, extract_figures, outbreak_scale, per_capita
from zerocovid.evaluation.gold import gold_documents

GOLD = harness.gold_sets("figures")
HELDOUT = GOLD[1]


@pytest.fixture
def one(make_docs):
    """The one figure of a text (an assertion error if there are more or none)."""
    def one(text: str, **columns) -> pd.Series:
        figures = extract_figures(make_docs(text, **columns))
        assert len(figures) == 1, figures[["text", "metric"]].to_string()
        return figures.iloc[0]
    return one


@pytest.fixture(scope="module")
def figures(docs):
    return extract_figures(docs)


# ------------------------------------------------------------------ the gold sets

def test_rows_point_into_text(gold_docs):
    figures = extract_figures(gold_docs)
    assert list(figures.columns) == FIGURE_COLUMNS
    for row in figures.itertuples():
        text = gold_docs.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == row.text
        assert row.text in row.sentence and row.sentence in text
        assert row.region == gold_docs.loc[row.doc_id, "region"]
        assert math.isnan(row.value_high) == (row.kind != "range")
    assert figures.equals(figures.sort_values(["doc_id", "start"]).reset_index(drop=True))


def test_heldout_articles_are_the_invented_ones(gold_documents):
    heldout_docs = gold_documents(HELDOUT)
    assert sorted(heldout_docs.index) == sorted(a["doc_id"] for a in HELDOUT.articles) == [
        "chengdu", "guangzhou", "hebei", "shanghai", "urumqi", "zhengzhou"]
    assert all(300 <= len(text) <= 900 for text in heldout_docs["text"])


# ------------------------------------------------------------------ numeral forms

@pytest.mark.parametrize(
    ("sentence", "text", "metric", "value", "approx", "kind"),
    [
        ("本轮疫情累计报告确诊病例二十三例。", "二十三例", "confirmed", 23, False, "count"),
        ("我市已完成四轮核酸检测。", "四轮", "test_rounds", 4, False, "count"),
        ("今天启动了第五轮核酸检测。", "第五轮", "test_rounds", 5, False, "ordinal"),
        ("全市1.6万余名从业人员闻令而动。", "1.6万余名", "property_staff", 16000, True, "count"),
        ("该院能够收治150余位患者。", "150余位", "hospital_capacity", 150, True, "count"),
        ("组建约300名采样人员的队伍。", "约300名", "testing_staff", 300, True, "count"),
        ("已排查密切接触者近200人。", "近200人", "close_contacts", 200, True, "count"),
        ("日进货量在500吨左右。", "500吨左右", "daily_supply_tonnes", 500, True, "count"),
        ("新增无症状感染者30多例。", "30多例", "asymptomatic", 30, True, "count"),
        ("现有本土确诊病例15例。", "15例", "confirmed", 15, False, "count"),
        ("全市设置集中隔离点两百个。", "两百个", "isolation_sites", 200, False, "count"),
        ("累计报告确诊病例一千二百三十四例。", "一千二百三十四例", "confirmed", 1234, False, "count"),
        ("全市共有采样点3.2万个。", "3.2万个", "sampling_sites", 32000, False, "count"),
        ("共有社区志愿者两百余名。", "两百余名", "volunteers", 200, True, "count"),
        ("可提供床位近千张。", "近千张", "hospital_capacity", 1000, True, "count"),
        ("累计追踪次密切接触者二十余万人。", "二十余万人", "secondary_contacts", 200000, True, "count"),
        ("累计完成核酸检测1200多万人次。", "1200多万人次", "tests_done", 12000000, True, "count"),
        ("全市设立发热门诊逾百个。", "逾百个", "fever_clinics", 100, True, "count"),
    ],
)
def test_numeral_forms(one, sentence, text, metric, value, approx, kind):
    row = one(sentence)
    assert (row.text, row.metric, row.value, row.approx, row.kind) == (text, metric, value, approx, kind)


def test_ratio_price_and_range_are_their_own_kinds(make_docs):
    figures = extract_figures(make_docs("对其他区域人员采取10混1检测。将50元10公斤的蔬菜包变更为6—8公斤的蔬菜包。"))
    assert figures[["text", "metric", "kind", "unit", "value"]].values.tolist() == [
        ["10混1", "pooling_ratio", "ratio", "混1", 10.0],
        ["50元10公斤", "supply_package_price", "price", "元/10公斤", 50.0],
        ["6—8公斤", "supply_package_weight", "range", "公斤", 6.0],
    ]
    assert figures["value_high"].fillna(-1).tolist() == [-1, -1, 8.0]


# ------------------------------------------------------------------ hard negatives

HARD_NEGATIVES = [pytest.param(sentence, "2022-09-09", id=sentence) for sentence in [
    "如有需要请拨打0999-8036815或8181898咨询。",
    "群众可拨打12345服务专线进行举报。",
    "急危重症患者可直接拨打120，由120指挥中心派车。",
    "该户主今年61岁，家里共有10口人。",
    "9月7日，家里有3个孩子有发烧症状。",
    "确诊病例的家属3人已经返家。",
    "按照《新型冠状病毒肺炎防控方案（第九版）》执行。",
    "召开第二十三场新闻发布会。",
    "其他人员持48小时核酸阴性证明就诊。",
    "开通24小时服务热线。",
    "对封闭小区按照1户1管上门检测。",
    "奥密克戎BA.5.2变异株传播速度快。",
    "连续3个月无收入来源的农民工可以申请救助。",
    "将3天剂量的药品送至家中。",
    "于9月8日16时召开会议，16:43发布视频。",
    "腾茂公司成立于2021年10月15日。",
    "积极采取以下三项举措，从六个方面开展工作。",
    "建立9类特殊困难群众联系机制。",
    "居住在11号小区的居民。",
]] + [pytest.param(sentence, "2022-11-12", id=sentence) for sentence in [   # written with the held-out articles
    "核酸检测阳性率为0.3%，较前一日下降2个百分点。",            # percentages are rates, not counts
    "60岁以上老年人疫苗接种率达到95.6%。",
    "联系电话：13899123456，值班电话0991-4567890。",             # mobile and landline numbers
    "请拨打心理援助热线12320或96655咨询。",
    "十一月十二日召开第七十场新闻发布会。",                     # a date in Chinese numerals, an event ordinal
    "二〇二二年十一月十日起，实行“一码通行”。",
    "确诊病例系某公司员工，男，45岁，现住天山区某小区3号楼。",     # age, building number
    "按照第九版防控方案，密切接触者实行“5天集中隔离+3天居家隔离”。",  # document edition, durations
    "严格落实“四早”要求，做到“应检尽检”，对重点人群每2天检测1次。",  # frequency, not a count
    "每个采样点按照1名医生、2名护士的标准配备人员。",            # staffing ratio per site
    "请于今日18时前到指定地点参加核酸检测，结果有效期调整为72小时。",  # a deadline, a duration
    "小区实行“一户一人”外出采购，每次不超过2小时。",
    "百千家商户共同参与保供，确诊病例数字不能说明一切。",   # numeral characters that are no number
]]


@pytest.mark.parametrize("sentence, event_date", HARD_NEGATIVES)
def test_hard_negatives(make_docs, sentence, event_date):
    figures = extract_figures(make_docs(sentence, event_date=event_date))
    assert figures.empty, figures[["text", "metric"]].to_string()


# ------------------------------------------------------------------ as_of

def test_end_of_day_24h_is_next_midnight(one):
    assert one("截至9月8日24时，现有无症状感染者41例。").as_of == pd.Timestamp("2022-09-09 00:00")


def test_today_is_the_article_day(one):
    row = one("截至今天上午8时，已排查密接5431人。", event_date="2022-05-07")
    assert row.as_of == pd.Timestamp("2022-05-07 08:00")


def test_afternoon_hour(one):
    assert one("截至1月3日下午4时，投入使用集中隔离点387个。").as_of == pd.Timestamp("2022-01-03 16:00")


def test_month_and_year_from_context(one):
    row = one("1月23日报告病例。\n截至24日16时，新增确诊病例5例。", event_date="2022-02-01")
    assert row.as_of == pd.Timestamp("2022-01-24 16:00")
    row = one("12月29日新增确诊病例3例。", event_date="2021-12-30")
    assert (row.as_of_start, row.as_of) == (pd.Timestamp("2021-12-29"), pd.Timestamp("2021-12-30"))


def test_a_date_without_a_year_is_never_months_in_the_future(one):
    # 12月31日 in an article of 2022-01-03 is last year's, not 2022-12-31
    row = one("12月31日0时至24时，全省新增确诊病例174例。", event_date="2022-01-03")
    assert (row.as_of_start, row.as_of) == (pd.Timestamp("2021-12-31"), pd.Timestamp("2022-01-01"))
    # a few weeks ahead stays in the article's year (a notice announcing a date)
    row = one("截至1月20日24时，计划投入使用隔离点40个。", event_date="2022-01-03")
    assert row.as_of == pd.Timestamp("2022-01-21")


def test_a_date_without_a_year_takes_the_last_year_written_before_it(one):
    row = one("2021年3月5日起开展排查。\n截至4月2日24时，累计确诊病例5例。", event_date="2022-03-01")
    assert row.as_of == pd.Timestamp("2021-04-03")
    row = one("2022年1月1日起实施。\n截至1月5日24时，累计确诊病例5例。", event_date="2021-12-30")
    assert row.as_of == pd.Timestamp("2022-01-06")


def test_a_year_far_back_is_background_not_the_year_of_later_dates(one):
    row = one("该公司成立于2019年10月15日。\n9月3日新增确诊病例3例。", event_date="2022-09-09")
    assert row.as_of_start == pd.Timestamp("2022-09-03")


def test_published_date_when_no_event_date(one):
    row = one("截至今天上午8时，已排查密接5431人。", event_date=None,
              published=pd.Timestamp("2022-05-07 10:00", tz="Asia/Shanghai"))
    assert row.as_of == pd.Timestamp("2022-05-07 08:00")


def test_undatable_document_is_an_error(make_docs):
    with pytest.raises(ValueError, match="neither event_date nor published"):
        extract_figures(make_docs("新增确诊病例5例。", event_date=None))


def test_interval_records_its_start(one):
    row = one("1月24日0时至16时，新增确诊病例4例。", event_date="2022-01-24")
    assert (row.as_of_start, row.as_of) == (pd.Timestamp("2022-01-24 00:00"), pd.Timestamp("2022-01-24 16:00"))


def test_as_of_carries_within_paragraph_not_beyond(make_docs):
    figures = extract_figures(make_docs("截至5月7日8时，情况如下。已排查密接5431人。\n共设置集中隔离点74个。"))
    assert figures[["as_of", "as_of_source"]].values.tolist() == [
        [pd.Timestamp("2022-05-07 08:00"), "text"], [pd.Timestamp("2022-09-09"), "article"]]  # the article's day


def test_a_bare_day_dates_only_its_own_sentence(make_docs):
    figures = extract_figures(make_docs("4月10日将开展新一轮全员核酸筛查。目前全市共有采样点9000余个。\n"
                                        "截至4月9日24时，情况如下。累计报告确诊病例20例。", event_date="2022-04-10"))
    assert figures[["text", "as_of", "as_of_source"]].values.tolist() == [
        ["9000余个", pd.Timestamp("2022-04-10"), "article"], ["20例", pd.Timestamp("2022-04-10"), "text"]]


def test_dates_and_hours_in_chinese_numerals(one):
    row = one("二〇二二年九月八日0时至二十四时，新增确诊病例5例。", event_date="2022-09-09")
    assert (row.as_of_start, row.as_of, row.as_of_source) == (pd.Timestamp("2022-09-08"), pd.Timestamp("2022-09-09"), "text")
    row = one("截至十一月十一日二十四时，现有确诊病例7例。", event_date="2022-11-12")
    assert (row.as_of, row.as_of_start) == (pd.Timestamp("2022-11-12"), pd.NaT)


def test_hour_beats_a_bare_day_in_the_same_sentence(make_docs):
    row = extract_figures(make_docs("截至24日16时，除23日报告的2例无症状感染者外，其余均为阴性。", event_date="2022-01-24")).iloc[0]
    assert (row.as_of, row.as_of_start) == (pd.Timestamp("2022-01-24 16:00"), pd.NaT)


# ------------------------------------------------------------------ place

def test_place_is_the_nearest_unit_before_the_figure_as_written(make_docs):
    figures = extract_figures(make_docs("截至9月8日24时，新疆现有无症状感染者530例，巴州现有无症状感染者41例。"))
    assert figures[["place", "place_full", "place_level", "place_parent", "place_en"]].values.tolist() == [
        ["新疆", "新疆维吾尔自治区", "province", "", "Xinjiang"],
        ["巴州", "巴音郭楞蒙古自治州", "prefecture", "新疆维吾尔自治区", "Bayingolin"]]


def test_anaphor_resolves_to_the_last_unit_its_name_ends_as(make_docs):
    figures = extract_figures(make_docs("巴州库尔勒市新增4例无症状。\n截至9月9日0时，该州有6个高风险区。"))
    assert figures[["place", "place_level", "place_parent"]].values.tolist() == [
        ["库尔勒市", "county", "巴音郭楞蒙古自治州"], ["巴州", "prefecture", "新疆维吾尔自治区"]]


def test_article_place_when_the_paragraph_names_none(make_docs):
    figures = extract_figures(make_docs("西安市召开发布会。\n投入使用集中隔离点387个。", place="Somewhere"))
    assert figures[["place", "place_full", "place_level"]].values.tolist() == [["Somewhere", "", ""]]


@pytest.mark.parametrize("manifest_place", ["许昌市", "Xuchang"])
def test_article_place_in_chinese_with_its_english_name(make_docs, manifest_place):
    figures = per_capita(extract_figures(make_docs("投入使用集中隔离点387个。新增确诊病例3例。", place=manifest_place)))
    assert figures[["place", "place_en", "place_parent"]].values.tolist() == [["许昌市", "Xuchang", "河南省"]] * 2
    assert figures["population"].notna().all()


# ------------------------------------------------------------------ scope

def test_scope_carries_through_a_list_of_figures(make_docs):
    figures = extract_figures(make_docs("新增确诊病例4例，无症状感染者10例。累计报告确诊病例43例、无症状感染者62例。现有确诊病例15例。"))
    assert figures["scope"].tolist() == ["new", "new", "cumulative", "cumulative", "current"]


def test_a_span_of_days(one):
    row = one("5月1日至6日，全市累计报告确诊病例30例。", event_date="2022-05-07")
    assert (row.as_of_start, row.as_of) == (pd.Timestamp("2022-05-01"), pd.Timestamp("2022-05-07"))


def test_more_response_metrics_and_units(make_docs):
    figures = extract_figures(make_docs("本轮疫情累计报告感染者1,234例，在院治疗156例。11月22日，全市共检测1234.5万人。"
                                        "累计隔离管控人员达8.6万余人。全市已开通心理咨询热线20条，热线已接听来电3.2万通。"))
    assert figures[["text", "metric", "value", "approx"]].values.tolist() == [
        ["1,234例", "positive", 1234.0, False], ["156例", "hospitalised", 156.0, False],
        ["1234.5万人", "tests_done", 12345000.0, False], ["8.6万余人", "isolated_people", 86000.0, True],
        ["20条", "hotline_lines", 20.0, False], ["3.2万通", "hotline_calls", 32000.0, False]]


def test_since_gives_the_start_and_the_article_the_end(one):
    row = one("本轮疫情（9月29日以来）全市累计报告本土感染者259例。", event_date="2022-10-10")
    assert (row.as_of_start, row.as_of, row.as_of_source) == (pd.Timestamp("2022-09-29"), pd.Timestamp("2022-10-10"), "article")


def test_subcount_after_a_parenthesis_splits_the_figure_before_it(make_docs):
    figures = extract_figures(make_docs("新增本土感染者5236例（确诊病例342例、无症状感染者4894例），其中海珠区4065例。"
                                        "全市共有高风险区2834个，其中天河区1191个。"))
    assert figures[["text", "metric", "scope", "place"]].values.tolist() == [
        ["5236例", "positive", "new", "Testville"], ["342例", "confirmed", "new", "Testville"],
        ["4894例", "asymptomatic", "new", "Testville"], ["4065例", "positive", "new", "海珠区"],
        ["2834个", "high_risk_areas", "current", "Testville"], ["1191个", "high_risk_areas", "current", "天河区"]]


def test_parallel_clauses_share_their_metric_and_name_their_district(make_docs):
    figures = extract_figures(make_docs("番禺区新增阳性感染者12例，白云区新增8例。"))
    assert figures[["text", "metric", "scope", "place"]].values.tolist() == [
        ["12例", "positive", "new", "番禺区"], ["8例", "positive", "new", "白云区"]]


def test_kinds_of_area_are_not_places(make_docs):
    figures = extract_figures(make_docs("截至11月11日24时，全市现有中高风险区12个，其中高风险区3个，封控区新增病例2例。"))
    assert set(figures["place"]) == {"Testville"}


def test_planned_figures_do_not_inherit_a_scope(make_docs):
    figures = extract_figures(make_docs("全市已启用床位7万余张，正在建设的方舱医院还可提供床位近五万张。"))
    assert figures[["text", "scope", "value", "approx"]].values.tolist() == [
        ["7万余张", "cumulative", 70000.0, True], ["近五万张", "none", 50000.0, True]]


def test_parenthetical_qualifier_between_metric_and_number(make_docs):
    figures = extract_figures(make_docs("全市划定高风险区47个，涉及小区（村）312个。"))
    assert figures[["text", "metric"]].values.tolist() == [["47个", "high_risk_areas"], ["312个", "residential_compounds"]]


def test_inherited_scope_respects_what_a_metric_can_be(make_docs):
    figures = extract_figures(make_docs("截至9月4日24时，全市现有在院确诊病例56例，治愈出院890例。当日治愈出院3例，死亡1例。"))
    assert figures[["metric", "scope"]].values.tolist() == [
        ["confirmed", "current"], ["discharged", "none"], ["discharged", "new"], ["deaths", "new"]]


def test_an_ordinal_does_not_inherit_a_scope(make_docs):
    figures = extract_figures(make_docs("已开展三轮全员核酸检测，今日起开展第四轮全员核酸检测。"))
    assert figures[["text", "scope"]].values.tolist() == [["三轮", "cumulative"], ["第四轮", "none"]]


def test_subcount_after_qizhong_takes_the_metric_it_splits(make_docs):
    figures = extract_figures(make_docs("新增本土确诊病例23例（其中1例为无症状感染者转归），新增病例中社区筛查发现12例。"))
    assert figures[["text", "metric", "scope"]].values.tolist() == [
        ["23例", "confirmed", "new"], ["1例", "confirmed", "new"], ["12例", "positive", "new"]]


def test_released_from_observation_qualified_by_who(one):
    row = one("当日解除医学观察的密切接触者1234人。")
    assert (row.metric, row.scope, row.value) == ("released_from_observation", "new", 1234.0)


def test_scope_does_not_leak_into_an_unrelated_clause(make_docs):
    figures = extract_figures(make_docs("在原有10部专线的基础上，再增加20部服务热线，从各部门抽调8名业务干部。"))
    assert figures["scope"].tolist() == ["current", "new", "none"]


# ------------------------------------------------------------------ arguments

def test_empty_input_gives_empty_frame_with_columns(make_docs):
    empty = extract_figures(make_docs())
    assert empty.empty and list(empty.columns) == FIGURE_COLUMNS


@pytest.mark.parametrize("bad", [None, "text", pd.DataFrame({"text": ["新增确诊病例4例。"]})])
def test_bad_input_raises(bad):
    with pytest.raises(ValueError):
        extract_figures(bad)


# ------------------------------------------------------------------ per capita

def test_per_capita_from_census(figures):
    scaled = per_capita(figures)
    xuchang = scaled[(scaled.doc_id == "2022-05-07_xuchang") & (scaled.metric == "confirmed")].iloc[0]
    assert xuchang.population == 4379998 and xuchang.census_year == 2020
    assert round(xuchang.per_100k, 4) == 0.9817
    rounds = scaled[scaled.metric == "test_rounds"]
    assert rounds["per_100k"].isna().all()
    yining = scaled[scaled.place == "伊宁市"]
    assert yining["population"].isna().all() and yining["per_100k"].isna().all()
    assert len(scaled) == len(figures)


def test_every_census_place_is_a_place_the_lexicon_can_name():
    from zerocovid.analyzers.figures import load_population
    from zerocovid.lexicons import load_resource

    places = {entry["place"] for entry in load_resource("places")["places"]}
    table = load_population()
    assert set(table["place"]) <= places
    assert table["population"].gt(0).all() and table["source"].str.len().gt(0).all()


def test_per_capita_with_own_population_table(make_docs):
    figures = extract_figures(make_docs("新增确诊病例4例。"))
    scaled = per_capita(figures, population=pd.DataFrame({"place": ["Testville"], "population": [200000], "census_year": [2020]}))
    assert scaled["per_100k"].tolist() == [2.0]
    with pytest.raises(ValueError):
        per_capita(figures, population=pd.DataFrame({"place": ["Testville"]}))
    with pytest.raises(ValueError):
        per_capita(pd.DataFrame({"x": [1]}))


# ------------------------------------------------------------------ comparison tables

def test_outbreak_scale_on_the_seeds(figures):
    scale = outbreak_scale(figures).set_index(["doc_id", "place"])
    xuchang = scale.loc[("2022-05-07_xuchang", "许昌市")]
    assert (xuchang.cases, xuchang.case_scope, xuchang.as_of) == (105.0, "cumulative", pd.Timestamp("2022-05-07 08:00"))
    assert round(xuchang.rooms_per_case, 2) == 112.70
    assert round(xuchang.contacts_per_case, 2) == 51.72
    assert round(xuchang.isolated_per_case, 2) == 93.40
    assert round(xuchang.cases_per_100k, 3) == 2.397
    xinjiang = scale.loc[("2022-09-09_korla", "新疆维吾尔自治区")]
    assert (xinjiang.cases, xinjiang.case_scope) == (545.0, "current")
    horgos = scale.loc[("2022-01-24_yili_horgos", "霍尔果斯市")]
    assert (horgos.cases, horgos.case_scope, horgos.positive) == (14.0, "new", 14.0)
    xian = scale.loc[("2022-01-07_xian", "西安市")]
    assert math.isnan(xian.cases) and round(xian.isolated_per_100k, 1) == 304.7
    assert xian.as_of == pd.Timestamp("2022-01-03 16:00")
    assert sorted(scale.index) == [("2022-01-07_xian", "西安市"), ("2022-01-24_yili_horgos", "霍尔果斯市"),
                                   ("2022-05-07_xuchang", "许昌市"), ("2022-09-09_korla", "库尔勒市"),
                                   ("2022-09-09_korla", "新疆维吾尔自治区"), ("2022-09-09_yili_yining", "伊宁市")]


def test_outbreak_scale_prefers_the_latest_figure(make_docs):
    figures = extract_figures(make_docs("截至9月7日24时，累计确诊病例10例。\n截至9月8日24时，累计确诊病例12例，现有无症状感染者5例。"))
    row = outbreak_scale(figures).iloc[0]
    assert (row.confirmed, row.asymptomatic, row.cases, row.case_scope) == (12.0, 5.0, 17.0, "cumulative+current")


def test_outbreak_scale_rejects_other_frames():
    with pytest.raises(ValueError):
        outbreak_scale(pd.DataFrame({"value": [1]}))


# ------------------------------------------------------------------ forms seen in other cities' bulletins

def test_interval_with_dash_and_yesterday(make_docs):
    figures = extract_figures(make_docs("3月14日0—24时，全市新增本土确诊病例12例。\n昨日0时至24时，新增无症状感染者34例。",
                                        event_date="2022-03-16"))
    assert figures[["as_of_start", "as_of"]].values.tolist() == [
        [pd.Timestamp("2022-03-14"), pd.Timestamp("2022-03-15")],
        [pd.Timestamp("2022-03-15"), pd.Timestamp("2022-03-16")],
    ]


def test_risk_area_list_with_qizhong(make_docs):
    figures = extract_figures(make_docs("全市共有中高风险区12个，其中高风险区3个、中风险区9个。"))
    assert figures[["metric", "value", "scope"]].values.tolist() == [
        ["risk_areas", 12.0, "current"], ["high_risk_areas", 3.0, "current"], ["medium_risk_areas", 9.0, "current"]]


def test_person_times_severe_cases_and_fangcang(make_docs):
    figures = extract_figures(make_docs("当日完成核酸检测123.4万人次。目前在院确诊病例45例，其中重症2例。全市已设立方舱医院3家，床位5000张。"))
    assert figures[["text", "metric", "value"]].values.tolist() == [
        ["123.4万人次", "tests_done", 1234000.0], ["45例", "confirmed", 45.0], ["2例", "severe_cases", 2.0],
        ["3家", "makeshift_hospitals", 3.0], ["5000张", "hospital_capacity", 5000.0]]


def test_case_serial_numbers_are_not_counts(make_docs, one):
    assert extract_figures(make_docs("第3例确诊病例为男性。")).empty
    assert one("新增确诊病例3至5例。")[["kind", "value", "value_high"]].tolist() == ["range", 3.0, 5.0]


def test_cutoff_day_without_hour_has_no_start(one):
    row = one("截至9月8日，累计确诊病例20例。")
    assert (row.as_of, row.as_of_start) == (pd.Timestamp("2022-09-09"), pd.NaT)


def test_city_anaphor_before_any_city_is_the_article_place(make_docs):
    figures = extract_figures(make_docs("新疆通报疫情。全市累计确诊病例20例。", place="Korla"))
    assert figures["place"].tolist() == ["库尔勒市"]


# ------------------------------------------------------------------ Hong Kong, Taiwan and Macau usage (issue 16)
# Invented sentences (东川市, 城南区, 北原县 are made-up places; the numbers are made up).

HK_TW = harness.load(Path(__file__).parents[1] / "heldout" / "figures_hk_tw" / "gold.yaml")


@pytest.fixture(scope="module")
def hk_tw_docs(tmp_path_factory):
    return gold_documents(HK_TW, tmp_path_factory.mktemp("figures_hk_tw"))


def test_hk_tw_heldout_articles_against_their_gold(hk_tw_docs):
    comparison = harness.compare(HK_TW, "figures", hk_tw_docs)
    assert comparison.problems == [], comparison.report()


def test_hk_tw_heldout_breakdowns_point_at_their_totals(hk_tw_docs):
    figures = extract_figures(hk_tw_docs)
    quote = dict(zip(figures["row_id"], figures["text"]))
    parts = {(row.doc_id, row.text, quote[row.part_of]) for row in figures.itertuples() if row.part_of}
    assert parts == {
        ("hongkong", "3,011宗", "3,218宗"), ("hongkong", "207宗", "3,218宗"),
        ("hongkong", "120宗", "207宗"), ("hongkong", "87宗", "207宗"),
        ("taiwan", "41例", "64例"), ("taiwan", "23例", "64例"), ("taiwan", "18例", "64例"), ("taiwan", "12例", "64例"),
        ("taiwan", "8例", "64例"), ("taiwan", "1例", "64例"), ("taiwan", "10例", "64例"), ("taiwan", "5例", "64例"),
        ("taiwan", "3,080,112例", "3,102,455例"), ("taiwan", "21,337例", "3,102,455例"),
        ("dongchuan", "2例", "12例"), ("dongchuan", "10例", "12例"), ("dongchuan", "8例", "12例"),
        ("dongchuan", "3例", "12例"), ("dongchuan", "1例", "12例"), ("dongchuan", "2例", "23例")}
    # the same text can be a part or not: the second 207宗 opens a sentence of its own
    assert figures[(figures.doc_id == "hongkong") & (figures.text == "207宗")]["part_of"].astype(bool).tolist() == [True, False]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 宗 counts cases; 本港 is 香港; 120 before 宗 is no service number
        ("本港新增120宗确诊个案，其中本地个案有100宗。",
         [("120宗", "confirmed", 120, "香港", False), ("100宗", "confirmed", 100, "香港", True)]),
        # 确定病例; a breakdown by 个案 or with no noun counts what its total counts
        ("指挥中心今日公布新增30例COVID-19确定病例，分别为20例本土个案及10例境外移入。",
         [("30例", "confirmed", 30, "Testville", False), ("20例", "confirmed", 20, "Testville", True),
          ("10例", "confirmed", 10, "Testville", True)]),
        # clinical types are confirmed cases, parts of the total of the sentence before
        ("东川市新增本土确诊病例12例。按临床分型，轻型10例、普通型2例。",
         [("12例", "confirmed", 12, "东川市", False), ("10例", "confirmed", 10, "东川市", True),
          ("2例", "confirmed", 2, "东川市", True)]),
        # 感染者 with no 确诊 / 无症状 before it; qualifiers between the unit and the noun
        ("东川市新增1935例新冠病毒本土感染者，8例为社会面感染。",
         [("1935例", "positive", 1935, "东川市", False), ("8例", "positive", 8, "东川市", False)]),
        # releases from medical observation are their own metric, never asymptomatic cases
        ("当日解除医学观察的无症状感染者15例，累计解除医学观察人士1,208人。",
         [("15例", "released_from_observation", 15, "Testville", False),
          ("1,208人", "released_from_observation", 1208, "Testville", False)]),
        # 人员 in Hong Kong and Macau usage; 需接受医学观察人士
        ("目前在检疫中心接受隔离的人员有1,540名，需接受医学观察人士新增216人。",
         [("1,540名", "isolated_people", 1540, "Testville", False), ("216人", "isolated_people", 216, "Testville", False)]),
        # a seven-digit count is no telephone number when a unit follows it; 破万 is about 10000
        ("累计采样1039375人，累计死亡个案破万宗。",
         [("1039375人", "tests_done", 1039375, "Testville", False), ("破万宗", "deaths", 10000, "Testville", False)]),
        # a count in 例 naming no metric at all is a case count
        ("本轮疫情累计报告161例。", [("161例", "positive", 161, "Testville", False)]),
        # a modifier before the case noun names the metric (discharged, released, severe), not the noun
        ("新增治愈出院确诊病例9例，新增解除隔离医学观察无症状感染者14例，现有确诊病例76例（其中重症病例6例）。",
         [("9例", "discharged", 9, "Testville", False), ("14例", "released_from_observation", 14, "Testville", False),
          ("76例", "confirmed", 76, "Testville", False), ("6例", "severe_cases", 6, "Testville", True)]),
        # the source of one item of a 、-list is not the metric of the next
        ("新增确诊病例3例，其中1例在隔离管控人员中发现、2例由无症状感染者转为确诊病例。",
         [("3例", "confirmed", 3, "Testville", False), ("1例", "confirmed", 1, "Testville", True),
          ("2例", "confirmed", 2, "Testville", True)]),
        # Taiwan's notifications, exclusions and voided cases
        ("累计3,102,455例相关通报（含3,080,112例排除），新增1例空号病例。",
         [("3,102,455例", "notifications", 3102455, "Testville", False), ("3,080,112例", "excluded", 3080112, "Testville", True),
          ("1例", "voided_cases", 1, "Testville", False)]),
    ],
)
def test_hk_tw_usage_and_breakdowns(make_docs, sentence, expected):
    figures = extract_figures(make_docs(sentence))
    found = [(row.text, row.metric, row.value, row.place, bool(row.part_of)) for row in figures.itertuples()]
    assert found == expected


def test_pooling_ratio_written_with_a_colon(make_docs):
    figures = extract_figures(make_docs("市区10:1混管筛查检出1人。"))
    assert figures[["text", "metric", "kind", "unit", "value"]].values.tolist()[0] == ["10:1", "pooling_ratio", "ratio", "混1", 10.0]


HK_TW_NEGATIVES = [pytest.param(sentence, id=sentence) for sentence in [
    "第3宗个案的同住家人须接受检测。",           # ordinals of cases, waves, days and doses are never counts
    "第六波疫情以来，中心加强检测。",
    "样本于抵港后第1至3日采集。",
    "第2剂疫苗接种率已达80%。",
    "案20617为未满10岁女童，Ct值14.8。",          # case numbers and test values
    "市民如有疑问可致电2125 1111查询。",          # a Hong Kong telephone number
    "2020年起推行防疫措施，可拨打1922防疫专线。",
]]


@pytest.mark.parametrize("sentence", HK_TW_NEGATIVES)
def test_hk_tw_hard_negatives(make_docs, sentence):
    figures = extract_figures(make_docs(sentence))
    assert figures.empty, figures[["text", "metric"]].to_string()


def test_place_at_the_finest_level_stated(make_docs):
    figures = extract_figures(make_docs("北京市累计报告28例，其中，朝阳区8例，顺义区、大兴区各4例。"))
    assert figures[["text", "place", "place_level", "place_parent", "place_en"]].values.tolist() == [
        ["28例", "北京市", "province", "", "Beijing"], ["8例", "朝阳区", "district", "北京市", ""],
        ["4例", "顺义区; 大兴区", "district", "北京市", ""]]


def test_a_unit_named_after_the_figure_with_jun_zai(make_docs):
    figures = extract_figures(make_docs("巴州现有无症状感染者41例，均在库尔勒市。"))
    assert figures[["place", "place_full", "place_parent"]].values.tolist() == [["库尔勒市", "库尔勒市", "巴音郭楞蒙古自治州"]]


def test_a_district_is_not_carried_over_to_the_next_total(make_docs):
    figures = extract_figures(make_docs("城南区新增确诊病例5例。全市累计报告确诊病例20例。累计治愈出院15例。", place="东川市"))
    assert figures["place"].tolist() == ["城南区", "东川市", "东川市"]
    # …but a series of the same metric and scope goes on in its unit
    figures = extract_figures(make_docs("9月6日，城南区新增确诊病例5例；9月7日，新增确诊病例3例。", place="东川市"))
    assert figures["place"].tolist() == ["城南区", "城南区"]


def test_a_place_of_origin_is_not_the_figures_place(make_docs):
    figures = extract_figures(make_docs("从北原县返回的密接人员中发现阳性感染者3例。", place="东川市"))
    assert figures["place"].tolist() == ["东川市"]


def test_the_fullest_form_the_article_uses_and_short_names_kept(make_docs):
    figures = extract_figures(make_docs("新疆维吾尔自治区新增无症状感染者6例。新疆累计报告感染者20例。巴州新增3例。"))
    assert figures["place"].tolist() == ["新疆维吾尔自治区", "新疆维吾尔自治区", "巴州"]


def test_an_invented_district_is_placed_under_the_city_named_before_it(make_docs):
    # 城北区 is also a district of Xining: not here, after the invented 东川市
    figures = extract_figures(make_docs("东川市新增确诊病例5例，其中城北区3例。"))
    assert figures[["place", "place_level", "place_parent"]].values.tolist() == [["东川市", "", ""], ["城北区", "district", "东川市"]]


def test_outbreak_scale_leaves_out_breakdowns_at_the_totals_place(make_docs):
    figures = extract_figures(make_docs("东川市新增本土确诊病例12例。按临床分型，轻型10例、普通型2例。"))
    assert outbreak_scale(figures)[["place", "confirmed"]].values.tolist() == [["东川市", 12.0]]


def test_jionlp_prints_nothing_when_the_places_load():
    # jionlp prints a banner on import; it would land in every notebook
    command = "from zerocovid.document.places import unit_lexicon; unit_lexicon()"
    result = subprocess.run([sys.executable, "-c", command], capture_output=True, text=True, check=True)
    assert result.stdout == ""
