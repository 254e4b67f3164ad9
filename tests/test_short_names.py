"""One company, one name within an article (core/extract/mentions/short_names.py): invented articles."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.mentions.finder import MentionFinder
from timeline_app.core.extract.mentions.short_names import initials
from timeline_app.core.extract.nlp import get_nlp


def _companies(text: str) -> set[str]:
    an = MentionFinder(load_kb(), get_nlp()).analyse(text, dt.date(2024, 3, 1), [])
    return {an.entities[m.entity].name for m in an.mentions if m.kind == "company" and m.entity}


def test_initials() -> None:
    assert initials("Electronic Data Systems") == "EDS"
    assert initials("Bank of Northern Shires") == "BNS"
    assert initials("Hewlett-Packard") == "HP"


def test_later_short_form_is_the_full_name() -> None:
    names = _companies("Quarry profits slip\n\nBrandwell Harcourt Capital said on Monday that it would cut 200 jobs. "
                       "Brandwell said the cuts would save $40 million a year.\n")
    assert "Brandwell" not in names
    assert "Brandwell Harcourt Capital" in names


def test_acronym_defined_in_the_article_is_the_company() -> None:
    names = _companies("Deal done\n\nNorthgate Freight Logistics (NFL) agreed to buy Carrow Mills Ltd for "
                       "$300 million. NFL said the purchase would close in May.\n")
    assert "NFL" not in names and "Northgate Freight Logistics" in names


def test_based_prefix_is_not_part_of_the_name() -> None:
    names = _companies("Expansion\n\nOhio-based Tremlow Industries opened a plant in Mexico, Tremlow said.\n")
    assert not any("based" in n for n in names)
    assert "Tremlow Industries" in names


def test_short_name_used_first_for_another_company_stays_apart() -> None:
    # the short name is a company of its own here (mentioned first, on its own), the longer one its bottler
    names = _companies("Results\n\nKestrava Corp. reported higher sales on Tuesday. Kestrava Bottling Partners, "
                       "which bottles Kestrava drinks in Chile, also reported results.\n")
    assert {"Kestrava", "Kestrava Bottling Partners"} <= names


def test_company_reporting_its_results_is_not_an_outlet() -> None:
    text = ("Results\n\nDravenhold Corp. reported a quarterly profit of $12 million on Tuesday. "
            "The figures were first reported by the Harlow Ledger, as the Harlow Ledger reported on Monday.\n")
    an = MentionFinder(load_kb(), get_nlp()).analyse(text, dt.date(2024, 3, 1), [])
    kinds = {an.entities[m.entity].name: m.kind for m in an.mentions if m.entity}
    assert kinds.get("Dravenhold") == "company"


def test_a_known_company_named_in_full_is_not_the_short_form_of_another() -> None:
    """"Apple Corps" only adds a company word to "Apple", but the article also names the known Apple in full
    ("Apple Computer", a knowledge-base name of it): two companies, not one."""
    from timeline_app.core.extract.document import extract_document
    from timeline_app.core.read.readers import RawArticle

    text = ("Label sues computer maker\n\nMarch 4, 2009\n\nApple Corps, a record label, sued Apple Computer on "
            "Monday over its logo. Apple said it would fight the suit.")
    names = {e.name for e in extract_document(RawArticle("t.txt", text)).entities.values() if e.kind == "company"}
    assert {"Apple", "Apple Corps"} <= names
