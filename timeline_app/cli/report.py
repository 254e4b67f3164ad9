"""`timeline-app report`: a shareable report (self-contained HTML, or PDF) of a workspace's events, with the
timeline picture drawn by the viewer's export code (``gui.picture``, in an offscreen Qt application), streamed
from the workspace to the file (``core.formats.report_stream``); ``--summarise`` gives a table per company and
month instead of every event."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import INCOMPLETE, incomplete_output, open_existing_workspace
from .image import add_selection_arguments, ensure_gui_application, selection_query


def main(argv: list[str]) -> int:
    """`timeline-app report WORKSPACE --output FILE.html|FILE.pdf [--summarise | --full] [--company NAME]...
    [--from D] [--to D] [--type T]... [--search TEXT] [--min-confidence C]`"""
    from ..core.formats.report_stream import LONG_REPORT

    p = argparse.ArgumentParser(
        prog="timeline-app report",
        description="Write a report of a workspace's events: the timeline picture, then every event in date order "
                    "with how its date was found and its evidence quoted (or, with --summarise, a table per company "
                    "and month). The HTML is written as the events are read, so any selection fits in memory.",
        epilog=f"A selection of more than {LONG_REPORT:,} events makes a long report. Without --summarise or "
               "--full, such a report is asked about when the command runs in a terminal; otherwise (a script, "
               "a pipe) every event is written, as always, and a note on stderr says how to get the summary. "
               "The exit status does not change.")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("--output", "-o", required=True, help="FILE.html (one self-contained file) or FILE.pdf")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--summarise", "--summarize", action="store_true",
                      help="instead of every event with its evidence, a table per company and month: the number "
                           "of events of each type and the titles of the most confident ones")
    mode.add_argument("--full", action="store_true",
                      help="every event with its evidence, however many (no question, no note)")
    add_selection_arguments(p)
    p.add_argument("--title", default="", help="report title (default: from the workspace name)")
    args = p.parse_args(argv)
    out = Path(args.output)
    if out.suffix.lower() not in (".html", ".htm", ".pdf"):
        p.error(f"--output must end in .html or .pdf (got '{args.output}')")
    query = selection_query(p, args)
    from ..core.formats.picture import picture_from_columns
    from ..core.formats.report_stream import selection_of

    ws = open_existing_workspace(args.workspace, "report", reading=True)
    if ws is None:
        return 2
    try:
        cols = ws.event_columns()
        mask = selection_of(ws, query, cols)
        n = int(mask.sum())
        chosen = "summary" if args.summarise else "full" if args.full or n <= LONG_REPORT else _ask(n)
        if chosen is None:
            print("timeline-app report: nothing written", file=sys.stderr)
            return 1
        picture = picture_from_columns(cols, mask, title=f"Timeline — {Path(args.workspace).stem}", query=query)
        incomplete = incomplete_output(ws, "report")
        title = args.title or f"Timeline report — {Path(args.workspace).stem}"
        _app = ensure_gui_application()
        from ..gui.report_worker import write_report_file

        stats = write_report_file(out, ws, cols, mask, mode=chosen, title=title, query=query, picture=picture)
    except OSError as e:  # in words; an earlier report at ``out`` survives a failure
        print(f"timeline-app report: {e}", file=sys.stderr)
        return 1
    finally:
        ws.close()
    what = (f"{stats.events} event(s) from {stats.documents} article(s)" if chosen == "full" else
            f"a summary by company and month of {stats.events} event(s)")
    print(f"wrote {out}: {what}", file=sys.stderr)
    return INCOMPLETE if incomplete else 0


def _ask(n: int) -> str | None:
    """The report over ``n`` events (over the threshold): asked in a terminal ("full", "summary" or None to
    write nothing); elsewhere "full", after a note on stderr saying how to get the summary."""
    long = f"the selection has {n:,} events: the report lists every one with its evidence (a long file)"
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        print(f"timeline-app report: note: {long}. For a table per company and month instead, add --summarise "
              "(--full writes every event without this note).", file=sys.stderr)
        return "full"
    print(f"timeline-app report: {long}.", file=sys.stderr)
    while True:
        print("Write [e]very event with its evidence, a [s]ummary by company and month, or [q]uit? ", end="",
              file=sys.stderr, flush=True)
        try:
            answer = input().strip().lower()[:1]
        except EOFError:
            answer = "q"
        if answer in ("e", "s", "q"):
            return {"e": "full", "s": "summary"}.get(answer)
