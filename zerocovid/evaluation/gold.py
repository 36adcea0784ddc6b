"""Gold sets: one format for hand-coded rows of the three analyzers' tables, and one way to compare a
table with them (precision, recall, per-field accuracy), used by the tests and by ``make evaluate``.

A gold set is one YAML file, written by hand from the cleaned texts (``zc.load_documents()``)::

    tables: [apologies, acknowledgements]   # the tables this set codes completely
    articles:                               # held-out sets only: the manifest rows of its articles
      - {doc_id: 2022-04-19_shanghai, file: shanghai.txt, region: Shanghai, ...}
    rows:                                   # every row the analyzers must return for these tables
      - {table: apologies, doc_id: 2022-04-19_shanghai, starts: 陈立新表示，在此，我代表市政府,
         formula: 致以诚挚的歉意, apologizer: 市政府, mode: direct, ...}
    negatives:                              # optional: text that no row of the table may overlap
      - {table: figures, doc_id: shanghai, quote: 12345}

``articles`` lists manifest rows with ``file`` relative to the gold file's folder; it may also be a
mapping doc_id → manifest fields, each article then being the file ``<doc_id>.txt``. A set without
``articles`` is coded on the project's corpus (``data/``).

Every row names its ``table``, its ``doc_id`` and its evidence in the document's cleaned text:

- ``quote: <text>``  the evidence, exactly;
- ``starts: <text>`` the beginning of the evidence (for long sentences and list items);
- ``start: <n>, end: <m>`` the evidence as offsets (``quote`` may be given too, as a check).

A ``quote`` or ``starts`` text must occur exactly once in the document, or the row says which
occurrence it means with ``occurrence: <n>`` (1 = the first match, counting as an editor's Find
does: left to right, matches do not overlap). What the evidence of a row is depends on its table:

==================  =====================================  ==========================================
table               evidence (the table's start, end)       also
==================  =====================================  ==========================================
apologies           the sentence that holds the act         ``formula`` must agree too (a sentence
                                                            can hold two acts)
apology_mentions    the sentence that holds the formula     ``formula`` must agree too
acknowledgements    the sentence that admits the fault
measures            the item, from its marker on            ``starts`` may leave out the marker
groups              the term that names the group
figures             the figure expression (number, unit,    ``value_high`` is null and
                    approximation markers)                  ``as_of_source`` is ``text`` unless given
==================  =====================================  ==========================================

``starts`` of a sentence may leave out the opening quotation marks that begin it. Every other key
of a row is a coded field, compared exactly with the analyzer's column of that name (a timestamp
column reads the gold's string as a timestamp; null matches NaN, NaT and NA), except measures'
``category``, which is scored: at least 90 % of the gold items must have it right. Columns the gold
does not name (``row_id``, offsets, …) are ignored. A table named in ``tables`` with no rows means
the analyzer must return none.

The gold says what is right; where the tool is known to be wrong, the gold says so too, so that the
tests pass on today's tool and fail the day it changes (then the note is deleted):

- ``known_miss: <why>`` on a row: the analyzer misses it (it must still be missed);
- ``known_error: {field: <the tool's value>, …}`` on a row: the analyzer finds the row with these
  fields wrong (the gold's value stays the right one);
- ``known_extras:`` (beside ``rows``) lists, with ``table``, ``doc_id``, evidence and ``why``, rows the
  analyzer returns that are no unit by the codebook (a demanded apology, an ordinal …).

Precision, recall and accuracy count every known miss, error and extra as the error it is.

``compare(gold, table, docs)`` runs the table's analyzer, gives each gold row the first row of the
table, in table order, that has its evidence (and key fields) and is not taken yet, and returns a
``Comparison``: the matched pairs, missing gold rows, extra rows, per-field mismatches and accuracies,
precision and recall, and ``problems``, every failure as one readable line (empty when the table
agrees with the gold).
"""
from __future__ import annotations

