"""A large merge component (a few companies reported every day for years) is re-clustered only near the new
reports (issue 24, item 2): the result keeps every report in exactly one merged event, leaves the merged events
far from the new reports as they were, and treats the new reports as a whole re-cluster would."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest

from timeline_app.core.extract.kb import load_kb
from timeline_app.core.merge import merge_results
from timeline_app.core.store import clusters
from timeline_app.core.store.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from merge_scale import article


def _sig(events: list) -> dict[str, tuple]:  # type: ignore[type-arg]
    return {e.id: (e.type, e.start, e.end, tuple(e.companies), tuple(sorted((s.document, s.trigger_start)
                                                                           for s in e.sources))) for e in events}


def test_large_component_is_reclustered_near_the_new_reports(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clusters, "LARGE_COMPONENT", 50)
    rnd = random.Random(5)
    companies = ["Alpha Corp", "Beta Corp"]
    start = dt.date(2020, 1, 1)
    docs = [article(i, rnd, companies, start, 365) for i in range(600)]
    ws = Workspace(tmp_path / "w.timeline")
    kb = load_kb()
    with ws.transaction() as db:
        for r in docs:
            ws.write_document(db, r, "test", "txt")
    clusters.sync(ws, kb)
    biggest = ws.db.execute("SELECT max(c) FROM (SELECT count(*) c FROM merge_atoms GROUP BY component)").fetchone()
    assert biggest[0] > 50  # the setting of the issue: one component chaining many reports
    before = _sig(ws.events())
    late = [article(10_000 + i, rnd, companies, dt.date(2020, 12, 1), 20) for i in range(3)]
    with ws.transaction() as db:
        for r in late:
            ws.write_document(db, r, "test", "txt")
    stats = clusters.sync(ws, kb)
    assert stats.extra.get("near_atoms", 0) > 0  # the near-only path was taken
    after = ws.events()
    atoms = [(s.document, s.trigger_start) for e in after for s in e.sources]
    assert len(atoms) == len(set(atoms)) == sum(len(r.events) for r in [*docs, *late])  # each report once
    early = {i for i, v in before.items() if v[1] and v[1] < dt.date(2020, 9, 1)}
    assert early and early <= set(_sig(after))  # merged events far from the new reports are unchanged
    # the new reports are merged as the all-pairs merge merges them
    _, reference = merge_results([*docs, *late], kb)
    ref_groups = {frozenset((s.document, s.trigger_start) for s in e.sources) for e in reference
                  if any(s.document.startswith("s001") for s in e.sources)}
    got_groups = {frozenset((s.document, s.trigger_start) for s in e.sources) for e in after
                  if any(s.document.startswith("s001") for s in e.sources)}
    assert got_groups == ref_groups
    rows = [r[0] for r in ws.db.execute("SELECT rowid FROM events ORDER BY rowid")]
    assert rows == list(range(1, len(rows) + 1))
    ws.close()
