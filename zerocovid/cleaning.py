"""Turn a collected page body (HTML or portal text) into clean article text.

The cleaned text has one paragraph per line (``\\n`` between paragraphs), one
punctuation convention (full-width in Chinese context), no ideographic
indentation and no runs of whitespace. Emphasis in the HTML (``<strong>``, bold
fonts) survives as ``bold_spans``: (start, end) offsets into the cleaned text,
which the measures analyzer uses to find item headings.

Every edit is a one-to-one replacement or a deletion of characters, so a per-char
emphasis flag can ride along with the text; the rules themselves are data in
``resources/cleaning.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .resources import load_resource

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULLWIDTH_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
CHINESE_CONTEXT = re.compile(f"[{CJK}{FULLWIDTH_PUNCT}]")
PUNCT = re.compile(f"[{FULLWIDTH_PUNCT}]")
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
SPACES = dict.fromkeys(map(ord, "\xa0\u3000\t\r\f\v\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"), " ")
INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff")
FULLWIDTH_ALNUM = {
    **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
}
SPACE_RUN = re.compile(r" +")


@dataclass(frozen=True)
class Cleaned:
    """Clean article text and the (start, end) spans that were emphasised in the source."""

    text: str
    bold_spans: list[tuple[int, int]]


class _Line:
    """A line of text with one emphasis flag per character."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.bold: list[bool] = []

    def add(self, text: str, bold: bool) -> None:
        self.chars.extend(text)
        self.bold.extend([bold] * len(text))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def keep(self, keep: list[bool]) -> None:
        self.chars = [c for c, k in zip(self.chars, keep) if k]
        self.bold = [b for b, k in zip(self.bold, keep) if k]


@lru_cache(maxsize=None)
def _rules() -> dict:
    raw = load_resource("cleaning")
    return {
        "drop_tags": set(raw["drop_tags"]),
        "drop_class": re.compile(raw["drop_class_pattern"]),
        "block_tags": set(raw["block_tags"]),
        "bold_tags": set(raw["bold_tags"]),
        "bold_attr": re.compile(raw["bold_attribute_pattern"]),
        "drop_lines": [re.compile(r["pattern"]) for r in raw["drop_lines"]],
        "end_markers": [re.compile(r["pattern"]) for r in raw["end_markers"]],
        "strip_suffixes": [re.compile(r["pattern"]) for r in raw["strip_suffixes"]],
        "boilerplate": set(raw["boilerplate_lines"]),
    }


def html_lines(html: str) -> list[_Line]:
    """Lines of text of an HTML fragment, with emphasis flags, boilerplate elements removed."""
    rules = _rules()
    soup = BeautifulSoup(html, "lxml")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(rules["drop_tags"]):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        marker = " ".join([*tag.get("class", []), tag.get("id", "")])
        if marker.strip() and rules["drop_class"].search(marker):
            tag.decompose()

    lines: list[_Line] = [_Line()]

    def is_bold(tag: Tag) -> bool:
        if tag.name in rules["bold_tags"]:
            return True
        style = " ".join(str(tag.get(attr, "")) for attr in ("style", "cms-style", "class"))
        return bool(rules["bold_attr"].search(style))

    def walk(node: Tag, bold: bool) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                lines[-1].add(str(child).replace("\n", " "), bold)
            elif isinstance(child, Tag):
                block = child.name in rules["block_tags"]
                if block:
                    lines.append(_Line())
                walk(child, bold or is_bold(child))
                if block:
                    lines.append(_Line())

    walk(soup, False)
    return lines


def plain_lines(text: str) -> list[_Line]:
    """Lines of a plain-text page (no emphasis)."""
    lines = []
    for raw in text.splitlines():
        line = _Line()
        line.add(raw, False)
        lines.append(line)
    return lines


def normalise_line(line: _Line) -> None:
    """Apply the punctuation and whitespace convention to one line, in place."""
    chars = line.chars
    for i, c in enumerate(chars):
        if c in FULLWIDTH_ALNUM:
            chars[i] = FULLWIDTH_ALNUM[c]
        elif ord(c) in SPACES or c == "\n":
            chars[i] = " "
    line.keep([c not in INVISIBLE for c in chars])
    chars = line.chars
    for i, c in enumerate(chars):
        if c in HALF_TO_FULL and _in_chinese_context(chars, i):
            chars[i] = HALF_TO_FULL[c]
    keep = [True] * len(chars)
    for match in SPACE_RUN.finditer(line.text):
        start, end = match.span()
        before = chars[start - 1] if start > 0 else ""
        after = chars[end] if end < len(chars) else ""
        # A space next to Chinese punctuation or at a line end is noise; elsewhere it may
        # separate phrases (a headline's 正视问题短板 及时回应…, a list of names): keep one.
        drop_all = not before or not after or bool(PUNCT.match(before) or PUNCT.match(after))
        for i in range(start if drop_all else start + 1, end):
            keep[i] = False
    line.keep(keep)


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
                line.keep([i < match.start() for i in range(len(text))])
                text = line.text
        if text:
            kept.append(line)
    return kept


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
        start = None
        for i, flag in enumerate([*line.bold, False]):
            if flag and start is None:
                start = i
            elif not flag and start is not None:
                bold_spans.append((offset + start, offset + i))
                start = None
        parts.append(text)
        offset += len(text)
    return Cleaned("\n".join(parts), bold_spans)


def normalise_text(text: str) -> str:
    """The punctuation and whitespace convention applied to a short string (a title, a quote)."""
    line = _Line()
    line.add(text, False)
    normalise_line(line)
    return line.text
