"""The company dialog: correct what the workspace knows about a company (rename, alias, parent group, not a
company). The change is made by ``core.curate`` as one undoable edit applied to every event."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from ..core import curate
from .edit_dialog import NamesEdit


class CompanyDialog(QDialog):
    """What the workspace knows about one company: rename it, make it an alias of another, set its group,
    or mark it as not a company."""

    MODES = (("Rename to", "rename"), ("Is another name of", "alias"), ("Belongs to group", "parent"),
             ("Is not a company", "not_company"))

    def __init__(self, name: str, companies: list[str], parent: Any = None, story: list[str] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Company")
        form = QFormLayout(self)
        #: how the workspace came to call the company so (automatic merges with their reasons, the user's edits)
        self.story = QLabel("\n".join(story or []) or "No other name was merged into this company.")
        self.story.setWordWrap(True)
        self.story.setTextFormat(Qt.TextFormat.PlainText)  # names from articles are never markup
        self.story.setAccessibleName("How this company's lane was formed")
        self.name = NamesEdit(companies)
        self.name.setText(name)
        self.mode = QComboBox()
        for label, key in self.MODES:
            self.mode.addItem(label, key)
        self.value = NamesEdit(companies)
        self.value.setPlaceholderText("a company name (empty group: no group)")
        form.addRow("&Company", self.name)
        form.addRow("&Change", self.mode)
        form.addRow("&Name", self.value)
        form.addRow("Formed from", self.story)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        form.addRow(bb)
        self.mode.currentIndexChanged.connect(
            lambda _i: self.value.setEnabled(self.mode.currentData() != "not_company"))
        self.value.setFocus()

    def make(self) -> Any:
        """The curate call for what the dialog says, to run on a workspace."""
        name, value, mode = self.name.text().strip(" ;"), self.value.text().strip(" ;"), self.mode.currentData()
        if mode == "rename":
            return lambda ws: curate.rename_company(ws, name, value)
        if mode == "alias":
            return lambda ws: curate.alias_company(ws, name, value)
        if mode == "parent":
            return lambda ws: curate.set_company_parent(ws, name, value or None)
        return lambda ws: curate.mark_not_company(ws, name)
