"""Keyboard navigation of the main window: events, lanes, sources, zoom, focus, search."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from .keyboard import cycle
from .window_base import WindowParts


class NavigationMixin(WindowParts):
    """Moves the selection and the view; every method is an action slot (see actions.py)."""

    def _proxy_step(self, delta: int) -> None:
        n = self.proxy.rowCount()
        if not n:
            return
        pr = self.proxy.proxy_row(self.current) if self.current >= 0 else -1
        pr = (0 if delta > 0 else n - 1) if pr < 0 else max(0, min(n - 1, pr + delta))
        self.select_event(self.proxy.source_row(pr), origin="key")

    def next_event(self) -> None:
        self._proxy_step(1)

    def previous_event(self) -> None:
        self._proxy_step(-1)

    def first_event(self) -> None:
        if self.proxy.rowCount():
            self.select_event(self.proxy.source_row(0), origin="key")

    def last_event(self) -> None:
        if self.proxy.rowCount():
            self.select_event(self.proxy.source_row(self.proxy.rowCount() - 1), origin="key")

    def _in_lane(self, delta: int) -> None:
        idx = self.timeline.index
        if idx is None or self.current < 0 or self.current_lane < 0:
            return
        ev = idx.step_in_lane(self.current_lane, self.current, delta)
        if ev is not None:
            self.select_event(ev, origin="lane")

    def next_in_lane(self) -> None:
        self._in_lane(1)

    def previous_in_lane(self) -> None:
        self._in_lane(-1)

    def _lane_step(self, delta: int) -> None:
        idx = self.timeline.index
        if idx is None or self.cols is None:
            return
        if self.current < 0 or self.current_lane < 0 or np.isnan(self.cols.t0[self.current]):
            self.first_event()
            return
        lane = idx.nonempty_lane(self.current_lane, delta)
        if lane is None:
            return
        ev = idx.nearest_in_lane(lane, float(self.cols.t0[self.current]))
        if ev is not None:
            self.current_lane = lane
            self.select_event(ev, origin="lane")

    def lane_above(self) -> None:
        self._lane_step(-1)

    def lane_below(self) -> None:
        self._lane_step(1)

    def open_source(self) -> None:
        if self.current >= 0:
            self.source.show_event(self.model.event_at(self.current))
            self.source.browser.setFocus()

    def next_source(self) -> None:
        self.source.step_source(1)

    def previous_source(self) -> None:
        self.source.step_source(-1)

    def zoom_in(self) -> None:
        c = float(self.cols.t0[self.current]) if self.cols is not None and self.current >= 0 and \
            not np.isnan(self.cols.t0[self.current]) else None
        self.timeline.zoom(0.5, c)

    def zoom_out(self) -> None:
        self.timeline.zoom(2.0)

    def fit_all(self) -> None:
        self.timeline.fit_all()
        self.show_status()  # says how many far-off placements the fit leaves out

    def select_first_in_view(self) -> None:
        """Select the earliest event in the topmost lanes now in view (the view itself stays as it is)."""
        idx = self.timeline.index
        if idx is None or not len(idx):
            self.first_event()
            return
        (x0, x1), _ = self.timeline.vb.viewRange()
        top, count = self.timeline.lane_window()
        for lane in range(top, top + count):
            a, b = idx.visible(lane, x0, x1)
            if b > a:
                self.current_lane = lane
                self.select_event(int(idx.event[a]), origin="lane")
                return
        self.first_event()

    def zoom_to_selection(self) -> None:
        if self.cols is not None and self.current >= 0 and not np.isnan(self.cols.t0[self.current]):
            self.timeline.show_time(float(self.cols.t0[self.current]), float(self.cols.t1[self.current]), fit=True)

    def focus_order(self) -> list:
        """Every control, in the order Tab visits them: filters, timeline, undated strip, table, source panel."""
        f = self.filters
        return [f.search, f.company_filter, f.companies_all, f.companies_none, f.companies_only, f.companies,
                f.types, f.limit_dates, f.date_from, f.date_to, f.confidence, f.lane_order,
                f.lanes_by, f.reset, self.timeline, self.undated, self.table, self.source.prev_button,
                self.source.next_button, self.source.browser]

    def cycle_focus(self) -> None:
        w = cycle(self.focus_order(), self.focusWidget(), 1)
        if w is not None:
            w.setFocus(Qt.FocusReason.TabFocusReason)

    def cycle_focus_back(self) -> None:
        w = cycle(self.focus_order(), self.focusWidget(), -1)
        if w is not None:
            w.setFocus(Qt.FocusReason.BacktabFocusReason)

    def focus_timeline(self) -> None:
        self.timeline.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_filters(self) -> None:
        self.filters.companies.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.filters.companies.currentItem() is None and self.filters.companies.topLevelItemCount():
            self.filters.companies.setCurrentItem(self.filters.companies.topLevelItem(0))

    def scroll_lanes_up(self) -> None:
        self.timeline.page_lanes(-1)

    def scroll_lanes_down(self) -> None:
        self.timeline.page_lanes(1)

    def pan_left(self) -> None:
        self.timeline.pan(-0.25)

    def pan_right(self) -> None:
        self.timeline.pan(0.25)

    def fit_lanes(self) -> None:
        self.timeline.fit_lanes(0)

    def cycle_lane_order(self) -> None:
        self.filters.cycle_lane_order()

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def clear(self) -> None:
        if self.filters.search.text():
            self.filters.search.clear()
            self.search("")
            self.timeline.setFocus()
        else:
            self.current = -1
            self.table.clearSelection()
            self._sync_selection()
