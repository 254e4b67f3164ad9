"""When an event happened: which time expression a trigger governs, the best interval among them, and
whether the event happened, is planned or is ongoing."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import replace
from typing import Any

from ...dates.timevalues import value_interval
from ...model import Document, Mention
from ..mentions.finder import Analysis
from ..syntax import clause_verb
from ..triggers.find import NOUN_TRIGGERS, VERB_TRIGGERS, Trigger, other_kinds, trigger_type
from ..vocabulary import alternation, words

HEADER_ZONE = 120  # characters at the top of an article where datelines live
# A time expression in an attribution ("according to the group Monday", "said on Friday") dates the report.
ATTRIBUTION = re.compile(r"(according to[^.,;]{0,40}|\b(?:said|says|told [\w ]{1,20}|reported|stated|quoted as saying"
                         r"|announced|confirmed|revealed)"
                         r"(?:\s+on)?)\s*$", re.I)
# The base of a comparison ("up from $5.8 billion in 2005", "down from $57m or $0.68 a share a year earlier",
# "compared with the same quarter last year", "than in 2019"): the period compared with, not the event's date.
_AMOUNT = (r"(?:(?:about|around|roughly|just|nearly)\s+)?(?:(?:[$€£¥₩]|US\$|[A-Z]{1,3}\$)\s?\d[\d.,]*"
           r"(?:\s*(?:million|billion|trillion|bn|m|k)\b)?|\d[\d.,]*\s*(?:%|percent|per\s?cent|million|billion|trillion|bn|cents?)(?!\w))")
_FROM_AMOUNT = rf"from\s+{_AMOUNT}(?:\s*(?:,|or|and)\s*{_AMOUNT})?(?:\s+(?:a|per)\s+share)?(?:\s+[a-z]+){{0,2}}"
_CHANGE = (r"\b(?:up|down|rose|fell|grew|increased|decreased|declined|dropped|jumped|climbed|gained|slipped)"
           r"(?:\s+(?:by\s+)?\d[\d.,]*\s*(?:%|percent|per\s?cent))?\s+from")
COMPARISON = re.compile(rf"(?:\b{_FROM_AMOUNT}|{_CHANGE}|\bcompared\s+(?:with|to)(?:\s+[^,;.]{{0,40}})?"
                        r"|\bversus|\bvs\.?|(?<!later )(?<!earlier )(?<!sooner )\bthan(?:\s+(?:it\s+was|they\s+were))?)"
                        r"\s+(?:in|during|for|at|over|of)?\s*$", re.I)
COMPARATIVE_PERIOD = re.compile(r"the\s+(?:same\s+(?:quarter|month|period|week|time)\b|year-earlier|year-ago"
                                r"|prior-year)", re.I)
# "the quarter which ended December 30, 2006": the end date bounds the period the quarter expression dates.
PERIOD_END = re.compile(r"\b(?:quarter|months|half|year|period)\s*,?\s+(?:which\s+|that\s+)?(?:ended|ending|ends|to)"
                        r"\s+(?:on\s+|in\s+)?$", re.I)


def _cues(key: str) -> re.Pattern[str]:
    """A cue list of resources/extraction/dating.json as one case-insensitive expression of whole words."""
    return re.compile(rf"\b({alternation('dating', key)})\b", re.I)


# Cues of a planned, a tentative, a hearsay and an ongoing event.
FUTURE = _cues("future_cues")
TENTATIVE = _cues("tentative_cues")
HEDGE = _cues("hedge_cues")
ONGOING = _cues("ongoing_cues")
_DENIAL = _cues("denial_cues")


# A sentence that continues the event before it ("at the event", "the same day"); "also" and "as well" count only
# on the verb that reports the event (see :func:`continues`).
CONTINUATION = _cues("continuation_cues")


def continues(sent_text: str, trig: Trigger) -> bool:
    """Whether the sentence continues the event told before it: a phrase such as "at the event" or "the same day",
    or "also"/"as well" on the verb that carries the event ("The company also announced ...", "It also unveiled
    ..."), not on a copula or existential ("There are also plans ...")."""
    if CONTINUATION.search(sent_text):
        return True
    tok = trig.token
    for t in tok.sent:
        if t.lower_ not in ("also", "well") or (t.lower_ == "well" and (t.i == 0 or t.nbor(-1).lower_ != "as")):
            continue
        head = t.head if t.lower_ == "also" else t.head.head if t.head.lower_ == "as" else t.head
        if head.pos_ not in ("VERB", "AUX") or head.lemma_ == "be":
            continue
        if head.i == tok.i or any(a.i == head.i for a in tok.ancestors):
            return True
    return False


# Cues that a sentence recounts history rather than the news.
BACKGROUND = _cues("background_cues")


def background_cue(tok: Any) -> bool:
    """Whether the trigger's own clause recounts history ("had bought", "previously"): cues inside the subject's
    description ("X, formerly an executive of Y, is stepping down") or in a relative clause or apposition that does
    not hold the trigger describe someone, not the event."""
    skip: set[int] = set()
    for t in tok.sent:
        if t.dep_ in ("nsubj", "nsubjpass", "appos", "relcl", "acl") and not any(w.i == tok.i for w in t.subtree):
            skip.update(w.i for w in t.subtree)
    return bool(BACKGROUND.search(" ".join(t.text for t in tok.sent if t.i not in skip)))


_REPORTING = words("dating", "reporting_verbs")
# A stated duration or starting point: an ongoing state that is not today's news ("shipping for more than a week").
DURATION_CUE = re.compile(r"\b(?:for|since)\s+(?:(?:more\s+than|over|nearly|almost|about|the\s+past|the\s+last)\s+)?"
                          r"(?:(?:a|an|\d+|one|two|three|four|five|six|several|many|some)\s+)?(?:hours?|days?|weeks?|months?"
                          r"|years?|decades?)\b|\bsince\b", re.I)


def news_convention_ok(sent_text: str, trig: Trigger, status: str, role: str) -> bool:
    """Whether an event with no time expression of its own takes the publication date (news convention):
    the headline's and the lead sentence's news; a planned action they announce (dated at the announcement);
    and, in the rest of the lead paragraph, what is told in the present or present perfect."""
    tok = trig.token
    if background_cue(tok):
        return False
    verb = clause_verb(tok, 4)
    if role in ("headline", "lead"):
        if status == "happened":
            return True
        if status == "ongoing":  # "fans have been queuing up": the news is today's, unless a duration says otherwise
            return not DURATION_CUE.search(sent_text)
        reporting = any(t.lemma_.lower() in _REPORTING and t.tag_ in ("VBD", "VBZ", "VBP", "VBN")
                        for t in tok.sent)
        # a plan the lead states outright is the day's news; one it only weighs or denies ("may have to cut",
        # "is reviewing", "denied a report that it would close") is dated only when an announcement is reported
        weighed = bool(TENTATIVE.search(sent_text) or HEDGE.search(sent_text) or _DENIAL.search(sent_text))
        return status == "planned" and (reporting or role == "headline" or not weighed)
    if role == "lead-para" and status == "planned" and any(
            a.lemma_.lower() in _REPORTING and a.tag_ in ("VBD", "VBZ", "VBP") for a in (tok, *tok.ancestors)):
        return True  # "The company said it will close 50 stores": the plan is announced in the article's news
    # the trigger is the verb, one of its arguments, or the object of one of its prepositions ("agreed to a deal")
    own_clause = tok.i == verb.i or tok.head.i == verb.i or (tok.dep_ == "pobj" and tok.head.head.i == verb.i)
    if role in ("lead-para", "body") and status == "happened" and own_clause and not DURATION_CUE.search(sent_text):
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        if verb.dep_ == "relcl":
            return False  # a relative clause describes a thing ("ActiveSync, which X has licensed"): not the news
        if role == "body":  # further down, only the present perfect reports the news ("has agreed to buy")
            return perfect
        return perfect or verb.tag_ in ("VBZ", "VBP")
    return False


# Clauses that describe a noun ("the update, which is scheduled for release in June"; "a preview of the system,
# to be released in 2011"): a time expression inside one dates that clause's event, never the sentence's.
NOUN_CLAUSES = ("relcl", "acl")
# Other clauses of their own: a time expression inside one goes to a trigger inside it when there is one.
CLAUSE_DEPS = ("advcl", "ccomp", "csubj", "parataxis")
# Prepositions that give an event its setting: a clause on the venue ("at the show, which opens on June 4") dates it.
SETTING_PREPS = words("dating", "setting_preps")
# Nouns that name an occasion: a clause on one ("the forum gathering held in March") dates an occasion, as before.
OCCASIONS = {w for w, t in NOUN_TRIGGERS.items() if t == "meeting"} | words("dating", "occasions")
# Nouns that name a period: a clause on them ("the quarter that ended in June") is part of the time expression.
PERIOD_NOUNS = words("dating", "period_nouns")


def _infinitival_event(verb: Any) -> bool:
    """An infinitival clause on a noun naming an event of its own ("a preview of the system, to be released in
    2011"): its time is that later event's, even when the noun is itself a trigger."""
    return verb.lemma_.lower() in VERB_TRIGGERS and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _nearest_to(triggers: list[Trigger], pos: int) -> Trigger:
    return min(triggers, key=lambda t: abs(t.token.idx - pos))


def attach(timex_tokens: list[Any], triggers: list[Trigger]) -> Trigger | None:
    """The trigger a time expression belongs to: the first trigger up the dependency chain from the expression's
    head. A clause on the way keeps the expression to a trigger inside it; a clause describing a noun ("the
    update, which is scheduled for release in June") keeps it even when it has no trigger (the expression then
    dates nothing here). With no trigger on the chain, the nearest trigger."""
    if not triggers:
        return None
    by_token = {t.token.i: t for t in triggers}
    pos = timex_tokens[0].idx if timex_tokens else 0
    if not timex_tokens:
        return _nearest_to(triggers, pos)
    span = {tok.i for tok in timex_tokens}
    cur = next((tok for tok in timex_tokens if tok.head.i not in span or tok.head.i == tok.i), timex_tokens[0])
    for _ in range(12):
        if cur.i in by_token:
            return by_token[cur.i]
        if cur.head.i == cur.i:
            break
        planned = cur.head.i in by_token and by_token[cur.head.i].type == "plan"  # "plan to build stores this year"
        if cur.dep_ in NOUN_CLAUSES and _infinitival_event(cur) and not planned:
            inside = [t for t in triggers if cur.left_edge.i <= t.token.i <= cur.right_edge.i]
            return _nearest_to(inside, pos) if inside else None  # "a preview of X, to be released in 2011"
        if cur.dep_ in NOUN_CLAUSES + CLAUSE_DEPS and cur.head.i not in by_token \
                and cur.head.lower_ not in PERIOD_NOUNS:
            inside = [t for t in triggers if cur.left_edge.i <= t.token.i <= cur.right_edge.i]
            if inside:
                return _nearest_to(inside, pos)
            noun = cur.head
            named = [by_token[c.i] for c in noun.children if c.i in by_token and c.dep_ in ("compound", "amod", "nmod")]
            if cur.dep_ in NOUN_CLAUSES and named:
                return named[0]  # "the supply agreement, which was signed in May": the trigger names the noun
            setting = (noun.dep_ == "pobj" and noun.head.lower_ in SETTING_PREPS) or noun.lemma_.lower() in OCCASIONS
            if cur.dep_ in NOUN_CLAUSES and noun.pos_ in ("NOUN", "PROPN", "PRON") and not setting:
                return None
        cur = cur.head
    return _nearest_to(triggers, pos)


Interval = tuple[dt.date, dt.date, str, Mention]


def best_interval(timexes: list[Mention], an: Analysis) -> Interval | None:
    """The most precise interval among the time expressions a trigger governs."""
    best: Interval | None = None
    order = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5, "decade": 6}
    for m in timexes:
        tx = next((t for t in an.timexes if t.start == m.start and t.end == m.end), None)
        iv = tx.interval if tx else (value_interval(m.value) if m.value else None)
        if iv and (best is None or order.get(iv[2], 9) < order.get(best[2], 9)):
            best = (iv[0], iv[1], iv[2], m)
    if best is not None and len(timexes) == 2:  # "between October 2009 and February 2010": the whole period
        ivs = [(best_interval([m], an), m) for m in timexes]
        if all(iv is not None and iv[2] == best[2] for iv, _ in ivs) and _a_range(ivs, an.text):
            (first, fm), (last, lm) = sorted(ivs, key=lambda x: x[1].start)
            if first is not None and last is not None and not re.search(r"\d{4}", fm.text) \
                    and re.search(r"\d{4}", lm.text):  # "between October and December 2011": the range's year
                first = _in_year(first, last[0].year) or first
                if first[0] > last[1]:  # "between November and February 2011": the year before
                    first = _in_year(first, last[0].year - 1) or first
            if first is not None and last is not None and first[0] <= last[1]:
                best = (first[0], last[1], _period_precision(first[0], last[1], best[2]), first[3])
    return best


