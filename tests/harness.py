"""The test suite's gold sets and their pytest cases. The gold format and the comparison live in the
package (``zerocovid.evaluation.gold``), so that ``make evaluate`` reports on the same sets the same way."""
from __future__ import annotations

from pathlib import Path

from zerocovid.evaluation.gold import GoldSet, compare, load

TESTS_DIR = Path(__file__).parent
GOLD_FILES = {
    "apologies": [TESTS_DIR / "gold" / "apologies.yaml", TESTS_DIR / "heldout" / "apologies" / "gold.yaml",
                  TESTS_DIR / "heldout" / "apologies_hk_tw" / "gold.yaml"],
    "measures": [TESTS_DIR / "gold" / "measures.yaml", TESTS_DIR / "heldout" / "measures" / "gold.yaml",
                 TESTS_DIR / "heldout" / "measures_hk_tw" / "gold.yaml"],
    "figures": [TESTS_DIR / "gold" / "figures.yaml", TESTS_DIR / "heldout" / "figures" / "gold.yaml",
                TESTS_DIR / "heldout" / "figures_hk_tw" / "gold.yaml"],
}

__all__ = ["GOLD_FILES", "GoldSet", "cases", "compare", "gold_sets", "load"]


def gold_sets(analyzer: str) -> list[GoldSet]:
    """The seed and held-out gold sets of one analyzer (apologies, measures, figures)."""
    return [load(path) for path in GOLD_FILES[analyzer]]


def cases() -> list:
    """(gold set, table) for every table of every gold set of every analyzer, as pytest parameters."""
    import pytest

    return [pytest.param(gold, table, id=f"{gold.name}-{table}")
            for analyzer in GOLD_FILES for gold in gold_sets(analyzer) for table in gold.tables]
