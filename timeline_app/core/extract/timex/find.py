"""Find time expressions in text and normalise them to TimeML-style values against an anchor date
(the publication date). Without an anchor, relative expressions stay unresolved (X-filled values);
absolute ones still resolve."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ...dates.timevalues import add_months
from . import dates, extra, periods, reporting, spans  # noqa: F401  (registers the rules)
from .anaphora import reanchor
from .base import FUTURE_CUES, NEEDS, RULES, Ctx, Timex, _shift

_SPAN = re.compile(r"^(\d{4}(?:-\d\d)?)/(\d{4}(?:-\d\d)?)$")
__all__ = ["Timex", "find_timexes", "local_tense", "sentence_tense"]


# --- driver ----------------------------------------------------------------------------------

_PAST_VERB = re.compile(r"\b(\w+ed|said|met|held|was|were|had|did|told|made|took|came|went|began|won|saw|sold"
                        r"|bought|left|rose|fell|grew|paid|spent|struck|signed|unveiled|announced)\b", re.IGNORECASE)


#: Future cues that describe a thing rather than the tense of a verb ("its forthcoming version", "the upcoming
#: election"): alone, they do not make a sentence with a past verb look forward ("next" is left out: "said the
#: next model goes on sale on Friday" looks forward).
_ADJECTIVE_CUES = frozenset({"upcoming", "forthcoming"})


def sentence_tense(sentence: str) -> str:
    """'future' when the sentence looks forward (will, set to, plans to...), else 'past'; a sentence whose only
    forward words describe a thing ("announced the name of its forthcoming version") is past when it has a past
    verb."""
    cues = {m.group().lower() for m in FUTURE_CUES.finditer(sentence)}
    if not cues:
        return "past"
    if cues <= _ADJECTIVE_CUES and any(
            _PAST_VERB.fullmatch(w.strip(",.;:").lower()) for w in sentence.split()):
        return "past"
    return "future"


def local_tense(sentence: str, offset: int) -> str:
    """Tense at ``offset`` of ``sentence``: a past verb just before the time expression wins
    ("announced Friday that it will ..."), else the sentence's tense."""
    words = sentence[:offset].split()[-5:]
    for k in range(max(0, len(words) - 4), len(words)):
        w = words[k].strip(",.;:").lower()
        if not _PAST_VERB.fullmatch(w) or w in ("scheduled", "planned", "expected"):
            continue
        if k > 0 and words[k - 1].lower() == "be":
            continue  # a passive after a modal or "to" ("will be shipped in July") looks forward
        return "past"
    if _clause_opening(sentence, offset) and (verb := _first_finite_after(sentence, offset)):
        return verb
    return sentence_tense(sentence)


def _clause_opening(sentence: str, offset: int) -> bool:
    """Whether the time expression at ``offset`` opens its sentence ("On Monday, X announced ...")."""
    return len(re.findall(r"\w+", sentence[:offset])) <= 1


_STOP_AFTER = {"that", "to", "which", "who", "if", "because", "after", "before", "when", "while"}


def _first_finite_after(sentence: str, offset: int) -> str | None:
    """The tense of the main verb after a fronted time expression: 'future' when a forward word ("will",
    "would", "expects") comes before the clause ends, else 'past' for a past form ("announced"; an "-ed" word
    before "will" is no verb: "the troubled airline will"), else None."""
    words = []
    for w in sentence[offset:].split()[:14]:
        low = w.strip(",.;:\"'“”").lower()
        if low in _STOP_AFTER:
            break
        words.append(low)
    if any(FUTURE_CUES.fullmatch(w) for w in words):  # "On Friday, the troubled airline will file ..."
        return "future"
    if any(_PAST_VERB.fullmatch(w) and w not in ("scheduled", "planned", "expected") for w in words):
        return "past"
    return None


def _regex_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n+", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def find_timexes(text: str, anchor: dt.date | None,
                 sentences: Iterable[tuple[int, int]] | None = None) -> list[Timex]:
    """All time expressions in ``text``, normalised against ``anchor`` (the publication date)."""
    sents = sorted(sentences) if sentences is not None else _regex_sentences(text)
    def tense(pos: int) -> str:
        for i, (s, e) in enumerate(sents):
            if s <= pos < e or (i == len(sents) - 1):
                return local_tense(text[s:e], pos - s)
        return "past"

    ctx = Ctx(text, anchor, tense)
    candidates = []
    for order, (pattern, fn) in enumerate(RULES):
        needs = NEEDS.get(fn)
        if needs is not None and needs.search(text) is None:
            continue  # no match can be in this text
        for m in pattern.finditer(text):
            s, e = m.span("t")
            s += len(text[s:e]) - len(text[s:e].lstrip())
            e -= len(text[s:e]) - len(text[s:e].rstrip())
            if e > s:
                candidates.append((s, e, order, m, fn))
    # Longest expression first; among equals, the rule declared first.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    found: list[Timex] = []
    for s, e, _order, m, fn in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        res = fn(m, ctx)
        if res is None or res[1] is None:
            continue
        typ, value, mod = res
        tx = Timex(s, e, text[s:e], typ, value, mod)
        if typ == "DURATION" and mod == "FUTURE" and anchor is not None:
            n = re.match(r"P(\d+)([YMWD])", value)
            if n:
                unit = {"Y": "year", "M": "month", "W": "week", "D": "day"}[n[2]]
                _, end = _shift(anchor, unit, int(n[1]))
                tx.anchor_start, tx.span_end = anchor, end
        span = _SPAN.match(value)
        if span and typ == "DATE":  # "2023/2024", "2024-04/2025-03": an interval
            a, b = span.groups()
            tx.anchor_start = dt.date(int(a[:4]), int(a[5:7] or 1) if len(a) > 4 else 1, 1)
            last = dt.date(int(b[:4]), int(b[5:7]) if len(b) > 4 else 12, 1)
            tx.span_end = add_months(last, 1) - dt.timedelta(days=1)
        found.append(tx)
        taken.append((s, e))
    found.sort(key=lambda t: t.start)
    reanchor(found)
    return found
