"""Reliability round 2, items 3–6: a workspace is untrusted input. One carrying its own code is refused and left
alone; a damaged, foreign, newer or non-regular one is refused in words (never a traceback, never a hang, never
modified); rows set aside as damaged are always reported; nothing read from the file is spliced into SQL."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.core.ingest import open_workspace
from timeline_app.core.store.workspace import WorkspaceError

ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _cli(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True,
                          timeout=timeout, env=env or ENV)


def _sql(path: Path, *stmts: str) -> None:
    db = sqlite3.connect(path)
    for s in stmts:
        db.execute(s)
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _state(path: Path) -> tuple[str, list[str]]:
    """The file's hash and what lies beside it: both must be unchanged by a refusal."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())


@pytest.mark.parametrize("plant", [
    "CREATE TRIGGER planted AFTER INSERT ON edits BEGIN DELETE FROM edits; END",
    "CREATE TRIGGER ext AFTER INSERT ON edits BEGIN SELECT load_extension('/tmp/evil.so'); END",
    "CREATE INDEX slow ON events(length(summary) * 2)",
    "CREATE TABLE extra(x)",
])
def test_workspace_carrying_code_is_refused_untouched(workspace_file: Path, plant: str) -> None:
    _sql(workspace_file, plant)
    before = _state(workspace_file)
    with pytest.raises(WorkspaceError, match=r"did not create.*left untouched"):
        open_workspace(workspace_file)
    assert _state(workspace_file) == before


def test_planted_trigger_never_eats_an_edit(workspace_file: Path) -> None:
    """`edit` on a workspace with a trigger that deletes every edit says why it refuses (exit 2), never
    'success' with the edit lost."""
    ws = open_workspace(workspace_file)
    event_id = ws.events()[0].id
    ws.close()
    _sql(workspace_file, "CREATE TRIGGER planted AFTER INSERT ON edits BEGIN DELETE FROM edits; END")
    out = _cli("edit", str(workspace_file), event_id, "--tag", "kept")
    assert out.returncode == 2 and "trigger 'planted'" in out.stderr and "Traceback" not in out.stderr


def test_view_with_an_endless_query_in_place_of_a_table_is_refused_at_once(workspace_file: Path,
                                                                          tmp_path: Path) -> None:
    """A view whose recursive query never ends, standing where the events table was: every command refuses the
    file at once instead of hanging on it."""
    _sql(workspace_file, "DROP TABLE event_companies",
         "CREATE VIEW event_companies AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
         "SELECT 'x' AS event_id, 'y' AS company FROM n")
    for args in (["export", str(workspace_file), "--output", str(tmp_path / "x.json")],
                 ["report", str(workspace_file), "--output", str(tmp_path / "x.html")]):
        out = _cli(*args, timeout=60)
        assert out.returncode == 2 and "view 'event_companies'" in out.stderr, out.stderr


def _zero_pages(path: Path, first: int, last: int) -> None:
    db = sqlite3.connect(path)
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    for p in range(first, last):
        data[p * size:(p + 1) * size] = bytes(size)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("pages", [(1, 5), (4, 40), (20, 1000)])
def test_zeroed_pages_are_refused_in_words(workspace_file: Path, tmp_path: Path, pages: tuple[int, int]) -> None:
    _zero_pages(workspace_file, *pages)
    for args in (["export", str(workspace_file), "--output", str(tmp_path / "x.json")],
                 ["edit", str(workspace_file), "abc", "--star"],
                 ["report", str(workspace_file), "--output", str(tmp_path / "x.html")]):
        out = _cli(*args)
        assert "Traceback" not in out.stderr, out.stderr
        if out.returncode != 0:
            assert "damaged" in out.stderr or "no event" in out.stderr, out.stderr


