"""Parquet shards of extraction results: what cluster workers write and ``load-shards`` bulk-loads.

A shard is three Parquet files written side by side by one task: ``documents-NAME.parquet`` (one row per
article: text, title, date and how it was found, clutter, entities, warnings), ``mentions-NAME.parquet`` and
``events-NAME.parquet`` (one row per per-article event, with flat columns for analysis and the full event as
JSON). Nothing in a shard is pickled: reading one never runs code.

A shard comes from another machine and is read as untrusted bytes: every file is checked (readable Parquet, the
columns loading needs, each holding the right kind of values) and every row (values present, JSON that parses into
exactly the keys written here, dates that are dates in the supported range, offsets inside the text, the id the
text's own). A bad file skips its shard, a bad row its document; each is told as a :class:`Problem` naming the
file, the row, the document and what is wrong, and the rest is read."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator

from .dates.limits import in_range, out_of_range
from .model import (
    EVENT_TYPES,
    MENTION_KINDS,
    PRECISIONS,
    STATUSES,
    ClutterSpan,
    DocResult,
    Document,
    Entity,
    Event,
    Mention,
    v3_type,
)
from .read.readers import Problem

KINDS = ("documents", "mentions", "events")


def _event_json(ev: Event) -> str:
    j = ev.to_json()
    j["confidence"] = ev.confidence  # unrounded, and the trigger word: the merge must see what a local run sees
    j["trigger"] = ev.trigger
    return json.dumps(j)


def _event_from(text: str) -> Event:
    j = json.loads(text)
    ev = Event.from_json(j)
    ev.trigger = str(j.get("trigger", ""))
    return ev


def tables(results: Iterable[DocResult], fmts: dict[str, str] | None = None) -> dict[str, Any]:
    """The three Arrow tables of a shard."""
    import pyarrow as pa

    docs: dict[str, list[Any]] = {k: [] for k in ("id", "path", "title", "text", "date", "date_source",
                                                  "date_confidence", "url", "outlet", "fmt", "clutter",
                                                  "entities", "warnings")}
    ments: dict[str, list[Any]] = {k: [] for k in ("doc_id", "start", "end", "text", "kind", "entity", "value")}
    evs: dict[str, list[Any]] = {k: [] for k in ("doc_id", "ord", "type", "start", "end", "precision",
                                                 "companies", "event")}
    for r in results:
        d = r.document
        for k, v in (("id", d.id), ("path", d.path), ("title", d.title), ("text", d.text),
                     ("date", d.date.isoformat() if d.date else None), ("date_source", d.date_source),
                     ("date_confidence", d.date_confidence), ("url", d.url), ("outlet", d.outlet),
                     ("fmt", (fmts or {}).get(d.id, "txt")), ("clutter", json.dumps([asdict(c) for c in d.clutter])),
                     ("entities", json.dumps([asdict(e) for e in r.entities.values()], default=str)),
                     ("warnings", json.dumps(r.warnings))):
            docs[k].append(v)
        for m in d.mentions:
            for k, v in (("doc_id", d.id), ("start", m.start), ("end", m.end), ("text", m.text), ("kind", m.kind),
                         ("entity", m.entity), ("value", m.value)):
                ments[k].append(v)
        for i, ev in enumerate(r.events):
            row: tuple[tuple[str, Any], ...] = (
                ("doc_id", d.id), ("ord", i), ("type", ev.type), ("start", ev.start.isoformat() if ev.start else None),
                ("end", ev.end.isoformat() if ev.end else None), ("precision", ev.precision),
                ("companies", list(ev.companies)), ("event", _event_json(ev)))
            for k, v in row:
                evs[k].append(v)
    strs = pa.string()
    schemas = {
        "documents": pa.schema([(k, pa.float64() if k == "date_confidence" else strs) for k in docs]),
        "mentions": pa.schema([(k, pa.int64() if k in ("start", "end") else strs) for k in ments]),
        "events": pa.schema([(k, pa.int64() if k == "ord" else pa.list_(strs) if k == "companies" else strs)
                             for k in evs]),
    }
    return {name: pa.table(cols, schema=schemas[name]) for name, cols in
            (("documents", docs), ("mentions", ments), ("events", evs))}


def write_shard(results: list[DocResult], folder: str | Path, name: str, fmts: dict[str, str] | None = None) -> int:
    """Write one shard (three Parquet files) into ``folder``; returns the number of documents."""
    import pyarrow.parquet as pq

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for kind, table in tables(results, fmts).items():
        tmp = out / f".{kind}-{name}.parquet.tmp"
        pq.write_table(table, tmp, compression="zstd")
        tmp.replace(out / f"{kind}-{name}.parquet")  # a shard appears whole or not at all
    return len(results)


def shard_names(folder: str | Path) -> list[str]:
    """Names of the complete shards in ``folder`` (all three files present), sorted."""
    folder = Path(folder)
    names = [p.name[len("documents-"):-len(".parquet")] for p in folder.glob("documents-*.parquet")]
    return sorted(n for n in names if all((folder / f"{k}-{n}.parquet").is_file() for k in KINDS))


def incomplete_shards(folder: str | Path) -> list[Problem]:
    """A problem for each shard in ``folder`` that lacks one of its three files (a worker stopped while writing)."""
    folder = Path(folder)
    names = {p.name.split("-", 1)[1][:-len(".parquet")] for kind in KINDS for p in folder.glob(f"{kind}-*.parquet")}
    out = []
    for name in sorted(names - set(shard_names(folder))):
        have = [k for k in KINDS if (folder / f"{k}-{name}.parquet").is_file()]
        lacking = ", ".join(f"{k}-{name}.parquet" for k in KINDS if k not in have)
        where = folder / f"{have[0]}-{name}.parquet" if have else folder
        out.append(Problem(str(where), f"shard '{name}' is incomplete (no {lacking}); skipped"))
    return out


# -- checking what is read ----------------------------------------------------------------------------------
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
    from .extract.document import document_id

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


class _Told:
    """Problems of one shard, at most ``MAX_ROW_PROBLEMS`` rows told per file (the rest counted); without a list
    to add them to, the first one is raised as ShardError."""

    def __init__(self, out: list[Problem] | None):
        self.out = out
        self.count: dict[str, int] = {}

    def __call__(self, path: Path, reason: str, fatal: bool = True) -> None:
        if self.out is None:
            if fatal:
                raise ShardError(f"{path}: {reason}")
            return
        n = self.count[str(path)] = self.count.get(str(path), 0) + 1
        if n <= MAX_ROW_PROBLEMS:
            self.out.append(Problem(str(path), reason, fatal))

    def close(self) -> None:
        for path, n in self.count.items():
            if n > MAX_ROW_PROBLEMS and self.out is not None:
                self.out.append(Problem(path, f"{n - MAX_ROW_PROBLEMS} more row(s) with problems, not listed"))


def read_shard(folder: str | Path, name: str, problems: list[Problem] | None = None
               ) -> Iterator[tuple[DocResult, str]]:
    """The documents of one shard with their results and source format, in the shard's order, each checked.

    A file that cannot be read (corrupt bytes, a missing or renamed column, a column of the wrong type) skips the
    shard; a bad row skips its document; a mention or event row of a document the shard does not hold is left out.
    Each is added to ``problems`` (naming the file, the row and the document); without ``problems`` the first
    one that skips something is raised as ShardError."""
    folder = Path(folder)
    tell = _Told(problems)
    files = {kind: folder / f"{kind}-{name}.parquet" for kind in KINDS}
    rows: dict[str, list[dict[str, Any]]] = {}
    for kind, path in files.items():
        try:
            rows[kind] = read_rows(path, kind)
        except ShardError as e:
            tell(path, f"{e}; shard '{name}' skipped")
            return
    ok: dict[str, Document] = {}  # the first good row of each id (the one mentions and events are checked on)
    order: list[tuple[Document, dict[str, Entity], list[str], str]] = []  # the good rows
    labels: dict[str, str] = {}  # every id in the documents file -> its path, for the messages
    first_row: dict[str, int] = {}
    bad: set[str] = set()
    for n, d in enumerate(rows["documents"], start=1):
        did, where = d.get("id"), d.get("path")
        label = where if isinstance(where, str) and where else str(did)
        if isinstance(did, str):
            labels.setdefault(did, label)
        try:
            if isinstance(did, str) and (earlier := first_row.setdefault(did, n)) != n:
                raise ShardError(f"the same id as row {earlier} ({labels[did]}), which is left out too (a worker "
                                 "writes each text once: their mentions and events cannot be told apart)")
            got = _document(d)
        except ShardError as e:
            tell(files["documents"], f"row {n} (document {label}): {e}; document skipped")
            if isinstance(did, str):
                bad.add(did)
            continue
        order.append(got)
        ok[got[0].id] = got[0]
    mentions: dict[str, list[Mention]] = {}
    events: dict[str, list[tuple[int, Event]]] = {}
    seen_events: dict[str, set[tuple[str, Any]]] = {}  # per document: ("ord", n) and ("id", event id) met
    for kind in ("mentions", "events"):
        for n, r in enumerate(rows[kind], start=1):
            did = r.get("doc_id")
            if not isinstance(did, str) or did not in labels:
                tell(files[kind], f"row {n}: document '{did}' is not in {files['documents'].name}; row left out",
                     fatal=False)
                continue
            if did in bad or did not in ok:
                continue  # its document is skipped already, and said
            doc = ok[did]
            try:
                if kind == "mentions":
                    mentions.setdefault(did, []).append(_mention(r, doc.text))
                else:
                    order_no, ev = _event(r, doc)
                    met = seen_events.setdefault(did, set())
                    for key in (("ord", order_no), ("id", ev.id)):
                        if key in met:
                            raise ShardError(f"{key[0]} {key[1]} appears twice for this document")
                        met.add(key)
                    events.setdefault(did, []).append((order_no, ev))
            except ShardError as e:
                tell(files[kind], f"row {n} (document {labels[did]}): {e}; document skipped")
                bad.add(did)
    tell.close()
    for doc, ents, warnings, fmt in order:
        if doc.id in bad:
            continue
        doc.mentions = mentions.get(doc.id, [])
        evs = [ev for _o, ev in sorted(events.get(doc.id, []), key=lambda x: x[0])]
        yield DocResult(doc, ents, evs, warnings), fmt


def read_shards(folder: str | Path, problems: list[Problem] | None = None) -> Iterator[tuple[DocResult, str]]:
    """Every document of every complete shard in ``folder``, one shard in memory at a time; bad files and rows
    are added to ``problems`` (see :func:`read_shard`), and so are incomplete shards."""
    if problems is not None:
        problems.extend(incomplete_shards(folder))
    for name in shard_names(folder):
        yield from read_shard(folder, name, problems)
