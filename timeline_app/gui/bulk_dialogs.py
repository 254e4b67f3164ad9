"""The small dialogs of bulk curation: a type for the retype of one or many events, and a company name to add to
(or remove from) the selected events."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from .edit_dialog import NamesEdit, type_combo


class TypeDialog(QDialog):
    """Choose an event type (the retype of one or many events)."""

    def __init__(self, current: str | None, n: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Retype" if n == 1 else f"Retype {n} events")
        form = QFormLayout(self)
        self.type = type_combo()
        if current is not None:
            self.type.setCurrentIndex(max(self.type.findData(current), 0))
        form.addRow("&Type", self.type)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        form.addRow(bb)
        self.type.setFocus()

    def chosen(self) -> str | None:
        t = self.type.currentData()
        return str(t) if t else None


class CompanyNameDialog(QDialog):
    """A company name to set on (or remove from) the selected events."""

    def __init__(self, title: str, names: list[str], parent: QWidget | None = None, choices: list[str] | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.combo: QComboBox | None = None
        self.edit: NamesEdit | None = None
        if choices is not None:
            self.combo = QComboBox()
            self.combo.addItems(choices)
            form.addRow("&Company", self.combo)
            self.combo.setFocus()
        else:
            self.edit = NamesEdit(names)
            form.addRow("&Company", self.edit)
            self.edit.setFocus()
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        form.addRow(bb)

    def name(self) -> str:
        if self.combo is not None:
            return self.combo.currentText()
        assert self.edit is not None
        return " ".join(self.edit.text().replace(";", " ").split())
