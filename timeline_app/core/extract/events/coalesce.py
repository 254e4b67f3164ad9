"""Coalescing within one article: the sentences that continue an event already reported (the same meeting,
"the deal") are folded into it; a plural report detailed event by event is folded into those events."""

from __future__ import annotations

import re
from typing import Any

from ...dates.intervals import PRECISION_RANK, finer, intervals_nested
from ...model import Amount, Event
from ..kb import KnowledgeBase
from ..triggers.appointments import same_change
from ..triggers.products import NO_PRODUCT, compatible
from ..vocabulary import alternation
from .grouping import kinds_meet

DEAL_ANAPHOR = re.compile(rf"\b(the|this|that)\s+({alternation('events', 'deal_nouns')})\b", re.I)
BACKREF_CUE = re.compile(rf"\b({alternation('events', 'backref_cues')})\b", re.I)


def fold_summaries(kb: KnowledgeBase, events: list[Event], meta: dict[str, dict[str, Any]]) -> list[Event]:
    """A plural report ("held meetings with ...") that the article then details event by event is
    evidence for each of those events, not an event of its own."""
    out = []
    for ev in events:
        if meta.get(ev.id, {}).get("plural"):
            parts = [o for o in events if o is not ev and o.type == ev.type and not meta[o.id].get("plural")
                     and same_kind(meta[ev.id], meta[o.id])
                     and company_sets_compatible(o.companies, ev.companies, kb)
                     and (not o.start or not ev.start or intervals_nested(o, ev)) and not periods_differ(o, ev)]
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



def coalesce_target(kb: KnowledgeBase, ev: Event, events: list[Event], meta: dict[str, dict[str, Any]],
                    anaphoric_only: bool = False) -> Event | None:
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
            if not same or pm.get("backref") or not same_change(me, pm) or not same_kind(me, pm):
                continue
            if prev.start and ev.start and not intervals_nested(ev, prev):
                continue
            if ev.companies and prev.companies and not any(
                    kb.root(a) == kb.root(b) for a in ev.companies for b in prev.companies):
                continue
            return prev
    if anaphoric_only:
        return None
    for prev in reversed(events):
        if prev.type != ev.type:
            continue
        pm = meta[prev.id]
        if not same_change(me, pm) or not same_kind(me, pm):
            continue  # another person's appointment, another change of the same person's role, another kind
        if not company_sets_compatible(ev.companies, prev.companies, kb) or not evidence_compatible(ev, prev):
            continue
        if me.get("objects") and pm.get("objects") and not me["objects"] & pm["objects"]:
            continue  # a launch of another product, results of another business: another event
        if me.get("person") and (not prev.start or not ev.start):
            return prev  # the same person's same change of role, told again
        if not same_product(me, pm):
            continue
        if prev.start and ev.start:
            if not intervals_nested(ev, prev):
                continue
            if ev.precision == prev.precision and ev.start != prev.start:
                continue
            return prev
        if not ev.start and me.get("product") and pm.get("product") and set(ev.companies) <= set(prev.companies):
            return prev  # the same named product told again, with no date and no party of its own
        adjacent = me["sent"] - pm.get("last_sent", pm["sent"]) <= 1
        same_object = bool(me.get("objects") and pm.get("objects"))
        if prev.start and not ev.start and pm.get("role") in ("headline", "lead") and ev.status == prev.status:
            return prev  # the article's news told again further down
        if adjacent or (not prev.start and not ev.start and set(ev.companies) == set(prev.companies)
                        and same_object):
            return prev
    return None


def same_kind(me: dict[str, Any], pm: dict[str, Any]) -> bool:
    """Whether two events of the generic type (their metadata) may be one: the v3 types their words name meet
    (a restructuring is not a job cut told again)."""
    return kinds_meet(me.get("kinds", frozenset()), pm.get("kinds", frozenset()))


def same_product(me: dict[str, Any], pm: dict[str, Any]) -> bool:
    """Whether two launch reports may be of one product: their product keys are compatible, and a report that
    adds an item ("also released the Y") names the same product as the earlier one."""
    a, b = me.get("product", NO_PRODUCT), pm.get("product", NO_PRODUCT)
    if not compatible(a, b):
        return False
    return not (me.get("additive") and a and a != b)


