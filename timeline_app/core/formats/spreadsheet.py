"""Cells of spreadsheet-like files (CSV, TSV): the one rule against formula injection, its inverse for imports,
and the writer every table export uses, so no column can skip the rule.

Export (``safe_cell``), the OWASP rule: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'``, so a spreadsheet shows it as text instead of running it as a formula. This covers
text from articles (titles, evidence quotes), company names and the user's notes alike. To keep the rule exactly
invertible, a cell that already starts with quotes followed by one of those characters (``'=x``) gets one more
quote too (``''=x``). Numbers the exporter computes (Timesketch's microsecond timestamp, which is negative before
1970, and confidence) are written as numbers: a number is never a formula, and Timesketch needs it numeric.

Import (``restore_cell``): the choice is to round-trip. One leading ``'`` is removed when the rest of the cell
starts with quotes and then one of those characters, which is exactly what ``safe_cell`` added; any other quote
is kept. So a CSV we exported imports with its original text. The price: a hand-made cell ``'=x`` (an apostrophe
meant literally before a formula character) imports as ``=x`` — which is also what a spreadsheet displays."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

#: what a cell may not start with (OWASP CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile(r"'*[=+\-@\t\r]")
_RESTORABLE = re.compile(r"'+[=+\-@\t\r]")

Cell = str | int | float | None


def safe_cell(value: Cell) -> str | int | float:
    """A value as a cell no spreadsheet runs as a formula (None is an empty cell; numbers stay numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    return "'" + value if _GUARDED.match(value) else value


def restore_cell(value: str) -> str:
    """The text ``safe_cell`` was given: drops the one quote it adds (see the module's docstring)."""
    return value[1:] if value.startswith("'") and _RESTORABLE.match(value) else value


def write_table(path: Path, fields: Sequence[str], rows: Iterable[Mapping[str, Cell]], delimiter: str = ",") -> int:
    """Write a header and one line per row (UTF-8, every cell through ``safe_cell``); returns the rows written."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow([safe_cell(h) for h in fields])
        for row in rows:
            w.writerow([safe_cell(row.get(k)) for k in fields])
            n += 1
    return n
