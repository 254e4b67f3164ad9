"""Writing the incremental merge's output (see :mod:`.clusters`): merged events replace the ones they supersede
in the event tables and the search index with row numbers kept dense, and the timeline's column arrays are
rebuilt from the event rows."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from ..index import EventColumns
from ..model import Event, parse_when
from . import search
from .sql_chunks import chunks as _chunks
from .sql_chunks import marks as _marks


def replace_events(db: sqlite3.Connection, old_event_ids: list[str], merged: list[tuple[int, Event]]) -> None:
    """Swap the merged events ``old_event_ids`` for ``merged``, keeping row numbers dense (rows index the
    columns)."""
    old: list[tuple[int, str]] = []
    for chunk in _chunks(old_event_ids):
        old += db.execute(f"SELECT rowid, id FROM events WHERE id IN ({_marks(len(chunk))})", chunk).fetchall()
    old_ids = [r[1] for r in old]
    search.unindex_events(db, old_ids)
    for chunk in _chunks(old_ids):
        m = _marks(len(chunk))
        db.execute(f"DELETE FROM events WHERE id IN ({m})", chunk)
        db.execute(f"DELETE FROM event_sources WHERE event_id IN ({m})", chunk)
        db.execute(f"DELETE FROM event_companies WHERE event_id IN ({m})", chunk)
    holes = sorted(r[0] for r in old)
    by_id = {ev.id: c for c, ev in merged}
    events = [ev for _c, ev in merged]  # user edits exist only on the full path (see ingest.remerge)
    events.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
    top = max([db.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0], *holes])
    for ev in events:
        rowid = holes.pop(0) if holes else (top := top + 1)
        j = ev.to_json()
        db.execute("INSERT INTO events(rowid, id, type, summary, start, end, precision, status, companies, people, "
                   "places, amounts, confidence, component) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (rowid, ev.id, ev.type, ev.summary, j["start"], j["end"], ev.precision, ev.status,
                    json.dumps(ev.companies), json.dumps(ev.people), json.dumps(ev.places),
                    json.dumps(j["amounts"]), ev.confidence, by_id[ev.id]))
        db.executemany("INSERT INTO event_sources VALUES(?,?,?,?,?,?)",
                       [(ev.id, s.document, s.start, s.end, s.trigger_start, s.trigger_end) for s in ev.sources])
        db.executemany("INSERT INTO event_companies VALUES(?,?)", [(ev.id, c) for c in ev.companies])
    # rows left empty are filled with the last rows, so row numbers stay 1..n
    for hole in holes:
        last = db.execute("SELECT max(rowid) FROM events").fetchone()[0]
        if last is None or last < hole:
            break
        db.execute("UPDATE events SET rowid=? WHERE rowid=?", (hole, last))
    search.index_events(db, [ev.id for ev in events])


def write_columns(db: sqlite3.Connection) -> None:
    """Rebuild the timeline's arrays from the event rows (a linear pass over small columns, no texts)."""
    events = [Event(id="", type=t, summary="", start=parse_when(s)[0], end=parse_when(e)[0], precision=p, status=st,
                    companies=json.loads(c), confidence=conf, start_time=parse_when(s)[1], end_time=parse_when(e)[1])
              for t, s, e, p, st, c, conf in db.execute(
                  "SELECT type, start, end, precision, status, companies, confidence FROM events ORDER BY rowid")]
    parents = {r[0]: r[1] for r in db.execute("SELECT name, parent FROM entities WHERE kind='company'")}
    cols = EventColumns.from_events(events, parents)
    db.execute("DELETE FROM columns")
    db.execute("INSERT INTO columns(id, data) VALUES(1, ?)", (cols.to_bytes(),))
