"""Hostile tables, both ways: formula cells in CSV exports (the OWASP rule, and a re-import restores the text), and
imports that must carry on row by row — a cell over the csv module's 131,072-character default, a NUL byte in an
extraction's document path, one Latin-1 row in a UTF-8 file, UTF-16 without a byte-order mark, and dates outside
the range the app supports (each refused with its row and the range, the rest imported)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from timeline_app.cli import main as cli
from timeline_app.core.dates.limits import MAX_YEAR, MIN_YEAR, RANGE_TEXT, in_range
from timeline_app.core.formats.common import ExportData
from timeline_app.core.formats.export import export
from timeline_app.core.formats.importing import read_import, table_columns
from timeline_app.core.formats.spreadsheet import FORMULA_STARTS, restore_cell, safe_cell
from timeline_app.core.formats.tables_import import MAX_CELL_CHARS
from timeline_app.core.model import Document, Event, Source

D = dt.date
HOT = ("=", "+", "-", "@", "\t", "\r")
NASTY = ['=HYPERLINK("http://127.0.0.1:9/?x")', "+SUM(1;2)", "-2+3", "@Acme", "\t=1+1", "\r=1+1",
         "'=already quoted", "''-twice", "plain", "", "a=b", "'plain quote"]


# -- 1. formula cells in exports ----------------------------------------------------------------------------
def test_one_rule_for_formula_cells_and_its_inverse() -> None:
    assert set(FORMULA_STARTS) == set(HOT)
    for s in NASTY:
        out = safe_cell(s)
        assert isinstance(out, str) and out[:1] not in HOT, s
        assert restore_cell(out) == s  # what an import of our export reads back
    assert safe_cell("=1") == "'=1" and safe_cell("'=1") == "''=1" and safe_cell("plain") == "plain"
    assert restore_cell("'plain quote") == "'plain quote"  # a quote before anything else is the user's own
    assert safe_cell(-1_000_000) == -1_000_000 and safe_cell(0.5) == 0.5  # numbers we compute are not formulas


def _hostile_data() -> ExportData:
    text = "-1+1 was the first sentence. @everyone read the second. =cmd|' /C calc'!A0 is the third one."
    doc = Document(id="d1", path="/a/=evil.txt", title="=IMPORTXML(\"http://x\")", text=text, date=D(2024, 3, 4),
                   url="https://example.com/a")
    events = [Event(id=f"e{i}", type="meeting", summary=s, start=D(2024, 3, 1 + i), end=D(2024, 3, 1 + i),
                    precision="day", status="happened", companies=["@Acme", "+Beta"], people=["-Dash"],
                    places=["=Town"], sources=[Source("d1", 0, 28, 0, 4)], confidence=0.9, notes="=1+1", tags=["-tag"])
              for i, s in enumerate(NASTY[:6])]
    events.append(Event(id="old", type="other", summary="before 1970", start=D(1960, 1, 1), end=D(1960, 1, 1),
                        precision="day", status="happened", companies=["Acme"],
                        sources=[Source("d1", 29, 55, 29, 33)]))
    return ExportData.build([doc], [], events)


@pytest.mark.parametrize("fmt", ["csv", "timesketch-csv"])
def test_csv_exports_neutralise_formula_cells(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}.csv"
    export(out, _hostile_data(), fmt)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    hot = [c for row in rows for c in row if c[:1] in HOT and not c.lstrip("-").isdigit()]
    assert hot == []
    cells = {c for row in rows for c in row}
    assert "'=HYPERLINK(\"http://127.0.0.1:9/?x\")" in cells and "'-2+3" in cells and "'@Acme; +Beta" in cells
    assert "'-1+1 was the first sentence." in cells  # evidence quoted from the article
    if fmt == "csv":
        assert "'=IMPORTXML(\"http://x\")" in cells  # the article's title
    else:  # Timesketch's timestamp stays a number (microseconds; negative before 1970) so Timesketch can read it
        assert str((dt.datetime(1960, 1, 1) - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1)) in cells


@pytest.mark.parametrize("fmt", ["csv", "timesketch-csv"])
def test_reimporting_our_csv_export_restores_the_text(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}.csv"
    export(out, _hostile_data(), fmt)
    batch = read_import(out)
    assert batch.rejected == []
    got = {e.summary: e for e in batch.events}
    assert {s.strip() for s in NASTY[:6]} <= set(got)  # an import strips the tab and the carriage return
    assert got["-2+3"].companies == ["@Acme", "+Beta"] and got["-2+3"].people == ["-Dash"]


# -- 2. import robustness -------------------------------------------------------------------------------------
def test_a_cell_over_the_csv_modules_limit_does_not_sink_the_import(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "big.csv"
    f.write_text("date,company,summary\n2024-01-02,Acme,ok\n2024-01-03,Beta," + "x" * 200_000 + "\n"
                 "2024-01-04,Gamma," + "y" * (MAX_CELL_CHARS + 1) + "\n2024-01-05,Delta,after\n", encoding="utf-8")
    batch = read_import(f)
    assert [e.companies for e in batch.events] == [["Acme"], ["Beta"], ["Delta"]]
    assert [str(r) for r in batch.rejected] == [
        f"row 4: the cell in column 'summary' is {MAX_CELL_CHARS + 1:,} characters long; cells over "
        f"{MAX_CELL_CHARS:,} characters are refused (an unclosed quote?)"]
    assert cli(["import", str(f), "--workspace", str(tmp_path / "w.timeline")]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "rejected: row 4: the cell in column 'summary'" in err
    assert "3 event(s) imported from big.csv" in err


def test_an_unclosed_quote_is_one_row_refused_not_a_crash(tmp_path: Path) -> None:
    f = tmp_path / "q.csv"
    f.write_text('date,company,summary\n2024-01-02,Acme,ok\n2024-01-03,Beta,"never closed\n'
                 + "2024-01-04,Gamma,swallowed\n" * 70_000, encoding="utf-8")
    batch = read_import(f)
    assert [e.companies for e in batch.events] == [["Acme"]]
    assert len(batch.rejected) == 1 and str(batch.rejected[0]).startswith("row 3: the cell in column 'summary'")


def test_a_nul_byte_in_an_extraction_path_is_a_note_not_a_traceback(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "nul.json"
    f.write_text(json.dumps({"schema": "timeline-app/1", "entities": [], "documents": [
        {"id": "d1", "path": "a\x00b.txt"}, {"id": "d2", "path": "ok.txt", "text": "Acme met Beta."}],
        "events": [{"id": "e1", "type": "meeting", "start": "2024-01-01", "precision": "day", "summary": "met",
                    "companies": ["Acme"], "sources": [{"document": "d2", "start": 0, "end": 14,
                                                        "trigger_start": 5, "trigger_end": 8}]}]}))
    batch = read_import(f)
    assert [d.id for d in batch.documents] == ["d1", "d2"] and [e.id for e in batch.events] == ["e1"]
    assert batch.notes == ["document d1: did not read 'a\\x00b.txt' (the path contains a NUL byte); "
                           "imported without its text"]
    assert cli(["import", str(f), "--workspace", str(tmp_path / "w.timeline")]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "NUL byte" in err and "1 event(s) imported from nul.json" in err


def test_an_extraction_that_is_not_one_is_refused_cleanly(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bad.json"
    f.write_text(json.dumps({"schema": "timeline-app/1", "documents": 5}))
    assert cli(["import", str(f), "--workspace", str(tmp_path / "w.timeline")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "bad.json: not a timeline-app/1 extraction ('documents' is not a list)" in err


def test_one_latin1_row_in_a_utf8_file_is_decoded_on_its_own(tmp_path: Path) -> None:
    f = tmp_path / "mixed.csv"
    f.write_bytes("date,company,summary\n2024-01-02,Société Générale,Réunion à Paris\n".encode()
                  + "2024-01-03,Nestlé,Café crème\n".encode("latin-1")
                  + '2024-01-04,Škoda,"Zürich\nüber zwei Zeilen"\n2024-01-05,Åkerö,€ 5\n'.encode()
                  + "2024-01-06,Citroën,Trésor\n".encode("cp1252"))
    batch = read_import(f)
    assert [e.companies[0] for e in batch.events] == ["Société Générale", "Nestlé", "Škoda", "Åkerö", "Citroën"]
    assert [e.summary for e in batch.events][:2] == ["Réunion à Paris", "Café crème"]
    assert batch.notes == [f"row {n}: not valid UTF-8 like the rest of the file; read as Windows-1252 (cp1252)"
                           " — check its accented letters" for n in (3, 6)]


def test_a_utf8_jsonl_with_one_latin1_line_names_the_line(tmp_path: Path) -> None:
    good = {"id": "e1", "type": "meeting", "start": "2024-01-01", "precision": "day", "summary": "Zürich talks",
            "companies": ["Škoda"]}
    f = tmp_path / "m.jsonl"
    f.write_bytes(json.dumps(good, ensure_ascii=False).encode() + b"\n"
                  + json.dumps({**good, "summary": "Café", "companies": ["Nestlé"]}, ensure_ascii=False)
                  .encode("latin-1") + b"\n")
    batch = read_import(f)
    assert [e.companies for e in batch.events] == [["Škoda"], ["Nestlé"]]
    assert batch.notes == ["line 2: not valid UTF-8 like the rest of the file; read as Windows-1252 (cp1252)"
                           " — check its accented letters"]


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("name", ["Acme Corp", "Société Générale"])
def test_utf16_csv_without_bom_is_recognised(tmp_path: Path, enc: str, name: str) -> None:
    f = tmp_path / "u16.csv"  # ASCII-only UTF-16 is valid UTF-8 (with NULs): it used to read as 'd\x00a\x00t…'
    f.write_bytes(f"date,company,summary\n2024-01-02,{name},Meeting\n2024-01-03,Beta,Deal\n".encode(enc))
    assert table_columns(f) == ["date", "company", "summary"]
    batch = read_import(f)
    assert [e.companies for e in batch.events] == [[name], ["Beta"]]
    assert batch.notes == [f"no byte-order mark: read as {enc.upper()} (NUL bytes in every other byte)"]


def test_a_stray_nul_byte_does_not_make_a_utf8_file_utf16(tmp_path: Path) -> None:
    f = tmp_path / "nul.csv"
    f.write_bytes(b"date,company,summary\n2024-01-02,Acme,a\x00b\n")
    batch = read_import(f)
    assert [e.companies for e in batch.events] == [["Acme"]] and batch.notes == []


def test_dates_outside_the_supported_range_are_refused_per_row(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert (MIN_YEAR, MAX_YEAR) == (1000, 2999) and RANGE_TEXT == "years 1000–2999"
    assert in_range(D(1000, 1, 1)) and in_range(D(2999, 12, 31)) and not in_range(D(1, 1, 1))
    f = tmp_path / "dates.csv"
    f.write_text("date,end,company,summary\n0001-01-01,,Acme,ancient\n9999-12-31,,Beta,future\n"
                 "2024-01-04,,Gamma,ok\n2024-01-05,9999-01-01,Delta,endless\n2990s,,Omega,last decade\n",
                 encoding="utf-8")
    batch = read_import(f)
    assert [e.companies for e in batch.events] == [["Gamma"], ["Omega"]]
    assert [str(r) for r in batch.rejected] == [
        "row 2: date '0001-01-01' is outside the supported range (years 1000–2999)",
        "row 3: date '9999-12-31' is outside the supported range (years 1000–2999)",
        "row 5: end '9999-01-01' is outside the supported range (years 1000–2999)"]
    assert cli(["import", str(f), "--workspace", str(tmp_path / "w.timeline")]) == 0
    err = capsys.readouterr().err
    assert "rejected: row 2: date '0001-01-01' is outside the supported range (years 1000–2999)" in err
    assert "2 event(s) imported from dates.csv (csv)" in err and "Traceback" not in err


def _contract_event(i: str, start: str, end: str | None = None) -> dict[str, object]:
    return {"id": i, "type": "meeting", "start": start, "end": end, "precision": "day", "summary": i,
            "companies": ["Acme"]}


def test_every_import_format_refuses_out_of_range_dates(tmp_path: Path) -> None:
    ex = tmp_path / "x.json"
    ex.write_text(json.dumps({"schema": "timeline-app/1", "entities": [],
                              "documents": [{"id": "d1", "path": "x", "text": "t", "date": "0001-01-01"}],
                              "events": [_contract_event("e1", "0001-01-01"), _contract_event("e2", "2024-01-01"),
                                         _contract_event("e3", "2024-01-01", "9999-12-31")]}))
    batch = read_import(ex)
    assert [e.id for e in batch.events] == ["e2"] and batch.documents[0].date is None
    assert [str(r) for r in batch.rejected] == [
        "event 1: start 0001-01-01 is outside the supported range (years 1000–2999)",
        "event 3: end 9999-12-31 is outside the supported range (years 1000–2999)"]
    assert batch.notes == ["document d1: date 0001-01-01 is outside the supported range (years 1000–2999); "
                           "imported without a date"]
    jl = tmp_path / "x.jsonl"
    jl.write_text("\n".join(json.dumps(_contract_event(i, s)) for i, s in (("a", "0001-01-01"), ("b", "2024-02-02")))
                  + "\n")
    b2 = read_import(jl)
    assert [e.summary for e in b2.events] == ["b"]
    assert [str(r) for r in b2.rejected] == ["line 1: date '0001-01-01' is outside the supported range "
                                             "(years 1000–2999)"]
    tl = tmp_path / "tl.json"
    tl.write_text(json.dumps({"events": [
        {"start_date": {"year": 1}, "text": {"headline": "ancient"}, "group": "Acme"},
        {"start_date": {"year": 2024, "month": 5}, "text": {"headline": "fine"}, "group": "Acme"},
        {"start_date": {"year": 2024}, "end_date": {"year": 12000}, "text": {"headline": "long"}, "group": "A"}]}))
    b3 = read_import(tl)
    assert [e.summary for e in b3.events] == ["fine"]
    assert [str(r) for r in b3.rejected] == [
        "slide 1: the start date: its year 1 is outside the supported range (years 1000–2999)",
        "slide 3: the end date: its year 12000 is outside the supported range (years 1000–2999)"]
    ts = tmp_path / "ts.csv"
    ts.write_text("message,datetime,timestamp_desc,companies\nold,0001-01-01T00:00:00+00:00,Event date,Acme\n"
                  "new,2024-01-01T00:00:00+00:00,Event date,Acme\n", encoding="utf-8")
    b4 = read_import(ts)
    assert [e.summary for e in b4.events] == ["new"]
    assert [str(r) for r in b4.rejected] == ["row 2: date '0001-01-01' is outside the supported range "
                                             "(years 1000–2999)"]


def test_a_line_separator_inside_a_jsonl_string_does_not_split_the_record(tmp_path: Path) -> None:
    f = tmp_path / "ls.jsonl"
    f.write_text(json.dumps({**_contract_event("a", "2024-01-01"), "summary": "one\u2028two"}, ensure_ascii=False)
                 + "\n", encoding="utf-8")
    batch = read_import(f)
    assert batch.rejected == [] and [e.summary for e in batch.events] == ["one\u2028two"]
