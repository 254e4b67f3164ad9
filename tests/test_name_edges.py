"""Where a name begins and ends, what it names, and which names are one company (issue 20): the edges of the
model's spans (core/extract/mentions/span_edges), descriptors read to their head, the legal form that makes a
name whole (core/resolve). Every sentence and name is invented."""

from __future__ import annotations

import pytest

from timeline_app.core.extract.kb import KnowledgeBase, load_kb
from timeline_app.core.extract.mentions.orgtype import usage_evidence
from timeline_app.core.extract.mentions.settle import canonical_org
from timeline_app.core.extract.mentions.span_edges import name_edges
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.model import Entity
from timeline_app.core.resolve import resolve_companies

from .conftest import entity_kinds

_kinds = entity_kinds


def _edges(text: str, name: str, possessive: dict[str, str] | None = None) -> str | None:
    s = text.index(name)
    got = name_edges(text, s, s + len(name), possessive or {})
    return None if got is None else text[got[0]:got[1]]


@pytest.mark.parametrize(("text", "span", "name"), [
    ("A jury found Former Quenzel Corp. executives guilty.", "Former Quenzel Corp.", "Quenzel Corp."),
    ("Shares of troubled Brisco Motors fell.", "troubled Brisco Motors", "Brisco Motors"),
    ("The Brisco Motors plant closed.", "The Brisco Motors", "Brisco Motors"),
    ("The Ex-Im Bank approved a loan.", "Ex-Im Bank", "Ex-Im Bank"),
    ("The purchase of de Vallier Canada closed.", "Vallier Canada", "de Vallier Canada"),
    ("Shares of van Leer Holdings rose.", "Leer Holdings", "van Leer Holdings"),
    ("The Former Quenzel Corp. site was sold.", "Former Quenzel Corp.", "Quenzel Corp."),
])
def test_the_edges_of_a_name(text: str, span: str, name: str) -> None:
    assert _edges(text, span) == name


def test_a_capitalised_word_that_is_a_name_stays() -> None:
    assert _edges("Rivalto Systems said on Monday.", "Rivalto Systems") == "Rivalto Systems"
    assert _edges("Quenzel said the days of cheap gas were over.", "Quenzel") == "Quenzel"


def test_the_tail_of_a_public_body_name_is_no_name() -> None:
    text = "The site paid royalties to the Zelvian Organization for Multimedia and Digital Systems (ZOMS)."
    assert _edges(text, "Digital Systems") is None
    assert _edges("Brisco and Digital Systems signed a deal.", "Digital Systems") == "Digital Systems"
    text = "The Department of Justice and Quenzel Software reached a settlement on Monday."
    assert _edges(text, "Quenzel Software") == "Quenzel Software"  # two parties, no acronym spelling one name


def test_a_possessive_in_the_model_span_that_belongs_to_the_name() -> None:
    kinds = _kinds("Burger chain Wendell’s set to open 500 more stores by the end of the year.")
    assert kinds.get("Wendell’s") == "company" and "Wendell" not in kinds


def test_a_possessive_the_parse_shows_stays_a_possessive() -> None:
    kinds = _kinds("The state will retain ownership of Zelva Sugar's manufacturing facilities in Clewiston.")
    assert "Zelva Sugar's" not in kinds


def test_a_leading_former_is_no_part_of_a_company_name() -> None:
    kinds = _kinds("A jury found Former Quenzel Corp. executives Tom Bell and Ann Lee guilty of fraud.")
    assert "Former Quenzel" not in kinds and kinds.get("Quenzel") == "company"


def test_a_name_with_its_particle() -> None:
    assert _kinds("The purchase of de Vallier Canada from Brisco closed on Monday.").get(
        "de Vallier Canada") == "company"


def test_an_activist_group_is_an_organisation() -> None:
    kinds = _kinds("The environmental activist group Greenwatch has attempted to disrupt the Zelvian fishing "
                   "fleet.")
    assert kinds.get("Greenwatch") == "organization"


def test_a_description_is_read_to_its_head() -> None:
    text = "Fizzo Zero, a product of the Tamsin Cola Company, has been banned."
    assert usage_evidence(text, 0, len("Fizzo Zero"), None) == (0, 1)  # a product, not a company
    text = "Brisco, a maker of jets, said it would cut jobs."
    assert usage_evidence(text, 0, len("Brisco"), None) == (1, 0)
    text = "Tamsin, the group's largest airline, said it would cut jobs."
    assert usage_evidence(text, 0, len("Tamsin"), None) == (1, 0)


