"""The `timeline-app/2` contract: pydantic models that validate it (per item, so one bad event is reported and
the rest kept), the writers for JSON (documents with their text embedded, entities, events) and JSONL (one event
a line), and the JSON Schema generated from the models (``resources/schema/timeline-app-2.schema.json``).

Version 2 (taxonomy v3, ``resources/taxonomy.json``): event types are the 37 v3 types and each event names its
``family``. Version 1 files (the nine round-2 types, no family) are still read: their types are mapped to v3
(supply → contract, financial → results, appointment → leadership, investment → acquisition)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema, model_validator

from ..dates.limits import in_range, out_of_range
from ..model import EVENT_TYPES, FAMILIES, Document, Entity, Event, family_of, v3_type
from .common import ExportData

SCHEMA = "timeline-app/2"
#: every version an import reads (1: round-2 types, mapped to v3 when read)
READABLE = ("timeline-app/1", "timeline-app/2")
SCHEMA_FILE = "schema/timeline-app-2.schema.json"


def _event_type(v: Any) -> str:
    """A type as written (v3, or round-2 in a version-1 file) as its v3 id; anything else is refused."""
    t = v3_type(v) if isinstance(v, str) else v
    if t not in EVENT_TYPES:
        raise ValueError(f"unknown event type {str(v)[:40]!r} (the types of resources/taxonomy.json, e.g. "
                         "acquisition, contract, results, launch, leadership, lawsuit, other)")
    return str(t)


def _family(v: Any) -> str:
    if v not in FAMILIES:
        raise ValueError(f"unknown event family {str(v)[:40]!r} (one of {', '.join(FAMILIES)})")
    return str(v)


#: an event type of taxonomy v3 (a round-2 type is read as the type it became)
EventType = Annotated[str, BeforeValidator(_event_type),
                      WithJsonSchema({"type": "string", "enum": list(EVENT_TYPES),
                                      "description": "event type (taxonomy v3, resources/taxonomy.json)"})]
#: a family of event types
EventFamily = Annotated[str, BeforeValidator(_family),
                        WithJsonSchema({"type": "string", "enum": list(FAMILIES),
                                        "description": "the family of the event's type (derived from it)"})]
Precision = Literal["day", "week", "month", "quarter", "half", "year", "decade", "undated", "hour", "minute",
                    "second"]
#: a start or end: a day (``2024-03-05``), or for the sub-day precisions a day with its time of day
#: (``2015-07-24T19:01:01+00:00``)
When = dt.date | dt.datetime


def day_of(v: When) -> dt.date:
    """The calendar day of a start or end (a date with a time of day: its date)."""
    return v.date() if isinstance(v, dt.datetime) else v
Status = Literal["happened", "planned", "ongoing"]


class ContractAmount(BaseModel):
    """A money amount as found in the text."""

    value: float
    currency: str
    text: str
    usd: float | None = None


class ContractSource(BaseModel):
    """Evidence: the sentence [start, end) and the trigger word [trigger_start, trigger_end) in a document."""

    document: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    trigger_start: int = Field(ge=0)
    trigger_end: int = Field(ge=0)


class ContractEvent(BaseModel):
    """One business event. Extra keys (e.g. curation fields) are allowed and kept. ``family`` is written with
    every event and derived from the type when read (a version-1 file has none)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1)
    type: EventType
    family: EventFamily | None = None
    summary: str = ""
    start: When | None = None
    end: When | None = None
    precision: Precision = "undated"
    status: Status = "happened"
    companies: list[str] = []
    people: list[str] = []
    places: list[str] = []
    amounts: list[ContractAmount] = []
    sources: list[ContractSource] = []
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    #: the user's curation: fields they edited, their note, tags and star
    edited: list[str] = []
    notes: str = ""
    tags: list[str] = []
    starred: bool = False
    #: the user's review (issue 22): "confirmed", "rejected", or null when not reviewed
    review: Literal["confirmed", "rejected"] | None = None

    @model_validator(mode="after")
    def _interval(self) -> ContractEvent:
        if (self.start is None) != (self.precision == "undated"):
            raise ValueError("an event has a start date exactly when its precision is not 'undated'")
        for name, d in (("start", self.start), ("end", self.end)):
            if d is not None and not in_range(day_of(d)):
                raise ValueError(out_of_range(f"{name} {d}"))
        if self.start is not None and self.end is not None and day_of(self.end) < day_of(self.start):
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class ContractMention(BaseModel):
    """A typed span of a document's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: str
    entity: str | None = None
    value: str | None = None


class ContractClutter(BaseModel):
    """A span of page furniture."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str


