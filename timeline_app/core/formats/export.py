"""Export events in the formats analysts use: the one table of them (``FORMATS``), the format a file name implies,
and ``export`` / ``write_output``, which the CLI and the GUI call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Document, Entity, Event
from ..outputs import atomic_path
from . import chrome_trace, contract, ics, table, timelinejs, timesketch
from .common import ExportData
from .contract import SCHEMA, to_contract

__all__ = ["FORMATS", "SCHEMA", "ExportData", "ExportReport", "export", "format_for", "to_contract", "write_output"]

Writer = Callable[[Path, ExportData], "int | tuple[int, int]"]


@dataclass(frozen=True)
class Format:
    """An export format: its name, what it is, the file suffix it implies (if any) and its writer."""

    name: str
    label: str
    suffixes: tuple[str, ...]
    writer: Writer
    file_filter: str


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", "Timeline JSON (timeline-app/2)", (".json",), contract.write_json, "*.json"),
    Format("jsonl", "Timeline JSONL (one event a line)", (".jsonl",), contract.write_jsonl, "*.jsonl"),
    Format("csv", "CSV spreadsheet", (".csv",), table.write_csv, "*.csv"),
    Format("timelinejs", "TimelineJS3 JSON", (), timelinejs.write_timelinejs, "*.json"),
    Format("timesketch-csv", "Timesketch CSV", (), timesketch.write_csv, "*.csv"),
    Format("timesketch-jsonl", "Timesketch JSONL", (), timesketch.write_jsonl, "*.jsonl"),
    Format("chrome-trace", "Chrome trace / Perfetto JSON", (), chrome_trace.write_trace, "*.json"),
    Format("ics", "iCalendar", (".ics", ".ical"), ics.write_ics, "*.ics"),
)}


@dataclass
class ExportReport:
    """What an export wrote: the format, the number of events, and how many were left out for having no date."""

    format: str
    written: int
    undated_left_out: int = 0


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` when given, else the one the suffix implies (``.json`` is timeline-app/2)."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format '{fmt}' (one of {', '.join(FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower()
    for f in FORMATS.values():
        if suffix in f.suffixes:
            return f.name
    raise ValueError(f"cannot tell the format from '{Path(path).name}': give one of {', '.join(FORMATS)}")


def export(path: str | Path, data: ExportData, fmt: str | None = None) -> ExportReport:
    """Write ``data`` to ``path`` in ``fmt`` (or the format the suffix implies), atomically; raises
    :class:`~timeline_app.core.outputs.OutputError` (an ``OSError`` in words) when it cannot."""
    name = format_for(path, fmt)
    with atomic_path(path) as tmp:  # whole or not at all: an earlier file at ``path`` survives any failure
        got = FORMATS[name].writer(tmp, data)
    written, undated = got if isinstance(got, tuple) else (got, 0)
    return ExportReport(name, written, undated)


def write_output(path: str | Path, documents: Iterable[Document], entities: dict[str, Entity] | list[Entity],
                 events: list[Event], fmt: str | None = None) -> ExportReport:
    """Write extraction results to ``path``; the format follows ``fmt`` or the suffix (.json, .jsonl, .csv, …)."""
    return export(path, ExportData.build(documents, entities, events), fmt)
