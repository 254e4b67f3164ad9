"""Storing an import while it is read, batch by batch, in one transaction (issue 23: a million rows in bounded
memory). The import is stored as :func:`.imports.save_import` stores it (an ``imports`` row, its events in
``imported_events``, its provenance documents), replacing an earlier import of the same file.

When nothing else needs merging — no merge pending, no active user edit (an edit may change imported events), no
earlier import of this file to take out — the merge would only add the imported events next to the merged
ones. Then each batch is also written straight into the merged tables (events, their sources and companies,
the search index, built from the batch's own provenance text) and the timeline's arrays are extended, so no
merge has to load every event again (``merge_needed`` is False); a large file imported so into a small
workspace drops the lookup indexes of sources and companies inside the transaction and builds them once at its
end, with the same SQL (``DEFERRED_INDEXES``). Otherwise the import is stored and the caller runs the merge
(``core.ingest.remerge``), as before."""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from dataclasses import asdict, dataclass, field
from json.encoder import encode_basestring
from typing import Any

import numpy as np

from ..index import EventColumns
from ..model import DocResult, Document, Entity, Event, when_iso
from .imports import EXTRACTOR, _only_imported
from .workspace import Workspace

#: ids looked up per statement
_CHUNK = 500
#: SQLite's page cache while an import is written (KiB): the indexes keyed by event id take inserts in random
#: order, and a large import's transaction spills them to the file and reads them back with the default 2 MB
IMPORT_CACHE_KIB = 128 * 1024
#: lookup indexes of the merged tables that a large import into a small workspace builds once at its end
DEFERRED_INDEXES = ("event_sources_event", "event_companies_company")
#: the smallest file for that, and the bytes a row is reckoned to take (a generous estimate of the rows)
BULK_BYTES = 16 * 2**20
BYTES_PER_ROW = 200
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder (json.dumps makes one per call with options)
_DUMP = json.JSONEncoder().encode


def concat_columns(parts: list[EventColumns]) -> EventColumns:
    """The events of ``parts`` one after the other as one set of columns (lanes joined by company name; a lane's
    parent is the first part's that names it)."""
    names: dict[str, int] = {}
    parents: list[str | None] = []
    p_event, p_lane = [], []
    offset = 0
    for part in parts:
        remap = np.empty(len(part.companies), dtype=np.int32)
        for i, (c, parent) in enumerate(zip(part.companies, part.parents, strict=True)):
            if c not in names:
                names[c] = len(names)
                parents.append(parent)
            remap[i] = names[c]
        p_event.append(part.p_event.astype(np.int32) + offset)
        p_lane.append(remap[part.p_lane] if len(part.p_lane) else part.p_lane.astype(np.int32))
        offset += part.n

    def cat(key: str, dtype: type) -> np.ndarray:
        return np.concatenate([getattr(p, key) for p in parts]).astype(dtype) if parts else np.empty(0, dtype)

    return EventColumns(
        t0=cat("t0", np.float64), t1=cat("t1", np.float64), type_code=cat("type_code", np.int8),
        precision_code=cat("precision_code", np.int8), status_code=cat("status_code", np.int8),
        confidence=cat("confidence", np.float32),
        p_event=np.concatenate(p_event).astype(np.int32) if p_event else np.empty(0, np.int32),
        p_lane=np.concatenate(p_lane).astype(np.int32) if p_lane else np.empty(0, np.int32),
        companies=list(names), parents=parents)


def subset_columns(cols: EventColumns, keep: np.ndarray) -> EventColumns:
    """The events of ``cols`` where ``keep`` is true (lanes left without events dropped)."""
    new_row = np.cumsum(keep) - 1
    placed = keep[cols.p_event]
    lanes, p_lane = np.unique(cols.p_lane[placed], return_inverse=True)
    return EventColumns(t0=cols.t0[keep], t1=cols.t1[keep], type_code=cols.type_code[keep],
                        precision_code=cols.precision_code[keep], status_code=cols.status_code[keep],
                        confidence=cols.confidence[keep], p_event=new_row[cols.p_event[placed]].astype(np.int32),
                        p_lane=p_lane.astype(np.int32), companies=[cols.companies[i] for i in lanes],
                        parents=[cols.parents[i] for i in lanes])


_LISTS: dict[tuple[str, ...], str] = {}
_TEXT_LISTS: dict[tuple[str, ...], str] = {}


def _list(items: list[str], lists: dict[tuple[str, ...], str] = _LISTS, dump: Any = _DUMP) -> str:
    """``json.dumps(items)``, remembered (a table repeats its companies); with ``_TEXT_LISTS`` and ``_ENCODE``:
    as ``json.dumps(items, ensure_ascii=False)``."""
    if not items:
        return "[]"
    key = tuple(items)
    got = lists.get(key)
    if got is None:
        got = dump(items)
        if all(type(i) is str for i in key):  # only texts: 1 and True are equal keys with other JSON
            if len(lists) > 100_000:
                lists.clear()
            lists[key] = got
    return got


