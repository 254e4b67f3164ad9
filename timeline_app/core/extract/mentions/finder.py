"""Find mentions in a document: companies, organisations, outlets, people (with role and affiliation),
places, money, quantities, products and time expressions, each with character offsets.

spaCy gives sentences, tokens and named entities; the knowledge base names companies and links them to
their groups; rules correct the NER (surnames of known people, outlets quoted as sources, acronyms) and
find money, quantities and dates."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...model import ClutterSpan, Entity, Mention
from ...read.lines import lines_with_offsets
from ..kb import KnowledgeBase
from ..nlp import StopCheck, chunk_paragraphs, pipe_checked
from ..timex.find import Timex, find_timexes
from .amounts import find_money, find_quantities
from .orgtype import (
    _COMPANY_NAME,
    _COMPANY_SEQUENCE,
    _GATHERING,
    _GENERIC_ACRONYMS,
    _LEAD_JUNK,
    _MEDIA_NAME,
    _PRODUCT_SHAPE,
    _TRAIL_JUNK,
    COMPANY_NOUN_AFTER,
    COMPANY_WORDS_EXTRA,
    _acronym_kept,
    acts_as_company,
    classify_org,
    described_as_company,
    has_company_word,
    looks_national,
    make_entity,
    place_described_as_company,
)
from .people import _NOT_NAMES, _TITLE_BEFORE, NOT_PERSON_WORDS, affiliations, full_person_name, propagate_surnames
from .repeats import name_again
from .settle import (
    article_industries,
    canonical_org,
    guess_parent,
    media_from_context,
    possessive_names,
    settle_companies,
)
from .settle import maker_of_products as _maker_of_products  # imported by its old name (tests use it)
from .short_names import unify_company_names
from .span_edges import name_edges, operates_flight


@dataclass
class Analysis:
    """Everything the event extractor needs about one text."""

    text: str
    sentences: list[tuple[int, int]]
    docs: list[tuple[int, Any]]  # (offset, spaCy Doc) per paragraph
    mentions: list[Mention]
    entities: dict[str, Entity]
    timexes: list[Timex]
    person_affiliation: dict[str, str] = field(default_factory=dict)  # person entity id -> company entity id
    entity_country: dict[str, str] = field(default_factory=dict)

    def mentions_in(self, start: int, end: int, kinds: tuple[str, ...] | None = None) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end and (kinds is None or m.kind in kinds)]

    def tokens(self) -> Iterator[tuple[int, Any]]:
        for off, doc in self.docs:
            for tok in doc:
                yield off, tok


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [(pos, line) for pos, line in lines_with_offsets(text) if line.strip()]


Cand = tuple[int, int, int, str, dict[str, Any]]
_PRODUCT_CODE = re.compile(r"\b(?:Model\s[A-Z0-9]\w*|[A-Z]{1,4}\d{1,4}[a-z]?|[A-Z][a-z]+\s?\d+(?:\.\d)?\b"
                           r"(?=\s(?:sedan|SUV|model|phone|chip|smartphone|vehicle|truck)))\b")


class MentionFinder:
    """Finds and links mentions in a text using spaCy, the knowledge base and rules."""

    def __init__(self, kb: KnowledgeBase, nlp: Any):
        self.kb = kb
        self.nlp = nlp

    # -- entities --------------------------------------------------------------------------------------
    def _entity(self, ents: dict[str, Entity], kind: str, name: str, parent: str | None = None,
                alias: str | None = None) -> Entity:
        return make_entity(ents, kind, name, parent, alias)

    def analyse(self, text: str, anchor: dt.date | None, clutter: list[ClutterSpan],
                should_stop: StopCheck | None = None) -> Analysis:
        paras = chunk_paragraphs(_paragraphs(text))  # bounded pieces: memory stays flat on one-line articles
        docs = list(zip([o for o, _ in paras], pipe_checked(self.nlp, [p for _, p in paras], should_stop),
                        strict=False))
        sentences = [(off + s.start_char, off + s.end_char) for off, d in docs for s in d.sents]
        timexes = find_timexes(text, anchor, sentences)
        cands: list[Cand] = []  # (start, end, priority, kind, info)
        for t in timexes:
            cands.append((t.start, t.end, 0, "date", {"timex": t}))
        for mm in find_money(text):
            cands.append((mm.start, mm.end, 0, "money", {"money": mm}))
        for s, e, _qt, val in find_quantities(text):
            cands.append((s, e, 1, "quantity", {"value": val}))
        propn_starts: set[int] = set()
        ner_at: dict[tuple[int, int], str] = {}
        tok_at: dict[int, Any] = {}  # every token by its offset in the text, for the settling steps
        for off, d in docs:
            for tok in d:
                tok_at[off + tok.idx] = tok
                if tok.pos_ == "PROPN" and not tok.is_sent_start:
                    propn_starts.add(off + tok.idx)
            for ent in d.ents:
                ner_at[(off + ent.start_char, off + ent.end_char)] = "ORG" if acts_as_company(ent) else ent.label_
        ner_spans = sorted(ner_at.items())
        ner_starts = [s for (s, _e), _lab in ner_spans]
        self._possessive = possessive_names(text, docs, ner_spans, tok_at)
        self._tok_at = tok_at
        for km in self.kb.alias_regex().finditer(text):
            kbe = self.kb.lookup(km.group())
            if kbe is None:
                continue
            if km.group() in self.kb.context_needed:
                # NER spans do not overlap: only the last one starting at or before the match can hold it
                j = bisect.bisect_right(ner_starts, km.start()) - 1
                ok = km.start() in propn_starts or (j >= 0 and km.end() <= ner_spans[j][0][1] and ner_spans[j][1]
                                                    in ("ORG", "PERSON", "GPE", "PRODUCT", "NORP"))
                if not ok:
                    continue
            cands.append((km.start(), km.end(), 2, kbe.kind, {"kb": kbe}))
        # a one-word name the model calls a person that the article describes as a company, in every use
        person_companies = {text[s:e_] for (s, e_), label in ner_spans
                            if label == "PERSON" and " " not in text[s:e_].strip()
                            and described_as_company(text, s, e_)}
        # "the Seiyu company": whatever the model calls the name, here and in its other uses, it is a company
        person_companies |= {text[s:e_] for (s, e_), _label in ner_spans
                             if re.search(r"\bthe\s+$", text[max(0, s - 5):s], re.IGNORECASE)
                             and COMPANY_NOUN_AFTER.match(text[e_:e_ + 20])
                             and not looks_national(text[s:e_])}  # "the Chinese company" is some company
        # "the bank Dexia", "retailer Circuit City": a name the model calls a place that the article calls a company
        person_companies |= {re.sub(r"^the\s+|['’]s$", "", text[s:e_]) for (s, e_), label in ner_spans
                             if label in ("GPE", "LOC", "FAC") and not looks_national(text[s:e_])
                             and place_described_as_company(text, s, e_)}
        for (s, e_), label in ner_spans:
            edges = name_edges(text, s, e_, self._possessive)
            if edges is None:
                continue
            s, e_ = edges
            span = text[s:e_]
            if label in ("ORG", "PERSON", "FAC", "GPE", "PRODUCT", "EVENT") and operates_flight(text, e_) and \
                    span[:1].isupper():
                cands.append((s, e_, 2, "airline", {}))
                continue
            if label == "ORG":
                cands.append((s, e_, 3, "org?", {}))
            elif label == "PERSON":
                # spaCy sometimes calls a company a person ("Hanmi Robotics"); company words decide
                cands.append((s, e_, 3, "org?" if _COMPANY_NAME.search(span) or _MEDIA_NAME.search(span)
                              or COMPANY_WORDS_EXTRA.search(span) or span in person_companies
                              else "person", {}))
            elif label in ("GPE", "LOC", "FAC", "NORP") and span in person_companies:
                cands.append((s, e_, 3, "org?", {}))  # "the Seiyu company": a company, not a place
            elif label in ("GPE", "LOC", "FAC"):
                cands.append((s, e_, 3, "place", {"label": label}))
            elif label == "PRODUCT":
                cands.append((s, e_, 4, "product", {}))
        for pm in _PRODUCT_CODE.finditer(text):
            cands.append((pm.start(), pm.end(), 5, "product", {}))
        propn = {off + t.idx for off, d in docs for t in d if t.pos_ == "PROPN"}
        sent_starts = [a for a, _ in sentences]
        for cm in _COMPANY_SEQUENCE.finditer(text):
            # a name never runs across a sentence end ("... China's Chery Automobile. LG Energy Solution")
            first = max(cm.start(), sent_starts[max(0, bisect.bisect_right(sent_starts, cm.end() - 1) - 1)]
                        if sent_starts else 0)
            s = first
            for w in re.finditer(r"\S+\s+", text[first:cm.end()]):  # drop leading words that are not names
                if first + w.start() in propn and not re.search(r"['’]s\s+$", w.group()):
                    break
                s = first + w.end()
            edges = name_edges(text, s, cm.end(), {}) if s < cm.end() else None
            if edges is not None and len(text[edges[0]:edges[1]].split()) >= 2:
                cands.append((edges[0], edges[1], 3, "org?", {}))
        cands = self._longer_names_first(text, cands)
        return self._resolve(text, docs, sentences, timexes, cands)

    def _longer_names_first(self, text: str, cands: list[Cand]) -> list[Cand]:
        """A name that extends a known company's name with a company word ("Apple Corps" around "Apple") is
        another company: it wins over the known name inside it."""
        kb_spans = [(c[0], c[1]) for c in cands if "kb" in c[4]]
        out = []
        for c in cands:
            s, e, _pri, kind, info = c
            if kind == "org?":
                inner = [(a, b) for a, b in kb_spans if s <= a and b <= e and (a, b) != (s, e)]
                full = text[s:e]
                if inner and self.kb.lookup(full) is None:
                    extra = (text[s:inner[0][0]] + " " + text[inner[-1][1]:e]).strip()
                    if extra and has_company_word(extra) and \
                            self.kb.key(full) not in {self.kb.key(text[a:b]) for a, b in inner}:
                        c = (s, e, 1, kind, info)
            out.append(c)
        return out

    def _resolve(self, text: str, docs: list[tuple[int, Any]], sentences: list[tuple[int, int]],
                 timexes: list[Timex], cands: list[Cand]) -> Analysis:
        # A spaCy span that strictly contains a KB match and is a place stays a place ("LG Twin Towers").
        cands.sort(key=lambda c: (c[2], -(c[1] - c[0]), c[0]))
        chosen: list[Cand] = []
        taken = bytearray(len(text) + 1)  # characters already covered by a chosen mention (linear, not pairwise)
        for c in cands:
            s, e, _pri, kind, info = c
            if kind == "place" and info.get("label") == "FAC":
                # facility names win over the company names inside them
                inner = [x for x in chosen if x[3] in ("company", "organization") and s <= x[0] and x[1] <= e
                         and (x[0], x[1]) != (s, e)]
                for x in inner:
                    taken[x[0]:x[1]] = bytes(x[1] - x[0])
                chosen = [x for x in chosen if x not in inner]
            if e > s and taken.find(1, s, e) != -1:
                continue
            taken[s:e] = b"\x01" * (e - s)
            chosen.append(c)
        chosen.sort(key=lambda c: c[0])
        ents: dict[str, Entity] = {}
        mentions: list[Mention] = []
        people_full: list[tuple[int, str]] = []
        pending: dict[str, list[Mention]] = {}
        for s, e, _pri, kind, _info in chosen:
            if kind == "person" and len(text[s:e].split()) >= 2 and not re.search(r"\d", text[s:e]):
                people_full.append((s, text[s:e]))  # "Brisco CRJ900 NextGen" is no one's full name
        kb_people = {a: x for x in self.kb.entries.values() if x.kind == "person" for a in [x.name, *x.aliases]}
        country: dict[str, str] = {}
        for s, e, _pri, kind, info in chosen:
            surface = text[s:e]
            if kind == "date":
                t: Timex = info["timex"]
                mentions.append(Mention(s, e, surface, "date", None, t.value, {"type": t.type, "mod": t.mod}))
            elif kind == "money":
                mm = info["money"]
                mentions.append(Mention(s, e, surface, "money", None, f"{mm.value:g} {mm.currency}",
                                        {"value": mm.value, "currency": mm.currency, "usd": mm.usd}))
            elif kind == "quantity":
                mentions.append(Mention(s, e, surface, "quantity", None, info["value"]))
            elif "kb" in info:
                k = info["kb"]
                ent = self._entity(ents, k.kind, k.name, None if k.kind == "person" else k.parent, surface)
                if k.kind == "person" and k.parent:
                    ent.info["affiliation_hint"] = k.parent
                    ent.info.setdefault("role", k.role)
                if k.country:
                    country[ent.id] = k.country
                mentions.append(Mention(s, e, surface, k.kind, ent.id))
                continue
            elif kind == "airline":
                ent = self._entity(ents, "company", canonical_org(self.kb, surface, text), None, surface)
                mentions.append(Mention(s, e, surface, "company", ent.id))
                continue
            elif kind == "org?":
                lead = _LEAD_JUNK.match(surface)
                if lead:
                    s += lead.end()
                trail = _TRAIL_JUNK.search(text[s:e])
                if trail:
                    e -= len(trail.group())
                owned = re.match(r"^(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*['’]s\s+(?=[A-Z])", text[s:e])
                if owned:  # "Circuit City's InterTAN Inc.": the company is the one owned
                    s += owned.end()
                surface = text[s:e]
                if not surface or surface.islower():  # "doorbell": no name
                    continue
                name = surface.strip(" ,")
                if surface in kb_people or any(surface in full.split() and surface[0].isupper()
                                               for _, full in people_full):
                    kind = "person"
                else:
                    if name in _NOT_NAMES or name.upper() in _GENERIC_ACRONYMS or (
                            name.isupper() and len(name) <= 4 and not re.search(r"\b(?:Inc|Corp|Co)\b", text[e:e + 8])
                            and not _acronym_kept(text, name)):
                        continue
                    if _PRODUCT_SHAPE.match(name):
                        ent = self._entity(ents, "product", name)
                        mentions.append(Mention(s, e, surface, "product", ent.id))
                        continue
                    if _GATHERING.search(name):
                        continue  # a conference or trade show: neither an organisation nor an actor
                    parts = re.split(r"\s*-\s*", name)
                    if len(parts) > 1 and all(self.kb.lookup(p) for p in parts):
                        continue  # "LG-Mercedes": a pair of known companies, not a new one
                    if re.match(r"^,\s+an?\s+[\w\s-]{0,40}\b(vehicle|car|SUV|sedan|model|phone|smartphone|device|chip|"
                                r"truck|drug|platform|app|game|console)\b", text[e:e + 70]):
                        ent = self._entity(ents, "product", name)
                        mentions.append(Mention(s, e, surface, "product", ent.id))
                        continue
                    kb_e = self.kb.lookup(name)
                    if kb_e is not None:
                        ent = self._entity(ents, kb_e.kind, kb_e.name, kb_e.parent, surface)
                        mentions.append(Mention(s, e, surface, kb_e.kind, ent.id))
                        continue
                    okind = classify_org(text, name, s, e)
                    canon = self._possessive.get(name) or canonical_org(self.kb, name, text)
                    parent = guess_parent(self.kb, canon) if okind == "company" else None
                    ent = self._entity(ents, okind, canon, parent, surface)
                    mentions.append(Mention(s, e, surface, okind, ent.id))
                    if okind == "company" or canon.startswith("Bank of "):  # a bank, or a central one (settle.py)
                        pending.setdefault(ent.id, []).append(mentions[-1])
                    continue
            if kind == "person":
                if surface in _NOT_NAMES or surface.isupper() or _PRODUCT_SHAPE.match(surface) or \
                        set(surface.split()) & NOT_PERSON_WORDS:
                    continue
                if (kb_product := self.kb.lookup(surface)) and kb_product.kind == "product":
                    continue
                kb_e = kb_people.get(surface)
                kb_company = self.kb.lookup(surface)
                if kb_e is None and kb_company is not None and kb_company.kind != "person":
                    ent = self._entity(ents, kb_company.kind, kb_company.name, kb_company.parent, surface)
                    mentions.append(Mention(s, e, surface, kb_company.kind, ent.id))
                    continue
                name = kb_e.name if kb_e else full_person_name(surface, s, people_full)
                if name == surface and len(surface.split()) == 1 and not _TITLE_BEFORE.search(text[max(0, s - 30):s]):
                    continue  # a lone capitalised word with no full name or title is rarely a person

                ent = self._entity(ents, "person", name, None, surface)
                if kb_e and kb_e.parent:
                    ent.info["affiliation_hint"] = kb_e.parent
                    ent.info.setdefault("role", kb_e.role)
                mentions.append(Mention(s, e, surface, "person", ent.id))
            elif kind == "place":
                name = re.sub(r"^the\s+", "", surface, flags=re.IGNORECASE)
                ent = self._entity(ents, "place", name)
                mentions.append(Mention(s, e, surface, "place", ent.id))
            elif kind == "product":
                ent = self._entity(ents, "product", surface)
                mentions.append(Mention(s, e, surface, "product", ent.id))
        mentions = settle_companies(text, docs, mentions, ents, pending, self._tok_at)
        mentions = _maker_of_products(mentions, ents)
        unify_company_names(text, docs, mentions, ents, self.kb, self._tok_at)
        mentions = name_again(text, mentions, ents, self._tok_at)
        article_industries(text, mentions, ents)
        mentions = propagate_surnames(text, mentions, ents)
        media_from_context(self.kb, text, mentions, ents)
        aff = affiliations(self.kb, self._entity, text, mentions, ents)
        return Analysis(text, sentences, docs, mentions, ents, timexes, aff, country)
