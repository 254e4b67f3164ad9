"""Anchors: where a user's edit is attached in the evidence, robust to re-extraction and to edited text.

An event anchor records the document (id and path), the trigger's offsets and text, its sentence and a little
context on each side. To re-attach it, the document is found by id, else by path, else by its sentence; the
trigger is found at its old offset if the text there is unchanged, else by trigger-with-context, else by
sentence, else by the trigger occurrence whose context reads most alike."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Any

from ..model import Document, Source

CONTEXT = 40


@dataclass
class Anchor:
    """A position in the evidence: a trigger (event anchors) or a user-chosen span (span anchors)."""

    doc_id: str
    path: str = ""
    start: int = 0
    end: int = 0
    text: str = ""
    before: str = ""
    after: str = ""
    sentence: str = ""
    sentence_offset: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Anchor:
        return cls(doc_id=str(d["doc_id"]), path=str(d.get("path", "")), start=int(d.get("start", 0)),
                   end=int(d.get("end", d.get("start", 0))), text=str(d.get("text", "")),
                   before=str(d.get("before", "")), after=str(d.get("after", "")),
                   sentence=str(d.get("sentence", "")), sentence_offset=int(d.get("sentence_offset", 0)))


def span_anchor(doc: Document, start: int, end: int) -> Anchor:
    """An anchor for a span of a document's text."""
    t = doc.text
    return Anchor(doc.id, doc.path, start, end, t[start:end], t[max(0, start - CONTEXT):start], t[end:end + CONTEXT])


def source_anchor(doc: Document, s: Source) -> Anchor:
    """An anchor for an event's source: its trigger, with the sentence around it."""
    a = span_anchor(doc, s.trigger_start, s.trigger_end)
    a.sentence = doc.text[s.start:s.end]
    a.sentence_offset = s.trigger_start - s.start
    return a


SAMPLE = 160


def doc_target(doc: Document) -> dict[str, Any]:
    """How a document-level edit finds its article again: id, path, and a sample from the middle of the text
    (found again when lines are added at the start or the end, or the file moved)."""
    mid = len(doc.text) // 2
    return {"doc_id": doc.id, "path": doc.path, "sample": doc.text[max(0, mid - SAMPLE // 2):mid + SAMPLE // 2]}


def doc_matches(target: dict[str, Any], doc_id: str, path: str, text: str | None) -> bool:
    """Whether a document-level edit's target is this document (same id, same path, or holds its sample)."""
    if target.get("doc_id") == doc_id or (path and target.get("path") == path):
        return True
    sample = str(target.get("sample") or "")
    return text is not None and len(sample) >= 40 and sample in text


def _occurrences(text: str, needle: str, limit: int = 200) -> list[int]:
    out: list[int] = []
    if not needle:
        return out
    i = text.find(needle)
    while i >= 0 and len(out) < limit:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


class Locator:
    """Finds where anchors sit in the current documents."""

    def __init__(self, docs: dict[str, Document]):
        self.docs = docs
        self.by_path: dict[str, list[str]] = {}
        for d in docs.values():
            self.by_path.setdefault(d.path, []).append(d.id)

    def candidates(self, a: Anchor) -> list[Document]:
        """Documents the anchor may now live in: same id, else same path, else any holding its sentence."""
        if a.doc_id in self.docs:
            return [self.docs[a.doc_id]]
        same_path = [self.docs[i] for i in self.by_path.get(a.path, [])] if a.path else []
        if same_path:
            return same_path
        probe = a.sentence or (a.before + a.text + a.after)
        if len(probe) >= 20:
            return [d for d in self.docs.values() if probe in d.text]
        return []

    def span(self, a: Anchor) -> tuple[str, int, int] | None:
        """(document, start, end) where the anchored text now is, or None when it cannot be placed."""
        n = a.end - a.start
        for doc in self.candidates(a):
            t = doc.text
            if doc.id == a.doc_id and (not a.text or t[a.start:a.end] == a.text):
                return doc.id, a.start, a.end
            if not a.text:
                continue
            pos = self._find(t, a)
            if pos is not None:
                return doc.id, pos, pos + n
        return None

    def _find(self, t: str, a: Anchor) -> int | None:
        def near(xs: list[int]) -> int:
            return min(xs, key=lambda x: abs(x - a.start))

        hits = _occurrences(t, a.before + a.text + a.after)
        if hits:
            return near(hits) + len(a.before)
        if a.sentence:
            hits = _occurrences(t, a.sentence)
            if hits:
                return near(hits) + a.sentence_offset
        best, best_score = None, 0.0
        for i in _occurrences(t, a.text):
            b = t[max(0, i - CONTEXT):i]
            f = t[i + len(a.text):i + len(a.text) + CONTEXT]
            score = (difflib.SequenceMatcher(None, b, a.before).ratio()
                     + difflib.SequenceMatcher(None, f, a.after).ratio()) / 2
            if score > best_score:
                best, best_score = i, score
        return best if best_score >= 0.6 else None


SourceSpans = dict[str, list[tuple[int, int, int, int]]]


def match_source(pos: tuple[str, int, int], sources: SourceSpans) -> tuple[str, int] | None:
    """The (document, trigger start) of the extracted source at a located trigger: the same trigger start,
    else the source whose trigger overlaps it, else the one whose sentence holds it."""
    doc_id, start, end = pos
    cands = sources.get(doc_id, [])
    for _s0, _s1, t0, _t1 in cands:
        if t0 == start:
            return doc_id, t0
    for _s0, _s1, t0, t1 in cands:
        if t0 < end and start < t1:
            return doc_id, t0
    inside = [(abs(t0 - start), t0) for s0, s1, t0, _t1 in cands if s0 <= start < s1]
    if inside:
        return doc_id, min(inside)[1]
    return None
