"""The glossary kept in ``data/reference/glossary.csv`` (population: ``figures.load_population``).

``glossary()`` columns: zh, en, kind, source. ``gloss(term)`` returns the English for a
Chinese term, or None, so notebooks and briefings print "深表歉意 (deeply apologise)".
``key_words(text)`` glosses the known words inside a longer Chinese text (an offense, a heading, a
sentence): the glossary's terms, the measure categories' keywords and the vulnerable groups' terms, each
with the English its lexicon gives, in order of first occurrence. It tells a reader without Chinese what
a cell is about; it is not a translation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..lexicons import load_resource
from ..paths import REFERENCE_DIR


@lru_cache(maxsize=4)
def glossary(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """The glossary, one row per Chinese term."""
    return pd.read_csv(Path(reference_dir) / "glossary.csv", dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _english() -> dict[str, str]:
    """Chinese term → English, the glossary's first row for each term (looked up once per row of a table)."""
    table = glossary()
    return dict(zip(table["zh"][::-1], table["en"][::-1]))


def gloss(term: str) -> str | None:
    """The glossary's English for ``term``, if it has one."""
    return _english().get(term) or None


def with_gloss(term: str) -> str:
    """``term (English)`` where the glossary knows the term, else the term alone."""
    english = gloss(term)
    return f"{term} ({english})" if english else term


@lru_cache(maxsize=1)
def _known_words() -> tuple[re.Pattern, dict[str, str]]:
    """Every glossed word of the glossary and the lexicons, longest first (so 核酸检测 wins over 核酸)."""
    english = {zh: en for zh, en in _english().items() if zh and en}
    for category in load_resource("measure_categories")["categories"]:
        for keyword in category["keywords"]:
            english.setdefault(str(keyword["word"]), keyword["gloss"])   # a number word (120) reads as an int
    for group in load_resource("vulnerable_groups")["groups"]:
        for term in group["terms"]:
            english.setdefault(term, group["gloss"])
    words = sorted(english, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words))), english


def key_words(text: str, *, limit: int = 4) -> str:
    """The English of up to ``limit`` known words in ``text`` ("; "-joined, first occurrence first; "" when
    none): what a Chinese cell is about, for a reader without Chinese."""
    pattern, english = _known_words()
    glosses = dict.fromkeys(english[match.group()] for match in pattern.finditer(text or ""))
    return "; ".join(list(glosses)[:limit])