def attach_timexes(doc: Document, an: Analysis, sent: Any, off: int, s0: int, ments: list[Mention],
                   triggers: list[Trigger]) -> None:
    """Give each trigger of a sentence the time expressions it governs. Sets and past durations date nothing;
    the dateline dates the article, not the event; a date in an attribution ("said on Friday") dates the report
    and is used only when nothing else in the sentence dates the event."""
    text = an.text
    attribution: list[Mention] = []
    fronted: list[tuple[Mention, Trigger]] = []
    for m in ments:
        if m.kind != "date" or m.value is None or m.info.get("type") in ("SET",):
            continue
        if m.info.get("type") == "DURATION" and m.info.get("mod") != "FUTURE":
            continue
        if doc.date and m.start < HEADER_ZONE and m.value == doc.date.isoformat() and re.search(r"\d", m.text):
            continue  # the dateline: when it was published, not when it happened
        before = text[max(s0, m.start - 60):m.start]
        if COMPARISON.search(before) or PERIOD_END.search(before) or COMPARATIVE_PERIOD.match(m.text):
            continue  # the base of a comparison, or the end date of a period that is itself the date
        toks = [tok for tok in sent if off + tok.idx >= m.start and off + tok.idx < m.end]
        if ATTRIBUTION.search(before):
            attribution.append(m)
            continue
        tr = attach(toks, triggers)
        if tr:
            tr.timexes.append(m)
            if toks and (toks[0].i == sent.start or (toks[0].i == sent.start + 1 and sent[0].pos_ == "ADP")):
                fronted.append((m, tr))
    for m, tr in fronted:  # "One year later he was fired and he founded NeXT": a fronted date scopes over both
        for t in triggers:
            if not t.timexes and _conjoined_clause(t.token, tr.token):
                t.timexes.append(m)
    if attribution and not any(t.timexes for t in triggers):
        for t in triggers:
            t.timexes.extend(attribution)


