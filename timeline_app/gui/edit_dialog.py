"""The event edit dialog: every field of an event, a date field that reads what people type (with the parsed
interval shown as you type), company completion from the workspace. It returns only the fields that changed;
the edit itself is made by ``core.curate`` through an undoable command."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..core.curate import EditError, amount_fields
from ..core.dates.parse import PRECISION_CHOICES, parse_date_text, span_label
from ..core.model import EVENT_TYPE_LABELS, FAMILIES, STATUSES, SUB_DAY, Event, v3_type
from .marks import type_icon


def type_combo() -> QComboBox:
    """The event types grouped by family: each family's name as a heading that cannot be chosen, its types below
    it with their marks. The item data is the type id (None for a heading)."""
    combo = QComboBox()
    combo.setMaxVisibleItems(24)
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    bold = QFont(combo.font())
    bold.setBold(True)
    for fam in FAMILIES.values():
        combo.addItem(fam.label)
        head = model.item(combo.count() - 1)
        head.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: neither chosen nor stepped onto with the keys
        head.setFont(bold)
        for t in fam.types:
            combo.addItem(type_icon(t), EVENT_TYPE_LABELS[t], t)
    return combo


def _names(text: str) -> list[str]:
    return [x.strip() for x in text.split(";") if x.strip()]


class NamesEdit(QLineEdit):
    """A ';'-separated list of names, completing the name being typed from a list."""

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self._model = QStringListModel(sorted(set(names), key=str.lower))
        self.comp = QCompleter(self._model, self)
        self.comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.comp.setFilterMode(Qt.MatchFlag.MatchContains)
        self.comp.setWidget(self)
        self.comp.activated.connect(self._insert)
        self.textEdited.connect(self._complete)

    def _complete(self, text: str) -> None:
        prefix = text.rsplit(";", 1)[-1].strip()
        if len(prefix) < 1:
            popup = self.comp.popup()
            if popup is not None:
                popup.hide()
            return
        self.comp.setCompletionPrefix(prefix)
        self.comp.complete()

    def _insert(self, name: str) -> None:
        head = self.text().rsplit(";", 1)[0] if ";" in self.text() else ""
        self.setText((head + "; " if head else "") + name + "; ")


class EventEditDialog(QDialog):
    """Edit one event; ``changes()`` holds the fields to send to ``curate.edit_event``."""

    def __init__(self, ev: Event, companies: list[str], parent: QWidget | None = None, focus: str = "date"):
        super().__init__(parent)
        self.ev = ev
        self.setWindowTitle("Edit event")
        form = QFormLayout(self)
        self.summary = QLineEdit(ev.summary)
        # a time of day is not typed here: a timed event reads as its day (editing the date makes it a day event)
        day_or_coarser = "day" if ev.precision in SUB_DAY else ev.precision
        self.date = QLineEdit(span_label(ev.start, ev.end, day_or_coarser) if ev.start else "undated")
        self.date.setPlaceholderText("2025-11-13, 13 Nov 2025, Nov 2025, Q3 2024, 2024, 2023-24, undated")
        self.date_hint = QLabel()
        self.date_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.precision = QComboBox()
        self.precision.addItem("as typed", None)
        for p in PRECISION_CHOICES:
            self.precision.addItem(p, p)
        self.type = type_combo()
        self.type.setCurrentIndex(max(0, self.type.findData(v3_type(ev.type))))
        self.status = QComboBox()
        self.status.addItems(list(STATUSES))
        self.status.setCurrentText(ev.status)
        self.companies = NamesEdit(companies)
        self.companies.setText("; ".join(ev.companies))
        self.people = QLineEdit("; ".join(ev.people))
        self.amounts = QLineEdit("; ".join(a.text for a in ev.amounts))
        self.amounts.setPlaceholderText("$2 billion; EUR 300 million")
        self.tags = QLineEdit("; ".join(ev.tags))
        self.starred = QCheckBox("Starred")
        self.starred.setChecked(ev.starred)
        self.notes = QPlainTextEdit(ev.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        for label, w in (("&Summary", self.summary), ("&Date", self.date), ("", self.date_hint),
                         ("&Precision", self.precision), ("&Type", self.type), ("Stat&us", self.status),
                         ("&Companies", self.companies), ("&People", self.people), ("A&mount", self.amounts),
                         ("Ta&gs", self.tags),
                         ("", self.starred), ("&Note", self.notes)):
            form.addRow(label, w)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color:#b00020")
        form.addRow(self.error)
        self.date.textChanged.connect(self._date_changed)
        self.precision.currentIndexChanged.connect(lambda _i: self._date_changed(self.date.text()))
        self._initial_date = self.date.text()
        self._date_changed(self.date.text())
        target: dict[str, QWidget] = {"date": self.date, "summary": self.summary, "notes": self.notes,
                                      "companies": self.companies}
        first = target.get(focus, self.date)
        first.setFocus()
        if isinstance(first, QLineEdit):
            first.selectAll()
        self.resize(520, self.sizeHint().height())

    def _date_changed(self, text: str) -> None:
        try:
            span = parse_date_text(text, self.precision.currentData())
        except ValueError as e:
            self.date_hint.setText(f"✗ {e}")
            self.date_hint.setStyleSheet("color:#b00020")
            return
        self.date_hint.setText(f"→ {span.label()} ({span.precision})" if span.start else "→ undated")
        self.date_hint.setStyleSheet("color:#2e7d32")

    def changes(self) -> dict[str, Any]:
        """The fields the user changed (date as typed text, for the core parser)."""
        ev, out = self.ev, dict[str, Any]()
        if self.date.text() != self._initial_date or self.precision.currentData() is not None:
            out["date"] = self.date.text()
            if self.precision.currentData() is not None:
                out["date_precision"] = self.precision.currentData()
        if self.summary.text().strip() != ev.summary:
            out["summary"] = self.summary.text()
        if self.type.currentData() != v3_type(ev.type):
            out["type"] = self.type.currentData()
        if self.status.currentText() != ev.status:
            out["status"] = self.status.currentText()
        for key, w, cur in (("companies", self.companies, ev.companies), ("people", self.people, ev.people),
                            ("tags", self.tags, ev.tags)):
            if _names(w.text()) != cur:
                out[key] = _names(w.text())
        if self.amounts.text().strip() != "; ".join(a.text for a in ev.amounts):
            out["amounts"] = self.amounts.text().strip()
        if self.starred.isChecked() != ev.starred:
            out["starred"] = self.starred.isChecked()
        if self.notes.toPlainText() != ev.notes:
            out["notes"] = self.notes.toPlainText()
        return out

    def _accept(self) -> None:
        if "amounts" in self.changes():
            try:
                amount_fields(self.amounts.text())
            except EditError as e:
                self.error.setText(str(e))
                self.amounts.setFocus()
                return
        if "date" in self.changes():
            try:
                parse_date_text(self.date.text(), self.precision.currentData())
            except ValueError as e:
                self.error.setText(str(e))
                self.date.setFocus()
                return
        self.accept()
