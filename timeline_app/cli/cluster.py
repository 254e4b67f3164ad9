"""Extraction on a Dask cluster for `timeline-app extract --dask`, and `timeline-app load-shards`."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from .progress import ProgressBar


def dask_address(value: str | None, paths: list[str]) -> str | None:
    """``--dask`` takes an optional scheduler address; an existing path given right after it is an article path."""
    if value and "://" not in value and Path(value).exists():
        paths.insert(0, value)
        return ""
    return value


def run_dask(args: Any, bar: ProgressBar | None) -> tuple[str, int]:
    """Extract ``args.paths`` on the cluster into Parquet shards; returns (the shard folder, articles done)."""
    from ..core import dask_run
    from ..core.extract.kb import load_kb
    from ..core.parallel import default_workers

    folder = args.shards or tempfile.mkdtemp(prefix="timeline-shards-")
    rep = dask_run.run(args.paths, folder, load_kb(args.kb), address=args.dask or None,
                       workers=args.workers or default_workers(), progress=bar,
                       partition_size=getattr(args, "partition_size", 0) or dask_run.PARTITION_SIZE)
    for prob in rep.problems:
        print(f"{'warning' if not prob.fatal else 'skipped'}: {prob}", file=sys.stderr)
    print(f"cluster: {rep.documents} article(s) in {len(rep.shards)} shard(s) in {folder}", file=sys.stderr)
    return folder, rep.documents


def main(argv: list[str]) -> int:
    """`timeline-app load-shards DIR --workspace W`: every shard file and row is checked; what cannot be loaded
    is said (file, row, document, why) and the rest is loaded and merged. Exit 0 when something was loaded (or
    was there already), 1 when nothing could be, 2 when the workspace cannot be opened or written."""
    p = argparse.ArgumentParser(prog="timeline-app load-shards",
                                description="Load the Parquet shards written by `extract --dask --shards DIR` "
                                            "into a workspace and merge once.")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--workspace", "-w", required=True, help="the SQLite workspace FILE to add them to")
    p.add_argument("--kb", action="append", default=[], metavar="FILE", help="extra company knowledge base (JSON)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    args = p.parse_args(argv)
    from ..core.bulk import load_shards
    from ..core.ingest import open_workspace
    from ..core.store.errors import WorkspaceError

    try:
        ws = open_workspace(args.workspace, args.kb)
    except WorkspaceError as e:
        print(f"timeline-app: {e}", file=sys.stderr)
        return 2
    try:
        rep = load_shards(ws, args.folder, args.kb)
        n_events = ws.db.execute("SELECT count(*) FROM events").fetchone()[0]
    except WorkspaceError as e:  # disk full, read-only: words, and what was saved is kept
        print(f"timeline-app: {e}", file=sys.stderr)
        return 2
    finally:
        ws.close()
    for prob in rep.problems:
        print(f"{'warning' if not prob.fatal else 'skipped'}: {prob}", file=sys.stderr)
    print(f"{len(rep.added) + len(rep.updated)} article(s) added, {len(rep.unchanged)} already there, "
          f"{n_events} event(s)", file=sys.stderr)
    return 0 if (rep.added or rep.updated or rep.unchanged) else 1
