"""The question File ▸ Export report asks before a report of very many events: every event with its evidence, or
a summary by company and month. A message box that only says which was chosen; the window starts the report."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class ReportModeQuestion(QMessageBox):
    """Asks how to report ``n`` events; ``chosen`` says "full", "summary" or "" (cancelled) when it closes.
    Opened window-modal (``open()``): the event loop keeps running."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None, n: int):
        super().__init__(QMessageBox.Icon.Question, "Export report", "", QMessageBox.StandardButton.NoButton, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(f"The report would list {n:,} events, each with its evidence quoted: a very long file.")
        self.setInformativeText("Write every event with its evidence, or a summary: a table per company and month "
                                "with the number of events of each type and the most confident titles?")
        self.full_button = self.addButton("Every event with its evidence", QMessageBox.ButtonRole.AcceptRole)
        self.summary_button = self.addButton("Summary by company and month", QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.summary_button)
        self.setEscapeButton(self.cancel_button)
        self.finished.connect(self._said)

    def _said(self, _result: int) -> None:
        clicked = self.clickedButton()
        self.chosen.emit("full" if clicked is self.full_button else
                         "summary" if clicked is self.summary_button else "")