def _amounts_differ(a: Event, b: Event) -> bool:
    if not a.amounts or not b.amounts:
        return False
    def usd(x: Amount) -> float | None:
        return x.usd if x.usd is not None else (x.value if x.currency == "USD" else None)
    for x in a.amounts:
        for y in b.amounts:
            if x.currency == y.currency and abs(x.value - y.value) <= 0.01 * max(x.value, y.value):
                return False
            ux, uy = usd(x), usd(y)
            if ux is not None and uy is not None and abs(ux - uy) <= 0.02 * max(ux, uy):
                return False
    return True


def periods_differ(a: Event, b: Event) -> bool:
    """Results for a year and results for a quarter in it are two events: one financial event per period."""
    return bool(a.type == b.type == "financial" and a.start and b.start and a.precision != b.precision
                and "day" not in (a.precision, b.precision))


def evidence_compatible(a: Event, b: Event) -> bool:
    """Whether the evidence of two reports allows them to be one event: two different amounts, two different
    days, two different periods at the same precision, or a year and a day (or month) in it are two events,
    whatever else they share."""
    if _amounts_differ(a, b):
        return False
    if a.start and b.start:
        if not intervals_nested(a, b):
            return False
        if a.precision == b.precision and a.start != b.start:
            return False
        if abs(PRECISION_RANK.get(a.precision, 9) - PRECISION_RANK.get(b.precision, 9)) >= 3:
            return False  # a year and a day in it: too far apart in precision to call one event
        if periods_differ(a, b):
            return False
    return True


def company_sets_compatible(a: list[str], b: list[str], kb: KnowledgeBase) -> bool:
    """One set of companies is contained in the other, a group standing for any of its members."""
    def covered(x: list[str], y: list[str]) -> bool:
        return all(any(kb.same_company(c, d) for d in y) for c in x)
    members_a = {c for c in a if kb.root(c) != c}
    members_b = {c for c in b if kb.root(c) != c}
    if not (members_a <= members_b or members_b <= members_a):
        return False  # different members of a group: LG Display's deal is not LG Energy Solution's
    return bool(a and b) and (covered(a, b) or covered(b, a))


def absorb(into: Event, ev: Event, more_sure: bool = True) -> None:
    """Fold a continuation sentence's event into the event it continues (same document); ``more_sure``: the rules'
    confidence rises with the report (not a calibrated one, which no second report is measured to raise)."""
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
    if more_sure:
        into.confidence = min(0.97, max(into.confidence, ev.confidence) + 0.05)



def _headline_fits(target: Event, headline: Event, me: dict[str, Any]) -> bool:
    """The headline's evidence agrees with the event it announces. A headline dated only by the news convention
    (the publication day) announces an event of that week or later ("on Tuesday", "by 2013"), never history."""
    if evidence_compatible(target, headline):
        return True
    if not (me.get("convention") and target.end and headline.start) or _amounts_differ(target, headline):
        return False
    return (headline.start - target.end).days <= 7


def fold_headline(kb: KnowledgeBase, events: list[Event], meta: dict[str, dict[str, Any]]) -> list[Event]:
    """The headline announces the event the lead reports: a headline event is folded into the first event of the
    same type in the article's opening sentences with compatible companies (and takes its date)."""
    out = []
    for ev in events:
        me = meta.get(ev.id, {})
        if me.get("role") == "headline" and len(ev.sources) == 1:  # not one that already took in its report
            target = next((o for o in events if o is not ev and o.type == ev.type
                           and same_change(me, meta.get(o.id, {})) and same_kind(me, meta.get(o.id, {}))
                           and meta.get(o.id, {}).get("sent", 99) <= 4
                           and company_sets_compatible(o.companies, ev.companies, kb)
                           and _headline_fits(o, ev, me)
                           and same_product(me, meta.get(o.id, {})) and same_product(meta.get(o.id, {}), me)
                           and not (me.get("objects") and meta[o.id].get("objects")
                                    and not me["objects"] & meta[o.id]["objects"])), None)
            if target is not None:
                for src in ev.sources:
                    if not any(x.document == src.document and x.start == src.start for x in target.sources):
                        target.sources.append(src)
                for c in ev.companies:
                    if c not in target.companies:
                        target.companies.append(c)
                if ev.start and not target.start:
                    target.start, target.end, target.precision = ev.start, ev.end, ev.precision
                continue
        out.append(ev)
    return out
