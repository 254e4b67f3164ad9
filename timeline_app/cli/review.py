"""`timeline-app review WORKSPACE --list | --accept ID... | --reject ID... | --clear ID... | --learned |
--forget-learned`: the review queue for scripts, and what the workspace learns from its corrections (issue 22).

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
    from ..core.store.workspace import Workspace


def _line(e: QueueEntry) -> str:
    """One queue entry as a tab-separated line."""
    clean = " ".join(e.summary.split())
    flags = ",".join(f for f, on in (("new", e.new), (e.review, bool(e.review))) if on)
    return "\t".join((e.id, f"{e.confidence:.2f}", e.start or "undated", "; ".join(e.companies), clean, flags))


def _learned(ws: Workspace, forget: bool) -> int:
    """What the workspace learns from (``--learned``), or forget it (``--forget-learned``)."""
    from ..core import learned

    if forget:
        n = learned.reset(ws)
        print(f"forgot {n} correction(s): new and re-extracted articles use the shipped classifier until the next "
              "correction", file=sys.stderr)
        return 0
    found = learned.corrections(ws)
    counts: dict[str, int] = {}
    for c in found:
        counts[c.label] = counts.get(c.label, 0) + 1
    print(f"{len(found)} correction(s) teach this workspace's event classifier"
          + (": " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) if counts else ""))
    return 0


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
    g.add_argument("--learned", action="store_true",
                   help="say what the workspace's own event classifier learns from (its corrections, by label)")
    g.add_argument("--forget-learned", action="store_true",
                   help="forget what was learned: corrections made so far stay applied but teach no more")
    p.add_argument("--filter", choices=FILTERS, default="unreviewed", help="which events --list shows")
    p.add_argument("--progress", action="store_true", help="with --list: say how far the review is (stderr)")
    try:
        a = p.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from ..core import curate, review

    ws = open_existing_workspace(a.workspace, "review", reading=a.list or a.learned)
    if ws is None:
        return 2
    try:
        if a.learned or a.forget_learned:
            return _learned(ws, a.forget_learned)
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
