"""Item 8: a workspace with damaged rows still opens, with a message, and keeps what can be kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from timeline_app.core.ingest import open_workspace


def _damage(path: Path, sql: str) -> None:
    db = sqlite3.connect(path)
    db.execute(sql)
    db.commit()
    db.close()


@pytest.mark.parametrize("sql", [
    "UPDATE events SET companies='[\"Samsung' WHERE rowid=1",
    "UPDATE events SET start='2024-13-45' WHERE rowid=1",
    "UPDATE events SET precision='fortnight' WHERE rowid=1",
    "UPDATE events SET amounts=x'00ff' WHERE rowid=1",
    "UPDATE event_sources SET start='x' WHERE rowid=1",
    "UPDATE entities SET aliases='{' WHERE rowid=1",
])
def test_damaged_merged_row_is_rebuilt(workspace_file: Path, sql: str) -> None:
    ws = open_workspace(workspace_file)
    n = len(ws.events())
    ws.close()
    _damage(workspace_file, sql)
    ws = open_workspace(workspace_file)
    assert ws.warnings and "put aside" in ws.warnings[0]
    assert len(ws.events()) == n and ws.event_columns().n == n  # rebuilt from the articles
    ws.close()
    ws = open_workspace(workspace_file)  # repaired for good
    assert ws.warnings == []
    ws.close()


def test_damaged_document_is_quarantined_and_the_rest_opens(workspace_file: Path) -> None:
    ws = open_workspace(workspace_file)
    docs = ws.documents()
    assert len(docs) == 2
    ws.close()
    _damage(workspace_file, f"UPDATE documents SET result='{{not json' WHERE id='{docs[0].id}'")
    ws = open_workspace(workspace_file)
    assert any("damaged article" in w and "quarantine" in w for w in ws.warnings)
    assert [d.id for d in ws.documents()] == [docs[1].id]
    assert ws.event_columns().n == len(ws.events()) > 0
    kept = ws.db.execute("SELECT tbl, key, data FROM quarantine").fetchall()
    assert kept[0][0] == "documents" and kept[0][1] == docs[0].id and "{not json" in kept[0][2]
    ws.close()


def test_cli_reports_the_repair(workspace_file: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    _damage(workspace_file, "UPDATE events SET status='lost' WHERE rowid=1")
    art = tmp_path / "a.txt"
    art.write_text("Wire 2024-05-02\nKia met Toyota executives in Seoul on Monday.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "timeline_app", "extract", str(art), "--workspace",
                          str(workspace_file), "-q"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "put aside" in out.stderr


def test_damaged_search_index_is_rebuilt(workspace_file: Path) -> None:
    import pickle

    ws = open_workspace(workspace_file)
    found = ws.search_events("Samsung")
    ws.close()
    assert found
    db = sqlite3.connect(workspace_file)
    blob_columns = [(t, c) for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND "
                                                  "name LIKE 'event_fts_%'")
                    for c in [r[1] for r in db.execute(f"PRAGMA table_info('{t}')")]
                    if db.execute(f"SELECT count(*) FROM '{t}' WHERE typeof(\"{c}\")='blob'").fetchone()[0]]
    assert blob_columns
    for t, c in blob_columns:  # every blob of the index, as the no-code-exec check does
        db.execute(f"UPDATE '{t}' SET \"{c}\"=? WHERE typeof(\"{c}\")='blob'", (pickle.dumps([1]),))
    db.commit()
    db.close()
    ws = open_workspace(workspace_file)
    assert ws.search_events("Samsung") == found
    assert "search index was damaged" in ws.warnings[-1]
    ws.close()


def test_disk_full_while_saving_loses_nothing(workspace_file: Path, tmp_path: Path) -> None:
    """SQLite's own "database or disk is full" (here: the file may not grow) becomes words, and what was
    stored before stays readable."""
    from timeline_app.core.ingest import ingest
    from timeline_app.core.store.workspace import WorkspaceError

    ws = open_workspace(workspace_file)
    before = sorted(d.id for d in ws.documents())
    pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
    ws.db.execute(f"PRAGMA max_page_count={pages + 1}")
    arts = tmp_path / "arts"
    arts.mkdir()
    for i in range(3):
        (arts / f"a{i}.txt").write_text(f"Wire 2024-05-0{i + 1}\nKia Corp{i} met Toyota executives in Seoul on "
                                        "Monday. " + "They talked about batteries and plants. " * 200,
                                        encoding="utf-8")
    with pytest.raises(WorkspaceError, match="disk is full; this change was not saved"):
        ingest(ws, [arts])
    ws.close()
    ws = open_workspace(workspace_file)  # opens, with everything it held before
    assert sorted(d.id for d in ws.documents()) == before
    assert ws.event_columns().n == len(ws.events()) > 0
    ws.close()
