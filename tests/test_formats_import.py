"""Imports: each format with good and bad rows (row numbers and reasons), column mappings, provenance, new
companies, round trips (timeline-app/1 identical; TimelineJS and Timesketch keep dates, precision, companies,
text), and an extraction that names files outside the chosen folder is never read."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline_app.cli import main as cli
from timeline_app.core.formats.common import ExportData
from timeline_app.core.formats.export import export
from timeline_app.core.formats.importing import ImportError_, read_import, store_import
from timeline_app.core.formats.tables_import import parse_mapping
from timeline_app.core.ingest import remerge
from timeline_app.core.merge import event_id
from timeline_app.core.model import Document, Entity, Event, Source
from timeline_app.core.store.imports import imports
from timeline_app.core.store.workspace import Workspace

D = dt.date


def _import(ws_path: Path, path: Path, **kw: object):
    batch = read_import(path, **kw)  # type: ignore[arg-type]
    ws = Workspace(ws_path)
    store_import(ws, batch)
    remerge(ws)
    return batch, ws


def test_csv_with_a_mapping_good_and_bad_rows(tmp_path: Path) -> None:
    f = tmp_path / "deals.csv"
    f.write_text("When;Buyer;Seller;What;Kind\n"
                 "2024-03-05;Apple;Foxconn;Apple orders displays;Supply contract\n"
                 "Q3 2024;Samsung;;Samsung opens a plant;launch\n"
                 "sometime soon;Tesla;;Bad date;other\n"
                 "March 2024;Mercedes;LG Display;Talks in Seoul;Meeting\n"
                 ";;;;\n"
                 "2024-02-30;Apple;;No such day;other\n"
                 "2023;;;;\n", encoding="utf-8")
    mapping = parse_mapping(["date=When,company=Buyer,company=Seller", "summary=What,type=Kind"])
    batch, ws = _import(tmp_path / "w.timeline", f, mapping=mapping)
    assert [str(r) for r in batch.rejected] == [
        "row 4: cannot read 'sometime soon' as a date (try 2025-11-13, 13 Nov 2025, Nov 2025, Q3 2024, 2024)",
        "row 7: no such day: 2024-02-30",
        "row 8: no company and no text: nothing to show"]
    evs = {e.summary: e for e in ws.events()}
    assert set(evs) == {"Apple orders displays", "Samsung opens a plant", "Talks in Seoul"}
    a = evs["Apple orders displays"]
    assert (a.start, a.end, a.precision, a.type, a.companies) == (D(2024, 3, 5), D(2024, 3, 5), "day", "contract",
                                                                  ["Apple", "Foxconn"])  # a round-2 label
    q = evs["Samsung opens a plant"]
    assert (q.start, q.end, q.precision, q.type) == (D(2024, 7, 1), D(2024, 9, 30), "quarter", "launch")
    m = evs["Talks in Seoul"]
    assert (m.precision, m.type) == ("month", "meeting")
    assert m.companies == ["Mercedes", "LG Display"]  # names kept as the file gives them …
    # provenance: the evidence is the row in a document named after the file
    doc = ws.document(a.sources[0].document)
    assert doc is not None and doc.title == "Imported from deals.csv, rows 2–5"
    assert doc.text[a.sources[0].start:a.sources[0].end].startswith("row 2: 2024-03-05 · Apple; Foxconn")
    parents = {e.name: e.parent for e in ws.entities().values() if e.kind == "company"}
    assert {"Apple", "Foxconn", "Samsung", "Mercedes", "LG Display"} <= set(parents)
    assert parents["Mercedes"] == "Mercedes-Benz Group"  # … and grouped where the knowledge base puts them
    assert ws.event_columns().n == 3
    assert [(r.events, r.rejected) for r in imports(ws)] == [(3, 3)]
    ws.close()


def test_csv_columns_guessed_and_reimport_replaces(tmp_path: Path) -> None:
    f = tmp_path / "x.tsv"
    f.write_text("Date\tCompany\tTitle\n2021-06\tAcme Corp\tAcme opens\n", encoding="utf-8")
    batch, ws = _import(tmp_path / "w.timeline", f)
    assert batch.mapping == {"date": ["Date"], "companies": ["Company"], "summary": ["Title"]}
    ws.close()
    f.write_text("Date\tCompany\tTitle\n2021-06\tAcme Corp\tAcme opens\n2022\tAcme Corp\tAcme grows\n",
                 encoding="utf-8")
    batch, ws = _import(tmp_path / "w.timeline", f)
    assert sorted(e.summary for e in ws.events()) == ["Acme grows", "Acme opens"]
    assert len(ws.documents()) == 1  # the old provenance document went with the import it replaced
    ws.close()


def test_unmappable_files_are_refused_whole(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="cannot tell which columns"):
        read_import(f)
    with pytest.raises(ImportError_, match="no column 'When'"):
        read_import(f, mapping=parse_mapping(["date=When"]))
    with pytest.raises(ImportError_, match="cannot map onto 'colour'"):
        parse_mapping(["colour=a"])
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    with pytest.raises(ImportError_, match="nested too deeply"):
        read_import(deep)


@pytest.fixture
def data() -> ExportData:
    text = "Apple & Foxconn signed a supply deal. Samsung plans a launch in Q3 2024. LG results for 2023."
    doc = Document(id="d1", path="/a.txt", title="A <story>", text=text, date=D(2024, 3, 4))
    evs = [Event("e1", "contract", "Supply: Apple, Foxconn", D(2024, 3, 3), D(2024, 3, 3), "day", "happened",
                 ["Apple", "Foxconn"], sources=[Source("d1", 0, 37, 25, 31)]),
           Event("e2", "launch", "Launch: Samsung", D(2024, 7, 1), D(2024, 9, 30), "quarter", "planned",
                 ["Samsung"], sources=[Source("d1", 38, 72, 53, 59)]),
           Event("e3", "results", "Results: LG", D(2023, 1, 1), D(2023, 12, 31), "year", "happened",
                 ["LG Electronics"], sources=[Source("d1", 73, 95, 76, 83)]),
           Event("e4", "plan", "Plan: Samsung", None, None, "undated", "planned", ["Samsung"],
                 sources=[Source("d1", 38, 72, 46, 51)])]
    for e in evs:
        e.id = event_id(e)  # as the workspace names events
    return ExportData.build([doc], [Entity("c:apple", "Apple", "company")], evs)


def _sig(events: list[Event]) -> list[tuple]:
    return sorted((e.type, e.start, e.end, e.precision, tuple(e.companies), e.summary) for e in events)


@pytest.mark.parametrize("fmt,name", [("timelinejs", "t.json"), ("timesketch-csv", "t.csv"),
                                      ("timesketch-jsonl", "t.jsonl")])
def test_round_trips_keep_dates_precision_companies_text(tmp_path: Path, data: ExportData, fmt: str,
                                                         name: str) -> None:
    export(tmp_path / name, data, fmt)
    batch, ws = _import(tmp_path / "w.timeline", tmp_path / name)
    assert batch.fmt == fmt and not batch.rejected
    assert _sig(ws.events()) == _sig([e for e in data.events if e.start])  # undated ones are not in these formats
    doc = ws.document(ws.events()[0].sources[0].document)
    assert doc is not None and "Apple & Foxconn signed a supply deal." in doc.text  # the evidence came along
    ws.close()


def test_timeline_app_json_round_trip_is_identical(tmp_path: Path, data: ExportData) -> None:
    export(tmp_path / "a.json", data)
    _, ws = _import(tmp_path / "w.timeline", tmp_path / "a.json")
    export(tmp_path / "b.json", ExportData.from_workspace(ws))
    a, b = (json.loads((tmp_path / n).read_text()) for n in ("a.json", "b.json"))
    assert a["events"] == sorted(b["events"], key=lambda e: [x["id"] for x in a["events"]].index(e["id"]))
    assert [d["text"] for d in a["documents"]] == [d["text"] for d in b["documents"]]
    ws.close()


def test_bad_rows_in_json_formats(tmp_path: Path, data: ExportData) -> None:
    export(tmp_path / "a.json", data)
    d = json.loads((tmp_path / "a.json").read_text())
    d["events"][1]["start"] = "2024-13-01"
    d["events"][2]["precision"] = "fortnight"
    d["events"][3]["end"] = "2020-01-01"  # undated with an end is fine; but with a start before it is not
    d["events"][3]["start"], d["events"][3]["precision"] = "2021-01-01", "day"
    (tmp_path / "a.json").write_text(json.dumps(d))
    batch = read_import(tmp_path / "a.json")
    assert [e.id for e in batch.events] == [data.events[0].id]
    why = {r.row: r.reason for r in batch.rejected}
    assert set(why) == {2, 3, 4} and all(r.unit == "event" for r in batch.rejected)
    assert "start" in why[2] and "precision" in why[3] and "before start" in why[4]
    tl = {"events": [{"start_date": {"year": 2024, "month": 3}, "text": {"headline": "Good"}, "group": "Apple"},
                     {"start_date": {"month": 3}, "text": {"headline": "No year"}},
                     {"start_date": {"year": 2024, "month": 14}, "group": "Apple"},
                     {"start_date": {"year": 2024, "month": 7}, "display_date": "Q3 2024", "group": "Samsung",
                      "text": {"headline": "<b>Launch</b>", "text": "<p>A &amp; B</p>"}}]}
    (tmp_path / "tl.json").write_text(json.dumps(tl))
    batch = read_import(tmp_path / "tl.json")
    assert [str(r).split(":")[0] for r in batch.rejected] == ["slide 2", "slide 3"]
    # in plain words, which date and what is wrong with it (issue 21), never pydantic's field paths
    assert batch.rejected[0].reason == "the start date: it has no year"
    assert batch.rejected[1].reason == "the start date: its month 14 is not between 1 and 12"
    good = {e.summary: e for e in batch.events}
    assert good["Good"].precision == "month" and good["Good"].end == D(2024, 3, 31)
    assert good["Launch"].precision == "quarter" and good["Launch"].end == D(2024, 9, 30)
    (tmp_path / "ts.jsonl").write_text(
        '{"message": "ok", "datetime": "2024-03-01T10:00:00+02:00", "timestamp_desc": "x", "companies": "Apple"}\n'
        '{"message": "", "datetime": "2024-03-01T00:00:00+00:00", "timestamp_desc": "x"}\n'
        'not json\n'
        '{"message": "m", "datetime": "yesterday", "timestamp_desc": "x", "companies": "Apple"}\n')
    batch = read_import(tmp_path / "ts.jsonl")
    assert [e.start for e in batch.events] == [D(2024, 3, 1)]
    assert [r.row for r in batch.rejected] == [2, 3, 4] and "message" in batch.rejected[0].reason


def test_extraction_paths_are_read_only_inside_the_chosen_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    folder = tmp_path / "chosen"
    folder.mkdir()
    (folder / "ok.txt").write_text("Apple met Foxconn.", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    docs = [{"id": "d1", "path": "ok.txt"}, {"id": "d2", "path": str(secret)}, {"id": "d3", "path": "../secret.txt"},
            {"id": "d4", "path": "link.txt"}, {"id": "d5", "path": "/etc/passwd"}]
    (folder / "x.json").write_text(json.dumps({"schema": "timeline-app/1", "documents": docs, "events": []}))
    batch = read_import(folder / "x.json")
    texts = {d.id: d.text for d in batch.documents}
    assert texts == {"d1": "Apple met Foxconn.", "d2": "", "d3": "", "d4": "", "d5": ""}
    assert len(batch.notes) == 4 and all("outside" in n and "did not read" in n for n in batch.notes)
    # another folder may be chosen explicitly
    assert {d.id: d.text for d in read_import(folder / "x.json", base_dir=tmp_path).documents}["d2"] == "TOP SECRET"


def test_cli_import_reports_rows_and_export_after(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "e.csv"
    f.write_text("date,company,headline\n2024-01-02,Acme,Acme opens\nnope,Acme,bad\n", encoding="utf-8")
    w = tmp_path / "w.timeline"
    assert cli(["import", str(f), "--workspace", str(w)]) == 0
    err = capsys.readouterr().err
    assert "rejected: row 3: cannot read 'nope'" in err and "1 event(s) imported from e.csv (csv)" in err
    assert "1 new company" in err
    assert cli(["export", str(w), "--output", str(tmp_path / "o.ics")]) == 0
    assert "BEGIN:VEVENT" in (tmp_path / "o.ics").read_text()
    assert cli(["import", str(tmp_path / "missing.csv"), "--workspace", str(w)]) == 2


def test_timesketch_csv_bad_rows_and_spreadsheet_encodings(tmp_path: Path) -> None:
    ts = tmp_path / "ts.csv"
    ts.write_text("message,datetime,timestamp_desc,companies,precision,date_end\n"
                  "Deal,2024-03-01T00:00:00+00:00,Event date,Acme,month,2024-03-31\n"
                  ",2024-03-01T00:00:00+00:00,Event date,Acme,,\n"
                  "Plan,2024-03-01T00:00:00+00:00,Event date,Acme,fortnight,\n", encoding="utf-8")
    batch = read_import(ts)
    assert batch.fmt == "timesketch-csv"
    assert [(e.start, e.end, e.precision) for e in batch.events] == [(D(2024, 3, 1), D(2024, 3, 31), "month")]
    assert [r.row for r in batch.rejected] == [3, 4]
    assert "message" in batch.rejected[0].reason and "unknown precision 'fortnight'" in batch.rejected[1].reason
    # what spreadsheets save: a BOM and ';', or a legacy code page
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffDate;Company;Title\n2024-05-01;Société Générale;Résultats\n"
                    "2024-05-02;\"Apple, Inc., Foxconn\";Deal\n".encode())
    assert [e.companies for e in read_import(bom).events] == [["Société Générale"], ["Apple, Inc.", "Foxconn"]]
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("Date,Company,Title\n2024-05-01,Nestlé,Résultats trimestriels du groupe Nestlé\n"
                       .encode("cp1252"))
    assert [e.companies for e in read_import(legacy).events] == [["Nestlé"]]


def test_cli_extract_writes_any_format_and_import_names_refused_paths(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Apple signs supply deal with Foxconn\n\nCUPERTINO, March 3, 2024 - Apple Inc. signed a supply "
                   "agreement with Foxconn on Monday, the companies said.\n", encoding="utf-8")
    assert cli(["extract", str(art), "--output", str(tmp_path / "x.out"), "--format", "timesketch-jsonl", "-q"]) == 0
    assert cli(["extract", str(art), "--output", str(tmp_path / "x.trace"), "-q"]) == 2  # no format, no suffix
    capsys.readouterr()
    (tmp_path / "old.json").write_text(json.dumps({"schema": "timeline-app/1", "events": [],
                                                   "documents": [{"id": "d1", "path": "/etc/hostname"}]}))
    assert cli(["import", str(tmp_path / "old.json"), "--workspace", str(tmp_path / "w.timeline")]) == 0
    assert "note: document d1: did not read '/etc/hostname' (outside" in capsys.readouterr().err


def test_version_1_files_import_with_their_round_2_types_mapped(tmp_path: Path, data: ExportData) -> None:
    """A timeline-app/1 extraction (before taxonomy v3: nine types, no family) still imports: supply, financial,
    appointment and investment become contract, results, leadership and acquisition; the rest keep their names."""
    export(tmp_path / "new.json", data)
    new = json.loads((tmp_path / "new.json").read_text())
    assert new["schema"] == "timeline-app/2" and all("family" in e for e in new["events"])
    old_types = ["supply", "launch", "financial", "appointment"]
    old = {**new, "schema": "timeline-app/1",
           "events": [{**{k: v for k, v in e.items() if k != "family"}, "type": t}
                      for e, t in zip(new["events"], old_types, strict=True)]}
    (tmp_path / "old.json").write_text(json.dumps(old))
    batch = read_import(tmp_path / "old.json")
    assert not batch.rejected
    assert [e.type for e in batch.events] == ["contract", "launch", "results", "leadership"]
    _, ws = _import(tmp_path / "w.timeline", tmp_path / "old.json")
    assert sorted(e.type for e in ws.events()) == ["contract", "launch", "leadership", "results"]
    ws.close()
    # one event a line (JSONL) and a spreadsheet naming round-2 types or labels
    (tmp_path / "old.jsonl").write_text("".join(json.dumps(e) + "\n" for e in old["events"]))
    assert [e.type for e in read_import(tmp_path / "old.jsonl").events] == \
        ["contract", "launch", "results", "leadership"]
    (tmp_path / "old.csv").write_text("date,company,type,summary\n2024-01-02,Apple,investment,Buys X\n"
                                      "2024-01-03,Apple,Investment / acquisition,Buys Y\n"
                                      "2024-01-04,Apple,Appointment,Names a CEO\n"
                                      "2024-01-05,Apple,Acquisition / merger,Buys Z\n"
                                      "2024-01-06,Apple,lawsuit,Sued\n", encoding="utf-8")
    assert [e.type for e in read_import(tmp_path / "old.csv").events] == \
        ["acquisition", "acquisition", "leadership", "acquisition", "lawsuit"]
    # a /2 file's family is derived from its type; an unknown type is refused for that event only
    bad = {**new, "events": [{**new["events"][0], "type": "takeover-ish"}, *new["events"][1:]]}
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    batch = read_import(tmp_path / "bad.json")
    assert len(batch.events) == len(new["events"]) - 1
    assert [r.row for r in batch.rejected] == [1] and "unknown event type 'takeover-ish'" in batch.rejected[0].reason
    (tmp_path / "v9.json").write_text(json.dumps({**new, "schema": "timeline-app/9"}))
    with pytest.raises(Exception, match="not a timeline-app/2 extraction"):
        read_import(tmp_path / "v9.json")
