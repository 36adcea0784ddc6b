"""Pages the corpus tests write: the matrix of unusual and malformed inputs, and pages an analyst would add;
random texts for the oracles of the loader's fast paths.

Shared by the tests that load them (``corpus/test_reader.py``, ``corpus/test_errors.py``, the page format
tests, ``test_cli.py``) and by the oracle of ``corpus/test_cleaning.py``, which walks every page written here.
"""
from __future__ import annotations

import random

# ----------------------------------------------------------------- the matrix of unusual and malformed files

A = "各位媒体朋友：大家好！本轮疫情发生以来，我们按照国家相关规定，从严从细落实疫情防控各项工作。"
B = "我们工作中存在的这些问题，给广大市民的生活和工作都带来了较大的影响，在此向大家表示深深的歉意！"
GOOD = f"好文章\n{B}\n"

LOADS = {
    # name: (content, manifest fields, expected (title, text) of the case's row, extra checks)
    "crlf_line_endings": (f"标题\r\n\r\n{A}\r\n{B}\r\n", {}, ("标题", f"{A}\n{B}")),
    "cr_only_line_endings": (f"标题\r{A}\r{B}\r", {}, ("标题", f"{A}\n{B}")),
    "bom_before_front_matter": (f"\ufeff---\ntitle: 前言标题\ndate: 2022-09-09\n---\n<p>{A}</p>".encode("utf-8"),
                                {"published": ""}, ("前言标题", A)),
    "yaml_date_unquoted": (f"---\ntitle: 标题\ndate: 2022-09-09\n---\n{A}\n", {"published": ""}, ("标题", A)),
    "chinese_front_matter_date": (f"---\ntitle: 标题\ndate: 2022年9月9日 10时30分\n---\n{A}\n", {"published": ""},
                                  ("标题", A)),
    "nul_bytes_inside_text": (f"标题\n{A[:10]}\x00{A[10:]}{A}{A}\n".encode("utf-8"), {}, ("标题", A * 3)),
    "zero_width_and_bom_inside": (f"标题\n{A[:5]}\u200b\ufeff{A[5:]}\u200d\n", {}, ("标题", A)),
    "fullwidth_digits_and_letters": ("标题\n截至９月８日２４时，新增ＢＡ．５病例１５例。\n", {},
                                     ("标题", "截至9月8日24时，新增BA．5病例15例。")),
    "half_width_punctuation": ("标题\n各位朋友:大家好!本轮疫情(第二轮)发生以来,我们从严落实。\n", {},
                               ("标题", "各位朋友：大家好！本轮疫情（第二轮）发生以来，我们从严落实。")),
    "unclosed_html_tags": (f"<div><p>标题<p>{A}<div><span>{B}", {}, ("标题", f"{A}\n{B}")),
    "html_entities": (f"<p>标题</p><p>{A}&nbsp;&#20013;&#x6587;</p>", {}, ("标题", f"{A}中文")),
    "deeply_nested_sections": ("<p>标题</p>" + "<section>" * 3000 + f"<p>{A}</p>" + "</section>" * 3000, {},
                               ("标题", A)),
    "br_separated_paragraphs": (f"<p>标题<br>{A}<br/><br/>{B}</p>", {}, ("标题", f"{A}\n{B}")),
    "emoji_decoration": (f"标题\n🔥{A}✅\n❤️\n", {}, ("标题", A)),
    "one_very_long_line": ("标题\n" + A * 2000, {}, ("标题", A * 2000)),
    "utf16_le_without_bom": (f"标题\n{A}\n".encode("utf-16-le"), {}, ("标题", A)),
    "gbk_declared_in_manifest": (f"标题\n{A}\n".encode("gbk"), {"encoding": "gbk"}, ("标题", A)),
    "spaces_in_chinese_file_name": (f"标题\n{A}\n", {}, ("标题", A)),
}
FILE_NAMES = {"spaces_in_chinese_file_name": "库尔勒 通报 (1).txt"}

