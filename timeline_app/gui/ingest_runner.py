"""Reading articles into the open workspace off the UI thread, with progress and cancel in the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .plain import set_plain
from .problems_dialog import ProblemsDialog
from .window_base import WindowParts
from .worker import start_ingest

if TYPE_CHECKING:
    from ..core.ingest import IngestReport


class IngestMixin(WindowParts):
    """Starts the ingest worker and folds its progress, result and failure into the window."""

    def ingest(self, paths: list[str]) -> None:
        if self._thread is not None:
            self.statusBar().showMessage("Still reading the previous articles…", 4000)
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._thread, self._worker = start_ingest(self, self.workspace_path, paths)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            set_plain(self.status_label, f"Reading {Path(label).name} ({done + 1}/{total})…")

    def _ingest_done(self) -> None:
        if self._thread is not None:
            self._thread.wait()
        self._thread = self._worker = None
        self.progress.hide()
        self.cancel_button.hide()

    def _on_finished(self, report: IngestReport) -> None:
        self._ingest_done()
        if self.ws is None:  # the window was closed while the worker finished
            return
        self.reload()
        bad = [p for p in report.problems if p.fatal]
        if bad:
            set_plain(self.status_label, self.status_label.text() + f" — {len(bad)} file(s) skipped (see the list)")
        if report.problems:  # all of them, copyable; not modal, so the timeline stays usable
            self.problems_dialog = ProblemsDialog(report.problems, self)
            self.problems_dialog.show()
        if report.cancelled:
            self.statusBar().showMessage("Reading cancelled; what was read is kept.", 6000)
        if self.current < 0 and self.proxy.rowCount():
            self.select_first_in_view()  # the fitted first view stays; its first event is selected

    def _on_failed(self, message: str) -> None:
        self._ingest_done()
        if self.ws is None:  # the window was closed while the worker failed
            return
        self._tell(f"Reading the articles failed: {message}")
        self.loaded.emit()

    def cancel_ingest(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
