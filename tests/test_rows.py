"""row_id: unique in its table, deterministic across runs, made of the document and the evidence span."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import zerocovid as zc
from zerocovid.pipeline import CODED_TABLES
from zerocovid.rows import with_row_id

CODED = ["apologies", "acknowledgements", "strategies", "measures", "groups", "medical_access", "figures"]
ROW_ID = re.compile(r"(?P<doc_id>.+)@(?P<start>\d+)-(?P<end>\d+)(?:/(?P<extra>[^#]+))?(?:#\d+)?")


@pytest.fixture(scope="module")
def tables():
    return zc.coded_tables(cache=False)


@pytest.mark.parametrize("name", CODED)
def test_every_coded_row_has_a_unique_row_id_naming_its_evidence(tables, name):
    table = tables[name]
    assert table.columns[0] == "row_id" and len(table) > 0
    assert table["row_id"].is_unique
    for row in table.itertuples():
        parts = ROW_ID.fullmatch(row.row_id)
        assert (parts["doc_id"], int(parts["start"]), int(parts["end"])) == (row.doc_id, row.start, row.end)


def test_row_ids_are_the_same_on_every_run(tables):
    again = zc.coded_tables(cache=False)
    for name in CODED:
        assert tables[name]["row_id"].tolist() == again[name]["row_id"].tolist()


def test_two_acts_in_one_sentence_are_told_apart_by_their_formula(tables):
    apologies = tables["apologies"]
    shared = apologies[apologies.duplicated(["doc_id", "start", "end"], keep=False)]
    assert len(shared) >= 2   # the seeds hold sentences with two acts (Xi'an: 表达诚挚的道歉 / 公开道歉)
    assert (shared["row_id"] == [f"{r.doc_id}@{r.start}-{r.end}/{r.formula_start}" for r in shared.itertuples()]).all()


def test_strategy_rows_on_one_cue_are_told_apart_by_their_code(tables):
    strategies = tables["strategies"]
    row = strategies[strategies["code"] == "benoit.mortification"].iloc[0]
    assert row["row_id"] == f"{row['doc_id']}@{row['start']}-{row['end']}/benoit.mortification"


def test_rows_no_column_tells_apart_are_numbered_in_table_order():
    frame = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "start": [1, 1, 5, 1], "end": [3, 3, 9, 3], "x": [0, 1, 2, 3]})
    out = with_row_id(frame)
    assert out["row_id"].tolist() == ["a@1-3", "a@1-3#2", "a@5-9", "b@1-3"]
    assert list(out.columns) == ["row_id", "doc_id", "start", "end", "x"] and "row_id" not in frame.columns
    assert with_row_id(out)["row_id"].tolist() == out["row_id"].tolist()   # applying it again changes nothing


def test_an_empty_table_still_has_the_column():
    empty = zc.find_apologies(pd.DataFrame({"doc_id": ["d"], "region": ["R"], "text": ["没有道歉。"]}))
    assert list(empty.columns[:2]) == ["row_id", "doc_id"] and empty.empty


def test_coded_tables_are_every_analyzer_of_the_pipeline(tables):
    assert set(tables) == {"documents", *CODED_TABLES}
