"""The Parquet cache: file hashes reused only while a file is provably unchanged; only valid rows read back."""
import hashlib
import os
import time
from pathlib import Path

import pandas as pd

from zerocovid.pipeline import cache as cache_module
from zerocovid.pipeline.cache import DOCUMENTS, KEY_COLUMN, FileHashes, TableCache


def _age(path, seconds: float) -> None:
    """Set the file's mtime ``seconds`` into the past (its ctime stays now)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def _hashes_after_a_run(tmp_path, file):
    hashes = FileHashes(tmp_path / "hashes.json")
    hashes.sha256(file)
    hashes.save()
    return FileHashes(tmp_path / "hashes.json")


def test_hash_is_the_sha256_of_the_bytes(tmp_path):
    file = tmp_path / "a.txt"
    file.write_bytes("正文。".encode())
    assert FileHashes(tmp_path / "hashes.json").sha256(file) == hashlib.sha256("正文。".encode()).hexdigest()


def test_recently_written_files_are_not_trusted(tmp_path):
    """A write in the same clock tick as the save could leave size and times unchanged."""
    file = tmp_path / "a.txt"
    file.write_bytes(b"one")
    assert _hashes_after_a_run(tmp_path, file).known == {}


def test_unchanged_old_file_is_not_read_again(tmp_path, monkeypatch):
    file = tmp_path / "a.txt"
    file.write_bytes(b"one")
    monkeypatch.setattr(FileHashes, "RACY_SECONDS", 0)
    hashes = _hashes_after_a_run(tmp_path, file)
    assert list(hashes.known) == [str(file)]
    reads = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or b"")
    assert hashes.sha256(file) == hashlib.sha256(b"one").hexdigest()
    assert reads == []


def test_same_size_edit_with_restored_mtime_is_hashed_again(tmp_path, monkeypatch):
    """Tools that keep the mtime (cp -p, touch -r) cannot keep the ctime."""
    file = tmp_path / "a.txt"
    file.write_bytes(b"one")
    _age(file, 60)
    monkeypatch.setattr(FileHashes, "RACY_SECONDS", 0)
    hashes = _hashes_after_a_run(tmp_path, file)
    mtime = file.stat().st_mtime_ns
    time.sleep(0.01)
    file.write_bytes(b"two")
    os.utime(file, ns=(mtime, mtime))
    assert hashes.sha256(file) == hashlib.sha256(b"two").hexdigest()


def test_unreadable_memo_starts_afresh(tmp_path):
    (tmp_path / "hashes.json").write_text("{not json", encoding="utf-8")
    file = tmp_path / "a.txt"
    file.write_bytes(b"one")
    assert FileHashes(tmp_path / "hashes.json").sha256(file) == hashlib.sha256(b"one").hexdigest()


def _stored(tmp_path) -> TableCache:
    """Three documents and a token table whose rows of one document are not in position order."""
    store = TableCache(tmp_path / "cache")
    docs = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], KEY_COLUMN: ["k1", "k2", "k3"], "bold_spans": [[(0, 2)], [], []]})
    tokens = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d3", "d3", "d3"], "start": [0, 1, 0, 5, 0, 9],
                           "token": ["本轮", "疫情", "致歉", "一是", "二是", "三是"]})
    store.write({DOCUMENTS: docs, "tokens": tokens})
    return store


def test_only_rows_of_still_valid_documents_are_read_back_in_their_order(tmp_path):
    store = _stored(tmp_path)
    frames = store.read({"d1": "k1", "d2": "changed", "d3": "k3"}, ["tokens"])
    assert frames[DOCUMENTS]["doc_id"].tolist() == ["d1", "d3"]
    assert frames[DOCUMENTS]["bold_spans"].tolist() == [[(0, 2)], []]
    assert frames["tokens"]["token"].tolist() == ["本轮", "疫情", "一是", "二是", "三是"]
    assert frames["tokens"].index.tolist() == list(range(5))
    assert len(store.read({"d1": "k1", "d2": "k2", "d3": "k3"}, ["tokens"])["tokens"]) == 6


def test_a_wholly_stale_cache_reads_no_table_but_the_documents(tmp_path, monkeypatch):
    store = _stored(tmp_path)
    read = []
    original = pd.read_parquet
    monkeypatch.setattr(cache_module.pd, "read_parquet", lambda path, **kw: read.append(Path(path).name)
                        or original(path, **kw))
    assert store.read({"d1": "new", "d2": "new", "d3": "new"}, ["tokens"]) == {}
    assert read == ["documents.parquet"]
