"""Exports that stream (issue 23): a workspace's events are read from SQLite a chunk at a time, with the articles
their evidence comes from kept in a small cache, and written to the temporary file that replaces the target when
complete (``core.outputs``). Memory follows the chunk, not the workspace. The formats written row by row (CSV,
JSON Lines) stream; the others are one document that needs every event at once and go through
:func:`.export.export` as before. What is written is exactly what ``export`` writes for the same events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..model import Event, Source
from ..outputs import atomic_path
from ..store.quarantine import ReadCheck
from ..store.workspace import _PROVENANCE, Workspace
from .common import ExportData
from .contract import contract_event
from .csv_stream import write_csv
from .doc_cache import DocumentCache
from .export import ExportReport, export, format_for

#: events read per query
CHUNK = 5000
#: articles kept at a time (their texts give the evidence quotes)
DOCUMENTS_KEPT = 256
#: the formats written as the events come
STREAMED = ("csv", "jsonl")


def event_chunks(ws: Workspace, chunk: int = CHUNK, check: ReadCheck | None = None) -> Iterator[list[Event]]:
    """The workspace's events in row order (the order of ``Workspace.events``), ``chunk`` at a time, each with
    its sources (``check``: every value checked for damage as it is read; ``RowsToCheck`` at the first bad one)."""
    last = 0
    while True:
        rows = ws.db.execute("SELECT rowid, id, type, summary, start, end, precision, status, companies, people, "
                             f"places, amounts, confidence, {_PROVENANCE} FROM events WHERE rowid > ? "
                             "ORDER BY rowid LIMIT ?", (last, chunk)).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        if check is not None:
            for r in rows:
                check.event(start=r[4], end=r[5], precision=r[6], status=r[7], companies=r[8], people=r[9],
                            places=r[10], amounts=r[11], confidence=r[12])
        events = [Workspace._event_row(r[1:]) for r in rows]
        by_id = {ev.id: ev for ev in events}
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for s in ws.db.execute("SELECT event_id, doc_id, start, end, trigger_start, trigger_end FROM event_sources "
                                   f"WHERE event_id IN ({','.join('?' * len(part))}) ORDER BY event_id, rowid", part):
                if check is not None:
                    check.source(s[2], s[3])
                by_id[s[0]].sources.append(Source(*s[1:]))
        yield events


def export_chunks(ws: Workspace, chunk: int = CHUNK, check: ReadCheck | None = None) -> Iterator[ExportData]:
    """The workspace's events as ``ExportData`` a chunk at a time, each with the documents its events cite."""
    docs = DocumentCache(ws, max(DOCUMENTS_KEPT, 1))
    entities = ws.entities()
    for events in event_chunks(ws, chunk, check):
        cited = docs.fetch(s.document for e in events for s in e.sources)
        yield ExportData(events=events, documents=cited, entities=entities, title=ws.path.stem)


def export_workspace(path: str | Path, ws: Workspace, fmt: str | None = None,
                     check: ReadCheck | None = None) -> ExportReport:
    """Write every event of ``ws`` to ``path`` in ``fmt`` (or the format the suffix implies), atomically; the
    row-by-row formats stream (see the module's docstring). Raises ``OutputError`` like :func:`.export.export`.

    ``check`` (streamed formats only): every event and source is checked for damage as it is read; at the first
    bad value ``RowsToCheck`` is raised and nothing is written (the file that was there is left as it was)."""
    name = format_for(path, fmt)
    if name not in STREAMED:
        if check is not None:
            raise ValueError(f"{name} is not streamed: its events are not checked as they are read")
        return export(path, ExportData.from_workspace(ws), name)
    written = 0
    snapshot = not ws.db.in_transaction
    if snapshot:  # one read transaction: every chunk sees the same events, whatever another process commits
        ws.db.execute("BEGIN")
    try:
        with atomic_path(path) as tmp:
            if name == "csv":
                written = write_csv(tmp, ws, CHUNK, DOCUMENTS_KEPT, check)
            else:
                with tmp.open("w", encoding="utf-8") as f:
                    for data in export_chunks(ws, check=check):
                        for e in data.events:
                            f.write(json.dumps(contract_event(e), ensure_ascii=False) + "\n")
                            written += 1
    finally:
        if snapshot and ws.db.in_transaction:
            ws.db.execute("COMMIT")
    return ExportReport(name, written)
