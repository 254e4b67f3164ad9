"""Who takes part in an event: the companies a sentence names, plus those it refers to by pronoun, by
description ("the German carmaker") or as a pair ("the two companies")."""

from __future__ import annotations

import re

from ..model import Entity, Event, Mention
from .mentions import Analysis

PRONOUN_PERSON = re.compile(r"^\W*(He|She)\b")
NOMINAL = re.compile(r"\b(?:the|The)\s+((?:[A-Z][a-z]+|South Korean|North American)\s+)?"
                     r"(automaker|carmaker|company|firm|"
                     r"group|conglomerate|chipmaker|maker|supplier|manufacturer|giant|EV company|EV maker|"
                     r"battery maker|tech giant|former|latter|client)\b")
PLURAL_ANAPHOR = re.compile(r"\b(the two (?:companies|firms|sides|groups|partners)|both (?:companies|firms|sides)|"
                            r"the two|[Tt]hey|[Tt]heir|the partners)\b")
NATIONALITY = {"German": "DE", "Korean": "KR", "South Korean": "KR", "Chinese": "CN", "Japanese": "JP",
               "American": "US", "US": "US", "U.S.": "US", "French": "FR", "Swedish": "SE", "Taiwanese": "TW",
               "British": "GB", "Dutch": "NL", "Indian": "IN"}




def names_of(ments: list[Mention], kind: str, an: Analysis) -> list[str]:
    """Canonical names of the entities of one kind mentioned, in order, once each."""
    return list(dict.fromkeys(an.entities[m.entity].name for m in ments if m.kind == kind and m.entity))



def sentence_companies(sent_text: str, s0: int, ments: list[Mention], ents: dict[str, Entity], an: Analysis,
                       last_people: list[str], history: list[Mention], events: list[Event]) -> list[str]:
    """The companies a sentence is about: named, speaking through a person, or referred back to."""
    names: list[str] = []

    def add(eid: str | None) -> None:
        if eid and eid in ents and ents[eid].kind == "company":
            n = ents[eid].name
            if n not in names:
                names.append(n)

    for m in ments:
        if m.kind == "company":
            add(m.entity)
        elif m.kind == "person" and m.entity:
            add(an.person_affiliation.get(m.entity))
    if PRONOUN_PERSON.match(sent_text) and last_people:
        add(an.person_affiliation.get(last_people[0]))
    for nm in NOMINAL.finditer(sent_text):
        nat = (nm.group(1) or "").strip()
        word = nm.group(2)
        pos = s0 + nm.start()
        cands = [h for h in reversed(history) if h.start < pos and h.entity]
        if word == "latter":
            cands = cands[:1]
        elif word == "former":
            seen = []
            for h in cands:
                if h.entity not in seen:
                    seen.append(h.entity)
            cands = [h for h in cands if len(seen) > 1 and h.entity == seen[1]][:1]
        for h in cands:
            if h.entity is None:
                continue
            name = ents[h.entity].name
            if nat and NATIONALITY.get(nat) and an.entity_country.get(h.entity) not in (None, NATIONALITY[nat]):
                continue
            if nat and NATIONALITY.get(nat) and an.entity_country.get(h.entity) is None:
                continue
            if name in names and not nat:
                break
            add(h.entity)
            break
    if PLURAL_ANAPHOR.search(sent_text) and len(names) < 2 and events:
        for n in events[-1].companies:
            if n not in names:
                names.append(n)
    return names

