"""Case figures: every number that describes an outbreak or the response to it.

``extract_figures(docs)`` returns one row per figure, sorted by (doc_id, start):

- ``doc_id``, ``region``: the article.
- ``metric``: an English id from ``resources/figures.yaml`` (confirmed, close_contacts, …).
- ``value``: the number (float); ``value_high``: the upper end of a range (6—8公斤), else NaN.
- ``approx``: True when the text marks it approximate (约, 近, 余, 多, 左右 …).
- ``unit``: the measure word or unit as written (例, 人, 吨, 元/10公斤, 混1 …).
- ``kind``: ``count``, ``ordinal`` (第五轮), ``range``, ``ratio`` (5混1), ``price`` (50元10公斤).
- ``scope``: ``new`` (新增), ``cumulative`` (累计, 共, 已), ``current`` (现有, 目前) or ``none``.
- ``as_of``: the moment the figure holds for (Timestamp, Asia/Shanghai wall time, no tz);
  ``as_of_start``: the start when the text gives an interval (1月24日0时至16时), a whole day
  (9月6日 … 新增 → 9月6日0时 to 9月7日0时) or a span of days (5月1日至6日), else NaT.
  截至9月8日24时 is 9月9日0时. A figure takes
  the nearest preceding time in its sentence (one with an hour beats a bare day), else the last
  dated cutoff, interval or hour earlier in its paragraph (a bare day dates only its own
  sentence), else the article's day (manifest ``event_date``, else ``published``, at 0时);
  9月29日以来 (since) gives ``as_of_start`` and the article's day as ``as_of``;
  the month defaults to the last one written, the year to the last one written earlier in the
  text when that keeps the date within the year before the article's day, else to the article's
  year, or the year before when that would put the date more than two months after the
  article's day (12月31日 in an article of 2022-01-03 is 2021-12-31); numbers may be Chinese (九月八日).
- ``as_of_source``: ``text`` when the text dates the figure, ``article`` when ``as_of`` is the
  article's day because the text gives no date for it (a sort key, not a measured moment).
- ``place``: the administrative unit whose count the figure is, in simplified Chinese as the text
  names it (its fullest form in the article: 新疆 and 新疆维吾尔自治区 → 新疆维吾尔自治区; 巴州 alone stays
  巴州), at the finest level stated (codebook §6.3): a unit named right after the figure with 在 /
  来自 (14例，均在津南区); else the nearest named before it in its clause (in a 、-list, its own item's
  when that item names no metric); else its total's (``part_of``); else the nearest named earlier in
  its sentence whose clause gives no part of a total; else the place of the figure before it in the
  paragraph when it continues that series (same metric and scope); else the last unit named in a
  sentence of the paragraph that gives no figure; else the article's place (the manifest's, in
  Chinese: Korla → 库尔勒市; kept as given when unknown). Anaphors (全市, 该州, 全省, 本港) are the
  last unit named before them whose name ends so; places of origin (从…返回) are not places. Units
  listed before 各 (顺义区、大兴区各4例) are joined with "; ".
- ``place_full``, ``place_level``, ``place_parent``: the unit's normalised full name (巴音郭楞蒙古自治州),
  level (country, province, prefecture, county, district, township; "" when unknown) and the full
  name of the unit above it, from JioNLP's administrative-division data (``zerocovid.document.places``);
  ``place_en``: its English name when the gazetteer (``resources/places.yaml``) gives one (Korla),
  the key of the census table.
- ``part_of``: the ``row_id`` of the total the figure breaks down (其中轻型10例, 分别为52例…,
  广东省新增8宗，广州有5宗), "" for a total (codebook §6.2 "Subsets and breakdowns").
- ``text``, ``start``, ``end``: the figure expression (number with its unit and approximation
  markers, e.g. ``1.6万余名``, ``500吨左右``, ``5混1``, ``第五轮``); ``text == docs.text[start:end]``.
- ``sentence``, ``para_no``: the sentence holding the figure and its paragraph.
- ``row_id`` (first) and ``corrected`` (last): see ``zerocovid.rows`` and ``zerocovid.corrections``.

What counts as a figure: a number with a unit from the lexicon whose metric the lexicon
recognises right before the number (确诊病例43例, 在500吨) or right after its unit (14例阳性病例);
a count in 例 may name its metric anywhere earlier in its clause (新增病例中…发现12例) or share
it with the figure before it in the sentence (…新增阳性感染者12例，白云区新增8例), and a
sub-count introduced by 其中 takes the metric of the figure it splits (确诊病例23例（其中1例…）,
感染者5236例（…），其中海珠区4065例). Hong Kong, Macau and Taiwan usage reads the same way (the loader
has turned traditional script into simplified): 宗 and 例 count cases (a count in them that names no
metric is ``positive``: 有4605宗), 个案 / 染疫者 are cases, 确定病例 is confirmed, clinical types
(轻型, 普通型) count confirmed cases, and a breakdown named only by 个案 / 病例 (分别为52例本土个案) counts
what its total counts; qualifiers between the unit and the noun are skipped (89例COVID-19确定病例,
1935例新冠病毒本土感染者). Ordinals other than a round of testing (第N轮) are never figures.
A numeral with 余/多 before its multiplier (二十余万) or a bare magnitude (近万) is approximate.
Numbers in dates, times, telephone numbers, ages, durations, percentages, document ordinals and
counts of family members are never figures (``not_figures`` in the lexicon), nor are numeral
characters that do not read as one number (千万 in 千万个家庭 "countless families" does; 百千 does not).

``per_capita(figures, population=None)`` adds ``population``, ``census_year`` and ``per_100k`` (the
census table is read by ``place_en``).

``outbreak_scale(figures, population=None)`` gives one row per (doc_id, region, place), breakdowns of
a total at the same place (``part_of``) left out: ``place_level`` (of the place, as in the figures), ``as_of`` (the latest moment among the figures used), ``case_scope`` (scopes of the case figures), ``cases`` (confirmed +
asymptomatic, else positive), the latest value of each count metric as its own column,
``rooms_per_case``, ``contacts_per_case``, ``isolated_per_case``, ``population``,
``cases_per_100k`` and ``isolated_per_100k``.

The chart of ``outbreak_scale`` is ``zerocovid.report.plotting.scale_chart``; what each article's
figures cover is ``zerocovid.report.tables.figure_coverage``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile
from pathlib import Path

import pandas as pd

from ..codes import SCOPES
from ..corrections import apply_corrections
from ..document import CLAUSE_ENDS, Document, documents
from ..document.places import Unit, article_unit, fullest_names, unit_mentions
from ..numerals import NUMERAL, is_approximate, to_number
from ..paths import REFERENCE_DIR
from ..lexicons import load_resource
from ..rows import with_row_id
from ..scan import Finder, FinderSet
from ..text import alternation

FIGURE_COLUMNS = [
    "row_id", "doc_id", "region", "metric", "value", "value_high", "approx", "unit", "kind", "scope",
    "as_of", "as_of_start", "place", "place_full", "place_level", "place_parent", "place_en", "part_of",
    "text", "start", "end", "sentence", "para_no", "as_of_source", "corrected",
]
PER_CAPITA_COLUMNS = ["population", "census_year", "per_100k"]
# The columns of docs that extract_figures needs (event_date, published are read when there).
REQUIRED_FIELDS = ("doc_id", "region", "place", "text")
CLAUSE_END = re.compile(f"[{re.escape(CLAUSE_ENDS)}]")
PAREN_GROUP = re.compile(r"[（(][^（()）]*[）)]")
PAREN_OPEN = re.compile(r"[（(][^（()）。；;]*")


@dataclass(frozen=True)
class _Lexicon:
    metrics: list
    count: Finder
    ratio: Finder
    price: Finder
    range: Finder
    gap_before: re.Pattern
    gap_after: re.Pattern
    continuations: list  # per metric: a clause continuing the list of figures before it (see _scope)
    subcount_link: re.Pattern
    scope_breakers: re.Pattern
    loose_units: frozenset
    person_units: frozenset   # 人, 名, 位: a count of them naming no metric may be part of a total
    not_metric_after: re.Pattern
    scope_cues: list
    not_figures: FinderSet
    per_capita_metrics: frozenset
    metric_scopes: dict
    case_metric: str                # the metric of a count in a case unit (例, 宗) that names none
    generic_case_noun: re.Pattern   # 个案, 病例: a case of whatever the total it breaks down counts
    subset_open: re.Pattern         # 其中, 包括, 分别, （ … : the figures after it break down the one before
    subset_close: re.Pattern        # ；, 。, ）: the breakdown ends
    breakdown_start: re.Pattern     # a sentence breaking down the last total of the sentence before
    part_groups: list               # sets of metrics that may be parts of one another
    place_after: re.Pattern         # 在, 来自: the unit named right after a figure is its place
    each: re.Pattern                # 各: the count holds for each unit listed before it
    each_joiner: re.Pattern         # 、, 及, 和: between the units of such a list
    eligible: dict  # (kind, unit) -> the metrics a figure of that kind and unit may have, filled on use


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    res = load_resource("figures")
    units = alternation(entry["unit"] for entry in res["units"])
    before, after_number, after_unit = res["approx_before"], res["approx_after_number"], res["approx_after_unit"]
    prefix = rf"(?P<before>{before})?"
    suffix_number = rf"(?P<after_number>{after_number})?"
    suffix_unit = rf"(?P<after_unit>{after_unit})?"
    metrics = [
        {**entry, "regex": re.compile(entry["pattern"]), "kinds": entry.get("kinds", ["count", "range"]),
         "scopes": frozenset(entry.get("scopes", SCOPES))}
        for entry in res["metrics"]
    ]
    count = rf"{prefix}(?P<ordinal>第)?(?P<num>{NUMERAL}){suffix_number}(?P<unit>{units}){suffix_unit}"
    range_ = (rf"{prefix}(?P<num>{NUMERAL}){res['range_separator']}(?P<high>{NUMERAL}){suffix_number}"
              rf"(?P<unit>{units}){suffix_unit}")
    return _Lexicon(
        metrics=metrics,
        count=Finder(re.compile(count)),
        ratio=Finder(re.compile(res["ratio_pattern"])),
        price=Finder(re.compile(rf"{prefix}{res['price_pattern']}")),
        range=Finder(re.compile(range_)),
        gap_before=re.compile(res["gap_before"]),
        gap_after=re.compile(res["gap_after"]),
        continuations=[re.compile(rf"{res['list_continuation']}(?:{entry['pattern']})?{res['gap_before']}")
                       for entry in res["metrics"]],
        subcount_link=re.compile(res["subcount_link"]),
        scope_breakers=re.compile(res["scope_breakers"]),
        loose_units=frozenset(res["loose_units"]),
        person_units=frozenset(res["person_units"]),
        not_metric_after=re.compile(res["not_metric_after"]),
        scope_cues=[(re.compile(cue["pattern"]), cue["scope"]) for cue in res["scope_cues"]],
        not_figures=FinderSet(re.compile(entry["pattern"]) for entry in res["not_figures"]),
        per_capita_metrics=frozenset(e["metric"] for e in res["metrics"] if e.get("per_capita", True)),
        metric_scopes={e["metric"]: frozenset(e.get("scopes", SCOPES)) for e in res["metrics"]},
        case_metric=res["case_metric"],
        generic_case_noun=re.compile(res["generic_case_noun"]),
        subset_open=re.compile(res["subset_open"]),
        subset_close=re.compile(res["subset_close"]),
        breakdown_start=re.compile(res["breakdown_start"]),
        part_groups=[frozenset(group) for group in res["part_groups"]],
        place_after=re.compile(res["place_after"]),
        each=re.compile(res["each"]), each_joiner=re.compile(res["each_joiner"]),
        eligible={},
    )


# ---------------------------------------------------------------- dates and times

def _as_of(times: list[dict], sentence: tuple[int, int], para: tuple[int, int], position: int,
           article_day: pd.Timestamp):
    """(as_of, as_of_start, as_of_source) of a figure: in its sentence the nearest preceding
    expression with an hour, else the nearest preceding date; else the last cutoff, interval or
    hour earlier in its paragraph; else the article's day. A date followed by 以来 (since) gives
    the start, and the article's day the end."""
    in_sentence = [t for t in times if sentence[0] <= t["start"] and t["end"] <= position]
    timed = [t for t in in_sentence if t["timed"]]
    chosen = (timed or in_sentence
              or [t for t in times if para[0] <= t["start"] and t["end"] <= sentence[0] and t["carries"]])
    if not chosen:
        return article_day, pd.NaT, "article"
    if chosen[-1]["since"]:
        return article_day, chosen[-1]["day"], "article"
    return chosen[-1]["as_of"], chosen[-1]["as_of_start"], "text"


