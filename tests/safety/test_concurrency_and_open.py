"""Items 5, 6 and 8: concurrent writers, document identity, and workspaces that must be refused or opened
with care (foreign SQLite files, non-SQLite files, read-only folders)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.core.ingest import ingest, open_workspace
from timeline_app.core.store.workspace import Workspace, WorkspaceError


@pytest.mark.parametrize("n_procs", [pytest.param(20, marks=pytest.mark.slow), 4])
def test_concurrent_extracts_on_one_new_workspace(tmp_path: Path, n_procs: int) -> None:
    """20 (4 in the default suite) `timeline-app extract --workspace W` at once on a workspace that does not
    exist yet: every run succeeds and the workspace holds every document once, all of them merged."""
    files = []
    for i in range(n_procs):
        f = tmp_path / f"a{i:02d}.txt"
        f.write_text(f"Wire {i}\nCompany{i} Holdings signed a supply deal with Acme Corp on March {i + 1}, 2024.\n",
                     encoding="utf-8")
        files.append(f)
    w = tmp_path / "w.timeline"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    procs = [subprocess.Popen([sys.executable, "-m", "timeline_app", "extract", str(f), "--workspace", str(w), "-q"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env) for f in files]
    outs = [(p.wait(timeout=600), p.stdout.read().decode() if p.stdout else "") for p in procs]
    failed = [o for rc, o in outs if rc != 0]
    assert not failed, failed[:3]
    ws = open_workspace(w)
    paths = [p for (p,) in ws.db.execute("SELECT path FROM documents")]
    assert sorted(paths) == sorted(str(f.resolve()) for f in files)  # every document, once
    assert ws.meta("merge_pending") == "0"
    merged = {s.document for e in ws.events() for s in e.sources}
    assert len(merged) == n_procs  # the merge saw every document: none lost to a stale concurrent merge
    ws.close()


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    f = tmp_path / "contacts.sqlite"
    db = sqlite3.connect(f)
    db.execute("CREATE TABLE people(name TEXT)")
    db.execute("INSERT INTO people VALUES('Ada')")
    db.commit()
    db.close()
    before = hashlib.sha256(f.read_bytes()).hexdigest()
    with pytest.raises(WorkspaceError, match=r"another program.*left untouched"):
        open_workspace(f)
    assert hashlib.sha256(f.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.sqlite"]  # no -wal/-shm made


def test_non_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    f = tmp_path / "notes.timeline"
    f.write_bytes(b"just some text, not a database\n" * 10)
    before = f.read_bytes()
    with pytest.raises(WorkspaceError, match="not an SQLite file"):
        Workspace(f)
    assert f.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_says_so(tmp_path: Path, workspace_file: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(WorkspaceError, match="read-only"):
            Workspace(ro / "new.timeline")
    finally:
        ro.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_workspace_opens_for_reading(tmp_path: Path, workspace_file: Path) -> None:
    ws = Workspace(workspace_file)  # make sure it is current and checkpointed
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = len(ws.events())
    ws.close()
    workspace_file.chmod(0o444)
    try:
        ws = open_workspace(workspace_file)
        assert ws.read_only and len(ws.events()) == n and ws.event_columns().n == n
        ws.close()
    finally:
        workspace_file.chmod(0o644)


def test_same_text_at_two_paths_is_one_document_with_two_locations(tmp_path: Path, monkeypatch) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "Wire\nSamsung Electronics signed a supply deal with Tesla on May 2, 2024.\n"
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ws = open_workspace(tmp_path / "w.timeline")
    ingest(ws, ["seeds/a.txt"])
    ingest(ws, [str((seeds / "a.txt").resolve())])  # the same file, spelled absolutely
    assert ws.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert ws.db.execute("SELECT count(*) FROM locations").fetchone()[0] == 1
    rep = ingest(ws, ["copy.txt"])  # the same text at another path
    (did,) = ws.db.execute("SELECT id FROM documents").fetchone()
    assert ws.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert sorted(ws.locations(did)) == sorted([str((seeds / "a.txt").resolve()), str((tmp_path / "copy.txt")
                                                                                       .resolve())])
    assert any("locations" in p.reason for p in rep.problems)
    # editing one copy makes it its own document; the other location keeps the old text
    (tmp_path / "copy.txt").write_text(text.replace("May 2", "May 3"), encoding="utf-8")
    ingest(ws, ["copy.txt"])
    assert ws.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    assert ws.locations(did) == [str((seeds / "a.txt").resolve())]
    ws.close()


def test_unwritable_place_is_opened_read_only_or_refused_in_words(tmp_path: Path, workspace_file: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The same paths as the permission tests above, for when the suite runs as root (which may write
    anywhere): the OS's answer is taken from ``os.access``."""
    from timeline_app.core.store import safe_open

    ws = Workspace(workspace_file)
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = len(ws.events())
    ws.close()
    monkeypatch.setattr(safe_open.os, "access", lambda p, mode: mode != os.W_OK)
    ws = open_workspace(workspace_file)
    assert ws.read_only and len(ws.events()) == n and ws.event_columns().n == n
    ws.close()
    with pytest.raises(WorkspaceError, match=r"folder .* is read-only"):
        Workspace(tmp_path / "new.timeline")
    assert not (tmp_path / "new.timeline").exists()
