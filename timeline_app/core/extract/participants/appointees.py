"""Appointment events in a sentence and an article: each appointment trigger gets the person whose role changes
(or is dropped when it has none), one event per person and kind of change, and a successor's appointment told
with no date of its own takes the date of the departure or leave it follows from ("X resigned ... Y will
succeed him", "his post will be filled by Y")."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...model import Entity, Event, Mention
from ..syntax import clause_verb
from ..triggers.appointments import appointee_token, change_kind, company_spans, since_reference
from ..triggers.find import Trigger
from ..vocabulary import alternation, words
from .person_refs import PersonResolver

_NEWS_ROLES = ("headline", "lead", "lead-para")
_EXECUTIVE_TITLE = re.compile(rf"\b(?:{alternation('appointments', 'executive_titles')})\b", re.I)


def _via_conj(low: Any, high: Any) -> bool | None:
    """None when ``high`` is not an ancestor of ``low``; else whether the path from ``low`` reaches it as a
    coordinated clause (the last step up is a conjunct verb: "fought ... in 2004 and took ...")."""
    cur = low
    for _ in range(12):
        if cur.head.i == cur.i:
            return None
        if cur.head.i == high.i:
            return cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX")
        cur = cur.head
    return None


def _own_clause(trig: Trigger, m: Mention, sent: Any, off: int) -> bool:
    """A time expression dates the appointment only when it is in the trigger's own clause, not in a coordinated
    one ("fought cancer in 2004 and took six months off in early 2009")."""
    toks = [t for t in sent if m.start <= off + t.idx < m.end]
    if not toks:
        return True
    mine = clause_verb(trig.token)
    theirs = clause_verb(toks[0].head)
    if theirs.i == mine.i:
        return True
    up = _via_conj(mine, theirs)
    down = _via_conj(theirs, mine)
    return not (up or down)


_TIME_CLAUSE = words("appointments", "time_clause_marks")


def _time_clause(tok: Any) -> bool:
    """"... when Vince retires": a change named as the time or condition of another clause."""
    return tok.dep_ in ("advcl", "relcl") and any(c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_CLAUSE
                                                   for c in tok.children)


_NOT_ASSERTING = words("appointments", "not_asserting")
_HEARSAY = words("appointments", "hearsay")


def _not_asserted(tok: Any) -> bool:
    """A change someone denies, rules out, refuses, calls for or speculates about: no event ("denied that he
    plans to resign", "ruled out stepping down", "speculation that X will join Y")."""
    for a in list(tok.ancestors)[:6]:
        lemma = a.lemma_.lower()
        if lemma in _NOT_ASSERTING or (lemma == "rule" and any(c.lower_ == "out" for c in a.children)):
            return True
        if a.pos_ == "NOUN" and lemma in _HEARSAY:
            return True
    return any(w.lower_ in _HEARSAY and w.dep_ in ("attr", "nsubj") and w.head.lemma_ == "be" for w in tok.sent)


def assign_appointees(triggers: list[Trigger], sent: Any, off: int, ments: list[Mention], persons: PersonResolver,
                      prior: list[str]) -> list[Trigger]:
    """Give each appointment trigger its person, kind of change and the other people named; drop the ones with
    no identifiable person and undated ones named as the time of another clause, and the time expressions of
    other clauses."""
    out = []
    for t in triggers:
        if t.type != "appointment":
            out.append(t)
            continue
        tok = appointee_token(t.token)
        person = persons.at(tok, off, ments, prior) if tok is not None else None
        t.timexes = [m for m in t.timexes if _own_clause(t, m, sent, off)]
        if not person or (_time_clause(t.token) and not t.timexes) or _not_asserted(t.token):
            continue
        t.person, t.kind = person, change_kind(t.token)
        t.others = persons.others(t.token, off, ments, person)
        ref = since_reference(t.token) if t.kind == "tenure" else None
        ref_person = persons.at(ref[0], off, ments, prior) if ref else None
        if ref and ref_person:
            t.ref = (ref_person, ref[1])
        out.append(t)
    return out


def split_by_person(groups: dict[tuple[str, str], list[Trigger]]) -> dict[tuple[str, str], list[Trigger]]:
    """One appointment event per person and kind of change: "B resigned and A will take over" is two events."""
    out: dict[tuple[str, str], list[Trigger]] = {}
    for (etype, key), trs in groups.items():
        if etype != "appointment":
            out[(etype, key)] = trs
            continue
        for t in trs:
            out.setdefault((etype, f"{key}|{t.person}|{t.kind}"), []).append(t)
    return out


def inherit_succession_dates(events: list[Event], meta: dict[str, dict[str, Any]],
                             published: dt.date | None = None) -> None:
    """A successor's appointment with no date of its own takes the date of the article's news departure or leave
    of a person named with it ("Y will succeed X", "X's post will be filled by Y", "X left Y in charge"), and a
    predecessor's undated departure the date of the news succession naming them ("Y will succeed X on July 1");
    a tenure dated by another change ("interim CEO since the start of X's leave") takes that change's start."""
    for ev in events:
        me = meta.get(ev.id, {})
        if ev.type == "appointment" and not ev.start and me.get("ref"):
            person, kind = me["ref"]
            origin = next((o for o in events if o.type == "appointment" and o.start and o.precision != "undated"
                           and meta.get(o.id, {}).get("person") == person and meta.get(o.id, {}).get("kind") == kind),
                          None)
            if origin is not None and origin.start is not None:
                ev.start, ev.precision = origin.start, origin.precision
                ev.end = origin.end if ev.status != "ongoing" else max(origin.end or origin.start,
                                                                       ev.end or origin.start)
            continue
        if ev.type != "appointment" or ev.start:
            continue
        if me.get("kind") == "assume" and me.get("others"):  # the successor, from the departure
            source = next((o for o in events if o is not ev and o.type == "appointment" and o.start
                           and meta.get(o.id, {}).get("person") in me["others"]
                           and meta.get(o.id, {}).get("kind") in ("depart", "absence")
                           and meta.get(o.id, {}).get("role") in _NEWS_ROLES), None)
        elif me.get("kind") == "depart":  # the predecessor, from the succession ("Y will succeed X on July 1")
            source = next((o for o in events if o is not ev and o.type == "appointment" and o.start
                           and me.get("person") in meta.get(o.id, {}).get("others", [])
                           and meta.get(o.id, {}).get("kind") == "assume"
                           and meta.get(o.id, {}).get("role") in _NEWS_ROLES), None)
        else:
            source = None
        if source is not None:
            ev.start, ev.end, ev.precision = source.start, source.end, source.precision
            if published is not None and ev.start is not None and ev.start > published:
                ev.status = "planned"


def company_of_title(sent_text: str, s0: int, history: list[Mention], ents: dict[str, Entity]) -> list[str]:
    """An appointment whose sentence names no company but gives an executive title ("newly appointed CEO X"): news
    convention puts the post at the company the article was just speaking of."""
    if not _EXECUTIVE_TITLE.search(sent_text):
        return []
    prev = next((m for m in reversed(history) if m.start < s0 and m.entity in ents
                 and ents[m.entity or ""].kind == "company"), None)
    return [ents[prev.entity or ""].name] if prev is not None else []


def appointment_companies(named: list[tuple[str, int]], trs: list[Trigger], off: int) -> list[str]:
    """The named companies whose post changes hands by syntax (joined, left, appointing, the post's company);
    empty when the sentence does not say, and the caller falls back on the trigger's participants."""
    spans = [(off + a, off + b) for t in trs for a, b in company_spans(t.token)]
    return list(dict.fromkeys(n for n, pos in named if any(a <= pos < b for a, b in spans)))


_FUTURE_AUX = words("appointments", "future_auxiliaries")
_FUTURE_CONTROLLERS = words("appointments", "future_controllers")


def clause_status(tok: Any, status: str) -> str:
    """The status an appointment's own clause gives it, for sentences that tell two changes in two tenses
    ("X resigned and Y will take over"): a future auxiliary or a controller like "is set to" makes it planned,
    a simple past or a present perfect makes it happened; otherwise the sentence's status stands."""
    verb = clause_verb(tok)
    cur = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in cur.children):
            return "planned"
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.lemma_.lower() in _FUTURE_CONTROLLERS:
            return "planned"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have"
                                                          for c in verb.children)):
        return "happened"
    return status
