"""Shared fixtures: the project's corpus, the documents of the gold sets, documents frames of invented
texts, and small corpora written by the tests themselves (helpers in ``helpers.py``)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import zerocovid as zc
from helpers import document_frame, write_corpus  # noqa: F401 - re-exported for `from conftest import`
from zerocovid.evaluation.gold import heldout_corpus  # noqa: F401 - re-exported for `from conftest import`
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


@pytest.fixture
def make_docs():
    """Build a documents frame from invented texts: ``make_docs("文本一", "文本二", place="Xuchang")``
    (see ``helpers.document_frame`` for the columns and their defaults)."""
    return document_frame


@pytest.fixture(scope="session")
def gold_documents(docs, tmp_path_factory):
    """The documents a gold set (``harness.GoldSet``) is coded on, loaded once: the project's corpus
    for a seed set, its own articles written into a corpus folder and loaded for a held-out set."""
    loaded = {}

    def documents(gold):
        if gold.path not in loaded:
            if gold.articles is None:
                loaded[gold.path] = docs
            else:
                folder = heldout_corpus(gold.path.parent, gold.articles, tmp_path_factory.mktemp(gold.name))
                loaded[gold.path] = zc.load_documents(folder)
        return loaded[gold.path]

    return documents
