"""The user's edits: a history of small, validated records in the workspace, each written in one transaction.

An edit never changes extracted data. It is re-applied on top of every merge (``EditPlan``), so it survives
re-extraction; undo and redo flip its ``reverted`` flag, so any stored edit can be reverted after reopening.
Each edit is attached to the evidence by anchors (see ``anchors``); one that can no longer be placed is kept
and reported (``placed = 0`` with a problem), never dropped.

Kinds: ``event.set`` (fields, deletion, star, note, tags, review), ``event.bulk`` (``event.set`` on many events
at once: one step in the history, one undo), ``event.merge``, ``event.split``, ``event.add``,
``span.not_event``, ``doc.date``, ``doc.exclude``, ``company.rename``, ``company.alias``, ``company.parent``,
``company.not_company``."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..dates.limits import in_range, out_of_range
from ..model import EVENT_TYPES, PRECISIONS, REVIEW_STATES, STATUSES, v3_type
from .anchors import Anchor, doc_matches
from .workspace import Workspace

KINDS = ("event.set", "event.bulk", "event.merge", "event.split", "event.add", "span.not_event", "doc.date",
         "doc.exclude", "company.rename", "company.alias", "company.parent", "company.not_company")
#: event fields an edit can set; the first group is content (listed as "edited" in exports), the rest annotations
CONTENT_FIELDS = ("type", "summary", "start", "end", "precision", "status", "companies", "people", "amounts")
ANNOTATION_FIELDS = ("deleted", "starred", "notes", "tags", "review")
EVENT_FIELDS = CONTENT_FIELDS + ANNOTATION_FIELDS
MAX_TEXT = 5000


class EditError(ValueError):
    """An edit that cannot be made (unknown event, invalid value, contradictory request)."""


@dataclass
class EditRecord:
    """One stored edit."""

    id: int
    created: str
    kind: str
    label: str
    target: dict[str, Any]
    payload: dict[str, Any]
    previous: dict[str, Any]
    reverted: bool
    placed: bool | None
    problem: str | None


def _iso_or_none(v: Any, name: str) -> str | None:
    if v is None or v == "":
        return None
    try:
        d = v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))
    except ValueError:
        raise EditError(f"{name}: '{v}' is not a date (YYYY-MM-DD)") from None
    if not in_range(d):
        raise EditError(f"{name}: {out_of_range(repr(d.isoformat()))}")
    return d.isoformat()


def _names(v: Any, name: str) -> list[str]:
    if isinstance(v, str):
        v = [x for x in v.split(";")]
    if not isinstance(v, (list, tuple)):
        raise EditError(f"{name}: expected a list of names")
    out = list(dict.fromkeys(" ".join(str(x).split()) for x in v))
    out = [x for x in out if x]
    if any(len(x) > 200 for x in out):
        raise EditError(f"{name}: a name is longer than 200 characters")
    return out


def validate_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of an ``event.set`` edit, checked and normalised; raises ``EditError`` on any bad value."""
    if not fields:
        raise EditError("nothing to change")
    out: dict[str, Any] = {}
    for k, v in fields.items():
        if k not in EVENT_FIELDS:
            raise EditError(f"cannot edit '{k}'; editable: {', '.join(EVENT_FIELDS)}")
        if k == "type":
            v = v3_type(v) if isinstance(v, str) else v  # a round-2 name (an edit stored before taxonomy v3)
            if v not in EVENT_TYPES:
                raise EditError(f"type must be one of {', '.join(EVENT_TYPES)} (got '{v}')")
        elif k == "status":
            if v not in STATUSES:
                raise EditError(f"status must be one of {', '.join(STATUSES)} (got '{v}')")
        elif k == "precision":
            if v not in PRECISIONS:
                raise EditError(f"precision must be one of {', '.join(PRECISIONS)} (got '{v}')")
        elif k in ("start", "end"):
            v = _iso_or_none(v, k)
        elif k in ("summary", "notes"):
            v = " ".join(str(v).split()) if k == "summary" else str(v)
            if len(v) > MAX_TEXT:
                raise EditError(f"{k} is longer than {MAX_TEXT} characters")
            if k == "summary" and not v:
                raise EditError("summary cannot be empty")
        elif k in ("companies", "people", "tags"):
            v = _names(v, k)
        elif k == "amounts":
            if not isinstance(v, list):
                raise EditError("amounts: expected a list")
            am = []
            for a in v:
                try:
                    am.append({"value": float(a["value"]), "currency": str(a["currency"]), "text": str(a["text"]),
                               "usd": None if a.get("usd") is None else float(a["usd"])})
                except (KeyError, TypeError, ValueError):
                    raise EditError(f"amounts: '{a}' is not an amount") from None
            v = am
        elif k == "review":
            v = v or None
            if v is not None and v not in REVIEW_STATES:
                raise EditError(f"review must be one of {', '.join(REVIEW_STATES)} or empty (got '{v}')")
        elif k in ("deleted", "starred") and not isinstance(v, bool):
            raise EditError(f"{k} must be true or false")
        out[k] = v
    s, e = out.get("start"), out.get("end")
    if s and e and e < s:
        raise EditError(f"the date range ends ({e}) before it starts ({s})")
    if "start" in out and out["start"] is None and out.get("precision", "undated") != "undated":
        raise EditError("an undated event has precision 'undated'")
    return out


