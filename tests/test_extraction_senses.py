"""Issue 9, classes 1, 2 and 6: trigger words in a non-event sense, the companies that are parties, and
references resolved to the right company. Sentences are invented for the tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from timeline_app.core.extract.document import extract_document
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.extract.triggers.find import sentence_triggers
from timeline_app.core.read.readers import RawArticle


@pytest.fixture(scope="module")
def nlp() -> Any:
    return get_nlp()


def _types(nlp: Any, sentence: str) -> list[str]:
    sent = next(iter(nlp(sentence).sents))
    return [t.type for t in sentence_triggers(sent, 0)]


def _events(text: str) -> list:
    return extract_document(RawArticle("t.txt", text)).events


@pytest.mark.parametrize("sentence", [
    "The regulator welcomed Brixby's announcement on Monday.",
    "Later the chief executive talked about the merger with reporters.",
    "Analysts blamed Corvane's inability to deliver enough chips.",
    "Halvek said that Tesmo has 240 outlets, creating $90 million yearly in revenue.",
    "Tesmo accounts for 40% of all online sales in Norway.",
    "The host announced that there were 2,100 visitors at the show.",
    "He demoed the new weather widget.",
    "Several outside developers demonstrated their games on stage.",
    "She showed slides demonstrating a fall in battery life.",
    "Figures released on Monday by Quantel showed a fall.",
    "On its blog, Pellam released the text of the chairman's letter.",
    "The Orvid series is already available on the Pellam store.",
    "Anyone who has purchased a Vexo phone will get a refund.",
    "Ten million songs have been purchased from the store.",
    "The union said the change is a good first step but not enough to earn a better rating.",
    "The executives are negotiating to settle on pricing.",
    "Vexo said so in a press release.",
    "Vexo owners will be able to buy an extra charging cable.",
    "The firm kept a steady pace, with four versions released in six years.",
    "The news came at a trade event hosted by Pellam.",
    "The regulator will be asking that the carriers lower their prices.",
    "Analysts said the announcement was a surprise.",
    "Sales of the Vexo slowed, and the line was overshadowed by the 13-inch Orvid.",
    "Sales of the first Vexo slowed soon after its introduction.",
    "The judge agreed with the defence that the name was not copied.",
    "Some buyers had trouble finishing their orders online.",
    "Strong holiday sales for the Vexo range",  # no verb at all: the clause search must stop at the root
    "The tablet does not follow the yearly release cycle of its rivals.",
])
def test_non_event_senses(nlp: Any, sentence: str) -> None:
    assert _types(nlp, sentence) == []


@pytest.mark.parametrize(("sentence", "etype"), [
    ("Brixby Inc. demonstrated its new Orvid tablet.", "launch"),
    ("Tesmo earned $4 billion in the quarter.", "financial"),
    ("The lawsuit was settled for $3 million.", "other"),
    ("Brixby Computer was founded by two engineers in 1981.", "other"),
    ("Corvane announced another press event to be held on May 3.", "meeting"),
    ("Quantel's store in March passed Halvek to become the largest seller.", "financial"),
    ("Pellam Inc. plans to sell feature films on its online store.", "launch"),
    ("Pellam Inc. plans to sell its stake in the venture.", "investment"),
    ("Earlier this year Pellam Inc. opened a data center in Ohio.", "investment"),
    ("Pellam Inc. will be demanding that the labels lower their prices.", "plan"),
    ("The price of the Vexo phone will be cut by $100.", "other"),
    ("He started Zentrix in 1980, and in 1986 the first Vexo phone was released to the public.", "launch"),
    ("Pre-orders of the Vexo phone began on Tuesday.", "launch"),
    ("Pellam Inc. agreed with Quantel Corp. to share the network.", "partnership"),
])
def test_event_senses_kept(nlp: Any, sentence: str, etype: str) -> None:
    assert etype in _types(nlp, sentence)


def test_reference_with_when_is_not_reported() -> None:
    text = ("Pellam shares fall\n\nMarch 4, 2009\n\n"
            "Pellam shares fell on Tuesday. When Pellam Inc. first introduced the Vexo, it praised the design.")
    assert not any(e.type == "launch" for e in _events(text))


def test_dispute_steps_keep_both_parties() -> None:
    text = ("Orvid Records sues Brixby Computer\n\nMarch 4, 2009\n\n"
            "Orvid Records has sued Brixby Computer over its use of the Orvid name. "
            "The first lawsuit was settled out of court in 1988. "
            "Brixby Computer paid $1 million when a second suit was settled in 1994.")
    # (the type of each step is the event classifier's; this test is about the parties)
    events = [e for e in _events(text) if e.start and e.start.year in (1988, 1994)]
    assert len(events) == 2
    assert all(set(e.companies) == {"Orvid Records", "Brixby Computer"} for e in events)


def test_acquirer_in_relative_clause_is_not_a_buyer() -> None:
    text = ("Story\n\nMarch 4, 2009\n\n"
            "In 1990 he bought Zentrix Corp., which was acquired by Halvek Inc. in 2001.")
    events = {e.start.year: e for e in _events(text) if e.type == "acquisition" and e.start}
    assert events[1990].companies == ["Zentrix"]
    assert set(events[2001].companies) == {"Zentrix", "Halvek"}


def test_object_controls_the_suit() -> None:
    text = ("Story\n\nMarch 4, 2009\n\n"
            "In 1995 Brixby Computer added a sound chip, prompting Orvid Records to file suit in 1996.")
    suit = next(e for e in _events(text) if e.type == "lawsuit" and e.start == dt.date(1996, 1, 1))
    assert "Orvid Records" in suit.companies


def test_founding_by_a_person_lists_only_the_company() -> None:
    text = ("Story\n\nMarch 4, 2009\n\n"
            "He was fired from Brixby Computer and he founded Zentrix Corp. in 1985.")
    founding = next(e for e in _events(text) if e.type == "founding")
    assert founding.companies == ["Zentrix"]


def test_research_firm_quoted_for_figures_is_not_a_party() -> None:
    text = ("Quantel passes Halvek\n\nMarch 4, 2009\n\n"
            "Quantel Inc. in February passed Halvek Corp. to become the largest seller, according to figures "
            "released on March 2 by Orbis Data, a market research firm.")
    companies = {c for e in _events(text) for c in e.companies}
    assert "Orbis Data" not in companies
    assert {"Quantel", "Halvek"} <= companies


def test_the_company_as_subject_refers_to_the_company_named_before_it() -> None:
    text = ("Story\n\nMarch 4, 2009\n\n"
            "Halvek Corp. opened a plant in Ohio. Sales at Brixby Inc. fell after the company reported a $2 million "
            "loss in 2008. Brixby Inc. also cut its prices. In May, Quantel Inc. agreed to acquire the company.")
    events = _events(text)
    loss = next(e for e in events if e.type == "results")
    assert loss.companies == ["Brixby"]
    deal = next(e for e in events if e.type == "acquisition" and "Quantel" in e.companies)
    assert "Brixby" in deal.companies


def test_company_compared_with_is_not_a_party() -> None:
    text = ("Story\n\nMarch 4, 2009\n\n"
            "Pellam Inc. said that its Orvid software would be released in 2010, the same time as Quantel Corp.'s "
            "Vexo system.")
    launch = next(e for e in _events(text) if e.type == "launch")
    assert launch.companies == ["Pellam"]


def test_this_release_refers_back_to_the_launch() -> None:
    text = ("Pellam unveils Vexo laptops\n\nMay 17, 2006\n\n"
            "Pellam Inc. introduced the Vexo laptop line on Tuesday. "
            "This release leaves only one older model that still runs on Samsung memory, the Orvid G2.")
    launches = [e for e in _events(text) if e.type == "launch"]
    assert [e.companies for e in launches] == [["Pellam"]]
