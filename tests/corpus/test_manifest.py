"""The manifest's view of raw/: unlisted files are found as rglob found them (hidden files and folders
left out, symbolic links followed as before). Errors in the manifest itself: see test_errors.py."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from zerocovid import corpus


def test_unlisted_files_as_rglob_found_them(tmp_path):
    for folder in ["raw/sub/.hidden", "raw/a-b", "raw/a"]:
        (tmp_path / folder).mkdir(parents=True)
    for name in ["x.txt", ".dot", "sub/y.txt", "sub/.hidden/z.txt", "a-b/q.txt", "a/q.txt", "listed.txt", "sub/l2.txt"]:
        (tmp_path / "raw" / name).write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "raw/sub", tmp_path / "raw/dir_link")
    os.symlink(tmp_path / "raw/x.txt", tmp_path / "raw/file_link")
    os.symlink(tmp_path / "nowhere", tmp_path / "raw/broken_link")
    manifest = pd.DataFrame({"file": ["raw/listed.txt", "raw//sub/./l2.txt", "raw/../raw/x.txt"]})
    for data_dir in [tmp_path, f"{tmp_path}/"]:
        raw_dir = Path(data_dir) / "raw"
        listed = {os.path.normpath(Path(data_dir) / f) for f in manifest["file"]}
        expected = [f"{path}: in raw/ but not in manifest.csv; add a manifest row for it or move it out of raw/"
                    for path in sorted(raw_dir.rglob("*"))
                    if not path.name.startswith(".") and os.path.normpath(path) not in listed and path.is_file()]
        assert corpus.unlisted_files(data_dir, manifest) == expected
        assert len(expected) == 5
