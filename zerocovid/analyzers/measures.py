"""Enumerated measures, the vulnerable groups they serve, and how people reach medical care.

Officials announce their response as numbered lists (一是…二是…, 一要…二要…, 1. 2., 一、二、,
（一）, 1）, ①, 第一 / 第二个措施是, 其一, 首先…其次…最后, 第一阶段…第二阶段) or parallel clauses
(隔离上要… 生活上要…; 在X方面，…); reports also number questions, sections of an epidemiological
summary and cases (病例1：…). ``extract_measures(docs)`` turns every such list into one row per item,
and tells measures from next steps, admitted problems and everything else by the introducing sentence
and the items together. Rules
and lexicons live in ``resources/measures.yaml``, ``measure_categories.yaml``,
``vulnerable_groups.yaml`` and ``medical_access.yaml``.

``extract_measures(docs)`` columns:
    doc_id, region; list_no (1-based per document, in order of the list's first item);
    item_no (1-based; the number written in the marker, or the position for 首先…最后 and
    parallel clauses); marker (as written, e.g. 一是, 1.,
    隔离上要); style (marker style id: shi, yao, cn_dun, cn_paren, arabic_paren, arabic,
    circled, di, qi, sequence, parallel, stage; case lists 病例1 … are arabic); heading (bold span or lead clause, see
    measures.yaml), heading_start, heading_end; text (the item from its marker to the next
    item of its list or the end of its paragraph; a paragraph item also covers lists nested
    under it), start, end;
    para_no (1-based paragraph of the marker); kind (measure, shortcoming, next_step, other);
    category (one of ``categories()``; a nested item without keywords takes its parent's; items of
    `other` lists, e.g. case movements, are not measures and get `other`);
    category_score (keyword score, 0 when no keyword matched); oxcgrt (nearest OxCGRT indicator,
    empty when none); intro (the sentence introducing the list), intro_start, intro_end;
    parent_list, parent_item (the item a nested list sits in; <NA> for top-level lists);
    depth (0 for top-level lists).

Every table ends with ``corrected`` (bool: a human correction in the corpus folder's corrections.csv
set or added the row; see ``zerocovid.corrections``).

``groups(docs)`` columns:
    doc_id, region, start, end, group (English id), term (as written), list_no, item_no
    (innermost measure item containing the mention, <NA> if none), kind (that item's kind,
    empty if none), in_measure.

``medical_access(docs)`` columns:
    doc_id, region, start, end, feature (English id), term (as written), list_no, item_no,
    kind, in_measure (as for groups).

Tables and charts of these (``count_table``, ``admitted_vs_promised``, ``count_heatmap``) are in
``zerocovid.report``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..corrections import apply_corrections
from ..document import DOCUMENT_CACHE_SIZE, Document, documents
from ..lexicons import load_resource
from ..numerals import whole_number
from ..rows import with_row_id
from ..scan import Finder, FinderSet
from ..text import alternation

MEASURE_COLUMNS = ["row_id", "doc_id", "region", "list_no", "item_no", "marker", "style", "heading",
                   "heading_start", "heading_end", "text", "start", "end", "para_no", "kind",
                   "category", "category_score", "oxcgrt", "intro", "intro_start", "intro_end",
                   "parent_list", "parent_item", "depth", "corrected"]
GROUP_COLUMNS = ["row_id", "doc_id", "region", "start", "end", "group", "term", "list_no", "item_no",
                 "kind", "in_measure", "corrected"]
ACCESS_COLUMNS = ["row_id", "doc_id", "region", "start", "end", "feature", "term", "list_no", "item_no",
                  "kind", "in_measure", "corrected"]
PARALLEL = "parallel"
LAST = -1   # item number of a sequence word that closes its list (最后)
HEADING_SENTENCE_END = "。！？；"
HEADING_CLAUSE_END = "，：；。！？"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
TRAILING_PUNCT = "。；，：！？、 \u3000"
HEADING_LEAD_PUNCT = "：:，, \u3000"



@dataclass
class Item:
    style: str
    num: int
    start: int          # marker start
    marker_end: int
    para_no: int
    para_end: int
    topic: str = ""     # parallel lists: the field of work (隔离 in 隔离上要)
    form: int = 0       # parallel lists: index of the clause pattern in measures.yaml
    opens_paragraph: bool = False
    end: int = 0
    series: str = ""    # lists form within one series (the style, unless the marker names another)


@dataclass
class ItemList:
    style: str
    items: list[Item] = field(default_factory=list)
    kind: str | None = None                  # set by the marker's series (case lists: other)
    parent: tuple[int, int] | None = None   # (index of parent list, index of parent item)
    closed: bool = False                     # a closing sequence word (最后) ended it


# ---------------------------------------------------------------- lexicons

@lru_cache(maxsize=1)
def _rules() -> dict:
    return load_resource("measures")


@lru_cache(maxsize=1)
def _marker_patterns() -> list[tuple[str, re.Pattern]]:
    return [(m["style"], re.compile(m["pattern"])) for m in _rules()["markers"]]


@lru_cache(maxsize=1)
def _series_kinds() -> dict[str, str]:
    """The kind every list of a series has, for series whose marker says it (case lists: other)."""
    return {m.get("series", m["style"]): m["kind"] for m in _rules()["markers"] if "kind" in m}


@lru_cache(maxsize=1)
def _kind_rules() -> list[tuple[str, re.Pattern]]:
    return [(r["kind"], re.compile(r["pattern"])) for r in _rules()["kind_rules"]]


@lru_cache(maxsize=1)
def _item_kind_rules() -> list[tuple[str, re.Pattern, re.Pattern | None]]:
    return [(r["kind"], re.compile(r["pattern"]), re.compile(r["unless"]) if "unless" in r else None)
            for r in _rules()["item_kind_rules"]]


@lru_cache(maxsize=1)
def _place_rules() -> tuple[tuple[str, ...], re.Pattern, re.Pattern]:
    rules = _rules()
    return (tuple(rules["place_suffixes"]), re.compile(rules["not_in_place_names"]),
            re.compile(rules["place_count_clause"]))


@lru_cache(maxsize=1)
def _categories() -> list[dict]:
    return load_resource("measure_categories")["categories"]


@lru_cache(maxsize=1)
def _category_keywords() -> list[tuple[str, list[tuple[str, int | float]], frozenset[str]]]:
    """(id, [(keyword, weight), …] in resource order, the keywords as a set) per category."""
    table = []
    for category in _categories():
        keywords = [(str(kw["word"]), kw["weight"]) for kw in category["keywords"]]
        table.append((category["id"], keywords, frozenset(word for word, _ in keywords)))
    return table


@lru_cache(maxsize=1)
def _keyword_search() -> tuple[re.Pattern, dict[str, list[str]]]:
    """One search for all category keywords (the longest at each position), and for each keyword
    the keywords it begins with, which occur wherever it does."""
    words = {word for _, keywords, _ in _category_keywords() for word, _ in keywords}
    return re.compile(alternation(words)), {w: [k for k in words if w.startswith(k)] for w in words}


@lru_cache(maxsize=1)
def _group_pattern() -> tuple[Finder, dict[str, str]]:
    """Optional modifier + one literal term (longest first), and the term → group id map."""
    resource = load_resource("vulnerable_groups")
    owner = {}
    for entry in resource["groups"]:
        for term in entry["terms"]:
            owner.setdefault(term, entry["id"])
    modifiers = alternation(m["word"] for m in resource.get("modifiers", []))
    prefix = f"(?:{modifiers})?" if modifiers else ""
    return Finder(re.compile(f"{prefix}(?P<term>{alternation(owner)})")), owner


@lru_cache(maxsize=1)
def _access_pattern() -> tuple[Finder, list[str]]:
    """One alternation with a named group per feature pattern, in resource order (searched through a Finder:
    ``re`` tries its digit patterns at every position, 1 ms per article)."""
    parts, names = [], []
    for entry in load_resource("medical_access")["features"]:
        for pattern in entry["patterns"]:
            names.append(entry["id"])
            parts.append(f"(?P<f{len(names) - 1}>{pattern})")
    return Finder(re.compile("|".join(parts))), names


@lru_cache(maxsize=1)
def _sequence_numbers() -> dict[str, int]:
    return {w["word"]: LAST if w["num"] == "last" else int(w["num"]) for w in _rules()["sequence_words"]}


@lru_cache(maxsize=256)
def _number(text: str) -> int:
    """The item number a marker writes; cached, as lists repeat the same few numbers."""
    if text in CIRCLED:
        return CIRCLED.index(text) + 1
    if text in _sequence_numbers():
        return _sequence_numbers()[text]
    if text.isdigit():
        return int(text)
    return whole_number(text)


# ---------------------------------------------------------------- finding items

def _clause_start(text: str, pos: int, para_start: int) -> int | None:
    """Where the clause holding a marker at pos starts (pos or the paragraph start), or None."""
    boundary = _rules()["clause_boundary"]
    while pos > para_start and text[pos - 1] in " \u3000\t":
        pos -= 1
    if pos == para_start:
        return para_start
    return pos if text[pos - 1] in boundary else None


@lru_cache(maxsize=1)
def _parallel_rules() -> tuple[list[Finder], set[str], tuple[str, ...]]:
    rules = _rules()["parallel"]
    return ([Finder(re.compile(p["pattern"])) for p in rules["patterns"]],
            {e["word"] for e in rules["not_fields"]},
            tuple(e["word"] for e in rules["not_field_starts"]))


@lru_cache(maxsize=1)
def _marker_search() -> FinderSet:
    """One search for the marker patterns of all styles."""
    return FinderSet(pattern for _, pattern in _marker_patterns())


def _candidates(doc: Document) -> list[Item]:
    """Every marker at a clause start, numbered styles and parallel clauses alike."""
    text = doc.text
    markers = _rules()["markers"]
    parallel_patterns, not_fields, not_field_starts = _parallel_rules()
    paragraphs = [(para_no, p_start, p_end, text[p_start:p_end])
                  for para_no, (p_start, p_end) in doc.paragraphs.items()]
    found = []
    for para_no, p_start, p_end, paragraph in paragraphs:
        for style_no, m in _marker_search().finditer(paragraph):
            start = p_start + m.start()
            clause = _clause_start(text, start, p_start)
            marker = markers[style_no]
            if clause is None or (marker.get("opens_paragraph") and clause != p_start):
                continue
            try:
                number = _number(m["num"])
            except ValueError:  # numeral characters that are no number (十十是): not a marker
                continue
            found.append(Item(marker["style"], number, start, p_start + m.end(), para_no, p_end,
                              opens_paragraph=clause == p_start,
                              series=marker.get("series", marker["style"])))
    for form, parallel in enumerate(parallel_patterns):
        if not parallel.could_match(text):
            continue
        for para_no, p_start, p_end, paragraph in paragraphs:
            for m in parallel.finditer(paragraph):
                start = p_start + m.start()
                field_ok = m["field"] not in not_fields and not m["field"].startswith(not_field_starts)
                if field_ok and _clause_start(text, start, p_start) is not None:
                    found.append(Item(PARALLEL, 0, start, p_start + m.end(), para_no, p_end,
                                      topic=m["field"], form=form))
    # one (start, style) may hold two parallel forms: the stable sort keeps them in form order
    return sorted(found, key=lambda c: (c.start, c.style))


def _within_gap(last: Item, cand: Item) -> bool:
    """Few enough paragraphs between two items; more when both open their paragraphs (headings)."""
    rules = _rules()
    headed = last.opens_paragraph and cand.opens_paragraph
    max_gap = rules["max_gap_paragraphs_headed"] if headed else rules["max_gap_paragraphs"]
    return cand.para_no - last.para_no <= max_gap + 1


def _numbered_lists(candidates: list[Item]) -> list[ItemList]:
    """Greedy: 1 opens a list; n continues the latest open list of its style ending in n-1.

    A closing sequence word (最后) continues the latest open list of its style, whatever its
    last number, and closes it.
    """
    lists: list[ItemList] = []
    for cand in candidates:
        if cand.style == PARALLEL:
            continue
        if cand.num == 1:
            lists.append(ItemList(cand.style, [cand], kind=_series_kinds().get(cand.series)))
            continue
        for open_list in reversed(lists):
            last = open_list.items[-1]
            if last.series != cand.series or open_list.closed or not _within_gap(last, cand):
                continue
            if cand.num == LAST:
                cand.num, open_list.closed = last.num + 1, True
            if last.num == cand.num - 1:
                open_list.items.append(cand)
                break
    return lists


def _parallel_lists(candidates: list[Item], doc: Document) -> list[ItemList]:
    """Runs of parallel clauses of one form (X上要, X方面) in one paragraph, or continuing in the
    next paragraph's first sentence."""
    if all(c.style != PARALLEL for c in candidates):
        return []
    first_sentence_end = {}
    for para_no, _start, end in doc.sentence_spans:
        first_sentence_end.setdefault(para_no, end)
    runs: list[ItemList] = []
    for cand in (c for c in candidates if c.style == PARALLEL):
        run = runs[-1] if runs else None
        if run is not None:
            last = run.items[-1]
            joins = cand.form == last.form and (
                cand.para_no == last.para_no
                or (cand.para_no == last.para_no + 1
                    and cand.start < first_sentence_end.get(cand.para_no, cand.start)))
            if joins and cand.topic not in {i.topic for i in run.items}:
                cand.num = len(run.items) + 1
                run.items.append(cand)
                continue
        cand.num = 1
        runs.append(ItemList(PARALLEL, [cand]))
    return runs


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _set_item_ends(lists: list[ItemList], text: str) -> None:
    for item_list in lists:
        for item, following in zip(item_list.items, item_list.items[1:] + [None]):
            end = item.para_end
            if following is not None and following.start < end:
                end = following.start
            item.end = _trim_end(text, item.start, end)


