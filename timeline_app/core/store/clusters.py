"""The incremental cross-source merge, persisted in the workspace.

Every per-document event is an *atom* filed under its merge blocks (see :func:`merge.block_keys`); pairs of
atoms that can be the same event are *edges*; atoms joined by edges form a *component*, and merged events are
rebuilt one component at a time. Adding articles compares only their atoms with the atoms sharing a block,
then re-clusters only the components they touch, so its cost follows the new articles, not the workspace.
The result equals the all-pairs merge (clusters never cross components, and inside one the greedy runs in
the same order); article texts are never loaded."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..extract.kb import KnowledgeBase
from ..merge import (
    BLOCKS_VERSION,
    block_keys,
    cluster,
    combine,
    connected,
    score_pairs,
)
from ..model import Document, Event
from .merge_events import replace_events as _replace_events
from .merge_events import write_columns as _write_columns
from .merge_intake import add_atoms as _add_atoms
from .merge_intake import anchor as anchor
from .merge_intake import redo_renamed as _redo_renamed
from .merge_intake import resolve_names as _resolve
from .merge_intake import stored_results as _results
from .merge_intake import unmerged_docs as _unmerged_docs
from .merge_intake import upsert_entities as _upsert_entities
from .sql_chunks import CHUNK as CHUNK
from .sql_chunks import chunks as _chunks
from .sql_chunks import marks as _marks
from .workspace import Workspace


class MergeCancelled(Exception):
    """The merge was stopped by the user: its transaction is rolled back, the workspace keeps its last merged
    state and the merge stays pending (the next open or ingest finishes it)."""


def check_stop(should_stop: Callable[[], bool] | None) -> None:
    """Raise :class:`MergeCancelled` when ``should_stop`` says so."""
    if should_stop is not None and should_stop():
        raise MergeCancelled("the merge was cancelled; it is finished when the workspace is next opened")


@dataclass
class MergeStats:
    """What one merge update did (the benchmark prints these)."""

    new_atoms: int = 0
    removed_atoms: int = 0
    pairs_compared: int = 0
    edges_added: int = 0
    components: int = 0
    events_written: int = 0
    full: bool = False
    extra: dict[str, float] = field(default_factory=dict)


def needs_full_rebuild(db: sqlite3.Connection) -> bool:
    """Events written without the incremental merge (an import, an older workspace), or merge blocks of an
    older key scheme, must be rebuilt once."""
    if db.execute("SELECT 1 FROM events WHERE component IS NULL LIMIT 1").fetchone() is not None:
        return True
    row = db.execute("SELECT value FROM meta WHERE key='merge_blocks'").fetchone()
    has_atoms = db.execute("SELECT 1 FROM merge_atoms LIMIT 1").fetchone() is not None
    return has_atoms and (row is None or row[0] != str(BLOCKS_VERSION))


def clear(db: sqlite3.Connection) -> None:
    """Forget every merge (the next :func:`sync` merges all documents again)."""
    for table in ("merge_docs", "merge_atoms", "merge_keys", "merge_edges", "events", "event_sources",
                  "event_companies", "entities", "event_fts"):
        db.execute(f"DELETE FROM {table}")


def sync(ws: Workspace, kb: KnowledgeBase, components: Iterable[int] = (), full: bool = False,
         should_stop: Callable[[], bool] | None = None) -> MergeStats:
    """Bring merged events up to date with the stored documents, in one transaction: documents not merged yet
    are added, atoms of documents gone (or re-extracted) are dropped, and the touched components (plus
    ``components``) are re-clustered. Every phase works in chunks, so memory follows the chunk and the largest
    component, not the workspace (a bulk load of many shards merges in one pass). ``should_stop`` is asked
    between chunks: when it says so, :class:`MergeCancelled` is raised and nothing is written."""
    stats = MergeStats()
    with ws.transaction() as db:
        if full or needs_full_rebuild(db):
            clear(db)
            stats.full = True
        groups = _Groups(components)
        groups.touch(_drop_stale(db, stats))
        new_docs = _unmerged_docs(db)
        for chunk in _chunks(new_docs, CHUNK):  # the workspace's entities first: they decide who is who
            check_stop(should_stop)
            _upsert_entities(db, _results(db, chunk), kb)
        # who is who changes only with the articles: with none added or gone, nothing is to be renamed
        resolution = _resolve(db, kb) if new_docs or stats.removed_atoms or stats.full else None
        if resolution is not None and _redo_renamed(db, resolution):
            # a name now goes by another: its documents are merged again
            groups.touch(_drop_stale(db, stats))
            new_docs = _unmerged_docs(db)
        new_ids: list[int] = []
        from ..resolve import apply_to_events  # here: resolve loads the extraction's name rules (not at open)

        for chunk in _chunks(new_docs, CHUNK):
            check_stop(should_stop)
            results = _results(db, chunk)
            for r in results:
                if resolution is not None:
                    apply_to_events(r[3].events, resolution)
            new_ids += _add_atoms(db, results, kb)
        stats.new_atoms = len(new_ids)
        new_set = set(new_ids)
        for chunk in _chunks(new_ids, 4 * CHUNK):
            check_stop(should_stop)
            _link(db, chunk, new_set, kb, stats, groups)
        roots = groups.relabel(db)
        small, large = _split_by_size(db, roots)
        for chunk in _chunks(sorted(small), 4 * CHUNK):
            check_stop(should_stop)
            _refresh(db, {r: roots[r] for r in chunk}, kb, stats)
        for root in sorted(large):
            check_stop(should_stop)
            _refresh_near(db, root, roots[root], new_set, kb, stats)
        if stats.events_written or stats.removed_atoms or new_docs or roots:
            _write_columns(db)
        ws.set_meta(db, "merge_pending", "0")
        ws.set_meta(db, "merge_blocks", str(BLOCKS_VERSION))
    return stats


class _Groups:
    """Union-find over component labels: components joined by new edges become one before re-clustering."""

    def __init__(self, labels: Iterable[int] = ()):
        self.parent: dict[int, int] = {}
        self.touch(labels)

    def touch(self, labels: Iterable[int]) -> None:
        for x in labels:
            self.parent.setdefault(x, x)

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def relabel(self, db: sqlite3.Connection) -> dict[int, set[int]]:
        """Give every atom of a joined group its root's label; returns root -> the labels it absorbed."""
        out: dict[int, set[int]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), set()).add(x)
        moves = [(root, x) for root, members in out.items() for x in members if x != root]
        db.executemany("UPDATE merge_atoms SET component=? WHERE component=?", moves)
        return out


