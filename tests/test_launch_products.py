"""Launches are counted per product: two products are two events, one product told twice is one event, and a
later stage with its own date is an event of its own (issue 9, over-merged launches)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from timeline_app.core.extract.document import extract_document
from timeline_app.core.extract.nlp import get_nlp
from timeline_app.core.extract.triggers.products import additive, compatible, product_keys
from timeline_app.core.model import Event
from timeline_app.core.read.readers import RawArticle


def _launches(text: str) -> list[Event]:
    r = extract_document(RawArticle("t.txt", text))
    return [e for e in r.events if e.type == "launch"]


def _evidence(text: str, ev: Event) -> list[str]:
    return [text[s.start:s.end] for s in ev.sources]


def _trigger(sentence: str, word: str) -> Any:
    return next(t for t in get_nlp()(sentence) if t.text == word)


def test_keys_of_coordinated_and_named_products() -> None:
    tok = _trigger("Brightwell unveiled the Zephyr 3, along with the new Orla 2 operating system.", "unveiled")
    assert product_keys(tok) == [frozenset({"zephyr", "3"}), frozenset({"orla", "2"})]
    # a naming apposition and a nameless head ("version of") lead to one product
    tok = _trigger("Brightwell today released its newest handset, the Zephyr 4X.", "released")
    assert product_keys(tok) == [frozenset({"zephyr", "4x"})]
    tok = _trigger("A new version of Quillbox was released by Brightwell.", "released")
    assert product_keys(tok) == [frozenset({"quillbox"})]
    # "the new phone" names no product
    tok = _trigger("Brightwell released the new phone.", "released")
    assert product_keys(tok) == [frozenset()]


def test_compatible_keys() -> None:
    assert compatible(frozenset({"zephyr"}), frozenset({"zephyr", "4x"}))
    assert compatible(frozenset(), frozenset({"orla"}))
    assert not compatible(frozenset({"zephyr", "4x"}), frozenset({"zephyr", "mini"}))


def test_two_products_in_one_sentence_are_two_launches() -> None:
    text = ("Brightwell shows new devices\n\nMarch 3, 2014\n\n"
            "On Monday, Brightwell Inc. introduced the Zephyr 5 handset, as well as the new Orla Cloud service. "
            "Analysts were impressed.")
    launches = _launches(text)
    assert len(launches) == 2
    assert all(e.start == dt.date(2014, 3, 3) and e.precision == "day" for e in launches)


def test_also_released_is_another_product_and_the_same_product_told_again_is_one() -> None:
    text = ("Brightwell unveils Zephyr 5\n\nMarch 4, 2014\n\n"
            "Brightwell Inc. today unveiled the Zephyr 5, its thinnest handset. "
            "The company also released the Quillbox 2 media player. "
            "The Zephyr 5 comes in three colours.")
    launches = _launches(text)
    assert len(launches) == 2
    zephyr = next(e for e in launches if any("unveiled the Zephyr" in s for s in _evidence(text, e)))
    assert any(s.startswith("Brightwell unveils") for s in _evidence(text, zephyr))  # headline joins its lead
    assert not any("Quillbox" in s for s in _evidence(text, zephyr))


def test_a_later_stage_with_its_own_date_is_a_planned_launch() -> None:
    text = ("Brightwell news\n\nMarch 5, 2014\n\n"
            "Brightwell Inc. announced the Quillbox 3 software, which was shown to reviewers and will be released to "
            "the public on June 2, 2014.")
    launches = sorted(_launches(text), key=lambda e: e.start or dt.date.min)
    assert [(e.start, e.precision) for e in launches] == [(dt.date(2014, 3, 5), "day"), (dt.date(2014, 6, 2), "day")]
    assert launches[1].status == "planned"


def test_specifications_are_not_names_and_present_shows_a_named_product() -> None:
    for sentence in ("The 64GB model will be available in May.", "The 12MP camera will be available in May."):
        assert product_keys(_trigger(sentence, "available")) == [frozenset()]
    text = ("Brightwell results\n\nMarch 6, 2014\n\n"
            "Last week Brightwell Inc. presented the Zephyr 6. "
            "Brightwell Inc. presented its annual report to investors.")
    launches = _launches(text)
    assert len(launches) == 1 and launches[0].precision == "week"


def test_a_verbless_headline_naming_a_launch_ends() -> None:
    tok = _trigger("Zephyr 7 launch", "launch")
    assert not additive(tok)  # climbing from a noun root to a verb stops at the root


def test_also_on_the_reporting_verb_adds_another_product() -> None:
    text = ("Brightwell keynote\n\nMarch 7, 2014\n\n"
            "Brightwell Inc. today unveiled its new tablet. "
            "It also announced that Quillbox 4 would be available for tablets.")
    assert len(_launches(text)) == 2
