"""Importing a file into a workspace as it is read (issue 23, issue 24 item 4): tables and JSON Lines are decoded
line by line (:mod:`.text_stream`), validated row by row exactly as :func:`.importing.read_import` validates them,
and stored in batches of ``BATCH_ROWS`` rows inside one transaction (:mod:`..store.import_stream`), so memory
follows the batch, not the file. A JSON document (a timeline-app extraction, a TimelineJS timeline) can only be
parsed whole: it is read by ``read_import`` and stored as before."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract.kb import KnowledgeBase, load_kb
from ..model import Document, Entity, Event
from ..store.import_stream import ImportWriter
from ..store.workspace import Workspace
from .importing import (
    IMPORT_FORMATS,
    PREVIEW_BYTES,
    ImportError_,
    _contract_event_values,
    _json,
    detect_format,
    read_import,
    store_import,
)
from .rows import ROWS_PER_DOCUMENT, Rejected, RowBuilder
from .tables_import import (
    guess_mapping,
    import_table,
    import_timesketch_csv,
    import_timesketch_jsonl,
    misread_text,
    read_head,
    sniff_rows,
)
from .text_stream import open_text

#: rows validated, then stored, at a time (a multiple of the rows per provenance document, so the documents
#: are the ones a whole-file read makes)
BATCH_ROWS = 100 * ROWS_PER_DOCUMENT
#: formats read line by line
LINE_FORMATS = ("csv", "timesketch-csv", "jsonl", "timesketch-jsonl")

Progress = Callable[[int, int, str], None]
Batch = Callable[[list[Document], list[Entity], list[Event]], None]


@dataclass
class StreamingRowBuilder(RowBuilder):
    """A :class:`.rows.RowBuilder` that hands its accepted rows to ``sink`` every ``batch_rows`` rows (as
    provenance documents, companies and events) instead of keeping them all."""

    sink: Batch | None = None
    batch_rows: int = BATCH_ROWS
    #: every company named so far, by name
    entities: dict[str, Entity] = field(default_factory=dict)
    accepted: int = 0

    def add(self, row_no: int, values: dict[str, Any]) -> bool:
        ok = super().add(row_no, values)
        if len(self.pending) >= self.batch_rows:
            self.flush()
        return ok

    def flush(self) -> None:
        """Build and hand over the rows kept so far."""
        if not self.pending:
            return
        docs, ents, events = self.build()
        self.pending.clear()
        for e in ents:
            self.entities.setdefault(e.name, e)
        self.accepted += len(events)
        if self.sink is not None:
            self.sink(docs, ents, events)


@dataclass
class ImportResult:
    """What an import stored: its format, how many events, the refused rows with their reasons, notes, the
    column mapping used (tables), the companies it names, how many events of an earlier import of the file it
    replaced, and whether the merge still has to run (``core.ingest.remerge``)."""

    origin: Path
    fmt: str
    events: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, list[str]] = field(default_factory=dict)
    companies: list[str] = field(default_factory=list)
    replaced: int = 0
    merge_needed: bool = True


def check_import(path: str | Path, mapping: dict[str, list[str]] | None = None, fmt: str | None = None) -> str | None:
    """The format a file will be imported as, read from its first ``PREVIEW_BYTES`` only (None: one JSON document
    longer than that, whose kind ``read_import`` tells once it has read it whole); raises ImportError_
    (or OSError) for a file that cannot be imported at all, before anything is opened or stored: not a regular
    file, too large, no text, an unknown format, a table whose columns cannot be mapped."""
    p = Path(path)
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise ImportError_(f"unknown import format '{fmt}' (one of {', '.join(IMPORT_FORMATS)})")
    head, cut = read_head(p, PREVIEW_BYTES)
    if fmt is None and mapping:
        fmt = "csv"
    if fmt is None:
        suffix = p.suffix.lower()
        text = head.text
        if cut and suffix != ".jsonl" and text.lstrip()[:1] in ("{", "[") and "\n{" not in text[:200000]:
            return None  # one JSON document: read_import reads it whole and tells which kind
        fmt = detect_format(p, text)
    if fmt == "csv":
        header, _ = sniff_rows(head.text, p.suffix.lower())
        used = mapping or guess_mapping(header)
        missing = [c for cols in used.values() for c in cols if c not in header]
        if missing:
            raise ImportError_(f"no column {', '.join(repr(c) for c in missing)}; the columns are "
                               f"{', '.join(header)}")
        if "date" not in used and "companies" not in used:
            raise ImportError_(f"cannot tell which columns hold the date and the companies (columns: "
                               f"{', '.join(header)}); map them, e.g. --map date=COLUMN,company=COLUMN")
    return fmt


def stream_import(ws: Workspace, path: str | Path, mapping: dict[str, list[str]] | None = None,
                  fmt: str | None = None, base_dir: str | Path | None = None, kb: KnowledgeBase | None = None,
                  progress: Progress | None = None) -> ImportResult:
    """Read, validate and store a file in one transaction, batch by batch (see the module's docstring); an
    earlier import of the same file is replaced. Raises ImportError_ when the file as a whole cannot be imported
    (nothing is stored then). Run ``core.ingest.remerge(ws)`` afterwards when ``merge_needed``."""
    p = Path(path)
    checked = check_import(p, mapping, fmt)
    if checked is None or checked not in LINE_FORMATS:
        batch = read_import(p, mapping, fmt, base_dir, kb)
        _, replaced = store_import(ws, batch)
        return ImportResult(batch.origin, batch.fmt, len(batch.events), batch.rejected, batch.notes, batch.mapping,
                            sorted({c for ev in batch.events for c in ev.companies}), replaced, True)
    fmt = checked
    origin = p.resolve()
    stream = open_text(p)
    result = ImportResult(origin, fmt, notes=list(stream.notes))
    unit = "line" if fmt in ("jsonl", "timesketch-jsonl") else "row"
    b = StreamingRowBuilder(origin, fmt, kb if kb is not None else load_kb(), unit=unit)
    gc.freeze()  # what is already loaded is never garbage: collections then only look at the batch
    writer: ImportWriter | None = None
    try:
        with ws.transaction() as db:
            writer = ImportWriter(ws, db, str(origin), fmt).begin()

            def sink(docs: list[Document], ents: list[Entity], events: list[Event]) -> None:
                assert writer is not None
                writer.add(docs, ents, events)
                if progress is not None:
                    progress(stream.position, stream.size, p.name)

            b.sink = sink
            rows = stream.lines()
            if fmt == "csv":
                result.mapping = import_table(p, b, rows, mapping, None, stream.decoded())
            elif fmt == "timesketch-csv":
                import_timesketch_csv(p, b, rows, stream.decoded())
            elif fmt == "timesketch-jsonl":
                import_timesketch_jsonl(b, rows)
            else:
                for n, line in enumerate(rows, start=1):
                    if line.strip():
                        try:
                            b.add(n, _contract_event_values(_json(line)))
                        except ImportError_ as e:
                            b.rejected.append(Rejected(n, str(e), b.unit))
            b.flush()
            writer.finish(len(b.rejected))
    finally:
        gc.unfreeze()
        if writer is not None:
            writer.restore_cache()
    if fmt in ("jsonl", "timesketch-jsonl"):  # tables name the rows these lines are in (RowBuilder.notes)
        result.notes += [f"line {n}: {misread_text(enc)}" for n, enc in stream.misread.items()]
    result.notes += b.notes
    result.events, result.rejected, result.replaced = writer.events, b.rejected, writer.replaced
    result.companies = sorted(b.entities)
    result.merge_needed = writer.merge_needed
    if progress is not None:
        progress(stream.size, stream.size, p.name)
    return result


