"""The ingest service: the one place that runs read → extract → merge → store.

The CLI and the GUI call these functions; the store only stores, extraction is a pure function of one article,
and the merge works on the per-document results the store keeps."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .merge import merge_results
from .model import DocResult
from .read.readers import Problem, RawArticle, iter_articles, iter_files
from .store import clusters, import_merge, kb_store
from .store import edits as edit_store
from .store.anchors import doc_target, source_anchor
from .store.edits import EditRecord
from .store.errors import WorkspaceError
from .store.imports import add_imported, imported_results, split_imported
from .store.kb_store import workspace_kb
from .store.quarantine import UNREAD, find_bad_rows, is_damage, quarantine_bad_rows, rebuild_search_index
from .store.replay import MERGE_CACHE, EditPlan
from .store.safe_open import describe_error
from .store.workspace import Workspace

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
#: Told after each batch of articles is committed (the number of articles stored so far in this ingest).
Stored = Callable[[int], None]

#: Without user edits, a workspace with imports is merged streaming the imported events (store/import_merge.py)
STREAM_IMPORTS = True
#: Documents written per transaction by the one writer.
WRITE_BATCH = 32


@dataclass
class IngestReport:
    """What an ingest did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    merge: clusters.MergeStats | None = None


def open_workspace(path: str | Path, kb_files: list[str] | None = None, finish_merge: bool = True,
                   check_rows: bool | Literal["unread"] = True) -> Workspace:
    """Open (or create) a workspace and finish a merge that an interrupted ingest left pending. Readers (export,
    report, the viewer) pass ``finish_merge=False``: they see the events as last merged, at once, and
    ``merge_pending(ws)`` tells them a merge is still to be done (the viewer runs it off the UI thread).
    ``check_rows=False`` leaves out the scan for damaged rows (a read of every row): the viewer runs it off the UI
    thread once the window shows (:func:`put_aside_bad_rows` then). ``check_rows="unread"``: a reader that checks
    every event and source as it reads them (``quarantine.ReadCheck``) has only the other tables scanned (the
    articles, the entities: few rows); when that scan finds a bad row, the whole workspace is checked as usual."""
    ws = Workspace(path)
    try:
        _finish_open(ws, kb_files, finish_merge, check_rows)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as e:  # damage the file check could not see: in words
        ws.close()
        raise WorkspaceError(describe_error(ws.path, e)) from None
    return ws


def merge_pending(ws: Workspace) -> bool:
    """Whether stored articles or edits are not in the merged events yet (an ingest, an import or an edit was
    interrupted, or another process is adding articles)."""
    return ws.meta("merge_pending") == "1"


def put_aside_bad_rows(ws: Workspace) -> list[str]:
    """Put aside the rows of ``ws`` that cannot be read (a message each, also added to ``ws.warnings``), so
    that they are not met later as a traceback; the write lock is taken only when there is something to do."""
    try:
        if not find_bad_rows(ws.db):
            return []
        with ws.transaction() as db:
            messages = quarantine_bad_rows(db)
    except sqlite3.DatabaseError as e:
        if is_damage(e):
            raise
        messages = [f"the workspace could not be checked for damaged rows ({e})"]
    ws.warnings.extend(messages)
    return messages


def _finish_open(ws: Workspace, kb_files: list[str] | None, finish_merge: bool,
                 check_rows: bool | Literal["unread"]) -> None:
    """Put aside damaged rows and finish a pending merge (see :func:`open_workspace`)."""
    if ws.read_only:
        ws.meta("merge_pending")  # reads the schema's pages: a damaged file is found now
        return
    if check_rows == "unread":
        try:
            unread_bad = bool(find_bad_rows(ws.db, UNREAD))
        except sqlite3.DatabaseError as e:
            if is_damage(e):
                raise
            unread_bad = True  # put_aside_bad_rows says why the check cannot be made
        if unread_bad:
            put_aside_bad_rows(ws)
    elif check_rows:
        put_aside_bad_rows(ws)
    else:
        ws.meta("merge_pending")  # reads the schema's pages: a damaged file is found now
    if not finish_merge:
        return
    if ws.meta("merge_pending") == "1":
        try:
            remerge(ws, kb_files, only_if_pending=True)
        except sqlite3.OperationalError:  # disk full or busy: the merge stays pending for the next open
            pass
        except Exception as e:  # a damaged workspace still opens, with what it holds
            ws.warnings.append(f"the events could not be merged again ({type(e).__name__}: {e}); "
                               "the timeline shows them as last merged")


