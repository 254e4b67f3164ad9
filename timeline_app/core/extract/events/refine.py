"""The last step of extraction: every rule event is read again by the event classifier (classify.py), which gives
it its taxonomy-v3 type and drops the ones it judges to report no event."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ...model import Document, Event, v3_type
from ..mentions.finder import Analysis
from ..triggers.types_v3 import type_lemma
from .classify import EventModel, SentenceView, judge, open_to_drop, refinable_types, sentence_view
from .finder import summarise


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

    def view(self, k: int, trigger_pos: int | None = None, rule_type: str = "") -> SentenceView:
        """Sentence ``k`` as the classifier sees it, with the rule trigger at ``trigger_pos`` when given."""
        start, _, span = self.spans[k]
        trigger = ""
        if trigger_pos is not None:
            base = start - span.start_char  # the article offset of the sentence's own document
            tok = next((t for t in span if base + t.idx <= trigger_pos < base + t.idx + len(t.text)), None)
            trigger = type_lemma(tok.lemma_.lower(), tok.text) if tok is not None else ""
        return sentence_view(span, k, trigger, rule_type)


def event_view(ev: Event, doc: Document, index: SentenceIndex) -> SentenceView | None:
    """The classifier's view of an event: the sentence of its first source in this document."""
    src = next((s for s in ev.sources if s.document == doc.id), None)
    if src is None:
        return None
    k = index.at(src.trigger_start if src.trigger_end > src.trigger_start else src.start)
    if k is None:
        k = index.at(src.start)
    if k is None:
        return None
    return index.view(k, src.trigger_start if src.trigger_end > src.trigger_start else None, ev.type)


def refine(events: list[Event], doc: Document, an: Analysis, model: EventModel | None) -> list[Event]:
    """Type every rule event in taxonomy v3 and drop those the model reads as no event. Without a model the rule
    types are mapped to v3 as they are."""
    if model is None:
        for ev in events:
            ev.type = v3_type(ev.type)
        return events
    index = SentenceIndex(doc, an)
    kept: list[Event] = []
    for ev in events:
        view = event_view(ev, doc, index)
        if view is None:
            ev.type = v3_type(ev.type)
            kept.append(ev)
            continue
        verdict = judge(model, view, refinable_types().get(ev.type))
        if open_to_drop(ev.type) and verdict.p_none >= model.keep_threshold:
            continue
        if verdict.type != v3_type(ev.type):
            ev.type = verdict.type
            ev.summary = summarise(ev)
        else:
            ev.type = verdict.type
        kept.append(ev)
    return kept
