"""Lanes by another field (issue 21): what switching the timeline's lanes costs at scale, core only (no Qt).

For N synthetic events (some without a company, one to three people each, a third of them timed to the second):
building the index from the events (company lanes, with a "(no company)" lane), re-placing it by family (from the
type codes) and by person (from per-event names, as ``core/store/lane_keys`` reads them), and the LaneIndex the
view builds over the new placements. Prints seconds per step (best of 3) and the number of lanes.

Run: .venv/bin/python bench/lanes_by_bench.py [--sizes 100000,1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline_app.core.index import EventColumns, LaneIndex
from timeline_app.core.model import EVENT_TYPES, Event


def _events(n: int, rng: np.random.Generator) -> tuple[list[Event], list[list[str]]]:
    day0 = dt.date(2015, 1, 1)
    days = rng.integers(0, 3650, n)
    comp = rng.integers(-1, 500, n)  # -1: no company
    types = rng.integers(0, len(EVENT_TYPES), n)
    secs = rng.integers(0, 86400, n)
    events, people = [], []
    for i in range(n):
        d = day0 + dt.timedelta(days=int(days[i]))
        timed = i % 3 == 0
        t = (dt.datetime.min + dt.timedelta(seconds=int(secs[i]))).time() if timed else None
        events.append(Event(id=f"e{i}", type=EVENT_TYPES[int(types[i])], summary="", start=d, end=d,
                            precision="second" if timed else "day", status="happened",
                            companies=[] if comp[i] < 0 else [f"Company {comp[i]}"], start_time=t))
        people.append([f"Person {p}" for p in rng.integers(0, 2000, int(rng.integers(1, 4)))])
    return events, people


def _best(f: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(runs):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="100000,1000000")
    args = ap.parse_args()
    rng = np.random.default_rng(21)
    print("| events | index from events | lanes by family | lanes by person | LaneIndex (person) | lanes |")
    print("|---|---|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        events, people = _events(n, rng)
        t_cols, cols = _best(lambda: EventColumns.from_events(events), runs=1)  # noqa: B023
        t_fam, _ = _best(lambda: cols.by_type("family"))  # noqa: B023
        t_per, by_person = _best(lambda: cols.by_field(people, "(no person)"))  # noqa: B023
        t_idx, _ = _best(lambda: LaneIndex(by_person, None, None, len(by_person.companies)))  # noqa: B023
        print(f"| {n:,} | {t_cols:.2f} s | {t_fam:.2f} s | {t_per:.2f} s | {t_idx:.2f} s | "
              f"{len(cols.companies)} companies, {len(by_person.companies)} people |")


if __name__ == "__main__":
    main()
