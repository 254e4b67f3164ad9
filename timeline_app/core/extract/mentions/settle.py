"""Article-wide rules that settle what the found mentions are (one sense per article), run by
:class:`.finder.MentionFinder` once every candidate is chosen: names whose "'s" belongs to them, unknown names typed
as companies only on evidence from all their uses, the canonical form and parent of a new company, products named
after their maker, companies quoted as sources (outlets), and the business the article is about."""

from __future__ import annotations

import re
from typing import Any

from ...model import Entity, Mention
from ..kb import KnowledgeBase, slug
from ..vocabulary import words
from .orgtype import (
    _MEDIA_CONTEXT_BEFORE,
    LEGAL_FORM,
    _acronym_kept,
    coordinated,
    has_company_word,
    industries,
    is_nationality,
    kind_words_only,
    make_entity,
    other_evidence,
    settle_kind,
    span_root,
    usage_evidence,
)

# "X reported that / on / ," is a source reporting; "X reported a profit" is a company reporting its results
_REPORTED_AS_SOURCE = re.compile(r"^\s*(?:reported|quoted)(?:\s+(?:that|on|earlier|yesterday|today|last|this)\b|"
                                 r"\s*[,.;:]|\s+(?:the|a|an)\s+\w+\s+(?:as\s+)?saying\b)")
_SOURCE_CUE = re.compile(r"(according to|report by|reported by|quoted|cited by|as per)", re.IGNORECASE)


