"""Places a text names: the gazetteer of the lexicon, anaphors (全市, 该州) and unlisted districts.

``place_mentions(text, article_place)`` gives (position, place) of every mention, in order: a listed
name as its canonical English name; an anaphor as the last place of its level named before (a
city anaphor before any city is the article's place); a district or county the gazetteer does not
list, named right before a figure (其中海珠区4065例), in Chinese. ``canonical_place(place)`` maps
the manifest's place (库尔勒市 or Korla) to the canonical name.

``unit_mentions(text, article_place)`` is what the figures read: every administrative unit the text
names, in Chinese as written, with its normalised full name, level, parent and English name
(``Unit``). The hierarchy comes from JioNLP's administrative-division data (province, prefecture,
county of every unit of the People's Republic, Hong Kong, Macau and Taiwan), so that 巴州 resolves
to 巴音郭楞蒙古自治州 in 新疆维吾尔自治区 without a hand-kept list; ``places.yaml`` adds only what it
lacks (English names, the country, 本港 / 本澳, unlisted names such as an invented 城南区).
"""
from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick_rs

from ..lexicons import load_resource
from ..scan import Finder
from ..text import alternation


@dataclass(frozen=True)
class PlaceLexicon:
    places: re.Pattern
    place_of: dict
    unlisted_place: Finder
    not_place_suffixes: tuple
    anaphor_level: dict


@lru_cache(maxsize=1)
def place_lexicon() -> PlaceLexicon:
    res = load_resource("places")
    places = {entry["name"]: (entry["place"], entry["level"]) for entry in res["places"]}
    anaphors = {entry["name"]: entry["level"] for entry in res["anaphors"]}
    return PlaceLexicon(places=re.compile(alternation([*places, *anaphors])), place_of=places,
                        unlisted_place=Finder(re.compile(res["unlisted_place"])),
                        not_place_suffixes=tuple(res["not_place_suffixes"]), anaphor_level=anaphors)


def canonical_place(place):
    """The canonical English name of the manifest's place (库尔勒市 → Korla, Korla → Korla);
    a place the lexicon does not list is kept as given."""
    lex = place_lexicon()
    if isinstance(place, str) and place.strip() in lex.place_of:
        return lex.place_of[place.strip()][0]
    return place


def place_mentions(text: str, article_place: str) -> list[tuple[int, str]]:
    """(position, place) of every place name of ``text``; anaphors (全市, 该州)
    become the last place of their level, a city anaphor before any city is named becomes the
    article's place; an unlisted district or county (其中海珠区4065例) keeps its Chinese name."""
    lex = place_lexicon()
    mentions, last_of_level = [], {"city": article_place}
    for match in lex.unlisted_place.finditer(text):
        name = match.group()
        if not name.endswith(lex.not_place_suffixes) and not lex.places.fullmatch(name):
            mentions.append((match.start(), name))
    for match in lex.places.finditer(text):
        name = match.group()
        if name in lex.place_of:
            place, level = lex.place_of[name]
            last_of_level[level] = place
        else:
            place = last_of_level.get(lex.anaphor_level[name])
            if place is None:
                continue
        mentions.append((match.start(), place))
    return sorted(mentions)


# ---------------------------------------------------------------- administrative units (figures)

RANK = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "district": 3, "township": 4}


def _rank(unit) -> float:
    """How high a unit stands; an unlisted …市 of unknown level stands above districts and counties."""
    return RANK.get(unit.level, 2.5 if unit.full.endswith("市") else 9)


@dataclass(frozen=True)
class Unit:
    """An administrative unit as one mention names it."""
    name: str           # as written (simplified Chinese): 巴州, 朝阳区
    full: str = ""      # the normalised full name: 巴音郭楞蒙古自治州; "" when unknown
    level: str = ""     # country, province, prefecture, county, district, township; "" when unknown
    parent: str = ""    # the full name of the unit one level up; "" when unknown
    en: str = ""        # the English name when the gazetteer gives one
    province: str = ""  # the full name of its province, to tell apart units of the same name


@dataclass(frozen=True)
class UnitLexicon:
    names: tuple               # every name and anaphor
    automaton: ahocorasick_rs.AhoCorasick   # finds them (see name_matches)
    candidates: dict           # name -> [Unit, ...] (several when units share a name: 朝阳区)
    anaphors: dict             # anaphor -> the suffix or level of the unit it stands for
    unlisted: Finder           # unlisted names before a figure (城南区新增…)
    not_place_suffixes: tuple
    unlisted_levels: dict      # suffix -> level of an unlisted name
    origin_before: re.Pattern  # a place after these words is where people came from, not the figure's
    origin_after: re.Pattern
    qualifier_before: re.Pattern  # （含 新疆生产建设兵团）: a unit included in the one before, not a new one
    english: dict              # full name or name -> English name


