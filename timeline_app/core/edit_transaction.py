"""How curation records an edit: the event it is about (visible or in the trash) and the evidence it is anchored
to, storage errors in words, one read-modify-write transaction per edit (``_atomic``), and the record-then-refresh
of the merged events (``_commit``) that makes the change show at once."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

from .ingest import reextract_document, remerge
from .model import Event
from .store import edits as store
from .store.anchors import source_anchor
from .store.edits import EditError, EditRecord
from .store.safe_open import describe_error
from .store.workspace import Workspace


def find_event(ws: Workspace, event_id: str) -> tuple[Event, bool]:
    """An event by id, visible or deleted: (event, deleted). Raises ``EditError`` for an unknown id."""
    row = ws.db.execute("SELECT rowid FROM events WHERE id=?", (event_id,)).fetchone()
    if row is not None:
        return ws.events_at([row[0] - 1])[row[0] - 1], False
    for eid, data, _ in store.trash(ws):
        if eid == event_id:
            return Event.from_json(data), True
    raise EditError(f"no event '{event_id}' in {ws.path.name}")


def _anchors(ws: Workspace, ev: Event) -> list[dict[str, Any]]:
    out = []
    for s in ev.sources:
        doc = ws.document(s.document, with_mentions=False)
        if doc is not None:
            out.append(source_anchor(doc, s).to_json())
    if not out:
        raise EditError(f"event '{ev.id}' has no evidence to attach an edit to")
    return out


def _refresh(ws: Workspace, rec: EditRecord | None = None, kb_files: list[str] | None = None) -> None:
    if rec is not None and rec.kind == "doc.date":
        for (doc_id,) in ws.db.execute("SELECT id FROM documents WHERE id=? OR path=?",
                                       (rec.target.get("doc_id"), rec.target.get("path"))).fetchall():
            reextract_document(ws, doc_id, kb_files)
    remerge(ws, kb_files)


@contextlib.contextmanager
def _saving(ws: Workspace) -> Iterator[None]:
    """Storage errors (read-only, disk full, busy) as an ``EditError`` in words."""
    if getattr(ws, "read_only", False):
        raise EditError(f"{ws.path}: the workspace is open read-only; edits cannot be saved")
    try:
        yield
    except sqlite3.Error as e:
        raise EditError(describe_error(ws.path, e)) from None


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _atomic(f: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run an edit as one read-modify-write inside one ``BEGIN IMMEDIATE`` transaction: what the edit reads
    (an event's tags, a company's name) is what no other process can change before it is written, so
    concurrent edits never lose each other's changes. A merge another process left pending is done first, so
    the read sees every recorded edit."""

    @functools.wraps(f)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        ws = args[0]
        assert isinstance(ws, Workspace)
        with _saving(ws), ws.transaction():
            if ws.meta("merge_pending") == "1":
                kb = kwargs.get("kb_files")
                remerge(ws, kb if isinstance(kb, list) else None)
            return f(*args, **kwargs)
    return run


def _commit(ws: Workspace, kind: str, target: dict[str, Any], payload: dict[str, Any], label: str,
            previous: dict[str, Any] | None = None, kb_files: list[str] | None = None) -> int:
    with _saving(ws):
        edit_id = store.record(ws, kind, target, payload, label, previous)
        _refresh(ws, store.get(ws, edit_id), kb_files)
    return edit_id
