from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from timeline_app.core.ingest import correct_event, ingest, set_document_date
from timeline_app.core.store.schema import MIGRATIONS, SCHEMA_VERSION
from timeline_app.core.store.workspace import Workspace, WorkspaceError

ARTICLE = ("Global Wire 2024-05-02\nSamsung Electronics said on Tuesday it signed a supply contract with "
           "Tesla to deliver chips worth $2 billion. The deal was signed in Seoul.\n")
RELATIVE = "Samsung Electronics met Tesla executives last month in Austin to discuss a partnership.\n"


def test_ingest_incremental_and_schema(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ws = Workspace(tmp_path / "w.timeline")
    assert ws.version == SCHEMA_VERSION
    rep = ingest(ws, [tmp_path / "a.txt"])
    assert len(rep.added) == 1 and not rep.problems
    events = ws.events()
    assert any(e.type == "contract" and e.start == dt.date(2024, 4, 30) for e in events)
    rep2 = ingest(ws, [tmp_path / "a.txt"])
    assert rep2.unchanged and not rep2.added
    (tmp_path / "a.txt").write_text(ARTICLE.replace("$2 billion", "$3 billion"), encoding="utf-8")
    rep3 = ingest(ws, [tmp_path / "a.txt"])
    assert rep3.updated and len(ws.documents()) == 1
    assert any(a.value == 3e9 for e in ws.events() for a in e.amounts)
    ws.close()


def test_corrections_survive_reextraction(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ws = Workspace(tmp_path / "w.timeline")
    ingest(ws, [tmp_path])
    ev = next(e for e in ws.events() if e.type == "contract")
    correct_event(ws, ev.id, "summary", "Chip supply deal (checked)")
    correct_event(ws, ev.id, "start", "2024-04-29")
    ws.db.execute("UPDATE documents SET extractor='old'")  # force re-extraction
    ingest(ws, [tmp_path])
    again = next(e for e in ws.events() if e.type == "contract")
    assert again.summary == "Chip supply deal (checked)" and again.start == dt.date(2024, 4, 29)
    ws.close()


def test_setting_document_date_reresolves(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(RELATIVE, encoding="utf-8")
    ws = Workspace(tmp_path / "w.timeline")
    ingest(ws, [tmp_path])
    doc = ws.documents()[0]
    assert doc.date is None
    assert all(e.start is None for e in ws.events())
    set_document_date(ws, doc.id, dt.date(2025, 3, 15))
    assert ws.documents()[0].date == dt.date(2025, 3, 15)
    assert any(e.start == dt.date(2025, 2, 1) and e.precision == "month" for e in ws.events())
    ingest(ws, [tmp_path])  # re-ingesting keeps the user's date
    assert ws.documents()[0].date == dt.date(2025, 3, 15)
    ws.close()


def test_migration_from_v1(tmp_path: Path) -> None:
    path = tmp_path / "old.timeline"
    db = sqlite3.connect(path)
    for stmt in MIGRATIONS[1]:
        db.execute(stmt)
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    ws = Workspace(path)
    assert ws.version == SCHEMA_VERSION
    assert ws.db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
    ws.close()


def test_not_a_workspace(tmp_path: Path) -> None:
    p = tmp_path / "junk.timeline"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError, match="not a Timeline workspace"):
        Workspace(p)


def test_interrupted_ingest_is_consistent(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(ARTICLE.replace("Tesla", ["Apple", "Sony", "Nokia"][i]), encoding="utf-8")
    ws = Workspace(tmp_path / "w.timeline")
    extracted: list[str] = []

    def cancel() -> bool:  # asked between articles and inside each one: cancel once two are extracted
        return len(extracted) >= 2

    rep = ingest(ws, [tmp_path], cancelled=cancel, progress=lambda i, n, label: extracted.append(label))
    assert rep.cancelled and len(ws.documents()) == 2
    ids = {r[0] for r in ws.db.execute("SELECT doc_id FROM event_sources")}
    assert ids <= {d.id for d in ws.documents()}
    ws.close()


def test_columns_cache_lazy_rows_search_and_import(tmp_path: Path) -> None:

    from timeline_app.core.corpus import extract_paths
    from timeline_app.core.formats.export import write_output

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(RELATIVE, encoding="utf-8")
    ws = Workspace(tmp_path / "w.timeline")
    ingest(ws, [tmp_path])
    cols = ws.event_columns()
    events = ws.events()
    assert cols.n == len(events)
    rows = ws.events_at(range(cols.n))
    assert [rows[i].id for i in range(cols.n)] == [e.id for e in events]
    assert all(rows[i].sources for i in rows)
    hits = ws.search_events("chips")  # only in the evidence sentence
    assert hits and all("Tesla" in rows[r].companies for r in hits)
    # an extraction .json imports into a fresh workspace with the same events
    corpus = extract_paths([tmp_path])
    out = tmp_path / "x.json"
    write_output(out, corpus.documents, corpus.entities, corpus.events)
    from timeline_app.core.formats.importing import read_import, store_import
    from timeline_app.core.ingest import remerge

    ws2 = Workspace(tmp_path / "imported.timeline")
    store_import(ws2, read_import(out))
    remerge(ws2)
    assert sorted(e.id for e in ws2.events()) == sorted(e.id for e in corpus.events)
    assert ws2.event_columns().n == len(corpus.events)
    assert ws2.documents()[0].text
