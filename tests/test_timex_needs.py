"""A timex rule's precondition (``needs``) finds something in every match of its pattern: skipping the pattern
on text without it loses nothing."""

from __future__ import annotations

from pathlib import Path

from timeline_app.core.extract.timex.base import NEEDS, RULES
from timeline_app.core.extract.timex.find import find_timexes

DATA = Path(__file__).parent / "data"
SAMPLES = ["two years ago", "Three decades from now", "some months hence", "four days later", "a week afterwards",
           "by the end of this year", "the end of the quarter", "the first half of 2009", "the second half"]


def test_every_match_holds_its_needs() -> None:
    texts = SAMPLES + [p.read_text(encoding="utf-8") for p in sorted(DATA.rglob("*.txt"))]
    checked = 0
    for pattern, fn in RULES:
        needs = NEEDS.get(fn)
        if needs is None:
            continue
        for text in texts:
            for m in pattern.finditer(text):
                assert needs.search(m.group(0)), (fn.__name__, m.group(0))
                checked += 1
    assert NEEDS and checked >= len(SAMPLES)


def test_rules_with_needs_still_find() -> None:
    import datetime as dt

    found = {t.text for t in find_timexes(" ".join(s + "." for s in SAMPLES), dt.date(2010, 5, 4))}
    assert {"two years ago", "four days later", "the first half of 2009"} <= found
