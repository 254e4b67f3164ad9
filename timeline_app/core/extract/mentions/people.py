"""People: roles, family names used alone, partial names resolved to full ones, and the company a person
speaks for (from titles and appositions)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...model import Entity, Mention
from ..kb import KnowledgeBase
from ..vocabulary import alternation, words

ROLE_RE = (rf"(?:(?:{alternation('mentions', 'role_modifiers')})[\s-]*)*"
           rf"(?:{alternation('mentions', 'roles')})")
_ROLE = re.compile(ROLE_RE, re.IGNORECASE)
_ROLE_OF = re.compile(rf",?\s*(?:the\s+|a\s+|an\s+)?(?P<role>{ROLE_RE})?\s*(?:of|at|from|for)\s*(?:the\s+)?",
                      re.IGNORECASE)
_TITLE_BEFORE = re.compile(rf"\b(?:{alternation('mentions', 'titles_before_name')}|{ROLE_RE})\.?\s+$",
                           re.IGNORECASE)
# Words that are no part of a personal name: a name with one of them is a product, a place or a shop.
NOT_PERSON_WORDS = words("mentions", "not_person_words")
_NOT_NAMES = words("mentions", "not_names")


def propagate_surnames(text: str, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """A family name used alone after the full name ("Jobs", "Cho") is the same person."""
    family: dict[str, str] = {}
    for m in mentions:
        if m.kind == "person" and m.entity and len(m.text.split()) >= 2:
            toks = m.text.split()
            fam = toks[0] if "-" in toks[-1] else toks[-1]  # "Cho Joo-wan": family name first
            if len(fam) >= 3 and fam[0].isupper():
                family.setdefault(fam, m.entity)
    if not family:
        return mentions
    covered = [(m.start, m.end) for m in mentions]
    extra = []
    rx = re.compile(r"\b(" + "|".join(re.escape(f) for f in family) + r")\b(?!['’]?\s*[A-Z])")
    for mt in rx.finditer(text):
        if any(s < mt.end() and mt.start() < e for s, e in covered):
            continue
        extra.append(Mention(mt.start(), mt.end(), mt.group(), "person", family[mt.group()]))
    return sorted(mentions + extra, key=lambda m: m.start)



def full_person_name(surface: str, pos: int, people_full: list[tuple[int, str]]) -> str:
    """A surname or partial name resolved to the nearest earlier full name that contains it."""
    toks = surface.split()
    best = None
    for s, full in people_full:
        if s > pos and best is not None:
            break
        if all(t in full.split() for t in toks):
            best = full
    if best is None:  # a later full name ("Jobs ... Steve Jobs") still identifies it
        best = next((f for s, f in people_full if all(t in f.split() for t in toks)), surface)
    return best



def affiliations(kb: KnowledgeBase, make: Callable[..., Entity], text: str, mentions: list[Mention],
                 ents: dict[str, Entity]) -> dict[str, str]:
    """Person -> company from titles and appositions ("LG Electronics CEO Cho Joo-wan",
    "Cho Joo-wan, chief executive officer of LG Electronics Inc.", "Kim Dong-myung of LG Energy Solution")."""
    aff: dict[str, str] = {}
    org_kinds = ("company", "organization")
    ordered = sorted(mentions, key=lambda m: m.start)
    for i, m in enumerate(ordered):
        if m.kind != "person" or m.entity is None:
            continue
        person = ents[m.entity]
        # <ORG> [<ROLE>] <PERSON>
        for prev in reversed(ordered[max(0, i - 3):i]):
            gap = text[prev.end:m.start]
            if prev.kind in org_kinds and len(gap) <= 45 and "," not in gap:
                g = re.sub(r"^['’]s", "", gap).strip()
                role = _ROLE.fullmatch(g) or (g == "")
                if role and prev.entity:
                    aff.setdefault(m.entity, prev.entity)
                    if g:
                        person.info.setdefault("role", g)
                break
            if prev.kind not in ("date",):
                break
        # <PERSON>, <ROLE> of <ORG>   |   <PERSON> of <ORG>
        for nxt in ordered[i + 1:i + 3]:
            gap = text[m.end:nxt.start]
            if nxt.kind in org_kinds and len(gap) <= 60 and nxt.entity:
                g = gap.strip()
                mm = _ROLE_OF.fullmatch(g)
                if mm:
                    aff.setdefault(m.entity, nxt.entity)
                    if mm["role"]:
                        person.info.setdefault("role", mm["role"])
                break
        hint = person.info.get("affiliation_hint")
        if m.entity not in aff and hint:
            kb_e = kb.lookup(hint)
            if kb_e:
                ent = make(ents, kb_e.kind, kb_e.name, kb_e.parent)
                aff[m.entity] = ent.id
    for pid, cid in aff.items():
        ents[pid].info["affiliation"] = ents[cid].name
    return aff

