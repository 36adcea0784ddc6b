"""load_documents() on the project's five articles: exact metadata and clean texts."""
from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest

import zerocovid as zc
from zerocovid.paths import DATA_DIR

EXPECTED = {
    # doc_id: (region, place, province, title, published (Beijing time), date_source)
    "2022-01-07_xian": ("Xi'an", "Xi'an", "Shaanxi", "陕西省委书记：深刻汲取教训、反思不足",
                        "2022-01-07 13:58:10", "front matter"),
    "2022-01-24_yili_horgos": ("Yili", "Horgos", "Xinjiang", "新疆伊犁州全面启动疫情防控工作",
                               "2022-01-24 21:20:27", "front matter"),
    "2022-05-07_xuchang": ("Xuchang", "Xuchang", "Henan", "许昌市召开新冠肺炎疫情防控第二十三场新闻发布会",
                           "2022-05-07 00:00:00", "manifest"),
    "2022-09-09_korla": ("Korla", "Korla", "Xinjiang", "库尔勒市道歉：防疫存在短板，全力做好生活保障",
                         "2022-09-09 12:38:20", "text"),
    "2022-09-09_yili_yining": ("Yili", "Yining", "Xinjiang", "新疆伊犁辟谣", "2022-09-10 06:01:01", "front matter"),
}
FORBIDDEN = ["<", "&#", "责任编辑", "郑重声明", "推荐内容", "您的位置", "appendQr", "本文标签", "更新时间", "原标题"]


def test_five_documents_in_doc_id_order(docs):
    assert list(docs.index) == sorted(EXPECTED)
    assert list(docs["doc_id"]) == list(docs.index)


def test_design_columns_present(docs):
    for column in ["doc_id", "region", "place", "province", "outlet", "published", "title", "text",
                   "n_chars", "source_file", "sha256", "encoding"]:
        assert column in docs.columns


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_metadata_exact(docs, doc_id):
    region, place, province, title, published, date_source = EXPECTED[doc_id]
    row = docs.loc[doc_id]
    assert (row.region, row.place, row.province, row.title) == (region, place, province, title)
    assert row.published == pd.Timestamp(published, tz="Asia/Shanghai")
    assert row.date_source == date_source
    assert str(row.published.tz) == "Asia/Shanghai"


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_text_is_clean(docs, doc_id):
    row = docs.loc[doc_id]
    for fragment in FORBIDDEN:
        assert fragment not in row.text, fragment
    assert row.text.count(row.title) <= 1
    assert "  " not in row.text and "\u3000" not in row.text and "\n\n" not in row.text
    assert row.n_chars == len(row.text)


def test_page_formats_detected_by_content(docs):
    assert docs["page_format"].to_dict() == {
        "2022-01-07_xian": "html", "2022-01-24_yili_horgos": "html", "2022-05-07_xuchang": "plain",
        "2022-09-09_korla": "plain", "2022-09-09_yili_yining": "html"}


def test_paragraph_counts(docs):
    # counted by hand from the sources: <p> blocks with text (Horgos, Xi'an), lines (Korla)
    assert docs.loc["2022-01-24_yili_horgos", "n_paragraphs"] == 5
    assert docs.loc["2022-01-07_xian", "n_paragraphs"] == 19
    assert docs.loc["2022-09-09_korla", "n_paragraphs"] == 15


def test_portal_cruft_removed_but_content_kept(docs):
    korla = docs.loc["2022-09-09_korla", "text"]
    assert korla.startswith("（观察者网 讯）据库尔勒市委宣传部")
    assert korla.endswith("截至9月8日24时，新疆维吾尔自治区现有本土确诊病例15例；本土无症状感染者530例。")
    xuchang = docs.loc["2022-05-07_xuchang", "text"]
    assert xuchang.startswith("5月7日上午，许昌市人民政府新闻办举行")
    assert xuchang.endswith("定能早日战胜疫情。")
    horgos = docs.loc["2022-01-24_yili_horgos", "text"]
    assert horgos.endswith("（总台记者 王跃军 苏蒙 阿尔曼 索南 曹江）")
    assert "海量资讯" not in horgos
    xian = docs.loc["2022-01-07_xian", "text"]
    assert "\n刘顺智鞠躬道歉\n" in xian  # the image caption keeps its words, not its credit
    assert "华商报" not in xian and "文字来源" not in xian


def test_half_width_punctuation_converted_in_chinese_context_only(docs):
    korla = docs.loc["2022-09-09_korla", "text"]
    assert "县（市）" in docs.loc["2022-05-07_xuchang", "text"]
    assert "库尔勒市：公开道歉" in korla and "," not in korla and ":" not in korla
    yining = docs.loc["2022-09-09_yili_yining", "text"]
    assert "于当日16:43在居民微信群" in yining  # a time keeps its colon
    assert "0999-8036815 0999-8040931" in yining  # numbers keep their separators
    assert "Omicron BA.5.2变异株" in yining


def test_bold_spans_are_headings(docs):
    horgos = docs.loc["2022-01-24_yili_horgos"]
    assert [horgos.text[s:e] for s, e in horgos.bold_spans] == [
        "一是快速进行核酸检测。", "二是严格环境消毒消杀工作。", "三是强化社会面管控。"]
    yining = docs.loc["2022-09-09_yili_yining"]
    assert yining.text[slice(*yining.bold_spans[0])] == "统筹各类医疗资源，全力保障疫情防控期间群众就医需求"
    assert docs.loc["2022-09-09_korla", "bold_spans"] == []


def test_sha256_and_encoding_recorded(docs):
    for row in docs.itertuples():
        raw = (DATA_DIR / row.source_file).read_bytes()
        assert row.sha256 == hashlib.sha256(raw).hexdigest()
        assert row.encoding == "utf-8"
        assert row.script == "simplified"


def test_other_data_folder_with_same_layout(corpus_copy):
    docs = zc.load_documents(corpus_copy)
    assert len(docs) == 5
    shutil.rmtree(corpus_copy / "raw")
    with pytest.raises(zc.CorpusError):
        zc.load_documents(corpus_copy)


def test_default_data_dir_is_the_projects(docs):
    assert zc.load_documents(DATA_DIR)["sha256"].tolist() == docs["sha256"].tolist()


def test_extra_manifest_columns_kept(docs):
    assert docs.loc["2022-01-24_yili_horgos", "event_date"] == "2022-01-24"
