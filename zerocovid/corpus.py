"""Load the corpus: ``data/manifest.csv`` plus the raw files it names, into one DataFrame.

Columns of ``load_documents()`` (one row per article, index = doc_id, sorted by doc_id):

- ``doc_id`` (str): the manifest's id, used by every other table.
- ``region``, ``place``, ``province``, ``outlet`` (str): from the manifest.
- ``published`` (Timestamp, Asia/Shanghai): the manifest's value if given, else the
  front matter's ``date`` (RFC 2822, usually GMT), else a ``更新时间``/``发布时间`` line of the text.
- ``date_source`` (str): ``manifest``, ``front matter`` or ``text``: where ``published`` came from.
- ``title`` (str): the manifest's ``title`` if that column exists and is filled, else the
  front matter's ``title``, else the first line of the page.
- ``text`` (str): the cleaned article (see ``zerocovid.cleaning``); every offset in the
  package's tables points into it.
- ``n_chars`` (int), ``n_paragraphs`` (int): length of ``text`` and its number of lines.
- ``source_file`` (str): the raw file, relative to the data folder.
- ``sha256`` (str): of the raw bytes; a manifest ``sha256`` that differs is an error.
- ``encoding`` (str): the codec used to decode the bytes (declared or detected).
- ``script`` (str): ``simplified`` or ``traditional`` (converted to simplified in ``text``).
- ``page_format`` (str): ``html``, ``markdown`` or ``plain``, detected from the content (a ``.md``
  file is Markdown).
- ``duplicate_of`` (str or NA): for a near-duplicate (character 5-gram Jaccard ≥ 0.9, e.g. the same
  press release re-posted by another outlet), the doc_id of the earlier article it copies. An
  identical cleaned text is an error instead: analysing it twice would double every count.
- ``bold_spans`` (list of (start, end)): emphasised passages of the HTML source.
- ``url`` (str): the page address from the manifest (may be empty).
- any extra manifest columns (``event_date``, ``original_source`` …), kept as strings; an
  ``event_date`` that is not a date is an error.
"""
from __future__ import annotations

import hashlib
import os
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import yaml

from . import cleaning
from .decoding import decode
from .duplicates import find_duplicates
from .errors import CorpusError
from .paths import DATA_DIR
from .resources import YAML_LOADER
from .script import to_simplified
from .text import split_sentences

TIMEZONE = "Asia/Shanghai"
ZONE = ZoneInfo(TIMEZONE)
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ["doc_id", "file", "region", "place", "province", "outlet", "published", "url", "encoding"]
REQUIRED_VALUES = ["doc_id", "file", "region"]
DOCUMENT_COLUMNS = ["doc_id", "region", "place", "province", "outlet", "published", "date_source", "title",
                    "text", "n_chars", "n_paragraphs", "source_file", "sha256", "encoding", "script",
                    "page_format", "bold_spans", "duplicate_of", "url"]
