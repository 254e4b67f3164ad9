"""Write extraction results: the `timeline-app/1` JSON contract, JSONL (one event a line) and CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..model import Document, Entity, Event

SCHEMA = "timeline-app/1"


def to_contract(documents: list[Document], entities: dict[str, Entity] | list[Entity],
                events: list[Event]) -> dict[str, Any]:
    ents = entities.values() if isinstance(entities, dict) else entities
    return {"schema": SCHEMA, "documents": [d.to_json() for d in documents],
            "entities": [e.to_json() for e in sorted(ents, key=lambda e: e.id)],
            "events": [e.to_json() for e in events]}


CSV_FIELDS = ["id", "type", "summary", "start", "end", "precision", "status", "companies", "people", "places",
              "amounts", "confidence", "sources"]


def write_output(path: str | Path, documents: list[Document], entities: dict[str, Entity],
                 events: list[Event]) -> None:
    """Write to ``path``; the format follows the suffix (.json, .jsonl, .csv)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(to_contract(documents, entities, events), ensure_ascii=False, indent=1),
                        encoding="utf-8")
    elif suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as f:
            for e in events:
                f.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
    elif suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, CSV_FIELDS)
            w.writeheader()
            for e in events:
                d = e.to_json()
                w.writerow({**{k: d[k] for k in CSV_FIELDS if k in d},
                            "companies": "; ".join(e.companies), "people": "; ".join(e.people),
                            "places": "; ".join(e.places),
                            "amounts": "; ".join(a.text for a in e.amounts),
                            "sources": "; ".join(f"{s.document}:{s.start}-{s.end}" for s in e.sources)})
    else:
        raise ValueError(f"unknown output format '{suffix}': use .json, .jsonl or .csv")
