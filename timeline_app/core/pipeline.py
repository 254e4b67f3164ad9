"""Extraction as a pure function from one raw article to its result (so batches can run anywhere),
and the batch driver that merges results across sources."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .clutter import find_clutter, is_headline_like
from .events import EventFinder
from .kb import KnowledgeBase, load_kb, slug
from .merge import merge_events
from .mentions import MentionFinder
from .model import Document, Entity, Event
from .nlp import get_nlp
from .pubdate import PubDate, find_publication_date
from .readers import Problem, RawArticle, read_paths

#: Bump when extraction changes so that workspaces re-extract their documents.
EXTRACTOR_VERSION = "1"


@dataclass
class DocResult:
    """What extraction yields for one article: the document (with mentions), its entities and events."""

    document: Document
    entities: dict[str, Entity]
    events: list[Event]
    warnings: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    """A merged extraction over many articles."""

    documents: list[Document]
    entities: dict[str, Entity]
    events: list[Event]
    problems: list[Problem]


def document_id(text: str) -> str:
    return "d" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _title(raw: RawArticle, doc_text: str, clutter) -> str:
    if raw.title:
        return " ".join(raw.title.split())
    pos = 0
    for line in doc_text.split("\n"):
        stripped = line.strip()
        if stripped and not any(c.start <= pos < c.end for c in clutter):
            if is_headline_like(stripped) and len(stripped) <= 200:
                return stripped
            first = re.split(r"(?<=[.!?])\s", stripped, maxsplit=1)[0]
            first = re.sub(r"^\W*date\s+\d{4}-\d{2}-\d{2}\s*", "", first)
            return first if len(first) <= 110 else first[:107].rsplit(" ", 1)[0] + "…"
        pos += len(line) + 1
    return raw.path


def extract_document(raw: RawArticle, kb: KnowledgeBase | None = None, nlp=None,
                     date_override: dt.date | None = None) -> DocResult:
    """Extract one article. Pure: the result depends only on the article, the KB and the model."""
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
    an = MentionFinder(kb, nlp).analyse(text, pub.date, clutter)
    doc.mentions = an.mentions
    events = EventFinder(kb).find(doc, an)
    return DocResult(doc, an.entities, events, list(raw.warnings))


def merge_results(results: Iterable[DocResult], kb: KnowledgeBase | None = None) -> tuple[dict[str, Entity], list[Event]]:
    """Entities unified by id and events merged across sources."""
    kb = kb or load_kb()
    results = list(results)
    entities: dict[str, Entity] = {}
    for r in results:
        for eid, e in r.entities.items():
            cur = entities.get(eid)
            if cur is None:
                entities[eid] = Entity(e.id, e.name, e.kind, list(e.aliases), e.parent, dict(e.info))
            else:
                cur.aliases.extend(a for a in e.aliases if a not in cur.aliases)
                cur.parent = cur.parent or e.parent
                for k, v in e.info.items():
                    cur.info.setdefault(k, v)
    # parents named but never mentioned still get an entity, so lanes can group under them
    for e in list(entities.values()):
        if e.parent:
            pid = f"c:{slug(e.parent)}"
            if pid not in entities:
                kbp = kb.lookup(e.parent)
                entities[pid] = Entity(pid, e.parent, "company", [], kbp.parent if kbp else None)
    docs = {r.document.id: r.document for r in results}
    events = merge_events([ev for r in results for ev in r.events], docs, kb)
    return entities, events


def extract_paths(paths: Iterable[str], kb_files: list[str] | None = None,
                  progress: Callable[[int, int, str], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Corpus:
    """Read and extract everything below ``paths``; per-file problems are collected, not raised."""
    kb = load_kb(kb_files)
    raws, problems = read_paths(paths)
    results: list[DocResult] = []
    seen: set[str] = set()
    nlp = get_nlp() if raws else None
    for i, raw in enumerate(raws):
        if cancelled and cancelled():
            break
        if progress:
            progress(i, len(raws), raw.label)
        try:
            r = extract_document(raw, kb, nlp)
        except Exception as e:  # one bad article must not stop the batch
            problems.append(Problem(raw.label, f"extraction failed: {type(e).__name__}: {e}"))
            continue
        if r.document.id in seen:
            problems.append(Problem(raw.label, "same text as an earlier article; skipped as a duplicate", False))
            continue
        seen.add(r.document.id)
        results.append(r)
    if progress:
        progress(len(raws), len(raws), "")
    entities, events = merge_results(results, kb)
    return Corpus([r.document for r in results], entities, events, problems)
