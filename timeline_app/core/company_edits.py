"""Curation of company knowledge: rename a company, make a name an alias of another, set the group a company
belongs to, mark a name as not a company; and what the workspace knows of companies as a KB file (``--kb``), with
the story of how names were merged. Each edit is one undoable edit, like every correction (see :mod:`.curate`)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from .edit_transaction import _atomic, _commit
from .outputs import write_text_atomic
from .store import edits as store
from .store.edits import EditError
from .store.workspace import Workspace


@_atomic
def rename_company(ws: Workspace, name: str, new_name: str, kb_files: list[str] | None = None) -> int:
    """Rename a company everywhere."""
    return _commit(ws, "company.rename", {"name": name}, {"name": new_name}, f"Renamed {name} → {new_name}", None,
                   kb_files)


@_atomic
def alias_company(ws: Workspace, alias: str, into: str, kb_files: list[str] | None = None) -> int:
    """Treat ``alias`` as another name of ``into`` (its events move to that company)."""
    if " ".join(alias.split()) == " ".join(into.split()):
        raise EditError("a company cannot be an alias of itself")
    return _commit(ws, "company.alias", {"name": alias}, {"into": into}, f"{alias} is an alias of {into}", None,
                   kb_files)


@_atomic
def set_company_parent(ws: Workspace, name: str, parent: str | None, kb_files: list[str] | None = None) -> int:
    """Set (None: clear) the group a company belongs to; lanes group under it. A company cannot belong to
    itself, nor to a group that (through its own groups) belongs to it."""
    if parent is not None:
        chain, at = [name], " ".join(parent.split())
        parents = {str(n): str(p) for n, p in ws.db.execute(
            "SELECT name, parent FROM entities WHERE kind='company' AND parent IS NOT NULL")}
        while at and len(chain) < 100:
            chain.append(at)
            if at.casefold() == " ".join(name.split()).casefold():
                raise EditError("a company cannot belong to itself" if len(chain) == 2 else
                                "that would make a loop of groups: " + " → ".join(chain))
            at = parents.get(at, "")
    return _commit(ws, "company.parent", {"name": name}, {"parent": parent},
                   f"{name} belongs to {parent}" if parent else f"{name} belongs to no group", None, kb_files)


@_atomic
def mark_not_company(ws: Workspace, name: str, not_company: bool = True, kb_files: list[str] | None = None) -> int:
    """Mark a name as not a company: it leaves every event's companies and gets no lane."""
    return _commit(ws, "company.not_company", {"name": name}, {"not_company": not_company},
                   f"{name} is {'not ' if not_company else ''}a company", None, kb_files)


def company_kb(ws: Workspace) -> dict[str, Any]:
    """The user's company knowledge as a KB file (the shape ``--kb`` reads)."""
    entries: dict[str, dict[str, Any]] = {}

    def entry(name: str) -> dict[str, Any]:
        return entries.setdefault(name, {"kind": "company", "name": name, "aliases": []})

    for r in store.history(ws, active_only=True):
        name = str(r.target.get("name", ""))
        if r.kind in ("company.rename", "company.alias"):
            new = str(r.payload.get("name") or r.payload.get("into"))
            e = entry(new)
            e["aliases"] = list(dict.fromkeys([*e["aliases"], name, *entries.pop(name, {}).get("aliases", [])]))
        elif r.kind == "company.parent":
            entry(name)["parent"] = r.payload.get("parent")
        elif r.kind == "company.not_company" and r.payload.get("not_company", True):
            entries.pop(name, None)
            entries[name] = {"kind": "organization", "name": name, "aliases": []}
    return {"entries": list(entries.values())}


def company_story(ws: Workspace, name: str) -> list[str]:
    """How the workspace came to show a company under ``name``: the names merged into it automatically, each
    with its reason ("merged 'Delta' into 'Delta Air Lines': short form"), then the user's own company edits
    that name it (which always win over the automatic ones)."""
    lines: list[str] = []
    for (info,) in ws.db.execute("SELECT info FROM entities WHERE kind='company' AND name=?", (name,)):
        with contextlib.suppress(ValueError, TypeError):
            lines += [str(x) for x in json.loads(info or "{}").get("merged", [])]
    for r in store.history(ws, active_only=True):
        if r.kind.startswith("company.") and name in (r.target.get("name"), r.payload.get("name"),
                                                      r.payload.get("into")):
            lines.append(f"your edit: {r.label}")
    return list(dict.fromkeys(lines))


def company_merges(ws: Workspace) -> list[str]:
    """Every automatic merge of company names in the workspace, with its reason, by canonical name."""
    lines: list[str] = []
    for (info,) in ws.db.execute("SELECT info FROM entities WHERE kind='company' ORDER BY name"):
        with contextlib.suppress(ValueError, TypeError):
            lines += [str(x) for x in json.loads(info or "{}").get("merged", [])]
    return lines


def export_kb(ws: Workspace, path: str | Path) -> int:
    """Write the user's company knowledge as a KB JSON file usable with ``--kb``; returns the entry count."""
    kb = company_kb(ws)
    try:
        write_text_atomic(path, json.dumps(kb, ensure_ascii=False, indent=1))
    except OSError as e:
        raise EditError(str(e)) from None
    return len(kb["entries"])
