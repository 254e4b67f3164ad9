"""After the event classifier: an event the rules could only call generic, once typed, may turn out to be an event
of the article told again ("Kelvar to cut 900 jobs" in the headline, "will shed 3% of its staff" in the lead). The
rules keep generic events of different kinds apart (a restructuring is not a job cut); this folds a generic one
into an event of the same type told in the same or the next sentence, or told in the headline and the lead."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence

from ...model import Event
from ..kb import KnowledgeBase
from .coalesce import absorb, company_sets_compatible, evidence_compatible

#: how many sentences apart two reports of one event may be (0: the same sentence)
_NEAR = 1
#: sentence numbers of the headline and the lead (datelines count as sentences here)
_OPENING = 3


def fold_retold(events: list[Event], generic: Collection[str], sentence_starts: Sequence[int], doc_id: str,
                kb: KnowledgeBase) -> list[Event]:
    """``events`` (typed by the classifier) with each event of ``generic`` ids folded into an earlier kept event
    of the same type, compatible companies and evidence, told in the same or the next sentence or both in the
    article's opening."""
    def sent_no(ev: Event) -> int | None:
        src = next((s for s in ev.sources if s.document == doc_id), None)
        return None if src is None else bisect_right(sentence_starts, src.start) - 1

    kept: list[Event] = []
    for ev in events:
        k = sent_no(ev)
        target = None
        if ev.id in generic and k is not None:
            target = next((o for o in kept if o.type == ev.type and _near(sent_no(o), k)
                           and company_sets_compatible(ev.companies, o.companies, kb)
                           and evidence_compatible(ev, o)), None)
        if target is None:
            kept.append(ev)
        else:
            absorb(target, ev, more_sure=False)  # calibrated already
    return kept


def _near(a: int | None, b: int) -> bool:
    return a is not None and (abs(a - b) <= _NEAR or (a < _OPENING and b < _OPENING))
