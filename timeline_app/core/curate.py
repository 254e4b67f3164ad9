"""Curation: the user corrects the timeline. The one service the CLI and the GUI call for every edit.

Each function validates its input first (nothing is stored when anything is wrong), records one edit in one
transaction (``store.edits``), then refreshes the merged events so the change shows at once. Undo and redo
flip an edit's ``reverted`` flag; they work on any stored edit, also after the workspace was reopened."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .company_edits import (
    alias_company,
    company_kb,
    company_merges,
    company_story,
    export_kb,
    mark_not_company,
    rename_company,
    set_company_parent,
)
from .dates.parse import parse_date_text, span_label
from .edit_fields import _describe, _short, _span_fields, amount_fields, date_fields
from .edit_transaction import _anchors, _atomic, _commit, _refresh, _saving, find_event
from .review_edits import BULK_CHANGES as BULK_CHANGES  # importable from here as before
from .review_edits import REVIEW_LABELS as REVIEW_LABELS
from .review_edits import bulk_edit, review_event
from .store import edits as store
from .store.anchors import doc_target, span_anchor
from .store.edits import EditError, EditRecord
from .store.workspace import Workspace

__all__ = ["EditError", "EditRecord", "add_event", "alias_company", "amount_fields", "bulk_edit", "company_kb",
           "company_merges", "company_story",
           "date_fields", "edit_event", "exclude_document", "export_kb", "find_event", "get_edit", "history",
           "mark_not_company", "mark_not_event", "merge_events", "redo", "rename_company", "review_event",
           "set_company_parent", "set_document_date", "span_suggestions", "split_event", "undo", "unplaced"]


# -- events ---------------------------------------------------------------------------------------------
@_atomic
def edit_event(ws: Workspace, event_id: str, fields: dict[str, Any], kb_files: list[str] | None = None) -> int:
    """Set fields of an event (date, status, type, companies, people, amounts, summary, deleted, starred, notes,
    tags) as one edit; returns its id. ``fields`` may hold ``date``/``date_precision`` as typed text."""
    ev, deleted = find_event(ws, event_id)
    fields = dict(fields)
    typed_date, typed_prec = fields.pop("date", None), fields.pop("date_precision", None)
    fields.update(date_fields(typed_date, typed_prec, ev))
    if isinstance(fields.get("amounts"), str):
        fields["amounts"] = amount_fields(fields["amounts"])
    if "add_tags" in fields:
        fields["tags"] = list(dict.fromkeys([*ev.tags, *fields.pop("add_tags")]))
    fields = store.validate_fields(fields)
    if deleted and fields.get("deleted") is not False:
        raise EditError(f"event '{event_id}' is deleted; restore it first")
    if fields.get("deleted") is False and not deleted:
        raise EditError(f"event '{event_id}' is not deleted")
    j = ev.to_json()
    previous = {k: j.get(k) for k in fields if k in j}
    return _commit(ws, "event.set", {"event_id": event_id, "anchors": _anchors(ws, ev)}, fields,
                   f"“{_short(ev.summary)}”: {_describe(fields)}", previous, kb_files)


@_atomic
def merge_events(ws: Workspace, event_ids: list[str], kb_files: list[str] | None = None) -> int:
    """Merge two or more events into one that keeps every source."""
    ids = list(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise EditError("give two or more different events to merge")
    evs = []
    for i in ids:
        ev, deleted = find_event(ws, i)
        if deleted:
            raise EditError(f"event '{i}' is deleted")
        evs.append(ev)
    groups = [_anchors(ws, ev) for ev in evs]
    return _commit(ws, "event.merge", {"event_ids": ids, "events": groups}, {},
                   f"Merged {len(ids)} events: “{_short(evs[0].summary, 40)}” + {len(ids) - 1}", None, kb_files)


@_atomic
def split_event(ws: Workspace, event_id: str, parts: list[list[int]], kb_files: list[str] | None = None) -> int:
    """Split an event's sources (by index in ``event.sources``) into separate events."""
    ev, deleted = find_event(ws, event_id)
    if deleted:
        raise EditError(f"event '{event_id}' is deleted")
    anchors = _anchors(ws, ev)
    used = [i for p in parts for i in p]
    if len(parts) < 2 or any(not p for p in parts) or len(set(used)) != len(used) or \
            any(not 0 <= i < len(anchors) for i in used):
        raise EditError(f"split needs two or more disjoint, non-empty groups of source numbers 0–{len(anchors) - 1}")
    return _commit(ws, "event.split", {"event_id": event_id, "parts": [[anchors[i] for i in p] for p in parts]}, {},
                   f"Split “{_short(ev.summary)}” into {len(parts)} events", None, kb_files)


