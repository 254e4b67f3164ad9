"""Extraction on all cores: a pool of worker processes running the pure ``extract_document``.

The knowledge base is passed to each worker explicitly (workers never read the user's configuration), the
spaCy model is loaded once per worker, and at most a few articles per worker are in flight, so memory is
bounded by the pool, not by the corpus. Results come back to the caller, which is the one writer."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from .extract.document import extract_document
from .extract.events.classify import EventModel
from .extract.kb import KnowledgeBase
from .extract.nlp import ExtractionStopped, extraction_failure, get_nlp
from .model import DocResult
from .read.readers import RawArticle

#: Articles queued per worker: enough to keep every core busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4
#: Below this many articles per extra worker, starting processes (each loads the model) costs more than it saves.
ARTICLES_PER_WORKER = 16

Outcome = tuple[RawArticle, DocResult | None, str | None]  # the article, its result or why it failed

_kb: KnowledgeBase | None = None
_stop: Any = None  # the pool's shared "cancelled" flag (a multiprocessing Event), asked inside each article
_model: EventModel | None = None  # the workspace's own event classifier (None: the shipped one)


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def workers_for(requested: int | None, n_articles: int) -> int:
    """How many processes to start for ``n_articles`` (one when a pool would not pay off)."""
    want = default_workers() if not requested or requested < 1 else requested
    return max(1, min(want, n_articles // ARTICLES_PER_WORKER))


def _init_worker(kb: KnowledgeBase, stop: Any = None, model: EventModel | None = None) -> None:
    global _kb, _stop, _model
    _kb, _stop, _model = kb, stop, model
    get_nlp()  # the model, once per worker


def extract_one(raw: RawArticle, kb: KnowledgeBase, nlp: Any, date_override: dt.date | None,
                should_stop: Callable[[], bool] | None = None, model: EventModel | None = None) -> Outcome:
    """Extract one article; an exception becomes the reason it failed, in words (one bad article never stops
    a batch). ``should_stop`` is asked between pieces of the article, so a cancel acts inside a long one."""
    try:
        return raw, extract_document(raw, kb, nlp, date_override=date_override, should_stop=should_stop,
                                     model=model), None
    except ExtractionStopped as e:
        return raw, None, str(e)
    except Exception as e:
        return raw, None, extraction_failure(e)


def _work(raw: RawArticle, date_override: dt.date | None) -> Outcome:
    assert _kb is not None, "worker not initialised"
    return extract_one(raw, _kb, get_nlp(), date_override, _stop.is_set if _stop is not None else None, _model)


def extract_many(raws: Iterable[tuple[RawArticle, dt.date | None]], kb: KnowledgeBase, workers: int = 1,
                 cancelled: Callable[[], bool] | None = None, model: EventModel | None = None) -> Iterator[Outcome]:
    """Extract ``(article, date override)`` pairs with ``workers`` processes (in this process when 1), yielding
    outcomes as they finish. Reads ``raws`` lazily; stops early (dropping queued work) when ``cancelled``."""
    if workers <= 1:
        nlp = None
        for raw, override in raws:
            if cancelled and cancelled():
                return
            nlp = nlp or get_nlp()
            out = extract_one(raw, kb, nlp, override, cancelled, model)
            if out[1] is None and cancelled and cancelled():
                return  # cancelled inside this article: it is not a problem of the article
            yield out
        return
    # spawn, not fork: the caller may be a GUI with threads, and a fresh interpreter is safe everywhere
    ctx = mp.get_context("spawn")
    stop = ctx.Event()  # set on cancel: workers stop inside the article they are on, not only between articles
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(kb, stop, model))
    pending: set[Future[Outcome]] = set()
    source = iter(raws)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < workers * IN_FLIGHT_PER_WORKER:
                if cancelled and cancelled():
                    return
                nxt = next(source, None)
                if nxt is None:
                    exhausted = True
                    break
                pending.add(pool.submit(_work, nxt[0], nxt[1]))
            if not pending:
                return
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()
            if cancelled and cancelled():
                return
    finally:
        if cancelled and cancelled():
            stop.set()
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
