"""The documents frame: the design's columns, and extra manifest columns kept as they are."""
from __future__ import annotations


def test_design_columns_present(docs):
    for column in ["doc_id", "region", "place", "province", "outlet", "published", "title", "text",
                   "n_chars", "source_file", "sha256", "encoding"]:
        assert column in docs.columns


def test_extra_manifest_columns_kept(docs):
    assert docs.loc["2022-01-24_yili_horgos", "event_date"] == "2022-01-24"
