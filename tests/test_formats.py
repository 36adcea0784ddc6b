"""Pages an analyst would add: other encodings, traditional script, WeChat, bare HTML, Markdown, duplicates."""
from __future__ import annotations

import opencc
import pytest

import zerocovid as zc
from conftest import write_corpus

APOLOGY = ("各位媒体朋友：大家好！本轮疫情发生以来，我们按照国家相关规定，从严从细落实疫情防控各项工作，"
           "广大市民朋友充分理解，积极配合，给予疫情防控工作最有力的支持。")
SECOND = "我们工作中存在的这些问题，给广大市民的生活和工作都带来了较大的影响，在此向大家表示深深的歉意！"
PLAIN = f"某市通报\n\n{APOLOGY}\n\n{SECOND}\n"


def load_one(tmp_path, content, name="a.txt", **manifest):
    docs = zc.load_documents(write_corpus(tmp_path, {name: content}, **manifest))
    assert len(docs) == 1
    return docs.iloc[0]


@pytest.mark.parametrize("codec, declared, recorded", [
    ("utf-8", "", "utf-8"),
    ("utf-8-sig", "", "utf-8-sig"),
    ("gb18030", "", "gb18030"),
    ("gbk", "gbk", "gbk"),
    ("utf-16", "", "utf-16"),
    ("utf-16-le", "utf-16-le", "utf-16-le"),
])
def test_encodings_decode_to_the_same_text(tmp_path, codec, declared, recorded):
    doc = load_one(tmp_path, PLAIN.encode(codec), encoding=declared)
    assert (doc.title, doc.text, doc.encoding, doc.script) == ("某市通报", f"{APOLOGY}\n{SECOND}", recorded, "simplified")


def test_manifest_encoding_wins_over_detection(tmp_path):
    # GB18030 bytes declared as Big5 decode (to other characters) because the manifest says so
    data = "标题\n正文。".encode("gb18030")
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(write_corpus(tmp_path, {"a.txt": data}, encoding="utf-8"))
    assert "a.txt" in str(info.value) and "utf-8" in str(info.value)


def test_traditional_big5_is_detected_and_simplified(tmp_path):
    traditional = opencc.OpenCC("s2t").convert(PLAIN)
    assert "媒體" in traditional
    doc = load_one(tmp_path, traditional.encode("big5"))
    assert (doc.encoding, doc.script) == ("big5", "traditional")
    assert (doc.title, doc.text) == ("某市通报", f"{APOLOGY}\n{SECOND}")


def test_traditional_portal_lines_are_cleaned_after_conversion(tmp_path):
    page = opencc.OpenCC("s2t").convert(f"某市通报\n更新时间:2022-09-09 12:38:20作者:佚名\n{APOLOGY}\n责任编辑:张三\n")
    assert "更新時間" in page and "責任編輯" in page
    doc = load_one(tmp_path, page, published="")
    assert doc.text == APOLOGY and doc.script == "traditional"
    assert (str(doc.published), doc.date_source) == ("2022-09-09 12:38:20+08:00", "text")


def test_simplified_text_with_a_few_traditional_characters_stays_simplified(tmp_path):
    doc = load_one(tmp_path, PLAIN.replace("规定", "規定"))
    assert doc.script == "simplified" and "規定" in doc.text


WECHAT = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="某市关于疫情防控工作的情况通报">
<title>某市关于疫情防控工作的情况通报</title>
<script>var biz = "MzA5"; var msg_title = "不是正文";</script></head>
<body><div id="js_article"><h1 class="rich_media_title">某市关于疫情防控工作的情况通报</h1>
<span id="js_name">某市发布</span>
<div class="rich_media_content" id="js_content" style="visibility: hidden;">
<section><section style="margin: 0 8px;"><p><span>📢{APOLOGY}</span></p>
<p><span style="font-weight: bold;">一是加强核酸检测。</span><span>✅全面排查。</span></p></section>
<section><p><br></p><p>{SECOND}❤️</p></section></section>
<mpvoice voice_encode_fileid="x" name="录音"></mpvoice>
</div><div class="qr_code_pc"><p>微信扫一扫关注该公众号</p></div></div>
<script>document.getElementById("js_content").style.visibility = "visible";</script></body></html>"""


def test_wechat_page_reads_only_js_content(tmp_path):
    doc = load_one(tmp_path, WECHAT, name="wechat.html")
    assert doc.title == "某市关于疫情防控工作的情况通报"
    assert doc.text == f"{APOLOGY}\n一是加强核酸检测。全面排查。\n{SECOND}"
    assert [doc.text[s:e] for s, e in doc.bold_spans] == ["一是加强核酸检测。"]
    assert doc.page_format == "html"


BARE_HTML = f"""<html><head><title>某市通报_某某网</title></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li>新闻</li></ul>
<div class="breadcrumb">当前位置：首页 &gt; 新闻</div>
<h1>某市通报</h1><div class="article"><p>{APOLOGY}</p><p>{SECOND}</p></div>
<div class="footer">版权所有</div></body></html>"""


def test_html_without_front_matter_takes_the_h1_title(tmp_path):
    doc = load_one(tmp_path, BARE_HTML, name="page.html")
    assert doc.title == "某市通报"
    assert doc.text == f"{APOLOGY}\n{SECOND}"


def test_html_title_element_is_the_last_resort(tmp_path):
    doc = load_one(tmp_path, BARE_HTML.replace("<h1>某市通报</h1>", ""), name="page.html")
    assert doc.title == "某市通报_某某网"


MARKDOWN = f"""# 某市通报

