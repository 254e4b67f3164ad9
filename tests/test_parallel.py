"""Extraction on several processes gives what one process gives; cancelling stops the pool."""

from __future__ import annotations

from pathlib import Path

from timeline_app.core.extract.kb import load_kb
from timeline_app.core.parallel import extract_many, workers_for
from timeline_app.core.read.readers import read_paths

ROOT = Path(__file__).resolve().parent.parent


def test_pool_matches_one_process() -> None:
    raws, _ = read_paths([ROOT / "seeds"])
    kb = load_kb()
    one = {r.label: res for r, res, _err in extract_many([(r, None) for r in raws], kb, workers=1)}
    two = {r.label: res for r, res, _err in extract_many([(r, None) for r in raws], kb, workers=2)}
    assert set(one) == set(two) == {r.label for r in raws}
    for label, res in one.items():
        other = two[label]
        assert res is not None and other is not None
        assert [e.to_json() for e in res.events] == [e.to_json() for e in other.events]
        assert res.document.id == other.document.id


def test_cancel_stops_the_pool() -> None:
    raws, _ = read_paths([ROOT / "seeds"])
    got = []
    for out in extract_many(((r, None) for r in raws * 20), load_kb(), workers=2, cancelled=lambda: bool(got)):
        got.append(out)
    assert 1 <= len(got) < len(raws) * 20


def test_workers_for_small_batches() -> None:
    assert workers_for(8, 5) == 1
    assert workers_for(2, 1000) == 2
    assert workers_for(None, 1000) >= 1
