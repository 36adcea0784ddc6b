"""Turn a collected page body (HTML, Markdown or portal text) into clean article text.

The cleaned text has one paragraph per line (``\\n`` between paragraphs), one
punctuation convention (full-width in Chinese context), no ideographic
indentation, no emoji or control characters and no runs of whitespace. Emphasis in
the HTML (``<strong>``, bold fonts) survives as ``bold_spans``: (start, end) offsets
into the cleaned text, which the measures analyzer uses to find item headings.

Every edit is a one-to-one replacement or a deletion of characters, so a per-character
emphasis flag ("1" bold, "0" not) can ride along with the text; the rules themselves
are data in ``resources/cleaning.yaml``. HTML is read with lxml (libxml2's HTML parser)
as a stream of parse events.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ..lexicons import load_resource

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULLWIDTH_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
CHINESE_CONTEXT = re.compile(f"[{CJK}{FULLWIDTH_PUNCT}]")
PUNCT = re.compile(f"[{FULLWIDTH_PUNCT}]")
HAN_RUN = re.compile(f"[{CJK}]+")  # Han characters are counted run by run: fewer matches
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
HALF_WIDTH = re.compile(r"[,:;!?()]")
SPACE_CHARS = "\xa0\u3000\t\r\n\f\v\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
FULLWIDTH_ALNUM = {
    **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
}
ONE_TO_ONE = str.maketrans({**FULLWIDTH_ALNUM, **dict.fromkeys(SPACE_CHARS, " ")})
# Runs of the characters ONE_TO_ONE replaces: str.translate looks up every character in
# Python, so it is applied to these runs only.
ONE_TO_ONE_RUN = re.compile(f"[{re.escape(''.join(map(chr, ONE_TO_ONE)))}]+")
BLANK = SPACE_CHARS + " "  # a line of only these normalises to nothing
SPACE_RUN = re.compile(r" +")
BOLD_RUN = re.compile("1+")
# Elements whose text is not page text (ruby annotations, templates, scripts, styles):
# the walk skips it, though it still enters their child elements.
TEXT_FREE_TAGS = frozenset({"rp", "rt", "script", "style", "template"})
TITLE_ELEMENTS = ("h1", "title")  # after og:title, in this order
_THREAD = threading.local()  # holds each thread's HTML parser


@dataclass(frozen=True)
class Cleaned:
    """Clean article text and the (start, end) spans that were emphasised in the source."""

    text: str
    bold_spans: list[tuple[int, int]]


class _Line:
    """A line of text; ``bold`` is None (nothing emphasised) or one "0"/"1" flag per character."""

    __slots__ = ("text", "bold")

    def __init__(self, text: str = "", bold: str | None = None) -> None:
        self.text = text
        self.bold = bold

    def delete(self, spans: list[tuple[int, int]]) -> None:
        """Remove the sorted, non-overlapping (start, end) spans from text and flags."""
        if not spans:
            return
        kept = []
        pos = 0
        for start, end in spans:
            kept.append((pos, start))
            pos = end
        kept.append((pos, len(self.text)))
        self.text = "".join(self.text[a:b] for a, b in kept)
        if self.bold is not None:
            self.bold = "".join(self.bold[a:b] for a, b in kept)

    def truncate(self, length: int) -> None:
        self.text = self.text[:length]
        if self.bold is not None:
            self.bold = self.bold[:length]


@lru_cache(maxsize=None)
def _rules() -> dict:
    raw = load_resource("cleaning")
    return {
        "drop_tags": set(raw["drop_tags"]),
        "drop_class": re.compile(raw["drop_class_pattern"]),
        "content_ids": list(raw["content_ids"]),
        "block_tags": set(raw["block_tags"]),
        "bold_tags": set(raw["bold_tags"]),
        "bold_attr": re.compile(raw["bold_attribute_pattern"]),
        "drop_chars": re.compile(raw["drop_characters_pattern"]),
        "drop_lines": [re.compile(r["pattern"]) for r in raw["drop_lines"]],
        "end_markers": [re.compile(r["pattern"]) for r in raw["end_markers"]],
        "strip_suffixes": [re.compile(r["pattern"]) for r in raw["strip_suffixes"]],
        "boilerplate": set(raw["boilerplate_lines"]),
        "sentence_end": re.compile(raw["sentence_end_pattern"]),
        "min_han_for_prose": int(raw["min_han_for_prose"]),
    }


def html_lines(html: str) -> tuple[list[_Line], str]:
    """Lines of text of an HTML page with emphasis flags, boilerplate and blank lines left out; and its title.

    When the page has an element whose id is in ``content_ids`` (WeChat's ``js_content``),
    only that element is read: the rest of such pages is account and share chrome. The
    title is the page's own (og:title, else the first <h1>, else <title>), "" if none.
    """
    parser = _html_parser()
    parser.target.reset(_rules())
    parser.feed(html)  # after an error, lxml starts the next feed on a new document
    return parser.close()


def _html_parser() -> etree.HTMLParser:
    """This thread's HTML parser, reading into a _PageReader (setting one up costs more than a page)."""
    parser = getattr(_THREAD, "parser", None)
    if parser is None:
        parser = _THREAD.parser = etree.HTMLParser(target=_PageReader(), recover=True)
    return parser


class _Walk:
    """The lines of one subtree of a page (the whole page, or its content element), event by event."""

    __slots__ = ("lines", "parts", "frames", "bold", "skipping")

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self.parts: list[tuple[str, bool]] = []
        self.frames: list[tuple[bool, bool]] = []  # per open element: (bold outside it, is a block)
        self.bold = False
        self.skipping = 0  # depth inside a dropped element

    def start(self, dropped: bool, bold: bool, block: bool) -> None:
        if self.skipping or dropped:
            self.skipping += 1
            return
        if block and self.parts:
            self.flush()
        self.frames.append((self.bold, block))
        self.bold = self.bold or bold

    def end(self) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        self.bold, block = self.frames.pop()
        if block and self.parts:
            self.flush()

    def text(self, text: str) -> None:
        if not self.skipping:
            self.parts.append((text, self.bold))

    def flush(self) -> None:
        """End the current line; leave it out if blank (it would normalise to nothing)."""
        parts, self.parts = self.parts, []
        text = "".join([s for s, _ in parts])
        if not text.strip(BLANK):
            return
        if any([bold for _, bold in parts]):
            self.lines.append(_Line(text, "".join(("1" if bold else "0") * len(s) for s, bold in parts)))
        else:
            self.lines.append(_Line(text))


class _PageReader:
    """An lxml parser target that walks the page while it is parsed: no tree is built.

    Parse events rather than a tree, because libxml2's tree builder stops at 256 levels of
    nesting (pages nest thousands of <section>s) and drops what follows </html>. Text
    between two events is one string, as a tree's text node would be.
    """

    def __init__(self) -> None:
        self.reset(_rules())

    def reset(self, rules: dict) -> None:
        """Forget the last page: the parser and its target serve page after page."""
        self.rules = rules
        self.page = _Walk()
        self.walks = [self.page]  # the page, and the content elements open at this point
        self.contents: dict[str, _Walk] = {}  # content id -> walk of the first element with that id
        self.open_contents: list[tuple[_Walk, int]] = []  # content elements open at this point, with depth
        self.open: list[str] = []  # tags of the open elements
        self.pending: list[str] = []  # text since the last tag or comment
        self.text_free = 0  # open elements in TEXT_FREE_TAGS
        self.og_title: str | None = None
        self.headings: dict[str, list[str]] = {}  # title element -> stripped strings of its first one
        self.reading: list[tuple[list[str], int]] = []  # open title elements: (strings, depth)

    def start(self, tag: str, attrib) -> None:
        if self.pending:
            self._end_text()
        rules = self.rules
        dropped = tag in rules["drop_tags"]
        bold = tag in rules["bold_tags"]
        if attrib:
            dropped = dropped or _dropped_by_class(attrib, rules["drop_class"])
            bold = bold or bool(rules["bold_attr"].search(" ".join(
                attrib.get(name, "") for name in ("style", "cms-style", "class"))))
            if tag == "meta" and self.og_title is None and attrib.get("property") == "og:title":
                self.og_title = attrib.get("content", "").strip()
        block = tag in rules["block_tags"]
        for walk in self.walks:
            walk.start(dropped, bold, block)
        self.open.append(tag)
        if tag in TEXT_FREE_TAGS:
            self.text_free += 1
        if tag in TITLE_ELEMENTS and tag not in self.headings:
            self.headings[tag] = []
            self.reading.append((self.headings[tag], len(self.open)))
        if attrib and attrib.get("id") in rules["content_ids"]:
            self._open_content(attrib["id"])

    def _open_content(self, element_id: str) -> None:
        if element_id not in self.contents:
            walk = self.contents[element_id] = _Walk()
            self.open_contents.append((walk, len(self.open)))
            self.walks.append(walk)

    def end(self, tag: str) -> None:
        if self.pending:
            self._end_text()
        depth = len(self.open)
        if self.open.pop() in TEXT_FREE_TAGS:
            self.text_free -= 1
        if self.reading and self.reading[-1][1] == depth:
            self.reading.pop()
        if self.open_contents and self.open_contents[-1][1] == depth:
            self._close_content()
        for walk in self.walks:
            walk.end()

    def _close_content(self) -> None:
        walk, _ = self.open_contents.pop()
        walk.flush()
        self.walks.remove(walk)

    def data(self, text: str) -> None:
        self.pending.append(text)

    def comment(self, text: str) -> None:
        if self.pending:
            self._end_text()

    def pi(self, target: str, data: str | None = None) -> None:
        if self.pending:
            self._end_text()

    def _end_text(self) -> None:
        text = "".join(self.pending)
        self.pending = []
        if self.text_free:
            return
        for walk in self.walks:
            walk.text(text)
        if self.reading:
            stripped = text.strip()
            if stripped:
                for strings, _ in self.reading:
                    strings.append(stripped)

    def close(self) -> tuple[list[_Line], str]:
        if self.pending:
            self._end_text()
        self.page.flush()
        walk = next((self.contents[i] for i in self.rules["content_ids"] if i in self.contents), self.page)
        return walk.lines, self._title()

    def _title(self) -> str:
        if self.og_title:
            return self.og_title
        for tag in TITLE_ELEMENTS:
            strings = self.headings.get(tag)
            if strings:
                return " ".join(strings)
        return ""


def _dropped_by_class(attrib, drop_class: re.Pattern) -> bool:
    """True if the element's class names and id match the boilerplate pattern."""
    marker = " ".join([*attrib.get("class", "").split(), attrib.get("id", "")])
    return bool(marker.strip()) and bool(drop_class.search(marker))


def markdown_to_html(text: str) -> str:
    """Markdown rendered to HTML with mistune (headings, emphasis, links, images, lists)."""
    import mistune

    return mistune.html(text)


def plain_lines(text: str) -> list[_Line]:
    """Lines of a plain-text page (no emphasis)."""
    return [_Line(raw) for raw in text.splitlines()]


def normalise_line(line: _Line) -> None:
    """Apply the punctuation and whitespace convention to one line, in place.

    Each step is skipped unless a search (in C) finds something for it to do: most lines
    need none of them.
    """
    line.text = ONE_TO_ONE_RUN.sub(_translated, line.text)
    drop_chars = _rules()["drop_chars"]
    if drop_chars.search(line.text):
        line.delete([m.span() for m in drop_chars.finditer(line.text)])
    if HALF_WIDTH.search(line.text):
        _half_to_full_width(line)
    if " " in line.text:
        _squeeze_spaces(line)


def _half_to_full_width(line: _Line) -> None:
    """Half-width punctuation next to Chinese becomes full-width (one character for one)."""
    chars = list(line.text)
    for match in HALF_WIDTH.finditer(line.text):
        i = match.start()
        if _in_chinese_context(chars, i):
            chars[i] = HALF_TO_FULL[chars[i]]
    line.text = "".join(chars)


def _squeeze_spaces(line: _Line) -> None:
    """Delete the spaces at a line end or next to Chinese punctuation; shorten other runs to one."""
    text = line.text
    deletions = []
    for match in SPACE_RUN.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        # A space next to Chinese punctuation or at a line end is noise; elsewhere it may
        # separate phrases (a headline's 正视问题短板 及时回应…, a list of names): keep one.
        drop_all = not before or not after or bool(PUNCT.match(before) or PUNCT.match(after))
        if drop_all or end - start > 1:
            deletions.append((start if drop_all else start + 1, end))
    line.delete(deletions)


def _translated(run: re.Match) -> str:
    """A run of characters that ONE_TO_ONE replaces, replaced."""
    return run[0].translate(ONE_TO_ONE)


def _in_chinese_context(chars: list[str], i: int) -> bool:
    """True if the nearest non-space character before or after position i is Chinese."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(chars) and chars[j] == " ":
            j += step
        if 0 <= j < len(chars) and CHINESE_CONTEXT.match(chars[j]) and chars[j] not in HALF_TO_FULL:
            return True
    return False


def tidy_lines(lines: list[_Line]) -> list[_Line]:
    """Normalise lines and drop empty, boilerplate and credit lines; stop at an end marker."""
    rules = _rules()
    kept: list[_Line] = []
    for line in lines:
        if not line.text.strip(BLANK):
            continue  # a blank line normalises to nothing
        normalise_line(line)
        text = line.text
        if not text or text in rules["boilerplate"]:
            continue
        if _any_search(rules["end_markers"], text):
            break
        if _any_search(rules["drop_lines"], text):
            continue
        for pattern in rules["strip_suffixes"]:
            match = pattern.search(text)
            if match:
                line.truncate(match.start())
                text = line.text
        if text:
            kept.append(line)
    return kept


def _any_search(patterns: list[re.Pattern], text: str) -> bool:
    """True if one of the patterns occurs in text (a plain loop: any() over a generator is slower)."""
    for pattern in patterns:
        if pattern.search(text):
            return True
    return False


def has_prose(lines: list[_Line]) -> bool:
    """True if some line reads as prose: Han characters and a sentence end, or a long run of Han.

    Navigation (首页 > 新闻 > 正文), menus and captions have neither.
    """
    rules = _rules()
    for line in lines:
        n_han = sum(map(len, HAN_RUN.findall(line.text)))
        if n_han >= rules["min_han_for_prose"] or (n_han and rules["sentence_end"].search(line.text)):
            return True
    return False


def assemble(lines: list[_Line], *, drop_exact: str | None = None) -> Cleaned:
    """Join lines into the cleaned text, leaving out every line equal to ``drop_exact`` (the title)."""
    parts: list[str] = []
    bold_spans: list[tuple[int, int]] = []
    offset = 0
    for line in lines:
        text = line.text
        if drop_exact is not None and text == drop_exact:
            continue
        if parts:
            offset += 1
        if line.bold is not None:
            bold_spans.extend((offset + m.start(), offset + m.end()) for m in BOLD_RUN.finditer(line.bold))
        parts.append(text)
        offset += len(text)
    return Cleaned("\n".join(parts), bold_spans)


def normalise_text(text: str) -> str:
    """The punctuation and whitespace convention applied to a short string (a title, a quote)."""
    line = _Line(text)
    normalise_line(line)
    return line.text
