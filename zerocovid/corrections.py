"""Human corrections of the coded tables, kept beside the corpus in ``corrections.csv``.

The tool's codes are a first pass. A coder's corrections are data of their own: kept apart from the
raw files (never edited) and from the pipeline's cache (which holds the tool's rows only), applied
every time a table is coded, so re-running the tool never loses them, and checked against the text
every time, so a correction that no longer fits is reported, never silently dropped.

``corrections.csv`` in the corpus folder (UTF-8, with or without BOM; the header is line 1), one
line per change:

    table     apologies, apology_mentions, acknowledgements, strategies, measures, groups, medical_access
              or figures
    doc_id    the article
    start     the row's evidence span (as in the table, and in its row_id)
    end
    field     the column to set, or ``*`` for the whole row
    value     the new value, as text; with field ``*``: ``drop`` or ``add``
    row_id    optional: the row's row_id, which picks one row where two share a span

Rules:

- ``*`` ``drop`` removes the row with that span. ``*`` ``add`` adds a row with that span; the other
  lines with the same table and span set (or drop) it, unless their row_id names a coded row of that
  span. Any other field sets that column of the row with that span.
- A value is converted to its column's type: whole numbers, numbers, booleans (``true``/``false``,
  ``1``/``0``), timestamps (``2022-09-09 00:00``), text as written (spaces around it trimmed). An
  empty value is missing: ``""`` in a text column, NaN or NaT, or <NA> in an integer or boolean
  column (which then becomes nullable).
- The columns that locate a row cannot be set: row_id, corrected, doc_id, region, start, end and the
  evidence column (``text[start:end]``: sentence, cue, text or term). To move a row, drop it and add
  one with the new span.
- Several lines setting one cell: the last wins. A dropped row stays dropped whatever other lines set.
- An added row has doc_id, start and end from its line, region from the documents, its evidence
  column from the text, the columns its lines set, and every other column missing. Its row_id
  follows ``zerocovid.rows``: ``doc_id@start-end`` (plus ``/discriminator``), with ``#2``, ``#3`` …
  counted on past every coded row of the table, dropped ones too, so no coded row's row_id changes
  or is reused. Added rows follow the coded rows of the same doc_id and start.
- ``corrected`` (bool), the last column of every coded table: True on the rows a line set or added,
  False on every other row (everywhere when there are no corrections).
- Errors, all raised at once as one ``zerocovid.CorpusError`` whose problems name the file and the
  line and say how to fix it: an unreadable file; a header missing a column or with an unknown one;
  an unknown table or field (the known ones listed); start or end not whole numbers; ``*`` with a
  value other than drop or add; a doc_id that is not in the corpus; a span that no longer lies in the
  text; a set or drop whose span matches no row (or several, without a row_id to choose); a row_id
  that matches no row; a value that cannot be converted; two add lines for one span.

Where they are applied, exactly once:

- ``load_documents`` remembers the corpus folder in ``docs.attrs["data_dir"]``. pandas keeps attrs
  through ``select_regions``, boolean indexing, ``.loc``/``.iloc``, ``.copy()``, sorting and column
  selection; a frame made anew (``pd.DataFrame``, ``merge``, ``concat`` with other frames) has none.
  Every coding function (``find_apologies`` … ``extract_figures``) called on documents that remember
  their folder applies its table's corrections; on other documents (a frame built by hand) it applies
  none and ``corrected`` is False. Documents of some articles only (``select_regions``) skip the lines
  of the others (a doc_id the manifest does not list is still an error).
- The pipeline runs the coding functions on batches of documents it builds anew, with no folder, so
  ``run_pipeline`` and its cache hold the tool's rows only. ``coded_tables`` applies the corrections
  to what the pipeline returns, once per call and after the cache: editing ``corrections.csv`` takes
  effect on the next call without recomputing anything. Its documents remember the folder too.
- ``zerocovid validate`` checks every line against every table.

From a coder's spreadsheet: ``corrections_from(exported, recoded, table)`` turns an exported table
and the same rows after a coder edited them into the lines above; ``write_corrections(lines,
data_dir)`` appends them to the folder's ``corrections.csv``.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api import types

from .corpus import MANIFEST_NAME, read_manifest
from .errors import CorpusError
from .paths import DATA_DIR
from .rows import ROW_ID, with_row_id

CORRECTIONS_NAME = "corrections.csv"
COLUMNS = ["table", "doc_id", "start", "end", "field", "value", "row_id"]
REQUIRED = COLUMNS[:-1]
CORRECTED = "corrected"
DATA_DIR_ATTR = "data_dir"
WHOLE_ROW, DROP, ADD = "*", "drop", "add"
# table: (its evidence column, text[start:end]; the column its row_id adds after a slash, as its function does)
TABLES = {
    "apologies": ("sentence", "formula_start"),
    "apology_mentions": ("sentence", "formula_start"),
    "acknowledgements": ("sentence", None),
    "strategies": ("cue", "code"),
    "measures": ("text", None),
    "groups": ("term", "group"),
    "medical_access": ("term", "feature"),
    "figures": ("text", None),
}
LOCATING = (ROW_ID, CORRECTED, "doc_id", "region", "start", "end")
TRUE, FALSE = ("true", "1"), ("false", "0")


@dataclass(frozen=True)
class _Line:
    number: int
    table: str
    doc_id: str
    start: int
    end: int
    field: str
    value: str
    row_id: str

    @property
    def span(self) -> tuple[str, int, int]:
        return self.doc_id, self.start, self.end


class _Corpus:
    """What lines are checked against: the texts and regions of the documents coded, and the manifest's
    doc_ids (each looked up only when a line needs it: most corpora have no corrections)."""

    def __init__(self, docs: pd.DataFrame, folder: Path):
        self.docs, self.folder = docs, folder

    @cached_property
    def texts(self) -> dict[str, str]:
        return dict(zip(self.docs["doc_id"].tolist(), self.docs["text"].tolist()))

    @cached_property
    def regions(self) -> dict[str, str]:
        return dict(zip(self.docs["doc_id"].tolist(), self.docs["region"].tolist()))

    @cached_property
    def listed(self) -> set[str]:
        """The manifest's doc_ids, for a line about an article the documents leave out."""
        return set(read_manifest(self.folder)["doc_id"])


