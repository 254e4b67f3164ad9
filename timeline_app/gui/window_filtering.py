"""The main window's filtering: what the filter panel and the search let through, shown in every view, the
status line's counts, and the filter panel's company actions (only this company, a company's lane)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt

from .plain import set_plain
from .window_base import WindowParts

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel


class FilteringMixin(WindowParts):
    """Applies the filters and the search to the window's views."""

    undated_label: QLabel

    if TYPE_CHECKING:
        def _sort_table(self, column: int | None = None, order: Qt.SortOrder | None = None) -> None: ...

    def apply_filters(self, relist: bool = False, refit: bool = False) -> None:
        """Show what the filters and the search let through (table, lanes, undated strip, overview); ``refit``:
        the time window follows them (fits the events now shown)."""
        if self.cols is None:
            return
        f = self.filters.filter()
        f.text_matches = self.text_mask
        self.shown_mask = f.mask(self.cols)
        self.proxy.set_mask(self.shown_mask)
        self.table_proxy.set_mask(self.shown_mask)
        self._sort_table()
        self.undated_proxy.set_mask(self.shown_mask & np.isnan(self.cols.t0))
        if relist:
            self.filters.set_companies(self.cols.groups(), f.hidden_companies, self.timeline.collapsed)
        self.timeline.set_data(self.cols, self.shown_mask, f.hidden_companies)
        if refit:
            self.timeline.fit_all()
        self.timeline.fit_lanes(0)  # the lanes refit to what the filter leaves
        self.pane.overview.set_data(self.cols, self.shown_mask)
        n_undated = int(self.undated_proxy.rowCount())
        self.undated_label.setText(f"Undated events ({n_undated}) — not placed on the time axis")
        self.show_status()
        if self.current >= 0 and not (self.current < len(self.shown_mask) and self.shown_mask[self.current]):
            self.current = -1  # a hidden event is no longer selected: every pane says so (below)
            self.selectionChanged.emit(-1)
        self._sync_selection()

    def show_status(self) -> None:
        """Counts, lanes, what the fitted view leaves out, and the workspace, in the status line."""
        if self.cols is None:
            return
        set_plain(self.status_label, f"{int(self.shown_mask.sum())} of {self.cols.n} events shown, "
                                     f"{len(self.timeline.lanes)} lanes — {self.workspace_path}")

    def search(self, text: str) -> None:
        if self.cols is None or self.ws is None:
            return
        self.text_mask = self._search_mask(text) if text else None
        self.apply_filters(refit=True)
        self.loaded.emit()

    def _search_mask(self, text: str) -> np.ndarray:
        assert self.cols is not None and self.ws is not None
        rows = self.ws.search_events(text)
        m = np.zeros(self.cols.n, dtype=bool)
        if rows:
            m[np.fromiter(rows, dtype=np.int64)] = True
        return m

    def _group_toggled(self, group: str, expanded: bool) -> None:
        if (group in self.timeline.collapsed) == (not expanded):
            return
        self.timeline.toggle_group(group)
        self.apply_filters()

    def reset_filters(self) -> None:
        self.filters.reset_all()

    def only_current_company(self) -> None:
        if self.timeline.lanes_by == "company" and 0 <= self.current_lane < len(self.timeline.lanes):
            self.filters.only_company(self.timeline.lanes[self.current_lane])

    def focus_company(self, name: str) -> None:
        """Bring a company's lane into view (from a click on it in the source text)."""
        lane = self.timeline.lane_of(name)
        if lane < 0:
            self.statusBar().showMessage(f"{name} has no dated events shown", 4000)
            return
        self.current_lane = lane
        self.timeline.show_lane(lane)
        self.timeline.set_current_lane(lane)
        if self.current >= 0 and self.timeline.index is not None:
            t = self.cols.t0[self.current] if self.cols is not None else np.nan
            if not np.isnan(t):
                ev = self.timeline.index.nearest_in_lane(lane, float(t))
                if ev is not None:
                    self.select_event(ev, origin="lane")
        self.timeline.setFocus()
