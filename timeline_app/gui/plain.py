"""Article-derived text shown as text, never as rich text: one place for the rule.

Qt guesses whether a string is HTML (``Qt::mightBeRichText``) for labels, message boxes and tooltips, so an
article titled ``<img src="/dev/zero">`` would otherwise be rendered, and the image loaded. Every widget that
shows a title, a company, a summary, a file name or a reader's message goes through these helpers."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

#: How much of one string a label or tooltip shows (a 1 MB title must not stall layout).
MAX_SHOWN = 2000


def clip(text: object, limit: int = MAX_SHOWN) -> str:
    """``text`` as a string of at most ``limit`` characters."""
    s = str(text)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def escaped(text: object, limit: int = MAX_SHOWN) -> str:
    """``text`` escaped for a place that takes HTML (line breaks kept)."""
    return html.escape(clip(text, limit)).replace("\n", "<br>")


def tooltip(text: object) -> str:
    """A tooltip that shows ``text`` literally: tooltips guess rich text, so give them escaped rich text."""
    return f"<p style='white-space:pre-wrap'>{escaped(text)}</p>"


def plain_label(text: object = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` as plain text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(clip(text))
    return label


def set_plain(label: QLabel, text: object) -> None:
    """Show ``text`` in an existing label as plain text."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(clip(text))


def message_box(parent: QWidget | None, text: object, title: str = "Timeline",
                icon: QMessageBox.Icon = QMessageBox.Icon.Warning, details: str | None = None) -> QMessageBox:
    """A message box whose text (and details) are plain text."""
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(clip(text, 4000))
    if details:
        box.setDetailedText(details)  # always plain, and selectable for copying
    return box
