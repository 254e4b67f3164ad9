"""TimeML-style values: calendar arithmetic and turning a value into a date interval with precision."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DECADE = re.compile(r"^(\d{3})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_FY = re.compile(r"^FY(\d{4})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def add_months(d: dt.date, n: int) -> dt.date:
    m0 = d.year * 12 + (d.month - 1) + n
    y, m = divmod(m0, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def value_interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    """The calendar interval a DATE value denotes, with its precision; None for durations, refs and
    values outside the calendar (year 0, month 13, week 54)."""
    try:
        return _value_interval(value)
    except ValueError:
        return None


def _value_interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    if m := _DAY.match(value):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return d, d, "day"
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            return dt.date(y, mo, 1), month_end(y, mo), "month"
        return None
    if m := _YEAR.match(value):
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    if m := _QUARTER.match(value):
        y, q = int(m[1]), int(m[2])
        return dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter"
    if m := _HALF.match(value):
        y, h = int(m[1]), int(m[2])
        return dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half"
    if m := _WEEK.match(value):
        start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + dt.timedelta(days=6), "week"
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade"
    if m := _SEASON.match(value):
        y = int(m[1])
        a, b = _SEASON_MONTHS[m[2]]
        start = dt.date(y, a, 1)
        end = month_end(y + (b - 1) // 12, (b - 1) % 12 + 1)
        return start, end, "quarter"
    if m := _FY.match(value):
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    return None


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1
