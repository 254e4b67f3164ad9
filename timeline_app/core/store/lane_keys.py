"""What the timeline's lanes can be made of besides companies: per event (in the order of the timeline's
columns, ``events.rowid``), the people, places, tags or source articles it names. Read from small columns of
the event rows (article titles by a join), never from article texts."""

from __future__ import annotations

import json
import sqlite3

#: the field of a lane → the lane of events that have none of it
EMPTY_LANES = {"company": "(no company)", "type": "(no type)", "family": "(no family)", "person": "(no person)",
               "place": "(no place)", "tag": "(no tag)", "source": "(no source)"}
_COLUMN = {"person": "people", "place": "places", "tag": "tags"}


def _names(raw: str | None) -> list[str]:
    """A stored JSON list of names; anything unreadable is no names (a damaged cell never stops the view)."""
    try:
        got = json.loads(raw or "[]")
    except (ValueError, RecursionError):
        return []
    return [" ".join(str(x).split()) for x in got if str(x).strip()] if isinstance(got, list) else []


def lane_keys(db: sqlite3.Connection, field: str) -> list[list[str]]:
    """Per event row, its lane names for lanes by ``field`` (``person``, ``place``, ``tag`` or ``source``: the
    titles of its source articles, or their paths when untitled; an import's rows by their file)."""
    if field in _COLUMN:
        return [_names(r[0]) for r in db.execute(f"SELECT {_COLUMN[field]} FROM events ORDER BY rowid")]
    if field == "source":
        titles: dict[str, list[str]] = {}
        for eid, title in db.execute(
                "SELECT s.event_id, coalesce(nullif(trim(d.title), ''), d.path, s.doc_id) FROM event_sources s "
                "LEFT JOIN documents d ON d.id = s.doc_id ORDER BY s.rowid"):
            # an import's rows read as their file ("deals.csv, rows 2–4"): lane labels are short
            titles.setdefault(eid, []).append(" ".join(str(title).split()).removeprefix("Imported from "))
        return [list(dict.fromkeys(titles.get(r[0], []))) for r in db.execute("SELECT id FROM events ORDER BY rowid")]
    raise ValueError(f"no lanes by '{field}' here (one of {', '.join(_COLUMN)}, source)")
