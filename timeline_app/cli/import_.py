"""`timeline-app import FILE --workspace W [--map FIELD=COLUMN,...]`: add events from another tool's file."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Import a CSV/TSV, Timesketch CSV/JSONL, TimelineJS or timeline-app/2 (or /1) file into a workspace."""
    from ..core.formats.importing import IMPORT_FORMATS

    p = argparse.ArgumentParser(
        prog="timeline-app import",
        description="Add events from a file to a workspace (created if missing). Formats: "
                    + "; ".join(f"{k} ({v})" for k, v in IMPORT_FORMATS.items())
                    + ". Importing the same file again replaces what it imported before.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--workspace", "-w", required=True, metavar="W")
    p.add_argument("--map", "-m", action="append", metavar="FIELD=COLUMN,...",
                   help="which CSV column holds which field: date, end, precision, company (repeatable), type, "
                        "summary, text, status, people, places; default: guessed from the column names")
    p.add_argument("--format", "-f", choices=list(IMPORT_FORMATS), help="default: recognised from the file")
    p.add_argument("--documents", metavar="DIR",
                   help="for an extraction whose documents are named by path only: the one folder they may be read "
                        "from (default: the extraction's folder)")
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="processes checking the rows (default: every core for a file over 16 MB, else one)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    from ..core.formats.importing import ImportError_
    from ..core.formats.stream_import import check_import, stream_import, workers_for_file
    from ..core.formats.tables_import import parse_mapping
    from ..core.ingest import open_workspace, remerge
    from ..core.store.errors import WorkspaceError
    from ..core.store.safe_open import describe_error
    from .progress import ProgressBar

    try:  # a file that cannot be imported at all is refused before the workspace is opened (or created)
        mapping = parse_mapping(args.map)
        check_import(args.file, mapping, args.format)
    except (ImportError_, OSError) as e:
        print(f"timeline-app import: {args.file}: {getattr(e, 'strerror', None) or e}", file=sys.stderr)
        return 2
    try:
        ws = open_workspace(args.workspace)
    except WorkspaceError as e:
        print(f"timeline-app import: {e}", file=sys.stderr)
        return 2
    if ws.read_only:
        ws.close()
        print(f"timeline-app import: {args.workspace}: the workspace or its folder is read-only; nothing was "
              "imported. Copy it to a folder you can write to", file=sys.stderr)
        return 2
    bar = ProgressBar(sys.stderr)
    try:
        known = {e.name for e in ws.entities().values() if e.kind == "company"}
        # read, checked and stored in batches in one transaction: memory follows the batch, not the file
        batch = stream_import(ws, args.file, mapping, args.format, args.documents,
                              progress=None if args.quiet else bar, workers=workers_for_file(args.file, args.jobs))
        if batch.merge_needed:
            remerge(ws)
        new = sorted(set(batch.companies) - known)
    except (ImportError_, OSError) as e:  # the file as a whole, found while reading it: nothing was stored
        print(f"timeline-app import: {args.file}: {getattr(e, 'strerror', None) or e}", file=sys.stderr)
        return 2
    except sqlite3.Error as e:  # a full disk, a lock held too long: the import is one transaction, not stored
        print(f"timeline-app import: {describe_error(args.workspace, e)}", file=sys.stderr)
        return 2
    finally:
        ws.close()
    replaced = batch.replaced
    shown = batch.rejected if not args.quiet else []
    for r in shown[:200]:
        print(f"rejected: {r}", file=sys.stderr)
    if len(shown) > 200:
        print(f"rejected: … and {len(shown) - 200} more", file=sys.stderr)
    for note in batch.notes if not args.quiet else []:
        print(f"note: {note}", file=sys.stderr)
    if batch.mapping and not args.quiet:
        print("columns: " + ", ".join(f"{k}={'+'.join(v)}" for k, v in batch.mapping.items()), file=sys.stderr)
    print(f"{batch.events} event(s) imported from {Path(args.file).name} ({batch.fmt}) into {args.workspace}"
          + (f", {len(batch.rejected)} rejected" if batch.rejected else "")
          + (f", {len(new)} new compan{'y' if len(new) == 1 else 'ies'}" if new else "")
          + (f"; replaced {replaced} event(s) from an earlier import of it" if replaced else ""), file=sys.stderr)
    return 0 if batch.events or not batch.rejected else 1
