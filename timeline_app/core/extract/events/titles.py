"""Short titles that say what happened ("Kmart to buy Sears", "Orvid Records will lay off 3,500 workers"), cut
from the event's own sentence by its syntax: the headline when the event is told there, else the clause of the
trigger reduced to its subject, verb, particle and object, with the nouns reduced to their names and numbers."""

from __future__ import annotations

from typing import Any

from ..vocabulary import words

#: Longest title kept; a longer one falls back to the type-and-companies summary.
MAX_TITLE = 90
_NP_KEEP = ("compound", "nummod", "amod", "poss", "flat", "quantmod", "nmod", "case", "det", "npadvmod")
_VERB_KEEP = ("aux", "auxpass", "neg", "prt")
_PRONOUNS = frozenset({"it", "they", "we", "its", "their", "this", "that", "which"})
_PERSONAL = frozenset({"he", "she", "i"})
_DETS = frozenset({"the", "a", "an", "this", "that"})
_RELATIVES = frozenset({"who", "which", "that"})
#: verbs that say nothing of the event when nothing follows them in the title
_SAYING = words("events", "saying_verbs")


def _noun_phrase(tok: Any, depth: int = 0) -> list[Any]:
    """The head noun with its names, numbers and adjectives (not its clauses or prepositional phrases)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "punct" and c.text == "-":  # "three-day"
            out.append(c)
        elif c.dep_ in _NP_KEEP and depth < 3:
            if c.dep_ == "det" and c.lower_ in _DETS:
                continue
            out.extend(_noun_phrase(c, depth + 1))
        elif c.dep_ == "prep" and c.lower_ == "of" and depth == 0:  # "3,500 of its workers", "a stake of 6%"
            obj = [g for g in c.children if g.dep_ == "pobj"]
            if obj:
                out.append(c)
                out.extend(_noun_phrase(obj[0], depth + 1))
    return out


def _coordination(subject: Any) -> list[Any]:
    """A coordinated subject whole ("BYD and KG Mobility", "A, B and C"), without its clauses and prepositional
    phrases; [] when the subject is no coordination or too long for a title."""
    def aside(d: Any) -> bool:  # "A, B and C" is often parsed as A with the apposition "B and C": a list, kept
        return d.dep_ in ("prep", "relcl", "acl", "advcl") or (
            d.dep_ == "appos" and not any(c.dep_ in ("conj", "cc") for c in d.children))

    cut = {t.i for d in subject.subtree if d.i != subject.i and aside(d) for t in d.subtree}
    kept = [t for t in subject.subtree if t.i not in cut]
    if not any(t.dep_ == "conj" for t in kept) or len(kept) > 10:
        return []
    while kept and kept[-1].dep_ == "punct":
        kept.pop()
    return kept


def _named_prep(head: Any) -> list[Any]:
    """The first prepositional phrase of ``head`` that names something ("in Kadokawa", "with OpenAI"), not a
    date ("on Tuesday")."""
    for c in head.children:
        if c.dep_ != "prep":
            continue
        obj = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"
                    and g.ent_type_ not in ("DATE", "TIME")), None)
        if obj is not None:
            return [c, *_noun_phrase(obj)]
    return []


def _description(tok: Any) -> bool:
    """A definite description that refers back rather than names: "the company", "the former", "this firm"."""
    return tok.pos_ in ("NOUN", "ADJ") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                               for c in tok.children) and not any(
        c.pos_ == "PROPN" for c in tok.children if c.dep_ in ("compound", "poss", "nmod"))


def _governing_verb(tok: Any) -> Any | None:
    """The verb a noun trigger depends on ("filed for bankruptcy" → filed), within two steps."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "amod":
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _render(tokens: list[Any]) -> str:
    toks = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    out = ""
    for k, t in enumerate(toks):
        out += t.text
        if k + 1 < len(toks):
            out += t.whitespace_ if toks[k + 1].i == t.i + 1 else " "
    return " ".join(out.split()).strip(" ,;:-")