def _quiet_jionlp_divisions() -> dict:
    """JioNLP's province → prefecture → county dictionary. Importing jionlp prints a banner to
    stdout (it would land in every notebook), so the import runs with stdout captured."""
    with contextlib.redirect_stdout(io.StringIO()):
        from jionlp.dictionary.dictionary_loader import china_location_loader
    return china_location_loader(detail=False)


def _aliases(entry: dict) -> list[str]:
    alias = entry.get("_alias") or []
    return [alias] if isinstance(alias, str) else list(alias)


def _county_level(full: str) -> str:
    return "district" if full.endswith("区") else "county"


@lru_cache(maxsize=1)
def unit_lexicon() -> UnitLexicon:
    res = load_resource("places")
    units = res["units"]
    skip_aliases = set(units["not_place_names"])
    candidates: dict[str, list[Unit]] = {}

    def add(name: str, unit: Unit):
        if len(name) >= 2 and name not in skip_aliases and unit not in candidates.get(name, []):
            candidates.setdefault(name, []).append(unit)

    for province, pentry in _quiet_jionlp_divisions().items():
        top = Unit(province, province, "province", "", "", province)
        for name in [province, *_aliases(pentry)]:
            add(name, replace(top, name=name))
        for prefecture, centry in pentry.items():
            if prefecture.startswith("_"):
                continue
            # municipalities and SARs repeat themselves as their one prefecture; 省直辖 counties hang
            # from the province directly
            pseudo = prefecture in (province, *_aliases(pentry)) or prefecture.startswith(tuple(units["pseudo_prefectures"]))
            if not pseudo:
                unit = Unit(prefecture, prefecture, "prefecture", province, "", province)
                short = [f"{alias}州" for alias in _aliases(centry) if prefecture.endswith("自治州")]
                for name in [prefecture, *_aliases(centry), *short]:
                    add(name, replace(unit, name=name))
            parent = province if pseudo else prefecture
            for county, kentry in centry.items():
                if county.startswith("_") or not isinstance(kentry, dict):
                    continue
                unit = Unit(county, county, _county_level(county), parent, "", province)
                # a county's short name only when it is long enough not to be a word (满洲里, not 和硕)
                for name in [county, *(alias for alias in _aliases(kentry) if len(alias) >= 3)]:
                    add(name, replace(unit, name=name))
    gazetteer = {entry["name"]: entry for entry in res["places"]}
    english = {}
    for entry in units["extra"]:
        add(entry["name"], Unit(entry.get("place", entry["name"]), entry["full"], entry["level"],
                                entry.get("parent", ""), entry["en"], entry["full"]))
        english[entry["full"]] = entry["en"]
    for name, entry in gazetteer.items():   # English names of the gazetteer, by the unit they name
        for unit in candidates.get(name, []):
            english.setdefault(unit.full, entry["place"])
    anaphors = {entry["name"]: entry["refers_to"] for entry in units["anaphors"]}
    return UnitLexicon(
        names=(*candidates, *anaphors), automaton=_automaton([*candidates, *anaphors]),
        candidates=candidates, anaphors=anaphors,
        unlisted=Finder(re.compile(units["unlisted"])), not_place_suffixes=tuple(res["not_place_suffixes"]),
        unlisted_levels=units["unlisted_levels"], origin_before=re.compile(rf"(?:{units['origin_before']})$"),
        origin_after=re.compile(units["origin_after"]),
        qualifier_before=re.compile(rf"(?:{units['qualifier_before']})$"), english=english)


def _automaton(words: list[str]) -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


