"""events(docs): the occasions an article reports, with their day and host; with_events attributes coded
rows to the occasion before them. Committed corpus: the Xi'an article bundles three press conferences."""
from __future__ import annotations

import pandas as pd

import zerocovid as zc
from zerocovid.analyzers.events import EVENT_COLUMNS, events, with_events


def test_the_xian_article_reports_three_press_conferences(docs):
    found = events(docs)
    assert list(found.columns) == EVENT_COLUMNS
    xian = found[found["doc_id"] == "2022-01-07_xian"]
    assert xian[["event_no", "kind", "host"]].values.tolist() == [
        [1, "press_conference", "西安市政府新闻办"], [2, "press_conference", "西安市"], [3, "press_conference", "西安市政府"]]
    assert [d.strftime("%Y-%m-%d") for d in xian["day"]] == ["2022-01-06", "2022-01-05", "2022-01-03"]
    texts = docs.set_index("doc_id")["text"]
    assert all(texts[r.doc_id][r.start:r.end] == r.text for r in found.itertuples())


def test_kinds_days_and_repeated_mentions(make_docs):
    found = events(make_docs(
        "9月9日，东川市人民政府新闻办公室召开疫情防控新闻发布会。会上通报了情况。"
        "在9日召开的疫情防控新闻发布会上，副市长回答了提问。",
        "城南区发表两则通报，就配送问题公开道歉。",
        "市委召开常委会会议，研究部署防控工作。",
    ))
    assert found[["doc_id", "event_no", "kind", "day_source", "host"]].values.tolist() == [
        ["doc1", 1, "press_conference", "text", "东川市人民政府新闻办公室"],
        ["doc1", 1, "press_conference", "text", ""],      # the same conference, mentioned again
        ["doc2", 1, "notice", "article", "城南区"],
        ["doc3", 1, "meeting", "article", "市委"],
    ]


def test_coded_rows_take_the_occasion_before_them(docs):
    apologies = zc.find_apologies(docs)
    xian = with_events(apologies[apologies["doc_id"] == "2022-01-07_xian"], events(docs), docs)
    assert xian["event_no"].tolist() == [0, 1, 1, 1, 1, 1]   # the headline comes before any conference
    assert xian["event_day"].iloc[1] == pd.Timestamp("2022-01-06")
