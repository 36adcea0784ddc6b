"""Every analyzer against every gold set, through the one harness (tests/harness.py): each gold row
found with every coded field exact (measure categories: at least 90 % right), nothing found that
the gold does not list, known misses still missed, no row overlapping a hard negative."""
import pytest

import harness


@pytest.mark.parametrize("gold_set, table", harness.cases())
def test_every_gold_row_found_exactly_and_nothing_else(gold_documents, gold_set, table):
    comparison = harness.compare(gold_set, table, gold_documents(gold_set))
    assert comparison.problems == [], comparison.report()
