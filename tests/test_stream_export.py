"""Streaming exports (issue 23): CSV and JSON Lines are written from the workspace a chunk of events at a time,
with a bounded cache of articles, and the file is byte for byte what the whole-workspace export writes."""

from __future__ import annotations

import csv
import datetime as dt
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
    path = tmp_path / "w.timeline"
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
