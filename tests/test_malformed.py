"""A matrix of malformed or unusual inputs, each written by the test itself.

Every case ends either in a correct load (checked exactly) or in a CorpusError whose
message names the file; no other exception escapes and no row goes missing: each
corpus also holds a good article, which must load whatever happens to its neighbour.
"""
from __future__ import annotations

import pytest

import zerocovid as zc
from conftest import write_corpus

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


def _corpus(tmp_path, name, content, fields):
    """The case as doc1 (with its manifest fields) and a good article as doc2 (default fields)."""
    file_name = FILE_NAMES.get(name, f"{name}.txt")
    good = write_corpus(tmp_path / "good", {"zz_good.txt": GOOD})
    folder = write_corpus(tmp_path / "case", {file_name: content}, **fields)
    (folder / "raw" / "zz_good.txt").write_bytes((good / "raw" / "zz_good.txt").read_bytes())
    good_row = (good / "manifest.csv").read_text(encoding="utf-8").splitlines()[1].replace("doc1", "doc2")
    with (folder / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(good_row + "\n")
    return folder, file_name


def test_matrix_has_at_least_20_cases():
    assert len(LOADS) + len(ERRORS) >= 20


@pytest.mark.parametrize("name", sorted(LOADS))
def test_unusual_input_loads_correctly(tmp_path, name):
    content, fields, (title, text) = LOADS[name]
    folder, _ = _corpus(tmp_path, name, content, fields)
    docs = zc.load_documents(folder)
    assert len(docs) == 2  # no row lost
    case, good = docs.loc["doc1"], docs.loc["doc2"]
    assert (case.title, case.text) == (title, text)
    assert (good.title, good.text) == ("好文章", B)
    assert case.n_chars == len(text) and "\r" not in case.text and "\x00" not in case.text


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_malformed_input_is_a_corpus_error_naming_the_file(tmp_path, name):
    content, fields, fragment = ERRORS[name]
    folder, file_name = _corpus(tmp_path, name, content, fields)
    try:
        zc.load_documents(folder)
    except zc.CorpusError as err:
        problems = err.problems
    except Exception as err:  # noqa: BLE001 - the point of the test: nothing but CorpusError
        pytest.fail(f"{name}: {type(err).__name__} escaped: {err}")
    else:
        pytest.fail(f"{name}: loaded without an error")
    assert len(problems) == 1
    assert file_name in problems[0] and fragment in problems[0], problems[0]
    assert "zz_good.txt" not in problems[0]


def test_front_matter_dates_are_read(tmp_path):
    folder, _ = _corpus(tmp_path, "chinese_front_matter_date", *LOADS["chinese_front_matter_date"][:2])
    assert str(zc.load_documents(folder).loc["doc1", "published"]) == "2022-09-09 10:30:00+08:00"


def test_manifest_row_pointing_at_a_folder(tmp_path):
    folder = write_corpus(tmp_path, {"zz_good.txt": GOOD})
    (folder / "raw" / "folder.txt").mkdir()
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace("doc1", "doc2").replace("zz_good.txt", "folder.txt"))
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(folder)
    assert info.value.problems == [f"{folder / 'raw/folder.txt'}: listed in manifest.csv (line 3) but not found; "
                                   "add the file or remove its row"]


def test_same_file_listed_twice_is_an_exact_duplicate(tmp_path):
    folder = write_corpus(tmp_path, {"zz_good.txt": GOOD})
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text("\n".join([*lines, lines[1].replace("doc1", "doc2")]) + "\n", encoding="utf-8")
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(folder)
    assert len(info.value.problems) == 1 and "same text after cleaning as raw/zz_good.txt" in info.value.problems[0]
