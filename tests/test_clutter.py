"""Clutter rules: furniture around a story is marked; the story itself never is."""

from __future__ import annotations

import pytest

from timeline_app.core.read.clutter import find_clutter

STORY = "\n\n".join([
    "Acme Batteries said on Tuesday it would build a second cell plant in Ohio, doubling its output by 2027.",
    "The company will invest $2 billion in the site and hire about 1,500 workers, its chief executive said.",
    "Globex, which buys most of the cells for its electric vans, welcomed the plan in a statement on Tuesday.",
    "Analysts said the expansion would ease a shortage that has held back deliveries for most of the year.",
])
BANNER = "Our journalism depends on readers like you, so please consider supporting independent reporting today."


def clutter_words(text: str, start: int, end: int) -> int:
    spans = find_clutter(text)
    return sum(1 for pos in range(start, end) if text[pos] == " " and any(c.start <= pos < c.end for c in spans))


@pytest.mark.parametrize("marker", ["Trending", "Comments (32)", "Comment", "Most read", "Related articles"])
@pytest.mark.parametrize("banners", [1, 2])
def test_a_marker_above_the_story_does_not_swallow_it(marker: str, banners: int) -> None:
    page = "\n\n".join([BANNER] * banners + [marker, STORY])
    s = page.index(STORY)
    assert clutter_words(page, s, len(page)) == 0
    m = page.index(marker)
    assert any(c.start <= m < c.end for c in find_clutter(page))  # the marker line itself is furniture


@pytest.mark.parametrize("tail", [
    "Comments (3)\n\nThis is what happens when regulators look the other way and nobody is held to account.\n\n"
    "I have been a customer for a decade and I am not surprised at all by this news, sadly enough.",
    "Related Articles\n\nGlobex Opens Plant In Texas\n\nThe company said on Monday that it would expand the plant "
    "and hire more workers over the coming two years.",
])
def test_furniture_below_the_story_is_the_tail(tail: str) -> None:
    page = f"{STORY}\n\n{tail}\n"
    spans = find_clutter(page)
    t = page.index(tail)
    tails = [c for c in spans if c.reason.startswith("page section")]
    assert len(tails) == 1 and tails[0].end == len(page) and not page[tails[0].start:t].strip()
    assert clutter_words(page, 0, len(STORY)) == 0


def test_a_short_story_keeps_its_comments_box_out() -> None:
    one = STORY.split("\n\n")[0]
    page = f"{one}\n\nComments (1)\n\nGreat news for Ohio, finally some good jobs coming back to the state."
    spans = find_clutter(page)
    assert spans and spans[-1].end == len(page) and not page[spans[-1].start:page.index("Comments (1)")].strip()
