"""Findings computed from the coded tables: the sentences notebooks and briefings state as conclusions.

Nothing a notebook or briefing concludes about places, numbers or differences is written by hand; it
is one row of ``findings(tables)``, computed from the corpus the run is on, so a re-run on another
corpus states that corpus's findings. Counts are compared per 10,000 characters of text and per
article beside the raw count (places differ in how much text they have); re-posted articles
(``duplicate_of``) count once; ties are stated as ties, absences as "no … found in N articles", and
places with a single article carry that caveat.

``findings(tables, regions=None, topics=None)`` — one row per finding, in topic order (corpus,
apologies, acknowledgements, measures, figures, vocabulary; a topic reads only its own tables (the corpus
topic also ``events``, found from the documents when not given), and by default every topic whose tables are
given is stated):
    topic, key (a stable id such as ``apologies.rate``), region ("" for the corpus as a whole),
    text (the sentence, English; Chinese quotes glossed), citations (``doc_id @start–end``; "" when the
    finding is a count over whole articles).
``findings_markdown(frame)`` — the findings as a Markdown list; ``show_findings(frame)`` displays it in a
notebook.
"""
from __future__ import annotations

import pandas as pd

from ..codes import MODES
from .reference import with_gloss

FINDING_COLUMNS = ["topic", "key", "region", "text", "citations"]
TOPICS = ("corpus", "apologies", "acknowledgements", "measures", "figures", "vocabulary")
KEYWORDS = 5   # distinctive words stated per region
MAX_LISTED = 3   # absences stated place by place up to this many places, then in one finding
TOPIC_TABLES = {"corpus": ["documents"], "apologies": ["documents", "apologies"],
                "acknowledgements": ["documents", "apologies", "acknowledgements"],
                "measures": ["documents", "measures"], "figures": ["documents", "figures"],
                "vocabulary": ["documents", "tokens"]}
PER_CHARS = 10_000
# apologizer levels from the highest tier down: the "highest" apologizer of a place is the first found
LEVEL_ORDER = ("national", "province", "prefecture", "city", "agency", "community", "hospital", "company",
               "individual")
CASE_METRICS = ("confirmed", "asymptomatic")
# finest first: a place's own figure before its parent's
PLACE_RANK = {level: rank for rank, level in enumerate(
    ("township", "district", "county", "city", "prefecture", "province", "country"))}


