"""Appointments: an executive's change of role. The sense of the trigger words ("leaves Apple" against "leaves
the price unchanged", "promoted him" against "promoted the phone"), the person whose role changes (the
appointee: the subject of "resigns", the object of "fired", the agent of "his post will be filled by"), and
the kind of change (a departure, a leave of absence, taking up a post), so that there is one event per
person and change."""

from __future__ import annotations

from typing import Any

from ..vocabulary import words

#: Nouns that name a post or the company a person holds it at ("leaves his post", "joins the board").
POST_NOUNS = words("appointments", "post_nouns")
#: Titles that make "named X chief executive" an appointment.
TITLE_WORDS = words("appointments", "title_words")
#: titles that, with "the" or a possessive, stand for the person holding them
ROLE_TITLES = words("appointments", "role_titles")
_DEPART = words("appointments", "depart")
_ROLE_NOUNS = words("appointments", "role_nouns")
_ABSENCE_WORDS = words("appointments", "absence_words")
_TIME_UNITS = words("appointments", "time_units")
_PERSON_PRONOUNS = words("appointments", "person_pronouns")
#: verbs whose passive subject is the one who leaves, and whose agent is the one who takes over
_SUCCESSION = words("appointments", "succession_verbs")
#: verbs that make their object the appointee ("fired X", "named X chief executive")
_TRANSITIVE = words("appointments", "transitive_verbs")
_ORG_ENTS = ("ORG",)
# Cue words of the sense rules below (resources/extraction/appointments.json).
_ANNOUNCE_VERBS = words("appointments", "announce_verbs")
_LEAVE_POST_VERBS = words("appointments", "leave_post_verbs")
_TAKE_UP_POST_VERBS = words("appointments", "take_up_post_verbs")
_HELM_NOUNS = words("appointments", "helm_nouns")
_TAKEN_OVER_NOUNS = words("appointments", "taken_over_nouns")
_PUSH_OUT_VERBS = words("appointments", "push_out_verbs")
_FIRE_VERBS = words("appointments", "fire_verbs")
_LEAVE_NOUNS = words("appointments", "leave_nouns")
_IN_CHARGE_VERBS = words("appointments", "in_charge_verbs")


def _children(tok: Any, *deps: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _is_org(tok: Any) -> bool:
    return tok.ent_type_ == "ORG" or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "GPE", "LOC", "NORP",
                                                                                    "DATE", "PRODUCT"))


def _post_or_org(objs: list[Any]) -> bool:
    return any(_is_org(o) or o.lemma_.lower() in POST_NOUNS or o.lower_ in TITLE_WORDS for o in objs)


def _objects(tok: Any) -> list[Any]:
    objs = _children(tok, "dobj", "obj")
    for p in _children(tok, "prep"):
        objs += _children(p, "pobj")
    return objs


def looks_like_person(tok: Any) -> bool:
    """A token that can name a person: tagged PERSON, a personal pronoun, or a proper noun no tagger took for an
    organisation, place or product."""
    if tok.ent_type_ == "PERSON":
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in _PERSON_PRONOUNS
    return tok.pos_ == "PROPN" and tok.ent_type_ in ("", "NORP") and tok.text[:1].isupper()


def definite_title(tok: Any) -> bool:
    """"the chief executive", "its chairman", "the company's founder": a title standing for the person who holds
    it, named before."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in ROLE_TITLES and any(
        (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in tok.children)


def _may_be_person(tok: Any) -> bool:
    """Looser than :func:`looks_like_person`: the small model often tags a family name used alone as an
    organisation or a plural noun ("Jobs", "Mendes"), and a title may stand for a person ("the chief executive");
    the person mentions of the article decide later."""
    return looks_like_person(tok) or definite_title(tok) or (
        tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ in ("ORG", "") and tok.text[:1].isupper()
        and not tok.text.isupper())


def _leave_of_absence(tok: Any) -> bool:
    """"medical leave", "a leave of absence", "took six months off"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and lemma == "leave":
        return any(w.lower_ in _ABSENCE_WORDS for w in tok.subtree)
    if tok.pos_ == "VERB" and lemma == "take" and any(c.lower_ == "off" and c.dep_ in ("prt", "advmod")
                                                       for c in tok.children):
        return any(o.lemma_.lower() in _TIME_UNITS for o in _children(tok, "dobj", "obj"))
    return False


