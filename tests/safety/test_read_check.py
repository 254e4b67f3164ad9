"""Issue 23: a command that only reads (a streamed export) does not scan every event of a healthy workspace when it
opens it; it checks each event and source as it reads them, and a damaged one is put aside as the open's full
check does, with the same messages and the same file written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from timeline_app.cli import main as cli
from timeline_app.core.store import quarantine
from timeline_app.core.store.quarantine import ReadCheck, RowsToCheck


def _damage(path: Path, sql: str) -> None:
    db = sqlite3.connect(path)
    db.execute(sql)
    db.commit()
    db.close()


def _scans(monkeypatch: pytest.MonkeyPatch) -> list[frozenset[str]]:
    """The tables of every damaged-row scan the open and the commands run (a spy on ``find_bad_rows``)."""
    tables: list[frozenset[str]] = []
    real = quarantine.find_bad_rows

    def spy(db: sqlite3.Connection, which: frozenset[str] = quarantine._TABLES) -> list[tuple[str, int, str | None,
                                                                                              str]]:
        tables.append(which)
        return real(db, which)

    monkeypatch.setattr("timeline_app.core.ingest.find_bad_rows", spy)
    monkeypatch.setattr(quarantine, "find_bad_rows", spy)
    return tables


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_streamed_export_of_a_healthy_workspace_scans_no_event(workspace_file: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    scans = _scans(monkeypatch)
    assert cli(["export", str(workspace_file), "-o", str(tmp_path / f"x.{fmt}")]) == 0
    assert "warning" not in capsys.readouterr().err
    assert scans and all(not (t & {"events", "event_sources"}) for t in scans)  # the articles and entities only


def test_a_format_that_is_not_streamed_still_scans_first(workspace_file: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    scans = _scans(monkeypatch)
    assert cli(["export", str(workspace_file), "-o", str(tmp_path / "x.json")]) == 0
    assert any("events" in t for t in scans)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("sql", [
    "UPDATE events SET companies='[\"Samsung' WHERE rowid=1",
    "UPDATE events SET start='2024-13-45' WHERE rowid=2",
    "UPDATE events SET precision='fortnight' WHERE rowid=1",
    "UPDATE events SET amounts=x'00ff' WHERE rowid=1",
    "UPDATE events SET people='{}' WHERE rowid=1",
    "UPDATE events SET confidence='high' WHERE rowid=1",
    "UPDATE event_sources SET start='x' WHERE rowid=1",
])
def test_a_damaged_row_met_while_exporting_is_put_aside_as_at_open(workspace_file: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   sql: str, fmt: str) -> None:
    """The export that meets a damaged row says what the full check at open says, exits as it does and writes
    what it writes (the merged events are cleared for the next writer to rebuild: an empty JSON Lines file is
    refused, a CSV file has its header), and the same rows are put aside."""
    from timeline_app.cli import export as export_command

    other = tmp_path / "other.timeline"
    other.write_bytes(workspace_file.read_bytes())
    _damage(workspace_file, sql)
    _damage(other, sql)
    scans = _scans(monkeypatch)
    read_rc = cli(["export", str(workspace_file), "-o", str(tmp_path / f"read.{fmt}")])
    read_err = capsys.readouterr().err.replace(str(tmp_path / "w.timeline"), "W").replace(f"read.{fmt}", "OUT")
    assert any("events" in t for t in scans)  # the whole check, once the damaged row was met
    monkeypatch.setattr(export_command, "READ_CHECK", False)  # the full check at open, as before issue 23
    scanned_rc = cli(["export", str(other), "-o", str(tmp_path / f"scanned.{fmt}")])
    scanned_err = capsys.readouterr().err.replace(str(other), "W").replace(f"scanned.{fmt}", "OUT")
    assert "put aside" in read_err and "not merged yet" in read_err
    assert (read_rc, read_err) == (scanned_rc, scanned_err)
    if read_rc == 0:
        assert (tmp_path / f"read.{fmt}").read_bytes() == (tmp_path / f"scanned.{fmt}").read_bytes()
    kept = sqlite3.connect(workspace_file).execute("SELECT tbl, key, reason FROM quarantine").fetchall()
    assert kept == sqlite3.connect(other).execute("SELECT tbl, key, reason FROM quarantine").fetchall() != []


@pytest.mark.parametrize(("column", "value"), [
    ("companies", '["a"]'), ("companies", '["a'), ("companies", b"\x00\xff"), ("companies", b"[]"),
    ("companies", '{"a": 1}'), ("companies", "[NaN]"), ("companies", ' ["x"] '), ("people", None),
    ("amounts", "[]"), ("start", "2024-13-45"), ("start", "2015-07-24T19:01:01+00:00"), ("start", "2015-07-24Tx"),
    ("start", "2024-W01-1"), ("start", "2015-02-30"), ("start", None), ("start", 20150101), ("end", "2015-01"),
    ("precision", "fortnight"), ("precision", "day"), ("precision", None), ("status", "lost"),
    ("status", "happened"), ("confidence", "0.5"), ("confidence", 1), ("confidence", 0.25), ("confidence", None),
])
def test_a_value_passes_the_read_check_exactly_when_its_row_passes_the_scan(column: str, value: object) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE events(id, companies, people, places, amounts, start, end, precision, status, "
               "confidence)")
    row: dict[str, object] = {"id": "e", "companies": "[]", "people": "[]", "places": "[]", "amounts": "[]",
                              "start": None, "end": None, "precision": "day", "status": "happened",
                              "confidence": 0.5}
    row[column] = value
    db.execute("INSERT INTO events VALUES(:id, :companies, :people, :places, :amounts, :start, :end, :precision, "
               ":status, :confidence)", row)
    scanned_bad = bool(quarantine.find_bad_rows(db, frozenset({"events"})))
    check = ReadCheck(db)
    for _ in range(2):  # a second time from the values remembered
        try:
            check.event(**{column: value})
            read_bad = False
        except RowsToCheck:
            read_bad = True
        assert read_bad == scanned_bad
