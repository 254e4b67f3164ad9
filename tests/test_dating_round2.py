"""Issue 9, event dates: which clause a time expression dates, continuations, comparison periods and periods
ending on a date. The articles are invented for the tests."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.extract.document import extract_document
from timeline_app.core.model import Event
from timeline_app.core.read.readers import RawArticle

D = dt.date


def _events(text: str) -> list[Event]:
    return extract_document(RawArticle("t.txt", text)).events


def _with(events: list[Event], word: str, text: str) -> Event:
    return next(e for e in events if any(word in text[s.start:s.end] for s in e.sources))


def test_date_in_a_clause_on_the_object_does_not_date_the_announcement() -> None:
    text = ("Velmora shows new reader\n\nApril 14, 2011\n\n"
            "Velmora Inc. unveiled its Quill e-reader on Tuesday in Boston. "
            "The company also announced the Quill Pro tablet, which is scheduled to ship in October.")
    events = _events(text)
    pro = next(e for e in events if e.trigger == "announced")
    assert pro.start != D(2011, 10, 1)  # October is the shipping date, not the announcement's
    assert pro.start == D(2011, 4, 12) and pro.precision == "day"  # "also announced": the day of the event
    # the shipping is a later stage with its own date: a planned launch of its own (EVENTS_GOLD.md)
    ship = next(e for e in events if e.trigger == "ship")
    assert ship.start == D(2011, 10, 1) and ship.status == "planned"


def test_also_on_an_existential_is_no_continuation() -> None:
    text = ("Velmora shows new reader\n\nApril 14, 2011\n\n"
            "Velmora Inc. unveiled its Quill e-reader on Tuesday in Boston. "
            "Its chief executive talked about the screen for an hour. "
            "There are also plans to distribute content from Brinkley Books Inc., a publisher.")
    plan = _with(_events(text), "There are also plans", text)
    assert plan.type == "partnership" and plan.start is None  # a planned content deal keeps its own type


def test_comparison_base_does_not_date_the_results() -> None:
    text = ("Harlow Foods results\n\nFebruary 20, 2014\n\n"
            "Harlow Foods said its annual revenue reached $3.2 billion in 2013, up from $2.9 billion in 2012.")
    events = [e for e in _events(text) if e.type == "results"]
    assert events and all(e.start == D(2013, 1, 1) and e.precision == "year" for e in events)


def test_quarter_ended_on_a_date_dates_the_results_by_quarter_and_the_year_apart() -> None:
    text = ("Harlow Foods results\n\nFebruary 20, 2014\n\n"
            "Harlow Foods Inc. posted a 40 percent rise in profits for the quarter which ended December 28, 2013. "
            "Its annual revenue was $3.2 billion in 2013.")
    fin = sorted(((e.start, e.precision) for e in _events(text) if e.type == "results"), key=str)
    assert (D(2013, 10, 1), "quarter") in fin
    assert (D(2013, 1, 1), "year") in fin
    assert not any(p == "day" for _, p in fin)  # the end date bounds the quarter, it is not the date


def test_fronted_date_scopes_over_coordinated_clauses() -> None:
    text = ("Founders\n\nMay 3, 2015\n\nOrla Tenney started Quenby Labs Inc. in 1990. "
            "Two years later Quenby Labs was sued by Orbek Inc. and it bought Marrow Systems Inc.")
    bought = next(e for e in _events(text) if e.type == "acquisition")
    assert bought.start == D(1992, 1, 1) and bought.precision == "year"


def test_infinitival_clause_keeps_its_own_later_date() -> None:
    text = ("Velmora shows new reader\n\nApril 14, 2011\n\n"
            "Velmora Inc. unveiled its Quill e-reader on Tuesday in Boston. "
            "The show also included a preview of Velmora's Slate tablet, to be released in 2012.")
    here = {(e.start, e.precision) for e in _events(text)
            if any("a preview of" in text[s.start:s.end] for s in e.sources)}
    assert (D(2011, 4, 12), "day") in here  # the preview: the day of the show it continues
    assert here <= {(D(2011, 4, 12), "day"), (D(2012, 1, 1), "year")}  # the release, if found, is its own event


def test_a_plan_in_the_lead_paragraph_said_by_the_company_is_dated_at_the_announcement() -> None:
    text = ("Harlow Foods to cut jobs\n\nFebruary 20, 2014\n\n"
            "Harlow Foods Inc. posted a loss for 2013 on Thursday. "
            "Its chief executive said that the company will build a new factory in Ohio.")
    close = _with(_events(text), "will build a new factory", text)
    assert close.start == D(2014, 2, 20) and close.status == "planned"


def test_dated_relative_clause_is_an_event_of_its_own() -> None:
    text = ("Velmora shows new reader\n\nApril 14, 2011\n\n"
            "Velmora Inc. unveiled the Quill 2 reader on Tuesday in Boston. "
            "Velmora Inc. also announced the Slate tablet, which will replace the Quill, which was released in 2009.")
    events = _events(text)
    assert any(e.type == "launch" and e.start == D(2009, 1, 1) and e.precision == "year" for e in events)
    slate = _with(events, "also announced the Slate", text)
    assert any(e.start == D(2011, 4, 12) for e in events if e is slate or e.type == "launch")


def test_change_from_a_period_is_a_comparison() -> None:
    text = ("Harlow Foods results\n\nFebruary 20, 2014\n\n"
            "Harlow Foods Inc. said its quarterly profit rose 12 percent from a year earlier.")
    fin = [e for e in _events(text) if e.type == "results"]
    assert fin and all(e.start != D(2013, 1, 1) for e in fin)


def test_announcement_of_a_future_product_in_the_lead_paragraph_is_dated_at_the_announcement() -> None:
    text = ("Keynote\n\nJune 6, 2016\n\n"
            "Velmora Inc. chief Orla Tenney gave the opening keynote of its developer conference on Monday. "
            "The company announced the Quill Pro reader, which will use Orbek Inc. screens.")
    pro = _with(_events(text), "announced the Quill Pro", text)
    assert pro.start == D(2016, 6, 6)


def test_due_to_is_a_plan() -> None:
    text = ("Plant\n\nMay 10, 2024\n\nBrandt Motors Inc. is due to build a new factory in Ohio in March.")
    plant = [e for e in _events(text) if e.start == D(2025, 3, 1)]
    assert plant and plant[0].status == "planned"


def test_a_paragraph_opening_with_well_is_read_without_failing() -> None:
    text = ("Velmora shows new reader\n\nApril 14, 2011\n\n"
            "Velmora Inc. unveiled its Quill e-reader on Tuesday in Boston.\n\n"
            "Well known for its tablets, Velmora Inc. also unveiled a phone.")
    events = _events(text)  # "well" as the paragraph's first word has no word before it
    assert any(e.trigger == "unveiled" and e.start == D(2011, 4, 12) for e in events)


def test_a_plan_the_lead_announces_is_dated_at_the_announcement() -> None:
    text = ("Quarnby to cut 300 jobs\n\nJanuary 28, 2009\n\n"
            "Quarnby Group is to cut 300 jobs as it shuts down a call centre in Leeds. Sales fell last year.")
    shut = next(e for e in _events(text) if e.trigger == "shuts")
    assert shut.start == D(2009, 1, 28) and shut.status == "planned"  # the lead's news, told on that day


def test_a_plan_the_lead_only_weighs_or_denies_is_not_dated_at_publication() -> None:
    for lead in ("Quarnby Group may have to close its plant in Leeds if sales do not recover.",
                 "Quarnby Group denied a report that it would close its plant in Leeds."):
        text = "Quarnby plant in doubt\n\nJanuary 28, 2009\n\n" + lead
        assert all(e.start is None for e in _events(text) if e.trigger == "close")
