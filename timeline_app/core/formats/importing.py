"""Import events from other tools' files into a workspace: the format told or recognised (CSV/TSV with any
columns, Timesketch CSV/JSONL, TimelineJS JSON, timeline-app/2 or /1 JSON or JSONL), every row validated by a schema
(pydantic), bad rows reported with their number and reason and the rest imported, provenance kept ("imported
from FILE"), companies matched to the knowledge base or added. The caller then runs the merge
(``core.ingest.remerge``) so the events appear on the timeline."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract.kb import KnowledgeBase, load_kb
from ..model import Document, Entity, Event
from ..store.imports import save_import
from ..store.workspace import Workspace
from .contract import READABLE
from .contract_import import read_contract
from .rows import Rejected, RowBuilder
from .tables_import import (
    Decoded,
    ImportError_,
    import_table,
    import_timesketch_csv,
    import_timesketch_jsonl,
    is_timesketch_header,
    lines,
    misread_text,
    read_decoded,
    read_head,
    read_text,
    sniff_rows,
)
from .timelinejs_import import import_timelinejs

IMPORT_FORMATS = {
    "csv": "CSV/TSV with a column mapping",
    "timesketch-csv": "Timesketch CSV",
    "timesketch-jsonl": "Timesketch JSONL",
    "timelinejs": "TimelineJS3 JSON",
    "json": "timeline-app/2 JSON extraction",
    "jsonl": "timeline-app/2 JSONL (one event a line)",
}

__all__ = ["IMPORT_FORMATS", "PREVIEW_BYTES", "ImportBatch", "ImportError_", "Rejected", "Sample", "detect_format",
           "format_from_suffix", "read_import", "read_sample", "store_import", "table_columns"]

#: how much of a file a preview reads: the first rows, even with cells of ``MAX_CELL_CHARS`` (a JSON document,
#: which is read as a whole or not at all, is the exception: it is read up to the import's own bound)
PREVIEW_BYTES = 8 * 2**20


@dataclass
class ImportBatch:
    """A file read for import: what will be stored, what was refused and why."""

    origin: Path
    fmt: str
    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, list[str]] = field(default_factory=dict)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise ImportError_("JSON nested too deeply (lists or objects inside each other deeper than can be read "
                           "safely)") from None
    except ValueError as e:
        raise ImportError_(f"not valid JSON: {e}") from None


def _json_lines(suffix: str, text: str) -> bool:
    """Whether a text is JSON Lines (one object a line) by its suffix and first lines."""
    return suffix == ".jsonl" or (suffix != ".json" and text.lstrip()[:1] == "{" and "\n{" in text[:200000])


def _json_document(suffix: str, text: str) -> bool:
    """Whether a text is one JSON document (read as a whole) by its suffix and first bytes."""
    return not _json_lines(suffix, text) and (suffix == ".json" or text.lstrip()[:1] in ("{", "["))


def detect_format(path: Path, text: str) -> str:
    """The import format of a file, from its suffix and its first bytes."""
    suffix = path.suffix.lower()
    if _json_lines(suffix, text):
        first = _json(next((ln for ln in lines(text) if ln.strip()), "{}"))
        return "timesketch-jsonl" if isinstance(first, dict) and "message" in first else "jsonl"
    if _json_document(suffix, text):
        data = _json(text)
        if isinstance(data, dict) and data.get("schema") in READABLE:
            return "json"
        if isinstance(data, dict) and str(data.get("schema", "")).startswith("timeline-app/"):
            raise ImportError_(f"not a timeline-app/2 extraction: schema '{str(data['schema'])[:40]}' is of another "
                               f"version (this Timeline reads {' and '.join(READABLE)})")
        if isinstance(data, dict) and isinstance(data.get("events"), list):
            return "timelinejs"
        raise ImportError_("a JSON file that is neither a timeline-app extraction nor a TimelineJS timeline")
    header, _ = sniff_rows(text, suffix)
    return "timesketch-csv" if is_timesketch_header(header) else "csv"


def _contract_event_values(rec: Any) -> dict[str, Any]:
    if not isinstance(rec, dict):
        return {"date": "?"}
    return {k: rec.get(k) for k in ("companies", "type", "summary", "status", "people", "places", "precision")} | {
        "date": rec.get("start") or "", "end": rec.get("end")}


def format_from_suffix(path: str | Path) -> str:
    """The import format a file's name suggests (when its contents cannot tell)."""
    return {".json": "json", ".jsonl": "jsonl"}.get(Path(path).suffix.lower(), "csv")


