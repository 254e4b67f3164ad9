"""How the cross-article merge scales when a few companies dominate the corpus (issue 24, item 2).

Writes N short synthetic articles' extraction results (no NLP: the stored results are made directly) about
``--companies`` companies into a new workspace, merges once, then adds 10 more articles and merges again. Prints,
for each step: seconds, pairs compared, largest merge component, events, and the process's peak memory.

    python bench/merge_scale.py --sizes 10000 100000 [--companies 16] [--years 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.core.extract.kb import load_kb
from timeline_app.core.ingest import merge_once
from timeline_app.core.model import DocResult, Document, Entity, Event, Source
from timeline_app.core.store.workspace import Workspace

TYPES = ["meeting", "supply", "partnership", "investment", "launch", "financial", "appointment"]


def article(i: int, rnd: random.Random, companies: list[str], start: dt.date, days: int) -> DocResult:
    """One short article: a publication date and one or two events about one or two of the companies."""
    pub = start + dt.timedelta(days=rnd.randrange(days))
    doc = Document(id=f"s{i:07d}", path=f"/synthetic/{i:07d}.txt", title=f"Article {i}", text="x" * 200, date=pub)
    events = []
    for k in range(rnd.choice([1, 1, 2])):
        names = rnd.sample(companies, rnd.choice([1, 1, 2]))
        prec = rnd.choice(["day", "day", "day", "month", "year", "undated", "undated"])
        day = pub - dt.timedelta(days=rnd.randrange(0, 20))
        s = e = None
        if prec == "day":
            s = e = day
        elif prec == "month":
            s = day.replace(day=1)
            e = (s + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        elif prec == "year":
            s, e = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        events.append(Event(id=f"{doc.id}-{k}", type=rnd.choice(TYPES), summary=f"{names[0]} event", start=s, end=e,
                            precision=prec, status="happened", companies=names,
                            people=[rnd.choice(["Ann Lee", "Bo Chan", "Cy Diaz"])] if rnd.random() < 0.3 else [],
                            places=[], sources=[Source(doc.id, 0, 50, 10 * k, 10 * k + 5)],
                            confidence=rnd.choice([0.6, 0.7, 0.8])))
    ents = {f"c{j}": Entity(f"c{j}", n, "company") for j, n in enumerate(companies) if any(n in ev.companies
                                                                                          for ev in events)}
    return DocResult(doc, ents, events)


def store(ws: Workspace, results: list[DocResult]) -> None:
    with ws.transaction() as db:
        for r in results:
            ws.write_document(db, r, "synthetic", "txt")
        ws.set_meta(db, "merge_pending", "1")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int, n_companies: int, years: int, seed: int, folder: Path) -> None:
    rnd = random.Random(seed)
    companies = [f"Company{j:02d} Corp" for j in range(n_companies)]
    start, days = dt.date(2015, 1, 1), 365 * years
    ws = Workspace(folder / f"merge-{n}.timeline")
    kb = load_kb()
    t0 = time.perf_counter()
    for b in range(0, n, 5000):
        store(ws, [article(i, rnd, companies, start, days) for i in range(b, min(n, b + 5000))])
    t_store = time.perf_counter() - t0
    t0 = time.perf_counter()
    stats = merge_once(ws, None)
    t_merge = time.perf_counter() - t0
    biggest = ws.db.execute("SELECT max(c) FROM (SELECT count(*) AS c FROM merge_atoms GROUP BY component)").fetchone()
    n_events = ws.db.execute("SELECT count(*) FROM events").fetchone()[0]
    print(f"N={n:>7}  store {t_store:7.1f} s  merge {t_merge:7.1f} s  pairs {stats.pairs_compared if stats else 0:>10}"
          f"  largest component {biggest[0]:>6}  events {n_events:>7}  peak {peak_mb():6.0f} MB", flush=True)
    t0 = time.perf_counter()
    store(ws, [article(n + i, rnd, companies, start, days) for i in range(10)])
    stats = merge_once(ws, None)
    t_add = time.perf_counter() - t0
    print(f"           add 10 articles + merge {t_add:6.2f} s  pairs {stats.pairs_compared if stats else 0:>8}"
          f"  peak {peak_mb():6.0f} MB", flush=True)
    _ = kb
    ws.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    p.add_argument("--companies", type=int, default=16)
    p.add_argument("--years", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        for n in a.sizes:
            run(n, a.companies, a.years, a.seed, Path(d))
    return 0


if __name__ == "__main__":
    sys.exit(main())
