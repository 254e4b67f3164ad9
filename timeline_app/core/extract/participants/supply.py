"""Component supply stated inside a sentence about a product: "the new Macs use Zeta processors", "the model,
which uses cells from Orbek", "Nimbus unveils a Zeta-based tablet". The company that makes the component is
the supplier; the company whose product it goes into is the builder. Such a sentence carries a supply event
(builder and supplier) besides its launch, and the supplier is not a party of the launch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...model import Entity, Mention
from ..triggers.find import Trigger
from ..vocabulary import table, words

#: Nouns that name a part that goes into another company's product.
COMPONENT_NOUNS = words("participants", "component_nouns")
#: Verbs whose object is a part built into the subject ("features", "uses", "contains").
_USE_VERBS = words("participants", "use_verbs")
#: Verbs whose with/on/by phrase names the part ("shipped with", "based on", "powered by").
_PREP_VERBS = table("participants", "part_preps")
#: Participles that make a supplier-named modifier of a product ("Zeta-based", "Zeta-powered").
_BASED = words("participants", "based_participles")
_MADE_BY = words("participants", "made_by_verbs")


@dataclass
class SupplyLink:
    """One component supply found in a sentence."""

    token: Any  # the component noun (or the "-based" participle): the evidence span
    suppliers: list[str]
    builders: list[str] = field(default_factory=list)
    supplier_starts: set[int] = field(default_factory=set)  # absolute offsets of the supplier mentions
    inherited: bool = False  # the builder is the maker of the product reported just before
    part: str = ""  # the component's lemma ("processor"); empty for "Zeta-based"
    type: str = "supply"

    @property
    def parties(self) -> list[str]:
        """Builder(s) first, then supplier(s)."""
        return list(dict.fromkeys(self.builders + self.suppliers))

    @property
    def outsiders(self) -> list[str]:
        """Companies that are parties of this link only, not of the sentence's other events (the launch)."""
        return self.suppliers


def company_at(mentions: list[Mention], ents: dict[str, Entity], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.kind == "company" and m.entity in ents and start <= m.start and m.end <= end]