# ---------------------------------------------------------------- places

def _place(doc: Document, units: list, figure: dict, total: dict | None, rows: list[dict],
           sentence_start: int, para: tuple[int, int], home: Unit, lex: _Lexicon) -> Unit:
    """The unit whose count the figure is (codebook §6.3 ``place``), in order: one named right after
    it with 在 / 来自 (654例在九台区); the nearest named before it in its clause (the units listed
    before 各 together; in a 、-list, only its own item's when that item names no metric); the place of the
    total it breaks down; the nearest named earlier in its sentence whose clause holds no part (a
    district with its own share of a total is not carried over to the next total); the place of the
    figure before it in the paragraph when it continues that series; the last unit named in a
    sentence of the paragraph that gives no figure; else the article's place."""
    start, end = figure["start"], figure["end"]
    after = lex.place_after.match(doc.text, end)
    if after:   # the finest of the units named one after the other there (均在广州市荔湾区 → 荔湾区)
        chain, position = [], after.end()
        for s, e, unit in units:
            if s == position:
                chain.append(unit)
                position = e
        if chain:
            return chain[-1]
    clause_start = doc.clause_start(start, sentence_start)
    in_clause = [(s, e, unit) for s, e, unit in units if clause_start <= s < start]
    listed = _each(doc.text, in_clause, start, lex) if in_clause else None
    if listed:
        return listed
    # in a 、-list, an item that names no metric (管城区1例、市域外转入5例) is not the unit's before it;
    # one that does (石家庄市新增确诊病例38例、无症状感染者962例) lists that unit's figures
    item_start = max(clause_start, doc.text.rfind("、", clause_start, start) + 1)
    item = doc.text[item_start:start]
    own_metric = _metric_named(item, figure["unit"], figure["kind"], lex, adjacent=False)
    in_item = [unit for s, _, unit in units if (clause_start if own_metric else item_start) <= s < start]
    if in_item:
        return in_item[-1]
    if total is not None:
        return total["_unit"]
    # earlier in the sentence: a unit whose clause gives no figure or a total, not a part (成都103例)
    carried = [unit for s, e, unit in units if sentence_start <= s < clause_start
               and not any(e <= row["start"] < _clause_end(doc.text, e) and row["part_of"] for row in rows)]
    if carried:
        return carried[-1]
    # the figure before it in the paragraph, when this one continues its series (same metric and
    # scope: 9月6日，巴州库尔勒市新增4例无症状；9月7日，新增3例无症状)
    previous = [row for row in rows if row["start"] >= para[0]]
    if previous and not previous[-1]["part_of"] and previous[-1]["metric"] == figure["metric"] \
            and previous[-1]["scope"] == _scope(doc, sentence_start, figure, previous[-1], lex):
        return previous[-1]["_unit"]
    # a sentence of the paragraph that names a unit and gives no figure (广州市召开发布会。)
    in_para = [(s, unit) for s, _, unit in units if para[0] <= s < sentence_start]
    figure_free = [unit for s, unit in in_para if not any(doc.sentence_index(row["start"]) == doc.sentence_index(s)
                                                          for row in rows)]
    return figure_free[-1] if figure_free else home


