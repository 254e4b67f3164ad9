"""Small helpers over spaCy tokens that several extraction rules share."""

from __future__ import annotations

from typing import Any


def clause_verb(tok: Any, steps: int = 6) -> Any:
    """The verb (or auxiliary) heading the clause a word belongs to, climbing at most ``steps`` heads; the
    sentence root or the last word reached when there is none."""
    cur = tok
    for _ in range(steps):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur
