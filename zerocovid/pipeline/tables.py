"""Every coded table of a corpus, computed once per document and kept in the pipeline's cache.

``coded_tables(data_dir, regions=None, names=None)`` is what notebooks and briefings read: a dict with
``documents`` and one table per entry of ``CODED_TABLES`` (apologies, apology_mentions, acknowledgements,
strategies, measures, groups, medical_access, figures, events, sentences, tokens), each with the
columns its function documents. The first call on a corpus runs the analyzers and caches the
rows under ``<data_dir>/.cache/zerocovid``; later calls (the next notebook, the briefings)
read them back, and a changed article is recomputed alone. The cache holds the tool's rows; the
folder's ``corrections.csv`` is applied to them on every call (``zerocovid.corrections``).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..analyzers.apologies import acknowledgements, apology_mentions, find_apologies, response_strategies
from ..analyzers.events import events
from ..analyzers.figures import extract_figures
from ..analyzers.measures import extract_measures, groups, medical_access
from ..corrections import correct_tables
from ..regions import select_regions
from ..text import sentences, tokens
from .cache import DOCUMENTS
from .engines import run_pipeline

CODED_TABLES = {
    "apologies": find_apologies, "apology_mentions": apology_mentions, "acknowledgements": acknowledgements,
    "strategies": response_strategies,
    "measures": extract_measures, "groups": groups, "medical_access": medical_access,
    "figures": extract_figures, "events": events, "sentences": sentences, "tokens": tokens,
}


def coded_tables(data_dir: str | Path | None = None, *, regions: list[str] | None = None,
                 names: list[str] | None = None, cache: bool | str | Path = True, engine: str = "serial",
                 progress: bool | None = False) -> dict[str, pd.DataFrame]:
    """``documents`` and every table of ``CODED_TABLES`` for the corpus in ``data_dir``; with
    ``regions``, only the rows of those regions (ValueError names a region the corpus lacks); with
    ``names``, only those tables besides ``documents`` (a notebook that needs no tokens need not read
    millions of rows; the corpus is still coded whole)."""
    tables = run_pipeline(data_dir, analyzers=CODED_TABLES, engine=engine, cache=cache, progress=progress,
                          names=names)
    # the pipeline's batches remember no folder, so its tables are the tool's rows: corrected here, once
    tables = correct_tables(tables, tables[DOCUMENTS], data_dir)
    docs = select_regions(tables[DOCUMENTS], regions)
    if regions is None:
        return tables
    chosen = set(regions)
    return {DOCUMENTS: docs, **{name: _rows_of(table, chosen) for name, table in tables.items() if name != DOCUMENTS}}


def _rows_of(table: pd.DataFrame, regions: set[str]) -> pd.DataFrame:
    return table[table["region"].isin(regions)].reset_index(drop=True)
