"""Verbs whose event type depends on what the company does with its object: starting to sell a kind of product
is a launch ("plans to sell feature films"), opening a facility is an investment ("opened a data center"),
and demanding an action of others is the demander's plan, not the others' action."""

from __future__ import annotations

from typing import Any

# Heads that make "sell" the start of an offering: "plans to sell", "will begin selling".
_START_HEADS = {"plan", "intend", "aim", "begin", "start", "prepare", "launch"}
# What a company sells off (a divestment), not a product it starts to offer.
_HOLDINGS = {"stake", "share", "unit", "division", "business", "subsidiary", "operation", "asset", "interest",
             "company", "firm", "brand", "arm", "plant", "factory"}
# Facilities whose opening is an investment.
FACILITIES = {"plant", "factory", "facility", "fab", "center", "centre", "office", "store", "shop", "branch",
              "headquarters", "campus", "warehouse", "hub", "mine", "refinery", "outlet", "showroom", "lab",
              "laboratory", "site", "hotel", "restaurant", "mall", "terminal", "depot", "studio"}
# Verbs of demanding: the action in their complement is asked of someone else.
DEMAND_VERBS = {"demand", "urge", "ask", "request", "insist", "pressure"}


def _direct(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in ("dobj", "obj")]


def action_sense(tok: Any) -> str | bool | None:
    """The event type of a verb handled here (None: no event); False when the verb is not one of these."""
    lemma = tok.lemma_.lower()
    if lemma == "sell" and tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in _START_HEADS:
        objs = _direct(tok)
        if not objs:
            return None
        if any(o.lemma_.lower() in _HOLDINGS or o.ent_type_ == "ORG" or o.ent_type_ == "PERCENT" for o in objs):
            return "investment"  # "plans to sell its stake"
        return "launch"  # "plans to sell feature films on its store"
    if lemma == "open":
        things = _direct(tok) or [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(t.lemma_.lower() in FACILITIES and not any(c.pos_ == "PROPN" for c in t.children) for t in things):
            return "investment"  # "opened a data center in North Carolina"
        return None
    if lemma == "demand" and any(c.dep_ == "ccomp" for c in tok.children):
        return "plan"  # "will be demanding that the labels lower their prices"
    return False


def demanded_of_others(tok: Any) -> bool:
    """A trigger in the complement of a demand ("demanding that the labels lower their prices"): an action asked
    of someone else, not an event of its own."""
    head = tok.head
    return tok.pos_ == "VERB" and tok.dep_ in ("ccomp", "xcomp") and head.pos_ == "VERB" and \
        head.lemma_.lower() in DEMAND_VERBS
