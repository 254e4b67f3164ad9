"""TitlesItem: short titles beside the timeline's marks when the view is zoomed in far enough, and a ✓ on the
events the user confirmed in review (issue 22).

One pyqtgraph item over the event item's lane index: only the visible placements are looked at (the same
``searchsorted`` culling as the marks); when more than ``MAX_TITLED`` are in view (or lanes are too thin for a
line of text) no title is drawn. Titles are placed greedily, left to right in each lane: a title starts just after
its mark (or bar), is elided to the room before the next mark of its lane, and is left out when less than
``MIN_TITLE_PX`` remains, so titles never overlap each other nor cover a mark (a bar wide enough in view carries
its title inside, from its visible start, when there is no room after it); the rest show on hover. The text of
a title (the event's summary) is fetched once per event for the rows actually placed, rendered once into a title
atlas, and every title of a frame is drawn in one ``drawPixmapFragments`` call. The bounding rect is the event
item's, widened by the longest title at the current scale."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap

from ..core.model import PRECISIONS
from .lanes_item import MARK, EventLanesItem

MAX_TITLED = 1500  # visible placements above which no title is drawn (zoomed out: the marks speak)
MAX_CHECKS = 6000  # visible placements above which no ✓ is drawn (the lanes are drawn as densities then)
MIN_LANE_PX = 14.0  # lanes thinner than this have no room for a line of text
MAX_TITLE_PX = 260.0
MIN_TITLE_PX = 36.0
GAP_PX = 4.0
_DAY = PRECISIONS.index("day")


class _TitleAtlas:
    """Titles rendered once into one pixmap, packed in rows (shelves), so a frame draws them all in one
    ``drawPixmapFragments`` call; when full, or when the scale or colour changes, it starts again."""

    W, H = 2048, 1024

    def __init__(self) -> None:
        self.pixmap = QPixmap()
        self.where: dict[tuple[int, int], tuple[QRectF, float]] = {}
        self._dpr, self._colour = 0.0, ""
        self._x = self._y = 0
        self._row_h = 0

    def clear(self) -> None:
        self.where.clear()
        self._x = self._y = 0
        if not self.pixmap.isNull():
            self.pixmap.fill(Qt.GlobalColor.transparent)

    def prepare(self, dpr: float, colour: str) -> None:
        if self.pixmap.isNull() or dpr != self._dpr or colour != self._colour:
            self.pixmap = QPixmap(self.W, self.H)
            self._dpr, self._colour = dpr, colour
            self.clear()

    def get(self, key: tuple[int, int]) -> tuple[QRectF, float] | None:
        return self.where.get(key)

    def add(self, key: tuple[int, int], text: str, font: QFont, metrics: QFontMetricsF, colour: QColor,
            dpr: float) -> tuple[QRectF, float] | None:
        w_px = metrics.horizontalAdvance(text) + 1
        w, h = math.ceil(w_px * dpr) + 2, math.ceil(metrics.height() * dpr) + 2
        if w > self.W:
            return None
        if self._x + w > self.W:  # next shelf
            self._x, self._y = 0, self._y + h
        if self._y + h > self.H:  # full: start again (the titles of this frame are drawn again on demand)
            self.clear()
        p = QPainter(self.pixmap)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.scale(dpr, dpr)
        p.setFont(font)
        p.setPen(colour)
        p.drawText(QRectF((self._x + 1) / dpr, (self._y + 1) / dpr, w_px + 1, metrics.height()),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        p.end()
        src = QRectF(self._x, self._y, w, h)
        self._x += w
        self.where[key] = (src, w / dpr)
        return self.where[key]


class TitlesItem(pg.GraphicsObject):
    """Titles and review checks over an :class:`EventLanesItem` (drawn above it, sharing its index)."""

    def __init__(self, marks: EventLanesItem, fetch: Callable[[list[int]], dict[int, str]] | None = None):
        super().__init__()
        self.marks = marks
        self.fetch = fetch
        self.enabled = True
        self.confirmed = np.zeros(0, dtype=bool)
        self.placed: list[tuple[int, QRectF]] = []  # (event row, device rect) of the titles of the last paint
        self.last_count = 0  # visible placements at the last paint
        self._titles: dict[int, str] = {}
        self._atlas = _TitleAtlas()
        self._font = QFont()
        self._font.setPointSizeF(8.0)
        self._metrics = QFontMetricsF(self._font)
        self._check_px: tuple[QPixmap, float, str] | None = None
        self._fragments = pg.Qt.internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        self._px = 0.0
        self.setZValue(marks.zValue() + 1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks and hovers go to the marks below

    # -- data --------------------------------------------------------------------------------------------
    def set_fetch(self, fetch: Callable[[list[int]], dict[int, str]] | None) -> None:
        """Where titles come from (event rows → summaries); forgets the titles known so far."""
        self.fetch = fetch
        self.forget()

    def forget(self) -> None:
        """The events changed (a reload): titles are fetched again when next drawn."""
        self._titles.clear()
        self._atlas.clear()
        self.refresh_bounds()

    def set_confirmed(self, rows: Iterable[int], n: int) -> None:
        """The event rows the user confirmed in review (drawn with ✓)."""
        m = np.zeros(n, dtype=bool)
        r = np.fromiter((int(x) for x in rows), dtype=np.int64)
        m[r[(r >= 0) & (r < n)]] = True
        self.confirmed = m
        self.update()

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.update()

    # -- geometry ----------------------------------------------------------------------------------------
    def refresh_bounds(self) -> None:
        self.prepareGeometryChange()
        self._px = float(self.pixelWidth() or 0.0)
        self.update()

    def boundingRect(self) -> QRectF:
        r = QRectF(self.marks.boundingRect())
        if self.enabled and self._px > 0:  # titles run right of the last mark by at most MAX_TITLE_PX
            r.setRight(r.right() + (MAX_TITLE_PX + MARK) * self._px)
        return r

    def viewRangeChanged(self) -> None:
        self.refresh_bounds()

    # -- painting ----------------------------------------------------------------------------------------
    def _title(self, row: int, width_px: float, dpr: float) -> tuple[QRectF, float] | None:
        """Where the title of an event, elided to ``width_px`` (widths in steps of 8 px share one), is in the atlas,
        and its width in pixels."""
        bucket = int(width_px // 8)
        key = (row, bucket)
        got = self._atlas.get(key)
        if got is None:
            text = self._titles.get(row, "")
            if not text:
                return None
            shown = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, bucket * 8.0)
            if not shown or shown == "…":
                return None
            got = self._atlas.add(key, shown, self._font, self._metrics, QColor(self.marks.theme.text), dpr)
        return got

    def paint(self, p: QPainter, *args) -> None:
        self.placed = []
        li, cols = self.marks.index, self.marks.cols
        if li is None or cols is None or not len(li):
            return
        vr = self.viewRect()
        if vr is None:
            return
        x0, x1 = vr.left(), vr.right()
        top, bottom = sorted((vr.top(), vr.bottom()))
        lanes = range(max(0, math.floor(top - 0.5)), min(li.n_lanes, math.ceil(bottom + 0.5) + 1))
        if not len(lanes):
            return
        self.last_count = li.starting_in(lanes, x0, x1)  # at least this many: too many, known without the bands
        if self.last_count > MAX_CHECKS:
            return
        sa, sb = li.short.bounds(lanes, x0, x1)
        la, lb = li.long.bounds(lanes, x0, x1)
        self.last_count = int((sb - sa).sum() + (lb - la).sum())
        if self.last_count > MAX_CHECKS:
            return
        short = li.short.gather(sa, sb, x0)
        long_ = li.long.gather(la, lb, x0)
        tr = p.transform()
        sx, dx, sy, dy = tr.m11(), tr.dx(), tr.m22(), tr.dy()
        S, L = li.short, li.long
        ev = np.concatenate([S.event[short], L.event[long_]])
        if not len(ev):
            return
        a = np.concatenate([S.t0[short], L.t0[long_]]) * sx + dx
        b = np.concatenate([S.t1[short], L.t1[long_]]) * sx + dx
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        bar = (cols.precision_code[ev] != _DAY) & (hi - lo >= 6)
        centre = (lo + hi) / 2
        left = np.where(bar, lo, centre - MARK / 2)  # where the mark (or bar) starts and ends, in pixels
        right = np.where(bar, hi, centre + MARK / 2)
        lane = np.concatenate([S.lane[short], L.lane[long_]])
        y = lane * sy + dy + self.marks.y_offset(ev, lane)  # in its sub-row when a tall lane spreads its events
        p.save()
        p.resetTransform()
        p.setFont(self._font)
        p.setPen(QColor(self.marks.theme.text))
        if len(self.confirmed) == cols.n:
            ok = self.confirmed[ev]
            if ok.any():
                self._draw_checks(p, left[ok] - 2, y[ok] - MARK / 2 - 2)  # top left: a count sits top right
        lane_px = abs(sy)
        if self.enabled and self.last_count <= MAX_TITLED and lane_px >= MIN_LANE_PX:
            xs = sorted((float(vr.left() * sx + dx), float(vr.right() * sx + dx)))
            self._paint_titles(p, ev, left, right, lane, y, xs[0], xs[1])
        p.restore()

    def _check_pixmap(self, dpr: float) -> QPixmap:
        """The ✓ drawn once in the theme's text colour (then placed many times in one call)."""
        colour = str(self.marks.theme.text)
        if self._check_px is None or self._check_px[1] != dpr or self._check_px[2] != colour:
            size = math.ceil(12 * dpr)
            pm = QPixmap(size, size)
            pm.fill(Qt.GlobalColor.transparent)
            q = QPainter(pm)
            q.setRenderHint(QPainter.RenderHint.Antialiasing)
            font = QFont(self._font)
            font.setBold(True)
            font.setPixelSize(max(1, round(11 * dpr)))
            q.setFont(font)
            q.setPen(QColor(colour))
            q.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter, "✓")
            q.end()
            self._check_px = (pm, dpr, colour)
        return self._check_px[0]

    def _draw_checks(self, p: QPainter, cx: np.ndarray, cy: np.ndarray) -> None:
        """Every ✓ in one drawPixmapFragments call."""
        dev = p.device()
        dpr = float(dev.devicePixelRatioF()) if dev is not None else 1.0
        pm = self._check_pixmap(dpr)
        self._fragments.resize(len(cx))
        frags = self._fragments.ndarray()
        frags[:, 0] = cx
        frags[:, 1] = cy
        frags[:, 2:4] = 0
        frags[:, 4] = pm.width()
        frags[:, 5] = pm.height()
        frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        p.drawPixmapFragments(*self._fragments.drawargs(), pm)  # type: ignore[call-arg]

    def _paint_titles(self, p: QPainter, ev: np.ndarray, left: np.ndarray, right: np.ndarray, lane: np.ndarray,
                      y: np.ndarray, view_left: float, view_right: float) -> None:
        """Greedy placement, lane by lane, left to right: each title in the room before its lane's next mark."""
        order = np.lexsort((left, lane))
        ev, left, right, lane, y = ev[order], left[order], right[order], lane[order], y[order]
        n = len(ev)
        nxt = np.empty(n)  # where the next mark of the same lane starts (or the view's right edge)
        nxt[:-1] = np.where(lane[1:] == lane[:-1], left[1:], view_right)
        nxt[-1:] = view_right
        # a title starts after its mark (or bar); a bar that leaves no room after it in view (it runs to the edge or
        # into the next mark) carries its title inside, from its visible start, when wide enough
        after_room = np.minimum(nxt, view_right) - (right + 2 * GAP_PX)
        inside = (after_room < MIN_TITLE_PX) & ((right - np.maximum(left, view_left)) >= MIN_TITLE_PX + 2 * GAP_PX)
        start = np.where(inside, np.maximum(left, view_left) + GAP_PX, right + GAP_PX)
        end = np.where(inside, np.minimum(right, nxt) - GAP_PX, np.minimum(nxt - GAP_PX, start + MAX_TITLE_PX))
        room = np.minimum(end, start + MAX_TITLE_PX) - start
        cand = np.nonzero(room >= MIN_TITLE_PX)[0]
        if not len(cand):
            return
        missing = [int(ev[i]) for i in cand if int(ev[i]) not in self._titles]
        if missing and self.fetch is not None:
            fetched = self.fetch(missing)
            self._titles.update({r: " ".join(t.split()) for r, t in fetched.items()})
        h = self._metrics.height()
        dev = p.device()
        dpr = float(dev.devicePixelRatioF()) if dev is not None else 1.0
        self._atlas.prepare(dpr, str(self.marks.theme.text))
        line_end: dict[int, float] = {}
        frags: list[tuple[float, float, QRectF]] = []
        plates: list[QRectF] = []  # behind titles inside bars: the bar's colour may be as dark as the text
        for i in cand:
            ln, x = int(lane[i]), float(start[i])
            if x < line_end.get(ln, -1e18):  # would run into the previous title of its lane
                continue
            got = self._title(int(ev[i]), float(room[i]), dpr)
            if got is None:
                continue
            src, w = got
            rect = QRectF(x, float(y[i]) - h / 2, w, h)
            frags.append((x + w / 2, float(y[i]), src))
            if inside[i]:
                plates.append(rect.adjusted(-2, 1, 2, -1))
            line_end[ln] = x + w + GAP_PX
            self.placed.append((int(ev[i]), rect))
        if plates:
            bg = QColor(self.marks.theme.background)
            bg.setAlpha(225)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bg)
            p.drawRects(plates)
        if frags:  # every title in one call, from the atlas
            self._fragments.resize(len(frags))
            a = self._fragments.ndarray()
            a[:, 0] = [f[0] for f in frags]
            a[:, 1] = [f[1] for f in frags]
            a[:, 2] = [f[2].x() for f in frags]
            a[:, 3] = [f[2].y() for f in frags]
            a[:, 4] = [f[2].width() for f in frags]
            a[:, 5] = [f[2].height() for f in frags]
            a[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
            p.drawPixmapFragments(*self._fragments.drawargs(), self._atlas.pixmap)  # type: ignore[call-arg]
