"""What the commands share: opening an existing workspace, or saying in one line why it cannot be opened."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.store.workspace import Workspace


def fail(command: str, message: str) -> int:
    """Say on stderr, in one line, why ``timeline-app command`` stops; the exit status for it (2)."""
    print(f"timeline-app {command}: {message}", file=sys.stderr)
    return 2


def open_existing_workspace(path: str, command: str, reading: bool = False) -> Workspace | None:
    """The workspace at ``path`` for ``timeline-app command``; None after one line on stderr saying why it
    cannot be opened (the command then exits with status 2). A ``reading`` command (export, report) never waits
    for a pending merge: it reads the events as last merged and says so."""
    from ..core.ingest import merge_pending, open_workspace  # imported late: `timeline-app --help` stays quick
    from ..core.store.errors import WorkspaceError

    if not Path(path).is_file():
        fail(command, f"no workspace '{path}'")
        return None
    try:
        ws = open_workspace(path, finish_merge=not reading)
    except WorkspaceError as e:
        fail(command, str(e))
        return None
    for w in ws.warnings:  # damaged rows put aside while opening: always said
        print(f"timeline-app {command}: warning: {path}: {w}", file=sys.stderr)
    if reading and merge_pending(ws):
        print(f"timeline-app {command}: note: {path}: articles added by another process (or by an interrupted "
              "ingest) are not merged yet; this output shows the events as last merged", file=sys.stderr)
    return ws


#: Exit status of a command whose output was written but misses the articles set aside as damaged.
INCOMPLETE = 3


def incomplete_output(ws: Workspace, command: str) -> bool:
    """Say (stderr) when articles of ``ws`` are set aside as damaged, so an output made from it is incomplete;
    True then (the command exits with :data:`INCOMPLETE`)."""
    from ..core.store.quarantine import set_aside_documents

    n = set_aside_documents(ws.db)
    if n:
        print(f"timeline-app {command}: warning: {ws.path}: {n} damaged article(s) are set aside in the "
              "workspace's quarantine table; their events are NOT in this output", file=sys.stderr)
    return n > 0
