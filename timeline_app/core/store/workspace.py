"""The workspace: one SQLite file with documents, mentions, entities, events and their sources.

Schema versions live in ``PRAGMA user_version`` and are migrated forward on open. Every write is a
transaction; a kill mid-ingest leaves each document either fully written or absent, and a flag makes
the next open redo the cross-source merge. The user's edits are stored apart (``edits``, ``anchors``,
``replay``) and re-applied after every re-extraction."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..index import EventColumns
from ..model import (
    REVIEW_STATES,
    Amount,
    ClutterSpan,
    DocResult,
    Document,
    Entity,
    Event,
    Mention,
    Source,
    parse_when,
    v3_type,
)
from . import safe_open, schema_audit, search
from .errors import WorkspaceError as WorkspaceError  # re-exported: callers import it with Workspace
from .locations import LocationsMixin
from .quarantine import is_damage, rebuild_search_index
from .safe_open import APPLICATION_ID, check_file, connect, describe_error, refuse_foreign, set_wal
from .schema import MIGRATIONS, SCHEMA_VERSION

_PROVENANCE = "edited, notes, tags, starred, review"


class Workspace(LocationsMixin):
    """A SQLite workspace file. Safe to open from several processes at once: WAL journal, a busy timeout,
    and schema work inside ``BEGIN IMMEDIATE`` so that exactly one process creates or migrates it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.warnings: list[str] = []  # what opening found and repaired (damaged rows put aside), in words
        with safe_open.LOCK:  # no other thread of this process connects between the file check and ours
            self.read_only = check_file(self.path)
            try:
                self.db = connect(self.path, self.read_only)
            except sqlite3.DatabaseError as e:
                raise WorkspaceError(describe_error(self.path, e)) from None
            self._key = safe_open.file_key(self.path)
            safe_open.hold(self._key)
        try:
            refuse_foreign(self.db, self.path)
            if self.version > SCHEMA_VERSION:
                raise WorkspaceError(safe_open.newer_message(self.path, self.version))
            self._refuse_code()
            if not self.read_only:
                set_wal(self.db)
            self._migrate()
            self._refuse_code()
            if self._key is None:  # the file exists now that it has a schema
                self._key = safe_open.file_key(self.path)
                safe_open.hold(self._key)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as e:  # text that is not UTF-8: damaged too
            self.close()
            raise WorkspaceError(describe_error(self.path, e)) from None
        except BaseException:
            self.close()
            raise

    def _refuse_code(self) -> None:
        """Refuse a file holding objects the app did not create (a trigger, a view in place of a table, an
        index on an expression): such a workspace could run its own code inside the app."""
        own = not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")  # one snapshot: the version and the objects another process may be creating
        try:
            found = schema_audit.foreign_objects(self.db, self.version)
        finally:
            if own:
                self.db.execute("COMMIT")
        if found:
            raise WorkspaceError(
                f"{self.path}: refused: the workspace holds {schema_audit.describe_foreign(found)} that Timeline "
                "did not create (a workspace must not carry its own code); left untouched. Rescue its articles and "
                "edits with 'timeline-app recover OLD.timeline NEW.timeline'")

    # -- schema ---------------------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.version == SCHEMA_VERSION:
            return
        if self.version > SCHEMA_VERSION:
            raise WorkspaceError(f"{self.path}: made by a newer Timeline (schema {self.version} > {SCHEMA_VERSION})")
        if self.read_only:
            raise WorkspaceError(f"{self.path}: an older workspace in a read-only place; copy it to a folder "
                                 "you can write to so that it can be upgraded")
        with self.transaction() as db:  # one process migrates; the others wait here and then find it done
            v = self.version
            if v > SCHEMA_VERSION:
                raise WorkspaceError(f"{self.path}: made by a newer Timeline (schema {v} > {SCHEMA_VERSION})")
            for target in range(v + 1, SCHEMA_VERSION + 1):
                for stmt in MIGRATIONS[target]:
                    db.execute(stmt)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``: the write lock is taken at once, waiting for other
        processes up to the busy timeout). Nested use joins the outer transaction."""
        if self.db.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:  # also when COMMIT itself failed (disk full): nothing half-written
                self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the connection (once; later calls do nothing)."""
        key, self._key = getattr(self, "_key", None), None
        try:
            self.db.close()
        finally:
            safe_open.release(key)

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, db: sqlite3.Connection, key: str, value: str) -> None:
        """Set a metadata value inside the caller's transaction."""
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (key, value))

    def user_date(self, doc_id: str) -> dt.date | None:
        """The publication date the user set for a document, if any."""
        row = self.db.execute("SELECT user_date FROM documents WHERE id=?", (doc_id,)).fetchone()
        return dt.date.fromisoformat(row[0]) if row and row[0] else None

    def write_document(self, db: sqlite3.Connection, r: DocResult, extractor: str, fmt: str | None) -> None:
        """Store one document's extraction (inside the caller's transaction), keeping a user-set date."""
        d = r.document
        user_date = db.execute("SELECT user_date FROM documents WHERE id=?", (d.id,)).fetchone()
        db.execute("DELETE FROM documents WHERE id=?", (d.id,))
        result = {"entities": [asdict(e) for e in r.entities.values()], "events": [ev.to_json() for ev in r.events],
                  "warnings": r.warnings}
        db.execute("INSERT INTO documents(id, path, title, text, date, date_source, date_confidence, url, outlet, "
                   "fmt, extractor, clutter, result, added, user_date) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (d.id, d.path, d.title, d.text, d.date.isoformat() if d.date else None, d.date_source,
                    d.date_confidence, d.url, d.outlet, fmt, extractor,
                    json.dumps([asdict(c) for c in d.clutter]), json.dumps(result),
                    dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    user_date[0] if user_date else None))
        db.executemany("INSERT INTO mentions(doc_id, start, end, text, kind, entity, value) VALUES(?,?,?,?,?,?,?)",
                       [(d.id, m.start, m.end, m.text, m.kind, m.entity, m.value) for m in d.mentions])

    # -- merge ----------------------------------------------------------------------------------------
    def doc_results(self) -> list[DocResult]:
        """Every document's stored extraction (without mentions), for the cross-source merge."""
        out = []
        for row in self.db.execute("SELECT id, result FROM documents ORDER BY path"):
            doc = self.document(row[0], with_mentions=False)
            if doc is None:
                continue
            res = json.loads(row[1])
            ents = {e["id"]: Entity(**e) for e in res["entities"]}
            events = [Event.from_json(e) for e in res["events"]]
            out.append(DocResult(doc, ents, events))
        return out

    def write_events(self, entities: dict[str, Entity], events: list[Event]) -> None:
        """Replace the merged entities and events (and the timeline's arrays) in one transaction."""
        parents = {e.name: e.parent for e in entities.values() if e.kind == "company"}
        cols = EventColumns.from_events(events, parents)
        with self.transaction() as db:
            db.execute("DELETE FROM columns")
            db.execute("INSERT INTO columns(id, data) VALUES(1, ?)", (cols.to_bytes(),))
            db.execute("DELETE FROM entities")
            db.execute("DELETE FROM events")
            db.execute("DELETE FROM event_sources")
            db.execute("DELETE FROM event_companies")
            db.executemany("INSERT INTO entities(id, name, kind, aliases, parent, info) VALUES(?,?,?,?,?,?)",
                           [(e.id, e.name, e.kind, json.dumps(e.aliases), e.parent, json.dumps(e.info, default=str))
                            for e in entities.values()])
            for rowid, ev in enumerate(events, start=1):
                j = ev.to_json()
                db.execute("INSERT INTO events(rowid, id, type, summary, start, end, precision, status, "
                           "companies, people, places, amounts, confidence, edited, notes, tags, starred, review) "
                           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           (rowid, ev.id, ev.type, ev.summary, j["start"], j["end"], ev.precision, ev.status,
                            json.dumps(ev.companies), json.dumps(ev.people), json.dumps(ev.places),
                            json.dumps(j["amounts"]), ev.confidence, json.dumps(ev.edited), ev.notes,
                            json.dumps(ev.tags), int(ev.starred), ev.review or None))
                db.executemany("INSERT INTO event_sources VALUES(?,?,?,?,?,?)",
                               [(ev.id, s.document, s.start, s.end, s.trigger_start, s.trigger_end)
                                for s in ev.sources])
                db.executemany("INSERT INTO event_companies VALUES(?,?)", [(ev.id, c) for c in ev.companies])
            search.reindex_all(db)
            self.set_meta(db, "merge_pending", "0")

    # -- reading --------------------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return [d for (i,) in self.db.execute("SELECT id FROM documents ORDER BY path")
                if (d := self.document(i)) is not None]

    def document(self, doc_id: str, with_mentions: bool = True) -> Document | None:
        row = self.db.execute("SELECT id, path, title, text, date, date_source, date_confidence, url, outlet, clutter "
                              "FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            return None
        d = Document(id=row[0], path=row[1], title=row[2] or row[1], text=row[3],
                     date=dt.date.fromisoformat(row[4]) if row[4] else None, date_source=row[5] or "",
                     date_confidence=row[6] or 0.0, url=row[7], outlet=row[8],
                     clutter=[ClutterSpan(**c) for c in json.loads(row[9] or "[]")])
        if with_mentions:
            d.mentions = [Mention(*r) for r in self.db.execute(
                "SELECT start, end, text, kind, entity, value FROM mentions WHERE doc_id=? ORDER BY start", (doc_id,))]
        return d

    def event_columns(self) -> EventColumns:
        """The timeline's arrays: from the stored cache, or rebuilt (and stored) when missing."""
        row = self.db.execute("SELECT data FROM columns WHERE id=1").fetchone()
        if row is not None:
            try:  # never unpickles; a blob that is not ours (or stale) is rebuilt from the tables
                n = self.db.execute("SELECT count(*) FROM events").fetchone()[0]  # sizes checked before decoding
                cols = EventColumns.from_bytes(bytes(row[0]) if isinstance(row[0], (bytes, memoryview)) else b"", n)
                if cols.n == n:
                    return cols
            except ValueError:
                pass
        events = self.events()
        parents = {e.name: e.parent for e in self.entities().values() if e.kind == "company"}
        cols = EventColumns.from_events(events, parents)
        try:
            with self.transaction() as db:
                db.execute("INSERT OR REPLACE INTO columns(id, data) VALUES(1, ?)", (cols.to_bytes(),))
        except sqlite3.OperationalError:  # read-only or busy: the rebuilt arrays still serve this session
            pass
        return cols

    def events_at(self, rows: Iterable[int]) -> dict[int, Event]:
        """Events by row (0-based, the order of ``event_columns``), fetched on demand. A row that cannot be read
        (damaged outside Timeline) is left out: the viewer opens without scanning every row and puts such rows
        aside when its background check finds them."""
        rows = sorted(set(int(r) for r in rows))
        out: dict[int, Event] = {}
        for chunk in (rows[i:i + 500] for i in range(0, len(rows), 500)):
            marks = ",".join("?" * len(chunk))
            ids: dict[str, int] = {}
            for r in self.db.execute(f"SELECT rowid, id, type, summary, start, end, precision, status, companies, "
                                     f"people, places, amounts, confidence, {_PROVENANCE} FROM events "
                                     f"WHERE rowid IN ({marks})",
                                     [c + 1 for c in chunk]):
                try:
                    ev = self._event_row(r[1:])
                except (ValueError, TypeError, KeyError, AttributeError):  # checked when read (issue 23): left
                    continue  # out; the viewer's background row check puts it aside
                out[r[0] - 1] = ev
                ids[ev.id] = r[0] - 1
            if ids:
                qm = ",".join("?" * len(ids))
                for s in self.db.execute(f"SELECT event_id, doc_id, start, end, trigger_start, trigger_end FROM "
                                         f"event_sources WHERE event_id IN ({qm})", list(ids)):
                    out[ids[s[0]]].sources.append(Source(*s[1:]))
        return out

    @staticmethod
    def _event_row(r: tuple[Any, ...]) -> Event:
        (start, start_time), (end, end_time) = parse_when(r[3]), parse_when(r[4])  # a time of day when it has one
        return Event(id=r[0], type=v3_type(r[1]), summary=r[2], start=start, end=end, start_time=start_time,
                     end_time=end_time, precision=r[5], status=r[6],
                     companies=json.loads(r[7]), people=json.loads(r[8]), places=json.loads(r[9]),
                     amounts=[Amount(**a) for a in json.loads(r[10])], sources=[], confidence=r[11],
                     edited=json.loads(r[12] or "[]"), notes=r[13] or "", tags=json.loads(r[14] or "[]"),
                     starred=bool(r[15]), review=r[16] if r[16] in REVIEW_STATES else "")

    def search_events(self, text: str) -> set[int]:
        """Rows of events whose summary, companies, evidence sentences or article titles contain the words of
        ``text`` (word prefixes, any case; SQLite FTS4, see :mod:`.search`)."""
        try:
            return search.search_events(self.db, text)
        except sqlite3.DatabaseError as e:
            if not is_damage(e) or self.read_only:
                raise
            rebuild_search_index(self.db)  # derived from the events: rebuilt, then asked again
            self.warnings.append("the search index was damaged and has been rebuilt")
            return search.search_events(self.db, text)

    def entities(self) -> dict[str, Entity]:
        return {r[0]: Entity(r[0], r[1], r[2], json.loads(r[3] or "[]"), r[4], json.loads(r[5] or "{}"))
                for r in self.db.execute("SELECT id, name, kind, aliases, parent, info FROM entities")}

    def events(self) -> list[Event]:
        srcs: dict[str, list[Source]] = {}
        for r in self.db.execute("SELECT event_id, doc_id, start, end, trigger_start, trigger_end FROM event_sources"):
            srcs.setdefault(r[0], []).append(Source(*r[1:]))
        out = []
        for r in self.db.execute("SELECT id, type, summary, start, end, precision, status, companies, people, places, "
                                 f"amounts, confidence, {_PROVENANCE} FROM events ORDER BY rowid"):
            ev = self._event_row(r)
            ev.sources = srcs.get(r[0], [])
            out.append(ev)
        return out

