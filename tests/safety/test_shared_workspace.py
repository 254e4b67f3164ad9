"""Reliability round 2, items 1–2: the viewer and the command line share one workspace without corrupting it
and without losing each other's edits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.core import curate
from timeline_app.core.ingest import open_workspace

ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True,
                          timeout=timeout, env=ENV)


def _first_event(w: Path) -> str:
    ws = open_workspace(w)
    try:
        return str(ws.events()[0].id)
    finally:
        ws.close()


def _tags(w: Path, event_id: str) -> set[str]:
    ws = open_workspace(w)
    try:
        ev, _ = curate.find_event(ws, event_id)
        return set(ev.tags)
    finally:
        ws.close()


@pytest.mark.parametrize("rounds", [pytest.param(50, marks=pytest.mark.slow), 4])
def test_viewer_and_cli_on_one_workspace_stay_intact(workspace_file: Path, tmp_path: Path, rounds: int) -> None:
    """The sequence that corrupted it: the viewer holds the workspace and opens it a second time (Export report,
    reopen), a CLI command writes and exits, the viewer writes (star), the CLI writes again. The CLI must still see
    the viewer (its -wal stays), and ``PRAGMA integrity_check`` must say ok after every round. Every 10th round
    the CLI writer is a real ``extract`` of a new article."""
    event_id = _first_event(workspace_file)
    gui = open_workspace(workspace_file)  # the viewer's connection, held for the whole test
    try:
        gui.events()
        for r in range(rounds):
            second = open_workspace(workspace_file)  # what Export report / Open recent do in the viewer's process
            second.close()
            if r % 10 == 3:
                art = tmp_path / f"new{r}.txt"
                art.write_text(f"Wire 2024-07-{r % 28 + 1:02d}\nNovacorp{r} Systems signed a supply contract with "
                               f"Acme Corp on Monday.\n", encoding="utf-8")
                out = _cli("extract", str(art), "--workspace", str(workspace_file), "-q")
            else:
                out = _cli("edit", str(workspace_file), event_id, "--tag", f"cli{r}")
            assert out.returncode == 0, out.stderr
            wal = workspace_file.with_name(workspace_file.name + "-wal")
            assert wal.exists(), f"round {r}: the CLI did not see the viewer and removed the -wal under it"
            curate.edit_event(gui, event_id, {"starred": r % 2 == 0})
            assert gui.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"round {r}"
            out = _cli("edit", str(workspace_file), event_id, "--note", f"round {r}")
            assert out.returncode == 0, out.stderr
            assert gui.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"round {r}"
        docs = gui.db.execute("SELECT count(*) FROM documents WHERE length(text) > 0").fetchone()[0]
        assert docs == 2 + sum(1 for r in range(rounds) if r % 10 == 3)
    finally:
        gui.close()
    assert {f"cli{r}" for r in range(rounds) if r % 10 != 3} <= _tags(workspace_file, event_id)


def test_twenty_concurrent_tag_edits_lose_nothing(workspace_file: Path) -> None:
    """20 `timeline-app edit --tag` at once on one event: every tag is kept (no update computed from a stale
    read and written whole)."""
    event_id = _first_event(workspace_file)
    procs = [subprocess.Popen([sys.executable, "-m", "timeline_app", "edit", str(workspace_file), event_id,
                               "--tag", f"t{i}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
             for i in range(20)]
    codes = [p.wait(timeout=300) for p in procs]
    assert codes == [0] * 20, [p.stderr.read() for p in procs if p.stderr][:2]
    assert {f"t{i}" for i in range(20)} <= _tags(workspace_file, event_id)


def test_edits_during_an_extract_lose_nothing(workspace_file: Path, tmp_path: Path) -> None:
    """Edits made while another process extracts into the same workspace are all kept."""
    event_id = _first_event(workspace_file)
    folder = tmp_path / "more"
    folder.mkdir()
    for i in range(6):
        (folder / f"m{i}.txt").write_text(f"Wire 2024-08-{i + 1:02d}\nOrbex{i} Ltd agreed a partnership with "
                                          f"Kelvin Motors on Tuesday.\n", encoding="utf-8")
    extract = subprocess.Popen([sys.executable, "-m", "timeline_app", "extract", str(folder), "--workspace",
                                str(workspace_file), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    edits = [subprocess.Popen([sys.executable, "-m", "timeline_app", "edit", str(workspace_file), event_id,
                               "--tag", f"e{i}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
             for i in range(8)]
    assert [p.wait(timeout=300) for p in edits] == [0] * 8
    assert extract.wait(timeout=300) == 0
    assert {f"e{i}" for i in range(8)} <= _tags(workspace_file, event_id)
    ws = open_workspace(workspace_file)
    assert ws.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
    ws.close()


def test_reopening_in_one_process_keeps_the_first_connection_usable(workspace_file: Path) -> None:
    """Opening and closing the same workspace again in one process (thread workers, reports) leaves the first
    connection's view and writes intact."""
    a = open_workspace(workspace_file)
    n = len(a.events())
    for _ in range(5):
        b = open_workspace(workspace_file)
        assert len(b.events()) == n
        b.close()
    curate.edit_event(a, a.events()[0].id, {"add_tags": ["kept"]})
    assert a.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    a.close()
    exported = _cli("export", str(workspace_file), "--output", str(workspace_file.with_suffix(".json")))
    assert exported.returncode == 0, exported.stderr
    events = json.loads(workspace_file.with_suffix(".json").read_text(encoding="utf-8"))["events"]
    assert any("kept" in e.get("tags", []) for e in events)


def test_export_never_waits_for_a_writer_or_a_pending_merge(workspace_file: Path, tmp_path: Path) -> None:
    """While another process holds the write lock (a long merge) and a merge is pending, `export` reads the events
    as last merged at once and says a merge is pending (it used to wait for the lock, then write 0 events)."""
    import sqlite3

    db = sqlite3.connect(workspace_file, isolation_level=None)
    db.execute("UPDATE meta SET value='1' WHERE key='merge_pending'")
    db.execute("BEGIN IMMEDIATE")  # the writer: holds the lock for the whole export
    try:
        out = _cli("export", str(workspace_file), "--output", str(tmp_path / "x.json"), timeout=30)
    finally:
        db.execute("ROLLBACK")
        db.close()
    assert out.returncode == 0, out.stderr
    assert "not merged yet" in out.stderr
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["events"]
