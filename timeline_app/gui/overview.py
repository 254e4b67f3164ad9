"""The overview strip under the timeline: how many shown events fall in each stretch of the whole corpus, with
the main view's time window drawn on it. Dragging the window (or clicking beside it) moves the main view;
keyboard users pan with Ctrl+Left/Right, which this strip follows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ..core.index import DAY, EventColumns
from .date_axis import CalendarDateAxis
from .theme import Theme, current_theme

BINS = 240


class OverviewStrip(pg.PlotWidget):
    """Corpus-wide event density with a draggable window."""

    windowMoved = Signal(float, float)  # new (x0, x1) for the main view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"bottom": CalendarDateAxis(orientation="bottom")})
        self.setFixedHeight(74)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Overview of all events over time")
        pi = self.getPlotItem()
        pi.setMenuEnabled(False)
        pi.hideButtons()
        pi.hideAxis("left")
        pi.setMouseEnabled(x=False, y=False)
        self.bars = pg.PlotDataItem(stepMode="center", fillLevel=0)
        pi.addItem(self.bars)
        self.window = pg.LinearRegionItem(values=(0, 1), movable=True)
        self.window.setZValue(10)
        pi.addItem(self.window, ignoreBounds=True)
        self.window.sigRegionChanged.connect(self._dragged)
        self.scene().sigMouseClicked.connect(self._clicked)
        self._quiet = False
        self.span = (0.0, 1.0)
        self.apply_theme(current_theme())

    def apply_theme(self, th: Theme) -> None:
        self.setBackground(th.background)
        ax = self.getPlotItem().getAxis("bottom")
        ax.setTextPen(th.text)
        ax.setPen(pg.mkPen(th.axis))
        colour = (120, 170, 255) if th.dark else (30, 70, 150)
        self.bars.setPen(pg.mkPen(*colour))
        self.bars.setBrush(pg.mkBrush(*colour, 120))
        self.window.setBrush(pg.mkBrush(255, 200, 0, 70))
        for line in self.window.lines:
            line.setPen(pg.mkPen(th.focus, width=2))

    def set_data(self, cols: EventColumns, mask: np.ndarray) -> None:
        """Histogram of the shown dated events over the whole corpus range."""
        dated = ~np.isnan(cols.t0)
        t = cols.t0[mask & dated]
        allt = cols.t0[dated]
        if len(allt) == 0:
            self.bars.setData([], [])
            return
        lo, hi = float(np.quantile(allt, 0.005)), float(np.quantile(cols.t1[dated], 0.995))
        if hi - lo < 30 * DAY:
            lo, hi = lo - 15 * DAY, hi + 15 * DAY
        edges = np.linspace(lo, hi, BINS + 1)
        counts, _ = np.histogram(t, bins=edges)
        self.bars.setData(edges, np.log1p(counts.astype(float)))
        self.span = (lo, hi)
        pad = (hi - lo) * 0.01
        self.getPlotItem().vb.setRange(xRange=(lo - pad, hi + pad), yRange=(0, max(float(np.log1p(counts).max()), 1)),
                                       padding=0)

    def show_window(self, x0: float, x1: float) -> None:
        """Follow the main view (without echoing it back)."""
        self._quiet = True
        try:
            self.window.setRegion((x0, x1))
        finally:
            self._quiet = False

    def _dragged(self) -> None:
        if not self._quiet:
            x0, x1 = self.window.getRegion()
            self.windowMoved.emit(float(x0), float(x1))

    def _clicked(self, ev: Any) -> None:
        x = self.getPlotItem().vb.mapSceneToView(ev.scenePos()).x()
        x0, x1 = self.window.getRegion()
        if x0 <= x <= x1:
            return
        w = x1 - x0
        self.windowMoved.emit(float(x - w / 2), float(x + w / 2))