def _each(text: str, in_clause: list, start: int, lex: _Lexicon) -> Unit | None:
    """新北市、台南市各1例: a count that 各 gives to each of the units listed right before it; their
    names joined by "; " (the one unit the count is about is none of them alone)."""
    listed = [in_clause[-1]]
    if not lex.each.fullmatch(text[listed[0][1]:start]):
        return None
    for s, e, unit in reversed(in_clause[:-1]):
        if not lex.each_joiner.fullmatch(text[e:listed[0][0]]):
            break
        listed.insert(0, (s, e, unit))
    if len(listed) < 2:
        return None
    return Unit("; ".join(unit.name for _, _, unit in listed),
                level="; ".join(dict.fromkeys(unit.level for _, _, unit in listed)),
                parent=listed[0][2].parent)


def _clause_end(text: str, position: int) -> int:
    """Where the clause holding ``position`` ends (the next clause break, or the end of the text)."""
    found = CLAUSE_END.search(text, position)
    return found.start() if found else len(text)


# ---------------------------------------------------------------- parts of totals

def _part_of(doc: Document, figure: dict, rows: list[dict], sentence_start: int, unit: Unit,
             lex: _Lexicon) -> dict | None:
    """The total a figure breaks down (codebook §6.2 "Subsets and breakdowns"): the last total of
    its sentence when a subset word (其中, 包括, 分别, 当中, an opening parenthesis…) stands between
    them and no break (；, 。, a closing parenthesis) after it, or when the figure's clause names a
    unit inside the total's unit (广东省新增8宗，广州有5宗); for a sentence that opens with a
    breakdown (按照临床分型为：…, 新增确诊病例中，…), the last total before it of the metric the
    opening names, else of the figure's metric, else any.
    A part counts a compatible metric and is not larger than its total."""
    text = doc.text
    if figure["kind"] != "count":
        return None

    def fits(total):   # a compatible metric (any, for a count that names none), no larger than the total
        return figure["value"] <= total["value"] and (figure["metric"] is None or total["metric"] == figure["metric"]
                                                      or any({total["metric"], figure["metric"]} <= group
                                                             for group in lex.part_groups))

    counts = [row for row in rows if not row["part_of"] and row["kind"] == "count"]   # a ratio or an ordinal is no total
    totals = [row for row in counts if row["start"] >= sentence_start]
    if not totals:
        if not lex.breakdown_start.match(text, sentence_start):
            return None
        # the last total before, of the metric the opening names (新增确诊病例中，…), else of the
        # figure's own metric, else any
        earlier = [row for row in counts if fits(row)]
        named = _metric_named(text[sentence_start:figure["start"]], figure["unit"], figure["kind"], lex, adjacent=False)
        preferred = ([row for row in earlier if row["metric"] == named]
                     or [row for row in earlier if row["metric"] == figure["metric"]] or earlier)
        return preferred[-1] if preferred else None
    previous = [row for row in rows if row["start"] >= sentence_start][-1]
    if previous["part_of"] and PAREN_OPEN.fullmatch(text[previous["end"]:figure["start"]]) and fits(previous):
        return previous   # a breakdown of a part: 长春市831例（有565例在九台区）
    total = totals[-1]
    # a parenthesis closed before the figure (（有565例在九台区）) neither opens nor closes the breakdown
    between = PAREN_GROUP.sub("", text[total["end"]:figure["start"]])
    # the last opener; a parenthesis opens a breakdown only right after the total (23例（其中…）)
    openers = [m for m in lex.subset_open.finditer(between)
               if m.group() not in "（(" or not CLAUSE_END.search(between, 0, m.start())]
    if openers:
        opened = not lex.subset_close.search(between, openers[-1].end())
    else:   # 广东省新增8宗，广州有5宗: a unit inside the total's
        parent = total["_unit"]
        opened = (not lex.subset_close.search(between) and unit is not None and bool(parent.full)
                  and parent.full in (unit.parent, unit.province) and unit.full != parent.full)
    return total if opened and fits(total) else None


