"""Every coded table of a corpus in one Excel workbook or a folder of CSV files, and back.

``export(docs, path, tables=None, sentences=False)`` writes one sheet (``path`` ending in ``.xlsx``) or one CSV file
``<table>.csv`` (any other ``path``: a folder, created if needed) per table, in this order:

- ``documents``: ``docs`` without ``text``; lists (``bold_spans``) as JSON text;
- ``apologies``, ``apology_mentions``, ``acknowledgements``, ``strategies``, ``measures``, ``figures`` (and
  ``sentences`` with ``sentences=True``, given a ``row_id``): as the analyzers return them (or, with
  ``tables=coded_tables(...)``, as the pipeline cached them: the same rows), ``row_id`` first and
  ``doc_id, region, start, end`` citing the evidence in the article's cleaned ``text``;
- ``codebook``: one row per column of the tables above: ``table``, ``column``, ``definition`` (the
  paragraph of ``zerocovid/codebook.md`` that defines it: in the table's section, else §1.2 for shared
  columns; the ``text`` of ``sentences`` is §1.1's sentence; ``documents`` is defined by the column list of
  ``zerocovid.corpus``), ``allowed_values`` (the ids of a closed vocabulary, ``; ``-joined, as the
  package knows them; empty for open columns) and ``type`` (the pandas dtype, which ``read_export``
  restores);
- ``meta``: ``key``, ``value``: ``zerocovid_version``, ``lexicon_hash``, ``data_dir`` (the corpus folder,
  ``docs.attrs["data_dir"]``, relative to the current directory when inside it; empty when unknown) and
  ``documents`` (their number). No date of export: the same tables give the same bytes.

Cells: timestamps as ISO 8601 text, with their offset when they have a time zone
(``2022-09-09T12:38:20+08:00``; figures' ``as_of`` ``2022-09-09T00:00:00``); NaN, NA and NaT as empty
cells, and missing text as "" (the codebook's empty value, §1.3: ``documents.duplicate_of`` of an
original article is ""); booleans as TRUE / FALSE cells in Excel and ``true`` / ``false`` in CSV;
numbers as numbers (Excel keeps 16 significant digits). CSV files are UTF-8 with a BOM (so that Excel
reads Chinese correctly), comma-separated, quoted where needed, CRLF line ends. Workbooks: header row
bold and frozen, columns as wide as their content (up to 60 characters); a cell longer than Excel's
32,767 characters is refused with a ValueError naming table, row and column, not split (a split cell
no longer reads back as one value): export that corpus to CSV. A workbook's dates (document properties,
zip entries) are fixed, so two exports of the same tables are byte-identical.

``read_export(path)`` reads either form back: a dict of the same tables, each column in the dtype the
codebook records (integers, floats, booleans, timestamps in their time zone), equal to
``export_tables(docs)``; JSON lists stay text. Corrections made in Excel or a CSV editor come back typed.
"""
from __future__ import annotations

import ast
import csv
import io
import json
import re
import unicodedata
from datetime import datetime
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import pandas as pd
from pandas.api.types import pandas_dtype

from .. import corpus
from ..analyzers.apologies import TABLES as APOLOGY_TABLES, apology_tables, strategy_codes
from ..analyzers.figures import extract_figures
from ..analyzers.measures import categories, extract_measures
from ..codes import FIGURE_KINDS, KINDS, MENTION_TYPES, MODES, SCOPES
from ..lexicons import lexicon_hash, load_resource
from ..paths import PACKAGE_DIR
from ..rows import with_row_id
from ..text import sentences as sentence_table

# the coded tables an export holds (``sentences`` too when asked), in its order; never the token rows
EXPORTED_TABLES = [*APOLOGY_TABLES, "measures", "figures"]

EXCEL_CELL_LIMIT = 32_767
# The earliest moment a zip entry can carry: the date of every part of a workbook, so bytes depend on data only.
FIXED_TIME = datetime(1980, 1, 1)
MAX_WIDTH = 60
BOOLEANS = {"true": True, "false": False}
# Tables the codebook defines inside another table's section (§2.2 defines the apologies that are not acts).
SECTION_OF = {"apology_mentions": "apologies"}
# A column of a table without a codebook section that the codebook defines as a term of §1.1.
TERMS = {("sentences", "text"): "Sentence"}
# "`a`, `b` *(mechanical)* —" opening a paragraph or a sentence: the names it defines, and whether a dash
# follows (a definition of its own) or not (a list of columns that §1.2 or the rest of the paragraph defines).
SUBJECT = re.compile(r"(?:\A|(?<=[.;])\s+)(?P<names>`\w+`(?: \(`[^`]*`\))?(?:,\s+`\w+`(?: \(`[^`]*`\))?)*)"
                     r"(?:\s+\*\([^)]*\)\*)?(?P<dash>\s+—)?")


