"""What every exporter works from: the events to write with the documents and entities they refer to,
and the small helpers they share (evidence quotes, article titles, labels for a date interval)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Document, Entity, Event
from ..store.workspace import Workspace


@dataclass
class ExportData:
    """Events to export, with the documents (by id) their sources point into and the known entities."""

    events: list[Event]
    documents: dict[str, Document] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    title: str = "Timeline"

    @classmethod
    def build(cls, documents: Iterable[Document], entities: dict[str, Entity] | Iterable[Entity],
              events: list[Event], title: str = "Timeline") -> ExportData:
        ents = entities.values() if isinstance(entities, dict) else entities
        return cls(events=list(events), documents={d.id: d for d in documents},
                   entities={e.id: e for e in ents}, title=title)

    @classmethod
    def from_workspace(cls, ws: Workspace, events: list[Event] | None = None) -> ExportData:
        """A workspace's events (all, or the ones given, e.g. the GUI's current filter) with what they cite."""
        evs = ws.events() if events is None else events
        wanted = {s.document for e in evs for s in e.sources}
        docs = [d for i in sorted(wanted) if (d := ws.document(i)) is not None]
        return cls.build(docs, ws.entities(), evs, title=ws.path.stem)

    def company_parents(self) -> dict[str, str | None]:
        """Company name -> parent group name (None for a top-level company)."""
        return {e.name: e.parent for e in self.entities.values() if e.kind == "company"}

    def group_of(self, company: str) -> str:
        """The top of a company's parent chain (the company itself when it has no parent)."""
        parents = self.company_parents()
        seen: set[str] = set()
        c = company
        while (p := parents.get(c)) and c not in seen:
            seen.add(c)
            c = p
        return c

    def source_titles(self, ev: Event) -> list[str]:
        """The titles of the articles that report ``ev`` (each once, in source order)."""
        out: list[str] = []
        for s in ev.sources:
            d = self.documents.get(s.document)
            t = (d.title or d.path) if d else s.document
            if t not in out:
                out.append(t)
        return out

    def evidence(self, ev: Event) -> list[tuple[str, Document | None]]:
        """Each source's evidence sentence with its document (None when the document is not included)."""
        out = []
        for s in ev.sources:
            d = self.documents.get(s.document)
            text = " ".join(d.text[s.start:s.end].split()) if d and d.text else ""
            out.append((text, d))
        return out


def dated(events: list[Event]) -> tuple[list[Event], int]:
    """The events with a date, and how many were left out for having none."""
    out = [e for e in events if e.start is not None]
    return out, len(events) - len(out)


def end_of(ev: Event) -> dt.date:
    """An event's last day (its start when it has no end)."""
    assert ev.start is not None
    return ev.end or ev.start


def span_display(ev: Event) -> str:
    """How a coarse interval reads (``Q3 2024``, ``H1 2024``, ``2020s``, ``2024-W05``); '' for day/month/year."""
    s = ev.start
    if s is None:
        return ""
    if ev.precision == "quarter":
        return f"Q{(s.month - 1) // 3 + 1} {s.year}"
    if ev.precision == "half":
        return f"H{1 if s.month <= 6 else 2} {s.year}"
    if ev.precision == "decade":
        return f"{s.year - s.year % 10}s"
    if ev.precision == "week":
        y, w, _ = s.isocalendar()
        return f"{y}-W{w:02d}"
    return ""


def end_time(ev: Event) -> dt.time | None:
    """The time of day of an event's last moment: its end time, else its start time when it ends on its start
    day (an event at 19:01:01 ends then), else None (it ends with its last day)."""
    if ev.end_time is not None:
        return ev.end_time
    return ev.start_time if ev.start is not None and end_of(ev) == ev.start else None