def _drop_stale(db: sqlite3.Connection, stats: MergeStats) -> set[int]:
    rows = db.execute("SELECT id, component FROM merge_atoms WHERE doc_id NOT IN "
                      "(SELECT doc_id FROM merge_docs)").fetchall()
    ids = [r[0] for r in rows]
    for chunk in _chunks(ids):
        m = _marks(len(chunk))
        db.execute(f"DELETE FROM merge_atoms WHERE id IN ({m})", chunk)
        db.execute(f"DELETE FROM merge_keys WHERE atom IN ({m})", chunk)
        db.execute(f"DELETE FROM merge_edges WHERE a IN ({m}) OR b IN ({m})", chunk + chunk)
    stats.removed_atoms += len(ids)
    return {r[1] for r in rows}


def _load_atoms(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, tuple[Event, str, dt.date | None, int, str]]:
    """Atoms by id: (event, document id, document date, component, order key)."""
    out = {}
    for chunk in _chunks(sorted(set(ids))):
        for aid, doc_id, ord_, sortkey, event, date, comp in db.execute(
                f"SELECT id, doc_id, ord, sortkey, event, doc_date, component FROM merge_atoms "
                f"WHERE id IN ({_marks(len(chunk))})", chunk):
            out[aid] = (Event.from_json(json.loads(event)), doc_id, dt.date.fromisoformat(date) if date else None,
                        comp, f"{sortkey}\x00{ord_:06d}")
    return out


