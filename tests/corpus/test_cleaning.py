"""Cleaning: what is left of a page is its article text (the seeds exactly, WeChat, bare HTML, Markdown,
government portals), and the fast code gives what the slower code it replaced gave, kept here as the oracle:

- ``cleaning.html_lines`` walks lxml's parse events; it is checked against the BeautifulSoup tree
  walk it replaced on hand-written edge cases, every page the other tests write (``pages.py``), the
  seed articles and a synthetic corpus;
- ``cleaning.normalise_line`` against the steps it ran before its fast paths.
"""
from __future__ import annotations

import csv
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString

import zerocovid as zc
from benchmarks.generate import generate
from helpers import load_one, write_corpus
from pages import (APOLOGY, BARE_HTML, ERRORS, LOADS, MARKDOWN, MIXED, NAVIGATION_PAGE, ONLY_MARKUP_PAGE, PLAIN,
                   SECOND, TRS_EDITOR_PAGE, WECHAT, random_texts)
from zerocovid import corpus
from zerocovid.corpus import cleaning, decoding, script
from zerocovid.errors import CorpusError
from zerocovid.paths import DATA_DIR

SEEDS = ["2022-01-07_xian", "2022-01-24_yili_horgos", "2022-05-07_xuchang", "2022-09-09_korla", "2022-09-09_yili_yining"]


# --- the seed articles ---------------------------------------------------------------------------

FORBIDDEN = ["<", "&#", "责任编辑", "郑重声明", "推荐内容", "您的位置", "appendQr", "本文标签", "更新时间", "原标题"]


@pytest.mark.parametrize("doc_id", SEEDS)
def test_text_is_clean(docs, doc_id):
    row = docs.loc[doc_id]
    for fragment in FORBIDDEN:
        assert fragment not in row.text, fragment
    assert row.text.count(row.title) <= 1
    assert "  " not in row.text and "\u3000" not in row.text and "\n\n" not in row.text
    assert row.n_chars == len(row.text)


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


# --- pages an analyst would add ------------------------------------------------------------------

def test_wechat_page_reads_only_js_content(tmp_path):
    doc = load_one(tmp_path, WECHAT, name="wechat.html")
    assert doc.title == "某市关于疫情防控工作的情况通报"
    assert doc.text == f"{APOLOGY}\n一是加强核酸检测。全面排查。\n{SECOND}"
    assert [doc.text[s:e] for s, e in doc.bold_spans] == ["一是加强核酸检测。"]
    assert doc.page_format == "html"


def test_html_without_front_matter_takes_the_h1_title(tmp_path):
    doc = load_one(tmp_path, BARE_HTML, name="page.html")
    assert doc.title == "某市通报"
    assert doc.text == f"{APOLOGY}\n{SECOND}"


def test_html_title_element_is_the_last_resort(tmp_path):
    doc = load_one(tmp_path, BARE_HTML.replace("<h1>某市通报</h1>", ""), name="page.html")
    assert doc.title == "某市通报_某某网"


def test_markdown_is_stripped(tmp_path):
    doc = load_one(tmp_path, MARKDOWN, name="a.md")
    assert doc.page_format == "markdown" and doc.title == "某市通报"
    assert doc.text == f"{APOLOGY}\n一是加强核酸检测。详见通知。\n{SECOND}"
    assert [doc.text[s:e] for s, e in doc.bold_spans] == ["一是加强核酸检测。"]


def test_markdown_recognised_by_content_in_a_txt_file(tmp_path):
    doc = load_one(tmp_path, MARKDOWN, name="a.txt")
    assert doc.page_format == "markdown" and "**" not in doc.text and "](" not in doc.text


def test_government_page_body_in_trs_editor_is_kept(tmp_path):
    docs = zc.load_documents(write_corpus(tmp_path, {"gov.html": TRS_EDITOR_PAGE}))
    assert "确诊病例12例" in docs.iloc[0]["text"] and "某某" not in docs.iloc[0]["text"]


def test_dingbat_list_numbers_survive_cleaning():
    from zerocovid.corpus.cleaning import normalise_text

    assert normalise_text("❶加强管控；❷做好保障。") == "❶加强管控；❷做好保障。"



