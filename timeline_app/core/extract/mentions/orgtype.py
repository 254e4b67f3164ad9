"""What kind of organisation a name denotes: a company, an outlet, a public body or organisation, a product,
a gathering; from the words in the name and the context it is used in."""

from __future__ import annotations

import re
from typing import Any

from ...model import Entity
from ..kb import slug
from ..vocabulary import alternation, table, words


def _name_words(key: str) -> re.Pattern[str]:
    """A list of name words of resources/extraction/mentions.json as one expression of whole words."""
    return re.compile(rf"\b({alternation('mentions', key)})\b")


_MEDIA_NAME = _name_words("media_name_words")
_ORG_NAME = _name_words("organisation_name_words")
_COMPANY_NAME = _name_words("company_name_words")
_MEDIA_CONTEXT_BEFORE = re.compile(r"(?:according to|as per|per|reported by|report by|report from|told|quoted by"
                                   r"|cited by|citing|in an interview with|said in a report by|said|via)"
                                   r"(?:\s+a\s+report\s+by)?\s*(?:the\s+)?$", re.IGNORECASE)
_MEDIA_CONTEXT_AFTER = re.compile(r"^(?:['’]s)?\s*(?:reported|quoted|cited|said in a report|reports|has reported"
                                  r"|newspaper|daily|news agency|broadcaster|wrote)\b", re.IGNORECASE)
# Common business/technology abbreviations that NER tags as organisations (short all-caps words not in the
# knowledge base are dropped by a rule; this list catches mixed-case and longer ones)
_GENERIC_ACRONYMS = words("mentions", "generic_acronyms")
_PRODUCT_SHAPE = re.compile(r"^(?:i[A-Z]\w*|e[A-Z]\w*|\w*\d\w*x\d+)\b")  # iPhone, iPod, eReader
_GATHERING = re.compile(rf"\b({alternation('mentions', 'gathering_name_words')})$")


def make_entity(ents: dict[str, Entity], kind: str, name: str, parent: str | None = None,
                alias: str | None = None) -> Entity:
    """The entity of that kind and name in ``ents`` (created if new), with ``alias`` recorded."""
    prefix = {"company": "c", "organization": "o", "media": "m", "person": "p", "place": "l",
              "product": "x"}[kind]
    if kind == "product":
        parent = None
    eid = f"{prefix}:{slug(name)}"
    e = ents.get(eid)
    if e is None:
        e = ents[eid] = Entity(eid, name, kind, [], parent)
    if alias and alias != name and alias not in e.aliases:
        e.aliases.append(alias)
    return e


# A source quoted for figures: "according to figures released April 3 by X", "X, a market research firm".
_SOURCE_BEFORE = re.compile(r"\baccording to (?:[\w$%.,-]+\s+){0,6}(?:by|from)\s+(?:the\s+)?$", re.IGNORECASE)
_RESEARCH_AFTER = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}"
                             rf"(?:{alternation('mentions', 'research_kinds')})"
                             rf"\s+(?:{alternation('mentions', 'research_outfits')})\b", re.IGNORECASE)


