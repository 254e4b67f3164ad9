"""A company named again where the language model did not tag it is still that company (mentions/repeats.py),
and a company the article also names in other ways stays a company when it is quoted as a source
(mentions/settle.py media_from_context). Sentences are invented."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.mentions.finder import Analysis, MentionFinder
from timeline_app.core.extract.nlp import get_nlp

from .conftest import entity_kinds


def _analyse(text: str) -> Analysis:
    return MentionFinder(load_kb(), get_nlp()).analyse("Headline\n\n" + text, dt.date(2030, 1, 6), [])


def _company_uses(an: Analysis, name: str) -> list[str]:
    return [m.text for m in an.mentions if m.entity in an.entities and an.entities[m.entity].name == name
            and m.kind == "company"]


def test_every_whole_name_use_of_a_company_is_a_mention() -> None:
    an = _analyse("Zentrix AG, the German sportswear maker, reported on Tuesday. "
                  "Earlier this year Zentrix profits rose 39%, to EUR 94 million.")
    assert _company_uses(an, "Zentrix") == ["Zentrix AG", "Zentrix"]


def test_a_name_inside_a_longer_name_or_written_in_lower_case_is_not_found_again() -> None:
    an = _analyse("Brummco Ltd. makes boats. Brummco Marine is another firm. Shell Oil sold gas, and a shell was "
                  "found.")
    assert "Brummco" not in [m.text for m in an.mentions if m.start > an.text.index("Marine") - 10
                             and m.text == "Brummco"]
    assert all(m.text != "Shell" for m in an.mentions)


def test_a_company_quoted_as_a_source_stays_a_company_when_the_article_names_it_otherwise() -> None:
    text = ("Kelvar Systems Inc. makes design software used by carmakers. "
            "According to Kelvar Systems, its software is used in most films.")
    assert entity_kinds(text)["Kelvar Systems"] == "company"
    every_use = _analyse(text)
    assert all(m.entity in every_use.entities for m in every_use.mentions if m.entity)  # no use left dangling
    assert entity_kinds("Rates will rise, according to Quillon Wire.")["Quillon Wire"] == "media"


def test_a_company_name_read_as_a_common_word_is_not_found_again() -> None:
    an = _analyse("Compass Group plc won a catering contract on Monday. Compass points north, the chef joked.")
    starts = [m.start for m in an.mentions if m.text == "Compass"]
    assert an.text.index("Compass points") not in starts


def test_a_description_followed_by_its_name_or_a_noun_is_no_reference() -> None:
    from timeline_app.core.extract.participants.companies import NOMINAL

    assert NOMINAL.search("The bank will close ten branches.")
    for text in ("the airline industry", "the bank of Scotland", "The carrier, Kelvar Air, said"):
        assert not NOMINAL.search(text)