def export_tables(docs: pd.DataFrame, *, tables: dict[str, pd.DataFrame] | None = None,
                  sentences: bool = False) -> dict[str, pd.DataFrame]:
    """The tables ``export`` writes, as ``read_export`` gives them back. ``tables``: the corpus's coded
    tables (``coded_tables``), whose rows of ``docs`` are taken instead of coding ``docs`` again (the
    same rows, read from the pipeline's cache: seconds instead of minutes on a large corpus)."""
    if tables is None:
        coded = {**apology_tables(docs), "measures": extract_measures(docs), "figures": extract_figures(docs)}
        if sentences:
            coded["sentences"] = sentence_table(docs)
    else:
        chosen = docs["doc_id"]
        unknown = sorted(set(chosen) - set(tables["documents"]["doc_id"]))
        if unknown:   # their rows would be missing from the export, not empty
            raise ValueError(f"{len(unknown)} of the documents are not in the coded tables given ({', '.join(unknown[:3])}"
                             f"{' …' if len(unknown) > 3 else ''}); pass the coded_tables of their corpus")
        coded = {name: tables[name][tables[name]["doc_id"].isin(chosen)]
                 for name in [*EXPORTED_TABLES, *(["sentences"] if sentences else [])]}
    if sentences:
        coded["sentences"] = with_row_id(coded["sentences"].reset_index(drop=True))
    tables = {"documents": _documents(docs), **coded}
    tables = {name: _missing_text_empty(frame.reset_index(drop=True)) for name, frame in tables.items()}
    return {**tables, "codebook": _codebook(tables), "meta": _meta(docs)}


def export(docs: pd.DataFrame, path: str | Path, *, tables: dict[str, pd.DataFrame] | None = None,
           sentences: bool = False) -> Path:
    """Write every coded table of ``docs`` to ``path`` (``.xlsx``: a workbook; else a folder of CSV
    files); return ``path``. ``tables`` as in ``export_tables``."""
    path = Path(path)
    tables = export_tables(docs, tables=tables, sentences=sentences)
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(_workbook(tables))
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            with (path / f"{name}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(frame.columns)
                writer.writerows(zip(*([_csv_text(v) for v in _values(frame[c])] for c in frame.columns)))
    return path


def read_export(path: str | Path) -> dict[str, pd.DataFrame]:
    """The tables of an ``export`` (workbook or CSV folder), each column in the dtype its codebook row records."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        raw = _read_workbook(path)
    else:
        codebook = pd.read_csv(path / "codebook.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        names = [*dict.fromkeys(codebook["table"]), "codebook", "meta"]
        raw = {name: pd.read_csv(path / f"{name}.csv", dtype=object, keep_default_na=False, encoding="utf-8-sig")
               for name in names}
    codebook = raw["codebook"]
    types = {(t, c): kind for t, c, kind in zip(codebook["table"], codebook["column"], codebook["type"])}
    tables = {}
    for name, frame in raw.items():
        typed = {}
        for column in frame.columns:
            kind = types.get((name, column), "str")   # codebook and meta are text
            try:
                typed[column] = _typed(frame[column], kind)
            except (ValueError, TypeError, KeyError) as err:
                raise ValueError(f"{path}: table {name}, column {column}: not {kind} ({err})") from err
        tables[name] = pd.DataFrame(typed, columns=frame.columns)
    return tables


def _documents(docs: pd.DataFrame) -> pd.DataFrame:
    """The documents without their text; lists as JSON text, which a cell can hold."""
    frame = docs.drop(columns="text")
    for column in frame.columns[frame.dtypes == object]:
        frame[column] = [json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v
                         for v in frame[column]]
        frame[column] = frame[column].astype("str")
    return frame


def _missing_text_empty(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing text as "": an empty cell reads back as one value, and the codebook's empty is ""."""
    text = [c for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)]
    return frame.fillna(dict.fromkeys(text, "")) if text else frame


def _meta(docs: pd.DataFrame) -> pd.DataFrame:
    """Which package, lexicons and corpus made the tables (no date, so exports are reproducible)."""
    folder, here = docs.attrs.get("data_dir"), Path.cwd()
    if folder is not None:
        folder = Path(folder).resolve()
        folder = folder.relative_to(here).as_posix() if folder.is_relative_to(here) else str(folder)
    rows = [("zerocovid_version", version("zerocovid")), ("lexicon_hash", lexicon_hash()), ("data_dir", folder or ""),
            ("documents", str(len(docs)))]
    return pd.DataFrame(rows, columns=["key", "value"], dtype="str")


