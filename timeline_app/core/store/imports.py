"""Imported events: what a user brought in from another tool's file (CSV, TimelineJS, Timesketch, an extraction).

An import is stored as it came: one ``imports`` row (origin file, format, when, the companies it named) and its
events in ``imported_events``; the documents it carries (the articles of an extraction, or a provenance document
that lists the imported rows, one line each, so every imported event has evidence) are ordinary documents.
Imported events do not go through the cross-source merge (which would rewrite their summaries, and is
quadratic in the number of events of one source); the merge adds them next to the extracted events, after the
user's company edits were applied to them, and the edit replay then treats them like any other event.
Importing the same file again replaces what it imported before."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass

from ..model import DocResult, Document, Entity, Event
from .workspace import Workspace

EXTRACTOR = "import"


@dataclass
class ImportRecord:
    """One stored import."""

    id: int
    origin: str
    fmt: str
    added: str
    events: int
    rejected: int


class ImportedResult(DocResult):
    """The events of one import, shaped like a document's result so the edit replay can treat them alike; the
    document is a stand-in named after the origin file (never stored, no text)."""


def save_import(ws: Workspace, origin: str, fmt: str, documents: list[Document], entities: list[Entity],
                events: list[Event], rejected: int = 0) -> tuple[int, int]:
    """Store an import in one transaction, replacing an earlier import of the same ``origin``; returns
    (import id, number of events replaced)."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with ws.transaction() as db:
        replaced = 0
        for (old_id, old_docs) in db.execute("SELECT id, doc_ids FROM imports WHERE origin=?", (origin,)).fetchall():
            replaced += db.execute("SELECT count(*) FROM imported_events WHERE import_id=?", (old_id,)).fetchone()[0]
            db.execute("DELETE FROM imported_events WHERE import_id=?", (old_id,))
            db.execute("DELETE FROM imports WHERE id=?", (old_id,))
            for doc_id in json.loads(old_docs):
                if doc_id not in {d.id for d in documents} and _only_imported(db, doc_id):
                    db.execute("DELETE FROM documents WHERE id=?", (doc_id,))
        for d in documents:
            if _only_imported(db, d.id):  # never replace an article the workspace extracted itself
                ws.write_document(db, DocResult(d, {}, []), EXTRACTOR, fmt)
        cur = db.execute("INSERT INTO imports(origin, fmt, added, entities, doc_ids, events, rejected) "
                         "VALUES(?,?,?,?,?,?,?)", (origin, fmt, now, json.dumps([asdict(e) for e in entities]),
                                                    json.dumps([d.id for d in documents]), len(events), rejected))
        import_id = int(cur.lastrowid or 0)
        db.executemany("INSERT INTO imported_events(import_id, event_id, data) VALUES(?,?,?)",
                       [(import_id, ev.id, json.dumps(ev.to_json(), ensure_ascii=False)) for ev in events])
        ws.set_meta(db, "merge_pending", "1")
    return import_id, replaced


def _only_imported(db: sqlite3.Connection, doc_id: str) -> bool:
    row = db.execute("SELECT extractor FROM documents WHERE id=?", (doc_id,)).fetchone()
    return row is None or row[0] == EXTRACTOR


def imports(ws: Workspace) -> list[ImportRecord]:
    """The stored imports, oldest first."""
    return [ImportRecord(*r) for r in ws.db.execute(
        "SELECT id, origin, fmt, added, events, rejected FROM imports ORDER BY id")]


def imported_results(ws: Workspace) -> list[ImportedResult]:
    """Each import's events and companies, for the merge."""
    out = []
    for imp_id, origin, ents in ws.db.execute("SELECT id, origin, entities FROM imports ORDER BY id").fetchall():
        events = [Event.from_json(json.loads(r[0])) for r in ws.db.execute(
            "SELECT data FROM imported_events WHERE import_id=? ORDER BY rowid", (imp_id,))]
        entities = {e["id"]: Entity(**e) for e in json.loads(ents)}
        doc = Document(id=f"import:{imp_id}", path=origin, title=f"Imported from {origin}", text="")
        out.append(ImportedResult(doc, entities, events))
    return out


def split_imported(results: list[DocResult]) -> tuple[list[DocResult], list[ImportedResult]]:
    """Extracted results (for the cross-source merge) apart from imported ones."""
    return ([r for r in results if not isinstance(r, ImportedResult)],
            [r for r in results if isinstance(r, ImportedResult)])


def add_imported(entities: dict[str, Entity], events: list[Event],
                 imported: list[ImportedResult]) -> tuple[dict[str, Entity], list[Event]]:
    """The merged events with the imported ones added (an imported event with the id of an extracted one, i.e.
    the same evidence, is already there), and the companies they name added to the entities."""
    seen = {e.id for e in events}
    out = list(events)
    for r in imported:
        for eid, ent in r.entities.items():
            entities.setdefault(eid, ent)
        for ev in r.events:
            if ev.id not in seen:
                seen.add(ev.id)
                out.append(ev)
    return entities, out
