"""Each export checked against its format's rules (TimelineJS date objects, Timesketch required columns, Trace
Event Format fields and nesting, iCalendar parsed back, the timeline-app/2 JSON Schema) and the v3 types, labels and
families in every format."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from timeline_app.core.formats.common import ExportData
from timeline_app.core.formats.contract import SCHEMA_FILE, json_schema
from timeline_app.core.formats.export import FORMATS, export, format_for
from timeline_app.core.model import Document, Entity, Event, Source
from timeline_app.core.paths import resource_path

D = dt.date
TEXT = ("Apple & Foxconn signed a <b>supply</b> deal on 3 March 2024. Apple plans a launch in Q3 2024. "
        "Samsung reported results for 2023. Foxconn met Apple in March 2024.")


def _ev(i: str, typ: str, start: D | None, end: D | None, prec: str, companies: list[str], s0: int = 0,
        s1: int = 60) -> Event:
    return Event(id=i, type=typ, summary=f"{typ}: {', '.join(companies)} <x>", start=start, end=end, precision=prec,
                 status="happened", companies=companies, sources=[Source("d1", s0, s1, s0, s0 + 5)], confidence=0.7)


@pytest.fixture
def data() -> ExportData:
    doc = Document(id="d1", path="/articles/a.txt", title="Apple & Foxconn <deal>", text=TEXT, date=D(2024, 3, 4),
                   url="https://example.com/a")
    ents = [Entity("c:apple", "Apple", "company"), Entity("c:foxconn", "Foxconn", "company", parent="Hon Hai"),
            Entity("c:hon-hai", "Hon Hai", "company"), Entity("c:samsung", "Samsung", "company")]
    events = [
        _ev("e1", "contract", D(2024, 3, 3), D(2024, 3, 3), "day", ["Apple", "Foxconn"]),
        _ev("e2", "launch", D(2024, 7, 1), D(2024, 9, 30), "quarter", ["Apple"], 61, 95),
        _ev("e3", "results", D(2023, 1, 1), D(2023, 12, 31), "year", ["Samsung"], 96, 128),
        _ev("e4", "meeting", D(2024, 3, 1), D(2024, 3, 31), "month", ["Foxconn", "Apple"], 129, 159),
        _ev("e5", "meeting", D(2024, 2, 20), D(2024, 3, 10), "day", ["Apple"]),  # a multi-day span
        _ev("e6", "plan", None, None, "undated", ["Samsung"]),
        _ev("e7", "partnership", D(2024, 2, 26), D(2024, 3, 3), "week", ["Apple"]),
    ]
    return ExportData.build([doc], ents, events, title="Test <timeline>")


def test_format_inferred_from_suffix() -> None:
    assert format_for("x.json") == "json" and format_for("x.JSONL") == "jsonl" and format_for("x.ics") == "ics"
    assert format_for("x.json", "timelinejs") == "timelinejs"
    with pytest.raises(ValueError, match="cannot tell"):
        format_for("x.trace")
    with pytest.raises(ValueError, match="unknown format"):
        format_for("x.json", "yaml")


def test_timelinejs_date_objects_follow_precision(tmp_path: Path, data: ExportData) -> None:
    rep = export(tmp_path / "t.json", data, "timelinejs")
    assert (rep.written, rep.undated_left_out) == (6, 1)
    doc = json.loads((tmp_path / "t.json").read_text())
    assert doc["title"]["text"]["headline"] == "Test &lt;timeline&gt;"
    by = {e["unique_id"]: e for e in doc["events"]}
    allowed = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}
    for e in doc["events"]:
        assert isinstance(e["start_date"]["year"], int) and set(e["start_date"]) <= allowed
        assert "headline" in e["text"] and "text" in e["text"]
        if "end_date" in e:
            assert set(e["end_date"]) <= allowed
    assert by["e1"]["start_date"] == {"year": 2024, "month": 3, "day": 3} and "end_date" not in by["e1"]
    assert by["e4"]["start_date"] == {"year": 2024, "month": 3}  # a month has no day
    assert by["e3"]["start_date"] == {"year": 2023}
    assert by["e2"]["end_date"] == {"year": 2024, "month": 9} and by["e2"]["display_date"] == "Q3 2024"
    assert by["e5"]["end_date"] == {"year": 2024, "month": 3, "day": 10}
    assert by["e1"]["group"] == "Apple"
    # evidence quoted, the article cited, everything escaped
    t = by["e1"]["text"]["text"]
    assert "<blockquote>Apple &amp; Foxconn signed a &lt;b&gt;supply" in t
    assert "<cite><a href=\"https://example.com/a\">Apple &amp; Foxconn &lt;deal&gt;</a></cite>" in t
    assert by["e1"]["text"]["headline"].endswith("&lt;x&gt;")


def test_timesketch_required_columns(tmp_path: Path, data: ExportData) -> None:
    rep = export(tmp_path / "t.csv", data, "timesketch-csv")
    assert (rep.written, rep.undated_left_out) == (6, 1)
    rows = list(csv.DictReader((tmp_path / "t.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 6
    for r in rows:
        assert r["message"] and r["timestamp_desc"]
        when = dt.datetime.fromisoformat(r["datetime"])
        assert when.utcoffset() == dt.timedelta(0)
        assert int(r["timestamp"]) == int(when.timestamp() * 1_000_000)
    q = next(r for r in rows if r["event_id"] == "e2")
    assert (q["precision"], q["date_end"], q["companies"], q["event_type"]) == ("quarter", "2024-09-30", "Apple",
                                                                                "launch")
    assert q["source_titles"] == "Apple & Foxconn <deal>"
    export(tmp_path / "t.jsonl", data, "timesketch-jsonl")
    lines = [json.loads(x) for x in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert len(lines) == 6 and all({"message", "datetime", "timestamp_desc"} <= set(x) for x in lines)


def test_chrome_trace_fields_nesting_and_order(tmp_path: Path, data: ExportData) -> None:
    rep = export(tmp_path / "t.json", data, "chrome-trace")
    assert rep.undated_left_out == 1
    doc = json.loads((tmp_path / "t.json").read_text())
    te = doc["traceEvents"]
    for x in te:
        assert {"ph", "pid", "tid", "name"} <= set(x)
        assert isinstance(x["pid"], int) and isinstance(x["tid"], int)
    procs = {x["pid"]: x["args"]["name"] for x in te if x["ph"] == "M" and x["name"] == "process_name"}
    threads = {(x["pid"], x["tid"]): x["args"]["name"] for x in te if x["ph"] == "M" and x["name"] == "thread_name"}
    assert set(procs.values()) == {"Apple", "Hon Hai", "Samsung"}  # one process per parent group
    assert any(n == "Foxconn" and procs[p] == "Hon Hai" for (p, _t), n in threads.items())
    real = [x for x in te if x["ph"] != "M"]
    assert {x["ph"] for x in real} == {"X", "i"}
    assert len(real) == 8  # 6 dated events, two of them with two companies
    per_thread: dict[tuple[int, int], list[dict]] = {}
    for x in real:
        assert (x["pid"], x["tid"]) in threads and isinstance(x["ts"], int)
        assert x["args"]["summary"] and x["args"]["sources"] == ["Apple & Foxconn <deal>"]
        if x["ph"] == "X":
            assert x["dur"] > 0
        else:
            assert x["s"] == "t" and x["args"]["precision"] == "day"
        per_thread.setdefault((x["pid"], x["tid"]), []).append(x)
    for evs in per_thread.values():
        ts = [x["ts"] for x in evs]
        assert ts == sorted(ts)  # monotonic per thread
        stack: list[int] = []
        for x in evs:  # complete events on one thread nest
            if x["ph"] != "X":
                continue
            while stack and stack[-1] <= x["ts"]:
                stack.pop()
            assert not stack or x["ts"] + x["dur"] <= stack[-1]
            stack.append(x["ts"] + x["dur"])
    # the week (Feb 26 – Mar 3) and the span (Feb 20 – Mar 10) overlap the month without nesting: extra threads
    assert sum(1 for (p, _t), n in threads.items() if n.startswith("Apple")) >= 2
    q = next(x for x in real if x["args"]["id"] == "e2")
    assert q["dur"] == 92 * 86_400_000_000


def test_ics_parses_back(tmp_path: Path, data: ExportData) -> None:
    export(tmp_path / "a.ics", data)
    export(tmp_path / "b.ics", data)
    cal = Calendar.from_ical((tmp_path / "a.ics").read_bytes())
    evs = list(cal.walk("VEVENT"))
    assert len(evs) == 6
    by = {str(v["uid"]): v for v in evs}
    one = by["e1@timeline-app"]
    assert one.decoded("dtstart") == D(2024, 3, 3) and one.decoded("dtend") == D(2024, 3, 4)
    assert not isinstance(one.decoded("dtstart"), dt.datetime)  # all-day
    q = by["e2@timeline-app"]
    assert q.decoded("dtstart") == D(2024, 7, 1) and q.decoded("dtend") == D(2024, 10, 1)
    assert str(q["x-timeline-precision"]) == "quarter"
    assert "Apple & Foxconn <deal>" in str(one["description"])
    uids_b = {str(v["uid"]) for v in Calendar.from_ical((tmp_path / "b.ics").read_bytes()).walk("VEVENT")}
    assert uids_b == set(by)  # stable per event


def test_json_contract_matches_schema_file(tmp_path: Path, data: ExportData) -> None:
    stored = json.loads(resource_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    assert stored == json_schema(), "regenerate: python -m timeline_app.core.formats.contract"
    export(tmp_path / "x.json", data)
    doc = json.loads((tmp_path / "x.json").read_text())
    jsonschema.validate(doc, stored)
    assert doc["documents"][0]["text"] == TEXT  # the text travels with the file
    bad = {**doc, "events": [{**doc["events"][0], "precision": "fortnight"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, stored)


def test_csv_names_articles_by_title(tmp_path: Path, data: ExportData) -> None:
    export(tmp_path / "x.csv", data)
    rows = list(csv.DictReader((tmp_path / "x.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 7 and rows[0]["sources"] == "Apple & Foxconn <deal>" and "d1" not in rows[0]["sources"]
    assert rows[0]["companies"] == "Apple; Foxconn" and rows[0]["evidence"].startswith("Apple & Foxconn signed")


def test_every_format_writes(tmp_path: Path, data: ExportData) -> None:
    for name in FORMATS:
        rep = export(tmp_path / f"out-{name}", data, name)
        assert rep.written >= 6 and (tmp_path / f"out-{name}").stat().st_size > 0


def test_every_format_names_the_v3_type_its_label_and_family(tmp_path: Path, data: ExportData) -> None:
    data.events.append(_ev("e8", "investment", D(2024, 5, 1), D(2024, 5, 1), "day", ["Samsung"]))  # a round-2 name
    export(tmp_path / "x.json", data)
    evs = {e["id"]: e for e in json.loads((tmp_path / "x.json").read_text())["events"]}
    assert (evs["e1"]["type"], evs["e1"]["family"]) == ("contract", "deal")
    assert (evs["e3"]["type"], evs["e3"]["family"]) == ("results", "money")
    assert (evs["e8"]["type"], evs["e8"]["family"]) == ("acquisition", "deal")  # written as its v3 type
    assert list(evs["e1"])[:3] == ["id", "type", "family"]
    export(tmp_path / "x.jsonl", data)
    line = json.loads((tmp_path / "x.jsonl").read_text().splitlines()[0])
    assert (line["type"], line["family"]) == ("contract", "deal")
    export(tmp_path / "x.csv", data)
    rows = {r["id"]: r for r in csv.DictReader((tmp_path / "x.csv").open(encoding="utf-8", newline=""))}
    assert (rows["e1"]["type"], rows["e1"]["type_label"], rows["e1"]["family"]) == \
        ("contract", "Contract / order / supply", "Deals")
    assert (rows["e8"]["type"], rows["e8"]["type_label"]) == ("acquisition", "Acquisition / merger")
    export(tmp_path / "t.csv", data, "timesketch-csv")
    ts = {r["event_id"]: r for r in csv.DictReader((tmp_path / "t.csv").open(encoding="utf-8", newline=""))}
    assert (ts["e3"]["event_type"], ts["e3"]["event_type_label"], ts["e3"]["event_family"]) == \
        ("results", "Financial results", "Money")
    export(tmp_path / "a.ics", data)
    one = next(v for v in Calendar.from_ical((tmp_path / "a.ics").read_bytes()).walk("VEVENT")
               if str(v["uid"]) == "e1@timeline-app")
    assert [str(c) for c in one["categories"].cats] == ["Contract / order / supply", "Deals"]
    assert str(one["x-timeline-type"]) == "contract"
    export(tmp_path / "tr.json", data, "chrome-trace")
    real = [x for x in json.loads((tmp_path / "tr.json").read_text())["traceEvents"] if x["ph"] != "M"]
    e1 = next(x for x in real if x["args"]["id"] == "e1")
    assert e1["cat"] == "deal,contract" and (e1["args"]["type_label"], e1["args"]["family"]) == \
        ("Contract / order / supply", "Deals")
    export(tmp_path / "tl.json", data, "timelinejs")
    slide = next(e for e in json.loads((tmp_path / "tl.json").read_text())["events"] if e["unique_id"] == "e1")
    assert slide["timeline_app"]["type"] == "contract" and slide["timeline_app"]["family"] == "deal"
    assert "<p>Type: Contract / order / supply (Deals)</p>" in slide["text"]["text"]


def test_schema_2_refuses_round_2_types_and_a_wrong_family(tmp_path: Path, data: ExportData) -> None:
    stored = json.loads(resource_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    assert stored["$id"] == "timeline-app/2" and SCHEMA_FILE.endswith("timeline-app-2.schema.json")
    export(tmp_path / "x.json", data)
    doc = json.loads((tmp_path / "x.json").read_text())
    for bad in ({"type": "supply"}, {"family": "deals"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**doc, "events": [{**doc["events"][0], **bad}]}, stored)
    old = json.loads(resource_path("schema/timeline-app-1.schema.json").read_text(encoding="utf-8"))
    assert old["$id"] == "timeline-app/1"  # the version-1 schema stays, for files written before taxonomy v3