def test_group_stays_when_the_rest_names_no_one() -> None:
    kb = load_kb()
    assert canonical_org(kb, "International Airlines Group") == "International Airlines Group"
    assert canonical_org(kb, "Tamsin Group") == "Tamsin"
    assert canonical_org(kb, "Zelvian National Holdings") == "Zelvian National Holdings"
    # the article's own usage: never written without "Group", or also without it
    assert canonical_org(kb, "Tamsin Media Group", "Tamsin Media Group bought Plan. Tamsin Media Group said ...") \
        == "Tamsin Media Group"
    assert canonical_org(kb, "Tamsin Group", "Tamsin Group cut jobs. Tamsin will close two plants.") == "Tamsin"


def test_a_name_written_with_its_legal_form_is_no_short_form() -> None:
    kb = KnowledgeBase([], load_kb().suffixes, [])
    ents = [Entity("c:1", "Pennock", "company", ["Pennock PLC"]), Entity("c:2", "Pennock Motor", "company", []),
            Entity("c:3", "Halvard", "company", []), Entity("c:4", "Halvard Air Lines", "company", [])]
    into = resolve_companies(ents, kb).into
    assert "Pennock" not in into  # the publisher Pennock PLC is not Pennock Motor Co
    assert into.get("Halvard") == "Halvard Air Lines"


def _events(text: str) -> list[tuple[str, list[str]]]:
    from timeline_app.core.extract.document import find_rule_events
    from timeline_app.core.read.readers import RawArticle

    _doc, _an, events = find_rule_events(RawArticle("t.txt", "Headline here\n\nMarch 4, 2009\n\n" + text))
    return [(e.type, e.companies) for e in events]


def test_goods_ordered_are_a_contract_with_the_seller() -> None:
    got = _events("Halvard Airlines ordered three jets from Brisco Aerospace.")
    assert ("supply", ["Halvard Airlines", "Brisco Aerospace"]) in got
    assert _kinds("Halvard Airlines ordered three jets from Lindqvist.").get("Lindqvist") == "company"


def test_ordered_to_do_something_is_no_purchase() -> None:
    assert not any(t == "supply" for t, _ in _events("A court ordered Brisco Aerospace to pay $3 million to "
                                                      "Halvard Airlines."))
    assert not any(t == "supply" for t, _ in _events("The regulator ordered the closure of the Brisco Aerospace "
                                                      "plant."))


def test_it_in_a_deal_is_the_company_the_text_is_about() -> None:
    got = _events("Tamsin Motors started out by making bicycles in 1950. Today it is pursuing a plan to grow, and "
                  "earlier this week it bought control of Brisco Cycles.")
    assert any(set(c) == {"Tamsin Motors", "Brisco Cycles"} for _t, c in got)


def test_our_in_a_quote_is_the_speakers_company() -> None:
    got = _events("Sigurdur Einarsson, chief executive of Halvard Bank, talked about the bank: \"Our acquisition of "
                  "the British bank Lindqvist & Co is an important milestone,\" he said.")
    assert any("Halvard Bank" in c and "Lindqvist & Co" in c for _t, c in got)


def test_a_pronoun_alone_makes_no_party_and_its_own_subject_comes_first() -> None:
    # no company named in the event's roles: the pronoun adds none
    assert not any("Tamsin Motors" in c for _t, c in _events(
        "Tamsin Motors makes bicycles. It was acquired last year."))
    # "its" in the sentence of another subject is that subject's
    got = _events("Tamsin Motors makes bicycles. In August, Brisco Motors said its profits rose to "
                  "$200 million.")
    assert got and any("Brisco Motors" in c for _t, c in got) and all("Tamsin Motors" not in c for _t, c in got)
    # a subject that is no company stands between: "it" is the phone
    got = _events("Tamsin Motors makes the Zeta phone. The phone sold well, and it won a contract from Brisco "
                  "Aerospace.")
    assert got and all("Tamsin Motors" not in c for _t, c in got)


def test_our_is_the_company_of_the_speaker_of_its_own_sentence() -> None:
    got = _events("John Smith, chief executive of Halvek Corp, said sales rose. \"Our purchase of Zentrix Ltd in "
                  "May was a milestone,\" said Ann Lee, chief executive of Brisco Aerospace.")
    assert got and all("Halvek" not in c for _t, c in got)


def test_incorporated_is_a_legal_form() -> None:
    assert _kinds("A few miles from the campus is Zelva Incorporated, which has operated a small internet "
                  "exchange since 2000.").get("Zelva Incorporated") == "company"


