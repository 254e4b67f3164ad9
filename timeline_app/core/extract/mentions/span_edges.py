"""Where a name the model found begins and ends: the model's entity spans are often a word too long or too short
at either edge. Each rule reads only the characters around the span and the words of the name:

- a leading "the" and a word a writer puts before a name that is no part of it ("Former Enron Corp. executives",
  "troubled Brisco": ``name_premodifiers`` of resources/extraction/mentions.json) are cut off, and so is a
  nationality after "the" before a one-word name ("the Malaysian Petronas");
- a lower-case particle of a family name just before the span is part of the name ("de Havilland Canada",
  "van Leer Holdings"): the model leaves it out because it is not capitalised;
- a span that is the tail of a public body's longer name ("... Organization for Multimedia and Digital Systems")
  names nothing of its own: ``None``;
- the possessive ("Quenzel's") is cut off unless the article uses it as part of the name ("McDonald's said");
- a flight number is no part of its airline's name ("Adam Air Flight 574"): the name before it is the airline;
- lower-case words at the end are no part of a name ("The John Lewis Partnership retail group").
"""

from __future__ import annotations

import re

from ..vocabulary import alternation, words
from .orgtype import _ORG_NAME, NAME_PARTICLES, is_nationality, kind_words_only

_PREMODIFIERS = words("mentions", "name_premodifiers")
# "de", "van", "von", "du", "da", "di", "del", "della", "der", "le", "la" right before a capitalised name
_PARTICLE_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"“])){NAME_PARTICLES}\s$")
# "the Zelvian Organization for Multimedia and " before the span: the span ends that body's name
_BODY_NAME_BEFORE = re.compile(rf"(?:[A-Z][\w&.-]*\s+)*(?:{alternation('mentions', 'organisation_name_words')})\s+"
                               r"(?:for|of)\s+(?:[A-Z][\w&.-]*\s+){1,3}(?:and|&)\s+$")
_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Za-z]{3,8})\)")


def _tail_of_a_body(text: str, s: int, e: int) -> bool:
    """ "the Zelvian Organization for Multimedia and Digital Systems (ZOMS)": the span ends a public body's name
    when the acronym right after it spells that whole name ("the Department of Justice and Quenzel Software
    reached a settlement" names two)."""
    acronym = _ACRONYM_AFTER.match(text[e:e + 12])  # cheap, and rare: tested first
    before = _BODY_NAME_BEFORE.search(text[max(0, s - 120):s]) if acronym is not None else None
    if before is None or acronym is None:
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w&.-]*", before.group() + text[s:e])
                       if w[0].isupper())
    letters = iter(initials.upper())
    return all(ch in letters for ch in acronym.group(1).upper())  # in order, some initials skipped


_LOWER_TAIL = re.compile(r"(?:\s+[a-z][a-z-]*)+$")
_FLIGHT_IN = re.compile(r"\s+Flight\s+\d+\w*$")
_FLIGHT_END = re.compile(r"\s+Flight$")
_FLIGHT_AFTER = re.compile(r"^\s+Flight\s+\d")


def operates_flight(text: str, e: int) -> bool:
    """A name followed by "Flight 574" is the airline that flies it: a company, whatever its shape ("TWA")."""
    return bool(_FLIGHT_AFTER.match(text[e:e + 16]))


def _cut_premodifiers(text: str, s: int, e: int) -> int:
    """The start after a leading "the " and any words that only describe the company ("Former", "rival")."""
    while True:
        span = text[s:e]
        first = span.split(" ", 1)[0]
        if len(span.split()) < 2:
            return s
        if first.lower() == "the" or first.lower() in _PREMODIFIERS:
            s += len(first) + 1
            while s < e and text[s] == " ":
                s += 1
            continue
        return s


_MEDIA_WORD = re.compile(
    rf"(?:{alternation('mentions', 'media_name_words')}|{alternation('mentions', 'outlet_title_words')})")


def _cut_nationality(text: str, s: int, e: int) -> int:
    """ "the Malaysian Petronas": after "the", a nationality before a one-word name describes it ("British
    Telecom", "American Airlines" keep theirs: the rest says only what kind of company)."""
    words = text[s:e].split()
    if len(words) != 2 or not re.search(r"\bthe\s+$", text[max(0, s - 5):s], re.IGNORECASE):
        return s
    nat, rest = words
    if is_nationality(nat) and rest[:1].isupper() and len(rest) >= 4 and not kind_words_only(rest) \
            and not _MEDIA_WORD.fullmatch(rest) and not _ORG_NAME.search(rest):  # "the European Commission"
        return s + len(nat) + 1
    return s


def name_edges(text: str, s: int, e: int, possessive: dict[str, str]) -> tuple[int, int] | None:
    """The span (start, end) of a name the model found at ``text[s:e]``, its edges mended (see the module
    doc); ``possessive`` maps names whose "'s" belongs to them to the name with it. ``None``: no name there."""
    if _tail_of_a_body(text, s, e):
        return None
    s = _cut_nationality(text, _cut_premodifiers(text, s, e), e)
    particle = _PARTICLE_BEFORE.search(text[max(0, s - 6):s])
    if particle and text[s:s + 1].isupper():
        s -= len(particle.group())
    flight = _FLIGHT_IN.search(text[s:e]) or (_FLIGHT_END.search(text[s:e]) if re.match(r"\s+\d", text[e:e + 3])
                                             else None)
    if flight and flight.start() > 0:
        e = s + flight.start()  # "Adam Air Flight 574": the airline (see ``operates_flight``)
    trail = _LOWER_TAIL.search(text[s:e])
    if trail and trail.start() > 0 and text[s:s + trail.start()].split()[-1][:1].isupper():
        e = s + trail.start()  # "The John Lewis Partnership retail group": the name ends at its last capital
    span = text[s:e]
    if span.endswith(("'s", "’s")) and span not in possessive.values():
        e -= 2
    elif span in possessive and text[e:e + 2] in ("'s", "’s"):
        e += 2  # "McDonald's said": the 's is part of the name
    return s, e
