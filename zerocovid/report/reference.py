"""The glossary kept in ``data/reference/glossary.csv`` (population: ``figures.load_population``).

``glossary()`` columns: zh, en, kind, source. ``gloss(term)`` returns the English for a
Chinese term, or None, so notebooks and briefings print "深表歉意 (deeply apologise)".
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

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
