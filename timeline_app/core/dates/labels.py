"""The one way an event's date is written for people, in every view (table, tooltip, detail pane, report,
exports): the interval at its precision, both ends when it spans more than one unit of it.

``13 Nov 2025``, ``Dec 2006``, ``Q3 2024``, ``H1 2024``, ``2024``, ``2020s``, ``week of 3 Feb 2025``,
``24 Jul 2015 19:01:01 UTC``; a range: ``Dec 2006 to Mar 2007``, ``10 Dec 1815 to 27 Nov 1852``, ``1956 to 1962``."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from .timevalues import month_end

#: the precisions finer than a day and how their time of day is written
_TIME_FORMATS = {"hour": "%H:%M", "minute": "%H:%M", "second": "%H:%M:%S"}


def unit_end(start: dt.date, precision: str) -> dt.date:
    """The last day of the unit of ``precision`` that holds ``start`` (its month for "month", …)."""
    y, m = start.year, start.month
    if precision == "week":
        return start - dt.timedelta(days=start.weekday()) + dt.timedelta(days=6)
    if precision == "month":
        return month_end(y, m)
    if precision == "quarter":
        return month_end(y, 3 * ((m - 1) // 3) + 3)
    if precision == "half":
        return month_end(y, 6 if m <= 6 else 12)
    if precision == "year":
        return dt.date(y, 12, 31)
    if precision == "decade":
        return dt.date(min(y - y % 10 + 9, 9999), 12, 31)
    return start


def _zone(t: dt.time) -> str:
    off = t.utcoffset()
    if off is None:
        return ""
    if not off:
        return " UTC"
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def unit_label(d: dt.date, precision: str, t: dt.time | None = None) -> str:
    """One date written at a precision: ``Dec 2006`` for a month, ``Q3 2024``, ``10 Dec 1815``, …"""
    if precision in _TIME_FORMATS and t is not None:
        return f"{d.day} {d:%b} {d.year} {t.strftime(_TIME_FORMATS[precision])}{_zone(t)}"
    if precision == "month":
        return f"{d:%b} {d.year}"
    if precision == "quarter":
        return f"Q{(d.month - 1) // 3 + 1} {d.year}"
    if precision == "half":
        return f"H{1 if d.month <= 6 else 2} {d.year}"
    if precision == "year":
        return str(d.year)
    if precision == "decade":
        return f"{d.year - d.year % 10}s"
    if precision == "week":
        monday = d - dt.timedelta(days=d.weekday())
        return f"week of {monday.day} {monday:%b} {monday.year}"
    return f"{d.day} {d:%b} {d.year}"


def date_label(start: dt.date | None, end: dt.date | None, precision: str,
               start_time: dt.time | None = None, end_time: dt.time | None = None) -> str:
    """An interval at its precision, for people: one unit (``Dec 2006``) when the interval is that unit, else
    both ends (``Dec 2006 to Mar 2007``); ``undated`` without a start."""
    if start is None or precision == "undated":
        return "undated"
    first = unit_label(start, precision, start_time)
    if precision in _TIME_FORMATS:
        if end is None or (end == start and end_time in (None, start_time)):
            return first
        if end == start and end_time is not None:
            return f"{first} to {end_time.strftime(_TIME_FORMATS[precision])}{_zone(end_time)}"
        return f"{first} to {unit_label(end, precision, end_time)}"
    if end is None or end <= unit_end(start, precision):
        return first
    last = unit_label(end, precision)
    return first if last == first else f"{first} to {last}"


class _Dated(Protocol):
    start: dt.date | None
    end: dt.date | None
    precision: str
    start_time: dt.time | None
    end_time: dt.time | None


def event_date_label(ev: _Dated) -> str:
    """:func:`date_label` of an event (anything with start, end, precision and times of day)."""
    return date_label(ev.start, ev.end, ev.precision, ev.start_time, ev.end_time)
