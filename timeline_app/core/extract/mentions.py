"""Find mentions in a document: companies, organisations, outlets, people (with role and affiliation),
places, money, quantities, products and time expressions, each with character offsets.

spaCy gives sentences, tokens and named entities; the knowledge base names companies and links them to
their groups; rules correct the NER (surnames of known people, outlets quoted as sources, acronyms) and
find money, quantities and dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import ClutterSpan, Entity, Mention
from .amounts import find_money, find_quantities
from .kb import KnowledgeBase, slug
from .timex import Timex, find_timexes

ROLE_RE = (r"(?:(?:executive|senior|deputy|vice|co-|acting|former|interim|honorary|group)[\s-]*)*"
           r"(?:chairman|chairwoman|chairperson|chair|president|ceo|chief executive officer|chief executive"
           r"|cfo|coo|cto|chief (?:financial|operating|technology|technical|marketing|strategy) officer"
           r"|founder|co-founder|director|managing director|head|spokesperson|spokesman|spokeswoman|analyst"
           r"|lead researcher|researcher|professor|minister|secretary|governor|mayor|judge|presiding judge"
           r"|leader|chief|boss|owner|general manager|manager|engineer|economist|chief economist)")
_ROLE = re.compile(ROLE_RE, re.IGNORECASE)
_MEDIA_NAME = re.compile(r"\b(News|Daily|Herald|Times|Post|Journal|Press|Gazette|Tribune|Telegraph|Ilbo|Shimbun"
                         r"|Broadcasting|Television|TV|Radio|Magazine|Wire|Newswire|Reporter|Insider|Chronicle"
                         r"|Newsweek|Economist)\b")
_ORG_NAME = re.compile(r"\b(University|College|Institute|Ministry|Department|Commission|Council|Committee|Court"
                       r"|Government|Parliament|Assembly|Forum|Association|Federation|Union|Authority|Office"
                       r"|Administration|Foundation|Society|Laboratory|Hospital|Medical Center|School|Party|Army"
                       r"|Police|Bureau|Board|Organi[sz]ation|League|Senate|Congress|Agency|Fund|Central Bank"
                       r"|Bank of|Program(?:me)?|Initiative|Cabinet|Embassy)\b")
_COMPANY_NAME = re.compile(r"\b(Inc|Corp|Corporation|Co|Ltd|Limited|LLC|plc|AG|SE|GmbH|S\.A|N\.V|Holdings|Group"
                           r"|Industries|Motors?|Electronics|Automobile|Automotive|Materials|Technolog(?:y|ies)"
                           r"|Semiconductors?|Energy|Chemicals?|Pharmaceuticals?|Systems|Solutions|Capital|Partners"
                           r"|Airlines?|Steel|Mobility|Battery|Batteries|Networks|Labs|Software|Robotics|Bio\w*"
                           r"|Telecom\w*|Communications|Entertainment|Games|Foods?|Logistics|Shipbuilding"
                           r"|Heavy|Construction|Securities|Insurance|Investments?|Ventures|Enterprises?|Company)\b")
_MEDIA_CONTEXT_BEFORE = re.compile(r"(?:according to|as per|per|reported by|report by|report from|told|quoted by"
                                   r"|cited by|citing|in an interview with|said in a report by|said|via)"
                                   r"(?:\s+a\s+report\s+by)?\s*(?:the\s+)?$", re.IGNORECASE)
_MEDIA_CONTEXT_AFTER = re.compile(r"^(?:['’]s)?\s*(?:reported|quoted|cited|said in a report|reports|has reported"
                                  r"|newspaper|daily|news agency|broadcaster|wrote)\b", re.IGNORECASE)
# Common business/technology abbreviations that NER tags as organisations (short all-caps words not in the
# knowledge base are dropped by a rule; this list catches mixed-case and longer ones)
_GENERIC_ACRONYMS = {"EV", "EVS", "AI", "CEO", "CFO", "CEOS", "SUV", "SUVS", "R&D", "IPO", "M&A", "GDP", "PMI", "DRAM",
                     "OLED", "LCD", "LED", "PC", "TV", "USB", "API", "GPU", "CPU", "SDK", "DNA", "RNA", "MOU", "JV",
                     "Q&A", "HQ", "ADAS", "LIDAR"}
_PRODUCT_SHAPE = re.compile(r"^(?:i[A-Z]\w*|e[A-Z]\w*|\w*\d\w*x\d+)\b")  # iPhone, iPod, eReader
_GATHERING = re.compile(r"\b(Conference|Expo|Summit|Show|Festival|Fair|Awards?|Olympics|Games|Week|Day)$")
_TITLE_BEFORE = re.compile(rf"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Justice|Judge|President|Chairman|Chairwoman|"
                           rf"CEO|Minister|Senator|Governor|Mayor|{ROLE_RE})\.?\s+$", re.IGNORECASE)
_NOT_NAMES = {"Industry", "Observers", "Analysts", "Sources", "Officials", "Meanwhile", "According", "The"}


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

    def tokens(self):
        for off, doc in self.docs:
            for tok in doc:
                yield off, tok


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


class MentionFinder:
    """Finds and links mentions in a text using spaCy, the knowledge base and rules."""

    def __init__(self, kb: KnowledgeBase, nlp: Any):
        self.kb = kb
        self.nlp = nlp

    # -- entities --------------------------------------------------------------------------------------
    def _entity(self, ents: dict[str, Entity], kind: str, name: str, parent: str | None = None,
                alias: str | None = None) -> Entity:
        prefix = {"company": "c", "organization": "o", "media": "m", "person": "p", "place": "l",
                  "product": "x"}[kind]
        if kind == "product":
            parent = None
        eid = f"{prefix}:{slug(name)}"
        e = ents.get(eid)
        if e is None:
            e = ents[eid] = Entity(eid, name, kind, [], parent)
        if alias and alias != name and alias not in e.aliases:
            e.aliases.append(alias)
        return e

    def _classify_org(self, text: str, name: str, start: int, end: int) -> str:
        before = text[max(0, start - 40):start]
        after = text[end:end + 30]
        if _MEDIA_NAME.search(name) or (_MEDIA_CONTEXT_BEFORE.search(before) and not _COMPANY_NAME.search(name)):
            return "media"
        if _MEDIA_CONTEXT_AFTER.match(after) and not _COMPANY_NAME.search(name):
            return "media"
        if _ORG_NAME.search(name) and not _COMPANY_NAME.search(name):
            return "organization"
        return "company"

    def analyse(self, text: str, anchor: dt.date | None, clutter: list[ClutterSpan]) -> Analysis:
        paras = _paragraphs(text)
        docs = list(zip([o for o, _ in paras], self.nlp.pipe([p for _, p in paras], batch_size=64), strict=False))
        sentences = [(off + s.start_char, off + s.end_char) for off, d in docs for s in d.sents]
        timexes = find_timexes(text, anchor, sentences)
        cands: list[tuple[int, int, int, str, dict]] = []  # (start, end, priority, kind, info)
        for t in timexes:
            cands.append((t.start, t.end, 0, "date", {"timex": t}))
        for m in find_money(text):
            cands.append((m.start, m.end, 0, "money", {"money": m}))
        for s, e, _qt, val in find_quantities(text):
            cands.append((s, e, 1, "quantity", {"value": val}))
        propn_starts = set()
        ner_at: dict[tuple[int, int], str] = {}
        for off, d in docs:
            for tok in d:
                if tok.pos_ == "PROPN" and not tok.is_sent_start:
                    propn_starts.add(off + tok.idx)
            for ent in d.ents:
                ner_at[(off + ent.start_char, off + ent.end_char)] = ent.label_
        ner_spans = sorted(ner_at.items())
        for m in self.kb.alias_regex().finditer(text):
            e = self.kb.lookup(m.group())
            if e is None:
                continue
            if m.group() in self.kb.context_needed:
                ok = m.start() in propn_starts or any(s <= m.start() and m.end() <= en and lab in ("ORG", "PERSON",
                                                      "GPE", "PRODUCT", "NORP") for (s, en), lab in ner_spans)
                if not ok:
                    continue
            kind = e.kind
            cands.append((m.start(), m.end(), 2, kind, {"kb": e}))
        for (s, e_), label in ner_spans:
            span = text[s:e_]
            # trim a leading "the " and trailing possessive
            while span.lower().startswith("the "):
                s += 4
                span = text[s:e_]
            if span.endswith(("'s", "’s")):
                e_ -= 2
                span = text[s:e_]
            if label == "ORG":
                cands.append((s, e_, 3, "org?", {}))
            elif label == "PERSON":
                # spaCy sometimes calls a company a person ("Hanmi Robotics"); company words decide
                cands.append((s, e_, 3, "org?" if _COMPANY_NAME.search(span) or _MEDIA_NAME.search(span)
                              else "person", {}))
            elif label in ("GPE", "LOC", "FAC"):
                cands.append((s, e_, 3, "place", {"label": label}))
            elif label == "PRODUCT":
                cands.append((s, e_, 4, "product", {}))
        for m in re.finditer(r"\b(?:Model\s[A-Z0-9]\w*|[A-Z]{1,4}\d{1,4}[a-z]?|[A-Z][a-z]+\s?\d+(?:\.\d)?\b(?=\s(?:sedan|SUV|"
                             r"model|phone|chip|smartphone|vehicle|truck)))\b", text):
            cands.append((m.start(), m.end(), 5, "product", {}))
        return self._resolve(text, anchor, docs, sentences, timexes, cands)

    def _resolve(self, text, anchor, docs, sentences, timexes, cands) -> Analysis:
        # A spaCy span that strictly contains a KB match and is a place stays a place ("LG Twin Towers").
        cands.sort(key=lambda c: (c[2], -(c[1] - c[0]), c[0]))
        chosen: list[tuple[int, int, int, str, dict]] = []
        for c in cands:
            s, e, pri, kind, info = c
            if kind == "place" and info.get("label") == "FAC":
                # facility names win over the company names inside them
                chosen = [x for x in chosen if not (x[3] in ("company", "organization") and s <= x[0] and x[1] <= e
                                                    and (x[0], x[1]) != (s, e))]
            if any(s < x[1] and x[0] < e for x in chosen):
                continue
            chosen.append(c)
        chosen.sort(key=lambda c: c[0])
        ents: dict[str, Entity] = {}
        mentions: list[Mention] = []
        people_full: list[tuple[int, str]] = []
        for s, e, _pri, kind, info in chosen:
            if kind == "person" and len(text[s:e].split()) >= 2:
                people_full.append((s, text[s:e]))
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
            elif kind == "org?":
                name = surface.strip(" ,")
                if surface in kb_people or any(surface in full.split() and surface[0].isupper()
                                               for _, full in people_full):
                    kind = "person"
                else:
                    if name in _NOT_NAMES or name.upper() in _GENERIC_ACRONYMS or (
                            name.isupper() and len(name) <= 4 and not re.search(r"\b(?:Inc|Corp|Co)\b", text[e:e + 8])):
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
                    okind = self._classify_org(text, name, s, e)
                    canon = self._canonical_org(name)
                    parent = self._guess_parent(canon) if okind == "company" else None
                    ent = self._entity(ents, okind, canon, parent, surface)
                    mentions.append(Mention(s, e, surface, okind, ent.id))
                    continue
            if kind == "person":
                if surface in _NOT_NAMES or surface.isupper() or _PRODUCT_SHAPE.match(surface):
                    continue
                if (kb_product := self.kb.lookup(surface)) and kb_product.kind == "product":
                    continue
                kb_e = kb_people.get(surface)
                kb_company = self.kb.lookup(surface)
                if kb_e is None and kb_company is not None and kb_company.kind != "person":
                    ent = self._entity(ents, kb_company.kind, kb_company.name, kb_company.parent, surface)
                    mentions.append(Mention(s, e, surface, kb_company.kind, ent.id))
                    continue
                name = kb_e.name if kb_e else self._full_person_name(surface, s, people_full)
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
        mentions = self._propagate_surnames(text, mentions, ents)
        self._media_from_context(text, mentions, ents)
        aff = self._affiliations(text, mentions, ents)
        return Analysis(text, sentences, docs, mentions, ents, timexes, aff, country)

    @staticmethod
    def _propagate_surnames(text: str, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
        """A family name used alone after the full name ("Jobs", "Cho") is the same person."""
        family: dict[str, str] = {}
        for m in mentions:
            if m.kind == "person" and m.entity and len(m.text.split()) >= 2:
                toks = m.text.split()
                fam = toks[0] if "-" in toks[-1] else toks[-1]  # "Cho Joo-wan": family name first
                if len(fam) >= 3 and fam[0].isupper():
                    family.setdefault(fam, m.entity)
        if not family:
            return mentions
        covered = [(m.start, m.end) for m in mentions]
        extra = []
        rx = re.compile(r"\b(" + "|".join(re.escape(f) for f in family) + r")\b(?!['’]?\s*[A-Z])")
        for mt in rx.finditer(text):
            if any(s < mt.end() and mt.start() < e for s, e in covered):
                continue
            extra.append(Mention(mt.start(), mt.end(), mt.group(), "person", family[mt.group()]))
        return sorted(mentions + extra, key=lambda m: m.start)

    def _canonical_org(self, name: str) -> str:
        key = self.kb.key(name)
        # keep the original casing of the name without its corporate suffix
        words = name.split()
        while len(words) > 1 and self.kb.key(" ".join(words[:-1])) == key:
            words = words[:-1]
        return " ".join(words).rstrip(",")

    def _guess_parent(self, name: str) -> str | None:
        words = name.split()
        for n in range(len(words) - 1, 0, -1):
            e = self.kb.lookup(" ".join(words[:n]))
            if e is not None and e.kind == "company":
                return e.name
        return None

    @staticmethod
    def _full_person_name(surface: str, pos: int, people_full: list[tuple[int, str]]) -> str:
        """A surname or partial name resolved to the nearest earlier full name that contains it."""
        toks = surface.split()
        best = None
        for s, full in people_full:
            if s > pos and best is not None:
                break
            if all(t in full.split() for t in toks):
                best = full
        if best is None:  # a later full name ("Jobs ... Steve Jobs") still identifies it
            best = next((f for s, f in people_full if all(t in f.split() for t in toks)), surface)
        return best

    def _media_from_context(self, text: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
        """Companies quoted as sources ("according to X", "X reported") are outlets in that role."""
        for m in mentions:
            if m.kind != "company" or m.entity is None:
                continue
            kb_e = self.kb.lookup(ents[m.entity].name)
            if kb_e is not None:
                continue
            before = text[max(0, m.start - 40):m.start]
            after = text[m.end:m.end + 30]
            if (_MEDIA_CONTEXT_BEFORE.search(before) and re.search(r"(according to|report by|reported by|quoted"
                                                                   r"|cited by|as per)", before, re.IGNORECASE)) or re.match(r"^\s*(reported|quoted)\b", after):
                self._retype(m, ents, "media")

    def _retype(self, m: Mention, ents: dict[str, Entity], kind: str) -> None:
        old = ents.pop(m.entity)  # type: ignore[arg-type]
        new = self._entity(ents, kind, old.name, None)
        new.aliases = old.aliases
        for other in ents.values():
            if other.parent == old.name:
                other.parent = None
        m.kind, m.entity = kind, new.id

    def _affiliations(self, text: str, mentions: list[Mention], ents: dict[str, Entity]) -> dict[str, str]:
        """Person -> company from titles and appositions ("LG Electronics CEO Cho Joo-wan",
        "Cho Joo-wan, chief executive officer of LG Electronics Inc.", "Kim Dong-myung of LG Energy Solution")."""
        aff: dict[str, str] = {}
        org_kinds = ("company", "organization")
        ordered = sorted(mentions, key=lambda m: m.start)
        for i, m in enumerate(ordered):
            if m.kind != "person" or m.entity is None:
                continue
            person = ents[m.entity]
            # <ORG> [<ROLE>] <PERSON>
            for prev in reversed(ordered[max(0, i - 3):i]):
                gap = text[prev.end:m.start]
                if prev.kind in org_kinds and len(gap) <= 45 and "," not in gap:
                    g = re.sub(r"^['’]s", "", gap).strip()
                    role = _ROLE.fullmatch(g) or (g == "")
                    if role and prev.entity:
                        aff.setdefault(m.entity, prev.entity)
                        if g:
                            person.info.setdefault("role", g)
                    break
                if prev.kind not in ("date",):
                    break
            # <PERSON>, <ROLE> of <ORG>   |   <PERSON> of <ORG>
            for nxt in ordered[i + 1:i + 3]:
                gap = text[m.end:nxt.start]
                if nxt.kind in org_kinds and len(gap) <= 60 and nxt.entity:
                    g = gap.strip()
                    mm = re.fullmatch(rf",?\s*(?:the\s+|a\s+|an\s+)?(?P<role>{ROLE_RE})?\s*(?:of|at|from|for)\s*(?:the\s+)?",
                                      g, re.IGNORECASE)
                    if mm:
                        aff.setdefault(m.entity, nxt.entity)
                        if mm["role"]:
                            person.info.setdefault("role", mm["role"])
                    break
            hint = person.info.get("affiliation_hint")
            if m.entity not in aff and hint:
                kb_e = self.kb.lookup(hint)
                if kb_e:
                    ent = self._entity(ents, kb_e.kind, kb_e.name, kb_e.parent)
                    aff[m.entity] = ent.id
        for pid, cid in aff.items():
            ents[pid].info["affiliation"] = ents[cid].name
        return aff
