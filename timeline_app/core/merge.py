"""Merge events reported by several articles into one event with several sources."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable

from .dates.intervals import PRECISION_RANK, intervals_nested
from .extract.kb import KnowledgeBase, load_kb, slug
from .model import DocResult, Document, Entity, Event, v3_type

MAX_DAYS_APART_UNDATED = 7
MIN_SIMILARITY = 0.6
MIN_SIMILARITY_UNDATED = 0.75
NEAR_PUBLICATION_DAYS = 31


def company_overlap(a: list[str], b: list[str], kb: KnowledgeBase) -> float:
    """How well two company lists match: the mean of each side's share found on the other side
    (a group matches its members), so a report that names extra attendees still matches."""
    if not a or not b:
        return 0.0
    cov_a = sum(any(kb.same_company(c, d) for d in b) for c in a) / len(a)
    cov_b = sum(any(kb.same_company(d, c) for c in a) for d in b) / len(b)
    return (cov_a + cov_b) / 2


def evidence_compatible(a: Event, b: Event) -> bool:
    """:func:`.extract.events.coalesce.evidence_compatible`, imported on first use: reading a workspace (the
    viewer's start) never loads the extraction modules."""
    from .extract.events.coalesce import evidence_compatible as compatible

    return compatible(a, b)


def publication_dates(ev: Event, docs: dict[str, Document]) -> list[dt.date]:
    """The publication dates of the articles reporting ``ev`` (those that have one)."""
    return [d for s in ev.sources if s.document in docs and (d := docs[s.document].date) is not None]


def similarity(a: Event, b: Event, docs: dict[str, Document], kb: KnowledgeBase) -> float:
    """How likely two events from different articles are the same event (0 = not at all)."""
    if a.type != b.type or not evidence_compatible(a, b):
        return 0.0  # two amounts, two days, two periods: two events
    if v3_type(a.type) == "leadership" and a.people and b.people and a.people[0] != b.people[0]:
        return 0.0  # a leadership change is one person's (the appointee is listed first)
    jac = company_overlap(a.companies, b.companies, kb)
    if jac < MIN_SIMILARITY:
        return 0.0
    if a.start and b.start:
        if not intervals_nested(a, b):
            return 0.0
        if a.precision == b.precision == "day" and a.start != b.start:
            return 0.0
        date_bonus = 0.3
    else:
        da, db = publication_dates(a, docs), publication_dates(b, docs)
        if not da or not db:
            return 0.0  # an undated report can only be matched on its date
        if min(abs((x - y).days) for x in da for y in db) > MAX_DAYS_APART_UNDATED:
            return 0.0
        dated = a if a.start else b
        pub = max(da + db)
        if dated.start and dated.start > pub:
            return 0.0
        if dated.start:
            # an undated report joins a dated event only on strong evidence
            undated_pub = min(da) if dated is b else min(db)
            slack = dt.timedelta(days=NEAR_PUBLICATION_DAYS)
            near = dated.start - slack <= undated_pub <= (dated.end or dated.start) + slack
            shared = bool(set(a.people) & set(b.people) or set(a.places) & set(b.places))
            if jac < MIN_SIMILARITY_UNDATED or not (near or shared):
                return 0.0
        date_bonus = 0.0
    people = len(set(a.people) & set(b.people)) > 0
    places = len(set(a.places) & set(b.places)) > 0
    return jac + date_bonus + 0.3 * people + 0.2 * places


def _combine(group: list[Event]) -> Event:
    group = sorted(group, key=lambda e: (-e.confidence, e.id))
    head = group[0]
    dated = sorted([e for e in group if e.start], key=lambda e: (PRECISION_RANK[e.precision], -e.confidence))
    start, end, precision = (dated[0].start, dated[0].end, dated[0].precision) if dated else (None, None, "undated")
    times = (dated[0].start_time, dated[0].end_time) if dated else (None, None)
    counts: dict[str, int] = {}
    for e in group:
        for c in e.companies:
            counts[c] = counts.get(c, 0) + 1
    companies = sorted(counts, key=lambda c: (-counts[c], min(e.companies.index(c) for e in group if c in e.companies)))
    out = Event(
        id="", type=head.type, summary=head.summary, start=start, end=end, precision=precision,
        start_time=times[0], end_time=times[1],
        status="happened" if any(e.status == "happened" for e in group) else
        ("ongoing" if any(e.status == "ongoing" for e in group) else "planned"),
        companies=companies,
        people=list(dict.fromkeys(p for e in group for p in e.people)),
        places=list(dict.fromkeys(p for e in group for p in e.places)),
        amounts=[], sources=list({(s.document, s.start): s for e in group for s in e.sources}.values()),
        trigger=head.trigger,
    )
    for e in group:
        for a in e.amounts:
            if not any(a.value == b.value and a.currency == b.currency for b in out.amounts):
                out.amounts.append(a)
    # An event's confidence is the calibrated probability that its type, companies and date are right
    # (extract/events/classify.py). Another report read by the same extractor repeats its mistakes as often as not,
    # so it is not an independent second opinion: the merged event keeps the surest report's confidence, the one
    # whose type it takes, rather than an unmeasured boost.
    out.confidence = head.confidence
    return out


def event_id(ev: Event) -> str:
    key = "|".join(sorted(f"{s.document}:{s.trigger_start}" for s in ev.sources))
    return "e" + hashlib.sha1(key.encode()).hexdigest()[:12]


#: Version of the block keys below; a workspace whose stored keys are older is merged again from scratch.
BLOCKS_VERSION = 3
#: Time units of the blocks: days, months, years. An event is filed at the finest unit whose count over its
#: interval stays small, so a block holds the events of one day (or month, or year) of one company and type.
_UNIT_LEVELS = ("d", "m", "y")
_MAX_UNITS = 3


def _unit(level: str, d: dt.date) -> int:
    return d.toordinal() if level == "d" else (d.year * 12 + d.month - 1 if level == "m" else d.year)


def _level(start: dt.date, end: dt.date) -> int:
    """The finest unit level at which the interval covers at most ``_MAX_UNITS`` units (monotone: an interval
    inside another never gets a coarser level)."""
    for i, lv in enumerate(_UNIT_LEVELS[:-1]):
        if _unit(lv, end) - _unit(lv, start) < _MAX_UNITS:
            return i
    return len(_UNIT_LEVELS) - 1


def _key(kind: str, base: str, unit: int) -> str:
    return f"{kind}|{base}|{unit:09d}"


def block_keys(ev: Event, doc_date: dt.date | None, kb: KnowledgeBase) -> tuple[set[str], list[tuple[str, str]]]:
    """The blocks an event is filed under, and the key ranges it looks in, so that every pair with a non-zero
    :func:`similarity` meets in a block (the blocking never loses a match, see ``tests/test_merge_blocked``)
    while a block stays small whatever the corpus (issue 24: 100,000 articles on 16 companies).

    Blocks are keyed on type × company (the name and the top of its parent group) × time:
    - a dated event is filed under the day, month or year units its interval covers (the finest level with at
      most three units); it looks for events *containing* it at the unit holding its start on its own and every
      coarser level, and for events *inside* it over its interval on every finer level (nested intervals always
      meet: the inner one's level is never coarser than the outer one's);
    - an event whose article has a date is filed under that day, an undated one also in the undated blocks; an
      undated event looks for any event published within ``MAX_DAYS_APART_UNDATED`` days, a dated one for
      undated events published so near."""
    filed: set[str] = set()
    looks: list[tuple[str, str]] = []
    keys = {k for c in ev.companies for k in (c, kb.root(c))}
    pub = doc_date.toordinal() if doc_date else None
    dated = ev.start is not None and ev.end is not None
    for k in keys:
        base = f"{ev.type}|{k}"
        if ev.start is not None and ev.end is not None:
            s, e = ev.start, max(ev.start, ev.end)
            own = _level(s, e)
            lv = _UNIT_LEVELS[own]
            for u in range(_unit(lv, s), _unit(lv, e) + 1):
                filed.add(_key(f"D{lv}", base, u))
            for i, lv in enumerate(_UNIT_LEVELS):
                if i >= own:  # events containing this one: filed under the unit holding its start
                    looks.append((_key(f"D{lv}", base, _unit(lv, s)),) * 2)
                if i <= own:  # events inside this one: filed under a unit within its interval
                    looks.append((_key(f"D{lv}", base, _unit(lv, s)), _key(f"D{lv}", base, _unit(lv, e))))
        if pub is None:
            continue
        filed.add(_key("P", base, pub))
        if not dated:
            filed.add(_key("U", base, pub))
        near = (pub - MAX_DAYS_APART_UNDATED, pub + MAX_DAYS_APART_UNDATED)
        looks.append((_key("U" if dated else "P", base, near[0]), _key("U" if dated else "P", base, near[1])))
    return filed, looks


def _doc_date(ev: Event, docs: dict[str, Document]) -> dt.date | None:
    dates = [docs[s.document].date for s in ev.sources if s.document in docs and docs[s.document].date]
    return min(dates) if dates else None  # type: ignore[type-var]


def candidate_pairs(events: list[Event], docs: dict[str, Document], kb: KnowledgeBase) -> set[tuple[int, int]]:
    """Pairs (i < j) of events sharing a block: the only ones that can match."""
    filed_by: list[tuple[str, int]] = []
    looks: list[list[tuple[str, str]]] = []
    for i, ev in enumerate(events):
        filed, look = block_keys(ev, _doc_date(ev, docs), kb)
        looks.append(look)
        filed_by += [(k, i) for k in filed]
    filed_by.sort()
    keys = [k for k, _ in filed_by]
    pairs: set[tuple[int, int]] = set()
    for i, look in enumerate(looks):
        for lo, hi in look:
            for x in range(bisect.bisect_left(keys, lo), bisect.bisect_right(keys, hi)):
                j = filed_by[x][1]
                if i != j:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def score_pairs(events: list[Event], docs: dict[str, Document], kb: KnowledgeBase,
                pairs: Iterable[tuple[int, int]]) -> list[tuple[float, int, int]]:
    """The pairs from different articles that can be the same event, with their similarity (> 0)."""
    out = []
    for i, j in pairs:
        if {s.document for s in events[i].sources} & {s.document for s in events[j].sources}:
            continue
        s = similarity(events[i], events[j], docs, kb)
        if s > 0:
            out.append((s, i, j))
    return out


def cluster(events: list[Event], docs: dict[str, Document], kb: KnowledgeBase,
            scored: list[tuple[float, int, int]]) -> list[list[int]]:
    """Greedy clustering: strongest pairs first (ties in list order); a cluster never holds two events from one
    article and every member must stay compatible with every other. Returns clusters of indices."""
    n = len(events)
    parent = list(range(n))
    members = {i: [i] for i in range(n)}
    docs_of = {i: {s.document for s in events[i].sources} for i in range(n)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _s, i, j in sorted(scored, key=lambda p: (-p[0], p[1], p[2])):
        ri, rj = find(i), find(j)
        if ri == rj or docs_of[ri] & docs_of[rj]:
            continue
        # the merged cluster must still be coherent with every member
        if any(similarity(events[a], events[b], docs, kb) == 0 for a in members[ri] for b in members[rj]):
            continue
        parent[rj] = ri
        members[ri] += members.pop(rj)
        docs_of[ri] |= docs_of[rj]
    return list(members.values())


def connected(n: int, scored: Iterable[tuple[float, int, int]]) -> list[list[int]]:
    """Connected components of the match graph (clusters never cross them, so each merges on its own)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _s, i, j in scored:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(find(i), []).append(i)
    return list(comps.values())


def combine(group: list[Event]) -> Event:
    """One merged event from a cluster of reports, with its stable id and summary."""
    from .extract.events.finder import is_generic_summary, summarise

    ev = _combine(group) if len(group) > 1 else group[0]
    ev.id = event_id(ev)
    if not ev.summary or is_generic_summary(ev.summary, ev.type):
        ev.summary = summarise(ev)  # the type and every company; a title from the evidence is kept
    return ev


def merge_events(events: list[Event], docs: dict[str, Document], kb: KnowledgeBase,
                 all_pairs: bool = False, stats: dict[str, int] | None = None) -> list[Event]:
    """Merge reports of the same event across articles. Only pairs sharing a block are compared
    (``all_pairs=True`` compares every pair: the reference the blocked merge must equal)."""
    n = len(events)
    pairs: Iterable[tuple[int, int]]
    pairs = ((i, j) for i in range(n) for j in range(i + 1, n)) if all_pairs else candidate_pairs(events, docs, kb)
    if stats is not None:
        pairs = list(pairs)
        stats["pairs_compared"] = stats.get("pairs_compared", 0) + len(pairs)
    scored = score_pairs(events, docs, kb, pairs)
    out = [combine([events[i] for i in idx]) for idx in cluster(events, docs, kb, scored)]
    out.sort(key=lambda e: (e.start is None, e.start or 0, e.id))
    return out


def merge_entities(results: Iterable[DocResult], kb: KnowledgeBase,
                   entities: dict[str, Entity] | None = None) -> dict[str, Entity]:
    """Entities unified by id (into ``entities`` when given); a named parent always gets an entity."""
    entities = {} if entities is None else entities
    for r in results:
        for eid, e in r.entities.items():
            cur = entities.get(eid)
            if cur is None:
                entities[eid] = Entity(e.id, e.name, e.kind, list(e.aliases), e.parent, dict(e.info))
            else:
                cur.aliases.extend(a for a in e.aliases if a not in cur.aliases)
                cur.parent = cur.parent or e.parent
                for k, v in e.info.items():
                    if k == "context":  # what business the articles naming it are about: all of them
                        cur.info[k] = sorted({*cur.info.get(k, []), *v})
                    else:
                        cur.info.setdefault(k, v)
    # parents named but never mentioned still get an entity, so lanes can group under them
    for e in list(entities.values()):
        if e.parent:
            pid = f"c:{slug(e.parent)}"
            if pid not in entities:
                kbp = kb.lookup(e.parent)
                entities[pid] = Entity(pid, e.parent, "company", [], kbp.parent if kbp else None)
    return entities


def merge_results(results: Iterable[DocResult], kb: KnowledgeBase | None = None,
                  all_pairs: bool = False, keep: Iterable[str] = ()) -> tuple[dict[str, Entity], list[Event]]:
    """Entities unified by id, each company under its one canonical name across the articles (``keep``: names
    the user's company edits name, left as they are; see :mod:`.resolve`), and events merged across sources.
    The results' events get the canonical names in place."""
    kb = kb or load_kb()
    results = list(results)
    entities = merge_entities(results, kb)
    from .resolve import resolve_results  # here: it loads the extraction's name rules (see evidence_compatible)

    resolve_results(results, entities, kb, keep)
    docs = {r.document.id: r.document for r in results}
    events = merge_events([ev for r in results for ev in r.events], docs, kb, all_pairs=all_pairs)
    return entities, events
