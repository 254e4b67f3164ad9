"""A damaged workspace still opens: rows that cannot be read are found (with SQLite's own JSON and date
functions, so the check is quick) and put aside in a ``quarantine`` table with the reason, instead of
stopping the open with a traceback. Documents are the user's data and are kept there; merged rows (events,
entities, sources) are derived, so the bad ones are dropped and the merge is redone from the documents."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from ..model import PRECISIONS, STATUSES
from . import search

QUARANTINE_TABLE = ("CREATE TABLE IF NOT EXISTS quarantine(id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, "
                    "key TEXT, data TEXT, reason TEXT, created TEXT)")


def _bad_date(col: str) -> str:
    return f"({col} IS NOT NULL AND (typeof({col}) <> 'text' OR date({col}) IS NOT {col}))"


def _bad_when(col: str) -> str:
    """An event's start or end: a calendar date, or one with a time of day (``2015-07-24T19:01:01+00:00``, the
    sub-day precisions) that SQLite reads as a date and time."""
    day = f"substr({col}, 1, 10)"
    return (f"({col} IS NOT NULL AND (typeof({col}) <> 'text' OR date({day}) IS NOT {day} "
            f"OR (length({col}) > 10 AND (substr({col}, 11, 1) <> 'T' OR datetime({col}) IS NULL))))")


def _bad_json(col: str, kind: str, nullable: bool = False) -> str:
    ok_null = f"{col} IS NULL OR " if nullable else ""
    # the empty list, most people/places/amounts cells, is told by one comparison (a BLOB never equals text);
    # this halves the scan of a million events (the JSON functions parse every other cell)
    empty = f"{col} = '[]' OR " if kind == "array" else ""
    return (f"NOT ({ok_null}{empty}(typeof({col}) = 'text' AND json_valid({col}) "
            f"AND json_type({col}) = '{kind}'))")


_IN = ",".join(f"'{p}'" for p in PRECISIONS)
_ST = ",".join(f"'{s}'" for s in STATUSES)

#: an event's columns and the condition (on a column name, or on a value: ``:v``) that makes one unreadable;
#: the row check of the events is their disjunction, and :class:`ReadCheck` asks them of single values
EVENT_CONDITIONS: dict[str, Callable[[str], str]] = {
    **{c: (lambda col: _bad_json(col, "array")) for c in ("companies", "people", "places", "amounts")},
    "start": _bad_when,
    "end": _bad_when,
    "precision": lambda col: f"{col} NOT IN ({_IN})",
    "status": lambda col: f"{col} NOT IN ({_ST})",
    "confidence": lambda col: f"typeof({col}) NOT IN ('real', 'integer')",
}

#: (table, key column, reason, condition) — a row matching the condition cannot be read.
CHECKS: list[tuple[str, str, str, str]] = [
    ("documents", "id", "its text is missing", "typeof(text) <> 'text'"),
    ("documents", "id", "its stored extraction is not readable JSON",
     f"{_bad_json('result', 'object')} OR json_type(result, '$.events') IS NOT 'array' "
     "OR json_type(result, '$.entities') IS NOT 'array'"),
    ("documents", "id", "its clutter spans are not readable JSON", _bad_json("clutter", "array", nullable=True)),
    ("documents", "id", "its date is not a calendar date", _bad_date("date")),
    ("events", "id", "a field is not readable",
     " OR ".join(f"({cond(col)})" for col, cond in EVENT_CONDITIONS.items())),
    ("event_sources", "event_id", "its offsets are not numbers",
     "typeof(start) <> 'integer' OR typeof(end) <> 'integer'"),
    ("entities", "id", "a field is not readable",
     f"{_bad_json('aliases', 'array', nullable=True)} OR {_bad_json('info', 'object', nullable=True)}"),
]
_DERIVED = {"events", "event_sources", "entities"}
_TABLES = frozenset(c[0] for c in CHECKS)


def _as_text(v: object) -> str | None:
    """A stored value as text for the quarantine record (what ``CAST(v AS TEXT)`` gives)."""
    if v is None:
        return None
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return str(v)


def find_bad_rows(db: sqlite3.Connection, tables: frozenset[str] = _TABLES) -> list[tuple[str, int, str | None, str]]:
    """(table, rowid, key, reason) of every row (of ``tables``) that cannot be read."""
    out: list[tuple[str, int, str | None, str]] = []
    seen: set[tuple[str, int]] = set()
    for table, key, reason, cond in CHECKS:
        if table not in tables:
            continue
        for rowid, k in db.execute(f"SELECT rowid, {key} FROM {table} WHERE {cond}"):  # constants of CHECKS
            if (table, rowid) not in seen:
                seen.add((table, rowid))
                out.append((table, int(rowid), None if k is None else str(k), reason))
    return out


#: the tables whose rows a reader that goes through every event checks as it reads them (:class:`ReadCheck`)
READ_CHECKED = frozenset({"events", "event_sources"})
#: the others: still scanned when such a reader opens the workspace (few rows: the articles, the entities)
UNREAD = _TABLES - READ_CHECKED


class RowsToCheck(Exception):
    """A value read fails the damaged-row check: the workspace is to be checked as a whole (and its bad rows put
    aside) before what was read is used."""


class ReadCheck:
    """The damaged-row check of the events and their sources, asked of the values as a reader gets them instead
    of by a scan of every row at open (issue 23: a healthy workspace costs a few set look-ups per row). Each
    distinct value is asked of SQLite once with the same condition as :data:`CHECKS` (``EVENT_CONDITIONS`` on
    ``:v``), so what passes here passes the scan; a value that fails raises :class:`RowsToCheck`, and the reader
    then puts aside the bad rows with the full check and reads again.

    Readers test ``value in check.arrays`` (and ``when``, ``precisions``, ``statuses``) inline and call
    :meth:`event` only for a row with a value not seen yet."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.arrays: set[Any] = set()  # JSON lists of the events' companies, people, places, amounts
        self.when: set[Any] = {None}  # starts and ends
        self.precisions: set[Any] = set()
        self.statuses: set[Any] = set()
        self._sets = {"companies": self.arrays, "people": self.arrays, "places": self.arrays,
                      "amounts": self.arrays, "start": self.when, "end": self.when,
                      "precision": self.precisions, "status": self.statuses}
        self._sql = {c: f"SELECT ({cond(':v')}) IS 1" for c, cond in EVENT_CONDITIONS.items()}

    def _ask(self, column: str, value: Any) -> None:
        try:  # a constant argument: SQLite may evaluate json_type() before json_valid() has said no (an error)
            bad = self.db.execute(self._sql[column], {"v": value}).fetchone()[0]
        except sqlite3.OperationalError:  # "malformed JSON": the scan would put the row aside
            bad = 1
        if bad:
            raise RowsToCheck(f"an event's {column} is not readable")

    def event(self, **values: Any) -> None:
        """Check an event's values by column name (those of ``EVENT_CONDITIONS``); raises :class:`RowsToCheck`."""
        for column, value in values.items():
            if column == "confidence":
                if type(value) is not float and type(value) is not int:  # what typeof() reads as real, integer
                    raise RowsToCheck("an event's confidence is not a number")
                continue
            seen = self._sets[column]
            if value not in seen:
                self._ask(column, value)
                seen.add(value)

    @staticmethod
    def source(start: Any, end: Any) -> None:
        """Check a source's offsets (``typeof(start) = 'integer'``: an ``int`` as read); raises :class:`RowsToCheck`."""
        if type(start) is not int or type(end) is not int:
            raise RowsToCheck("an event source's offsets are not numbers")


