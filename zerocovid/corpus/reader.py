"""One manifest row to one documents row: read, check, decode, split front matter, clean, date."""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import yaml

from ..errors import CorpusError
from ..lexicons import YAML_LOADER
from . import cleaning
from .decoding import decode
from .manifest import MANIFEST_COLUMNS, MANIFEST_NAME
from .script import to_simplified

TIMEZONE = "Asia/Shanghai"
ZONE = ZoneInfo(TIMEZONE)
HTML_TAG = re.compile(r"<(p|div|br|span|section|article|strong|h[1-6]|html|body|table|font|ul|ol|li)\b[^>]*>", re.I)
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# A heading line, **bold**, a [link](…) or an ![image](…): enough to read a page as Markdown.
MARKDOWN_SYNTAX = re.compile(r"^#{1,6} \S|\*\*[^*\n]+\*\*|!?\[[^\]\n]*\]\([^)\n]*\)", re.M)
CHINESE_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*(?:(\d{1,2})[时:：](\d{2})?分?)?")
TEXT_DATE = re.compile(r"(?:更新时间|发布时间|发布日期|时间)[:：]\s*"
                       r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?\s*(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)?")



def read_document(data_dir: Path, entry: pd.Series, *, line_no: int | str = "?") -> dict:
    """One manifest row to one documents row; CorpusError names the file on any problem."""
    path = Path(data_dir) / entry["file"]
    source = entry["file"]
    if not path.is_file():
        raise CorpusError(f"{path}: listed in {MANIFEST_NAME} (line {line_no}) but not found; "
                          "add the file or remove its row")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot be read ({err.strerror}); check its permissions") from None
    digest = hashlib.sha256(raw).hexdigest()
    expected = entry.get("sha256", "")
    if expected and expected.lower() != digest:
        raise CorpusError(f"{path}: sha256 is {digest}, the manifest (line {line_no}) says {expected}; "
                          "raw files are never edited: restore the original or correct the manifest")
    if not raw.strip():
        raise CorpusError(f"{path}: the file is empty; collect the article again or remove its row")
    text, encoding = decode(raw, declared=entry.get("encoding") or None, source=str(path))
    front, body = split_front_matter(text, source=str(path))
    body, script = to_simplified(body)  # before cleaning, so the cleaning rules match traditional pages too
    page_format = detect_page_format(body, path)
    if page_format == "markdown":
        body = cleaning.markdown_to_html(body)
    page_title = ""
    if page_format == "plain":
        lines = cleaning.plain_lines(body)
    else:
        lines, page_title = cleaning.html_lines(body)
    lines = cleaning.tidy_lines(lines)
    if not lines:
        raise CorpusError(f"{path}: no article text is left after cleaning (only markup or navigation); "
                          "check that the file holds the article")
    if not cleaning.has_prose(lines):
        raise CorpusError(f"{path}: only navigation or fragments are left after cleaning (no line reads as "
                          "a sentence); check that the file holds the article, not a menu or index page")
    title = (entry.get("title") or str(front.get("title") or "").strip()
             or (page_title if page_format == "html" else "") or lines[0].text)
    title = cleaning.normalise_text(to_simplified(title)[0])
    cleaned = cleaning.assemble(lines, drop_exact=title)
    if not cleaned.text:
        raise CorpusError(f"{path}: the page holds only its title; collect the article body")
    published, date_source = _published(entry, front, body, path=path, line_no=line_no)
    if entry.get("event_date"):
        _timestamp(entry["event_date"], where=f"{MANIFEST_NAME}, line {line_no}, field event_date (for {path})")
    row = {
        **{c: v for c, v in entry.items() if c not in MANIFEST_COLUMNS},
        "doc_id": entry["doc_id"], "region": entry["region"], "place": entry["place"] or entry["region"],
        "province": entry["province"], "outlet": entry["outlet"] or str(front.get("author") or ""),
        "published": published, "date_source": date_source, "title": title,
        "text": cleaned.text, "n_chars": len(cleaned.text),
        "n_paragraphs": cleaned.text.count("\n") + 1, "source_file": entry["file"],
        "sha256": digest, "encoding": encoding, "script": script, "page_format": page_format,
        "bold_spans": cleaned.bold_spans, "duplicate_of": None, "url": entry["url"],
    }
    return row


def detect_page_format(body: str, path: Path) -> str:
    """``html`` if the body has HTML block tags, ``markdown`` for .md files or Markdown syntax, else ``plain``."""
    if HTML_TAG.search(body):
        return "html"
    if path.suffix.lower() in MARKDOWN_SUFFIXES or MARKDOWN_SYNTAX.search(body):
        return "markdown"
    return "plain"


def split_front_matter(text: str, *, source: str) -> tuple[dict, str]:
    """Split a leading YAML front matter block (``---`` … ``---``, blank lines allowed before it)."""
    text = text.lstrip("\ufeff")
    if not text.lstrip().startswith("---"):
        return {}, text  # the first non-blank line is not '---' (a quick test before splitting the lines)
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return {}, text
    close = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "---"), None)
    if close is None:
        raise CorpusError(f"{source}, line {first + 1}: front matter opened with '---' never closes; "
                          "add a closing '---' line after the metadata")
    block = "".join(lines[first + 1:close])
    try:
        front = yaml.load(block, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {first + 2 + mark.line}" if mark is not None else ""
        raise CorpusError(f"{source}{where}: front matter is not valid YAML ({getattr(err, 'problem', err)}); "
                          "fix the metadata block") from None
    if front is None:
        front = {}
    if not isinstance(front, dict):
        raise CorpusError(f"{source}, line {first + 2}: front matter is a {type(front).__name__}, not a mapping; "
                          "write it as 'key: value' lines")
    return front, "".join(lines[close + 1:])


def _published(entry: pd.Series, front: dict, body: str, *, path: Path, line_no) -> tuple[pd.Timestamp, str]:
    if entry["published"]:
        where = f"{MANIFEST_NAME}, line {line_no}, field published (for {path})"
        return _timestamp(entry["published"], where=where), "manifest"
    if front.get("date") not in (None, ""):
        return _timestamp(front["date"], where=f"{path}, front matter field date"), "front matter"
    match = TEXT_DATE.search(body)
    if match:
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        try:
            return _localized(pd.Timestamp(datetime(year, month, day, hour, minute, second))), "text"
        except ValueError:
            pass
    raise CorpusError(f"{path}: no publication date in the front matter or the text; "
                      f"fill the published column of its manifest row (line {line_no}), e.g. 2022-05-07")


def _timestamp(value, *, where: str) -> pd.Timestamp:
    """Parse an RFC 2822, ISO 8601 or 2022年9月9日-style date; naive values are Beijing time."""
    stamp = _parse_date(value)
    if stamp is None:
        raise CorpusError(f"{where}: {value!r} is not a date; write it as 2022-09-09, "
                          "2022-09-09 12:38 or an RFC 2822 date such as 'Fri, 09 Sep 2022 22:01:01 GMT'")
    if stamp.tzinfo is not None:
        return stamp.tz_convert(ZONE)
    try:
        return _localized(stamp)
    except ValueError:  # pandas' NonExistentTimeError / AmbiguousTimeError
        raise CorpusError(f"{where}: {value!r} is a wall time that Beijing's summer time (1986-1991) skipped or "
                          "repeated; write it with its UTC offset, e.g. 1988-04-17T03:30+09:00") from None


def _localized(stamp: pd.Timestamp) -> pd.Timestamp:
    """A naive timestamp as Beijing time: ``tz_localize``'s result, without its 50 µs.

    A wall time the zone skips or repeats (summer time, 1986-1991) is left to
    ``tz_localize``, which refuses it with a ValueError.
    """
    wall = stamp.to_pydatetime()
    if ZONE.utcoffset(wall) != ZONE.utcoffset(wall.replace(fold=1)):
        return stamp.tz_localize(TIMEZONE)
    return stamp.replace(tzinfo=ZONE)


def _parse_date(value) -> pd.Timestamp | None:
    if isinstance(value, (datetime, date)):
        return pd.Timestamp(value)
    text = str(value).strip()
    try:
        return pd.Timestamp(datetime.fromisoformat(text.replace("/", "-")))
    except ValueError:
        pass
    try:
        return pd.Timestamp(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    match = CHINESE_DATE.fullmatch(text)
    if match:
        try:
            return pd.Timestamp(datetime(*(int(g) if g else 0 for g in match.groups())))
        except ValueError:
            return None
    return None