# ---------------------------------------------------------------- metrics and scope

def _eligible(kind: str, unit: str, lex: _Lexicon) -> tuple[list[dict], re.Pattern | None]:
    """The metrics (in lexicon order) that a figure of this kind and unit may have, and one regex
    that matches wherever one of them does (None if they cannot be joined): most figures are
    tested against a dozen metrics, and usually none of them is there."""
    key = (kind, unit)
    if key not in lex.eligible:
        entries = [entry for entry in lex.metrics
                   if kind in entry["kinds"] and not (entry["units"] and unit not in entry["units"])]
        try:
            either = re.compile("|".join(f"(?:{entry['pattern']})" for entry in entries)) if entries else None
        except re.error:
            either = None
        lex.eligible[key] = entries, either
    return lex.eligible[key]


def _metric_named(prefix: str, unit: str, kind: str, lex: _Lexicon, *, adjacent: bool) -> str | None:
    """The metric named last in ``prefix`` (ties: the longer name); with ``adjacent``, only one named
    right before the number (nothing but gap words after it)."""
    entries, either = _eligible(kind, unit, lex)
    if either is not None and not either.search(prefix):
        return None
    best = None
    for entry in entries:
        for match in entry["regex"].finditer(prefix):
            if adjacent and not lex.gap_before.fullmatch(prefix[match.end():]):
                continue
            key = (match.end(), match.end() - match.start())
            if best is None or key > best[0]:
                best = (key, entry["metric"])
    return best[1] if best else None


