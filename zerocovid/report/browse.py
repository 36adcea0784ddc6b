"""Coded tables to browse in JupyterLab: sort and search with itables in a live session, a fixed
excerpt where outputs are committed.

``browse(table, caption=…, rows=20)`` shows the whole table as an itables data table (offline: the
library is embedded, nothing is fetched) when a person runs the notebook. When the notebook is
executed to be committed or checked (``make notebooks``, ``make run``, ``make test`` set
``ZEROCOVID_STATIC_TABLES``), it returns the first ``rows`` rows instead, after a line that says how
many rows the table has, so the outputs stay small and identical on every run.
"""
from __future__ import annotations

import os
from functools import lru_cache

import pandas as pd

STATIC_ENV = "ZEROCOVID_STATIC_TABLES"


@lru_cache(maxsize=1)
def _interactive_mode() -> None:
    """Embed the itables library in the notebook once (offline, no network)."""
    import itables

    itables.init_notebook_mode(all_interactive=False, connected=False)


def browse(table: pd.DataFrame, *, caption: str = "", rows: int = 20) -> pd.DataFrame | None:
    """The table to sort and search (live session), or its first ``rows`` rows with a note (committed output)."""
    if os.environ.get(STATIC_ENV):
        shown = table.head(rows)
        what = f"{caption}: " if caption else ""
        extent = f"all {len(table)} rows" if len(shown) == len(table) else f"the first {len(shown)} of {len(table)} rows"
        print(f"{what}{extent} (sort and search them all when you run this notebook in JupyterLab)")
        return shown
    import itables

    _interactive_mode()
    itables.show(table, caption=caption or None)
    return None
