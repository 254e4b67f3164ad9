"""Timesketch CSV and JSONL: the required ``message``, ``datetime`` (ISO 8601 with offset) and ``timestamp_desc``,
``timestamp`` in microseconds, and the event's companies, type (v3 id, label and family label), precision, end,
sources and evidence as extra attributes. Timesketch needs a time: undated events are left out (the writers return
how many). The CSV's formula cells are neutralised (``spreadsheet.safe_cell``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..model import FAMILY_LABELS, SUB_DAY, Event, family_of, type_label, v3_type, when_iso
from .common import ExportData, dated, end_of, end_time
from .spreadsheet import write_table

REQUIRED = ("message", "datetime", "timestamp_desc")
FIELDS = [*REQUIRED, "timestamp", "event_id", "event_type", "event_type_label", "event_family", "companies",
          "precision", "date_end", "status",
          "people", "places", "source_titles", "source_urls", "evidence", "data_type"]
DATA_TYPE = "timeline:business_event"
LIST_SEP = "; "
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _at(d: dt.date, t: dt.time | None) -> dt.datetime:
    """``d`` at time ``t`` (midnight without one; UTC unless the time has its own offset)."""
    t = t or dt.time(0)
    return dt.datetime.combine(d, t if t.tzinfo is not None else t.replace(tzinfo=dt.timezone.utc))


def iso_datetime(d: dt.date, t: dt.time | None = None) -> str:
    """``d`` at ``t`` (midnight UTC without one) in ISO 8601 with its offset (``2024-03-01T00:00:00+00:00``)."""
    return _at(d, t).isoformat()


def micros(d: dt.date, t: dt.time | None = None) -> int:
    """Microseconds since 1970-01-01 UTC at ``d`` ``t`` (midnight UTC without a time)."""
    return (_at(d, t) - _EPOCH) // dt.timedelta(microseconds=1)


def row(ev: Event, data: ExportData) -> dict[str, Any]:
    """One Timesketch event (values are strings or numbers)."""
    assert ev.start is not None
    quotes = [q for q, _ in data.evidence(ev) if q]
    urls = [d.url for _, d in data.evidence(ev) if d and d.url]
    desc = "Event date" if ev.precision in ("day", *SUB_DAY) else f"Event date ({ev.precision} precision, start)"
    return {"message": ev.summary, "datetime": iso_datetime(ev.start, ev.start_time), "timestamp_desc": desc,
            "timestamp": micros(ev.start, ev.start_time), "event_id": ev.id, "event_type": v3_type(ev.type),
            "event_type_label": type_label(ev.type), "event_family": FAMILY_LABELS[family_of(ev.type)],
            "companies": LIST_SEP.join(ev.companies), "precision": ev.precision,
            "date_end": when_iso(end_of(ev), end_time(ev)), "status": ev.status,
            "people": LIST_SEP.join(ev.people),
            "places": LIST_SEP.join(ev.places), "source_titles": LIST_SEP.join(data.source_titles(ev)),
            "source_urls": LIST_SEP.join(dict.fromkeys(urls)), "evidence": quotes[0] if quotes else "",
            "data_type": DATA_TYPE}


def write_csv(path: Path, data: ExportData) -> tuple[int, int]:
    """Timesketch CSV; returns (rows written, undated left out)."""
    events, undated = dated(data.events)
    return write_table(path, FIELDS, (row(e, data) for e in events)), undated


def write_jsonl(path: Path, data: ExportData) -> tuple[int, int]:
    """Timesketch JSONL (one JSON object a line); returns (lines written, undated left out)."""
    events, undated = dated(data.events)
    with path.open("w", encoding="utf-8") as f:
        for e in events:
            f.write(json.dumps(row(e, data), ensure_ascii=False) + "\n")
    return len(events), undated
