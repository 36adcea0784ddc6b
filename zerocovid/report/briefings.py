"""Generate ``briefings/``: one comparative briefing and one per region, in Markdown and HTML.

The briefings read the same coded tables as the notebooks (``coded_tables``: apologies,
acknowledgements, measures, figures, from the pipeline's cache); every quote and number
carries its citation ``doc_id @start–end`` (offsets into the cleaned text of
``load_documents()``). They are generated only, never edited by hand, and generating them
twice gives identical bytes.
"""
from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..codes import KINDS, MODES
from ..corpus import MANIFEST_NAME
from ..paths import BRIEFINGS_DIR, DATA_DIR
from ..pipeline import coded_tables
from ..pipeline.engines import CACHE_FOLDER
from ..regions import region_order
from . import render as report
from .plotting import MAX_BARS, region_colors, use_house_style
from .reference import key_words, with_gloss
from .findings import findings
from .tables import count_table, provenance

MAX_ROWS = 40
BRIEFING_TOPICS = ("corpus", "apologies", "acknowledgements", "measures", "figures")
# what the briefings and their findings read: never the token rows (millions in a large corpus)
BRIEFING_TABLES = ["apologies", "acknowledgements", "measures", "figures", "events"]
# the findings that make a briefing's bottom line (the sections state the rest of their topic's findings)
BOTTOM_LINE = ("corpus.size", "corpus.single_article", "apologies.rate", "apologies.none",
               "acknowledgements.without_apology", "measures.rate", "figures.latest_cases")
NOT_COMPARABLE = (
    "The articles are not snapshots of the same moment: the outbreaks were months apart, the figures "
    "hold for different dates (see the as-of column), some are new cases of one day, some cumulative "
    "for the outbreak, some current; and some hold for a larger or smaller area than the article's "
    "place (a prefecture, the whole region). An apology found in one article and not another says "
    "what these articles report, not that no apology was made elsewhere.")


@dataclass
class Results:
    """Everything a briefing draws on, for one corpus."""

    docs: pd.DataFrame
    apologies: pd.DataFrame
    acknowledgements: pd.DataFrame
    measures: pd.DataFrame
    figures: pd.DataFrame
    corpus_changed: str
    regions: list[str]  # the order of every table and chart (``region_order``)
    findings: pd.DataFrame  # ``findings(tables)``: the conclusions the briefings state


def analyse(data_dir: Path | None = None, *, regions: list[str] | None = None) -> Results:
    """The coded tables of the corpus (only ``regions`` when given, in that order)."""
    tables = coded_tables(data_dir, regions=regions, names=BRIEFING_TABLES)
    docs, apologies = tables["documents"], tables["apologies"]
    apologies = apologies[~apologies["restates"].astype(bool)]
    order = region_order(docs["region"], regions)
    return Results(docs=docs, apologies=apologies.reset_index(drop=True),
                   acknowledgements=tables["acknowledgements"], measures=tables["measures"],
                   figures=tables["figures"], corpus_changed=corpus_changed(data_dir), regions=order,
                   findings=findings(tables, regions=order, topics=BRIEFING_TOPICS))


def corpus_changed(data_dir: Path | None = None) -> str:
    """The date the corpus last changed: its last git commit when the folder is committed as it is,
    else the newest file's modification date (a folder outside git, or with uncommitted edits)."""
    folder = Path(data_dir) if data_dir is not None else DATA_DIR

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                                  check=False, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    committed = git("log", "-1", "--format=%cs", "--", ".")
    if committed and git("status", "--porcelain", "--", ".") == "":
        return committed
    files = [folder / MANIFEST_NAME, *(p for p in (folder / "raw").rglob("*") if p.is_file())]
    newest = max(p.stat().st_mtime for p in files if p.exists())
    return pd.Timestamp(newest, unit="s", tz="Asia/Shanghai").strftime("%Y-%m-%d")


def cite(row) -> str:
    """The citation of a row: ``doc_id @start–end``."""
    return f"{row.doc_id} @{row.start}–{row.end}"


