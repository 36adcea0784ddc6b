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


def gloss(term: str) -> str | None:
    """The glossary's English for ``term``, if it has one."""
    table = glossary()
    hit = table.loc[table["zh"] == term, "en"]
    return hit.iloc[0] if len(hit) else None


def with_gloss(term: str) -> str:
    """``term (English)`` where the glossary knows the term, else the term alone."""
    english = gloss(term)
    return f"{term} ({english})" if english else term
