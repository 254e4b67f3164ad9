"""Companies a sentence refers to by pronoun: "it bought control of X" (the company the text was just about),
"Our acquisition of X" (the company of the person quoted). Only the role of an active clause's subject or of a
possessor counts ("it was approved", "it is expected to close" speak of a deal, not of a company), and only when
the latest subject before the pronoun is a company ("The phone sold well, and it won ..." is the phone).

The antecedent is the company in subject position earlier in the sentence, else one within the two sentences
before, the one the article names most when there are several; "we"/"our" is the company of the speaker named in
the same sentence ('"Our purchase ..." said X'), else found as "it" is."""

from __future__ import annotations

import bisect
from typing import Any

from ...model import Entity, Mention

_IT = frozenset({"it", "its"})
_WE = frozenset({"we", "our"})
#: how many sentences back an antecedent may stand
_REACH = 2


def _active_role(tok: Any) -> bool:
    """A subject of an active verb other than "be", or a possessor ("its acquisition of X")."""
    if tok.dep_ == "poss":
        return True
    if tok.dep_ != "nsubj":
        return False
    head = tok.head
    return head.lemma_ != "be" and not any(c.dep_ == "auxpass" for c in head.children)


def _other_subject_between(tok: Any, off: int, subjects: list[Mention]) -> bool:
    """Whether the latest subject before the pronoun, in its sentence or the one before, is no company's name."""
    sent = tok.sent
    prev = tok.doc[sent.start - 1].sent if sent.start > 0 else None
    cands = [t for t in ([*prev] if prev is not None else []) + [t for t in sent if t.i < tok.i]
             if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")]
    if not cands:
        return False
    last = off + cands[-1].idx
    return not any(m.start <= last < m.end for m in subjects)


def pronoun_companies(sent: Any, off: int, sentence_starts: list[int], subjects: list[Mention],
                      ents: dict[str, Entity], speaker_company: str | None,
                      salience: dict[str, int]) -> list[tuple[str, int]]:
    """(company name, character position) for each pronoun of the sentence that stands for a company (see the
    module doc); ``off``: the paragraph's offset, ``subjects``: company mentions in subject position so far,
    ``salience``: how often the article names each entity (of several subjects near, "it" is the most named)."""
    out: list[tuple[str, int]] = []
    here = bisect.bisect_right(sentence_starts, off + sent.start_char) - 1
    for tok in sent:
        low = tok.lower_
        if tok.pos_ != "PRON" or low not in _IT | _WE or not _active_role(tok):
            continue
        pos = off + tok.idx
        name = None
        if low in _WE and speaker_company:
            name = speaker_company
        else:
            if _other_subject_between(tok, off, subjects):
                continue  # "The phone sold well, and it won ...": "it" is the phone
            dist = [(m.entity, here - (bisect.bisect_right(sentence_starts, m.start) - 1)) for m in subjects
                    if m.start < pos and m.entity in ents]
            same = [e for e, d in dist if d == 0]
            near = [e for e, d in dist if d <= _REACH]
            if same:  # "X reported that its profits rose": the subject of its own sentence
                name = ents[same[-1]].name
            elif near:  # the most talked-about of the sentences before, the latest of equals
                best = max(range(len(near)), key=lambda i: (salience.get(near[i], 0), i))
                name = ents[near[best]].name
        if name:
            out.append((name, pos))
    return out