def _codebook(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per column of ``tables``: its definition, allowed values and dtype."""
    vocabularies = _vocabularies()
    rows = [(table, column, _definition(table, column), "; ".join(vocabularies.get((table, column), ())),
             str(frame[column].dtype)) for table, frame in tables.items() for column in frame.columns]
    return pd.DataFrame(rows, columns=["table", "column", "definition", "allowed_values", "type"], dtype="str")


def _definition(table: str, column: str) -> str:
    """The definition of a column: its own paragraph in the table's section, else §1.2 (shared columns),
    else the paragraph that names it; "" when the codebook has none (the tests make sure none lacks one)."""
    if table == "documents":
        documents = _document_definitions()
        return documents.get(column, documents[None])
    sections, shared, terms = _codebook_definitions()
    defined, named = sections.get(SECTION_OF.get(table, table), ({}, {}))
    return (defined.get(column) or shared.get(column) or named.get(column)
            or terms.get(TERMS.get((table, column)), ""))


@lru_cache(maxsize=1)
def _codebook_definitions() -> tuple[dict, dict, dict]:
    """From ``codebook.md``: per table section, the paragraphs that define a column with a dash and
    those that only name it; the shared columns of §1.2; the terms of §1.1."""
    text = (PACKAGE_DIR / "codebook.md").read_text(encoding="utf-8")
    sections = {}
    for section in re.finditer(r"^## \d+ Table `(\w+)`.*?(?=^## |\Z)", text, re.S | re.M):
        defined, named = {}, {}
        for paragraph in re.split(r"\n\s*\n", section.group()):
            for match in SUBJECT.finditer(paragraph.removeprefix("- ")):   # a column defined in a list item too
                for name in re.findall(r"`(\w+)`", re.sub(r" \(`[^`]*`\)", "", match["names"])):
                    (defined if match["dash"] else named).setdefault(name, _one_line(paragraph.removeprefix("- ")))
        for name, definition in re.findall(r"^\| `(\w+)` \| (.+) \|$", section.group(), re.M):   # a table of columns
            defined.setdefault(name, f"`{name}` — {_one_line(definition)}")
        sections[section[1]] = (defined, named)
    general = text[text.index("### 1.1"):text.index("### 1.3")]
    shared = {name: _one_line(definition) for names, definition in re.findall(r"^\| (`.+?`) \| (.+) \|$", general, re.M)
              for name in re.findall(r"`(\w+)`", names)}
    terms = {term: _one_line(definition)
             for term, definition in re.findall(r"^- \*\*(\w+)\.\*\* (.*?)(?=^- |^#|\Z)", general, re.S | re.M)}
    return sections, shared, terms


@lru_cache(maxsize=1)
def _document_definitions() -> dict[str | None, str]:
    """The documents' columns as ``zerocovid.corpus`` lists them (read from its source, which ``python -OO``
    keeps); None: the bullet for extra manifest columns, which names no column first."""
    docstring = ast.get_docstring(ast.parse(Path(corpus.__file__).read_text(encoding="utf-8")))
    definitions: dict[str | None, str] = {}
    for bullet in re.findall(r"^- (.*?)(?=^- |^\S|\Z)", docstring, re.S | re.M):
        bullet = _one_line(bullet.replace("``", "`"))
        names = re.match(r"(?:`\w+`(?: \([^)]*\))?(?:, )?)*", bullet).group()
        for name in re.findall(r"`(\w+)`", names) or [None]:
            definitions[name] = bullet
    return definitions


def _one_line(paragraph: str) -> str:
    """A paragraph on one line: no break inside Chinese (the codebook wraps lines there), no trailing
    'Values:' or 'Rules, in order:' announcing what follows it."""
    paragraph = re.sub(r"(?<=[\u2e80-\u9fff\uff00-\uffef])\n\s*(?=[\u2e80-\u9fff\uff00-\uffef])", "", paragraph.strip())
    return re.sub(r"(?<=[.)])\s+[^.]*:$", "", re.sub(r"\s*\n\s*", " ", paragraph))


def _vocabularies() -> dict[tuple[str, str], tuple[str, ...]]:
    """The closed vocabularies of the coded tables, as the package and its lexicons define them."""
    codes = tuple(strategy_codes())
    return {("apologies", "mode"): MODES, ("apology_mentions", "type"): MENTION_TYPES, ("apologies", "strategies"): codes, ("strategies", "code"): codes,
            ("measures", "kind"): KINDS, ("measures", "category"): tuple(categories()),
            ("figures", "metric"): tuple(entry["metric"] for entry in load_resource("figures")["metrics"]),
            ("figures", "kind"): FIGURE_KINDS, ("figures", "scope"): SCOPES}


def _values(column: pd.Series) -> list:
    """A column as cell values: Python scalars, timestamps as ISO 8601 text, missing values as None."""
    if column.dtype.kind == "M":
        return [None if pd.isna(v) else v.isoformat() for v in column]
    return [None if pd.isna(v) else v for v in column.tolist()]


def _csv_text(value) -> str:
    """A cell value as CSV text: booleans as the codebook writes them (§1.3), None empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _typed(values: pd.Series, type_name: str) -> pd.Series:
    """A column read from a workbook or CSV file back in its dtype: an empty cell is missing, or "" as text."""
    dtype = pandas_dtype(type_name)
    present = pd.Series([None if v is None or v == "" else v for v in values], dtype=object)
    if dtype.kind == "M":
        zone = getattr(dtype, "tz", None)
        moments = pd.to_datetime(present, format="ISO8601", utc=zone is not None)
        return (moments.dt.tz_convert(zone) if zone else moments).astype(dtype)
    if dtype.kind == "b":
        return present.map(lambda v: v if v is None else BOOLEANS[str(v).lower()]).astype(dtype)
    if dtype.kind in "iuf":
        return pd.to_numeric(present).astype(dtype)
    return pd.Series(["" if v is None else str(v) for v in present], dtype=dtype)


