"""One company, one name within an article: the short and long forms a news story uses for the same company
("Goldman Sachs" … "Goldman", "Electronic Data Systems (EDS)" … "EDS", "International Airlines Group" … "IAG")
become one entity, so they make one lane, not two.

Rules (within one article only; across articles the knowledge base and the merge decide):
- a leading "X-based" is never part of a company's name ("California-based Autodesk" is Autodesk);
- an acronym that spells the initials of another company's name in the article is that company;
- a name whose words are a run of another company's name (its first words, or its last words when the rest is
  capitalised, like a founder's first name) is that company, when exactly one such longer name is in the
  article and the short name is not a company the knowledge base knows in its own right ("Sony" in an
  article about "Sony Computer Entertainment" stays Sony);
- when the longer name only adds a nationality or place adjective ("Icelandic Kaupthing Bank"), the shorter
  name is the company's name;
- a name the knowledge base knows is still the short form of a longer name of the article that only adds what
  kind of company it is ("Quell" and "Quell Airlines": the knowledge base's Quell is another company).
"""

from __future__ import annotations

import re
from typing import Any

from ...model import Entity, Mention
from ..kb import KnowledgeBase
from ..vocabulary import words
from .orgtype import has_company_word, kind_words_only, make_entity

_BASED = re.compile(r"^(?:[A-Z][\w.'’]*[\s-])*[A-Z][\w.'’]*-based\s+(?=[A-Z0-9])")
_FUNCTION_WORDS = words("mentions", "name_function_words")
_NAMED = ("company", "organization")  # a company's short form may have been typed an organisation
_SENTENCE_BREAK = re.compile(r"[.!?;:]\s")


def initials(name: str) -> str:
    """The capital initials of a name's words, hyphenated parts counting as words ("Hewlett-Packard" -> "HP")."""
    parts = [p for p in re.split(r"[\s-]+", name) if p and p.lower() not in _FUNCTION_WORDS]
    return "".join(p[0] for p in parts if p[0].isupper())


def _words(name: str) -> list[str]:
    return name.replace(",", " ").split()


def _extends_another(ent: Entity, others: list[Entity]) -> bool:
    """The name starts with another company's whole name ("Red Hat Enterprise Linux"): a unit or a product."""
    w = _words(ent.name)
    return any(o is not ent and o.kind == "company" and _run_of(_words(o.name), w) == "prefix" for o in others)


def _run_of(short: list[str], long: list[str]) -> str | None:
    """Where ``short`` sits inside ``long``: "prefix", "suffix" or None."""
    n = len(short)
    if not short or n >= len(long):
        return None
    if long[:n] == short:
        return "prefix"
    if long[-n:] == short:
        return "suffix"
    return None


def _merge(ents: dict[str, Entity], mentions: list[Mention], src: Entity, dst: Entity) -> None:
    """Every use of ``src`` becomes a use of ``dst``; ``src``'s names are kept as ``dst``'s aliases."""
    for m in mentions:
        if m.entity == src.id:
            m.entity, m.kind = dst.id, dst.kind
    dst.aliases = list(dict.fromkeys([*dst.aliases, src.name, *src.aliases]))
    ents.pop(src.id, None)
    for other in ents.values():
        if other.parent == src.name:
            other.parent = dst.name if dst.name != other.name else None  # a unit of src is a unit of dst


def _adjectival(toks: list[Any]) -> bool:
    """The extra words of a longer name are a nationality or place adjective (spaCy: NORP, or an adjective)."""
    return bool(toks) and all(t is not None and (t.ent_type_ == "NORP" or t.tag_ == "JJ") for t in toks)


