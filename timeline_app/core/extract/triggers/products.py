"""What a launch is a launch of: the product noun phrase a launch trigger governs, reduced to a key of its
name words, so that two products are two events ("unveiled the X1, along with the new Y OS") and two reports
of one product are one ("launches new X1" / "announced the X1 Pro" / "the device").

A product key is the set of the name words of the noun phrase (proper nouns, mixed-case and alphanumeric
words, model numbers next to them) plus its head noun ("Zeta tablet" -> {"zeta", "tablet"}). An empty key
("the device", "the new phone") names no product and is compatible with any. Two keys are compatible when one
contains the other: "X1" and "X1 Pro" may be one event, "X1 Pro" and "X1 software" are two."""

from __future__ import annotations

import re
from typing import Any

from ..vocabulary import words

ProductKey = frozenset[str]
NO_PRODUCT: ProductKey = frozenset()

# dependents that are not part of a product's name
_OUTSIDE = {"det", "poss", "relcl", "acl", "prep", "punct", "cc", "conj", "appos", "advcl", "case", "predet",
            "neg", "aux", "auxpass", "dep", "parataxis", "ccomp", "xcomp"}
# Head nouns that name a class of product, not a product ("the Zeta tablet" and "the Zeta line" are the same
# Zeta); any other head noun is part of the name ("Zeta mini" is not "Zeta max").
_CLASS_NOUNS = words("products", "class_nouns")
_PERSONAL = {"ORG", "PERSON", "GPE", "NORP", "LOC", "FAC"}
_REL_PRONOUNS = words("products", "relative_pronouns")
_ADDITIVE_ADVERBS = words("products", "additive_adverbs")
_UNITS = r"(?:[kmgt]b|[kmg]hz|mp|mm|cm|m|in|w|kw|kwh|mah|v|k|p)"
_QUANTITY = re.compile(r"^\d+(?:[.,]\d+)?" + _UNITS + "$", re.I)
_UNIT = re.compile("^" + _UNITS + "$", re.I)


def _is_unit(tok: Any) -> bool:
    """"GB" in "8 GB" (the tokenizer splits "8GB")."""
    return bool(_UNIT.match(tok.text)) and tok.i > 0 and tok.nbor(-1).like_num


def _before_unit(tok: Any) -> bool:
    return tok.i + 1 < len(tok.doc) and _is_unit(tok.nbor(1))


def _is_name(tok: Any) -> bool:
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
        return False
    text = tok.text
    if _QUANTITY.match(text) or _is_unit(tok):
        return False  # "8GB", "2.4 GHz", "12MP": a specification, not a name
    if tok.pos_ == "PROPN":
        return True
    if any(ch.isupper() for ch in text[1:]):  # mixed case: "iPod", "MacBook"
        return True
    if any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text):  # "3GS", "X1"
        return True
    return bool(text[:1].isupper() and tok.i > tok.sent.start and tok.pos_ in ("NOUN", "ADJ"))


def _core(head: Any) -> list[Any]:
    """The tokens of a noun phrase's name: the head and its modifiers, without determiners, possessors,
    clauses, prepositional phrases, coordination and appositions."""
    out = [head]
    for c in head.children:
        if c.dep_ not in _OUTSIDE:
            out.extend(_core(c))
    return out


def _core_key(head: Any) -> ProductKey:
    toks = _core(head)
    names = [t for t in toks if _is_name(t)]
    if not names:
        return NO_PRODUCT
    words = [t.text.lower() for t in names]
    words += [t.text.lower() for t in toks if t.like_num and t.ent_type_ not in ("DATE", "TIME") and not
              _before_unit(t)]
    if head.pos_ == "NOUN" and not _is_name(head) and head.lemma_.lower() not in _CLASS_NOUNS:
        words.append(head.lemma_.lower())
    # "Zeta'11", "Zeta-2": the parts of a name written together
    return frozenset(w.strip(".") for word in words for w in re.split(r"[^\w.]+", word) if w.strip("."))


def np_key(head: Any, depth: int = 0) -> ProductKey:
    """The product key of the noun phrase headed by `head`: its own name words with those of a naming
    apposition ("its latest model, the Zeta 2"); through a nameless head, the phrase it is "of"."""
    if head.pos_ == "PRON" and head.lower_ in _REL_PRONOUNS and head.head.dep_ == "relcl":
        head = head.head.head  # "..., which will be available": the antecedent
    key = _core_key(head)
    for c in head.children:
        if c.dep_ == "appos" and not _a_list(c):
            key |= _core_key(c)
    if key or depth >= 3:
        return key
    new = any(c.dep_ == "amod" and c.lower_ == "new" for c in head.children)
    for p in head.children:
        # "a version of Zeta", "some of the features of its system, Zeta"; "a new section to the Zeta store"
        if p.dep_ == "prep" and (p.lower_ == "of" or (p.lower_ == "to" and new)):
            for g in p.children:
                if g.dep_ == "pobj":
                    sub = np_key(g, depth + 1)
                    if sub:
                        return sub
    return NO_PRODUCT


def _a_list(appos: Any) -> bool:
    """An apposition that goes on with "and"/"or": a member of a list the parser hung as an apposition ("launched
    X, Y and Z", "three new products: X, Y and Z"), not another name of the same product."""
    return any(c.dep_ in ("conj", "cc") for c in appos.children)


