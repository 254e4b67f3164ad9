"""The seed articles exported to every format, each file checked by an independent reader, and the round trips.

Checks: timeline-app/2 JSON against resources/schema/timeline-app-2.schema.json with ``jsonschema``; TimelineJS
date objects (integer year, month/day only as the precision allows, headline present); Timesketch CSV/JSONL
required columns and ISO 8601 datetimes with an offset; the Chrome trace's fields, ``ts`` order per thread and
nesting of complete events (Perfetto's ``trace_processor`` needs a binary download, not possible here); the .ics
parsed back with ``icalendar``; then JSON, TimelineJS and Timesketch imported into fresh workspaces and compared.

Run: .venv/bin/python bench/interop_seeds.py
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jsonschema
from icalendar import Calendar

from timeline_app.core.formats.common import ExportData
from timeline_app.core.formats.contract import SCHEMA_FILE
from timeline_app.core.formats.export import FORMATS, export
from timeline_app.core.formats.importing import read_import, store_import
from timeline_app.core.ingest import ingest, remerge
from timeline_app.core.model import Event
from timeline_app.core.paths import resource_path
from timeline_app.core.store.workspace import Workspace


def check_timelinejs(p: Path) -> str:
    doc = json.loads(p.read_text())
    for e in doc["events"]:
        sd = e["start_date"]
        assert isinstance(sd["year"], int) and "headline" in e["text"]
        assert "day" not in sd or "month" in sd
    return f"{len(doc['events'])} slides, date objects valid"


def check_timesketch_csv(p: Path) -> str:
    rows = list(csv.DictReader(p.open(encoding="utf-8", newline="")))
    for r in rows:
        assert r["message"] and r["timestamp_desc"] and dt.datetime.fromisoformat(r["datetime"]).tzinfo
    return f"{len(rows)} rows with message/datetime/timestamp_desc"


def check_timesketch_jsonl(p: Path) -> str:
    rows = [json.loads(x) for x in p.read_text().splitlines()]
    assert all({"message", "datetime", "timestamp_desc"} <= set(r) for r in rows)
    return f"{len(rows)} lines with message/datetime/timestamp_desc"


def check_trace(p: Path) -> str:
    te = json.loads(p.read_text())["traceEvents"]
    threads: dict[tuple[int, int], list[dict]] = {}
    for x in te:
        assert {"ph", "pid", "tid", "name"} <= set(x)
        if x["ph"] != "M":
            threads.setdefault((x["pid"], x["tid"]), []).append(x)
    for evs in threads.values():
        assert [x["ts"] for x in evs] == sorted(x["ts"] for x in evs)
        stack: list[int] = []
        for x in (x for x in evs if x["ph"] == "X"):
            while stack and stack[-1] <= x["ts"]:
                stack.pop()
            assert not stack or x["ts"] + x["dur"] <= stack[-1]
            stack.append(x["ts"] + x["dur"])
    n = sum(len(v) for v in threads.values())
    return f"{len(te)} records, {n} slices/instants on {len(threads)} threads, ts ordered and nested"


def check_ics(p: Path) -> str:
    evs = list(Calendar.from_ical(p.read_bytes()).walk("VEVENT"))
    assert all(not isinstance(v.decoded("dtstart"), dt.datetime) for v in evs)
    assert len({str(v["uid"]) for v in evs}) == len(evs)
    return f"{len(evs)} all-day VEVENTs parsed back by icalendar, UIDs unique"


def check_json(p: Path) -> str:
    jsonschema.validate(json.loads(p.read_text()), json.loads(resource_path(SCHEMA_FILE).read_text()))
    return "valid against the JSON Schema (jsonschema)"


CHECKS = {"json": check_json, "timelinejs": check_timelinejs, "timesketch-csv": check_timesketch_csv,
          "timesketch-jsonl": check_timesketch_jsonl, "chrome-trace": check_trace, "ics": check_ics}


def sig(e: Event) -> tuple[str, str, str, str, tuple[str, ...], str]:
    """What a round trip must keep: type, dates, precision, companies, text."""
    return (e.type, e.start.isoformat() if e.start else "", e.end.isoformat() if e.end else "", e.precision,
            tuple(e.companies), e.summary)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        ws = Workspace(t / "seeds.timeline")
        ingest(ws, [str(ROOT / "seeds")])
        data = ExportData.from_workspace(ws)
        base = sorted(sig(e) for e in data.events)
        print(f"seeds: {len(data.events)} events, {sum(1 for e in data.events if e.start)} dated")
        for name in FORMATS:
            out = t / f"seeds.{name}"
            rep = export(out, data, name)
            check = CHECKS.get(name, lambda p: "written")(out)
            print(f"  {name:<17} {rep.written:>3} written, {rep.undated_left_out:>2} undated left out  {check}")
        for name in ("json", "csv", "timelinejs", "timesketch-csv", "timesketch-jsonl"):
            w2 = Workspace(t / f"back-{name}.timeline")
            store_import(w2, read_import(t / f"seeds.{name}", fmt=name))
            remerge(w2)
            got = sorted(sig(e) for e in w2.events())
            want = base if name in ("json", "csv") else [b for b in base if b[1]]
            print(f"  round trip {name:<17} {'same events' if got == want else 'DIFFERENT'} ({len(got)})")
            w2.close()
        ws.close()


if __name__ == "__main__":
    main()
