"""Times of the timeline's columns: dates and events as seconds since 1970 (UTC days, wall-clock times of
day), back to dates, and labels of intervals in seconds (pure Python and NumPy, no Qt)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..dates.labels import date_label
from ..model import Event

EPOCH = dt.date(1970, 1, 1)
DAY = 86400.0
#: How long one unit of a sub-day precision lasts (an event at 19:01:01 to the second covers one second).
_SUB_DAY_SECONDS = {"hour": 3600.0, "minute": 60.0, "second": 1.0}


def date_to_seconds(d: dt.date) -> float:
    return (d - EPOCH).days * DAY


def seconds_to_date(s: float) -> dt.date:
    return EPOCH + dt.timedelta(days=int(s // DAY))


def _time_seconds(t: dt.time | None) -> float:
    """Seconds into the day of a time of day, as the source wrote it (its wall clock; the offset is kept for
    labels but not applied, so an event stays on the calendar day its date says)."""
    return 0.0 if t is None else t.hour * 3600.0 + t.minute * 60.0 + t.second + t.microsecond / 1e6


def event_span(e: Event) -> tuple[float, float]:
    """An event's [t0, t1) in seconds since 1970 (NaN, NaN when undated); sub-day precisions keep the time of
    day and last one unit of their precision (a second, a minute, an hour) unless an end time is given."""
    if e.start is None:
        return np.nan, np.nan
    t0 = date_to_seconds(e.start) + _time_seconds(e.start_time)
    unit = _SUB_DAY_SECONDS.get(e.precision)
    if unit is None or e.start_time is None:
        return t0, date_to_seconds(e.end or e.start) + DAY
    if e.end_time is not None:
        return t0, max(date_to_seconds(e.end or e.start) + _time_seconds(e.end_time) + unit, t0 + unit)
    if e.end is not None and e.end > e.start:
        return t0, date_to_seconds(e.end) + DAY
    return t0, t0 + unit


def seconds_label(t0: float, t1: float, precision: str) -> str:
    """:func:`core.dates.labels.date_label` for an interval in seconds (the index's columns; a time of day has
    no offset here)."""
    if np.isnan(t0):
        return "undated"
    d0 = seconds_to_date(t0)
    if precision in _SUB_DAY_SECONDS:
        unit = _SUB_DAY_SECONDS[precision]
        tm0 = (dt.datetime.min + dt.timedelta(seconds=t0 - date_to_seconds(d0))).time()
        last = max(t1 - unit, t0)
        d1 = seconds_to_date(last)
        tm1 = (dt.datetime.min + dt.timedelta(seconds=last - date_to_seconds(d1))).time()
        return date_label(d0, d1, precision, tm0, tm1)
    return date_label(d0, seconds_to_date(t1 - 1), precision)
