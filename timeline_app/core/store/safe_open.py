"""Opening a workspace file safely: refuse what is not ours without touching it, say why in words,
and set SQLite up for several processes at once (WAL journal, busy timeout).

The file is never opened outside SQLite while this process holds an SQLite connection to it: closing any
descriptor of a file drops all of the process's POSIX locks on it, so another process would think itself alone
and could delete the -wal/-shm under the open connection (SQLite's documented "posix advisory locks" pitfall).
The header is read before the first connection only; :data:`_HELD` counts this process's connections per file."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

from .errors import WorkspaceError
from .schema import SCHEMA_VERSION

#: ``PRAGMA application_id`` of a Timeline workspace ("TmLn"): tells our files from other SQLite databases.
APPLICATION_ID = 0x546D4C6E
SQLITE_HEADER = b"SQLite format 3\x00"
#: Seconds a writer waits for another process's transaction (concurrent ingests, the GUI beside the CLI).
BUSY_TIMEOUT = 60.0
_OWN_TABLES = {"meta", "documents"}
_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}

#: This process's open connections per file (device, inode), guarded by :data:`LOCK`.
_HELD: dict[tuple[int, int], int] = {}
LOCK = threading.RLock()


def file_key(p: Path) -> tuple[int, int] | None:
    """The file's (device, inode), or None when it does not exist."""
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def hold(key: tuple[int, int] | None) -> None:
    """Count a connection of this process to the file."""
    if key is not None:
        with LOCK:
            _HELD[key] = _HELD.get(key, 0) + 1


def release(key: tuple[int, int] | None) -> None:
    """The connection counted by :func:`hold` was closed."""
    if key is not None:
        with LOCK:
            n = _HELD.get(key, 0) - 1
            if n > 0:
                _HELD[key] = n
            else:
                _HELD.pop(key, None)


def held(key: tuple[int, int] | None) -> bool:
    """Whether this process holds a connection to the file (then it must not be opened outside SQLite)."""
    with LOCK:
        return key is not None and _HELD.get(key, 0) > 0


def _header(p: Path) -> bytes:
    """The first 100 bytes (the SQLite header), read without blocking on anything that is not a regular file."""
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise WorkspaceError(f"{p}: not a regular file; left untouched")
        return os.read(fd, 100)
    finally:
        os.close(fd)


def _int(head: bytes, at: int) -> int:
    return int.from_bytes(head[at:at + 4], "big") if len(head) >= at + 4 else 0


def check_file(p: Path) -> bool:
    """Refuse, without touching it, anything that is not a Timeline workspace this version can open: folders,
    pipes and devices, non-SQLite files, other programs' databases, workspaces of a newer Timeline. Returns True
    when the workspace can only be read (the file or its folder is not writable). Call with :data:`LOCK` held
    so that no other thread of this process connects meanwhile."""
    try:
        st = os.stat(p)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise WorkspaceError(f"{p}: cannot read the workspace: {e.strerror or e}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise WorkspaceError(f"{p}: is a folder, not a workspace file")
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
        raise WorkspaceError(f"{p}: is {kind}, not a workspace file; left untouched")
    if st is None:
        parent = p.parent
        if not parent.is_dir():
            raise WorkspaceError(f"{p}: cannot create the workspace: folder {parent} does not exist")
        if not os.access(parent, os.W_OK):
            raise WorkspaceError(f"{p}: cannot create the workspace: folder {parent} is read-only; "
                                 "choose a folder you can write to")
        return False
    read_only = not (os.access(p, os.W_OK) and os.access(p.parent, os.W_OK))
    if held((st.st_dev, st.st_ino)):
        return read_only  # checked when this process first opened it; reading it now would drop SQLite's locks
    try:
        head = _header(p)
    except OSError as e:
        raise WorkspaceError(f"{p}: cannot read the workspace: {e.strerror or e}") from None
    if (head and not head.startswith(SQLITE_HEADER[:len(head)])) or 0 < len(head) < 100:
        raise WorkspaceError(f"{p}: not a Timeline workspace (not an SQLite file); left untouched")
    if not head:
        return read_only
    version, app_id = _int(head, 60), _int(head, 68)
    if app_id not in (0, APPLICATION_ID):
        raise WorkspaceError(f"{p}: an SQLite database of another program, not a Timeline workspace "
                             f"(application id {app_id:#x}); left untouched")
    if version > SCHEMA_VERSION:
        raise WorkspaceError(newer_message(p, version))
    if app_id == 0:
        _check_legacy(p)
    return read_only


def _check_legacy(p: Path) -> None:
    """A file without our application id (a workspace from before application ids, or another program's
    database): looked at as an immutable snapshot, which applies no journal and writes nothing."""
    try:
        db = sqlite3.connect(p.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as e:
        raise WorkspaceError(describe_error(p, e)) from None
    try:
        db.execute("PRAGMA trusted_schema=OFF")
        tables = {str(r[0]) for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as e:
        raise WorkspaceError(describe_error(p, e)) from None
    finally:
        db.close()
    if tables and not tables >= _OWN_TABLES:
        raise WorkspaceError(f"{p}: an SQLite database of another program, not a Timeline workspace "
                             f"(tables: {', '.join(sorted(tables)[:6])}); left untouched")
    if version > SCHEMA_VERSION:
        raise WorkspaceError(newer_message(p, version))


def newer_message(p: Path | str, version: int) -> str:
    """Why a workspace of a newer Timeline is not opened."""
    return (f"{p}: made by a newer Timeline (schema {version} > {SCHEMA_VERSION}); open it with that version. "
            "Left untouched")


def connect(p: Path, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with a busy timeout, that trusts nothing in the
    file's schema (``trusted_schema=OFF``; SQLite's defensive mode where the runtime offers it)."""
    if read_only:  # no -wal/-shm files can be made beside it: open the file as it is, for reading
        uri = p.resolve().as_uri() + "?mode=ro&immutable=1"
        db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        db = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    setconfig = getattr(db, "setconfig", None)  # Python 3.12+
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if setconfig is not None and defensive is not None:
        setconfig(defensive, True)
    db.execute("PRAGMA trusted_schema=OFF")
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
        return (f"{p}: the disk is full; this change was not saved (what was saved before it is kept) — free some "
                "space and try again")
    if "readonly" in msg or "read-only" in msg:
        return f"{p}: the workspace or its folder is read-only; copy it to a folder you can write to"
    if "unable to open" in msg:
        return f"{p}: cannot open the file ({msg}); check that the folder exists and is writable"
    if "locked" in msg or "busy" in msg:
        return f"{p}: another program keeps the workspace busy; try again when it has finished"
    if "malformed" in msg or "not a database" in msg or isinstance(e, UnicodeDecodeError):
        return (f"{p}: the workspace file is damaged ({msg}); rescue its articles and edits with "
                "'timeline-app recover OLD.timeline NEW.timeline'")
    return f"{p}: not a Timeline workspace, or damaged ({msg})"