def article_industries(text: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """What business the article is about, from its companies' names and the words describing companies
    ("the airline", "carriers"), kept on each company (``info["context"]``): across articles it tells which
    longer name a short one stands for (core/resolve.py)."""
    body = [text[m.start:m.end] for m in mentions if m.kind == "company"]
    found = industries(" ".join(body)) | {i for w in re.findall(
        r"\b(?:the|a|an|other|two|both|rival)\s+(\w+)", text, re.IGNORECASE) for i in industries(w)}
    if not found:
        return
    for e in ents.values():
        if e.kind == "company":
            e.info["context"] = sorted(found)


def maker_of_products(mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """A product named after its maker ("3 Brisco CRJ900 jets", the article's company Brisco) is two mentions:
    the maker, a party of what is said of the product (who supplies an order), and the product."""
    makers = sorted(((n, e) for e in ents.values() if e.kind == "company" for n in {e.name, *e.aliases}),
                    key=lambda x: -len(x[0]))
    if not makers:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        hit = next(((n, e) for n, e in makers if m.kind == "product" and m.text.startswith(n + " ")
                    and m.text[len(n):].strip()), None) if m.kind == "product" else None
        if hit is None:
            out.append(m)
            continue
        n, maker = hit
        rest = m.start + len(n) + (len(m.text[len(n):]) - len(m.text[len(n):].lstrip()))
        product = make_entity(ents, "product", m.text[rest - m.start:])
        out.append(Mention(m.start, m.start + len(n), n, "company", maker.id))
        out.append(Mention(rest, m.end, m.text[rest - m.start:], "product", product.id))
    return out


_NOT_A_NOUN_AFTER = ("VERB", "AUX", "PUNCT", "ADP", "CCONJ", "SCONJ")


def possessive_names(text: str, docs: list[tuple[int, Any]], ner_spans: list[tuple[tuple[int, int], str]],
                     tok_at: dict[int, Any] | None = None) -> dict[str, str]:
    """Names whose "'s" is part of the name ("Wendell's said ...", "shoppers at Wendell's."): somewhere in the
    article the "'s" after the name is followed by a verb, punctuation or a preposition, not by what the name
    possesses. Name -> name with its "'s" (one sense per article)."""
    tok_at = tok_at if tok_at is not None else {off + t.idx: t for off, d in docs for t in d}
    out: dict[str, str] = {}
    for (s, e), label in ner_spans:
        if label not in ("ORG", "PERSON") or (" " in text[s:e].strip() and label == "PERSON"):
            continue
        # the model's span may hold the "'s" ("McDonald’s set to open") or stop before it
        end = e - 2 if text[e - 2:e] in ("'s", "’s") and e - 2 > s else e
        tok = tok_at.get(end)
        if tok is None or tok.text not in ("'s", "’s"):
            continue
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if (tok.i > 0 and tok.nbor(-1).dep_ == "poss") or (nxt is not None and nxt.dep_ in ("amod", "compound")):
            continue  # "U.S. Sugar's manufacturing facilities": the parse says it possesses
        if nxt is None or (nxt.pos_ in _NOT_A_NOUN_AFTER and nxt.lower_ not in ("been", "got", "'")):
            name = text[s:end]
            out[name] = name + tok.text
    return out


def settle_companies(text: str, docs: list[tuple[int, Any]], mentions: list[Mention], ents: dict[str, Entity],
                     pending: dict[str, list[Mention]], tok_at: dict[int, Any] | None = None) -> list[Mention]:
    """Names the knowledge base does not know and that carry no organisation word are typed from all their
    uses in the article (one sense per article): a company only on evidence that it acts as one."""
    if not pending:
        return mentions
    tok_at = tok_at if tok_at is not None else {off + t.idx: t for off, d in docs for t in d}
    off_of = {id(d): off for off, d in docs}
    # where a company stands that needs no evidence: known, or with a company word or a legal form
    company_at: dict[int, bool] = {}
    for m in mentions:
        if m.kind == "company" and m.entity is not None and (m.entity not in pending or has_company_word(m.text)
                                                             or LEGAL_FORM.search(m.text)):
            for p in range(m.start, m.end):
                company_at[p] = True
    dropped: set[int] = set()
    for eid, uses in pending.items():
        ent = ents.get(eid)
        if ent is None or (ent.kind != "company" and not ent.name.startswith("Bank of ")):
            continue
        comp = prod = org = place = 0
        for m in uses:
            toks = [tok_at[p] for p in range(m.start, m.end) if p in tok_at]
            root = span_root(toks)
            c, p = usage_evidence(text, m.start, m.end, root)
            # listed with companies ("A, B Inc. and C"): a list names one kind of thing
            c += any(company_at.get(off_of[id(t.doc)] + t.idx) for t in coordinated(root))
            o, pl = other_evidence(text, m.start, m.end)
            comp, prod, org, place = comp + c, prod + p, org + o, place + pl
        acronym_ok = _acronym_kept(text, ent.name)
        forms = sorted({ent.name, *(m.text for m in uses)}, key=len, reverse=True)
        kind: str | None
        if not any(has_company_word(f) or LEGAL_FORM.search(f) for f in forms) and \
                (place or (comp == 0 and f"l:{slug(ent.name)}" in ents)):
            kind = "place"  # "X's government", or the model calls the same name a place elsewhere here
        elif ent.name.startswith("Bank of "):  # "the Bank of X": a central bank unless the article calls it a company
            desc = sum(usage_evidence(text, m.start, m.end, None)[0] for m in uses)
            kind = "company" if desc and not org else "organization"
        else:
            kind = settle_kind(" ".join(forms), comp, prod, acronym_ok, ent.name, org)
        if kind == ent.kind:
            continue
        if kind is None:
            del ents[eid]
            dropped |= {id(m) for m in mentions if m.entity == eid}
            continue
        new_id = None
        for m in mentions:
            if m.entity == eid:
                if new_id is None:
                    retype(m, ents, kind)
                    new_id = m.entity
                else:
                    m.kind, m.entity = kind, new_id
    return [m for m in mentions if id(m) not in dropped]


#: adjectives that many company names start with and that name no one alone ("International Airlines")
_GENERIC_ADJECTIVES = words("mentions", "generic_name_adjectives")


def _generic(words: list[str]) -> bool:
    """Every word only says what kind of company, where, or is a common adjective of company names."""
    return all(w in _GENERIC_ADJECTIVES or is_nationality(w) or kind_words_only(w) for w in words)


def canonical_org(kb: KnowledgeBase, name: str, text: str = "") -> str:
    """The name a new organisation is filed under: its words up to its corporate suffix, without dangling
    connectives or an unclosed parenthesis. "Group" and "Holdings" stay when the rest names no one alone
    ("International Airlines Group") or the article (``text``) never writes the name without them."""
    key = kb.key(name)
    # keep the original casing of the name without its corporate suffix
    words = name.split()
    while len(words) > 1 and kb.key(" ".join(words[:-1])) == key:
        if words[-2:-1] == ["&"] and len(words) == 3:
            break  # "Paulson & Co": a firm named after one person keeps its "& Co" (a bare surname is a person)
        if words[-1] in ("Group", "Holdings") and (_generic(words[:-1]) or (text and not re.search(
                rf"(?<![\w-]){re.escape(' '.join(words[:-1]))}(?!\s+{words[-1]})(?![\w-])", text))):
            break
        words = words[:-1]
    out = " ".join(words)
    if "(" in out and ")" not in out:
        out = out[:out.index("(")]
    return re.sub(r"(?:\s+(?:and|of|&)|[\s,&-])+$", "", out) or name


def guess_parent(kb: KnowledgeBase, name: str) -> str | None:
    """The known company whose name begins this one's (the longest such), if any."""
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        e = kb.lookup(" ".join(words[:n]))
        if e is not None and e.kind == "company":
            return e.name
    return None


def media_from_context(kb: KnowledgeBase, text: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """Companies the article only quotes as sources ("according to X", "X reported") are outlets. A company the
    article also names in any other way is a company that is being quoted ("According to Alias, its software
    ..."): it stays one."""
    quoted: dict[str, bool] = {}
    for m in mentions:
        if m.kind != "company" or m.entity is None or m.entity not in ents:
            continue
        before = text[max(0, m.start - 40):m.start]
        source = bool((_MEDIA_CONTEXT_BEFORE.search(before) and _SOURCE_CUE.search(before))
                      or _REPORTED_AS_SOURCE.match(text[m.end:m.end + 30]))
        quoted[m.entity] = quoted.get(m.entity, True) and source
    for eid, only_source in quoted.items():
        if only_source and kb.lookup(ents[eid].name) is None:
            uses = [m for m in mentions if m.entity == eid]
            retype(uses[0], ents, "media")
            for m in uses[1:]:
                m.kind, m.entity = uses[0].kind, uses[0].entity


def retype(m: Mention, ents: dict[str, Entity], kind: str) -> None:
    """Give a mention's entity another kind (a new entity: the caller moves the entity's other uses to it)."""
    if m.entity is None or m.entity not in ents:
        return
    old = ents.pop(m.entity)
    new = make_entity(ents, kind, old.name, None)
    new.aliases = list(dict.fromkeys(new.aliases + old.aliases))
    for other in ents.values():
        if other.parent == old.name:
            other.parent = None
    m.kind, m.entity = kind, new.id
