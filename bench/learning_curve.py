"""Learning from corrections, simulated on the labelled corpus (issue 22, item 3).

A simulated analyst reviews the events the extractor shows on TRAIN-split articles, in a random order (seed 0):
an event that matches a gold event is accepted when its type is the gold type and retyped to it otherwise; an
event that matches none is rejected. After 25 / 50 / 100 / 200 such corrections, the workspace classifier
(timeline_app/core/extract/events/adapt.py, from the sentences' classifier features exactly as the app keeps them)
extracts the scored split again and the events are scored with bench/score_v3.py's alignment, per article (no
cross-article merge: the same protocol for every point, so the curve compares like with like).

``--split dev`` chooses settings (``--l2``); the test split is scored only to report.

``--corrections-from dev`` corrects dev-split articles instead (ones the shipped classifier was not trained on;
its calibration was fitted there) and scores the test split.

Run: .venv/bin/python bench/learning_curve.py [--split dev|test] [--corrections-from train|dev] [--sizes 25,50,100,200]
                                              [--l2 X]
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import event_score as es
import score_v3

from timeline_app.core.extract.document import find_rule_events
from timeline_app.core.extract.events.adapt import L2, adapt
from timeline_app.core.extract.events.classify import NONE, EventModel, features, load_model
from timeline_app.core.extract.events.refine import SentenceIndex, event_view, refine
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.model import Event
from timeline_app.core.read.readers import read_file

CORPUS = ROOT / "tests" / "data" / "wikinews-business"


def _unit(ev: Event, doc_id: str) -> es.Unit:
    spans = [(s.start, s.end) for s in ev.sources if s.document == doc_id]
    return es.Unit(ev.id, ev.type, list(ev.companies), ev.start.isoformat() if ev.start else None,
                   ev.end.isoformat() if ev.end else None, ev.precision, spans)


def parsed(split: str) -> list[tuple[dict[str, Any], Any, Any, list[Event]]]:
    """(gold record, document, analysis, rule events) of every article of a split."""
    out = []
    for rec in score_v3.load_gold(CORPUS, split):
        raws, _ = read_file(CORPUS / "articles" / rec["file"])
        doc, an, events = find_rule_events(raws[0], load_kb(), get_nlp())
        out.append((rec, doc, an, events))
    return out


def extract(item: tuple[dict[str, Any], Any, Any, list[Event]], model: EventModel) -> list[Event]:
    """The article's events as the app would show them with ``model`` (the rule events are not changed)."""
    _, doc, an, events = item
    return refine(copy.deepcopy(events), doc, an, model)


def corrections(train: list[tuple[dict[str, Any], Any, Any, list[Event]]], base: EventModel,
                tax: score_v3.Taxonomy) -> list[tuple[dict[str, float], str, str]]:
    """What the simulated analyst does to every event shown on the train split: (features, label, action)."""
    out = []
    for item in train:
        rec, doc, an, rule_events = item
        index = SentenceIndex(doc, an)
        views = {ev.id: event_view(ev, doc, index) for ev in rule_events}  # before refine: the rule's type
        shown = extract(item, base)
        units = [_unit(ev, doc.id) for ev in shown]
        usets = [score_v3.system_company_set(u.companies, rec, {}) for u in units]
        g2u, _ = score_v3.align(rec["events"], doc.text, units, rec.get("aliases", {}), tax, usets)
        u2g = {u: g for g, u in g2u.items()}
        for ui, ev in enumerate(shown):
            view = views.get(ev.id)
            if view is None:
                continue
            if ui in u2g:
                gold_type = rec["events"][u2g[ui]]["type"]
                out.append((features(view), gold_type, "accept" if gold_type == ev.type else "retype"))
            else:
                out.append((features(view), NONE, "reject"))
    return out


def score(items: list[tuple[dict[str, Any], Any, Any, list[Event]]], model: EventModel,
          tax: score_v3.Taxonomy) -> dict[str, Any]:
    results = []
    for item in items:
        rec, doc, an, _ = item
        shown = extract(item, model)
        names = {e.name: list(e.aliases or []) for e in an.entities.values()}
        results.append(score_v3.score_article(rec, doc.text, [_unit(ev, doc.id) for ev in shown], tax, names))
    return score_v3.summarise(results, tax)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--sizes", default="25,50,100,200")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corrections-from", default="train", choices=("train", "dev"),
                    help="the split the simulated analyst corrects (dev: articles the shipped classifier was not "
                         "trained on; then score the test split)")
    args = ap.parse_args(argv)
    base = load_model()
    if base is None:
        print("no shipped event model", file=sys.stderr)
        return 2
    tax = score_v3.load_taxonomy()
    t = time.perf_counter()
    source = args.corrections_from
    if source == args.split:
        print("the corrected split and the scored split must differ", file=sys.stderr)
        return 2
    train = parsed(source)
    scored = parsed(args.split)
    print(f"parsed {len(train)} {source} and {len(scored)} {args.split} articles in {time.perf_counter() - t:.0f} s",
          flush=True)
    pool = corrections(train, base, tax)
    random.Random(args.seed).shuffle(pool)
    acts = {a: sum(1 for _, _, x in pool if x == a) for a in ("accept", "retype", "reject")}
    print(f"{len(pool)} events shown on the {source} split: {acts}")
    print(f"{'corrections':>11}  {'fully right':>11}  {'type acc':>8}  {'precision':>9}  {'recall':>6}  "
          f"(split {args.split}, l2 {args.l2})")
    for n in [0, *(int(x) for x in args.sizes.split(","))]:
        used = pool[:n]
        model = adapt(base, [(f, y) for f, y, _ in used], l2=args.l2) if used else base
        s = score(scored, model, tax)
        print(f"{n:>11}  {s['fully_right'] * 100:>10.1f}%  {s['type_accuracy'] * 100:>7.1f}%  "
              f"{s['precision'] * 100:>8.1f}%  {s['recall'] * 100:>5.1f}%   ({s['fully_right_count']} of {s['gold']})",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
