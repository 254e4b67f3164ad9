"""The ingest service: the one place that runs read → extract → merge → store.

The CLI and the GUI call these functions; the store only stores, extraction is a pure function of one article,
and the merge works on the per-document results the store keeps."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extract.document import EXTRACTOR_VERSION, document_id, extract_document
from .extract.kb import KnowledgeBase, load_kb
from .extract.nlp import get_nlp
from .merge import merge_results
from .model import DocResult, Document, Entity, Event
from .read.readers import Problem, RawArticle, read_paths
from .store import edits as edit_store
from .store.anchors import doc_target, source_anchor
from .store.errors import WorkspaceError
from .store.replay import EditPlan
from .store.safe_open import describe_error
from .store.workspace import Workspace

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass
class IngestReport:
    """What an ingest did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class Corpus:
    """A merged extraction over many articles (no workspace)."""

    documents: list[Document]
    entities: dict[str, Entity]
    events: list[Event]
    problems: list[Problem]


def open_workspace(path: str | Path, kb_files: list[str] | None = None) -> Workspace:
    """Open (or create) a workspace and finish a merge that an interrupted ingest left pending."""
    ws = Workspace(path)
    if ws.meta("merge_pending") == "1" and not ws.read_only:
        # disk full or busy: open what is there; the merge stays pending for the next open
        with contextlib.suppress(sqlite3.OperationalError):
            remerge(ws, kb_files, only_if_pending=True)
    return ws


def remerge(ws: Workspace, kb_files: list[str] | None = None, only_if_pending: bool = False) -> None:
    """Rebuild entities and merged events from the stored per-document results, with the user's edits
    replayed on top; which edits could not be placed is stored for the user.

    Reading the results and writing the merge happen in one write transaction, so a document another process
    adds meanwhile is never overwritten by a merge that did not see it; with ``only_if_pending`` the merge is
    skipped when another process has already done it."""
    kb = load_kb(kb_files)
    with ws.transaction():
        if only_if_pending and ws.meta("merge_pending") != "1":
            return
        plan = EditPlan(edit_store.history(ws, active_only=True))
        results = plan.before_merge(ws.doc_results())
        entities, events = merge_results(results, kb)
        applied = plan.after_merge(entities, events, results)
        events = applied.events
        events.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
        ws.write_events(applied.entities, events)
        edit_store.write_state(ws, applied.status, [(ev.id, json.dumps(ev.to_json()), rec_id)
                                                    for ev, rec_id in applied.trash], applied.retarget)


def ingest(ws: Workspace, paths: Iterable[str | Path], kb_files: list[str] | None = None,
           progress: Progress | None = None, cancelled: Cancelled | None = None) -> IngestReport:
    """Add or update articles; unchanged ones are skipped; then merge across sources."""
    report = IngestReport()
    raws, report.problems = read_paths([str(p) for p in paths])
    kb = load_kb(kb_files)
    for i, raw in enumerate(raws):
        if cancelled and cancelled():
            report.cancelled = True
            break
        if progress:
            progress(i, len(raws), raw.label)
        raw.path = _resolved(raw.path)  # one spelling per file: "a.txt" and "/abs/a.txt" are one location
        did = document_id(raw.text)
        try:
            _ingest_one(ws, raw, did, kb, get_nlp, report)
        except sqlite3.OperationalError as e:
            saved = len(report.added) + len(report.updated)
            raise WorkspaceError(f"{describe_error(ws.path, e)} (while saving {raw.label}; the {saved} article(s) "
                                 "saved before it are kept and the rest can be added again)") from None
    if progress:
        progress(len(raws), len(raws), "")
    if report.added or report.updated or ws.meta("merge_pending") == "1":
        try:
            remerge(ws, kb_files, only_if_pending=True)  # another process may have merged our documents already
        except sqlite3.OperationalError as e:
            raise WorkspaceError(f"{describe_error(ws.path, e)} (while merging; every article is saved and the "
                                 "merge is redone when the workspace is next opened)") from None
    return report


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def _ingest_one(ws: Workspace, raw: RawArticle, did: str, kb: KnowledgeBase, nlp: Callable[[], Any],
                report: IngestReport) -> None:
    """Add one article. Identity is the text's hash; the file's resolved path is a *location* of it, so the same
    text at two paths is one document with two locations, and an edited file replaces the version it held."""
    loc = raw.label
    prev = ws.location_document(loc)
    row = ws.db.execute("SELECT extractor FROM documents WHERE id=?", (did,)).fetchone()
    if row and row[0] == EXTRACTOR_VERSION:
        if prev != did:
            others = [p for p in ws.locations(did) if p != loc]
            with ws.transaction() as db:
                ws.move_location(db, loc, did, prev)
            if others:
                report.problems.append(Problem(loc, f"same text as {others[0]}: kept as one document with "
                                                    f"{len(others) + 1} locations", False))
        report.unchanged.append(loc)
        return
    try:
        user_date = edit_store.user_date_for(ws, did, loc, raw.text)[1]
        result = extract_document(raw, kb, nlp(), date_override=user_date)
    except Exception as e:  # one bad article must not stop the batch
        report.problems.append(Problem(loc, f"extraction failed: {type(e).__name__}: {e}"))
        return
    with ws.transaction() as db:
        ws.set_meta(db, "merge_pending", "1")
        ws.write_document(db, result, EXTRACTOR_VERSION, raw.fmt)
        ws.move_location(db, loc, did, prev)
    (report.updated if (row or prev) else report.added).append(loc)


def reextract_document(ws: Workspace, doc_id: str, kb_files: list[str] | None = None) -> None:
    """Extract one stored document again with the publication date the user set (or found automatically)."""
    doc = ws.document(doc_id)
    if doc is None:
        raise KeyError(f"no document {doc_id}")
    date = edit_store.user_date_for(ws, doc_id, doc.path, doc.text)[1]
    raw = RawArticle(doc.path, doc.text, title=doc.title, url=doc.url, source=doc.outlet)
    result = extract_document(raw, load_kb(kb_files), get_nlp(), date_override=date)
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


def extract_paths(paths: Iterable[str | Path], kb_files: list[str] | None = None,
                  progress: Progress | None = None, cancelled: Cancelled | None = None) -> Corpus:
    """Read and extract everything below ``paths`` without a workspace; per-file problems are collected."""
    kb = load_kb(kb_files)
    raws, problems = read_paths([str(p) for p in paths])
    results: list[DocResult] = []
    seen: set[str] = set()
    nlp = get_nlp() if raws else None
    for i, raw in enumerate(raws):
        if cancelled and cancelled():
            break
        if progress:
            progress(i, len(raws), raw.label)
        try:
            r = extract_document(raw, kb, nlp)
        except Exception as e:  # one bad article must not stop the batch
            problems.append(Problem(raw.label, f"extraction failed: {type(e).__name__}: {e}"))
            continue
        if r.document.id in seen:
            problems.append(Problem(raw.label, "same text as an earlier article; skipped as a duplicate", False))
            continue
        seen.add(r.document.id)
        results.append(r)
    if progress:
        progress(len(raws), len(raws), "")
    entities, events = merge_results(results, kb)
    return Corpus([r.document for r in results], entities, events, problems)