def appointment_sense(tok: Any) -> str | bool | None:
    """"appointment" when the word reports a change of role, None when it is used in another sense, False when
    the word is not one this module decides."""
    lemma = tok.lemma_.lower()
    if _leave_of_absence(tok) or (tok.pos_ == "NOUN" and lemma in _ROLE_NOUNS):
        return None if _in_reference(tok) else "appointment"  # "X's departure", not "after X's departure"
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    objs = _objects(tok)
    kids = {c.lower_ for c in tok.children}
    if lemma in _ANNOUNCE_VERBS and any(
            o.lemma_.lower() in _ROLE_NOUNS or _leave_of_absence(o) for o in _children(tok, "dobj", "obj")):
        return None  # "announced his resignation": the resignation is the event, not a launch or a plan
    if lemma in _LEAVE_POST_VERBS:
        if "behind" in kids:
            return None  # "leaves behind a company": no departure from it
        if lemma == "leave" and _put_in_charge(tok):
            return "appointment"
        return "appointment" if _post_or_org(objs) else None
    if lemma in ("put", "place") and _put_in_charge(tok):
        return "appointment"
    if lemma in ("return", "come") and _back_from_leave(tok):
        return "appointment"  # "returns from medical leave"
    if lemma in _TAKE_UP_POST_VERBS:
        return "appointment" if _post_or_org(objs) else None
    if lemma == "take":
        over = any(c.dep_ == "prt" and c.lower_ == "over" for c in tok.children)
        helm = any(o.lemma_.lower() in _HELM_NOUNS for o in _children(tok, "dobj", "obj"))
        subj = _subject(tok)
        if over and subj is not None and subj.ent_type_ == "ORG" and any(
                (o.pos_ == "PROPN" and o.ent_type_ != "PERSON")
                or o.lemma_.lower() in _TAKEN_OVER_NOUNS
                for o in _children(tok, "dobj", "obj")):
            return "investment"  # "Initech took over Globex": a company taken over is bought
        return "appointment" if over or helm else None
    if lemma == "step":
        return "appointment" if "down" in kids or "aside" in kids else None
    if lemma in _PUSH_OUT_VERBS:  # "was pushed out", "forced out of the company"
        return "appointment" if any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children) else None
    if lemma in _FIRE_VERBS:
        return "appointment"
    if lemma == "name":
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
            return None  # "a task manager named X": called, not appointed
        posts = _children(tok, "oprd", "xcomp", "attr") + [p for p in _children(tok, "prep")
                                                            if p.lower_ in ("as", "to")]
        titled = any(w.lower_ in TITLE_WORDS for p in posts for w in p.subtree)
        return "appointment" if titled else None
    if lemma == "promote":
        return "appointment"
    if lemma == "become":  # "will become chairman of X", "became its chief executive"
        return "appointment" if any(w.lower_ in TITLE_WORDS and w.dep_ in ("attr", "oprd", "acomp", "xcomp")
                                    for w in tok.children) else None
    if lemma == "fill":
        return "appointment" if any(c.lemma_.lower() in POST_NOUNS for c in _children(
            tok, "dobj", "obj", "nsubjpass")) else None  # "his post will be filled by"
    if lemma == "serve" or (lemma == "be" and _children(tok, "prep")):
        return "appointment" if _tenure_since(tok) else None
    if lemma in ("work",) and _tenure_since(tok):
        return "appointment"
    return False


def _back_from_leave(tok: Any) -> bool:
    return any(p.lower_ == "from" and any(g.lemma_.lower() in _LEAVE_NOUNS for g in p.children)
               for p in _children(tok, "prep"))


def _put_in_charge(tok: Any) -> bool:
    """"left X in charge of day-to-day operations", "put X in charge": X takes over."""
    people = [o for o in _children(tok, "dobj", "obj") if looks_like_person(o)]
    preps = [p for o in people for p in _children(o, "prep")] + _children(tok, "prep")
    return bool(people) and any(p.lower_ == "in" and any(g.lower_ == "charge" for g in p.children) for p in preps)


