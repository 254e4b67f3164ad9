"""`timeline-app export WORKSPACE --output FILE`: write a workspace's events (with the user's edits applied)
without re-ingesting; the format follows the suffix (.json, .jsonl, .csv) or ``--format``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("json", "jsonl", "csv")


def main(argv: list[str]) -> int:
    """Export the events of a workspace."""
    p = argparse.ArgumentParser(prog="timeline-app export", description="Write a workspace's events to a file.")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("--output", "-o", required=True, metavar="FILE")
    p.add_argument("--format", "-f", choices=FORMATS, help="default: from the FILE suffix")
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    fmt = a.format or Path(a.output).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        print(f"timeline-app export: unknown format '{fmt}': use --format {'|'.join(FORMATS)}", file=sys.stderr)
        return 2
    if not Path(a.workspace).is_file():
        print(f"timeline-app export: no workspace '{a.workspace}'", file=sys.stderr)
        return 2
    from ..core.formats.export import write_output
    from ..core.ingest import open_workspace
    from ..core.store.workspace import WorkspaceError

    try:
        ws = open_workspace(a.workspace)
    except WorkspaceError as e:
        print(f"timeline-app export: {e}", file=sys.stderr)
        return 2
    try:
        docs, ents, events = ws.documents(), ws.entities(), ws.events()
    finally:
        ws.close()
    out = Path(a.output)
    target = out if out.suffix.lower() == f".{fmt}" else out.with_name(out.name + f".{fmt}")
    write_output(target, docs, ents, events)
    if target != out:
        target.replace(out)
    print(f"{len(events)} event(s) written to {out}", file=sys.stderr)
    return 0