def _metric_after(rest: str, unit: str, kind: str, lex: _Lexicon) -> str | None:
    """The metric named right after the unit (4例为确诊病例, 182人的核酸采样检测队伍)."""
    gap = lex.gap_after.match(rest)
    rest = rest[gap.end():]
    entries, either = _eligible(kind, unit, lex)
    if either is not None and not either.match(rest):
        return None
    best = None
    for entry in entries:
        match = entry["regex"].match(rest)
        if match and lex.not_metric_after.match(rest, match.end()):
            continue
        if match and (best is None or match.end() > best[0]):
            best = (match.end(), entry["metric"])
    return best[1] if best else None


def _scope(doc: Document, sentence_start: int, figure: dict, previous: dict | None, lex: _Lexicon) -> str:
    """The nearest scope cue before the figure in its clause; a clause that only continues a list
    of figures (starts with a metric or number, or repeats the unit) inherits the clause before."""
    clause_start = doc.clause_start(figure["start"], sentence_start)
    prefix = doc.text[clause_start:figure["start"]]
    cues = [(m.start(), len(m.group()), scope) for pattern, scope in lex.scope_cues for m in pattern.finditer(prefix)]
    if cues:
        return max(cues)[2]
    if previous is None or previous["start"] < sentence_start or figure["kind"] == "ordinal":
        return "none"  # an ordinal (第四轮) is never part of a list of totals
    allowed = lex.metric_scopes[figure["metric"]]
    inherited = previous["scope"] if previous["scope"] in allowed else "none"
    if previous["start"] >= clause_start:
        return inherited
    if lex.scope_breakers.search(prefix):
        return "none"  # a planned or future figure (正在建设的…还可提供床位近五万张) is not in the list
    continues_list = any(continuation.fullmatch(prefix) for continuation in lex.continuations)
    if continues_list or previous["unit"] == figure["unit"]:
        return inherited
    return "none"


# ---------------------------------------------------------------- candidates

def _number_expressions(text: str, lex: _Lexicon) -> dict[str, list[re.Match]]:
    """Every ratio, price, range and count the patterns find, before masking and claiming."""
    return {"ratio": list(lex.ratio.finditer(text)), "price": list(lex.price.finditer(text)),
            "range": list(lex.range.finditer(text)), "count": list(lex.count.finditer(text))}


def _before(limit: int, matches: Iterator[re.Match]) -> Iterator[re.Match]:
    """The matches starting before ``limit``; the search stops there."""
    return takewhile(lambda match: match.start() < limit, matches)


def _masked(text: str, times: list[dict], lex: _Lexicon, limit: int) -> list[tuple[int, int]]:
    """The (start, end) spans that hold no figure: time expressions and ``not_figures`` (those
    starting before ``limit``)."""
    spans = [(t["start"], t["end"]) for t in times]
    spans += [m.span() for m in _before(limit, (m for _, m in lex.not_figures.finditer(text)))]
    return spans


