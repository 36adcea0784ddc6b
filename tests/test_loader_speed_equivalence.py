"""The loader's fast code gives what the slower code it replaced gave; that code is kept here as the oracle.

- ``cleaning.html_lines`` walks lxml's parse events; it is checked against the BeautifulSoup tree
  walk it replaced on hand-written edge cases, every page the other tests write, the seed
  articles and a synthetic corpus.
- ``decoding._mostly_text``, ``duplicates.signature``, ``script._n_changed``, ``corpus._localized``,
  ``corpus.unlisted_files`` and ``cleaning.normalise_line`` against the Python loops, numpy calls
  and pandas calls they replaced.
"""
from __future__ import annotations

import csv
import os
import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup, NavigableString

import zerocovid as zc
from benchmarks.generate import generate
from conftest import write_corpus
from test_formats import APOLOGY, BARE_HTML, MARKDOWN, PLAIN, WECHAT
from test_malformed import ERRORS, LOADS
from zerocovid import corpus
from zerocovid.corpus import cleaning, decoding, duplicates, script
from zerocovid.errors import CorpusError
from zerocovid.paths import DATA_DIR


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
    # pages written inside other tests' functions
    "navigation list (test_formats)":
        "<ul><li>首页</li><li>新闻中心</li><li>政务公开</li></ul><p>首页 &gt; 新闻 &gt; 正文</p>",
    "TRS_Editor body (test_formats)":
        '<html><head><title>某市疫情防控新闻发布会</title></head><body><div class="TRS_Editor">'
        '<p>截至5月7日8时，某市累计报告本土确诊病例12例。</p></div><p class="editor">责任编辑：某某</p></body></html>',
    "only markup (test_errors)": "<div><script>var a=1;</script><img src='x.png'></div>",
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
    **{f"test_malformed {name}": content for name, (content, *_) in {**LOADS, **ERRORS}.items()},
    "test_formats WECHAT": WECHAT, "test_formats BARE_HTML": BARE_HTML, "test_formats MARKDOWN": MARKDOWN,
    "test_formats PLAIN": PLAIN,
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


def test_page_declaring_another_encoding_loads(tmp_path):
    page = (f'<?xml version="1.0" encoding="gbk"?>\n<html><head><meta charset="gb2312"></head>'
            f"<body><h1>某市通报</h1><p>{APOLOGY}</p></body></html>")
    doc = zc.load_documents(write_corpus(tmp_path, {"a.html": page})).iloc[0]
    assert (doc.title, doc.text, doc.encoding) == ("某市通报", APOLOGY, "utf-8")


@pytest.mark.parametrize("name, content", [
    ("front_matter_then_blanks.md", "---\ntitle: 标题\ndate: 2022-09-09\n---\n \n\t\n"),
    ("commented_out.html", "<!-- <p>正文</p> -->"),
    ("blank_elements.html", "<p> </p>\n<div>\u3000</div>"),
])
def test_page_without_text_is_a_corpus_error_naming_the_file(tmp_path, name, content):
    with pytest.raises(zc.CorpusError) as info:
        zc.load_documents(write_corpus(tmp_path, {name: content}))
    assert len(info.value.problems) == 1
    assert name in info.value.problems[0] and "no article text" in info.value.problems[0]


# --- the other rewritten steps against the code they replaced ---------------------------------

def random_texts(n: int, seed: int, alphabet: list[str], longest: int = 80) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(longest))) for _ in range(n)]


MIXED = [*"\x00\x01\x08\t\n\x0b\x0c\r\x1b\x1f \x7f", "a", "1", ",", "中", "文", "，", "\u3000", "\xa0", "Ａ", "５",
         "\u200b", "\ufeff", "😀", "\ufffd", "\U0010ffff"]


def test_mostly_text_counts_control_characters_as_the_loop_did():
    for text in random_texts(3000, 1, MIXED) + ["", "\x01" * 99 + "a", "\x01" + "a" * 99, "\x01" + "a" * 100]:
        control = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
        assert decoding._mostly_text(text) == (control <= len(text) * 0.01), repr(text)


def old_signature(text: str) -> bytes:
    """The signature as np.unique and searchsorted computed it."""
    hashed = np.unique(duplicates._shingle_hashes(text))
    bins = np.arange(2**duplicates._N_BINS_BITS, dtype=np.uint64) << np.uint64(64 - duplicates._N_BINS_BITS)
    first = np.searchsorted(hashed, bins)
    ends = np.append(first[1:], len(hashed))
    least = np.where(first < ends, hashed[np.minimum(first, len(hashed) - 1)], duplicates._EMPTY_BIN)
    return least[:duplicates.N_BANDS * duplicates.ROWS_PER_BAND].astype("<u8").tobytes()


