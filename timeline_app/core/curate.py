"""Curation: the user corrects the timeline. The one service the CLI and the GUI call for every edit.

Each function validates its input first (nothing is stored when anything is wrong), records one edit in one
transaction (``store.edits``), then refreshes the merged events so the change shows at once. Undo and redo
flip an edit's ``reverted`` flag; they work on any stored edit, also after the workspace was reopened."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from .dates.parse import DateSpan, parse_date_text, span_label, widen
from .ingest import reextract_document, remerge
from .model import REVIEW_STATES, Event, type_label
from .outputs import write_text_atomic
from .store import edits as store
from .store.anchors import doc_target, source_anchor, span_anchor
from .store.edits import EditError, EditRecord
from .store.safe_open import describe_error
from .store.workspace import Workspace

__all__ = ["EditError", "EditRecord", "add_event", "alias_company", "amount_fields", "bulk_edit", "company_kb",
           "company_merges", "company_story",
           "date_fields", "edit_event", "exclude_document", "export_kb", "find_event", "get_edit", "history",
           "mark_not_company", "mark_not_event", "merge_events", "redo", "rename_company", "review_event",
           "set_company_parent", "set_document_date", "span_suggestions", "split_event", "undo", "unplaced"]


def _short(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


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


def date_fields(text: str | None, precision: str | None = None, current: Event | None = None) -> dict[str, Any]:
    """The start/end/precision fields for a typed date (and/or a precision applied to the current date)."""
    if text is None and precision is None:
        return {}
    if text is None:
        if current is None or current.start is None:
            raise EditError("the event has no date to change the precision of; give a date too")
        span = widen(current.start, precision or "day")
    else:
        try:
            span = parse_date_text(text, precision)
        except ValueError as e:
            raise EditError(str(e)) from None
    return _span_fields(span)


def amount_fields(text: str) -> list[dict[str, Any]]:
    """Money amounts typed by a person ("$2 billion", "EUR 300 million; 15 trillion won"); '' clears them."""
    from .extract.mentions.amounts import find_money  # here: the viewer's start loads no extraction rules

    out = []
    for part in [p for p in text.split(";") if p.strip()]:
        found = find_money(part.strip())
        if not found:
            raise EditError(f"cannot read '{part.strip()}' as an amount (try $2 billion, EUR 300 million)")
        out += [{"value": m.value, "currency": m.currency, "text": m.text, "usd": m.usd} for m in found]
    return out


def _span_fields(span: DateSpan) -> dict[str, Any]:
    return {"start": span.start.isoformat() if span.start else None,
            "end": span.end.isoformat() if span.end else None, "precision": span.precision}


def _describe(fields: dict[str, Any]) -> str:
    parts = []
    if "start" in fields:
        s, e = fields.get("start"), fields.get("end")
        parts.append("date → " + span_label(dt.date.fromisoformat(s) if s else None,
                                            dt.date.fromisoformat(e) if e else None, fields.get("precision", "day")))
    for k, v in fields.items():
        if k in ("start", "end", "precision"):
            continue
        if k == "deleted":
            parts.append("deleted" if v else "restored")
        elif k == "starred":
            parts.append("starred" if v else "unstarred")
        elif isinstance(v, list):
            parts.append(f"{k} → {', '.join(str(x) for x in v) or 'none'}" if k != "amounts" else "amounts")
        else:
            parts.append(f"{k} → {_short(str(v), 30)}")
    return "; ".join(parts)


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
@_atomic
def rename_company(ws: Workspace, name: str, new_name: str, kb_files: list[str] | None = None) -> int:
    """Rename a company everywhere."""
    return _commit(ws, "company.rename", {"name": name}, {"name": new_name}, f"Renamed {name} → {new_name}", None,
                   kb_files)


@_atomic
def alias_company(ws: Workspace, alias: str, into: str, kb_files: list[str] | None = None) -> int:
    """Treat ``alias`` as another name of ``into`` (its events move to that company)."""
    if " ".join(alias.split()) == " ".join(into.split()):
        raise EditError("a company cannot be an alias of itself")
    return _commit(ws, "company.alias", {"name": alias}, {"into": into}, f"{alias} is an alias of {into}", None,
                   kb_files)


@_atomic
def set_company_parent(ws: Workspace, name: str, parent: str | None, kb_files: list[str] | None = None) -> int:
    """Set (None: clear) the group a company belongs to; lanes group under it. A company cannot belong to
    itself, nor to a group that (through its own groups) belongs to it."""
    if parent is not None:
        chain, at = [name], " ".join(parent.split())
        parents = {str(n): str(p) for n, p in ws.db.execute(
            "SELECT name, parent FROM entities WHERE kind='company' AND parent IS NOT NULL")}
        while at and len(chain) < 100:
            chain.append(at)
            if at.casefold() == " ".join(name.split()).casefold():
                raise EditError("a company cannot belong to itself" if len(chain) == 2 else
                                "that would make a loop of groups: " + " → ".join(chain))
            at = parents.get(at, "")
    return _commit(ws, "company.parent", {"name": name}, {"parent": parent},
                   f"{name} belongs to {parent}" if parent else f"{name} belongs to no group", None, kb_files)


@_atomic
def mark_not_company(ws: Workspace, name: str, not_company: bool = True, kb_files: list[str] | None = None) -> int:
    """Mark a name as not a company: it leaves every event's companies and gets no lane."""
    return _commit(ws, "company.not_company", {"name": name}, {"not_company": not_company},
                   f"{name} is {'not ' if not_company else ''}a company", None, kb_files)


