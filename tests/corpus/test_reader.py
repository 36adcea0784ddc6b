"""load_documents() reads a corpus folder: exact metadata of the project's five articles, unusual files
that must load exactly (the matrix in ``pages.LOADS``, each next to a good article), dates."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

import zerocovid as zc
from helpers import corpus_with_neighbour
from pages import B, FILE_NAMES, LOADS
from zerocovid import corpus
from zerocovid.paths import DATA_DIR

EXPECTED = {
    # doc_id: (region, place, province, title, published (Beijing time), date_source)
    "2022-01-07_xian": ("Xi'an", "Xi'an", "Shaanxi", "陕西省委书记：深刻汲取教训、反思不足",
                        "2022-01-07 13:58:10", "front matter"),
    "2022-01-24_yili_horgos": ("Yili", "Horgos", "Xinjiang", "新疆伊犁州全面启动疫情防控工作",
                               "2022-01-24 21:20:27", "front matter"),
    "2022-05-07_xuchang": ("Xuchang", "Xuchang", "Henan", "许昌市召开新冠肺炎疫情防控第二十三场新闻发布会",
                           "2022-05-07 00:00:00", "manifest"),
    "2022-09-09_korla": ("Korla", "Korla", "Xinjiang", "库尔勒市道歉：防疫存在短板，全力做好生活保障",
                         "2022-09-09 12:38:20", "text"),
    "2022-09-09_yili_yining": ("Yili", "Yining", "Xinjiang", "新疆伊犁辟谣", "2022-09-10 06:01:01", "front matter"),
}

def test_five_documents_in_doc_id_order(docs):
    assert list(docs.index) == sorted(EXPECTED)
    assert list(docs["doc_id"]) == list(docs.index)


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_metadata_exact(docs, doc_id):
    region, place, province, title, published, date_source = EXPECTED[doc_id]
    row = docs.loc[doc_id]
    assert (row.region, row.place, row.province, row.title) == (region, place, province, title)
    assert row.published == pd.Timestamp(published, tz="Asia/Shanghai")
    assert row.date_source == date_source
    assert str(row.published.tz) == "Asia/Shanghai"


def test_page_formats_detected_by_content(docs):
    assert docs["page_format"].to_dict() == {
        "2022-01-07_xian": "html", "2022-01-24_yili_horgos": "html", "2022-05-07_xuchang": "plain",
        "2022-09-09_korla": "plain", "2022-09-09_yili_yining": "html"}


def test_sha256_and_encoding_recorded(docs):
    for row in docs.itertuples():
        raw = (DATA_DIR / row.source_file).read_bytes()
        assert row.sha256 == hashlib.sha256(raw).hexdigest()
        assert row.encoding == "utf-8"
        assert row.script == "simplified"


def test_other_data_folder_with_same_layout(corpus_copy):
    docs = zc.load_documents(corpus_copy)
    assert len(docs) == 5


def test_default_data_dir_is_the_projects(docs):
    assert zc.load_documents(DATA_DIR)["sha256"].tolist() == docs["sha256"].tolist()


# ------------------------------------------------------------------ unusual files that load

@pytest.mark.parametrize("name", sorted(LOADS))
def test_unusual_input_loads_correctly(tmp_path, name):
    content, fields, (title, text) = LOADS[name]
    folder, _ = corpus_with_neighbour(tmp_path, name, content, fields, FILE_NAMES.get(name))
    docs = zc.load_documents(folder)
    assert len(docs) == 2  # no row lost
    case, good = docs.loc["doc1"], docs.loc["doc2"]
    assert (case.title, case.text) == (title, text)
    assert (good.title, good.text) == ("好文章", B)
    assert case.n_chars == len(text) and "\r" not in case.text and "\x00" not in case.text


def test_front_matter_dates_are_read(tmp_path):
    folder, _ = corpus_with_neighbour(tmp_path, "chinese_front_matter_date", *LOADS["chinese_front_matter_date"][:2])
    assert str(zc.load_documents(folder).loc["doc1", "published"]) == "2022-09-09 10:30:00+08:00"


def test_localized_is_tz_localize_without_its_cost():
    # every half hour of the Sundays on which China's summer time (1986-1991) began or ended
    sundays = [day for year in range(1986, 1992) for month in (4, 5, 9)
               for day in (datetime(year, month, d) for d in range(1, 31)) if day.weekday() == 6]
    moments = [day + timedelta(minutes=30 * i) for day in sundays for i in range(48)]
    moments += [datetime(2022, 9, 9, 12, 38, 20, 5), datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59)]
    stamps = [pd.Timestamp(m) for m in moments] + [pd.Timestamp(date(2022, 9, 9))]  # the last has unit "s"
    refused = 0
    for stamp in stamps:
        try:
            expected = stamp.tz_localize(corpus.TIMEZONE)
        except ValueError:
            with pytest.raises(ValueError):
                corpus.reader._localized(stamp)
            refused += 1
            continue
        got = corpus.reader._localized(stamp)
        assert (got, got.unit, got.tzinfo, repr(got)) == (expected, expected.unit, expected.tzinfo, repr(expected))
    assert refused >= 12  # skipped and repeated wall times were among them
