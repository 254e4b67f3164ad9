"""A workspace is untrusted input: it may carry its own code (triggers, views, indexes on expressions) that would
run inside the app. Before anything is written, the objects in ``sqlite_master`` are compared with the ones the
app's own migrations create; anything else is refused, by name, and the file is left alone."""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from .quarantine import QUARANTINE_TABLE
from .schema import MIGRATIONS, SCHEMA_VERSION

#: Shadow tables of the FTS5 index that schema versions 6–7 made (schema 8 drops it for FTS4).
_FTS5_SHADOWS = frozenset(("table", f"event_fts_{s}") for s in ("data", "idx", "content", "docsize", "config"))


@lru_cache(maxsize=1)
def allowed_objects() -> dict[int, frozenset[tuple[str, str]]]:
    """(type, name) of every object the migrations create, for each schema version (cumulative), computed by
    running them on an empty in-memory database."""
    db = sqlite3.connect(":memory:")
    out: dict[int, frozenset[tuple[str, str]]] = {0: frozenset()}
    seen: set[tuple[str, str]] = set()
    try:
        for v in range(1, SCHEMA_VERSION + 1):
            for stmt in MIGRATIONS[v]:
                db.execute(stmt)
            db.execute(QUARANTINE_TABLE)  # made on demand by the damaged-row check
            seen |= {(str(t), str(n)) for t, n in db.execute("SELECT type, name FROM sqlite_master")}
            out[v] = frozenset(seen | (_FTS5_SHADOWS if v < 8 else set()))
    finally:
        db.close()
    return out


def foreign_objects(db: sqlite3.Connection, version: int) -> list[tuple[str, str]]:
    """(type, name) of the objects in the file that the app's schema at ``version`` does not have. Triggers and
    views are never ours; SQLite's own objects (``sqlite_*``) are skipped."""
    allowed = allowed_objects().get(max(0, min(version, SCHEMA_VERSION)), frozenset())
    found = [(str(t), str(n)) for t, n in db.execute("SELECT type, name FROM sqlite_master ORDER BY type, name")]
    return [(t, n) for t, n in found if not n.startswith("sqlite_") and (t, n) not in allowed]


def describe_foreign(objects: list[tuple[str, str]]) -> str:
    """``a trigger 'planted', a view 'events'`` — what was found, in words."""
    shown = [f"a {t} '{n[:60]}'" for t, n in objects[:4]]
    more = f" and {len(objects) - 4} more" if len(objects) > 4 else ""
    return ", ".join(shown) + more