def company_kb(ws: Workspace) -> dict[str, Any]:
    """The user's company knowledge as a KB file (the shape ``--kb`` reads)."""
    entries: dict[str, dict[str, Any]] = {}

    def entry(name: str) -> dict[str, Any]:
        return entries.setdefault(name, {"kind": "company", "name": name, "aliases": []})

    for r in store.history(ws, active_only=True):
        name = str(r.target.get("name", ""))
        if r.kind in ("company.rename", "company.alias"):
            new = str(r.payload.get("name") or r.payload.get("into"))
            e = entry(new)
            e["aliases"] = list(dict.fromkeys([*e["aliases"], name, *entries.pop(name, {}).get("aliases", [])]))
        elif r.kind == "company.parent":
            entry(name)["parent"] = r.payload.get("parent")
        elif r.kind == "company.not_company" and r.payload.get("not_company", True):
            entries.pop(name, None)
            entries[name] = {"kind": "organization", "name": name, "aliases": []}
    return {"entries": list(entries.values())}


def company_story(ws: Workspace, name: str) -> list[str]:
    """How the workspace came to show a company under ``name``: the names merged into it automatically, each
    with its reason ("merged 'Delta' into 'Delta Air Lines': short form"), then the user's own company edits
    that name it (which always win over the automatic ones)."""
    lines: list[str] = []
    for (info,) in ws.db.execute("SELECT info FROM entities WHERE kind='company' AND name=?", (name,)):
        with contextlib.suppress(ValueError, TypeError):
            lines += [str(x) for x in json.loads(info or "{}").get("merged", [])]
    for r in store.history(ws, active_only=True):
        if r.kind.startswith("company.") and name in (r.target.get("name"), r.payload.get("name"),
                                                      r.payload.get("into")):
            lines.append(f"your edit: {r.label}")
    return list(dict.fromkeys(lines))


def company_merges(ws: Workspace) -> list[str]:
    """Every automatic merge of company names in the workspace, with its reason, by canonical name."""
    lines: list[str] = []
    for (info,) in ws.db.execute("SELECT info FROM entities WHERE kind='company' ORDER BY name"):
        with contextlib.suppress(ValueError, TypeError):
            lines += [str(x) for x in json.loads(info or "{}").get("merged", [])]
    return lines


def export_kb(ws: Workspace, path: str | Path) -> int:
    """Write the user's company knowledge as a KB JSON file usable with ``--kb``; returns the entry count."""
    kb = company_kb(ws)
    try:
        write_text_atomic(path, json.dumps(kb, ensure_ascii=False, indent=1))
    except OSError as e:
        raise EditError(str(e)) from None
    return len(kb["entries"])


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


# -- review and bulk curation ---------------------------------------------------------------------------
REVIEW_LABELS = {"confirmed": "Accepted", "rejected": "Rejected", None: "Review cleared:"}


def _snapshot(ev: Event, deleted: bool) -> dict[str, Any]:
    """What the extractor said of an event when the user judged it (stored with a review or bulk edit as
    ``previous``: the labelled example a calibration or a workspace classifier learns from)."""
    j = ev.to_json()
    keep = ("type", "summary", "start", "end", "precision", "status", "companies", "people", "confidence", "edited")
    return {**{k: j.get(k) for k in keep}, "review": ev.review or None, "deleted": deleted}


