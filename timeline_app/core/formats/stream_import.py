"""Importing a file into a workspace as it is read (issue 23, issue 24 item 4): tables and JSON Lines are decoded
line by line (:mod:`.text_stream`), validated row by row exactly as :func:`.importing.read_import` validates them,
and stored in batches of ``BATCH_ROWS`` rows inside one transaction (:mod:`..store.import_stream`), so memory
follows the batch, not the file. The rows are read in a thread of their own a batch or two ahead of the one
being stored (:mod:`.read_ahead`: SQLite writes without Python's global lock). A JSON document (a
timeline-app extraction, a TimelineJS timeline) can only be parsed whole: it is read by ``read_import`` and
stored as before."""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract.kb import KnowledgeBase, load_kb
from ..model import Entity
from ..parallel import default_workers
from ..store.import_stream import ImportWriter, PreparedBatch, prepare_batch
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
from .read_ahead import ReadAhead
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

#: files larger than this are validated on every core by default
PARALLEL_BYTES = 16 * 2**20
#: batches in flight per worker process (bounds memory)
IN_FLIGHT_PER_WORKER = 2

Progress = Callable[[int, int, str], None]


RawRows = list[tuple[int, dict[str, Any]]]


@dataclass
class RowBatcher(RowBuilder):
    """What the row readers add to (in place of a :class:`.rows.RowBuilder`): the rows as read, handed to
    ``sink`` every ``batch_rows`` rows, to be validated and built by :func:`build_rows` (here or in a worker
    process). The readers' own refusals (a cell too long, a file that stops being CSV) and notes stay here."""

    sink: Callable[[RawRows], None] | None = None
    batch_rows: int = BATCH_ROWS
    raw: RawRows = field(default_factory=list)

    def add(self, row_no: int, values: dict[str, Any]) -> bool:
        self.raw.append((row_no, values))
        if len(self.raw) >= self.batch_rows:
            self.flush()
        return True

    def flush(self) -> None:
        """Hand over the rows kept so far."""
        if self.raw and self.sink is not None:
            self.sink(self.raw)
        self.raw = []


def build_rows(origin: Path, fmt: str, unit: str, kb: KnowledgeBase | None,
               rows: RawRows) -> tuple[PreparedBatch, list[Rejected], list[str]]:
    """Validate and build one batch of rows (a provenance document per ``ROWS_PER_DOCUMENT`` accepted rows of
    the batch) and make it ready to store; with the rows refused and notes."""
    b = RowBuilder(origin, fmt, kb, unit=unit)
    for n, values in rows:
        b.add(n, values)
    docs, ents, events = b.build()
    return prepare_batch(docs, ents, events), b.rejected, b.notes


_worker_kb: KnowledgeBase | None = None


def _init_worker(kb: KnowledgeBase) -> None:
    global _worker_kb
    _worker_kb = kb


def _build_in_worker(origin: Path, fmt: str, unit: str,
                     rows: RawRows) -> tuple[PreparedBatch, list[Rejected], list[str]]:
    return build_rows(origin, fmt, unit, _worker_kb, rows)


def workers_for_file(path: str | Path, requested: int | None = None) -> int:
    """Processes to validate rows in: ``requested``, else every core for a file of more than
    ``PARALLEL_BYTES`` (one for a smaller file: starting processes would cost more than it saves)."""
    if requested is not None and requested > 0:
        return requested
    try:
        big = Path(path).stat().st_size > PARALLEL_BYTES
    except OSError:
        big = False
    return default_workers() if big else 1


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
                  progress: Progress | None = None, workers: int = 1) -> ImportResult:
    """Read, validate and store a file in one transaction, batch by batch (see the module's docstring), the
    batches validated in ``workers`` processes (one: here); an earlier import of the same file is replaced.
    Raises ImportError_ when the file as a whole cannot be imported (nothing is stored then). Run
    ``core.ingest.remerge(ws)`` afterwards when ``merge_needed``."""
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
    kb = kb if kb is not None else load_kb()
    b = RowBatcher(origin, fmt, kb, unit=unit, batch_rows=BATCH_ROWS)
    rejected: list[Rejected] = []
    built_notes: list[str] = []  # of the batches (the reader's own go into b.notes)
    entities: dict[str, Entity] = {}
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(kb,)) if workers > 1 else None
    in_flight: deque[Future[tuple[PreparedBatch, list[Rejected], list[str]]]] = deque()
    gc.freeze()  # what is already loaded is never garbage: collections then only look at the batch
    writer: ImportWriter | None = None
    try:
        with ws.transaction() as db:
            writer = ImportWriter(ws, db, str(origin), fmt, file_bytes=stream.size).begin()

            def store(built: tuple[PreparedBatch, list[Rejected], list[str]]) -> None:
                assert writer is not None
                prepared, refused, notes = built
                writer.add_prepared(prepared)
                rejected.extend(refused)
                built_notes.extend(notes)
                for e in prepared.entities:
                    entities.setdefault(e.name, e)
                if progress is not None:
                    progress(stream.position, stream.size, p.name)

            def sink(rows: RawRows) -> None:
                if pool is None:
                    store(build_rows(origin, fmt, unit, kb, rows))
                    return
                in_flight.append(pool.submit(_build_in_worker, origin, fmt, unit, rows))
                while len(in_flight) > IN_FLIGHT_PER_WORKER * workers:  # in order: the rows keep their order
                    store(in_flight.popleft().result())

            def read(put: Callable[[RawRows], None]) -> dict[str, list[str]]:
                """The rows read and split (in the reader's thread; its notes and refusals go into ``b``)."""
                b.sink = put
                used: dict[str, list[str]] = {}
                rows = stream.lines()
                if fmt == "csv":
                    used = import_table(p, b, rows, mapping, None, stream.decoded())
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
                return used

            with ReadAhead(read) as ahead:  # the next rows are read while a batch is stored (see read_ahead)
                for raw in ahead:
                    sink(raw)
            result.mapping = ahead.result() or {}
            while in_flight:
                store(in_flight.popleft().result())
            rejected = sorted([*b.rejected, *rejected], key=lambda r: r.row)  # in file order
            writer.finish(len(rejected))
    finally:
        gc.unfreeze()
        for f in in_flight:
            f.cancel()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if writer is not None:
            writer.restore_cache()
    if fmt in ("jsonl", "timesketch-jsonl"):  # tables name the rows these lines are in (RowBuilder.notes)
        result.notes += [f"line {n}: {misread_text(enc)}" for n, enc in stream.misread.items()]
    result.notes += b.notes + built_notes
    result.events, result.rejected, result.replaced = writer.events, rejected, writer.replaced
    result.companies = sorted(entities)
    result.merge_needed = writer.merge_needed
    if progress is not None:
        progress(stream.size, stream.size, p.name)
    return result