def name_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the unit names and anaphors in ``text``: at each position the longest name, left
    to right, without overlaps, as ``re.finditer`` of ``text.alternation(names)`` finds them (the reference
    the tests hold it to), by an Aho-Corasick automaton (Rust's aho-corasick crate, leftmost-longest):
    40 times faster than the regex on 4,000 names, 11 times faster than pyahocorasick."""
    return [(start, end, text[start:end]) for _, start, end in unit_lexicon().automaton.find_matches_as_indexes(text)]


def _choose(options: list[Unit], context: list[Unit]) -> Unit:
    """The unit a name stands for: of several with that name, the one inside a unit named before
    (朝阳区 after 北京市 is Beijing's), else the highest level (吉林 is the province), else the first."""
    coarser = next((u for u in reversed(context) if _rank(u) < 3), None)   # the last coarser unit named
    if coarser and not coarser.level and all(u.level in ("county", "district") for u in options):
        # 城北区 after a city no reference lists (an invented 东川市) is not Xining's 城北区 but a
        # district of that city
        return Unit(options[0].name, options[0].name, options[0].level, coarser.full, "", coarser.province)
    if len(options) == 1:
        return options[0]
    known = {u.full for u in context} | {u.province for u in context}
    inside = [u for u in options if u.parent in known or u.province in known or u.full in known]
    pool = inside or options
    best = min(pool, key=lambda u: RANK.get(u.level, 9))
    return best if inside or len({u.full for u in options}) == 1 or best.level in ("province", "prefecture") else \
        Unit(best.name, best.full, best.level, "", "", "")


def article_unit(article_place: str) -> Unit:
    """The manifest's place as a unit, in Chinese (Korla → 库尔勒市; 四川省 stays); a name neither the
    gazetteer nor JioNLP knows (Testville) is kept as given."""
    lex = unit_lexicon()
    name = str(article_place or "").strip()
    if name not in lex.candidates:
        chinese = [entry["name"] for entry in load_resource("places")["places"] if entry["place"] == name]
        name = chinese[0] if chinese else name
    if name in lex.candidates:
        unit = _choose(lex.candidates[name], [])
        return replace(unit, en=unit.en or lex.english.get(unit.full, ""))
    return Unit(name)


def unit_mentions(text: str, article_place: str) -> list[tuple[int, int, Unit]]:
    """(start, end, unit) of every administrative unit ``text`` names, in order, places of origin
    (从北原县返回, 来自…) left out. An anaphor (全市, 该州, 本港) is the last unit named before it whose
    name ends as the anaphor says (全市 → the last …市), else the article's place; an unlisted name
    (城南区, 河西街道) right before a figure or a reporting verb keeps its name, its parent the last
    coarser unit named before it."""
    lex = unit_lexicon()
    home = article_unit(article_place)
    found = []   # an unlisted name (城南区) wins over a listed one inside it (南区)
    for match in lex.unlisted.finditer(text):
        name = match.group()
        if not (name.endswith(lex.not_place_suffixes) or name in lex.anaphors or name in lex.candidates):
            found.append((match.start(), match.end(), name))
    unlisted = [(start, end) for start, end, _ in found]
    for start, end, name in name_matches(text):
        if all(end <= s or e <= start for s, e in unlisted):
            found.append((start, end, name))
    mentions, context = [], [home]
    for start, end, name in sorted(found):
        if (lex.origin_before.search(text[max(0, start - 3):start]) or lex.origin_after.match(text, end)
                or lex.qualifier_before.search(text[max(0, start - 2):start])):
            continue
        if name in lex.anaphors:
            unit = _antecedent(lex.anaphors[name], context, home)
        elif name in lex.candidates:
            unit = _choose(lex.candidates[name], context)
        else:
            suffix = next((s for s in lex.unlisted_levels if name.endswith(s)), "")
            level = lex.unlisted_levels.get(suffix, "")
            coarser = [u for u in context if level and u.full and _rank(u) < RANK[level]]
            unit = Unit(name, name, level, coarser[-1].full if coarser else "", "", coarser[-1].province if coarser else "")
        if not unit.en and unit.full in lex.english:
            unit = replace(unit, en=lex.english[unit.full])
        context.append(unit)
        mentions.append((start, end, unit))
    return mentions


def _antecedent(refers_to: str, context: list[Unit], home: Unit) -> Unit:
    """The unit an anaphor stands for: ``refers_to`` is a level (province, country) or the ending of
    the unit's full name (市, 州, 县); a fixed name (香港) when the anaphor can mean only one unit."""
    for unit in reversed(context):
        if unit.level == refers_to or (unit.full or unit.name).endswith(refers_to) or unit.full == refers_to:
            return unit
    if refers_to in unit_lexicon().candidates:
        return _choose(unit_lexicon().candidates[refers_to], context)
    return home


def fullest_names(mentions: list[tuple[int, int, Unit]]) -> dict[str, str]:
    """Full name -> the fullest form the text uses for that unit (新疆 and 新疆维吾尔自治区 →
    新疆维吾尔自治区; 巴州 alone stays 巴州)."""
    longest: dict[str, str] = {}
    for _, _, unit in mentions:
        key = unit.full or unit.name
        if len(unit.name) > len(longest.get(key, "")):
            longest[key] = unit.name
    return longest
