"""A spreadsheet of events (CSV): one row per event, lists joined with "; ", sources named by article title."""

from __future__ import annotations

import csv
from pathlib import Path

from .common import ExportData

CSV_FIELDS = ["id", "type", "summary", "start", "end", "precision", "status", "companies", "people", "places",
              "amounts", "confidence", "sources", "evidence", "edited", "notes", "tags", "starred"]
LIST_SEP = "; "


def write_csv(path: Path, data: ExportData) -> int:
    """Write the events as CSV (UTF-8, header row); returns the number of rows."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, CSV_FIELDS)
        w.writeheader()
        for e in data.events:
            d = e.to_json()
            quotes = [q for q, _ in data.evidence(e) if q]
            w.writerow({**{k: d[k] for k in CSV_FIELDS if k in d},
                        "companies": LIST_SEP.join(e.companies), "people": LIST_SEP.join(e.people),
                        "places": LIST_SEP.join(e.places),
                        "amounts": LIST_SEP.join(a.text for a in e.amounts),
                        "sources": LIST_SEP.join(data.source_titles(e)),
                        "evidence": quotes[0] if quotes else "",
                        # the user's curation (see core/curate.py)
                        "edited": LIST_SEP.join(e.edited), "notes": e.notes, "tags": LIST_SEP.join(e.tags),
                        "starred": "yes" if e.starred else ""})
    return len(data.events)
