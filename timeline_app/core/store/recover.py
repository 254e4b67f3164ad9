"""Rescue what can be read of a workspace that is refused (damaged pages, a trigger or view planted in it) into a
new workspace: the articles with their stored extraction, the user's edits and imports. The merged events are
derived, so they are rebuilt from the articles when the new workspace is opened.

The old file is only read: as a read-only connection that trusts nothing in its schema (no trigger can fire on a
read, no view is read, nothing is written), row by row so that a damaged page costs the rows on it, not the rest."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import WorkspaceError
from .safe_open import check_file, describe_error
from .schema import MIGRATIONS, RETYPE, SCHEMA_VERSION
from .workspace import Workspace

#: The user's data, in the order it is copied (documents before what refers to them).
TABLES = ("documents", "mentions", "locations", "edits", "trash", "imports", "imported_events")
#: Consecutive unreadable rowids after which the rest of a table is given up.
_MAX_SKIP = 2000


@dataclass
class RecoverReport:
    """What was copied per table, and how many rows could not be read."""

    copied: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # objects of the old file that are not the app's tables


@lru_cache(maxsize=1)
def _columns() -> dict[str, tuple[str, ...]]:
    """The columns of the app's own tables at the current schema."""
    db = sqlite3.connect(":memory:")
    try:
        for v in range(1, SCHEMA_VERSION + 1):
            for stmt in MIGRATIONS[v]:
                db.execute(stmt)
        return {t: tuple(str(r[0]) for r in db.execute("SELECT name FROM pragma_table_info(?)", (t,)))
                for t in TABLES}
    finally:
        db.close()


def _open_source(src: Path) -> sqlite3.Connection:
    uris = [src.resolve().as_uri() + "?mode=ro", src.resolve().as_uri() + "?mode=ro&immutable=1"]
    last: sqlite3.Error | None = None
    for uri in uris:  # read-only sees the -wal; immutable when that is not possible (a hot journal, a read-only folder)
        try:
            db = sqlite3.connect(uri, uri=True)
            db.execute("PRAGMA trusted_schema=OFF")
            db.execute("PRAGMA query_only=ON")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as e:
            last = e
    raise WorkspaceError(describe_error(src, last or sqlite3.DatabaseError("cannot be read")))


def _rows(db: sqlite3.Connection, table: str, cols: tuple[str, ...],
          report: RecoverReport) -> Iterator[tuple[object, ...]]:
    """Every readable row of ``table`` in rowid order, stepping over the ones on damaged pages."""
    sel = ", ".join(f'"{c}"' for c in cols)  # names from the app's own schema, never from the file
    last, skipped = 0, 0
    while skipped < _MAX_SKIP:
        try:
            for r in db.execute(f"SELECT rowid, {sel} FROM {table} WHERE rowid > ? ORDER BY rowid", (last,)):
                last, skipped = int(r[0]), 0
                yield tuple(r[1:])
            return
        except sqlite3.DatabaseError:
            report.unreadable[table] = report.unreadable.get(table, 0) + 1
            last, skipped = last + 1, skipped + 1


def recover(src: str | Path, dest: str | Path) -> RecoverReport:
    """Copy the readable user data of ``src`` into the new workspace ``dest`` (which must not exist)."""
    src, dest = Path(src), Path(dest)
    if dest.exists():
        raise WorkspaceError(f"{dest}: already exists; give the name of a new workspace")
    if not src.is_file():
        raise WorkspaceError(f"{src}: no such workspace file")
    report = RecoverReport()
    old = _open_source(src)
    try:
        try:
            objects = {(str(t), str(n)) for t, n in old.execute("SELECT type, name FROM sqlite_master")}
        except sqlite3.DatabaseError as e:
            raise WorkspaceError(f"{src}: nothing can be read, not even its list of tables ({e})") from None
        report.ignored = sorted(f"{t} '{n}'" for t, n in objects
                                if not n.startswith("sqlite_") and not (t == "table" and n in TABLES)
                                and t in ("trigger", "view"))
        check_file(dest)
        new = Workspace(dest)
        try:
            with new.transaction() as db:
                for table in TABLES:
                    if ("table", table) not in objects:
                        continue
                    have = {str(r[0]) for r in old.execute("SELECT name FROM pragma_table_info(?)", (table,))}
                    cols = tuple(c for c in _columns()[table] if c in have)
                    if not cols:
                        continue
                    marks = ", ".join("?" * len(cols))
                    names = ", ".join(f'"{c}"' for c in cols)
                    n = 0
                    for row in _rows(old, table, cols, report):
                        try:
                            db.execute(f"INSERT OR IGNORE INTO {table}({names}) VALUES({marks})", row)
                            n += 1
                        except sqlite3.IntegrityError:  # a row the new schema cannot hold (NOT NULL missing)
                            report.unreadable[table] = report.unreadable.get(table, 0) + 1
                    report.copied[table] = n
                for stmt in RETYPE:  # rows of an older workspace may name round-2 event types
                    db.execute(stmt)
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES('merge_pending', '1')")
        finally:
            new.close()
    finally:
        old.close()
    return report
