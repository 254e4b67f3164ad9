"""Issue 9, class 5: a part built into a product names its supplier; the sentence carries a supply event besides
the launch, and the supplier is not a party of the launch. Invented sentences only."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.extract.document import extract_document
from timeline_app.core.read.readers import RawArticle


def _events(text: str) -> list:
    return extract_document(RawArticle("t.txt", text)).events


def _of(events: list, etype: str) -> list:
    return [e for e in events if e.type == etype]


def test_launch_sentence_with_a_part_from_another_company_is_two_events() -> None:
    text = ("Lenovo shows new laptop line\n\nJune 5, 2024\n\n"
            "Lenovo on Tuesday introduced the Yoga Slim 9 laptop, which uses a display from LG Display.")
    events = _events(text)
    launch, = _of(events, "launch")
    supply, = _of(events, "contract")
    assert launch.companies == ["Lenovo"]
    assert set(supply.companies) == {"Lenovo", "LG Display"}
    assert supply.start == launch.start == dt.date(2024, 6, 4)


def test_a_maker_named_as_the_modifier_of_a_part_governed_by_feature() -> None:
    text = ("Rivian said on Friday that its next crossover will feature Panasonic cells and Nvidia processors.")
    supply, = _of(_events(text), "contract")
    assert set(supply.companies) == {"Rivian", "Panasonic", "Nvidia"}


def test_hyphenated_maker_in_a_headline() -> None:
    text = ("Xiaomi unveils Qualcomm-powered phone\n\nMarch 2, 2023\n\n"
            "Xiaomi has introduced a new phone for the European market.")
    events = _events(text)
    assert any(set(e.companies) == {"Xiaomi", "Qualcomm"} for e in _of(events, "contract"))
    assert all("Qualcomm" not in e.companies for e in _of(events, "launch"))


def test_a_following_sentence_about_the_product_takes_its_maker_and_date() -> None:
    text = ("Dell releases new workstation\n\nApril 9, 2021\n\n"
            "Dell released the Precision 7000 workstation on Thursday. "
            "The machine is aimed at designers and contains AMD graphics chips.")
    supply, = _of(_events(text), "contract")
    assert set(supply.companies) == {"Dell", "AMD"}
    assert supply.start == dt.date(2021, 4, 8)


def test_no_supply_when_the_maker_uses_its_own_parts_or_no_builder_is_known() -> None:
    text = ("Samsung Electronics said its newest phones use Samsung Electronics chips. "
            "Software developers said older programs can be used on Intel processors.")
    assert not _of(_events(text), "contract")


def test_exclusive_carrier_is_a_partnership_and_not_a_party_of_the_launch() -> None:
    text = ("Nokia shows new handset\n\nFebruary 14, 2008\n\n"
            "Nokia on Wednesday introduced the N95 Pro handset, which will be sold exclusively through Vodafone. "
            "Sony said its new console will only be available on Verizon's network.")
    events = _events(text)
    launch = next(e for e in _of(events, "launch") if "Nokia" in e.companies)
    assert "Vodafone" not in launch.companies
    deals = {frozenset(e.companies) for e in _of(events, "partnership")}
    assert frozenset({"Nokia", "Vodafone"}) in deals
    assert frozenset({"Sony", "Verizon"}) in deals


def test_a_licence_is_a_partnership_and_a_relative_clause_is_not_dated_by_convention() -> None:
    text = ("Xiaomi adds features\n\nMay 3, 2011\n\n"
            "Xiaomi said on Monday that its phones would get faster. "
            "The update adds support for Glint, which Xiaomi has licensed from rival Nokia, and for new networks.")
    deal, = _of(_events(text), "partnership")
    assert set(deal.companies) == {"Xiaomi", "Nokia"}
    assert deal.start is None


def test_the_other_side_of_a_with_partnership_is_the_speakers_company() -> None:
    text = ("Toyota said on Monday that its cars would move to new batteries next year, ending the long "
            "partnership with Panasonic. Samsung Electronics said on Tuesday it signed a supply contract with Tesla.")
    events = _events(text)
    assert any(set(e.companies) == {"Toyota", "Panasonic"} for e in _of(events, "partnership"))
    assert any(set(e.companies) == {"Samsung Electronics", "Tesla"} for e in _of(events, "contract"))


def test_the_day_after_an_event_is_not_a_day_after_publication() -> None:
    text = ("Netflix signs deal\n\nApril 2, 2012\n\n"
            "Netflix and Sony have agreed to a deal in which films will be offered the day after their cinema run.")
    events = _events(text)
    assert not any(e.start == dt.date(2012, 4, 3) for e in events)


def test_content_from_a_studio_is_a_partnership_with_the_distributor() -> None:
    text = ("Netflix said on Monday it will stream films from Paramount Pictures, the studio's owner said. "
            "Amazon plans to sell Sony's music catalog.")
    deals = {frozenset(e.companies) for e in _of(_events(text), "partnership")}
    assert frozenset({"Netflix", "Paramount Pictures"}) in deals
    assert frozenset({"Amazon", "Sony"}) in deals


def test_a_possessive_descriptor_makes_a_name_a_company() -> None:
    text = "Walmart will carry shows from Quorvex, Orbek's distributor, from next year."
    deal, = _of(_events(text), "partnership")
    assert set(deal.companies) == {"Walmart", "Quorvex"}


def test_pre_orders_are_a_launch_and_customers_orders_no_supply() -> None:
    text = ("Xiaomi phone pre-orders open\n\nJuly 6, 2021\n\n"
            "Pre-orders of the new Mi 11 phone began on Tuesday, Xiaomi said. "
            "Some buyers could not finish their orders on the Xiaomi website.")
    events = _events(text)
    assert _of(events, "launch") and not _of(events, "contract")


def test_a_following_sentence_says_when_the_planned_change_happens() -> None:
    text = ("Dell to change chips\n\nMarch 3, 2014\n\n"
            "Dell said on Monday that its servers would soon be shipped with AMD processors. "
            "Analysts were surprised. "
            "The switch will happen in October.")
    supply, = _of(_events(text), "contract")
    assert set(supply.companies) == {"Dell", "AMD"}
    assert supply.start == dt.date(2014, 10, 1) and supply.precision == "month"


def test_a_when_sentence_about_something_else_dates_nothing() -> None:
    text = ("Dell to change chips\n\nMarch 3, 2014\n\n"
            "Dell said on Monday that its servers would soon be shipped with AMD processors. "
            "The conference will happen in October.")
    supply, = _of(_events(text), "contract")
    assert supply.start != dt.date(2014, 10, 1)


def test_an_offer_to_the_users_of_another_makers_product_is_a_partnership() -> None:
    text = ("Spotify said on Monday that it would offer free music to all owners of Sony phones. "
            "Spotify will also offer lower prices to students.")
    deals = [e for e in _of(_events(text), "partnership")]
    assert [set(e.companies) for e in deals] == [{"Spotify", "Sony"}]
