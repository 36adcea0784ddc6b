"""Events: the occasions an article reports (a press conference, a meeting, a notice), each with its day.

Articles bundle occasions: one report can summarise three press conferences of different days. The
region and the article are too coarse a unit for "who said what when"; the event is the occasion a
statement was made at. Lexicon: ``resources/events.yaml`` (kinds and their patterns, with glosses).

``events(docs)`` — one row per mention of an occasion, in (doc_id, start) order:
    row_id (doc_id@start-end), doc_id, region, event_no (1, 2 … within the article; a later mention of the
    same kind of occasion on the same day has the same number), kind (press_conference |
    meeting | notice), day (the date the text gives for it: the last date named before the verb in its
    sentence, else the article's day), day_source ("text" | "article"), host (who held or issued it, as
    written; "" when the text does not say), start, end (the words that report it), text (= text[start:end]).
``with_events(table, events)`` — a coded table with ``event_no`` and ``event_day``: the last occasion
before each row in its article (0 and the article's day before the first one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..document import documents
from ..lexicons import load_resource
from ..rows import with_row_id

EVENT_COLUMNS = ["row_id", "doc_id", "region", "event_no", "kind", "day", "day_source", "host", "start", "end", "text"]


@dataclass(frozen=True)
class EventLexicon:
    kinds: tuple[tuple[str, re.Pattern], ...]
    host: re.Pattern


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    res = load_resource("events")
    return EventLexicon(kinds=tuple((e["kind"], re.compile(e["pattern"])) for e in res["kinds"]),
                        host=re.compile(res["host"]))


def _document_events(doc) -> list[dict]:
    lex = event_lexicon()
    found = []
    for kind, pattern in lex.kinds:
        for match in pattern.finditer(doc.text):
            if any(match.start() < e["end"] and e["start"] < match.end() for e in found):
                continue   # an earlier kind (a press conference) already holds these words
            index = doc.sentence_index(match.start())
            sent_start = doc.sentences[index].start if index is not None else 0
            clause_start = doc.clause_start(match.start(), sent_start)
            dated = [d for d in doc.dates if sent_start <= d["start"] and d["end"] <= match.start()]
            day = (dated[-1]["as_of_start"] if pd.notna(dated[-1]["as_of_start"]) else dated[-1]["as_of"]) if dated \
                else doc.article_day
            before = doc.text[max(clause_start, dated[-1]["end"] if dated else 0):match.start()]
            host = lex.host.search(before)
            found.append({"doc_id": doc.doc_id, "region": doc.region, "kind": kind,
                          "day": pd.Timestamp(day).normalize(), "day_source": "text" if dated else "article",
                          "host": host["host"].strip() if host else "",
                          "start": match.start() if not dated else min(match.start(), dated[-1]["start"]),
                          "end": match.end()})
    found.sort(key=lambda e: e["start"])
    numbers: dict[tuple, int] = {}
    for event in found:   # a later mention of the same kind of occasion on the same day is the same occasion
        event["event_no"] = numbers.setdefault((event["kind"], event["day"]), len(numbers) + 1)
        event["text"] = doc.text[event["start"]:event["end"]]
    return found


def events(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per occasion the articles report (columns in the module docstring)."""
    rows = [event for doc in documents(docs) for event in _document_events(doc)]
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS[1:])
    if not frame.empty:
        frame = frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    return with_row_id(frame)[EVENT_COLUMNS]


def with_events(table: pd.DataFrame, found: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``event_no`` and ``event_day``: the last occasion of its article before each row
    (0 and the article's day when the row comes before any)."""
    rows = table[["doc_id", "start"]].assign(_row=np.arange(len(table))).sort_values("start", kind="stable")
    occasions = found[["doc_id", "start", "event_no", "day"]].sort_values("start", kind="stable")
    rows = pd.merge_asof(rows, occasions, on="start", by="doc_id", direction="backward").sort_values("_row")
    before_any = rows["event_no"].isna()
    undated = docs[docs["doc_id"].isin(set(rows.loc[before_any, "doc_id"]))]
    days = {doc.doc_id: pd.Timestamp(doc.article_day).normalize() for doc in documents(undated)}
    event_days = rows["day"].where(~before_any, rows["doc_id"].map(days))
    return table.assign(event_no=rows["event_no"].fillna(0).astype(int).to_numpy(), event_day=event_days.to_numpy())