def _docs_of(atoms: Iterable[tuple[Event, str, dt.date | None, int, str]]) -> dict[str, Document]:
    return {a[1]: Document(id=a[1], path="", title="", text="", date=a[2]) for a in atoms}


def _link(db: sqlite3.Connection, new_ids: list[int], new_set: set[int], kb: KnowledgeBase, stats: MergeStats,
          groups: _Groups) -> None:
    """Compare these new atoms with the atoms sharing a block (a pair of two new atoms once, from the higher
    id); store the edges; join the components they connect."""
    if not new_ids:
        return
    new = _load_atoms(db, new_ids)
    pairs: set[tuple[int, int]] = set()
    for aid, (ev, _doc, date, _c, _k) in new.items():
        _, looks = block_keys(ev, date, kb)
        for lo, hi in sorted(set(looks)):
            for (other,) in db.execute("SELECT atom FROM merge_keys WHERE key BETWEEN ? AND ?", (lo, hi)):
                if other != aid and not (other in new_set and other > aid):
                    pairs.add((min(aid, other), max(aid, other)))
    atoms = dict(new)
    atoms.update(_load_atoms(db, {x for p in pairs for x in p} - set(new)))
    order = sorted(atoms)
    pos = {aid: i for i, aid in enumerate(order)}
    events = [atoms[a][0] for a in order]
    stats.pairs_compared += len(pairs)
    scored = score_pairs(events, _docs_of(atoms.values()), kb, [(pos[a], pos[b]) for a, b in pairs])
    db.executemany("INSERT INTO merge_edges(a, b, s) VALUES(?,?,?)", [(order[i], order[j], s) for s, i, j in scored])
    stats.edges_added += len(scored)
    groups.touch(atoms[a][3] for a in new)
    for _s, i, j in scored:
        groups.union(atoms[order[i]][3], atoms[order[j]][3])


def _refresh(db: sqlite3.Connection, roots: dict[int, set[int]], kb: KnowledgeBase, stats: MergeStats) -> None:
    """Re-cluster these components (root label -> the labels it absorbed) and replace their merged events."""
    comps = sorted(roots)
    ids: list[int] = []
    for chunk in _chunks(comps):
        ids += [r[0] for r in db.execute(f"SELECT id FROM merge_atoms WHERE component IN ({_marks(len(chunk))})",
                                         chunk)]
    merged, n_comps = _recluster(db, ids, kb, None)
    stats.components += n_comps
    _replace_events(db, _event_ids_of(db, sorted({x for labels in roots.values() for x in labels})), merged)
    stats.events_written += len(merged)


def _recluster(db: sqlite3.Connection, ids: Iterable[int], kb: KnowledgeBase,
               label: int | None) -> tuple[list[tuple[int, Event]], int]:
    """Cluster these atoms over their stored edges, in the all-pairs merge's order; record each atom's merged
    event. ``label`` None: every connected part becomes its own component (labelled by its smallest atom);
    else all keep ``label``. Returns (component label, merged event) pairs and the number of connected parts."""
    atoms = _load_atoms(db, ids)
    order = sorted(atoms, key=lambda a: atoms[a][4])  # the order of the all-pairs merge
    pos = {aid: i for i, aid in enumerate(order)}
    edges: list[tuple[float, int, int]] = []
    for chunk in _chunks(order):
        for a, b, s in db.execute(f"SELECT a, b, s FROM merge_edges WHERE a IN ({_marks(len(chunk))})", chunk):
            if b in pos:
                i, j = sorted((pos[a], pos[b]))
                edges.append((s, i, j))
    events = [atoms[a][0] for a in order]
    docs = _docs_of(atoms.values())
    merged: list[tuple[int, Event]] = []
    parts = connected(len(order), edges)
    for comp in parts:
        members = set(comp)
        local = {g: k for k, g in enumerate(comp)}
        sub = [(s, local[i], local[j]) for s, i, j in edges if i in members]
        cid = label if label is not None else min(order[i] for i in comp)
        if label is None:
            db.executemany("UPDATE merge_atoms SET component=? WHERE id=?", [(cid, order[i]) for i in comp])
        for group in cluster([events[i] for i in comp], docs, kb, sub):
            ev = combine([events[comp[k]] for k in group])
            merged.append((cid, ev))
            db.executemany("UPDATE merge_atoms SET merged=? WHERE id=?", [(ev.id, order[comp[k]]) for k in group])
    return merged, len(parts)