def _candidates(expressions: dict[str, list[re.Match]], masked: list[tuple[int, int]]) -> list[dict]:
    """The number expressions outside the masked spans; ratios, prices and ranges claim their span
    first."""
    taken = [(start, end) for start, end in masked if start < end]
    found = []

    def free(start, end):
        return all(end <= t_start or t_end <= start for t_start, t_end in taken)

    def claim(start, end):
        taken.append((start, end))

    for match in expressions["ratio"]:
        if free(*match.span()):
            claim(*match.span())
            found.append({"kind": "ratio", "match": match, "unit": f"混{match['of']}",
                          "value": to_number(match["num"]), "value_high": None})
    for match in expressions["price"]:
        if free(*match.span()):
            claim(*match.span())
            per = f"/{match['qty'] or ''}{match['qunit']}" if match["qunit"] else ""
            found.append({"kind": "price", "match": match, "unit": f"元{per}",
                          "value": to_number(match["num"]), "value_high": None})
    for match in expressions["range"]:
        low, high = _readable(match["num"]), _readable(match["high"])
        if free(*match.span()) and low is not None and high is not None:
            claim(*match.span())
            found.append({"kind": "range", "match": match, "unit": match["unit"], "value": low, "value_high": high})
    for match in expressions["count"]:
        value = _readable(match["num"])
        if free(*match.span()) and value is not None:
            found.append({"kind": "ordinal" if match["ordinal"] else "count", "match": match,
                          "unit": match["unit"], "value": value, "value_high": None})
    return found


def _readable(numeral: str) -> int | float | None:
    """The numeral's value, or None for numeral characters that are not one number (百千)."""
    try:
        return to_number(numeral)
    except ValueError:
        return None


def _split_figure(text: str, start: int, lower: int, rows: list[dict], lex: _Lexicon) -> dict | None:
    """The figure a sub-count starting at ``start`` splits: the figure just before it when only
    其中 (and a place) stands between them; after a closing parenthesis, the figure just before the
    parenthesis (感染者5236例（确诊342例、无症状4894例），其中海珠区4065例 splits 5236)."""
    in_sentence = [row for row in rows if row["start"] >= lower]
    if not in_sentence:
        return None
    split = in_sentence[-1]
    between = text[split["end"]:start]
    if between[:1] in "）)":
        opening = text.rfind("（", lower, split["start"]), text.rfind("(", lower, split["start"])
        before = [row for row in in_sentence if row["end"] == max(opening)]
        if max(opening) == -1 or not before:
            return None
        split, between = before[-1], between[1:]
    return split if lex.subcount_link.fullmatch(between) else None


def _metric(doc: Document, candidate: dict, lower: int, rows: list[dict], lex: _Lexicon) -> str | None:
    """The metric right after the unit, else right before the number, else (a sub-count after
    其中) the metric of the figure it splits, else (loose units) one earlier in the clause or
    in the sentence's figure before."""
    text = doc.text
    match, kind, unit = candidate["match"], candidate["kind"], candidate["unit"]
    if kind == "ratio":   # 5混1, or 10:1 before 混管
        ratio = text[match.start():match.end() + 1]
        return next((e["metric"] for e in lex.metrics if "ratio" in e["kinds"] and e["regex"].search(ratio)), None)
    metric_unit = match["qunit"] if kind == "price" else unit
    after = _metric_after(text[match.end():match.end() + 40], metric_unit or "", kind, lex)
    if after:
        return after
    prefix = text[doc.clause_start(match.start(), lower):match.start()]
    before = _metric_named(prefix, metric_unit or "", kind, lex, adjacent=True)
    if before:
        return before
    split = _split_figure(text, match.start(), lower, rows, lex)
    if split is not None and split["unit"] == unit:
        return split["metric"]
    if kind == "count" and unit in lex.loose_units:
        # the metric named in the clause, else the one of a parallel clause before it in the
        # sentence (番禺区新增阳性感染者12例，白云区新增8例), else a case: 例 and 宗 count nothing else
        in_sentence = [row for row in rows if row["start"] >= lower and row["unit"] == unit]
        item = prefix[prefix.rfind("、") + 1:]   # 1例在隔离管控人员中发现、2例…: the 2 are no isolated people
        return (_metric_named(item, unit, kind, lex, adjacent=False)
                or (in_sentence[-1]["metric"] if in_sentence else lex.case_metric))
    return None


