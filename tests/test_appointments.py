"""Appointment events (issue 9): one event per person and change of role, the appointee found by syntax, no
appointment without a person whose role changes, and the dates a reader gives them. Invented sentences."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.extract.document import extract_document
from timeline_app.core.model import Event
from timeline_app.core.read.readers import RawArticle

PUB = dt.date(2012, 5, 4)


def _appointments(body: str, title: str = "Company news") -> list[Event]:
    text = f"{title}\n\nMay 4, 2012\n\n{body}"
    return [e for e in extract_document(RawArticle("t.txt", text)).events if e.type == "leadership"]


def _by_person(events: list[Event]) -> dict[str, Event]:
    return {e.people[0]: e for e in events}


def test_two_people_two_changes_in_one_sentence() -> None:
    events = _appointments("Zentrix Corp. said its chief executive Mara Voss resigned and Pel Okafor will take over "
                           "as chief executive.")
    by = _by_person(events)
    assert set(by) == {"Mara Voss", "Pel Okafor"}
    assert all(e.companies == ["Zentrix"] for e in events)
    assert (by["Mara Voss"].status, by["Pel Okafor"].status) == ("happened", "planned")  # each clause's tense


def test_a_succession_is_one_event_for_the_successor() -> None:
    events = _appointments("Jonas Feld will succeed Ruth Amsel as chief executive of Brimley Foods, the company said.")
    assert len(events) == 1 and events[0].people[0] == "Jonas Feld"


def test_replaced_with_names_the_successor_as_a_second_event() -> None:
    events = _appointments("Harlow Mills Inc. said on Thursday that its chief executive Inge Tamm would step down "
                           "and be replaced with Anna Berger.")
    assert set(_by_person(events)) == {"Inge Tamm", "Anna Berger"}
    assert all(e.start == dt.date(2012, 5, 3) for e in events)  # the attribution's date dates both


def test_role_words_without_a_change_of_role_are_not_appointments() -> None:
    events = _appointments("Nerissa Holt, an employee of Kovak Ltd., promoted the new tablet at a trade fair. "
                           "Kovak Ltd. has taken a cautious approach to the market. Kovak dismissed the criticism. "
                           "Engineer Lars Penn showed a task manager named Orbit Control.")
    assert events == []


def test_a_change_named_as_the_time_of_another_clause_is_not_reported() -> None:
    assert _appointments("Analysts expect a change of strategy at Dovan Group when Piet Castell retires.") == []


def test_a_leave_in_a_coordinated_clause_takes_only_its_own_date() -> None:
    events = _appointments("Ilse Brandt, the chief executive of Orvane Inc., fought an illness in 2004 and took four "
                           "months off in late 2008.")
    assert [(e.start, e.precision) for e in events] == [(dt.date(2008, 1, 1), "year")]


def test_a_tenure_since_a_date_dates_the_joining() -> None:
    events = _appointments("Halcon Systems said it would cut 300 jobs. Dana Pruitt had been with Halcon Systems "
                           "since March 2007.")
    assert [(e.people[0], e.start, e.precision) for e in events] == [("Dana Pruitt", dt.date(2007, 3, 1), "month")]


def test_successor_takes_the_date_of_the_departure_it_follows() -> None:
    events = _appointments("Karel Ode, formerly the head of sales at Brimley Foods, is stepping down from his post. "
                           "Analysts were surprised. Ode's post will be filled by Anja Lorne, Brimley's vice "
                           "president for marketing.", title="Brimley executive quits")
    by = _by_person(events)
    assert set(by) == {"Karel Ode", "Anja Lorne"}
    assert by["Karel Ode"].start == PUB  # a description of the person ("formerly ...") does not make it history
    assert by["Anja Lorne"].start == PUB


def test_stand_in_put_in_charge_and_tenure_since_a_leave() -> None:
    events = _appointments("Quell Corp. chief executive Sam Rook announced on Monday that he will go on medical "
                           "leave. Rook left chief operating officer Tomas Reyes in charge of daily operations.")
    by = _by_person(events)
    assert set(by) == {"Sam Rook", "Tomas Reyes"}
    assert by["Tomas Reyes"].start == by["Sam Rook"].start == dt.date(2012, 4, 30)
    events = _appointments("Olaf Berg, the chief executive of Tovar Inc., has been on medical leave since February. "
                           "Lena Marsh has been serving as interim chief executive since the beginning of Berg's "
                           "medical leave.")
    by = _by_person(events)
    assert by["Lena Marsh"].start == by["Olaf Berg"].start == dt.date(2012, 2, 1)
    assert by["Lena Marsh"].precision == "month"


def test_hired_and_fired_are_the_objects_changes() -> None:
    events = _appointments("Kestrel Inc. opened a plant on Monday. Kestrel Inc. hired Rosa Lind as chief financial "
                           "officer in March. Kestrel fired its sales chief, Omar Daley, in April. The company has "
                           "hired new engineers.")
    assert {(e.people[0], e.start) for e in events} == {("Rosa Lind", dt.date(2012, 3, 1)),
                                                        ("Omar Daley", dt.date(2012, 4, 1))}


def test_two_peoples_changes_at_one_company_on_one_day_stay_apart_across_articles() -> None:
    from timeline_app.core.extract.kb import KBEntry, KnowledgeBase
    from timeline_app.core.merge import merge_events
    from timeline_app.core.model import Document, Source

    kb = KnowledgeBase([KBEntry("company", "Acme Group")], suffixes=[], context_needed=[])

    def appointment(d: int, people: list[str]) -> Event:
        return Event(id=f"raw{d}", type="leadership", summary="", start=PUB, end=PUB, precision="day",
                     status="happened", companies=["Acme Group"], people=people,
                     sources=[Source(f"d{d}", 10, 50, 15, 20)], confidence=0.6, trigger="resigned")

    docs = {f"d{i}": Document(id=f"d{i}", path=f"/a/{i}.txt", title="t", text="x" * 500, date=PUB) for i in (1, 2, 3)}
    merged = merge_events([appointment(1, ["Ann Lee", "Bo Park"]), appointment(2, ["Bo Park", "Ann Lee"]),
                           appointment(3, ["Ann Lee"])], docs, kb)
    assert sorted(len(e.sources) for e in merged) == [1, 2]  # Ann Lee's change told twice; Bo Park's once


def test_title_without_company_is_the_post_at_the_company_just_spoken_of() -> None:
    events = _appointments("Kestrel Inc. will cut 500 jobs this year. Newly appointed CEO Hanna Vogt, who took over "
                           "from Erik Lund at the end of last year, said at the time of her appointment that costs "
                           "were too high.")
    assert [(e.people[0], e.companies, e.start) for e in events] == [("Hanna Vogt", ["Kestrel"], dt.date(2011, 1, 1))]


def test_become_and_quit_as_a_title_are_changes_of_role() -> None:
    events = _appointments("John Doe, 54, will become chairman of Acme Corp. in June. Tom Hale quit as chief "
                           "executive of Acme Corp. last week. Acme Corp. said sales would become the chief concern.")
    assert {(e.people[0], e.start, e.status) for e in events} == {
        ("John Doe", dt.date(2012, 6, 1), "planned"), ("Tom Hale", dt.date(2012, 4, 23), "happened")}


def test_an_announced_resignation_is_an_appointment_not_a_launch() -> None:
    text = ("Company news\n\nMay 4, 2012\n\nGlobex Corp. opened a plant on Monday. Tom Hale announced his "
            "resignation on WWE.com on Monday, saying he wanted to pursue other ventures.")
    events = extract_document(RawArticle("t.txt", text)).events
    assert [e.type for e in events if e.sources[0].start >= text.index("Tom Hale")] == ["leadership"]


def test_a_company_taking_over_a_company_is_not_an_appointment() -> None:
    text = "Company news\n\nMay 4, 2012\n\nInitech Inc. took over Globex Corp. in 2010."
    events = extract_document(RawArticle("t.txt", text)).events
    assert [e.type for e in events] == ["acquisition"]
    took_over = _appointments("Anna Berger took over as chief executive of Initech Inc. in 2010.")
    assert took_over[0].people == ["Anna Berger"]


def test_the_hirer_is_the_company_and_the_predecessor_leaves_on_the_handover_date() -> None:
    events = _appointments("Orbek Holdings said on Monday that Clara Mendes, its chief operating officer, will "
                           "succeed Henrik Olsen as chief executive on July 1. Olsen, 63, is retiring after 12 years "
                           "at the helm. Separately, Orbek Holdings hired former Tessin Group executive Paul Wren as "
                           "head of sales.", title="Orbek names new chief executive")
    by = _by_person(events)
    assert by["Henrik Olsen"].start == by["Clara Mendes"].start == dt.date(2012, 7, 1)
    assert by["Henrik Olsen"].status == "planned"
    assert by["Paul Wren"].companies == ["Orbek"]  # not his former employer


def test_a_departure_noun_reports_the_change_but_not_as_a_time_reference() -> None:
    events = _appointments("Tom Hale's departure from Globex Corp. was announced on Thursday. Shares of Globex Corp. "
                           "rose after the departure of Ann Lee. The departure of the flight was delayed. In 2003, "
                           "prior to his dismissal from Globex Corp., Tom Hale opened a plant.")
    assert [(e.people[0], e.start) for e in events] == [("Tom Hale", dt.date(2012, 5, 3))]


def test_denied_ruled_out_or_rumoured_changes_are_not_events_forced_out_is_one() -> None:
    events = _appointments("Tom Hale denied that he plans to resign. Tom Hale ruled out stepping down before 2015. "
                           "There is speculation that Ann Lee will join Initech Inc. Globex Corp. pushed out a new "
                           "phone. Ann Lee was pushed out after the losses at Globex Corp.")
    assert [e.people[0] for e in events] == ["Ann Lee"]


def test_a_definite_title_stands_for_the_person_named_with_it_before() -> None:
    events = _appointments("Globex Corp. chief executive Tom Hale said sales rose. The chief executive will step "
                           "down in June. The chairman will retire in July.")
    assert [(e.people[0], e.start, e.status) for e in events] == [("Tom Hale", dt.date(2012, 6, 1), "planned")]
