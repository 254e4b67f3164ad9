"""Reading a file ahead of the writer (issue 23): a streamed import reads and splits its rows in a thread of its
own while the calling thread stores the batches read before. SQLite works without Python's global lock, so the
rows of the next batch are read while the previous one is written; at most ``depth`` batches wait between them,
so memory still follows the batch. The batches come in the order they were read; an error of the reader is
raised in the caller, and a caller that stops early stops the reader."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: how often a blocked thread looks whether the other one stopped (seconds)
_POLL = 0.1


class _Stopped(Exception):
    """The consumer stopped: the reader unwinds."""


class _Done:
    """What the reader puts last."""


_DONE = _Done()


class ReadAhead(Generic[T, R]):
    """``read(put)`` run in a daemon thread, each batch it gives ``put`` yielded by iterating this object; then
    :meth:`result` is what ``read`` returned. Always :meth:`close` it (a ``with`` block does)."""

    def __init__(self, read: Callable[[Callable[[T], None]], R], depth: int = 2):
        self._queue: queue.Queue[T | _Done] = queue.Queue(maxsize=max(depth, 1))
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._result: R | None = None
        self._thread = threading.Thread(target=self._run, args=(read,), name="import-reader", daemon=True)
        self._thread.start()

    def _put(self, item: T | _Done) -> None:
        while True:
            if self._stop.is_set():
                raise _Stopped
            try:
                self._queue.put(item, timeout=_POLL)
                return
            except queue.Full:
                continue

    def _run(self, read: Callable[[Callable[[T], None]], R]) -> None:
        try:
            self._result = read(self._put)
        except _Stopped:
            return
        except BaseException as e:  # handed to the consumer, which raises it
            self._error = e
        with contextlib.suppress(_Stopped):
            self._put(_DONE)

    def __iter__(self) -> Iterator[T]:
        while True:
            item = self._queue.get()
            if isinstance(item, _Done):
                break
            yield item
        self._thread.join()
        if self._error is not None:
            raise self._error

    def result(self) -> R | None:
        """What ``read`` returned (once every batch was taken)."""
        return self._result

    def close(self) -> None:
        """Stop the reader (if it still runs) and wait for it."""
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=_POLL)
        self._thread.join()

    def __enter__(self) -> ReadAhead[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