#: A merge component with more atoms than this (a few companies reported every day for years chain their reports
#: into one) is re-clustered only around the new atoms; smaller ones are re-clustered whole, which equals the
#: all-pairs merge exactly.
LARGE_COMPONENT = 2000


def _split_by_size(db: sqlite3.Connection, roots: dict[int, set[int]]) -> tuple[list[int], list[int]]:
    """The touched components that are re-clustered whole, and the large ones re-clustered near new atoms."""
    small: list[int] = []
    large: list[int] = []
    for root in roots:
        n = db.execute("SELECT count(*) FROM merge_atoms WHERE component=?", (root,)).fetchone()[0]
        (large if n > LARGE_COMPONENT else small).append(root)
    return small, large


def _event_ids_of(db: sqlite3.Connection, comps: list[int]) -> list[str]:
    out: list[str] = []
    for chunk in _chunks(comps):
        out += [r[0] for r in db.execute(f"SELECT id FROM events WHERE component IN ({_marks(len(chunk))})", chunk)]
    return out


def _refresh_near(db: sqlite3.Connection, root: int, labels: set[int], new_set: set[int], kb: KnowledgeBase,
                  stats: MergeStats) -> None:
    """Re-cluster a large component only where it changed: the new atoms and the atoms they can match (their
    edges), widened to the whole merged events those are in; the merged events elsewhere in it stay as they are.
    Cost follows the reports near the new ones, not the component (which grows with the corpus when a few
    companies dominate)."""
    rows = db.execute("SELECT id, t0, t1 FROM merge_atoms WHERE component=?", (root,)).fetchall()
    fresh = [aid for aid, _t0, _t1 in rows if aid in new_set]
    if not fresh or 10 * len(fresh) > len(rows) or _has_unmerged(db, root, new_set):
        _refresh(db, {root: labels}, kb, stats)  # removed atoms, a first merge, many new: the whole of it
        return
    near: set[int] = set(fresh)  # the new atoms and every atom they can match (their edges), ...
    for chunk in _chunks(fresh):
        m = _marks(len(chunk))
        for a, b in db.execute(f"SELECT a, b FROM merge_edges WHERE a IN ({m}) OR b IN ({m})", chunk + chunk):
            near.update((a, b))
    old_ids: set[str] = set()
    for chunk in _chunks(sorted(near)):
        old_ids |= {r[0] for r in db.execute(f"SELECT DISTINCT merged FROM merge_atoms WHERE id IN "
                                             f"({_marks(len(chunk))}) AND merged IS NOT NULL", chunk)}
    for chunk in _chunks(sorted(old_ids)):  # whole merged events: their other reports come along
        near |= {r[0] for r in db.execute(f"SELECT id FROM merge_atoms WHERE merged IN ({_marks(len(chunk))})",
                                          chunk)}
    merged, _ = _recluster(db, near, kb, root)
    stats.components += 1
    _replace_events(db, sorted(old_ids), merged)
    stats.events_written += len(merged)
    stats.extra["near_atoms"] = stats.extra.get("near_atoms", 0) + len(near)


def _has_unmerged(db: sqlite3.Connection, root: int, new_set: set[int]) -> bool:
    """Whether atoms of the component other than the new ones have no merged event yet (a fresh full merge)."""
    for (aid,) in db.execute("SELECT id FROM merge_atoms WHERE component=? AND merged IS NULL", (root,)):
        if aid not in new_set:
            return True
    return False
