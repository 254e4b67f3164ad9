"""A large generated workspace written straight into the store (no NLP): articles with real sentences, companies
grouped under parents, events citing those sentences. Cheap enough to build in a test (about a second)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from timeline_app.core.model import ROUND2_TYPES, DocResult, Document, Entity, Event, Mention, Source, v3_type
from timeline_app.core.store.workspace import Workspace

#: the types generated: the v3 types of the nine round-2 ones (in their order, so the seeded corpus stays the same)
TYPES = tuple(v3_type(t) for t in ROUND2_TYPES)
VERBS = {"meeting": "met", "contract": "signed a supply deal with", "partnership": "formed a partnership with",
         "acquisition": "invested in", "launch": "launched a product with", "results": "reported results with",
         "leadership": "appointed a director from", "plan": "announced plans with", "other": "was seen with"}


def company_names(n: int) -> list[str]:
    stems = ["Acme", "Borealis", "Cobalt", "Dynamo", "Ember", "Fathom", "Granite", "Helix", "Ion", "Juniper",
             "Kestrel", "Lumen", "Meridian", "Nimbus", "Onyx", "Pinnacle", "Quartz", "Radiant", "Summit", "Tundra"]
    kinds = ["Motors", "Energy", "Electronics", "Holdings", "Systems", "Foods", "Logistics", "Bank"]
    return [f"{stems[i % len(stems)]} {kinds[(i // len(stems)) % len(kinds)]} {i:03d}" for i in range(n)]


def make_corpus_workspace(path: Path, n_articles: int = 300, n_companies: int = 150, n_events: int = 10_000,
                          seed: int = 7) -> Path:
    rng = random.Random(seed)
    names = company_names(n_companies)
    parents = {c: (None if i % 6 == 0 else names[i - i % 6]) for i, c in enumerate(names)}
    ws = Workspace(path)
    base = dt.date(2016, 1, 1)
    docs: list[tuple[Document, list[tuple[int, int, str, str, str, dt.date]]]] = []
    with ws.transaction() as db:
        for a in range(n_articles):
            pub = base + dt.timedelta(days=rng.randrange(0, 9 * 365))
            sents, spans, pos, ments = [], [], 0, []
            for _ in range(8):
                c1, c2 = rng.sample(names, 2)
                t = rng.choice(TYPES)
                day = pub - dt.timedelta(days=rng.randrange(0, 40))
                when = day.strftime("%B %d, %Y")
                s = f"{c1} {VERBS[t]} {c2} on {when}."
                start = pos
                k = s.index(when)
                ments.append(Mention(start + k, start + k + len(when), when, "date", None, day.isoformat()))
                spans.append((start, start + len(s), c1, c2, t, day))
                sents.append(s)
                pos += len(s) + 1
            doc = Document(id=f"d{a:04d}", path=f"/corpus/article-{a:04d}.txt", title=f"Business wire {a}: "
                           f"{spans[0][2]} and {spans[0][3]}", text=" ".join(sents), date=pub,
                           date_source="byline", date_confidence=0.9, outlet="Synthetic News", mentions=ments)
            ws.write_document(db, DocResult(doc, {}, []), "synthetic", "txt")
            docs.append((doc, spans))
    events: list[Event] = []
    for i in range(n_events):
        doc, spans = docs[i % n_articles]
        s0, s1, c1, c2, t, day = spans[rng.randrange(len(spans))]
        day = day + dt.timedelta(days=rng.randrange(-200, 200))
        events.append(Event(id=f"e{i:05d}", type=t, summary=f"{c1} {VERBS[t]} {c2}", start=day,
                            end=day + dt.timedelta(days=1), precision="day", status="happened", companies=[c1, c2],
                            sources=[Source(doc.id, s0, s1, s0, s0 + len(c1))],
                            confidence=round(rng.uniform(0.3, 0.99), 2)))
    events.sort(key=lambda e: (e.start, e.id))
    entities = {f"c{i}": Entity(f"c{i}", c, "company", parent=parents[c]) for i, c in enumerate(names)}
    ws.write_events(entities, events)
    ws.close()
    return path
