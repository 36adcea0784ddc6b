"""sample_for_coding: the same sample for the same seed on any machine, proportional strata, blanked
codes, and sentences as well as coded tables."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import zerocovid as zc


def spans(n: int, **columns) -> pd.DataFrame:
    """n rows of one document d, the i-th at start i; ``columns`` added as they are."""
    return pd.DataFrame({"doc_id": "d", "start": range(n), "end": range(1, n + 1), **columns})


def test_a_seed_gives_the_same_sample_on_any_machine():
    # numpy's legacy RandomState stream is frozen across versions and platforms: these numbers must
    # never change (they are sorted(RandomState(42).choice(100, 5, replace=False))).
    table = spans(100)
    assert zc.sample_for_coding(table, 5, seed=42)["start"].tolist() == [44, 45, 53, 70, 83]
    assert sorted(np.random.RandomState(42).choice(100, 5, replace=False)) == [44, 45, 53, 70, 83]
    pd.testing.assert_frame_equal(zc.sample_for_coding(table, 10, seed=7), zc.sample_for_coding(table, 10, seed=7))
    assert zc.sample_for_coding(table, 10, seed=7)["start"].tolist() != zc.sample_for_coding(table, 10, seed=8)[
        "start"].tolist()


def test_rows_come_in_document_order_with_the_same_columns():
    table = pd.DataFrame({"row_id": list("abcdef"), "doc_id": ["d2", "d1", "d2", "d1", "d1", "d2"],
                          "start": [5, 9, 1, 0, 4, 3], "end": [6, 10, 2, 1, 5, 4], "mode": list("xyzxyz")},
                         index=[10, 11, 12, 13, 14, 15])
    sample = zc.sample_for_coding(table, 4, seed=0)
    assert list(sample.columns) == list(table.columns) and sample.index.tolist() == [0, 1, 2, 3]
    assert sample.sort_values(["doc_id", "start"]).values.tolist() == sample.values.tolist()
    original = table.set_index("row_id")
    assert all((original.loc[row.row_id] == row.drop("row_id")).all() for _, row in sample.iterrows())


def test_a_table_shorter_than_n_is_returned_whole():
    table = spans(3, mode=["x", "y", "z"]).iloc[::-1]
    sample = zc.sample_for_coding(table, 10, seed=1)
    assert sample["start"].tolist() == [0, 1, 2] and sample["mode"].tolist() == ["x", "y", "z"]
    assert zc.sample_for_coding(table.iloc[:0], 10, seed=1).empty
    assert zc.sample_for_coding(table.iloc[:0], 10, seed=1, stratify="mode").empty


@pytest.mark.parametrize("sizes, n, expected", [
    ([60, 30, 10], 10, [6, 3, 1]),     # exact shares
    ([5, 3, 2], 7, [4, 2, 1]),         # shares 3.5, 2.1, 1.4: floors 3, 2, 1 and the largest remainder (.5) to A
    ([97, 2, 1], 10, [8, 1, 1]),       # shares 9.7, 0.2, 0.1: at least one each
    ([60, 30, 10], 2, [1, 1, 0]),      # fewer rows than strata: the largest shares
    ([2, 1, 1], 10, [2, 1, 1]),        # n larger than the table
])
def test_strata_are_sampled_in_proportion(sizes, n, expected):
    strata = [s for s, size in zip("ABC", sizes) for _ in range(size)]
    table = spans(len(strata), region=strata)
    counts = zc.sample_for_coding(table, n, seed=3, stratify="region")["region"].value_counts()
    assert [int(counts.get(s, 0)) for s in "ABC"] == expected


def test_blanked_columns_are_empty_and_the_rest_kept(docs):
    apologies = zc.find_apologies(docs)
    sample = zc.sample_for_coding(apologies, 5, seed=11, stratify="region", blank=["mode", "apologizer", "strength"])
    assert len(sample) == 5 and set(sample["region"]) == set(apologies["region"])
    assert sample[["mode", "apologizer", "strength"]].isna().all().all()
    tool = apologies.set_index("row_id").loc[sample["row_id"]].reset_index()
    kept = [c for c in apologies.columns if c not in ("mode", "apologizer", "strength")]
    pd.testing.assert_frame_equal(sample[kept], tool[kept])
    # the coder fills the blanks in; with only the sampled units compared, the copy agrees with the tool
    coded = sample.assign(mode=tool["mode"].tolist())
    row = zc.agreement(apologies, coded, "mode", missing="drop").loc["mode"]
    assert (row["n"], row["agreement"]) == (5, 1.0)
    with pytest.raises(ValueError, match="blank cannot empty row_id, start"):
        zc.sample_for_coding(apologies, 5, seed=11, blank=["row_id", "mode", "start"])


def test_sentences_can_be_sampled_for_recall_checks(docs):
    sentences = zc.sentences(docs)
    sample = zc.sample_for_coding(sentences, 8, seed=0, stratify="region")
    assert list(sample.columns) == list(sentences.columns) and "row_id" not in sample.columns
    counts, shares = sample["region"].value_counts(), 8 * sentences["region"].value_counts(normalize=True)
    assert set(counts.index) == set(shares.index) and ((counts - shares).abs() < 1).all()
    text = docs.set_index("doc_id")["text"]
    assert all(text[row.doc_id][row.start:row.end] == row.text for row in sample.itertuples())
    assert len(sample.merge(sentences, on=list(sentences.columns))) == 8


def test_bad_arguments_are_errors():
    table = spans(3)
    with pytest.raises(ValueError, match="n must be a whole number >= 0"):
        zc.sample_for_coding(table, -1, seed=0)
    with pytest.raises(ValueError, match="seed must be a whole number >= 0"):
        zc.sample_for_coding(table, 2, seed=None)
    with pytest.raises(ValueError, match="the table has no column 'region'"):
        zc.sample_for_coding(table, 2, seed=0, stratify="region")
    with pytest.raises(ValueError, match="the table has no column 'start'"):
        zc.sample_for_coding(table.drop(columns="start"), 2, seed=0)
