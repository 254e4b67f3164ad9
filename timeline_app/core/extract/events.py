"""Find business events in one analysed document: triggers by type, the time expression each trigger
governs, participants (with simple coreference for pronouns and "the German carmaker"), status and
confidence; then coalesce the sentences that report the same event into one event."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..dates.intervals import finer, intervals_nested
from ..dates.timevalues import value_interval
from ..model import EVENT_TYPE_LABELS, Amount, Document, Event, Mention, Source
from .kb import KnowledgeBase
from .mentions import Analysis

# lemma -> type, for verbs and nouns (POS-checked below)
VERB_TRIGGERS = {
    "meet": "meeting", "visit": "meeting", "tour": "meeting", "host": "meeting", "dine": "meeting",
    "supply": "supply", "deliver": "supply", "ship": "supply", "procure": "supply", "source": "supply",
    "equip": "supply",
    "partner": "partnership", "cooperate": "partnership", "collaborate": "partnership", "ally": "partnership",
    "team": "partnership", "tie": "partnership",
    "invest": "investment", "acquire": "investment", "buy": "investment", "purchase": "investment",
    "merge": "investment", "fund": "investment", "finance": "investment", "build": "investment",
    "launch": "launch", "unveil": "launch", "introduce": "launch", "release": "launch", "debut": "launch",
    "showcase": "launch", "roll": "launch",
    "appoint": "appointment", "hire": "appointment", "promote": "appointment", "nominate": "appointment",
    "resign": "appointment", "retire": "appointment", "succeed": "appointment", "elect": "appointment",
    "plan": "plan", "announce": "plan", "aim": "plan", "intend": "plan", "pursue": "plan", "consider": "plan",
    "explore": "plan", "review": "plan", "seek": "plan",
    "sue": "other", "recall": "other", "halt": "other", "ban": "other", "fine": "other",
    "sign": "partnership", "strike": "partnership", "agree": "partnership", "win": "supply", "secure": "supply",
    "enter": "partnership", "report": "financial", "post": "financial", "earn": "financial", "opt": "supply",
}
NOUN_TRIGGERS = {
    "meeting": "meeting", "visit": "meeting", "talks": "meeting", "summit": "meeting", "gathering": "meeting",
    "dinner": "meeting", "session": "meeting", "encounter": "meeting", "trip": "meeting", "tour": "meeting",
    "supply": "supply", "supplier": "supply", "delivery": "supply", "shipment": "supply", "order": "supply",
    "contract": "supply",
    "partnership": "partnership", "cooperation": "partnership", "collaboration": "partnership",
    "alliance": "partnership", "tie": "partnership", "venture": "partnership", "pact": "partnership",
    "agreement": "partnership", "deal": "partnership", "mou": "partnership", "memorandum": "partnership",
    "investment": "investment", "acquisition": "investment", "stake": "investment", "merger": "investment",
    "takeover": "investment", "buyout": "investment", "funding": "investment", "plant": "investment",
    "factory": "investment",
    "launch": "launch", "debut": "launch", "release": "launch", "unveiling": "launch", "rollout": "launch",
    "earnings": "financial", "profit": "financial", "revenue": "financial", "result": "financial",
    "loss": "financial", "income": "financial", "sales": "financial",
    "appointment": "appointment", "resignation": "appointment",
    "plan": "plan", "announcement": "plan",
    "lawsuit": "other", "dispute": "other", "recall": "other", "fine": "other",
}
# Weak triggers only count as the event when nothing stronger is in the sentence.
WEAK = {"plan", "announce", "aim", "intend", "consider", "explore", "review", "seek", "pursue", "report",
        "post", "sign", "strike", "agree", "enter", "win", "secure", "build", "plant", "factory", "host", "order",
        "source", "roll", "tie", "result", "income", "sales", "loss", "session", "tour", "trip", "introduce",
        "release", "contract", "agreement", "deal", "finance", "fund", "succeed", "ship", "equip"}
# A type that another type in the same sentence absorbs (a supply deal is not also a partnership).
HEADER_ZONE = 120  # characters at the top of an article where datelines live
DEAL_ANAPHOR = re.compile(r"\b(the|this|that)\s+(deal|agreement|contract|pact|order)\b", re.I)
BACKREF_CUE = re.compile(r"\b(since|after|before|follows?|following|than|earlier|previous|prior|last|first)\b", re.I)
# When only weak triggers are present, keep the most specific type.
TYPE_PRIORITY = ["supply", "investment", "partnership", "launch", "financial", "appointment", "meeting", "other", "plan"]
# A time expression in an attribution ("according to the group Monday", "said on Friday") dates the report.
ATTRIBUTION = re.compile(r"(according to[^.,;]{0,40}|\b(?:said|says|told [\w ]{1,20}|reported|stated|quoted as saying)"
                         r"(?:\s+on)?)\s*$", re.I)
ABSORBED_BY = {
    "partnership": {"supply", "investment", "meeting"},
    "plan": {"meeting", "supply", "partnership", "investment", "launch", "financial", "appointment", "other"},
    "financial": {"investment", "supply"},
}
FUTURE = re.compile(r"\b(will|shall|set to|plans? to|planning to|scheduled to|expected to|expects to|aims? to|"
                    r"aiming to|is to|are to|going to|intends? to|would|upcoming|slated to|to be held)\b", re.I)
TENTATIVE = re.compile(r"\b(in discussions?|in talks|negotiat\w+|considering|reviewing|exploring|pursuing|potential"
                       r"|may|might|could|likely|possible|proposed)\b", re.I)
HEDGE = re.compile(r"\b(reportedly|reports suggest|sources said|it is known|rumou?r\w*|not been finalized|not yet "
                   r"decided|not finalized|unconfirmed|speculation|allegedly)\b", re.I)
ONGOING = re.compile(r"\b(has been \w+ing|have been \w+ing|continues? to|maintains?|ongoing|since \d{4}"
                     r"|already supplies|remains?)\b", re.I)
PRONOUN_PERSON = re.compile(r"^\W*(He|She)\b")
NOMINAL = re.compile(r"\b(?:the|The)\s+((?:[A-Z][a-z]+|South Korean|North American)\s+)?(automaker|carmaker|company|firm|"
                     r"group|conglomerate|chipmaker|maker|supplier|manufacturer|giant|EV company|EV maker|"
                     r"battery maker|tech giant|former|latter|client)\b")
PLURAL_ANAPHOR = re.compile(r"\b(the two (?:companies|firms|sides|groups|partners)|both (?:companies|firms|sides)|"
                            r"the two|[Tt]hey|[Tt]heir|the partners)\b")
NATIONALITY = {"German": "DE", "Korean": "KR", "South Korean": "KR", "Chinese": "CN", "Japanese": "JP",
               "American": "US", "US": "US", "U.S.": "US", "French": "FR", "Swedish": "SE", "Taiwanese": "TW",
               "British": "GB", "Dutch": "NL", "Indian": "IN"}


@dataclass
class _Trigger:
    type: str
    token: Any
    start: int
    end: int
    weak: bool
    timexes: list[Mention] = field(default_factory=list)


_FACILITIES = {"plant", "factory", "facility", "fab", "line", "capacity", "base", "center", "centre", "complex", "site",
               "gigafactory", "hub", "campus", "warehouse", "mine", "refinery", "office"}
_FINANCIAL_NOUNS = {"earning", "earnings", "profit", "revenue", "result", "loss", "income", "sale", "sales", "margin"}
_STAKES = {"stake", "share", "company", "firm", "business", "unit", "division", "fab", "plant", "factory", "startup",
           "rival", "maker", "operation", "asset", "subsidiary", "affiliate", "brand", "interest", "equity", "control"}
_NOT_EVENT_HEADS = {"chain", "shortage", "disruption", "issue", "constraint", "glut", "crunch", "bank", "banker",
                    "fund", "firm", "date", "pad", "side", "demand", "line", "base", "network", "system", "risk"}


def _trigger_type(tok: Any) -> str | None:
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
        if lemma in ("consider", "review", "explore") and any(c.dep_ == "auxpass" for c in tok.children):
            return None  # "is considered a key partner"
        if lemma == "opt":
            return "supply" if any(c.text.lower() == "for" for c in tok.children) else None
        if t == "investment" and lemma in ("buy", "purchase", "acquire"):
            objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
            if objs and not any(o.pos_ == "PROPN" or o.lemma_.lower() in _STAKES for o in objs):
                return "supply"  # buying products is procurement, not an acquisition
        return t
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in _NOT_EVENT_HEADS:
            return None  # "supply chain", "investment bank", "launch date"
        if text == "talks" or (lemma == "talk" and text.endswith("s")):
            return "meeting"
        if lemma == "order" and any(c.text.lower() == "in" for c in tok.head.children) and tok.head.text == "in":
            return None
        if lemma == "venture" and not any(c.text.lower() == "joint" for c in tok.children):
            return None
        if lemma in ("plant", "factory") and tok.head.lemma_.lower() not in ("build", "construct", "open", "establish",
                                                                          "complete", "invest", "expand", "start"):
            return None  # a plant mentioned is not a plant built
        return NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(text)
    return None


def _names(ments: list[Mention], kind: str, an: Analysis) -> list[str]:
    """Canonical names of the entities of one kind mentioned, in order, once each."""
    return list(dict.fromkeys(an.entities[m.entity].name for m in ments if m.kind == kind and m.entity))


def _is_anaphor(tok: Any) -> bool:
    """"the meeting", "this deal", "during the visit": a definite reference back to a known event
    (but not "the China Development Forum gathering", which names a new one)."""
    dets = [c for c in tok.children if c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their", "its")]
    named = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_)]
    return bool(dets) and not named


def _attach(timex_tokens: list[Any], triggers: list[_Trigger]) -> _Trigger | None:
    """The trigger a time expression belongs to: the first trigger up its dependency chain, else the nearest."""
    if not triggers:
        return None
    by_token = {t.token.i: t for t in triggers}
    for tok in timex_tokens:
        cur, seen = tok, 0
        while seen < 12:
            if cur.i in by_token:
                return by_token[cur.i]
            # a trigger among the head's nominal dependents ("This week's gathering")
            if cur.head is cur:
                break
            cur = cur.head
            seen += 1
    pos = timex_tokens[0].idx if timex_tokens else 0
    return min(triggers, key=lambda t: abs(t.token.idx - pos))


class EventFinder:
    """Extracts document-level events from an :class:`Analysis`."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def find(self, doc: Document, an: Analysis) -> list[Event]:
        text = an.text
        ents = an.entities
        events: list[Event] = []
        touched: list[Event] = []  # most recently created or extended event last
        meta: dict[str, dict] = {}
        last_people: list[str] = []
        company_history: list[Mention] = []
        sent_no = -1
        for off, sdoc in an.docs:
            for sent in sdoc.sents:
                sent_no += 1
                s0, s1 = off + sent.start_char, off + sent.end_char
                sent_text = text[s0:s1]
                in_clutter = doc.in_clutter(s0)
                ments = an.mentions_in(s0, s1)
                if in_clutter:
                    continue
                triggers = []
                for tok in sent:
                    t = _trigger_type(tok)
                    if t:
                        triggers.append(_Trigger(t, tok, off + tok.idx, off + tok.idx + len(tok.text),
                                                 tok.lemma_.lower() in WEAK or tok.text.lower() in WEAK))
                companies = self._companies(sent_text, s0, ments, ents, an, last_people, company_history, touched)
                for m in ments:
                    if m.kind in ("company",):
                        company_history.append(m)
                people_here = [m.entity for m in ments if m.kind == "person" and m.entity]
                if people_here:
                    last_people = people_here
                if not triggers:
                    continue
                for t in triggers:
                    if t.token.dep_ == "ROOT" and t.token.pos_ == "VERB" and t.type != "plan":
                        t.weak = False
                    if t.type == "meeting" and t.token.text.lower() in ("talks", "discussions") and \
                            t.token.head.text.lower() == "in":
                        t.weak = True
                strong = [t for t in triggers if not t.weak]
                if strong:
                    triggers = strong
                else:
                    top = min(TYPE_PRIORITY.index(t.type) for t in triggers)
                    triggers = [t for t in triggers if TYPE_PRIORITY.index(t.type) == top]
                types = {t.type for t in triggers}
                triggers = [t for t in triggers if not (ABSORBED_BY.get(t.type, set()) & (types - {t.type}))]
                # attach each time expression to a trigger
                attribution: list[Mention] = []
                for m in ments:
                    if m.kind != "date" or m.value is None or m.info.get("type") in ("SET",):
                        continue
                    if m.info.get("type") == "DURATION" and m.info.get("mod") != "FUTURE":
                        continue
                    if doc.date and m.start < HEADER_ZONE and m.value == doc.date.isoformat():
                        continue  # the dateline: when it was published, not when it happened
                    toks = [tok for tok in sent if off + tok.idx >= m.start and off + tok.idx < m.end]
                    if ATTRIBUTION.search(text[max(s0, m.start - 60):m.start]):
                        attribution.append(m)  # dates the report: used only when nothing else dates the event
                        continue
                    tr = _attach(toks, triggers)
                    if tr:
                        tr.timexes.append(m)
                if attribution and not any(t.timexes for t in triggers):
                    for t in triggers:
                        t.timexes.extend(attribution)
                # one event per (type, date) in the sentence
                groups: dict[tuple[str, str], list[_Trigger]] = {}
                for t in triggers:
                    iv = self._best_interval(t.timexes, an)
                    groups.setdefault((t.type, iv[2] if iv else ""), []).append(t)
                all_trs = [t for trs in groups.values() for t in trs]
                for (etype, _), trs in groups.items():
                    local = [m for m in ments if m.kind != "place" or len(groups) == 1 or
                             min(all_trs, key=lambda t: abs(t.start - m.start)) in trs]
                    ev = self._make_event(doc, an, etype, trs, sent_text, s0, s1, companies, local)
                    if ev is None:
                        continue
                    before = text[max(s0, trs[0].start - 45):trs[0].start]
                    meta[ev.id] = {"sent": sent_no, "backref": bool(BACKREF_CUE.search(before)),
                                   "deal_anaphor": bool(DEAL_ANAPHOR.search(sent_text)), "plural": any(t.token.tag_ == "NNS" and t.token.text.lower() not in
                                                              ("talks", "sales", "earnings", "results") for t in trs),
                                   "anaphoric": any(_is_anaphor(t.token) for t in trs) and not ev.start}
                    if not ev.companies:
                        prev = self._coalesce_target(ev, events, meta, anaphoric_only=True)
                        if prev is not None:
                            _absorb(prev, ev)
                            meta[prev.id]["last_sent"] = sent_no
                            touched.append(prev)
                        continue
                    prev = None if meta[ev.id]["plural"] else self._coalesce_target(ev, events, meta)
                    if prev is not None:
                        _absorb(prev, ev)
                        meta[prev.id]["last_sent"] = sent_no
                        touched.append(prev)
                    else:
                        meta[ev.id]["last_sent"] = sent_no
                        events.append(ev)
                        touched.append(ev)
        events = self._fold_summaries(events, meta)
        for ev in events:
            ev.summary = summarise(ev)
        return events

    def _fold_summaries(self, events: list[Event], meta: dict) -> list[Event]:
        """A plural report ("held meetings with ...") that the article then details event by event is
        evidence for each of those events, not an event of its own."""
        out = []
        for ev in events:
            if meta.get(ev.id, {}).get("plural"):
                parts = [o for o in events if o is not ev and o.type == ev.type and not meta[o.id].get("plural")
                         and company_sets_compatible(o.companies, ev.companies, self.kb)
                         and (not o.start or not ev.start or intervals_nested(o, ev))]
                if parts:
                    for o in parts:
                        if not any(x.document == ev.sources[0].document and x.start == ev.sources[0].start
                                   for x in o.sources):
                            o.sources.append(ev.sources[0])
                        if finer(ev.precision, o.precision):
                            o.start, o.end, o.precision = ev.start, ev.end, ev.precision
                    continue
            out.append(ev)
        return out

    # -- participants --------------------------------------------------------------------------------
    def _companies(self, sent_text: str, s0: int, ments: list[Mention], ents, an: Analysis,
                   last_people: list[str], history: list[Mention], events: list[Event]) -> list[str]:
        names: list[str] = []

        def add(eid: str | None) -> None:
            if eid and eid in ents and ents[eid].kind == "company":
                n = ents[eid].name
                if n not in names:
                    names.append(n)

        for m in ments:
            if m.kind == "company":
                add(m.entity)
            elif m.kind == "person" and m.entity:
                add(an.person_affiliation.get(m.entity))
        if PRONOUN_PERSON.match(sent_text) and last_people:
            add(an.person_affiliation.get(last_people[0]))
        for nm in NOMINAL.finditer(sent_text):
            nat = (nm.group(1) or "").strip()
            word = nm.group(2)
            pos = s0 + nm.start()
            cands = [h for h in reversed(history) if h.start < pos and h.entity]
            if word == "latter":
                cands = cands[:1]
            elif word == "former":
                seen = []
                for h in cands:
                    if h.entity not in seen:
                        seen.append(h.entity)
                cands = [h for h in cands if len(seen) > 1 and h.entity == seen[1]][:1]
            for h in cands:
                name = ents[h.entity].name
                if nat and NATIONALITY.get(nat) and an.entity_country.get(h.entity) not in (None, NATIONALITY[nat]):
                    continue
                if nat and NATIONALITY.get(nat) and an.entity_country.get(h.entity) is None:
                    continue
                if name in names and not nat:
                    break
                add(h.entity)
                break
        if PLURAL_ANAPHOR.search(sent_text) and len(names) < 2 and events:
            for n in events[-1].companies:
                if n not in names:
                    names.append(n)
        return names

    # -- events -------------------------------------------------------------------------------------
    @staticmethod
    def _best_interval(timexes: list[Mention], an: Analysis):
        best = None
        order = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5, "decade": 6}
        for m in timexes:
            tx = next((t for t in an.timexes if t.start == m.start and t.end == m.end), None)
            iv = tx.interval if tx else (value_interval(m.value) if m.value else None)
            if iv and (best is None or order.get(iv[2], 9) < order.get(best[2], 9)):
                best = (iv[0], iv[1], iv[2], m)
        return best

    def _make_event(self, doc: Document, an: Analysis, etype: str, trs: list[_Trigger], sent_text: str,
                    s0: int, s1: int, companies: list[str], ments: list[Mention]) -> Event | None:
        trig = trs[0]
        timexes = [m for t in trs for m in t.timexes]
        if etype == "appointment" and not any(m.kind == "person" for m in ments):
            return None
        iv = self._best_interval(timexes, an)
        people = _names(ments, "person", an)
        places = _names(ments, "place", an)
        amounts = []
        paired = set()
        for m in ments:
            if m.kind != "money" or id(m) in paired:
                continue
            info = m.info
            amounts.append(Amount(info["value"], info["currency"], m.text, info.get("usd")))
            if info["currency"] != "USD" and info.get("usd") is not None:
                for o in ments:
                    if o.kind == "money" and o.info.get("currency") == "USD" and o.info["value"] == info["usd"]:
                        paired.add(id(o))
        amounts = [a for a in amounts if not (a.currency == "USD" and any(
            b.usd == a.value and b.currency != "USD" for b in amounts))]
        mod = iv[3].info.get("mod") if iv else None
        status = "happened"
        if FUTURE.search(sent_text) or TENTATIVE.search(sent_text) or mod == "FUTURE" or mod == "BY":
            status = "planned"
        if ONGOING.search(sent_text) or mod == "SINCE":
            status = "ongoing"
        if iv and doc.date and iv[0] > doc.date:
            status = "planned"
        elif iv and doc.date and status == "planned" and (iv[1] < doc.date or mod == "EARLIER"):
            status = "happened"  # dated before publication: it has happened, whatever the sentence hedges
        start = end = None
        precision = "undated"
        if iv:
            start, end, precision = iv[0], iv[1], iv[2]
            if mod == "SINCE" and doc.date:
                end = doc.date
        conf = 0.45
        if trig.token.dep_ == "ROOT" or trig.token.head.dep_ == "ROOT":
            conf += 0.15
        if not trig.weak:
            conf += 0.1
        if len(companies) >= 2:
            conf += 0.1
        if iv:
            conf += 0.1
        if amounts:
            conf += 0.05
        if HEDGE.search(sent_text):
            conf -= 0.25
        if re.match(r"^\s*[\"“']", sent_text):
            conf -= 0.1
        ev = Event(
            id=f"{doc.id}:{trig.start}", type=etype, summary="", start=start, end=end, precision=precision,
            status=status, companies=list(companies), people=people, places=places, amounts=amounts,
            sources=[Source(doc.id, s0, s1, trig.start, trig.end)], confidence=max(0.05, min(0.97, conf)),
            trigger=trig.token.text,
        )
        return ev

    def _coalesce_target(self, ev: Event, events: list[Event], meta: dict, anaphoric_only: bool = False):
        """An earlier event in the same document that this sentence continues, if any.

        - "the meeting" / "the deal" (a definite reference) continues the latest such event that is not itself
          a back-reference ("since the gathering in March");
        - otherwise a sentence continues an event of the same type with compatible companies and dates when it
          directly follows it, or when both carry the same dates."""
        me = meta[ev.id]
        if (me["anaphoric"] or me["deal_anaphor"]) and not me["backref"] and not ev.start:
            deal_types = {"supply", "partnership", "investment"}
            for prev in reversed(events):
                pm = meta[prev.id]
                same = prev.type == ev.type or (me["deal_anaphor"] and prev.type in deal_types
                                                 and ev.type in deal_types | {"meeting", "plan"})
                if not same or pm.get("backref"):
                    continue
                if prev.start and ev.start and not intervals_nested(ev, prev):
                    continue
                if ev.companies and prev.companies and not any(
                        self.kb.root(a) == self.kb.root(b) for a in ev.companies for b in prev.companies):
                    continue
                return prev
        if anaphoric_only:
            return None
        for prev in reversed(events):
            if prev.type != ev.type:
                continue
            pm = meta[prev.id]
            if not company_sets_compatible(ev.companies, prev.companies, self.kb):
                continue
            if prev.start and ev.start:
                if not intervals_nested(ev, prev):
                    continue
                if ev.precision == prev.precision and ev.start != prev.start:
                    continue
                return prev
            adjacent = me["sent"] - pm.get("last_sent", pm["sent"]) <= 1
            if adjacent or (not prev.start and not ev.start and set(ev.companies) == set(prev.companies)):
                return prev
        return None


