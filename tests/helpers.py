"""Plain helpers shared by the tests: corpus folders written by the tests, and documents frames.

``conftest.py`` turns them into fixtures (``make_docs``, ``corpus_copy``) and re-exports
``write_corpus`` and ``heldout_corpus`` for modules that import them from ``conftest``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

import zerocovid as zc
from pages import GOOD
from zerocovid.corpus import MANIFEST_COLUMNS, write_manifest


def write_corpus(folder: Path, articles: dict[str, str | bytes], **manifest_fields) -> Path:
    """Write articles into folder/raw/ and a manifest listing them; return the folder.

    ``articles`` maps a file name to its content; every manifest row gets region
    "Testland" unless ``manifest_fields`` says otherwise (applied to every row).
    """
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    rows = []
    for n, (name, content) in enumerate(sorted(articles.items()), start=1):
        path = raw / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        row = {c: "" for c in MANIFEST_COLUMNS}
        row.update(doc_id=f"doc{n}", file=f"raw/{name}", region="Testland", place="Testville",
                   province="Test", outlet="测试网", published="2022-09-09")
        row.update(manifest_fields)
        rows.append(row)
    write_manifest(folder, rows)
    return folder


def corpus_with_neighbour(folder: Path, name: str, content: str | bytes, fields: dict,
                          file_name: str | None = None) -> tuple[Path, str]:
    """The case as doc1 (with its manifest fields) and a good article (``pages.GOOD``, file zz_good.txt)
    as doc2 (default fields).

    Whatever happens to the case, the good article must load (or must not be blamed).
    """
    file_name = file_name or f"{name}.txt"
    good = write_corpus(folder / "good", {"zz_good.txt": GOOD})
    case = write_corpus(folder / "case", {file_name: content}, **fields)
    (case / "raw" / "zz_good.txt").write_bytes((good / "raw" / "zz_good.txt").read_bytes())
    good_row = (good / "manifest.csv").read_text(encoding="utf-8").splitlines()[1].replace("doc1", "doc2")
    with (case / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(good_row + "\n")
    return case, file_name


def load_one(folder: Path, content: str | bytes, name: str = "a.txt", **manifest_fields) -> pd.Series:
    """Write one article into a corpus folder, load it, and return its row."""
    docs = zc.load_documents(write_corpus(folder, {name: content}, **manifest_fields))
    assert len(docs) == 1
    return docs.iloc[0]


DOCUMENT_DEFAULTS = {"region": "Testland", "place": "Testville", "event_date": "2022-09-09", "published": None}


def document_frame(*texts: str, **columns) -> pd.DataFrame:
    """A documents frame of invented texts, shaped like ``load_documents()``'s for the columns the
    analyzers read: doc_id doc1, doc2, … (also the index), region Testland, place Testville, text,
    event_date 2022-09-09, published None, bold_spans [].

    A keyword sets a column: a list gives one value per text, anything else is every text's value
    (``bold_spans`` is per text: ``bold_spans=[[(0, 4)]]`` for one text).
    """
    ids = [f"doc{n}" for n in range(1, len(texts) + 1)]
    values = {"doc_id": ids, "region": DOCUMENT_DEFAULTS["region"], "place": DOCUMENT_DEFAULTS["place"],
              "text": list(texts), "event_date": DOCUMENT_DEFAULTS["event_date"],
              "published": DOCUMENT_DEFAULTS["published"], "bold_spans": [[] for _ in texts]}
    values.update(columns)
    for name, value in values.items():
        if isinstance(value, list) and len(value) != len(texts):
            raise ValueError(f"{name}: {len(value)} values for {len(texts)} texts")
    return pd.DataFrame({name: value if isinstance(value, list) else [value] * len(texts)
                         for name, value in values.items()}, index=ids)


def assert_same_tables(left: dict, right: dict) -> None:
    """Two results of run_pipeline hold the same tables, in the same order, frame for frame."""
    assert list(left) == list(right)
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name])
