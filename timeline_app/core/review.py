"""The review queue (issue 22): the events a person should look at, least sure first, and how far the review is.

The review state itself is an edit (``curate.review_event``, ``curate.bulk_edit``): kept in the workspace's
history, undoable, replayed after re-extraction and written to the events' ``review`` column by every merge. A
rejected event leaves the timeline for the trash, where it keeps its review. This module only reads."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .store.workspace import Workspace

#: The queue's filters: not reviewed yet, confirmed, rejected, every event.
FILTERS = ("unreviewed", "confirmed", "rejected", "all")


@dataclass(frozen=True)
class QueueEntry:
    """One event in the review queue."""

    id: str
    confidence: float
    summary: str
    start: str | None
    companies: tuple[str, ...]
    review: str  # "", "confirmed" or "rejected"
    new: bool  # an article of it came in after the last review
    deleted: bool  # in the trash (a rejected event)


def last_review(ws: Workspace) -> str | None:
    """When the user last reviewed an event (the newest review edit still in force), ISO time, or None."""
    row = ws.db.execute("SELECT max(created) FROM edits WHERE reverted = 0 AND kind IN ('event.set', 'event.bulk') "
                        "AND (json_type(payload, '$.review') IS NOT NULL OR "
                        "json_type(payload, '$.change.review') IS NOT NULL)").fetchone()
    return str(row[0]) if row and row[0] else None


def _new_ids(ws: Workspace, since: str | None) -> set[str]:
    """Events with an article added after ``since`` (all events when nothing was reviewed yet)."""
    if since is None:
        return {str(r[0]) for r in ws.db.execute("SELECT id FROM events")}
    return {str(r[0]) for r in ws.db.execute(
        "SELECT DISTINCT s.event_id FROM event_sources s JOIN documents d ON d.id = s.doc_id WHERE d.added > ?",
        (since,))}


def order_key(e: QueueEntry) -> tuple[bool, float, str, str]:
    """The queue's order: new since the last review first, then least sure first, then by date and id."""
    return (not e.new, round(e.confidence, 6), e.start or "9999", e.id)


def queue(ws: Workspace, which: str = "unreviewed") -> list[QueueEntry]:
    """The events of one filter (``FILTERS``) in review order (``order_key``)."""
    if which not in FILTERS:
        raise ValueError(f"the review filter is one of {', '.join(FILTERS)} (got '{which}')")
    new = _new_ids(ws, last_review(ws))
    out: list[QueueEntry] = []
    if which != "rejected":
        where = {"unreviewed": "WHERE review IS NULL", "confirmed": "WHERE review = 'confirmed'", "all": ""}[which]
        for eid, conf, summary, start, companies, review in ws.db.execute(
                f"SELECT id, confidence, summary, start, companies, review FROM events {where}"):
            out.append(QueueEntry(str(eid), float(conf or 0.0), str(summary or ""), start, _names(companies),
                                  str(review or ""), eid in new, False))
    if which in ("rejected", "all"):
        for eid, data in ws.db.execute("SELECT event_id, data FROM trash"):
            try:
                d = json.loads(data)
            except ValueError:
                continue
            if not isinstance(d, dict) or d.get("review") != "rejected":
                continue
            out.append(QueueEntry(str(eid), float(d.get("confidence") or 0.0), str(d.get("summary") or ""),
                                  d.get("start"), tuple(str(c) for c in d.get("companies") or []), "rejected",
                                  False, True))
    out.sort(key=order_key)
    return out


def _names(text: str | None) -> tuple[str, ...]:
    try:
        v = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(x) for x in v) if isinstance(v, list) else ()


@dataclass(frozen=True)
class Progress:
    """How far the review is: reviewed events (confirmed + rejected) of all events."""

    confirmed: int
    rejected: int
    total: int

    @property
    def reviewed(self) -> int:
        return self.confirmed + self.rejected

    def __str__(self) -> str:
        return f"{self.reviewed} of {self.total} reviewed ({self.confirmed} confirmed, {self.rejected} rejected)"


def progress(ws: Workspace) -> Progress:
    """Counts for the progress line ("37 of 212 reviewed")."""
    n, confirmed = ws.db.execute("SELECT count(*), count(CASE WHEN review = 'confirmed' THEN 1 END) "
                                 "FROM events").fetchone()
    rejected = ws.db.execute("SELECT count(*) FROM trash WHERE json_valid(data) AND "
                             "json_extract(data, '$.review') = 'rejected'").fetchone()[0]
    return Progress(int(confirmed), int(rejected), int(n) + int(rejected))