def findings(tables: dict[str, pd.DataFrame], *, regions: list[str] | None = None,
             topics: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """The findings of the coded tables (``coded_tables(...)``) on ``topics`` (default: every topic whose
    tables are given), regions in ``regions`` order (else sorted). ValueError names an unknown topic."""
    if topics is None:
        topics = [t for t in TOPICS if set(TOPIC_TABLES[t]) <= set(tables)]
    unknown = sorted(set(topics) - set(TOPICS))
    if unknown:
        raise ValueError(f"unknown topics {unknown}; known: {', '.join(TOPICS)}")
    docs = _originals(tables["documents"])
    order = list(regions) if regions is not None else sorted(docs["region"].unique())
    size = _size(docs, order)
    topic_rows = {"corpus": lambda: _corpus(docs, _occasions(tables, docs), order, size),
                  "apologies": lambda: _apologies(tables, docs, order, size),
                  "acknowledgements": lambda: _acknowledgements(tables, docs, order),
                  "measures": lambda: _measures(tables, docs, order, size),
                  "figures": lambda: _figures(tables, docs, order),
                  "vocabulary": lambda: _vocabulary(tables, docs, order, size)}
    rows = [row for topic in TOPICS if topic in topics for row in topic_rows[topic]()]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def findings_markdown(frame: pd.DataFrame) -> str:
    """The findings as a Markdown list, each followed by its citations."""
    lines = []
    for row in frame.itertuples():
        cited = f" ({row.citations})" if row.citations else ""
        lines.append(f"- {row.text}{cited}")
    return "\n".join(lines) if lines else "- Nothing to report: the selection holds no coded rows."


class MarkdownText(str):
    """Text that a notebook shows as Markdown (Jupyter calls ``_repr_markdown_``) and prints as itself."""

    def _repr_markdown_(self) -> str:
        return str(self)


def show_findings(frame: pd.DataFrame) -> MarkdownText:
    """The findings as Markdown a notebook displays (end a cell with it)."""
    return MarkdownText(findings_markdown(frame))


# --------------------------------------------------------------------------- helpers

def _originals(docs: pd.DataFrame) -> pd.DataFrame:
    """The documents without re-posts (``duplicate_of`` set), which would count an article twice."""
    if "duplicate_of" not in docs.columns:
        return docs
    reposted = docs["duplicate_of"].fillna("").astype(str) != ""
    return docs[~reposted]


def _size(docs: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    grouped = docs.groupby("region").agg(articles=("doc_id", "size"), chars=("n_chars", "sum"))
    return grouped.reindex(order, fill_value=0)


def _rows_of(table: pd.DataFrame, docs: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows of ``docs``' documents (only ``columns``, if given: copying millions of token rows costs seconds)."""
    chosen = set(docs["doc_id"])
    rows = None if chosen.issuperset(table["doc_id"].unique()) else table["doc_id"].isin(chosen)
    table = table if columns is None else table[columns]
    return table if rows is None else table[rows]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _cite(row) -> str:
    return f"{row.doc_id} @{row.start}–{row.end}"


def _citations(frame: pd.DataFrame) -> str:
    """The distinct citations of the rows, in order (two acts of one sentence cite it once)."""
    return "; ".join(dict.fromkeys(_cite(row) for row in frame.itertuples()))


def _rate(count: int, chars: int) -> str:
    return f"{count / chars * PER_CHARS:.1f}" if chars else "—"


def _listing(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _ranking(counts: pd.Series, size: pd.DataFrame, noun: str, plural: str | None = None) -> str:
    """Places by rate per 10,000 characters, ties named as ties, with raw counts and articles."""
    rates = pd.Series({r: counts.get(r, 0) / size.loc[r, "chars"] * PER_CHARS for r in size.index
                       if size.loc[r, "chars"] and counts.get(r, 0)})
    parts = []
    for value in sorted(set(rates.round(1)), reverse=True):
        tied = [r for r in rates.index if round(rates[r], 1) == value]
        described = [f"{r} ({_plural(int(counts[r]), noun, plural)} in {_plural(int(size.loc[r, 'articles']), 'article')})"
                     for r in tied]
        parts.append(f"{_listing(described)} {'tie at' if len(tied) > 1 else 'at'} {value:.1f}")
    return "; ".join(parts)


def _absences(topic: str, noun: str, regions: list[str], size: pd.DataFrame) -> list[dict]:
    """"No … was found in the N articles from X", one finding per place, or one for them all when there are
    more than ``MAX_LISTED`` (a corpus of many places)."""
    regions = [r for r in regions if size.loc[r, "articles"]]
    if len(regions) > MAX_LISTED:
        places = _listing([f"{r} ({_plural(int(size.loc[r, 'articles']), 'article')})" for r in regions])
        return [_row(topic, f"{topic}.none", "", f"No {noun} was found for {len(regions)} places: {places}.")]
    return [_row(topic, f"{topic}.none", r, f"No {noun} was found in the "
                 f"{_plural(int(size.loc[r, 'articles']), 'article')} from {r}.") for r in regions]


def _row(topic: str, key: str, region: str, text: str, citations: str = "") -> dict:
    return {"topic": topic, "key": key, "region": region, "text": text, "citations": citations}


# --------------------------------------------------------------------------- topics

def _corpus(docs: pd.DataFrame, occasions: pd.DataFrame, order: list[str], size: pd.DataFrame) -> list[dict]:
    rows = []
    if docs.empty:
        return [_row("corpus", "corpus.size", "", "The selection holds no article.")]
    first, last = docs["published"].min(), docs["published"].max()
    rows.append(_row("corpus", "corpus.size", "",
                     f"The corpus holds {_plural(len(docs), 'article')} on {_plural(len(order), 'region')} "
                     f"({docs['n_chars'].sum():,} characters of cleaned text), published between "
                     f"{first:%Y-%m-%d} and {last:%Y-%m-%d}."))
    longest, shortest = docs.loc[docs["n_chars"].idxmax()], docs.loc[docs["n_chars"].idxmin()]
    if len(docs) > 1:
        rows.append(_row("corpus", "corpus.length", "",
                         f"Articles range from {shortest.n_chars:,} characters ({shortest.doc_id}) to "
                         f"{longest.n_chars:,} ({longest.doc_id}); counts below are compared per "
                         f"{PER_CHARS:,} characters of text beside the raw numbers."))
    rows.extend(_several_occasions(occasions, docs))
    single = [r for r in order if size.loc[r, "articles"] == 1]
    if single and len(order) > 1:
        rows.append(_row("corpus", "corpus.single_article", "",
                         f"{_listing(single)} {'is' if len(single) == 1 else 'are'} represented by a single "
                         f"article{'' if len(single) == 1 else ' each'}: what is found there describes that "
                         "article, not the place."))
    return rows


def _occasions(tables: dict[str, pd.DataFrame], docs: pd.DataFrame) -> pd.DataFrame:
    """The events table of the coded tables (else found now), one row per occasion of each article."""
    from ..analyzers.events import events

    found = _rows_of(tables["events"], docs) if "events" in tables else events(docs)
    return found.drop_duplicates(["doc_id", "event_no"])


def _several_occasions(occasions: pd.DataFrame, docs: pd.DataFrame) -> list[dict]:
    """Articles that report several occasions: one finding each, or one for them all beyond ``MAX_LISTED``."""
    several = [(doc_id, mine) for doc_id, mine in occasions.groupby("doc_id", sort=True) if len(mine) > 1]
    if len(several) > MAX_LISTED:
        named = _listing([doc_id for doc_id, _ in several[:MAX_LISTED]] + [f"{len(several) - MAX_LISTED:,} more"])
        return [_row("corpus", "corpus.several_occasions", "",
                     f"{len(several):,} of {_plural(len(docs), 'article')} report several occasions (of different "
                     f"kinds or days): {named}; their rows are not one statement (the events table lists them).",
                     "; ".join(_citations(mine) for _, mine in several[:MAX_LISTED]))]
    rows = []
    for doc_id, mine in several:
        said = _listing([f"a {kind.replace('_', ' ')} on {day:%Y-%m-%d}" for kind, day in zip(mine["kind"], mine["day"])])
        rows.append(_row("corpus", "corpus.several_occasions", mine["region"].iloc[0],
                         f"{doc_id} reports {len(mine)} occasions: {said}; its rows are not one statement.",
                         _citations(mine)))
    return rows


def _apologies(tables, docs, order, size) -> list[dict]:
    apologies = _rows_of(tables["apologies"], docs)
    acts = apologies[~apologies["restates"].astype(bool)]
    counts = acts.groupby("region").size()
    rows = []
    found = [r for r in order if counts.get(r, 0)]
    if found:
        rows.append(_row("apologies", "apologies.rate", "",
                         f"Apology acts per {PER_CHARS:,} characters: {_ranking(counts, size, 'act')}."))
    rows += _absences("apologies", "apology act", [r for r in order if not counts.get(r, 0)], size)
    for region in found:
        mine = acts[acts["region"] == region]
        levels = [level for part in mine["apologizer_level"] for level in str(part).split("; ") if level]
        top = next((level for level in LEVEL_ORDER if level in levels), "")
        if top:
            at_top = mine[mine["apologizer_level"].str.split("; ").map(lambda parts: top in parts)]
            who = _listing(list(dict.fromkeys(with_gloss(a) for a in at_top["apologizer"])))
            rows.append(_row("apologies", "apologies.highest_level", region,
                             f"{region}'s highest-ranking apologizer is at the {top} level: {who}.",
                             _citations(at_top)))
    by_mode = {mode: acts[acts["mode"] == mode] for mode in MODES}
    for mode in MODES:
        places = [r for r in order if (by_mode[mode]["region"] == r).any()]
        if found and not places:
            rows.append(_row("apologies", f"apologies.mode.{mode}", "", f"No {mode} apology was found."))
        elif places:
            described = [f"{r} ({int((by_mode[mode]['region'] == r).sum())})" for r in places]
            rows.append(_row("apologies", f"apologies.mode.{mode}", "",
                             f"{mode.capitalize()} apologies are found in {_listing(described)}.",
                             _citations(by_mode[mode])))
    if len(acts):
        strongest = acts[acts["strength"] == acts["strength"].max()]
        formulas = _listing([f"「{with_gloss(r.formula)}」 by {r.apologizer} ({r.region})" for r in strongest.itertuples()])
        rows.append(_row("apologies", "apologies.strongest", "",
                         f"The most intensified {'act has' if len(strongest) == 1 else 'acts have'} strength "
                         f"{int(strongest['strength'].iloc[0])} (intensifiers plus gestures): {formulas}.",
                         _citations(strongest)))
    mentions = _rows_of(tables.get("apology_mentions", pd.DataFrame(columns=["doc_id"])), docs)
    for kind in ("demand", "refusal", "denial"):
        mine = mentions[mentions["type"] == kind] if len(mentions) else mentions
        if len(mine):
            described = _listing([f"{r} ({int((mine['region'] == r).sum())})" for r in order if (mine["region"] == r).any()])
            rows.append(_row("apologies", f"apologies.{kind}", "",
                             f"Apologies {'demanded' if kind == 'demand' else 'refused' if kind == 'refusal' else 'denied'} "
                             f"(not acts): {described}.", _citations(mine)))
    return rows


def _acknowledgements(tables, docs, order) -> list[dict]:
    acts = _rows_of(tables["apologies"], docs)
    acks = _rows_of(tables["acknowledgements"], docs)
    rows = []
    for region in order:
        mine = acks[acks["region"] == region]
        if len(mine) and not (acts["region"] == region).any():
            rows.append(_row("acknowledgements", "acknowledgements.without_apology", region,
                             f"{region} acknowledges shortcomings ({_plural(len(mine), 'sentence')}) without "
                             "apologising.", _citations(mine)))
    return rows


def _measures(tables, docs, order, size) -> list[dict]:
    measures = _rows_of(tables["measures"], docs)
    rows = []
    counts = measures.groupby("region").size()
    if len(measures):
        rows.append(_row("measures", "measures.rate", "",
                         f"Enumerated items per {PER_CHARS:,} characters: {_ranking(counts, size, 'item')}."))
    rows += _absences("measures", "enumerated list", [r for r in order if (measures["region"] != r).all()], size)
    for region in order:
        mine = measures[measures["region"] == region]
        if mine.empty:
            continue
        by_category = mine["category"].value_counts()
        top = sorted(by_category[by_category == by_category.max()].index)
        rows.append(_row("measures", "measures.top_category", region,
                         f"{region}'s most frequent category is {_listing([c.replace('_', ' ') for c in top])} "
                         f"({int(by_category.max())} of {len(mine)} items{', a tie' if len(top) > 1 else ''})."))
        admitted = set(mine.loc[mine["kind"] == "shortcoming", "category"])
        if admitted:
            promised = set(mine.loc[mine["kind"].isin(["measure", "next_step"]), "category"])
            answered = sorted(admitted & promised)
            rows.append(_row("measures", "measures.admitted_vs_promised", region,
                             f"{region} admits shortcomings in {_listing(sorted(c.replace('_', ' ') for c in admitted))}; "
                             + (f"its promised measures answer {_listing([c.replace('_', ' ') for c in answered])}."
                                if answered else "no promised measure falls in the same category.")))
    return rows


def _figures(tables, docs, order) -> list[dict]:
    figures = _rows_of(tables["figures"], docs)
    cases = figures[figures["metric"].isin(CASE_METRICS) & figures["as_of"].notna()]
    rows = []
    for region in order:
        mine = cases[cases["region"] == region]
        if mine.empty:
            continue
        if "place_level" in mine.columns:   # the place itself, not its province: the finest level stated
            finest = min(mine["place_level"].map(lambda level: PLACE_RANK.get(level, len(PLACE_RANK))))
            mine = mine[mine["place_level"].map(lambda level: PLACE_RANK.get(level, len(PLACE_RANK))) == finest]
        latest = mine.sort_values(["as_of", "start"]).iloc[-1]
        same = mine[(mine["as_of"] == latest.as_of) & (mine["place"] == latest.place) & (mine["scope"] == latest.scope)]
        stated = _listing([f"{_number(r)} {r.metric}" for r in same.drop_duplicates("metric").itertuples()])
        rows.append(_row("figures", "figures.latest_cases", region,
                         f"{region}'s latest case figures: {stated} ({latest.scope}) in {latest.place} as of "
                         f"{latest.as_of:%Y-%m-%d %H:%M}.",
                         _citations(same.drop_duplicates("metric"))))
    return rows


def _vocabulary(tables, docs, order, size) -> list[dict]:
    """The most distinctive words of each region (keyness, p <= 0.05) and where each watched word of the
    concordance lexicon occurs, per 10,000 characters."""
    from ..analyzers import vocabulary as voc

    needed = ["region", "token", "is_punct", "is_stopword"]   # what keyness reads (the flags, where given)
    tokens = _rows_of(tables["tokens"], docs, [c for c in needed if c in tables["tokens"].columns])
    rows = []
    top = voc.top_keywords(voc.keyness(tokens, by="region", min_freq=3), n=KEYWORDS, max_p=0.05)
    for region in order:
        mine = top[top["group"] == region]
        if len(mine):
            words = ", ".join(f"{with_gloss(r.token)} ({r.n_target})" for r in mine.itertuples())
            rows.append(_row("vocabulary", "vocabulary.keywords", region,
                             f"{region}'s most distinctive words against the other regions (G², p ≤ 0.05): {words}."))
    terms = voc.default_terms("concordance")
    hits = voc.kwic(docs, terms["word"].tolist(), window=1)
    for term in terms.itertuples():
        mine = hits[hits["match"] == term.word]
        counts = mine.groupby("region").size()
        where = [r for r in order if counts.get(r, 0)]
        if not where:
            rows.append(_row("vocabulary", f"vocabulary.term.{term.word}", "",
                             f"{term.word} ({term.gloss}) does not occur."))
            continue
        described = _listing([f"{r} ({int(counts[r])}; {_rate(int(counts[r]), int(size.loc[r, 'chars']))} per "
                              f"{PER_CHARS:,} characters)" for r in where])
        absent = [r for r in order if r not in where]
        rows.append(_row("vocabulary", f"vocabulary.term.{term.word}", "",
                         f"{term.word} ({term.gloss}) occurs in {described}"
                         + (f"; not in {_listing(absent)}." if absent else ".")))
    return rows


def _number(row) -> str:
    value = f"{row.value:,.0f}" if float(row.value).is_integer() else f"{row.value:,}"
    return ("about " if bool(row.approx) else "") + value
