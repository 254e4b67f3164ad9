"""TimelineJS3 JSON: a title slide and one slide per dated event.

Dates are TimelineJS date objects split as far as the precision allows (a month-precision event has
``{"year": 2024, "month": 3}`` and no ``day``); coarser intervals (week, quarter, half, decade) get an ``end_date``
and a ``display_date`` such as ``Q3 2024``. ``text.text`` quotes the evidence and cites each article (HTML,
escaped) and names the type and its family; ``group`` is the first company. A ``timeline_app`` block on each slide
(ignored by TimelineJS) keeps what the format has no field for, so an import of the file gets the same events
back."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

from ..model import FAMILY_LABELS, SUB_DAY, Event, family_of, type_label, v3_type, when_iso
from .common import ExportData, dated, end_of, end_time, span_display


def date_object(d: dt.date, precision: str, t: dt.time | None = None) -> dict[str, Any]:
    """A TimelineJS date object with the fields the precision allows (a time of day for hour, minute, second)."""
    out: dict[str, Any] = {"year": d.year}
    if precision in ("day", "week", "month", "quarter", "half", *SUB_DAY):
        out["month"] = d.month
    if precision in ("day", "week", *SUB_DAY):
        out["day"] = d.day
    if precision in SUB_DAY and t is not None:
        out["hour"] = t.hour
        if precision != "hour":
            out["minute"] = t.minute
        if precision == "second":
            out["second"] = t.second
    return out


def _natural_end(ev: Event) -> bool:
    """The interval is exactly one unit of its precision (one day, one month, one year)."""
    assert ev.start is not None
    e = end_of(ev)
    if ev.precision == "day":
        return e == ev.start
    if ev.precision in SUB_DAY:
        return e == ev.start and ev.end_time in (None, ev.start_time)
    if ev.precision == "month":
        return (e.year, e.month) == (ev.start.year, ev.start.month)
    if ev.precision == "year":
        return e.year == ev.start.year
    return False


def _text_html(ev: Event, data: ExportData) -> str:
    parts = []
    for quote, doc in data.evidence(ev):
        if not quote and doc is None:
            continue
        cite = html.escape(doc.title or doc.path) if doc else ""
        if doc and doc.url and doc.url.startswith(("http://", "https://")):
            cite = f'<a href="{html.escape(doc.url, quote=True)}">{cite}</a>'
        when = f", {doc.date.isoformat()}" if doc and doc.date else ""
        parts.append(f"<blockquote>{html.escape(quote)}</blockquote><p>— <cite>{cite}</cite>{when}</p>")
    if ev.companies:
        parts.append(f"<p>Companies: {html.escape(', '.join(ev.companies))}</p>")
    parts.append(f"<p>Type: {html.escape(type_label(ev.type))} ({html.escape(FAMILY_LABELS[family_of(ev.type)])})</p>")
    return "".join(parts)


def slide(ev: Event, data: ExportData) -> dict[str, Any]:
    """One TimelineJS event slide."""
    assert ev.start is not None
    s: dict[str, Any] = {"unique_id": ev.id, "start_date": date_object(ev.start, ev.precision, ev.start_time),
                         "text": {"headline": html.escape(ev.summary), "text": _text_html(ev, data)}}
    if not _natural_end(ev):
        s["end_date"] = date_object(end_of(ev), ev.precision, ev.end_time or ev.start_time)
    if label := span_display(ev):
        s["display_date"] = label
    if ev.companies:
        s["group"] = ev.companies[0]
    s["timeline_app"] = {"type": v3_type(ev.type), "family": family_of(ev.type),
                         "precision": ev.precision, "status": ev.status,
                         "start": when_iso(ev.start, ev.start_time),
                         "end": when_iso(end_of(ev), end_time(ev)),
                         "companies": list(ev.companies), "summary": ev.summary}
    return s


def to_timelinejs(data: ExportData) -> tuple[dict[str, Any], int]:
    """The TimelineJS document, and how many undated events were left out (TimelineJS needs a start date)."""
    events, undated = dated(data.events)
    companies = sorted({c for e in events for c in e.companies})
    title = {"text": {"headline": html.escape(data.title),
                      "text": f"<p>{len(events)} events, {len(companies)} companies: "
                              f"{html.escape(', '.join(companies[:12]))}{'…' if len(companies) > 12 else ''}</p>"}}
    return {"title": title, "events": [slide(e, data) for e in events]}, undated


def write_timelinejs(path: Path, data: ExportData) -> tuple[int, int]:
    """Write the TimelineJS JSON; returns (events written, undated left out)."""
    doc, undated = to_timelinejs(data)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(doc["events"]), undated
