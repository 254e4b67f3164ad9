"""Issue 21 in core: real TimelineJS and Timesketch files import whole (``"month": ""`` is a year, ``"day": ""`` a
month, as TimelineJS reads them), bad slides are named in plain words, times of day survive import, the workspace,
the index and every export, events without a company get a lane, lanes can be made of any field, and one date
label writes every interval with both ends of a range."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from timeline_app.core import index
from timeline_app.core.dates.labels import date_label
from timeline_app.core.extract.dating.clock import stated_time
from timeline_app.core.extract.document import document_id, extract_document
from timeline_app.core.formats.chrome_trace import to_trace
from timeline_app.core.formats.common import ExportData
from timeline_app.core.formats.contract import to_contract
from timeline_app.core.formats.ics import to_calendar
from timeline_app.core.formats.importing import read_import, store_import
from timeline_app.core.formats.timelinejs import write_timelinejs
from timeline_app.core.formats.timesketch import write_csv, write_jsonl
from timeline_app.core.index import DAY, NO_COMPANY, EventColumns, event_span
from timeline_app.core.ingest import open_workspace, remerge
from timeline_app.core.model import DocResult, Document, Event, Source
from timeline_app.core.read.readers import RawArticle
from timeline_app.core.shards import read_shards, write_shard
from timeline_app.core.store.lane_keys import lane_keys
from timeline_app.core.store.quarantine import find_bad_rows
from timeline_app.core.store.workspace import Workspace

DATA = Path(__file__).parent / "data" / "interop"
UTC = dt.timezone.utc


@pytest.mark.parametrize(("name", "n"), [("timelinejs-women_in_computing.json", 10), ("timelinejs-houston.json", 18),
                                         ("timelinejs-republican.json", 13), ("timelinejs-user-interface.json", 22),
                                         ("timesketch-sigma_events.jsonl", 4),
                                         ("timesketch-validate_time_precision.csv", 2),
                                         ("timesketch-validate_date_events.csv", 2)])
def test_every_dated_slide_or_row_of_the_real_files_imports(name: str, n: int) -> None:
    batch = read_import(DATA / name)
    assert [str(r) for r in batch.rejected] == []
    assert len(batch.events) == n and all(e.start is not None for e in batch.events)


def test_empty_month_and_day_read_as_timelinejs_reads_them() -> None:
    by = {e.summary: e for e in read_import(DATA / "timelinejs-women_in_computing.json").events}
    hopper = by["Grace Hopper invents the compiler"]  # "month": "", "day": "": the year 1952
    assert (hopper.start, hopper.end, hopper.precision) == (dt.date(1952, 1, 1), dt.date(1952, 12, 31), "year")
    eniac = by["...And the women who made it work"]  # July 1943 (day "") to 1946 (month "")
    assert (eniac.start, eniac.end, eniac.precision) == (dt.date(1943, 7, 1), dt.date(1946, 12, 31), "month")
    clarke = by["Edith Clarke: Bucking the Trend"]  # an end date of empty strings is no end date
    assert (clarke.start, clarke.end, clarke.precision) == (dt.date(1948, 3, 14), dt.date(1948, 3, 14), "day")
    ada = by["Ada Lovelace"]
    assert (ada.start, ada.end) == (dt.date(1815, 12, 10), dt.date(1852, 11, 27))


def test_bad_slides_are_named_in_plain_words(tmp_path: Path) -> None:
    slides = [{"start_date": {"year": "2024", "month": "13"}}, {"start_date": {"year": "", "month": ""}},
              {"text": {"headline": "no date"}}, {"start_date": {"year": "soon"}},
              {"start_date": {"year": 2024, "month": 2, "day": 30}}, {"start_date": "2024"},
              {"start_date": {"year": 2024}, "text": "plain"}, {"start_date": {"year": 2024, "day": 3}},
              {"start_date": {"year": 2024, "month": 3, "day": 5, "hour": 25}}]
    (tmp_path / "t.json").write_text(json.dumps({"events": slides}), encoding="utf-8")
    batch = read_import(tmp_path / "t.json")
    assert batch.events == []
    assert [str(r) for r in batch.rejected] == [
        "slide 1: the start date: its month 13 is not between 1 and 12",
        "slide 2: the start date: it has no year",
        "slide 3: the start date is missing",
        "slide 4: the start date: its year 'soon' is not a number",
        "slide 5: the start date: 2024-02-30 is no day of the calendar",
        "slide 6: the start date is not an object with named fields, as TimelineJS writes it",
        "slide 7: the text is not an object with named fields, as TimelineJS writes it",
        "slide 8: the start date: it gives a day (3) but no month",
        "slide 9: the start date: its hour 25 is not between 0 and 23",
    ]


def test_times_of_day_are_kept_from_timesketch_and_timelinejs(tmp_path: Path) -> None:
    sigma = read_import(DATA / "timesketch-sigma_events.jsonl").events
    assert [(e.start, e.start_time, e.precision) for e in sigma[:3]] == [
        (dt.date(2015, 7, 24), dt.time(19, 1, s, tzinfo=UTC), "second") for s in (1, 2, 3)]
    # a datetime that is no real time ("05-07-28") gives way to the timestamp, as Timesketch itself does
    bad = read_import(DATA / "timesketch-validate_date_events.csv").events[0]
    assert (bad.start, bad.start_time) == (dt.date(2022, 11, 10), dt.time(5, 7, 28, 119860, tzinfo=UTC))
    slides = {"events": [{"start_date": {"year": 2024, "month": 3, "day": 5, "hour": 9, "minute": 30},
                          "end_date": {"year": 2024, "month": 3, "day": 5, "hour": 11, "minute": 0},
                          "text": {"headline": "Board meeting"}}]}
    (tmp_path / "m.json").write_text(json.dumps(slides), encoding="utf-8")
    meeting = read_import(tmp_path / "m.json").events[0]
    assert (meeting.precision, meeting.start_time, meeting.end_time) == ("minute", dt.time(9, 30), dt.time(11, 0))
    assert date_label(meeting.start, meeting.end, meeting.precision, meeting.start_time, meeting.end_time) == \
        "5 Mar 2024 09:30 to 11:00"


def test_times_survive_every_export_and_the_workspace(tmp_path: Path) -> None:
    events = read_import(DATA / "timesketch-sigma_events.jsonl").events
    want = [(e.start, e.start_time, e.precision) for e in events]
    data = ExportData(events)
    write_jsonl(tmp_path / "a.jsonl", data)
    write_csv(tmp_path / "a.csv", data)
    write_timelinejs(tmp_path / "a.json", data)
    (tmp_path / "c.json").write_text(json.dumps({**to_contract([], [], events)}), encoding="utf-8")
    for name in ("a.jsonl", "a.csv", "a.json", "c.json"):
        back = read_import(tmp_path / name, fmt="timesketch-csv" if name == "a.csv" else None)
        assert [(e.start, e.start_time, e.precision) for e in back.events] == want, name
    ws = Workspace(tmp_path / "w.timeline")
    store_import(ws, read_import(DATA / "timesketch-sigma_events.jsonl"))
    remerge(ws)
    stored = sorted((e.start_time, e.precision) for e in ws.events() if e.start_time)
    assert stored == sorted((t, p) for _, t, p in want)
    cols = ws.event_columns()
    assert sorted(np.round(cols.t0 % DAY).tolist()) == [68461.0, 68462.0, 68463.0, 68463.0]
    ws.close()
    again = Workspace(tmp_path / "w.timeline")  # the stored index is read back with the times
    assert sorted(np.round(again.event_columns().t0 % DAY).tolist()) == [68461.0, 68462.0, 68463.0, 68463.0]
    again.close()


def _ev(companies: list[str], **kw: object) -> Event:
    base: dict = dict(id="e", type="launch", summary="", start=dt.date(2024, 3, 5), end=dt.date(2024, 3, 5),
                      precision="day", status="happened", companies=companies)
    base.update(kw)
    return Event(**base)


def test_index_places_company_less_events_and_keeps_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    evs = [_ev([]), _ev(["Acme"]), _ev([], precision="second", start_time=dt.time(19, 1, 2))]
    cols = EventColumns.from_events(evs)
    assert cols.companies == [NO_COMPANY, "Acme"] and sorted(cols.p_event.tolist()) == [0, 1, 2]
    t0, t1 = event_span(evs[2])
    assert t1 - t0 == 1.0 and t0 % DAY == 68462.0
    assert EventColumns.from_bytes(cols.to_bytes()).companies == cols.companies
    # an index stored before company-less events had a lane is not used (the workspace rebuilds it)
    monkeypatch.setattr(index, "LANES_VERSION", 1)
    blob = cols.to_bytes()
    monkeypatch.undo()
    with pytest.raises(ValueError, match="older version"):
        EventColumns.from_bytes(blob)
    by_type = cols.by_field(cols.type_keys("family"), "(no family)")
    assert by_type.companies == ["Products"] and len(by_type.p_event) == 3


def test_lane_keys_of_people_places_tags_and_sources(tmp_path: Path) -> None:
    src = tmp_path / "d.csv"
    src.write_text("date,company,people,places,summary\n2024-03-05,Acme,Ann Lee; Bo Chen,Paris,One\n"
                   "2024-03-06,,,,Two\n", encoding="utf-8")
    ws = Workspace(tmp_path / "w.timeline")
    store_import(ws, read_import(src))
    remerge(ws)
    order = [e.summary for e in ws.events()]
    people = dict(zip(order, lane_keys(ws.db, "person"), strict=True))
    assert people == {"One": ["Ann Lee", "Bo Chen"], "Two": []}
    assert dict(zip(order, lane_keys(ws.db, "place"), strict=True)) == {"One": ["Paris"], "Two": []}
    assert lane_keys(ws.db, "tag") == [[], []]
    assert all(k == ["d.csv, rows 2–3"] for k in lane_keys(ws.db, "source"))
    ws.close()


@pytest.mark.parametrize(("start", "end", "precision", "label"), [
    (dt.date(2006, 12, 1), dt.date(2007, 3, 31), "month", "Dec 2006 to Mar 2007"),
    (dt.date(2006, 12, 1), dt.date(2006, 12, 31), "month", "Dec 2006"),
    (dt.date(1815, 12, 10), dt.date(1852, 11, 27), "day", "10 Dec 1815 to 27 Nov 1852"),
    (dt.date(2025, 11, 13), dt.date(2025, 11, 13), "day", "13 Nov 2025"),
    (dt.date(2024, 7, 1), dt.date(2024, 9, 30), "quarter", "Q3 2024"),
    (dt.date(2024, 1, 1), dt.date(2024, 9, 30), "quarter", "Q1 2024 to Q3 2024"),
    (dt.date(2024, 1, 1), dt.date(2024, 6, 30), "half", "H1 2024"),
    (dt.date(2023, 1, 1), dt.date(2024, 12, 31), "year", "2023 to 2024"),
    (dt.date(2020, 1, 1), dt.date(2029, 12, 31), "decade", "2020s"),
    (dt.date(2025, 2, 3), dt.date(2025, 2, 9), "week", "week of 3 Feb 2025"),
    (None, None, "undated", "undated"),
])
def test_one_label_for_every_interval(start: dt.date | None, end: dt.date | None, precision: str,
                                      label: str) -> None:
    assert date_label(start, end, precision) == label


@pytest.mark.parametrize(("sentence", "want"), [
    ("The deal closed at 14:30 GMT on Monday.", (dt.time(14, 30, tzinfo=UTC), "minute")),
    ("Trading halted at 3 pm (EDT) on 5 March.", (dt.time(15, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
                                                  "hour")),
    ("The strike began at 19:00 BST (18:00 GMT) today.", (dt.time(19, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                                                          "minute")),  # one instant written twice
    ("Apple will unveil it on Tuesday at 10 a.m.", (dt.time(10, 0), "hour")),
    ("It starts at 9:30 a.m. EST and ends at 11 a.m. EST.", None),  # two times: which one is the event's?
    ("The board approved a 3:1 split in 2024.", None),
    ("The score was 2:1 at half time.", None),
])
def test_a_time_of_day_an_article_states(sentence: str, want: tuple[dt.time, str] | None) -> None:
    got = stated_time(sentence)
    assert (None if got is None else (got.time, got.precision)) == want
    if got is not None:
        assert got.time.tzinfo == want[0].tzinfo  # type: ignore[index]


def test_extracted_events_keep_the_time_their_evidence_states() -> None:
    text = ("Boeing halts 737 deliveries\n\nPublished: 5 March 2024\n\nBoeing suspended deliveries of its 737 jets "
            "at 14:30 GMT on Tuesday, the company said. Airbus launched a new A321 model on Monday.\n")
    events = extract_document(RawArticle("a.txt", text, date="2024-03-05")).events
    by_type = {e.type: e for e in events}
    assert (by_type["contract"].precision, by_type["contract"].start_time) == ("minute", dt.time(14, 30, tzinfo=UTC))
    assert (by_type["launch"].precision, by_type["launch"].start_time) == ("day", None)  # its sentence states none


def test_icalendar_writes_timed_events_at_their_time() -> None:
    events = read_import(DATA / "timesketch-sigma_events.jsonl").events[:1] + \
        read_import(DATA / "timelinejs-republican.json").events[:1]
    cal, _ = to_calendar(ExportData(events), stamp=dt.datetime(2026, 1, 1, tzinfo=UTC))
    starts = [(v.decoded("dtstart"), v.decoded("dtend")) for v in cal.walk("VEVENT")]
    assert starts == [(dt.datetime(2015, 7, 24, 19, 1, 1, tzinfo=UTC), dt.datetime(2015, 7, 24, 19, 1, 2, tzinfo=UTC)),
                      (dt.date(2012, 1, 3), dt.date(2012, 1, 4))]  # a day stays an all-day event


def test_chrome_trace_places_timed_events_at_their_second() -> None:
    doc, _ = to_trace(ExportData(read_import(DATA / "timesketch-sigma_events.jsonl").events))
    marks = sorted(e["ts"] for e in doc["traceEvents"] if e.get("ph") == "i")
    assert [t - marks[0] for t in marks] == [0, 1_000_000, 2_000_000, 2_000_000]  # 19:01:01, :02, :03, :03


def test_shards_of_a_cluster_run_keep_the_time_of_day(tmp_path: Path) -> None:
    text = "Boeing halted deliveries at 14:30 GMT on Tuesday."
    doc = Document(id=document_id(text), path="a.txt", title="t", text=text)
    ev = Event(id="e1", type="contract", summary="s", start=dt.date(2024, 3, 5), end=dt.date(2024, 3, 5),
               precision="minute", status="happened", companies=["Boeing"], sources=[Source(doc.id, 0, 49, 7, 13)],
               start_time=dt.time(14, 30, tzinfo=UTC))
    write_shard([DocResult(doc, {}, [ev])], tmp_path, "s0")
    (back, _name), = list(read_shards(tmp_path))
    got = back.events[0]
    assert (got.start, got.start_time, got.precision) == (dt.date(2024, 3, 5), dt.time(14, 30, tzinfo=UTC), "minute")


def test_timed_events_are_no_damaged_rows(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "w.timeline")
    store_import(ws, read_import(DATA / "timesketch-sigma_events.jsonl"))
    remerge(ws)
    assert find_bad_rows(ws.db) == []  # the open check would set them aside and merge again at every open
    ws.close()
    again = open_workspace(tmp_path / "w.timeline")
    try:
        assert sum(1 for e in again.events() if e.start_time is not None) == 4
        assert again.db.execute("SELECT count(*) FROM sqlite_master WHERE name='quarantine'").fetchone()[0] == 0 or \
            again.db.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 0
    finally:
        again.close()
