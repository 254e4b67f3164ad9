"""Full-text search over events (summaries, companies, evidence sentences, article titles) with SQLite FTS4.

One FTS row per merged event; rows are added and removed with the events, so the search box never scans
article texts."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

_BODY = ("SELECT e.id, coalesce(e.summary, '') || ' ' || coalesce(e.companies, '') || ' ' || coalesce(("
         "SELECT group_concat(substr(d.text, s.start + 1, s.end - s.start) || ' ' || coalesce(d.title, ''), ' ') "
         "FROM event_sources s JOIN documents d ON d.id = s.doc_id WHERE s.event_id = e.id), '') FROM events e")


#: Statements creating the index and filling it from the events already stored (used by migrations).
#: FTS4, not FTS5: every FTS4 shadow table keys its rows by integers, so a workspace whose blobs were all
#: overwritten (a crafted or damaged file) can still be rewritten, checked and repaired row by row; FTS5 keys
#: its index by the term blobs themselves.
FTS_MIGRATION = [
    "DROP TABLE IF EXISTS event_fts",
    "CREATE VIRTUAL TABLE event_fts USING fts4(event_id, body, notindexed=event_id, "
    "tokenize=unicode61 'remove_diacritics=2')",
    f"INSERT INTO event_fts(event_id, body) {_BODY}",
]


def _chunks(items: list[str], n: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def index_events(db: sqlite3.Connection, event_ids: Iterable[str]) -> None:
    """Add the search rows of these (already stored) events, inside the caller's transaction."""
    for chunk in _chunks(list(event_ids)):
        db.execute(f"INSERT INTO event_fts(event_id, body) {_BODY} WHERE e.id IN ({','.join('?' * len(chunk))})",
                   chunk)


def unindex_events(db: sqlite3.Connection, event_ids: Iterable[str]) -> None:
    """Drop the search rows of these events."""
    for chunk in _chunks(list(event_ids)):
        db.execute(f"DELETE FROM event_fts WHERE event_id IN ({','.join('?' * len(chunk))})", chunk)


def reindex_all(db: sqlite3.Connection) -> None:
    """Rebuild the whole index from the stored events."""
    db.execute("DELETE FROM event_fts")
    db.execute(f"INSERT INTO event_fts(event_id, body) {_BODY}")


def fts_query(text: str) -> str | None:
    """A safe full-text query for what the user typed: every word must occur (as a word prefix)."""
    words = re.findall(r"\w+", text.lower())
    return " ".join(f'"{w}*"' for w in words) or None


def user_marks(db: sqlite3.Connection, text: str) -> set[int] | None:
    """Rows for a search on the user's curation marks, or None when ``text`` is not such a search."""
    q = text.lower().strip()
    where = {"is:starred": "starred = 1", "is:edited": "edited IS NOT NULL AND edited <> '[]'"}.get(q)
    args: tuple[str, ...] = ()
    if q.startswith("tag:"):
        where, args = "EXISTS (SELECT 1 FROM json_each(events.tags) WHERE lower(json_each.value) = ?)", (q[4:].strip(),)
    elif q.startswith("note:"):
        where, args = "instr(lower(coalesce(notes, '')), ?) > 0", (q[5:].strip(),)
    if where is None:
        return None
    return {r[0] - 1 for r in db.execute(f"SELECT rowid FROM events WHERE {where}", args)}


def search_events(db: sqlite3.Connection, text: str) -> set[int]:
    """Rows (0-based, the order of the timeline's columns) of events matching ``text``; the user's marks are
    searched with ``is:starred``, ``is:edited``, ``tag:NAME`` and ``note:WORD``."""
    marks = user_marks(db, text)
    if marks is not None:
        return marks
    q = fts_query(text)
    if q is None:
        return set()
    return {r[0] - 1 for r in db.execute(
        "SELECT e.rowid FROM event_fts JOIN events e ON e.id = event_fts.event_id WHERE event_fts MATCH ?", (q,))}