def _conjoined_clause(tok: Any, other: Any) -> bool:
    """Whether ``tok``'s clause is a coordinated clause of ``other``'s ("was fired ... and founded ...")."""
    mine, theirs = clause_verb(tok, 4), clause_verb(other, 4)
    return mine.dep_ == "conj" and mine.head.i == theirs.i and mine.pos_ in ("VERB", "AUX")


def _in_year(iv: Interval, year: int) -> Interval | None:
    """A month's or a day's interval moved to another year (None: a 29 February that year has not)."""
    start, _end, precision, m = iv
    if precision == "month":
        return dt.date(year, start.month, 1), dt.date(year, start.month,
                                                      calendar.monthrange(year, start.month)[1]), precision, m
    if precision == "day":
        with contextlib.suppress(ValueError):
            day = start.replace(year=year)
            return day, day, precision, m
    return None


def _period_precision(start: dt.date, end: dt.date, finest: str) -> str:
    """The calendar period two bounding dates make ("between January and March 2009": a quarter), else the
    precision of the dates themselves."""
    last_day = (dt.date(end.year + (end.month == 12), end.month % 12 + 1, 1) - dt.timedelta(days=1)).day
    if start.day != 1 or end.day != last_day or start.year != end.year:
        return finest
    months = end.month - start.month + 1
    if months == 12:
        return "year"
    if months == 6 and start.month in (1, 7):
        return "half"
    if months == 3 and start.month in (1, 4, 7, 10):
        return "quarter"
    return finest