def _is_title(text: str, item: Item) -> bool:
    """Whether an item's own paragraph is a title for what follows: it ends in a colon or a question
    mark, or is short and holds no sentence end (（二）管控措施; 二、须关闭之场所：; 3.何时返校？)."""
    own = text[item.marker_end:item.para_end].strip()
    return own.endswith(("：", ":", "？", "?")) or (len(own) <= _rules()["max_heading_chars"]
                                                   and not any(c in HEADING_SENTENCE_END for c in own))


def _heads_next(text: str, last: Item, outer: ItemList, first: Item) -> bool:
    """Whether the last item of a list of headings (一、… 二、… or numbered questions, each opening its
    paragraph) is a title holding a list of another series that follows it, as the earlier headings
    hold the lists below them (a second 1. 2. list after a 1. 2. list is its sibling, not its child):
    a list of headings within the gap headed items allow, a list inside a paragraph within the
    ordinary gap."""
    rules = _rules()
    gap = rules["max_gap_paragraphs_headed"] if first.opens_paragraph else rules["max_gap_paragraphs"]
    return (all(item.opens_paragraph for item in outer.items) and first.series != last.series
            and _is_title(text, last) and first.para_no - last.para_no <= gap + 1)


def _nest(lists: list[ItemList], text: str) -> None:
    """Put each list inside the latest-starting item that holds it.

    A list sits in item i of another list when it starts after item i and ends before item
    i+1 starts (then item i is extended over it); for the last item, only when it lies
    inside that item's own text, or when both are headings (``_heads_next``).
    """
    for b_index, inner in enumerate(lists):
        b_start, b_end = inner.items[0].start, inner.items[-1].end
        best = None
        for a_index, outer in enumerate(lists):
            if a_index == b_index or outer.items[0].start >= b_start:
                continue
            for i_index, item in enumerate(outer.items):
                following = outer.items[i_index + 1] if i_index + 1 < len(outer.items) else None
                if following is not None:
                    holds = item.start < b_start and b_end <= following.start
                else:
                    holds = item.start < b_start and (b_end <= item.end or _heads_next(text, item, outer, inner.items[0]))
                if holds and (best is None or item.start > lists[best[0]].items[best[1]].start):
                    best = (a_index, i_index)
        inner.parent = best
    for inner in lists:
        if inner.parent is not None:
            item = lists[inner.parent[0]].items[inner.parent[1]]
            item.end = max(item.end, inner.items[-1].end)