# --- the oracle: the BeautifulSoup walk that html_lines replaced --------------------------------

def soup_lines(html: str) -> tuple[list[tuple[str, str | None]], str]:
    """(lines as (text, bold flags), title) as the BeautifulSoup tree walk gave them."""
    rules = cleaning._rules()
    soup = BeautifulSoup(html, "lxml")
    title = soup_title(soup)
    for element_id in rules["content_ids"]:
        content = soup.find(id=element_id)
        if content is not None:
            soup = content
            break
    lines, parts = [], []

    def flush() -> None:
        if parts:
            text = "".join(s for s, _ in parts)
            bold = "".join(("1" if b else "0") * len(s) for s, b in parts) if any(b for _, b in parts) else None
            lines.append((text, bold))
            parts.clear()

    stack = [(iter(soup.children), False, False)]
    while stack:
        children, bold, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                flush()
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a Comment, CData, Doctype or script/template text
                parts.append((str(child), bold))
            continue
        if child.name in rules["drop_tags"]:
            continue
        attrs = child.attrs
        if attrs:
            classes = attrs.get("class", [])
            marker = " ".join([*classes, attrs.get("id", "")]) if isinstance(classes, list) else str(classes)
            if marker.strip() and rules["drop_class"].search(marker):
                continue
        child_bold = bold or child.name in rules["bold_tags"] or bool(attrs) and bool(rules["bold_attr"].search(
            " ".join(str(attrs.get(attr, "")) for attr in ("style", "cms-style", "class"))))
        child_block = child.name in rules["block_tags"]
        if child_block:
            flush()
        stack.append((iter(child.children), child_bold, child_block))
    flush()
    return lines, title


def soup_title(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"property": "og:title"})
    if meta is not None and str(meta.get("content", "")).strip():
        return str(meta["content"]).strip()
    for name in ("h1", "title"):
        tag = soup.find(name)
        if tag is not None and tag.get_text(strip=True):
            return tag.get_text(" ", strip=True)
    return ""


def normalised(lines) -> list[tuple[str, str | None]]:
    """Lines after normalise_line, empty ones left out: what tidy_lines goes on to read.

    BeautifulSoup shortens a string of ASCII spaces to one character and keeps blank lines;
    the event walk keeps the spaces and leaves blank lines out. Both vanish here.
    """
    result = []
    for text, bold in lines:
        line = cleaning._Line(text, bold)
        cleaning.normalise_line(line)
        if line.text:
            result.append((line.text, line.bold))
    return result


def assert_same_walk(html: str) -> None:
    lines, title = cleaning.html_lines(html)
    expected_lines, expected_title = soup_lines(html)
    assert title == expected_title
    assert normalised((line.text, line.bold) for line in lines) == normalised(expected_lines)


# --- pages to compare on -------------------------------------------------------------------------

