"""The last step of extraction: every rule event is read again by the event classifier (classify.py), which gives
it its taxonomy-v3 type and drops the ones it judges to report no event."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ...model import Document, Event, v3_type
from ..mentions.finder import Analysis
from ..triggers.types_v3 import type_lemma
from .classify import EventFacts, EventModel, SentenceView, Verdict, judge, open_to_drop, refinable_types, sentence_view
from .finder import summarise
from .titles import event_title


class SentenceIndex:
    """The article's sentences outside page clutter, in order (0 = headline), by character offset."""

    def __init__(self, doc: Document, an: Analysis):
        self.spans: list[tuple[int, int, Any]] = []
        for off, sdoc in an.docs:
            if doc.in_clutter(off):
                continue
            for s in sdoc.sents:
                if s.text.strip():
                    self.spans.append((off + s.start_char, off + s.end_char, s))
        self._starts = [a for a, _, _ in self.spans]

    def at(self, pos: int) -> int | None:
        """The number of the sentence holding character ``pos``, or None."""
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and pos < self.spans[k][1]:
            return k
        return None

    def token(self, k: int, pos: int) -> Any | None:
        """The token of sentence ``k`` at character ``pos`` of the article, or None."""
        start, _, span = self.spans[k]
        base = start - span.start_char  # the article offset of the sentence's own document
        return next((t for t in span if base + t.idx <= pos < base + t.idx + len(t.text)), None)

    def view(self, k: int, trigger_pos: int | None = None, rule_type: str = "") -> SentenceView:
        """Sentence ``k`` as the classifier sees it, with the rule trigger at ``trigger_pos`` when given."""
        tok = self.token(k, trigger_pos) if trigger_pos is not None else None
        trigger = type_lemma(tok.lemma_.lower(), tok.text) if tok is not None else ""
        return sentence_view(self.spans[k][2], k, trigger, rule_type, tok)


def _where(ev: Event, doc: Document, index: SentenceIndex) -> tuple[int, int | None] | None:
    """The number of the sentence of the event's first source in this document, and its trigger's offset."""
    src = next((s for s in ev.sources if s.document == doc.id), None)
    if src is None:
        return None
    trig = src.trigger_start if src.trigger_end > src.trigger_start else None
    k = index.at(trig if trig is not None else src.start)
    if k is None:
        k = index.at(src.start)
    return None if k is None else (k, trig)


def event_view(ev: Event, doc: Document, index: SentenceIndex) -> SentenceView | None:
    """The classifier's view of an event: the sentence of its first source in this document."""
    where = _where(ev, doc, index)
    return None if where is None else index.view(where[0], where[1], ev.type)


def _title(ev: Event, doc: Document, index: SentenceIndex, where: tuple[int, int | None] | None) -> str:
    """What happened, in a few words: the headline when the event is told there, else the clause of its first
    sentence (``where``: its number and trigger offset); "" when neither gives a short one."""
    if index.spans and any(s.document == doc.id and index.at(s.start) == 0 for s in ev.sources):
        head = event_title(index.spans[0][2], None, 0, ev.companies)
        if head:
            return head
    if where is None:
        return ""
    k, trig = where
    tok = index.token(k, trig) if trig is not None else None
    return event_title(index.spans[k][2], tok, k, ev.companies, ev.people)


def event_facts(ev: Event, doc: Document, verdict: Verdict, position: int) -> EventFacts:
    """What is known of a rule event when its confidence is set (the calibration's inputs; before its type is
    replaced by the verdict's)."""
    return EventFacts(verdict, ev.type, position, len(ev.companies), ev.start is not None,
                      ev.start is not None and ev.start == doc.date and ev.precision == "day")


def refine(events: list[Event], doc: Document, an: Analysis, model: EventModel | None) -> list[Event]:
    """Type every rule event in taxonomy v3, drop those the model reads as no event, give each the calibrated
    probability that it is fully right as its confidence (without a model the rule types are mapped to v3 and the
    rules' confidence stays), and title each from its sentence."""
    index = SentenceIndex(doc, an)
    kept: list[Event] = []
    for ev in events:
        where = _where(ev, doc, index)
        view = index.view(where[0], where[1], ev.type) if model is not None and where is not None else None
        if model is None or view is None:
            ev.type = v3_type(ev.type)
        else:
            verdict = judge(model, view, refinable_types().get(ev.type))
            if open_to_drop(ev.type) and verdict.p_none >= model.keep_threshold:
                continue
            # rounded as exports and shards keep it
            ev.confidence = round(model.calibrated(event_facts(ev, doc, verdict, view.position)), 3)
            ev.type = verdict.type
        ev.summary = _title(ev, doc, index, where) or summarise(ev)
        kept.append(ev)
    return kept
