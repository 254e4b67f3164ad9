"""`timeline-app recover OLD.timeline NEW.timeline`: rescue the articles, edits and imports of a workspace that is
refused (damaged pages, or code planted in it) into a new workspace, whose events are rebuilt from them."""

from __future__ import annotations

import argparse
import sys

from .common import fail


def main(argv: list[str]) -> int:
    """Copy what can be read of OLD into the new workspace NEW, then open NEW (its events are merged again)."""
    p = argparse.ArgumentParser(prog="timeline-app recover",
                                description="Rescue the articles, edits and imports of a damaged or refused "
                                            "workspace into a new one. The old file is only read.")
    p.add_argument("old", metavar="OLD.timeline")
    p.add_argument("new", metavar="NEW.timeline")
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    from ..core.ingest import open_workspace
    from ..core.store.errors import WorkspaceError
    from ..core.store.recover import recover

    try:
        rep = recover(a.old, a.new)
        ws = open_workspace(a.new)
    except WorkspaceError as e:
        return fail("recover", str(e))
    try:
        n_events = ws.db.execute("SELECT count(*) FROM events").fetchone()[0]
        for w in ws.warnings:
            print(f"timeline-app recover: warning: {a.new}: {w}", file=sys.stderr)
    finally:
        ws.close()
    copied = ", ".join(f"{n} {t}" for t, n in rep.copied.items() if n) or "nothing"
    print(f"recovered into {a.new}: {copied}; {n_events} event(s) rebuilt", file=sys.stderr)
    if rep.unreadable:
        print("rows that could not be read: " + ", ".join(f"{n} of {t}" for t, n in rep.unreadable.items()),
              file=sys.stderr)
    if rep.ignored:
        print(f"not copied (not the app's data): {', '.join(rep.ignored)}", file=sys.stderr)
    return 0
