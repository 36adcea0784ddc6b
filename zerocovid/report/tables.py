"""Summary tables that notebooks and briefings show, computed from the coded tables.

``count_table(frame, rows=, columns=)``: counts of two columns, every requested row and column kept.
``strategy_matrix(strategies, by="region", index=None)``: cue counts, group × every known code.
``apology_summary(apologies, acknowledged=None, regions=None)``: per region: acts, direct,
reported, ordered, restatements, max_strength, apologizers[, acknowledgements].
``apology_comparison(apologies)``: one row per act (restatements left out), the dimensions an analyst
compares: region, doc_id, formula (with its English gloss), apologizer, level, official, to whom, mode,
strength, citation.
``group_mentions(groups, regions=None)``: region × vulnerable group, a group counted once per list item
that names it (低保 repeated in one item is one mention) and once per mention outside lists.
``response_timeline(tables, regions=None)``: per region, in order of the day they were said on: the incidents
apologised for (the apologies' offenses), apology acts and sanctions (dismissal, suspension, referral,
pursuit of liability), with the occasion (event number and day, ``events``), what (incident / apology /
the sanction code), the words and the citation.
``per_10k_chars(counts, docs)``: a region × anything count table divided by each region's characters of text
(re-posts left out), times 10,000: the rate charts compare, since places differ in how much text they have.
``admitted_vs_promised(measures, regions=None)``: region, category, admitted (shortcoming items),
promised (measure and next_step items).
``figure_coverage(figures)``: one row per doc_id: region, n_figures, places, scopes, first_as_of,
last_as_of, metrics: what a comparison of figures has to reconcile.
``overview(docs)``: one line per article: doc_id, region, place, province, outlet, date,
date_source, title, n_chars, n_paragraphs, n_sentences, page_format, encoding.
``file_sizes(docs, data_dir)``: doc_id, raw_bytes (the raw file), clean_chars, sha256 (first 12).
``sort_by_region(frame, order, by=("doc_id",))``: rows in ``order`` of their region, then ``by``.
``provenance(docs)``: one line naming the package version, the lexicon hash and the corpus (its folder's
name, number of articles, a hash of their raw files) that notebooks and briefings print.
"""
from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from ..analyzers.apologies import strategy_codes
from ..analyzers.figures import FIGURE_COLUMNS
from ..analyzers.measures import categories
from ..document import JOIN
from ..lexicons import lexicon_hash
from ..paths import DATA_DIR
from ..text import split_sentences


def count_table(frame: pd.DataFrame, *, rows: str, columns: str, row_order=None,
                column_order=None, drop_empty_columns: bool = False) -> pd.DataFrame:
    """Counts of ``rows`` × ``columns`` with every row and column of the given orders, zeros filled."""
    for name in (rows, columns):
        if name not in frame.columns:
            raise ValueError(f"count_table: no column {name!r}")
    table = pd.crosstab(frame[rows], frame[columns]) if len(frame) else pd.DataFrame()
    row_order = list(row_order) if row_order is not None else sorted(table.index)
    column_order = list(column_order) if column_order is not None else sorted(table.columns)
    table = table.reindex(index=row_order, columns=column_order, fill_value=0).fillna(0).astype(int)
    if drop_empty_columns:
        table = table.loc[:, table.sum(axis=0) > 0]
    table.index.name, table.columns.name = rows, columns
    return table


def strategy_matrix(strategies: pd.DataFrame, *, by: str = "region", index=None) -> pd.DataFrame:
    """Cue counts: one row per value of ``by`` (sorted, or ``index`` in its order, missing rows 0)
    and one column per known code (``strategy_codes()``), zeros filled."""
    if by not in strategies.columns or "code" not in strategies.columns:
        raise ValueError(f"strategies needs the columns {by!r} and 'code' (pass response_strategies(docs))")
    return count_table(strategies, rows=by, columns="code", row_order=index, column_order=strategy_codes())