_STR = encode_basestring  # a JSON string as json.dumps(..., ensure_ascii=False) writes it


def event_json(ev: Event) -> str:
    """``json.dumps(ev.to_json(), ensure_ascii=False)``, written without the dict for an event as the importers
    make them (whole-number offsets, a finite confidence, no amounts, no review); any other goes through
    ``to_json`` (so does one with a value that is no text where a text is due: the string encoder refuses it)."""
    conf = round(ev.confidence, 3) if type(ev.confidence) is float else math.nan
    if ev.amounts or ev.review or not math.isfinite(conf) or type(ev.starred) is not bool:
        return _ENCODE(ev.to_json())
    try:
        parts = []
        for x in ev.sources:
            if not (type(x.start) is int and type(x.end) is int and type(x.trigger_start) is int
                    and type(x.trigger_end) is int):
                raise TypeError
            parts.append(f'{{"document": {_STR(x.document)}, "start": {x.start}, "end": {x.end}, '
                         f'"trigger_start": {x.trigger_start}, "trigger_end": {x.trigger_end}}}')
        start, end = when_iso(ev.start, ev.start_time), when_iso(ev.end, ev.end_time)
        return (f'{{"id": {_STR(ev.id)}, "type": {_STR(ev.type)}, "summary": {_STR(ev.summary)}, '
                f'"start": {"null" if start is None else _STR(start)}, "end": {"null" if end is None else _STR(end)}, '
                f'"precision": {_STR(ev.precision)}, "status": {_STR(ev.status)}, '
                f'"companies": {_list(ev.companies, _TEXT_LISTS, _ENCODE)}, '
                f'"people": {_list(ev.people, _TEXT_LISTS, _ENCODE)}, '
                f'"places": {_list(ev.places, _TEXT_LISTS, _ENCODE)}, "amounts": [], "sources": [{", ".join(parts)}], '
                f'"confidence": {float.__repr__(conf)}, "edited": {_list(ev.edited, _TEXT_LISTS, _ENCODE)}, '
                f'"notes": {_STR(ev.notes)}, "tags": {_list(ev.tags, _TEXT_LISTS, _ENCODE)}, '
                f'"starred": {"true" if ev.starred else "false"}}}')
    except TypeError:  # a value of another type: as json.dumps writes it
        return _ENCODE(ev.to_json())


@dataclass
class PreparedBatch:
    """A batch of imported events made ready to store: per event in order its id, JSON for ``imported_events``
    and search text; its ``events`` columns (``ROW_COLUMNS``, one list per column); its source and company rows,
    all in one list each with how many each event has; and the batch's provenance documents, the companies it
    names and its timeline columns. Needs no database: a worker process can make it (lists of columns and flat
    lists travel between processes at a fraction of the cost of a tuple per event)."""

    documents: list[Document]
    entities: list[Entity]
    ids: list[str]
    data: list[str]
    rows: list[list[Any]]
    sources: list[tuple[Any, ...]]
    n_sources: list[int]
    companies: list[tuple[str, str]]
    n_companies: list[int]
    bodies: list[str]
    columns: EventColumns


#: the columns of ``PreparedBatch.rows``; an imported event has no curation yet (edited, notes, tags, starred)
ROW_COLUMNS = ("id", "type", "summary", "start", "end", "precision", "status", "companies", "people", "places",
               "amounts", "confidence")
_INSERT_EVENTS = (f"INSERT INTO events(rowid, {', '.join(ROW_COLUMNS)}, edited, notes, tags, starred) "
                  f"VALUES(?, {', '.join('?' * len(ROW_COLUMNS))}, '[]', '', '[]', 0)")


def prepare_batch(documents: list[Document], entities: list[Entity], events: list[Event]) -> PreparedBatch:
    """:class:`PreparedBatch` of built import rows (``RowBuilder.build``)."""
    texts = {d.id: (d.text, d.title) for d in documents}
    ids, data, rows, sources, companies, bodies = [], [], [], [], [], []
    n_sources, n_companies = [], []
    for ev in events:
        ids.append(ev.id)
        data.append(event_json(ev))
        comp = _list(ev.companies)
        rows.append((ev.id, ev.type, ev.summary, when_iso(ev.start, ev.start_time), when_iso(ev.end, ev.end_time),
                     ev.precision, ev.status, comp, _list(ev.people), _list(ev.places),
                     _DUMP(ev.to_json()["amounts"]) if ev.amounts else "[]", ev.confidence))
        sources += [(ev.id, s.document, s.start, s.end, s.trigger_start, s.trigger_end) for s in ev.sources]
        n_sources.append(len(ev.sources))
        companies += [(ev.id, c) for c in ev.companies]
        n_companies.append(len(ev.companies))
        # the search row as core/store/search.py builds it: summary, companies, each source's sentence + title
        evidence = [f"{texts[s.document][0][s.start:s.end]} {texts[s.document][1] or ''}"
                    for s in ev.sources if s.document in texts]
        bodies.append(f"{ev.summary or ''} {comp} {' '.join(evidence)}")
    cols = EventColumns.from_events(events, {e.name: e.parent for e in entities})
    by_column = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in ROW_COLUMNS]
    return PreparedBatch(documents, entities, ids, data, by_column, sources, n_sources, companies, n_companies,
                         bodies, cols)


