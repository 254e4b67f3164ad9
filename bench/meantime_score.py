"""Score extraction against the MEANTIME Apple articles (hand-made gold; sentences 0-5 are annotated).

Prints publication-date accuracy, time-expression value F1, and relaxed (overlap) F1 for organisations,
people and places over named mentions (gold syntactic type NAM or PRE.NAM; pronouns and common nouns are
not named-entity targets), beside the same scorer on plain spaCy NER (ORG; PERSON; GPE, LOC, FAC): the gain of
the rules over the model. Run: .venv/bin/python bench/meantime_score.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.core.extract.document import extract_document
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.read.readers import RawArticle

DEFAULT_DATA = ROOT / "tests" / "data" / "meantime-apple"
KIND_TO_GOLD = {"company": "ORG", "organization": "ORG", "media": "ORG", "person": "PER", "place": "LOC"}
SPACY_TO_GOLD = {"ORG": "ORG", "PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def _paragraph_docs(nlp: Any, text: str) -> list[tuple[int, Any]]:
    """spaCy over the article's non-empty lines, as the extractor runs it (offset, Doc)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, nlp(line)))
        pos += len(line) + 1
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(data: Path, verbose: bool = False) -> dict[str, float]:
    kb, nlp = load_kb(), get_nlp()
    date_ok = n_docs = 0
    tx = [0, 0, 0]
    ent = {k: [0, 0, 0] for k in ("ORG", "PER", "LOC")}
    plain = {k: [0, 0, 0] for k in ("ORG", "PER", "LOC")}
    for line in (data / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        text = (data / g["file"]).read_text(encoding="utf-8")
        res = extract_document(RawArticle(g["file"], text), kb, nlp)
        n_docs += 1
        got = res.document.date.isoformat() if res.document.date else None
        date_ok += got == g["dct"]
        if verbose and got != g["dct"]:
            print(f"DATE {g['file']}: {got} != {g['dct']}")
        lim = g["annotated_until"]
        # time expressions: overlap match, correct when the value is equal
        gold_t = list(g["timex"])
        used: set[int] = set()
        for m in res.document.mentions:
            if m.kind != "date" or m.start >= lim:
                continue
            hit = next((i for i, t in enumerate(gold_t)
                        if i not in used and t["start"] < m.end and m.start < t["end"]), None)
            if hit is None:
                tx[1] += 1
                if verbose:
                    print(f"TIMEX FP {g['file']}: {m.text!r} {m.value}")
                continue
            used.add(hit)
            if gold_t[hit]["value"] == m.value:
                tx[0] += 1
            else:
                tx[1] += 1
                tx[2] += 1
                if verbose:
                    print(f"TIMEX WRONG {g['file']}: {m.text!r} {m.value} != {gold_t[hit]['value']}")
        tx[2] += len(gold_t) - len(used)
        # named entities: relaxed (overlap) match by class; the same scorer on plain spaCy NER beside it
        spans = [(m.start, m.end, m.text, KIND_TO_GOLD.get(m.kind)) for m in res.document.mentions]
        plain_spans = [(off + e.start_char, off + e.end_char, e.text, SPACY_TO_GOLD.get(e.label_))
                       for off, d in _paragraph_docs(nlp, text) for e in d.ents]
        for cls in ent:
            gold_m = [m for m in g["mentions"] if m["type"] == cls and m["syntactic_type"] in ("NAM", "PRE.NAM")]
            for tally, found, tag in ((ent, spans, ""), (plain, plain_spans, "spaCy ")):
                pred = [(a, b, t) for a, b, t, c in found if c == cls and a < lim]
                matched: set[int] = set()
                for a, b, t in pred:
                    hit = next((i for i, x in enumerate(gold_m)
                                if i not in matched and x["start"] < b and a < x["end"]), None)
                    if hit is None:
                        tally[cls][1] += 1
                        if verbose:
                            print(f"{tag}{cls} FP {g['file']}: {t!r}")
                    else:
                        matched.add(hit)
                        tally[cls][0] += 1
                tally[cls][2] += len(gold_m) - len(matched)
                if verbose:
                    for i, x in enumerate(gold_m):
                        if i not in matched:
                            print(f"{tag}{cls} FN {g['file']}: {x['text']!r}")
    out: dict[str, float] = {"publication dates": date_ok, "documents": n_docs}
    out["timex value F1"] = prf(*tx)[2]
    for cls, (tp, fp, fn) in ent.items():
        out[f"{cls} F1"] = prf(tp, fp, fn)[2]
        out[f"spaCy {cls} F1"] = prf(*plain[cls])[2]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    r = score(args.data, args.verbose)
    print(f"publication-date accuracy : {r['publication dates']}/{r['documents']}")
    print(f"time-expression value F1  : {r['timex value F1']:.3f}")
    print(f"organisation relaxed F1   : {r['ORG F1']:.3f}   (plain spaCy NER: {r['spaCy ORG F1']:.3f})")
    print(f"person relaxed F1         : {r['PER F1']:.3f}   (plain spaCy NER: {r['spaCy PER F1']:.3f})")
    print(f"place relaxed F1          : {r['LOC F1']:.3f}   (plain spaCy NER: {r['spaCy LOC F1']:.3f})")


if __name__ == "__main__":
    main()
