"""A Parquet cache of the processed per-document tables, keyed by each raw file's sha256.

A document's cache key hashes the sha256 of its raw bytes, its manifest row, the analyzers run
(name and function) and a fingerprint of the package's code, resources and key libraries' versions. A re-run that
changed nothing reads every table back from Parquet; a changed or added file (or manifest
row) is recomputed alone; editing the package or a lexicon recomputes everything.

Hashing every raw file on every run costs more than reading the cache back, so ``FileHashes``
remembers each file's sha256 with its stat (size, inode, mtime and ctime in ns) in
``hashes.json``, as git's index does: a file whose stat is unchanged keeps its hash; a file
modified shortly before the hashes were saved is hashed again next time (a write within the
same clock tick can leave the stat unchanged).

The cache folder holds one ``<table>.parquet`` per table. ``documents.parquet`` carries each
document's ``_cache_key`` and the MinHash ``_signature`` used for duplicates; the analyzer
tables are tied to it by ``doc_id`` (no per-row key: a token table has millions of rows).
``duplicates.json`` keeps the duplicate findings under a hash of every document's key: they
depend on the whole corpus, and comparing 10,000 signatures costs more than reading the tables.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from importlib import metadata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..paths import PACKAGE_DIR
from ..text import choose_segmenter

KEY_COLUMN = "_cache_key"
SIGNATURE_COLUMN = "_signature"
DOCUMENTS = "documents"


# Libraries whose upgrade can change the processed rows (segmentation, parsing, conversion; BeautifulSoup
# is only the tests' reference parser).
DEPENDENCIES = ["charset-normalizer", "cn2an", "jieba", "jionlp", "lxml", "mistune", "opencc", "pandas", "rjieba"]


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """sha256 over the package's code and resources and its key libraries' versions: any change invalidates."""
    digest = hashlib.sha256()
    for name in DEPENDENCIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("resources/*")]):
        if path.is_file():
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(raw_sha256: str, entry: dict, analyzer_names: list[str]) -> str:
    """The key of one document's processed rows (fields joined with NUL, which no manifest field holds)."""
    fields = [raw_sha256, _run_fingerprint(tuple(sorted(analyzer_names)), choose_segmenter()),
              *(f"{name}={value}" for name, value in sorted(entry.items()))]
    return hashlib.sha256("\0".join(fields).encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _run_fingerprint(analyzer_names: tuple[str, ...], segmenter: str) -> str:
    """The part of every key shared by the documents of one run (computed once, not per document): the
    analyzers, the package, and the segmenter chosen (tokens differ between backends)."""
    return hashlib.sha256(json.dumps([analyzer_names, package_fingerprint(), segmenter]).encode()).hexdigest()


class FileHashes:
    """sha256 of raw files, reused while a file's stat is unchanged (see the module docstring)."""

    RACY_SECONDS = 2  # coarser than any file system's timestamp tick

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.seen: dict[str, list] = {}

    def sha256(self, file: str | Path) -> str:
        """The file's sha256 (raises OSError if it cannot be read)."""
        info = os.stat(file)
        stat = [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]
        name = str(file)
        known = self.known.get(name)
        if known and known[:4] == stat:
            digest = known[4]
        else:
            digest = hashlib.sha256(Path(file).read_bytes()).hexdigest()
        self.seen[name] = [*stat, digest]
        return digest

    def save(self) -> None:
        """Keep the hashes of the files seen in this run, except those written too recently to trust."""
        now = time.time_ns()
        racy = now - self.RACY_SECONDS * 10**9
        trusted = {name: entry for name, entry in self.seen.items() if max(entry[2], entry[3]) < racy}
        if trusted == self.known:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".tmp{os.getpid()}")
        temporary.write_text(json.dumps(trusted), encoding="utf-8")
        temporary.replace(self.path)


class TableCache:
    """Read and write the cached tables of one corpus in ``folder``."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def file_hashes(self) -> FileHashes:
        """The remembered sha256 of the corpus's raw files."""
        return FileHashes(self.folder / "hashes.json")

    def duplicates(self, keys: list[str], find: Callable[[], tuple[dict, dict]]) -> tuple[dict, dict]:
        """``find()``'s (exact, near) duplicate findings, reused while the documents' keys are the same."""
        path = self.folder / "duplicates.json"
        corpus_key = hashlib.sha256("\n".join(keys).encode()).hexdigest()
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            if saved["key"] == corpus_key:
                return saved["exact"], saved["near"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        exact, near = find()
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".tmp{os.getpid()}")
        temporary.write_text(json.dumps({"key": corpus_key, "exact": exact, "near": near}), encoding="utf-8")
        temporary.replace(path)
        return exact, near

    def _path(self, table: str) -> Path:
        return self.folder / f"{table}.parquet"

    def read(self, keys: dict[str, str], tables: list[str]) -> dict[str, pd.DataFrame]:
        """Cached rows of the documents whose key is still ``keys[doc_id]``, per table; {} if nothing usable.

        The documents table is read first: when no document is still valid (a new package version) the
        other tables are not read at all, and otherwise only their valid rows are (a Parquet filter), so a
        re-run never holds a stale copy of millions of token rows."""
        paths = {name: self._path(name) for name in [DOCUMENTS, *tables]}
        if not all(p.is_file() for p in paths.values()):
            return {}
        try:
            docs = pd.read_parquet(paths[DOCUMENTS])
            still_valid = [keys.get(doc_id) == key for doc_id, key in zip(docs["doc_id"], docs[KEY_COLUMN])]
            if not any(still_valid):
                return {}
            filters = None
            if not all(still_valid):
                docs = docs[still_valid].reset_index(drop=True)
                filters = [("doc_id", "in", docs["doc_id"].tolist())]
            frames = {DOCUMENTS: docs, **{name: pd.read_parquet(paths[name], filters=filters) for name in tables}}
        except (OSError, ValueError):  # a half-written or foreign file: recompute
            return {}
        docs["bold_spans"] = [[tuple(span) for span in json.loads(s)] for s in docs["bold_spans"]]
        return frames

    def write(self, frames: dict[str, pd.DataFrame]) -> None:
        """Replace the cached tables (written to a temporary file first, then renamed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, frame in frames.items():
            if name == DOCUMENTS:
                frame = frame.assign(bold_spans=[json.dumps([list(s) for s in spans]) for spans in frame["bold_spans"]])
            temporary = self._path(name).with_suffix(f".tmp{os.getpid()}")
            frame.reset_index(drop=True).to_parquet(temporary, index=False)
            temporary.replace(self._path(name))
