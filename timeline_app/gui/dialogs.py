"""The main window's dialogs: the F1 shortcut sheet, About, and non-blocking messages."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QTextBrowser, QVBoxLayout

from .. import __version__
from .actions import ACTIONS, ActionSpec
from .icon import app_icon
from .plain import clip, message_box
from .window_base import WindowParts


class DialogsMixin(WindowParts):
    """Help sheet, About box and warnings, none of which blocks the event loop."""

    def show_shortcuts(self) -> None:
        def keys(a: ActionSpec) -> str:
            return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in a.keys)

        rows = "".join(f"<tr><td>{html.escape(a.menu.replace('&', ''))}</td>"
                       f"<td><b>{html.escape(a.name.replace('&', '').replace('…', ''))}</b></td>"
                       f"<td>{html.escape(keys(a))}</td><td>{html.escape(a.tip)}</td></tr>" for a in ACTIONS)
        dlg = QDialog(self)
        dlg.setWindowTitle("Keyboard shortcuts")
        lay = QVBoxLayout(dlg)
        view = QTextBrowser()
        view.setHtml(f"<table cellpadding=4>{rows}</table><p>Mouse: wheel zooms time around the cursor, drag pans, "
                     f"Shift+drag zooms to a rectangle, double-click fits an event, click a company in the source "
                     f"text to focus its lane.</p>")
        lay.addWidget(view)
        dlg.resize(760, 620)
        self.shortcut_dialog = dlg
        dlg.show()

    def show_about(self) -> None:
        from PySide6 import __version__ as pyside_version

        box = QMessageBox(self)
        box.setWindowTitle("About Timeline")
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_html(pyside_version))
        self.about_box = box
        box.open()

    def _tell(self, message: str) -> None:
        """A non-blocking message (a status line and a window-modal box that does not stop the event loop)."""
        self.statusBar().showMessage(clip(message.splitlines()[0] if message else "", 300), 10000)
        box = message_box(self, message)
        box.open()
        self._message_box = box


def about_html(pyside_version: str) -> str:
    """Version and the licences of the bundled components."""
    return (f"<h3>Timeline {__version__}</h3><p>Business events from news, on a timeline, linked to their evidence.</p>"
            "<p>Timeline is MIT licensed. Bundled components and their licences:</p><ul>"
            f"<li>Qt 6 and PySide6 {pyside_version} — LGPL v3 (Qt libraries used unmodified, as shared libraries)</li>"
            "<li>pyqtgraph — MIT</li><li>NumPy — BSD-3-Clause</li>"
            "<li>spaCy, thinc and the en_core_web_sm 3.8.0 model — MIT</li>"
            "<li>python-dateutil — Apache 2.0 / BSD-3-Clause</li><li>charset-normalizer — MIT</li>"
            "<li>Python — PSF License</li></ul>"
            "<p>Test data (not in the application): MEANTIME corpus, Wikinews articles, CC BY 4.0.</p>")
