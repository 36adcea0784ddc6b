"""Places a text names: the gazetteer of the lexicon, anaphors (全市, 该州) and unlisted districts.

``place_mentions(text, article_place)`` gives (position, place) of every mention, in order: a listed
name as its canonical English name; an anaphor as the last place of its level named before (a
city anaphor before any city is the article's place); a district or county the gazetteer does not
list, named right before a figure (其中海珠区4065例), in Chinese. ``canonical_place(place)`` maps
the manifest's place (库尔勒市 or Korla) to the canonical name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