ERRORS = {
    # name: (content, manifest fields, fragment the message must hold besides the file name)
    "truncated_mid_character": (f"标题\n{A}".encode("utf-8")[:-1], {}, "truncated"),
    "stray_byte_in_utf8": (f"标题\n{A}".encode("utf-8")[:30] + b"\xff" + f"{B}".encode("utf-8"), {}, "damaged"),
    "png_bytes": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, {}, "encoding"),
    "ascii_control_characters": (bytes(range(1, 32)) * 20, {}, "control characters"),
    "unknown_codec_declared": (f"标题\n{A}\n", {"encoding": "utf-9"}, "not a known codec"),
    "gb18030_declared_utf8": (f"标题\n{A}\n".encode("gb18030"), {"encoding": "utf-8"}, "not valid utf-8"),
    "utf16_bom_damaged": (b"\xff\xfe" + f"标题\n{A}".encode("utf-16-le") + b"\x00", {}, "damaged"),
    "only_scripts_and_comments": ("<div><!-- 正文 --><script>var t = '正文';</script><style>p{}</style></div>", {},
                                  "no article text"),
    "front_matter_without_body": ("---\ntitle: 标题\ndate: 2022-09-09\n---\n\n", {}, "no article text"),
    "title_only": ("<h1>某市通报疫情防控工作情况。</h1><p>某市通报疫情防控工作情况。</p>", {}, "only its title"),
    "navigation_only": ("首页 > 新闻 > 正文\n上一篇\n下一篇\n返回顶部\n", {}, "only navigation"),
    "markdown_only_links": ("# 链接\n\n![](a.png)\n\n[首页](/) [新闻](/news)\n", {}, "only navigation"),
    "portal_cruft_only": ("您的位置:首页 > 新闻\n更新时间:2022-09-09 12:38:20\n责任编辑:张三\n", {}, "no article text"),
    "impossible_date": (f"标题\n{A}\n", {"published": "2022-02-30"}, "not a date"),
    # wall times that Beijing's summer time skipped (manifest) or repeated (front matter)
    "skipped_wall_time": (f"标题\n{A}\n", {"published": "1988-04-17 02:30"}, "skipped or repeated"),
    "repeated_wall_time": (f"---\ntitle: 标题\ndate: 1986-09-14 01:30\n---\n{A}\n", {"published": ""},
                           "front matter field date"),
}


# ----------------------------------------------------------------- pages an analyst would add

APOLOGY = ("各位媒体朋友：大家好！本轮疫情发生以来，我们按照国家相关规定，从严从细落实疫情防控各项工作，"
           "广大市民朋友充分理解，积极配合，给予疫情防控工作最有力的支持。")
SECOND = B
PLAIN = f"某市通报\n\n{APOLOGY}\n\n{SECOND}\n"



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



BARE_HTML = f"""<html><head><title>某市通报_某某网</title></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li>新闻</li></ul>
<div class="breadcrumb">当前位置：首页 &gt; 新闻</div>
<h1>某市通报</h1><div class="article"><p>{APOLOGY}</p><p>{SECOND}</p></div>
<div class="footer">版权所有</div></body></html>"""



MARKDOWN = f"""# 某市通报

![](https://example.org/banner.png)

{APOLOGY}

**一是加强核酸检测。** 详见[通知](https://example.org/notice)。

- {SECOND}

原文链接：[某市发布](https://example.org/a)
"""



NAVIGATION_PAGE = "<ul><li>首页</li><li>新闻中心</li><li>政务公开</li></ul><p>首页 &gt; 新闻 &gt; 正文</p>"
# Chinese government sites put the article in <div class="TRS_Editor">: it is content, not an editor line.
TRS_EDITOR_PAGE = ('<html><head><title>某市疫情防控新闻发布会</title></head><body><div class="TRS_Editor">'
                   '<p>截至5月7日8时，某市累计报告本土确诊病例12例。</p></div>'
                   '<p class="editor">责任编辑：某某</p></body></html>')
ONLY_MARKUP_PAGE = "<div><script>var a=1;</script><img src='x.png'></div>"


# ----------------------------------------------------------------- random texts for the oracles

def random_texts(n: int, seed: int, alphabet: list[str], longest: int = 80) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(longest))) for _ in range(n)]


MIXED = [*"\x00\x01\x08\t\n\x0b\x0c\r\x1b\x1f \x7f", "a", "1", ",", "中", "文", "，", "\u3000", "\xa0", "Ａ", "５",
         "\u200b", "\ufeff", "😀", "\ufffd", "\U0010ffff"]
