"""The workspace owns its knowledge base: the company files an ingest was given (``--kb``) are kept inside the
workspace (table ``workspace_kb``), so every later merge — an edit in the viewer, a re-extraction, a command
without ``--kb`` — resolves companies with the same knowledge, even when the file has moved or changed since."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..extract.kb import KBError, KnowledgeBase, load_kb, parse_kb
from ..paths import read_regular_file
from .workspace import Workspace


def remember(ws: Workspace, kb_files: list[str]) -> None:
    """Keep the content of ``kb_files`` in the workspace (a file kept before under the same path is replaced).
    Each is checked first: a file that is not a knowledge base is refused with :class:`KBError`."""
    rows = []
    for f in kb_files:
        path = Path(f)
        try:
            raw = read_regular_file(path)
        except OSError as e:
            raise KBError(f"knowledge base {path}: cannot read it ({e.strerror or e})") from None
        parse_kb(str(path), raw)  # refused here, with its name, rather than at every later merge
        rows.append((str(path.resolve()), raw))
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with ws.transaction() as db:
        db.executemany("INSERT OR REPLACE INTO workspace_kb(name, content, added) VALUES(?, ?, ?)",
                       [(n, raw, now) for n, raw in rows])


def stored(ws: Workspace) -> tuple[tuple[str, bytes], ...]:
    """The knowledge-base files the workspace keeps, (name, bytes), in the order they were first added."""
    return tuple((str(n), bytes(c)) for n, c in ws.db.execute("SELECT name, content FROM workspace_kb ORDER BY rowid"))


def forget(ws: Workspace) -> int:
    """Drop the knowledge bases the workspace keeps (the next full merge resolves without them)."""
    with ws.transaction() as db:
        return int(db.execute("DELETE FROM workspace_kb").rowcount or 0)


def workspace_kb(ws: Workspace, kb_files: list[str] | None = None) -> KnowledgeBase:
    """The knowledge base of ``ws``: the bundled one, the user's own (config folder, $TIMELINE_KB) and the files
    the workspace keeps; ``kb_files`` given now are kept first (read-only workspace: used without keeping)."""
    if kb_files and not ws.read_only:
        remember(ws, kb_files)
        return load_kb(None, stored(ws))
    return load_kb(kb_files, stored(ws))


def identity(ws: Workspace) -> tuple[tuple[str, int], ...]:
    """What tells one kept knowledge base from another (for caches of merges): names and sizes."""
    return tuple((str(n), int(k)) for n, k in ws.db.execute("SELECT name, length(content) FROM workspace_kb "
                                                             "ORDER BY rowid"))
