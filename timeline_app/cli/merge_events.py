"""`timeline-app merge-events WORKSPACE ID ID...`: merge events the extraction reported apart into one."""

from __future__ import annotations

import argparse
import sys

from .common import open_existing_workspace


def main(argv: list[str]) -> int:
    """Merge two or more events (one undoable edit); the merged event keeps every source."""
    p = argparse.ArgumentParser(prog="timeline-app merge-events", description="Merge events into one.")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("events", metavar="ID", nargs="+")
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    from ..core import curate

    ws = open_existing_workspace(a.workspace, "merge-events")
    if ws is None:
        return 2
    try:
        edit_id = curate.merge_events(ws, a.events)
        rec = curate.get_edit(ws, edit_id)
    except curate.EditError as e:
        print(f"timeline-app merge-events: {e}", file=sys.stderr)
        return 2
    finally:
        ws.close()
    print(f"edit {edit_id}: {rec.label if rec else ''}", file=sys.stderr)
    return 0
