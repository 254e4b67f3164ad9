"""`timeline-app extract`: read articles, extract their events, write a file and/or a workspace."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys

from .progress import ProgressBar


def main(argv: list[str]) -> int:
    """`timeline-app extract PATH... [--output FILE] [--workspace W]`."""
    p = argparse.ArgumentParser(prog="timeline-app extract",
                                description="Extract business events from articles (files or folders).")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--output", "-o", help="write events to FILE (format from --format or the suffix)")
    p.add_argument("--format", "-f", metavar="F", help="output format: json (timeline-app/2), jsonl, csv, timelinejs, "
                   "timesketch-csv, timesketch-jsonl, chrome-trace, ics (default: from the suffix)")
    p.add_argument("--workspace", "-w", help="write (or update) a SQLite workspace FILE")
    p.add_argument("--kb", action="append", default=[], metavar="FILE", help="extra company knowledge base (JSON)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--workers", "-j", type=int, default=0, metavar="N",
                   help="extract with N processes (default: all cores; 1: in this process); with --dask and no "
                        "address, the number of local Dask workers")
    p.add_argument("--dask", nargs="?", const="", default=None, metavar="ADDRESS",
                   help="extract on a Dask cluster: the scheduler at ADDRESS (tcp://host:8786), or a LocalCluster "
                        "on this machine when no address is given; workers write Parquet shards, loaded and "
                        "merged once here")
    p.add_argument("--shards", metavar="DIR", help="with --dask: write the shards to DIR (shared with the workers; "
                   "default: a temporary folder), for `timeline-app load-shards DIR --workspace W` later")
    p.add_argument("--partition-size", type=int, default=0, metavar="N",
                   help="with --dask: articles per task and shard (default 64; ~1000 for a million articles)")
    args = p.parse_args(argv)
    if args.dask is not None:
        from .cluster import dask_address

        args.dask = dask_address(args.dask, args.paths)
    shards_only = args.dask is not None and args.shards and not args.output and not args.workspace
    if not args.output and not args.workspace and not shards_only:
        p.error("give --output FILE and/or --workspace FILE (or --dask --shards DIR)")
    from ..core.formats.export import format_for

    fmt = None
    if args.output:
        try:
            fmt = format_for(args.output, args.format)
        except ValueError as e:
            print(f"timeline-app extract: {e}", file=sys.stderr)
            return 2

    bar = None if args.quiet else ProgressBar()
    folder = None
    if args.dask is not None:
        from .cluster import run_dask

        try:
            folder, _n = run_dask(args, bar)
        except OSError as e:
            print(f"timeline-app: cannot reach the Dask cluster: {e}", file=sys.stderr)
            return 2
        if shards_only:
            return 0 if _n else 1
    try:
        return _finish(args, fmt, bar, folder)
    finally:
        if folder and not args.shards:
            shutil.rmtree(folder, ignore_errors=True)


def _finish(args: argparse.Namespace, fmt: str | None, bar: ProgressBar | None, folder: str | None) -> int:
    """Ingest or extract (or load the cluster's shards), then write the output and the summary."""
    from ..core.formats.export import write_output

    if folder and not args.workspace:
        from ..core.bulk import corpus_from_shards

        corpus = corpus_from_shards(folder, args.kb)
        problems, n_ok = corpus.problems, len(corpus.documents)
        docs, ents, events = corpus.documents, corpus.entities, corpus.events
        n_events = len(events)
    elif args.workspace:
        from ..core.ingest import ingest, open_workspace
        from ..core.store.errors import WorkspaceError

        try:
            ws = open_workspace(args.workspace, args.kb)
        except WorkspaceError as e:
            print(f"timeline-app: {e}", file=sys.stderr)
            return 2
        for w in ws.warnings:  # damaged rows put aside while opening
            print(f"warning: {args.workspace}: {w}", file=sys.stderr)
        try:
            if folder:
                from ..core.bulk import load_shards

                rep = load_shards(ws, folder, args.kb)
            else:
                rep = ingest(ws, args.paths, args.kb, progress=bar, workers=args.workers or None)
        except WorkspaceError as e:  # disk full, read-only: words, and what was saved is kept
            print(f"timeline-app: {e}", file=sys.stderr)
            ws.close()
            return 2
        problems = rep.problems
        n_ok = len(rep.added) + len(rep.updated) + len(rep.unchanged)
        n_events = ws.db.execute("SELECT count(*) FROM events").fetchone()[0]
        if args.output:  # only then load every document and event
            docs, ents, events = ws.documents(), ws.entities(), ws.events()
            events.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
        ws.close()
    else:
        from ..core.corpus import extract_paths

        corpus = extract_paths(args.paths, args.kb, progress=bar, workers=args.workers or None)
        problems, n_ok = corpus.problems, len(corpus.documents)
        docs, ents, events = corpus.documents, corpus.entities, corpus.events
        n_events = len(events)
    for prob in problems:
        print(f"{'warning' if not prob.fatal else 'skipped'}: {prob}", file=sys.stderr)
    if args.output:
        from .export import report_line

        try:
            print(report_line(write_output(args.output, docs, ents, events, fmt), args.output), file=sys.stderr)
        except OSError as e:  # which file and why; an earlier file there is unchanged
            kept = f" (the {n_ok} article(s) are stored in {args.workspace})" if args.workspace else ""
            print(f"timeline-app extract: {e}{kept}", file=sys.stderr)
            return 1
    print(f"{n_ok} article(s) read, {n_events} event(s)"
          + (f", {sum(p.fatal for p in problems)} problem(s)" if problems else ""), file=sys.stderr)
    return 0 if n_ok else 1
