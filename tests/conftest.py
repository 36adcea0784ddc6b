"""Shared fixtures: the project's corpus, and small corpora written by the tests themselves."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import zerocovid as zc
from zerocovid.corpus import MANIFEST_COLUMNS
from zerocovid.paths import DATA_DIR


@pytest.fixture(scope="session")
def docs():
    return zc.load_documents()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


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
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else MANIFEST_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return folder


def heldout_corpus(source: Path, articles: list[dict], target: Path) -> Path:
    """A corpus folder in ``target`` holding held-out articles byte for byte.

    Each article is a dict with ``file`` (a name in ``source``) and its manifest fields.
    """
    (target / "raw").mkdir(parents=True, exist_ok=True)
    rows = []
    for article in articles:
        shutil.copyfile(source / article["file"], target / "raw" / article["file"])
        row = {column: str(article.get(column, "")) for column in MANIFEST_COLUMNS}
        row["file"] = f"raw/{article['file']}"
        rows.append(row)
    with (target / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return target
