"""The words of each taxonomy-v3 event type (resources/extraction/types_v3.json): which type words and phrases a
sentence holds (evidence for the event classifier, events/classify.py), and which single words name a type on
their own (triggers the round-2 lexicon has no type for: a strike, a bankruptcy, a fine)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from ..vocabulary import load, words

#: the lists of types_v3.json that are no taxonomy type: cue words, and the verb and noun phrases that are triggers
NOT_TYPES = frozenset({"cue_only", "phrasal_triggers", "compound_triggers"})


@cache
def type_phrases() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Each v3 type's words and phrases, as tuples of lemmas."""
    lists = load("types_v3")
    return {t: tuple(tuple(w.lower().split()) for w in entry["words"]) for t, entry in lists.items()
            if t not in NOT_TYPES}


@cache
def pair_types() -> Mapping[tuple[str, str], frozenset[str]]:
    """Two-word phrases of the type lists → the types they name ("cut job": job cuts)."""
    out: dict[tuple[str, str], set[str]] = {}
    for t, phrases in type_phrases().items():
        for p in phrases:
            if len(p) == 2:
                out.setdefault((p[0], p[1]), set()).add(t)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def trigger_lemmas() -> Mapping[str, frozenset[str]]:
    """Single words that name an event type on their own (not ``cue_only``): lemma → the types it names."""
    cue_only = words("types_v3", "cue_only")
    out: dict[str, set[str]] = {}
    for t, phrases in type_phrases().items():
        for p in phrases:
            if len(p) == 1 and p[0] not in cue_only:
                out.setdefault(p[0], set()).add(t)
    return {w: frozenset(ts) for w, ts in out.items()}


def _phrase_at(lemmas: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's lemmas occur in order, each at most two words after the one before."""
    first = phrase[0]
    for i, w in enumerate(lemmas):
        if w != first:
            continue
        pos, ok = i, True
        for p in phrase[1:]:
            nxt = next((j for j in range(pos + 1, min(len(lemmas), pos + 4)) if lemmas[j] == p), -1)
            if nxt < 0:
                ok = False
                break
            pos = nxt
        if ok:
            return True
    return False


def lexicon_hits(lemmas: Sequence[str]) -> dict[str, int]:
    """How many of each type's words and phrases the sentence's lemmas contain."""
    present = set(lemmas)
    hits: dict[str, int] = {}
    for t, phrases in type_phrases().items():
        n = sum(1 for p in phrases if (p[0] in present if len(p) == 1 else
                                        all(w in present for w in p) and _phrase_at(lemmas, p)))
        if n:
            hits[t] = n
    return hits


@cache
def phrasal_triggers() -> frozenset[tuple[str, str]]:
    """(verb lemma, particle or object lemma) pairs that name an event: ("lay", "off"), ("cut", "job")."""
    pairs = (w.partition(" ") for w in words("types_v3", "phrasal_triggers"))
    return frozenset((verb, other) for verb, _, other in pairs)


@cache
def compound_triggers() -> frozenset[tuple[str, str]]:
    """(modifier lemma, noun lemma) pairs that name an event: ("legal", "action"), ("profit", "warning")."""
    pairs = (w.partition(" ") for w in words("types_v3", "compound_triggers"))
    return frozenset((mod, noun) for mod, _, noun in pairs)


@cache
def _lexicon_words() -> frozenset[str]:
    return frozenset(w for phrases in type_phrases().values() for p in phrases for w in p)


def type_lemma(lemma: str, text: str) -> str:
    """A token's lemma for the type words: the model's lemma, or, when that is no type word but a regular
    inflection of the word is ("fined" lemmatised as "fin"), that word."""
    known = _lexicon_words()
    if lemma in known:
        return lemma
    low = text.lower()
    if low in known:
        return low
    endings = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""))
    for end, repl in endings:
        if low.endswith(end) and len(low) > len(end) + 2 and low[:-len(end)] + repl in known:
            return low[:-len(end)] + repl
    return lemma
