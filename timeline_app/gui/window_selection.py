"""The main window's shared selection: one current event (and lane) shown alike in the timeline, the events
table, the undated strip and the source panel, whichever of them the user selected it in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QCursor

from .window_base import WindowParts


class SelectionMixin(WindowParts):
    """Keeps the timeline, the table, the undated strip and the source panel on the same event."""

    _syncing_views: bool  # set while the window moves the views' selection (their echo is then ignored)

    if TYPE_CHECKING:
        def zoom_to_selection(self) -> None: ...

    def select_event(self, row: int, origin: str = "") -> None:
        if self.cols is None or not 0 <= row < self.cols.n:
            return
        if row == self.current and origin in ("table", "undated"):
            return
        self.current = row
        idx = self.timeline.index
        if origin != "lane" and idx is not None:
            pl = idx.placements_of(row)
            if len(pl) and not (self.current_lane >= 0 and any(idx.lane[pl] == self.current_lane)):
                self.current_lane = int(idx.lane[pl[0]])
        self._sync_selection()
        ev = self.model.event_at(row)
        self.source.show_event(ev)
        self.selectionChanged.emit(row)

    def _sync_selection(self) -> None:
        row = self.current
        self.timeline.item.set_selected(row)
        self._show_in_views(row)
        if row >= 0 and self.cols is not None and not np.isnan(self.cols.t0[row]):
            self.timeline.show_time(float(self.cols.t0[row]), float(self.cols.t1[row]))
            if self.current_lane >= 0:
                self.timeline.show_lane(self.current_lane)
        if row < 0 or not 0 <= self.current_lane < len(self.timeline.lanes):
            self.current_lane = -1 if row < 0 else self.current_lane
        self.timeline.set_current_lane(self.current_lane)
        if row < 0 and not getattr(self, "_keep_panels", False):
            self.source.show_event(None)

    def _view_selected(self, row: int, origin: str) -> None:
        """The user moved the table's or the undated strip's current row (not the window syncing them)."""
        if not self._syncing_views:
            self.select_event(row, origin=origin)

    def _show_in_views(self, row: int) -> None:
        """Select ``row`` (alone) in the table and the undated strip, or nothing when -1."""
        self._syncing_views = True
        try:
            pr = self.table_proxy.proxy_row(row) if row >= 0 else -1
            if pr >= 0 and self.table.currentIndex().row() != pr:
                self.table.selectionModel().setCurrentIndex(
                    self.table_proxy.index(pr, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(self.table_proxy.index(pr, 0))
            elif pr < 0:
                self.table.clearSelection()
            ur = self.undated_proxy.proxy_row(row) if row >= 0 else -1
            if ur >= 0:
                self.undated.setCurrentIndex(self.undated_proxy.index(ur, 3))
            else:
                self.undated.clearSelection()
        finally:
            self._syncing_views = False

    def _timeline_activated(self, row: int) -> None:
        self._timeline_clicked(row)
        self.zoom_to_selection()

    def _timeline_clicked(self, row: int) -> None:
        pos = self.timeline.vb.mapSceneToView(self.timeline.mapToScene(self.timeline.mapFromGlobal(QCursor.pos())))
        lane = round(pos.y())
        if 0 <= lane < len(self.timeline.lanes):
            self.current_lane = lane
        self.select_event(row, origin="lane")
