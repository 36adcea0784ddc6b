"""``make evaluate``: how well the tool codes, and how well two human coders agree, as one Markdown report.

``evaluate(gold_paths, codings, out)`` reads the adjudicated gold sets (``gold_paths``, the tests'
gold), runs the analyzers on each set's documents and compares (``gold.compare``); reads the two
independent human codings of the same sets (``codings``: {coder name: folder holding one
``<set name>.yaml`` per set, in the gold format}) and measures their agreement field by field
(``agreement``); and writes the report. Tables of the report:

- tool against gold: set, table, gold rows, tool rows, matched, precision, recall;
- tool against gold, per field: set, table, field, n (gold rows), accuracy (a gold row the tool misses
  counts as wrong), Cohen's κ and Krippendorff's α over the matched rows;
- coder against coder, per field: set, table, field, n, agreement, κ, α; units are matched on the
  document and the place their evidence starts (and the formula, for apology acts), and a unit only
  one coder has counts as ``absent`` for the other (the ``present`` field is detection itself);
- every disagreement of the tool with the gold: set, table, evidence, field, gold, tool;
- measured on real reports (``real_reports``: a YAML file, ``docs/real_reports.yaml``, written by whoever
  measured the tool on published reports kept outside the repository, whose text may not be copied in):
  per set, its sources (place, outlet, date, script, address), how it was coded and measured, and the
  precision, recall and per-field accuracy found then. These figures are a record of that measurement,
  not recomputed: the report says with which version they were taken.
"""
from __future__ import annotations

import importlib.metadata
import math
from pathlib import Path

import pandas as pd

from ..lexicons import lexicon_hash
from .agreement import agreement
from .gold import TABLES, Comparison, GoldError, GoldSet, compare, gold_documents, load, locate

PRESENT = "present"
WRITTEN = "written"
# the two independent codings of every gold set, folders under tests/gold/coders/: the project's first
# coding (by the authors of the rules) and a second coder's (who read only the codebook and the texts)
CODINGS = ("project", "independent")
# what tells two units with the same evidence apart, per table: two acts in one sentence are told
# apart by the order of their formulas in it (``act``), so that a formula's wording (致歉 or 致歉信)
# is a coded field the coders may disagree on, not another unit
ORDERED_BY = {"apologies": "formula"}
ACT = "act"


def project_gold(project_dir: Path) -> tuple[list[Path], dict[str, Path]]:
    """The gold sets of a source checkout (tests/gold/*.yaml, tests/heldout/*/gold.yaml) and the folders
    of its two codings (tests/gold/coders/<coding>/)."""
    tests = Path(project_dir) / "tests"
    gold = sorted(tests.glob("gold/*.yaml")) + sorted(tests.glob("heldout/*/gold.yaml"))
    return gold, {name: tests / "gold" / "coders" / name for name in CODINGS}


def gold_units(gold: GoldSet, table: str, docs: pd.DataFrame) -> pd.DataFrame:
    """The rows a coder gave a table, one per unit: doc_id, start (where the evidence starts; a list
    item at its marker), ``act`` (1, 2 … for units sharing their evidence, in the order of their
    formulas), ``present`` ("yes"), every coded field the coder wrote, and ``written`` (the names of
    those fields: a field left out is not coded, unlike one written as null)."""
    spec, rows = TABLES[table], []
    for row in gold.rows_of(table):
        try:
            text = docs.loc[row.doc_id, "text"]
            span = locate(row, text)
        except (GoldError, KeyError):
            continue
        start, marker = span.start, str(row.fields.get("marker", ""))
        if spec.marker and marker and not text.startswith(marker, start):
            before = text[:start].rstrip(" \u3000")
            start = len(before) - len(marker) if before.endswith(marker) else start
        fields = {**spec.defaults, **row.fields}
        order_by = str(fields.get(ORDERED_BY.get(table), "")).split(" … ")[0]
        rows.append({"doc_id": row.doc_id, "start": start, PRESENT: "yes", **fields, WRITTEN: frozenset(fields),
                     "_at": text.find(order_by, start) if order_by else start})
    if not rows:
        return pd.DataFrame(columns=["doc_id", "start", ACT, PRESENT, WRITTEN])
    units = pd.DataFrame(rows).sort_values(["doc_id", "start", "_at"], kind="stable")
    units[ACT] = units.groupby(["doc_id", "start"]).cumcount() + 1
    return units.drop(columns="_at").reset_index(drop=True)


