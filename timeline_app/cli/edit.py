"""`timeline-app edit`: correct an event (or an article's date) in a workspace, from a script.

Uses the same core service as the viewer (``core.curate``): values are checked before anything is stored, and
each run is one edit in the workspace's history (undoable in the viewer, kept across re-extraction)."""

from __future__ import annotations

import argparse
import sys

from ..core.model import EVENT_TYPES, PRECISIONS, STATUSES, SUB_DAY, v3_type
from .common import fail, open_existing_workspace

DATED_PRECISIONS = tuple(p for p in PRECISIONS if p not in ("undated", *SUB_DAY))  # a time of day comes from a file


def _fail(msg: str) -> int:
    return fail("edit", msg)


def main(argv: list[str]) -> int:
    """`timeline-app edit WORKSPACE EVENT_ID [--date ...] ...` or `edit WORKSPACE --document DOC_ID --date TEXT`."""
    p = argparse.ArgumentParser(prog="timeline-app edit", description="Edit an event or an article's date.")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("event", metavar="EVENT_ID", nargs="?", help="the event to edit (ids as in exports)")
    p.add_argument("--document", metavar="DOC_ID", help="edit an article instead: set its publication date")
    p.add_argument("--date", help="2025-11-13, 13 Nov 2025, Nov 2025, Q3 2024, 2024, 2023-24, 'undated'")
    p.add_argument("--precision", choices=DATED_PRECISIONS, help="widen/narrow the date to this precision")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--type", choices=EVENT_TYPES, type=v3_type, metavar="TYPE",
                   help=f"the event type (taxonomy v3): {', '.join(EVENT_TYPES)}")
    p.add_argument("--companies", metavar='"A;B"', help="the event's companies, separated by ';'")
    p.add_argument("--people", metavar='"A;B"', help="the event's people, separated by ';'")
    p.add_argument("--amount", help='money amounts, e.g. "$2 billion" or "EUR 300 million; 15 trillion won"')
    p.add_argument("--summary")
    p.add_argument("--note", help="a free-text note on the event")
    p.add_argument("--tag", action="append", default=[], help="add a tag (repeatable)")
    p.add_argument("--star", action="store_true", help="star the event")
    p.add_argument("--unstar", action="store_true", help="remove the star")
    p.add_argument("--delete", action="store_true", help="delete the event (restorable)")
    p.add_argument("--restore", action="store_true", help="restore a deleted event")
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if a.delete and a.restore:
        return _fail("--delete and --restore contradict each other")
    if a.star and a.unstar:
        return _fail("--star and --unstar contradict each other")
    fields: dict[str, object] = {}
    if a.document:
        if a.event:
            return _fail("give an EVENT_ID or --document, not both")
        others = [k for k in ("precision", "status", "type", "companies", "people", "amount", "summary", "note")
                  if getattr(a, k) is not None] + (["tag"] if a.tag else []) + \
                 [k for k in ("star", "unstar", "delete", "restore") if getattr(a, k)]
        if others:
            return _fail(f"--document only takes --date (not --{others[0]})")
        if a.date is None:
            return _fail("--document needs --date TEXT")
    elif not a.event:
        return _fail("give an EVENT_ID (or --document DOC_ID --date TEXT)")
    else:
        if a.date is not None:
            fields["date"] = a.date
        if a.precision is not None:
            fields["date_precision"] = a.precision
        if a.amount is not None:
            fields["amounts"] = a.amount
        for k in ("status", "type", "summary"):
            if getattr(a, k) is not None:
                fields[k] = getattr(a, k)
        for k in ("companies", "people"):
            if getattr(a, k) is not None:
                fields[k] = [x.strip() for x in getattr(a, k).split(";") if x.strip()]
        if a.note is not None:
            fields["notes"] = a.note
        if a.tag:
            fields["add_tags"] = a.tag
        if a.star or a.unstar:
            fields["starred"] = a.star
        if a.delete or a.restore:
            fields["deleted"] = a.delete
        if (a.delete or a.restore) and len(fields) > 1:
            return _fail("--delete/--restore cannot be combined with other changes")
        if not fields:
            return _fail("nothing to change: give --date, --status, --summary, --delete, …")
    from ..core import curate

    ws = open_existing_workspace(a.workspace, "edit")
    if ws is None:
        return 2
    try:
        if a.document:
            edit_id = curate.set_document_date(ws, a.document, a.date)
        else:
            edit_id = curate.edit_event(ws, a.event, fields)
        rec = curate.get_edit(ws, edit_id)
    except curate.EditError as e:
        return _fail(str(e))
    finally:
        ws.close()
    print(f"edit {edit_id}: {rec.label if rec else ''}", file=sys.stderr)
    return 0