def _find_lists(doc: Document) -> list[ItemList]:
    rules = _rules()
    text = doc.text
    candidates = _candidates(doc)
    lists = [lst for lst in _numbered_lists(candidates) + _parallel_lists(candidates, doc)
             if len(lst.items) >= rules["min_items"]]
    lists.sort(key=lambda lst: lst.items[0].start)
    # an item's length counts the lists nested under it (a heading 范围 over a list of areas):
    # nest, drop lists with too short an item, and nest again until nothing is dropped
    while True:
        _set_item_ends(lists, text)
        _nest(lists, text)
        kept = [lst for lst in lists if all(i.end - i.marker_end >= rules["min_item_chars"] for i in lst.items)]
        if len(kept) == len(lists):
            return lists
        lists = kept


# ---------------------------------------------------------------- describing items

def _content_start(text: str, item: Item) -> int:
    """Where an item's words start: after its marker and the punctuation right after it (第一阶段：巩固…
    → 巩固…); a parallel clause starts with its field."""
    content = item.start if item.style == PARALLEL else item.marker_end
    while content < item.end and text[content] in HEADING_LEAD_PUNCT:
        content += 1
    return content


def _heading(text: str, item: Item, bold_spans) -> tuple[int, int]:
    content = _content_start(text, item)
    limit = min(item.end, item.para_end)   # a heading never runs into a nested list below it
    sentence_end = next((k + 1 for k in range(content, limit) if text[k] in HEADING_SENTENCE_END), limit)
    for b_start, b_end in bold_spans:
        if b_start in (item.start, item.marker_end) and b_end <= sentence_end and b_end > content:
            return content, _strip_punct(text, content, b_end)
    sentence_heading_end = _strip_punct(text, content, sentence_end)
    if sentence_heading_end - content <= _rules()["max_heading_chars"]:   # counted without its 。
        return content, sentence_heading_end
    # a parallel clause's field (医疗救治方面，) is no heading on its own: look past the comma after it
    clause_from = item.marker_end + 1 if item.style == PARALLEL else content
    clause_end = next((k for k in range(clause_from, limit) if text[k] in HEADING_CLAUSE_END), limit)
    return content, _strip_punct(text, content, clause_end)