def coder_agreement(first: GoldSet, second: GoldSet, table: str, docs: pd.DataFrame) -> pd.DataFrame:
    """Per field both coders coded: n, agreement, kappa, alpha (``present``: whether a unit was coded at
    all). A unit one coder has is ``absent`` for the other; a unit both have counts for a field only
    when both wrote that field."""
    keys = ["doc_id", "start", ACT]
    a, b = gold_units(first, table, docs), gold_units(second, table, docs)
    fields = [PRESENT] + sorted((set(a.columns) & set(b.columns)) - set(keys) - {PRESENT, WRITTEN})
    both = a.merge(b, on=keys, how="outer", suffixes=("_a", "_b"), indicator=True)
    in_a, in_b = both["_merge"] != "right_only", both["_merge"] != "left_only"
    results = []
    for name in fields:
        if name == PRESENT:
            rows = both
        else:
            wrote_a, wrote_b = (both[f"{WRITTEN}{side}"].map(lambda w: isinstance(w, frozenset) and name in w)
                                for side in ("_a", "_b"))
            rows = both[(~in_a | wrote_a) & (~in_b | wrote_b)]
        side_a, side_b = (rows[present.loc[rows.index]][[*keys, f"{name}{side}"]].rename(columns={f"{name}{side}": name})
                          for present, side in ((in_a, "_a"), (in_b, "_b")))
        results.append(agreement(side_a, side_b, name, on=keys))
    return pd.concat(results).assign(table=table)


def tool_rows(comparison: Comparison) -> tuple[dict, list[dict], list[dict]]:
    """(the summary row, the per-field rows, the disagreement rows) of one comparison."""
    gold_rows = len(comparison.pairs) + len(comparison.missing) + len(comparison.known_missing)
    tool_count = len(comparison.pairs) + len(comparison.extra) + len(comparison.known_extra)
    summary = {"set": comparison.gold.name, "table": comparison.table, "gold rows": gold_rows,
               "tool rows": tool_count, "matched": len(comparison.pairs),
               "precision": comparison.precision, "recall": comparison.recall}
    defaults = TABLES[comparison.table].defaults
    fields = []
    for name, accuracy in comparison.accuracy.items():
        pairs = [(_like(value, found.get(name)), found.get(name)) for row, found in comparison.pairs
                 for value in [{**defaults, **row.fields}.get(name, NOT_CODED)] if value is not NOT_CODED]
        scores = agreement(pd.DataFrame({"_pair": range(len(pairs)), name: [g for g, _ in pairs]}),
                           pd.DataFrame({"_pair": range(len(pairs)), name: [t for _, t in pairs]}), name, on="_pair")
        coded = sum(name in {**defaults, **row.fields}
                    for row in [*(r for r, _ in comparison.pairs), *comparison.missing, *comparison.known_missing])
        fields.append({"set": comparison.gold.name, "table": comparison.table, "field": name, "n": coded,
                       "accuracy": accuracy, "kappa": scores["kappa"].iloc[0], "alpha": scores["alpha"].iloc[0]})
    evidence = TABLES[comparison.table].evidence
    found_for = {id(row): found for row, found in comparison.pairs}
    disagreements = [{"set": comparison.gold.name, "table": comparison.table,
                      "evidence": _cite(found_for[id(row)], evidence), "field": name, "gold": gold_value,
                      "tool": tool_value}
                     for row, name, gold_value, tool_value in comparison.mismatches]
    disagreements += [{"set": comparison.gold.name, "table": comparison.table, "evidence": row.describe(),
                       "field": PRESENT, "gold": "yes", "tool": "absent"}
                      for row in [*comparison.missing, *comparison.known_missing]]
    disagreements += [{"set": comparison.gold.name, "table": comparison.table,
                       "evidence": _cite(r, evidence), "field": PRESENT, "gold": "absent", "tool": "yes"}
                      for r in [*comparison.extra, *comparison.known_extra]]
    return summary, fields, disagreements