def remerge(ws: Workspace, kb_files: list[str] | None = None, only_if_pending: bool = False,
            full: bool = False, should_stop: Cancelled | None = None) -> clusters.MergeStats | None:
    """:func:`merge_once`; when the derived search index turns out damaged, it is rebuilt and the merge redone."""
    try:
        return merge_once(ws, kb_files, only_if_pending, full, should_stop)
    except sqlite3.DatabaseError as e:
        if not is_damage(e):
            raise
        rebuild_search_index(ws.db)
        ws.warnings.append("the search index was damaged and has been rebuilt")
        return merge_once(ws, kb_files, only_if_pending, full, should_stop)


def merge_once(ws: Workspace, kb_files: list[str] | None = None, only_if_pending: bool = False,
               full: bool = False, should_stop: Cancelled | None = None) -> clusters.MergeStats | None:
    """Bring the merged events up to date with the stored documents. Without user edits the merge is
    incremental (only documents not merged yet and the merge components they touch; ``full`` rebuilds all);
    with edits, entities and events are rebuilt from every stored result and the edits replayed on top;
    which edits could not be placed is stored for the user.

    Reading the results and writing the merge happen in one write transaction, so a document another process
    adds meanwhile is never overwritten by a merge that did not see it; with ``only_if_pending`` the merge is
    skipped when another process has already done it. ``should_stop`` (asked between steps) cancels the merge:
    :class:`~.store.clusters.MergeCancelled`, nothing written, the merge left pending."""
    kb = workspace_kb(ws, kb_files)
    with ws.transaction():
        if only_if_pending and ws.meta("merge_pending") != "1" and not clusters.needs_full_rebuild(ws.db):
            return None
        history = edit_store.history(ws, active_only=True)
        if not history and not import_merge.has_imports(ws):
            return clusters.sync(ws, kb, full=full, should_stop=should_stop)
        clusters.check_stop(should_stop)
        if not history and STREAM_IMPORTS:  # nothing changes imported events: streamed, memory bounded
            import_merge.rebuild(ws, *merge_results(import_merge.extracted_results(ws), kb, keep=set()))
            edit_store.write_state(ws, {}, [], {})
            return None
        imported_now = imported_results(ws)
        # edits or imported events: rebuild from every stored result (imported events join after the merge)
        plan = EditPlan(history)
        results = plan.before_merge([*ws.doc_results(), *imported_now])
        key = MERGE_CACHE.key(ws.db, plan, (kb_store.identity(ws), len(imported_now),
                                            tuple((r.document.id, len(r.events)) for r in imported_now)))
        merged = None if full else MERGE_CACHE.get(str(ws.path), key)  # event edits reuse the last merge
        if merged is None:
            extracted, imported = split_imported(results)
            merged = add_imported(*merge_results(extracted, kb, keep=_user_company_names(history)), imported)
            MERGE_CACHE.put(str(ws.path), key, *merged)
        entities, events = merged
        clusters.check_stop(should_stop)
        applied = plan.after_merge(entities, events, results)
        events = applied.events
        events.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
        ws.write_events(applied.entities, events)
        edit_store.write_state(ws, applied.status, [(ev.id, json.dumps(ev.to_json()), rec_id)
                                                    for ev, rec_id in applied.trash], applied.retarget)
    return None


def _user_company_names(history: list[EditRecord]) -> set[str]:
    """The company names the user's company edits name (renamed, aliased, grouped, not a company, and the names
    given): the automatic resolution leaves them as the user said."""
    names: set[str] = set()
    for rec in history:
        if rec.kind.startswith("company."):
            names.add(str(rec.target.get("name", "")))
            names.update(str(rec.payload[k]) for k in ("name", "into", "parent") if rec.payload.get(k))
    return names - {""}


