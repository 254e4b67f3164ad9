"""`timeline-app report`: a shareable report (self-contained HTML, or PDF) of a workspace's events."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..core.model import EVENT_TYPES, FAMILIES, v3_type
from ..core.outputs import atomic_path
from .common import INCOMPLETE, incomplete_output, open_existing_workspace


def _date(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {s}") from e


def main(argv: list[str]) -> int:
    """`timeline-app report WORKSPACE --output FILE.html|FILE.pdf [--company NAME]... [--from D] [--to D]
    [--type T]...`"""
    p = argparse.ArgumentParser(prog="timeline-app report",
                                description="Write a report of a workspace's events: the timeline picture, then every "
                                            "event in date order with how its date was found and its evidence quoted.")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("--output", "-o", required=True, help="FILE.html (one self-contained file) or FILE.pdf")
    p.add_argument("--company", action="append", default=[], metavar="NAME", help="only events involving NAME "
                   "(repeatable)")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="only events ending on/after DATE")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="only events starting on/before DATE")
    p.add_argument("--type", action="append", default=[], metavar="T",
                   help="only events of type T, or of the types of family T (repeatable); families: "
                        f"{', '.join(FAMILIES)}; types: {', '.join(EVENT_TYPES)}")
    p.add_argument("--title", default="", help="report title (default: from the workspace name)")
    args = p.parse_args(argv)
    types: list[str] = []
    for t in args.type:
        if t not in FAMILIES and v3_type(t) not in EVENT_TYPES:
            p.error(f"--type: '{t}' is neither an event type nor a family (see --help)")
        types += FAMILIES[t].types if t in FAMILIES else [v3_type(t)]
    out = Path(args.output)
    if out.suffix.lower() not in (".html", ".htm", ".pdf"):
        p.error(f"--output must end in .html or .pdf (got '{args.output}')")
    from ..core.formats.report import ReportQuery, documents_for, report_html, select_events

    ws = open_existing_workspace(args.workspace, "report", reading=True)
    if ws is None:
        return 2
    try:
        query = ReportQuery(companies=args.company, date_from=args.date_from, date_to=args.date_to,
                            types=list(dict.fromkeys(types)))
        events = select_events(ws.events(), query)
        docs = documents_for(events, ws.document)
        incomplete = incomplete_output(ws, "report")
    finally:
        ws.close()
    title = args.title or f"Timeline report — {Path(args.workspace).stem}"
    if out.suffix.lower() == ".pdf":
        if not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY") and \
                not os.environ.get("WAYLAND_DISPLAY"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtGui import QGuiApplication

        from ..gui.report_pdf import write_report_pdf

        _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    try:
        with atomic_path(out) as tmp:  # whole or not at all: an earlier report at ``out`` survives a failure
            if out.suffix.lower() == ".pdf":
                write_report_pdf(str(tmp), events, docs, title=title, query=query)
            else:
                tmp.write_text(report_html(events, docs, title=title, query=query), encoding="utf-8")
    except OSError as e:
        print(f"timeline-app report: {e}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {len(events)} event(s) from {len(docs)} article(s)", file=sys.stderr)
    return INCOMPLETE if incomplete else 0