def test_damaged_last_workspace_starts_an_empty_window(workspace_file: Path, tmp_path: Path) -> None:
    """`timeline-app` with no arguments whose last workspace is damaged starts (with a message), every time."""
    _zero_pages(workspace_file, 1, 5)
    config = tmp_path / "config"
    (config / "Timeline").mkdir(parents=True)
    (config / "Timeline" / "timeline-app.conf").write_text(f"[General]\nlast_workspace={workspace_file}\n",
                                                           encoding="utf-8")
    env = dict(ENV, XDG_CONFIG_HOME=str(config), XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    for run in range(2):
        shot = tmp_path / f"shot{run}.png"
        out = _cli("--screenshot", str(shot), env=env, timeout=180)
        assert out.returncode == 0 and shot.stat().st_size > 1000, out.stderr[-2000:]
        assert "Traceback" not in out.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "w.timeline"
    os.mkfifo(fifo)
    with pytest.raises(WorkspaceError, match="named pipe"):
        open_workspace(fifo)
    art = tmp_path / "a.txt"
    art.write_text("Wire 2024-05-02\nKia met Toyota executives in Seoul on Monday.\n", encoding="utf-8")
    out = _cli("extract", str(art), "--workspace", str(fifo), "-q", timeout=60)
    assert out.returncode == 2 and "named pipe" in out.stderr


def test_newer_workspace_is_refused_and_not_modified(workspace_file: Path) -> None:
    """A workspace of a newer Timeline in the rollback-journal mode: not switched to WAL, no -wal/-shm made,
    not one byte changed."""
    _sql(workspace_file, "PRAGMA journal_mode=DELETE", "PRAGMA user_version=99")
    before = _state(workspace_file)
    with pytest.raises(WorkspaceError, match="newer Timeline"):
        open_workspace(workspace_file)
    assert _state(workspace_file) == before


def test_app_tables_with_a_higher_version_and_no_app_id_are_refused_in_words(tmp_path: Path) -> None:
    f = tmp_path / "w.timeline"
    _sql(f, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)", "CREATE TABLE documents(id TEXT)",
         "PRAGMA user_version=42")
    before = _state(f)
    out = _cli("export", str(f), "--output", str(tmp_path / "x.json"))
    assert out.returncode == 2 and "newer Timeline" in out.stderr and "Traceback" not in out.stderr
    assert _state(f) == before


