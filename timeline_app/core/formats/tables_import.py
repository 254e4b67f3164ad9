"""Importing tables: CSV/TSV with any columns (mapped onto event fields by the user or by their names), and
Timesketch CSV/JSONL (``message``, ``datetime``, ``timestamp_desc`` plus the attributes our export adds)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .contract import error_text
from .rows import Rejected, RowBuilder

#: event fields a column can be mapped to, and the column names that map to each without being told
TARGETS: dict[str, tuple[str, ...]] = {
    "date": ("date", "start", "start date", "start_date", "when", "day", "datetime", "time", "timestamp date"),
    "end": ("end", "end date", "end_date", "until", "date_end", "to"),
    "precision": ("precision", "date precision"),
    "companies": ("companies", "company", "organisation", "organization", "org", "firm", "companies involved"),
    "type": ("type", "event type", "event_type", "category", "kind"),
    "summary": ("summary", "headline", "title", "event", "message", "name"),
    "text": ("text", "description", "details", "evidence", "notes", "body"),
    "status": ("status",),
    "people": ("people", "person", "persons"),
    "places": ("places", "place", "location", "country", "city"),
}
ALIASES = {"company": "companies", "person": "people", "place": "places", "start": "date", "headline": "summary",
           "description": "text", "title": "summary"}
TIMESKETCH_REQUIRED = ("message", "datetime", "timestamp_desc")
MAX_BYTES = 512 * 1024 * 1024


class ImportError_(ValueError):
    """A file that cannot be imported at all (as opposed to a bad row, which is reported and skipped)."""


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the encoding charset-normalizer finds."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data[:1_000_000]).best()
        if best is None:
            raise ImportError_("not a text file") from None
        return data.decode(best.encoding, errors="replace")


def read_text(path: Path) -> str:
    """A regular file's text (size-limited)."""
    if not path.is_file():
        raise ImportError_(f"{path}: not a regular file")
    if path.stat().st_size > MAX_BYTES:
        raise ImportError_(f"{path}: larger than {MAX_BYTES // 2**20} MB")
    return decode(path.read_bytes())


def parse_mapping(specs: list[str] | None) -> dict[str, list[str]]:
    """``["date=When,company=Buyer", "company=Seller"]`` -> ``{"date": ["When"], "companies": ["Buyer", "Seller"]}``."""
    out: dict[str, list[str]] = {}
    for spec in specs or []:
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, sep, col = part.partition("=")
            key = ALIASES.get(key.strip().lower(), key.strip().lower())
            if not sep or not col.strip():
                raise ImportError_(f"mapping '{part}' is not FIELD=COLUMN")
            if key not in TARGETS:
                raise ImportError_(f"cannot map onto '{key}': fields are {', '.join(TARGETS)}")
            out.setdefault(key, []).append(col.strip())
    return out


def guess_mapping(header: list[str]) -> dict[str, list[str]]:
    """Which columns hold which fields, from their names (first match wins; companies may take several)."""
    norm = {h: re.sub(r"[\s_-]+", " ", h.strip().lower()) for h in header}
    out: dict[str, list[str]] = {}
    used: set[str] = set()
    for key, names in TARGETS.items():
        for name in names:
            cols = [h for h in header if norm[h] == name.replace("_", " ") and h not in used]
            if cols:
                out[key] = cols[:1]
                used.update(cols[:1])
                break
    return out


def sniff_rows(text: str, suffix: str) -> tuple[list[str], Iterator[list[str]]]:
    """The header and the rows of a CSV/TSV text (delimiter from the suffix or sniffed)."""
    if suffix == ".tsv":
        delim = "\t"
    else:
        try:
            delim = csv.Sniffer().sniff(text[:20000].split("\n", 1)[0] + "\n", delimiters=",;\t|").delimiter
        except csv.Error:
            delim = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = next(reader, None)
    if not header:
        raise ImportError_("the file is empty")
    return [h.strip() for h in header], reader


def import_table(path: Path, b: RowBuilder, text: str, mapping: dict[str, list[str]] | None,
                 limit: int | None = None) -> dict[str, list[str]]:
    """Add each row of a CSV/TSV to ``b`` (the first ``limit`` rows for a preview); returns the mapping used
    (given, else guessed from the header)."""
    header, rows = sniff_rows(text, path.suffix.lower())
    used = mapping or guess_mapping(header)
    missing = [c for cols in used.values() for c in cols if c not in header]
    if missing:
        raise ImportError_(f"no column {', '.join(repr(c) for c in missing)}; the columns are {', '.join(header)}")
    if "date" not in used and "companies" not in used:
        raise ImportError_(f"cannot tell which columns hold the date and the companies (columns: {', '.join(header)});"
                           " map them, e.g. --map date=COLUMN,company=COLUMN")
    index = {h: i for i, h in enumerate(header)}
    for n, cells in enumerate(rows, start=2):
        if limit is not None and n > limit + 1:
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            b.rejected.append(Rejected(n, f"{len(cells)} cells for {len(header)} columns"))
            continue
        values: dict[str, Any] = {}
        for key, cols in used.items():
            vals = [cells[index[c]] if index[c] < len(cells) else "" for c in cols]
            values[key] = [v for v in vals if v.strip()] if key in ("companies", "people", "places") and len(cols) > 1 \
                else " ".join(v for v in vals if v.strip())
        if "companies" in values and isinstance(values["companies"], list):
            values["companies"] = "; ".join(values["companies"])
        b.add(n, values)
    return used


class TimesketchEvent(BaseModel):
    """A Timesketch event: the three required fields; any other attributes are kept as they are."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    message: str = Field(min_length=1)
    datetime: str = Field(min_length=1)
    timestamp_desc: str = Field(min_length=1)


def _timesketch(b: RowBuilder, n: int, rec: Any) -> None:
    try:
        ev = TimesketchEvent.model_validate(rec)
    except ValidationError as e:
        b.rejected.append(Rejected(n, error_text(e)))
        return
    b.add(n, timesketch_values(ev.model_dump()))


def timesketch_values(rec: dict[str, Any]) -> dict[str, Any]:
    """A Timesketch event as row values (our extra attributes restore the interval, companies and type)."""
    when = str(rec.get("datetime") or "")
    return {"date": when[:10] if re.match(r"\d{4}-\d{2}-\d{2}", when) else when, "end": rec.get("date_end"),
            "precision": rec.get("precision"), "companies": rec.get("companies"),
            "type": rec.get("event_type") or rec.get("data_type"), "summary": rec.get("message"),
            "text": rec.get("evidence") or "", "status": rec.get("status") or None,
            "people": rec.get("people"), "places": rec.get("places")}


def is_timesketch_header(header: list[str]) -> bool:
    return set(TIMESKETCH_REQUIRED) <= {h.strip().lower() for h in header}


def import_timesketch_csv(path: Path, b: RowBuilder, text: str) -> None:
    header, rows = sniff_rows(text, path.suffix.lower())
    for n, cells in enumerate(rows, start=2):
        if not any(c.strip() for c in cells):
            continue
        _timesketch(b, n, dict(zip([h.lower() for h in header], cells, strict=False)))


def import_timesketch_jsonl(b: RowBuilder, text: str) -> None:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as e:
            b.rejected.append(Rejected(n, f"not JSON: {e}"))
            continue
        _timesketch(b, n, rec)
