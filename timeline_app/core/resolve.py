"""Who is who across the workspace: one canonical name per company, whatever the article called it.

Extraction makes one entity per company *within* an article (``extract/mentions/short_names``); across articles
the same company still comes under several names: "Delta" and "Delta Air Lines", "Warner Bros" and "Warner
Bros.", "DivX, Inc." and "DivX", "McDonald" (a possessive cut off) and "McDonald's", "RIM" and "Research In
Motion". :func:`resolve_companies` decides, from the workspace's entities only (the union over its articles:
names, kinds, the aliases each article gave a company), which names are one company, and says why. It decides by
evidence, never by a list of names:

- **same name**: equal but for case, accents, punctuation, a leading "the", a possessive or a legal form
  ("Inc.", "plc", ... from the knowledge base's suffixes); a name that only adds a legal form is also cleaned
  when it stands alone ("Wikia, Inc." → "Wikia");
- **same article**: an article used the name for another company (it is that company's alias there) and no
  other company has that alias;
- **acronym**: an all-capitals name spelling the initials of exactly one longer company name, or the capitals of
  a one-word name in camel case to a mixed-case acronym ("PwC" of "PricewaterhouseCoopers", not "BR" of
  "BlackRock");
- **short form**: the first words of exactly one longer company name, the rest of which only says what kind of
  company it is ("Delta" of "Delta Air Lines": "Air Lines"; not "Sony" of "Sony Computer Entertainment"); a name
  some article wrote with its legal form ("Pearson PLC") is a whole name, never another's short form;
- **nationality**: a name that only adds a nationality adjective to another ("American Reebok" → "Reebok");
- **truncation**: a single word cut out of exactly one longer company name joined by a function word
  ("Motion" of "Research In Motion", "Rohm" or "Haas" of "Rohm and Haas");
- **spelling**: two long names one letter apart with the same first word ("Singer & Fridlander").

A name the knowledge base knows as a company in its own right is never merged into another, and the names the
user's company edits name (``keep``) are left as the user said: user edits always win. Every merge carries its
explanation ("merged 'Delta' into 'Delta Air Lines': short form"), stored on the canonical entity
(``info["merged"]``) for the viewer to show."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from cleanco import basename as cleanco_basename
from cleanco import prepare_default_terms

from .extract.kb import KnowledgeBase, slug
from .extract.mentions.orgtype import _COMPANY_NAME, COMPANY_WORDS_EXTRA, industries, is_nationality, kind_words_only
from .extract.mentions.short_names import initials
from .extract.vocabulary import words
from .model import DocResult, Entity, Event

_FUNCTION = words("mentions", "name_function_words") | {"in", "on", "at"}
@dataclass
class Resolution:
    """Which company names are another company's (``into``: name → canonical name) and why."""

    into: dict[str, str] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)

    def canonical(self, name: str) -> str:
        """The name a company goes by in the workspace."""
        return self.into.get(name, name)

    def explain(self, name: str) -> str:
        """One line saying why ``name`` was merged ("" when it was not)."""
        if name not in self.into:
            return ""
        return f"merged '{name}' into '{self.into[name]}': {self.why[name]}"

    def merged_into(self, canonical: str) -> list[str]:
        """The explanations of the names merged into ``canonical``."""
        return [self.explain(n) for n in sorted(self.into) if self.into[n] == canonical]