def remember_corpus(docs: pd.DataFrame, data_dir: str | Path | None) -> pd.DataFrame:
    """``docs`` (changed in place) remembering its corpus folder, where the coding functions find its corrections."""
    docs.attrs[DATA_DIR_ATTR] = Path(data_dir if data_dir is not None else DATA_DIR).resolve()
    return docs


def apply_corrections(table: str, frame: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """``frame``, the ``table`` a coding function made of ``docs``, with ``corrected`` and, when ``docs``
    remember their corpus folder, that folder's corrections of the table applied."""
    folder = docs.attrs.get(DATA_DIR_ATTR)
    if folder is None:
        return _marked(frame)
    path = folder / CORRECTIONS_NAME
    lines, problems = _read(path)
    own = [line for line in lines if line.table == table]
    corrected, found = _correct(table, frame, own, _Corpus(docs, folder), path)
    _raise(problems + found)
    return corrected


def correct_tables(tables: dict[str, pd.DataFrame], docs: pd.DataFrame,
                   data_dir: str | Path | None) -> dict[str, pd.DataFrame]:
    """``tables`` (the pipeline's, coded from ``docs`` of the corpus in ``data_dir``) with every coded table
    corrected, the others as they are; ``docs`` remember the folder. One CorpusError lists every problem."""
    folder = remember_corpus(docs, data_dir).attrs[DATA_DIR_ATTR]
    path = folder / CORRECTIONS_NAME
    lines, problems = _read(path)
    corpus = _Corpus(docs, folder)
    out = dict(tables)
    for name in TABLES.keys() & tables.keys():
        out[name], found = _correct(name, tables[name], [line for line in lines if line.table == name], corpus, path)
        problems += found
    _raise(problems)
    return out


def _raise(problems: list[tuple[int, str]]) -> None:
    """One CorpusError with every problem, in line order."""
    if problems:
        messages = [message for _, message in sorted(problems, key=lambda problem: problem[0])]
        raise CorpusError("\n".join(messages), messages)


def _marked(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with ``corrected`` False as its last column."""
    out = frame.drop(columns=CORRECTED, errors="ignore").reset_index(drop=True)
    out[CORRECTED] = False
    return out


# ---------------------------------------------------------------- reading corrections.csv

def _read(path: Path) -> tuple[list[_Line], list[tuple[int, str]]]:
    """The well-formed lines of ``path`` (none when it does not exist) and the problems of the others."""
    if not path.is_file():
        return [], []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            records, first = [], 1
            for fields in reader:  # numbered by the line each record starts on (a quoted value may hold a newline)
                records.append((first, [field.strip() for field in fields]))
                first = reader.line_num + 1
    except (UnicodeDecodeError, csv.Error) as err:
        return [], [(0, f"{path}: not a readable UTF-8 CSV file ({err}); save it as CSV (UTF-8) and check its quoting")]
    if not records:
        return [], []
    (_, header), *rows = records
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing or unknown:
        what = "; ".join(part for part in (missing and f"missing column(s) {', '.join(missing)}",
                                           unknown and f"unknown column(s) {', '.join(unknown)}") if part)
        return [], [(1, f"{path}, line 1: {what}; the header must be {','.join(COLUMNS)} (row_id may be left out)")]
    lines, problems = [], []
    for number, fields in rows:
        if not any(fields):
            continue
        where = f"{path}, line {number}"
        if len(fields) != len(header):
            problems.append((number, f"{where}: {len(fields)} values for the {len(header)} columns of the header; "
                                     "quote a value that holds a comma"))
            continue
        record = dict(zip(header, fields))
        problem = _malformed(record)
        if problem:
            problems.append((number, f"{where}: {problem}"))
        else:
            lines.append(_Line(number, record["table"], record["doc_id"], int(record["start"]), int(record["end"]),
                               record["field"], record["value"], record.get("row_id", "")))
    return lines, problems


def _malformed(record: dict[str, str]) -> str | None:
    """What is wrong with one line on its own, or None."""
    if record["table"] not in TABLES:
        return f"unknown table {record['table']!r}; known: {', '.join(TABLES)}"
    if not record["doc_id"]:
        return "empty doc_id; name the article the correction is about"
    if not (record["start"].isdecimal() and record["end"].isdecimal()):
        return (f"start and end must be whole numbers (character offsets into the text), not "
                f"{record['start']!r} and {record['end']!r}")
    if int(record["start"]) >= int(record["end"]):
        return f"empty span {record['start']}-{record['end']}; end must be greater than start"
    if not record["field"]:
        return f"empty field; name the column to set, or write {WHOLE_ROW} with the value {DROP} or {ADD}"
    if record["field"] == WHOLE_ROW and record["value"] not in (DROP, ADD):
        return f"field {WHOLE_ROW} takes the value {DROP} or {ADD}, not {record['value']!r}"
    return None


def _convert(text: str, dtype, column: str):
    """``text`` as a value of a column of ``dtype``; ValueError says how to write it."""
    if types.is_bool_dtype(dtype):
        if not text:
            return pd.NA
        if text.lower() in TRUE + FALSE:
            return text.lower() in TRUE
        raise ValueError(f"{text!r} is not a boolean for column {column}; write true or false")
    if types.is_integer_dtype(dtype):
        if not text:
            return pd.NA
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if number.is_integer():
            return int(number)
        raise ValueError(f"{text!r} is not a whole number for column {column}; write it in digits, e.g. 43")
    if types.is_float_dtype(dtype):
        try:
            return float(text) if text else float("nan")
        except ValueError:
            raise ValueError(f"{text!r} is not a number for column {column}; write it in digits, e.g. 43 "
                             "or 4.5") from None
    if types.is_datetime64_any_dtype(dtype):
        if not text:
            return pd.NaT
        try:
            stamp = pd.Timestamp(text)
        except ValueError:
            stamp = None
        if stamp is None or stamp.tzinfo is not None:
            raise ValueError(f"{text!r} is not a time for column {column}; write it as 2022-09-09 00:00 "
                             "(China time, no time zone)")
        return stamp
    return text


def _series(values: list, dtype, index=None) -> pd.Series:
    """``values`` as a column of ``dtype``, nullable when a value is missing from an integer or boolean column."""
    if any(value is pd.NA for value in values):
        dtype = "Int64" if types.is_integer_dtype(dtype) else "boolean" if types.is_bool_dtype(dtype) else dtype
    return pd.Series(values, index=index, dtype=dtype)


# ---------------------------------------------------------------- applying them to one table

@dataclass
class _Added:
    line: int
    values: dict
    dropped: bool = False
    named: tuple[tuple[int, str], ...] = ()  # (line, row_id) of the lines that name the added row by a row_id


class _Correction:
    """The lines of one table applied to its coded rows: the row each line points at, and the problems
    of the lines that point nowhere."""

    def __init__(self, table: str, frame: pd.DataFrame, corpus: _Corpus, path: Path):
        self.table, self.corpus, self.path = table, corpus, path
        self.frame = _marked(frame)
        self.evidence, self.discriminator = TABLES[table]
        self.settable = [column for column in self.frame.columns if column not in LOCATING and column != self.evidence]
        self.ids = {row_id: pos for pos, row_id in enumerate(self.frame[ROW_ID].tolist())}
        self.spans = list(zip(*(self.frame[column].tolist() for column in ("doc_id", "start", "end"))))
        self.rows_at: dict[tuple, list[int]] = {}
        for pos, span in enumerate(self.spans):
            self.rows_at.setdefault(span, []).append(pos)
        self.problems: list[tuple[int, str]] = []
        self.added: dict[tuple, _Added] = {}
        self.dropped: set[int] = set()
        self.updates: dict[str, dict[int, object]] = {}  # column: {row position: value}

    def problem(self, line: _Line, message: str) -> None:
        self.problems.append((line.number, f"{self.path}, line {line.number}: {message}"))

    def apply(self, lines: list[_Line]) -> pd.DataFrame:
        """The coded rows with ``lines`` applied (the adds first, so that any line of their span finds them)."""
        placed = [(line, value) for line in lines for fits, value in [self.check(line)] if fits]
        for line, _ in placed:
            if (line.field, line.value) == (WHOLE_ROW, ADD):
                if line.span in self.added:
                    self.problem(line, f"line {self.added[line.span].line} already adds a {self.table} row at "
                                       f"{line.doc_id}@{line.start}-{line.end}; keep one add line per span")
                else:
                    self.added[line.span] = _Added(line.number, {})
        for line, value in placed:
            if (line.field, line.value) != (WHOLE_ROW, ADD):
                self.point(line, value)
        return self.result()

    def check(self, line: _Line) -> tuple[bool, object]:
        """Whether ``line`` applies to these documents, and its value in its column's type (problems noted)."""
        if line.field != WHOLE_ROW and line.field not in self.frame.columns:
            self.problem(line, f"{self.table} has no column {line.field!r}; the columns a correction can set: "
                               f"{', '.join(self.settable)}")
        elif line.field != WHOLE_ROW and line.field not in self.settable:
            self.problem(line, f"{line.field} locates the row and cannot be set; to move a row, drop it and add one "
                               "with the new span")
        elif line.doc_id not in self.corpus.texts:
            if line.doc_id not in self.corpus.listed:  # else an article these documents leave out: not theirs
                manifest = self.corpus.folder / MANIFEST_NAME
                self.problem(line, f"doc_id {line.doc_id!r} is not in the corpus ({manifest}); fix the doc_id, or "
                                   "remove the line if the article was taken out")
        elif line.end > len(self.corpus.texts[line.doc_id]):
            self.problem(line, f"the {self.table} row at {line.doc_id}@{line.start}-{line.end} lies outside the text "
                               f"of {line.doc_id} ({len(self.corpus.texts[line.doc_id])} characters): the article "
                               "changed since the correction was made; find the span again in the text and fix start "
                               "and end, or remove the line")
        elif line.field == WHOLE_ROW:
            return True, None
        else:
            try:
                return True, _convert(line.value, self.frame[line.field].dtype, line.field)
            except ValueError as err:
                self.problem(line, str(err))
        return False, None

    def point(self, line: _Line, value) -> None:
        """Record the set or drop of ``line`` on the row it points at: its row_id's, an added row of its span,
        else the one coded row of its span."""
        if line.row_id in self.ids:
            pos = self.ids[line.row_id]
            if self.spans[pos] != line.span:
                doc_id, start, end = self.spans[pos]
                self.problem(line, f"row_id {line.row_id} is the {self.table} row at {doc_id}@{start}-{end}, not at "
                                   f"{line.doc_id}@{line.start}-{line.end}; fix start and end, or the row_id")
                return
        elif line.span in self.added:
            row = self.added[line.span]
            if line.row_id:
                row.named += ((line.number, line.row_id),)
            if line.field == WHOLE_ROW:
                row.dropped = True
            else:
                row.values[line.field] = value
            return
        elif line.row_id:
            self.problem(line, f"no {self.table} row has row_id {line.row_id!r} (the coding changed, or the id is "
                               "mistyped); copy the row's row_id from the current table, or remove the line")
            return
        else:
            matches = self.rows_at.get(line.span, [])
            span = f"{line.doc_id}@{line.start}-{line.end}"
            if not matches:
                self.problem(line, f"no {self.table} row has the span {span} (the coding changed, or the span is "
                                   "wrong); find the row's current span in the table, or remove the line")
                return
            if len(matches) > 1:
                self.problem(line, f"{len(matches)} {self.table} rows have the span {span} (row_ids "
                                   f"{', '.join(self.frame[ROW_ID].iloc[matches])}); add the row_id of the one to "
                                   "correct")
                return
            pos = matches[0]
        if line.field == WHOLE_ROW:
            self.dropped.add(pos)
        else:
            self.updates.setdefault(line.field, {})[pos] = value

    def result(self) -> pd.DataFrame:
        """The coded rows updated, marked and dropped, with the added rows after those of their doc_id and start."""
        frame = self.frame
        for column, values in self.updates.items():
            cells = frame[column].tolist()
            for pos, value in values.items():
                cells[pos] = value
            frame[column] = _series(cells, frame[column].dtype, frame.index)
        touched = {pos for values in self.updates.values() for pos in values}
        frame[CORRECTED] = [pos in touched for pos in range(len(frame))]
        frame = frame.drop(index=sorted(self.dropped)).reset_index(drop=True)
        if not self.added:
            return frame
        new = self.added_rows()
        for row, row_id in zip(self.added.values(), new[ROW_ID]):
            for number, named in row.named:
                if named != row_id:
                    self.problems.append((number, f"{self.path}, line {number}: no {self.table} row has row_id "
                                                  f"{named!r}; the row line {row.line} adds is {row_id}: fix the "
                                                  "row_id, or remove it"))
        new = new[[not row.dropped for row in self.added.values()]]
        if new.empty:
            return frame
        combined = pd.concat([frame, new], ignore_index=True)
        return combined.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)

    def added_rows(self) -> pd.DataFrame:
        """Every added row (dropped ones too, so that row_ids do not depend on drops), with the columns and types
        of the coded rows and row_ids no coded row has, dropped or not (``#n`` counted on, as ``with_row_id``
        counts rows that share an id)."""
        rows = []
        for (doc_id, start, end), row in self.added.items():
            rows.append({**row.values, "doc_id": doc_id, "region": self.corpus.regions[doc_id], "start": start,
                         "end": end, self.evidence: self.corpus.texts[doc_id][start:end], CORRECTED: True})
        dtypes = self.frame.dtypes
        new = pd.DataFrame({column: _series([row.get(column, _convert("", dtypes[column], column)) for row in rows],
                                            dtypes[column]) for column in self.frame.columns if column != ROW_ID})
        taken, row_ids = set(self.ids), []
        for base in with_row_id(new, self.discriminator)[ROW_ID]:
            row_id, count = base, 1
            while row_id in taken:
                count += 1
                row_id = f"{base}#{count}"
            taken.add(row_id)
            row_ids.append(row_id)
        new.insert(0, ROW_ID, pd.Series(row_ids, dtype="str"))
        return new


def _correct(table: str, frame: pd.DataFrame, lines: list[_Line], corpus: _Corpus,
             path: Path) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """``frame`` with ``corrected`` and ``lines`` (all of ``table``) applied, and the problems of the lines that
    do not apply."""
    if not lines:
        return _marked(frame), []
    correction = _Correction(table, frame, corpus, path)
    return correction.apply(lines), correction.problems


# ---------------------------------------------------------------- from a coder's spreadsheet

def corrections_from(exported: pd.DataFrame, recoded: pd.DataFrame, table: str) -> pd.DataFrame:
    """The lines of ``corrections.csv`` (columns ``COLUMNS``) that turn ``exported``, rows of the coded
    ``table`` as given to a coder, into ``recoded``, the same rows after the coder edited them.

    Rows are matched on row_id. A changed cell gives a set line, a row the coder deleted a drop line, a
    row with an empty row_id (the coder added it: doc_id, start and end say where) an add line and one
    line per filled cell; a row whose start or end the coder changed is dropped and added anew. Cells are
    compared as text, and as the column's type (43, "43" and "43.0" of a number column are the same).
    The table is an argument (an export has no table column). ValueError on recoded rows or columns
    that cannot be matched, or an edited region or evidence column (both follow from the span)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; known: {', '.join(TABLES)}")
    evidence, _ = TABLES[table]
    for name, frame in (("exported", exported), ("recoded", recoded)):
        missing = [column for column in (ROW_ID, "doc_id", "start", "end") if column not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks the column(s) {', '.join(missing)}; keep them when exporting the table")
    extra = [column for column in recoded.columns if column not in exported.columns]
    if extra:
        raise ValueError(f"recoded has column(s) the export lacks: {', '.join(map(str, extra))}; remove or rename them")
    fields = [column for column in exported.columns if column not in LOCATING and column != evidence
              and column in recoded.columns]
    dtypes = exported.dtypes
    before = {_text(row[ROW_ID]): row for row in exported.to_dict("records")}
    after: dict[str, dict] = {}
    new_rows = []
    for number, row in enumerate(recoded.to_dict("records"), start=1):
        row_id = _text(row[ROW_ID])
        if not row_id:
            new_rows.append((number, row))
        elif row_id in after:
            raise ValueError(f"recoded holds row_id {row_id} twice; a copied row is a new row: empty its row_id")
        elif row_id not in before:
            raise ValueError(f"recoded row_id {row_id} is not in the export; a new row must have an empty row_id")
        else:
            after[row_id] = row

    lines = []
    for row_id, old in before.items():
        new = after.get(row_id)
        if new is not None and _span(new, row_id) == _span(old, row_id):
            for column in ("region", evidence):
                if column not in recoded.columns or _same(old[column], new[column], dtypes[column]):
                    continue
                raise ValueError(f"row {row_id}: {column} was edited; it follows from the span, so change start "
                                 "and end instead")
            lines.extend(_line(table, old, column, _text(new[column]), row_id) for column in fields
                         if not _same(old[column], new[column], dtypes[column]))
            continue
        lines.append(_line(table, old, WHOLE_ROW, DROP, row_id))
        if new is not None:
            lines.extend(_added_lines(table, new, fields, row_id))
    for number, row in new_rows:
        lines.extend(_added_lines(table, row, fields, f"new row {number}"))
    return pd.DataFrame(lines, columns=COLUMNS).astype({"start": "int64", "end": "int64"})


def _text(value) -> str:
    """A cell as corrections.csv writes it: missing as "", booleans as true/false, whole floats without .0."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if value is None or not isinstance(value, str) and pd.isna(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _same(old, new, dtype) -> bool:
    """Two cells of a column are the same as text, or as values of the column's type."""
    a, b = _text(old), _text(new)
    if a == b:
        return True
    if not a or not b:
        return False
    try:
        return bool(_convert(a, dtype, "") == _convert(b, dtype, ""))
    except ValueError:
        return False


def _span(row: dict, name: str) -> tuple[str, int, int]:
    start, end = _text(row["start"]), _text(row["end"])
    if not (start.isdecimal() and end.isdecimal()) or not _text(row["doc_id"]):
        raise ValueError(f"{name}: doc_id, start and end must say where its evidence is (start and end as "
                         f"whole numbers), not {row['doc_id']!r}, {row['start']!r}, {row['end']!r}")
    return _text(row["doc_id"]), int(start), int(end)


def _line(table: str, row: dict, field: str, value: str, row_id: str) -> list:
    return [table, *_span(row, row_id), field, value, row_id]


def _added_lines(table: str, row: dict, fields: list[str], name: str) -> list[list]:
    """An add line for ``row`` and a line for each of its filled ``fields``."""
    span = _span(row, name)
    return [[table, *span, WHOLE_ROW, ADD, ""],
            *([table, *span, column, _text(row[column]), ""] for column in fields if _text(row[column]))]


def write_corrections(lines: pd.DataFrame, data_dir: str | Path) -> Path:
    """Append ``lines`` (``corrections_from``'s frame) to ``data_dir``'s corrections.csv, created with the
    header ``COLUMNS`` if absent; return its path. Earlier lines keep their text and line numbers (a
    header without row_id gains the column)."""
    missing = [column for column in REQUIRED if column not in lines.columns]
    if missing:
        raise ValueError(f"lines lack the column(s) {', '.join(missing)}; pass what corrections_from returns")
    path = Path(data_dir) / CORRECTIONS_NAME
    records = []
    if path.is_file():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = list(csv.reader(handle))
    old_header, *rows = records or [[]]
    header = old_header + [column for column in COLUMNS if column not in old_header]
    rows = [fields + [""] * (len(header) - len(old_header)) if len(fields) == len(old_header) else fields
            for fields in rows]
    rows += [[_text(row.get(column, "")) for column in header] for row in lines.to_dict("records")]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path
