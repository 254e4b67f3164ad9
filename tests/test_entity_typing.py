"""Company, organisation, person or place from context (issue 20, item 2): core/extract/mentions (orgtype and
finder). Every sentence is invented; the names are made up so that no knowledge base entry decides."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.extract.kb import KBEntry, KnowledgeBase, load_kb
from timeline_app.core.extract.mentions.finder import MentionFinder
from timeline_app.core.extract.mentions.orgtype import classify_org, other_evidence, settle_kind
from timeline_app.core.extract.nlp import get_nlp

from .conftest import entity_kinds

_kinds = entity_kinds


def test_a_country_given_a_government_is_a_place() -> None:
    kinds = _kinds("Gazprom cut gas supplies to Moldova on Monday. Moldova's government said it would buy gas "
                   "from Romania.")
    assert kinds.get("Moldova") == "place"


def test_the_possession_rule_reads_what_only_a_country_has() -> None:
    text = "Zelvia's prime minister met investors."
    assert other_evidence(text, 0, 6) == (0, 1)
    assert other_evidence("Zelvia's shares fell.", 0, 6) == (0, 0)


@pytest.mark.parametrize("text", [
    "the union Brakvor said",
    "Brakvor, a farmers' union, said",
    "Brakvor, the industry regulator, said",
    "Brakvor, a trade bloc of nine countries, said",
    "the charity Brakvor said",
])
def test_described_as_a_public_body_or_non_profit(text: str) -> None:
    s = text.index("Brakvor")
    org, _place = other_evidence(text, s, s + len("Brakvor"))
    assert org == 1
    assert settle_kind("Brakvor", 2, 0, False, "Brakvor", org) == "organization"


def test_a_company_descriptor_is_not_an_organisation_one() -> None:
    text = "Brakvor, a government-owned lender, said"
    assert other_evidence(text, 0, 7) == (0, 0)
    assert settle_kind("Brakvor", 1, 0, False, "Brakvor", 0) == "company"


def test_a_bank_named_after_its_country_is_a_company_the_bank_of_a_country_is_not() -> None:
    assert classify_org("x", "Ardent Bank of Ruritania", 0, 1) == "company"
    assert classify_org("x", "Bank of Ruritania", 0, 1) == "organization"
    assert classify_org("x", "Eastern Development Bank", 0, 1) == "organization"


def test_a_bank_that_buys_a_company_is_a_company() -> None:
    kinds = _kinds("Ardent Bank of Ruritania agreed to buy Quenzel Foods for $1 billion. The lender said the "
                   "deal would close in May.")
    assert kinds.get("Ardent Bank of Ruritania") == "company"


def test_a_trade_bloc_is_an_organisation() -> None:
    kinds = _kinds("The Eastern Trade Bloc signed an agreement with Quenzel Foods on Monday.")
    assert kinds.get("Eastern Trade Bloc") == "organization"


def test_a_name_whose_s_is_part_of_it() -> None:
    kinds = _kinds("Wendell's said on Monday it will open 40 restaurants. Wendell's shares rose 5 percent.")
    assert kinds.get("Wendell's") == "company" and "Wendell" not in kinds


def test_a_possessive_stays_a_possessive() -> None:
    kinds = _kinds("Quenzel Foods said on Monday that Tamsin's new plant would open in May.")
    assert "Tamsin's" not in kinds


def test_a_bank_with_a_governor_is_a_public_body() -> None:
    kinds = _kinds("The governor of the Ardent Bank of Ruritania, Tomas Vell, said the currency would be "
                   "redenominated in July.")
    assert kinds.get("Ardent Bank of Ruritania") == "organization"


def test_a_known_name_is_the_short_form_of_its_full_name_in_the_same_article() -> None:
    kb = _quell_kb()
    text = ("Headline\n\nQuell Airlines and Brisco Airlines announced on Monday that they would merge. "
            "Quell dropped out of earlier talks in 2028.")
    an = MentionFinder(kb, get_nlp()).analyse(text, dt.date(2030, 1, 6), [])
    names = {an.entities[m.entity].name for m in an.mentions if m.kind == "company" and m.entity}
    assert "Quell Airlines" in names and "Quell" not in names


def _quell_kb() -> KnowledgeBase:
    base = load_kb()
    return KnowledgeBase([*base.entries.values(), KBEntry("company", "Quell", descriptors=["supplier"])],
                         base.suffixes, list(base.context_needed))


def test_of_two_longer_names_the_one_that_only_adds_the_kind_of_company() -> None:
    text = ("Headline\n\nQuell Airlines and Denholm Airlines will merge as Denholm Quell Holdings Inc, the "
            "companies said. Quell dropped out of earlier talks in 2028.")
    an = MentionFinder(_quell_kb(), get_nlp()).analyse(text, dt.date(2030, 1, 6), [])
    names = {an.entities[m.entity].name for m in an.mentions if m.kind == "company" and m.entity}
    assert "Quell Airlines" in names and "Quell" not in names


def _mentions(text: str) -> list[tuple[str, str]]:
    an = MentionFinder(load_kb(), get_nlp()).analyse("Headline\n\n" + text, dt.date(2030, 1, 6), [])
    return [(m.text, m.kind) for m in an.mentions]


def test_a_maker_named_in_its_product_is_a_company_too() -> None:
    from timeline_app.core.extract.mentions.finder import _maker_of_products
    from timeline_app.core.model import Entity, Mention

    text = "Trevane Air ordered 3 Vrenic VRJ 900 jets."
    ents = {"c:vrenic": Entity("c:vrenic", "Vrenic", "company"), "x:v": Entity("x:v", "Vrenic VRJ 900", "product"),
            "c:trevane-air": Entity("c:trevane-air", "Trevane Air", "company")}
    s = text.index("Vrenic")
    ments = [Mention(0, 11, "Trevane Air", "company", "c:trevane-air"),
             Mention(s, s + 14, "Vrenic VRJ 900", "product", "x:v")]
    got = [(text[m.start:m.end], m.text, m.kind) for m in _maker_of_products(ments, ents)]
    assert got == [("Trevane Air", "Trevane Air", "company"), ("Vrenic", "Vrenic", "company"),
                   ("VRJ 900", "VRJ 900", "product")]


def test_a_one_word_name_after_a_company_descriptor_is_described_as_a_company() -> None:
    from timeline_app.core.extract.mentions.orgtype import described_as_company

    text = "Canadian equipment manufacturers Vrenic announced orders."
    s = text.index("Vrenic")
    assert described_as_company(text, s, s + 6)
    assert not described_as_company("The chief executive Vrenic said", 24, 30)


def test_a_name_with_a_legal_form_in_capitals_is_a_company() -> None:
    assert settle_kind("Quenwick PLC", 0, 0, False, "Quenwick") == "company"
    assert settle_kind("Harlow & Sons", 0, 0, False, "Harlow & Sons") == "company"


def test_listed_with_companies_is_a_company() -> None:
    kinds = _kinds("Plaintiffs in the case are Quenzel Foods, Tamsin Dairy Ltd, Brakwell-Orme and Halvard Holdings.")
    assert kinds.get("Brakwell-Orme") == "company"


def test_the_x_company_is_a_company_in_every_use() -> None:
    kinds = _kinds("Quenzel Foods bought a 6.1% share of the Norvik company in 2028. At that time, Norvik had lost "
                   "money in three of the previous five years, and shoppers in Norvik stores spent less.")
    assert kinds.get("Norvik") == "company"


def test_an_article_says_what_business_its_companies_are_in() -> None:
    an = MentionFinder(load_kb(), get_nlp()).analyse(
        "Headline\n\nTrevane Airways and Halvard posted losses on Monday. The airline said fuel cost more.",
        dt.date(2030, 1, 6), [])
    ctx = {e.name: e.info.get("context") for e in an.entities.values() if e.kind == "company"}
    assert ctx and all(v == ["air"] for v in ctx.values())


def test_the_nationality_company_is_no_company_named_so() -> None:
    kinds = _kinds("Quenzel Foods said the Ruritanian company Tamsin Dairy had no interest. The Japanese company "
                   "Halvard Motors declined to comment.")
    assert kinds.get("Ruritanian") != "company" and kinds.get("Japanese") != "company"


def test_the_company_another_owns_is_named_without_its_owner() -> None:
    kinds = _kinds("A court issued a judgment on Thursday against Quenzel Foods's Tamsin Dairy Inc., requiring "
                   "all its stores to close.")
    assert not any("'s" in name for name in kinds)
    assert kinds.get("Tamsin Dairy") == "company"  # a legal form: a company, though a company's
