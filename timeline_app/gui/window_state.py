"""What the main window remembers between runs: geometry, splitters, filters, the last workspace."""

from __future__ import annotations

import hashlib
import json
import os

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication

from .window_base import WindowParts


class WindowStateMixin(WindowParts):
    """Saves and restores window state through QSettings; closing stops the ingest and saves."""

    def restore_settings(self) -> None:
        """Geometry (kept on a screen) and splitters; the filters saved for this workspace."""
        s = QSettings()
        bad = []
        geom = s.value("geometry")
        if geom is not None and not (isinstance(geom, (QByteArray, bytes)) and self.restoreGeometry(geom)):
            bad.append("geometry")
        self.keep_on_screen()
        for key, w in (("splitter", self.split), ("centre_splitter", self.centre)):
            st = s.value(key)
            if st is not None and not (isinstance(st, (QByteArray, bytes)) and w.restoreState(st)):
                bad.append(key)
        self.keep_splitters_sane()
        self._restore_filters()
        if bad:  # said once: the defaults replace them, and the next save writes good values
            self.statusBar().showMessage(f"Settings: {', '.join(bad)} could not be read (edited by hand?); "
                                         "the defaults are used", 10000)

    def keep_on_screen(self) -> None:
        """Move (and shrink) the window onto a screen when its saved place is off every screen or too big for it,
        e.g. after a change of scale factor or monitors."""
        screen = QGuiApplication.screenAt(self.frameGeometry().center()) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        g = self.frameGeometry()
        if avail.contains(g.center()) and g.width() <= avail.width() and g.height() <= avail.height():
            return
        w, h = min(self.width(), int(avail.width() * 0.92)), min(self.height(), int(avail.height() * 0.92))
        self.resize(w, h)
        self.move(avail.x() + (avail.width() - w) // 2, avail.y() + (avail.height() - h) // 2)

    def keep_splitters_sane(self) -> None:
        """The timeline keeps at least half the width; side panels keep a usable minimum."""
        sizes = self.split.sizes()
        total = sum(sizes)
        if total > 0 and (sizes[1] < total * 0.5 or min(sizes) < 60):
            self.split.setSizes([int(total * 0.17), int(total * 0.58), total - int(total * 0.17) - int(total * 0.58)])

    @staticmethod
    def _filters_key(path: str) -> str:
        return "filters/" + hashlib.sha1(os.fsencode(path)).hexdigest()[:16]  # any file name, UTF-8 or not

    def _save_filters(self) -> None:
        if not self.workspace_path:
            return
        state = self.filters.state()
        state["collapsed"] = sorted(self.timeline.collapsed)
        QSettings().setValue(self._filters_key(self.workspace_path), json.dumps(state))

    def _restore_filters(self) -> None:
        """This workspace's saved filters, or the defaults (another workspace's filters never carry over)."""
        raw = QSettings().value(self._filters_key(self.workspace_path)) if self.workspace_path else None
        try:
            state = json.loads(str(raw)) if raw else {}
        except (ValueError, RecursionError):
            state = {}
        if not isinstance(state, dict):  # settings edited by hand or by another version: start clean
            state = {}
        hidden = self.filters.restore(state)
        collapsed = state.get("collapsed", [])
        self.timeline.collapsed = {c for c in collapsed if isinstance(c, str)} if isinstance(collapsed, list) else set()
        if self.filters.restore_problems:
            self.statusBar().showMessage("Saved filters: " + "; ".join(self.filters.restore_problems)
                                         + " — the defaults are used", 10000)
        self.timeline.lane_order = self.filters.lane_order.currentData()
        if self.cols is not None:
            self.filters.set_companies(self.cols.groups(), hidden, self.timeline.collapsed)
        if self.filters.search.text():
            self.search(self.filters.search.text())
        else:
            self.text_mask = None
            self.apply_filters()

    def save_settings(self) -> None:
        s = QSettings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.split.saveState())
        s.setValue("centre_splitter", self.centre.saveState())
        self._save_filters()
        if self.workspace_path:
            s.setValue("last_workspace", self.workspace_path)

    def closeEvent(self, event) -> None:
        self.stop_row_check()
        self.cancel_ingest()
        if self._thread is not None:
            self._thread.wait()
        report_thread, report_worker = getattr(self, "_report_thread", None), getattr(self, "_report_worker", None)
        if report_thread is not None and report_worker is not None:
            report_worker.cancel()
            report_thread.wait()
        self.save_settings()
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        super().closeEvent(event)
