"""Extraction as a pure function from one raw article to its result, so batches can run anywhere."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from ..model import ClutterSpan, DocResult, Document, Event
from ..read.clutter import find_clutter, is_headline_like
from ..read.lines import lines_with_offsets
from ..read.pubdate import PubDate, find_publication_date
from ..read.readers import RawArticle
from .dating.clock import stated_time
from .events.classify import EventModel, load_model
from .events.finder import EventFinder
from .events.refine import refine
from .events.retold import fold_retold
from .kb import KnowledgeBase, load_kb
from .mentions.finder import Analysis, MentionFinder
from .nlp import StopCheck, get_nlp

#: Bump when extraction changes so that workspaces re-extract their documents.
EXTRACTOR_VERSION = "11"


def document_id(text: str) -> str:
    """A document's identity: a hash of its text."""
    return "d" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _title(raw: RawArticle, doc_text: str, clutter: list[ClutterSpan]) -> str:
    if raw.title:
        return " ".join(raw.title.split())
    for pos, line in lines_with_offsets(doc_text):
        stripped = line.strip()
        if stripped and not any(c.start <= pos < c.end for c in clutter):
            if is_headline_like(stripped) and len(stripped) <= 200:
                return stripped
            first = re.split(r"(?<=[.!?])\s", stripped, maxsplit=1)[0]
            first = re.sub(r"^\W*date\s+\d{4}-\d{2}-\d{2}\s*", "", first)
            return first if len(first) <= 110 else first[:107].rsplit(" ", 1)[0] + "…"
    return raw.path


def _keep_time_of_day(ev: Event, text: str) -> None:
    """A day-precision event whose evidence states one time of day ("at 14:30 GMT") keeps it (hour or minute
    precision, with its zone when stated); evidence stating none, or different ones, leaves it at its day."""
    found = {(c.time, c.precision): c for s in ev.sources if (c := stated_time(text[s.start:s.end])) is not None}
    if len(found) == 1:
        clock = next(iter(found.values()))
        ev.precision, ev.start_time = clock.precision, clock.time


def extract_document(raw: RawArticle, kb: KnowledgeBase | None = None, nlp: Any = None,
                     date_override: dt.date | None = None, should_stop: StopCheck | None = None,
                     model: EventModel | None = None) -> DocResult:
    """Extract one article. Pure: the result depends only on the article, the KB and the models (``model``: the
    event classifier, a workspace's own when given, else the shipped one)."""
    doc, an, events = find_rule_events(raw, kb, nlp, date_override, should_stop)
    # the rules think in the nine round-2 types; the event classifier gives what leaves extraction a v3 type
    generic = {ev.id for ev in events if ev.type in ("other", "plan")}
    events = refine(events, doc, an, model or load_model())
    events = fold_retold(events, generic, [a for a, _ in an.sentences], doc.id, kb or load_kb())
    for ev in events:
        if ev.precision == "day" and (ev.end is None or ev.end == ev.start):
            _keep_time_of_day(ev, raw.text)
    return DocResult(doc, an.entities, events, list(raw.warnings))


def find_rule_events(raw: RawArticle, kb: KnowledgeBase | None = None, nlp: Any = None,
                     date_override: dt.date | None = None, should_stop: StopCheck | None = None
                     ) -> tuple[Document, Analysis, list[Event]]:
    """The document, its analysis and the events the rules find (round-2 types, before the event classifier)."""
    kb = kb or load_kb()
    nlp = nlp or get_nlp()
    text = raw.text
    clutter = find_clutter(text)
    if date_override is not None:
        pub = PubDate(date_override, "set by the user", 1.0)
    else:
        pub = find_publication_date(text, clutter, raw.date)
    doc = Document(id=document_id(text), path=raw.label, title=_title(raw, text, clutter), text=text,
                   date=pub.date, date_source=pub.source, date_confidence=pub.confidence, url=raw.url,
                   outlet=raw.source, clutter=clutter)
    an = MentionFinder(kb, nlp).analyse(text, pub.date, clutter, should_stop)
    doc.mentions = an.mentions
    return doc, an, EventFinder(kb).find(doc, an)
