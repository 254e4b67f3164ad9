"""Which triggers of one sentence report one event: one event per type, date and product.

- A launch trigger naming several products that each get their own mention ("unveiled the X1, along with the
  new Y OS") reports one launch per product; two launch triggers about different products are two events.
- A trigger with no date of its own joins a dated event of its type about a compatible product ("announced the
  X1, which goes on sale on May 2": one event) unless that event is a clause's own (kind "clause"); and a
  launch told as done ("announced", "was released") does not join a later planned stage with its own date
  ("... and is scheduled for public release in June"): the guidelines make that stage an event of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..dating.when import best_interval
from ..mentions.finder import Analysis
from ..triggers.find import Trigger
from ..triggers.products import NO_PRODUCT, ProductKey, compatible, head_token, product_keys


@dataclass
class _Group:
    type: str
    date_key: str
    planned_after: bool  # dated after the publication date
    product: ProductKey
    members: list[Trigger] = field(default_factory=list)

    @property
    def kinds(self) -> frozenset[str]:
        """For the generic type: the v3 types its members' words name (Trigger.kinds)."""
        return frozenset().union(*(t.kinds for t in self.members))


def split_by_products(triggers: list[Trigger]) -> list[Trigger]:
    """Give each launch trigger its product; a trigger naming several distinct products becomes one trigger per
    product (the first keeps the trigger word as its evidence span, the others point at their product)."""
    counts: dict[int, int] = {}
    for t in triggers:
        counts[t.token.i] = counts.get(t.token.i, 0) + 1
    out: list[Trigger] = []
    for t in triggers:
        if t.type != "launch":
            out.append(t)
            continue
        keys = product_keys(t.token)
        if counts[t.token.i] > 1:  # already split by dates: one product per date is not known, keep one
            keys = [frozenset().union(*keys)]
        t.product = keys[0]
        out.append(t)
        for k in keys[1:]:
            tok = head_token(t.token, k)
            start = t.start - t.token.idx + tok.idx
            out.append(Trigger(t.type, t.token, start, start + len(tok.text), t.weak, list(t.timexes), product=k))
    return out


def _told_as_done(tok: Any) -> bool:
    """"announced", "has unveiled", "was released", "included a preview": an action reported as past."""
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass", "nsubj"):
        tok = tok.head  # a noun trigger is as past as the verb it is the object of
    if tok.tag_ == "VBD":
        return True
    return tok.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "was", "were")
                                     for c in tok.children)


def group_triggers(triggers: list[Trigger], an: Analysis, dct: dt.date | None) -> dict[tuple[str, str],
                                                                                         list[Trigger]]:
    """The sentence's triggers grouped into events, keyed by (type, "date key#product slot")."""
    groups: list[_Group] = []
    for t in sorted(triggers, key=lambda t: not t.timexes):
        iv = best_interval(t.timexes, an)
        if iv:
            date_key = f"{iv[0]}/{iv[2]}"
            cands = [g for g in groups if g.type == t.type and g.date_key == date_key]
            planned_after = bool(dct and iv[0] > dct)
        else:
            date_key, planned_after = "", False
            cands = [g for g in groups if g.type == t.type and any(x.kind != "clause" for x in g.members)
                     and not (t.type == "launch" and g.planned_after and _told_as_done(t.token))]
        target = next((g for g in cands if compatible(g.product, t.product) and kinds_meet(g.kinds, t.kinds)), None)
        if target is None:
            groups.append(_Group(t.type, date_key, planned_after, t.product, [t]))
        else:
            target.members.append(t)
            target.product = target.product | t.product
    return {(g.type, f"{g.date_key}#{i}"): g.members for i, g in enumerate(groups)}


def kinds_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two generic events' kinds (Trigger.kinds) may be one event: one is unknown, or they share a type
    ("restructure" and "cut jobs" do not; "cut jobs" and "lay off" do)."""
    return not a or not b or bool(a & b)


def group_product(trs: list[Trigger]) -> ProductKey:
    """The product of an event from its triggers (empty when none is named)."""
    return frozenset().union(*(t.product for t in trs)) if trs else NO_PRODUCT
