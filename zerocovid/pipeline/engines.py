"""Run the per-document pipeline (load, clean, then analyzers) serially, on all cores or on Dask.

``run_pipeline(data_dir, analyzers={"figures": extract_figures, ...})`` returns a dict of
DataFrames: ``documents`` (the columns of ``load_documents``) and one table per analyzer
with the analyzer's own columns, rows in doc_id order (each document's rows in the order
the analyzer gave them), index reset. Every analyzer must work document by document (a
row depends on its own article only); the engine then runs it on batches of articles and
the result equals one call on the whole corpus. ``load_documents`` is the pipeline with
no analyzers.

Engines: ``serial`` (one process), ``processes`` (``concurrent.futures``, all cores unless
``workers`` says otherwise), ``dask`` (a ``distributed.Client``: the one given, the current
one, or a local cluster made for the call). ``cache`` keeps the processed tables in Parquet
(see ``zerocovid.cache``); ``out_dir`` writes every table as a Parquet dataset
``<out_dir>/<table>/part-NNNNN.parquet`` (``rows_per_file`` rows each).
"""
from __future__ import annotations

import heapq
import math
import os
import shutil
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from itertools import repeat
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from tqdm import tqdm

from ..corpus import (DOCUMENT_COLUMNS, MANIFEST_NAME, documents_frame, extra_columns, mark_duplicates,
                      read_document, read_manifest, unlisted_files)
from ..corpus.duplicates import find_duplicates, signature
from ..corrections import remember_corpus
from ..errors import CorpusError
from ..paths import DATA_DIR
from .cache import DOCUMENTS, KEY_COLUMN, SIGNATURE_COLUMN, FileHashes, TableCache, cache_key

ENGINES = ("serial", "processes", "dask")
CACHE_FOLDER = Path(".cache", "zerocovid")  # .cache/ is git-ignored
HIDDEN = [KEY_COLUMN, SIGNATURE_COLUMN]


def load_documents(data_dir: str | Path | None = None, *, engine: str = "serial", client=None,
                   workers: int | None = None, cache: bool | str | Path | None = None,
                   progress: bool | None = None) -> pd.DataFrame:
    """Read every article the manifest lists; raise one CorpusError listing every problem.

    The columns are listed in ``zerocovid.corpus``. ``engine`` is ``serial``, ``processes`` (all
    cores, or ``workers``) or ``dask`` (on ``client``, a ``distributed.Client``); ``cache`` True keeps
    the processed rows in ``<data_dir>/.cache/zerocovid`` (or the folder given) keyed by each raw
    file's sha256; ``progress`` None shows a bar only on a terminal. The documents remember the folder, so
    the coding functions apply its corrections (``zerocovid.corrections``).
    """
    docs = run_pipeline(data_dir, analyzers={}, engine=engine, client=client, workers=workers,
                        cache=cache, progress=progress)["documents"]
    return remember_corpus(docs, data_dir)


