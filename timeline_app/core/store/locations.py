"""Where each document was found. A document is its text (identity: the text's hash); every resolved path
that held that text is a location of it, so one article copied to two folders is one document, and an edited
file moves its location to the new text (the old text goes when no location is left)."""

from __future__ import annotations

import datetime as dt
import sqlite3


class LocationsMixin:
    """Location queries and edits for :class:`Workspace` (which provides ``db``)."""

    db: sqlite3.Connection

    def location_document(self, path: str) -> str | None:
        """The document a path held when it was last read, if any."""
        row = self.db.execute("SELECT doc_id FROM locations WHERE path=?", (path,)).fetchone()
        return str(row[0]) if row else None

    def locations(self, doc_id: str) -> list[str]:
        """Every path a document was found at, oldest first."""
        return [str(r[0]) for r in self.db.execute(
            "SELECT path FROM locations WHERE doc_id=? ORDER BY added, path", (doc_id,))]

    def move_location(self, db: sqlite3.Connection, path: str, doc_id: str, previous: str | None) -> None:
        """Record that ``path`` now holds ``doc_id`` (inside the caller's transaction); the document it held
        before is removed when no other path holds it."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        db.execute("INSERT OR REPLACE INTO locations(path, doc_id, added) VALUES(?,?,?)", (path, doc_id, now))
        if previous and previous != doc_id:
            left = db.execute("SELECT 1 FROM locations WHERE doc_id=? LIMIT 1", (previous,)).fetchone()
            if left is None:
                db.execute("DELETE FROM documents WHERE id=?", (previous,))
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES('merge_pending', '1')")