def unify_company_names(text: str, docs: list[tuple[int, Any]], mentions: list[Mention],
                        ents: dict[str, Entity], kb: KnowledgeBase, tok_at: dict[int, Any] | None = None) -> None:
    """Apply the module's rules to one article's company entities, in place."""
    # 1. "X-based Name" -> "Name"
    for ent in [e for e in ents.values() if e.kind == "company"]:
        based = _BASED.match(ent.name)
        if based and ent.name[based.end():].strip():
            new = make_entity(ents, ent.kind, ent.name[based.end():].strip(), ent.parent)
            if new is not ent:
                _merge(ents, mentions, ent, new)
    companies = [e for e in ents.values() if e.kind in _NAMED]
    if len(companies) < 2:
        return
    tok_at = tok_at if tok_at is not None else {off + t.idx: t for off, d in docs for t in d}
    body = text.find("\n")  # the headline uses short forms; the body names a company in full first
    first: dict[str, int] = {}
    where: dict[str, int] = {}
    for mention in mentions:
        if mention.entity is not None:
            where.setdefault(mention.entity, mention.start)
            if mention.start > body:
                first.setdefault(mention.entity, mention.start)
    known = {e.id for e in companies if kb.lookup(e.name) is not None}
    # 2. acronyms: "EDS" is "Electronic Data Systems" when both are in the article
    for short in companies:
        name = short.name
        if short.id not in ents or not (2 <= len(name) <= 6 and name.replace("&", "").isalpha() and name.isupper()):
            continue
        targets = [e for e in companies if e is not short and e.id in ents
                   and any(initials(f) == name for f in [e.name, *e.aliases] if len(_words(f)) >= 2
                           or "-" in f)]
        if len(targets) == 1 and targets[0].kind == "organization" and short.kind == "company" and \
                f"{targets[0].name} ({name})" in text:
            _merge(ents, mentions, short, targets[0])  # "Federal Aviation Administration (FAA)": the body's
        elif len(targets) == 1 and targets[0].kind == "company" and (short.kind == "company" or (
                has_company_word(targets[0].name) and not _extends_another(targets[0], companies))):
            long = targets[0]
            if short.id in known and long.id not in known and short.kind == "company":
                _merge(ents, mentions, long, short)
            else:
                _merge(ents, mentions, short, long)
    # 3. a run of a longer company name in the same article
    companies = sorted((e for e in ents.values() if e.kind in _NAMED),
                       key=lambda e: len(_words(e.name)))
    for short in companies:
        if short.id not in ents:
            continue
        sw = _words(short.name)
        runs: list[tuple[Entity, str]] = []
        for long in companies:
            if long is short or long.id not in ents:
                continue
            lw = _words(long.name)
            run = _run_of(sw, lw)
            if run == "suffix" and not all(w[0].isupper() for w in lw[:-len(sw)]):
                run = None
            if run and long.id in where and not _SENTENCE_BREAK.search(long.name):
                runs.append((long, run))
        if len(runs) > 1:  # "Continental" of "Continental Airlines" and "United Continental": the kind-only one
            runs = [(lg, r) for lg, r in runs if r == "prefix" and kind_words_only(" ".join(_words(lg.name)[len(sw):]))]
        if len(runs) != 1:
            continue
        long, run = runs[0]
        if long.kind != "company":
            continue
        n_extra = len(_words(long.name)) - len(sw)
        extra = [tok_at.get(where[long.id] + mm.start()) for mm in re.finditer(r"\S+", long.name)][:n_extra]
        words_extra = " ".join(_words(long.name)[:n_extra] if run == "suffix" else _words(long.name)[len(sw):])
        if run == "suffix" and _adjectival(extra):  # "Icelandic Kaupthing Bank" is Kaupthing Bank
            if long.id not in known:
                base = make_entity(ents, "company", short.name, long.parent)
                for src in (short, long):
                    if src is not base:
                        _merge(ents, mentions, src, base)
            continue
        if short.kind != "company" and not has_company_word(words_extra):
            continue  # an organisation is a company's short form only when the long form adds a company word
        if short.id not in known and first.get(long.id, len(text)) < first.get(short.id, len(text) + 1):
            _merge(ents, mentions, short, long)
        elif short.id in known and long.id not in known and run == "prefix" and kind_words_only(words_extra) \
                and not _named_in_full(short, mentions):
            # the article names "X Airlines" in full: its "X" is that airline here, whatever else the knowledge
            # base knows by that name (a known unit, "X Electronics", is known itself and not taken); but not when
            # the article also names the known company in full by another of its names ("Apple Computer" beside
            # "Apple Corps": two companies)
            _merge(ents, mentions, short, long)


def _named_in_full(ent: Entity, mentions: list[Mention]) -> bool:
    """Whether the article names the entity by a longer name than its short one (a knowledge-base alias such as
    "Apple Computer" of Apple)."""
    n = len(_words(ent.name))
    return any(m.entity == ent.id and len(_words(m.text)) > n for m in mentions)