def _document_figures(doc: Document, lex: _Lexicon) -> list[dict]:
    text = doc.text
    article_day = doc.article_day
    expressions = _number_expressions(text, lex)
    # Nothing after the last number expression can mask a figure: the scan for non-figures stops there.
    limit = max((match.end() for matches in expressions.values() for match in matches), default=0)
    if not limit:
        return []
    # 第4至7日 (the 4th to 7th day of a stay) is an ordinal of days, not a date
    times = [t for t in doc.dates if text[t["start"] - 1:t["start"]] != "第"]
    masked = _masked(text, times, lex, limit)
    candidates = sorted(_candidates(expressions, masked), key=lambda c: c["match"].start())
    if not candidates:
        return []
    home = article_unit(doc.place)
    units = unit_mentions(text, doc.place)
    names = fullest_names(units)
    sentence_spans, paragraphs = doc.sentence_spans, doc.paragraphs
    rows = []
    for candidate in candidates:
        match = candidate["match"]
        index = doc.sentence_index(match.start())
        if index is None or match.start() >= sentence_spans[index][2]:
            continue
        para_no, sent_start, sent_end = sentence_spans[index]
        metric = _metric(doc, candidate, sent_start, rows, lex)
        if (metric is None and candidate["kind"] == "count" and candidate["unit"] in lex.person_units
                and match["num"] != "一"):   # 一名 is mostly "a" (包括一名外佣)
            # a count of people naming no metric, inside a breakdown (13宗死亡个案…，当中有2人来自院舍):
            # people of the total it breaks down
            bare = {"metric": None, "value": candidate["value"], "kind": "count",
                    "start": match.start(), "end": match.end(), "unit": candidate["unit"]}
            total = _part_of(doc, bare, rows, sent_start, None, lex)
            metric = total["metric"] if total is not None else None
        if metric is None:
            continue
        approx = (any(match.groupdict().get(name) for name in ("before", "after_number", "after_unit"))
                  or is_approximate(match["num"]))
        as_of, as_of_start, as_of_source = _as_of(times, (sent_start, sent_end), paragraphs[para_no],
                                                  match.start(), article_day)
        figure = {
            "doc_id": doc.doc_id, "region": doc.region, "metric": metric,
            "value": float(candidate["value"]),
            "value_high": float(candidate["value_high"]) if candidate["value_high"] is not None else float("nan"),
            "approx": bool(approx), "unit": candidate["unit"], "kind": candidate["kind"],
            "as_of": as_of, "as_of_start": as_of_start, "as_of_source": as_of_source,
            "text": match.group(), "start": match.start(), "end": match.end(),
            "sentence": text[sent_start:sent_end], "para_no": para_no,
        }
        clause_start = doc.clause_start(match.start(), sent_start)
        in_clause = [unit for s, _, unit in units if clause_start <= s < match.start()]
        own_unit = in_clause[-1] if in_clause else None
        total = _part_of(doc, figure, rows, sent_start, own_unit, lex)
        if total is not None and figure["metric"] == "positive" and lex.generic_case_noun.search(
                text[max(sent_start, match.start() - 4):match.end() + 8]):
            figure["metric"] = total["metric"]   # 分别为52例本土个案: cases of what the total counts
        unit = _place(doc, units, figure, total, rows, sent_start, paragraphs[para_no], home, lex)
        figure.update({
            "_unit": unit, "part_of": f"{doc.doc_id}@{total['start']}-{total['end']}" if total else "",
            "place": names.get(unit.full or unit.name, unit.name), "place_full": unit.full,
            "place_level": unit.level, "place_parent": unit.parent, "place_en": unit.en,
        })
        figure["scope"] = _scope(doc, sent_start, figure, rows[-1] if rows else None, lex)
        rows.append(figure)
    for row in rows:
        del row["_unit"]
    return rows