@dataclass
class EventAppender:
    """Adds prepared events to the merged tables after the rows already there (row numbers stay dense), and
    collects their timeline columns (``parts``, to be joined by :func:`concat_columns`); ``parents``: the lane
    parent of each company name (the workspace's entities first)."""

    db: sqlite3.Connection
    next_row: int = 1
    parents: dict[str, str | None] = field(default_factory=dict)
    parts: list[EventColumns] = field(default_factory=list)

    def append(self, batch: PreparedBatch, search_rows: bool = True) -> None:
        """Add a batch's events (an event already there, e.g. the same evidence imported from another file,
        stays as it is); ``search_rows``: with their search rows from the batch (else the caller indexes them)."""
        db = self.db
        ids = batch.ids
        there: set[str] = set()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            there.update(r[0] for r in db.execute(
                f"SELECT id FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        keep = np.ones(len(ids), dtype=bool)
        if not there and len(set(ids)) == len(ids):  # every event new (an import into its own lanes): as it is
            first = self.next_row
            self.next_row += len(ids)
            db.executemany(_INSERT_EVENTS, zip(range(first, self.next_row), *batch.rows, strict=True))
            db.executemany("INSERT INTO event_sources VALUES(?,?,?,?,?,?)", batch.sources)
            db.executemany("INSERT INTO event_companies VALUES(?,?)", batch.companies)
            if search_rows:
                db.executemany("INSERT INTO event_fts(event_id, body) VALUES(?,?)", zip(ids, batch.bodies, strict=True))
        else:
            rows, sources, companies, bodies = [], [], [], []
            s_at = c_at = 0
            for k, eid in enumerate(ids):
                s_to, c_to = s_at + batch.n_sources[k], c_at + batch.n_companies[k]
                if eid in there:
                    keep[k] = False
                else:
                    there.add(eid)
                    rows.append((self.next_row, *[column[k] for column in batch.rows]))
                    self.next_row += 1
                    sources += batch.sources[s_at:s_to]
                    companies += batch.companies[c_at:c_to]
                    bodies.append((eid, batch.bodies[k]))
                s_at, c_at = s_to, c_to
            db.executemany(_INSERT_EVENTS, rows)
            db.executemany("INSERT INTO event_sources VALUES(?,?,?,?,?,?)", sources)
            db.executemany("INSERT INTO event_companies VALUES(?,?)", companies)
            if search_rows:
                db.executemany("INSERT INTO event_fts(event_id, body) VALUES(?,?)", bodies)
        if keep.any():
            part = batch.columns if keep.all() else subset_columns(batch.columns, keep)
            part.parents = [self.parents.get(c, p) for c, p in zip(part.companies, part.parents, strict=True)]
            self.parts.append(part)


@dataclass
class ImportWriter:
    """One import being stored inside the caller's write transaction (``db``): :meth:`begin`, then :meth:`add`
    for each batch of provenance documents and events, then :meth:`finish`."""

    ws: Workspace
    db: sqlite3.Connection
    origin: str
    fmt: str
    import_id: int = 0
    replaced: int = 0
    #: whether the merged tables still have to be rebuilt from the stored imports (see the module's docstring)
    merge_needed: bool = True
    events: int = 0
    doc_ids: list[str] = field(default_factory=list)
    _old_docs: list[str] = field(default_factory=list)
    _appender: EventAppender | None = None
    _entities: dict[str, Entity] = field(default_factory=dict)
    _cache: int = -2000
    #: the file's size in bytes, when known: a large file into a small workspace has its lookup indexes of
    #: sources and companies built once at the end (:data:`DEFERRED_INDEXES`) instead of row by row
    file_bytes: int = 0
    _deferred: list[str] = field(default_factory=list)

    def begin(self) -> ImportWriter:
        """Take out an earlier import of the same file and start this one; decide whether the merged tables can
        be extended as the batches come (see the module's docstring)."""
        db = self.db
        for old_id, old_docs in db.execute("SELECT id, doc_ids FROM imports WHERE origin=?",
                                           (self.origin,)).fetchall():
            self.replaced += db.execute("SELECT count(*) FROM imported_events WHERE import_id=?",
                                        (old_id,)).fetchone()[0]
            db.execute("DELETE FROM imported_events WHERE import_id=?", (old_id,))
            db.execute("DELETE FROM imports WHERE id=?", (old_id,))
            self._old_docs += json.loads(old_docs)
        self._cache = int(db.execute("PRAGMA cache_size").fetchone()[0])
        db.execute(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        cur = db.execute("INSERT INTO imports(origin, fmt, added, entities, doc_ids, events, rejected) "
                         "VALUES(?,?,?,?,?,?,?)", (self.origin, self.fmt, now, "[]", "[]", 0, 0))
        self.import_id = int(cur.lastrowid or 0)
        quiet = (not self._old_docs and self.ws.meta("merge_pending") != "1"
                 and db.execute("SELECT 1 FROM edits WHERE reverted=0 LIMIT 1").fetchone() is None)
        if quiet:
            self.merge_needed = False
            self._defer_indexes()
            self._appender = EventAppender(
                db, int(db.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]) + 1,
                {r[0]: r[1] for r in db.execute("SELECT name, parent FROM entities WHERE kind='company'")},
                [self.ws.event_columns()])
        return self

    def add(self, documents: list[Document], entities: list[Entity], events: list[Event]) -> None:
        """Store one batch: its provenance documents, the companies it names and its events."""
        self.add_prepared(prepare_batch(documents, entities, events))

    def add_prepared(self, batch: PreparedBatch) -> None:
        """Store one batch made ready by :func:`prepare_batch` (here or in a worker process)."""
        db = self.db
        for d in batch.documents:
            if _only_imported(db, d.id):  # never replace an article the workspace extracted itself
                self.ws.write_document(db, DocResult(d, {}, []), EXTRACTOR, self.fmt)
        self.doc_ids += [d.id for d in batch.documents]
        db.executemany("INSERT INTO imported_events(import_id, event_id, data) VALUES(?,?,?)",
                       [(self.import_id, i, data) for i, data in zip(batch.ids, batch.data, strict=True)])
        self.events += len(batch.ids)
        for e in batch.entities:
            self._entities.setdefault(e.id, e)
            if self._appender is not None:
                self._appender.parents.setdefault(e.name, e.parent)
        if self._appender is not None:
            self._appender.append(batch)

    def _defer_indexes(self) -> None:
        """Drop :data:`DEFERRED_INDEXES` inside the transaction when the file likely holds at least as many rows
        as the workspace has events (:meth:`finish` builds them again, with the same SQL; a failed or killed
        import rolls the drop back with everything else)."""
        existing = int(self.db.execute("SELECT count(*) FROM events").fetchone()[0])
        if self.file_bytes < BULK_BYTES or existing > self.file_bytes // BYTES_PER_ROW:
            return
        for name in DEFERRED_INDEXES:
            row = self.db.execute("SELECT sql FROM sqlite_master WHERE type='index' AND name=?", (name,)).fetchone()
            if row is not None and row[0]:
                self._deferred.append(str(row[0]))
                self.db.execute(f"DROP INDEX {name}")  # names of DEFERRED_INDEXES, the app's own

    def restore_cache(self) -> None:
        """Give the connection its page cache size back (also when the import failed)."""
        self.db.execute(f"PRAGMA cache_size={self._cache}")

    def finish(self, rejected: int) -> None:
        """Complete the import's record; drop the documents of the import it replaced that no longer serve;
        with the merged tables extended, their companies and the timeline's arrays too, else mark the merge
        pending."""
        db = self.db
        self.restore_cache()
        db.execute("UPDATE imports SET entities=?, doc_ids=?, events=?, rejected=? WHERE id=?",
                   (json.dumps([asdict(e) for e in self._entities.values()]), json.dumps(self.doc_ids),
                    self.events, rejected, self.import_id))
        kept = set(self.doc_ids)
        for doc_id in self._old_docs:
            if doc_id not in kept and _only_imported(db, doc_id):
                db.execute("DELETE FROM documents WHERE id=?", (doc_id,))
        if self.merge_needed:
            self.ws.set_meta(db, "merge_pending", "1")
            return
        db.executemany("INSERT OR IGNORE INTO entities(id, name, kind, aliases, parent, info) VALUES(?,?,?,?,?,?)",
                       [(e.id, e.name, e.kind, json.dumps(e.aliases), e.parent, json.dumps(e.info, default=str))
                        for e in self._entities.values()])
        assert self._appender is not None
        cols = concat_columns(self._appender.parts)
        self._appender.parts = [cols]
        db.execute("INSERT OR REPLACE INTO columns(id, data) VALUES(1, ?)", (cols.to_bytes(),))
        for sql in self._deferred:  # as it was created (the SQL read back from the schema)
            db.execute(sql)
        self.ws.set_meta(db, "merge_pending", "0")  # as a merge leaves it: the merged tables are up to date
