"""When a planned change just reported takes effect, told in a sentence of its own: "The switch will happen
next year", "The move takes effect in March". The sentence names no event; its subject refers back to the
planned events of the sentence before, and its time expression is their date."""

from __future__ import annotations

from typing import Any

from ...model import Event, Mention
from ..mentions.finder import Analysis
from ..vocabulary import words
from .when import best_interval

#: Nouns that refer back to a change already reported.
CHANGE_NOUNS = words("dating", "change_nouns")
#: Verbs that say when such a change happens.
_HAPPEN_VERBS = words("dating", "happen_verbs")


def _refers_back(tok: Any) -> bool:
    return tok.lemma_.lower() in CHANGE_NOUNS and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("this", "that", "the", "these", "its", "their")
        for c in tok.children)


def change_date_sentence(sent: Any, ments: list[Mention], an: Analysis) -> tuple[Any, Any, str] | None:
    """The (start, end, precision) a sentence like "This switch will happen next year" gives the change it
    refers back to; None for any other sentence."""
    root = sent.root
    if root.lemma_.lower() not in _HAPPEN_VERBS:
        return None
    if root.lemma_.lower() == "take" and not any(c.lower_ in ("effect", "place") for c in root.children):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") and _refers_back(c) for c in root.children):
        return None
    dates = [m for m in ments if m.kind == "date" and m.value and m.info.get("type") not in ("SET", "DURATION")]
    iv = best_interval(dates, an)
    return (iv[0], iv[1], iv[2]) if iv else None


def date_planned_change(events: list[Event], meta: dict[str, dict[str, Any]], sent_no: int,
                        iv: tuple[Any, Any, str]) -> None:
    """Give the planned events of the nearest sentence before (at most two back) that reports planned events
    the date of when the change happens."""
    last = max((meta[e.id].get("last_sent", meta[e.id]["sent"]) for e in events if e.status == "planned"
                and meta[e.id].get("last_sent", meta[e.id]["sent"]) < sent_no), default=None)
    if last is None or sent_no - last > 2:
        return
    for e in events:
        if meta[e.id].get("last_sent", meta[e.id]["sent"]) == last and e.status == "planned":
            e.start, e.end, e.precision = iv
