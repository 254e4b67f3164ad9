"""Unit tests for the cross-source merge (core/merge.py): when two reports are one event, and when not.

Each test builds events by hand with a small knowledge base of its own, so it checks the merge rules and
nothing else (no NLP, no bundled knowledge base).
"""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.extract.kb import KBEntry, KnowledgeBase
from timeline_app.core.merge import event_id, merge_events, merge_results
from timeline_app.core.model import Amount, DocResult, Document, Entity, Event, Source

D = dt.date
MEETING_DAY = D(2025, 11, 13)
PUBLISHED = D(2025, 11, 14)


@pytest.fixture
def kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KBEntry("company", "Acme Group"),
            KBEntry("company", "Acme Batteries", aliases=["Acme Batteries Ltd."], parent="Acme Group"),
            KBEntry("company", "Globex"),
            KBEntry("company", "Initech"),
        ],
        suffixes=["Ltd."],
        context_needed=[],
    )


def doc(i: int, date: dt.date | None = PUBLISHED) -> Document:
    return Document(id=f"d{i}", path=f"/a/{i}.txt", title=f"Article {i}", text="x" * 500, date=date)


def ev(
    d: int,
    type_: str = "meeting",
    companies: tuple[str, ...] = ("Acme Group", "Globex"),
    start: dt.date | None = MEETING_DAY,
    end: dt.date | None = None,
    precision: str = "day",
    amounts: tuple[Amount, ...] = (),
    people: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    confidence: float = 0.6,
    at: int = 10,
) -> Event:
    """An event reported by document ``d`` with its trigger at offset ``at``."""
    if start is None:
        precision, end = "undated", None
    elif end is None:
        end = start
    return Event(
        id=f"raw{d}-{at}", type=type_, summary="", start=start, end=end, precision=precision, status="happened",
        companies=list(companies), people=list(people), places=list(places), amounts=list(amounts),
        sources=[Source(f"d{d}", at, at + 40, at + 5, at + 10)], confidence=confidence, trigger="met",
    )


def docs_for(*events: Event, date: dt.date | None = PUBLISHED) -> dict[str, Document]:
    ids = {s.document for e in events for s in e.sources}
    return {i: doc(int(i[1:]), date) for i in ids}


def source_docs(e: Event) -> set[str]:
    return {s.document for s in e.sources}


def test_same_event_in_two_reports_is_one_event_with_two_sources(kb: KnowledgeBase) -> None:
    a, b = ev(1, people=("Jane Roe",)), ev(2, people=("Jane Roe",), places=("Seoul",))
    out = merge_events([a, b], docs_for(a, b), kb)
    assert len(out) == 1
    m = out[0]
    assert source_docs(m) == {"d1", "d2"}
    assert (m.start, m.end, m.precision) == (D(2025, 11, 13), D(2025, 11, 13), "day")
    assert m.people == ["Jane Roe"] and m.places == ["Seoul"]
    # the same extractor read both reports: its calibrated confidence is not raised by the second
    assert m.confidence == pytest.approx(0.6)
    assert m.id == event_id(m) and m.id.startswith("e")
    assert "Meeting" in m.summary and "Acme Group" in m.summary


def test_merge_is_independent_of_input_order(kb: KnowledgeBase) -> None:
    a, b, c = ev(1), ev(2), ev(3, type_="supply", companies=("Initech", "Globex"))
    docs = docs_for(a, b, c)
    fwd = merge_events([ev(1), ev(2), ev(3, type_="supply", companies=("Initech", "Globex"))], docs, kb)
    rev = merge_events([c, b, a], docs, kb)
    assert [(e.id, e.start, sorted(source_docs(e))) for e in fwd] == [
        (e.id, e.start, sorted(source_docs(e))) for e in rev
    ]
    assert len(fwd) == 2


def test_a_group_matches_its_member_company(kb: KnowledgeBase) -> None:
    a = ev(1, companies=("Acme Group", "Globex"))
    b = ev(2, companies=("Acme Batteries", "Globex"))
    out = merge_events([a, b], docs_for(a, b), kb)
    assert len(out) == 1 and set(out[0].companies) == {"Acme Group", "Acme Batteries", "Globex"}


