"""The range of dates the app supports: years ``MIN_YEAR``–``MAX_YEAR``, defined once here.

Business news dates events within a few centuries of today; a date of 0001-01-01 or 9999-12-31 in a file is a
placeholder or an error (a spreadsheet's empty date, a "never expires"), not an event. The timeline can draw far
more (``gui/date_axis`` goes to the years 1–9998) and Python's dates stop at 9999, so the bound is about what is
plausible, with a wide margin: years 1000–2999. Imports refuse a date outside it, row by row, with this range in
the message."""

from __future__ import annotations

import datetime as dt

MIN_YEAR = 1000
MAX_YEAR = 2999
EARLIEST = dt.date(MIN_YEAR, 1, 1)
LATEST = dt.date(MAX_YEAR, 12, 31)
RANGE_TEXT = f"years {MIN_YEAR}–{MAX_YEAR}"


def in_range(d: dt.date | int) -> bool:
    """Whether a date (or a year) lies in the supported range."""
    year = d if isinstance(d, int) else d.year
    return MIN_YEAR <= year <= MAX_YEAR


def out_of_range(what: str) -> str:
    """The message for a date outside the range: ``"date '0001-01-01' is outside the supported range (years
    1000–2999)"`` for ``what="date '0001-01-01'"``."""
    return f"{what} is outside the supported range ({RANGE_TEXT})"