def test_foreign_database_with_a_stale_journal_is_not_rolled_back(tmp_path: Path) -> None:
    """Another program's database with a hot rollback journal beside it (that program was killed mid-write):
    refused before SQLite sees the journal, so the journal is not applied to it."""
    f = tmp_path / "notes.timeline"
    _sql(f, "PRAGMA journal_mode=DELETE", "CREATE TABLE notes(t TEXT)")
    crash = ("import os, sqlite3, sys\n"
             "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
             "db.execute('PRAGMA cache_size=5')\n"
             "db.execute('BEGIN IMMEDIATE')\n"
             "db.executemany('INSERT INTO notes VALUES(?)', [('x' * 500,)] * 400)\n"
             "os._exit(9)\n")
    subprocess.run([sys.executable, "-c", crash, str(f)], check=False, timeout=60)
    journal = f.with_name(f.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0  # a hot journal, as a crash leaves it
    before = _state(f)
    with pytest.raises(WorkspaceError, match="another program"):
        open_workspace(f)
    assert _state(f) == before and journal.read_bytes()


def test_set_aside_articles_are_always_reported(workspace_file: Path, tmp_path: Path) -> None:
    """A workspace whose article was put aside as damaged: export and report say so and exit non-zero (3),
    also on a later run when the damage was found earlier."""
    _sql(workspace_file, "UPDATE documents SET result='{not json' WHERE rowid=1")
    for run in range(2):
        out = _cli("export", str(workspace_file), "--output", str(tmp_path / f"x{run}.json"))
        assert out.returncode == 3, out.stderr
        assert "NOT in this output" in out.stderr
    out = _cli("report", str(workspace_file), "--output", str(tmp_path / "x.html"))
    assert out.returncode == 3 and "set aside" in out.stderr


def test_column_names_from_the_file_are_not_spliced_into_sql(workspace_file: Path) -> None:
    """The damaged-row check copies a bad row aside whatever its column names are: a column named with quotes
    (as a crafted file can have) is data, not SQL."""
    _sql(workspace_file, "ALTER TABLE events ADD COLUMN \"it's\"\" CAST(x AS TEXT)) --\" TEXT",
         "UPDATE events SET precision='fortnight' WHERE rowid=1")
    ws = open_workspace(workspace_file)
    kept = ws.db.execute("SELECT tbl, data FROM quarantine").fetchall()
    ws.close()
    assert kept and kept[0][0] == "events" and "fortnight" in kept[0][1]


@pytest.mark.parametrize("harm", ["trigger", "view", "zeroed"])
def test_recover_rescues_articles_and_edits_into_a_new_workspace(workspace_file: Path, tmp_path: Path,
                                                                  harm: str) -> None:
    """`timeline-app recover OLD NEW` on a refused workspace: the articles and the user's edits are in the new
    one, its events rebuilt; the old file is not changed; planted code is named and not copied."""
    ws = open_workspace(workspace_file)
    event_id = ws.events()[0].id
    docs = sorted(d for (d,) in ws.db.execute("SELECT id FROM documents"))
    ws.close()
    assert _cli("edit", str(workspace_file), event_id, "--tag", "mine").returncode == 0
    _sql(workspace_file, "PRAGMA wal_checkpoint(TRUNCATE)")
    if harm == "trigger":
        _sql(workspace_file, "CREATE TRIGGER planted AFTER INSERT ON edits BEGIN DELETE FROM edits; END")
    elif harm == "view":
        _sql(workspace_file, "DROP TABLE event_companies",
             "CREATE VIEW event_companies AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
             "SELECT 'x' AS event_id, 'y' AS company FROM n")
    else:
        db = sqlite3.connect(workspace_file)
        events_root = db.execute("SELECT rootpage FROM sqlite_master WHERE name='events'").fetchone()[0]
        db.close()
        _zero_pages(workspace_file, events_root - 1, events_root)  # the merged events' page: derived data
    before = _state(workspace_file)
    assert _cli("export", str(workspace_file), "--output", str(tmp_path / "x.json")).returncode == 2
    new = tmp_path / "rescued.timeline"
    out = _cli("recover", str(workspace_file), str(new))
    assert out.returncode == 0, out.stderr
    assert hashlib.sha256(workspace_file.read_bytes()).hexdigest() == before[0]
    ws = open_workspace(new)
    try:
        assert sorted(d for (d,) in ws.db.execute("SELECT id FROM documents")) == docs
        assert ws.events() and any("mine" in e.tags for e in ws.events())
        assert not ws.db.execute("SELECT 1 FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchall()
    finally:
        ws.close()
    if harm != "zeroed":
        assert f"{harm} '" in out.stderr  # named as not copied


def test_randomly_corrupted_workspaces_never_give_a_traceback(workspace_file: Path, tmp_path: Path) -> None:
    """20 copies with random bytes, random pages or runs overwritten (seeded): `export` writes the file or says
    in one line why not — never a traceback (bad UTF-8 text included)."""
    import random

    rng = random.Random(2026)
    data = workspace_file.read_bytes()
    for i in range(20):
        b = bytearray(data)
        mode = ("bytes", "page", "run")[i % 3]
        if mode == "bytes":
            for _ in range(rng.randint(1, 200)):
                b[rng.randrange(100, len(b))] = rng.randrange(256)
        elif mode == "page":
            p = rng.randrange(1, len(b) // 4096)
            b[p * 4096:(p + 1) * 4096] = bytes(rng.randrange(256) for _ in range(4096))
        else:
            s, n = rng.randrange(100, len(b)), rng.randint(10, 3000)
            b[s:s + n] = bytes(len(b[s:s + n]))
        w = tmp_path / f"c{i}.timeline"
        w.write_bytes(bytes(b))
        out = _cli("export", str(w), "--output", str(tmp_path / f"c{i}.json"))
        assert "Traceback" not in out.stderr, (i, mode, out.stderr[-800:])
        assert out.returncode in (0, 2, 3), (i, out.stderr)
