"""Opening a workspace file safely: refuse what is not ours without touching it, say why in words,
and set SQLite up for several processes at once (WAL journal, busy timeout)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from .errors import WorkspaceError

#: ``PRAGMA application_id`` of a Timeline workspace ("TmLn"): tells our files from other SQLite databases.
APPLICATION_ID = 0x546D4C6E
SQLITE_HEADER = b"SQLite format 3\x00"
#: Seconds a writer waits for another process's transaction (concurrent ingests, the GUI beside the CLI).
BUSY_TIMEOUT = 60.0
_OWN_TABLES = {"meta", "documents"}


def check_file(p: Path) -> bool:
    """Refuse, without touching it, anything that is not an SQLite file. Returns True when the workspace
    can only be read (the file or its folder is not writable)."""
    if p.is_dir():
        raise WorkspaceError(f"{p}: is a folder, not a workspace file")
    if p.exists():
        try:
            with open(p, "rb") as f:
                head = f.read(len(SQLITE_HEADER))
        except OSError as e:
            raise WorkspaceError(f"{p}: cannot read the workspace: {e.strerror or e}") from None
        if head and head != SQLITE_HEADER:
            raise WorkspaceError(f"{p}: not a Timeline workspace (not an SQLite file); left untouched")
        return not (os.access(p, os.W_OK) and os.access(p.parent, os.W_OK))
    parent = p.parent
    if not parent.is_dir():
        raise WorkspaceError(f"{p}: cannot create the workspace: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise WorkspaceError(f"{p}: cannot create the workspace: folder {parent} is read-only; "
                             "choose a folder you can write to")
    return False


def connect(p: Path, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with a busy timeout."""
    if read_only:  # no -wal/-shm files can be made beside it: open the file as it is, for reading
        uri = p.resolve().as_uri() + "?mode=ro&immutable=1"
        db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        db = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def set_wal(db: sqlite3.Connection) -> None:
    """Write-ahead logging, so readers (the viewer) never block writers (an ingest) and vice versa."""
    for attempt in range(50):  # switching the journal needs a moment alone with the file
        try:
            if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as e:
            if ("locked" not in str(e) and "busy" not in str(e)) or attempt == 49:
                raise
            time.sleep(0.05 + 0.01 * attempt)
    db.execute("PRAGMA synchronous=NORMAL")


def refuse_foreign(db: sqlite3.Connection, p: Path) -> None:
    """Another program's SQLite database is refused before anything is written to it."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables or (app_id == 0 and tables >= _OWN_TABLES):
        return  # a new (empty) file, or a workspace made before application ids
    raise WorkspaceError(f"{p}: an SQLite database of another program, not a Timeline workspace "
                         f"(tables: {', '.join(sorted(tables)[:6])}); left untouched")


def describe_error(p: Path | str, e: BaseException) -> str:
    """An SQLite or OS error while opening or saving, in words."""
    msg = str(e)
    if (isinstance(e, OSError) and e.errno == 28) or "full" in msg:
        return f"{p}: the disk is full; nothing was lost — free some space and try again"
    if "readonly" in msg or "read-only" in msg:
        return f"{p}: the workspace or its folder is read-only; copy it to a folder you can write to"
    if "unable to open" in msg:
        return f"{p}: cannot open the file ({msg}); check that the folder exists and is writable"
    if "locked" in msg or "busy" in msg:
        return f"{p}: another program keeps the workspace busy; try again when it has finished"
    if "malformed" in msg or "not a database" in msg:
        return f"{p}: the workspace file is damaged ({msg})"
    return f"{p}: not a Timeline workspace, or damaged ({msg})"