def _review_fields(state: str | None, deleted: bool) -> dict[str, Any]:
    """The fields a review sets: confirmed (a deleted event comes back), rejected (it leaves the timeline, kept
    in the trash with its review), or cleared."""
    state = state or None
    if state is not None and state not in REVIEW_STATES:
        raise EditError(f"review must be one of {', '.join(REVIEW_STATES)} (got '{state}')")
    fields: dict[str, Any] = {"review": state}
    if state == "rejected" and not deleted:
        fields["deleted"] = True
    elif state != "rejected" and deleted:
        fields["deleted"] = False
    return fields


@_atomic
def review_event(ws: Workspace, event_id: str, state: str | None, kb_files: list[str] | None = None) -> int:
    """Review an event: ``"confirmed"`` (it is right), ``"rejected"`` (it is not an event: it leaves the timeline
    and waits in the trash, restorable) or None (not reviewed again). One edit, undoable, replayed after
    re-extraction like every correction; returns its id."""
    ev, deleted = find_event(ws, event_id)
    fields = store.validate_fields(_review_fields(state, deleted))
    return _commit(ws, "event.set", {"event_id": event_id, "anchors": _anchors(ws, ev)}, fields,
                   f"{REVIEW_LABELS[fields['review']]} “{_short(ev.summary)}”", _snapshot(ev, deleted), kb_files)


#: What a bulk edit can do to every selected event (``bulk_edit``'s ``change``).
BULK_CHANGES = ("deleted", "type", "add_company", "remove_company", "review")


def _bulk_item(ev: Event, deleted: bool, change: dict[str, Any]) -> dict[str, Any] | None:
    """The fields one event of a bulk edit gets (None: the change does nothing to it)."""
    ((what, value),) = change.items()
    if what == "review":
        return _review_fields(value, deleted)
    if deleted:
        return None
    if what == "deleted":
        return {"deleted": True}
    if what == "type":
        return {"type": value} if ev.type != value else None
    if what == "add_company":
        return {"companies": [*ev.companies, value]} if value not in ev.companies else None
    if what == "remove_company":
        return {"companies": [c for c in ev.companies if c != value]} if value in ev.companies else None
    raise EditError(f"a bulk edit changes one of {', '.join(BULK_CHANGES)} (got '{what}')")


def _bulk_label(change: dict[str, Any], n: int) -> str:
    ((what, value),) = change.items()
    events = f"{n} event{'s' if n != 1 else ''}"
    if what == "review":
        return f"{REVIEW_LABELS[value or None]} {events}" if value else f"Review cleared on {events}"
    if what == "deleted":
        return f"Deleted {events}"
    if what == "type":
        return f"{events}: type → {type_label(str(value))}"
    if what == "add_company":
        return f"Added {value} to {events}"
    return f"Removed {value} from {events}"


@_atomic
def bulk_edit(ws: Workspace, event_ids: list[str], change: dict[str, Any], kb_files: list[str] | None = None) -> int:
    """One change to many events as ONE edit (one step in the history, one undo): ``{"deleted": True}``,
    ``{"type": T}``, ``{"add_company": NAME}``, ``{"remove_company": NAME}`` or ``{"review": STATE}``. Events the
    change does nothing to are left out; refused when it does nothing at all. Returns the edit's id."""
    if len(change) != 1 or next(iter(change)) not in BULK_CHANGES:
        raise EditError(f"a bulk edit changes one of {', '.join(BULK_CHANGES)}")
    ((what, value),) = change.items()
    if what in ("add_company", "remove_company"):
        value = " ".join(str(value or "").split())
        if not value:
            raise EditError("no company name given")
        change = {what: value}
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        raise EditError("select one or more events first")
    items, changes, previous = [], [], []
    for i in ids:
        ev, deleted = find_event(ws, i)
        fields = _bulk_item(ev, deleted, change)
        if fields is None:
            continue
        items.append({"event_id": i, "anchors": _anchors(ws, ev)})
        changes.append(store.validate_fields(fields))
        previous.append(_snapshot(ev, deleted))
    if not items:
        raise EditError("the change leaves every selected event as it was")
    return _commit(ws, "event.bulk", {"items": items}, {"change": change, "items": changes},
                   _bulk_label(change, len(items)), {"items": previous}, kb_files)
