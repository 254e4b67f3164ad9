"""Find business events in one analysed document: triggers by type, the time expression each trigger
governs, participants (with simple coreference for pronouns and "the German carmaker"), status and
confidence; then coalesce the sentences that report the same event into one event."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ...model import EVENT_TYPE_LABELS, Amount, Document, Event, Mention, Source
from ..dating.when import (
    BACKGROUND,
    FUTURE,
    HEDGE,
    ONGOING,
    TENTATIVE,
    attach_timexes,
    best_interval,
    clause_triggers,
    continues,
    news_convention_ok,
    split_by_dates,
)
from ..dating.when_anaphor import change_date_sentence, date_planned_change
from ..kb import KnowledgeBase
from ..mentions.finder import Analysis
from ..participants.appointees import (
    appointment_companies,
    assign_appointees,
    clause_status,
    company_of_title,
    inherit_succession_dates,
    split_by_person,
)
from ..participants.companies import argument_spans, comparison_spans, names_of, sentence_companies
from ..participants.deals import other_side, sentence_links
from ..participants.disputes import dispute_parties, is_dispute_step
from ..participants.person_refs import PersonResolver
from ..participants.pronouns import pronoun_companies
from ..participants.supply import borrow_dates
from ..triggers.find import Trigger, is_anaphor, object_words, sentence_triggers
from ..triggers.products import additive
from ..triggers.senses import aside_mention, not_reported_as_event
from ..vocabulary import words
from .coalesce import BACKREF_CUE, DEAL_ANAPHOR, absorb, coalesce_target, fold_headline, fold_summaries
from .grouping import group_product, group_triggers, split_by_products

_MAKER_TYPES = ("launch", "appointment", "financial")
_MASS_PLURALS = words("events", "mass_plurals")


def _date_only(sent_text: str, ments: list[Mention]) -> bool:
    rest = sent_text
    for m in ments:
        if m.kind == "date":
            rest = rest.replace(m.text, "")
    return len(re.sub(r"[\W_]+", "", rest)) == 0 and any(m.kind == "date" for m in ments)


def _is_headline(sent_text: str, title: str) -> bool:
    s = " ".join(sent_text.split())
    return bool(title) and (s == title or title.startswith(s) or s.startswith(title))


def _in_subject(sent: Any, off: int, m: Mention) -> bool:
    tok = next((t for t in sent if off + t.idx == m.start), None)
    while tok is not None and tok.dep_ in ("compound", "flat", "amod") and tok.head is not tok:
        tok = tok.head
    if tok is None or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    # the subject of a finite clause, not of an infinitive ("passed Wal-Mart to become No. 1")
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.head.children)


def _participants(named: list[tuple[str, int]], trs: list[Trigger], off: int) -> list[str]:
    """The named companies that fill the triggers' roles; all of the sentence's when none does."""
    compared = comparison_spans(trs[0].token.sent, off)
    named = [(n, pos) for n, pos in named if not any(a <= pos < b for a, b in compared)] or named
    spans = [(off + a, off + b) for t in trs for a, b in argument_spans(t.token)]
    inside = [n for n, pos in named if any(a <= pos < b for a, b in spans)]
    if not inside and _demonstrative(trs):
        return []  # "this release leaves ...": the companies of the event it refers back to
    return list(dict.fromkeys(inside or [n for n, _ in named]))


def _by_pronoun(companies: list[str], named: list[tuple[str, int]], prons: list[tuple[str, int]],
                trs: list[Trigger], off: int) -> list[str]:
    """The companies that pronouns in the triggers' roles stand for ("it bought control of X"), added to those
    named there; an event with no company named in its roles gets none this way (a pronoun alone is too weak)."""
    if not companies or not prons:
        return companies
    spans = [(off + a, off + b) for t in trs for a, b in argument_spans(t.token)]
    if not any(any(a <= pos < b for a, b in spans) for _n, pos in named):
        return companies
    return list(dict.fromkeys(companies + [n for n, pos in prons if any(a <= pos < b for a, b in spans)]))


def _demonstrative(trs: list[Trigger]) -> bool:
    """"this release", "that deal": triggers that point back to an event told before."""
    return all(any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in t.token.children)
               for t in trs)


def _nearest(triggers: list[Trigger], pos: int) -> Trigger:
    return min(triggers, key=lambda t: abs(t.start - pos))


class EventFinder:
    """Extracts document-level events from an :class:`Analysis`."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def find(self, doc: Document, an: Analysis) -> list[Event]:
        text = an.text
        ents = an.entities
        events: list[Event] = []
        touched: list[Event] = []  # most recently created or extended event last
        meta: dict[str, dict[str, Any]] = {}
        last_people: list[str] = []
        company_history: list[Mention] = []
        subjects: list[Mention] = []
        disputes: set[str] = set()  # ids of the events that are steps of a legal dispute
        sent_no = -1
        names = {eid: e.name for eid, e in an.entities.items() if e.kind == "person"}
        persons = PersonResolver(names, {e.name: str(e.info.get("role", "")) for e in an.entities.values()
                                         if e.kind == "person"})
        para_no = lead_para = -1
        role = "headline"
        sent_starts = [a for a, _ in an.sentences]
        salience = Counter(m.entity for m in an.mentions if m.entity)
        for off, sdoc in an.docs:
            if doc.in_clutter(off):
                continue
            para_no += 1
            for sent in sdoc.sents:
                s0, s1 = off + sent.start_char, off + sent.end_char
                while s0 < s1 and text[s0].isspace():  # an evidence span starts at its first word
                    s0 += 1
                sent_text = text[s0:s1]
                ments = an.mentions_in(s0, s1)
                if doc.in_clutter(s0):
                    continue
                if _date_only(sent_text, ments):
                    continue  # a dateline
                sent_no += 1
                if sent_no == 0:
                    role = "headline" if _is_headline(sent_text, doc.title) else "lead"
                elif sent_no == 1 and role == "headline":
                    role = "lead"
                elif role in ("lead", "lead-para") and para_no == lead_para:
                    role = "lead-para"
                else:
                    role = "body"
                if role == "lead":
                    lead_para = para_no
                triggers = sentence_triggers(sent, off)
                triggers += clause_triggers(sent, off, triggers, ments)
                named = sentence_companies(sent_text, s0, ments, ents, an, last_people, company_history, touched,
                                           subjects, sent)
                for m in ments:
                    if m.kind in ("company",):
                        company_history.append(m)
                        if _in_subject(sent, off, m):
                            subjects.append(m)
                people_here = [m.entity for m in ments if m.kind == "person" and m.entity]
                speaker = an.person_affiliation.get(people_here[-1]) if people_here else None  # "…," said X
                prons = pronoun_companies(sent, off, sent_starts, subjects, ents,
                                          ents[speaker].name if speaker in ents else None, salience)
                prior = [names[p] for p in last_people if p in names]
                if people_here:
                    last_people = people_here
                maker = next((e for e in reversed(touched) if e.type == "launch" or "builders" in meta[e.id]), None)
                pairs = sentence_links(sent, off, ments, ents, named,
                                       meta[maker.id].get("builders", maker.companies) if maker else [])
                link_trs = [t for t, _ in pairs]
                exclusive = {t.token.i for t in link_trs if t.type == "partnership"}
                triggers = [t for t in triggers if t.token.i not in exclusive  # "only available on X": the deal
                            and not (t.type == "plan" and link_trs)]  # "plans to distribute X's films": the deal
                if not triggers and not link_trs:
                    if (when := change_date_sentence(sent, ments, an)) is not None:
                        date_planned_change(events, meta, sent_no, when)  # "This switch will happen next year"
                    continue
                attach_timexes(doc, an, sent, off, s0, ments, triggers + link_trs)
                borrow_dates(link_trs, triggers)
                triggers = assign_appointees(triggers, sent, off, ments, persons, prior)
                triggers += link_trs
                link_of = {(t.token.i, t.type): lk for t, lk in pairs}
                # one event per (type, date, product) in the sentence
                groups = group_triggers(split_by_products(split_by_dates(triggers, an)), an, doc.date)
                groups = split_by_person(groups)
                all_trs = [t for trs in groups.values() for t in trs]
                for (etype, _), trs in groups.items():
                    local = [m for m in ments if m.kind != "place" or len(groups) == 1 or
                             _nearest(all_trs, m.start) in trs]
                    companies = _by_pronoun(_participants(named, trs, off), named, prons, trs, off)
                    mine = [link_of[(t.token.i, t.type)] for t in trs if (t.token.i, t.type) in link_of]
                    outsiders = {c for (_, ty), lk in link_of.items() if ty != etype for c in lk.outsiders}
                    if mine:  # a part built into a product, a product sold only through a carrier
                        companies = list(dict.fromkeys([c for lk in mine for c in lk.parties]))
                    elif [c for c in companies if c not in outsiders]:
                        companies = [c for c in companies if c not in outsiders]  # not a party of the launch
                    if etype in ("partnership", "supply") and not mine:
                        companies += other_side(trs[0].token, off, named, companies)
                    if etype == "appointment":
                        companies = appointment_companies(named, trs, off) or companies or company_of_title(
                            sent_text, s0, company_history, ents)
                    told = [e for e in touched if "builders" not in meta[e.id]]  # not a part or a carrier's deal
                    if not companies and etype in _MAKER_TYPES and told and not _demonstrative(trs):
                        companies = list(told[-1].companies)  # "iPhone 4 will be available": its maker's
                    ev = self._make_event(doc, an, etype, trs, sent_text, s0, s1, companies, local)
                    if ev is None:
                        continue
                    if etype == "appointment" and not ev.start:
                        ev.status = clause_status(trs[0].token, ev.status)
                    if maker and not ev.start and any(lk.inherited and lk.type == "supply" for lk in mine):
                        ev.start, ev.end, ev.precision = maker.start, maker.end, maker.precision
                    if is_dispute_step(trs[0].token, etype):  # "the first lawsuit was settled": A's and B's
                        ev.companies = dispute_parties(ev.companies, events, disputes)
                        disputes.add(ev.id)
                    while ev.id in meta:  # one trigger split by dates: one id each
                        ev.id += "'"
                    before = text[max(s0, trs[0].start - 45):trs[0].start]
                    plural = any(t.token.tag_ == "NNS" and t.token.lower_ not in _MASS_PLURALS
                                 and (t.token.i, t.type) not in link_of for t in trs)
                    meta[ev.id] = {"sent": sent_no, "backref": bool(BACKREF_CUE.search(before)),
                                   "deal_anaphor": bool(DEAL_ANAPHOR.search(sent_text)), "plural": plural,
                                   "anaphoric": any(is_anaphor(t.token) for t in trs) and not ev.start,
                                   "objects": object_words(trs) | {lk.part for lk in mine if lk.part},
                                   "role": role, "person": trs[0].person, "kind": trs[0].kind,
                                   "others": [o for t in trs for o in t.others],
                                   "ref": next((t.ref for t in trs if t.ref), None), "product": group_product(trs),
                                   "kinds": frozenset().union(*(t.kinds for t in trs)),
                                   "additive": any(additive(t.token) for t in trs if t.type == "launch")}
                    if mine:
                        meta[ev.id]["builders"] = [c for lk in mine for c in lk.builders]
                    prev = coalesce_target(self.kb, ev, events, meta, anaphoric_only=True)
                    if prev is None:
                        if not ev.start and doc.date:
                            self._date_by_convention(doc, ev, trs[0], sent_text, role, touched, meta)
                        if not ev.companies or (not ev.start and not_reported_as_event(trs[0].token)):
                            continue
                        prev = None if meta[ev.id]["plural"] else coalesce_target(self.kb, ev, events, meta)
                    if prev is not None:
                        absorb(prev, ev)
                        meta[prev.id]["product"] = meta[prev.id]["product"] | meta[ev.id]["product"]
                        meta[prev.id]["last_sent"] = sent_no
                        touched.append(prev)
                    elif not ev.start and doc.date and role == "body" and aside_mention(trs[0].token, ev.status):
                        continue
                    else:
                        meta[ev.id]["last_sent"] = sent_no
                        events.append(ev)
                        touched.append(ev)
        events = fold_headline(self.kb, events, meta)
        events = fold_summaries(self.kb, events, meta)
        inherit_succession_dates(events, meta, doc.date)
        for ev in events:
            ev.summary = summarise(ev)
            ev.confidence = round(ev.confidence, 4)  # no float noise (0.8999…): stored and merged runs tie alike
        return events

    # -- events -------------------------------------------------------------------------------------
    @staticmethod
    def _date_by_convention(doc: Document, ev: Event, trig: Trigger, sent_text: str, role: str,
                            touched: list[Event], meta: dict[str, dict[str, Any]]) -> None:
        """News convention: the headline's and the lead's event, with no time expression of its own, happened
        on the publication date; a continuation sentence takes the date of the event it continues."""
        assert doc.date is not None
        prev = None
        if continues(sent_text, trig) and not BACKGROUND.search(sent_text):
            # "also" continues something that happened, never a state ("has been supplying X since 2020")
            prev = next((e for e in reversed(touched) if e.start and meta.get(e.id, {}).get("role") != "background"
                         and not meta.get(e.id, {}).get("backref") and e.end and e.end <= doc.date
                         and e.status != "ongoing"), None)
        if news_convention_ok(sent_text, trig, ev.status, role) and (prev is None or role in ("headline", "lead")):
            ev.start = ev.end = doc.date
            ev.precision = "day"
            meta[ev.id]["convention"] = True
        elif prev is not None:  # "It also announced ...": the date of the event it continues, before the convention
            ev.start, ev.end, ev.precision = prev.start, prev.end, prev.precision
            if ev.status == "planned" and not FUTURE.search(sent_text):
                ev.status = "happened"


    def _make_event(self, doc: Document, an: Analysis, etype: str, trs: list[Trigger], sent_text: str,
                    s0: int, s1: int, companies: list[str], ments: list[Mention]) -> Event | None:
        trig = trs[0]
        timexes = [m for t in trs for m in t.timexes]
        if etype == "appointment" and not trig.person:
            return None
        iv = best_interval(timexes, an)
        people = names_of(ments, "person", an)
        if trig.person:  # the appointee first
            people = [trig.person] + [p for p in people if p != trig.person]
        places = names_of(ments, "place", an)
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


def is_generic_summary(summary: str, etype: str) -> bool:
    """Whether a summary is ``summarise``'s type-and-companies line (any label, round 2 or v3), not a title."""
    head = summary.split(":", 1)[0]
    return ":" in summary and head in (EVENT_TYPE_LABELS.get(etype, etype), *EVENT_TYPE_LABELS.values())


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

