"""Who takes part in an event: the companies a sentence names, plus those it refers to by pronoun, by
description ("the German carmaker") or as a pair ("the two companies")."""

from __future__ import annotations

import re
from typing import Any

from ...model import Entity, Event, Mention
from ..mentions.finder import Analysis
from ..vocabulary import alternation, table, words

PRONOUN_PERSON = re.compile(r"^\W*(He|She)\b")
NOMINAL = re.compile(r"\b(?:the|The)\s+((?:[A-Z][a-z]+|South Korean|North American)\s+)?"
                     rf"({alternation('participants', 'company_descriptions')})\b"
                     # "the airline industry", "the bank of Scotland", "the carrier, Kelvar Air,": not a reference
                     r"(?!\s+(?:industry|sector|market|index|price|prices|of)\b|\s*,\s+[A-Z])")
PLURAL_ANAPHOR = re.compile(r"\b(the two (?:companies|firms|sides|groups|partners|parties)"
                            r"|both (?:companies|firms|sides|parties)|the (?:two )?parties|"
                            r"the two|[Tt]hey|[Tt]heir|the partners)\b")
NATIONALITY = table("participants", "nationalities")




def names_of(ments: list[Mention], kind: str, an: Analysis) -> list[str]:
    """Canonical names of the entities of one kind mentioned, in order, once each."""
    return list(dict.fromkeys(an.entities[m.entity].name for m in ments if m.kind == kind and m.entity))



def sentence_companies(sent_text: str, s0: int, ments: list[Mention], ents: dict[str, Entity], an: Analysis,
                       last_people: list[str], history: list[Mention], events: list[Event],
                       subjects: list[Mention] | None = None, sent: Any = None) -> list[tuple[str, int]]:
    """The companies a sentence is about, each with the position of the words that name it: named, speaking
    through a person, or referred back to ("the company" prefers a company named before it in the sentence, then
    the latest company in subject position). A name may come twice, at each position that refers to it."""
    names: list[tuple[str, int]] = []

    def add(eid: str | None, pos: int) -> None:
        if eid and eid in ents and ents[eid].kind == "company":
            n = ents[eid].name
            if (n, pos) not in names:
                names.append((n, pos))  # every position: the one that fills a trigger's role may be a later one

    for m in ments:
        if m.kind == "company":
            add(m.entity, m.start)
        elif m.kind == "person" and m.entity:
            add(an.person_affiliation.get(m.entity), m.start)
    pm = PRONOUN_PERSON.match(sent_text)
    if pm and last_people:
        add(an.person_affiliation.get(last_people[0]), s0 + pm.start(1))
    for nm in NOMINAL.finditer(sent_text):
        nat = (nm.group(1) or "").strip()
        word = nm.group(2)
        pos = s0 + nm.start()
        salient = [h for h in reversed(subjects or []) if h.start < pos and h.entity][:1]
        local = [m for m in reversed(ments) if m.kind == "company" and m.entity and m.start < pos][:1] \
            if _subject_at(sent, s0, s0 + nm.start(2)) else []
        cands = ([] if nat else local) + salient + [h for h in reversed(history) if h.start < pos and h.entity]
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
            if name in (x for x, _ in names) and not nat:
                names.append((name, pos + len(nm.group()) - 1))  # named before in the sentence: this is its role
                break
            add(h.entity, pos + len(nm.group()) - 1)
            break
    pa = PLURAL_ANAPHOR.search(sent_text)
    if pa and len({x for x, _ in names}) < 2 and events:
        for n in events[-1].companies:
            if n not in (x for x, _ in names):
                names.append((n, s0 + pa.start()))
    return names


def comparison_spans(sent: Any, off: int) -> list[tuple[int, int]]:
    """Character spans of the phrases that name what something is compared with ("the same time as Y's
    product", "larger than that of Y", "unlike Y", "compared with Y"): a company named there is no party."""
    spans = []
    for tok in sent:
        low = tok.lower_
        if low == "as":
            before = [w.lower_ for w in sent[max(0, tok.i - sent.start - 3):tok.i - sent.start]]
            if "same" not in before and not (before and before[-1] in ("much", "as", "large", "big", "early")):
                continue
        elif low not in ("than", "unlike", "compared") and not (low == "like" and tok.dep_ == "prep"):
            continue
        phrase = tok.head if tok.dep_ == "mark" else tok
        words = list(phrase.subtree)
        spans.append((off + min(tok.idx, words[0].idx), off + words[-1].idx + len(words[-1].text)))
    return spans