import importlib
import math
import re
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from ..corpus import MANIFEST_COLUMNS, write_manifest
from ..pipeline import load_documents

OPENING_QUOTES = "“‘「『"
EVIDENCE_KEYS = ("quote", "starts", "occurrence", "start", "end")
RESERVED_KEYS = ("table", "doc_id", "known_miss", "known_error", *EVIDENCE_KEYS)


@dataclass(frozen=True)
class Table:
    """How the rows of one coded table are matched with gold rows."""
    name: str
    analyzer: str                   # "module:function" in zerocovid.analyzers
    evidence: str                   # the column holding the evidence text; its span is (start, end)
    key: tuple[str, ...] = ()       # coded fields that must agree for a row to be the gold row
    sentence: bool = False          # opening quotation marks before ``starts`` belong to the evidence
    marker: bool = False            # ``starts`` may leave out the row's marker and a space after it
    defaults: dict = field(default_factory=dict)      # fields compared even when a gold row leaves them out
    min_accuracy: dict = field(default_factory=dict)  # fields scored, not compared exactly

    def run(self, docs: pd.DataFrame) -> pd.DataFrame:
        module, function = self.analyzer.split(":")
        return getattr(importlib.import_module(f"zerocovid.analyzers.{module}"), function)(docs)


TABLES = {table.name: table for table in [
    Table("apologies", "apologies:find_apologies", "sentence", key=("formula",), sentence=True),
    Table("apology_mentions", "apologies:apology_mentions", "sentence", key=("formula",), sentence=True),
    Table("acknowledgements", "apologies:acknowledgements", "sentence", sentence=True),
    Table("measures", "measures:extract_measures", "text", marker=True, min_accuracy={"category": 0.9}),
    Table("groups", "measures:groups", "term"),
    Table("figures", "figures:extract_figures", "text", defaults={"value_high": None, "as_of_source": "text"}),
]}


class GoldError(ValueError):
    """A gold row that does not say where its evidence is."""


@dataclass
class GoldRow:
    table: str
    doc_id: str
    evidence: dict                  # quote / starts / occurrence / start / end, as written
    fields: dict                    # the coded fields, as written
    known_miss: str | None = None
    line: int = 0                   # in the gold file
    known_error: dict = field(default_factory=dict)   # field -> the value the tool is known to give

    def describe(self) -> str:
        text = self.evidence.get("quote") or self.evidence.get("starts") or ""
        where = f"{self.evidence['start']}–{self.evidence['end']} " if "start" in self.evidence else ""
        return f"line {self.line}: {self.table} {self.doc_id} {where}{text[:30]!r}"


@dataclass
class GoldSet:
    path: Path
    name: str
    tables: list[str]
    articles: list[dict] | None     # None: the project's corpus
    rows: list[GoldRow]
    negatives: list[dict]
    known_extras: list[GoldRow] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"GoldSet({self.name})"

    def rows_of(self, table: str) -> list[GoldRow]:
        return [row for row in self.rows if row.table == table]


