"""Plain data classes shared by every stage of the pipeline (no behaviour beyond (de)serialisation)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

MENTION_KINDS = ("company", "organization", "media", "person", "place", "money", "quantity", "product", "date")
EVENT_TYPES = (
    "meeting",
    "supply",
    "partnership",
    "investment",
    "launch",
    "financial",
    "appointment",
    "plan",
    "other",
)
EVENT_TYPE_LABELS = {
    "meeting": "Meeting / visit",
    "supply": "Supply contract",
    "partnership": "Partnership",
    "investment": "Investment / acquisition",
    "launch": "Product launch",
    "financial": "Financial results",
    "appointment": "Appointment",
    "plan": "Plan / announcement",
    "other": "Other",
}
PRECISIONS = ("day", "week", "month", "quarter", "half", "year", "decade", "undated")
STATUSES = ("happened", "planned", "ongoing")


@dataclass
class Mention:
    """A typed span of a document's text, optionally linked to an entity or carrying a normalised value."""

    start: int
    end: int
    text: str
    kind: str
    entity: str | None = None
    value: str | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "entity": self.entity, "value": self.value}


@dataclass
class Entity:
    """A company, organisation, outlet, person or place, identified by a stable id."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind,
                "aliases": sorted(set(self.aliases) - {self.name}), "parent": self.parent}


@dataclass
class Amount:
    """A money amount: value in ``currency``, the text it came from, and USD when the text gives it."""

    value: float
    currency: str
    text: str
    usd: float | None = None


@dataclass
class Source:
    """Where an event is reported: the sentence span and the trigger span in one document."""

    document: str
    start: int
    end: int
    trigger_start: int
    trigger_end: int


@dataclass
class Event:
    """A business event with its date interval, participants and evidence."""

    id: str
    type: str
    summary: str
    start: dt.date | None
    end: dt.date | None
    precision: str
    status: str
    companies: list[str]
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    confidence: float = 0.5
    trigger: str = ""
    #: provenance of the user's curation: fields the user edited, their note, tags and star
    edited: list[str] = field(default_factory=list)
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    starred: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "summary": self.summary,
            "start": _iso(self.start), "end": _iso(self.end), "precision": self.precision,
            "status": self.status, "companies": list(self.companies), "people": list(self.people),
            "places": list(self.places), "amounts": [dict(vars(a)) for a in self.amounts],  # flat: asdict is slow
            "sources": [dict(vars(s)) for s in self.sources], "confidence": round(self.confidence, 3),
            "edited": list(self.edited), "notes": self.notes, "tags": list(self.tags), "starred": self.starred,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"], type=d["type"], summary=d.get("summary", ""),
            start=_date(d.get("start")), end=_date(d.get("end")), precision=d.get("precision", "undated"),
            status=d.get("status", "happened"), companies=list(d.get("companies", [])),
            people=list(d.get("people", [])), places=list(d.get("places", [])),
            amounts=[Amount(**a) for a in d.get("amounts", [])],
            sources=[Source(**s) for s in d.get("sources", [])], confidence=float(d.get("confidence", 0.5)),
            edited=[str(f) for f in d.get("edited") or []], notes=str(d.get("notes") or ""),
            tags=[str(t) for t in d.get("tags") or []], starred=bool(d.get("starred", False)),
        )


@dataclass
class ClutterSpan:
    """A span of page furniture (related-article lists, banners, comment boxes): shown, never mined for events."""

    start: int
    end: int
    reason: str


@dataclass
class Document:
    """One article: its text, publication date (with how it was found), clutter spans and mentions."""

    id: str
    path: str
    title: str
    text: str
    date: dt.date | None = None
    date_source: str = "none"
    date_confidence: float = 0.0
    url: str | None = None
    outlet: str | None = None
    clutter: list[ClutterSpan] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "path": self.path, "title": self.title, "date": _iso(self.date),
            "date_source": self.date_source, "date_confidence": round(self.date_confidence, 3),
            "url": self.url, "source": self.outlet,
            "clutter": [asdict(c) for c in self.clutter],
            "mentions": [m.to_json() for m in self.mentions],
        }

    def in_clutter(self, pos: int) -> bool:
        return any(c.start <= pos < c.end for c in self.clutter)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


@dataclass
class DocResult:
    """What extraction yields for one article: the document (with mentions), its entities and events."""

    document: Document
    entities: dict[str, Entity]
    events: list[Event]
    warnings: list[str] = field(default_factory=list)
