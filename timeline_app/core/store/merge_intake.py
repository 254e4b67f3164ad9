"""Bringing stored documents into the incremental merge (see :mod:`.clusters`): the documents not merged yet, their
stored results without their texts, their events filed as atoms under their merge keys, the workspace's entities,
and who is who over its companies (documents whose companies were renamed are merged again)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING

from ..extract.kb import KnowledgeBase
from ..merge import block_keys, merge_entities
from ..model import DocResult, Document, Entity, Event
from .sql_chunks import chunks as _chunks
from .sql_chunks import marks as _marks

if TYPE_CHECKING:
    from ..resolve import Resolution

def unmerged_docs(db: sqlite3.Connection) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM merge_docs) "
                                     "ORDER BY path, id")]


_RESOLUTION_META = "company_resolution"
_RESOLUTION_INFO = ("merged", "merged_into", "merged_why")


def resolve_names(db: sqlite3.Connection, kb: KnowledgeBase) -> Resolution:
    """Who is who over the workspace's company entities (see :mod:`..resolve`); the explanations are written on
    the entities (an explanation no longer true is removed)."""
    rows = db.execute("SELECT id, name, kind, aliases, parent, info FROM entities WHERE kind='company'").fetchall()
    ents = {r[0]: Entity(r[0], r[1], r[2], json.loads(r[3] or "[]"), r[4], json.loads(r[5] or "{}")) for r in rows}
    before = {eid: (list(e.aliases), e.parent, json.dumps(e.info, sort_keys=True, default=str))
              for eid, e in ents.items()}
    for e in ents.values():
        for k in _RESOLUTION_INFO:
            e.info.pop(k, None)
    from ..resolve import apply_to_entities, resolve_companies  # here: see sync

    resolution = resolve_companies(ents.values(), kb)
    apply_to_entities(ents, resolution)
    db.executemany("INSERT OR REPLACE INTO entities(id, name, kind, aliases, parent, info) VALUES(?,?,?,?,?,?)",
                   [(e.id, e.name, e.kind, json.dumps(e.aliases), e.parent, json.dumps(e.info, default=str))
                    for eid, e in ents.items()
                    if before.get(eid) != (e.aliases, e.parent, json.dumps(e.info, sort_keys=True, default=str))])
    return resolution


def redo_renamed(db: sqlite3.Connection, resolution: Resolution) -> bool:
    """Forget the merge of the documents whose companies' canonical names changed since the last merge (their
    atoms carry the old names); True when there were any."""
    row = db.execute("SELECT value FROM meta WHERE key=?", (_RESOLUTION_META,)).fetchone()
    old: dict[str, str] = json.loads(row[0]) if row and row[0] else {}
    new = resolution.into
    changed = {n for n in set(old) | set(new) if old.get(n) != new.get(n)}
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (_RESOLUTION_META, json.dumps(new)))
    if not changed:
        return False
    stored = {old.get(n, n) for n in changed}  # the names the atoms of those documents carry now
    docs: set[str] = set()
    for name in sorted(stored):
        docs.update(r[0] for r in db.execute("SELECT DISTINCT doc_id FROM merge_atoms WHERE instr(event, ?) > 0",
                                             (json.dumps(name),)))
    for chunk in _chunks(sorted(docs)):
        db.execute(f"DELETE FROM merge_docs WHERE doc_id IN ({_marks(len(chunk))})", chunk)
    return bool(docs)


def stored_results(db: sqlite3.Connection, doc_ids: list[str]) -> list[tuple[str, str, dt.date | None, DocResult]]:
    """Documents' stored results without their texts: (id, sort key, date, result), in the given order."""
    rows = {r[0]: r for r in db.execute(f"SELECT id, path, date, result FROM documents "
                                        f"WHERE id IN ({_marks(len(doc_ids))})", doc_ids)}
    out = []
    for did in doc_ids:
        _id, path, date, result = rows[did]
        res = json.loads(result or '{"entities": [], "events": []}')
        d = dt.date.fromisoformat(date) if date else None
        doc = Document(id=did, path=path, title="", text="", date=d)
        r = DocResult(doc, {e["id"]: Entity(**e) for e in res.get("entities", [])},
                      [Event.from_json(e) for e in res.get("events", [])])
        out.append((did, f"{path}\x00{did}", d, r))
    return out


def add_atoms(db: sqlite3.Connection, results: list[tuple[str, str, dt.date | None, DocResult]],
               kb: KnowledgeBase) -> list[int]:
    ids: list[int] = []
    for did, sortkey, date, r in results:
        db.execute("INSERT OR IGNORE INTO merge_docs(doc_id) VALUES(?)", (did,))
        for k, ev in enumerate(r.events):
            t0, t1 = anchor(ev, date)
            cur = db.execute("INSERT INTO merge_atoms(doc_id, ord, sortkey, event, doc_date, component, t0, t1) "
                             "VALUES(?,?,?,?,?,0,?,?)", (did, k, sortkey, json.dumps(ev.to_json()),
                                                         date.isoformat() if date else None, t0, t1))
            aid = int(cur.lastrowid or 0)
            db.execute("UPDATE merge_atoms SET component=? WHERE id=?", (aid, aid))
            filed, _ = block_keys(ev, date, kb)
            db.executemany("INSERT INTO merge_keys(key, atom) VALUES(?,?)", [(key, aid) for key in filed])
            ids.append(aid)
    return ids


def anchor(ev: Event, doc_date: dt.date | None) -> tuple[int | None, int | None]:
    """An atom's place in time (day ordinals): its interval, else its publication day, else none (stored with the
    atom, ``merge_atoms.t0/t1``, so that time-bounded questions about the merge need no JSON)."""
    if ev.start is not None:
        return ev.start.toordinal(), max(ev.start, ev.end or ev.start).toordinal()
    if doc_date is not None:
        return doc_date.toordinal(), doc_date.toordinal()
    return None, None


def upsert_entities(db: sqlite3.Connection, results: list[tuple[str, str, dt.date | None, DocResult]],
                     kb: KnowledgeBase) -> None:
    ids = {eid for r in results for eid in r[3].entities}
    current: dict[str, Entity] = {}
    for chunk in _chunks(sorted(ids)):
        for r in db.execute(f"SELECT id, name, kind, aliases, parent, info FROM entities "
                            f"WHERE id IN ({_marks(len(chunk))})", chunk):
            current[r[0]] = Entity(r[0], r[1], r[2], json.loads(r[3] or "[]"), r[4], json.loads(r[5] or "{}"))
    before = set(current)
    merge_entities([r[3] for r in results], kb, current)
    missing = [e for e in current if e not in before]
    for chunk in _chunks(missing):  # parents added for lanes may already exist
        for (eid,) in db.execute(f"SELECT id FROM entities WHERE id IN ({_marks(len(chunk))})", chunk):
            current.pop(eid, None)
    db.executemany("INSERT OR REPLACE INTO entities(id, name, kind, aliases, parent, info) VALUES(?,?,?,?,?,?)",
                   [(e.id, e.name, e.kind, json.dumps(e.aliases), e.parent, json.dumps(e.info, default=str))
                    for e in current.values()])
