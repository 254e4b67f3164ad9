"""How long one edit takes (validate, store, re-merge with every stored edit replayed, write the timeline) on a
generated workspace of N articles with 8 extracted events each (no NLP), and how that grows with the number of
stored edits. Prints figures; asserts nothing.  Usage: python bench/edit_bench.py [N_ARTICLES]"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synthetic import VERBS, company_names
from timeline_app.core import curate
from timeline_app.core.ingest import open_workspace, remerge
from timeline_app.core.model import EVENT_TYPES, DocResult, Document, Entity, Event, Source


def build(path: Path, n_articles: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    names = company_names(150)
    ws = open_workspace(path)
    with ws.transaction() as db:
        for a in range(n_articles):
            pub = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(0, 9 * 365))
            sents, events, pos = [], [], 0
            for _ in range(8):
                c1, c2 = rng.sample(names, 2)
                t = rng.choice(EVENT_TYPES)
                day = pub - dt.timedelta(days=rng.randrange(0, 40))
                s = f"{c1} {VERBS[t]} {c2} on {day:%B %d, %Y}."
                doc_id = f"d{a:05d}"
                events.append(Event(f"{doc_id}:{pos}", t, f"{c1} {VERBS[t]} {c2}", day, day, "day", "happened",
                                    [c1, c2], sources=[Source(doc_id, pos, pos + len(s), pos, pos + len(c1))],
                                    confidence=0.6))
                sents.append(s)
                pos += len(s) + 1
            doc = Document(id=f"d{a:05d}", path=f"/corpus/a{a:05d}.txt", title=f"Wire {a}", text=" ".join(sents),
                           date=pub, date_source="byline", date_confidence=0.9)
            ents = {f"c:{i}": Entity(f"c:{i}", c, "company") for i, c in enumerate(names)} if a == 0 else {}
            ws.write_document(db, DocResult(doc, ents, events), "bench", "txt")
    ws.close()


def main() -> None:
    n_articles = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "big.timeline"
        build(path, n_articles)
        ws = open_workspace(path)
        t = time.perf_counter()
        remerge(ws)
        base = time.perf_counter() - t
        events = ws.events()
        print(f"{n_articles} articles, {len(events)} events; re-merge without edits {base:.2f} s")
        times = []
        for i, ev in enumerate(events[:40]):
            t = time.perf_counter()
            curate.edit_event(ws, ev.id, {"summary": f"checked {i}"} if i % 2 else {"date": "Q3 2024"})
            times.append(time.perf_counter() - t)
        print(f"one edit (store + re-merge + replay of all edits): first {times[0]:.2f} s, "
              f"40th {times[-1]:.2f} s, median {sorted(times)[len(times) // 2]:.2f} s")
        t = time.perf_counter()
        curate.undo(ws, curate.history(ws)[0].id)
        print(f"undo with 40 stored edits: {time.perf_counter() - t:.2f} s")
        ws.close()


if __name__ == "__main__":
    main()
