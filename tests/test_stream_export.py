"""Streaming exports (issue 23): CSV and JSON Lines are written from the workspace a chunk of events at a time,
with a bounded cache of articles, and the file is byte for byte what the whole-workspace export writes."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from timeline_app.cli import main as cli
from timeline_app.core.formats import stream_export as se
from timeline_app.core.formats.common import ExportData
from timeline_app.core.formats.export import export
from timeline_app.core.formats.stream_import import stream_import
from timeline_app.core.ingest import open_workspace
from timeline_app.core.store.workspace import Workspace


def _workspace(tmp_path: Path, rows: int = 730) -> Path:
    src = tmp_path / "t.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["date", "company", "type", "summary", "text"])
        for i in range(rows):
            d = dt.date(2012, 1, 1) + dt.timedelta(days=(i * 53) % 3000)
            w.writerow([d.isoformat() if i % 5 else "", f"Co {i % 13}; Société {i % 3}", "contract",
                        f"=deal {i}" if i % 11 == 0 else f"deal {i}", f"notes {i}"])
    return _imported(src, tmp_path / "w.timeline")


def _imported(src: Path, path: Path) -> Path:
    """A workspace at ``path`` with the table ``src`` imported."""
    ws = open_workspace(path)
    try:
        stream_import(ws, src)
    finally:
        ws.close()
    return path


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_streamed_export_is_the_whole_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    path = _workspace(tmp_path)
    monkeypatch.setattr(se, "CHUNK", 100)
    monkeypatch.setattr(se, "DOCUMENTS_KEPT", 2)  # articles are read again when they fell out of the cache
    ws = Workspace(path)
    try:
        whole = export(tmp_path / f"whole.{fmt}", ExportData.from_workspace(ws), fmt)
        streamed = se.export_workspace(tmp_path / f"streamed.{fmt}", ws, fmt)
    finally:
        ws.close()
    assert streamed == whole and whole.written == 730
    assert (tmp_path / f"streamed.{fmt}").read_bytes() == (tmp_path / f"whole.{fmt}").read_bytes()


def test_events_are_read_a_chunk_at_a_time(tmp_path: Path) -> None:
    ws = Workspace(_workspace(tmp_path))
    try:
        sizes = [len(c) for c in se.event_chunks(ws, 300)]
        cache = se.DocumentCache(ws, 3)
        for data in se.export_chunks(ws, 50):
            assert len(data.events) <= 50 and len(data.documents) <= 2  # 100 rows an article
        cache.fetch(r[0] for r in ws.db.execute("SELECT id FROM documents"))
        assert len(cache._docs) == 3
    finally:
        ws.close()
    assert sizes == [300, 300, 130]


def test_the_export_command_streams_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = _workspace(tmp_path)
    monkeypatch.setattr(Workspace, "events", lambda self: pytest.fail("every event loaded at once"))
    assert cli(["export", str(path), "-o", str(tmp_path / "out.csv")]) == 0
    assert "730 event(s) written" in capsys.readouterr().err
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 730 and sum(r["summary"].startswith("'=deal") for r in rows) == 67  # formulas neutralised


def test_the_streamed_csv_of_extracted_and_curated_events_is_the_whole_export(tmp_path: Path,
                                                                             seeds_dir: Path) -> None:
    from timeline_app.core.ingest import ingest

    ws = open_workspace(tmp_path / "s.timeline")
    try:
        ingest(ws, [seeds_dir], workers=1)
        with ws.transaction() as db:  # the user's marks, a review, a time of day, an amount, a formula-like note
            db.execute("UPDATE events SET tags='[\"checked\", \"=x\"]', notes='-1 note', starred=1, "
                       "edited='[\"summary\"]', review='confirmed' WHERE rowid % 3 = 0")
            db.execute("UPDATE events SET start='2015-07-24T19:01:01+00:00', precision='second' WHERE rowid = 2")
            db.execute("UPDATE events SET amounts='[{\"text\": \"$2 billion\", \"value\": 2e9, \"currency\": "
                       "\"USD\"}]' WHERE rowid = 1")
        assert ws.db.execute("SELECT count(*) FROM events").fetchone()[0] > 10
        whole = export(tmp_path / "whole.csv", ExportData.from_workspace(ws), "csv")
        streamed = se.export_workspace(tmp_path / "streamed.csv", ws, "csv")
    finally:
        ws.close()
    assert streamed == whole
    assert (tmp_path / "streamed.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()


def _tricky_workspace(tmp_path: Path) -> Path:
    """Cells the csv module quotes or safe_cell guards, in every free-text column an import fills."""
    src = tmp_path / "tricky.csv"
    texts = ["plain", "a, comma", 'a "quote"', "two\nlines", "=1+2", "-minus", "@at", "+plus", "'=quoted",
             "'apostrophe", "\ttab", "Société; Ünïcode", ""]
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["date", "company", "type", "summary", "text", "people", "places"])
        for i in range(200):
            t = texts[i % len(texts)]
            w.writerow([f"2015-0{1 + i % 9}-1{i % 10}" if i % 7 else "2015", f"Co {i % 5}; {t or 'X'}",
                        t or "contract", f"{t} {i}" if i % 3 else t, texts[(i + 3) % len(texts)],
                        texts[(i + 5) % len(texts)], texts[(i + 7) % len(texts)]])
    return _imported(src, tmp_path / "tricky.timeline")


def _same_as_whole(tmp_path: Path, path: Path, name: str) -> None:
    ws = Workspace(path)
    try:
        whole = export(tmp_path / f"{name}-whole.csv", ExportData.from_workspace(ws), "csv")
        streamed = se.export_workspace(tmp_path / f"{name}-streamed.csv", ws, "csv")
    finally:
        ws.close()
    assert streamed == whole
    assert (tmp_path / f"{name}-streamed.csv").read_bytes() == (tmp_path / f"{name}-whole.csv").read_bytes()


def test_cells_to_quote_or_guard_are_written_as_the_csv_module_writes_them(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = _tricky_workspace(tmp_path)
    monkeypatch.setattr(se, "CHUNK", 7)
    with closing(sqlite3.connect(path)) as db, db:  # a note, tags, a review, a confidence the rows share with others
        db.execute("UPDATE events SET notes='n, \"1\"', tags='[\"=t\", \"a,b\"]', review='rejected', "
                   "confidence=0.12345 WHERE rowid % 4 = 0")
        db.execute("UPDATE events SET notes='-x', confidence=-0.5, starred=1 WHERE rowid % 9 = 0")
        db.execute("UPDATE events SET confidence=-0.0 WHERE rowid = 5")
    _same_as_whole(tmp_path, path, "tricky")


def test_sources_not_stored_in_the_order_of_their_events_are_looked_up(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.core.formats import csv_stream

    path = _workspace(tmp_path, 300)
    passes: list[bool] = []
    lines = csv_stream.csv_lines
    monkeypatch.setattr(csv_stream, "csv_lines", lambda *a, **k: passes.append(k.get("in_order", True))
                        or lines(*a, **k))
    monkeypatch.setattr(se, "CHUNK", 50)
    _same_as_whole(tmp_path, path, "ordered")
    assert passes == [True]  # an import stores them in order: one pass
    with closing(sqlite3.connect(path)) as db, db:
        ids = [r[0] for r in db.execute("SELECT id FROM events ORDER BY rowid")]
        doc = db.execute("SELECT doc_id FROM event_sources LIMIT 1").fetchone()[0]
        db.execute("INSERT INTO event_sources VALUES(?,?,?,?,?,?)", (ids[10], doc, 5, 40, 5, 40))  # a late one
    passes.clear()
    _same_as_whole(tmp_path, path, "late")
    assert passes == [True, False]
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("DELETE FROM event_sources WHERE event_id=?", (ids[10],))
        db.execute("DELETE FROM event_sources WHERE event_id IN (SELECT id FROM events WHERE rowid < 120)")
        db.execute("INSERT INTO event_sources VALUES('no such event', ?, 1, 2, 1, 2)", (doc,))  # an orphan
    passes.clear()
    _same_as_whole(tmp_path, path, "orphan")
    assert passes == [True, False]


def test_events_stored_without_curation_columns_take_the_plain_rows(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Events whose curation columns are NULL (as the benchmark's generator stores them) are written as those
    with the plain values, and their other columns are not read apart (the plain row is used)."""
    from timeline_app.core.formats import csv_stream

    path = _workspace(tmp_path, 300)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE events SET edited=NULL, notes=NULL, tags=NULL, starred=NULL WHERE rowid % 2 = 0")
        db.execute("UPDATE events SET notes='kept' WHERE rowid = 7")
    read_apart: list[str] = []
    monkeypatch.setattr(csv_stream, "_MORE_SQL", _Spy(csv_stream._MORE_SQL, read_apart))
    monkeypatch.setattr(se, "CHUNK", 50)
    _same_as_whole(tmp_path, path, "nulls")
    assert len(read_apart) == 1  # only the chunk with the one event that has a note


class _Spy(str):
    """A SQL text that counts how often it is used in a query (``+`` gives the text used)."""

    def __new__(cls, text: str, calls: list[str]) -> _Spy:
        s = super().__new__(cls, text)
        s.calls = calls  # type: ignore[attr-defined]
        return s

    def __add__(self, other: str) -> str:
        self.calls.append(other)  # type: ignore[attr-defined]
        return str(self) + other


def test_summaries_with_commas_are_quoted_as_the_csv_module_quotes_them(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workspace(tmp_path, 120)
    summaries = ["a, b", "a, \"b\"", "=a, b", "a, =b", "a,\nb", "a,\rb", ", a", "a,", "-1, 2", "'a, b", "a, b, c",
                 "a,,b", "\ta, b"]
    with closing(sqlite3.connect(path)) as db, db:
        for i, text in enumerate(summaries):
            db.execute("UPDATE events SET summary=? WHERE rowid % ? = ?", (text, len(summaries), i))
        db.execute("UPDATE events SET notes='n, 1' WHERE rowid % 7 = 0")
    monkeypatch.setattr(se, "CHUNK", 25)
    _same_as_whole(tmp_path, path, "commas")
