"""Exports that stream (issue 23): a workspace's events are read from SQLite a chunk at a time, with the articles
their evidence comes from kept in a small cache, and written to the temporary file that replaces the target when
complete (``core.outputs``). Memory follows the chunk, not the workspace. The formats written row by row (CSV,
JSON Lines) stream; the others are one document that needs every event at once and go through
:func:`.export.export` as before. What is written is exactly what ``export`` writes for the same events."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import (
    FAMILY_LABELS,
    REVIEW_STATES,
    Event,
    Source,
    family_of,
    parse_when,
    type_label,
    v3_type,
    when_iso,
)
from ..outputs import atomic_path
from ..store.workspace import _PROVENANCE, Workspace
from .common import ExportData
from .contract import contract_event
from .doc_cache import DocumentCache
from .export import ExportReport, export, format_for
from .spreadsheet import safe_cell
from .table import CSV_FIELDS, LIST_SEP

#: events read per query
CHUNK = 5000
#: articles kept at a time (their texts give the evidence quotes)
DOCUMENTS_KEPT = 256
#: the formats written as the events come
STREAMED = ("csv", "jsonl")


def event_chunks(ws: Workspace, chunk: int = CHUNK) -> Iterator[list[Event]]:
    """The workspace's events in row order (the order of ``Workspace.events``), ``chunk`` at a time, each with
    its sources."""
    last = 0
    while True:
        rows = ws.db.execute("SELECT rowid, id, type, summary, start, end, precision, status, companies, people, "
                             f"places, amounts, confidence, {_PROVENANCE} FROM events WHERE rowid > ? "
                             "ORDER BY rowid LIMIT ?", (last, chunk)).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        events = [Workspace._event_row(r[1:]) for r in rows]
        by_id = {ev.id: ev for ev in events}
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for s in ws.db.execute("SELECT event_id, doc_id, start, end, trigger_start, trigger_end FROM event_sources "
                                   f"WHERE event_id IN ({','.join('?' * len(part))}) ORDER BY event_id, rowid", part):
                by_id[s[0]].sources.append(Source(*s[1:]))
        yield events


def export_chunks(ws: Workspace, chunk: int = CHUNK) -> Iterator[ExportData]:
    """The workspace's events as ``ExportData`` a chunk at a time, each with the documents its events cite."""
    docs = DocumentCache(ws, max(DOCUMENTS_KEPT, 1))
    entities = ws.entities()
    for events in event_chunks(ws, chunk):
        cited = docs.fetch(s.document for e in events for s in e.sources)
        yield ExportData(events=events, documents=cited, entities=entities, title=ws.path.stem)


#: what a cell safe_cell may have to guard starts with (a quote: it may precede one)
_HOT = frozenset("'=+-@\t\r")
#: the cells of a CSV row that can hold text from an article, an import or the user (type: an unknown imported
#: type is kept as written); the others are codes, labels, ISO dates, the confidence and "yes"
_FREE_TEXT = (0, 1, 2, 3, 4, 9, 10, 11, 12, 14, 15, 16, 17, 18)


class _Joined(dict[str | None, str]):
    """A stored JSON list of names as the CSV writes it ("A; B"), remembered (tables repeat their companies)."""

    def __missing__(self, text: str | None) -> str:
        out = LIST_SEP.join(map(str, json.loads(text))) if text and text != "[]" else ""
        if len(self) < 200_000:
            self[text] = out
        return out


def _when(text: str | None) -> str:
    """A stored date as ``Event.to_json`` writes it back (``when_iso(parse_when(text))``)."""
    if not text:
        return ""
    return text if len(text) == 10 and text[4] == "-" else (when_iso(*parse_when(text)) or "")