![](https://example.org/banner.png)

{APOLOGY}

**一是加强核酸检测。** 详见[通知](https://example.org/notice)。

- {SECOND}

原文链接：[某市发布](https://example.org/a)
"""


def test_markdown_is_stripped(tmp_path):
    doc = load_one(tmp_path, MARKDOWN, name="a.md")
    assert doc.page_format == "markdown" and doc.title == "某市通报"
    assert doc.text == f"{APOLOGY}\n一是加强核酸检测。详见通知。\n{SECOND}"
    assert [doc.text[s:e] for s, e in doc.bold_spans] == ["一是加强核酸检测。"]


def test_markdown_recognised_by_content_in_a_txt_file(tmp_path):
    doc = load_one(tmp_path, MARKDOWN, name="a.txt")
    assert doc.page_format == "markdown" and "**" not in doc.text and "](" not in doc.text


def test_navigation_only_page_is_an_error(tmp_path):
    page = "<ul><li>首页</li><li>新闻中心</li><li>政务公开</li></ul><p>首页 &gt; 新闻 &gt; 正文</p>"
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(write_corpus(tmp_path, {"nav.html": page}))
    assert "nav.html" in str(info.value) and "only navigation" in str(info.value)


def test_exact_duplicate_is_an_error_naming_both_files(tmp_path):
    copy = PLAIN.replace("某市通报", "另一标题")  # a different title, the same article text
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(write_corpus(tmp_path, {"a.txt": PLAIN, "b.txt": copy}))
    assert info.value.problems == [f"{tmp_path / 'raw/b.txt'}: same text after cleaning as raw/a.txt (doc_id doc1); "
                                   "the same article is listed twice: remove one of the rows"]


def test_near_duplicate_is_flagged_not_dropped(tmp_path):
    long_text = "\n\n".join([APOLOGY, SECOND] * 4)
    reposted = long_text.replace("积极配合", "积极支持", 1) + "\n\n（转自某市发布）"
    other = f"另一通报\n\n{SECOND[::-1]}\n"
    docs = zc.load_documents(write_corpus(tmp_path, {"a.txt": f"标题\n\n{long_text}", "b.txt": f"标题\n\n{reposted}",
                                                     "c.txt": other}))
    assert docs["duplicate_of"].isna().tolist() == [True, False, True]
    assert docs.loc["doc2", "duplicate_of"] == "doc1"
    assert len(docs) == 3


def test_near_duplicate_threshold(tmp_path):
    from zerocovid.corpus.duplicates import NEAR_DUPLICATE_JACCARD, jaccard

    assert jaccard(APOLOGY, APOLOGY) == 1.0
    assert jaccard(APOLOGY, SECOND) < 0.1
    half = APOLOGY[: len(APOLOGY) // 2] + SECOND
    docs = zc.load_documents(write_corpus(tmp_path, {"a.txt": f"标题\n{APOLOGY}", "b.txt": f"标题\n{half}"}))
    assert jaccard(APOLOGY, half) < NEAR_DUPLICATE_JACCARD
    assert docs["duplicate_of"].isna().all()


def test_validate_prints_every_problem_and_exits_1(tmp_path, capsys):
    from zerocovid.cli import main

    folder = write_corpus(tmp_path, {"a.txt": PLAIN, "b.txt": PLAIN, "c.txt": b"\xff\xfe\x00", "d.txt": ""})
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("3 problem(s) in ")
    for name in ["b.txt", "c.txt", "d.txt"]:
        assert name in err


def test_validate_warns_about_near_duplicates_and_exits_0(tmp_path, capsys):
    from zerocovid.cli import main

    long_text = "\n".join([APOLOGY, SECOND] * 4)
    folder = write_corpus(tmp_path, {"a.txt": f"标题\n{long_text}", "b.txt": f"标题\n{long_text}（转载）"})
    assert main(["validate", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "b.txt: near-duplicate of doc1" in captured.err
    assert "2 articles load cleanly (Testland: 2)" in captured.out


def test_government_page_body_in_trs_editor_is_kept(tmp_path):
    # Chinese government sites put the article in <div class="TRS_Editor">: it is content, not an editor line.
    page = ('<html><head><title>某市疫情防控新闻发布会</title></head><body><div class="TRS_Editor">'
            '<p>截至5月7日8时，某市累计报告本土确诊病例12例。</p></div>'
            '<p class="editor">责任编辑：某某</p></body></html>')
    docs = zc.load_documents(write_corpus(tmp_path, {"gov.html": page}))
    assert "确诊病例12例" in docs.iloc[0]["text"] and "某某" not in docs.iloc[0]["text"]


def test_dingbat_list_numbers_survive_cleaning():
    from zerocovid.corpus.cleaning import normalise_text

    assert normalise_text("❶加强管控；❷做好保障。") == "❶加强管控；❷做好保障。"