def _check(kind: str, target: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """Validate an edit of any kind before it is stored (an invalid edit must never be saved)."""
    if kind not in KINDS:
        raise EditError(f"unknown edit kind '{kind}'")
    if kind == "event.set":
        payload = validate_fields(payload)
    if kind == "event.bulk":
        items, changes = target.get("items"), payload.get("items")
        if not isinstance(items, list) or not isinstance(changes, list) or not items or len(items) != len(changes):
            raise EditError("a bulk edit needs one change per event")
        for it in items:
            if not isinstance(it, dict) or not it.get("anchors"):
                raise EditError("edit has no anchor in the evidence")
            for a in it["anchors"]:
                if not isinstance(a, dict):
                    raise EditError("edit has no anchor in the evidence")
                Anchor.from_json(a)
        payload = {**payload, "items": [validate_fields(c if isinstance(c, dict) else {}) for c in changes]}
    if kind in ("event.set", "event.merge", "event.split", "event.add", "span.not_event"):
        groups = target.get("events") or target.get("parts") or [target.get("anchors") or [target.get("span")]]
        for g in groups:
            for a in g:
                if not isinstance(a, dict):
                    raise EditError("edit has no anchor in the evidence")
                Anchor.from_json(a)
    if kind == "event.merge" and len(target.get("events", [])) < 2:
        raise EditError("merge needs two or more events")
    if kind == "event.split" and (len(target.get("parts", [])) < 2 or not all(target["parts"])):
        raise EditError("split needs two non-empty groups of sources")
    if kind == "event.add":
        payload = validate_fields(payload)
    if kind == "doc.date":
        payload = {"date": _iso_or_none(payload.get("date"), "date")}
    if kind.startswith("company."):
        name = " ".join(str(target.get("name", "")).split())
        if not name:
            raise EditError("no company name given")
        target = {**target, "name": name}
        for key in ("name", "into", "parent"):
            if key in payload:
                val = payload[key]
                val = " ".join(str(val).split()) if val is not None else None
                if key != "parent" and not val:
                    raise EditError(f"{key}: a name is needed")
                payload = {**payload, key: val or None}
    return {"target": target, "payload": payload}


def record(ws: Workspace, kind: str, target: dict[str, Any], payload: dict[str, Any], label: str,
           previous: dict[str, Any] | None = None) -> int:
    """Validate and store one edit in one transaction (the next merge applies it); returns its id."""
    checked = _check(kind, target, payload)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with ws.transaction() as db:
        cur = db.execute("INSERT INTO edits(created, kind, label, target, payload, previous, reverted) "
                         "VALUES(?,?,?,?,?,?,0)", (now, kind, label[:300], json.dumps(checked["target"]),
                                                   json.dumps(checked["payload"]), json.dumps(previous or {})))
        ws.set_meta(db, "merge_pending", "1")
        return int(cur.lastrowid or 0)


def set_reverted(ws: Workspace, edit_id: int, reverted: bool) -> EditRecord:
    """Undo (``reverted=True``) or redo an edit, in one transaction."""
    rec = get(ws, edit_id)
    if rec is None:
        raise EditError(f"no edit {edit_id}")
    with ws.transaction() as db:
        db.execute("UPDATE edits SET reverted=? WHERE id=?", (int(reverted), edit_id))
        ws.set_meta(db, "merge_pending", "1")
    rec.reverted = reverted
    return rec


def _row(r: sqlite3.Row | tuple[Any, ...]) -> EditRecord:
    def js(x: Any) -> dict[str, Any]:
        try:
            v = json.loads(x) if x else {}
        except ValueError:
            return {}
        return v if isinstance(v, dict) else {}

    return EditRecord(int(r[0]), r[1] or "", r[2] or "", r[3] or "", js(r[4]), js(r[5]), js(r[6]), bool(r[7]),
                      None if r[8] is None else bool(r[8]), r[9])


_COLS = "id, created, kind, label, target, payload, previous, reverted, placed, problem"


def get(ws: Workspace, edit_id: int) -> EditRecord | None:
    r = ws.db.execute(f"SELECT {_COLS} FROM edits WHERE id=?", (edit_id,)).fetchone()
    return _row(r) if r else None


def history(ws: Workspace, active_only: bool = False) -> list[EditRecord]:
    """Every stored edit, oldest first (``active_only``: without the reverted ones)."""
    q = f"SELECT {_COLS} FROM edits" + (" WHERE reverted=0" if active_only else "") + " ORDER BY id"
    return [_row(r) for r in ws.db.execute(q)]


def unplaced(ws: Workspace) -> list[EditRecord]:
    """Active edits that the last merge could not attach to the evidence (or found invalid)."""
    return [r for r in history(ws, active_only=True) if r.placed is False]


def write_state(ws: Workspace, status: dict[int, str | None], trash: list[tuple[str, str, int]],
                retarget: dict[int, dict[str, Any]] | None = None) -> None:
    """Store which edits were placed (problem None) or not, the deleted events, and the new targets of
    article edits whose article changed identity, in one transaction."""
    with ws.transaction() as db:
        db.executemany("UPDATE edits SET target=? WHERE id=?",
                       [(json.dumps(t), i) for i, t in (retarget or {}).items()])
        db.execute("UPDATE edits SET placed=NULL, problem=NULL")
        db.executemany("UPDATE edits SET placed=?, problem=? WHERE id=?",
                       [(int(p is None), p, i) for i, p in status.items()])
        db.execute("DELETE FROM trash")
        db.executemany("INSERT OR REPLACE INTO trash(event_id, data, edit_id) VALUES(?,?,?)", trash)


def trash(ws: Workspace) -> list[tuple[str, dict[str, Any], int]]:
    """Deleted events: (event id, the event as JSON (``Event.to_json``), the deleting edit)."""
    return [(r[0], json.loads(r[1]), int(r[2])) for r in
            ws.db.execute("SELECT event_id, data, edit_id FROM trash ORDER BY event_id")]


def user_date_for(ws: Workspace, doc_id: str, path: str, text: str | None = None) -> tuple[bool, dt.date | None]:
    """The publication date the user set for a document (by id, or by path when its text changed):
    (whether the user set one, the date or None for "found automatically"). Dates set before schema 4
    were turned into edits by the migration."""
    found: tuple[bool, dt.date | None] = (False, None)
    for r in history(ws, active_only=True):
        if r.kind != "doc.date":
            continue
        if doc_matches(r.target, doc_id, path, text):
            d = r.payload.get("date")
            try:
                found = (True, dt.date.fromisoformat(d) if d else None)
            except ValueError:
                continue
    return found