@lru_cache(maxsize=None)
def load(path: Path) -> GoldSet:
    text = Path(path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    lines = _row_lines(text)
    articles = data.get("articles")
    if isinstance(articles, dict):
        articles = [{**fields, "doc_id": doc_id, "file": fields.get("file", f"{doc_id}.txt")}
                    for doc_id, fields in articles.items()]
    tables = list(data["tables"])
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise GoldError(f"{path}: unknown tables {sorted(unknown)}; known: {sorted(TABLES)}")
    rows = []
    for n, row in enumerate(data.get("rows") or []):
        line = lines[n] if n < len(lines) else 0
        if row.get("table") not in tables:
            raise GoldError(f"{path}, line {line}: table {row.get('table')!r} is not one of {tables}")
        rows.append(GoldRow(table=row["table"], doc_id=str(row["doc_id"]),
                            evidence={k: row[k] for k in EVIDENCE_KEYS if k in row},
                            fields={k: v for k, v in row.items() if k not in RESERVED_KEYS},
                            known_miss=row.get("known_miss"), line=line,
                            known_error=dict(row.get("known_error") or {})))
    kind = "seed" if Path(path).parent.name == "gold" else "heldout"
    return GoldSet(path=Path(path), name=f"{Path(path).stem if kind == 'seed' else Path(path).parent.name}-{kind}",
                   tables=tables, articles=articles, rows=rows, negatives=list(data.get("negatives") or []),
                   known_extras=[_known_extra(extra) for extra in data.get("known_extras") or []])


def _known_extra(entry: dict) -> GoldRow:
    return GoldRow(table=entry["table"], doc_id=str(entry["doc_id"]),
                   evidence={k: entry[k] for k in EVIDENCE_KEYS if k in entry}, fields={},
                   known_miss=entry.get("why", ""))


def _row_lines(text: str) -> list[int]:
    """The line (1-based) of each entry of ``rows``."""
    root = yaml.compose(text)
    for key, value in root.value:
        if key.value == "rows" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


# ------------------------------------------------------------------ locating evidence

def occurrences(text: str, needle: str) -> list[int]:
    """Where ``needle`` starts in ``text``: left to right, matches not overlapping."""
    return [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []


@dataclass(frozen=True)
class Span:
    """Where a gold row's evidence is: (start, end) exactly, or beginning at start and holding start–end."""
    start: int
    end: int
    exact: bool
    needle: str | None      # the quote or starts text, found at needle_at
    needle_at: int


def locate(row: GoldRow, text: str) -> Span:
    """The evidence of a gold row in its document's text (see the module docstring)."""
    evidence = row.evidence
    if "start" in evidence or "end" in evidence:
        start, end = int(evidence["start"]), int(evidence["end"])
        if "quote" in evidence and text[start:end] != evidence["quote"]:
            raise GoldError(f"{row.describe()}: text[{start}:{end}] is {text[start:end]!r}, not the quote")
        return Span(start, end, True, None, start)
    exact = "quote" in evidence
    needle = str(evidence["quote"] if exact else evidence.get("starts", ""))
    if not needle:
        raise GoldError(f"{row.describe()}: no evidence (quote, starts, or start and end)")
    found = occurrences(text, needle)
    if "occurrence" in evidence:
        n = int(evidence["occurrence"])
        if not 1 <= n <= len(found):
            raise GoldError(f"{row.describe()}: occurrence {n}, but the text holds it {len(found)} time(s)")
        at = found[n - 1]
    elif len(found) == 1:
        at = found[0]
    else:
        raise GoldError(f"{row.describe()}: occurs {len(found)} times in {row.doc_id}; say which with occurrence: n"
                        if found else f"{row.describe()}: does not occur in {row.doc_id}")
    start = at
    if not exact and TABLES[row.table].sentence:
        while start > 0 and text[start - 1] in OPENING_QUOTES:
            start -= 1
    return Span(start, at + len(needle), exact, needle, at)


def _covers(table: Table, text: str, span: Span, row: dict) -> bool:
    """Whether a table row is the evidence: the same span, or (``starts``) a span beginning there."""
    if span.exact:
        if (row["start"], row["end"]) != (span.start, span.end):
            return False
    else:
        if not row["start"] <= span.start or row["end"] < span.end:
            return False
        lead, marker = text[row["start"]:span.start], str(row.get("marker", ""))
        if lead and not (table.marker and lead.startswith(marker) and not lead[len(marker):].strip()):
            return False
    if span.needle is None:
        return True
    value = str(row[table.evidence])            # the row's own copy of its evidence text
    return value == span.needle if span.exact else value[span.needle_at - row["start"]:].startswith(span.needle)


# ------------------------------------------------------------------ comparing values

def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def same(gold, found) -> bool:
    """Whether a gold value and a table's value agree (see the module docstring)."""
    if _missing(found) or gold is None:
        return gold is None and _missing(found)
    if isinstance(found, pd.Timestamp):
        try:
            return pd.Timestamp(gold) == found
        except (TypeError, ValueError):     # a gold value that is no timestamp
            return False
    return bool(gold == found)


NO_COLUMN = "<no such column>"


@dataclass
class Comparison:
    gold: GoldSet
    table: str
    pairs: list[tuple[GoldRow, dict]] = field(default_factory=list)
    missing: list[GoldRow] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)
    mismatches: list[tuple[GoldRow, str, object, object]] = field(default_factory=list)
    accuracy: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    known_missing: list[GoldRow] = field(default_factory=list)
    known_extra: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        wrong = len(self.extra) + len(self.known_extra)
        return len(self.pairs) / (len(self.pairs) + wrong) if self.pairs or wrong else 1.0

    @property
    def recall(self) -> float:
        missed = len(self.missing) + len(self.known_missing)
        return len(self.pairs) / (len(self.pairs) + missed) if self.pairs or missed else 1.0

    def report(self) -> str:
        return f"{self.gold.path.name} ({self.gold.name}), table {self.table}:\n  " + "\n  ".join(self.problems)


def compare(gold: GoldSet, table: str, docs: pd.DataFrame, found: pd.DataFrame | None = None) -> Comparison:
    """Match the table's rows (``found``, or the analyzer run on ``docs``) with the gold rows by evidence."""
    spec = TABLES[table]
    found = spec.run(docs) if found is None else found
    result = Comparison(gold, table)
    rows = found.to_dict("records")
    used: set[int] = set()
    expected, known_misses = [], []
    for row in gold.rows_of(table):
        try:
            span = locate(row, docs.loc[row.doc_id, "text"])
        except (GoldError, KeyError) as err:
            result.problems.append(f"gold error: {err}" if isinstance(err, GoldError)
                                   else f"gold error: {row.describe()}: no document {row.doc_id}")
            continue
        (known_misses if row.known_miss is not None else expected).append((row, span))

    def candidates(row: GoldRow, span: Span) -> list[int]:
        text = docs.loc[row.doc_id, "text"]
        return [i for i, r in enumerate(rows) if i not in used and r["doc_id"] == row.doc_id
                and _covers(spec, text, span, r)
                and all(k in r and same(row.fields[k], r[k]) for k in spec.key if k in row.fields)]

    for row, span in expected:
        hit = next(iter(candidates(row, span)), None)
        if hit is None:
            result.missing.append(row)
            result.problems.append(f"missing: {row.describe()} {_fields(row.fields)}")
            continue
        used.add(hit)
        result.pairs.append((row, rows[hit]))
    for row, span in known_misses:
        hits = candidates(row, span)
        if hits:
            used.update(hits)
            result.problems.append(f"known miss found now: {row.describe()}: move it back into the exact "
                                   f"gold (delete known_miss: {row.known_miss!r})")
        else:
            result.known_missing.append(row)
    for extra in (e for e in gold.known_extras if e.table == table):
        try:
            span = locate(extra, docs.loc[extra.doc_id, "text"])
        except (GoldError, KeyError) as err:
            result.problems.append(f"gold error (known extra): {err}")
            continue
        hits = candidates(extra, span)
        if not hits:
            result.problems.append(f"known extra no longer found: {extra.describe()}: delete it from known_extras")
        used.update(hits)
        result.known_extra += [rows[i] for i in hits]
    for i, r in enumerate(rows):
        if i not in used:
            result.extra.append(r)
            result.problems.append(f"extra: {r['doc_id']} {r['start']}–{r['end']} {str(r[spec.evidence])[:30]!r} "
                                   + _fields({k: r.get(k) for k in spec.key}))

    scored: dict[str, list[bool]] = {}
    for row, r in result.pairs:
        for name, value in {**spec.defaults, **row.fields}.items():
            got = r.get(name, NO_COLUMN)
            ok = got is not NO_COLUMN and same(value, got)
            scored.setdefault(name, []).append(ok)
            if name in row.known_error:
                if ok:
                    result.problems.append(f"known error fixed: {row.describe()}: {name} is {got!r} as the gold "
                                           f"says; delete known_error {name}")
                elif not (got is not NO_COLUMN and same(row.known_error[name], got)):
                    result.problems.append(f"field {name}: {row.describe()}: gold {value!r}, known error "
                                           f"{row.known_error[name]!r}, found {got!r}")
            elif not ok and name not in spec.min_accuracy:
                result.problems.append(f"field {name}: {row.describe()}: gold {value!r}, found {got!r}")
            if not ok:
                result.mismatches.append((row, name, value, got))
    # a field's accuracy: of the gold rows that code it, the share the tool found with it right
    coded = {name: sum(name in {**spec.defaults, **row.fields} for row, _ in [*expected, *known_misses])
             for name in scored}
    for name, oks in scored.items():
        result.accuracy[name] = sum(oks) / coded[name] if coded[name] else 1.0
    for name, floor in spec.min_accuracy.items():
        if result.accuracy.get(name, 1.0) < floor:
            wrong = [f"{row.describe()}: gold {value!r}, found {got!r}" for row, f, value, got in result.mismatches
                     if f == name]
            result.problems.append(f"field {name}: accuracy {result.accuracy[name]:.2f} < {floor}: {wrong}")
    result.problems += negative_hits(gold, table, docs, found)
    return result


def _fields(fields: dict) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in fields.items())


