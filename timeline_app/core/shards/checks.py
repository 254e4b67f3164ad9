"""Checking what is read from a shard, as untrusted bytes from another machine: each file (readable Parquet, the
columns loading needs, each holding the right kind of values) and each row (values present, JSON that parses into
exactly the keys written by ``tables``, dates in the supported range, offsets inside the text, the id the text's
own). What is wrong is raised as :class:`ShardError`, saying what (without the file's name)."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator

from ..dates.limits import in_range, out_of_range
from ..model import (
    EVENT_TYPES,
    MENTION_KINDS,
    PRECISIONS,
    STATUSES,
    ClutterSpan,
    Document,
    Entity,
    Event,
    Mention,
    v3_type,
)

#: the columns loading reads from each file, and the kind of values each must hold
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {"id": "text", "path": "text", "title": "text", "text": "text", "date": "text",
                  "date_source": "text", "date_confidence": "number", "url": "text", "outlet": "text",
                  "fmt": "text", "clutter": "text", "entities": "text", "warnings": "text"},
    "mentions": {"doc_id": "text", "start": "integer", "end": "integer", "text": "text", "kind": "text",
                 "entity": "text", "value": "text"},
    "events": {"doc_id": "text", "ord": "integer", "event": "text"},
}
#: rows told one by one per file; more are counted in one line
MAX_ROW_PROBLEMS = 10


class ShardError(ValueError):
    """A shard file or row that cannot be loaded; the message says what is wrong (without the file's name)."""


class _Strict(BaseModel):
    """Exactly the keys written by :func:`tables` (an extra key is refused), no NaN or infinite numbers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class _Clutter(_Strict):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str


class _Entity(_Strict):
    id: str = Field(min_length=1)
    name: str
    kind: str
    aliases: list[str] = []
    parent: str | None = None
    info: dict[str, Any] = {}


class _Amount(_Strict):
    value: float
    currency: str
    text: str
    usd: float | None = None


class _Source(_Strict):
    document: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    trigger_start: int = Field(ge=0)
    trigger_end: int = Field(ge=0)


class _Event(_Strict):
    """An event as :func:`_event_json` writes it (``Event.to_json`` with the unrounded confidence and trigger)."""

    id: str = Field(min_length=1)
    type: str
    summary: str = ""
    start: dt.date | dt.datetime | None = None  # a day, or a day with its time of day (precision hour…second)
    end: dt.date | dt.datetime | None = None
    precision: str = "undated"
    status: str = "happened"
    companies: list[str] = []
    people: list[str] = []
    places: list[str] = []
    amounts: list[_Amount] = []
    sources: list[_Source] = []
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    trigger: str = ""
    edited: list[str] = []
    notes: str = ""
    tags: list[str] = []
    starred: bool = False

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        return _one_of(v3_type(v), EVENT_TYPES)  # shards written before taxonomy v3 hold round-2 types

    @field_validator("precision")
    @classmethod
    def _precision(cls, v: str) -> str:
        return _one_of(v, PRECISIONS)

    @field_validator("status")
    @classmethod
    def _status(cls, v: str) -> str:
        return _one_of(v, STATUSES)

    @model_validator(mode="after")
    def _interval(self) -> _Event:
        for name, d in (("start", self.start), ("end", self.end)):
            if d is not None and not in_range(d):
                raise ValueError(out_of_range(f"{name} {d}"))
        if self.start is not None and self.end is not None and _day(self.end) < _day(self.start):
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


def _day(v: dt.date) -> dt.date:
    """The calendar day of a start or end (one with a time of day: its date)."""
    return v.date() if isinstance(v, dt.datetime) else v


def _one_of(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"'{value}' is not one of {', '.join(allowed)}")
    return value


_CLUTTER = TypeAdapter(list[_Clutter])
_ENTITIES = TypeAdapter(list[_Entity])
_WARNINGS = TypeAdapter(list[str])


def _errors(e: ValidationError) -> str:
    """A pydantic error in one line: ``0.colour: extra key (not in the shard format); start: …``."""
    parts = []
    for err in e.errors()[:3]:
        loc = ".".join(str(x) for x in err["loc"])
        if err["type"] == "extra_forbidden":
            msg = "extra key (not in the shard format)"
        elif err["type"] == "json_invalid":
            msg = "not valid JSON (" + err["msg"].removeprefix("Invalid JSON: ") + ")"
        else:
            msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    more = len(e.errors()) - 3
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _said(e: BaseException) -> str:
    """An error from pyarrow in a few words (without the file name it repeats)."""
    text = re.sub(r"^Could not open Parquet input source '[^']*': ", "", str(e).strip()).replace("\n", " ")
    text = text if len(text) <= 200 else text[:197] + "…"
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _holds(arrow_type: Any, want: str) -> bool:
    """Whether a column of ``arrow_type`` holds ``want`` values ("text", "integer" or "number"; all-null is fine)."""
    import pyarrow as pa

    t = arrow_type.value_type if pa.types.is_dictionary(arrow_type) else arrow_type
    if pa.types.is_null(t):
        return True
    if want == "text":
        return bool(pa.types.is_string(t) or pa.types.is_large_string(t))
    if want == "integer":
        return bool(pa.types.is_integer(t))
    return bool(pa.types.is_integer(t) or pa.types.is_floating(t))


_KIND_WORDS = {"text": "text", "integer": "integers", "number": "numbers"}


def read_rows(path: Path, kind: str) -> list[dict[str, Any]]:
    """The rows of one shard file (only the columns loading needs), after checking it is Parquet with those
    columns, each holding the right kind of values. Raises ShardError saying what is wrong."""
    import pyarrow.parquet as pq

    want = COLUMNS[kind]
    try:  # bytes from another machine: whatever pyarrow raises while reading them is this file's problem
        with pq.ParquetFile(path) as pf:
            schema = pf.schema_arrow
            names = list(schema.names)
            missing = [c for c in want if c not in names]
            if missing:
                raise ShardError(f"missing column {', '.join(repr(c) for c in missing)} (its columns: "
                                 f"{', '.join(names) or 'none'})")
            for col, values in want.items():
                if names.count(col) > 1:
                    raise ShardError(f"column '{col}' appears {names.count(col)} times")
                typ = schema.field(col).type
                if not _holds(typ, values):
                    raise ShardError(f"column '{col}' holds {typ} values, not {_KIND_WORDS[values]}")
            return pf.read(columns=list(want)).to_pylist()  # type: ignore[no-any-return]
    except ShardError:
        raise
    except Exception as e:  # corrupt pages raise OSError, ArrowInvalid, MemoryError …
        raise ShardError(f"cannot read it as Parquet ({_said(e)})") from None


def _offsets(what: str, start: Any, end: Any, text: str) -> None:
    for key, v in (("start", start), ("end", end)):
        if v is None:
            raise ShardError(f"{what}{key}: no value")
        if not isinstance(v, int) or isinstance(v, bool):
            raise ShardError(f"{what}{key}: {v!r} is not an integer")
    if not 0 <= start <= end <= len(text):
        raise ShardError(f"{what}span {start}–{end} is outside the text ({len(text)} characters)")


def _json_column(name: str, value: Any, adapter: TypeAdapter[Any]) -> Any:
    if value is None:
        return []
    try:
        return adapter.validate_json(value, strict=True)
    except ValidationError as e:
        raise ShardError(f"column '{name}': {_errors(e)}") from None


def _text(d: dict[str, Any], key: str, required: bool = False) -> str | None:
    v = d.get(key)
    if v is None or (required and v == ""):
        if required:
            raise ShardError(f"no {key}")
        return None
    if not isinstance(v, str):
        raise ShardError(f"{key}: {type(v).__name__}, not text")
    return v


def _document(d: dict[str, Any]) -> tuple[Document, dict[str, Entity], list[str], str]:
    """A checked documents row: the document (without mentions), its entities, warnings and source format."""
    from ..extract.document import document_id

    did, path = _text(d, "id", True), _text(d, "path", True)
    text = _text(d, "text")
    if text is None:
        raise ShardError("no text")
    assert did is not None and path is not None
    if did != document_id(text):
        raise ShardError(f"id '{did}' does not match its text (changed after extraction?)")
    date = None
    if (raw_date := _text(d, "date")) is not None:
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            raise ShardError(f"date '{raw_date}' is not a date (YYYY-MM-DD)") from None
        if not in_range(date):
            raise ShardError(out_of_range(f"date '{raw_date}'"))
    conf = d.get("date_confidence")
    if conf is not None and not (math.isfinite(conf) and 0.0 <= conf <= 1.0):
        raise ShardError(f"date_confidence {conf} is not between 0 and 1")
    clutter = _json_column("clutter", d.get("clutter"), _CLUTTER)
    for i, c in enumerate(clutter):
        _offsets(f"column 'clutter': {i}.", c.start, c.end, text)
    entities = _json_column("entities", d.get("entities"), _ENTITIES)
    warnings = _json_column("warnings", d.get("warnings"), _WARNINGS)
    doc = Document(id=did, path=path, title=_text(d, "title") or path, text=text, date=date,
                   date_source=_text(d, "date_source") or "", date_confidence=float(conf or 0.0),
                   url=_text(d, "url"), outlet=_text(d, "outlet"),
                   clutter=[ClutterSpan(c.start, c.end, c.reason) for c in clutter])
    ents = {e.id: Entity(e.id, e.name, e.kind, list(e.aliases), e.parent, dict(e.info)) for e in entities}
    return doc, ents, list(warnings), _text(d, "fmt") or "txt"


def _mention(m: dict[str, Any], text: str) -> Mention:
    _offsets("", m.get("start"), m.get("end"), text)
    kind = _text(m, "kind", True)
    if kind not in MENTION_KINDS:
        raise ShardError(f"kind '{kind}' is not one of {', '.join(MENTION_KINDS)}")
    body = _text(m, "text")
    if body is None:
        raise ShardError("no text")
    return Mention(m["start"], m["end"], body, kind, _text(m, "entity"), _text(m, "value"))


def _event(e: dict[str, Any], doc: Document) -> tuple[int, Event]:
    order = e.get("ord")
    if not isinstance(order, int) or isinstance(order, bool):
        raise ShardError("ord: no value" if order is None else f"ord: {order!r} is not an integer")
    raw = _text(e, "event", True)
    assert raw is not None
    try:
        checked = _Event.model_validate_json(raw, strict=True)
    except ValidationError as err:
        raise ShardError(f"column 'event': {_errors(err)}") from None
    for i, s in enumerate(checked.sources):
        if s.document != doc.id:
            raise ShardError(f"column 'event': sources.{i}.document '{s.document}' is not this document")
        _offsets(f"column 'event': sources.{i}.", s.start, s.end, doc.text)
        _offsets(f"column 'event': sources.{i}.trigger_", s.trigger_start, s.trigger_end, doc.text)
    return order, _event_from(raw)


def _event_from(text: str) -> Event:
    j = json.loads(text)
    ev = Event.from_json(j)
    ev.trigger = str(j.get("trigger", ""))
    return ev
