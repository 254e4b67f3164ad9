"""Event triggers: the words that name a business event, by type, and the syntactic checks that tell the
event sense from other senses ("launch a probe", "meeting expectations")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...model import Mention
from ..vocabulary import grouped, words
from .appointments import appointee_token
from .nonevents import GATHERINGS, held_gathering, no_event_sense
from .senses import non_event_use, sense
from .types_v3 import compound_triggers, pair_types, phrasal_triggers, trigger_lemmas, type_lemma

# The trigger lexicon (resources/extraction/triggers.json): lemma -> type, for verbs and nouns (POS-checked below)
VERB_TRIGGERS = grouped("triggers", "verbs")
NOUN_TRIGGERS = grouped("triggers", "nouns")
# Weak triggers only count as the event when nothing stronger is in the sentence.
WEAK = words("triggers", "weak")
# A type that another type in the same sentence absorbs (a supply deal is not also a partnership).
# When only weak triggers are present, keep the most specific type.
TYPE_PRIORITY = ["supply", "investment", "partnership", "launch", "financial", "appointment", "meeting", "other",
                 "plan"]
ABSORBED_BY = {
    "partnership": {"supply", "investment", "meeting"},
    "plan": {"meeting", "supply", "partnership", "investment", "launch", "financial", "appointment", "other"},
    "financial": {"investment", "supply"},
}


@dataclass
class Trigger:
    type: str
    token: Any
    start: int
    end: int
    weak: bool
    timexes: list[Mention] = field(default_factory=list)
    #: for an appointment: the person whose role changes, the kind of change, and the other people named
    person: str = ""
    kind: str = ""
    others: list[str] = field(default_factory=list)
    #: for a tenure ("interim CEO since the start of X's leave"): the (person, kind) of the change it dates from
    ref: tuple[str, str] | None = None
    product: frozenset[str] = field(default_factory=frozenset)  # what a launch is of (see products.py)
    #: for the generic type ``other``: the taxonomy-v3 types its words name (a job cut, a closure), so that two
    #: such events of one sentence or of adjacent ones are not taken for one (empty: unknown)
    kinds: frozenset[str] = field(default_factory=frozenset)


_FACILITIES = words("triggers", "built_objects")
_FINANCIAL_NOUNS = words("triggers", "financial_nouns")
_STAKES = words("triggers", "stakes")
_NOT_EVENT_HEADS = words("triggers", "not_event_heads")


# Announced things that are not products: "announced his resignation", "announced its decision to buy".
_DECISIONS = words("triggers", "decisions")
# Plan verbs that name no plan in the passive; verbs of buying; verbs that make a plant an investment.
_PASSIVE_NOT_PLAN = words("triggers", "passive_not_plan_verbs")
_ACQUIRE_VERBS = words("triggers", "acquire_verbs")
_PLANT_VERBS = words("triggers", "plant_verbs")


#: The parts of speech a trigger can have: ``sense`` (with ``appointment_sense``) and ``_lexical_type`` type no
#: other word, so the others are not looked at (a rule for another part of speech must be added here too).
_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"})


def trigger_type(tok: Any) -> str | None:
    """The event type a word names in this sentence, or None (not a trigger, or a non-event sense)."""
    if tok.pos_ not in _TRIGGER_POS:
        return None
    special = sense(tok)
    ttype = _lexical_type(tok) if special is False else special
    if ttype and (non_event_use(tok) or (isinstance(ttype, str) and no_event_sense(tok, ttype))):
        return None
    if ttype == "appointment" and appointee_token(tok) is None:
        return None  # a change of role needs the person whose role changes ("promoted the phone" is not one)
    return ttype if isinstance(ttype, str) else None


def _lexical_type(tok: Any) -> str | None:
    lemma = tok.lemma_.lower()
    text = tok.text.lower()
    if tok.pos_ == "VERB":
        t = VERB_TRIGGERS.get(lemma)
        if lemma == "roll" and not any(c.text.lower() == "out" for c in tok.children):
            return None
        if lemma == "team" and not any(c.text.lower() == "up" for c in tok.children):
            return None
        if lemma == "tie" and not any(c.text.lower() == "up" for c in tok.children):
            return None
        objs_l = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")}
        if lemma in ("build", "construct") and not objs_l & _FACILITIES:
            return None  # "a vision built on innovation"
        if lemma in ("report", "post") and not objs_l & _FINANCIAL_NOUNS:
            return None  # "it was reported that ..."
        if lemma == "earn" and not (objs_l & _FINANCIAL_NOUNS or any(
                w.like_num or w.ent_type_ == "MONEY" for c in tok.children if c.dep_ in ("dobj", "obj")
                for w in c.subtree)):
            return None  # "to earn a higher rating": no money earned
        if lemma in _PASSIVE_NOT_PLAN and any(c.dep_ == "auxpass" for c in tok.children):
            return None  # "is considered a key partner"
        if lemma == "announce" and any(o.pos_ == "PROPN" or any(w.pos_ == "PROPN" for w in o.subtree)
                                       for o in tok.children if o.dep_ in ("dobj", "obj", "nsubjpass")
                                       and o.lemma_.lower() not in GATHERINGS and o.lemma_.lower() not in NOUN_TRIGGERS
                                       and o.lemma_.lower() not in _DECISIONS):
            return "launch"  # "announced the iPhone 3GS": a product announced is launched
        if lemma == "opt":
            return "supply" if any(c.text.lower() == "for" for c in tok.children) else None
        if t is None and tok.dep_ == "amod":
            return None  # a participle describing a thing ("a charging cable", "the closing price") names no event
        if t is None:
            return _v3_trigger(type_lemma(lemma, tok.text)) or _phrasal_trigger(tok, lemma)
        if t == "investment" and lemma in _ACQUIRE_VERBS:
            objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
            if objs and not any(o.pos_ == "PROPN" or o.lemma_.lower() in _STAKES or _part_of_a_company(o)
                                for o in objs):
                return "supply"  # buying products is procurement, not an acquisition
        return t
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in _NOT_EVENT_HEADS:
            return None  # "supply chain", "investment bank", "launch date"
        if lemma in ("preorder", "pre-order") or (lemma == "order" and tok.i >= 2 and tok.nbor(-1).text == "-"
                                                  and tok.nbor(-2).lower_ == "pre"):
            return "launch"  # pre-orders opening: a launch, not a supply order
        if lemma == "order" and any(c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ not in ("its",)
                                    for c in tok.children):
            return None  # "finishing their orders": customers' orders, not a supply deal
        if text == "talks" or (lemma == "talk" and text.endswith("s")):
            return "meeting"
        if lemma == "order" and any(c.text.lower() == "in" for c in tok.head.children) and tok.head.text == "in":
            return None
        if lemma in GATHERINGS:
            return "meeting" if held_gathering(tok) else None
        if lemma == "venture" and not any(c.text.lower() == "joint" for c in tok.children):
            return None
        if lemma in ("plant", "factory") and tok.head.lemma_.lower() not in _PLANT_VERBS:
            return None  # a plant mentioned is not a plant built
        return NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(text) or _v3_trigger(type_lemma(lemma, tok.text)) \
            or _compound_trigger(tok, lemma)
    return None


def _compound_trigger(tok: Any, lemma: str) -> str | None:
    """A noun whose modifier makes it name an event ("legal action", "profit warning", "oil spill"): the generic
    type ``other``, typed by the classifier."""
    pairs = compound_triggers()
    if any(c.dep_ in ("amod", "compound") and (c.lemma_.lower(), lemma) in pairs for c in tok.children):
        return "other"
    return None


def _phrasal_trigger(tok: Any, lemma: str) -> str | None:
    """A verb whose particle or object makes it an event of a type the round-2 lexicon lacks ("laid off 300
    workers", "cut 3,500 jobs", "filed for bankruptcy"): the generic type ``other``, typed by the classifier."""
    pairs = phrasal_triggers()
    if any(c.dep_ == "neg" or (c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _NOBODY) for c in tok.children):
        return None  # "nobody will lose their job", "did not cut jobs": no event told
    for c in tok.children:
        if c.dep_ in ("prt", "dobj", "obj", "prep", "compound:prt") and (lemma, c.lemma_.lower()) in pairs:
            return "other"
        if c.dep_ == "prep" and any((lemma, g.lemma_.lower()) in pairs for g in c.children if g.dep_ == "pobj"):
            return "other"
    return None


def _part_of_a_company(obj: Any) -> bool:
    """"40% of Zentrix", "40 per cent of Zentrix", "the rest of Zentrix": a share of a named business bought, not
    goods ("40% of its steel from Kelvar" is goods)."""
    return any(p.lower_ == "of" and any(g.pos_ == "PROPN" for g in p.children if g.dep_ == "pobj")
               for p in obj.children if p.dep_ == "prep")


def other_kinds(tok: Any) -> frozenset[str]:
    """The taxonomy-v3 types a trigger of the generic type names: those of a two-word phrase it makes with a
    particle, object or modifier ("cut" + "job": a job cut), else those its object names ("filed for
    bankruptcy"), else those of the word itself ("restructure")."""
    def lem(t: Any) -> str:
        return type_lemma(t.lemma_.lower(), t.text)

    lemma = lem(tok)
    partners = [c for c in tok.children if c.dep_ in _PARTNER_DEPS] + \
        [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    pairs = {(lemma, lem(c)) for c in partners} | \
        {(lem(c), lemma) for c in tok.children if c.dep_ in ("amod", "compound")}
    table = pair_types()
    phrase_types = frozenset().union(*(table.get(p, frozenset()) for p in pairs))
    named = trigger_lemmas()
    return phrase_types or frozenset().union(*(named.get(lem(c), frozenset()) for c in partners)) \
        or named.get(lemma, frozenset())


_PARTNER_DEPS = frozenset({"prt", "compound:prt", "dobj", "obj"})
_NOBODY = frozenset({"nobody", "none"})


def _v3_trigger(lemma: str) -> str | None:
    """A word that names a taxonomy-v3 type the round-2 lexicon has no type for (a strike, a bankruptcy, a
    fine): an event of the rules' generic type ``other``, typed by the event classifier (events/classify.py)."""
    return "other" if lemma in trigger_lemmas() else None



def is_anaphor(tok: Any) -> bool:
    """"the meeting", "this deal", "during the visit": a definite reference back to a known event
    (but not "the China Development Forum gathering", which names a new one)."""
    dets = [c for c in tok.children
            if c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their", "its")]
    named = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_)]
    return bool(dets) and not named



def sentence_triggers(sent: Any, off: int) -> list[Trigger]:
    """The triggers of one sentence that name its events: strong ones, else the most specific weak ones; a type
    that another type in the sentence absorbs is dropped (a supply deal is not also a partnership)."""
    triggers = []
    for tok in sent:
        ttype = trigger_type(tok)
        if ttype:
            triggers.append(Trigger(ttype, tok, off + tok.idx, off + tok.idx + len(tok.text),
                                    tok.lemma_.lower() in WEAK or tok.text.lower() in WEAK,
                                    kinds=other_kinds(tok) if ttype == "other" else frozenset()))
    if not triggers:
        return []
    for t in triggers:
        if t.token.dep_ == "ROOT" and t.token.pos_ == "VERB" and t.type != "plan":
            t.weak = False
        if t.type == "meeting" and t.token.text.lower() in ("talks", "discussions") and \
                t.token.head.text.lower() == "in":
            t.weak = True
    strong = [t for t in triggers if not t.weak]
    if strong:  # a weak appointment word next to a strong one may be another person's change ("... be replaced by");
        # a weak launch word beside a strong one may carry a later stage ("... and is scheduled for release in May")
        triggers = [t for t in triggers if not t.weak or (t.type in ("appointment", "launch") and any(
            s.type == t.type for s in strong)) or _own_clause(t, strong)]
    else:
        top = min(TYPE_PRIORITY.index(t.type) for t in triggers)
        triggers = [t for t in triggers if TYPE_PRIORITY.index(t.type) == top]
    types = {t.type for t in triggers}
    return [t for t in triggers if not (ABSORBED_BY.get(t.type, set()) & (types - {t.type}))]


def _own_clause(t: Trigger, strong: list[Trigger]) -> bool:
    """A weak trigger that heads a coordinated clause of its own, with its own subject and of another type than
    the strong ones ("He started X in 1976, and in 1984 the first Y was released"): a second event."""
    tok = t.token
    return t.type not in ("plan", "partnership") and tok.pos_ == "VERB" and tok.dep_ == "conj" and \
        any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and all(s.type != t.type for s in strong)


def object_words(triggers: list[Trigger]) -> set[str]:
    """The content words of what a results trigger is about (its object or subject noun phrase): results of
    two businesses are two events. (What a launch is of is its product key: products.py.)"""
    words: set[str] = set()
    for t in triggers:
        if t.type != "financial":
            continue
        tok = t.token
        deps = ("dobj", "obj", "nsubjpass") if tok.pos_ == "VERB" else ("compound", "poss", "nmod", "pobj", "prep")
        for c in tok.children:
            if c.dep_ in deps:
                # the possessor inside the phrase ("of Apple's new system") is the maker, not the product
                makers = {w.i for p in c.subtree if p.dep_ == "poss" and p.i != c.i for w in p.subtree}
                for w in c.subtree:
                    if w.i in makers:
                        continue
                    if w.pos_ == "PROPN" or (w.pos_ == "NOUN" and any(ch.isupper() or ch.isdigit() for ch in w.text)):
                        words.add(w.lemma_.lower())
    return words
