"""Ingest articles into a workspace off the UI thread, reporting progress; cancellable."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal

from ..core.ingest import ingest, open_workspace


class IngestWorker(QObject):
    """Runs the ingest service in a QThread. Talks to the UI only through signals."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # IngestReport
    failed = Signal(str)

    def __init__(self, workspace_path: str, paths: list[str], workers: int | None = None):
        super().__init__()
        self.workspace_path, self.paths = workspace_path, paths
        self.workers = workers  # extraction processes; None: all cores (a pool only for batches worth it)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            ws = open_workspace(self.workspace_path)
            try:
                report = ingest(ws, self.paths, progress=self.progress.emit, cancelled=self._cancel.is_set,
                                workers=self.workers)
            finally:
                ws.close()
        except Exception as e:  # reported to the UI, never raised into Qt
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.finished.emit(report)


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