def company_sets_compatible(a: list[str], b: list[str], kb: KnowledgeBase) -> bool:
    """One set of companies is contained in the other, a group standing for any of its members."""
    def covered(x: list[str], y: list[str]) -> bool:
        return all(any(kb.same_company(c, d) for d in y) for c in x)
    members_a = {c for c in a if kb.root(c) != c}
    members_b = {c for c in b if kb.root(c) != c}
    if not (members_a <= members_b or members_b <= members_a):
        return False  # different members of a group: LG Display's deal is not LG Energy Solution's
    return bool(a and b) and (covered(a, b) or covered(b, a))


def _absorb(into: Event, ev: Event) -> None:
    """Fold a continuation sentence's event into the event it continues (same document)."""
    for src in ev.sources:
        if not any(o.document == src.document and o.start == src.start for o in into.sources):
            into.sources.append(src)
    for attr in ("companies", "people", "places"):
        lst = getattr(into, attr)
        for x in getattr(ev, attr):
            if x not in lst:
                lst.append(x)
    for a in ev.amounts:
        if not any(a.text == b.text for b in into.amounts):
            into.amounts.append(a)
    if finer(ev.precision, into.precision):
        into.start, into.end, into.precision = ev.start, ev.end, ev.precision
    into.confidence = min(0.97, max(into.confidence, ev.confidence) + 0.05)


def summarise(ev: Event) -> str:
    """A one-line summary: type, companies, place and amount."""
    label = EVENT_TYPE_LABELS.get(ev.type, ev.type)
    parts = [f"{label}: {', '.join(ev.companies) if ev.companies else 'unknown company'}"]
    if ev.places:
        parts.append(f"in {ev.places[0]}")
    if ev.amounts:
        a = ev.amounts[0]
        parts.append(f"({a.text})")
    if ev.status != "happened":
        parts.append(f"[{ev.status}]")
    return " ".join(parts)
