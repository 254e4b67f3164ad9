"""Parquet shards of extraction results: what cluster workers write and ``load-shards`` bulk-loads.

A shard is three Parquet files written side by side by one task: ``documents-NAME.parquet`` (one row per
article: text, title, date and how it was found, clutter, entities, warnings), ``mentions-NAME.parquet`` and
``events-NAME.parquet`` (one row per per-article event, with flat columns for analysis and the full event as
JSON). Nothing in a shard is pickled: reading one never runs code."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .model import ClutterSpan, DocResult, Document, Entity, Event, Mention

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


def read_shard(folder: str | Path, name: str) -> Iterator[tuple[DocResult, str]]:
    """The documents of one shard with their results and source format, in the shard's order."""
    import pyarrow.parquet as pq

    folder = Path(folder)
    docs = pq.read_table(folder / f"documents-{name}.parquet").to_pylist()
    mentions: dict[str, list[Mention]] = {}
    for m in pq.read_table(folder / f"mentions-{name}.parquet").to_pylist():
        mentions.setdefault(m["doc_id"], []).append(Mention(m["start"], m["end"], m["text"], m["kind"],
                                                            m["entity"], m["value"]))
    events: dict[str, list[tuple[int, Event]]] = {}
    for e in pq.read_table(folder / f"events-{name}.parquet", columns=["doc_id", "ord", "event"]).to_pylist():
        events.setdefault(e["doc_id"], []).append((e["ord"], _event_from(e["event"])))
    for d in docs:
        doc = Document(id=d["id"], path=d["path"], title=d["title"] or d["path"], text=d["text"],
                       date=dt.date.fromisoformat(d["date"]) if d["date"] else None,
                       date_source=d["date_source"] or "", date_confidence=d["date_confidence"] or 0.0,
                       url=d["url"], outlet=d["outlet"],
                       clutter=[ClutterSpan(**c) for c in json.loads(d["clutter"] or "[]")],
                       mentions=mentions.get(d["id"], []))
        ents = {e["id"]: Entity(**e) for e in json.loads(d["entities"] or "[]")}
        evs = [ev for _o, ev in sorted(events.get(d["id"], []), key=lambda x: x[0])]
        yield DocResult(doc, ents, evs, json.loads(d["warnings"] or "[]")), d["fmt"] or "txt"


def read_shards(folder: str | Path) -> Iterator[tuple[DocResult, str]]:
    """Every document of every complete shard in ``folder``, one shard in memory at a time."""
    for name in shard_names(folder):
        yield from read_shard(folder, name)
