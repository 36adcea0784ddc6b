"""Stable row ids for coded tables, so that export, corrections and agreement can key on a row.

``row_id`` is ``<doc_id>@<start>-<end>``: the document and the evidence span, which any coder can
check in the text. Where one table can hold two rows with the same span (two apology acts in one
sentence, two strategy codes on one cue), the table names the column that tells them apart and
its value follows a slash (``2022-01-07_xian@812-861/830``, ``…@120-124/benoit.mortification``).
A row that is still not unique (no such column tells it apart) gets ``#2``, ``#3`` … in table
order. The same text and lexicons give the same ids on every run.
"""
from __future__ import annotations

import pandas as pd

ROW_ID = "row_id"


def with_row_id(frame: pd.DataFrame, discriminator: str | None = None) -> pd.DataFrame:
    """``frame`` (with doc_id, start, end) with ``row_id`` as its first column."""
    columns = [frame[name].tolist() for name in ("doc_id", "start", "end")]
    if discriminator:
        columns.append(frame[discriminator].tolist())
        ids = [f"{doc_id}@{start}-{end}/{extra}" for doc_id, start, end, extra in zip(*columns)]
    else:
        ids = [f"{doc_id}@{start}-{end}" for doc_id, start, end in zip(*columns)]
    seen: dict[str, int] = {}
    for index, row_id in enumerate(ids):
        count = seen[row_id] = seen.get(row_id, 0) + 1
        if count > 1:
            ids[index] = f"{row_id}#{count}"
    out = frame.drop(columns=ROW_ID, errors="ignore")  # a copy: the caller's frame is left as it was
    out.insert(0, ROW_ID, pd.Series(ids, index=frame.index, dtype="str"))
    return out
