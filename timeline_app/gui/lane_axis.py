"""The lane axis of the timeline: company names in a fixed column on the left that scrolls with the lanes, one
label per visible lane, the current lane marked."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF


class LaneAxis(pg.AxisItem):
    """Company names in a fixed column on the left that scrolls with the lanes. Lanes are never thinner than
    ``LANE_MIN_PX`` (the view scrolls instead), so every visible lane has its label; the current lane is marked."""

    LABEL_PX = 15.0

    def __init__(self) -> None:
        super().__init__(orientation="left")
        self.labels: list[str] = []
        self.current = -1
        self.drawn: list[tuple[QRectF, str]] = []  # the labels of the last paint, in axis coordinates
        self.tips: list[str] = []  # per lane: what the hover says (its whole name, the names merged into it and why)
        self.setStyle(textFillLimits=[(0, 1.0)], tickLength=0)
        self.setAcceptHoverEvents(True)

    def set_labels(self, labels: list[str], tips: list[str] | None = None) -> None:
        self.labels = labels
        self.tips = tips if tips is not None else []
        self.picture = None
        self.update()

    def lane_at(self, scene_y: float) -> int:
        """The lane at a height of the scene (-1: none)."""
        vb = self.linkedView()
        if vb is None:
            return -1
        lane = round(vb.mapSceneToView(QPointF(vb.sceneBoundingRect().center().x(), scene_y)).y())
        return lane if 0 <= lane < len(self.labels) else -1

    def hoverEvent(self, ev) -> None:  # pyqtgraph's hover protocol
        """The hovered label's tooltip: the lane's whole name and how its names were merged into it."""
        if ev.isExit():
            return
        lane = self.lane_at(ev.scenePos().y())
        self.setToolTip(self.tips[lane] if 0 <= lane < len(self.tips) else "")

    def set_current(self, lane: int) -> None:
        if lane != self.current:
            self.current = lane
            self.picture = None
            self.update()

    def generateDrawSpecs(self, p):
        specs = super().generateDrawSpecs(p)
        if specs is not None:
            self.drawn = [(QRectF(rect), text) for rect, _, text in specs[2]]
        return specs

    def tickValues(self, minVal: float, maxVal: float, size: float):
        lo = max(int(np.ceil(min(minVal, maxVal))), 0)
        hi = min(int(np.floor(max(minVal, maxVal))), len(self.labels) - 1)
        if hi < lo or size <= 0:
            return []
        per_lane = size / max(abs(maxVal - minVal), 1e-9)
        stride = max(1, int(np.ceil(self.LABEL_PX / per_lane)))
        first = lo + (-lo) % stride
        return [(float(stride), [float(v) for v in range(first, hi + 1, stride)])]

    def tickStrings(self, values, scale, spacing):
        return [("▶ " if int(v) == self.current else "") + self.labels[int(v)] if 0 <= int(v) < len(self.labels)
                else "" for v in values]
