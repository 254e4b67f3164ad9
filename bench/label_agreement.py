"""Inter-annotator agreement on the double-labelled articles of the Wikinews business corpus (issue 19).

Each of the 42 articles in ``labels/double-K.jsonl`` was labelled a second time, independently, by another
labeller than the one of ``labels/part-*.jsonl``. Events of the two labellers are paired when they cite a
common evidence sentence (evidence or also_evidence, overlapping text) and share a company; then:

- detection: precision/recall/F1 of one labeller's events against the other's (F1 is symmetric);
- of the paired events: same type, same family, same company set, same date (start, end, or both undated),
  and fully the same (type, companies and date — what the event scorer calls "fully right").

    python bench/label_agreement.py [--dir tests/data/wikinews-business/labels]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "wikinews-business" / "labels"


def _families() -> dict[str, str]:
    tax = json.loads((ROOT / "resources" / "taxonomy.json").read_text(encoding="utf-8"))
    return {t["id"]: f["id"] for f in tax["families"] for t in f["types"]}


def _load(paths: list[Path]) -> dict[str, dict]:
    out = {}
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[str(rec["doc_id"])] = rec
    return out


def _norm(name: str) -> str:
    return " ".join(name.lower().replace(".", "").replace(",", "").split())


def _companies(ev: dict, aliases: dict[str, list[str]]) -> frozenset[str]:
    canon = {_norm(a): _norm(k) for k, vs in aliases.items() for a in [k, *vs]}
    return frozenset(canon.get(_norm(c), _norm(c)) for c in ev.get("companies", []))


def _sentences(ev: dict) -> list[str]:
    return [s for s in [ev.get("evidence"), *(ev.get("also_evidence") or [])] if s]


def _overlap(a: list[str], b: list[str]) -> bool:
    return any(x in y or y in x for x in a for y in b)


def pair(a: dict, b: dict) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairing of the two labellers' events of one article."""
    ea, eb = a.get("events", []), b.get("events", [])
    aliases = {**a.get("aliases", {}), **b.get("aliases", {})}
    cands = []
    for i, x in enumerate(ea):
        for j, y in enumerate(eb):
            if _overlap(_sentences(x), _sentences(y)) and _companies(x, aliases) & _companies(y, aliases):
                score = (x.get("type") == y.get("type")) + (x.get("evidence") == y.get("evidence"))
                cands.append((-score, i, j))
    used_a, used_b, out = set(), set(), []
    for _s, i, j in sorted(cands):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((ea[i], eb[j]))
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dir", default=str(LABELS))
    a = p.parse_args()
    folder = Path(a.dir)
    first = _load(sorted(folder.glob("part-*.jsonl")))
    second = _load(sorted(folder.glob("double-*.jsonl")))
    fam = _families()
    n_a = n_b = n_pairs = 0
    same = {"type": 0, "family": 0, "companies": 0, "date": 0, "fully": 0}
    both_empty = 0
    for doc, rb in sorted(second.items()):
        ra = first.get(doc)
        if ra is None:
            print(f"{doc}: no first label", file=sys.stderr)
            continue
        n_a += len(ra["events"])
        n_b += len(rb["events"])
        both_empty += not ra["events"] and not rb["events"]
        aliases = {**ra.get("aliases", {}), **rb.get("aliases", {})}
        for x, y in pair(ra, rb):
            n_pairs += 1
            t = x["type"] == y["type"]
            c = _companies(x, aliases) == _companies(y, aliases)
            d = (x.get("start"), x.get("end")) == (y.get("start"), y.get("end"))
            same["type"] += t
            same["family"] += fam.get(x["type"]) == fam.get(y["type"])
            same["companies"] += c
            same["date"] += d
            same["fully"] += t and c and d
    prec = n_pairs / n_b if n_b else 0.0
    rec = n_pairs / n_a if n_a else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"double-labelled articles: {len(second)} ({both_empty} with no event for both labellers)")
    print(f"events: first labels {n_a}, second labels {n_b}, paired {n_pairs}")
    print(f"event detection agreement: F1 {f1:.3f} (P {prec:.3f} / R {rec:.3f})")
    for k, v in same.items():
        print(f"  of paired events, same {k:<9}: {v}/{n_pairs} = {v / max(n_pairs, 1):.1%}")
    full = same["fully"] / max(n_a, n_b, 1)
    print(f"fully the same event (type, companies, date) of the larger side's events: {full:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