_RANGE_BEFORE = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:to|and|until|till|through|thru)\s+(?:the\s+)?$|^\s*[-–—]\s*$", re.IGNORECASE)


def _a_range(dated: list[tuple[Any, Mention]], text: str) -> bool:
    """Two dates that bound one period ("between October 2009 and February 2010", "from June 18 to June 24"):
    one event over the period, not one per date."""
    if len(dated) != 2:
        return False
    (_, a), (_, b) = sorted(dated, key=lambda x: x[1].start)
    join = text[a.end:b.start]
    return bool(_RANGE_JOIN.match(join)) and (join.strip() in ("-", "–", "—") or bool(
        _RANGE_BEFORE.search(text[max(0, a.start - 20):a.start])))


def split_by_dates(triggers: list[Trigger], an: Analysis) -> list[Trigger]:
    """One trigger governing several dates of the same precision that do not nest ("introduced the iMac in 1998,
    in 2001 the iPod") reports one event per date."""
    out: list[Trigger] = []
    for t in triggers:
        ivs = [(best_interval([m], an), m) for m in t.timexes]
        dated = [(iv, m) for iv, m in ivs if iv is not None]
        precisions = {iv[2] for iv, _ in dated}
        starts = {iv[0] for iv, _ in dated}
        if len(dated) >= 2 and len(precisions) == 1 and len(starts) == len(dated) and not _a_range(dated, an.text):
            for k, (_, m) in enumerate(sorted(dated, key=lambda x: x[1].start)):
                # the first keeps the trigger word as its evidence span, the others point at their dates
                s, e = (t.start, t.end) if k == 0 else (m.start, m.end)
                out.append(replace(t, start=s, end=e, timexes=[m]))
        else:
            out.append(t)
    return out