def extract_figures(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per case figure in ``docs`` (columns in the module docstring)."""
    lex = _lexicon()
    rows = [row for doc in documents(docs, REQUIRED_FIELDS) for row in _document_figures(doc, lex)]
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["as_of_start"] = pd.to_datetime(frame["as_of_start"])
    frame = frame.astype({"value": float, "value_high": float, "approx": bool, "start": int, "end": int, "para_no": int})
    return apply_corrections("figures", with_row_id(frame.sort_values(["doc_id", "start"], kind="stable")
                                                    .reset_index(drop=True)), docs)


# ---------------------------------------------------------------- per capita

def load_population(path: str | Path | None = None) -> pd.DataFrame:
    """The census table ``data/reference/population.csv`` (place, place_zh, level, population, census_year, source)."""
    table = pd.read_csv(Path(path) if path is not None else REFERENCE_DIR / "population.csv")
    if table["place"].duplicated().any():
        raise ValueError("population table lists a place twice: keep one row per place")
    return table


def per_capita(figures: pd.DataFrame, *, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """``figures`` with ``population``, ``census_year`` and ``per_100k`` (value per 100,000
    residents) for counts whose place has a known population; NaN elsewhere."""
    if not isinstance(figures, pd.DataFrame) or not {"place", "value", "kind", "metric"} <= set(figures.columns):
        raise ValueError("per_capita expects the frame extract_figures() returns")
    table = load_population() if population is None else population
    if not {"place", "population", "census_year"} <= set(table.columns):
        raise ValueError("population needs columns place, population, census_year")
    lookup = table.set_index("place")[["population", "census_year"]]
    result = figures.drop(columns=[c for c in PER_CAPITA_COLUMNS if c in figures.columns])
    census_place = _census_place(result)
    result["population"] = census_place.map(lookup["population"]).astype(float)
    result["census_year"] = census_place.map(lookup["census_year"]).astype("Int64")
    countable = (result["kind"] == "count") & result["metric"].isin(_lexicon().per_capita_metrics)
    result["per_100k"] = (result["value"] / result["population"] * 100_000).where(countable)
    return result


def _census_place(figures: pd.DataFrame) -> pd.Series:
    """The name the census table knows a figure's place by: ``place_en`` (the census table is keyed
    by the canonical English name), else ``place`` (a frame made before place_en existed)."""
    if "place_en" not in figures.columns:
        return figures["place"]
    return figures["place_en"].where(figures["place_en"].fillna("").astype(str).str.len() > 0, figures["place"])


# ---------------------------------------------------------------- comparison tables

SCOPE_PREFERENCE = {"cumulative": 0, "current": 1, "new": 2, "none": 3}
CASE_PARTS = ("confirmed", "asymptomatic")


def _latest(counts: pd.DataFrame) -> pd.DataFrame:
    """Per (doc_id, place, metric) the figure with the latest as_of; at equal times a
    cumulative/current figure beats a new one, and a later mention beats an earlier one."""
    ranked = counts.assign(_scope=counts["scope"].map(SCOPE_PREFERENCE)).sort_values(
        ["doc_id", "place", "metric", "as_of", "_scope", "start"],
        ascending=[True, True, True, False, True, False], kind="stable", na_position="last")
    return ranked.drop_duplicates(["doc_id", "place", "metric"]).drop(columns=["_scope"])


def outbreak_scale(figures: pd.DataFrame, *, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """The scale of the outbreak and the response in each article, one row per place it gives
    figures for (columns in the module docstring)."""
    if not isinstance(figures, pd.DataFrame) or not set(FIGURE_COLUMNS) <= set(figures.columns):
        raise ValueError("outbreak_scale expects the frame extract_figures() returns")
    keys = ["doc_id", "region", "place"]
    # a breakdown of a total at the same place (其中轻型10例) is not the place's count; a share at a
    # finer place (其中海珠区4065例) is that place's count
    total_place = figures["part_of"].map(figures.set_index("row_id")["place"])
    counts = figures[(figures["kind"] == "count") & ~(figures["part_of"].astype(bool) & (total_place == figures["place"]))]
    latest = _latest(counts)
    wide = latest.pivot_table(index=keys, columns="metric", values="value", aggfunc="first")
    wide.columns = list(wide.columns)
    is_case = latest["metric"].isin([*CASE_PARTS, "positive"])
    case_scope = latest[is_case].groupby(keys)["scope"].agg(lambda s: "+".join(sorted(set(s)))).rename("case_scope")
    as_of = latest.groupby(keys)["as_of"].max()
    level = latest.groupby(keys)["place_level"].first().rename("place_level")
    census_place = _census_place(latest).groupby([latest[key] for key in keys]).first().rename("_census_place")
    table = (wide.join(level, how="left").join(as_of, how="left").join(case_scope, how="left")
             .join(census_place, how="left").reset_index())
    parts = [table[m] for m in CASE_PARTS if m in table]
    summed = pd.concat(parts, axis=1).sum(axis=1, min_count=1) if parts else pd.Series(float("nan"), index=table.index)
    positive = table["positive"] if "positive" in table else pd.Series(float("nan"), index=table.index)
    table["cases"] = summed.fillna(positive)

    def column(name):
        return table[name] if name in table else pd.Series(float("nan"), index=table.index)

    table["rooms_per_case"] = column("isolation_rooms") / table["cases"]
    table["contacts_per_case"] = column("close_contacts") / table["cases"]
    table["isolated_per_case"] = column("isolated_people") / table["cases"]
    census = (load_population() if population is None else population).set_index("place")["population"]
    table["population"] = table["_census_place"].map(census).astype(float)
    table["cases_per_100k"] = table["cases"] / table["population"] * 100_000
    table["isolated_per_100k"] = column("isolated_people") / table["population"] * 100_000
    front = [*keys, "place_level", "as_of", "case_scope", "cases"]
    metrics = sorted(c for c in wide.columns)
    ratios = ["rooms_per_case", "contacts_per_case", "isolated_per_case", "population", "cases_per_100k", "isolated_per_100k"]
    table["case_scope"] = table["case_scope"].fillna("")
    return table[front + metrics + ratios].sort_values(keys, kind="stable").reset_index(drop=True)