EDGE_PAGES = {
    "xml declaration naming another encoding":
        '<?xml version="1.0" encoding="gb2312"?><html><body><p>中文正文。</p></body></html>',
    "meta charset naming another encoding":
        '<html><head><meta charset="gbk"><title>标题</title></head><body><p>正文&amp;中文&#20013;</p></body></html>',
    "byte-order mark": "\ufeff<p>正文</p>",
    "two byte-order marks": "\ufeff\ufeff文字<h1>标题</h1>",
    "empty": "",
    "blank": " \n\t ",
    "only a comment": "<!-- <p>正文</p> -->",
    "content after the closing html tag": "<html><body><p>正文</p></body></html>\n<p>页脚</p><!-- c -->尾巴",
    "text before the html tag": "开头<html><body><p>正文</p></body></html>",
    "ruby, template, script and style text":
        "<p>汉<ruby>字<rt>zì</rt><rp>(</rp></ruby><template><p>模板</p></template>尾"
        "<script>var a;</script><style>p{}</style></p>",
    "comment and processing instruction in a heading": "<h1>标题<!-- c -->续<?php echo 1; ?>完</h1><p>正文。</p>",
    "cdata": "<p>正<![CDATA[文]]>字</p>",
    "blank og:title, then blank and filled h1":
        '<meta property="og:title" content="  "><meta property="og:title" content="第二">'
        "<h1> </h1><h1>不是</h1><title>网页标题</title><p>正文</p>",
    "og:title":
        '<head><meta property="og:title" content=" 分享标题 "><title>网页</title></head><h1>标题</h1><p>正文</p>',
    "h1 with nested markup and script": "<h1> 某市<span>通报</span>\n<script>x</script><b> 情况 </b></h1><p>正文</p>",
    "title element only": "<title>网页 标题</title>",
    "content id twice, nested": '<div id="js_content"><p>甲</p><div id="js_content"><p>乙</p></div></div><p>外</p>',
    "content id inside a dropped element": '<nav><div id="js_content"><p>正文</p></div></nav><p>外</p>',
    "content id on an element with a dropped class": '<div class="share" id="js_content"><p>正文</p><b>粗</b></div>',
    "content element never closed": '<div id="js_content"><p>正文<p>更多',
    "content id after text": '<p>前</p><span>半<div id="js_content">正文</div>句</span>',
    "classes with tabs, newlines and ids":
        '<div class="a\tb\nfooter">页脚</div><div id="nav">导航</div><div class="" id="">留下</div>'
        '<div class="TRS_Editor"><p>正文</p></div>',
    "bold by tag, style, cms-style and class":
        '<p><b>粗</b><strong>粗</strong><span style="font-weight:BOLD">粗</span>'
        '<span cms-style="font-L bold">粗</span><span class="txt-bold">粗</span><span>细</span></p>',
    "bold around blocks": "<b>粗<p>段落</p>尾</b><p><strong>一<br>二</strong>三</p>",
    "entities": "<p>A&amp;B &lt;中&gt; &nbsp;&#x4e2d;&unknown; x</p>",
    "blank strings and pre":
        "<div>\n  <p> 甲 </p>\n\n  <pre>  乙\n  丙 </pre>\t<span>   </span><span> 丁</span></div>",
    "unclosed and mismatched tags": "<div><p>甲<span>乙</div>丙</p><li>丁<li>戊</ul>",
    "table": "<table><tr><td>甲</td><td>乙</td></tr><tr><th>丙</th></tr></table>",
    "odd tag names": "<p>a<o:p>x</o:p><a:b:c>y</a:b:c><foo=bar>z</foo=bar><1abc>q</p>",
    "iframe, form and noscript":
        "<p>甲<iframe>框</iframe><noscript>无</noscript><form><input value='x'>表</form>乙</p>",
    "nul and control characters": "<p>甲\x00乙\x01丙</p>",
    "deep nesting": "<p>标题</p>" + "<section>" * 3000 + "<p>深处</p>" + "</section>" * 3000 + "<p>之后</p>",
    # pages written by other tests
    "navigation list (test_errors)": NAVIGATION_PAGE,
    "TRS_Editor body (test_cleaning)": TRS_EDITOR_PAGE,
    "only markup (test_errors)": ONLY_MARKUP_PAGE,
}


def page_bodies(name: str, content: str | bytes, *, declared: str | None = None) -> list[str]:
    """What html_lines may be given for a file: its body (after decoding, front matter and
    conversion to simplified) and, if the body reads as Markdown, its rendering; [] if unreadable."""
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        text, _ = decoding.decode(raw, declared=declared, source=name)
        _, body = corpus.split_front_matter(text, source=name)
    except (CorpusError, LookupError):
        return []
    body, _ = script.to_simplified(body)
    if corpus.reader.detect_page_format(body, Path(name)) == "markdown":
        return [body, cleaning.markdown_to_html(body)]
    return [body]


