"""What the commands share: opening an existing workspace, or saying in one line why it cannot be opened."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..core.store.workspace import Workspace


def fail(command: str, message: str) -> int:
    """Say on stderr, in one line, why ``timeline-app command`` stops; the exit status for it (2)."""
    print(f"timeline-app {command}: {message}", file=sys.stderr)
    return 2


def open_existing_workspace(path: str, command: str, reading: bool = False,
                            check_rows: bool | Literal["unread"] = True) -> Workspace | None:
    """The workspace at ``path`` for ``timeline-app command``; None after one line on stderr saying why it
    cannot be opened (the command then exits with status 2). A ``reading`` command (export, report) never waits
    for a pending merge: it reads the events as last merged and says so. ``check_rows="unread"``: the command
    checks the events and sources as it reads them (see ``core.ingest.open_workspace``) and calls
    :func:`put_aside_and_tell` when one is damaged."""
    from ..core.ingest import open_workspace  # imported late: `timeline-app --help` stays quick
    from ..core.store.errors import WorkspaceError

    if not Path(path).is_file():
        fail(command, f"no workspace '{path}'")
        return None
    try:
        ws = open_workspace(path, finish_merge=not reading, check_rows=check_rows)
    except WorkspaceError as e:
        fail(command, str(e))
        return None
    _tell(ws, command, ws.warnings, reading)
    return ws


def put_aside_and_tell(ws: Workspace, command: str) -> None:
    """Check the whole workspace for damaged rows and put them aside, saying so (what opening does for a command
    that does not check the rows it reads): for a reading command that met a damaged row as it read."""
    from ..core.ingest import merge_pending, put_aside_bad_rows

    said = merge_pending(ws)  # the note on events not merged yet was said at open
    _tell(ws, command, put_aside_bad_rows(ws), reading=not said)


def _tell(ws: Workspace, command: str, warnings: list[str], reading: bool) -> None:
    from ..core.ingest import merge_pending

    for w in warnings:  # damaged rows put aside while opening: always said
        print(f"timeline-app {command}: warning: {ws.path}: {w}", file=sys.stderr)
    if reading and merge_pending(ws):
        print(f"timeline-app {command}: note: {ws.path}: articles added by another process (or by an interrupted "
              "ingest) are not merged yet; this output shows the events as last merged", file=sys.stderr)


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