HTML_TAG = re.compile(r"<(p|div|br|span|section|article|strong|h[1-6]|html|body|table|font|ul|ol|li)\b[^>]*>", re.I)
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# A heading line, **bold**, a [link](…) or an ![image](…): enough to read a page as Markdown.
MARKDOWN_SYNTAX = re.compile(r"^#{1,6} \S|\*\*[^*\n]+\*\*|!?\[[^\]\n]*\]\([^)\n]*\)", re.M)
CHINESE_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*(?:(\d{1,2})[时:：](\d{2})?分?)?")
TEXT_DATE = re.compile(r"(?:更新时间|发布时间|发布日期|时间)[:：]\s*"
                       r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?\s*(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def load_documents(data_dir: str | Path | None = None, *, engine: str = "serial", client=None,
                   workers: int | None = None, cache: bool | str | Path | None = None,
                   progress: bool | None = None) -> pd.DataFrame:
    """Read every article the manifest lists; raise one CorpusError listing every problem.

    ``engine`` is ``serial``, ``processes`` (all cores, or ``workers``) or ``dask`` (on
    ``client``, a ``distributed.Client``); ``cache`` True keeps the processed rows in
    ``<data_dir>/.cache/zerocovid`` (or the folder given) keyed by each raw file's sha256;
    ``progress`` None shows a bar only on a terminal.
    """
    from .engines import run_pipeline

    return run_pipeline(data_dir, analyzers={}, engine=engine, client=client, workers=workers,
                        cache=cache, progress=progress)["documents"]


def documents_frame(rows: list[dict] | pd.DataFrame, manifest_columns) -> pd.DataFrame:
    """Rows of ``read_document`` as the documents DataFrame: column order, time zone, doc_id index."""
    docs = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS + extra_columns(manifest_columns))
    docs = docs.sort_values("doc_id", kind="stable")
    docs["published"] = pd.to_datetime(docs["published"], utc=True).dt.tz_convert(TIMEZONE)
    docs["duplicate_of"] = docs["duplicate_of"].astype("str")  # missing stays missing (pandas >= 3)
    docs.index = pd.Index(docs["doc_id"].tolist())
    return docs


def extra_columns(manifest_columns) -> list[str]:
    """Manifest columns beyond the standard ones, kept in the documents table as strings."""
    return [c for c in manifest_columns if c not in MANIFEST_COLUMNS and c not in DOCUMENT_COLUMNS]


def mark_duplicates(docs: pd.DataFrame, signatures: list[bytes], *, data_dir: Path,
                    findings: tuple[dict, dict] | None = None) -> list[str]:
    """Fill ``duplicate_of`` for near-duplicates, in place; return a problem per identical text.

    ``findings`` is ``find_duplicates``'s (exact, near) when the caller already has it (the cache).
    """
    exact, near = findings or find_duplicates(docs["doc_id"].tolist(), docs["text"].tolist(), signatures)
    files = dict(zip(docs["doc_id"], docs["source_file"]))
    docs["duplicate_of"] = docs["doc_id"].map(near).astype("str")
    return [f"{Path(data_dir) / files[copy]}: same text after cleaning as {files[original]} "
            f"(doc_id {original}); the same article is listed twice: remove one of the rows"
            for copy, original in exact.items()]


def read_manifest(data_dir: Path) -> pd.DataFrame:
    """The manifest as strings, indexed by its line number in the file (header = line 1)."""
    path = Path(data_dir) / MANIFEST_NAME
    if not path.is_file():
        raise CorpusError(f"{path}: manifest not found; create it with the header "
                          f"{','.join(MANIFEST_COLUMNS)} and one row per article")
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise CorpusError(f"{path}: not a readable UTF-8 CSV file ({err}); fix its quoting or encoding") from None
    missing = [c for c in MANIFEST_COLUMNS if c not in manifest.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {', '.join(missing)}; the header must include "
                          f"{','.join(MANIFEST_COLUMNS)}")
    manifest = manifest.apply(lambda col: col.str.strip())
    manifest.index = range(2, len(manifest) + 2)
    empty = manifest[REQUIRED_VALUES] == ""
    incomplete = empty[empty.any(axis=1)]  # only these rows are read one by one
    problems = [f"{path}, line {line_no}: empty {column}; every article needs a {column}"
                for line_no, flags in zip(incomplete.index, incomplete.itertuples(index=False))
                for column, flag in zip(REQUIRED_VALUES, flags) if flag]
    duplicated = manifest[manifest["doc_id"].duplicated(keep=False) & (manifest["doc_id"] != "")]
    for doc_id, group in duplicated.groupby("doc_id", sort=True):
        lines = ", ".join(str(n) for n in group.index)
        problems.append(f"{path}, lines {lines}: doc_id {doc_id!r} is used more than once; give each article its own id")
    if problems:
        raise CorpusError("\n".join(problems), problems)
    return manifest


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
    page_format = _page_format(body, path)
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


def _page_format(body: str, path: Path) -> str:
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


def unlisted_files(data_dir: Path, manifest: pd.DataFrame) -> list[str]:
    """Files in raw/ that no manifest row names: an error, so nothing is left out silently."""
    raw_dir = Path(data_dir) / "raw"
    if not raw_dir.is_dir():
        return []
    # os.walk and os.path rather than Path.rglob: this looks at every raw file on every load
    listed = {os.path.normpath(os.path.join(data_dir, f)) for f in manifest["file"]}
    unlisted = [Path(folder, name) for folder, _, names in os.walk(raw_dir) for name in names
                if not name.startswith(".") and os.path.normpath(os.path.join(folder, name)) not in listed]
    return [f"{path}: in raw/ but not in {MANIFEST_NAME}; add a manifest row for it or move it out of raw/"
            for path in sorted(unlisted) if path.is_file()]


def select_regions(docs: pd.DataFrame, regions: list[str] | None = None) -> pd.DataFrame:
    """The articles of ``regions`` (all when None); ValueError names a region the corpus lacks.

    The order of ``regions`` becomes the order of every table and chart that follows
    (``plotting.region_order``); None restores the default order.
    """
    from .plotting import prefer_region_order

    prefer_region_order(regions)
    if regions is None:
        return docs
    unknown = sorted(set(regions) - set(docs["region"]))
    if unknown:
        raise ValueError(f"regions not in the corpus: {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(set(docs['region'])))}")
    return docs[docs["region"].isin(regions)]


def overview(docs: pd.DataFrame) -> pd.DataFrame:
    """One line per article for display: date, place, outlet, title, size, how it was read."""
    table = docs.assign(
        date=docs["published"].dt.strftime("%Y-%m-%d %H:%M"),
        n_sentences=docs["text"].map(lambda t: len(split_sentences(t))),
    )
    return table[["doc_id", "region", "place", "province", "outlet", "date", "date_source", "title",
                  "n_chars", "n_paragraphs", "n_sentences", "page_format", "encoding"]].reset_index(drop=True)