def _strip_punct(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in TRAILING_PUNCT:
        end -= 1
    return end


def _intro(doc: Document, first: Item) -> tuple[int, int]:
    """Text before the marker in its sentence, or else the sentence before the list."""
    text, sentence_spans = doc.text, doc.sentence_spans
    index = doc.sentence_index(first.start)
    if index is None:
        return first.start, first.start
    _, start, end = sentence_spans[index]
    if first.start < end:  # the marker's own sentence
        if start < first.start:
            return start, _trim_end(text, start, first.start)
        index -= 1
    return sentence_spans[index][1:] if index >= 0 else (first.start, first.start)


def _intro_kind(intro: str) -> str | None:
    return next((kind for kind, pattern in _kind_rules() if pattern.search(intro)), None)


def _lead_clause(text: str, item: Item) -> str:
    """The item's lead clause: its first clause after the marker, or, when that is only a label (a
    time such as 1月9日7时起, a department such as 教育局部分), the label and the clause after it."""
    content, limit = _content_start(text, item), min(item.end, item.para_end)
    ends = [k for k in range(content, limit) if text[k] in HEADING_CLAUSE_END] + [limit]
    if len(ends) > 2 and _label_pattern().fullmatch(text[content:ends[0]]):
        return text[content:ends[1]]
    return text[content:ends[0]]


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern:
    return re.compile(_rules()["lead_labels"])


def _lead(text: str, item: Item) -> str:
    """The item's first sentence after its marker, with its closing punctuation (a question keeps its ？)."""
    content, limit = _content_start(text, item), min(item.end, item.para_end)
    end = next((k + 1 for k in range(content, limit) if text[k] in HEADING_SENTENCE_END), limit)
    return text[content:end].rstrip(HEADING_LEAD_PUNCT)


def _names_only(lead: str) -> bool:
    """Whether a lead sentence only names places or venues, perhaps with counts (measures.yaml)."""
    suffixes, not_in_names, count_clause = _place_rules()
    lead = re.sub(r"[（(][^）)]*[）)]", "", lead).rstrip(TRAILING_PUNCT)
    lead = re.sub(r"^[^，：:]{1,4}[：:]", "", lead)           # 户外：… a label before the names
    names, *counts = lead.split("，")
    parts = [p.strip() for p in re.split("[、及和与]", names)]
    return (all(p and len(p) <= 16 and p.endswith(suffixes) and not not_in_names.search(p) for p in parts)
            and all(count_clause.match(c.strip()) for c in counts))


def _item_kind(lead: str) -> str | None:
    """The kind an item's lead sentence shows by itself (measures.yaml item_kind_rules), or None."""
    for kind, pattern, unless in _item_kind_rules():
        if pattern.search(lead) and not (unless and unless.search(lead)):
            return kind
    return "other" if _names_only(lead) else None


def _kind(intro: str, leads: list[str], parent_kind: str | None) -> str:
    """A list's kind from its intro and its items together: an `other` intro decides; else each item
    votes its own kind or, when it shows none, the intro's (or the parent item's, or the default);
    most votes win, a tie goes to the first item's vote."""
    intro_kind = _intro_kind(intro)
    if intro_kind == "other":
        return intro_kind
    # a list under a question, a case or a name holds answers or details, not more of the same
    inherited = parent_kind if parent_kind != "other" else None
    base = intro_kind or inherited or _rules()["default_kind"]
    votes = [_item_kind(lead) or base for lead in leads]
    most = max(votes.count(v) for v in votes)
    return next(v for v in votes if votes.count(v) == most)


def _keyword_counts(text: str) -> dict[str, int]:
    """How often each keyword occurs in ``text``, counted as ``str.count`` does: occurrences of one
    keyword do not overlap, those of different keywords may (核酸检测 also counts 核酸 and 检测)."""
    pattern, prefixes = _keyword_search()
    counts: dict[str, int] = {}
    ends: dict[str, int] = {}
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        for word in prefixes[match.group()]:
            if start >= ends.get(word, 0):
                counts[word] = counts.get(word, 0) + 1
                ends[word] = start + len(word)
        position = start + 1
    return counts


def categorize(text: str, heading: str = "", lead: str = "") -> tuple[str, int]:
    """(category, score) of one item: weighted keyword counts, those in the heading counted
    heading_factor times and those in the lead sentence lead_factor times, since the codebook
    decides by the lead clause and a later clause on a side topic must not outweigh it."""
    rules = _rules()
    heading_factor, lead_factor = rules["heading_factor"], rules["lead_factor"]
    in_text, in_heading, in_lead = _keyword_counts(text), _keyword_counts(heading), _keyword_counts(lead)
    found = in_text.keys() | in_heading.keys() | in_lead.keys()
    best, best_score, tied = "other", 0, False
    for category, keywords, words in _category_keywords():
        if found.isdisjoint(words):
            continue  # scores 0, which never beats best_score
        score = sum(weight * (in_text.get(word, 0) + (heading_factor - 1) * in_heading.get(word, 0)
                              + (lead_factor - 1) * in_lead.get(word, 0))
                    for word, weight in keywords)
        if score > best_score:
            best, best_score, tied = category, score, False
        elif score == best_score:
            tied = True
    if tied and not (in_heading.keys() | in_lead.keys()):
        return "other", 0   # no topic up front and two topics of equal weight after it: none decides
    return best, best_score


def _oxcgrt() -> dict[str, str]:
    return {c["id"]: c["oxcgrt"] or "" for c in _categories()}


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _measure_rows(doc: Document) -> tuple[dict, ...]:
    """The items of one document in table order (start, then depth), worked out once: groups()
    and medical_access() look mentions up among them."""
    oxcgrt = _oxcgrt()
    text = doc.text
    rows = []
    lists = _find_lists(doc)
    kinds: list[str] = []
    item_categories: dict[tuple[int, int], str] = {}
    # an item's own text stops where a list nested in it starts: its category is its own topic
    own_end = {(l_index, i_index): item.end for l_index, lst in enumerate(lists)
               for i_index, item in enumerate(lst.items)}
    for inner in lists:
        if inner.parent is not None:
            own_end[inner.parent] = min(own_end[inner.parent], inner.items[0].start)
    for list_no, item_list in enumerate(lists, start=1):
        intro_start, intro_end = _intro(doc, item_list.items[0])
        parent_kind = None
        if item_list.parent:   # the parent item's own kind (下步工作要求), else its list's
            parent_item = lists[item_list.parent[0]].items[item_list.parent[1]]
            parent_kind = _item_kind(_lead(text, parent_item)) or kinds[item_list.parent[0]]
        kind = item_list.kind or _kind(text[intro_start:intro_end],
                                       [_lead(text, item) for item in item_list.items], parent_kind)
        kinds.append(kind)
        depth, up = 0, item_list.parent
        while up is not None:
            depth, up = depth + 1, lists[up[0]].parent
        for item_index, item in enumerate(item_list.items):
            h_start, h_end = _heading(text, item, doc.bold_spans)
            category, score = categorize(text[item.start:own_end[(list_no - 1, item_index)]],
                                         text[h_start:h_end], _lead_clause(text, item))
            if kind in _rules()["uncategorized_kinds"]:
                category, score = "other", 0
            elif score == 0 and item_list.parent is not None:
                category = item_categories[item_list.parent]
            item_categories[(list_no - 1, item_index)] = category
            rows.append({
                "doc_id": doc.doc_id, "region": doc.region, "list_no": list_no,
                "item_no": item.num, "marker": text[item.start:item.marker_end],
                "style": item.style, "heading": text[h_start:h_end],
                "heading_start": h_start, "heading_end": h_end,
                "text": text[item.start:item.end], "start": item.start, "end": item.end,
                "para_no": item.para_no, "kind": kind, "category": category,
                "category_score": score, "oxcgrt": oxcgrt[category],
                "intro": text[intro_start:intro_end], "intro_start": intro_start,
                "intro_end": intro_end,
                "parent_list": item_list.parent[0] + 1 if item_list.parent else pd.NA,
                "parent_item": (lists[item_list.parent[0]].items[item_list.parent[1]].num
                                if item_list.parent else pd.NA),
                "depth": depth,
            })
    return tuple(sorted(rows, key=lambda row: (row["start"], row["depth"])))


def extract_measures(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per item of every enumerated list, sorted by (doc_id, start)."""
    rows = [row for doc in documents(docs) for row in _measure_rows(doc)]
    if not rows:
        return apply_corrections("measures", with_row_id(_empty(MEASURE_COLUMNS)), docs)
    out = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    for column in ("parent_list", "parent_item"):
        out[column] = out[column].astype("Int64")
    return apply_corrections("measures", with_row_id(out.sort_values(["doc_id", "start", "depth"], kind="stable")
                                                     .reset_index(drop=True)), docs)


def _locate(items: list[tuple], start: int, end: int) -> tuple:
    """(list_no, item_no, kind) of the innermost item holding [start, end), or NAs.

    Innermost is the deepest, then the latest-starting; of equals, the last in table order.
    """
    best_key, best = None, (pd.NA, pd.NA, "")
    for item_start, item_end, depth, list_no, item_no, kind in items:
        if item_start <= start and end <= item_end and (best_key is None or (depth, item_start) >= best_key):
            best_key, best = (depth, item_start), (list_no, item_no, kind)
    return best


def _mentions(docs: pd.DataFrame, columns: list[str], matcher, discriminator: str) -> pd.DataFrame:
    """Mentions ``matcher`` finds in each text, each with the innermost measure item holding it
    (looked up among its own document's items, so the work stays linear in the corpus size)."""
    rows = []
    item_fields = ("start", "end", "depth", "list_no", "item_no", "kind")
    for doc in documents(docs):
        doc_items = [tuple(row[f] for f in item_fields) for row in _measure_rows(doc)]
        for start, end, label in matcher(doc.text):
            list_no, item_no, kind = _locate(doc_items, start, end)
            rows.append((doc.doc_id, doc.region, start, end, label, doc.text[start:end],
                         list_no, item_no, kind, not pd.isna(list_no)))
    if not rows:
        return with_row_id(_empty(columns), discriminator)
    out = pd.DataFrame(rows, columns=columns[1:-1])  # row_id (from the spans) and corrected are added after
    for column in ("list_no", "item_no"):
        out[column] = out[column].astype("Int64")
    return with_row_id(out.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True), discriminator)


def groups(docs: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a vulnerable group (resources/vulnerable_groups.yaml), with its measure item."""
    pattern, owner = _group_pattern()

    def matcher(text):
        return [(m.start(), m.end(), owner[m["term"]]) for m in pattern.finditer(text)]
    return apply_corrections("groups", _mentions(docs, GROUP_COLUMNS, matcher, "group"), docs)


def medical_access(docs: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a way to reach medical care (resources/medical_access.yaml)."""
    pattern, names = _access_pattern()

    def matcher(text):
        return [(m.start(), m.end(), names[int(m.lastgroup[1:])]) for m in pattern.finditer(text)]
    return apply_corrections("medical_access", _mentions(docs, ACCESS_COLUMNS, matcher, "feature"), docs)


def categories() -> list[str]:
    """The category ids in resource order (resources/measure_categories.yaml)."""
    return [c["id"] for c in _categories()]


def access_features() -> list[str]:
    """The medical-access feature ids in resource order."""
    return [f["id"] for f in load_resource("medical_access")["features"]]


def group_ids() -> list[str]:
    """The vulnerable-group ids in resource order."""
    return [g["id"] for g in load_resource("vulnerable_groups")["groups"]]
