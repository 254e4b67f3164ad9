"""Plain data classes shared by every stage of the pipeline (no behaviour beyond (de)serialisation), and the
business-event taxonomy they use (``resources/taxonomy.json``: families, types, labels, the round-2 mapping)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .paths import resource_path

MENTION_KINDS = ("company", "organization", "media", "person", "place", "money", "quantity", "product", "date")
TAXONOMY_FILE = "taxonomy.json"


@dataclass(frozen=True)
class EventTypeInfo:
    """One business-event type of the taxonomy: its id, label, short label (legends), family, definition and the
    round-2 type it replaces."""

    id: str
    label: str
    short: str
    family: str
    definition: str
    old: str


@dataclass(frozen=True)
class Family:
    """A family of event types (one colour on the timeline)."""

    id: str
    label: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """The business-event taxonomy (``resources/taxonomy.json``): families in order, each with its types."""

    version: int
    families: tuple[Family, ...]
    types: dict[str, EventTypeInfo]


def _taxonomy_from(data: Any) -> Taxonomy:
    """The taxonomy from its parsed JSON, checked: unique ids, every type with a label, every family with a type."""
    families: list[Family] = []
    types: dict[str, EventTypeInfo] = {}
    fam_ids: set[str] = set()
    for f in data["families"]:
        fid, flabel = str(f["id"]), str(f["label"])
        if fid in fam_ids or not f["types"]:
            raise ValueError(f"taxonomy: family '{fid}' is repeated or has no type")
        fam_ids.add(fid)
        ids = []
        for t in f["types"]:
            tid = str(t["id"])
            if tid in types:
                raise ValueError(f"taxonomy: type '{tid}' is repeated")
            label = str(t["label"])
            types[tid] = EventTypeInfo(tid, label, str(t.get("short") or label), fid, str(t.get("def", "")),
                                       str(t["old"]))
            ids.append(tid)
        families.append(Family(fid, flabel, tuple(ids)))
    missing = {v for v in ROUND2_TO_V3.values() if v not in types} | ({"other"} - set(types))
    if missing:
        raise ValueError(f"taxonomy: no type {', '.join(sorted(missing))} (round-2 types map onto it)")
    return Taxonomy(int(data.get("version", 0)), tuple(families), types)


@functools.cache
def taxonomy() -> Taxonomy:
    """The business-event taxonomy, read once from ``resources/taxonomy.json``."""
    return _taxonomy_from(json.loads(resource_path(TAXONOMY_FILE).read_text(encoding="utf-8")))


#: The nine event types of extraction round 2 (stored and exported before taxonomy v3).
ROUND2_TYPES = ("meeting", "supply", "partnership", "investment", "launch", "financial", "appointment", "plan",
                "other")
#: Their labels then (files exported before v3 may name a type by one of them).
ROUND2_LABELS = {
    "meeting": "Meeting / visit", "supply": "Supply contract", "partnership": "Partnership",
    "investment": "Investment / acquisition", "launch": "Product launch", "financial": "Financial results",
    "appointment": "Appointment", "plan": "Plan / announcement", "other": "Other",
}
#: A round-2 type that is no v3 id, as the v3 type it becomes (the other round-2 ids are v3 ids too).
ROUND2_TO_V3 = {"supply": "contract", "financial": "results", "appointment": "leadership", "investment": "acquisition"}


def v3_type(t: str) -> str:
    """An event type as a v3 id: a round-2 type is mapped (supply → contract, financial → results, appointment →
    leadership, investment → acquisition), anything else is returned unchanged. Used wherever stored or imported
    data may hold old names."""
    return ROUND2_TO_V3.get(t, t)


class _Labels(Mapping[str, str]):
    """Type id → label, over the v3 ids; a round-2 id looks up the label of the type it became."""

    def __init__(self, labels: dict[str, str]):
        self._d = labels

    def __getitem__(self, key: str) -> str:
        return self._d[v3_type(key)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)


_TAX = taxonomy()
#: Every v3 event type, family by family in the taxonomy's order ("other" last).
EVENT_TYPES: tuple[str, ...] = tuple(t for f in _TAX.families for t in f.types)
EVENT_TYPE_LABELS: Mapping[str, str] = _Labels({t: _TAX.types[t].label for t in EVENT_TYPES})
#: Short labels for legends ("Acquisition" for "Acquisition / merger").
EVENT_TYPE_SHORT: Mapping[str, str] = _Labels({t: _TAX.types[t].short for t in EVENT_TYPES})
#: Family id → family, in the taxonomy's order.
FAMILIES: dict[str, Family] = {f.id: f for f in _TAX.families}
FAMILY_LABELS: dict[str, str] = {f.id: f.label for f in _TAX.families}
_FAMILY_OF = {t: info.family for t, info in _TAX.types.items()}


def family_of(t: str) -> str:
    """The family id of an event type (a round-2 type: of the type it became; an unknown one: 'other')."""
    return _FAMILY_OF.get(v3_type(t), "other")


def type_label(t: str) -> str:
    """The label of an event type (a round-2 type: of the type it became; an unknown one: itself)."""
    return EVENT_TYPE_LABELS.get(t, t)


def round2_type(t: str) -> str:
    """The round-2 type a v3 type replaces (the taxonomy's "old"): the inverse of :func:`v3_type` on what
    round-2 data maps to, and the coarse round-2 class of every other v3 type (stake → investment). A round-2 or
    unknown type is returned unchanged."""
    info = _TAX.types.get(t)
    return info.old if info is not None else t


#: Every precision an event date may have. The sub-day ones come last so that stored codes of the others keep
#: their meaning (``core/index``); ``core/dates/intervals.PRECISION_RANK`` orders them from finest to coarsest.
PRECISIONS = ("day", "week", "month", "quarter", "half", "year", "decade", "undated", "hour", "minute", "second")
#: Precisions finer than a day: the event keeps its time of day (``Event.start_time``/``end_time``).
SUB_DAY = ("hour", "minute", "second")
STATUSES = ("happened", "planned", "ongoing")
#: What a user's review says of an event: it is right, or it is not an event (an unreviewed event has "").
REVIEW_STATES = ("confirmed", "rejected")


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
    #: time of day (with its UTC offset when the source gave one) for the sub-day precisions, else None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    #: the user's review: "confirmed", "rejected" or "" (not reviewed); see ``REVIEW_STATES``
    review: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "type": self.type, "summary": self.summary,
            "start": when_iso(self.start, self.start_time), "end": when_iso(self.end, self.end_time),
            "precision": self.precision, "status": self.status, "companies": list(self.companies),
            "people": list(self.people),
            "places": list(self.places), "amounts": [dict(vars(a)) for a in self.amounts],  # flat: asdict is slow
            "sources": [dict(vars(s)) for s in self.sources], "confidence": round(self.confidence, 3),
            "edited": list(self.edited), "notes": self.notes, "tags": list(self.tags), "starred": self.starred,
        }
        if self.review:  # only when reviewed: extraction results and shards stay as they were
            out["review"] = self.review
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Event:
        (start, start_time), (end, end_time) = parse_when(d.get("start")), parse_when(d.get("end"))
        return cls(
            id=d["id"], type=v3_type(d["type"]), summary=d.get("summary", ""),
            start=start, end=end, start_time=start_time, end_time=end_time,
            precision=d.get("precision", "undated"),
            status=d.get("status", "happened"), companies=list(d.get("companies", [])),
            people=list(d.get("people", [])), places=list(d.get("places", [])),
            amounts=[Amount(**a) for a in d.get("amounts", [])],
            sources=[Source(**s) for s in d.get("sources", [])], confidence=float(d.get("confidence", 0.5)),
            edited=[str(f) for f in d.get("edited") or []], notes=str(d.get("notes") or ""),
            tags=[str(t) for t in d.get("tags") or []], starred=bool(d.get("starred", False)),
            review=d["review"] if d.get("review") in REVIEW_STATES else "",
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


def when_iso(d: dt.date | None, t: dt.time | None = None) -> str | None:
    """A date, with its time of day when it has one, in ISO 8601: ``2015-07-24`` or ``2015-07-24T19:01:01+00:00``
    (the form events are stored and exported in)."""
    if d is None:
        return None
    return d.isoformat() if t is None else f"{d.isoformat()}T{t.isoformat()}"


def parse_when(s: str | None) -> tuple[dt.date | None, dt.time | None]:
    """The inverse of :func:`when_iso`: ``2015-07-24`` → (date, None); ``2015-07-24T19:01:01+00:00`` → (date,
    time with its offset). Raises ``ValueError`` for anything else."""
    if not s:
        return None, None
    if len(s) <= 10:
        return dt.date.fromisoformat(s), None
    when = dt.datetime.fromisoformat(s)
    return when.date(), when.timetz()


@dataclass
class DocResult:
    """What extraction yields for one article: the document (with mentions), its entities and events."""

    document: Document
    entities: dict[str, Entity]
    events: list[Event]
    warnings: list[str] = field(default_factory=list)
