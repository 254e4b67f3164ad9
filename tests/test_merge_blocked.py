"""The blocked, incremental merge gives exactly the all-pairs merge: on random events (the blocks never lose
a matching pair), on the seeds and the MEANTIME Apple articles, and in a workspace fed in several batches,
with documents replaced and removed."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from timeline_app.core.extract.kb import KBEntry, KnowledgeBase, load_kb
from timeline_app.core.merge import candidate_pairs, merge_events, merge_results, similarity
from timeline_app.core.model import DocResult, Document, Event, Source
from timeline_app.core.store import clusters
from timeline_app.core.store.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
APPLE = ROOT / "tests" / "data" / "meantime-apple"


def sig(events: list[Event]) -> list[tuple]:
    return sorted((e.id, e.type, e.start, e.end, e.precision, tuple(e.companies), tuple(e.people), e.summary,
                   tuple((s.document, s.trigger_start) for s in e.sources), round(e.confidence, 6)) for e in events)


def random_corpus(seed: int, n_docs: int = 60) -> tuple[list[Event], dict[str, Document], KnowledgeBase]:
    rnd = random.Random(seed)
    kb = KnowledgeBase([KBEntry("company", "Group A"), KBEntry("company", "A Cars", parent="Group A"),
                        KBEntry("company", "A Chips", parent="Group A"), KBEntry("company", "B"),
                        KBEntry("company", "C"), KBEntry("company", "D")], [], [])
    names = ["Group A", "A Cars", "A Chips", "B", "C", "D"]
    docs: dict[str, Document] = {}
    events: list[Event] = []
    base = dt.date(2024, 12, 20)
    for d in range(n_docs):
        pub = base + dt.timedelta(days=rnd.randint(0, 40)) if rnd.random() < 0.9 else None
        docs[f"d{d}"] = Document(id=f"d{d}", path=f"/x/{d:03d}.txt", title="", text="", date=pub)
        for k in range(rnd.randint(0, 3)):
            prec = rnd.choice(["day", "day", "month", "year", "undated", "undated"])
            day = base + dt.timedelta(days=rnd.randint(0, 45))
            start = end = None
            if prec == "day":
                start = end = day
            elif prec == "month":
                start = day.replace(day=1)
                end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            elif prec == "year":
                start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
            events.append(Event(
                id=f"x{d}-{k}", type=rnd.choice(["meeting", "supply"]), summary="", start=start, end=end,
                precision=prec, status="happened", companies=rnd.sample(names, rnd.randint(1, 3)),
                people=rnd.sample(["P", "Q"], rnd.randint(0, 1)), places=rnd.sample(["X", "Y"], rnd.randint(0, 1)),
                sources=[Source(f"d{d}", 0, 10, k, k + 1)], confidence=rnd.choice([0.5, 0.6, 0.7])))
    return events, docs, kb


@pytest.mark.parametrize("seed", range(6))
def test_blocks_keep_every_matching_pair(seed: int) -> None:
    events, docs, kb = random_corpus(seed)
    cands = candidate_pairs(events, docs, kb)
    n = len(events)
    matching = {(i, j) for i in range(n) for j in range(i + 1, n) if similarity(events[i], events[j], docs, kb) > 0}
    assert matching, "the corpus should hold matches"
    assert matching <= cands
    assert len(cands) < n * (n - 1) // 2  # and the blocks do prune


@pytest.mark.parametrize("seed", range(6))
def test_blocked_merge_equals_all_pairs_on_random_events(seed: int) -> None:
    events, docs, kb = random_corpus(seed)
    fresh = lambda: [Event.from_json(e.to_json()) for e in events]
    assert sig(merge_events(fresh(), docs, kb)) == sig(merge_events(fresh(), docs, kb, all_pairs=True))


@pytest.fixture(scope="module")
def real_results() -> list[DocResult]:
    from timeline_app.core.extract.document import extract_document
    from timeline_app.core.read.readers import read_paths

    raws, _ = read_paths([ROOT / "seeds", APPLE])
    kb = load_kb()
    results = [extract_document(r, kb) for r in raws]
    assert len(results) > 30
    return sorted(results, key=lambda r: (r.document.path, r.document.id))


def copy_results(results: list[DocResult]) -> list[DocResult]:
    return [DocResult(r.document, r.entities, [Event.from_json(e.to_json()) for e in r.events]) for r in results]


def test_blocked_merge_equals_all_pairs_on_seeds_and_apple(real_results: list[DocResult]) -> None:
    _, blocked = merge_results(copy_results(real_results))
    _, reference = merge_results(copy_results(real_results), all_pairs=True)
    assert sig(blocked) == sig(reference)
    assert any(len(e.sources) > 1 for e in reference), "the real set should merge some reports"


def stored_reference(ws: Workspace, results: list[DocResult]) -> list[Event]:
    kept = {r[0] for r in ws.db.execute("SELECT id FROM documents")}
    _, events = merge_results(copy_results([r for r in results if r.document.id in kept]), all_pairs=True)
    return events


def test_incremental_workspace_equals_all_pairs(tmp_path: Path, real_results: list[DocResult]) -> None:
    kb = load_kb()
    ws = Workspace(tmp_path / "w.timeline")
    order = list(real_results)
    random.Random(3).shuffle(order)
    batches = [order[:5], order[5:6], order[6:20], order[20:]]
    for batch in batches:  # documents arrive in several ingests, in no particular order
        with ws.transaction() as db:
            for r in batch:
                ws.write_document(db, r, "test", "txt")
        stats = clusters.sync(ws, kb)
        assert stats.new_atoms > 0 and stats.events_written > 0  # the batch was taken in and written
        assert sig(ws.events()) == sig(stored_reference(ws, real_results))
    assert ws.event_columns().n == len(ws.events())
    rows = [r[0] for r in ws.db.execute("SELECT rowid FROM events ORDER BY rowid")]
    assert rows == list(range(1, len(rows) + 1))  # rows stay dense: they index the timeline's columns
    # a merged event's article goes away: its cluster is rebuilt from the reports left
    multi = next(e for e in ws.events() if len(e.sources) > 1)
    with ws.transaction() as db:
        db.execute("DELETE FROM documents WHERE id=?", (multi.sources[0].document,))
    clusters.sync(ws, kb)
    assert sig(ws.events()) == sig(stored_reference(ws, real_results))
    rows = [r[0] for r in ws.db.execute("SELECT rowid FROM events ORDER BY rowid")]
    assert rows == list(range(1, len(rows) + 1))
    # a full rebuild gives the same again
    before = sig(ws.events())
    clusters.sync(ws, kb, full=True)
    assert sig(ws.events()) == before
    ws.close()


def test_adding_compares_only_the_new_documents_blocks(tmp_path: Path, real_results: list[DocResult]) -> None:
    kb = load_kb()
    ws = Workspace(tmp_path / "w.timeline")
    with ws.transaction() as db:
        for r in real_results[:-1]:
            ws.write_document(db, r, "test", "txt")
    first = clusters.sync(ws, kb)
    with ws.transaction() as db:
        ws.write_document(db, real_results[-1], "test", "txt")
    second = clusters.sync(ws, kb)
    assert second.new_atoms == len(real_results[-1].events)
    assert second.pairs_compared <= second.new_atoms * first.new_atoms
    assert second.components <= first.components
    ws.close()