NOT_CODED = object()


def _like(gold_value, tool_value):
    """A gold value in the tool's type where the gold writes it as text (a timestamp)."""
    if isinstance(tool_value, pd.Timestamp) and isinstance(gold_value, str):
        return pd.Timestamp(gold_value)
    return gold_value


def _cite(row: dict, evidence: str) -> str:
    return f"{row['doc_id']} @{row['start']}–{row['end']} {str(row[evidence])[:24]}"


def evaluate(gold_paths: list[Path], codings: dict[str, Path], out: Path, *, work_dir: Path,
             codebook: Path | None = None, real_reports: Path | None = None) -> Path:
    """Write the report (see the module docstring) to ``out``; ``work_dir`` holds the held-out corpora.
    With ``codebook``, its Reliability section quotes the summary tables (between the markers
    ``<!-- reliability:start -->`` and ``<!-- reliability:end -->``)."""
    summaries, fields, disagreements, agreements = [], [], [], []
    for path in gold_paths:
        gold = load(path)
        docs = gold_documents(gold, Path(work_dir) / gold.name)
        for table in gold.tables:
            summary, table_fields, table_disagreements = tool_rows(compare(gold, table, docs))
            summaries.append(summary)
            fields += table_fields
            disagreements += table_disagreements
        coders = {name: folder / f"{gold.name}.yaml" for name, folder in codings.items()}
        if len(coders) == 2 and all(p.is_file() for p in coders.values()):
            first, second = (load(p) for p in coders.values())
            for table in [t for t in gold.tables if t in first.tables and t in second.tables]:
                agreements.append(coder_agreement(first, second, table, docs).assign(set=gold.name))
    coder_table = (pd.concat(agreements).reset_index() if agreements
                   else pd.DataFrame(columns=["set", "table", "field", "n", "agreement", "kappa", "alpha"]))
    coder_table = coder_table[["set", "table", "field", "n", "agreement", "kappa", "alpha"]]
    text = _markdown(pd.DataFrame(summaries), pd.DataFrame(fields), pd.DataFrame(disagreements),
                     coder_table, list(codings))
    if real_reports is not None and Path(real_reports).is_file():
        text += _real_reports(Path(real_reports))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(text, encoding="utf-8")
    if codebook is not None:
        _quote_in_codebook(Path(codebook), pd.DataFrame(summaries), pd.DataFrame(fields), coder_table)
    return Path(out)


RELIABILITY = ("<!-- reliability:start -->", "<!-- reliability:end -->")


def _quote_in_codebook(path: Path, summaries: pd.DataFrame, fields: pd.DataFrame, coders: pd.DataFrame) -> None:
    """Replace the codebook's reliability block with the agreement between the coders and the tool's
    precision, recall and per-field accuracy against the adjudicated gold."""
    text = path.read_text(encoding="utf-8")
    start, end = (text.index(marker) for marker in RELIABILITY)
    block = "\n".join([
        RELIABILITY[0], "", "Between the two coders, before adjudication:", "",
        _table(coders, {"agreement": 2, "kappa": 2, "alpha": 2}) if len(coders) else "No second coding yet.", "",
        "The tool against the adjudicated gold:", "", _table(summaries, {"precision": 2, "recall": 2}), "",
        _table(fields[["set", "table", "field", "n", "accuracy"]], {"accuracy": 2}), ""])
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")


