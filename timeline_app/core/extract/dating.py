"""When an event happened: which time expression a trigger governs, the best interval among them, and
whether the event happened, is planned or is ongoing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from ..dates.timevalues import value_interval
from ..model import Document, Mention
from .mentions import Analysis
from .triggers import Trigger

HEADER_ZONE = 120  # characters at the top of an article where datelines live
# A time expression in an attribution ("according to the group Monday", "said on Friday") dates the report.
ATTRIBUTION = re.compile(r"(according to[^.,;]{0,40}|\b(?:said|says|told [\w ]{1,20}|reported|stated|quoted as saying"
                         r"|announced|confirmed|revealed)"
                         r"(?:\s+on)?)\s*$", re.I)
FUTURE = re.compile(r"\b(will|shall|set to|plans? to|planning to|scheduled to|expected to|expects to|aims? to|"
                    r"aiming to|is to|are to|going to|intends? to|would|upcoming|slated to|to be held)\b", re.I)
TENTATIVE = re.compile(r"\b(in discussions?|in talks|negotiat\w+|considering|reviewing|exploring|pursuing|potential"
                       r"|may|might|could|likely|possible|proposed)\b", re.I)
HEDGE = re.compile(r"\b(reportedly|reports suggest|sources said|it is known|rumou?r\w*|not been finalized|not yet "
                   r"decided|not finalized|unconfirmed|speculation|allegedly)\b", re.I)
ONGOING = re.compile(r"\b(has been \w+ing|have been \w+ing|continues? to|maintains?|ongoing|since \d{4}"
                     r"|already supplies|remains?)\b", re.I)


# A sentence that continues the event before it ("also announced", "at the event", "the same day").
CONTINUATION = re.compile(r"\b(also|as well|at the (?:same )?(?:event|meeting|conference|keynote|show|ceremony|summit"
                          r"|press conference|presentation|launch)|the same day|later that day|that day|during the "
                          r"(?:event|keynote|meeting|presentation|visit|conference)|in (?:his|her|the) keynote"
                          r"|on the same occasion|meanwhile|at the same time)\b", re.I)
# Cues that a sentence recounts history rather than the news.
BACKGROUND = re.compile(r"\b(had (?:been )?\w+ed|had \w+|previously|formerly|originally|first \w+ed|was founded|"
                        r"in the past|years? ago|earlier)\b", re.I)


def background_cue(tok: Any) -> bool:
    """Whether the trigger's own clause recounts history ("had bought", "previously"): cues inside the subject's
    description ("X, formerly an executive of Y, is stepping down") or in a relative clause or apposition that does
    not hold the trigger describe someone, not the event."""
    skip: set[int] = set()
    for t in tok.sent:
        if t.dep_ in ("nsubj", "nsubjpass", "appos", "relcl", "acl") and not any(w.i == tok.i for w in t.subtree):
            skip.update(w.i for w in t.subtree)
    return bool(BACKGROUND.search(" ".join(t.text for t in tok.sent if t.i not in skip)))


_REPORTING = {"announce", "say", "confirm", "reveal", "unveil", "plan", "agree", "decide", "tell", "state"}


def _clause_verb(tok: Any) -> Any:
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def news_convention_ok(sent_text: str, trig: Trigger, status: str, role: str) -> bool:
    """Whether an event with no time expression of its own takes the publication date (news convention):
    the headline's and the lead sentence's news; a planned action they announce (dated at the announcement);
    and, in the rest of the lead paragraph, what is told in the present or present perfect."""
    tok = trig.token
    if background_cue(tok):
        return False
    verb = _clause_verb(tok)
    if role in ("headline", "lead"):
        if status == "happened":
            return True
        reporting = any(t.lemma_.lower() in _REPORTING and t.tag_ in ("VBD", "VBZ", "VBP", "VBN")
                        for t in tok.sent)
        return status == "planned" and (reporting or role == "headline")
    if role in ("lead-para", "body") and status == "happened":
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        if verb.dep_ == "relcl":
            return False  # a relative clause describes a thing ("ActiveSync, which X has licensed"): not the news
        if role == "body":  # further down, only the present perfect reports the news ("has agreed to buy")
            return perfect
        return perfect or verb.tag_ in ("VBZ", "VBP")
    return False


def attach(timex_tokens: list[Any], triggers: list[Trigger]) -> Trigger | None:
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
    return best


def attach_timexes(doc: Document, an: Analysis, sent: Any, off: int, s0: int, ments: list[Mention],
                   triggers: list[Trigger]) -> None:
    """Give each trigger of a sentence the time expressions it governs. Sets and past durations date nothing;
    the dateline dates the article, not the event; a date in an attribution ("said on Friday") dates the report
    and is used only when nothing else in the sentence dates the event."""
    text = an.text
    attribution: list[Mention] = []
    for m in ments:
        if m.kind != "date" or m.value is None or m.info.get("type") in ("SET",):
            continue
        if m.info.get("type") == "DURATION" and m.info.get("mod") != "FUTURE":
            continue
        if doc.date and m.start < HEADER_ZONE and m.value == doc.date.isoformat() and re.search(r"\d", m.text):
            continue  # the dateline: when it was published, not when it happened
        toks = [tok for tok in sent if off + tok.idx >= m.start and off + tok.idx < m.end]
        if ATTRIBUTION.search(text[max(s0, m.start - 60):m.start]):
            attribution.append(m)
            continue
        tr = attach(toks, triggers)
        if tr:
            tr.timexes.append(m)
    if attribution and not any(t.timexes for t in triggers):
        for t in triggers:
            t.timexes.extend(attribution)


def split_by_dates(triggers: list[Trigger], an: Analysis) -> list[Trigger]:
    """One trigger governing several dates of the same precision that do not nest ("introduced the iMac in 1998,
    in 2001 the iPod") reports one event per date."""
    out: list[Trigger] = []
    for t in triggers:
        ivs = [(best_interval([m], an), m) for m in t.timexes]
        dated = [(iv, m) for iv, m in ivs if iv is not None]
        precisions = {iv[2] for iv, _ in dated}
        starts = {iv[0] for iv, _ in dated}
        if len(dated) >= 2 and len(precisions) == 1 and len(starts) == len(dated):
            for k, (_, m) in enumerate(sorted(dated, key=lambda x: x[1].start)):
                # the first keeps the trigger word as its evidence span, the others point at their dates
                s, e = (t.start, t.end) if k == 0 else (m.start, m.end)
                out.append(replace(t, start=s, end=e, timexes=[m]))
        else:
            out.append(t)
    return out
