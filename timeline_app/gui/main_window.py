"""The main window: timeline, events table and source panel sharing one selection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar,
                               QPushButton, QSplitter, QTableView, QWidget, QVBoxLayout)

from ..core.export import write_output
from ..core.store import Workspace
from .event_model import EventTableModel
from .source_panel import SourcePanel
from .timeline_view import TYPE_COLOURS, TimelineView
from .worker import start_ingest


class MainWindow(QMainWindow):
    """Timeline's main window over one workspace file."""

    loaded = Signal()  # emitted whenever the workspace has been (re)loaded after an ingest

    def __init__(self, workspace_path: str):
        super().__init__()
        self.setWindowTitle("Timeline")
        self.workspace_path = workspace_path
        self.model = EventTableModel()
        self.timeline = TimelineView()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.source = SourcePanel()
        legend = QLabel(self.source.legend_html())
        legend.setTextFormat(Qt.RichText)
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.source)
        lay.addWidget(legend)
        self.top = QSplitter(Qt.Horizontal)
        self.top.addWidget(self.timeline)
        self.top.addWidget(right)
        self.top.setSizes([900, 500])
        self.split = QSplitter(Qt.Vertical)
        self.split.addWidget(self.top)
        self.split.addWidget(self.table)
        self.split.setSizes([600, 260])
        self.setCentralWidget(self.split)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.cancel_button = QPushButton("Cancel")
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_ingest)
        self._thread = self._worker = None
        self.docs: dict = {}
        self._build_actions()
        self.table.selectionModel().currentRowChanged.connect(lambda cur, prev: self.select_row(cur.row()))
        self.timeline.eventClicked.connect(self.select_row)
        self.reload()

    # -- actions (declared in one table) -------------------------------------------------------------
    def _build_actions(self) -> None:
        table = [
            ("&File", "Add articles…", QKeySequence.Open, self.add_articles),
            ("&File", "Export events…", QKeySequence("Ctrl+E"), self.export_events),
            ("&File", "Export image…", QKeySequence("Ctrl+Shift+E"), self.export_image),
            ("&File", "Quit", QKeySequence.Quit, self.close),
            ("&View", "Fit all", QKeySequence("F"), lambda: self.timeline.fit_all(self.model)),
            ("&Go", "Next event", QKeySequence(Qt.Key_Right), lambda: self.step(1)),
            ("&Go", "Previous event", QKeySequence(Qt.Key_Left), lambda: self.step(-1)),
        ]
        menus: dict[str, object] = {}
        self.actions_by_name: dict[str, QAction] = {}
        for menu, name, key, slot in table:
            if menu not in menus:
                menus[menu] = self.menuBar().addMenu(menu)
            m = menus[menu]
            act = QAction(name, self)
            act.setShortcut(key)
            act.triggered.connect(slot)
            m.addAction(act)  # type: ignore[attr-defined]
            self.actions_by_name[name] = act

    # -- data -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        ws = Workspace(self.workspace_path)
        try:
            events = ws.events()
            self.docs = {d.id: d for d in ws.documents()}
            ents = ws.entities()
        finally:
            ws.close()
        parents = {e.name: e.parent for e in ents.values() if e.kind == "company"}
        self.model.set_events(events)
        self.timeline.set_model(self.model, parents)
        undated = sum(1 for e in events if not e.start)
        self.status_label.setText(f"{len(self.docs)} articles, {len(events)} events ({undated} undated, listed in "
                                  f"the table) — {self.workspace_path}")
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, 380)

    def ingest(self, paths: list[str]) -> None:
        if self._thread is not None:
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
            self.status_label.setText(f"Reading {Path(label).name} ({done + 1}/{total})…")

    def _ingest_done(self) -> None:
        if self._thread is not None:
            self._thread.wait()
        self._thread = self._worker = None
        self.progress.hide()
        self.cancel_button.hide()

    def _on_finished(self, report) -> None:
        self._ingest_done()
        self.reload()
        bad = [p for p in report.problems if p.fatal]
        if bad:
            self.status_label.setText(self.status_label.text() + f" — {len(bad)} file(s) skipped: "
                                      + "; ".join(str(p) for p in bad[:3]))
        if self.model.rowCount():
            first = next((i for i, e in enumerate(self.model.events) if e.start), 0)
            self.table.selectRow(first)
        self.loaded.emit()

    def _on_failed(self, message: str) -> None:
        self._ingest_done()
        QMessageBox.warning(self, "Timeline", f"Reading the articles failed:\n{message}")
        self.loaded.emit()

    def cancel_ingest(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    # -- selection ----------------------------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        if self.table.currentIndex().row() != row:
            self.table.selectRow(row)
            return
        ev = self.model.events[row]
        if ev.sources:
            doc = self.docs.get(ev.sources[0].document)
            if doc is not None:
                self.source.show_document(doc, ev)
        self.timeline.show_event(self.model, row)

    def step(self, delta: int) -> None:
        row = self.table.currentIndex().row()
        self.select_row(max(0, min(self.model.rowCount() - 1, row + delta)))

    # -- files -------------------------------------------------------------------------------------------------
    def add_articles(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add articles", "",
                                                "Articles (*.txt *.md *.html *.htm *.json *.jsonl);;All files (*)")
        if files:
            self.ingest(files)

    def export_events(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export events", "events.json", "JSON (*.json);;CSV (*.csv)")
        if path:
            ws = Workspace(self.workspace_path)
            try:
                write_output(path, ws.documents(), ws.entities(), ws.events())
            finally:
                ws.close()

    def export_image(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export image", "timeline.png", "PNG (*.png)")
        if path:
            self.grab().save(path)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.cancel_ingest()
        if self._thread is not None:
            self._thread.wait()
        s = QSettings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.split.saveState())
        s.setValue("last_workspace", self.workspace_path)
        super().closeEvent(event)


__all__ = ["MainWindow", "TYPE_COLOURS"]