def apology_summary(apologies: pd.DataFrame, acknowledged: pd.DataFrame | None = None, *,
                    regions=None) -> pd.DataFrame:
    """One row per region (``regions`` order, else sorted): acts (restatements left out), acts by
    mode, restatements, strongest act (max strength), apologizers, and acknowledgements if given."""
    for column in ("region", "mode", "restates", "strength", "apologizer"):
        if column not in apologies.columns:
            raise ValueError(f"apologies needs the column {column!r} (pass find_apologies(docs))")
    order = sorted(set(apologies["region"])) if regions is None else list(regions)
    acts = apologies[~apologies["restates"].astype(bool)]
    rows = []
    for region in order:
        mine = acts[acts["region"] == region]
        row = {"region": region, "acts": len(mine)}
        for mode in ("direct", "reported", "ordered"):
            row[mode] = int((mine["mode"] == mode).sum())
        row["restatements"] = int(((apologies["region"] == region) & apologies["restates"].astype(bool)).sum())
        row["max_strength"] = int(mine["strength"].max()) if len(mine) else 0
        row["apologizers"] = JOIN.join(dict.fromkeys(mine["apologizer"]))
        if acknowledged is not None:
            row["acknowledgements"] = int((acknowledged["region"] == region).sum())
        rows.append(row)
    return pd.DataFrame(rows).set_index("region") if rows else pd.DataFrame(columns=["acts"])


def apology_comparison(apologies: pd.DataFrame) -> pd.DataFrame:
    """Every apology act side by side: formula × apologizer level × addressee × official × mode × strength."""
    from .reference import with_gloss

    for column in ("restates", "formula", "apologizer_level", "recipient", "official", "mode", "strength"):
        if column not in apologies.columns:
            raise ValueError(f"apologies needs the column {column!r} (pass find_apologies(docs))")
    acts = apologies[~apologies["restates"].astype(bool)]
    return pd.DataFrame({
        "region": acts["region"], "doc_id": acts["doc_id"], "formula": acts["formula"].map(with_gloss),
        "apologizer": acts["apologizer"], "level": acts["apologizer_level"], "official": acts["official"],
        "to whom": acts["recipient"], "mode": acts["mode"], "strength": acts["strength"],
        "citation": [f"{d} @{s}–{e}" for d, s, e in zip(acts["doc_id"], acts["start"], acts["end"])],
    }).reset_index(drop=True)


def group_mentions(groups: pd.DataFrame, *, regions=None) -> pd.DataFrame:
    """Region × group counts of ``groups(docs)``, a group counted once per list item that names it."""
    from ..analyzers.measures import group_ids

    if "item_no" not in groups.columns:
        raise ValueError("group_mentions needs the frame groups(docs) returns")
    in_items = groups[groups["item_no"].notna()].drop_duplicates(["doc_id", "list_no", "item_no", "group"])
    once = pd.concat([in_items, groups[groups["item_no"].isna()]])
    return count_table(once, rows="region", columns="group", row_order=regions, column_order=group_ids(),
                       drop_empty_columns=True)


def response_timeline(tables: dict, *, regions=None) -> pd.DataFrame:
    """Incident → apology → sanction per region, in the order of their occasions' days (see the module docstring)."""
    from ..analyzers.events import events, with_events

    docs = tables["documents"]
    found = tables["events"] if "events" in tables else events(docs)
    acts = tables["apologies"][~tables["apologies"]["restates"].astype(bool)].assign(
        what="apology", words=lambda f: f["formula"])
    offenses = acts[acts["offense_start"] >= 0].drop_duplicates(["doc_id", "offense_start"])
    incidents = pd.DataFrame({"doc_id": offenses["doc_id"], "region": offenses["region"],
                              "start": offenses["offense_start"], "end": offenses["offense_end"],
                              "what": "incident", "words": offenses["offense"]})
    strategies = tables["strategies"]
    sanctions = strategies[strategies["stance"] == "sanction"].assign(what=lambda f: f["code"], words=lambda f: f["cue"])
    rows = pd.concat([with_events(frame[["doc_id", "region", "start", "end", "what", "words"]], found, docs)
                      for frame in (incidents, acts, sanctions)], ignore_index=True)
    order = list(regions) if regions is not None else sorted(rows["region"].unique())
    rows = rows[rows["region"].isin(order)].assign(_rank=lambda f: f["region"].map({r: i for i, r in enumerate(order)}))
    stage = {"incident": 0, "apology": 1}
    rows = rows.assign(_stage=rows["what"].map(lambda w: stage.get(w, 2)))
    rows = rows.sort_values(["_rank", "event_day", "doc_id", "_stage", "start"], kind="stable")
    rows["citation"] = [f"{d} @{s}–{e}" for d, s, e in zip(rows["doc_id"], rows["start"], rows["end"])]
    return rows[["region", "event_day", "event_no", "doc_id", "what", "words", "citation"]].reset_index(drop=True)