def _workbook(tables: dict[str, pd.DataFrame]) -> bytes:
    """The tables as an xlsx workbook, one sheet each, checked against Excel's limits before any is written."""
    # imported here: ``import zerocovid`` stays fast for the many uses that write no workbook
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    def text_cell(sheet, value: str) -> WriteOnlyCell:
        """Text that starts with '=' as text, not a formula for Excel to run."""
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "zerocovid"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    for name, frame in tables.items():
        columns = [_values(frame[c]) for c in frame.columns]
        for column, values in zip(frame.columns, columns):
            for row, value in enumerate(values):
                if isinstance(value, str) and (len(value) > EXCEL_CELL_LIMIT or ILLEGAL_CHARACTERS_RE.search(value)):
                    problem = (f"{len(value):,} characters, more than an Excel cell holds ({EXCEL_CELL_LIMIT:,})"
                               if len(value) > EXCEL_CELL_LIMIT else "a control character an Excel cell cannot hold")
                    raise ValueError(f"table {name}, row {row + 1} ({frame.columns[0]} {columns[0][row]}), "
                                     f"column {column}: {problem}; export to a folder of CSV files instead "
                                     "(a path without .xlsx)")
        sheet = workbook.create_sheet(name)
        for number, (column, values) in enumerate(zip(frame.columns, columns), start=1):
            sheet.column_dimensions[get_column_letter(number)].width = _width([column, *values])
        sheet.freeze_panes = "A2"
        header = []
        for column in frame.columns:
            header.append(WriteOnlyCell(sheet, column))
            header[-1].font = Font(bold=True)
        sheet.append(header)
        for row in zip(*columns):
            sheet.append([text_cell(sheet, v) if isinstance(v, str) and v.startswith("=") else v for v in row])
    buffer = io.BytesIO()
    ExcelWriter(workbook, ZipFile(buffer, "w", ZIP_DEFLATED)).save()   # workbook.save would stamp the time
    return _fixed_dates(buffer.getvalue())


def _width(values: list) -> float:
    """A column width that shows the longest value, counting a Chinese character as two."""
    longest = max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in _csv_text(v)) for v in values)
    return min(max(longest, 6) + 2, MAX_WIDTH)


def _fixed_dates(xlsx: bytes) -> bytes:
    """The zip archive with every entry dated ``FIXED_TIME`` instead of when it was written."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(xlsx)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(ZipInfo(entry.filename, FIXED_TIME.timetuple()[:6]), source.read(entry),
                            compress_type=ZIP_DEFLATED)
    return out.getvalue()


def _read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    """Every sheet of a workbook as a frame of cell values (None for empty cells); empty rows dropped."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        frames = {}
        for sheet in workbook.worksheets:
            header, *rows = sheet.iter_rows(values_only=True)
            rows = [row for row in rows if any(v is not None for v in row)]
            frames[sheet.title] = pd.DataFrame(rows, columns=header, dtype=object)
        return frames
    finally:
        workbook.close()
