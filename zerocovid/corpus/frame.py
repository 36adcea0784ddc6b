"""The documents DataFrame: column order, time zone, doc_id index, duplicates marked."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .duplicates import find_duplicates
from .manifest import MANIFEST_COLUMNS
from .reader import TIMEZONE

DOCUMENT_COLUMNS = ["doc_id", "region", "place", "province", "outlet", "published", "date_source", "title",
                    "text", "n_chars", "n_paragraphs", "source_file", "sha256", "encoding", "script",
                    "page_format", "bold_spans", "duplicate_of", "url"]


def documents_frame(rows: list[dict] | pd.DataFrame, manifest_columns) -> pd.DataFrame:
    """Rows of ``read_document`` as the documents DataFrame: column order, time zone, doc_id index."""
    docs = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS + extra_columns(manifest_columns))
    docs = docs.sort_values("doc_id", kind="stable")
    docs["published"] = pd.to_datetime(docs["published"], utc=True).dt.tz_convert(TIMEZONE)
    docs["duplicate_of"] = docs["duplicate_of"].astype("str")  # missing stays missing (pandas >= 3)
    docs.index = pd.Index(docs["doc_id"].tolist())
    return docs


def extra_columns(manifest_columns) -> list[str]:
    """Manifest columns beyond the standard ones, kept in the documents table as strings."""
    return [c for c in manifest_columns if c not in MANIFEST_COLUMNS and c not in DOCUMENT_COLUMNS]


def mark_duplicates(docs: pd.DataFrame, signatures: list[bytes], *, data_dir: Path,
                    findings: tuple[dict, dict] | None = None) -> list[str]:
    """Fill ``duplicate_of`` for near-duplicates, in place; return a problem per identical text.

    ``findings`` is ``find_duplicates``'s (exact, near) when the caller already has it (the cache).
    """
    exact, near = findings or find_duplicates(docs["doc_id"].tolist(), docs["text"].tolist(), signatures)
    files = dict(zip(docs["doc_id"], docs["source_file"]))
    docs["duplicate_of"] = docs["doc_id"].map(near).astype("str")
    return [f"{Path(data_dir) / files[copy]}: same text after cleaning as {files[original]} "
            f"(doc_id {original}); the same article is listed twice: remove one of the rows"
            for copy, original in exact.items()]
