"""The manifest: ``manifest.csv`` in a corpus folder, one row per article, and the raw files it names."""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from ..errors import CorpusError

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ["doc_id", "file", "region", "place", "province", "outlet", "published", "url", "encoding"]
REQUIRED_VALUES = ["doc_id", "file", "region"]


def read_manifest(data_dir: Path) -> pd.DataFrame:
    """The manifest as strings, indexed by its line number in the file (header = line 1)."""
    path = Path(data_dir) / MANIFEST_NAME
    if not path.is_file():
        raise CorpusError(f"{path}: manifest not found; create it with the header "
                          f"{','.join(MANIFEST_COLUMNS)} and one row per article")
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise CorpusError(f"{path}: not a readable UTF-8 CSV file ({err}); fix its quoting or encoding") from None
    missing = [c for c in MANIFEST_COLUMNS if c not in manifest.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {', '.join(missing)}; the header must include "
                          f"{','.join(MANIFEST_COLUMNS)}")
    manifest = manifest.apply(lambda col: col.str.strip())
    manifest.index = range(2, len(manifest) + 2)
    empty = manifest[REQUIRED_VALUES] == ""
    incomplete = empty[empty.any(axis=1)]  # only these rows are read one by one
    problems = [f"{path}, line {line_no}: empty {column}; every article needs a {column}"
                for line_no, flags in zip(incomplete.index, incomplete.itertuples(index=False))
                for column, flag in zip(REQUIRED_VALUES, flags) if flag]
    duplicated = manifest[manifest["doc_id"].duplicated(keep=False) & (manifest["doc_id"] != "")]
    for doc_id, group in duplicated.groupby("doc_id", sort=True):
        lines = ", ".join(str(n) for n in group.index)
        problems.append(f"{path}, lines {lines}: doc_id {doc_id!r} is used more than once; give each article its own id")
    if problems:
        raise CorpusError("\n".join(problems), problems)
    return manifest


def unlisted_files(data_dir: Path, manifest: pd.DataFrame) -> list[str]:
    """Files in raw/ that no manifest row names: an error, so nothing is left out silently."""
    raw_dir = Path(data_dir) / "raw"
    if not raw_dir.is_dir():
        return []
    # os.walk and os.path rather than Path.rglob: this looks at every raw file on every load
    listed = {os.path.normpath(os.path.join(data_dir, f)) for f in manifest["file"]}
    unlisted = [Path(folder, name) for folder, _, names in os.walk(raw_dir) for name in names
                if not name.startswith(".") and os.path.normpath(os.path.join(folder, name)) not in listed]
    return [f"{path}: in raw/ but not in {MANIFEST_NAME}; add a manifest row for it or move it out of raw/"
            for path in sorted(unlisted) if path.is_file()]


def write_manifest(folder: Path, rows: list[dict]) -> Path:
    """Write ``manifest.csv`` into ``folder`` for ``rows`` (the standard columns first, then any other
    a row has, in order of appearance); for corpora that programs assemble (tests, benchmarks, gold)."""
    columns = list(dict.fromkeys([*MANIFEST_COLUMNS, *(key for row in rows for key in row)]))
    path = Path(folder) / MANIFEST_NAME
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path