def _coordinated(head: Any) -> list[Any]:
    """`head` and the heads coordinated with it ("X and Y", "X, as well as Y", "X, along with Y"), including the
    members of a list the parser hung as an apposition."""
    out = [head]
    for c in head.children:
        if (c.dep_ == "conj" or (c.dep_ == "appos" and _a_list(c))) and c.pos_ in ("NOUN", "PROPN", "NUM"):
            out.extend(_coordinated(c))
    return out


def _along_with(tok: Any) -> list[Any]:
    """Heads joined by "along with" / "together with" to a trigger or an object."""
    out: list[Any] = []
    for p in tok.children:
        if p.dep_ in ("prep", "advmod") and p.lower_ in ("along", "together"):
            for w in p.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    out.extend(g for g in w.children if g.dep_ == "pobj")
    return out


def _object_heads(tok: Any) -> list[Any]:
    """The noun phrases a launch trigger is about: the object of a verb ("unveiled X"), the subject of a
    passive or intransitive one ("X was released", "X ships", "X goes on sale"), the subject of "available",
    the "of" phrase or compound of a noun ("the launch of X", "the X launch")."""
    if tok.pos_ == "ADJ" or (tok.pos_ == "NOUN" and tok.lemma_.lower() == "sale" and tok.head.lower_ == "on"):
        verb = tok.head if tok.pos_ == "ADJ" else tok.head.head
        return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.pos_ == "VERB":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if not objs:
            objs = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not objs:
            objs = [c for c in tok.children if c.dep_ == "nsubj" and c.ent_type_ not in _PERSONAL
                    and not (c.pos_ == "PRON" and c.lower_ not in _REL_PRONOUNS)]
        return objs
    if tok.pos_ in ("NOUN", "PROPN"):
        heads = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                 if g.dep_ == "pobj"]
        if heads:
            return heads
        if any(_is_name(c) for c in tok.children if c.dep_ in ("compound", "nmod")):
            return [tok]  # "the Zeta launch": the compound names the product
        return [c for c in tok.children if c.dep_ == "poss" and c.ent_type_ not in _PERSONAL]
    return []


def product_keys(tok: Any) -> list[ProductKey]:
    """The distinct products a launch trigger names, one key each, in order; [NO_PRODUCT] when it names none.
    Coordinated products whose keys are compatible are one product."""
    heads: list[Any] = []
    joined: list[Any] = []  # "along with X": a product unless X is a company or a person
    for h in _object_heads(tok):
        heads.extend(_coordinated(h))
        joined.extend(_along_with(h))
    if tok.pos_ == "VERB":
        joined.extend(_along_with(tok))
        # a list the parser hung on the verb ("announces X, Y 5, and Z"): nouns coordinated with the object
        if heads:
            heads += [c for c in tok.children if c.dep_ in ("conj", "npadvmod", "advmod") and c.i > heads[0].i
                      and c.pos_ in ("NOUN", "PROPN", "NUM") and _is_name(c)]
    heads += [h for h in joined if h.ent_type_ not in _PERSONAL]
    keys: list[ProductKey] = []
    for h in heads:
        k = np_key(h)
        if not k:
            continue
        same = next((i for i, o in enumerate(keys) if compatible(o, k)), None)
        if same is None:
            keys.append(k)
        else:
            keys[same] = keys[same] | k
    return keys or [NO_PRODUCT]


def head_token(tok: Any, key: ProductKey) -> Any:
    """The token of the sentence that best shows a product (for an evidence span): the head of the first phrase
    named by its words ("Zeta Studio 2008" in "launched Zeta Server 2008, Zeta Studio 2008 ...": Studio), else
    the first of its name words, else the trigger."""
    for t in tok.sent:
        if t.text.lower() in key and _is_name(t):
            head = t
            while head.dep_ in ("compound", "nummod", "flat") and head.head.i != head.i:
                head = head.head
            if head.text.lower() in key:  # the head of this product's own phrase ("Zeta Studio": Studio)
                return head
    for t in tok.sent:
        if t.text.lower() in key and _is_name(t):
            return t
    return tok


def compatible(a: ProductKey, b: ProductKey) -> bool:
    """Whether two product keys may name one product: either names none, or one contains the other."""
    return not a or not b or a <= b or b <= a


def additive(tok: Any) -> bool:
    """Whether a launch is told as one more item ("also released", "was also announced", "in addition to
    the X, they announced the Y", "also said that the Y would be available"): the trigger's clause, or the
    reporting clause above it, carries an additive adverb or "in addition"."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    clauses = [verb]
    if verb.dep_ in ("ccomp", "xcomp"):
        clauses.append(verb.head)  # "also announced that the X would be available"
    for c in (c for v in clauses for c in v.children):
        if c.dep_ == "advmod" and c.lower_ in _ADDITIVE_ADVERBS:
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "addition" for g in c.children):
            return True
        if c.dep_ == "advmod" and c.lower_ == "well" and any(g.lower_ == "as" for g in c.children):
            return True
    return False


def presents_product(tok: Any) -> bool:
    """Whether a verb such as "present" shows a named product ("presented the Zeta 2", "the Zeta was presented
    on Monday"), not a person, a place, a report or an award ("presented Ms Lee with an award")."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    return any(o.ent_type_ not in _PERSONAL - {"ORG"} and o.pos_ != "PRON" and np_key(o) for o in objs)