def test_the_subject_of_a_decision_to_act_as_a_company() -> None:
    assert _kinds("The music downloader Lindqvist has already decided to introduce film downloading in the "
                  "UK.").get("Lindqvist") == "company"


def test_an_acronym_defined_after_a_public_body_is_that_body() -> None:
    kinds = _kinds("The Zelvian Aviation Administration (ZAA) said it will act. The ZAA refused to release any "
                   "details, Zentriq Corp said.")
    assert kinds.get("ZAA") == "organization" and kinds.get("Zelvian Aviation Administration") == "organization"


def test_a_word_inside_a_name_is_no_trigger() -> None:
    from timeline_app.core.extract.triggers.find import trigger_type

    def trig(text: str, word: str) -> str | None:
        return trigger_type(next(t for t in get_nlp()(text) if t.text == word))

    assert trig("The Federal Aviation Administration has tightened the deadline.", "Administration") is None
    assert trig("Zavvi Retail went into administration on Monday.", "administration") is not None
    # a headline in title case: the model's name runs over the event's words
    assert trig("Brisco Aerospace Files For Bankruptcy Protection", "Bankruptcy") is not None


def test_two_dates_that_bound_a_period_are_one_event_over_it() -> None:
    from timeline_app.core.extract.document import find_rule_events
    from timeline_app.core.read.readers import RawArticle

    _d, _a, events = find_rule_events(RawArticle("t.txt", "Headline here\n\nMarch 4, 2009\n\nHalvard Air's aircraft "
                                                 "will be delivered between October 2009 and February 2010."))
    assert [(e.start.isoformat() if e.start else None, e.end.isoformat() if e.end else None) for e in events] == \
        [("2009-10-01", "2010-02-28")]
    _d, _a, events = find_rule_events(RawArticle("t.txt", "Headline here\n\nMarch 4, 2009\n\nBrisco Aerospace "
                                                 "introduced the Z1 in 1998 and in 2001 the Z2."))
    assert len(events) == 2  # two dates of two events, not a period


def test_a_death_announced_is_no_business_event() -> None:
    assert _events("The Halvard Network has announced the death of its founder, Tom Bell, aged 68.") == []


def test_the_capitals_of_a_camel_case_name_are_its_acronym() -> None:
    kb = KnowledgeBase([], load_kb().suffixes, [])
    ents = [Entity("c:1", "QuillonWaterhouse", "company", []), Entity("c:2", "QwW", "company", []),
            Entity("c:3", "Brisco Aerospace", "company", []), Entity("c:4", "BoA", "company", [])]
    into = resolve_companies(ents, kb).into
    assert into.get("QwW") == "QuillonWaterhouse"
    assert "BoA" not in into  # no camel-case name with those capitals, and "Brisco Aerospace" spells "BA"
    ents = [Entity("c:1", "BlackRidge", "company", []), Entity("c:2", "BR", "company", [])]
    assert "BR" not in resolve_companies(ents, kb).into  # two capitals: too short a spelling to trust


def test_a_nationality_after_the_describes_a_one_word_name() -> None:
    text = "The court ordered the Malaysian Petronas to leave."
    assert _edges(text, "Malaysian Petronas") == "Petronas"
    assert _edges("Shares of the American Airlines group fell.", "American Airlines") == "American Airlines"
    assert _edges("Malaysian Petronas said it would leave.", "Malaysian Petronas") == "Malaysian Petronas"
    assert _edges("The Irish Times reported the deal.", "Irish Times") == "Irish Times"


def test_the_name_before_a_flight_number_is_its_airline() -> None:
    assert _kinds("Halvard Air Flight 574 crashed into the sea off Sulawesi on Monday.").get("Halvard Air") == \
        "company"
    assert _kinds("In 1996 QZA Flight 800 exploded over the Atlantic.").get("QZA") == "company"
    assert _edges("Adam Air Flight 574 crashed.", "Adam Air Flight 574") == "Adam Air"


def test_a_list_of_products_launched_is_one_event_each_with_its_own_title() -> None:
    from timeline_app.core.extract.document import extract_document
    from timeline_app.core.read.readers import RawArticle

    for text in ("Quenzel Software launched Zeta Server 2008, Zeta Studio 2008 and Orbek Desk 2008 today.",
                 "Quenzel Software was set to launch three new products: Zeta Server 2008, Zeta Studio 2008 and "
                 "Orbek Desk 2008 at its event today."):
        r = extract_document(RawArticle("t.txt", "Headline here\n\nMarch 4, 2009\n\n" + text))
        launches = [e for e in r.events if e.type == "launch"]
        assert len(launches) == 3
        assert any("Zeta Studio 2008" in e.summary for e in launches)
        assert any("Orbek Desk" in e.summary for e in launches)