def classify_org(text: str, name: str, start: int, end: int) -> str:
    """'media' for an outlet or a source quoted for figures, 'organization' for a public body or institution,
    else 'company'; from the words of the name and the words around this use of it."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 30]
    if _MEDIA_NAME.search(name) or (_MEDIA_CONTEXT_BEFORE.search(before) and not _COMPANY_NAME.search(name)):
        return "media"
    if _SOURCE_BEFORE.search(text[max(0, start - 80):start]) or _RESEARCH_AFTER.match(text[end:end + 80]):
        return "media"
    if _MEDIA_CONTEXT_AFTER.match(after) and not _COMPANY_NAME.search(name):
        return "media"
    hits = {m.group() for m in _ORG_NAME.finditer(name)}
    if hits == {"Bank of"} and not re.match(r"(?:the\s+)?Bank of\b", name, re.IGNORECASE):
        return "company"  # "Royal Bank of Scotland" is a bank; "Bank of England" is the central bank
    if hits and not _COMPANY_NAME.search(name):
        return "organization"
    return "company"



# --- typing a name that is not in the knowledge base, from all its uses in one article ---------------------------
# Names of things that are not actors at all: agreements, laws, licences, indices, flights, buildings, prizes.
THING_NAME = _name_words("thing_name_words")
# Public bodies: governments, armed forces, parties, parliaments, regulators, courts, exchanges.
PUBLIC_NAME = _name_words("public_body_name_words")
LEGAL_FORM = re.compile(rf"\b({alternation('mentions', 'legal_forms')})\b\.?")
COMPANY_WORDS_EXTRA = _name_words("more_company_name_words")
_DESCRIPTOR = f"(?:{alternation('mentions', 'company_descriptors')})"
DESCRIPTOR_BEFORE = re.compile(rf"\b{_DESCRIPTOR}\s*,?\s*$", re.IGNORECASE)
# the words before the head never pass a preposition: "X, a product of the Y Company" describes no company
_MODIFIER = r"(?!(?:of|for|by|from|with|to|at|in)\s)[\w&'-]+\s+"
DESCRIPTOR_AFTER = re.compile(rf"^\s*,\s*(?:a|an|the|which is a|which is the|[A-Z][\w&.-]*['’]s)\s+"
                              rf"(?:{_MODIFIER}){{0,4}}{_DESCRIPTOR}\b",
                              re.IGNORECASE)
# "X, a product of Y", "X, the company's new drink": a product
PRODUCT_DESCRIPTOR_AFTER = re.compile(rf"^\s*,\s*(?:a|an|the|[A-Z][\w&.-]*['’]s)\s+(?:{_MODIFIER}){{0,2}}"
                                      rf"(?:{'|'.join(sorted(words('mentions', 'product_descriptors')))})"
                                      r"(?=\s*(?:[,.;:)]|$|of\b|from\b|by\b|made\b|sold\b))",
                                      re.IGNORECASE)
# "manufacturers X", "the carmaker X", "X, a chipmaker": a one-word name the model calls a person is a company
# (a person is named by a first and a last name, or comes with a title)
_PERSON_AS_COMPANY_BEFORE = re.compile(rf"\b(?:the|a|an|\w+(?:n|ese|ish))\s+(?:[\w-]+\s+){{0,3}}{_DESCRIPTOR}s?\s*$",
                                       re.IGNORECASE)


def described_as_company(text: str, start: int, end: int) -> bool:
    """A name introduced by a company descriptor ("vehicle manufacturers Bombardier", "X, a chipmaker")."""
    return bool(_PERSON_AS_COMPANY_BEFORE.search(text[max(0, start - 60):start])
                or DESCRIPTOR_AFTER.match(text[end:end + 80]))


# "bank Dexia", "retailer Circuit City", "X, an airline": a name the model calls a place, introduced as a company
_PLACE_AS_COMPANY_BEFORE = re.compile(rf"\b{_DESCRIPTOR}\s+$", re.IGNORECASE)


def place_described_as_company(text: str, start: int, end: int) -> bool:
    """A name the model takes for a place that the article introduces with a company word right before it
    ("the Franco-Belgian bank Dexia") or describes as one after it ("X, a retailer")."""
    return bool(_PLACE_AS_COMPANY_BEFORE.search(text[max(0, start - 40):start])
                or DESCRIPTOR_AFTER.match(text[end:end + 80]) or COMPANY_STAFF_AFTER.match(text[end:end + 30]))


_ORG_DESCRIPTOR = f"(?:{alternation('mentions', 'organisation_descriptors')})"
# "the union X", "X, a trade bloc of ...", "X, the regulator": the descriptor is the head (not "government-owned")
ORG_DESCRIPTOR_BEFORE = re.compile(rf"\b(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}{_ORG_DESCRIPTOR}\s*,?\s*$", re.IGNORECASE)
ORG_DESCRIPTOR_AFTER = re.compile(rf"^\s*,\s*(?:a|an|the|which is a|which is the|[A-Z][\w&.-]*['’]s)\s+"
                                  rf"(?:{_MODIFIER}){{0,3}}{_ORG_DESCRIPTOR}(?![\w-])", re.IGNORECASE)
PUBLIC_HEAD_BEFORE = re.compile(rf"\b(?:{alternation('mentions', 'public_heads')})\s+of\s+(?:the\s+)?$",
                                re.IGNORECASE)
PLACE_POSSESSION = re.compile(rf"^['’]s?\s+(?:{alternation('mentions', 'place_possessions')})\b", re.IGNORECASE)
COMPANY_NOUN_AFTER = re.compile(r"\s+(?:company|firm|corporation|chain)\b")  # "the X company"
# "the chief executive of X", "shareholders of X"; "Enron executives", "X flight attendants"
COMPANY_ROLE_BEFORE = re.compile(rf"\b(?:{alternation('mentions', 'company_roles_of')})\s+of\s+(?:the\s+)?$",
                                 re.IGNORECASE)
COMPANY_STAFF_AFTER = re.compile(rf"^\s+(?:{alternation('mentions', 'company_staff_after')})\b")
BUSINESS_POSSESSION = re.compile(rf"^['’]s?\s+(?:[\w-]+\s+)?(?:{alternation('mentions', 'business_possessions')})\b",
                                 re.IGNORECASE)
# Verbs whose subject or object is a company when it is a named organisation.
COMPANY_SUBJECT_VERBS = words("mentions", "company_subject_verbs")
COMPANY_OBJECT_VERBS = words("mentions", "company_object_verbs")
LAUNCH_VERBS = words("mentions", "launch_verbs")
PRODUCT_NOUNS = words("mentions", "product_nouns")
# Nouns of "the X of Y" that make Y a company ("the acquisition of Y"), or a product ("the release of Y").
_COMPANY_OF_NOUNS = words("mentions", "company_of_nouns")
_PRODUCT_OF_NOUNS = words("mentions", "product_of_nouns")
# Verbs of deciding to act: their subject does what their complement says ("X decided to introduce ...", not
# "X refused to release ...").
_INTENT_VERBS = words("mentions", "intent_verbs")
# Verbs whose "from X" names the company that sells: "ordered three jets from X".
_BOUGHT_FROM = words("mentions", "bought_from_verbs")


def span_root(tokens: list[object]) -> object | None:
    """The token of a span whose head lies outside it."""
    ids = {t.i for t in tokens}  # type: ignore[attr-defined]
    for t in tokens:
        if t.head.i not in ids or t.head is t:  # type: ignore[attr-defined]
            return t
    return tokens[0] if tokens else None


def _governing_verb(tok: object) -> tuple[object | None, str]:
    """The verb a noun depends on (through conjunctions and prepositions) and its role: subject or object."""
    cur = tok
    role = ""
    for _ in range(4):
        dep = cur.dep_  # type: ignore[attr-defined]
        head = cur.head  # type: ignore[attr-defined]
        if dep == "conj":
            cur = head
            continue
        if dep in ("nsubj", "nsubjpass") and dep == "nsubj":
            return head, "subj"
        if dep in ("dobj", "obj", "nsubjpass"):
            return head, "obj"
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            if head.lower_ == "by" and head.dep_ == "agent":
                return head.head, "subj"
            if head.lower_ == "of" and head.head.pos_ == "NOUN":
                return head.head, "of"
            if head.lower_ == "from":
                return head.head, "from"
            return head.head, "pobj"
        return None, role
    return None, role


INDUSTRY = table("mentions", "industries")
_INDUSTRIES = "|".join(sorted(map(re.escape, INDUSTRY), key=len, reverse=True))
# "the X retail group", "the X media conglomerate": a company by what business its group is in
_INDUSTRY_GROUP_AFTER = re.compile(rf"^\s+(?:{_INDUSTRIES})\s+(?:group|conglomerate|company|firm|chain)\b",
                                   re.IGNORECASE)


def usage_evidence(text: str, s: int, e: int, root: object | None) -> tuple[int, int]:
    """(company, product) evidence from one use of a name: descriptors, possessions, the verbs it goes with."""
    comp = prod = 0
    before, after = text[max(0, s - 40):s], text[e:e + 80]
    if text[e - 2:e] in ("'s", "’s"):  # a name with its 's ("Wendell's shares"): what follows is its own
        after = text[e - 2:e] + after
    if DESCRIPTOR_BEFORE.search(before) or DESCRIPTOR_AFTER.match(after) or BUSINESS_POSSESSION.match(after) \
            or COMPANY_NOUN_AFTER.match(after) or _INDUSTRY_GROUP_AFTER.match(after) \
            or COMPANY_ROLE_BEFORE.search(before) \
            or COMPANY_STAFF_AFTER.match(after):
        comp += 1
    if re.search(r"\b(?:[A-Z][\w&.-]*)['’]s\s+(?:new\s+|latest\s+|popular\s+|own\s+)?$", before) \
            or PRODUCT_DESCRIPTOR_AFTER.match(after):
        prod += 1  # "Apple's iLife": a company's thing; "X, a product of Y"
    if root is None:
        return comp, prod
    if root.dep_ == "compound" and root.head.lemma_.lower() in PRODUCT_NOUNS:  # type: ignore[attr-defined]
        prod += 1
    verb, role = _governing_verb(root)
    if verb is not None:
        lemma = verb.lemma_.lower()  # type: ignore[attr-defined]
        if role == "subj" and lemma in _INTENT_VERBS:  # "X decided to introduce": introduce's subject
            lemma = next((c.lemma_.lower() for c in verb.children  # type: ignore[attr-defined]
                          if c.dep_ == "xcomp" and c.lemma_.lower() in COMPANY_SUBJECT_VERBS), lemma)
        if (role == "subj" and lemma in COMPANY_SUBJECT_VERBS) or (role == "obj" and lemma in COMPANY_OBJECT_VERBS):
            comp += 1
        elif role == "obj" and lemma in LAUNCH_VERBS:
            prod += 1
        elif role == "of" and lemma in _COMPANY_OF_NOUNS:
            comp += 1
        elif role == "from" and lemma in _BOUGHT_FROM:
            comp += 1  # "ordered three jets from X": the seller
        elif role == "of" and lemma in _PRODUCT_OF_NOUNS:
            prod += 1
    return comp, prod


def coordinated(root: Any) -> list[Any]:
    """The tokens a name is listed with ("A, B and C"): the heads of its conjuncts, either way."""
    if root is None:
        return []
    first = root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    out, todo = [first], [first]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ == "conj" and c not in out:
                out.append(c)
                todo.append(c)
    return [t for t in out if t is not root]


def other_evidence(text: str, s: int, e: int) -> tuple[int, int]:
    """(organisation, place) evidence from one use of a name: described as a union, a regulator, a bloc ...
    ("the union X", "X, a trade bloc") or headed by what only public bodies have ("the governor of X"), or
    given what only a country has ("X's government")."""
    before, after = text[max(0, s - 40):s], text[e:e + 80]
    org = int(bool(ORG_DESCRIPTOR_BEFORE.search(before) or ORG_DESCRIPTOR_AFTER.match(after)
                   or PUBLIC_HEAD_BEFORE.search(before)))
    return org, int(bool(PLACE_POSSESSION.match(after)))


def settle_kind(name: str, comp: int, prod: int, acronym_ok: bool, canonical: str = "",
                org: int = 0) -> str | None:
    """The kind of a name not in the knowledge base, from its words and the evidence of all its uses:
    'company', 'organization', 'product', or None when it names no actor at all. The last word of the
    canonical name (its head) decides first: "... Commission" is a public body, "... Program" a thing."""
    head = canonical.split()[-1] if canonical.split() else ""
    if re.search(r"\s(?:with|for|to|by|in|on|at|from|and)\s", canonical):
        return None  # two names run together ("Liverpool Enterprise with Enterprise")
    if head and PUBLIC_NAME.fullmatch(head) and not LEGAL_FORM.search(canonical):
        return "organization"
    if head and THING_NAME.fullmatch(head):
        return None
    if PUBLIC_NAME.search(name) and not LEGAL_FORM.search(name):
        return "organization"
    if len(name.split()) == 1 and (_COMPANY_NAME.fullmatch(name) or COMPANY_WORDS_EXTRA.fullmatch(name)):
        return None  # "Bank", "Group": a common noun taken for a name
    if THING_NAME.search(name) and not _COMPANY_NAME.search(name):
        return None
    if org and not LEGAL_FORM.search(name):
        return "organization"  # described as a union, a regulator, a bloc: whatever else it does
    if LEGAL_FORM.search(name) and not re.search(r"\bCo\b", name):
        return "company"  # "Tamsin Dairy Inc" after "Quenzel's": a company's company, no product
    if prod > comp or re.search(r"\s\d+(?:\.\d+)*$", name):
        return "product"
    if has_company_word(name) or LEGAL_FORM.search(name):
        return "company"
    if comp > 0 and (not name.isupper() or acronym_ok):
        return "company"
    return "organization"


# "Solus Advanced Materials", "X Holdings": capitalised words ending in a company word name a company.
_COMPANY_SEQUENCE = re.compile(r"(?<![\w&.-])(?:[A-Z][\w&.'-]*\s+){1,4}"
                               rf"(?:{alternation('mentions', 'company_name_endings')})(?![\w-])")
#: lower-case particles of family names that are part of a name before a capital ("de Havilland Canada")
NAME_PARTICLES = r"(?:de|van|von|du|da|di|del|della|der|le|la)"
_LEAD_JUNK = re.compile(rf"^(?:[\"“”'‘’(]+|(?!{NAME_PARTICLES}\s+[A-Z])(?:[a-z][\w-]*)\s+)+")
_TRAIL_JUNK = re.compile(r"(?:\s+(?:and|of|for|the|&)|[\s,(\"“”&-])+$")


def has_company_word(name: str) -> bool:
    """A company word in a name ("Holdings", "Airways", "Bank" ...)."""
    return bool(_COMPANY_NAME.search(name) or COMPANY_WORDS_EXTRA.search(name))


_INDUSTRY_WORD = re.compile(rf"\b({_INDUSTRIES})\b", re.IGNORECASE)


def industries(text: str) -> set[str]:
    """The industries the words of a name or a text name ("Halvard Air Lines", "the carrier said": air)."""
    return {INDUSTRY[m.group(1).lower()] for m in _INDUSTRY_WORD.finditer(text)}


_NATIONAL_SHAPE = re.compile(r"(?:[A-Z][a-z]+[\s-])?[A-Z][a-z]+(?:ese|ian|ish|ican|ean|an|ic|i|ch)")


_NATIONALITIES = table("participants", "nationalities")
_ADJECTIVAL = re.compile(r"[A-Z][a-z]+(?:ian|ican|ean|ese|ish)")  # Canadian, American, Korean, Japanese, British


def is_nationality(word: str) -> bool:
    """A nationality adjective, by the participants' table or its shape (stricter than ``looks_national``)."""
    return word in _NATIONALITIES or bool(_ADJECTIVAL.fullmatch(word))


