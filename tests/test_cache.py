"""The remembered file hashes of the Parquet cache: reused only while a file is provably unchanged."""
import hashlib
import os
import time
from pathlib import Path

from zerocovid.cache import FileHashes


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
