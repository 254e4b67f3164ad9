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

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..model import DocResult, Document, Entity, Event, Mention
from ..read.readers import Problem
from .checks import COLUMNS as COLUMNS  # importable from here, as before
from .checks import MAX_ROW_PROBLEMS as MAX_ROW_PROBLEMS
from .checks import ShardError as ShardError
from .checks import _document, _event, _mention
from .checks import read_rows as read_rows

KINDS = ("documents", "mentions", "events")


def _event_json(ev: Event) -> str:
    j = ev.to_json()
    j["confidence"] = ev.confidence  # unrounded, and the trigger word: the merge must see what a local run sees
    j["trigger"] = ev.trigger
    return json.dumps(j)


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
