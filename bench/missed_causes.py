"""Why gold events are missed: for each gold event of a split that no final event matches, the first stage that
lost it (issue 19's error analysis; run on train or dev, never to choose on test).

Causes, in pipeline order:
  no company      the evidence sentence mentions no entity typed company
  no trigger      a company is named, but no rule trigger is in the evidence sentence
  trigger, no event  a trigger is there, but the rules made no event on the evidence (sense checks, non-event
                  filters, a missing role)
  dropped         a rule event was on the evidence and the event classifier dropped it as no event
  merged          a final event covers the evidence, but alignment paired it with another gold event
Run: .venv/bin/python bench/missed_causes.py [--split train|dev] [-v]
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import event_score as es
import score_v3

from timeline_app.core.extract.document import find_rule_events
from timeline_app.core.extract.events.classify import load_model
from timeline_app.core.extract.events.refine import SentenceIndex, refine
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.extract.triggers.find import sentence_triggers
from timeline_app.core.read.readers import read_file


def _unit(ev: Any, doc_id: str) -> es.Unit:
    spans = [(s.start, s.end) for s in ev.sources if s.document == doc_id]
    return es.Unit(ev.id, ev.type, list(ev.companies), ev.start.isoformat() if ev.start else None,
                   ev.end.isoformat() if ev.end else None, ev.precision, spans)


def _names(g: dict[str, Any], rec: dict[str, Any]) -> list[str]:
    aliases = rec.get("aliases", {})
    return [n for c in g["companies"] for n in (c, *aliases.get(c, []))]


def _is_gold_name(text: str, g: dict[str, Any], rec: dict[str, Any]) -> bool:
    t = es.norm_name(text)
    return any(t and (t in es.norm_name(n) or es.norm_name(n) in t) for n in _names(g, rec))


def _word_of(g: dict[str, Any], rec: dict[str, Any], word: str) -> bool:
    return len(word) > 2 and word[0].isupper() and any(word in n.split() for n in _names(g, rec))


def article_causes(rec: dict[str, Any], tax: score_v3.Taxonomy) -> list[tuple[str, dict[str, Any], str]]:
    """(cause, gold event, evidence sentence) for each missed gold event of one article."""
    raws, _ = read_file(score_v3.CORPUS / "articles" / rec["file"])
    doc, an, rule_events = find_rule_events(raws[0], load_kb(), get_nlp())
    rule_spans = [[(s.start, s.end) for s in ev.sources if s.document == doc.id] for ev in rule_events]
    final = refine([copy.deepcopy(ev) for ev in rule_events], doc, an, load_model())
    units = [_unit(ev, doc.id) for ev in final]
    usets = [score_v3.system_company_set(u.companies, rec, {}) for u in units]
    golds = rec["events"]
    g2u, _ = score_v3.align(golds, doc.text, units, rec.get("aliases", {}), tax, usets)
    index = SentenceIndex(doc, an)
    out = []
    for gi, g in enumerate(golds):
        if gi in g2u:
            continue
        spans = es.evidence_spans(doc.text, [g["evidence"], *g.get("also_evidence", [])])
        if any(es.overlaps(sp, x) for sp in spans for u in units for x in u.spans):
            cause = "merged"
        elif any(es.overlaps(sp, x) for sp in spans for xs in rule_spans for x in xs):
            cause = "dropped"
        else:
            ks = sorted({k for k in (index.at(a) for a, _ in spans) if k is not None})
            cause, sent_text = "no company", ""
            for k in ks:
                a, b, sent = index.spans[k]
                sent_text = sent.text
                companies = [m for m in doc.mentions if a <= m.start < b and m.kind == "company" and m.entity
                             and an.entities[m.entity].kind == "company"]
                if not companies:
                    named = [m for m in doc.mentions if a <= m.start < b and _is_gold_name(m.text, g, rec)]
                    if named and cause == "no company":
                        kind = an.entities[named[0].entity].kind if named[0].entity else "no entity"
                        cause = f"no company: named as {named[0].kind}/{kind}"
                    elif cause == "no company" and any(_word_of(g, rec, w) for w in re.findall(r"\w+", sent.text)):
                        cause = "no company: name not found"
                    continue
                base = a - sent.start_char
                cause = "trigger, no event" if sentence_triggers(sent, base) else "no trigger"
                break
            out.append((cause, g, sent_text))
            continue
        out.append((cause, g, ""))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("train", "dev"), default="dev")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    tax = score_v3.load_taxonomy()
    counts: Counter[str] = Counter()
    by_type: Counter[tuple[str, str]] = Counter()
    total = 0
    for rec in score_v3.load_gold(score_v3.CORPUS, args.split):
        total += len(rec["events"])
        for cause, g, sent in article_causes(rec, tax):
            counts[cause] += 1
            by_type[(cause, g["type"])] += 1
            if args.verbose:
                print(f"{cause:18} {g['id']:12} {g['type']:14} {g['companies']} | {g['title']}"
                      + (f"\n{'':18} {' '.join(sent.split())[:220]}" if sent else ""))
    print(f"\n== missed gold events, {args.split} split: {sum(counts.values())} of {total} ==")
    for cause, n in counts.most_common():
        types = ", ".join(f"{t} {k}" for (c, t), k in by_type.most_common() if c == cause)
        print(f"{cause:18} {n:4}   {types}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