def _tenure_since(tok: Any) -> bool:
    """"has served as chief executive since 2009", "had been with the company since 2008", "has worked at X since
    May": a tenure that gives the date it began."""
    preps = _children(tok, "prep")
    since = any(p.lower_ == "since" and _children(p, "pobj") for p in preps)
    if not since:
        return False
    lemma = tok.lemma_.lower()
    if lemma == "serve":
        return any(p.lower_ == "as" for p in preps)
    if lemma == "be":
        return any(p.lower_ == "with" and any(_is_org(g) for g in p.children) for p in preps) and any(
            looks_like_person(s) for s in _children(tok, "nsubj"))
    return any(p.lower_ in ("for", "at", "with") and any(_is_org(g) for g in p.children) for p in preps)


def change_kind(tok: Any) -> str:
    """The kind of change a trigger reports: "depart", "absence", "return" (from a leave), "tenure" (a post held
    since a date) or "assume" (joining, taking up a post)."""
    lemma = tok.lemma_.lower()
    if _leave_of_absence(tok):
        return "absence"
    if lemma == "leave" and _put_in_charge(tok):
        return "assume"
    if _back_from_leave(tok):
        return "return"
    if tok.pos_ in ("VERB", "AUX") and _tenure_since(tok):
        return "tenure"
    if lemma in _DEPART:
        return "depart"
    return "assume"


def _passive(tok: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and not any(c.dep_ in ("aux", "dobj", "obj", "oprd")
                                                                       for c in tok.children))


def _pick(cands: list[Any]) -> Any | None:
    """The candidate most likely to name a person ("The former chief operating officer, Tim Cook, will ...");
    a description stands for the name in apposition to it ("The former director of X, Trevor East, has ...")."""
    cands = [w for c in cands for w in [c, *_children(c, "appos")]] + [
        w for c in cands if c.pos_ == "NOUN" for w in c.subtree
        if w.ent_type_ == "PERSON" and (w.i + 1 >= len(w.doc) or w.doc[w.i + 1].ent_type_ != "PERSON")]
    return next((c for c in cands if c.ent_type_ == "PERSON"), None) or next(
        (c for c in cands if looks_like_person(c)), None) or next((c for c in cands if _may_be_person(c)), None)


