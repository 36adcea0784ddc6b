"""The Parquet cache: file hashes reused only while a file is provably unchanged; only valid rows read back;
through the pipeline, unchanged files are not read again, changed ones are, errors are never cached."""
import hashlib
import os
import time
from pathlib import Path

import pandas as pd
import pytest

import zerocovid as zc
from helpers import assert_same_tables, write_corpus
from pages import APOLOGY, SECOND
from zerocovid.pipeline import cache as cache_module
from zerocovid.pipeline import engines
from zerocovid.pipeline.cache import DOCUMENTS, KEY_COLUMN, FileHashes, TableCache
from zerocovid.text import sentences

ANALYZERS = {"sentences": sentences}


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


# ------------------------------------------------------------------ through the pipeline

def test_cache_reuses_unchanged_files_and_recomputes_changed_ones(tmp_path, monkeypatch):
    text = "标题\n各位媒体朋友：大家好！本轮疫情发生以来，我们从严从细落实疫情防控各项工作。\n"
    folder = write_corpus(tmp_path, {"a.txt": text, "b.txt": text.replace("各位", "诸位"), "c.txt": "另一篇\n完全不同的正文。\n"})
    first = engines.run_pipeline(folder, analyzers=ANALYZERS, cache=True, progress=False)
    assert (folder / ".cache" / "zerocovid" / "documents.parquet").is_file()

    read, batches = [], []
    original, original_chunk = engines.read_document, engines.process_chunk
    monkeypatch.setattr(engines, "read_document", lambda *a, **k: read.append(a[1]["file"]) or original(*a, **k))
    monkeypatch.setattr(engines, "process_chunk", lambda *a: batches.append(len(a[1])) or original_chunk(*a))
    warm = engines.run_pipeline(folder, analyzers=ANALYZERS, cache=True, progress=False)
    assert read == [] and batches == []  # not even an empty batch: the analyzers' set-up costs seconds
    assert_same_tables(warm, first)

    (folder / "raw" / "b.txt").write_text(text.replace("各位", "各界"), encoding="utf-8")
    changed = engines.run_pipeline(folder, analyzers=ANALYZERS, cache=True, progress=False)
    assert read == ["raw/b.txt"] and batches == [1]
    uncached = engines.run_pipeline(folder, analyzers=ANALYZERS, progress=False)
    assert_same_tables(changed, uncached)
    assert "各界" in changed["documents"].loc["doc2", "text"]


def test_names_read_only_the_tables_asked_for_and_keep_the_cache_whole(tmp_path, monkeypatch):
    text = "标题\n各位媒体朋友：大家好！本轮疫情发生以来，我们从严从细落实疫情防控各项工作。\n"
    folder = write_corpus(tmp_path, {"a.txt": text, "b.txt": "另一篇\n完全不同的正文。\n"})
    analyzers = {"sentences": sentences, "tokens": zc.tokens}
    # coded cold with one table asked for: every analyzer runs and is cached, one table comes back
    cold = engines.run_pipeline(folder, analyzers=analyzers, cache=True, progress=False, names=["sentences"])
    assert list(cold) == [DOCUMENTS, "sentences"]
    read = []
    original = pd.read_parquet
    monkeypatch.setattr(cache_module.pd, "read_parquet", lambda path, **kw: read.append(Path(path).name)
                        or original(path, **kw))
    warm = engines.run_pipeline(folder, analyzers=analyzers, cache=True, progress=False, names=["tokens"])
    assert read == ["documents.parquet", "tokens.parquet"] and list(warm) == [DOCUMENTS, "tokens"]
    uncached = engines.run_pipeline(folder, analyzers=analyzers, progress=False)
    assert_same_tables(warm, {DOCUMENTS: uncached[DOCUMENTS], "tokens": uncached["tokens"]})
    assert_same_tables(cold, {DOCUMENTS: uncached[DOCUMENTS], "sentences": uncached["sentences"]})

    # a changed article: recoded alone, and the cache rewritten with every table (read whole first)
    (folder / "raw" / "b.txt").write_text("另一篇\n正文改了。\n", encoding="utf-8")
    read.clear()
    changed = engines.run_pipeline(folder, analyzers=analyzers, cache=True, progress=False, names=[])
    assert list(changed) == [DOCUMENTS]
    assert read == ["documents.parquet", "documents.parquet", "sentences.parquet", "tokens.parquet"]
    assert_same_tables(engines.run_pipeline(folder, analyzers=analyzers, cache=True, progress=False),
                       engines.run_pipeline(folder, analyzers=analyzers, progress=False))
    # without a cache only the analyzers of the tables asked for run
    ran = []
    counted = {"sentences": lambda d: ran.append("sentences") or sentences(d),
               "tokens": lambda d: ran.append("tokens") or zc.tokens(d)}
    alone = engines.run_pipeline(folder, analyzers=counted, progress=False, names=["tokens"])
    assert set(ran) == {"tokens"} and list(alone) == [DOCUMENTS, "tokens"]   # once per batch
    with pytest.raises(ValueError, match="no analyzer makes the table\\(s\\) 'figures'; choose among sentences, tokens"):
        engines.run_pipeline(folder, analyzers=analyzers, progress=False, names=["figures"])


def test_cache_key_covers_the_manifest_row(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": "标题\n正文第一段。\n"})
    assert zc.load_documents(folder, cache=tmp_path / "cache").loc["doc1", "outlet"] == "测试网"
    manifest = folder / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("测试网", "另一网"), encoding="utf-8")
    assert zc.load_documents(folder, cache=tmp_path / "cache").loc["doc1", "outlet"] == "另一网"


def test_cache_key_covers_the_segmenter(monkeypatch):
    """Tokens differ between jieba and jieba-rs: a run with the other backend must not read the first's rows."""
    keys = {}
    for segmenter in ("jieba", "rjieba"):
        monkeypatch.setenv("ZEROCOVID_SEGMENTER", segmenter)
        keys[segmenter] = cache_module.cache_key("0" * 64, {"doc_id": "doc1"}, ["tokens"])
    assert keys["jieba"] != keys["rjieba"]


def test_errors_are_not_cached(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": "标题\n正文第一段。\n", "b.txt": ""})
    for _ in range(2):
        with pytest.raises(zc.CorpusError, match="b.txt"):
            zc.load_documents(folder, cache=True)
    (folder / "raw" / "b.txt").write_text("另一篇\n正文。\n", encoding="utf-8")
    assert len(zc.load_documents(folder, cache=True)) == 2


def test_cache_reuses_duplicate_findings_until_a_document_changes(tmp_path, monkeypatch):
    long_text = "\n\n".join([APOLOGY, SECOND] * 4)
    folder = write_corpus(tmp_path, {"a.txt": f"标题\n\n{long_text}", "b.txt": f"标题\n\n{long_text}（转自某市发布）",
                                     "c.txt": "另一篇\n完全不同的正文。\n"})
    searches = []
    original = engines.find_duplicates
    monkeypatch.setattr(engines, "find_duplicates", lambda *a: searches.append(a[0]) or original(*a))
    for _ in range(2):
        docs = zc.load_documents(folder, cache=True)
        assert docs["duplicate_of"].tolist()[1] == "doc1" and docs["duplicate_of"].isna().tolist() == [True, False, True]
    assert searches == [["doc1", "doc2", "doc3"]]
    (folder / "raw" / "b.txt").write_text("第二篇\n换了内容的正文。\n", encoding="utf-8")
    assert zc.load_documents(folder, cache=True)["duplicate_of"].isna().all()
    assert len(searches) == 2
