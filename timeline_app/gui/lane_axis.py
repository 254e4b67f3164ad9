"""The lane axis of the timeline: company names in a fixed column on the left that scrolls with the lanes, one
label per visible lane, the current lane marked."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF


class LaneAxis(pg.AxisItem):
    """Company names in a fixed column on the left that scrolls with the lanes. Lanes are never thinner than
    ``LANE_MIN_PX`` (the view scrolls instead), so every visible lane has its label; the current lane is marked."""

    LABEL_PX = 15.0

    def __init__(self) -> None:
        super().__init__(orientation="left")
        self.labels: list[str] = []
        self.current = -1
        self.drawn: list[tuple[QRectF, str]] = []  # the labels of the last paint, in axis coordinates
        self.setStyle(textFillLimits=[(0, 1.0)], tickLength=0)

    def set_labels(self, labels: list[str]) -> None:
        self.labels = labels
        self.picture = None
        self.update()

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
