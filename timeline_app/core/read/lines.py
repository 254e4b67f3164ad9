"""Lines of an article's text with the offsets they start at (offsets are what every span refers to)."""

from __future__ import annotations

from collections.abc import Iterator


def lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` (split on ``\\n``, without it) with the offset of its first character."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1
