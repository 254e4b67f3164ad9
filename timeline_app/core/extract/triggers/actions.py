"""Verbs whose event type depends on what the company does with its object: starting to sell a kind of product
is a launch ("plans to sell feature films"), opening a facility is an investment ("opened a data center"),
and demanding an action of others is the demander's plan, not the others' action."""

from __future__ import annotations

from typing import Any

from ..vocabulary import words

# Heads that make "sell" the start of an offering: "plans to sell", "will begin selling".
_START_HEADS = words("senses", "sell_start_heads")
# What a company sells off (a divestment), not a product it starts to offer.
_HOLDINGS = words("senses", "holdings")
# Facilities whose opening is an investment.
FACILITIES = words("senses", "facilities")
# Common nouns that stand for a party to a deal: "agreed with the company".
_PARTIES = words("senses", "deal_parties")
# Verbs of demanding: the action in their complement is asked of someone else.
DEMAND_VERBS = words("senses", "demand_verbs")


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
    if lemma == "agree":
        partners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
                    if g.dep_ == "pobj"]
        if partners and all(p.pos_ == "NOUN" and p.lemma_.lower() not in _PARTIES for p in partners):
            return None  # "the judge agreed with the defence": agreeing with a view, not a deal
        return False
    if lemma == "demand" and any(c.dep_ == "ccomp" for c in tok.children):
        return "plan"  # "will be demanding that the labels lower their prices"
    return False


def demanded_of_others(tok: Any) -> bool:
    """A trigger in the complement of a demand ("demanding that the labels lower their prices"): an action asked
    of someone else, not an event of its own."""
    head = tok.head
    return tok.pos_ == "VERB" and tok.dep_ in ("ccomp", "xcomp") and head.pos_ == "VERB" and \
        head.lemma_.lower() in DEMAND_VERBS


def is_preorder(tok: Any) -> bool:
    """"pre-orders", "preorders": orders taken for a product not yet shipped, i.e. its launch."""
    low = tok.lower_
    if low.startswith("pre") and "order" in low:
        return True
    doc = tok.doc
    return bool(tok.lemma_.lower() == "order" and tok.i >= 2 and doc[tok.i - 1].text == "-"
                and doc[tok.i - 2].lower_ == "pre")


def clause_words(tok: Any) -> list[Any]:
    """The words of the clause a word belongs to, without the clauses coordinated with it ("Sales fell, and the
    13-inch model was overshadowed": the figure is not in the clause of "sales")."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return list(tok.sent)
    skip = {w.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for w in c.subtree}
    return [w for w in verb.subtree if w.i not in skip]


def consumer_order(tok: Any) -> bool:
    """Orders of customers ("some had difficulty finishing their orders online"), not a supply contract: an order
    owned by a personal pronoun, or by "their" in a sentence whose subject is not a named organisation."""
    if tok.lemma_.lower() != "order" or tok.pos_ != "NOUN":
        return False
    poss = [c.lower_ for c in tok.children if c.dep_ == "poss"]
    if any(p in ("his", "her", "my", "your") for p in poss):
        return True
    root = tok.sent.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return "their" in poss and not any(w.pos_ == "PROPN" or w.ent_type_ == "ORG" for c in subj for w in c.subtree)