def test_a_noun_made_an_event_by_its_modifier() -> None:
    from timeline_app.core.extract.triggers.find import trigger_type

    def trig(text: str, word: str) -> str | None:
        return trigger_type(next(t for t in get_nlp()(text) if t.text == word))

    assert trig("Brisco and Quenzel are taking legal action against the regulator.", "action") is not None
    assert trig("Brisco said it would take action to cut costs.", "action") is None


def test_a_name_ends_at_its_last_capital_and_its_industry_group_makes_it_a_company() -> None:
    assert _edges("The Tamsin Lewis Partnership retail group announced profits.",
                  "Tamsin Lewis Partnership retail") == "Tamsin Lewis Partnership"
    assert _kinds("The Tamsin Lewis Partnership retail group announced massively increased profits this "
                  "morning.").get("Tamsin Lewis Partnership") == "company"


def test_a_range_of_months_takes_the_year_of_its_end() -> None:
    from timeline_app.core.extract.document import find_rule_events
    from timeline_app.core.read.readers import RawArticle

    def dates(text: str, dct: str = "March 4, 2009") -> list[tuple[str, str, str]]:
        _d, _a, evs = find_rule_events(RawArticle("t.txt", f"Headline here\n\n{dct}\n\n{text}"))
        return [(str(e.start), str(e.end), e.precision) for e in evs]

    assert dates("Halvek Corp will cut 500 jobs between October and December 2011.") == \
        [("2011-10-01", "2011-12-31", "quarter")]
    assert dates("Halvek Corp will cut 500 jobs between November and February 2011.") == \
        [("2010-11-01", "2011-02-28", "month")]
    assert dates("Halvek Corp cut 500 jobs between February and March 2007.", "March 4, 2008") == \
        [("2007-02-01", "2007-03-31", "month")]


def test_a_range_of_months_takes_its_stated_year_and_names_its_period() -> None:
    from timeline_app.core.extract.document import find_rule_events
    from timeline_app.core.read.readers import RawArticle

    _d, _a, events = find_rule_events(RawArticle("t.txt", "Headline here\n\nMarch 4, 2009\n\nQuenzel Motors will "
                                                 "halt all its Japanese plants for 14 days between January and "
                                                 "March 2009."))
    assert [(str(e.start), str(e.end), e.precision) for e in events] == [("2009-01-01", "2009-03-31", "quarter")]


def test_a_firm_named_after_one_person_keeps_its_and_co() -> None:
    from timeline_app.core.resolve import strip_legal_form

    kb = load_kb()
    assert canonical_org(kb, "Tamsworth & Co") == "Tamsworth & Co"
    assert strip_legal_form("Tamsworth & Co.", kb) == "Tamsworth & Co."
    assert canonical_org(kb, "Tamsworth Brisco & Co") == "Tamsworth Brisco"


@pytest.mark.parametrize(("sentence", "word", "title"), [
    ("Newly appointed CEO Tom Bell, who took over from Ann Lee at the end of last year, suggested cuts.", "took",
     "Appointed CEO Tom Bell took over from Ann Lee"),
    ("Zentrix, which Halvek bought in 2006, released the Zeta.", "bought", "Halvek bought Zentrix"),
    ("Brisco, which makes jets, agreed to buy Quenzel.", "buy", "Brisco agreed to buy Quenzel"),
])
def test_a_relative_clause_is_titled_by_the_noun_it_is_about(sentence: str, word: str, title: str) -> None:
    from timeline_app.core.extract.events.titles import clause_title

    tok = next(t for t in get_nlp()(sentence) if t.text == word)
    assert clause_title(tok, "", "") == title


def test_a_title_that_only_says_someone_announced_is_no_title() -> None:
    from timeline_app.core.extract.events.titles import clause_title

    def title(sentence: str, word: str) -> str:
        return clause_title(next(t for t in get_nlp()(sentence) if t.text == word), "", "")

    assert title("Halvek announced on Monday that it would buy Zentrix.", "announced") == ""
    assert title("Halvek announced a new phone.", "announced") == "Halvek announced new phone"
    assert title("Zentrix was founded in 1997.", "founded") == "Zentrix was founded"