def test_two_events_in_one_article_never_merge(kb: KnowledgeBase) -> None:
    a, b = ev(1, at=10), ev(1, at=300)
    out = merge_events([a, b], docs_for(a, b), kb)
    assert len(out) == 2


def test_different_days_are_different_events(kb: KnowledgeBase) -> None:
    a, b = ev(1, start=D(2025, 11, 13)), ev(2, start=D(2025, 11, 14))
    out = merge_events([a, b], docs_for(a, b, date=D(2025, 11, 15)), kb)
    assert len(out) == 2
    assert [e.start for e in out] == [D(2025, 11, 13), D(2025, 11, 14)]  # sorted by date


def test_different_types_or_companies_are_different_events(kb: KnowledgeBase) -> None:
    a = ev(1)
    b = ev(2, type_="supply")
    c = ev(3, companies=("Initech",))
    out = merge_events([a, b, c], docs_for(a, b, c), kb)
    assert len(out) == 3


def test_different_amounts_merge_and_both_amounts_are_kept(kb: KnowledgeBase) -> None:
    won = Amount(15e12, "KRW", "15 trillion won", usd=10.2e9)
    usd = Amount(10e9, "USD", "$10 billion", usd=10e9)
    a = ev(1, type_="supply", amounts=(won,))
    b = ev(2, type_="supply", amounts=(usd, Amount(15e12, "KRW", "15tn won")))
    out = merge_events([a, b], docs_for(a, b), kb)
    assert len(out) == 1
    amounts = out[0].amounts
    # the same value and currency written differently is one amount; a different one is kept as evidence
    assert sorted((x.value, x.currency) for x in amounts) == [(10e9, "USD"), (15e12, "KRW")]


def test_nested_precision_keeps_the_finest_date(kb: KnowledgeBase) -> None:
    month = ev(1, start=D(2025, 11, 1), end=D(2025, 11, 30), precision="month", confidence=0.9)
    day = ev(2, start=D(2025, 11, 13), precision="day", confidence=0.5)
    week = ev(3, start=D(2025, 11, 10), end=D(2025, 11, 16), precision="week")
    out = merge_events([month, day, week], docs_for(month, day, week, date=D(2025, 12, 1)), kb)
    assert len(out) == 1
    m = out[0]
    assert (m.start, m.end, m.precision) == (D(2025, 11, 13), D(2025, 11, 13), "day")
    assert source_docs(m) == {"d1", "d2", "d3"}


def test_precisions_far_apart_stay_apart(kb: KnowledgeBase) -> None:
    # a year and a day in it are too far apart in precision to call one event (so are a year and a month)
    year = ev(1, start=D(2025, 1, 1), end=D(2025, 12, 31), precision="year")
    day = ev(2, start=D(2025, 11, 13))
    month = ev(3, start=D(2025, 11, 1), end=D(2025, 11, 30), precision="month")
    out = merge_events([year, day, month], docs_for(year, day, month, date=D(2025, 12, 1)), kb)
    assert sorted(len(e.sources) for e in out) == [1, 2]
    assert next(e for e in out if len(e.sources) == 1).precision == "year"


def test_intervals_that_do_not_nest_stay_apart(kb: KnowledgeBase) -> None:
    oct_ = ev(1, start=D(2025, 10, 1), end=D(2025, 10, 31), precision="month")
    nov = ev(2, start=D(2025, 11, 13), precision="day")
    out = merge_events([oct_, nov], docs_for(oct_, nov, date=D(2025, 12, 1)), kb)
    assert len(out) == 2


def test_a_cluster_stays_coherent_with_every_member(kb: KnowledgeBase) -> None:
    # the month report nests with both days, but the two days differ: it joins one of them, never both
    d13 = ev(1, start=D(2025, 11, 13))
    d14 = ev(2, start=D(2025, 11, 14))
    month = ev(3, start=D(2025, 11, 1), end=D(2025, 11, 30), precision="month")
    out = merge_events([d13, d14, month], docs_for(d13, d14, month, date=D(2025, 12, 1)), kb)
    assert len(out) == 2
    assert {e.start for e in out} == {D(2025, 11, 13), D(2025, 11, 14)}
    assert sorted(len(e.sources) for e in out) == [1, 2]


