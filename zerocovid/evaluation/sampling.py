"""Samples of a coded table for a second coder, who re-codes them so that agreement can be measured.

The draw is pandas' ``DataFrame.sample`` with ``random_state=numpy.random.RandomState(seed)``:
NumPy keeps the legacy RandomState stream frozen across versions and platforms, so a seed gives
the same sample on any machine. With ``stratify=`` the strata are the column's values in sorted
order (missing values last) and one generator draws from each in turn. Each stratum gets its
proportional share of ``n``: with at least as many rows to draw as strata, every stratum gets one
row first; each further row goes to the stratum furthest below its share n·size/total (the first
in sorted order on a tie), which is the largest-remainder apportionment when no minimum applies.

A blanked column is emptied (pd.NA, in an object column that takes any value the coder enters),
so the second coder does not see the tool's code. The columns that match the sample back to the
table (row_id, doc_id, region, start, end) cannot be blanked.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..analyzers.vocabulary import _require_count
from ..rows import ROW_ID

KEPT = (ROW_ID, "doc_id", "region", "start", "end")


def sample_for_coding(table: pd.DataFrame, n: int, seed: int, stratify: str | None = None,
                      blank: list[str] = ()) -> pd.DataFrame:
    """``n`` rows of ``table`` drawn at random with ``seed`` (all of them if it has fewer), in
    doc_id, start order (ties in table order), for a second coder: the same columns, ``blank``
    columns emptied.

    ``table`` is any table with doc_id, start and end: a coded table, or ``sentences(docs)`` to
    check recall on sentences. ``stratify`` names a column (e.g. region) whose values are sampled
    proportionally, each at least once when ``n`` allows.
    """
    _require_count(n, "n")
    _require_count(seed, "seed")
    needed = ["doc_id", "start", "end", *([stratify] if stratify else []), *blank]
    missing = [column for column in dict.fromkeys(needed) if column not in table.columns]
    if missing:
        raise ValueError(f"the table has no column {', '.join(map(repr, missing))}")
    kept = [column for column in blank if column in KEPT]
    if kept:
        raise ValueError(f"blank cannot empty {', '.join(kept)}: the coder's table is matched back on it")
    rows = table.reset_index(drop=True)
    strata = [rows] if stratify is None else [group for _, group in rows.groupby(stratify, dropna=False)]
    state = np.random.RandomState(seed)
    counts = _allocate(np.array([len(stratum) for stratum in strata]), min(n, len(rows)))
    chosen = sorted(position for stratum, count in zip(strata, counts)
                    for position in stratum.sample(n=count, random_state=state).index)
    out = rows.loc[chosen].sort_values(["doc_id", "start"], kind="stable", ignore_index=True)
    for column in blank:
        out[column] = pd.Series(pd.NA, index=out.index, dtype=object)
    return out


def _allocate(sizes: np.ndarray, n: int) -> np.ndarray:
    """How many of ``n`` rows each stratum gets: one each if n allows, the rest by proportional share."""
    share = n * sizes / max(sizes.sum(), 1)
    counts = np.ones(len(sizes), dtype=int) if n >= len(sizes) else np.zeros(len(sizes), dtype=int)
    for _ in range(n - counts.sum()):
        counts[np.argmax(share - counts)] += 1
    return counts
