"""Turn a collected page body (HTML, Markdown or portal text) into clean article text.

The cleaned text has one paragraph per line (``\\n`` between paragraphs), one
punctuation convention (full-width in Chinese context), no ideographic
indentation, no emoji or control characters and no runs of whitespace. Emphasis in
the HTML (``<strong>``, bold fonts) survives as ``bold_spans``: (start, end) offsets
into the cleaned text, which the measures analyzer uses to find item headings.

Every edit is a one-to-one replacement or a deletion of characters, so a per-character
emphasis flag ("1" bold, "0" not) can ride along with the text; the rules themselves
are data in ``resources/cleaning.yaml``. BeautifulSoup (lxml) is the HTML parser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bs4 import BeautifulSoup, NavigableString, Tag

from .resources import load_resource

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULLWIDTH_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
CHINESE_CONTEXT = re.compile(f"[{CJK}{FULLWIDTH_PUNCT}]")
PUNCT = re.compile(f"[{FULLWIDTH_PUNCT}]")
HAN = re.compile(f"[{CJK}]")
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
HALF_WIDTH = re.compile(r"[,:;!?()]")
SPACE_CHARS = "\xa0\u3000\t\r\n\f\v\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
FULLWIDTH_ALNUM = {
    **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
}
ONE_TO_ONE = str.maketrans({**FULLWIDTH_ALNUM, **dict.fromkeys(SPACE_CHARS, " ")})
SPACE_RUN = re.compile(r" +")
BOLD_RUN = re.compile("1+")


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

    @classmethod
    def from_parts(cls, parts: list[tuple[str, bool]]) -> _Line:
        text = "".join(s for s, _ in parts)
        if not any(b for _, b in parts):
            return cls(text)
        return cls(text, "".join(("1" if b else "0") * len(s) for s, b in parts))

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
    """Lines of text of an HTML page with emphasis flags, boilerplate elements left out; and its title.

    When the page has an element whose id is in ``content_ids`` (WeChat's ``js_content``),
    only that element is read: the rest of such pages is account and share chrome. The
    title is the page's own (og:title, else the first <h1>, else <title>), "" if none.
    """
    rules = _rules()
    soup = BeautifulSoup(html, "lxml")
    title = _page_title(soup)
    for element_id in rules["content_ids"]:
        content = soup.find(id=element_id)
        if content is not None:
            soup = content
            break
    drop_tags, drop_class = rules["drop_tags"], rules["drop_class"]
    block_tags, bold_tags, bold_attr = rules["block_tags"], rules["bold_tags"], rules["bold_attr"]
    lines: list[_Line] = []
    parts: list[tuple[str, bool]] = []

    def flush() -> None:
        if parts:
            lines.append(_Line.from_parts(parts))
            parts.clear()

    # An explicit stack, not recursion: pages nest thousands of <section>s deep.
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
            if type(child) is NavigableString:  # not a Comment, CData or Doctype
                parts.append((str(child), bold))
            continue
        if child.name in drop_tags:
            continue
        attrs = child.attrs
        if attrs:
            classes = attrs.get("class", [])
            marker = " ".join([*classes, attrs.get("id", "")]) if isinstance(classes, list) else str(classes)
            if marker.strip() and drop_class.search(marker):
                continue
        child_bold = bold or child.name in bold_tags or bool(attrs) and bool(bold_attr.search(
            " ".join(str(attrs.get(attr, "")) for attr in ("style", "cms-style", "class"))))
        child_block = child.name in block_tags
        if child_block:
            flush()
        stack.append((iter(child.children), child_bold, child_block))
    flush()
    return lines, title


def _page_title(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"property": "og:title"})
    if meta is not None and str(meta.get("content", "")).strip():
        return str(meta["content"]).strip()
    for name in ("h1", "title"):
        tag = soup.find(name)
        if tag is not None and tag.get_text(strip=True):
            return tag.get_text(" ", strip=True)
    return ""


def markdown_to_html(text: str) -> str:
    """Markdown rendered to HTML with mistune (headings, emphasis, links, images, lists)."""
    import mistune

    return mistune.html(text)


def plain_lines(text: str) -> list[_Line]:
    """Lines of a plain-text page (no emphasis)."""
    return [_Line(raw) for raw in text.splitlines()]


def normalise_line(line: _Line) -> None:
    """Apply the punctuation and whitespace convention to one line, in place."""
    line.text = line.text.translate(ONE_TO_ONE)
    line.delete([m.span() for m in _rules()["drop_chars"].finditer(line.text)])
    text = line.text
    if HALF_WIDTH.search(text):
        chars = list(text)
        for match in HALF_WIDTH.finditer(text):
            i = match.start()
            if _in_chinese_context(chars, i):
                chars[i] = HALF_TO_FULL[chars[i]]
        text = line.text = "".join(chars)
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
        normalise_line(line)
        text = line.text
        if not text or text in rules["boilerplate"]:
            continue
        if any(p.search(text) for p in rules["end_markers"]):
            break
        if any(p.search(text) for p in rules["drop_lines"]):
            continue
        for pattern in rules["strip_suffixes"]:
            match = pattern.search(text)
            if match:
                line.truncate(match.start())
                text = line.text
        if text:
            kept.append(line)
    return kept


def has_prose(lines: list[_Line]) -> bool:
    """True if some line reads as prose: Han characters and a sentence end, or a long run of Han.

    Navigation (首页 > 新闻 > 正文), menus and captions have neither.
    """
    rules = _rules()
    for line in lines:
        n_han = len(HAN.findall(line.text))
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
