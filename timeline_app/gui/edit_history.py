"""The edit history: every stored edit of the workspace (also from earlier sessions), newest first, with its
state; any one can be reverted or re-applied, and edits that could not be re-attached after re-extraction are
listed in red with the reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.curate import EditRecord


def describe(rec: EditRecord) -> str:
    """One line for an edit: when, what, and its state."""
    state = "reverted" if rec.reverted else ("NOT PLACED: " + (rec.problem or "") if rec.placed is False else "active")
    return f"#{rec.id}  [{state}]  {rec.created[:16].replace('T', ' ')}  {rec.label}"


class EditHistoryDialog(QDialog):
    """History list with Revert / Re-apply; ``toggle(edit_id, revert)`` does the work (undoably)."""

    def __init__(self, records: Callable[[], list[EditRecord]], toggle: Callable[[int, bool], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit history")
        self.records, self.toggle = records, toggle
        lay = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.info)
        self.list = QListWidget()
        lay.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.revert = QPushButton("&Revert")
        self.reapply = QPushButton("Re-&apply")
        buttons.addButton(self.revert, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reapply, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.revert.clicked.connect(lambda: self._toggle(True))
        self.reapply.clicked.connect(lambda: self._toggle(False))
        self.list.currentRowChanged.connect(self._update_buttons)
        self.resize(760, 420)
        self.refresh()

    def refresh(self) -> None:
        recs = list(reversed(self.records()))
        keep = self.current_id()
        self.list.clear()
        for r in recs:
            it = QListWidgetItem(describe(r), self.list)
            it.setData(Qt.ItemDataRole.UserRole, r.id)
            it.setData(Qt.ItemDataRole.UserRole + 1, r.reverted)
            if r.reverted:
                it.setForeground(QBrush(QColor("#888")))
            elif r.placed is False:
                it.setForeground(QBrush(QColor("#b00020")))
            if r.id == keep:
                self.list.setCurrentItem(it)
        lost = sum(1 for r in recs if not r.reverted and r.placed is False)
        self.info.setText(f"{len(recs)} edit(s); {lost} could not be attached to the current articles"
                          if lost else f"{len(recs)} edit(s), all attached")
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current_id(self) -> int | None:
        it = self.list.currentItem()
        return int(it.data(Qt.ItemDataRole.UserRole)) if it is not None else None

    def _update_buttons(self, *_: object) -> None:
        it = self.list.currentItem()
        reverted = bool(it.data(Qt.ItemDataRole.UserRole + 1)) if it is not None else None
        self.revert.setEnabled(reverted is False)
        self.reapply.setEnabled(reverted is True)

    def _toggle(self, revert: bool) -> None:
        edit_id = self.current_id()
        if edit_id is not None:
            self.toggle(edit_id, revert)
            self.refresh()
