"""`timeline-app report`: a shareable report (self-contained HTML, or PDF) of a workspace's events, with the
timeline picture drawn by the viewer's export code (``gui.picture``, in an offscreen Qt application)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import INCOMPLETE, incomplete_output, open_existing_workspace
from .image import add_selection_arguments, ensure_gui_application, selection_query


def main(argv: list[str]) -> int:
    """`timeline-app report WORKSPACE --output FILE.html|FILE.pdf [--company NAME]... [--from D] [--to D]
    [--type T]... [--search TEXT] [--min-confidence C]`"""
    p = argparse.ArgumentParser(prog="timeline-app report",
                                description="Write a report of a workspace's events: the timeline picture, then every "
                                            "event in date order with how its date was found and its evidence quoted.")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("--output", "-o", required=True, help="FILE.html (one self-contained file) or FILE.pdf")
    add_selection_arguments(p)
    p.add_argument("--title", default="", help="report title (default: from the workspace name)")
    args = p.parse_args(argv)
    out = Path(args.output)
    if out.suffix.lower() not in (".html", ".htm", ".pdf"):
        p.error(f"--output must end in .html or .pdf (got '{args.output}')")
    query = selection_query(p, args)
    from ..core.formats.picture import picture_from_workspace
    from ..core.formats.report import documents_for, select_events
    from ..core.outputs import atomic_path

    ws = open_existing_workspace(args.workspace, "report", reading=True)
    if ws is None:
        return 2
    try:
        if query.search:
            rows = sorted(ws.search_events(query.search))
            query.ids = {ev.id for ev in ws.events_at(rows).values()}
        events = select_events(ws.events(), query)
        docs = documents_for(events, ws.document)
        picture = picture_from_workspace(ws, query, title=f"Timeline — {Path(args.workspace).stem}")
        incomplete = incomplete_output(ws, "report")
    finally:
        ws.close()
    title = args.title or f"Timeline report — {Path(args.workspace).stem}"
    _app = ensure_gui_application()
    from ..gui.picture import picture_image
    from ..gui.report_pdf import write_report_pdf
    from ..gui.report_worker import report_html_with_image

    try:
        with atomic_path(out) as tmp:  # whole or not at all: an earlier report at ``out`` survives a failure
            if out.suffix.lower() == ".pdf":
                write_report_pdf(str(tmp), events, docs, title=title, query=query, picture=picture)
            else:
                image = picture_image(picture, 1000) if len(picture.index) else None
                tmp.write_text(report_html_with_image(events, docs, title=title, query=query, image=image),
                               encoding="utf-8")
    except OSError as e:
        print(f"timeline-app report: {e}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {len(events)} event(s) from {len(docs)} article(s)", file=sys.stderr)
    return INCOMPLETE if incomplete else 0