def slug(region: str) -> str:
    """An ASCII file name for a region (Xi'an → xian; a name with no ASCII letters → region-<hash>)."""
    name = re.sub(r"[^a-z0-9]+", "-", region.lower().replace("'", "")).strip("-")
    return name or "region-" + hashlib.sha1(region.encode("utf-8")).hexdigest()[:8]


def build_briefings(*, data_dir: Path | None = None, out_dir: Path = BRIEFINGS_DIR,
                    regions: list[str] | None = None) -> list[Path]:
    """Write the comparative briefing and one per region into ``out_dir``; return the files."""
    use_house_style()
    results = analyse(data_dir, regions=regions)
    out_dir = Path(out_dir)
    regions = results.regions
    slugs = [slug(region) for region in regions]
    clashes = sorted({s for s in slugs if slugs.count(s) > 1 or s == "comparative"})
    if clashes:
        raise ValueError(f"regions {', '.join(r for r in regions if slug(r) in clashes)} share a briefing "
                         "file name; rename one of them in the manifest")
    _remove_generated(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    briefings = [comparative(results)] + [regional(results, region) for region in regions]
    # one font subset covering every page, kept beside the corpus's cache: subsetting the CJK font costs seconds
    font = report.font_face("".join(map(report.visible_text, briefings)),
                            cache_dir=(DATA_DIR if data_dir is None else Path(data_dir)) / CACHE_FOLDER)
    for briefing in briefings:
        written += report.write(briefing, out_dir, font=font)
        plt.close("all")
    index = out_dir / "README.md"
    index.write_text(_index(briefings, results), encoding="utf-8")
    return [*written, index]


def _remove_generated(out_dir: Path) -> None:
    """Delete an earlier generation, so a region that left the corpus leaves no stale briefing."""
    for path in [*out_dir.glob("*.md"), *out_dir.glob("*.html"), *out_dir.glob("img/*.png")]:
        path.unlink()


def _index(briefings: list[report.Briefing], results: Results) -> str:
    lines = ["# Briefings", "",
             "Generated by `make briefings` from the corpus in `data/`; do not edit by hand.",
             f"Corpus last changed: {results.corpus_changed}.", "",
             "| briefing | Markdown | HTML (self-contained) |", "| --- | --- | --- |"]
    lines += [f"| {b.title} | [{b.slug}.md]({b.slug}.md) | [{b.slug}.html]({b.slug}.html) |" for b in briefings]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- content


def comparative(results: Results) -> report.Briefing:
    regions = results.regions
    sections = [
        ("Apologies", [
            _stated(results.findings, topics=("apologies",)),
            report.Chart("apologies", _mode_chart(results.apologies, regions), "Apology acts per region by mode"),
            report.Table(_apology_table(results.apologies),
                         _truncation_note(results.apologies) or "Every apology act, with its citation"),
        ]),
        ("Acknowledgements without apology", [
            "Sentences that admit a fault but hold no apology act.",
            report.Table(_acknowledgement_table(results.acknowledgements), _truncation_note(results.acknowledgements)),
        ]),
        ("Measures", [
            _stated(results.findings, topics=("measures",)),
            report.Chart("measures", _kind_chart(results.measures, regions), "Enumerated items per region by kind"),
            report.Table(_category_counts(results.measures, regions), "Enumerated items per region and category"),
        ]),
        ("Case figures", [
            "The outbreak counts each article states, with the moment and place they hold for.",
            report.Chart("figures", _figure_chart(results.figures, regions), "Case counts per place (log scale)"),
            report.Table(_figure_table(_case_figures(results.figures)), _truncation_note(_case_figures(results.figures))),
        ]),
        ("What is not comparable", [NOT_COMPARABLE, _coverage(results)]),
        ("Sources", [_comparative_sources(results.docs, results.regions)]),
    ]
    return report.Briefing(slug="comparative", title=f"Apologies, measures and case figures: {', '.join(regions)}",
                           bottom_line=_stated(results.findings, keys=BOTTOM_LINE), sections=sections,
                           footer=_footer(results))


def regional(results: Results, region: str) -> report.Briefing:
    def only(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["region"] == region].reset_index(drop=True)

    part = Results(docs=only(results.docs), apologies=only(results.apologies),
                   acknowledgements=only(results.acknowledgements), measures=only(results.measures),
                   figures=only(results.figures), corpus_changed=results.corpus_changed, regions=[region],
                   findings=only(results.findings))
    measures = part.measures
    sections = [
        ("Apologies", [
            _stated(part.findings, topics=("apologies", "acknowledgements")),
            *([report.Chart("apologies", _mode_chart(part.apologies, [region]), f"{region}: apology acts by mode")]
              if len(part.apologies) else []),
            report.Table(_apology_table(part.apologies),
                         _truncation_note(part.apologies) or "Every apology act, with its citation"),
        ]),
        ("Acknowledgements without apology", [
            report.Table(_acknowledgement_table(part.acknowledgements), _truncation_note(part.acknowledgements)),
        ]),
        ("Measures", [
            _stated(part.findings, topics=("measures",)),
            report.Chart("categories", _category_chart(measures), f"{region}: enumerated items by category"),
            report.Table(_measure_table(measures), _truncation_note(measures)),
        ]),
        ("Case figures", [
            *([report.Chart("figures", _figure_chart(part.figures, [region]), f"{region}: case counts (log scale)")]
              if len(_case_figures(part.figures)) else []),
            report.Table(_figure_table(part.figures), _truncation_note(part.figures)),
        ]),
        ("What is not comparable", [NOT_COMPARABLE]),
        ("Sources", [report.Table(_sources(part.docs))]),
    ]
    return report.Briefing(slug=slug(region), title=f"{region}: apologies, measures and case figures",
                           bottom_line=f"{region}: {_plural(len(part.docs), 'article')}. "
                           + _stated(part.findings, topics=BRIEFING_TOPICS), sections=sections,
                           footer=_footer(results))


def _footer(results: Results) -> str:
    corrected = sum(int(frame["corrected"].sum()) for frame in
                    (results.apologies, results.acknowledgements, results.measures, results.figures))
    return (f"Generated by {provenance(results.docs)}; corpus last changed "
            f"{results.corpus_changed}; {_plural(corrected, 'row')} of its coding corrected by hand "
            "(corrections.csv). Citations read 'doc_id @start–end': character offsets into the "
            "cleaned text returned by zerocovid.load_documents(). Chinese quotes carry the glossary's "
            "English where it has one; a 'key words' column glosses the known words of the Chinese cell "
            "beside it (a guide to its topic, not a translation). Generated, not edited by hand.")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _stated(found: pd.DataFrame, *, keys=None, topics=None) -> str:
    """The text of the findings with these keys (in the findings' order) or on these topics, as one paragraph."""
    chosen = found[found["key"].isin(keys)] if keys is not None else found[found["topic"].isin(topics)]
    return " ".join(chosen["text"]) or "Nothing of this kind was found in these articles."


def _number(row) -> str:
    value = f"{row.value:,.0f}" if float(row.value).is_integer() else f"{row.value:,}"
    return ("about " if bool(row.approx) else "") + value


def _date(value) -> str:
    return "date not stated" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def _truncation_note(frame: pd.DataFrame) -> str:
    return f"First {MAX_ROWS} of {len(frame)} rows; the notebooks hold all of them." if len(frame) > MAX_ROWS else ""


def _apology_table(apologies: pd.DataFrame) -> pd.DataFrame:
    rows = [{"region": r.region, "who apologised": with_gloss(r.apologizer), "to whom": r.recipient or "—",
             "words": with_gloss(r.formula), "mode": r.mode, "for what": r.offense or "—",
             "for what: key words": key_words(r.offense) or "—", "source": cite(r)}
            for r in apologies.head(MAX_ROWS).itertuples()]
    return pd.DataFrame(rows, columns=["region", "who apologised", "to whom", "words", "mode", "for what",
                                       "for what: key words", "source"])


def _acknowledgement_table(acks: pd.DataFrame) -> pd.DataFrame:
    rows = [{"region": r.region, "speaker": r.speaker or "—", "words": with_gloss(r.phrase), "sentence": r.sentence,
             "sentence: key words": key_words(r.sentence) or "—", "source": cite(r)}
            for r in acks.head(MAX_ROWS).itertuples()]
    return pd.DataFrame(rows, columns=["region", "speaker", "words", "sentence", "sentence: key words", "source"])


def _measure_table(measures: pd.DataFrame) -> pd.DataFrame:
    rows = [{"list": r.list_no, "item": r.item_no, "marker": r.marker, "heading": r.heading,
             "heading: key words": key_words(r.heading) or "—", "kind": r.kind, "category": r.category,
             "source": cite(r)} for r in measures.head(MAX_ROWS).itertuples()]
    return pd.DataFrame(rows, columns=["list", "item", "marker", "heading", "heading: key words", "kind", "category",
                                       "source"])


def _category_counts(measures: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    if measures.empty:
        return pd.DataFrame()
    return count_table(measures, rows="category", columns="region", column_order=regions).reset_index()


CASE_METRICS = ["confirmed", "asymptomatic", "positive", "deaths"]


def _case_figures(figures: pd.DataFrame) -> pd.DataFrame:
    return figures[figures["metric"].isin(CASE_METRICS)].reset_index(drop=True)


def _figure_table(figures: pd.DataFrame) -> pd.DataFrame:
    rows = [{"place": r.place, "metric": r.metric, "value": _number(r), "unit": r.unit,
             "scope": getattr(r, "scope", ""), "as of": _date(r.as_of), "as written": r.text, "source": cite(r)}
            for r in figures.head(MAX_ROWS).itertuples()]
    return pd.DataFrame(rows, columns=["place", "metric", "value", "unit", "scope", "as of", "as written", "source"])


def _coverage(results: Results) -> report.Table:
    """What each article's figures cover; per region when there are more articles than a table shows."""
    docs, figures = results.docs, results.figures
    by_article = len(docs) <= MAX_ROWS
    key = "doc_id" if by_article else "region"
    grouped = figures.groupby(key)
    counts = grouped.size()
    places = grouped["place"].agg(lambda p: ", ".join(sorted(set(p))))
    earliest, latest = grouped["as_of"].min(), grouped["as_of"].max()

    def spans(keys) -> list[str]:
        return [f"{_date(earliest[k])} – {_date(latest[k])}" if k in earliest and pd.notna(earliest[k]) else "—"
                for k in keys]

    if by_article:
        frame = pd.DataFrame({"article": docs["doc_id"].values, "region": docs["region"].values,
                              "published": docs["published"].dt.strftime("%Y-%m-%d").values,
                              "figures": docs["doc_id"].map(counts).fillna(0).astype(int).values,
                              "places in figures": docs["doc_id"].map(places).fillna("—").replace("", "—").values,
                              "as of (earliest – latest)": spans(docs["doc_id"])})
        return report.Table(frame, "What each article covers")
    regions = pd.Index(results.regions)
    published = docs.groupby("region")["published"]
    frame = pd.DataFrame({"region": regions, "articles": docs["region"].value_counts().reindex(regions).values,
                          "published (first – last)": [f"{published.min()[r]:%Y-%m-%d} – {published.max()[r]:%Y-%m-%d}"
                                                       for r in regions],
                          "figures": counts.reindex(regions, fill_value=0).values,
                          "places in figures": places.reindex(regions).fillna("—").replace("", "—").values,
                          "as of (earliest – latest)": spans(regions)})
    return report.Table(frame, f"What each region's {len(docs):,} articles cover (per article in the notebooks)")


def _comparative_sources(docs: pd.DataFrame, regions: list[str]) -> report.Table:
    """Every source, or per region when there are more articles than a table shows (each regional
    briefing lists its own)."""
    if len(docs) <= MAX_ROWS:
        return report.Table(_sources(docs))
    grouped = docs.groupby("region", sort=False)
    frame = pd.DataFrame({"articles": grouped.size(), "outlets": grouped["outlet"].nunique(),
                          "published (first – last)": grouped["published"].agg(
                              lambda p: f"{p.min():%Y-%m-%d} – {p.max():%Y-%m-%d}")}).reindex(regions)
    frame = frame.rename_axis("region").reset_index()
    return report.Table(frame, f"{len(docs):,} articles: each region's briefing lists its sources")


def _sources(docs: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": docs["doc_id"].values, "place": docs["place"].values,
                         "outlet": docs["outlet"].map(with_gloss).values,
                         "published": docs["published"].dt.strftime("%Y-%m-%d %H:%M").values,
                         "title": docs["title"].values})


# ---------------------------------------------------------------- charts


def _mode_chart(apologies: pd.DataFrame, regions: list[str]):
    counts = count_table(apologies, rows="region", columns="mode", row_order=regions, column_order=MODES)
    return _stacked_bars(counts, ["#1b6ca8", "#edae49", "#d1495b"], xlabel="apology acts")


def _kind_chart(measures: pd.DataFrame, regions: list[str]):
    counts = count_table(measures, rows="region", columns="kind", row_order=regions, column_order=KINDS)
    return _stacked_bars(counts, ["#00798c", "#66a182", "#d1495b", "#8d96a3"], xlabel="enumerated items")


def _stacked_bars(counts: pd.DataFrame, colors: list[str], *, xlabel: str):
    """Horizontal bars, one per row of ``counts``, stacked by its columns; integer ticks."""
    fig, ax = plt.subplots(figsize=(7, 0.9 + 0.45 * len(counts)))
    left = pd.Series(0, index=counts.index)
    for column, color in zip(counts.columns, colors):
        ax.barh(counts.index, counts[column], left=left, color=color, label=column.replace("_", " "))
        left = left + counts[column]
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.grid(axis="y", alpha=0)
    return fig


def _category_chart(measures: pd.DataFrame):
    counts = measures["category"].value_counts().sort_index().sort_values(kind="stable")
    fig, ax = plt.subplots(figsize=(7, 0.9 + 0.35 * max(len(counts), 1)))
    ax.barh([c.replace("_", " ") for c in counts.index], counts.values, color="#1b6ca8")
    ax.set_xlabel("enumerated items")
    ax.grid(axis="y", alpha=0)
    return fig


def _figure_chart(figures: pd.DataFrame, regions: list[str]):
    cases = _case_figures(figures)
    latest = (cases.sort_values(["as_of", "start"], na_position="first")
              .groupby(["region", "place", "metric", "scope"], sort=True).tail(1))   # a new count is not a total
    latest = latest.loc[latest["value"].sort_values(ascending=False, kind="stable").index[:MAX_BARS]]
    fig, ax = plt.subplots(figsize=(8, 1 + 0.4 * max(len(latest), 1)))
    if latest.empty:
        ax.text(0.5, 0.5, "no case figures", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    colors = region_colors(regions, regions)
    order = {r: i for i, r in enumerate(regions)}
    latest = latest.assign(rank=latest["region"].map(order)).sort_values(["rank", "place", "metric", "scope"])
    labels = [f"{r.place} · {r.metric}, {r.scope if r.scope not in ('', 'none') else 'scope not stated'} "
              f"({_date(r.as_of)[:10]})"
              for r in latest.itertuples()]
    ax.barh(labels, latest["value"], color=[colors[r] for r in latest["region"]])
    ax.set_xscale("log")
    ax.invert_yaxis()
    ax.set_xlabel("cases (log scale)")
    ax.grid(axis="y", alpha=0)
    return fig
