"""Date intervals with a precision: how precisions order, and when one interval lies within another."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

#: Finer precisions rank lower; "undated" is coarsest of all.
PRECISION_RANK: dict[str, int] = {"second": -3, "minute": -2, "hour": -1,
                                  "day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5,
                                  "decade": 6, "undated": 9}


class Dated(Protocol):
    """Anything with a start/end date interval (events, time expressions)."""

    start: dt.date | None
    end: dt.date | None


def finer(a: str, b: str) -> bool:
    """Precision ``a`` is strictly finer than ``b`` (a day is finer than a month)."""
    return PRECISION_RANK.get(a, 9) < PRECISION_RANK.get(b, 9)


def intervals_nested(a: Dated, b: Dated) -> bool:
    """One interval lies within the other (a day in its month, a month in its year)."""
    return bool(a.start and b.start and a.end and b.end and
                ((a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)))