def csv_rows(ws: Workspace, chunk: int = CHUNK) -> Iterator[list[Any]]:
    """The cells of ``table.write_csv`` for every event of ``ws`` (before ``safe_cell``; an empty cell as ""),
    read a chunk at a time straight from the rows, without building events: the same values ``table._rows``
    gives from ``Workspace.events()`` (a test holds the two to the same bytes)."""
    docs = DocumentCache(ws, max(DOCUMENTS_KEPT, 1))
    labels: dict[str, tuple[str, str, str]] = {}
    joined = _Joined()
    last = 0
    while True:
        rows = ws.db.execute("SELECT rowid, id, type, summary, start, end, precision, status, companies, people, "
                             "places, amounts, confidence, edited, notes, tags, starred, review FROM events "
                             "WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, chunk)).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        ids = [r[1] for r in rows]
        cites: dict[str, list[tuple[str, int, int]]] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for eid, doc, s0, s1 in ws.db.execute(
                    "SELECT event_id, doc_id, start, end FROM event_sources "
                    f"WHERE event_id IN ({','.join('?' * len(part))}) ORDER BY event_id, rowid", part):
                cites.setdefault(eid, []).append((doc, s0, s1))
        cited = docs.fetch(c[0] for cs in cites.values() for c in cs)
        for (_rowid, eid, typ, summary, start, end, precision, status, companies, people, places, amounts,
             confidence, edited, notes, tags, starred, review) in rows:
            if typ not in labels:
                v3 = v3_type(typ)
                labels[typ] = (v3, type_label(v3), FAMILY_LABELS[family_of(v3)])
            v3, label, family = labels[typ]
            titles: list[str] = []
            quote = ""
            for doc_id, s0, s1 in cites.get(eid, ()):
                d = cited.get(doc_id)
                t = (d.title or d.path) if d else doc_id
                if t not in titles:
                    titles.append(t)
                if not quote and d is not None and d.text:
                    quote = " ".join(d.text[s0:s1].split())
            yield [eid, v3, label, family, summary or "", _when(start), _when(end), precision or "", status or "",
                   joined[companies], joined[people], joined[places],
                   LIST_SEP.join(a["text"] for a in json.loads(amounts)) if amounts and amounts != "[]" else "",
                   round(confidence, 3), LIST_SEP.join(titles), quote, joined[edited], notes or "", joined[tags],
                   "yes" if starred else "", review if review in REVIEW_STATES else ""]


def write_csv(path: Path, ws: Workspace) -> int:
    """The events of ``ws`` as ``table.write_csv`` writes them (every cell through the ``safe_cell`` rule)."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([safe_cell(h) for h in CSV_FIELDS])
        for cells in csv_rows(ws):
            # the first character of every cell that can hold free text (the others are codes, labels, ISO dates
            # and the confidence): a row none of them could turn into a formula is written as it is
            heads = "".join([cells[i][:1] for i in _FREE_TEXT])
            w.writerow(cells if _HOT.isdisjoint(heads) else [safe_cell(c) for c in cells])
            n += 1
    return n


def export_workspace(path: str | Path, ws: Workspace, fmt: str | None = None) -> ExportReport:
    """Write every event of ``ws`` to ``path`` in ``fmt`` (or the format the suffix implies), atomically; the
    row-by-row formats stream (see the module's docstring). Raises ``OutputError`` like :func:`.export.export`."""
    name = format_for(path, fmt)
    if name not in STREAMED:
        return export(path, ExportData.from_workspace(ws), name)
    written = 0
    snapshot = not ws.db.in_transaction
    if snapshot:  # one read transaction: every chunk sees the same events, whatever another process commits
        ws.db.execute("BEGIN")
    try:
        with atomic_path(path) as tmp:
            if name == "csv":
                written = write_csv(tmp, ws)
            else:
                with tmp.open("w", encoding="utf-8") as f:
                    for data in export_chunks(ws):
                        for e in data.events:
                            f.write(json.dumps(contract_event(e), ensure_ascii=False) + "\n")
                            written += 1
    finally:
        if snapshot and ws.db.in_transaction:
            ws.db.execute("COMMIT")
    return ExportReport(name, written)
