"""Chrome Trace Event Format JSON (opens in Perfetto and chrome://tracing).

One process per parent group, one thread per company (``process_name``/``thread_name`` metadata events name
them), complete events (``ph: "X"``, ``ts``/``dur`` in µs) for intervals and thread-scoped instant events
(``ph: "i"``) for single days, with the summary, companies, type (id and label), family, precision and sources in
``args``; ``cat`` is "family,type" (Perfetto and chrome://tracing filter on either).
Complete events on one thread must nest, so a company whose intervals overlap without nesting gets extra
threads ("Apple · 2"); events on every thread are written in ``ts`` order. Undated events are left out."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import FAMILY_LABELS, Event, family_of, type_label, v3_type, when_iso
from .common import ExportData, dated, end_of, end_time

US_PER_DAY = 86_400_000_000
NO_COMPANY = "(no company)"


@dataclass
class _Lane:
    """One trace thread: its open intervals (ends, exclusive) and its events."""

    tid: int
    name: str
    open_ends: list[int] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def fits(self, ts: int, end: int) -> bool:
        while self.open_ends and self.open_ends[-1] <= ts:
            self.open_ends.pop()
        return not self.open_ends or end <= self.open_ends[-1]


#: how long one unit of a sub-day precision lasts, in microseconds
_UNIT_US = {"hour": 3_600_000_000, "minute": 60_000_000, "second": 1_000_000}


def _day_us(t: dt.time) -> int:
    """Microseconds into the day of a time of day."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _origin(events: list[Event]) -> dt.date:
    first = min((e.start for e in events if e.start), default=dt.date(1970, 1, 1))
    return dt.date(1970, 1, 1) if first >= dt.date(1970, 1, 1) else dt.date(first.year, 1, 1)


def to_trace(data: ExportData) -> tuple[dict[str, Any], int]:
    """The trace document, and how many undated events were left out."""
    events, undated = dated(data.events)
    origin = _origin(events)

    def us(d: dt.date) -> int:
        return (d - origin).days * US_PER_DAY

    procs: dict[str, int] = {}
    lanes: dict[str, list[_Lane]] = {}
    next_tid = 1
    order = sorted(events, key=lambda e: (e.start, -(end_of(e) - e.start).days, e.id))  # type: ignore[operator]
    for ev in order:
        assert ev.start is not None
        ts, end = us(ev.start), us(end_of(ev)) + US_PER_DAY
        if ev.start_time is not None and ev.precision in _UNIT_US:  # at its time of day (wall clock, as written)
            last = end_time(ev) or ev.start_time
            ts += _day_us(ev.start_time)
            end = max(us(end_of(ev)) + _day_us(last), ts) + _UNIT_US[ev.precision]
        instant = ev.start == end_of(ev) and ev.precision in ("day", "second") and end_time(ev) in (None, ev.start_time)
        typ = v3_type(ev.type)
        fam = family_of(typ)
        args = {"summary": ev.summary, "id": ev.id, "type": typ, "type_label": type_label(ev.type),
                "family": FAMILY_LABELS[fam], "precision": ev.precision,
                "status": ev.status, "start": when_iso(ev.start, ev.start_time),
                "end": when_iso(end_of(ev), end_time(ev)),
                "companies": list(ev.companies), "sources": data.source_titles(ev)}
        for company in ev.companies or [NO_COMPANY]:
            group = data.group_of(company) if company != NO_COMPANY else NO_COMPANY
            pid = procs.setdefault(group, len(procs) + 1)
            mine = lanes.setdefault(company, [])
            lane = next((ln for ln in mine if instant or ln.fits(ts, end)), None)
            if lane is None:
                name = company if not mine else f"{company} · {len(mine) + 1}"
                lane = _Lane(next_tid, name)
                next_tid += 1
                mine.append(lane)
                lane.fits(ts, end)
            rec: dict[str, Any] = {"name": ev.summary, "cat": f"{fam},{typ}", "pid": pid, "tid": lane.tid, "ts": ts,
                                   "args": args}
            if instant:
                rec.update(ph="i", s="t")
            else:
                rec.update(ph="X", dur=end - ts)
                lane.open_ends.append(end)
            lane.events.append(rec)
    out: list[dict[str, Any]] = []
    for group, pid in procs.items():
        out.append({"ph": "M", "name": "process_name", "pid": pid, "tid": 0, "args": {"name": group}})
        out.append({"ph": "M", "name": "process_sort_index", "pid": pid, "tid": 0, "args": {"sort_index": pid}})
    pid_of = {c: procs[data.group_of(c) if c != NO_COMPANY else NO_COMPANY] for c in lanes}
    for company, ls in lanes.items():
        for lane in ls:
            out.append({"ph": "M", "name": "thread_name", "pid": pid_of[company], "tid": lane.tid,
                        "args": {"name": lane.name}})
            out.append({"ph": "M", "name": "thread_sort_index", "pid": pid_of[company], "tid": lane.tid,
                        "args": {"sort_index": lane.tid}})
    for ls in lanes.values():
        for lane in ls:
            out.extend(sorted(lane.events, key=lambda r: (r["ts"], -r.get("dur", 0))))
    return {"traceEvents": out, "displayTimeUnit": "ms",
            "otherData": {"generator": "timeline-app", "time_origin": origin.isoformat(),
                          "time_unit": "ts/dur in microseconds since time_origin (UTC midnight)"}}, undated


def write_trace(path: Path, data: ExportData) -> tuple[int, int]:
    """Write the trace JSON; returns (events written, undated left out)."""
    doc, undated = to_trace(data)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return len(data.events) - undated, undated