def test_signature_and_distinct_hashes_as_numpy_unique_gave_them():
    texts = random_texts(500, 2, MIXED) + random_texts(50, 3, ["甲", "乙", "丙"], 3000) + ["", "a", "abcd", "abcde"]
    for text in texts:
        assert duplicates.signature(text) == old_signature(text)
        hashes = duplicates._shingle_hashes(text)
        assert np.array_equal(duplicates._distinct(hashes), np.unique(hashes))


def test_signature_values_are_pinned():
    # cached documents keep their signatures: changing the values must be a decision, not an accident
    signature = duplicates.signature(APOLOGY)
    assert len(signature) == 8 * duplicates.N_BANDS * duplicates.ROWS_PER_BAND
    assert signature.hex()[:48] == "ffffffffffffffff84d16b65cd5c7b05b780f6fd8860fc0a"


def test_changed_characters_counted_as_the_loop_did():
    rng = random.Random(4)
    for text in random_texts(2000, 5, MIXED):
        other = "".join(c if rng.random() < 0.7 else rng.choice(MIXED) for c in text)
        other = other[:rng.randrange(len(text) + 1)] if rng.random() < 0.2 else other + "中" * rng.randrange(3)
        assert script._n_changed(text, other) == sum(1 for a, b in zip(text, other) if a != b)


def test_han_characters_counted_run_by_run_as_one_by_one():
    for text in random_texts(2000, 8, MIXED + ["㐀", "豈", "鿿", "一"]):
        assert sum(map(len, cleaning.HAN_RUN.findall(text))) == len(re.findall(f"[{cleaning.CJK}]", text))
        assert sum(map(len, script.HAN_RUN.findall(text))) == len(re.findall("[\u4e00-\u9fff]", text))


def test_localized_is_tz_localize_without_its_cost():
    # every half hour of the Sundays on which China's summer time (1986-1991) began or ended
    sundays = [day for year in range(1986, 1992) for month in (4, 5, 9)
               for day in (datetime(year, month, d) for d in range(1, 31)) if day.weekday() == 6]
    moments = [day + timedelta(minutes=30 * i) for day in sundays for i in range(48)]
    moments += [datetime(2022, 9, 9, 12, 38, 20, 5), datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59)]
    stamps = [pd.Timestamp(m) for m in moments] + [pd.Timestamp(date(2022, 9, 9))]  # the last has unit "s"
    refused = 0
    for stamp in stamps:
        try:
            expected = stamp.tz_localize(corpus.TIMEZONE)
        except ValueError:
            with pytest.raises(ValueError):
                corpus.reader._localized(stamp)
            refused += 1
            continue
        got = corpus.reader._localized(stamp)
        assert (got, got.unit, got.tzinfo, repr(got)) == (expected, expected.unit, expected.tzinfo, repr(expected))
    assert refused >= 12  # skipped and repeated wall times were among them


def test_unlisted_files_as_rglob_found_them(tmp_path):
    for folder in ["raw/sub/.hidden", "raw/a-b", "raw/a"]:
        (tmp_path / folder).mkdir(parents=True)
    for name in ["x.txt", ".dot", "sub/y.txt", "sub/.hidden/z.txt", "a-b/q.txt", "a/q.txt", "listed.txt", "sub/l2.txt"]:
        (tmp_path / "raw" / name).write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "raw/sub", tmp_path / "raw/dir_link")
    os.symlink(tmp_path / "raw/x.txt", tmp_path / "raw/file_link")
    os.symlink(tmp_path / "nowhere", tmp_path / "raw/broken_link")
    manifest = pd.DataFrame({"file": ["raw/listed.txt", "raw//sub/./l2.txt", "raw/../raw/x.txt"]})
    for data_dir in [tmp_path, f"{tmp_path}/"]:
        raw_dir = Path(data_dir) / "raw"
        listed = {os.path.normpath(Path(data_dir) / f) for f in manifest["file"]}
        expected = [f"{path}: in raw/ but not in manifest.csv; add a manifest row for it or move it out of raw/"
                    for path in sorted(raw_dir.rglob("*"))
                    if not path.name.startswith(".") and os.path.normpath(path) not in listed and path.is_file()]
        assert corpus.unlisted_files(data_dir, manifest) == expected
        assert len(expected) == 5


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