def run_pipeline(data_dir: str | Path | None = None, *, analyzers: Mapping[str, Callable] | None = None,
                 engine: str = "serial", client=None, workers: int | None = None,
                 cache: bool | str | Path | None = None, out_dir: str | Path | None = None,
                 rows_per_file: int = 100_000, progress: bool | None = None,
                 names: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Load the corpus and run ``analyzers`` ({table name: function of docs}) on it.

    ``names``: the analyzers' tables to return (default: all). With a cache, every analyzer still runs on
    the documents the cache lacks, so the cache stays whole, and with every document cached only these
    tables are read; without one, only their analyzers run."""
    analyzers = dict(analyzers or {})
    names = list(analyzers) if names is None else list(dict.fromkeys(names))
    unknown = [name for name in names if name not in analyzers]
    if unknown:
        raise ValueError(f"no analyzer makes the table(s) {', '.join(map(repr, unknown))}; "
                         f"choose among {', '.join(analyzers) or 'none'}")
    if not cache:
        analyzers = {name: analyzers[name] for name in names}
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if DOCUMENTS in analyzers:
        raise ValueError(f"{DOCUMENTS!r} is the documents table; give the analyzer another name")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if rows_per_file < 1:
        raise ValueError(f"rows_per_file must be at least 1, not {rows_per_file}")
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    manifest = read_manifest(data_dir)
    manifest_columns = list(manifest.columns)
    records = [dict(zip(manifest_columns, values)) for values in zip(*(manifest[c].tolist() for c in manifest_columns))]
    entries = list(zip(manifest.index, records))

    store = None
    keys = [None] * len(entries)
    if cache:
        store = TableCache(data_dir / CACHE_FOLDER if cache is True else Path(cache))
        # an analyzer is known by its name and the function behind it, so two functions never share rows
        analyzer_ids = [f"{name}={fn.__module__}.{fn.__qualname__}" for name, fn in analyzers.items()]
        hashes = store.file_hashes()
        folder = str(data_dir)  # os.path, not pathlib: this runs once per file on every warm run
        keys = [_key(os.path.join(folder, entry["file"]), entry, analyzer_ids, hashes) for _, entry in entries]
        hashes.save()
    valid = {entry["doc_id"]: key for key, (_, entry) in zip(keys, entries) if key}
    cached = store.read(valid, names) if store else {}
    hit_keys = set(cached[DOCUMENTS][KEY_COLUMN]) if cached else set()
    # in doc_id order, so that the batches' tables concatenate already sorted (no copy to re-sort)
    todo = sorted(((key, line_no, entry) for key, (line_no, entry) in zip(keys, entries) if key not in hit_keys),
                  key=lambda item: item[2]["doc_id"])
    if store and todo and hit_keys and len(names) < len(analyzers):  # the cache is rewritten whole: read it all
        cached = store.read(valid, list(analyzers))

    # with every document cached, no analyzer runs: loading their lexicons and jieba's dictionary costs ~1.5 s
    results = [] if cached and not todo else _map_chunks(data_dir, todo, analyzers, manifest_columns, engine=engine,
                                                         client=client, workers=workers, progress=progress)
    problems = [p for _, chunk_problems, _ in results for p in chunk_problems]
    new_docs = pd.DataFrame([row for chunk_rows, _, _ in results for row in chunk_rows],
                            columns=DOCUMENT_COLUMNS + HIDDEN + extra_columns(manifest_columns))
    combined = _concat([cached.pop(DOCUMENTS, None), new_docs])
    del new_docs
    tables = {}
    # popping each batch's table as it is joined keeps one copy of the rows in memory; with nothing to code,
    # only the tables asked for were read, and as the cache wrote them: already in doc_id order
    for name in analyzers if todo else names:
        tables[name] = (cached.pop(name) if cached and not todo else
                        _concat([cached.pop(name, None), *(chunk_tables.pop(name) for _, _, chunk_tables in results)]))
    del results
    if store and todo:
        store.write({DOCUMENTS: combined, **tables})

    docs = documents_frame(combined, manifest_columns)
    problems.extend(unlisted_files(data_dir, manifest))
    signatures = combined[SIGNATURE_COLUMN].tolist()
    findings = None
    if store:  # the findings depend on every document: cached under the keys of them all
        findings = store.duplicates(combined[KEY_COLUMN].tolist(), lambda: find_duplicates(
            docs["doc_id"].tolist(), docs["text"].tolist(), signatures))
    problems.extend(mark_duplicates(docs, signatures, data_dir=data_dir, findings=findings))
    if problems:
        raise CorpusError("\n".join(problems), problems)
    output = {DOCUMENTS: docs, **{name: tables[name] for name in names}}
    if out_dir is not None:
        write_parquet_dataset(output, Path(out_dir), rows_per_file=rows_per_file)
    return output


def write_parquet_dataset(tables: dict[str, pd.DataFrame], out_dir: Path, *, rows_per_file: int) -> None:
    """Each table as ``out_dir/<table>/part-NNNNN.parquet``; an older dataset of that name is replaced."""
    for name, table in tables.items():
        folder = out_dir / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for part, start in enumerate(range(0, max(len(table), 1), rows_per_file)):
            table.iloc[start:start + rows_per_file].to_parquet(folder / f"part-{part:05d}.parquet", index=False)


def _key(path: str, entry: dict, analyzer_names: list[str], hashes: FileHashes) -> str | None:
    try:
        raw_sha256 = hashes.sha256(path)
    except OSError:
        return None  # not cached: processing reports the missing or unreadable file
    return cache_key(raw_sha256, entry, analyzer_names)


def _concat(frames: list[pd.DataFrame | None]) -> pd.DataFrame:
    """One table in doc_id order, each document's rows in their frame's order (as a stable sort of the
    frames' concatenation would give). Each frame holds whole documents, so the frames are cut where another
    frame's documents fall between and the pieces (views) joined once: merging a few new documents into
    millions of cached token rows copies them once, with no sort."""
    frames = [frame for frame in frames if frame is not None]
    non_empty = [frame for frame in frames if len(frame)] or frames[:1]
    runs = []  # per frame: (doc_id, frame number, first row, end row) of each document, in doc_id order
    for number, frame in enumerate(non_empty):
        frame_runs = _document_runs(frame, number)
        if any(a[0] >= b[0] for a, b in zip(frame_runs, frame_runs[1:])):  # an analyzer that did not sort
            non_empty[number] = frame = frame.sort_values("doc_id", kind="stable").reset_index(drop=True)
            frame_runs = _document_runs(frame, number)
        runs.append(frame_runs)
    pieces = []  # [frame number, first row, end row], neighbouring runs of one frame joined
    for _, number, start, end in heapq.merge(*runs):
        if pieces and pieces[-1][0] == number and pieces[-1][2] == start:
            pieces[-1][2] = end
        else:
            pieces.append([number, start, end])
    if len(pieces) <= 1:  # one frame holds every row (each frame with rows makes at least one piece)
        return non_empty[pieces[0][0] if pieces else 0].reset_index(drop=True)
    return pd.concat([non_empty[number].iloc[start:end] for number, start, end in pieces], ignore_index=True)


def _document_runs(frame: pd.DataFrame, number: int) -> list[tuple[str, int, int, int]]:
    """(doc_id, number, first row, end row) of each run of equal doc_ids (found in Arrow: millions of rows take
    milliseconds)."""
    ids = pa.array(frame["doc_id"], type=pa.string())
    if len(ids) == 0:
        return []
    changes = pc.indices_nonzero(pc.not_equal(ids.slice(1), ids.slice(0, len(ids) - 1))).to_numpy() + 1
    starts = [0, *changes.tolist()]
    ends = [*starts[1:], len(ids)]
    return list(zip(pc.take(ids, pa.array(starts)).to_pylist(), repeat(number), starts, ends))


def process_chunk(data_dir: Path, items: list[tuple], analyzers: dict[str, Callable],
                  manifest_columns: list[str]) -> tuple[list[dict], list[str], dict[str, pd.DataFrame]]:
    """Load a batch of manifest rows and run the analyzers on it: (rows, problems, tables)."""
    rows, problems = [], []
    for key, line_no, entry in items:
        try:
            row = read_document(data_dir, entry, line_no=line_no)
        except CorpusError as err:
            problems.extend(err.problems)
            continue
        row[KEY_COLUMN] = key
        row[SIGNATURE_COLUMN] = signature(row["text"])
        rows.append(row)
    tables = {}
    if analyzers:
        docs = documents_frame(pd.DataFrame(rows, columns=DOCUMENT_COLUMNS + extra_columns(manifest_columns)),
                               manifest_columns)
        for name, analyze in analyzers.items():
            tables[name] = analyze(docs)
    return rows, problems, tables


def _map_chunks(data_dir: Path, todo: list[tuple], analyzers: dict, manifest_columns: list[str], *,
                engine: str, client, workers: int | None, progress: bool | None) -> list[tuple]:
    """process_chunk over batches of ``todo``, results in batch order, with a progress bar."""
    if not todo:
        return [process_chunk(data_dir, [], analyzers, manifest_columns)]
    n_workers = 1 if engine == "serial" else workers or os.cpu_count() or 1
    size = max(1, min(250, math.ceil(len(todo) / (n_workers * 4))))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    bar = tqdm(total=len(todo), unit="doc", desc=f"reading {MANIFEST_NAME} entries",
               disable=None if progress is None else not progress, leave=False)
    try:
        if engine == "serial" or engine == "processes" and len(chunks) == 1:  # one batch: no worker to start
            results = []
            for chunk in chunks:
                results.append(process_chunk(data_dir, chunk, analyzers, manifest_columns))
                bar.update(len(chunk))
            return results
        if engine == "processes":
            with ProcessPoolExecutor(max_workers=n_workers) as pool:
                futures = {pool.submit(process_chunk, data_dir, chunk, analyzers, manifest_columns): len(chunk)
                           for chunk in chunks}
                for future in as_completed(futures):
                    bar.update(futures[future])
                return [future.result() for future in futures]
        return _map_dask(chunks, data_dir, analyzers, manifest_columns, client=client, workers=n_workers, bar=bar)
    finally:
        bar.close()


def _map_dask(chunks, data_dir, analyzers, manifest_columns, *, client, workers: int, bar) -> list[tuple]:
    try:
        from distributed import Client, as_completed as completed, get_client
    except ImportError:
        raise ValueError('engine="dask" needs dask.distributed: pip install "dask[distributed]"') from None
    own_client = None
    if client is None:
        try:
            client = get_client()
        except ValueError:
            client = own_client = Client(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None)
    try:
        futures = client.map(process_chunk, [data_dir] * len(chunks), chunks, [analyzers] * len(chunks),
                             [manifest_columns] * len(chunks), pure=False)
        sizes = {future.key: len(chunk) for future, chunk in zip(futures, chunks)}
        for future in completed(futures):
            bar.update(sizes[future.key])
        return client.gather(futures)
    finally:
        if own_client is not None:
            own_client.close()