def negative_hits(gold: GoldSet, table: str, docs: pd.DataFrame, found: pd.DataFrame) -> list[str]:
    """A problem for each negative of the table that a row overlaps, or that the text no longer holds.

    A negative without ``doc_id`` holds for every document of the set (and must occur in one of them);
    without ``occurrence`` it holds for every occurrence.
    """
    problems = []
    for negative in gold.negatives:
        if negative["table"] != table:
            continue
        quote = str(negative["quote"])
        doc_ids = [str(negative["doc_id"])] if "doc_id" in negative else list(docs.index)
        hits = 0
        for doc_id in doc_ids:
            text = docs.loc[doc_id, "text"]
            starts = occurrences(text, quote)
            if "occurrence" in negative:
                starts = starts[int(negative["occurrence"]) - 1:int(negative["occurrence"])]
            for start in starts:
                hits += 1
                end = start + len(quote)
                rows = found[(found.doc_id == doc_id) & (found.start < end) & (found.end > start)]
                for r in rows.itertuples():
                    problems.append(f"negative {quote!r} in {doc_id} at {start}: overlapped by "
                                    f"{getattr(r, TABLES[table].evidence)!r} ({r.start}–{r.end})")
        if not hits:
            problems.append(f"negative {quote!r} no longer occurs in {', '.join(doc_ids)}: update the gold")
    return problems


def heldout_corpus(source: Path, articles: list[dict], target: Path) -> Path:
    """A corpus folder in ``target`` holding a gold set's own articles byte for byte (each article a
    dict with ``file``, a name in ``source``, and its manifest fields, extra ones such as ``title`` too)."""
    (target / "raw").mkdir(parents=True, exist_ok=True)
    rows = []
    for article in articles:
        shutil.copyfile(source / article["file"], target / "raw" / article["file"])
        row = {column: str(article.get(column, "")) for column in MANIFEST_COLUMNS}
        row.update({key: str(value) for key, value in article.items() if key not in MANIFEST_COLUMNS})  # title …
        row["file"] = f"raw/{article['file']}"
        rows.append(row)
    write_manifest(target, rows)
    return target


def gold_documents(gold: GoldSet, folder: Path) -> pd.DataFrame:
    """The documents a gold set is coded on: the project's corpus, or its own articles (written into
    ``folder``), without the corpus folder's corrections."""
    docs = load_documents() if gold.articles is None else load_documents(
        heldout_corpus(gold.path.parent, gold.articles, Path(folder)))
    docs.attrs.pop("data_dir", None)   # the tool is measured as it codes, before any human correction
    return docs