def corpus_bodies(folder: Path) -> list[tuple[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(row["file"], body) for row in rows
            for body in page_bodies(row["file"], (folder / row["file"]).read_bytes(), declared=row["encoding"] or None)]


FIXTURE_PAGES = {
    **{f"pages {name}": content for name, (content, *_) in {**LOADS, **ERRORS}.items()},
    "pages WECHAT": WECHAT, "pages BARE_HTML": BARE_HTML, "pages MARKDOWN": MARKDOWN, "pages PLAIN": PLAIN,
}


@pytest.fixture(scope="module")
def synthetic_bodies(tmp_path_factory) -> list[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder, n=150, seed=11)
    return corpus_bodies(folder)


# --- html_lines against the oracle ---------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EDGE_PAGES))
def test_event_walk_equals_soup_walk_on_edge_cases(name):
    assert_same_walk(EDGE_PAGES[name])


@pytest.mark.parametrize("name", sorted(FIXTURE_PAGES))
def test_event_walk_equals_soup_walk_on_test_fixtures(name):
    for body in page_bodies(f"{name}.md" if "MARKDOWN" in name else name, FIXTURE_PAGES[name]):
        assert_same_walk(body)


def test_event_walk_equals_soup_walk_on_seed_articles():
    bodies = corpus_bodies(DATA_DIR)
    assert len(bodies) >= 5
    for _, body in bodies:
        assert_same_walk(body)


def test_event_walk_equals_soup_walk_on_synthetic_corpus(synthetic_bodies):
    assert len(synthetic_bodies) > 150  # Markdown files count twice
    for _, body in synthetic_bodies:
        assert_same_walk(body)


def test_empty_and_blank_pages_have_no_lines():
    for html in ["", "   \n\t", "<!-- only a comment -->", "<p> \u3000 </p><div>\n</div>"]:
        assert cleaning.html_lines(html) == ([], "")


def test_nesting_far_deeper_than_libxml2s_tree_limit():
    html = "<p>标题</p>" + "<section>" * 20_000 + "<p>深处</p>" + "</section>" * 20_000 + "<p>之后</p>"
    assert [line.text for line in cleaning.html_lines(html)[0]] == ["标题", "深处", "之后"]


def test_threads_each_parse_with_their_own_parser(synthetic_bodies):
    bodies = [body for _, body in synthetic_bodies if "<" in body][:60]
    expected = [normalised((line.text, line.bold) for line in cleaning.html_lines(body)[0]) for body in bodies]
    start = threading.Barrier(4)

    def walk(share: list[str]) -> list:
        start.wait()
        return [normalised((line.text, line.bold) for line in cleaning.html_lines(body)[0]) for body in share]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(walk, [bodies[i::4] for i in range(4)]))
    assert [results[i % 4][i // 4] for i in range(len(bodies))] == expected


def test_a_page_that_fails_midway_leaves_the_next_page_unharmed(monkeypatch):
    def broken(*args):
        raise RuntimeError("midway")

    with monkeypatch.context() as patch:
        patch.setattr(cleaning, "_Line", broken)
        with pytest.raises(RuntimeError):
            cleaning.html_lines("<div><p>甲</p><p>乙")
    assert [line.text for line in cleaning.html_lines("<p>正文</p>")[0]] == ["正文"]


# --- normalise_line against the code it replaced -------------------------------------------------

def old_normalise(text: str, bold: str | None) -> tuple[str, str | None]:
    """normalise_line before its fast paths: str.translate on the whole line, every step run."""
    line = cleaning._Line(text.translate(cleaning.ONE_TO_ONE), bold)
    line.delete([m.span() for m in cleaning._rules()["drop_chars"].finditer(line.text)])
    if cleaning.HALF_WIDTH.search(line.text):
        cleaning._half_to_full_width(line)
    text = line.text
    deletions = []
    for match in cleaning.SPACE_RUN.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        drop_all = not before or not after or bool(cleaning.PUNCT.match(before) or cleaning.PUNCT.match(after))
        if drop_all or end - start > 1:
            deletions.append((start if drop_all else start + 1, end))
    line.delete(deletions)
    return line.text, line.bold


def test_normalise_line_as_before_its_fast_paths():
    rng = random.Random(6)
    for text in random_texts(5000, 7, MIXED + [" ", " ", "(", ":", "。"], 30):
        bold = "".join(rng.choice("01") for _ in text) if rng.random() < 0.5 else None
        line = cleaning._Line(text, bold)
        cleaning.normalise_line(line)
        assert (line.text, line.bold) == old_normalise(text, bold), repr(text)
