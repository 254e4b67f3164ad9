"""`timeline-app image WORKSPACE --output FILE.png|svg|pdf [filters]`: the timeline picture of a workspace's events,
drawn by the viewer's export code (``gui.picture``) in an offscreen Qt application, written whole or not at all."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import INCOMPLETE, incomplete_output, open_existing_workspace

if TYPE_CHECKING:
    from ..core.formats.report import ReportQuery

SUFFIXES = (".png", ".svg", ".pdf")


def _date(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {s}") from e


def add_selection_arguments(p: argparse.ArgumentParser) -> None:
    """The filters `image` and `report` share: companies, dates, types or families, search, confidence."""
    from ..core.model import EVENT_TYPES, FAMILIES

    p.add_argument("--company", action="append", default=[], metavar="NAME",
                   help="only events involving NAME (repeatable)")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="only events ending on/after DATE")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="only events starting on/before DATE")
    p.add_argument("--type", action="append", default=[], metavar="T",
                   help="only events of type T, or of the types of family T (repeatable); families: "
                        f"{', '.join(FAMILIES)}; types: {', '.join(EVENT_TYPES)}")
    p.add_argument("--search", default="", metavar="TEXT",
                   help="only events whose summary, companies, evidence or article title contain the words of TEXT")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="C", help="only events of confidence ≥ C")


def selection_query(p: argparse.ArgumentParser, args: argparse.Namespace) -> ReportQuery:
    """The :class:`ReportQuery` of the parsed selection arguments (``p.error`` on an unknown type)."""
    from ..core.formats.report import ReportQuery
    from ..core.model import EVENT_TYPES, FAMILIES, v3_type

    types: list[str] = []
    for t in args.type:
        if t not in FAMILIES and v3_type(t) not in EVENT_TYPES:
            p.error(f"--type: '{t}' is neither an event type nor a family (see --help)")
        types += FAMILIES[t].types if t in FAMILIES else [v3_type(t)]
    if not 0.0 <= args.min_confidence <= 1.0:
        p.error("--min-confidence must be between 0 and 1")
    return ReportQuery(companies=args.company, date_from=args.date_from, date_to=args.date_to,
                       types=list(dict.fromkeys(types)), search=args.search.strip(),
                       min_confidence=args.min_confidence)


def ensure_gui_application() -> object:
    """A Qt application for drawing (offscreen when there is no display); the existing one if any. A
    QApplication, not a bare QGuiApplication: in a process that later shows widgets (the viewer, tests) a
    QGuiApplication left behind would make every QWidget abort."""
    if not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY") and \
            not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    return QGuiApplication.instance() or QApplication(sys.argv[:1])


def main(argv: list[str]) -> int:
    """`timeline-app image WORKSPACE --output FILE.png|FILE.svg|FILE.pdf [--width PX] [--max-lanes N]
    [--lanes-by FIELD] [filters]`"""
    from ..core.index import LANE_FIELDS

    p = argparse.ArgumentParser(prog="timeline-app image",
                                description="Draw the timeline of a workspace's events (the picture File ▸ Export "
                                            "image makes) as PNG, SVG or PDF.")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("--output", "-o", required=True, help="FILE.png, FILE.svg or FILE.pdf")
    p.add_argument("--width", type=int, default=1200, metavar="PX", help="picture width in pixels (default 1200)")
    p.add_argument("--max-lanes", type=int, default=60, metavar="N", help="lanes drawn at most (default 60)")
    p.add_argument("--title", default="", help="title (default: from the workspace name)")
    p.add_argument("--lanes-by", default="company", choices=list(LANE_FIELDS), metavar="FIELD",
                   help=f"one lane per {', '.join(LANE_FIELDS)} (default company)")
    add_selection_arguments(p)
    args = p.parse_args(argv)
    out = Path(args.output)
    if out.suffix.lower() not in SUFFIXES:
        p.error(f"--output must end in .png, .svg or .pdf (got '{args.output}')")
    if not 300 <= args.width <= 20000:
        p.error("--width must be between 300 and 20000 pixels")
    if args.max_lanes < 1:
        p.error("--max-lanes must be at least 1")
    query = selection_query(p, args)
    from ..core.formats.picture import picture_from_workspace

    ws = open_existing_workspace(args.workspace, "image", reading=True)
    if ws is None:
        return 2
    try:
        title = args.title or f"Timeline — {Path(args.workspace).stem}"
        data = picture_from_workspace(ws, query, title=title, max_lanes=args.max_lanes, lanes_by=args.lanes_by)
        incomplete = incomplete_output(ws, "image")
    finally:
        ws.close()
    _app = ensure_gui_application()
    from ..gui.picture import write_picture

    try:
        write_picture(data, out, width=args.width)
    except OSError as e:
        print(f"timeline-app image: {e}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {int(data.mask.sum())} event(s) in {len(data.lanes)} lane(s)", file=sys.stderr)
    return INCOMPLETE if incomplete else 0
