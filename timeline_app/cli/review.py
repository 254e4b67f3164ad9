"""`timeline-app review WORKSPACE --list | --accept ID... | --reject ID... | --clear ID...`: the review queue
for scripts (issue 22).

``--list`` prints the queue (unreviewed events by default), least sure first, one event a line: its id, its
confidence, its date, its companies and its summary, tab-separated, with ``new`` when an article of it came in
after the last review. ``--accept`` / ``--reject`` / ``--clear`` record one review edit (several ids: one bulk
edit, one undo), the same edit the viewer's review queue makes."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from .common import fail, open_existing_workspace

if TYPE_CHECKING:
    from ..core.review import QueueEntry


def _line(e: QueueEntry) -> str:
    """One queue entry as a tab-separated line."""
    clean = " ".join(e.summary.split())
    flags = ",".join(f for f, on in (("new", e.new), (e.review, bool(e.review))) if on)
    return "\t".join((e.id, f"{e.confidence:.2f}", e.start or "undated", "; ".join(e.companies), clean, flags))


def main(argv: list[str]) -> int:
    """List the review queue, or accept / reject / clear the review of events."""
    from ..core.review import FILTERS

    p = argparse.ArgumentParser(prog="timeline-app review", description="The review queue of a workspace.")
    p.add_argument("workspace", metavar="WORKSPACE")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--list", action="store_true", help="list the queue, least sure first (one event a line)")
    g.add_argument("--accept", nargs="+", metavar="ID", help="mark events confirmed (right as extracted)")
    g.add_argument("--reject", nargs="+", metavar="ID", help="mark events as not events (they leave the timeline)")
    g.add_argument("--clear", nargs="+", metavar="ID", help="take events back into the queue")
    p.add_argument("--filter", choices=FILTERS, default="unreviewed", help="which events --list shows")
    p.add_argument("--progress", action="store_true", help="with --list: say how far the review is (stderr)")
    try:
        a = p.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from ..core import curate, review

    ws = open_existing_workspace(a.workspace, "review", reading=a.list)
    if ws is None:
        return 2
    try:
        if a.list:
            try:
                for entry in review.queue(ws, a.filter):
                    print(_line(entry))
                sys.stdout.flush()
            except BrokenPipeError:  # `review --list | head`: the reader has what it wanted
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 0
            if a.progress:
                print(str(review.progress(ws)), file=sys.stderr)
            return 0
        ids, state = (a.accept, "confirmed") if a.accept else (a.reject, "rejected") if a.reject else (a.clear, None)
        if len(ids) == 1:
            edit_id = curate.review_event(ws, ids[0], state)
        else:
            edit_id = curate.bulk_edit(ws, ids, {"review": state})
        rec = curate.get_edit(ws, edit_id)
        print(f"edit {edit_id}: {rec.label if rec else ''}", file=sys.stderr)
        return 0
    except curate.EditError as e:
        return fail("review", str(e))
    finally:
        ws.close()
