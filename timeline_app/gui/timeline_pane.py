"""The timeline with its lane scrollbar (lanes keep a minimum height and scroll) and the overview strip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QScrollBar, QWidget

from .overview import OverviewStrip
from .timeline_view import TimelineView


class TimelinePane(QWidget):
    """Timeline | lane scrollbar, over the overview strip; keeps the three in step."""

    def __init__(self, timeline: TimelineView, parent: QWidget | None = None):
        super().__init__(parent)
        self.timeline = timeline
        self.scrollbar = QScrollBar(Qt.Orientation.Vertical)
        self.scrollbar.setAccessibleName("Lane scroll")
        self.scrollbar.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Page Up/Down on the timeline scrolls lanes
        self.overview = OverviewStrip()
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(timeline, 0, 0)
        lay.addWidget(self.scrollbar, 0, 1)
        lay.addWidget(self.overview, 1, 0)
        self._syncing = False
        timeline.lanesChanged.connect(self._lanes_changed)
        timeline.vb.sigXRangeChanged.connect(self._x_changed)
        self.scrollbar.valueChanged.connect(self._scrolled)
        self.overview.windowMoved.connect(self._window_moved)

    def _lanes_changed(self) -> None:
        top, count = self.timeline.lane_window()
        n = len(self.timeline.lanes)
        self._syncing = True
        try:
            self.scrollbar.setRange(0, max(0, n - count))
            self.scrollbar.setPageStep(max(1, count))
            self.scrollbar.setSingleStep(1)
            self.scrollbar.setValue(top)
            self.scrollbar.setVisible(n > count)
        finally:
            self._syncing = False

    def _scrolled(self, value: int) -> None:
        if not self._syncing:
            self.timeline.fit_lanes(value)

    def _x_changed(self, *_: object) -> None:
        (x0, x1), _ = self.timeline.vb.viewRange()
        self.overview.show_window(x0, x1)

    def _window_moved(self, x0: float, x1: float) -> None:
        self.timeline.vb.setXRange(x0, x1, padding=0)
