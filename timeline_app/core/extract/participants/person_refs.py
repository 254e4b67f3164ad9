"""Which person a word in an appointment sentence names: a person mention, a pronoun (he, his, who) resolved to
the nearest person before it, or a full name the tagger found that no mention covers (a name swallowed by a
longer organisation name)."""

from __future__ import annotations

from typing import Any

from ...model import Mention
from ..mentions.people import NOT_PERSON_WORDS
from ..triggers.appointments import definite_title
from ..vocabulary import words

_PERSONAL = words("appointments", "personal_pronouns")
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "attr", "appos", "dative"}
_TITLES = words("appointments", "honorifics")


class PersonResolver:
    """Resolves tokens to person names within one document (it remembers the full names it has met)."""

    def __init__(self, names: dict[str, str], roles: dict[str, str] | None = None):
        self.names = names  # entity id -> canonical name
        self.roles = {n: r.lower() for n, r in (roles or {}).items()}  # name -> title the text gave them
        self.extra: list[str] = []

    def _mention_at(self, pos: int, ments: list[Mention]) -> str | None:
        for m in ments:
            if m.kind == "person" and m.entity in self.names and m.start <= pos < m.end:
                return self.names[m.entity or ""]
        return None

    def at(self, tok: Any, off: int, ments: list[Mention], prior: list[str]) -> str | None:
        """The person a token names, or None."""
        found = self._mention_at(off + tok.idx, ments)
        if found:
            return found
        if tok.pos_ == "PRON":
            return self._pronoun(tok, off, ments, prior)
        if definite_title(tok):
            return self._title_holder(tok, off, ments, prior)
        return self._tagged_name(tok)

    def _title_holder(self, tok: Any, off: int, ments: list[Mention], prior: list[str]) -> str | None:
        """"the chief executive", "its founder": the latest person named before with that title."""
        word = "chief executive" if tok.lower_ == "ceo" else tok.lower_
        earlier = [n for w in reversed([w for w in tok.sent if w.i < tok.i])
                   for n in [self._mention_at(off + w.idx, ments)] if n]
        for name in list(dict.fromkeys(earlier + prior)):
            role = self.roles.get(name, "")
            if word in role or (word == "chief executive" and "ceo" in role.split()):
                return name
        return None

    def _pronoun(self, tok: Any, off: int, ments: list[Mention], prior: list[str]) -> str | None:
        if tok.lower_ in ("who", "whom") and tok.head.dep_ == "relcl":
            return self.at(tok.head.head, off, ments, prior) if tok.head.head.pos_ != "PRON" else None
        if tok.lower_ not in _PERSONAL:
            return None
        sent = tok.sent
        subject = self._clause_subject(tok, off, ments, prior)
        if subject:
            return subject
        for w in reversed([w for w in sent if w.i < tok.i]):
            if w.dep_ in ("poss", "pobj") or w.pos_ == "PRON":
                continue  # "took over from X, ... his appointment": not the one in a prepositional phrase
            if self._mention_at(off + w.idx, ments) or w.ent_type_ == "PERSON":
                name = self.at(w, off, ments, prior)
                if name:
                    return name
        if any(w.i < tok.i and w.dep_ in _ARG_DEPS and w.pos_ in ("NOUN", "PROPN")
               and w.ent_type_ not in ("DATE", "TIME") for w in sent):
            return None  # another noun phrase comes first: the pronoun may well refer to it
        return prior[0] if prior else None

    def _clause_subject(self, tok: Any, off: int, ments: list[Mention], prior: list[str]) -> str | None:
        """The person subject, before the pronoun, of a clause the pronoun is in ("X, who ..., said at the time
        of his appointment")."""
        cur = tok
        for _ in range(8):
            if cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.pos_ not in ("VERB", "AUX"):
                continue
            for s in (c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i):
                if s.pos_ != "PRON" and (self._mention_at(off + s.idx, ments) or s.ent_type_ == "PERSON"):
                    return self.at(s, off, ments, prior)
        return None

    def _tagged_name(self, tok: Any) -> str | None:
        """A name the tagger marks as a person that no person mention covers: a full name (two words or more)
        is taken and remembered; a single word only as part of a full name met before."""
        if tok.ent_type_ != "PERSON":
            return None
        span = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if span is None:
            return None
        words = [w.text for w in span if w.text.lower().rstrip(".") not in _TITLES and w.tag_ != "POS"
                 and w.text not in ("'s", "’s", "'")]
        if not words or any(w in NOT_PERSON_WORDS or not w[:1].isupper() for w in words):
            return None
        if len(words) >= 2:
            name = " ".join(words)
            if name not in self.extra:
                self.extra.append(name)
            return name
        known = list(self.names.values()) + self.extra
        return next((n for n in reversed(known) if words[0] in n.split() and len(n.split()) >= 2), None)

    def others(self, tok: Any, off: int, ments: list[Mention], person: str) -> list[str]:
        """Other people the trigger's sentence names (the predecessor in "X succeeds Y", the one whose post is
        filled)."""
        lo = off + min(w.idx for w in tok.sent)
        hi = off + max(w.idx + len(w.text) for w in tok.sent)
        found = [self.names[m.entity or ""] for m in ments
                 if m.kind == "person" and m.entity in self.names and lo <= m.start < hi]
        found += [n for w in tok.sent if w.ent_type_ == "PERSON" and not self._mention_at(off + w.idx, ments)
                  for n in [self._tagged_name(w)] if n]
        return [n for n in dict.fromkeys(found) if n != person]
