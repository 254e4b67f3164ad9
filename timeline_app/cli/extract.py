"""`timeline-app extract`: read articles, extract their events, write a file and/or a workspace."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .progress import ProgressBar


def main(argv: list[str]) -> int:
    """`timeline-app extract PATH... [--output FILE] [--workspace W]`."""
    p = argparse.ArgumentParser(prog="timeline-app extract",
                                description="Extract business events from articles (files or folders).")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--output", "-o", help="write events to FILE (format from --format or the suffix)")
    p.add_argument("--format", "-f", metavar="F", help="output format: json (timeline-app/1), jsonl, csv, timelinejs, "
                   "timesketch-csv, timesketch-jsonl, chrome-trace, ics (default: from the suffix)")
    p.add_argument("--workspace", "-w", help="write (or update) a SQLite workspace FILE")
    p.add_argument("--kb", action="append", default=[], metavar="FILE", help="extra company knowledge base (JSON)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--workers", "-j", type=int, default=0, metavar="N",
                   help="extract with N processes (default: all cores; 1: in this process)")
    args = p.parse_args(argv)
    if not args.output and not args.workspace:
        p.error("give --output FILE and/or --workspace FILE")
    from ..core.formats.export import format_for, write_output

    fmt = None
    if args.output:
        try:
            fmt = format_for(args.output, args.format)
        except ValueError as e:
            p.error(str(e))

    bar = None if args.quiet else ProgressBar()
    if args.workspace:
        from ..core.ingest import ingest, open_workspace
        from ..core.store.workspace import WorkspaceError

        try:
            ws = open_workspace(args.workspace, args.kb)
        except WorkspaceError as e:
            print(f"timeline-app: {e}", file=sys.stderr)
            return 2
        rep = ingest(ws, args.paths, args.kb, progress=bar, workers=args.workers or None)
        problems = rep.problems
        n_ok = len(rep.added) + len(rep.updated) + len(rep.unchanged)
        n_events = ws.db.execute("SELECT count(*) FROM events").fetchone()[0]
        if args.output:  # only then load every document and event
            docs, ents, events = ws.documents(), ws.entities(), ws.events()
            events.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
        ws.close()
    else:
        from ..core.ingest import extract_paths

        corpus = extract_paths(args.paths, args.kb, progress=bar, workers=args.workers or None)
        problems, n_ok = corpus.problems, len(corpus.documents)
        docs, ents, events = corpus.documents, corpus.entities, corpus.events
        n_events = len(events)
    for prob in problems:
        print(f"{'warning' if not prob.fatal else 'skipped'}: {prob}", file=sys.stderr)
    if args.output:
        from .export import report_line

        print(report_line(write_output(args.output, docs, ents, events, fmt), args.output), file=sys.stderr)
    print(f"{n_ok} article(s) read, {n_events} event(s)"
          + (f", {sum(p.fatal for p in problems)} problem(s)" if problems else ""), file=sys.stderr)
    return 0 if n_ok else 1
