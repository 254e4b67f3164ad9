"""Chunked SQL for the incremental merge: long id lists are cut into pieces of bounded size, each queried with
an ``IN (?, ...)`` of its own, so that no statement exceeds SQLite's variable limit and memory follows the piece."""

from __future__ import annotations

from collections.abc import Iterator

CHUNK = 500


def chunks(items: list, n: int = CHUNK) -> Iterator[list]:  # type: ignore[type-arg]
    """``items`` in consecutive pieces of at most ``n``."""
    for i in range(0, len(items), n):
        yield items[i:i + n]


def marks(n: int) -> str:
    """The placeholders of an ``IN (...)`` over ``n`` values."""
    return ",".join("?" * n)
