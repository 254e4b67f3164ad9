"""`timeline-app company WORKSPACE NAME ...`: the user's company knowledge (rename, alias, parent group,
"not a company"), applied to every event at once and kept in the workspace; ``--export-kb FILE`` writes it
as a KB file usable with ``--kb``; ``--explain`` prints which names were merged into a company automatically and
why."""

from __future__ import annotations

import argparse
import sys

from .common import fail, open_existing_workspace


def _fail(msg: str) -> int:
    return fail("company", msg)


def main(argv: list[str]) -> int:
    """Edit what the workspace knows about one company, or export that knowledge."""
    p = argparse.ArgumentParser(prog="timeline-app company", description="Correct company knowledge.")
    p.add_argument("workspace", metavar="WORKSPACE")
    p.add_argument("name", metavar="NAME", nargs="?", help="the company name as shown on the timeline")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--rename", metavar="NEW", help="rename the company everywhere")
    g.add_argument("--alias-of", metavar="CANONICAL", help="NAME is another name of CANONICAL")
    g.add_argument("--parent", metavar="GROUP", help="NAME belongs to GROUP (lanes group under it)")
    g.add_argument("--no-parent", action="store_true", help="NAME belongs to no group")
    g.add_argument("--not-company", action="store_true", help="NAME is not a company")
    p.add_argument("--export-kb", metavar="FILE", help="write the workspace's company knowledge as a KB JSON file")
    p.add_argument("--kept-kb", action="store_true",
                   help="list the knowledge-base files the workspace keeps (those ingests were given with --kb)")
    p.add_argument("--forget-kb", action="store_true",
                   help="drop the knowledge-base files the workspace keeps (later merges and re-extractions go "
                        "without them)")
    p.add_argument("--explain", action="store_true",
                   help="print how the workspace came to show NAME (the names merged into it and why, your edits); "
                        "without NAME: every automatic merge of the workspace")
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    change = a.rename or a.alias_of or a.parent or a.no_parent or a.not_company
    if change and not a.name:
        return _fail("give the company NAME to change")
    if not change and not a.export_kb and not a.explain and not a.kept_kb and not a.forget_kb:
        return _fail("nothing to do: give --rename, --alias-of, --parent, --no-parent, --not-company, --export-kb, "
                     "--explain, --kept-kb or --forget-kb")
    from ..core import curate

    ws = open_existing_workspace(a.workspace, "company")
    if ws is None:
        return 2
    try:
        if change:
            if a.rename:
                edit_id = curate.rename_company(ws, a.name, a.rename)
            elif a.alias_of:
                edit_id = curate.alias_company(ws, a.name, a.alias_of)
            elif a.parent or a.no_parent:
                edit_id = curate.set_company_parent(ws, a.name, a.parent)
            else:
                edit_id = curate.mark_not_company(ws, a.name)
            rec = curate.get_edit(ws, edit_id)
            print(f"edit {edit_id}: {rec.label if rec else ''}"
                  + (f" — not placed: {rec.problem}" if rec and rec.placed is False else ""), file=sys.stderr)
        if a.explain:
            lines = curate.company_story(ws, a.name) if a.name else curate.company_merges(ws)
            print("\n".join(lines) if lines else f"no other name was merged into {a.name or 'any company'}")
        if a.kept_kb or a.forget_kb:
            from ..core.store import kb_store

            kept = kb_store.stored(ws)
            for name, content in kept:
                print(f"{name}\t{len(content)} bytes")
            if a.forget_kb:
                print(f"forgot {kb_store.forget(ws)} knowledge-base file(s)", file=sys.stderr)
            elif not kept:
                print("the workspace keeps no knowledge-base file (ingests were given no --kb)", file=sys.stderr)
        if a.export_kb:
            n = curate.export_kb(ws, a.export_kb)
            print(f"{n} KB entr{'y' if n == 1 else 'ies'} written to {a.export_kb}", file=sys.stderr)
    except curate.EditError as e:
        return _fail(str(e))
    finally:
        ws.close()
    return 0
