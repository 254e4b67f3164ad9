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


def open_existing_workspace(path: str, command: str) -> Workspace | None:
    """The workspace at ``path`` for ``timeline-app command``; None after one line on stderr saying why it
    cannot be opened (the command then exits with status 2)."""
    from ..core.ingest import open_workspace  # imported late: `timeline-app --help` stays quick
    from ..core.store.errors import WorkspaceError

    if not Path(path).is_file():
        fail(command, f"no workspace '{path}'")
        return None
    try:
        return open_workspace(path)
    except WorkspaceError as e:
        fail(command, str(e))
        return None
