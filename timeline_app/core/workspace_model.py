"""The event classifier a workspace extracts with: the shipped one, adapted to the analyst's corrections
(:mod:`.learned` gathers them, :mod:`.extract.events.adapt` learns from them). Loaded with the first extraction,
never by reading a workspace."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .extract.document import EXTRACTOR_VERSION, find_rule_events
from .extract.events.adapt import adapt
from .extract.events.classify import EventModel, features, load_model
from .extract.events.refine import SentenceIndex
from .extract.kb import KnowledgeBase
from .learned import corrections, examples
from .read.readers import Problem, RawArticle
from .store.workspace import Workspace

#: adapted models by the hash of their examples (this process): an unchanged set of corrections is not learned again
_ADAPTED: dict[str, tuple[EventModel, EventModel]] = {}


def seen_sentences(ws: Workspace, kb: KnowledgeBase | None, nlp: Any, doc_id: str,
                   starts: list[int]) -> dict[int, dict[str, float]]:
    """The classifier's features of the sentences at ``starts`` (evidence triggers) of a stored article: the rules
    run on it again, and a rule event with a trigger there gives the sentence its trigger and rule type, as at
    extraction; a start no rule event has (an event the user added) is its sentence alone."""
    stored = ws.document(doc_id, with_mentions=False)
    if stored is None:
        return {}
    raw = RawArticle(stored.path, stored.text, title=stored.title, url=stored.url, source=stored.outlet)
    doc, an, events = find_rule_events(raw, kb, nlp)
    index = SentenceIndex(doc, an)
    out: dict[int, dict[str, float]] = {}
    for start in starts:
        k = index.at(start)
        if k is None:
            continue
        rule = next((ev for ev in events for s in ev.sources
                     if s.document == doc.id and s.trigger_start == start and s.trigger_end > start), None)
        view = index.view(k, start, rule.type) if rule is not None else index.view(k)
        out[start] = features(view)
    return out


def workspace_model(ws: Workspace, kb: KnowledgeBase | None, nlp: Any = None) -> EventModel | None:
    """The workspace's own classifier, or None when it has no corrections to learn from (the shipped model is
    used then). Loads the language model only when a correction's sentence has not been seen yet."""
    if not corrections(ws):
        return None
    base = load_model()
    if base is None:
        return None

    def see(doc_id: str, starts: list[int]) -> dict[int, dict[str, float]]:
        from .extract.nlp import get_nlp

        return seen_sentences(ws, kb, nlp or get_nlp(), doc_id, starts)

    found = examples(ws, see, EXTRACTOR_VERSION)
    if not found:
        return None
    key = hashlib.sha256(json.dumps(found, sort_keys=True).encode("utf-8")).hexdigest()
    model = _ADAPTED.get(key)
    if model is None or model[0] is not base:
        model = (base, adapt(base, found))  # a second or two for a few hundred corrections: kept for the next ingest
        _ADAPTED[key] = model
        while len(_ADAPTED) > 4:
            _ADAPTED.pop(next(iter(_ADAPTED)))
    return model[1]


def learned_model(ws: Workspace, kb: KnowledgeBase | None, problems: list[Problem] | None = None) -> EventModel | None:
    """:func:`workspace_model`, never failing an ingest: a failure to learn is told in ``problems`` and the
    shipped classifier is used."""
    try:
        return workspace_model(ws, kb)
    except Exception as e:  # said to the user, never fatal
        if problems is not None:
            problems.append(Problem(str(ws.path), f"the corrections could not be learned from ({type(e).__name__}: "
                                                  f"{e}); the shipped classifier is used", False))
        return None