def test_two_undated_reports_published_close_together_merge(kb: KnowledgeBase) -> None:
    a, b = ev(1, start=None), ev(2, start=None)
    docs = {"d1": doc(1, D(2025, 11, 14)), "d2": doc(2, D(2025, 11, 18))}
    out = merge_events([a, b], docs, kb)
    assert len(out) == 1 and out[0].precision == "undated" and out[0].start is None
    assert source_docs(out[0]) == {"d1", "d2"}


def test_undated_reports_published_far_apart_stay_apart(kb: KnowledgeBase) -> None:
    a, b = ev(1, start=None), ev(2, start=None)
    docs = {"d1": doc(1, D(2025, 11, 14)), "d2": doc(2, D(2025, 12, 30))}
    assert len(merge_events([a, b], docs, kb)) == 2


def test_undated_report_without_a_publication_date_never_merges(kb: KnowledgeBase) -> None:
    a, b = ev(1, start=None), ev(2, start=None)
    docs = {"d1": doc(1, None), "d2": doc(2, D(2025, 11, 14))}
    assert len(merge_events([a, b], docs, kb)) == 2


def test_undated_report_joins_a_dated_event_only_on_strong_evidence(kb: KnowledgeBase) -> None:
    dated = ev(1, start=D(2025, 11, 13))
    undated = ev(2, start=None)
    docs = {"d1": doc(1, D(2025, 11, 14)), "d2": doc(2, D(2025, 11, 15))}
    out = merge_events([dated, undated], docs, kb)
    assert len(out) == 1
    assert out[0].start == D(2025, 11, 13) and out[0].precision == "day"
    # a dated event after the undated report's publication cannot be what it reported
    later = ev(1, start=D(2025, 11, 20))
    docs = {"d1": doc(1, D(2025, 11, 14)), "d2": doc(2, D(2025, 11, 15))}
    assert len(merge_events([later, ev(2, start=None)], docs, kb)) == 2


def test_undated_report_with_weak_company_overlap_stays_apart(kb: KnowledgeBase) -> None:
    dated = ev(1, companies=("Acme Group", "Globex", "Initech"))
    undated = ev(2, start=None, companies=("Acme Group", "Globex"))  # coverage (2/3 + 1)/2 ≈ 0.83
    docs = {"d1": doc(1, D(2025, 11, 14)), "d2": doc(2, D(2025, 11, 15))}
    assert len(merge_events([dated, undated], docs, kb)) == 1
    thin = ev(2, start=None, companies=("Acme Group",))  # coverage (1/3 + 1)/2 ≈ 0.67 < 0.75
    assert len(merge_events([ev(1, companies=("Acme Group", "Globex", "Initech")), thin], docs, kb)) == 2


def test_merge_results_unifies_entities_and_adds_named_parents(kb: KnowledgeBase) -> None:
    a, b = ev(1, companies=("Acme Batteries", "Globex")), ev(2, companies=("Acme Batteries", "Globex"))
    r1 = DocResult(doc(1), {"c:acme-batteries": Entity("c:acme-batteries", "Acme Batteries", "company",
                                                       ["Acme Batteries Ltd."], "Acme Group")}, [a])
    r2 = DocResult(doc(2), {"c:acme-batteries": Entity("c:acme-batteries", "Acme Batteries", "company",
                                                       ["Acme Batteries"], None, {"country": "KR"})}, [b])
    entities, events = merge_results([r1, r2], kb)
    ab = entities["c:acme-batteries"]
    assert ab.aliases == ["Acme Batteries Ltd.", "Acme Batteries"]
    assert ab.parent == "Acme Group" and ab.info == {"country": "KR"}
    assert entities["c:acme-group"].name == "Acme Group" and entities["c:acme-group"].kind == "company"
    assert len(events) == 1 and source_docs(events[0]) == {"d1", "d2"}
