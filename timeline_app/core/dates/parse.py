"""A forgiving parser for dates people type: ``2025-11-13``, ``13 Nov 2025``, ``Nov 2025``, ``Q3 2024``,
``H1 2024``, ``2024``, ``2023-24``, ``2024-W05``, ranges such as ``Jan 2024 to Mar 2024``, and ``undated``.

Every result is an interval with a precision, the same shape extraction produces, so an edited date and an
extracted one are drawn and compared alike."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .calendar_words import MONTHS
from .intervals import PRECISION_RANK
from .timevalues import month_end, value_interval

PRECISION_CHOICES = ("day", "week", "month", "quarter", "half", "year", "decade")
_UNDATED = {"", "undated", "none", "no date", "unknown", "-", "?"}
_MONTH = r"(?P<mon>[A-Za-z]{3,9}\.?)"


@dataclass(frozen=True)
class DateSpan:
    """A date interval with its precision; ``start`` is None for "undated"."""

    start: dt.date | None
    end: dt.date | None
    precision: str

    def label(self) -> str:
        """How the span reads to a person (``13 Nov 2025``, ``Q3 2024``, ``2023–2024``)."""
        return span_label(self.start, self.end, self.precision)


def span_label(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    """A short human label for an interval with a precision."""
    if start is None:
        return "undated"
    if precision == "day" and (end is None or end == start):
        return f"{start.day} {start:%b %Y}"
    if precision == "month" and end and (start.year, start.month) == (end.year, end.month):
        return f"{start:%b %Y}"
    if precision == "quarter" and end and start.month % 3 == 1 and start.year == end.year:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if precision == "half" and end and start.month in (1, 7) and start.year == end.year:
        return f"H{1 if start.month == 1 else 2} {start.year}"
    if precision == "year" and end and start == dt.date(start.year, 1, 1) and end == dt.date(end.year, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{start.isoformat()} – {(end or start).isoformat()}"


def _month(word: str) -> int:
    m = MONTHS.get(word.lower().rstrip("."))
    if m is None:
        raise ValueError(f"unknown month '{word}'")
    return m


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000
    if not 1 <= y <= 9999:
        raise ValueError(f"year {text} out of range")
    return y


def _day(y: int, m: int, d: int) -> DateSpan:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        raise ValueError(f"no such day: {y:04d}-{m:02d}-{d:02d}") from None
    return DateSpan(day, day, "day")


def _single(t: str) -> DateSpan:
    """One date expression (no range)."""
    s = t.strip().rstrip(".").strip()
    low = s.lower()
    if low in _UNDATED:
        return DateSpan(None, None, "undated")
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", s):  # day first, as most of the world writes it
        a, b = int(m[1]), int(m[2])
        return _day(int(m[3]), b, a) if b <= 12 else _day(int(m[3]), a, b)
    if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})", s, re.IGNORECASE):
        return _day(int(m[3]), _month(m["mon"]), int(m[1]))
    if m := re.fullmatch(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", s, re.IGNORECASE):
        return _day(int(m[3]), _month(m["mon"]), int(m[2]))
    if m := re.fullmatch(rf"{_MONTH},?\s+(\d{{4}})", s, re.IGNORECASE):
        mo, y = _month(m["mon"]), _year(m[2])
        return DateSpan(dt.date(y, mo, 1), month_end(y, mo), "month")
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})", s):
        y, mo = _year(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise ValueError(f"no month {mo}")
        return DateSpan(dt.date(y, mo, 1), month_end(y, mo), "month")
    if m := re.fullmatch(r"(?:q([1-4])[\s/-]*(\d{4}|\d{2})|(\d{4})[\s/-]*q([1-4])|([1-4])q[\s/-]*(\d{4}|\d{2}))",
                         low):
        q = int(m[1] or m[4] or m[5])
        y = _year(m[2] or m[3] or m[6])
        return DateSpan(dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")
    if (m := re.fullmatch(r"(?:h([12])[\s/-]*(\d{4})|(\d{4})[\s/-]*h([12]))", low)):
        h, y = int(m[1] or m[4]), _year(m[2] or m[3])
        return DateSpan(dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half")
    if m := re.fullmatch(r"(?:fy\s*)?(\d{4})", low):
        y = _year(m[1])
        return DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if m := re.fullmatch(r"(\d{4})s", low):
        y = _year(m[1])
        if y % 10 == 0:
            return DateSpan(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade")
    if (iv := value_interval(s.upper())) is not None:
        return DateSpan(*iv)
    raise ValueError(f"cannot read '{t.strip()}' as a date (try 2025-11-13, 13 Nov 2025, Nov 2025, Q3 2024, 2024)")


def widen(start: dt.date, precision: str) -> DateSpan:
    """The interval of ``precision`` that contains ``start`` (a day widened to its month, quarter, …)."""
    y, m = start.year, start.month
    if precision == "day":
        return DateSpan(start, start, "day")
    if precision == "week":
        monday = start - dt.timedelta(days=start.weekday())
        return DateSpan(monday, monday + dt.timedelta(days=6), "week")
    if precision == "month":
        return DateSpan(dt.date(y, m, 1), month_end(y, m), "month")
    if precision == "quarter":
        q0 = 3 * ((m - 1) // 3) + 1
        return DateSpan(dt.date(y, q0, 1), month_end(y, q0 + 2), "quarter")
    if precision == "half":
        h0 = 1 if m <= 6 else 7
        return DateSpan(dt.date(y, h0, 1), month_end(y, h0 + 5), "half")
    if precision == "year":
        return DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if precision == "decade":
        d0 = y - y % 10
        return DateSpan(dt.date(d0, 1, 1), dt.date(min(d0 + 9, 9999), 12, 31), "decade")
    raise ValueError(f"unknown precision '{precision}' (one of {', '.join(PRECISION_CHOICES)})")


def parse_date_text(text: str, precision: str | None = None) -> DateSpan:
    """Read a typed date or date range; ``precision`` (if given) widens the result to that precision.

    Raises ``ValueError`` with a message a person can act on when the text is not a date."""
    if precision is not None and precision not in PRECISION_CHOICES and precision != "undated":
        raise ValueError(f"unknown precision '{precision}' (one of {', '.join(PRECISION_CHOICES)})")
    t = " ".join(str(text).split())
    span: DateSpan | None = None
    # a year range written short: 2023-24, 2023/24, 2023–2024
    if m := re.fullmatch(r"(\d{4})\s*[-/–—]\s*(\d{2}|\d{4})", t):
        a = int(m[1])
        b = int(m[2]) if len(m[2]) == 4 else a // 100 * 100 + int(m[2])
        if len(m[2]) == 2 and 1 <= int(m[2]) <= 12 and b <= a:
            pass  # 2024-03 is a month, read below
        elif b >= a:
            span = DateSpan(dt.date(a, 1, 1), dt.date(b, 12, 31), "year")
        else:
            raise ValueError(f"range '{t}' ends before it starts")
    if span is None:
        parts = re.split(r"\s+(?:to|until|till|through|–|—|-)\s+|\s*\.\.\s*|\s*[–—]\s*", t, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            a_span, b_span = _single(parts[0]), _single(parts[1])
            if a_span.start is None or b_span.start is None or b_span.end is None:
                raise ValueError(f"cannot read '{t}' as a date range")
            if b_span.end < a_span.start:
                raise ValueError(f"range '{t}' ends before it starts")
            coarse = max(a_span.precision, b_span.precision, key=lambda p: PRECISION_RANK.get(p, 9))
            span = DateSpan(a_span.start, b_span.end, coarse)
        else:
            span = _single(t)
    if precision == "undated":
        return DateSpan(None, None, "undated")
    if precision and span.start is not None and precision != span.precision:
        return widen(span.start, precision)  # the interval of that precision around the start
    return span
