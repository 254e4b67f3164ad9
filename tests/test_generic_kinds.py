"""Events the rules can only call generic (type ``other``) keep the kind their words name, so that a
restructuring and a job cut told side by side stay two events (triggers/find.py ``other_kinds``,
events/grouping.py, events/coalesce.py), and a generic event the classifier types as an event told in the next
sentence joins it (events/retold.py). Sentences are invented."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.extract.document import find_rule_events
from timeline_app.core.extract.events.retold import fold_retold
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.extract.triggers.find import sentence_triggers
from timeline_app.core.model import Event, Source
from timeline_app.core.read.readers import RawArticle


def _kinds(sentence: str) -> dict[str, frozenset[str]]:
    doc = get_nlp()(sentence)
    return {t.token.text: t.kinds for s in doc.sents for t in sentence_triggers(s, 0) if t.type == "other"}


def test_a_generic_trigger_knows_the_kind_its_words_name() -> None:
    assert _kinds("Kelvar Bank will cut 900 jobs.")["cut"] == {"job_cuts"}
    assert _kinds("Kelvar Bank will lay off 900 workers.")["lay"] == {"job_cuts"}
    assert "bankruptcy" in _kinds("Kelvar Bank filed for bankruptcy on Monday.")["filed"]


def test_a_restructuring_and_a_job_cut_told_side_by_side_stay_two_events() -> None:
    text = ("Kelvar Bank to restructure\n\nMarch 4, 2009\n\nKelvar Bank announced on Tuesday that it will "
            "restructure its business. The bank will also lay off 900 workers.")
    _, _, events = find_rule_events(RawArticle("t.txt", text))
    assert sorted(e.trigger for e in events) == ["lay", "restructure"]
    assert all(e.companies == ["Kelvar Bank"] for e in events)  # "the bank" is Kelvar Bank


def _event(eid: str, etype: str, start: int, day: int | None) -> Event:
    when = dt.date(2009, 3, day) if day else None
    return Event(id=eid, type=etype, summary="", start=when, end=when, precision="day" if day else "undated",
                 status="happened", companies=["Kelvar Bank"],
                 sources=[Source("d", start, start + 10, start, start + 3)], confidence=0.4)


def test_a_generic_event_typed_like_the_event_of_the_next_sentence_joins_it() -> None:
    starts = [0, 100, 200, 300, 400, 500]
    told = _event("a", "job_cuts", 110, 3)
    again = _event("b", "job_cuts", 210, None)  # the next sentence, no date of its own
    later = _event("c", "job_cuts", 510, None)  # four sentences on: another report
    other = _event("d", "facility", 220, None)
    out = fold_retold([told, again, later, other], {"b", "c", "d"}, starts, "d", load_kb())
    assert [e.id for e in out] == ["a", "c", "d"]
    assert len(told.sources) == 2 and told.confidence == 0.4  # the calibrated confidence is not raised


def test_buying_a_share_of_a_company_is_no_purchase_of_goods() -> None:
    for text in ("Halvek Group agreed on Friday to buy 40% of Zentrix Mining.",
                 "Halvek Group agreed on Friday to buy 40 per cent of Zentrix Mining."):
        _, _, events = find_rule_events(RawArticle("t.txt", "Halvek to buy stake\n\nNovember 4, 2011\n\n" + text))
        assert [(e.type, e.companies) for e in events] == [("investment", ["Halvek", "Zentrix Mining"])]
    _, _, events = find_rule_events(RawArticle("t.txt", "Halvek buys jets\n\nNovember 4, 2011\n\n"
                                               "Halvek Airlines bought 30 jets from Zentrix Aero on Friday."))
    assert [e.type for e in events] == ["supply"]


def test_review_cases_of_generic_triggers_and_purchases() -> None:
    text = "Kelvar to merge\n\nMarch 4, 2009\n\nKelvar Bank said on Tuesday that nobody will lose their job."
    _, _, events = find_rule_events(RawArticle("t.txt", text))
    assert not [e for e in events if e.trigger == "lose"]  # no job is lost
    assert _kinds("About 900 workers will lose their jobs.")["lose"] == {"job_cuts"}
    text = ("Brandt buys steel\n\nMarch 4, 2009\n\n"
            "Brandt Motors Inc. will buy 40% of its steel from Kelvar Steel plc next year.")
    _, _, events = find_rule_events(RawArticle("t.txt", text))
    assert [e.type for e in events] == ["supply"]  # goods, not a share of Kelvar Steel