def _subject(tok: Any) -> Any | None:
    """The subject of a verb, climbing to the controller ("has chosen to step down", "was asked to take over")
    and through coordination ("returned to Apple and reassumed the role")."""
    cur = tok
    for _ in range(5):
        subj = _children(cur, "nsubj", "nsubjpass")
        if subj:
            return _pick(subj)
        if cur.dep_ == "relcl" and cur.head.i != cur.i:
            return cur.head
        if cur.dep_ == "xcomp":
            objs = [o for o in _children(cur.head, "dobj", "obj") if looks_like_person(o)]
            if objs:
                return objs[0]  # object control: "asked Cook to take over"
        if cur.dep_ not in ("xcomp", "conj", "advcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


_REFERENCE_PREPS = words("appointments", "reference_preps")


def _in_reference(tok: Any) -> bool:
    """A noun inside a time reference ("since the beginning of his leave", "after her resignation", "prior to his
    dismissal"): it names an event told elsewhere as a point in time, it does not report one."""
    cur = tok
    for _ in range(5):
        if cur.dep_ not in ("pobj", "prep") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lower_ in _REFERENCE_PREPS:
            return True
    return False


def appointee_token(tok: Any) -> Any | None:
    """The token naming the person whose role the trigger changes, or None when there is no such person (then the
    word does not report an appointment)."""
    lemma = tok.lemma_.lower()
    cand: Any | None = None
    if tok.pos_ == "NOUN":
        own = _children(tok, "poss", "compound")
        of = [g for p in _children(tok, "prep") if p.lower_ == "of" for g in _children(p, "pobj")]
        cand = _pick(own + of)
        if cand is None:
            head = tok.head.head if tok.dep_ == "pobj" else tok.head
            if tok.dep_ in ("dobj", "obj", "pobj", "attr") and head.pos_ in ("VERB", "AUX"):
                cand = _subject(head)
    elif lemma in _SUCCESSION and _passive(tok):
        agents = [g for a in _children(tok, "agent") + [p for p in _children(tok, "prep") if p.lower_ == "with"]
                  for g in _children(a, "pobj")]  # "will be replaced by X", "replaced with X"
        cand = _pick(agents)
    elif lemma in _TRANSITIVE or (lemma in _IN_CHARGE_VERBS and _put_in_charge(tok)):
        cand = _subject(tok) if _passive(tok) else _pick(_children(tok, "dobj", "obj", "oprd"))
    else:
        cand = _subject(tok)
    return cand if cand is not None and _may_be_person(cand) else None


def same_change(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two appointment reports (their event metadata) can be one event: the same person and the same kind
    of change. Reports without a person (other event types) are not told apart here."""
    if not a.get("person") or not b.get("person"):
        return True
    return bool(a["person"] == b["person"] and a.get("kind") == b.get("kind"))


def since_reference(tok: Any) -> tuple[Any, str] | None:
    """For a tenure, the change of role its "since" phrase names ("since the beginning of Jobs' medical leave",
    "since her predecessor's resignation"): the token naming that change's person and the change's kind."""
    for p in _children(tok, "prep"):
        if p.lower_ != "since":
            continue
        for w in p.subtree:
            if w.pos_ == "NOUN" and (_leave_of_absence(w) or w.lemma_.lower() in _DEPART):
                who = next((c for c in _children(w, "poss", "compound") if c.pos_ in ("PROPN", "PRON")), None)
                if who is not None:
                    return who, change_kind(w)
    return None


_JOIN = words("appointments", "join_verbs")
_LEAVE = words("appointments", "leave_verbs")


def _span(tok: Any) -> tuple[int, int]:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def company_spans(tok: Any) -> list[tuple[int, int]]:
    """Character spans (paragraph-relative) of the words that name the company whose post changes hands: the
    company joined ("joined X", "returned to X") or left ("left X", "resigned from X"), the one that appoints
    ("X hired ...", "hired by X"), and the one a post belongs to ("chief executive of X", "head of sales at X")."""
    lemma = tok.lemma_.lower()
    preps = {p.lower_: p for p in _children(tok, "prep")}
    spans: list[tuple[int, int]] = []
    if lemma in _JOIN:
        spans += [_span(o) for o in _children(tok, "dobj", "obj") if _is_org(o)]
        spans += [_span(g) for k in ("to", "at") if k in preps for g in _children(preps[k], "pobj")]
    elif lemma in _LEAVE and not _passive(tok):
        spans += [_span(o) for o in _children(tok, "dobj", "obj") if _is_org(o)]
        spans += [_span(g) for g in (_children(preps["from"], "pobj") if "from" in preps else [])]
    elif lemma in _TRANSITIVE:
        if _passive(tok):
            spans += [_span(g) for a in _children(tok, "agent") for g in _children(a, "pobj")]
        else:
            spans += [_span(s) for s in _children(tok, "nsubj") if _is_org(s) or s.lower_ in POST_NOUNS]
    if lemma in _LEAVE and _passive(tok) and "from" in preps:  # "was fired from X"
        spans += [_span(g) for g in _children(preps["from"], "pobj")]
    # the post's company: "as chief executive of X", "chairman of X", "head of sales at X" (not the
    # appointee's description: "hired former X executive Y")
    posts = [c for c in tok.children if c.dep_ in ("oprd", "attr", "xcomp", "acomp") or (
        c.dep_ == "prep" and c.lower_ in ("as", "to", "from")) or (
        c.dep_ in ("dobj", "obj", "pobj") and not looks_like_person(c) and c.ent_type_ != "PERSON")]
    for w in (w for c in posts for w in c.subtree):
        if w.lower_ in TITLE_WORDS or w.lemma_.lower() in POST_NOUNS:
            spans += [_span(g) for p in _children(w, "prep") if p.lower_ in ("of", "at") for g in _children(p, "pobj")
                      if _is_org(g) or any(x.ent_type_ == "ORG" for x in g.subtree)]
            spans += [_span(c) for c in _children(w, "poss", "compound") if _is_org(c)]
    return spans
