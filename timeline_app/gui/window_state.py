"""What the main window remembers between runs: geometry, splitters, filters, the last workspace."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from .window_base import WindowParts


class WindowStateMixin(WindowParts):
    """Saves and restores window state through QSettings; closing stops the ingest and saves."""

    def restore_settings(self) -> None:
        s = QSettings()
        geom = s.value("geometry")
        if geom is not None:
            self.restoreGeometry(geom)
        for key, w in (("splitter", self.split), ("centre_splitter", self.centre)):
            st = s.value(key)
            if st is not None:
                w.restoreState(st)
        raw = s.value("filters")
        if raw:
            try:
                state = json.loads(str(raw))
            except ValueError:
                state = {}
            hidden = self.filters.restore(state)
            self.timeline.collapsed = set(state.get("collapsed", []))
            if self.cols is not None:
                self.filters.set_companies(self.cols.groups(), hidden, self.timeline.collapsed)
            if state.get("search"):
                self.search(state["search"])
            else:
                self.apply_filters()

    def save_settings(self) -> None:
        s = QSettings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.split.saveState())
        s.setValue("centre_splitter", self.centre.saveState())
        state = self.filters.state()
        state["collapsed"] = sorted(self.timeline.collapsed)
        s.setValue("filters", json.dumps(state))
        s.setValue("last_workspace", self.workspace_path)

    def closeEvent(self, event) -> None:
        self.cancel_ingest()
        if self._thread is not None:
            self._thread.wait()
        self.save_settings()
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        super().closeEvent(event)
