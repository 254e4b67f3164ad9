"""Uses of a trigger word that report no business event, told apart by the syntax around the word: a reaction
to an event or talk about it ("welcomed the announcement", "talked about the launch"), an inability ("its
inability to deliver"), a current level ("has 109 stores, creating $500 million in revenue"), an
announcement of a mere fact ("announced that there were 3,000 visitors"), the release of information
("figures released by"), a product already on sale, purchases by consumers, and demonstrations given by a
person at an event."""

from __future__ import annotations

from typing import Any

from ..vocabulary import words
from .actions import consumer_order, demanded_of_others

# Verbs whose object is an event reacted to or talked about, not reported: "welcomed the announcement".
REACTION_VERBS = words("nonevents", "reaction_verbs")
# Prepositions that make the event a topic of talk: "talked about the launch".
TOPIC_PREPS = words("nonevents", "topic_preps")
# Heads that deny the action of their complement: "its inability to deliver", "failed to buy".
NEGATIVE_HEADS = words("nonevents", "negative_heads")
# Verbs of a standing state whose clause tells a level, not an event: "has 109 stores", "accounts for 70%".
STATE_VERBS = words("nonevents", "state_verbs")
# Information released or published is not a product launched: "figures released by", "released a statement".
INFO_NOUNS = words("nonevents", "info_nouns")
# Adverbs telling that a product is on sale as a state, not newly released: "is already available".
STATE_ADVERBS = words("nonevents", "state_adverbs")
# Buyers who are consumers: a purchase by them is not an acquisition.
CONSUMERS = words("nonevents", "consumers")
_FINITE = ("VBZ", "VBP", "VBD", "MD")
_REL_PRONOUNS = words("nonevents", "relative_pronouns")
# Verbs of stating a fact, of releasing or publishing, and subjects that stand for a company.
_FACT_VERBS = words("nonevents", "fact_verbs")
_RELEASE_VERBS = words("nonevents", "release_verbs")
_COMPANY_NOUNS = words("nonevents", "company_nouns")


def reacted_or_talked_about(tok: Any) -> bool:
    """An event noun that is the object of a reaction or a topic of talk: "welcomed Apple's announcement",
    "moved on to talk about the launch"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    head = tok.head
    if tok.dep_ in ("dobj", "obj", "nsubjpass") and head.lemma_.lower() in REACTION_VERBS:
        return True
    return tok.dep_ == "pobj" and head.lower_ in TOPIC_PREPS


def denied_by_head(tok: Any) -> bool:
    """A verb trigger that complements a word denying it: "IBM's inability to deliver", "failed to acquire"."""
    return tok.pos_ == "VERB" and tok.dep_ in ("acl", "xcomp", "ccomp") and tok.head.lemma_.lower() in NEGATIVE_HEADS


def _clause_verb(tok: Any) -> Any | None:
    """The finite verb of the clause a word belongs to, climbing through nouns, prepositions and non-finite
    verbs ("revenue" in "has stores, creating $5 million in revenue" -> "has")."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") and (cur.tag_ in _FINITE or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in cur.children)):
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def current_level(tok: Any) -> bool:
    """A results word inside a present-tense clause of having or accounting for: a current level ("has 109
    stores, creating $500 million yearly in revenue", "accounts for 70% of sales"), not a results event."""
    verb = _clause_verb(tok)
    if verb is None or verb is tok:
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "has", "have", "had") for c in verb.children):
        return False
    return verb.lemma_.lower() in STATE_VERBS and verb.tag_ in ("VBZ", "VBP")


def announces_a_fact(tok: Any) -> bool:
    """"announced that there were 3,800 attendees": the complement states a fact, not an action."""
    if tok.lemma_.lower() not in _FACT_VERBS:
        return False
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    return any(c.dep_ == "expl" for comp in comps for c in comp.children)


def information_released(tok: Any) -> bool:
    """Release or publication of information: "figures released by NPD", "released the text of the letter"."""
    if tok.lemma_.lower() not in _RELEASE_VERBS:
        return False
    if tok.pos_ == "NOUN" and any(c.dep_ == "compound" and c.lower_ in ("press", "news") for c in tok.children):
        return True  # "a press release": a statement
    things = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        things.append(tok.head)
    return bool(things) and all(t.lemma_.lower() in INFO_NOUNS for t in things)


