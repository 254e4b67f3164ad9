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
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPixmap, QStaticText

from ..core.index import EventColumns, LaneIndex
from ..core.model import EVENT_TYPES, STATUSES
from ..core.palette import TYPE_COLOURS
from .density_paint import paint_density
from .lanes_layout import (
    _MARK_CODES,
    BAND_H,
    BAR_H,
    COLLIDE_PX,
    DENSITY_THRESHOLD,
    LONG_CANDIDATES,
    MARK,
    MAX_BARS_PER_LANE,
    ROW_PX,
    STACK_LIMIT,
    STACK_ROWS,  # noqa: F401  (importable from here, as before)
    TITLE_ROOM,
    _pack_rows,
    _stack_offsets,
)
from .marks import draw_mark, mark_brush
from .theme import LIGHT, Theme

__all__ = ["TYPE_COLOURS", "EventLanesItem"]


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
        #: the marks of the last paint: centres (device pixels), event rows, and the transform they were drawn with
        self._drawn: tuple[np.ndarray, np.ndarray, np.ndarray, tuple[float, float, float, float]] | None = None
        #: sub-row offsets of the last paint's placements in tall lanes: sorted keys (event * 1e6 + lane), pixels
        self._offsets: tuple[np.ndarray, np.ndarray] | None = None
        self.setAcceptHoverEvents(True)
        self._count_font = QFont()
        self._count_font.setPointSizeF(7.5)
        self._texts: dict[str, QStaticText] = {}
        self._fragments = pg.Qt.internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        self._atlas: QPixmap | None = None
        self._atlas_dpr = 0.0
        self.apply_theme(LIGHT)

    def apply_theme(self, theme: Theme) -> None:
        """Colours for marks, bars, bands, counts and the selection."""
        self.theme = theme
        self._brushes = {(t, s): self._brush(t, s) for t in range(len(EVENT_TYPES)) for s in range(len(STATUSES))}
        # cosmetic (width 0) pens take the raster engine's fast path; width-1 pens go through the stroker
        self._pens = {t: QPen(QColor(*theme.outline_colour(name)), 0) for t, name in enumerate(EVENT_TYPES)}
        self._atlas = None
        self._texts.clear()
        self.update()

    def _sprites(self, dpr: float) -> QPixmap:
        """One pre-drawn mark per (type, status): its shape in its family's colour, filled by status."""
        if self._atlas is not None and self._atlas_dpr == dpr:
            return self._atlas
        size = math.ceil((MARK + 4) * dpr)
        n = len(EVENT_TYPES) * len(STATUSES)
        pm = QPixmap(size * n, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for t, name in enumerate(EVENT_TYPES):
            for st in range(len(STATUSES)):
                k = t * len(STATUSES) + st
                c = size / 2
                draw_mark(p, self.theme, name, st, k * size + c, c, MARK / 2 * dpr, dpr)
        p.end()
        self._atlas, self._atlas_dpr, self._sprite_px = pm, dpr, size
        return pm

    def _static(self, text: str) -> QStaticText:
        st = self._texts.get(text)
        if st is None:
            st = self._texts[text] = QStaticText(text)
            st.prepare(font=self._count_font)
        return st

    def _brush(self, t: int, s: int) -> QBrush:
        return mark_brush(self.theme, EVENT_TYPES[t], s)

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

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def viewRangeChanged(self) -> None:
        self.update()

    # -- painting ------------------------------------------------------------------------------------------
    def _visible_lanes(self, vr: QRectF) -> range:
        assert self.index is not None
        top, bottom = sorted((vr.top(), vr.bottom()))
        return range(max(0, math.floor(top - 0.5)), min(self.index.n_lanes, math.ceil(bottom + 0.5) + 1))

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
        self._drawn = None
        self._offsets = None
        li = self.index
        # more placements starting in view than both limits together: one of them is passed for sure (the bands'
        # candidates include these), so the density is drawn without culling (or building) the bands
        dense = li.starting_in(lanes, x0, x1) > DENSITY_THRESHOLD + LONG_CANDIDATES
        if not dense:
            sa, sb = li.short.bounds(lanes, x0, x1)
            la, lb = li.long.bounds(lanes, x0, x1)
            dense = int((sb - sa).sum()) > DENSITY_THRESHOLD or int((lb - la).sum()) > LONG_CANDIDATES
        if not dense:
            short = li.short.gather(sa, sb, x0)
            long_ = li.long.gather(la, lb, x0)
            dense = len(short) > DENSITY_THRESHOLD
        if dense:
            self.last_mode = "density"
            self._paint_density(p, lanes, x0, x1, abs((x1 - x0) * sx))
        p.save()
        p.resetTransform()
        if not dense:
            self.last_mode = "items"
            self._paint_items(p, short, long_, lanes, x0, x1, sx, dx, sy, dy)
        self._paint_selection(p, sx, dx, sy, dy)
        p.restore()

    def _paint_density(self, p: QPainter, lanes: range, x0: float, x1: float, width_px: float) -> None:
        assert self.index is not None
        counts, start, width = self.index.density(lanes.start, lanes.stop, x0, x1, max(int(width_px / 2), 1))
        if counts.size == 0:
            return
        rgb = (120, 170, 255) if self.theme.dark else (30, 70, 150)
        self._image = paint_density(p, counts, start, width, lanes.start, rgb)

    def _group_draw(self, p: QPainter, types: np.ndarray, status: np.ndarray, rects_of) -> None:
        """One drawRects per (type, status) group."""
        key = types.astype(np.int32) * 8 + status
        for k in np.unique(key):
            sel = key == k
            t, st = int(k) // 8, int(k) % 8
            p.setPen(self._pens[t])
            p.setBrush(self._brushes[(t, st)])
            p.drawRects(rects_of(sel))

    def _paint_items(self, p: QPainter, short: np.ndarray, long_: np.ndarray, lanes: range, x0: float, x1: float,
                     sx: float, dx: float, sy: float, dy: float) -> None:
        assert self.index is not None and self.cols is not None
        li, cols = self.index, self.cols
        S, L = li.short, li.long
        # long events: when the view holds many, lanes with too many overlapping bars get one band with a count
        l_lane = L.lane[long_]
        per_lane = np.bincount(l_lane - lanes.start, minlength=len(lanes)) if len(long_) else np.zeros(len(lanes), int)
        crowded = (per_lane > MAX_BARS_PER_LANE) & (len(long_) > STACK_LIMIT)
        if crowded.any():
            keep = ~crowded[l_lane - lanes.start]
            band_lanes = np.nonzero(crowded)[0] + lanes.start
            rel = l_lane - lanes.start
            lo = np.full(len(lanes), np.inf)
            hi = np.full(len(lanes), -np.inf)
            np.minimum.at(lo, rel, L.t0[long_])
            np.maximum.at(hi, rel, L.t1[long_])
            bx0 = np.maximum(lo[band_lanes - lanes.start], x0) * sx + dx
            bx1 = np.minimum(hi[band_lanes - lanes.start], x1) * sx + dx
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(QColor(self.theme.band)))  # opaque: much cheaper to fill than a blended band
            p.drawRects([QRectF(a, ln * sy + dy - BAND_H / 2, b - a, BAND_H)
                         for a, b, ln in zip(bx0, bx1, band_lanes, strict=False)])
            p.setFont(self._count_font)
            p.setPen(QColor(self.theme.text))
            for a, ln, c in zip(bx0, band_lanes, per_lane[crowded], strict=False):
                p.drawStaticText(QPointF(a + 4, ln * sy + dy - BAND_H / 2), self._static(f"{int(c)} overlapping"))
            long_ = long_[keep]
        ev = np.concatenate([S.event[short], L.event[long_]])
        X0 = np.concatenate([S.t0[short], L.t0[long_]]) * sx + dx
        X1 = np.concatenate([S.t1[short], L.t1[long_]]) * sx + dx
        lane = np.concatenate([S.lane[short], L.lane[long_]])
        Y = lane * sy + dy
        self._offsets = None
        if len(ev):
            types = cols.type_code[ev]
            status = cols.status_code[ev]
            is_bar = ~np.isin(cols.precision_code[ev], _MARK_CODES) & (np.abs(X1 - X0) >= 6)  # a day: a mark
            # a tall lane (few lanes shown) lays its events out over sub-rows, each with room for its title, instead
            # of squeezing them into the lane's middle strip
            room = int(abs(sy) * 0.85 // ROW_PX)
            packed = room >= 2 and len(ev) <= STACK_LIMIT * 4
            if packed:
                centre = (X0 + X1) / 2
                left = np.where(is_bar, np.minimum(X0, X1), centre - MARK / 2)
                right = np.where(is_bar, np.maximum(X0, X1), centre + MARK / 2) + TITLE_ROOM
                offset = _pack_rows(lane, left, right, room)
                Y = Y + offset
                key = ev.astype(np.int64) * 1_000_000 + lane
                order = np.argsort(key)
                self._offsets = (key[order], offset[order])
            # connectors for events shown in several lanes
            order = np.argsort(ev, kind="stable")
            ev_s, y_s = ev[order], Y[order]
            starts = np.nonzero(np.r_[True, ev_s[1:] != ev_s[:-1]])[0]
            ymin = np.minimum.reduceat(y_s, starts)
            ymax = np.maximum.reduceat(y_s, starts)
            multi = ymax > ymin
            if multi.any():
                xs = (np.minimum(X0, X1)[order][starts])[multi] + np.where(
                    is_bar[order][starts], 0, np.abs(X1 - X0)[order][starts] / 2)[multi]
                p.setPen(QPen(QColor(self.theme.connector), 1))  # solid: dashed lines cost milliseconds
                p.drawLines([QLineF(x, a, x, b) for x, a, b in zip(xs, ymin[multi], ymax[multi], strict=False)])
            if is_bar.any():
                bx0, bx1, by = np.minimum(X0, X1)[is_bar], np.maximum(X0, X1)[is_bar], Y[is_bar]
                if is_bar.sum() <= STACK_LIMIT and not packed:
                    by = by + _stack_offsets(lane[is_bar], bx0, bx1)
                self._group_draw(p, types[is_bar], status[is_bar], lambda sel: [
                    QRectF(a, y - BAR_H / 2, b - a, BAR_H)
                    for a, b, y in zip(bx0[sel], bx1[sel], by[sel], strict=False)])
            mk = ~is_bar
            if mk.any():
                # marks, aggregated where they collide (in a sub-row of their lane)
                cx = ((X0 + X1) / 2)[mk]
                ym = np.round(Y[mk]).astype(np.int64)
                key = ym * 10_000_000 + np.floor(cx / COLLIDE_PX).astype(np.int64)
                _, first, counts = np.unique(key, return_index=True, return_counts=True)
                cx, cy = cx[first], Y[mk][first]
                self._drawn = (cx, cy, ev[mk][first], (sx, dx, sy, dy))
                self._draw_marks(p, cx, cy, types[mk][first], status[mk][first])
                many = np.nonzero(counts > 1)[0][:400]
                if len(many):
                    p.setFont(self._count_font)
                    p.setPen(QColor(self.theme.text))
                    for i in many:
                        p.drawStaticText(QPointF(cx[i] + MARK / 2 + 1, cy[i] - MARK), self._static(str(int(counts[i]))))

    def _draw_marks(self, p: QPainter, cx: np.ndarray, cy: np.ndarray, types: np.ndarray, status: np.ndarray) -> None:
        """Every mark in one drawPixmapFragments call from the sprite atlas (shape and colour per type)."""
        dev = p.device()
        dpr = float(dev.devicePixelRatioF()) if dev is not None else 1.0
        atlas = self._sprites(dpr)
        size = self._sprite_px
        n = len(cx)
        self._fragments.resize(n)
        frags = self._fragments.ndarray()
        frags[:, 0] = cx
        frags[:, 1] = cy
        frags[:, 2] = (types.astype(np.int64) * len(STATUSES) + status) * size
        frags[:, 3] = 0
        frags[:, 4] = size
        frags[:, 5] = size
        frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        # pyqtgraph hands over (array, count); PySide6's stubs know only the list overload
        p.drawPixmapFragments(*self._fragments.drawargs(), atlas)  # type: ignore[call-arg]

    def _paint_selection(self, p: QPainter, sx: float, dx: float, sy: float, dy: float) -> None:
        """The selected event, wherever it is and whatever the mode."""
        li = self.index
        assert li is not None
        if len(self._selected_placements):
            sp = self._selected_placements
            X0 = li.t0[sp] * sx + dx
            X1 = li.t1[sp] * sx + dx
            Y = li.lane[sp] * sy + dy
            Y = Y + self.y_offset(li.event[sp], li.lane[sp])  # framed in its sub-row of a tall lane
            p.setPen(QPen(QColor(self.theme.selection), 2.2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for a, b, y in zip(X0, X1, Y, strict=False):
                lo, hi = min(a, b), max(a, b)
                if hi - lo < MARK + 4:
                    c = (lo + hi) / 2
                    lo, hi = c - MARK / 2 - 3, c + MARK / 2 + 3
                p.drawRect(QRectF(lo - 2, y - MARK / 2 - 3, hi - lo + 4, MARK + 6))

    def y_offset(self, events: np.ndarray, lanes: np.ndarray) -> np.ndarray:
        """How far (device pixels) the last paint moved each (event row, lane) placement off its lane's middle
        (tall lanes lay their events out over sub-rows; 0 elsewhere). Items drawn over the marks (titles) use it."""
        out = np.zeros(len(events))
        if self._offsets is None or not len(events):
            return out
        keys, offs = self._offsets
        want = np.asarray(events, dtype=np.int64) * 1_000_000 + np.asarray(lanes, dtype=np.int64)
        at = np.clip(np.searchsorted(keys, want), 0, max(len(keys) - 1, 0))
        hit = keys[at] == want if len(keys) else np.zeros(len(want), dtype=bool)
        out[hit] = offs[at[hit]]
        return out

    # -- mouse ---------------------------------------------------------------------------------------------
    def event_at(self, pos: QPointF, tolerance_px: float = 8.0) -> int:
        """The event row under a point (item coordinates), or -1. A mark drawn off its lane's middle row (marks
        spread in a tall lane) is found where it was drawn."""
        if self.index is None or not len(self.index):
            return -1
        if self._drawn is not None and len(self._drawn[0]):
            cx, cy, rows, (sx, dx, sy, dy) = self._drawn
            px, py = pos.x() * sx + dx, pos.y() * sy + dy
            d = np.maximum(np.abs(cx - px), np.abs(cy - py))
            k = int(np.argmin(d))
            if d[k] <= MARK / 2 + 2:
                return int(rows[k])
        lane = round(pos.y())
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

    def mouseClickEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        row = self.event_at(ev.pos())
        if row >= 0:
            ev.accept()
            (self.sigDoubleClicked if ev.double() else self.sigClicked).emit(row)

    def mouseDoubleClickEvent(self, ev) -> None:
        row = self.event_at(ev.pos())
        if row >= 0:
            ev.accept()
            self.sigDoubleClicked.emit(row)

    def hoverEvent(self, ev) -> None:
        if ev.isExit():
            self.sigHovered.emit(-1)
            return
        self.sigHovered.emit(self.event_at(ev.pos()))