class ContractDocument(BaseModel):
    """An article. ``text`` is embedded by this version's exports; older files name only ``path``, which an
    import reads only inside the folder the user chose."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1)
    path: str
    title: str | None = None
    text: str | None = None
    date: dt.date | None = None
    date_source: str | None = None
    date_confidence: float = 0.0
    url: str | None = None
    source: str | None = None
    clutter: list[ContractClutter] = []
    mentions: list[ContractMention] = []


class ContractEntity(BaseModel):
    """A company, organisation, outlet, person or place."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1)
    name: str
    kind: str
    aliases: list[str] = []
    parent: str | None = None


class Contract(BaseModel):
    """A whole `timeline-app/2` extraction."""

    model_config = ConfigDict(title="timeline-app/2 extraction")

    schema_: Literal["timeline-app/2"] = Field(alias="schema")
    documents: list[ContractDocument] = []
    entities: list[ContractEntity] = []
    events: list[ContractEvent] = []


class Envelope(BaseModel):
    """What an import checks first: the schema name of a version it reads."""

    schema_: Literal["timeline-app/1", "timeline-app/2"] = Field(alias="schema")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the contract, as stored in ``resources/schema/timeline-app-2.schema.json``."""
    s = Contract.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA, **s}


def error_text(e: ValidationError) -> str:
    """A pydantic error as one readable line: ``start: Input should be a valid date; type: ...``."""
    parts = []
    for err in e.errors():
        loc = ".".join(str(x) for x in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


# -- writing ------------------------------------------------------------------------------------------------
def to_contract(documents: list[Document], entities: dict[str, Entity] | list[Entity],
                events: list[Event]) -> dict[str, Any]:
    """The contract as a dict: documents carry their text so that the file stands on its own."""
    ents = entities.values() if isinstance(entities, dict) else entities
    return {"schema": SCHEMA, "documents": [{**d.to_json(), "text": d.text} for d in documents],
            "entities": [e.to_json() for e in sorted(ents, key=lambda e: e.id)],
            "events": [contract_event(e) for e in events]}


def contract_event(ev: Event) -> dict[str, Any]:
    """An event as the contract writes it: its JSON, the type as a v3 id and the family of its type after it."""
    j = ev.to_json()
    t = v3_type(ev.type)
    rest = {k: v for k, v in j.items() if k not in ("id", "type", "review")}
    return {"id": j["id"], "type": t, "family": family_of(t), **rest, "review": ev.review or None}


def write_json(path: Path, data: ExportData) -> int:
    """The whole extraction as one JSON document; returns the number of events written."""
    with path.open("w", encoding="utf-8") as f:
        json.dump(to_contract(list(data.documents.values()), data.entities, data.events), f, ensure_ascii=False,
                  indent=1)
    return len(data.events)


def write_jsonl(path: Path, data: ExportData) -> int:
    """One contract event per line."""
    with path.open("w", encoding="utf-8") as f:
        for e in data.events:
            f.write(json.dumps(contract_event(e), ensure_ascii=False) + "\n")
    return len(data.events)


if __name__ == "__main__":  # regenerate the schema file: python -m timeline_app.core.formats.contract
    from ..paths import resource_path

    resource_path(SCHEMA_FILE).write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