@dataclass
class Sample:
    """What a preview reads of a file: the first ``PREVIEW_BYTES`` cut at a line end (``cut``: the file goes on),
    or all of it for a JSON document; and its format, detected from it (else ``problem`` says why not and ``fmt``
    is the one the file's name suggests)."""

    decoded: Decoded
    cut: bool
    fmt: str
    problem: str | None = None


def read_sample(path: str | Path, max_bytes: int = PREVIEW_BYTES) -> Sample:
    """Read a bounded sample of a file for a preview and detect its format. Raises ImportError_ (or OSError)
    when the file cannot be read at all."""
    p = Path(path)
    decoded, cut = read_head(p, max_bytes)
    if cut and _json_document(p.suffix.lower(), decoded.text):
        decoded, cut = read_decoded(p), False  # one JSON document: read whole, or it cannot be parsed
    try:
        return Sample(decoded, cut, detect_format(p, decoded.text))
    except ImportError_ as e:
        return Sample(decoded, cut, format_from_suffix(p), str(e))


def read_import(path: str | Path, mapping: dict[str, list[str]] | None = None, fmt: str | None = None,
                base_dir: str | Path | None = None, kb: KnowledgeBase | None = None,
                limit: int | None = None, decoded: Decoded | None = None) -> ImportBatch:
    """Read and validate a file for import. ``base_dir`` is the only folder an extraction's document paths may be
    read from (default: the file's folder); ``limit`` reads only the first rows of a table (a preview);
    ``decoded``: the file's text when already read (a preview's ``Sample``). Raises ImportError_ when the file as
    a whole cannot be imported.

    A file that is UTF-8 except for some lines (a row pasted from a Latin-1 file) has those lines decoded on their
    own, each named in ``notes`` (a table's by its row number, any other format's by its line number)."""
    p = Path(path)
    origin = p.resolve()
    decoded = decoded if decoded is not None else read_decoded(p)
    text = decoded.text
    fmt = fmt or ("csv" if mapping else detect_format(p, text))
    if fmt not in IMPORT_FORMATS:
        raise ImportError_(f"unknown import format '{fmt}' (one of {', '.join(IMPORT_FORMATS)})")
    batch = ImportBatch(origin, fmt, notes=list(decoded.notes))
    if fmt not in ("csv", "timesketch-csv"):  # tables name the rows these lines are in (RowBuilder.notes)
        batch.notes += [f"line {n}: {misread_text(enc)}" for n, enc in decoded.misread.items()]
    if fmt == "json":
        try:
            got = read_contract(_json(text), Path(base_dir) if base_dir else origin.parent)
        except ImportError_:
            raise
        except ValueError as e:  # the file as a whole is not an extraction
            raise ImportError_(str(e)) from None
        batch.documents, batch.entities, batch.events = got.documents, got.entities, got.events
        batch.rejected = got.rejected
        batch.notes += got.notes
        return batch
    unit = {"jsonl": "line", "timesketch-jsonl": "line", "timelinejs": "slide"}.get(fmt, "row")
    b = RowBuilder(origin, fmt, kb if kb is not None else load_kb(), unit=unit)
    if fmt == "csv":
        batch.mapping = import_table(p, b, text, mapping, limit, decoded)
    elif fmt == "timesketch-csv":
        import_timesketch_csv(p, b, text, decoded)
    elif fmt == "timesketch-jsonl":
        import_timesketch_jsonl(b, text)
    elif fmt == "timelinejs":
        try:
            import_timelinejs(b, _json(text))
        except ValueError as e:
            raise ImportError_(str(e)) from None
    elif fmt == "jsonl":
        for n, line in enumerate(lines(text), start=1):
            if line.strip():
                try:
                    b.add(n, _contract_event_values(_json(line)))
                except ImportError_ as e:
                    b.rejected.append(Rejected(n, str(e), b.unit))
    batch.documents, batch.entities, batch.events = b.build()
    batch.rejected = b.rejected
    batch.notes += b.notes
    return batch


def table_columns(path: str | Path, text: str | None = None) -> list[str]:
    """The header of a CSV/TSV file (for a column-mapping dialog); ``text``: the file's text when already read."""
    p = Path(path)
    return sniff_rows(read_text(p) if text is None else text, p.suffix.lower())[0]


def store_import(ws: Workspace, batch: ImportBatch) -> tuple[int, int]:
    """Store a read import (replacing an earlier import of the same file); returns (import id, events replaced).
    Run ``core.ingest.remerge(ws)`` afterwards to show the events."""
    return save_import(ws, str(batch.origin), batch.fmt, batch.documents, batch.entities, batch.events,
                       len(batch.rejected))
