"""What a workspace learns from its analyst (issue 22, item 3): the corrections in its edit history become
labelled examples for its own event classifier, which then types (and drops) the events of new and re-extracted
articles.

- An accepted event is an example of its type; a retyped one of the new type; a rejected or deleted one, and a
  span marked "not an event", of ``none``. The latest edit of an anchor wins; undone edits do not count.
- Each example is the sentence of the event's evidence seen as the classifier sees it at extraction (its rule
  event's trigger and round-2 type, found again by running the rules on the stored article). Seeing it needs the
  language model, so it is done once per example, when a workspace model is first needed (an ingest), and kept in
  the ``learned_examples`` table.
- The examples stay in the workspace; nothing is shipped. ``reset`` forgets them: only later corrections count.

Pure core (no Qt); spaCy loads only when an example's sentence must be seen.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .model import v3_type
from .store import edits as edit_store
from .store.workspace import Workspace

NONE = "none"  # the classifier's "no event" (classify.NONE, not imported: reading a workspace loads no extraction)
#: ``meta`` key: the id of the last edit forgotten by a reset (only later edits are learned from)
RESET_KEY = "learned_after_edit"


@dataclass(frozen=True)
class Correction:
    """One labelled anchor: the evidence trigger at ``start`` in document ``doc_id`` reports ``label``."""

    doc_id: str
    start: int
    label: str


def _labels(fields: Mapping[str, Any], previous: Mapping[str, Any]) -> str | None:
    """The label an edit's fields give its event (None: the edit says nothing of what the event is)."""
    if fields.get("review") == "rejected" or fields.get("deleted") is True:
        return NONE
    if isinstance(fields.get("type"), str):
        return v3_type(fields["type"])
    if fields.get("review") == "confirmed":
        t = previous.get("type")
        return v3_type(t) if isinstance(t, str) and t else None
    return None


def _anchor_starts(target: Mapping[str, Any]) -> list[tuple[str, int]]:
    out = []
    for a in target.get("anchors") or ([target["span"]] if isinstance(target.get("span"), dict) else []):
        if isinstance(a, dict) and isinstance(a.get("doc_id"), str) and isinstance(a.get("start"), int):
            out.append((a["doc_id"], a["start"]))
    return out


def corrections(ws: Workspace) -> list[Correction]:
    """The workspace's labelled anchors, from its active edits since the last reset (the latest edit of an anchor
    wins)."""
    after = int(ws.meta(RESET_KEY) or 0)
    found: dict[tuple[str, int], str] = {}
    for rec in edit_store.history(ws, active_only=True):
        if rec.id <= after:
            continue
        if rec.kind == "span.not_event":
            pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]]] = [
                (rec.target, {"deleted": True}, {})]
        elif rec.kind == "event.set":
            pairs = [(rec.target, rec.payload, rec.previous)]
        elif rec.kind == "event.bulk":
            items = rec.previous.get("items")
            prev: list[Any] = items if isinstance(items, list) else []
            pairs = [(t, c, prev[i] if i < len(prev) and isinstance(prev[i], dict) else {})
                     for i, (t, c) in enumerate(zip(rec.target.get("items", []), rec.payload.get("items", []),
                                                    strict=False))
                     if isinstance(t, dict) and isinstance(c, dict)]
        else:
            continue
        for target, fields, previous in pairs:
            label = _labels(fields, previous)
            if label is None:
                continue
            for key in _anchor_starts(target):
                found.pop(key, None)
                found[key] = label
    return [Correction(d, s, y) for (d, s), y in found.items()]


def reset(ws: Workspace) -> int:
    """Forget what the workspace learned: corrections made so far no longer count (they stay applied to their
    events); returns how many were forgotten."""
    n = len(corrections(ws))
    last = ws.db.execute("SELECT COALESCE(MAX(id), 0) FROM edits").fetchone()[0]
    with ws.transaction() as db:
        ws.set_meta(db, RESET_KEY, str(int(last)))
        db.execute("DELETE FROM learned_examples")
    return n


#: Sees one stored article's corrected anchors as the classifier does: (doc_id, starts) → {start: features}
Seer = Callable[[str, list[int]], dict[int, dict[str, float]]]


def examples(ws: Workspace, see: Seer, version: str) -> list[tuple[dict[str, float], str]]:
    """The corrections as (features, label) examples. Features already seen (by this extractor ``version``) come
    from ``learned_examples``; the others are seen now with ``see`` (one call per article) and kept."""
    todo = corrections(ws)
    if not todo:
        return []
    cached = {(d, s): json.loads(f) for d, s, f in ws.db.execute(
        "SELECT doc_id, anchor, features FROM learned_examples WHERE version=?", (version,))}
    missing: dict[str, list[int]] = {}
    for c in todo:
        if (c.doc_id, c.start) not in cached:
            missing.setdefault(c.doc_id, []).append(c.start)
    fresh: list[tuple[str, int, str]] = []
    for doc_id, starts in missing.items():
        for start, feats in see(doc_id, starts).items():
            cached[(doc_id, start)] = feats
            fresh.append((doc_id, start, json.dumps(feats, sort_keys=True)))
    if fresh and not ws.read_only:
        with ws.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO learned_examples(doc_id, anchor, version, features) "
                           "VALUES(?, ?, ?, ?)", [(d, s, version, f) for d, s, f in fresh])
    return [(cached[(c.doc_id, c.start)], c.label) for c in todo if (c.doc_id, c.start) in cached]
