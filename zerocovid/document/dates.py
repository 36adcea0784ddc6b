"""Dates and times a text names, each with the moment (and interval) it stands for.

``time_expressions(text, article_day)`` gives one dict per expression (截至9月8日24时, 1月24日0时至16时,
5月1日至6日, 昨日, 9月29日以来): start, end, as_of (the moment), as_of_start (an interval's
start, or NaT), timed (an hour is given), carries (it also dates later sentences of its
paragraph: a cutoff, an interval or an hour), since (以来 follows), day. A date without a year
takes the last year written earlier in the text when that keeps it within the year before the
article's day, else the article's year, or the year before when that would put it more than
``FUTURE_TOLERANCE`` after the article's day. ``article_day(doc_id, event_date, published)`` is
the day a text's undated figures hold for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import pandas as pd
from dateutil.relativedelta import relativedelta

from ..lexicons import load_resource
from ..numerals import to_number
from ..scan import Finder

# How far after the article's day a date without a year may fall before it is read as last year's
# (news reports the past; a notice may announce a few weeks ahead). Dates are worked out with the
# standard library (pandas scalar arithmetic costs microseconds per step) and become Timestamps at the end.
FUTURE_TOLERANCE = relativedelta(months=2)


@dataclass(frozen=True)
class DateLexicon:
    time: Finder
    afternoon: frozenset
    since: re.Pattern


@lru_cache(maxsize=1)
def date_lexicon() -> DateLexicon:
    res = load_resource("dates")
    return DateLexicon(time=Finder(re.compile(res["time_expression"])), afternoon=frozenset(res["afternoon_parts"]),
                       since=re.compile(res["since"]))


def article_day(doc_id: str, event: object, published: object) -> pd.Timestamp:
    """The article's day: the manifest's event_date, else the published date (its wall-clock day)."""
    if isinstance(event, str) and event.strip():
        return pd.Timestamp(event.strip()).normalize()
    if published is not None and not pd.isna(published):
        stamp = pd.Timestamp(published)
        # its wall-clock day, as tz_localize(None).normalize() gives it at a fifth of the cost
        return pd.Timestamp(stamp.year, stamp.month, stamp.day).as_unit(stamp.unit)
    raise ValueError(f"document {doc_id!r} has neither event_date nor published: cannot date its figures")


def _whole_number(numeral: str) -> int:
    """A year, month, day or hour written in Arabic or Chinese digits (二〇二二, 十一, 24)."""
    return int(numeral) if numeral.isdigit() else int(to_number(numeral))


@lru_cache(maxsize=1024)
def _window(article_day: datetime) -> tuple[datetime, datetime]:
    """(a year before, ``FUTURE_TOLERANCE`` after) the article's day, computed once per day."""
    return article_day - relativedelta(years=1), article_day + FUTURE_TOLERANCE


def _dated(month: int, day: int, written_year: int | None, article_day: datetime) -> datetime:
    """A month and day without a year: in the last year written earlier in the text when that
    puts it within the year before the article's day (up to ``FUTURE_TOLERANCE`` after it; a
    year further back dates background, such as 成立于2021年10月15日); else in the article's year,
    or the year before when that would be more than ``FUTURE_TOLERANCE`` after the article's day
    (12月31日 in an article of 2022-01-03 is 2021-12-31)."""
    year_before, latest = _window(article_day)
    if written_year is not None:
        try:
            date = datetime(written_year, month, day)
        except ValueError:
            date = None
        if date is not None and year_before < date <= latest:
            return date
    try:
        date = datetime(article_day.year, month, day)
    except ValueError:  # 2月29日 of a year without it: only the year before can hold it
        date = None
    if date is None or date > latest:
        date = datetime(article_day.year - 1, month, day)
    return date


def _stamp(moment: datetime | None, unit: str):
    """``moment`` as a Timestamp in ``unit`` (pd.NaT for None)."""
    return pd.NaT if moment is None else pd.Timestamp(moment).as_unit(unit)


def time_expressions(text: str, article_day: pd.Timestamp) -> list[dict]:
    """Every date/time of ``text`` with the moment (and interval start) it names;
    ``carries`` says whether it also dates later sentences of its paragraph (a cutoff, an interval
    or an hour)."""
    lex = date_lexicon()
    found, month, written_year = [], article_day.month, None
    article = article_day.to_pydatetime()
    # the unit pandas arithmetic would give: the finer of the article day's and microseconds
    article_unit = "ns" if article_day.unit == "ns" else "us"
    for match in lex.time.finditer(text):
        groups = match.groupdict()
        if groups["today"] or groups["yesterday"]:
            day, unit = article - timedelta(days=1 if groups["yesterday"] else 0), article_unit
        else:
            month = _whole_number(groups["month"]) if groups["month"] else month
            if groups["year"]:
                written_year = _whole_number(groups["year"])
            try:
                day, unit = _dated(month, _whole_number(groups["day"]), written_year, article), "us"
            except ValueError:
                continue
        if groups["range_from"] is not None:
            groups["hour"], groups["hour2"] = groups["range_from"], groups["range_to"]
        hour = groups["hour"]
        if groups["day2"] is not None:  # a span of days (5月1日至6日): from the first to the end of the last
            last = day + timedelta(days=_whole_number(groups["day2"]) - day.day)
            as_of, as_of_start, timed = last + timedelta(days=1), day, False
        elif hour is None:  # a whole day; 截至 a day means up to its end, with no start
            as_of, as_of_start, timed = day + timedelta(days=1), None if groups["cutoff"] else day, False
        else:
            hour = _whole_number(hour)
            hour += 12 if groups["part"] in lex.afternoon and hour < 12 else 0
            point = day + timedelta(hours=hour, minutes=int(groups["minute"] or 0))
            if groups["hour2"] is not None:
                as_of, as_of_start = day + timedelta(hours=_whole_number(groups["hour2"])), point
            else:
                as_of, as_of_start = point, None
            timed = True
        since = bool(lex.since.match(text, match.end()))
        found.append({"start": match.start(), "end": match.end(), "as_of": _stamp(as_of, unit),
                      "as_of_start": _stamp(as_of_start, unit), "timed": timed,
                      "carries": (timed or bool(groups["cutoff"])) and not since, "since": since,
                      "day": _stamp(day, unit) if since else None})  # the day is read only after 以来
    return found
