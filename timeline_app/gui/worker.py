"""Ingest articles into a workspace off the UI thread, reporting progress; cancellable."""

from __future__ import annotations

import sqlite3
import threading
import time

from PySide6.QtCore import QObject, Qt, QThread, Signal

from ..core.ingest import ingest, open_workspace, remerge
from ..core.store.clusters import MergeCancelled
from ..core.store.workspace import Workspace

#: the least time between two merges of what is stored so far (results shown while they come in)
PARTIAL_MIN_SECONDS = 1.0
#: the time between two such merges is at least this many times the last one took (bounds their overhead)
PARTIAL_COST_FACTOR = 4.0
#: articles read are committed at least this often (seconds) so that they can be shown
FLUSH_SECONDS = 1.0


class IngestWorker(QObject):
    """Runs the ingest service in a QThread. Talks to the UI only through signals."""

    progress = Signal(int, int, str)
    partial = Signal(int)  # the articles stored so far are merged: the workspace can be shown as it is now
    finished = Signal(object)  # IngestReport
    failed = Signal(str)

    def __init__(self, workspace_path: str, paths: list[str], workers: int | None = None):
        super().__init__()
        self.workspace_path, self.paths = workspace_path, paths
        self.workers = workers  # extraction processes; None: all cores (a pool only for batches worth it)
        self._cancel = threading.Event()
        self._next_partial = 0.0  # monotonic time before which no partial merge is made
        self.partial_merges: list[float] = []  # seconds each partial merge took (for benchmarks)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            # a merge left pending is run by ingest below, where Cancel can stop it (not at open, where it cannot)
            ws = open_workspace(self.workspace_path, finish_merge=False)
            try:
                self._next_partial = time.monotonic() + min(PARTIAL_MIN_SECONDS, FLUSH_SECONDS) / 2  # first soon
                report = ingest(ws, self.paths, progress=self.progress.emit, cancelled=self._cancel.is_set,
                                workers=self.workers, stored=lambda n: self._stored(ws, n),
                                flush_seconds=FLUSH_SECONDS)
            finally:
                ws.close()
        except Exception as e:  # reported to the UI, never raised into Qt
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.finished.emit(report)

    def _stored(self, ws: Workspace, n: int) -> None:
        """A batch was committed: merge what is stored so far and say so, at most every so often (the interval
        grows with what a merge costs, so a big workspace is not merged again for every batch)."""
        now = time.monotonic()
        if now < self._next_partial or self._cancel.is_set():
            return
        try:
            remerge(ws, only_if_pending=True, should_stop=self._cancel.is_set)
        except MergeCancelled:  # the user cancelled: the final step says so
            return
        except sqlite3.OperationalError:  # busy or full: the final merge says so; the timeline just waits
            self._next_partial = time.monotonic() + PARTIAL_MIN_SECONDS
            return
        took = time.monotonic() - now
        self.partial_merges.append(took)
        self._next_partial = time.monotonic() + max(PARTIAL_MIN_SECONDS, PARTIAL_COST_FACTOR * took)
        self.partial.emit(n)


def start_ingest(parent: QObject, workspace_path: str, paths: list[str],
                 workers: int | None = None) -> tuple[QThread, IngestWorker]:
    thread = QThread(parent)
    worker = IngestWorker(workspace_path, paths, workers)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # quit from the worker's own thread: closing the window wait()s for the thread, so a quit queued to the UI
    # thread would never run (the window would hang closing while an ingest or a background merge ends)
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread, worker
