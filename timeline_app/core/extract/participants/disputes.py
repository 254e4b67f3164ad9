"""The parties of a legal dispute: a news article about a dispute names both parties once ("A sues B") and
then tells the dispute's steps naming one or none ("the first lawsuit was settled in 1981", "A's latest suit,
filed in 2003"). Each step is an event between the same parties."""

from __future__ import annotations

from typing import Any

from ...model import Event
from ..vocabulary import words

#: Words that name a step of a legal dispute.
DISPUTE_WORDS = words("participants", "dispute_words")


def is_dispute_step(tok: Any, etype: str) -> bool:
    """Whether a trigger of type ``etype`` names a step of a legal dispute."""
    return etype == "other" and tok.lemma_.lower() in DISPUTE_WORDS


def dispute_parties(companies: list[str], earlier: list[Event], steps: set[str]) -> list[str]:
    """The parties of the article's dispute when a step names at most one of them (and no outsider): the
    companies of the latest earlier dispute step (ids in ``steps``) that names two or more."""
    if len(companies) > 1:
        return companies
    for prev in reversed(earlier):
        if prev.id in steps and len(prev.companies) >= 2 and set(companies) <= set(prev.companies):
            return list(prev.companies)
    return companies