def _markdown(summaries: pd.DataFrame, fields: pd.DataFrame, disagreements: pd.DataFrame,
              coders: pd.DataFrame, coder_names: list[str]) -> str:
    version = importlib.metadata.version("zerocovid")
    parts = [
        "# How far the coding can be trusted",
        "",
        f"Generated by `make evaluate` (zerocovid {version}, lexicons {lexicon_hash()}); do not edit by hand. "
        "The definitions are the codebook's (`zerocovid/codebook.md`).",
        "",
        "## How it is measured",
        "",
        "The gold is coded by hand from the codebook, on the five committed articles (`-seed` sets) and on "
        "articles invented for the tests in the register of official reports from other places (`-heldout` "
        "sets, `tests/heldout/`). Two coders coded each set independently: the project's first coding and "
        "a second coder who read only the codebook and the texts; their disagreements were adjudicated by "
        "the codebook, and the adjudicated rows are the gold the tool is measured against (and the tests' "
        "gold). A tool row matches a gold row when it has the same evidence (the sentence of an apology act "
        "with the same formula, the list item, the figure expression). Precision: matched / tool rows; "
        "recall: matched / gold rows; a field's accuracy: gold rows the tool matched with that field right / "
        "gold rows; κ (Cohen) and α (Krippendorff, nominal) over the matched rows. Between the coders, a "
        "unit one coder has and the other does not counts as `absent` for the other (`present` is "
        "detection itself).",
        "",
        "## The tool against the adjudicated gold",
        "",
        _table(summaries, {"precision": 2, "recall": 2}),
        "",
        "### Per field",
        "",
        _table(fields, {"accuracy": 2, "kappa": 2, "alpha": 2}),
        "",
        f"## Agreement between the two human codings ({' and '.join(coder_names)}), before adjudication",
        "",
        _table(coders, {"agreement": 2, "kappa": 2, "alpha": 2}) if len(coders) else "No second coding found.",
        "",
        "## Every disagreement of the tool with the gold",
        "",
        _table(disagreements, {}) if len(disagreements) else "None.",
        "",
    ]
    return "\n".join(parts)


def _real_reports(path: Path) -> str:
    """The section on real reports, from the record of their measurement (see the module docstring)."""
    import yaml

    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    parts = ["## On real reports (kept outside the repository)", "", record["about"].strip(), ""]
    for entry in record["sets"]:
        parts += [f"### {entry['name']}", "", entry["how"].strip(), "",
                  f"Measured with zerocovid {entry['version']} on {entry['measured']}: `{entry['command']}`.", ""]
        for table, result in entry["results"].items():
            summary = pd.DataFrame([{"table": table, "gold rows": result["gold"], "tool rows": result["tool"],
                                     "matched": result["matched"], "precision": result["precision"],
                                     "recall": result["recall"]}])
            fields = pd.DataFrame([{"field": field, "right": right, "n": n, "accuracy": right / n if n else math.nan}
                                   for field, (right, n) in sorted(result["fields"].items())])
            parts += [_table(summary, {"precision": 2, "recall": 2}), "", _table(fields, {"accuracy": 2}), ""]
        sources = pd.DataFrame(entry["sources"])
        parts += ["Sources:", "", _table(sources, {}), ""]
    return "\n".join(parts)


def _table(frame: pd.DataFrame, decimals: dict[str, int]) -> str:
    """A Markdown table; numbers rounded, NaN shown as —, pipes in text escaped."""
    def cell(column, value) -> str:
        if isinstance(value, float):
            return "—" if math.isnan(value) else f"{value:.{decimals.get(column, 2)}f}"
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + " --- |" * len(frame.columns)]
    lines += ["| " + " | ".join(cell(c, v) for c, v in zip(frame.columns, row)) + " |"
              for row in frame.itertuples(index=False)]
    return "\n".join(lines)
