"""Reading articles into the open workspace off the UI thread, with progress and cancel in the status bar.

Results are shown while they come in: the worker merges what it stored so far every so often and says so
(``partial``); the window then reloads its events, at most every ``LIVE_RELOAD_MS``, keeping the filters, the
search, the selection and a view the user moved. Problems (skipped files, warnings) are collected into the status
line with a link to their list; no dialog opens by itself."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from .problems_dialog import ProblemsDialog
from .window_base import WindowParts
from .worker import start_ingest

if TYPE_CHECKING:
    from ..core.ingest import IngestReport
    from ..core.read.readers import Problem

#: the least time between two reloads of the window during an ingest (a reload costs more on big workspaces:
#: the interval grows to a few times what the last one took)
LIVE_RELOAD_MS = 800


class IngestMixin(WindowParts):
    """Starts the ingest worker and folds its progress, partial results, result and failure into the window."""

    def ingest(self, paths: list[str]) -> None:
        if self._thread is not None:
            self.statusBar().showMessage("Still reading the previous articles…", 4000)
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._live_timer().stop()
        self._thread, self._worker = start_ingest(self, self.workspace_path, paths)
        self._worker.progress.connect(self._on_progress)
        self._worker.partial.connect(self._on_partial)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)

    def _live_timer(self) -> QTimer:
        timer = getattr(self, "_live_reload_timer", None)
        if timer is None:
            timer = self._live_reload_timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(self._live_reload)
            self._live_reload_cost = 0.0
        return timer

    def _on_progress(self, done: int, total: int, label: str) -> None:
        """``done`` counts the articles finished, the one named included: shown as is, never more than the total
        (the status line keeps the counts of the events shown, which grow as they are read)."""
        total = max(total, done, 1)
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"Reading {done}/{total}")
        self.progress.setTextVisible(True)
        if label:
            self.progress.setToolTip(f"Last read: {Path(label).name}")

    def _on_partial(self, stored: int) -> None:
        """The worker merged what it stored so far: reload soon (several of these in a short time make one)."""
        timer = self._live_timer()
        if not timer.isActive():
            timer.start(max(LIVE_RELOAD_MS, int(3000 * self._live_reload_cost)))

    def _live_reload(self) -> None:
        if self.ws is None or self._thread is None:  # closed, or the ingest ended (its own reload follows)
            return
        started = time.monotonic()
        self.reload_keeping_view()
        self._live_reload_cost = time.monotonic() - started

    def _ingest_done(self) -> None:
        if self._thread is not None:
            self._thread.wait()
        self._thread = self._worker = None
        self._live_timer().stop()
        self.progress.hide()
        self.cancel_button.hide()

    def _on_finished(self, report: IngestReport) -> None:
        self._ingest_done()
        if self.ws is None:  # the window was closed while the worker finished
            return
        self.reload_keeping_view()
        self.set_problems(report.problems)
        if report.cancelled:
            self.statusBar().showMessage("Reading cancelled; what was read is kept.", 6000)
        if self.current < 0 and self.proxy.rowCount():
            self.select_first_in_view()  # the fitted first view stays; its first event is selected
        self.loaded.emit()

    def set_problems(self, problems: list[Problem]) -> None:
        """Keep the problems of the last ingest and say how many there are, with a link to their list (no dialog
        opens by itself: one skipped file must not interrupt)."""
        self.problems = list(problems)
        bad = sum(p.fatal for p in problems)
        if not problems:
            self.problems_link.hide()
            return
        parts = ([f"{bad} file(s) skipped"] if bad else []) + (
            [f"{len(problems) - bad} warning(s)"] if len(problems) > bad else [])
        self.problems_link.setText(f"<a href='problems'>{', '.join(parts)} — see the list</a>")
        self.problems_link.setToolTip("Every file skipped and every warning of the last reading, copyable")
        self.problems_link.show()

    def show_problems(self) -> None:
        """The problems of the last ingest in a (non-modal) window with a Copy button."""
        self.problems_dialog = ProblemsDialog(getattr(self, "problems", []), self)
        self.problems_dialog.show()

    def _on_failed(self, message: str) -> None:
        self._ingest_done()
        if self.ws is None:  # the window was closed while the worker failed
            return
        self._tell(f"Reading the articles failed: {message}")
        self.reload_keeping_view()
        self.loaded.emit()

    def cancel_ingest(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
