"""EventLanesItem: a pyqtgraph GraphicsObject drawing every shown event placement in its company lane.

Only what is visible is drawn: placements are culled per lane with ``searchsorted``; when more than
``DENSITY_THRESHOLD`` would be visible, lanes are drawn as a density image from the precomputed time-bin
pyramid (cost flat in the number of events). Otherwise marks (days) and bars (longer precisions) are drawn in
device pixels, batched by type and status (one ``drawRects`` per group), with colliding marks aggregated into
one mark with a count and multi-company events joined by connectors."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen

from ..core.model import EVENT_TYPES, PRECISIONS, STATUSES
from ..core.timeline_index import EventColumns, LaneIndex

TYPE_COLOURS = {
    "meeting": (31, 119, 180), "supply": (214, 39, 40), "partnership": (44, 160, 44),
    "investment": (148, 103, 189), "launch": (255, 127, 14), "financial": (140, 86, 75),
    "appointment": (227, 119, 194), "plan": (110, 110, 110), "other": (188, 189, 34),
}
DENSITY_THRESHOLD = 6000
MARK = 9.0  # marker size in pixels
BAR_H = 8.0
COLLIDE_PX = 7.0
_DAY = PRECISIONS.index("day")
_PLANNED = STATUSES.index("planned")
_ONGOING = STATUSES.index("ongoing")


class EventLanesItem(pg.GraphicsObject):
    """All event placements, one lane per company (y = lane index, x = seconds)."""

    sigClicked = Signal(int)  # event row
    sigDoubleClicked = Signal(int)
    sigHovered = Signal(int)  # event row, or -1

    def __init__(self) -> None:
        super().__init__()
        self.cols: EventColumns | None = None
        self.index: LaneIndex | None = None
        self.selected: int = -1
        self._selected_placements = np.zeros(0, dtype=np.int64)
        self._bounds = QRectF()
        self._image: np.ndarray | None = None  # keep the buffer alive while Qt draws it
        self.last_mode = ""
        self.setAcceptHoverEvents(True)
        self._count_font = QFont()
        self._count_font.setPointSizeF(7.5)
        self._brushes = {(t, s): self._brush(t, s) for t in range(len(EVENT_TYPES)) for s in range(len(STATUSES))}
        self._pens = {t: QPen(QColor(*TYPE_COLOURS[name]), 1.6) for t, name in enumerate(EVENT_TYPES)}

    @staticmethod
    def _brush(t: int, s: int) -> QBrush:
        r, g, b = TYPE_COLOURS[EVENT_TYPES[t]]
        if s == _PLANNED:
            return QBrush(QColor(255, 255, 255, 230))  # hollow: white inside a coloured outline
        if s == _ONGOING:
            return QBrush(QColor(r, g, b, 90))  # faded
        return QBrush(QColor(r, g, b, 235))

    # -- data --------------------------------------------------------------------------------------------
    def set_index(self, cols: EventColumns, index: LaneIndex) -> None:
        self.prepareGeometryChange()
        self.cols, self.index = cols, index
        if len(index):
            x0 = float(np.nanmin(index.t0))
            x1 = float(np.nanmax(index.t1))
            self._bounds = QRectF(x0, -0.5, max(x1 - x0, 1.0), index.n_lanes)
        else:
            self._bounds = QRectF(0, -0.5, 1, max(index.n_lanes, 1))
        self.set_selected(self.selected)
        self.update()

    def set_selected(self, row: int) -> None:
        self.selected = row
        if self.index is not None and row >= 0:
            self._selected_placements = self.index.placements_of(row)
        else:
            self._selected_placements = np.zeros(0, dtype=np.int64)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(self._bounds)

    def viewRangeChanged(self) -> None:  # noqa: N802 - pyqtgraph hook
        self.update()

    # -- painting ------------------------------------------------------------------------------------------
    def _visible_lanes(self, vr: QRectF) -> range:
        assert self.index is not None
        top, bottom = sorted((vr.top(), vr.bottom()))
        return range(max(0, int(math.floor(top - 0.5))), min(self.index.n_lanes, int(math.ceil(bottom + 0.5)) + 1))

    def paint(self, p: QPainter, *args) -> None:
        if self.index is None or not len(self.index):
            return
        vr = self.viewRect()
        if vr is None:
            return
        x0, x1 = vr.left(), vr.right()
        lanes = self._visible_lanes(vr)
        if not len(lanes):
            return
        tr = p.transform()
        sx, dx, sy, dy = tr.m11(), tr.dx(), tr.m22(), tr.dy()
        ranges = [self.index.visible(lane, x0, x1) for lane in lanes]
        total = sum(b - a for a, b in ranges)
        if total > DENSITY_THRESHOLD:
            self.last_mode = "density"
            self._paint_density(p, lanes, x0, x1, abs((x1 - x0) * sx))
        else:
            self.last_mode = "items"
            idx = np.concatenate([np.arange(a, b) for a, b in ranges]) if total else np.zeros(0, dtype=np.int64)
            p.save()
            p.resetTransform()
            self._paint_items(p, idx, sx, dx, sy, dy)
            p.restore()

    def _paint_density(self, p: QPainter, lanes: range, x0: float, x1: float, width_px: float) -> None:
        assert self.index is not None
        counts, start, width = self.index.density(lanes.start, lanes.stop, x0, x1, max(int(width_px / 2), 1))
        if counts.size == 0:
            return
        rows_per_lane = 6
        scale = np.log1p(counts.astype(np.float32))
        top = float(scale.max()) or 1.0
        alpha = (40 + 215 * scale / top).astype(np.uint8)
        alpha[counts == 0] = 0
        img = np.zeros((counts.shape[0] * rows_per_lane, counts.shape[1], 4), dtype=np.uint8)
        img[..., 0], img[..., 1], img[..., 2] = 30, 70, 150
        for k in range(1, rows_per_lane - 1):  # leave a transparent row above and below each lane
            img[k::rows_per_lane, :, 3] = alpha
        self._image = np.ascontiguousarray(img)
        h, w = self._image.shape[:2]
        qimg = QImage(self._image.data, w, h, 4 * w, QImage.Format_RGBA8888)
        target = QRectF(start, lanes.start - 0.5, counts.shape[1] * width, counts.shape[0])
        p.drawImage(target, qimg)

    def _paint_items(self, p: QPainter, idx: np.ndarray, sx: float, dx: float, sy: float, dy: float) -> None:
        assert self.index is not None and self.cols is not None
        li, cols = self.index, self.cols
        if len(idx):
            ev = li.event[idx]
            X0 = li.t0[idx] * sx + dx
            X1 = li.t1[idx] * sx + dx
            Y = li.lane[idx] * sy + dy
            types = cols.type_code[ev]
            status = cols.status_code[ev]
            is_bar = (cols.precision_code[ev] != _DAY) & (np.abs(X1 - X0) >= 6)
            # connectors for events shown in several lanes
            order = np.argsort(ev, kind="stable")
            ev_s, y_s = ev[order], Y[order]
            starts = np.nonzero(np.r_[True, ev_s[1:] != ev_s[:-1]])[0]
            ymin = np.minimum.reduceat(y_s, starts)
            ymax = np.maximum.reduceat(y_s, starts)
            multi = ymax > ymin
            if multi.any():
                xs = (np.minimum(X0, X1)[order][starts] + np.where(is_bar[order][starts], 0,
                                                                     np.abs(X1 - X0)[order][starts] / 2))[multi]
                p.setPen(QPen(QColor(120, 120, 120, 150), 1, Qt.DashLine))
                p.drawLines([QLineF(x, a, x, b) for x, a, b in zip(xs, ymin[multi], ymax[multi])])
            # bars
            for t in np.unique(types[is_bar]):
                for s in np.unique(status[is_bar & (types == t)]):
                    sel = is_bar & (types == t) & (status == s)
                    rects = [QRectF(a, y - BAR_H / 2, b - a, BAR_H) for a, b, y in
                             zip(np.minimum(X0[sel], X1[sel]), np.maximum(X0[sel], X1[sel]), Y[sel])]
                    p.setPen(self._pens[int(t)])
                    p.setBrush(self._brushes[(int(t), int(s))])
                    p.drawRects(rects)
            # marks, aggregated where they collide
            mk = ~is_bar
            if mk.any():
                cx = ((X0 + X1) / 2)[mk]
                key = li.lane[idx][mk].astype(np.int64) * 10_000_000 + np.floor(cx / COLLIDE_PX).astype(np.int64)
                _, first, counts = np.unique(key, return_index=True, return_counts=True)
                cx, cy = cx[first], Y[mk][first]
                mt, ms = types[mk][first], status[mk][first]
                for t in np.unique(mt):
                    for s in np.unique(ms[mt == t]):
                        sel = (mt == t) & (ms == s)
                        p.setPen(self._pens[int(t)])
                        p.setBrush(self._brushes[(int(t), int(s))])
                        p.drawRects([QRectF(x - MARK / 2, y - MARK / 2, MARK, MARK) for x, y in zip(cx[sel], cy[sel])])
                many = np.nonzero(counts > 1)[0][:400]
                if len(many):
                    p.setFont(self._count_font)
                    p.setPen(QColor(20, 20, 20))
                    for i in many:
                        p.drawText(QPointF(cx[i] + MARK / 2 + 1, cy[i] - 2), str(int(counts[i])))
        # the selected event, wherever it is
        if len(self._selected_placements):
            sp = self._selected_placements
            X0 = li.t0[sp] * sx + dx
            X1 = li.t1[sp] * sx + dx
            Y = li.lane[sp] * sy + dy
            p.setPen(QPen(QColor(0, 0, 0), 2.2))
            p.setBrush(Qt.NoBrush)
            for a, b, y in zip(X0, X1, Y):
                lo, hi = min(a, b), max(a, b)
                if hi - lo < MARK + 4:
                    c = (lo + hi) / 2
                    lo, hi = c - MARK / 2 - 3, c + MARK / 2 + 3
                p.drawRect(QRectF(lo - 2, y - MARK / 2 - 3, hi - lo + 4, MARK + 6))

    # -- mouse ---------------------------------------------------------------------------------------------
    def event_at(self, pos: QPointF, tolerance_px: float = 8.0) -> int:
        """The event row under a point (item coordinates), or -1."""
        if self.index is None or not len(self.index):
            return -1
        lane = int(round(pos.y()))
        if not 0 <= lane < self.index.n_lanes:
            return -1
        px = self.pixelWidth() or 1.0
        tol = tolerance_px * px
        a, b = self.index.visible(lane, pos.x() - tol, pos.x() + tol)
        if b <= a:
            return -1
        t0, t1 = self.index.t0[a:b], self.index.t1[a:b]
        inside = (t0 - tol <= pos.x()) & (pos.x() <= t1 + tol)
        if not inside.any():
            return -1
        centre = (t0 + t1) / 2
        cand = np.nonzero(inside)[0]
        j = cand[np.argmin(np.abs(centre[cand] - pos.x()))]
        return int(self.index.event[a + j])

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 - pyqtgraph hook
        if ev.button() != Qt.LeftButton:
            return
        row = self.event_at(ev.pos())
        if row >= 0:
            ev.accept()
            (self.sigDoubleClicked if ev.double() else self.sigClicked).emit(row)

    def mouseDoubleClickEvent(self, ev) -> None:  # noqa: N802
        row = self.event_at(ev.pos())
        if row >= 0:
            ev.accept()
            self.sigDoubleClicked.emit(row)

    def hoverEvent(self, ev) -> None:  # noqa: N802 - pyqtgraph hook
        if ev.isExit():
            self.sigHovered.emit(-1)
            return
        self.sigHovered.emit(self.event_at(ev.pos()))
