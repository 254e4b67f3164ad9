"""A spreadsheet of events (CSV): one row per event, lists joined with "; ", sources named by article title; the
type as its v3 id with its label and family label beside it; formula cells neutralised (``spreadsheet.safe_cell``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import FAMILY_LABELS, family_of, type_label, v3_type
from .common import ExportData
from .spreadsheet import write_table

CSV_FIELDS = ["id", "type", "type_label", "family", "summary", "start", "end", "precision", "status", "companies",
              "people", "places", "amounts", "confidence", "sources", "evidence", "edited", "notes", "tags", "starred",
              "review"]
LIST_SEP = "; "


def write_csv(path: Path, data: ExportData) -> int:
    """Write the events as CSV (UTF-8, header row); returns the number of rows."""
    return write_table(path, CSV_FIELDS, _rows(data))


def _rows(data: ExportData) -> Iterator[dict[str, Any]]:
    """One row of values per event (cells are made safe by ``write_table``)."""
    for e in data.events:
        d = e.to_json()
        quotes = [q for q, _ in data.evidence(e) if q]
        yield {**{k: d[k] for k in CSV_FIELDS if k in d},
               "type": v3_type(e.type), "type_label": type_label(e.type), "family": FAMILY_LABELS[family_of(e.type)],
               "companies": LIST_SEP.join(e.companies), "people": LIST_SEP.join(e.people),
               "places": LIST_SEP.join(e.places),
               "amounts": LIST_SEP.join(a.text for a in e.amounts),
               "sources": LIST_SEP.join(data.source_titles(e)),
               "evidence": quotes[0] if quotes else "",
               # the user's curation (see core/curate.py)
               "edited": LIST_SEP.join(e.edited), "notes": e.notes, "tags": LIST_SEP.join(e.tags),
               "starred": "yes" if e.starred else "", "review": e.review}
