"""File ▸ Import events in the main window: the dialog (:mod:`.import_dialog`, loaded on first use with the import
formats, so they cost nothing at GUI start), then the import off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, SignalInstance
from PySide6.QtWidgets import QFileDialog

from .plain import set_plain
from .window_base import WindowParts

if TYPE_CHECKING:
    from ..core.formats.importing import ImportBatch
    from .import_dialog import ImportDialog, ImportWorker

FILE_FILTER = "Event files (*.csv *.tsv *.txt *.json *.jsonl);;All files (*)"


class ImportMixin(WindowParts):
    """File ▸ Import events: the dialog, then the import off the UI thread."""

    _import_thread: QThread | None
    _import_worker: ImportWorker | None
    import_dialog: ImportDialog
    imported: SignalInstance

    def import_events(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import events", "", FILE_FILTER)
        if path:
            self.import_events_from(path)

    def import_events_from(self, path: str, run: bool = True) -> ImportDialog:
        """Show the import dialog for ``path``; when accepted, import into the open workspace."""
        from .import_dialog import ImportDialog  # the import formats load with the dialog, not at GUI start

        dlg = ImportDialog(path, self)
        self.import_dialog = dlg
        dlg.accepted.connect(lambda: self.start_import(path, dlg.fmt(), dlg.mapping()))
        if run:
            dlg.open()
        return dlg

    def start_import(self, path: str, fmt: str, mapping: dict[str, list[str]] | None) -> None:
        if self._import_thread is not None:
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        set_plain(self.status_label, f"Importing {Path(path).name}…")
        from .import_dialog import ImportWorker

        thread = QThread(self)
        worker = ImportWorker(self.workspace_path, path, fmt, mapping)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.failed.connect(thread.quit)
        worker.finished.connect(self._import_finished)
        worker.failed.connect(self._import_failed)
        # a slot of the window, run on the UI thread: a slot of the worker would be queued to the worker's thread,
        # which is busy importing and would never get to it
        self.cancel_button.clicked.connect(self._cancel_import)
        self._import_thread, self._import_worker = thread, worker
        thread.start()

    def _cancel_import(self) -> None:
        if self._import_worker is not None:
            self._import_worker.cancel()

    def _import_done(self) -> None:
        if self._import_thread is not None:
            self._import_thread.wait()
        if self._import_worker is not None:
            self.cancel_button.clicked.disconnect(self._cancel_import)
        self._import_thread = self._import_worker = None
        self.progress.hide()
        self.cancel_button.hide()

    def _import_finished(self, batch: ImportBatch) -> None:
        self._import_done()
        self.reload()
        msg = f"Imported {len(batch.events)} event(s) from {batch.origin.name}"
        if batch.rejected:
            msg += f"; {len(batch.rejected)} row(s) refused (first: {batch.rejected[0]})"
        set_plain(self.status_label, msg)
        self.imported.emit(batch)

    def _import_failed(self, message: str) -> None:
        self._import_done()
        if message.startswith("cancelled"):
            set_plain(self.status_label, f"Import {message}")
        else:
            self._tell(f"Importing failed: {message}")