def clause_triggers(sent: Any, off: int, kept: list[Trigger], ments: list[Mention]) -> list[Trigger]:
    """Event verbs heading a relative or participial clause that states its own calendar date ("Snow Leopard,
    which was released in 2009"): a dated event of its own, kept even when the sentence's stronger triggers
    pushed the weak word out."""
    taken = {t.token.i for t in kept}
    dated = [(m.start, m.end) for m in ments if m.kind == "date" and m.value and value_interval(m.value)]
    out = []
    for tok in sent:
        if tok.dep_ not in NOUN_CLAUSES or tok.pos_ != "VERB" or tok.i in taken or not dated:
            continue
        own = [c for c in tok.children if c.dep_ == "prep" or c.dep_ == "npadvmod"]
        spans = [(off + w.idx, off + w.idx + len(w.text)) for c in own for w in c.subtree]
        if not any(a <= ds < b for ds, _ in dated for a, b in spans):
            continue
        ttype = trigger_type(tok)
        if ttype and ttype != "appointment":  # kind "clause": it does not take in the sentence's undated triggers
            out.append(Trigger(ttype, tok, off + tok.idx, off + tok.idx + len(tok.text), True, kind="clause",
                               kinds=other_kinds(tok) if ttype == "other" else frozenset()))
    return out