def span_suggestions(ws: Workspace, doc_id: str, start: int, end: int) -> dict[str, Any]:
    """What a new event from a text span starts with: companies and a date found in the span, a summary."""
    doc = ws.document(doc_id)
    if doc is None:
        raise EditError(f"no article '{doc_id}'")
    companies = list(dict.fromkeys(m.text if not m.entity else _entity_name(ws, m.entity, m.text)
                                   for m in doc.mentions if m.kind == "company" and start <= m.start < end))
    out: dict[str, Any] = {"companies": companies, "summary": _short(doc.text[start:end], 120), "type": "other",
                           "status": "happened"}
    for m in doc.mentions:
        if m.kind == "date" and start <= m.start < end and m.value:
            try:
                out.update(_span_fields(parse_date_text(m.value)))
                break
            except ValueError:
                continue
    return out


def _entity_name(ws: Workspace, entity_id: str, fallback: str) -> str:
    row = ws.db.execute("SELECT name FROM entities WHERE id=?", (entity_id,)).fetchone()
    return str(row[0]) if row else fallback


def _span(ws: Workspace, doc_id: str, start: int, end: int) -> dict[str, Any]:
    doc = ws.document(doc_id, with_mentions=False)
    if doc is None:
        raise EditError(f"no article '{doc_id}'")
    if not 0 <= start < end <= len(doc.text) or not doc.text[start:end].strip():
        raise EditError("select some text of the article first")
    return span_anchor(doc, start, end).to_json()


@_atomic
def add_event(ws: Workspace, doc_id: str, start: int, end: int, fields: dict[str, Any] | None = None,
              kb_files: list[str] | None = None) -> int:
    """A new event whose evidence is a span of an article; unset fields come from ``span_suggestions``."""
    span = _span(ws, doc_id, start, end)
    f = {**span_suggestions(ws, doc_id, start, end), **(fields or {})}
    f.update(date_fields(f.pop("date", None), f.pop("date_precision", None)) if "date" in f else {})
    f = store.validate_fields(f)
    return _commit(ws, "event.add", {"span": span}, f, f"Added “{_short(f['summary'])}”", None, kb_files)


@_atomic
def mark_not_event(ws: Workspace, doc_id: str, start: int, end: int, kb_files: list[str] | None = None) -> int:
    """Mark a span of an article as not an event: events triggered inside it disappear, now and after
    re-extraction."""
    span = _span(ws, doc_id, start, end)
    return _commit(ws, "span.not_event", {"span": span}, {}, f"Not an event: “{_short(span['text'])}”", None,
                   kb_files)


# -- articles -------------------------------------------------------------------------------------------
def set_document_date(ws: Workspace, doc_id: str, date: str | dt.date | None,
                      kb_files: list[str] | None = None) -> int:
    """Set (None: clear) an article's publication date; relative dates in it are re-resolved at once."""
    doc = ws.document(doc_id, with_mentions=False)
    if doc is None:
        raise EditError(f"no article '{doc_id}' in {ws.path.name}")
    if isinstance(date, str):
        try:
            span = parse_date_text(date)
        except ValueError as e:
            raise EditError(str(e)) from None
        if span.start is not None and span.precision != "day":
            raise EditError(f"a publication date is a day (got '{date}', a {span.precision})")
        date = span.start
    return _commit(ws, "doc.date", doc_target(doc),
                   {"date": date.isoformat() if date else None},
                   f"Date of “{_short(doc.title)}” → {span_label(date, date, 'day') if date else 'automatic'}",
                   {"date": doc.date.isoformat() if doc.date else None}, kb_files)


@_atomic
def exclude_document(ws: Workspace, doc_id: str, excluded: bool = True, kb_files: list[str] | None = None) -> int:
    """Leave an article out of the timeline (or take it back in)."""
    doc = ws.document(doc_id, with_mentions=False)
    if doc is None:
        raise EditError(f"no article '{doc_id}' in {ws.path.name}")
    return _commit(ws, "doc.exclude", doc_target(doc), {"excluded": excluded},
                   f"{'Excluded' if excluded else 'Included'} “{_short(doc.title)}”", None, kb_files)


# -- company knowledge ----------------------------------------------------------------------------------
# -- history --------------------------------------------------------------------------------------------
def get_edit(ws: Workspace, edit_id: int) -> EditRecord | None:
    """One stored edit by id."""
    return store.get(ws, edit_id)


def history(ws: Workspace) -> list[EditRecord]:
    """Every stored edit, oldest first, with whether it is active and whether it could be placed."""
    return store.history(ws)


def unplaced(ws: Workspace) -> list[EditRecord]:
    """Active edits the last merge could not attach (their evidence changed beyond recognition)."""
    return store.unplaced(ws)


@_atomic
def undo(ws: Workspace, edit_id: int, kb_files: list[str] | None = None) -> EditRecord:
    """Revert a stored edit (one transaction) and refresh the timeline."""
    with _saving(ws):
        rec = store.set_reverted(ws, edit_id, True)
        _refresh(ws, rec, kb_files)
    return rec


@_atomic
def redo(ws: Workspace, edit_id: int, kb_files: list[str] | None = None) -> EditRecord:
    """Re-apply a reverted edit (one transaction) and refresh the timeline."""
    with _saving(ws):
        rec = store.set_reverted(ws, edit_id, False)
        _refresh(ws, rec, kb_files)
    return rec