def clause_title(trigger: Any, subject_name: str, person: str = "") -> str:
    """A short title from the trigger's clause; ``subject_name`` stands for a pronoun or missing subject ("it" →
    the company), ``person`` for "he"/"she"."""
    # one of a list of named things ("launched X, Y and Z"): the event of that one, its own name as the object
    member = trigger if trigger.dep_ in ("conj", "appos") and (trigger.pos_ == "PROPN" or any(
        c.pos_ == "PROPN" for c in trigger.children if c.dep_ in ("compound", "nmod"))) else None
    first = member
    while first is not None and first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head  # the list's first member, whose head is the verb's
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _governing_verb(first if member is not None else trigger)
    if verb is None or trigger.dep_ in ("nsubj", "nsubjpass", "attr"):
        return ""  # "Cooperation is drawing attention", "This is not the first deal": about the event, not it
    parts: list[Any] = [verb]
    parts += [c for c in verb.children if c.dep_ in _VERB_KEEP]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    relative = [c for c in verb.children if c.lower_ in _RELATIVES and c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if verb.dep_ == "relcl" and relative:  # "CEO Brian Goggin, who took over": the clause is about its noun
        if relative[0].dep_ == "dobj":  # "Pixar, which Disney bought": Disney bought Pixar
            if subject is None or subject.lower_ in _PRONOUNS | _PERSONAL:
                return ""
            title = _render([verb, *[c for c in verb.children if c.dep_ in _VERB_KEEP], *_noun_phrase(subject)]) \
                + " " + _render(_noun_phrase(verb.head))
            return title[:1].upper() + title[1:]
        subject = verb.head
    if subject is None and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        # "Halvek agreed to buy Zentrix": the subject is the governing verb's; keep "agreed to"
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and verb.dep_ == "xcomp":
            parts += [verb.head] + [c for c in verb.head.children if c.dep_ in ("aux", "neg")]
    lead = ""
    needs_lead = subject is None or subject.lower_ in _PRONOUNS or subject.lower_ in _PERSONAL or _description(subject)
    if subject is None or subject.lower_ in _PRONOUNS or _description(subject):
        lead = subject_name  # "it", "the company", "the former": the company the event is about
    elif subject.lower_ in _PERSONAL:
        lead = person
    else:
        parts += _coordination(subject) or _noun_phrase(subject)
    parts += _named_prep(verb)  # "invest $500 million in Kadokawa"
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "attr", "dative")), None)
    if member is not None:
        parts += _noun_phrase(member)
    elif obj is not None:
        parts += _noun_phrase(obj) + _named_prep(obj)  # "a partnership with OpenAI"
    if trigger.i != verb.i and member is None:  # the path to the noun trigger: "filed for Chapter 11 bankruptcy"
        cur = trigger
        while cur.i != verb.i and cur.head.i != cur.i:  # (spaCy makes a new Token object on every access)
            parts.append(cur)
            parts += [c for c in cur.children if c.dep_ in ("compound", "nummod", "amod")]
            cur = cur.head
    if needs_lead and not lead:
        return ""  # who did it is not in the clause and not certain: no title rather than a wrong one
    if max(p.i for p in parts) == verb.i and verb.lemma_.lower() in _SAYING and not any(
            c.dep_ == "auxpass" for c in verb.children):
        return ""  # "Microsoft announced", "Dell plans": what was announced is not in the clause
    title = _render(parts)
    if lead and lead in title:
        return ""  # "it won a contract from X" with X the one company: "it" is someone else
    if lead:
        title = f"{lead} {title}"
    return title[:1].upper() + title[1:] if title else ""


def event_title(sentence: Any, trigger: Any | None, position: int, companies: list[str],
                people: list[str] | None = None) -> str:
    """The title of an event told in ``sentence`` (a spaCy span) at ``trigger``: the headline itself when the
    event is told there, else its clause; "" when neither gives a short one."""
    text = " ".join(sentence.text.split())
    if position == 0 and len(text) <= MAX_TITLE:
        return text
    if trigger is None:
        return ""
    # a pronoun or "the company" stands for the event's company only when it has one
    title = clause_title(trigger, companies[0] if len(companies) == 1 else "", (people or [""])[0])
    words = title.split()
    if len(words) < 2 or len(title) > MAX_TITLE:
        return ""
    return title