class _Latch:
    """A cancel callback that stays true once it has said so."""

    def __init__(self, cancelled: Cancelled | None):
        self.cancelled, self.set = cancelled, False

    def __call__(self) -> bool:
        self.set = self.set or bool(self.cancelled and self.cancelled())
        return self.set


def ingest(ws: Workspace, paths: Iterable[str | Path], kb_files: list[str] | None = None,
           progress: Progress | None = None, cancelled: Cancelled | None = None,
           workers: int | None = 1, stored: Stored | None = None, flush_seconds: float = 1.0) -> IngestReport:
    """Add or update articles; unchanged ones (same text) are skipped before extraction; then merge across
    sources incrementally. Articles are read one at a time and extracted by ``workers`` processes (None: all
    cores); one writer stores them in batched transactions. With ``stored`` (a viewer showing results while
    they come in), a batch is also committed once ``flush_seconds`` passed since the last one, and ``stored``
    is told after each commit (it may merge what is stored so far: the workspace is consistent then)."""
    from .extract.document import EXTRACTOR_VERSION, document_id  # here: reading a workspace never loads them
    from .parallel import extract_many, workers_for

    report = IngestReport()
    paths = [str(p) for p in paths]
    kb = workspace_kb(ws, kb_files)
    total = sum(1 for f in iter_files(paths) if not isinstance(f, Problem))
    done = 0
    cancel = _Latch(cancelled)
    seen: set[str] = set()
    again: list[tuple[str, str]] = []  # the same text met twice in this run: another location of one document

    def tick(label: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(min(done, total), max(total, done), label)

    def todo() -> Iterable[tuple[RawArticle, dt.date | None]]:
        for item in iter_articles(paths):
            if isinstance(item, Problem):
                report.problems.append(item)
                continue
            item.path = _resolved(item.path)  # one spelling per file: "a.txt" and "/abs/a.txt" are one location
            did = document_id(item.text)  # identity is the text's hash, checked before any extraction
            row = ws.db.execute("SELECT extractor FROM documents WHERE id=?", (did,)).fetchone()
            if did in seen or (row and row[0] == EXTRACTOR_VERSION):
                if did in seen:
                    again.append((item.label, did))
                else:
                    _known(ws, item.label, did, report)
                tick(item.label)
                continue
            seen.add(did)
            yield item, edit_store.user_date_for(ws, did, item.label, item.text)[1]

    batch: list[tuple[RawArticle, DocResult]] = []
    n_workers = workers_for(workers, total) if workers != 1 else 1
    last_write = time.monotonic()
    from .workspace_model import learned_model  # with the first extraction, like the pool

    model = learned_model(ws, kb, report.problems) if total else None  # nothing to read: nothing to learn for
    for raw, result, error in extract_many(todo(), kb, n_workers, cancel, model):
        tick(raw.label)
        if result is None:
            report.problems.append(Problem(raw.label, error or "extraction failed"))
            continue
        batch.append((raw, result))
        if len(batch) >= WRITE_BATCH or (stored is not None and time.monotonic() - last_write >= flush_seconds):
            write_batch(ws, batch, report)
            last_write = time.monotonic()
            if stored is not None:
                stored(len(report.added) + len(report.updated))
    write_batch(ws, batch, report)
    for loc, did in again:
        if ws.db.execute("SELECT 1 FROM documents WHERE id=?", (did,)).fetchone():
            _known(ws, loc, did, report)
    report.cancelled = cancel.set
    if progress:
        progress(total, total, "")
    if report.added or report.updated or ws.meta("merge_pending") == "1" or clusters.needs_full_rebuild(ws.db):
        # another process may have merged already. What a cancelled read stored is merged (shown); a Cancel
        # while the merge runs stops it (rolled back, left pending for the next open or ingest)
        stop = None if cancel.set else cancel
        try:
            report.merge = remerge(ws, kb_files, only_if_pending=True, should_stop=stop)
        except clusters.MergeCancelled as e:
            report.cancelled = True
            report.problems.append(Problem(str(ws.path), str(e), False))
        except sqlite3.OperationalError as e:
            raise WorkspaceError(f"{describe_error(ws.path, e)} (while merging; every article is saved and the "
                                 "merge is redone when the workspace is next opened)") from None
    return report


def _known(ws: Workspace, loc: str, did: str, report: IngestReport) -> None:
    """An article whose text is stored already: unchanged, or one more location of that document."""
    prev = ws.location_document(loc)
    if prev != did:
        others = [p for p in ws.locations(did) if p != loc]
        with ws.transaction() as db:
            ws.move_location(db, loc, did, prev)
        if others:
            report.problems.append(Problem(loc, f"same text as {others[0]}: kept as one document with "
                                                f"{len(others) + 1} locations", False))
    report.unchanged.append(loc)


def write_batch(ws: Workspace, batch: list[tuple[RawArticle, DocResult]], report: IngestReport) -> None:
    """Store extracted documents in one transaction (the one writer); a path that held another text moves on
    to this one, and the older text goes when no other path holds it."""
    from .extract.document import EXTRACTOR_VERSION

    if not batch:
        return
    try:
        with ws.transaction() as db:
            ws.set_meta(db, "merge_pending", "1")
            done = []
            for raw, result in batch:
                loc, did = raw.label, result.document.id
                prev = ws.location_document(loc)
                row = db.execute("SELECT 1 FROM documents WHERE id=?", (did,)).fetchone()
                ws.write_document(db, result, EXTRACTOR_VERSION, raw.fmt)
                ws.move_location(db, loc, did, prev)
                done.append((report.updated if (row or prev) else report.added, loc))
    except sqlite3.OperationalError as e:
        saved = len(report.added) + len(report.updated)
        raise WorkspaceError(f"{describe_error(ws.path, e)} (while saving {batch[0][0].label} and the next "
                             f"{len(batch) - 1}; the {saved} article(s) saved before are kept and the rest can be "
                             "added again)") from None
    for where, loc in done:
        where.append(loc)
    batch.clear()


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def reextract_document(ws: Workspace, doc_id: str, kb_files: list[str] | None = None) -> None:
    """Extract one stored document again with the publication date the user set (or found automatically)."""
    from .extract.document import EXTRACTOR_VERSION, extract_document
    from .extract.nlp import get_nlp
    from .workspace_model import learned_model

    doc = ws.document(doc_id)
    if doc is None:
        raise KeyError(f"no document {doc_id}")
    date = edit_store.user_date_for(ws, doc_id, doc.path, doc.text)[1]
    raw = RawArticle(doc.path, doc.text, title=doc.title, url=doc.url, source=doc.outlet)
    kb = workspace_kb(ws, kb_files)
    result = extract_document(raw, kb, get_nlp(), date_override=date, model=learned_model(ws, kb))
    with ws.transaction() as db:
        ws.write_document(db, result, EXTRACTOR_VERSION, None)
        db.execute("UPDATE documents SET user_date=?, title=? WHERE id=?",
                   (date.isoformat() if date else None, doc.title, doc_id))
        ws.set_meta(db, "merge_pending", "1")


def correct_event(ws: Workspace, event_id: str, field_name: str, value: object) -> None:
    """Record a user's correction of one field of an event and show it at once (see ``curate`` for more)."""

    ev = next((e for e in ws.events() if e.id == event_id), None)
    if ev is None:
        raise KeyError(f"no event {event_id}")
    anchors = [source_anchor(d, s).to_json() for s in ev.sources if (d := ws.document(s.document, False))]
    edit_store.record(ws, "event.set", {"event_id": event_id, "anchors": anchors}, {field_name: value},
                      f"Set {field_name} of “{ev.summary[:60]}”")
    remerge(ws)


def set_document_date(ws: Workspace, doc_id: str, date: dt.date | None, kb_files: list[str] | None = None) -> None:
    """Set (or clear) a document's publication date; everything relative in it is re-resolved."""
    doc = ws.document(doc_id, with_mentions=False)
    if doc is None:
        raise KeyError(f"no document {doc_id}")
    edit_store.record(ws, "doc.date", doc_target(doc),
                      {"date": date.isoformat() if date else None},
                      f"Set the date of “{doc.title[:60]}” to {date.isoformat() if date else 'automatic'}")
    reextract_document(ws, doc_id, kb_files)
    remerge(ws, kb_files)