def available_as_state(tok: Any) -> bool:
    """"is already available on iTunes": a product on sale as a state, not a release."""
    return any(c.dep_ == "advmod" and c.lower_ in STATE_ADVERBS for c in (*tok.children, *tok.head.children))


def counted_releases(tok: Any) -> bool:
    """Releases counted over a period ("four versions released in five years"): a history, not one launch."""
    return tok.pos_ == "VERB" and tok.dep_ == "acl" and any(
        c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in tok.head.children)


def _subject(verb: Any) -> Any | None:
    """The word that does a verb's action: its subject, the agent of a passive, or the noun a relative clause
    with a relative-pronoun subject describes."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    cur = verb
    while subj is None and cur.dep_ in ("xcomp", "acomp") and cur.head.i != cur.i:  # "owners will be able to buy"
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if subj is not None and subj.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    if subj is None and verb.dep_ in ("relcl", "acl") and verb.tag_ != "VBN":
        return verb.head
    return subj


def consumer_purchase(tok: Any) -> bool:
    """A purchase made by consumers ("anyone who has purchased an iPhone", "iPod owners can buy a cable") or
    a count of items bought ("five billion apps have been purchased"): retail sales, not an acquisition."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ("buy", "purchase"):
        return False
    subj = _subject(tok)
    if subj is not None and subj.lemma_.lower() in CONSUMERS:
        return True
    passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if passive and subj is None:
        return any(any(w.like_num for w in p.subtree) and p.pos_ == "NOUN" for p in passive)
    return False


def personal_demo(tok: Any) -> bool:
    """A demonstration by a person on stage ("He demoed the widget"), by others at the event ("developers
    demonstrated their applications") or shown in a clip ("videos demonstrating a drop in signal"): not a
    company's launch."""
    if tok.lemma_.lower() not in ("demonstrate", "demo"):
        return False
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return tok.tag_ in ("VBG", "VB") or tok.dep_ in ("acl", "ccomp", "advcl", "xcomp")
    if subj.pos_ == "NOUN":
        return subj.lemma_.lower() not in _COMPANY_NOUNS
    return subj.lower_ in ("he", "she") or subj.ent_type_ == "PERSON"


def no_event_sense(tok: Any, ttype: str) -> bool:
    """Whether a trigger of type ``ttype`` is used here in a sense that reports no event of that type."""
    if reacted_or_talked_about(tok) or denied_by_head(tok) or demanded_of_others(tok):
        return True
    if tok.pos_ == "NOUN" and tok.lemma_.lower() == "announcement" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return True  # "the announcement came today": the news reported elsewhere, referred back to
    if ttype == "launch" and counted_releases(tok):
        return True
    if ttype == "meeting" and tok.dep_ == "acl" and tok.head.dep_ == "pobj" and \
            tok.head.head.lower_ in ("at", "during", "on"):
        return True  # "at a special event hosted by X": the setting of other news
    if ttype == "financial" and current_level(tok):
        return True
    if ttype == "plan" and announces_a_fact(tok):
        return True
    if ttype == "launch" and (information_released(tok) or personal_demo(tok) or (
            tok.lemma_.lower() == "available" and available_as_state(tok))):
        return True
    return ttype in ("investment", "supply") and (consumer_purchase(tok) or consumer_order(tok))


# Gatherings that are news of their own when they are announced or held: "will hold a special event".
GATHERINGS = words("nonevents", "gatherings")
_HOLD_VERBS = words("nonevents", "hold_verbs")


def held_gathering(tok: Any) -> bool:
    """A gathering announced or held by a company as news of its own ("announced another special event to be
    held on October 12", "Apple plans a special event"), not the setting of other news ("at the event")."""
    if tok.dep_ == "pobj" or any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return False
    if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in ("hold", "take") for c in tok.children):
        return True
    return tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in _HOLD_VERBS
