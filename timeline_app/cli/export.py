"""`timeline-app export WORKSPACE --output FILE`: write a workspace's events (with the user's edits applied) without
re-ingesting, in one of the export formats; the format follows ``--format`` or the suffix (.json is timeline-app/2)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .common import INCOMPLETE, incomplete_output, open_existing_workspace, put_aside_and_tell

if TYPE_CHECKING:
    from ..core.formats.export import ExportReport


#: the streamed formats check the rows as they read them instead of the workspace being scanned at open
READ_CHECK = True


def main(argv: list[str]) -> int:
    """`timeline-app export WORKSPACE --output FILE [--format F]`."""
    from ..core.formats.export import FORMATS

    p = argparse.ArgumentParser(
        prog="timeline-app export",
        description="Write a workspace's events (with your corrections) to a file. Formats: "
                    + "; ".join(f"{f.name} ({f.label})" for f in FORMATS.values()))
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("--output", "-o", required=True, metavar="FILE")
    p.add_argument("--format", "-f", choices=list(FORMATS), metavar="F",
                   help="output format (default: from the suffix; .json is timeline-app/2)")
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    from ..core.formats.export import format_for
    from ..core.formats.stream_export import STREAMED, export_workspace
    from ..core.store.quarantine import ReadCheck, RowsToCheck

    try:
        fmt = format_for(args.output, args.format)
    except ValueError as e:
        print(f"timeline-app export: {e}", file=sys.stderr)
        return 2
    # CSV and JSONL stream from the workspace to the file, checking each event and source for damage as they are
    # read: a healthy workspace is not scanned first (issue 23); the other formats read it after the full check
    streamed = READ_CHECK and fmt in STREAMED
    ws = open_existing_workspace(args.workspace, "export", reading=True, check_rows="unread" if streamed else True)
    if ws is None:
        return 2
    try:
        try:
            rep = export_workspace(args.output, ws, fmt, ReadCheck(ws.db) if streamed else None)
        except RowsToCheck:  # a damaged row: put aside (said) as the full check at open does, then written again
            put_aside_and_tell(ws, "export")
            rep = export_workspace(args.output, ws, fmt)
        incomplete = incomplete_output(ws, "export")
    except OSError as e:  # OutputError says which file and why; the file that was there is unchanged
        print(f"timeline-app export: {e}", file=sys.stderr)
        return 1
    finally:
        ws.close()
    print(report_line(rep, args.output), file=sys.stderr)
    return INCOMPLETE if incomplete else 0


def report_line(rep: ExportReport, output: str) -> str:
    """``12 event(s) written to FILE (timelinejs); 3 undated event(s) left out …``."""
    return (f"{rep.written} event(s) written to {output} ({rep.format})"
            + (f"; {rep.undated_left_out} undated event(s) left out (the format needs a date)"
               if rep.undated_left_out else ""))
