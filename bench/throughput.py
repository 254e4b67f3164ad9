"""Extraction throughput on one core: articles and words per second over the seeds and MEANTIME articles.

Run: .venv/bin/python bench/throughput.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.core.extract.document import extract_document
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.read.readers import read_paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    t0 = time.perf_counter()
    kb, nlp = load_kb(), get_nlp()
    load = time.perf_counter() - t0
    raws, _ = read_paths([ROOT / "seeds", ROOT / "tests" / "data" / "meantime-apple"])
    raws = [r for r in raws if not r.path.endswith(("LICENSE.txt", "ATTRIBUTION.md"))]
    words = sum(len(r.text.split()) for r in raws)
    extract_document(raws[0], kb, nlp)  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.rounds):
        for r in raws:
            extract_document(r, kb, nlp)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(raws) * args.rounds
    print(f"model load               : {load:.2f} s")
    print(f"articles                 : {len(raws)} x {args.rounds} rounds ({words} words a round)")
    print(f"throughput (one core)    : {n / dt:.1f} articles/s, {words * args.rounds / dt:.0f} words/s")
    # on a shared machine the wall clock counts the time other processes hold the core; the CPU time does not
    print(f"per CPU second           : {n / cpu:.1f} articles/s")


if __name__ == "__main__":
    main()
