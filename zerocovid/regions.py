"""Which regions a comparison shows, and in what order: one place for both, no global state.

The order is an argument: ``region_order(present, chosen)`` puts the chosen regions (else the
default order of ``resources/regions.yaml``) first, in that order, then any other region
alphabetically. Tables and charts take the list it returns.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .lexicons import load_resource


def default_region_order() -> list[str]:
    """The order of resources/regions.yaml."""
    return [entry["region"] for entry in load_resource("regions")["default_order"]]


def region_order(present: Iterable[str], chosen: Iterable[str] | None = None) -> list[str]:
    """The regions of ``present`` (a column or list; repeats allowed): ``chosen`` (else the default
    order) first, in that order, then the others alphabetically."""
    present = set(present)
    first = [r for r in dict.fromkeys(chosen if chosen else default_region_order()) if r in present]
    return first + sorted(present - set(first))


def select_regions(docs: pd.DataFrame, regions: list[str] | None = None) -> pd.DataFrame:
    """The articles of ``regions`` (all when None); ValueError names a region the corpus lacks.

    Pass the same ``regions`` to ``region_order`` for the order of the tables and charts."""
    if regions is None:
        return docs
    unknown = sorted(set(regions) - set(docs["region"]))
    if unknown:
        raise ValueError(f"regions not in the corpus: {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(set(docs['region'])))}")
    return docs[docs["region"].isin(regions)]
