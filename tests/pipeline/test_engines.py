"""The per-document pipeline gives the same tables on every engine (its cache: see test_cache.py)."""
from __future__ import annotations

import pandas as pd
import pytest

import zerocovid as zc
from benchmarks.generate import generate
from helpers import assert_same_tables
from zerocovid.pipeline import engines
from zerocovid.text import sentences

ANALYZERS = {"sentences": sentences}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder, n=40, seed=7)
    return folder


@pytest.fixture(scope="module")
def serial_tables(synthetic):
    return engines.run_pipeline(synthetic, analyzers=ANALYZERS, engine="serial", progress=False)


def test_generator_is_deterministic_and_varied(synthetic, tmp_path):
    generate(tmp_path, n=40, seed=7)
    assert (tmp_path / "manifest.csv").read_bytes() == (synthetic / "manifest.csv").read_bytes()
    for path in sorted((synthetic / "raw").iterdir())[:10]:
        assert (tmp_path / "raw" / path.name).read_bytes() == path.read_bytes()
    docs = zc.load_documents(synthetic)
    assert len(docs) == 40 and docs["region"].nunique() > 10
    assert set(docs["page_format"]) == {"html", "plain", "markdown"}


def test_run_pipeline_equals_the_functions_on_the_whole_corpus(synthetic, serial_tables):
    docs = zc.load_documents(synthetic)
    pd.testing.assert_frame_equal(serial_tables["documents"], docs)
    pd.testing.assert_frame_equal(serial_tables["sentences"], sentences(docs))


def test_processes_engine_gives_identical_tables(synthetic, serial_tables):
    tables = engines.run_pipeline(synthetic, analyzers=ANALYZERS, engine="processes", workers=2, progress=False)
    assert_same_tables(tables, serial_tables)


def test_dask_engine_on_a_local_two_worker_cluster(synthetic, serial_tables, tmp_path):
    distributed = pytest.importorskip("distributed", reason='dask is optional: pip install "dask[distributed]"')
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        tables = engines.run_pipeline(synthetic, analyzers=ANALYZERS, engine="dask", client=client,
                                      out_dir=tmp_path / "out", rows_per_file=500, progress=False)
    assert_same_tables(tables, serial_tables)
    parts = sorted(p.name for p in (tmp_path / "out" / "sentences").iterdir())
    assert parts[0] == "part-00000.parquet" and len(parts) == -(-len(tables["sentences"]) // 500)
    written = pd.read_parquet(tmp_path / "out" / "sentences")
    pd.testing.assert_frame_equal(written, tables["sentences"], check_dtype=False)
    assert pd.read_parquet(tmp_path / "out" / "documents")["doc_id"].tolist() == tables["documents"]["doc_id"].tolist()


def test_bad_arguments(synthetic):
    with pytest.raises(ValueError, match="engine"):
        zc.load_documents(synthetic, engine="spark")
    with pytest.raises(ValueError, match="workers"):
        zc.load_documents(synthetic, engine="processes", workers=0)
    with pytest.raises(ValueError, match="documents"):
        engines.run_pipeline(synthetic, analyzers={"documents": sentences})


def test_joining_batch_tables_equals_a_stable_sort_of_their_concatenation():
    import random

    rng = random.Random(8)
    for _ in range(300):
        ids = sorted(rng.sample([f"doc{i:03d}" for i in range(40)], rng.randrange(1, 12)))
        owner = {doc_id: rng.randrange(4) for doc_id in ids}  # each document's rows live in one frame
        frames = []
        for number in range(4):
            rows = [(doc_id, n) for doc_id in ids if owner[doc_id] == number for n in range(rng.randrange(0, 4))]
            if rng.random() < 0.2:
                rows.reverse()  # an analyzer that does not sort its rows
            frames.append(pd.DataFrame(rows, columns=["doc_id", "n"]).astype({"doc_id": "str"}))
        if rng.random() < 0.3:
            frames.insert(rng.randrange(len(frames) + 1), None)
        given = [f for f in frames if f is not None and len(f)] or [f for f in frames if f is not None][:1]
        expected = pd.concat(given, ignore_index=True).sort_values("doc_id", kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(engines._concat(frames), expected)
