"""`timeline-app edits WORKSPACE [--undo ID | --redo ID]`: the workspace's edit history (every stored edit,
whether it is active, and the ones that could not be re-attached after re-extraction), and reverting or
re-applying any of them."""

from __future__ import annotations

import argparse
import sys

from .common import open_existing_workspace


def main(argv: list[str]) -> int:
    """List the edit history, or revert / re-apply one edit."""
    p = argparse.ArgumentParser(prog="timeline-app edits", description="The edit history of a workspace.")
    p.add_argument("workspace", metavar="WORKSPACE")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--undo", type=int, metavar="ID", help="revert edit ID")
    g.add_argument("--redo", type=int, metavar="ID", help="re-apply edit ID")
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    from ..core import curate

    ws = open_existing_workspace(a.workspace, "edits")
    if ws is None:
        return 2
    try:
        if a.undo is not None or a.redo is not None:
            (curate.undo if a.undo is not None else curate.redo)(ws, a.undo if a.undo is not None else a.redo)
        for r in curate.history(ws):
            state = "reverted" if r.reverted else \
                ("NOT PLACED: " + (r.problem or "") if r.placed is False else "active")
            print(f"{r.id}\t{r.created}\t{state}\t{r.label}")
    except curate.EditError as e:
        print(f"timeline-app edits: {e}", file=sys.stderr)
        return 2
    finally:
        ws.close()
    return 0