def looks_national(name: str) -> bool:
    """A nationality or regional adjective ("Chinese", "South Korean", "Icelandic", "Dutch"), by its shape."""
    return bool(_NATIONAL_SHAPE.fullmatch(name.strip()))


def kind_words_only(extra: str) -> bool:
    """The words say only what kind of company it is ("Air Lines", "Systems", "Group Inc.")."""
    rest = COMPANY_WORDS_EXTRA.sub(" ", _COMPANY_NAME.sub(" ", extra))
    rest = re.sub(r"\b(?:Air|and|of|&)\b|[.,&]", " ", rest)
    return not rest.strip()


def _acronym_kept(text: str, name: str) -> bool:
    """An all-capitals name is kept when the article defines it ("(SK)") or uses it again."""
    return f"({name})" in text or len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)) >= 2


_BOUGHT_BY = words("mentions", "bought_verbs")


def acts_as_company(ent: Any) -> bool:
    """A name the model calls a person that the syntax shows to be a company: it is bought ("he bought Pixar",
    "Pixar was acquired"), or described by a "which" clause, which people never are."""
    if ent.label_ != "PERSON":
        return False
    root = ent.root
    if any(c.dep_ == "relcl" and any(w.dep_ in ("nsubj", "nsubjpass") and w.lower_ == "which" for w in c.children)
           for c in root.children):
        return True
    return root.dep_ in ("dobj", "obj", "nsubjpass") and root.head.lemma_.lower() in _BOUGHT_BY and not (
        root.head.lemma_.lower() == "take" and not any(c.lower_ == "over" for c in root.head.children))
