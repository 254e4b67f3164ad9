"""Senses of trigger words that need the sentence's syntax to decide: "leaves Apple" (a departure) against
"leaves the price unchanged", "sold 13 million Macs" (results) against "sells music", "launch of a probe"
(not a business launch), "meeting expectations", "shares" as a noun, questions and conditionals."""

from __future__ import annotations

from typing import Any

from ..vocabulary import words
from .actions import action_sense, clause_words, is_preorder
from .appointments import appointment_sense
from .products import presents_product

_OBJ = ("dobj", "obj")
_CASE_NOUNS = words("senses", "case_nouns")
# Objects that report no event: "launch an investigation", "meet expectations", "deal with the problem".
_NON_EVENT_OBJECTS = words("senses", "non_event_objects")
# Cue words of the sense rules below (resources/extraction/senses.json).
_SHOW_VERBS = words("senses", "show_verbs")
_FOUNDING_VERBS = words("senses", "founding_verbs")
_PRICE_CUT_VERBS = words("senses", "price_cut_verbs")
_PRICE_NOUNS = words("senses", "price_nouns")
_RANKING_VERBS = words("senses", "ranking_verbs")
_LEGAL_NOUNS = words("senses", "legal_nouns")
_SALE_VERBS = words("senses", "sale_verbs")


def _objects(tok: Any) -> list[Any]:
    objs = [c for c in tok.children if c.dep_ in _OBJ]
    for p in (c for c in tok.children if c.dep_ == "prep"):
        objs += [g for g in p.children if g.dep_ == "pobj"]
    return objs


def _is_org(tok: Any) -> bool:
    return tok.ent_type_ == "ORG" or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "GPE", "LOC", "NORP"))


