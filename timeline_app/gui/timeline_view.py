"""The timeline widget: a date axis over company lanes grouped under their parents (collapsible),
with the event item, a legend, and mouse behaviour (wheel zooms time around the cursor, drag pans,
Shift+drag zooms to a rectangle, double-click fits an event)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGraphicsItem

from ..core.index import DAY, EventColumns, LaneIndex
from ..core.model import EVENT_TYPE_LABELS, EVENT_TYPES
from .lanes_item import TYPE_COLOURS, EventLanesItem

MAX_LABEL = 26


def _elide(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[:MAX_LABEL - 1] + "…"


def legend_html() -> str:
    """The type colours and status styles, for a label above the plot (it never covers data)."""
    items = [f"<span style='color:rgb{TYPE_COLOURS[t]}'>■</span>&nbsp;{EVENT_TYPE_LABELS[t]}" for t in EVENT_TYPES]
    return ("&nbsp; ".join(items) + "&nbsp;&nbsp; | <b>■</b> happened &nbsp;□ planned &nbsp;"
            "<span style='color:#999'>■</span> ongoing | mark = day, bar = longer")


class LaneAxis(pg.AxisItem):
    """Company names on the left; with more lanes than fit, every k-th lane is labelled (never overlapping)."""

    LABEL_PX = 15.0

    def __init__(self) -> None:
        super().__init__(orientation="left")
        self.labels: list[str] = []

    def set_labels(self, labels: list[str]) -> None:
        self.labels = labels
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float):
        lo, hi = max(int(np.ceil(min(minVal, maxVal))), 0), min(int(np.floor(max(minVal, maxVal))), len(self.labels) - 1)
        if hi < lo or size <= 0:
            return []
        per_lane = size / max(abs(maxVal - minVal), 1e-9)
        stride = max(1, int(np.ceil(self.LABEL_PX / per_lane)))
        first = lo + (-lo) % stride
        return [(float(stride), [float(v) for v in range(first, hi + 1, stride)])]

    def tickStrings(self, values, scale, spacing):
        return [self.labels[int(v)] if 0 <= int(v) < len(self.labels) else "" for v in values]


class TimelineViewBox(pg.ViewBox):
    """Wheel zooms the time axis only; Shift+drag draws a zoom rectangle."""

    def wheelEvent(self, ev, axis=None) -> None:
        super().wheelEvent(ev, axis=0)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.modifiers() & Qt.ShiftModifier:
            self.state["mouseMode"] = pg.ViewBox.RectMode
            try:
                super().mouseDragEvent(ev, axis)
            finally:
                self.state["mouseMode"] = pg.ViewBox.PanMode
        else:
            super().mouseDragEvent(ev, axis)


class TimelineView(pg.PlotWidget):
    """Company lanes over a date axis."""

    eventClicked = Signal(int)
    eventActivated = Signal(int)  # double-click
    eventHovered = Signal(int)

    def __init__(self, parent=None):
        self.vb = TimelineViewBox()
        self.lane_axis = LaneAxis()
        super().__init__(parent, viewBox=self.vb, axisItems={"bottom": pg.DateAxisItem(orientation="bottom"),
                                                             "left": self.lane_axis})
        self.setBackground("w")
        self.setFocusPolicy(Qt.StrongFocus)
        pi = self.getPlotItem()
        pi.setMenuEnabled(False)
        pi.hideButtons()
        self.vb.invertY(True)
        self.vb.setLimits(xMin=-2.2e9, xMax=4.2e9, minXRange=3600.0)
        for ax in ("left", "bottom"):
            pi.getAxis(ax).setTextPen("k")
            pi.getAxis(ax).setPen(pg.mkPen(120, 120, 120))
        pi.getAxis("left").setWidth(210)
        # lane labels change only with the lanes: keep them as a cached pixmap instead of replaying
        # hundreds of text draws on every frame
        pi.getAxis("left").setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.item = EventLanesItem()
        pi.addItem(self.item)
        self.item.sigClicked.connect(self.eventClicked)
        self.item.sigDoubleClicked.connect(self.eventActivated)
        self.item.sigHovered.connect(self.eventHovered)
        self.cols: EventColumns | None = None
        self.index: LaneIndex | None = None
        self.lanes: list[str] = []  # lane labels' company names
        self.lane_of_company = np.zeros(0, dtype=np.int32)
        self.collapsed: set[str] = set()

    # -- layout -------------------------------------------------------------------------------------------
    def set_data(self, cols: EventColumns, event_mask: np.ndarray | None, hidden: set[str] | None = None) -> None:
        """Lay out lanes (group by root parent; collapsed groups fold into their parent) and index placements."""
        self.cols = cols
        hidden = hidden or set()
        root = {c: g for g, members in cols.groups().items() for c in members}
        used = np.zeros(len(cols.companies), dtype=bool)
        if len(cols.p_lane):
            keep = ~np.isnan(cols.t0[cols.p_event])
            if event_mask is not None:
                keep &= event_mask[cols.p_event]
            used[np.unique(cols.p_lane[keep])] = True
        present = [c for c, u in zip(cols.companies, used, strict=False) if u and c not in hidden]
        groups: dict[str, list[str]] = {}
        for c in present:
            groups.setdefault(root[c], []).append(c)
        lanes: list[str] = []
        labels: list[tuple[int, str]] = []
        lane_for: dict[str, int] = {}
        for g in sorted(groups, key=str.lower):
            members = sorted((c for c in groups[g] if c != g), key=str.lower)
            lane_for[g] = len(lanes)
            folded = g in self.collapsed and members
            labels.append((len(lanes), (f"▸ {_elide(g)} (+{len(members)})" if folded else
                                        (f"▾ {_elide(g)}" if members else _elide(g)))))
            lanes.append(g)
            for c in members:
                if folded:
                    lane_for[c] = lane_for[g]
                else:
                    lane_for[c] = len(lanes)
                    labels.append((len(lanes), "   " + _elide(c)))
                    lanes.append(c)
        self.lanes = lanes
        self.lane_of_company = np.array([lane_for.get(c, -1) for c in cols.companies], dtype=np.int32)
        self.index = LaneIndex(cols, event_mask, self.lane_of_company, len(lanes))
        self.lane_axis.set_labels([text for _, text in labels])
        self.item.set_index(cols, self.index)

    def toggle_group(self, group: str) -> None:
        if group in self.collapsed:
            self.collapsed.discard(group)
        else:
            self.collapsed.add(group)

    # -- view -------------------------------------------------------------------------------------------
    def fit_all(self) -> None:
        if self.index is not None and len(self.index):
            x0, x1 = float(np.nanmin(self.index.t0)), float(np.nanmax(self.index.t1))
            pad = max((x1 - x0) * 0.04, 20 * DAY)
            self.vb.setXRange(x0 - pad, x1 + pad, padding=0)
        self.vb.setYRange(-0.8, max(len(self.lanes), 1) - 0.2, padding=0)

    def zoom(self, factor: float, centre: float | None = None) -> None:
        (x0, x1), _ = self.vb.viewRange()
        c = (x0 + x1) / 2 if centre is None else centre
        self.vb.setXRange(c - (c - x0) * factor, c + (x1 - c) * factor, padding=0)

    def show_time(self, t0: float, t1: float, fit: bool = False) -> None:
        """Bring [t0, t1] into view: centre it, or fit the view to it."""
        (x0, x1), _ = self.vb.viewRange()
        if fit:
            pad = max((t1 - t0) * 0.6, 3 * DAY)
            self.vb.setXRange(t0 - pad, t1 + pad, padding=0)
        elif not (x0 <= t0 and t1 <= x1):
            w = x1 - x0
            c = (t0 + t1) / 2
            self.vb.setXRange(c - w / 2, c + w / 2, padding=0)

    def show_lane(self, lane: int) -> None:
        _, (y0, y1) = self.vb.viewRange()
        lo, hi = sorted((y0, y1))
        if not (lo + 0.3 <= lane <= hi - 0.3):
            h = hi - lo
            self.vb.setYRange(lane - h / 2, lane + h / 2, padding=0)

    def lane_of(self, company: str) -> int:
        if self.cols is None or company not in self.cols.companies:
            return -1
        return int(self.lane_of_company[self.cols.companies.index(company)])
