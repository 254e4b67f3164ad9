"""Is an event's confidence the probability that a careful reader agrees with it? (issue 22, item 2)

Runs the extractor on a split of the labelled Wikinews business corpus (tests/data/wikinews-business), aligns
every system event to the gold as bench/score_v3.py does, and calls it right when type, companies and date are all
the gold event's (an event aligned to no gold event is wrong). Prints the reliability table (events binned by
confidence: mean confidence against the share right), the expected calibration error (ECE: the bins' gaps
weighted by their size), and how often events at confidence >= 0.9 are right.

The confidence is calibrated on the DEV split (tools/train_event_model.py); report it on the TEST split.

Run: .venv/bin/python bench/calibration.py [--split test|dev] [--bins 10] [--system FILE.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import event_score as es
import score_v3


def judged_events(split: str, extraction: dict[str, Any]) -> list[tuple[float, bool]]:
    """(confidence, fully right) for every system event unit of the split."""
    tax = score_v3.load_taxonomy()
    gold = score_v3.load_gold(score_v3.CORPUS, split)
    conf = {e["id"]: float(e.get("confidence", 0.5)) for e in extraction["events"]}
    units = es.units_from_contract(extraction, round2=False)
    names = score_v3.system_names(extraction)
    out: list[tuple[float, bool]] = []
    for rec in gold:
        text = (score_v3.CORPUS / "articles" / rec["file"]).read_text(encoding="utf-8")
        us = units.get(rec["file"], [])
        usets = [score_v3.system_company_set(u.companies, rec, names) for u in us]
        g2u, _ = score_v3.align(rec["events"], text, us, rec.get("aliases", {}), tax, usets)
        u2g = {u: g for g, u in g2u.items()}
        for ui, u in enumerate(us):
            right = False
            if ui in u2g:
                g = rec["events"][u2g[ui]]
                right = (score_v3.v3_type(u.type, tax) == g["type"]
                         and usets[ui] == es.company_set(g["companies"], rec.get("aliases", {}))
                         and es.date_ok(g, u))
            out.append((conf.get(u.event_id, 0.5), right))
    return out


def reliability(pairs: list[tuple[float, bool]], bins: int) -> tuple[list[tuple[float, float, float, int]], float]:
    """Per bin (low edge, mean confidence, share right, count), and the expected calibration error."""
    rows = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            continue
        mean_c = sum(c for c, _ in inside) / len(inside)
        share = sum(r for _, r in inside) / len(inside)
        rows.append((lo, mean_c, share, len(inside)))
        ece += len(inside) / len(pairs) * abs(mean_c - share)
    return rows, ece


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="test", choices=score_v3.SPLITS)
    ap.add_argument("--bins", type=int, default=10)
    ap.add_argument("--system", type=Path, help="a timeline-app extraction of the split's articles (else run it)")
    args = ap.parse_args(argv)
    if args.system:
        extraction = json.loads(args.system.read_text(encoding="utf-8"))
    else:
        gold = score_v3.load_gold(score_v3.CORPUS, args.split)
        extraction = es.run_extractor(score_v3.CORPUS / "articles", [r["file"] for r in gold])
    pairs = judged_events(args.split, extraction)
    rows, ece = reliability(pairs, args.bins)
    print(f"== confidence calibration: wikinews-business {args.split} ({len(pairs)} system events) ==")
    print(f"{'confidence bin':>16} {'mean conf':>10} {'right':>8} {'events':>7}")
    for lo, mean_c, share, n in rows:
        print(f"{lo:>7.1f} – {lo + 1 / args.bins:<6.1f} {mean_c:>10.3f} {share:>8.3f} {n:>7}")
    print(f"expected calibration error (ECE)  {ece:.3f}")
    high = [r for c, r in pairs if c >= 0.9]
    print(f"confidence >= 0.9: {len(high)} events, right {sum(high) / len(high):.1%}" if high else
          "confidence >= 0.9: no event")
    print(f"overall share right {sum(r for _, r in pairs) / len(pairs):.1%}" if pairs else "no event")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
