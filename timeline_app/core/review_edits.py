"""Review and bulk curation: accept or reject an event (``review_event``), and one change to many events as ONE
edit (``bulk_edit``: delete, retype, add or remove a company, review). Both store what the extractor said of each
event when it was judged, the labelled examples a calibration learns from (see :mod:`.curate`)."""

from __future__ import annotations

from typing import Any

from .edit_fields import _short
from .edit_transaction import _anchors, _atomic, _commit, find_event
from .model import REVIEW_STATES, Event, type_label
from .store import edits as store
from .store.edits import EditError
from .store.workspace import Workspace

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
