"""Partnerships a sentence states without a deal word: exclusive distribution ("will only be available on
Orbek's network", "sold exclusively through Orbek and Kalder", "exclusive to Orbek") between the product's
maker and the carriers or retailers; content deals ("plans to distribute content from Orbek") between the
content's owner and its distributor; and the side of a partnership that a "with" phrase leaves out ("ending
the partnership with Orbek": the party is the subject of the clause above, or the company its speaker
speaks for)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...model import Entity, Mention
from ..triggers.find import Trigger
from ..vocabulary import words
from .supply import SupplyLink, clause_companies, company_at, supply_links

_EXCLUSIVE_ADVS = words("participants", "exclusive_adverbs")
_DISTRIBUTION_PREDS = words("participants", "distribution_predicates")
_CHANNEL_PREPS = words("participants", "channel_preps")


@dataclass
class DistributionLink:
    """One exclusive distribution arrangement: the maker(s) and the carriers/retailers."""

    token: Any  # the predicate ("available", "sold", "exclusive"): the evidence span
    channels: list[str]
    makers: list[str] = field(default_factory=list)
    inherited: bool = False
    part: str = ""
    type: str = "partnership"

    @property
    def builders(self) -> list[str]:
        """The product's maker(s): what a later sentence about the product refers back to."""
        return self.makers

    @property
    def parties(self) -> list[str]:
        """Maker(s) first, then channel(s)."""
        return list(dict.fromkeys(self.makers + self.channels))

    @property
    def outsiders(self) -> list[str]:
        """The carriers/retailers: not parties of the product's launch."""
        return self.channels


def _exclusive(pred: Any) -> bool:
    """"only/exclusively available", "sold solely through", "exclusive to"."""
    if pred.lemma_.lower() == "exclusive":
        return True
    holders = [pred, pred.head] if pred.dep_ in ("acomp", "amod") else [pred]
    return any(c.dep_ == "advmod" and c.lower_ in _EXCLUSIVE_ADVS for h in holders for c in h.children)


def _channel_spans(pred: Any) -> list[tuple[int, int]]:
    """Paragraph-relative spans of the on/from/through phrases of a predicate (or of its copula), with the
    possessor of "Orbek's network" and conjoined channels, but not a place ("in the United States")."""
    holders = [pred, pred.head] if pred.dep_ in ("acomp", "amod") else [pred]
    spans = []
    for h in holders:
        for p in h.children:
            if p.dep_ != "prep" or p.lower_ not in _CHANNEL_PREPS:
                continue
            for g in p.children:
                if g.dep_ != "pobj":
                    continue
                for w in [g, *(c for c in g.conjuncts)]:
                    own = [x for x in w.subtree if x.i <= w.i]
                    spans.append((own[0].idx, w.idx + len(w.text)))
    return spans


def distribution_links(sent: Any, off: int, ments: list[Mention], ents: dict[str, Entity],
                       named: list[tuple[str, int]], fallback: list[str]) -> list[DistributionLink]:
    """The exclusive distribution arrangements a sentence states, each with its channels and maker(s):
    the companies of the product's own phrase ("the Orbek Z1, which will be ..."), else ``fallback`` (the
    maker of the product last reported) when the subject can stand for it."""
    links = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in _DISTRIBUTION_PREDS or tok.pos_ not in ("ADJ", "VERB") or not _exclusive(tok):
            continue
        chans: list[Mention] = []
        for a, b in _channel_spans(tok):
            chans += company_at(ments, ents, off + a, off + b)
        channels = list(dict.fromkeys(ents[m.entity].name for m in chans if m.entity))
        if not channels:
            continue
        anchor = tok.head if tok.dep_ == "acomp" else tok
        makers, may_refer = clause_companies(anchor, off, named, channels)
        inherited = False
        if not makers and may_refer:
            makers = [c for c in fallback if c not in channels]
            inherited = True
        if makers:
            links.append(DistributionLink(tok, channels, makers, inherited))
    return links


_CONTENT_NOUNS = words("participants", "content_nouns")
_CONTENT_VERBS = words("participants", "content_verbs")


