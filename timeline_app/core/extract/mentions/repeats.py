"""A company's name written again where the language model did not tag it ("Adidas profits rose 39%" at the start
of a sentence, "BSkyB, which dominates ..."): every other whole-name use of a name the article already uses for a
company (as written, or its name without the legal form) is a mention of that company."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...model import Entity, Mention
from ..vocabulary import words

#: names too short or too plain to find again by their letters alone
_MIN_LENGTH = 3


def name_again(text: str, mentions: list[Mention], ents: dict[str, Entity],
               tok_at: Mapping[int, Any] | None = None) -> list[Mention]:
    """``mentions`` with a company mention added at each untagged whole-name use of a company's surface form. A use
    inside a longer capitalised name ("Apple" in "Apple Corps"), a surface also used for a person or place, a form
    the article also writes in lower case ("Shell" and "shell"), and a word the parser reads as no proper noun
    there (``tok_at``: the tokens by offset; "Compass points north", "Sage advice") are left alone."""
    forms: dict[str, str] = {}
    other: set[str] = set()
    for m in mentions:
        if m.entity is None or m.entity not in ents:
            continue
        surface = m.text.strip()
        if ents[m.entity].kind == "company":
            forms.setdefault(surface, m.entity)
            forms.setdefault(ents[m.entity].name, m.entity)  # "Zentrix" for "Zentrix AG"
        elif m.kind in ("person", "place", "product", "media", "organization"):
            other.add(surface)
    forms = {f: e for f, e in forms.items() if len(f) >= _MIN_LENGTH and f[:1].isupper() and f not in other
             and not re.search(rf"(?<![\w-]){re.escape(f.lower())}(?![\w-])", text)}
    if not forms:
        return mentions
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    pattern = re.compile(r"(?<![\w&.-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                         + r")(?![\w&-]|\.\w)")
    added: list[Mention] = []
    for hit in pattern.finditer(text):
        s, e = hit.span(1)
        if taken.find(1, s, e) != -1 or _inside_longer_name(text, s, e):
            continue
        tok = tok_at.get(s) if tok_at is not None else None
        if tok is not None and tok.pos_ not in ("PROPN", "X"):
            continue
        added.append(Mention(s, e, hit.group(1), "company", forms[hit.group(1)]))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, m.end))


#: capitalised words that begin a sentence or clause without being part of a name
_OPENERS = words("mentions", "sentence_openers")


def _inside_longer_name(text: str, s: int, e: int) -> bool:
    """Whether a capitalised word runs on right before or after the match ("Apple Corps", "New Apple")."""
    before = re.search(r"([A-Z][\w&.-]*)\s+$", text[max(0, s - 30):s])
    if before and before.group(1).lower() not in _OPENERS:
        return True
    return bool(re.match(r"\s+(?:of\s+|&\s+)?[A-Z]", text[e:e + 30]))