def _subject_at(sent: Any, s0: int, pos: int) -> bool:
    """Whether the word at character ``pos`` (a sentence starting at ``s0``) is a subject: "the company" as a
    subject after a company named in the sentence refers to it ("a memo at X showed the company passed Y"); as an
    object it names another one ("X agreed to acquire the company")."""
    if sent is None:
        return False
    off = s0 - sent.start_char
    tok = next((t for t in sent if off + t.idx == pos), None)
    return tok is not None and tok.dep_ in ("nsubj", "nsubjpass")


_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "dative", "agent", "attr", "oprd", "appos", "compound", "poss",
             "nmod", "amod"}
_ARG_PREPS = words("participants", "argument_preps")


def _span(tok: Any) -> tuple[int, int]:
    """The characters of a phrase without its relative clauses: in "bought Pixar, which Disney acquired later"
    Disney is no party to the purchase."""
    skip = {w.i for c in tok.children if c.dep_ == "relcl" for w in c.subtree}
    sub = [w for w in tok.subtree if w.i not in skip]
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def argument_spans(tok: Any) -> list[tuple[int, int]]:
    """Character spans (paragraph-relative) of the phrases that fill a trigger's roles: its subject (the
    controller's, for "plans to launch"), objects, and with/from/to/between phrases; for a noun, its
    modifiers and the subject of the verb it depends on."""
    spans: list[tuple[int, int]] = []

    def roles(t: Any, deep: bool) -> None:
        for c in t.children:
            if c.dep_ in _ARG_DEPS or (c.dep_ == "prep" and c.lower_ in _ARG_PREPS) or (
                    c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and deep):
                spans.append(_span(c))

    roles(tok, True)
    for c in tok.children:  # "passed Wal-Mart to become No. 1", parsed as a clause: its subject is a role
        if c.dep_ in ("ccomp", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            spans.extend(_span(g) for g in c.children if g.dep_ == "nsubj")
    head, cur = tok.head, tok
    for _ in range(6):  # climb through xcomp/conj/dobj to the clause that has the subject
        if head is cur:
            break
        if cur.dep_ in ("relcl", "acl"):
            spans.append((head.idx, head.idx + len(head.text)))
            roles(head, False)
            break
        if cur.dep_ in ("xcomp", "conj", "ccomp", "advcl", "dobj", "obj", "pobj", "nsubj", "nsubjpass", "attr",
                        "prep", "pcomp", "compound", "appos"):
            own = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            if cur.dep_ == "xcomp":  # "prompting Apple Corps to file suit": the object controls the action
                spans.extend(_span(c) for c in head.children if c.dep_ in ("dobj", "obj"))
            if cur.dep_ == "conj" and cur.pos_ == "VERB" and own:
                if own[0].pos_ == "PRON" and own[0].lower_ in ("it", "they", "which", "that"):
                    spans.extend(_span(c) for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent"))
                break  # "he was fired from the company and he founded NeXT": the first clause's roles are its own
            if not any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in cur.children) \
                    or cur.pos_ != "VERB":
                for c in head.children:
                    if c is not cur and (c.dep_ in ("nsubj", "nsubjpass", "agent") or (
                            c.dep_ == "prep" and c.lower_ in ("with", "between", "from", "to"))):
                        spans.append(_span(c))
                    elif c is not cur and c.dep_ == "prep" and c.lower_ in ("for", "on", "over"):
                        # "a contract for cylindrical batteries with X": the parser hangs the partner on the goods
                        spans.extend(_span(g) for g in c.subtree if g.dep_ == "prep" and g.lower_ in
                                     ("with", "between") and g.head.pos_ in ("NOUN", "PROPN"))
            cur, head = head, head.head
            continue
        break
    return spans

