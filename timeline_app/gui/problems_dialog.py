"""Every problem of an ingest in one dialog, as plain selectable text with a Copy button."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from ..core.read.readers import Problem
from .plain import plain_label


def problems_text(problems: Sequence[Problem]) -> str:
    """One line per problem: skipped files first, then warnings."""
    lines = [f"skipped: {p}" for p in problems if p.fatal] + [f"warning: {p}" for p in problems if not p.fatal]
    return "\n".join(lines)


class ProblemsDialog(QDialog):
    """Lists all problems met while reading articles; the text can be selected and copied."""

    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Problems while reading articles")
        n_bad = sum(p.fatal for p in problems)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(f"{n_bad} file(s) or item(s) skipped, {len(problems) - n_bad} warning(s):", self))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(problems_text(problems))
        lay.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton("Copy all", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(760, 360)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
