"""Streaming import (issue 23; issue 24 item 4): a large file is decoded line by line as the whole-file decoder
would decode it, rows are validated and stored in batches (the builder never holds more than a batch), and what
lands in the workspace is what the whole-file import and merge made."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from timeline_app.cli import main as cli
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.formats import stream_import as si
from timeline_app.core.formats import text_stream
from timeline_app.core.formats.importing import read_import, store_import
from timeline_app.core.formats.tables_import import decode_text, import_table, lines
from timeline_app.core.ingest import open_workspace, remerge
from timeline_app.core.model import Document, Event
from timeline_app.core.store.workspace import Workspace


def _table(path: Path, rows: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["date", "company", "type", "summary"])
        for i in range(start, start + rows):
            d = dt.date(2010, 1, 1) + dt.timedelta(days=(i * 37) % 4000)
            when = d.isoformat() if i % 4 else f"{d:%b %Y}"
            w.writerow([when, f"Company {i % 23}" + ("; Beta" if i % 7 == 0 else ""), "supply" if i % 2 else "x",
                        f"Event {i} of the set"])
        w.writerow(["not a date at all", "", "", ""])  # refused: nothing to show
    return path


# -- decoding line by line --------------------------------------------------------------------------------
SAMPLES = {
    "utf8": "date,company\n2024-01-02,Société\r\n2024-01-03,Zürich\r2024-01-04,end".encode(),
    "bom": b"\xef\xbb\xbfdate,company\n2024-01-02,Acme\n",
    "mixed": ("date,company,summary\n2024-01-02,Société Générale,Réunion\n".encode()
              + "2024-01-03,Nestlé,Café crème\r\n".encode("latin-1") + "2024-01-05,Åkerö,€ 5\n".encode()),
    "utf16le": "date,company\n2024-01-02,Acme\n".encode("utf-16-le"),
    "utf16bom": "date,company\n2024-01-02,Société\n".encode("utf-16"),
    "cp1252": ("date,company\n" + "".join(f"2024-01-0{i},Société {i} — €\n" for i in range(1, 9))).encode("cp1252"),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_a_large_file_reads_line_by_line_as_the_whole_file_decoder_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(text_stream, "_BLOCK", 7)  # line ends and CR LF pairs across block ends
    f = tmp_path / f"{name}.csv"
    f.write_bytes(SAMPLES[name])
    whole = decode_text(SAMPLES[name])
    stream = text_stream.open_text(f, whole_below=0)
    assert stream.whole is None
    got = list(stream.lines())
    assert got == list(lines(whole.text))
    assert stream.misread == whole.misread and stream.notes == whole.notes


def test_byte_lines_split_where_the_csv_module_splits() -> None:
    data = b"a\r\nb\rc\nd"
    assert list(lines(data.decode())) == ["a\r\n", "b\r", "c\n", "d"]


# -- batches ----------------------------------------------------------------------------------------------
def test_rows_are_handed_over_in_batches_and_built_as_a_whole_file_read_builds_them(tmp_path: Path) -> None:
    src = _table(tmp_path / "t.csv", 1234)
    whole = read_import(src)
    seen: list[int] = []
    got_docs: list[Document] = []
    got_events: list[Event] = []
    rejected: list[str] = []
    b = si.RowBatcher(src.resolve(), "csv", None, batch_rows=200)

    def sink(rows: si.RawRows) -> None:
        seen.append(len(rows))
        prepared, refused, _notes = si.build_rows(src.resolve(), "csv", "row", load_kb(), rows)
        got_docs.extend(prepared.documents)
        got_events.extend(Event.from_json(json.loads(d)) for d in prepared.data)
        rejected.extend(map(str, refused))

    b.sink = sink
    stream = text_stream.open_text(src, whole_below=0)
    import_table(src, b, stream.lines(), None, None, stream.decoded())
    b.flush()
    assert seen == [200] * 6 + [35]  # 1,234 rows and a refused one
    assert [d.id for d in got_docs] == [d.id for d in whole.documents]
    assert [e.to_json() for e in got_events] == [e.to_json() for e in whole.events]
    assert rejected == [str(r) for r in whole.rejected]


def _state(path: Path) -> dict[str, Any]:
    """What the viewer and the search read, independent of row order."""
    ws = Workspace(path)
    try:
        cols = ws.event_columns()
        ids = [r[0] for r in ws.db.execute("SELECT id FROM events ORDER BY rowid")]
        lanes: dict[str, list[str]] = {}
        for pe, pl in zip(cols.p_event, cols.p_lane, strict=True):
            lanes.setdefault(ids[pe], []).append(cols.companies[pl])
        def t(x: float) -> float | None:  # NaN (undated) never equals itself
            return None if np.isnan(x) else float(x)

        per_event = {ids[i]: (t(cols.t0[i]), t(cols.t1[i]), int(cols.type_code[i]), int(cols.precision_code[i]),
                              tuple(sorted(lanes.get(ids[i], [])))) for i in range(cols.n)}  # stored by lane
        return {
            "events": sorted(ws.db.execute("SELECT id, type, summary, start, end, precision, status, companies, "
                                           "people, places, amounts, confidence FROM events")),
            "sources": sorted(ws.db.execute("SELECT * FROM event_sources")),
            "companies": sorted(ws.db.execute("SELECT * FROM event_companies")),
            "fts": sorted(ws.db.execute("SELECT event_id, body FROM event_fts")),
            "entities": sorted(ws.db.execute("SELECT id, name, kind, parent FROM entities")),
            "columns": per_event,
            "parents": dict(zip(cols.companies, cols.parents, strict=True)),
            "search": sorted(ws.search_events("event 77")),
            "pending": ws.meta("merge_pending"),
            "imports": [r[1:] for r in ws.db.execute("SELECT id, origin, fmt, entities, doc_ids, events, rejected "
                                                     "FROM imports")],
        }
    finally:
        ws.close()


def _old_way(src: Path, ws_path: Path) -> None:
    ws = open_workspace(ws_path)
    try:
        store_import(ws, read_import(src))
        remerge(ws)
    finally:
        ws.close()


def test_streamed_import_stores_what_the_whole_file_import_and_merge_stored(tmp_path: Path) -> None:
    src = _table(tmp_path / "t.csv", 450)
    other = _table(tmp_path / "u.csv", 120, start=1000)
    old, new = tmp_path / "old.timeline", tmp_path / "new.timeline"
    for f in (other, src):
        _old_way(f, old)
        ws = open_workspace(new)
        try:
            res = si.stream_import(ws, f)
        finally:
            ws.close()
        assert not res.merge_needed  # appended to the merged tables: no merge loads every event again
    a, b = _state(old), _state(new)
    assert a["events"] and a["search"]
    for key in a:
        if key == "search":  # rows are numbered in another order
            assert len(a[key]) == len(b[key])
            continue
        assert a[key] == b[key], key
    assert res.events == 450 and [r.row for r in res.rejected] == [452]


def test_importing_the_same_file_again_or_with_edits_still_merges(tmp_path: Path) -> None:
    src = _table(tmp_path / "t.csv", 300)
    ws = open_workspace(tmp_path / "w.timeline")
    try:
        assert not si.stream_import(ws, src).merge_needed
        again = si.stream_import(ws, src)
        assert again.merge_needed and again.replaced == 300
        remerge(ws)
        assert ws.db.execute("SELECT count(*) FROM events").fetchone()[0] == 300
        assert ws.event_columns().n == 300
    finally:
        ws.close()


def test_the_cli_import_never_reads_a_large_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = _table(tmp_path / "t.csv", 700)
    monkeypatch.setattr(text_stream, "WHOLE_BELOW", 0)
    monkeypatch.setattr(si, "PREVIEW_BYTES", 4096)  # the format is told from the head

    def whole(self: Path) -> bytes:
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", whole)
    monkeypatch.setattr(si, "read_import", lambda *a, **k: pytest.fail("read whole"))
    assert cli(["import", str(src), "--workspace", str(tmp_path / "w.timeline")]) == 0
    assert "700 event(s) imported" in capsys.readouterr().err
    db = sqlite3.connect(tmp_path / "w.timeline")
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 700
    assert db.execute("SELECT count(*) FROM imported_events").fetchone()[0] == 700
    db.close()


def test_a_jsonl_import_streams_too(tmp_path: Path) -> None:
    f = tmp_path / "e.jsonl"
    f.write_text("".join(json.dumps({"id": f"e{i}", "type": "contract", "start": f"2024-01-{1 + i % 28:02d}",
                                     "precision": "day", "summary": f"deal {i}", "companies": ["Acme"]}) + "\n"
                         for i in range(50)) + "not json\n")
    ws = open_workspace(tmp_path / "w.timeline")
    try:
        res = si.stream_import(ws, f)
        assert res.fmt == "jsonl" and res.events == 50 and [r.unit for r in res.rejected] == ["line"]
        cols = ws.event_columns()
        assert cols.n == 50 and np.all(cols.t0 == cols.t0)
    finally:
        ws.close()


def test_workers_store_what_one_process_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _table(tmp_path / "t.csv", 900)
    monkeypatch.setattr(si, "BATCH_ROWS", 100)
    for name, workers in (("one", 1), ("two", 2)):
        ws = open_workspace(tmp_path / f"{name}.timeline")
        try:
            res = si.stream_import(ws, src, workers=workers)
        finally:
            ws.close()
        assert res.events == 900 and not res.merge_needed
    assert _state(tmp_path / "one.timeline") == _state(tmp_path / "two.timeline")


def test_a_merge_with_imports_and_no_edits_streams_and_stores_what_the_full_rebuild_stores(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds_dir: Path) -> None:
    from timeline_app.core import ingest as ingest_module
    from timeline_app.core.store import import_merge

    src, other = _table(tmp_path / "t.csv", 450), _table(tmp_path / "u.csv", 130, start=1000)
    states = []
    for name, streamed in (("full", False), ("streamed", True)):
        monkeypatch.setattr(ingest_module, "STREAM_IMPORTS", streamed)
        monkeypatch.setattr(import_merge, "BATCH", 64)
        monkeypatch.setattr(import_merge, "DOCUMENTS_KEPT", 1)
        ws = open_workspace(tmp_path / f"{name}.timeline")
        try:
            ingest_module.ingest(ws, [seeds_dir], workers=1)  # extracted articles, merged
            for f in (src, other, src):  # the same file again: replaced, so everything is merged again
                res = si.stream_import(ws, f)
            assert res.merge_needed
            if streamed:
                monkeypatch.setattr(import_merge, "imported_results",
                                    lambda *a: pytest.fail("every imported event loaded"), raising=False)
                monkeypatch.setattr(ingest_module, "imported_results",
                                    lambda *a: pytest.fail("every imported event loaded"))
            remerge(ws)
        finally:
            ws.close()
        states.append(_state(tmp_path / f"{name}.timeline"))
    full, streamed_state = states
    assert len(full["events"]) > 580
    for key in full:
        if key == "search":
            assert len(full[key]) == len(streamed_state[key])
            continue
        assert full[key] == streamed_state[key], key


def test_the_stored_json_of_an_imported_event_is_json_dumps_of_it() -> None:
    import random

    from timeline_app.core.model import Amount, Source
    from timeline_app.core.store.import_stream import event_json

    r = random.Random(1)
    texts = ["", "plain", 'q"uote', "back\\slash", "ünï ☃", "\x00ctl\n\t", "😀", "a, b"]
    for i in range(3000):
        ev = Event(id=f"{r.choice(texts)}{i}", type=r.choice(["contract", "other", 'x"y']), summary=r.choice(texts),
                   start=r.choice([None, dt.date(2015, 7, 24)]), end=r.choice([None, dt.date(2016, 1, 1)]),
                   precision=r.choice(["day", "second"]), status="happened",
                   companies=r.sample(texts, r.randrange(3)), people=r.sample(texts, r.randrange(2)),
                   places=r.sample(texts, r.randrange(2)), amounts=[Amount(1.0, "USD", "$1")] if i % 50 == 0 else [],
                   sources=[Source(r.choice(texts), r.randrange(99), r.randrange(99), 1, 2)
                            for _ in range(r.randrange(3))],
                   confidence=r.choice([1.0, 0.123456, 0.5, float("nan"), 1, -0.0, 1e-7]),
                   edited=r.sample(texts, r.randrange(2)), notes=r.choice(texts), tags=r.sample(texts, r.randrange(2)),
                   starred=r.choice([True, False]), review=r.choice(["", "", "confirmed"]),
                   start_time=r.choice([None, dt.time(19, 1, 1, tzinfo=dt.timezone.utc)]))
        assert event_json(ev) == json.dumps(ev.to_json(), ensure_ascii=False)


def test_a_table_with_cells_to_restore_blank_rows_and_joined_columns_imports_as_before(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["date", "company", "company2", "summary", "people", "people2", "text"])
        w.writerow(["2015-07-24", "'=Acme", " ", "'-1 result", "Ann", "", "'plain"])
        w.writerow(["", " ", "", "", "", "", ""])  # blank: skipped
        w.writerow(["2015-07-25", "Acme", "Beta; Gamma", "two", "", "Bob", "t", "", " "])  # blank extra cells
        w.writerow(["2015-07-26", "Acme", "", "three", "", "", "", "extra"])  # refused
        w.writerow(["2015-07-27", "Acme"])  # short: the rest blank
    mapping = {"date": ["date"], "companies": ["company", "company2"], "summary": ["summary"],
               "people": ["people", "people2"], "text": ["text"]}
    b = si.RowBuilder(src, "csv", None)
    import_table(src, b, src.read_text(encoding="utf-8"), mapping)
    assert [(n, r.summary, r.companies, r.people, r.text) for r, n, _ in b.pending] == [
        (2, "-1 result", ["=Acme"], ["Ann"], "'plain"), (4, "two", ["Acme", "Beta", "Gamma"], ["Bob"], "t"),
        (6, "", ["Acme"], [], "")]
    assert [(r.row, r.reason) for r in b.rejected] == [(5, "8 cells for 7 columns")]


def test_a_large_import_builds_the_lookup_indexes_once_with_the_same_sql(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.core.store import import_stream

    src = _table(tmp_path / "t.csv", 300)
    schema = "SELECT name, sql FROM sqlite_master WHERE type='index' ORDER BY name"
    stored = "SELECT * FROM event_sources ORDER BY rowid"
    ws = open_workspace(tmp_path / "kept.timeline")
    try:
        si.stream_import(ws, src)
        kept_schema, kept_rows = ws.db.execute(schema).fetchall(), ws.db.execute(stored).fetchall()
    finally:
        ws.close()
    monkeypatch.setattr(import_stream, "BULK_BYTES", 1)
    dropped: list[str] = []
    finish = import_stream.ImportWriter.finish
    monkeypatch.setattr(import_stream.ImportWriter, "finish",
                        lambda self, rejected: dropped.extend(self._deferred) or finish(self, rejected))
    ws = open_workspace(tmp_path / "bulk.timeline")
    try:
        si.stream_import(ws, src)
        assert ws.db.execute(schema).fetchall() == kept_schema and ws.db.execute(stored).fetchall() == kept_rows
        assert len(dropped) == 2
        plan = ws.db.execute("EXPLAIN QUERY PLAN SELECT * FROM event_sources WHERE event_id='x'").fetchall()
        assert "event_sources_event" in str(plan)
    finally:
        ws.close()
    monkeypatch.setattr(import_stream.ImportWriter, "finish", lambda self, rejected: 1 / 0)  # a failed import
    ws = open_workspace(tmp_path / "failed.timeline")
    try:
        with pytest.raises(ZeroDivisionError):
            si.stream_import(ws, src)
        assert ws.db.execute(schema).fetchall() == kept_schema  # the drop was rolled back
    finally:
        ws.close()
    Workspace(tmp_path / "bulk.timeline").close()  # opens: nothing foreign in its schema


def test_rows_read_ahead_come_in_order_and_a_reader_error_reaches_the_caller() -> None:
    import threading

    from timeline_app.core.formats.read_ahead import ReadAhead

    def read(put: Any) -> str:
        for i in range(50):
            put(i)
        return "done"

    with ReadAhead(read, depth=2) as ahead:
        assert list(ahead) == list(range(50))
    assert ahead.result() == "done"

    def fail(put: Any) -> None:
        put(1)
        raise ValueError("bad file")

    with ReadAhead(fail) as ahead, pytest.raises(ValueError, match="bad file"):
        list(ahead)

    def endless(put: Any) -> None:
        while True:
            put(0)

    before = threading.active_count()
    with ReadAhead(endless) as ahead:  # the caller stops early (an error while storing): the reader stops too
        next(iter(ahead))
    assert threading.active_count() == before
