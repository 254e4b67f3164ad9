"""iCalendar (RFC 5545), written with the ``icalendar`` package: one all-day VEVENT per dated event
(``DTSTART;VALUE=DATE``, exclusive ``DTEND``), a multi-day span for coarser precisions (a month, a quarter),
a UID stable per event, the evidence and sources in DESCRIPTION, the type's label and its family's in CATEGORIES
(the type's id in X-TIMELINE-TYPE). An event with a time of day (precision hour, minute or second) is a timed
VEVENT from that time for one unit of its precision (UTC when its offset is known, floating time otherwise).
Undated events are left out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from icalendar import Event as CalEvent

from ..model import FAMILY_LABELS, Event, family_of, type_label, v3_type
from .common import ExportData, dated, end_of, end_time

PRODID = "-//Timeline//timeline-app//EN"
UID_DOMAIN = "timeline-app"


def uid(ev: Event) -> str:
    """A UID that stays the same for the same event in every export."""
    return f"{ev.id}@{UID_DOMAIN}"


def _description(ev: Event, data: ExportData) -> str:
    lines = []
    for quote, doc in data.evidence(ev):
        if quote:
            lines.append(f"“{quote}”")
        if doc is not None:
            lines.append(f"— {doc.title or doc.path}" + (f" ({doc.url})" if doc.url else ""))
    if ev.companies:
        lines.append("Companies: " + ", ".join(ev.companies))
    lines.append(f"Date precision: {ev.precision}")
    return "\n".join(lines)


#: how long one unit of a sub-day precision lasts
_UNIT = {"hour": dt.timedelta(hours=1), "minute": dt.timedelta(minutes=1), "second": dt.timedelta(seconds=1)}


def _moment(d: dt.date, t: dt.time) -> dt.datetime:
    """A day at a time of day: in UTC when the time has an offset, floating (local) when it has none."""
    when = dt.datetime.combine(d, t)
    return when.astimezone(dt.timezone.utc) if when.tzinfo is not None else when


def vevent(ev: Event, data: ExportData, stamp: dt.datetime) -> CalEvent:
    """One calendar event: all-day, or from its time of day."""
    assert ev.start is not None
    v = CalEvent()
    v.add("uid", uid(ev))
    v.add("dtstamp", stamp)
    v.add("summary", ev.summary)
    if ev.start_time is not None and ev.precision in _UNIT:
        start = _moment(ev.start, ev.start_time)
        last = end_time(ev)
        end = _moment(end_of(ev), last) if last is not None else start
        v.add("dtstart", start)
        v.add("dtend", max(end, start) + _UNIT[ev.precision])
    else:
        v.add("dtstart", ev.start)
        v.add("dtend", end_of(ev) + dt.timedelta(days=1))
    v.add("description", _description(ev, data))
    v.add("categories", [type_label(ev.type), FAMILY_LABELS[family_of(ev.type)]])
    v.add("transp", "TRANSPARENT")
    v.add("status", "TENTATIVE" if ev.status == "planned" else "CONFIRMED")
    v.add("x-timeline-type", v3_type(ev.type))
    v.add("x-timeline-precision", ev.precision)
    v.add("x-timeline-companies", "; ".join(ev.companies))
    return v


def to_calendar(data: ExportData, stamp: dt.datetime | None = None) -> tuple[Calendar, int]:
    """The calendar, and how many undated events were left out."""
    events, undated = dated(data.events)
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", " ".join(str(data.title).split()) or "Timeline")  # one line, whatever the file name
    for ev in events:
        cal.add_component(vevent(ev, data, stamp))
    return cal, undated


def write_ics(path: Path, data: ExportData) -> tuple[int, int]:
    """Write the .ics file; returns (events written, undated left out)."""
    cal, undated = to_calendar(data)
    path.write_bytes(cal.to_ical())
    return len(data.events) - undated, undated