def content_links(sent: Any, off: int, ments: list[Mention], ents: dict[str, Entity],
                  named: list[tuple[str, int]], fallback: list[str]) -> list[DistributionLink]:
    """Content deals: "to distribute content from Orbek", "will sell Orbek's films": a partnership of the
    content's owner and the company that distributes it (the clause's subject, else ``fallback``, the company
    whose store or product was last reported)."""
    links = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _CONTENT_VERBS:
            continue
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")
                and c.lemma_.lower() in _CONTENT_NOUNS]
        if not objs:
            continue
        spans = []
        for holder in [tok, *objs]:
            for p in holder.children:
                if p.dep_ == "prep" and p.lower_ in ("from", "by", "of"):
                    for g in p.children:
                        if g.dep_ == "pobj":
                            for w in [g, *g.conjuncts]:
                                own = [x for x in w.subtree if x.i <= w.i]
                                spans.append((own[0].idx, w.idx + len(w.text)))
        for o in objs:
            mods = [c for c in o.children if c.dep_ in ("poss", "compound") and c.i < o.i]
            for m in mods:
                sub = list(m.subtree)
                spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
        owners_m: list[Mention] = []
        for a, b in spans:
            owners_m += company_at(ments, ents, off + a, off + b)
        owners = list(dict.fromkeys(ents[m.entity].name for m in owners_m if m.entity))
        if not owners:
            continue
        sellers, may_refer = clause_companies(tok, off, named, owners)
        if not sellers and may_refer:
            sellers = [c for c in fallback if c not in owners][:1]  # the maker, listed first
        if sellers:
            links.append(DistributionLink(tok, owners, sellers))
    return links


_OFFER_VERBS = words("participants", "offer_verbs")
_USER_NOUNS = words("participants", "user_nouns")


def _users_of(verb: Any) -> list[Any]:
    """The "of" phrases of "to (all) users of X" under an offer verb or its object."""
    out = []
    for holder in [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))]:
        for p in holder.children:
            if p.dep_ in ("prep", "dative") and p.lower_ == "to":
                for u in p.children:
                    if u.dep_ == "pobj" and u.lemma_.lower() in _USER_NOUNS:
                        out += [g for q in u.children if q.dep_ == "prep" and q.lower_ == "of"
                                for g in q.children if g.dep_ == "pobj"]
    return out


def user_offer_links(sent: Any, off: int, ments: list[Mention], ents: dict[str, Entity],
                     named: list[tuple[str, int]], fallback: list[str]) -> list[DistributionLink]:
    """Co-branded offers: "Orbek will offer free access to users of the Kalder Z1": a partnership of the
    company that offers and the maker of the product whose users get it (named in the phrase, else the maker
    of the product last reported when the phrase names a product)."""
    links = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _OFFER_VERBS:
            continue
        for g in _users_of(tok):
            sub = list(g.subtree)
            a, b = off + sub[0].idx, off + sub[-1].idx + len(sub[-1].text)
            makers = list(dict.fromkeys(ents[m.entity].name for m in company_at(ments, ents, a, b) if m.entity))
            if not makers and any(m.kind == "product" and a <= m.start < b for m in ments):
                makers = fallback[:1]
            offerers, _ = clause_companies(tok, off, named, makers)
            if makers and offerers:
                links.append(DistributionLink(tok, makers, offerers))
    return links


Link = SupplyLink | DistributionLink


def sentence_links(sent: Any, off: int, ments: list[Mention], ents: dict[str, Entity],
                   named: list[tuple[str, int]], fallback: list[str]) -> list[tuple[Trigger, Link]]:
    """The supplies, exclusive distribution arrangements and content deals a sentence states, each with a strong trigger
    (its evidence span on the part or the predicate)."""
    links: list[Link] = [*supply_links(sent, off, ments, ents, named, fallback),
                         *distribution_links(sent, off, ments, ents, named, fallback),
                         *content_links(sent, off, ments, ents, named, fallback),
                         *user_offer_links(sent, off, ments, ents, named, fallback)]
    return [(Trigger(lk.type, lk.token, off + lk.token.idx, off + lk.token.idx + len(lk.token.text), False), lk)
            for lk in links]


def _with_spans(tok: Any) -> list[tuple[int, int]]:
    spans = []
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in ("with", "between"):
            sub = list(p.subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    return spans


def other_side(tok: Any, off: int, named: list[tuple[str, int]], companies: list[str]) -> list[str]:
    """For a partnership or deal whose companies all come from its "with" phrase ("ending the partnership
    with Orbek"), the other party: the company of the nearest clause subject above that names one (a
    speaker standing for their company included). Empty when a party is already outside the phrase."""
    spans = [(off + a, off + b) for a, b in _with_spans(tok)]
    if not spans or not companies:
        return []
    inside = {n for n, pos in named if any(a <= pos < b for a, b in spans)}
    if not set(companies) <= inside:
        return []
    cur = tok
    for _ in range(8):
        if cur.head is cur:
            break
        prev, cur = cur, cur.head
        for c in cur.children:
            if c is prev or c.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            sub = list(c.subtree)
            a, b = off + sub[0].idx, off + sub[-1].idx + len(sub[-1].text)
            found = [n for n, pos in named if a <= pos < b and n not in companies]
            if found:
                return found[:1]
    return []
