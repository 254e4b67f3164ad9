"""The timeline: one lane per company (grouped by parent), events coloured by type, precision shown as
marks (days) or bars (months, years). Undated events are never placed on the time axis."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal

from ..core.model import EVENT_TYPES, Event
from .event_model import EventTableModel

TYPE_COLOURS = {
    "meeting": (31, 119, 180), "supply": (214, 39, 40), "partnership": (44, 160, 44), "investment": (148, 103, 189),
    "launch": (255, 127, 14), "financial": (140, 86, 75), "appointment": (227, 119, 194), "plan": (127, 127, 127),
    "other": (188, 189, 34),
}


class TimelineView(pg.PlotWidget):
    """Company lanes over a date axis."""

    eventClicked = Signal(int)  # row in the model

    def __init__(self, parent=None):
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setBackground("w")
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.2)
        self.getPlotItem().setMenuEnabled(False)
        self.lanes: list[str] = []
        self._items: list[pg.GraphicsObject] = []
        self._points: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.legend = self.getPlotItem().addLegend(offset=(10, 10), labelTextColor="k")

    def set_model(self, model: EventTableModel, parents: dict[str, str | None]) -> None:
        pi = self.getPlotItem()
        for it in self._items:
            pi.removeItem(it)
        self._items.clear()
        self.legend.clear()
        events = model.events
        counts: dict[str, int] = {}
        for e in events:
            if e.start:
                for c in e.companies:
                    counts[c] = counts.get(c, 0) + 1

        def group(c: str) -> str:
            p = parents.get(c)
            seen = set()
            while p and parents.get(p) and p not in seen:
                seen.add(p)
                p = parents[p]
            return p or c

        self.lanes = sorted(counts, key=lambda c: (group(c), c != group(c), c))
        lane_of = {c: i for i, c in enumerate(self.lanes)}
        ticks = [(i, ("    " if group(c) != c else "") + c) for i, c in enumerate(self.lanes)]
        pi.getAxis("left").setTicks([ticks])
        rows = np.arange(len(events))
        for etype in EVENT_TYPES:
            colour = TYPE_COLOURS[etype]
            xs, ys, idx, bars = [], [], [], []
            for r, e in zip(rows, events):
                if e.type != etype or not e.start:
                    continue
                for c in e.companies:
                    if c not in lane_of:
                        continue
                    t0, t1 = model.t0[r], model.t1[r]
                    xs.append((t0 + t1) / 2 if e.precision != "day" else t0 + 43200)
                    ys.append(lane_of[c])
                    idx.append(r)
                    if e.precision != "day":
                        bars += [(t0, lane_of[c]), (t1, lane_of[c])]
            if not xs:
                continue
            if bars:
                b = np.array(bars)
                line = pg.PlotDataItem(b[:, 0], b[:, 1], connect="pairs",
                                       pen=pg.mkPen(colour + (110,), width=8))
                pi.addItem(line)
                self._items.append(line)
            sc = pg.ScatterPlotItem(np.array(xs), np.array(ys), size=11, brush=pg.mkBrush(colour),
                                    pen=pg.mkPen("k", width=0.5), data=np.array(idx), name=etype)
            sc.sigClicked.connect(self._clicked)
            pi.addItem(sc)
            self._items.append(sc)
        self.fit_all(model)

    def _clicked(self, item, points, ev=None) -> None:
        if len(points):
            self.eventClicked.emit(int(points[0].data()))

    def fit_all(self, model: EventTableModel) -> None:
        t = np.concatenate([model.t0[~np.isnan(model.t0)], model.t1[~np.isnan(model.t1)]])
        if t.size:
            pad = max((t.max() - t.min()) * 0.05, 86400 * 15)
            self.setXRange(t.min() - pad, t.max() + pad, padding=0)
        self.setYRange(-0.7, max(len(self.lanes) - 0.3, 1), padding=0)

    def show_event(self, model: EventTableModel, row: int) -> None:
        """Keep the selected event in view."""
        t0 = model.t0[row]
        if np.isnan(t0):
            return
        (x0, x1), _ = self.viewRange()
        if not (x0 <= t0 <= x1):
            w = x1 - x0
            self.setXRange(t0 - w / 2, t0 + w / 2, padding=0)