def _modifier_span(noun: Any) -> tuple[int, int] | None:
    """Paragraph-relative span of the words that name who makes a part: its compound/possessive modifiers
    ("Zeta Core processors", "Zeta's chips") or a from/by phrase ("cells from Orbek", "chips made by Orbek")."""
    mods = [c for c in noun.children if c.dep_ in ("compound", "poss", "nmod") and c.i < noun.i]
    spans = []
    if mods:
        first = min(w.i for m in mods for w in m.subtree)
        spans.append((noun.doc[first].idx, noun.idx))
    for c in noun.children:
        preps = [c] if c.dep_ == "prep" and c.lower_ in ("from", "by") else []
        if c.dep_ == "acl" and c.lemma_.lower() in _MADE_BY:
            preps += [p for p in c.children if p.dep_ in ("agent", "prep") and p.lower_ in ("by", "from")]
        for p in preps:
            sub = list(p.subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def _governed_part(noun: Any) -> bool:
    """Whether a component noun is what a product is built with: the object of "use"/"feature", the with/on/by
    phrase of "shipped with"/"based on"/"powered by", or a conjunct of such a noun."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in _USE_VERBS:
        return True
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        verb = head.head
        return bool(_PREP_VERBS.get(verb.lemma_.lower()) == head.lower_)
    return False


def _refers_back(subj: Any) -> bool:
    """A subject that can stand for the product just reported: "it", "they", "which", or a definite thing
    ("the new model"), not a person and not a bare plural ("current programs")."""
    if subj.pos_ == "PRON":
        return subj.lower_ in ("it", "they", "which", "that", "this")
    if subj.pos_ == "PROPN":  # a product's name ("Pallas 3 will ...")
        return subj.ent_type_ not in ("PERSON", "GPE", "LOC", "NORP", "ORG")
    dets = {c.lower_ for c in subj.children if c.dep_ in ("det", "poss")}
    return subj.ent_type_ != "PERSON" and bool(dets & {"the", "this", "its", "their"})


def clause_companies(anchor: Any, off: int, named: list[tuple[str, int]],
                      suppliers: list[str]) -> tuple[list[str], bool]:
    """The companies in the subject of the clause a part is governed by, climbing to the clause above when the
    subject names none ("the first generation of their products to use Zeta processors"); and whether the
    nearest subject may stand for a product reported before (a pronoun or a thing, not a person). A supplier
    that is itself the subject builds its own part: no builder."""
    cur, prev = anchor, None
    may_refer = True
    subject_seen = False
    for _ in range(8):
        spans = []
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass", "agent") and c is not prev:
                sub = list(c.subtree)
                spans.append((off + sub[0].idx, off + sub[-1].idx + len(sub[-1].text)))
                if any(n in suppliers and spans[-1][0] <= pos < spans[-1][1] for n, pos in named):
                    return [], False
                if not subject_seen:
                    subject_seen = True
                    may_refer = _refers_back(c)
        if cur is not anchor and (cur.dep_ in ("relcl", "acl", "appos") or cur.pos_ in ("NOUN", "PROPN")):
            sub = [w for w in cur.subtree if w.i <= cur.i and (prev is None or w not in set(prev.subtree))]
            if sub:
                spans.append((off + sub[0].idx, off + cur.idx + len(cur.text)))
        found = [n for n, pos in named if n not in suppliers and any(a <= pos < b for a, b in spans)]
        if found:
            return found, may_refer
        if cur.head is cur:
            break
        prev, cur = cur, cur.head
    return [], may_refer


def supply_links(sent: Any, off: int, ments: list[Mention], ents: dict[str, Entity],
                 named: list[tuple[str, int]], fallback: list[str]) -> list[SupplyLink]:
    """The component supplies a sentence states, each with its supplier(s) and builder(s). ``named`` are the
    sentence's companies with positions (people standing for their company included); ``fallback`` the
    companies of the product last reported, for a sentence that refers to it ("It contains Zeta chips")."""
    links: list[SupplyLink] = []
    for tok in sent:
        supplier_ms: list[Mention] = []
        anchor = tok
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in COMPONENT_NOUNS and _governed_part(tok):
            span = _modifier_span(tok)
            if span:
                supplier_ms = company_at(ments, ents, off + span[0], off + span[1])
        elif tok.lemma_.lower() in _BASED and tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            mods = [c for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod") and c.i < tok.i]
            for m in mods:
                sub = list(m.subtree)
                supplier_ms += company_at(ments, ents, off + sub[0].idx, off + sub[-1].idx + len(sub[-1].text))
        if not supplier_ms:
            continue
        suppliers = list(dict.fromkeys(ents[m.entity].name for m in supplier_ms if m.entity))
        builders, may_refer = clause_companies(anchor, off, named, suppliers)
        inherited = False
        if not builders and may_refer:
            builders = [c for c in fallback if c not in suppliers]
            inherited = True
        if builders:
            part = tok.lemma_.lower() if tok.lemma_.lower() in COMPONENT_NOUNS else ""
            links.append(SupplyLink(anchor, suppliers, builders, {m.start for m in supplier_ms}, inherited, part))
    return links


def borrow_dates(link_trs: list[Trigger], others: list[Trigger]) -> None:
    """A supply stated inside a dated report ("announced on Tuesday Macs that use Zeta chips") has the report's
    date: a link trigger with no time expression of its own takes those of the trigger it depends on, else of
    the sentence's one dated trigger."""
    for lt in link_trs:
        if lt.timexes:
            continue
        by_token = {t.token.i: t for t in others if t.timexes}
        cur = lt.token
        for _ in range(10):
            if cur.i in by_token:
                lt.timexes = list(by_token[cur.i].timexes)
                break
            if cur.head is cur:
                break
            cur = cur.head
        dated = {tuple((m.start, m.end) for m in t.timexes): t for t in by_token.values()}
        if not lt.timexes and len(dated) == 1:
            lt.timexes = list(next(iter(dated.values())).timexes)
