"""Importing a `timeline-app/2` (or `/1`) extraction: documents, entities and events validated one by one (a bad
event is reported and the rest kept) and taken as they are, so an export of the workspace gives the same events
back. A version-1 file's round-2 event types are read as the v3 types they became (``contract.EventType``).

A document's text is taken from the file (this version's exports embed it). An older file names only a path:
that path is read only when it resolves (symbolic links followed) to a regular file inside the folder the user
chose (by default the folder the extraction is in); any other path (one with a NUL byte included) is refused, and
said so, never read. Event dates outside the supported range (``core/dates/limits``) refuse the event; such a
document date is dropped, with a note."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..dates.limits import in_range, out_of_range
from ..model import Amount, ClutterSpan, Document, Entity, Event, Mention, Source
from .contract import ContractDocument, ContractEntity, ContractEvent, Envelope, error_text
from .rows import Rejected

MAX_DOC_BYTES = 50 * 1024 * 1024


@dataclass
class ContractImport:
    """What an extraction file holds, once validated."""

    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    total: int = 0


def resolve_inside(path_text: str, base: Path) -> tuple[Path | None, str]:
    """``path_text`` as a file inside ``base`` (relative paths are taken from ``base``), or None and why not."""
    if "\x00" in path_text:
        return None, "the path contains a NUL byte"
    root = base.resolve()
    try:
        p = Path(path_text).expanduser() if path_text.startswith("~") else Path(path_text)
        candidate = (p if p.is_absolute() else root / p).resolve()
        if not candidate.is_relative_to(root):
            return None, f"outside {root}, the folder chosen for this import"
        if not candidate.is_file():
            return None, "not a regular file there" if candidate.exists() else "no such file there"
        if candidate.stat().st_size > MAX_DOC_BYTES:
            return None, f"larger than {MAX_DOC_BYTES // 2**20} MB"
    except (OSError, RuntimeError, ValueError) as e:  # a name too long, a symlink loop, no such user for ~x
        return None, f"not a usable path ({e})"
    return candidate, ""


def shown(text: str) -> str:
    """Text safe to print on one line: control characters (a NUL, a newline) written as escapes (``\\x00``)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _document(d: ContractDocument, base: Path, notes: list[str]) -> Document:
    text = d.text
    if text is None:
        found, why = resolve_inside(d.path, base)
        if found is not None:
            try:
                text = found.read_bytes().decode("utf-8", errors="replace")
            except OSError as e:
                why = e.strerror or str(e)
        if text is None:
            notes.append(f"document {shown(d.id)}: did not read '{shown(d.path)}' ({why}); imported without its text")
            text = ""
    date = d.date
    if date is not None and not in_range(date):
        notes.append(f"document {shown(d.id)}: {out_of_range(f'date {date}')}; imported without a date")
        date = None
    path = shown(d.path) if "\x00" in d.path else d.path  # no file has that name; keep it printable, storable
    return Document(id=d.id, path=path, title=d.title or path, text=text, date=date,
                    date_source=d.date_source or "imported", date_confidence=d.date_confidence, url=d.url,
                    outlet=d.source, clutter=[ClutterSpan(**c.model_dump()) for c in d.clutter],
                    mentions=[Mention(**m.model_dump()) for m in d.mentions])


def _when(v: dt.date | None) -> tuple[dt.date | None, dt.time | None]:
    """A start or end as (day, time of day or None)."""
    if isinstance(v, dt.datetime):
        return v.date(), v.timetz()
    return v, None


def _event(e: ContractEvent, doc_ids: set[str], notes: list[str]) -> Event:
    d = e.model_dump()
    srcs = [Source(**s) for s in d["sources"] if s["document"] in doc_ids]
    if len(srcs) < len(d["sources"]):
        notes.append(f"event {e.id}: {len(d['sources']) - len(srcs)} source(s) name documents not in the file")
    (start, start_time), (end, end_time) = _when(e.start), _when(e.end)
    return Event(id=e.id, type=e.type, summary=e.summary, start=start, end=end, start_time=start_time,
                 end_time=end_time, precision=e.precision,
                 status=e.status, companies=list(e.companies), people=list(e.people), places=list(e.places),
                 amounts=[Amount(**a) for a in d["amounts"]], sources=srcs, confidence=e.confidence,
                 edited=list(e.edited), notes=e.notes, tags=list(e.tags), starred=e.starred, review=e.review or "")


def read_contract(data: Any, base: Path) -> ContractImport:
    """Validate an extraction (parsed JSON); ``base`` is the only folder document paths may be read from."""
    if not isinstance(data, dict):
        raise ValueError("not a timeline-app/2 extraction (the top level is not an object)")
    try:  # the envelope: the schema name and three lists (their items are checked one by one below)
        schema = Envelope.model_validate({"schema": data.get("schema")}).schema_
    except ValidationError as e:
        raise ValueError(f"not a timeline-app/2 extraction ({error_text(e)})") from None
    out = ContractImport()
    for key in ("documents", "entities", "events"):
        if not isinstance(data.get(key, []), list):
            raise ValueError(f"not a {schema} extraction ('{key}' is not a list)")
    for n, raw in enumerate(data.get("documents", []), start=1):
        try:
            out.documents.append(_document(ContractDocument.model_validate(raw), base, out.notes))
        except ValidationError as e:
            out.rejected.append(Rejected(n, error_text(e), "document"))
    for n, raw in enumerate(data.get("entities", []), start=1):
        try:
            ent = ContractEntity.model_validate(raw)
            out.entities.append(Entity(ent.id, ent.name, ent.kind, list(ent.aliases), ent.parent))
        except ValidationError as e:
            out.rejected.append(Rejected(n, error_text(e), "entity"))
    doc_ids = {d.id for d in out.documents}
    seen: set[str] = set()
    for n, raw in enumerate(data.get("events", []), start=1):
        out.total += 1
        try:
            ev = ContractEvent.model_validate(raw)
        except ValidationError as e:
            out.rejected.append(Rejected(n, error_text(e), "event"))
            continue
        if ev.id in seen:
            out.rejected.append(Rejected(n, f"a second event with id {ev.id}", "event"))
            continue
        seen.add(ev.id)
        out.events.append(_event(ev, doc_ids, out.notes))
    return out