@lru_cache(maxsize=65536)
def _fold(name: str) -> str:
    """Case, accents and punctuation folded: "Warner Bros." and "warner bros" are one."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"['’]s?$", "", plain.strip())
    plain = re.sub(r"^the\s+", "", plain)
    return " ".join(w for w in re.split(r"[^a-z0-9&]+", plain.replace("&", " & ")) if w)


#: words of the knowledge base's suffixes that are part of a name when it stands alone ("Volkswagen Group")
_NAME_PART_SUFFIXES = frozenset({"Group", "Holdings", "Company"})


#: the last words of cleanco's legal terms, normalised as it does: a name ending otherwise has none of them
_CLEANCO_LAST = frozenset(parts[-1] for _n, parts in prepare_default_terms() if parts)
#: the last words of a knowledge base's suffixes, lower case, per list of suffixes
_SUFFIX_LASTS: dict[tuple[str, ...], frozenset[str]] = {}
#: strip_legal_form's answers (the same names are asked for again and again)
_STRIPPED: dict[tuple[str, tuple[str, ...]], str] = {}


def _strip_legal(name: str, kb: KnowledgeBase, lone: bool = False) -> str:
    """The name without a trailing legal form ("DivX, Inc." → "DivX"; "Ford Motor Company" → "Ford Motor");
    ``lone``: only the legal forms proper, for a name that has no other form ("Volkswagen Group" stays)."""
    out = name.strip()
    lasts = _SUFFIX_LASTS.get(tuple(kb.suffixes))
    if lasts is None:
        lasts = _SUFFIX_LASTS[tuple(kb.suffixes)] = frozenset(
            suf.split()[-1].lower().strip(",") for suf in kb.suffixes if suf.split())
    if not out.split() or out.split()[-1].lower().lstrip(",") not in lasts:
        return out
    changed = True
    while changed:
        changed = False
        for suf in kb.suffixes:
            if lone and suf in _NAME_PART_SUFFIXES:
                continue
            for sep in (", ", ",", " "):
                if out.lower().endswith((sep + suf).lower()) and len(out) > len(sep + suf):
                    rest = out[: -len(sep + suf)].rstrip(" ,")
                    if rest and not (len(rest.split()) == 1 and (_COMPANY_NAME.fullmatch(rest)
                                                               or COMPANY_WORDS_EXTRA.fullmatch(rest))):
                        out, changed = rest, True
                    break
            if changed:
                break
    return out


def strip_legal_form(name: str, kb: KnowledgeBase) -> str:
    """The name without its legal form, in the forms of many countries ("Brisco S.p.A.", "Quillon K.K.",
    "Meranti Resources Sdn Bhd"): ``cleanco``, then the knowledge base's own suffixes for what is left
    ("Cheng Loong Co., Ltd."). "Group" and "Holdings" stay ("X Holdings" may be X's group), and a name is never
    cut to nothing, to a function word or to a word that only says "company" ("The Company", "BA").
    bench/legal_forms.py measures it against the hand list alone and cleanco alone."""
    out = name.strip()
    key = (out, tuple(kb.suffixes))
    cached = _STRIPPED.get(key)
    if cached is not None:
        return cached
    if re.fullmatch(r"[\w.'-]+\s*&\s*Co\.?", out):
        return out  # "Paulson & Co": a firm named after one person keeps its "& Co" (a bare surname is a person)
    last = re.sub(r"[.,-]", "", out.split()[-1].casefold()) if out.split() else ""
    got = cleanco_basename(out).strip(" ,") if last in _CLEANCO_LAST else out  # cleanco tries every term
    if got and got != out and len(got) >= 2 and got.lower() not in _FUNCTION and \
            not (_COMPANY_NAME.fullmatch(got) or COMPANY_WORDS_EXTRA.fullmatch(got)) and \
            out.lower().startswith(got.lower()):  # only a legal form at the end is taken away
        out = got
    if len(_STRIPPED) > 200_000:
        _STRIPPED.clear()
    got = _STRIPPED[key] = _strip_legal(out, kb, lone=True)
    return got


def _key(name: str, kb: KnowledgeBase) -> str:
    """Names with one key are one name ("Group", "Holdings" stay: "X Holdings" may be X's group)."""
    return _fold(strip_legal_form(re.sub(r"['’]s$", "", name.strip()), kb))


def _spelled_initials(name: str) -> str:
    """Initials with the function words in lower case, as "BoA" spells "Bank of America" (a one-word name is
    returned as it is when it has that shape already)."""
    parts = [p for p in re.split(r"[\s-]+", name) if p]
    if len(parts) == 1:
        return name
    return "".join(p[0].lower() if p.lower() in _FUNCTION else p[0] for p in parts if p[0].isalpha())


def _one_letter(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) != 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def resolve_companies(entities: Iterable[Entity], kb: KnowledgeBase, keep: Iterable[str] = ()) -> Resolution:
    """The workspace's company names resolved to one canonical name per company (see the module doc)."""
    ents = list(entities)
    keep = set(keep)
    companies = sorted({e.name for e in ents if e.kind == "company" and e.name.strip()})
    if not companies:
        return Resolution()
    aliases_of: dict[str, set[str]] = {}
    context_of: dict[str, set[str]] = {}  # the industries of the articles naming a company
    for e in ents:
        if e.kind == "company":
            aliases_of.setdefault(e.name, set()).update(a for a in e.aliases if a != e.name)
            context_of.setdefault(e.name, set()).update(str(x) for x in e.info.get("context", []))

    def kb_own(name: str) -> bool:
        """The knowledge base knows the name as a company of its own (its entry is named so)."""
        got = kb.lookup(name)
        return got is not None and got.kind == "company"

    res = Resolution()

    # a group named as some company's parent is not where a name goes: it is the group, not the company
    groups_of = {e.parent for e in ents if e.parent} - {n for n in companies if kb_own(n)}

    def merge(src: str, dst: str, why: str) -> None:
        if src == dst or src in keep or src in res.into or dst in groups_of:
            return
        res.into[src], res.why[src] = dst, why

    # 1. one name but for case, punctuation, a possessive or a legal form
    same: dict[str, list[str]] = {}
    for n in companies:
        same.setdefault(_key(n, kb), []).append(n)
    for key, names in same.items():
        if not key:
            continue
        known = [n for n in names if (entry := kb.lookup(n)) is not None and entry.name == n]
        best = known[0] if known else max(
            names, key=lambda n: (n in keep, strip_legal_form(n, kb) == n, n.endswith(("'s", "’s")), len(n), n))
        target = best if best in keep or known else strip_legal_form(best, kb)
        for n in names:
            if n == target:
                continue
            if re.sub(r"['’]s$", "", n) == re.sub(r"['’]s$", "", target):
                diff = "a possessive"
            elif strip_legal_form(n, kb) != n or strip_legal_form(target, kb) != target:
                diff = "legal form"
            else:
                diff = "punctuation or case"
            merge(n, target, f"same name ({diff})")
    live = sorted({res.canonical(n) for n in companies})
    live_set = set(live)
    # a name written with its legal form somewhere ("Pearson PLC") is a company's whole name, no short form
    whole = {res.canonical(n) for n in companies
             if strip_legal_form(n, kb) != n or any(strip_legal_form(a, kb) == n for a in aliases_of.get(n, ()))}

    # 2. an article used the name for another company
    alias_owner: dict[str, set[str]] = {}
    for n in live:
        for a in aliases_of.get(n, ()):
            alias_owner.setdefault(a, set()).add(n)
    for n in live:
        owners = alias_owner.get(n, set()) - {n}
        if len(owners) == 1 and not kb_own(n):
            merge(n, next(iter(owners)), "same article (an article calls it so)")

    multi = [m for m in live if len(m.split()) >= 2 and m not in res.into]
    by_initials: dict[str, set[str]] = {}
    by_prefix: dict[str, set[str]] = {}
    by_word: dict[str, set[str]] = {}
    for m in multi:
        w = m.split()
        for form in [m, *(a for a in aliases_of.get(m, ()) if len(a.split()) >= 2)]:
            by_initials.setdefault(initials(form), set()).add(m)
            by_initials.setdefault(_spelled_initials(form), set()).add(m)
        for k in range(1, len(w)):
            by_prefix.setdefault(" ".join(w[:k]), set()).add(m)
        if any(x.lower() in _FUNCTION for x in w[1:-1]):
            for x in w:
                by_word.setdefault(x, set()).add(m)

    # one-word names in camel case spell their capitals to a mixed-case acronym ("PwC" of "PricewaterhouseCoopers")
    by_camel: dict[str, set[str]] = {}
    for m in live:
        if " " not in m and len(m) >= 8 and sum(map(str.isupper, m)) >= 2 and not m.isupper() and m not in res.into:
            by_camel.setdefault("".join(filter(str.isupper, m)), set()).add(m)

    def unmerged(names: Iterable[str]) -> list[str]:
        return sorted(m for m in names if m not in res.into and m not in groups_of)

    # 3. acronyms
    for n in live:
        if n in res.into or not (2 <= len(n) <= 6 and n.replace("&", "").isalpha() and n[0].isupper()
                                 and sum(map(str.isupper, n)) >= 2):
            continue
        longs = unmerged(by_initials.get(n, ())) or (unmerged(by_camel.get("".join(filter(str.isupper, n)), ()))
                                                     if not n.isupper() else [])  # "PwC", not "BR" for BlackRock
        if len(longs) != 1:
            continue
        if kb_own(n) and not kb_own(longs[0]):
            merge(longs[0], n, f"acronym ('{n}' spells its initials)")
        elif not kb_own(n):
            merge(n, longs[0], "acronym (its initials)")
    # 4. short forms: the first words of exactly one longer name, the rest only saying what kind of company
    for n in live:
        if n in res.into or kb_own(n) or n in whole or _COMPANY_NAME.fullmatch(n) or \
                COMPANY_WORDS_EXTRA.fullmatch(n):
            continue
        longer = [m for m in unmerged(by_prefix.get(n, ())) if kind_words_only(m[len(n):])]
        if len(longer) > 1:  # "United": of "United Airlines" and "United Parcels", the one in its articles' business
            context = context_of.get(n, set())
            longer = [m for m in longer if industries(m[len(n):]) & context]
        if len(longer) == 1:
            inds = industries(longer[0][len(n):]) & context_of.get(n, set())
            merge(n, longer[0], "short form" + (f" ({', '.join(sorted(inds))}, as its articles)" if inds else ""))
    # 5. a nationality adjective before another company's name
    for n in live:
        w = n.split()
        if n in res.into or len(w) < 2 or not is_nationality(w[0]) or kb_own(n):
            continue
        rest = " ".join(w[1:])
        if rest in live_set and not (_COMPANY_NAME.fullmatch(rest) or COMPANY_WORDS_EXTRA.fullmatch(rest)):
            merge(n, res.canonical(rest), "a nationality before the name")
    # 6. a word cut out of a longer name joined by a function word ("Motion" of "Research In Motion")
    for n in live:
        if n in res.into or " " in n or kb_own(n) or n in whole or len(n) < 3:
            continue
        holders = unmerged(by_word.get(n, ()))
        if len(holders) == 1:
            merge(n, holders[0], f"truncation (a word of '{holders[0]}')")
    # 7. one letter apart, same first word, long names
    by_first: dict[tuple[str, int], list[str]] = {}  # first word and folded length: one letter more is next
    for m in live:
        by_first.setdefault((m.split()[0], len(_fold(m))), []).append(m)
    for n in live:
        if n in res.into or len(n) < 10 or kb_own(n) or re.search(r"\d", n):
            continue
        fn = _fold(n)
        close = [m for m in by_first.get((n.split()[0], len(fn) + 1), []) if m not in res.into
                 and _one_letter(fn, _fold(m))]
        if len(close) == 1:
            merge(n, close[0], "spelling (one letter apart)")
    # chains end at a name that is not merged itself
    for n in list(res.into):
        seen = {n}
        dst = res.into[n]
        while dst in res.into and dst not in seen:
            seen.add(dst)
            dst = res.into[dst]
        res.into[n] = dst
    return res


def apply_to_events(events: Iterable[Event], res: Resolution) -> None:
    """Every event's companies under their canonical names (once each, order kept), in place."""
    if not res.into:
        return
    for ev in events:
        if any(c in res.into for c in ev.companies):
            ev.companies = list(dict.fromkeys(res.canonical(c) for c in ev.companies))


def apply_to_entities(entities: dict[str, Entity], res: Resolution) -> None:
    """The canonical entity of every merged name gets its aliases and the explanations (``info["merged"]``);
    a merged entity says where it went (``info["merged_into"]``). Canonical entities missing are created."""
    for src, dst in res.into.items():
        sid, did = f"c:{slug(src)}", f"c:{slug(dst)}"
        s = entities.get(sid)
        d = entities.get(did)
        if d is None:
            d = entities[did] = Entity(did, dst, "company", [], s.parent if s is not None else None)
        names = [src, *(s.aliases if s is not None else [])]
        d.aliases = list(dict.fromkeys([*d.aliases, *(a for a in names if a != d.name)]))
        why = res.explain(src)
        d.info["merged"] = sorted({*d.info.get("merged", []), why})
        if s is not None and s is not d:
            s.info["merged_into"] = dst
            s.info["merged_why"] = why
            if d.parent is None and s.parent and s.parent != d.name:
                d.parent = s.parent


def resolve_results(results: list[DocResult], entities: dict[str, Entity], kb: KnowledgeBase,
                    keep: Iterable[str] = ()) -> Resolution:
    """Resolve the workspace's companies (``entities``: the union of ``results``' entities) and apply it to the
    results' events and to ``entities``, in place."""
    res = resolve_companies(entities.values(), kb, keep)
    for r in results:
        apply_to_events(r.events, res)
    apply_to_entities(entities, res)
    return res