def per_10k_chars(counts: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Counts per region (the index) per 10,000 characters of that region's articles, re-posts left out."""
    originals = docs
    if "duplicate_of" in docs.columns:
        originals = docs[docs["duplicate_of"].fillna("").astype(str) == ""]
    chars = originals.groupby("region")["n_chars"].sum().reindex(counts.index)
    if chars.isna().any() or (chars == 0).any():
        raise ValueError(f"no text for the regions {sorted(chars[chars.isna() | (chars == 0)].index)}")
    return (counts.div(chars, axis=0) * 10_000).round(1)


def admitted_vs_promised(measures: pd.DataFrame, *, regions=None) -> pd.DataFrame:
    """Per region and category: items admitted as shortcomings vs items promised (measure, next_step)."""
    if "kind" not in measures.columns:
        raise ValueError("admitted_vs_promised needs the frame returned by extract_measures()")
    regions = list(regions) if regions is not None else sorted(measures["region"].unique())
    counts = measures.assign(admitted=measures["kind"] == "shortcoming",
                             promised=measures["kind"].isin(["measure", "next_step"]))
    counts = counts.groupby(["region", "category"])[["admitted", "promised"]].sum().astype(int)
    rows = []
    for region in regions:
        for category in categories():
            admitted, promised = counts.loc[(region, category)] if (region, category) in counts.index else (0, 0)
            if admitted or promised:
                rows.append((region, category, int(admitted), int(promised)))
    return pd.DataFrame(rows, columns=["region", "category", "admitted", "promised"])


def figure_coverage(figures: pd.DataFrame) -> pd.DataFrame:
    """What each article's figures cover: places, scopes, time span and metrics (columns in the
    module docstring), so a reader sees what a side-by-side comparison mixes."""
    if not isinstance(figures, pd.DataFrame) or not set(FIGURE_COLUMNS) <= set(figures.columns):
        raise ValueError("figure_coverage expects the frame extract_figures() returns")

    def joined(values):
        return ", ".join(sorted(set(values)))

    table = figures.groupby(["doc_id", "region"], sort=True).agg(
        n_figures=("metric", "size"), places=("place", joined), scopes=("scope", joined),
        first_as_of=("as_of", "min"), last_as_of=("as_of", "max"), metrics=("metric", joined),
    )
    return table.reset_index()


def overview(docs: pd.DataFrame) -> pd.DataFrame:
    """One line per article for display: date, place, outlet, title, size, how it was read."""
    table = docs.assign(
        date=docs["published"].dt.strftime("%Y-%m-%d %H:%M"),
        n_sentences=docs["text"].map(lambda t: len(split_sentences(t))),
    )
    return table[["doc_id", "region", "place", "province", "outlet", "date", "date_source", "title",
                  "n_chars", "n_paragraphs", "n_sentences", "page_format", "encoding"]].reset_index(drop=True)


def file_sizes(docs: pd.DataFrame, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Raw bytes against cleaned characters per article (``data_dir`` as given to ``load_documents``)."""
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    return pd.DataFrame({
        "doc_id": docs["doc_id"].values,
        "raw_bytes": [(base / file).stat().st_size for file in docs["source_file"]],
        "clean_chars": docs["n_chars"].values,
        "sha256": docs["sha256"].str[:12].values,
    })


def sort_by_region(frame: pd.DataFrame, order: list[str], by=("doc_id",)) -> pd.DataFrame:
    """``frame``'s rows by the position of their region in ``order`` (see ``region_order``), then by
    the columns ``by`` (missing values last); the index is kept."""
    rank = {region: n for n, region in enumerate(order)}
    ranked = frame.assign(_rank=frame["region"].map(rank))
    return ranked.sort_values(["_rank", *by], kind="stable", na_position="last").drop(columns="_rank")


def provenance(docs: pd.DataFrame) -> str:
    """Which package, lexicons and corpus a notebook or briefing was computed from: no path and no date,
    so the line is the same on every machine and run (the files' hash changes when any article does)."""
    folder = docs.attrs.get("data_dir")
    name = Path(folder).name if folder else "of the frame given"
    files = hashlib.sha256("\n".join(sorted(docs["sha256"])).encode()).hexdigest()[:12]
    return (f"zerocovid {version('zerocovid')} · lexicons {lexicon_hash()} · corpus {name}: "
            f"{len(docs)} article{'' if len(docs) == 1 else 's'}, raw files {files}")
