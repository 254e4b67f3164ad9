"""The merge of a workspace with imports and no user edits, in bounded memory (issue 23; issue 24 item 4).

Imported events never take part in the cross-source merge: they are added next to the merged extracted events
(``imports.add_imported``). Without edits nothing else changes them, so instead of loading every imported event
as an object (a million-row import took gigabytes), the extracted articles are merged as before and each
import's events are then streamed from ``imported_events`` in batches, written after the extracted ones with
their search rows (from their provenance documents, a few kept at a time) and timeline columns. What is stored
is what the full rebuild stores (the same events, sources, companies, search rows, entities and columns); only
the imported events' row order differs (import order instead of date order), which nothing depends on."""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from collections.abc import Iterable

from ..index import EventColumns
from ..model import DocResult, Document, Entity, Event
from . import search
from .import_stream import EventAppender, concat_columns, prepare_batch
from .imports import EXTRACTOR
from .workspace import Workspace

#: imported events read and written at a time
BATCH = 10_000
#: provenance documents kept at a time (their lines are the imported events' evidence)
DOCUMENTS_KEPT = 64


def has_imports(ws: Workspace) -> bool:
    """Whether the workspace holds an import."""
    return ws.db.execute("SELECT 1 FROM imports LIMIT 1").fetchone() is not None


def extracted_results(ws: Workspace) -> list[DocResult]:
    """``Workspace.doc_results`` without the imports' provenance documents (they carry no extraction)."""
    out = []
    for doc_id, result in ws.db.execute("SELECT id, result FROM documents WHERE extractor IS NOT ? ORDER BY path",
                                        (EXTRACTOR,)).fetchall():
        doc = ws.document(doc_id, with_mentions=False)
        if doc is None:
            continue
        res = json.loads(result)
        out.append(DocResult(doc, {e["id"]: Entity(**e) for e in res["entities"]},
                             [Event.from_json(e) for e in res["events"]]))
    return out


class _Documents:
    """Provenance documents by id, the most recently used kept."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.kept: OrderedDict[str, Document | None] = OrderedDict()

    def fetch(self, ids: Iterable[str]) -> list[Document]:
        out = []
        for i in dict.fromkeys(ids):
            if i in self.kept:
                self.kept.move_to_end(i)
            else:
                self.kept[i] = self.ws.document(i, with_mentions=False)
                if len(self.kept) > DOCUMENTS_KEPT:
                    self.kept.popitem(last=False)
            if (d := self.kept[i]) is not None:
                out.append(d)
        return out


def rebuild(ws: Workspace, entities: dict[str, Entity], events: list[Event]) -> None:
    """Replace the merged tables with ``events`` (the merged extracted events) and every import's events after
    them, in one transaction (see the module's docstring); ``entities``: the merged extracted entities."""
    with ws.transaction() as db:
        for table in ("columns", "entities", "events", "event_sources", "event_companies", "event_fts"):
            db.execute(f"DELETE FROM {table}")  # the app's own table names
        imports = db.execute("SELECT id, entities FROM imports ORDER BY id").fetchall()
        for _id, ents in imports:
            for e in json.loads(ents):
                entities.setdefault(e["id"], Entity(**e))
        db.executemany("INSERT INTO entities(id, name, kind, aliases, parent, info) VALUES(?,?,?,?,?,?)",
                       [(e.id, e.name, e.kind, json.dumps(e.aliases), e.parent, json.dumps(e.info, default=str))
                        for e in entities.values()])
        parents = {e.name: e.parent for e in entities.values() if e.kind == "company"}
        appender = EventAppender(db, 1, parents)
        events.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
        appender.append(prepare_batch([], [], events), search_rows=False)  # their evidence: in articles
        search.index_events(db, [ev.id for ev in events])
        if not events:
            appender.parts.append(EventColumns.from_events([], parents))
        docs = _Documents(ws)
        for import_id, ents in imports:
            import_entities = [Entity(**e) for e in json.loads(ents)]
            cur = db.execute("SELECT data FROM imported_events WHERE import_id=? ORDER BY rowid", (import_id,))
            while rows := cur.fetchmany(BATCH):
                batch = [Event.from_json(json.loads(r[0])) for r in rows]
                cited = docs.fetch(s.document for ev in batch for s in ev.sources)
                appender.append(prepare_batch(cited, import_entities, batch))
        db.execute("INSERT INTO columns(id, data) VALUES(1, ?)", (concat_columns(appender.parts).to_bytes(),))
        ws.set_meta(db, "merge_pending", "0")