def _has_quantity(tok: Any) -> bool:
    return any(w.like_num or w.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT") for w in tok.subtree)


def _title_case(tok: Any) -> bool:
    """A sentence in title case ("Brisco Aerospace Files For Bankruptcy Protection"): the model's names there run
    over the words of the event, so a capital says nothing."""
    words = [t for t in tok.sent if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.75 * len(words)


def non_event_use(tok: Any) -> bool:
    """A trigger used in a sense that reports no event: a word inside a name; its object is an investigation, an
    expectation or a problem; it is asked about or conditional; or it is negated."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.ent_iob_ == "I" and tok.text[:1].isupper() and \
            tok.ent_type_ in ("ORG", "FAC", "GPE", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT") and not _title_case(tok):
        return True  # a word inside a name: the Federal Aviation "Administration" is no insolvency
    objs = [o.lemma_.lower() for o in _objects(tok)]
    if tok.pos_ == "VERB" and objs and objs[0] in _NON_EVENT_OBJECTS:
        return True
    if tok.pos_ == "NOUN":
        of = [g.lemma_.lower() for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        if of and of[0] in _NON_EVENT_OBJECTS:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in _REFERENCE_PREPS:
            return True  # "after the merger": a reference to another event, not a report of one
        if tok.lemma_.lower() in _RESULT_NOUNS and not any(
                (w.like_num and w.ent_type_ != "ORDINAL") or w.ent_type_ in ("MONEY", "PERCENT")
                for w in clause_words(tok)):  # a figure, not "the first Air"
            return True  # results without a figure: talk about sales, not a results event
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
        return True
    return bool(tok.sent.text.rstrip().endswith("?"))


def _order_sense(tok: Any, objs: list[Any]) -> str | None:
    """ "ordered 30 jets", "ordered new Zeta trains": goods bought, a contract; "ordered Brisco to pay", "ordered
    the closure of the plant": a ruling or a decision (the classifier reads it)."""
    if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        return "other"
    goods = [o for o in objs if o.dep_ in _OBJ and o.pos_ in ("NOUN", "PROPN")]
    if any(_has_quantity(o) or o.tag_ in ("NNS", "NNPS") or o.ent_type_ == "PRODUCT" for o in goods):
        return "supply"
    return None


def sense(tok: Any) -> str | bool | None:
    """The event type of a word whose sense depends on syntax; False when the word is not handled here."""
    lemma = tok.lemma_.lower()
    pos = tok.pos_
    role_change = appointment_sense(tok)
    if role_change is not False:
        return role_change
    if pos == "ADJ" and lemma == "available":
        subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        named = any(w.pos_ == "PROPN" or any(ch.isupper() for ch in w.text[1:]) or (w.i > w.sent.start and
                    w.text[:1].isupper()) or (w.pos_ == "PRON" and w.lower_ in ("it", "they", "which", "that"))
                    for c in subj for w in c.subtree)
        return "launch" if tok.head.lemma_ == "be" and named else None  # "iPhone 4 will be available"
    if pos == "NOUN" and lemma == "sale" and tok.head.lower_ == "on" and tok.head.head.lemma_ in _SALE_VERBS:
        return "launch"  # "goes on sale"
    if pos == "VERB":
        objs = _objects(tok)  # only the verb senses read the objects
        obj_lemmas = {o.lemma_.lower() for o in objs}
        acted = action_sense(tok)
        if acted is not False:
            return acted
        if lemma in _SHOW_VERBS:
            return "launch"
        if lemma == "order":
            return _order_sense(tok, objs)
        if lemma == "present" and presents_product(tok):
            return "launch"  # "presented the Zeta 2"
        if lemma == "go" and any(c.lower_ in ("live", "online") for c in tok.children):
            return "launch"
        if lemma == "ship" and not any(o.ent_type_ == "ORG" for o in objs) and \
                not any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
            return "launch"  # "Lion ships in July": a product goes out, no customer named
        if lemma == "add" and any(o.pos_ in ("NOUN", "PROPN") for o in objs if o.dep_ in _OBJ):
            return "launch" if any(c.dep_ == "nsubj" and _is_org(c) for c in tok.children) else None
        if lemma in ("die", "pass") and lemma == "die":
            return "other"
        if lemma == "found" or (lemma in _FOUNDING_VERBS and (
                any(_is_org(o) for o in objs) or any(c.dep_ == "nsubjpass" and c.ent_type_ == "ORG"
                                                     for c in tok.children))):
            return "other"  # a company founded ("X was started by two engineers in 1976")
        direct = {c.lemma_.lower() for c in tok.children if c.dep_ in _OBJ}
        if lemma == "settle" and (any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "into") for c in tok.children)
                                  or (direct and not direct & _CASE_NOUNS)):
            return None  # "settle on prices", "settle the bill": no dispute settled
        if lemma in ("settle", "appeal"):
            return "other"
        if lemma in ("lose", "win") and obj_lemmas & _CASE_NOUNS:
            return "other"
        if lemma == "file" and obj_lemmas & _CASE_NOUNS:
            return "other"
        cut = obj_lemmas | {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubjpass"}  # "price will be cut"
        if lemma in _PRICE_CUT_VERBS and cut & _PRICE_NOUNS:
            return "other"
        if lemma in ("discontinue", "scrap"):
            return "other"
        if lemma == "sell":
            if any(c.dep_ == "prep" and c.lower_ == "since" for c in tok.children):
                return None  # "has sold 3 billion songs since its launch": a running total
            if any(_has_quantity(o) for o in objs if o.dep_ in _OBJ):
                return "financial"  # "sold 13.7 million Macs"
            return None
        passed = [o for o in objs if o.dep_ in _OBJ] + [  # "passed Wal-Mart to become No. 1" (parsed as a clause)
            g for c in tok.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"]
        if lemma in _RANKING_VERBS and any(_is_org(o) for o in passed):
            return "financial"  # a ranking passed
        return False
    if pos == "NOUN":
        if is_preorder(tok):
            return "launch"  # "pre-orders began Tuesday": a product made available to order
        if lemma in _LEGAL_NOUNS:
            return "other"
        if lemma in ("death", "founding"):
            return None
        if lemma == "preview":
            return "launch"
        return False
    return False


_HYPOTHETICAL = words("senses", "hypothetical")
_REFERENCE_MARKS = words("senses", "reference_marks")
_REPORTING_VERBS = words("senses", "reporting_verbs")
_REFERENCE_PREPS = words("senses", "reference_preps")
_RESULT_NOUNS = words("senses", "result_nouns")


def not_reported_as_event(tok: Any) -> bool:
    """An undated mention that a reader would not take as an event: under a condition ("if the companies
    combine"), hypothetical ("could buy"), history told in the past perfect ("had bought"), or inside a quotation
    (an opinion or a promise in someone's words)."""
    cur, seen = tok, 0
    while seen < 8:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in cur.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in cur.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "would" for c in cur.children) and not any(
                a.lemma_.lower() in _REPORTING_VERBS for a in cur.ancestors):
            return True  # "would" outside reported speech: a hypothetical
        if cur.head is cur:
            break
        cur, seen = cur.head, seen + 1
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return True
    if tok.pos_ == "VERB" and (tok.dep_ == "pcomp" or any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _REFERENCE_MARKS for c in tok.children)):
        return True  # "when Jobs first introduced it", "to block him from joining": a reference, not a report
    sent = tok.sent
    first = sent[0].text
    if first.startswith(("If", "Unless", "Should")):
        return True
    prefix = sent.text[:tok.idx - sent[0].idx]
    return bool(prefix.count("“") > prefix.count("”") or prefix.count('"') % 2 == 1)


def aside_mention(tok: Any, status: str) -> bool:
    """An undated mention further down a dated news article that is not news of its own: a plan or announcement
    named by a noun ("IBM's plans in India"), or a past action told in the simple past with no date (history
    used as context, which a reader does not take as a mark on the timeline)."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in ("plan", "announcement"):
        return True
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if status == "happened" and verb.tag_ == "VBD":
        return not any(c.dep_ == "aux" for c in verb.children)
    if status == "happened" and verb.tag_ == "VBN":  # "was released", "were acquired"
        return any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children)
    return False
