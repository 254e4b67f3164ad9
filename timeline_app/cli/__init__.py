"""Command line: ``timeline-app COMMAND ...`` for batch work, ``timeline-app [PATH...]`` for the viewer.

Each command lives in its own module with a ``main(argv) -> int``; ``COMMANDS`` is the one table of them."""

from __future__ import annotations

import importlib
import sqlite3
import sys

from .. import __version__

#: command name -> (module under timeline_app.cli, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("extract", "extract events from articles into a JSON/JSONL/CSV file and/or a workspace"),
    "report": ("report", "write a shareable report (self-contained HTML or PDF) of a workspace's events"),
    "image": ("image", "draw a workspace's timeline (the viewer's Export image) as PNG, SVG or PDF"),
    "export": ("export", "write a workspace's events (with the user's edits) as timeline-app/2 JSON, JSONL, CSV, "
                         "TimelineJS, Timesketch, Chrome trace or iCalendar"),
    "import": ("import_", "add events from a CSV/TSV (column mapping), TimelineJS, Timesketch or timeline-app/2 "
                          "(or /1) file"),
    "edit": ("edit", "correct an event (date, status, type, companies, summary, tags, delete…) or an article's date"),
    "merge-events": ("merge_events", "merge two or more events of a workspace into one"),
    "company": ("company", "rename a company, make it an alias or part of a group, or not a company; export as KB"),
    "review": ("review", "the review queue: list events least sure first; accept or reject them (kept as edits)"),
    "edits": ("edits", "list a workspace's edit history (and unplaced edits); revert or re-apply one"),
    "recover": ("recover", "rescue the articles, edits and imports of a damaged or refused workspace into a new one"),
    "load-shards": ("cluster", "bulk-load Parquet shards written by `extract --dask` into a workspace, merging once"),
}


def damage_message(args: list[str], e: BaseException) -> str:
    """A workspace that turned out damaged while a command read it, in words (named when the arguments do)."""
    names = [a for a in args if a.endswith(".timeline")]
    where = f"{names[0]}: " if names else ""
    return (f"{where}the workspace file is damaged ({e}); nothing was changed. Rescue its articles and edits "
            "with 'timeline-app recover OLD.timeline NEW.timeline'")


def main(argv: list[str] | None = None) -> int:
    """Dispatch to a command, or open the viewer."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        from ..core.extract.kb import KBError

        module = importlib.import_module(f".{COMMANDS[argv[0]][0]}", __name__)
        try:
            return int(module.main(argv[1:]))
        except KBError as e:  # a user's --kb / companies.json that cannot be used: say which and why
            print(f"timeline-app {argv[0]}: {e}", file=sys.stderr)
            return 2
        except (sqlite3.DatabaseError, UnicodeDecodeError) as e:  # a workspace found damaged after it was opened
            print(f"timeline-app {argv[0]}: {damage_message(argv[1:], e)}", file=sys.stderr)
            return 2
    if argv and argv[0] in ("--version", "-V"):
        print(f"timeline-app {__version__}")
        return 0
    if argv and argv[0] in ("help", "--commands"):
        for name, (_, text) in COMMANDS.items():
            print(f"  {name:<14} {text}")
        return 0
    from ..gui.launch import main as gui_main  # Qt is imported only for the viewer

    return gui_main(argv)
