"""Issue 22, item 3: a workspace learns from its analyst's corrections. Accepted, retyped and rejected events
become examples for the workspace's own event classifier (kept in the workspace, reset on demand), and the next
extraction uses it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from timeline_app.core import learned
from timeline_app.core.curate import undo
from timeline_app.core.extract.document import find_rule_events
from timeline_app.core.extract.events.adapt import adapt
from timeline_app.core.extract.events.classify import EventModel, load_model, refinable_types
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.ingest import open_workspace, reextract_document
from timeline_app.core.read.readers import RawArticle
from timeline_app.core.review_edits import bulk_edit, review_event
from timeline_app.core.workspace_model import workspace_model

from .gui_support import seeds_workspace_in


@pytest.fixture(scope="module")
def _seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeds_workspace_in(tmp_path_factory.mktemp("learning"))


@pytest.fixture
def ws_path(_seeds: Path, tmp_path: Path) -> Path:
    out = tmp_path / "w.timeline"
    shutil.copy(_seeds, out)
    return out


def test_adapting_moves_what_the_corrections_are_about_and_nothing_else() -> None:
    base = EventModel(["a", "b", "none"], {"w=x": [1.0, 0.0, 0.0], "w=y": [2.0, 0.0, 0.0]}, [0.0, 0.0, 0.5], 0.6)
    assert adapt(base, []) is base
    model = adapt(base, [({"w=x": 1.0, "bias": 1.0}, "b")] * 3 + [({"w=z": 1.0, "bias": 1.0}, "none")])
    before, after = base.probabilities({"w=x": 1.0}), model.probabilities({"w=x": 1.0})
    assert before["a"] > before["b"] and after["b"] > after["a"]  # taught
    assert model.probabilities({"w=z": 1.0})["none"] > base.probabilities({"w=z": 1.0})["none"]
    assert model.weights["w=y"] == base.weights["w=y"] and model.bias == base.bias  # the rest as shipped
    assert model.keep_threshold == base.keep_threshold and model.calibration == base.calibration


def test_corrections_come_from_reviews_retypes_and_rejections_and_reset_forgets(ws_path: Path) -> None:
    ws = open_workspace(ws_path)
    try:
        assert learned.corrections(ws) == []
        events = sorted(ws.events(), key=lambda e: e.id)
        a, b, c = events[:3]
        review_event(ws, a.id, "confirmed")
        bulk_edit(ws, [b.id], {"type": "job_cuts"})
        rejected = review_event(ws, c.id, "rejected")
        found = learned.corrections(ws)  # one per evidence anchor (an event told in two articles gives two)
        assert {x.label for x in found} == {a.type, "job_cuts", "none"}
        assert {(s.document, s.trigger_start) for s in c.sources} == {(x.doc_id, x.start) for x in found
                                                                       if x.label == "none"}
        undo(ws, rejected)  # an undone correction teaches nothing
        assert {x.label for x in learned.corrections(ws)} == {a.type, "job_cuts"}
        n = len(learned.corrections(ws))
        assert n >= 2 and learned.reset(ws) == n
        assert learned.corrections(ws) == []
        # forgotten (the edits themselves stay applied)
        assert any(e.type == "job_cuts" for e in ws.events())
        review_event(ws, c.id, "rejected")  # what is corrected after a reset counts
        assert {x.label for x in learned.corrections(ws)} == {"none"}
    finally:
        ws.close()


def _flexible_event(ws) -> tuple[object, str]:
    """An event whose rule type lets the classifier choose among several types, and another type it could be."""
    kb, nlp = load_kb(), get_nlp()
    for ev in sorted(ws.events(), key=lambda e: e.id):
        src = ev.sources[0]
        doc = ws.document(src.document, with_mentions=False)
        raw = RawArticle(doc.path, doc.text, title=doc.title, url=doc.url, source=doc.outlet)
        _, _, rules = find_rule_events(raw, kb, nlp)
        rule = next((r for r in rules for s in r.sources if s.trigger_start == src.trigger_start), None)
        if rule is None:
            continue
        choices = sorted(refinable_types().get(rule.type, frozenset()) - {ev.type})
        if choices:
            return ev, choices[0]
    raise AssertionError("no seed event the classifier may retype")


def test_the_next_extraction_uses_what_was_learned(ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = open_workspace(ws_path)
    try:
        assert workspace_model(ws, load_kb()) is None  # nothing to learn from: the shipped classifier
        ev, other = _flexible_event(ws)
        src = ev.sources[0]
        bulk_edit(ws, [ev.id], {"type": other})
        model = workspace_model(ws, load_kb())
        assert model is not None and model is not load_model()
        kept = ws.db.execute("SELECT doc_id, anchor FROM learned_examples").fetchall()
        assert kept == [(src.document, src.trigger_start)]  # the sentence as the classifier saw it, kept

        def unseen(*args: object) -> dict[int, dict[str, float]]:
            raise AssertionError("a kept example is not seen again")

        monkeypatch.setattr("timeline_app.core.workspace_model.seen_sentences", unseen)
        assert workspace_model(ws, load_kb()) is not None
        monkeypatch.undo()
        reextract_document(ws, src.document)  # the stored extraction itself now says what the analyst taught
        result = json.loads(ws.db.execute("SELECT result FROM documents WHERE id=?", (src.document,)).fetchone()[0])
        again = [e for e in result["events"] for s in e["sources"] if s["trigger_start"] == src.trigger_start]
        assert again and again[0]["type"] == other
    finally:
        ws.close()