def quarantine_bad_rows(db: sqlite3.Connection) -> list[str]:
    """Put aside the rows that cannot be read (inside the caller's write transaction); returns one message per
    row, empty when all is well."""
    bad = find_bad_rows(db)
    if not bad:
        return []
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    db.execute(QUARANTINE_TABLE)
    messages = []
    derived = False
    for table, rowid, key, reason in bad:
        assert table in _TABLES  # the app's own names from CHECKS; nothing read from the file goes into SQL
        cur = db.execute(f"SELECT * FROM {table} WHERE rowid=?", (rowid,))
        row = cur.fetchone()
        data = {str(d[0]): _as_text(v) for d, v in zip(cur.description, row or (), strict=False)}
        db.execute("INSERT INTO quarantine(tbl, key, data, reason, created) VALUES(?, ?, ?, ?, ?)",
                   (table, key, json.dumps(data), reason, now))
        db.execute(f"DELETE FROM {table} WHERE rowid=?", (rowid,))
        derived = derived or table in _DERIVED
        what = {"documents": "article", "events": "event", "event_sources": "event source",
                "entities": "entity"}[table]
        messages.append(f"a damaged {what} ({key}) was put aside: {reason}"
                        + ("" if table in _DERIVED else "; it is kept in the workspace's quarantine table"))
    from . import clusters  # here: clusters needs the Workspace, which needs this module

    clusters.clear(db)  # the merge is redone from the (remaining) documents
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES('merge_pending', '1')")
    db.execute("DELETE FROM columns")
    if derived:
        messages.append("the merged events are rebuilt from the articles")
    return messages


def set_aside_documents(db: sqlite3.Connection) -> int:
    """How many of the workspace's articles are set aside as damaged (their events are missing from it)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='quarantine'").fetchone() is None:
        return 0
    return int(db.execute("SELECT count(*) FROM quarantine WHERE tbl='documents'").fetchone()[0])


def rebuild_search_index(db: sqlite3.Connection) -> None:
    """Drop the full-text index (derived from the events) and build it again: the repair when its pages are
    damaged ("database disk image is malformed" from FTS). Runs in its own write transaction unless the
    caller is in one."""
    own = not db.in_transaction
    if own:
        db.execute("BEGIN IMMEDIATE")
    try:
        for stmt in search.FTS_MIGRATION:
            db.execute(stmt)
    except BaseException:
        if own and db.in_transaction:
            db.execute("ROLLBACK")
        raise
    if own:
        db.execute("COMMIT")


def is_damage(e: BaseException) -> bool:
    """An SQLite error that means damaged pages (not a busy lock or a full disk)."""
    msg = str(e).lower()
    return isinstance(e, sqlite3.DatabaseError) and ("malformed" in msg or "corrupt" in msg
                                                     or "not a database" in msg)
