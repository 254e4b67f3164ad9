"""The one drawing of exported pictures: File ▸ Export image (PNG, SVG, PDF), the chart of the HTML/PDF report
(from the viewer and from ``timeline-app report``) and ``timeline-app image`` all paint a
:class:`~timeline_app.core.formats.picture.PictureData` with :func:`paint_picture`.

Everything is drawn with plain QPainter calls in one coordinate system (pixels of the picture), never by
rendering the on-screen widget: the plot area is the theme's (light) background on every device, marks are their
real shapes (polygons, not sprites or boxes), the date axis is placed by the same function as the marks (so SVG and
PDF labels line up with the marks), and fonts have pixel sizes (the same layout at any device resolution)."""

from __future__ import annotations

import errno
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QLineF, QMarginsF, QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageWriter,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from ..core.formats.picture import PictureData
from ..core.model import EVENT_TYPE_SHORT, EVENT_TYPES, FAMILIES, PRECISIONS
from ..core.outputs import atomic_path
from .date_axis import plan_ticks
from .lanes_item import BAR_H, COLLIDE_PX, DENSITY_THRESHOLD, MARK, STACK_LIMIT, _stack_offsets
from .marks import draw_mark, mark_brush, mark_pen
from .theme import LIGHT, Theme

FORMATS = (".png", ".svg", ".pdf")
MARGIN = 12.0
AXIS_H = 30.0  # the date axis under the lanes: tick, gap, label
_DAY = PRECISIONS.index("day")
STATUS_KEY = "mark = a day, bar = longer · hollow = planned, faded = ongoing · a number = marks at one spot"


def _font(px: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    return f


@dataclass
class Layout:
    """Where the parts of a picture go (pixels)."""

    width: float
    legend_top: float
    legend_bottom: float
    plot: QRectF  # the lanes
    label_w: float  # the lane labels' column (left of ``plot``)
    height: float


class PicturePainter:
    """Lays out and paints one :class:`PictureData` ``width`` pixels wide."""

    def __init__(self, data: PictureData, width: int, theme: Theme = LIGHT) -> None:
        self.d, self.theme = data, theme
        self.title_font, self.text_font = _font(18, True), _font(12)
        self.bold_font, self.small_font = _font(12, True), _font(10)
        fm = QFontMetricsF(self.text_font)
        lanes = data.lanes
        widest = max((fm.horizontalAdvance(data.labels[i]) for i in lanes), default=40.0)
        label_w = min(max(widest + 16, 60.0), width * 0.3)
        right = 34.0  # half of a year or month label beyond the last tick stays inside the picture
        legend_top = 58.0
        legend_bottom = self._legend(None, legend_top, width)
        plot_top = legend_bottom + 16
        plot = QRectF(MARGIN + label_w, plot_top, max(width - MARGIN - label_w - right, 50.0),
                      max(len(lanes), 1) * data.lane_px)
        notes_h = 18.0 * len(data.notes)
        self.layout = Layout(float(width), legend_top, legend_bottom, plot, label_w,
                             plot.bottom() + AXIS_H + notes_h + 8)

    @property
    def size(self) -> QSize:
        return QSize(round(self.layout.width), math.ceil(self.layout.height))

    # -- geometry shared by the axis and the marks ----------------------------------------------------------
    def x_of(self, t: np.ndarray | float) -> np.ndarray | float:
        """Seconds to the picture's x (the one mapping the axis and the marks use)."""
        plot = self.layout.plot
        return plot.left() + (t - self.d.x0) / (self.d.x1 - self.d.x0) * plot.width()

    def y_of(self, lane: np.ndarray | int) -> np.ndarray | float:
        """A lane's centre line."""
        return self.layout.plot.top() + (lane - self.d.top + 0.5) * self.d.lane_px

    # -- painting ----------------------------------------------------------------------------------------------
    def paint(self, p: QPainter) -> None:
        """The whole picture on ``p`` (its coordinates are the picture's pixels)."""
        lay, th = self.layout, self.theme
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(QRectF(0, 0, lay.width, lay.height), QColor(th.background))
        p.setPen(QColor(th.text))
        p.setFont(self.title_font)
        p.drawText(QPointF(MARGIN, 26), self.d.title)
        p.setFont(self.text_font)
        p.setPen(QColor(th.muted))
        sub = QFontMetricsF(self.text_font).elidedText(self.d.subtitle, Qt.TextElideMode.ElideRight,
                                                      lay.width - 2 * MARGIN)
        p.drawText(QPointF(MARGIN, 46), sub)
        self._legend(p, lay.legend_top, lay.width)
        self._lanes(p)
        self._axis(p)
        p.save()
        p.setClipRect(lay.plot.adjusted(0, -MARK - 4, 0, 0))  # a count above the first lane's mark stays whole
        self._events(p)
        p.restore()
        p.setFont(self.small_font)
        p.setPen(QColor(th.muted))
        y = lay.plot.bottom() + AXIS_H + 14
        for note in self.d.notes:
            p.drawText(QPointF(MARGIN + lay.label_w, y), note)
            y += 18
        p.restore()

    def _legend(self, p: QPainter | None, y0: float, width: float) -> float:
        """The legend of the drawn types, family by family, flowing over lines (measured only when ``p`` is
        None); returns the bottom of its last line."""
        present = self.d.types_shown()
        fm, fb = QFontMetricsF(self.text_font), QFontMetricsF(self.bold_font)
        fs = QFontMetricsF(self.small_font)
        th = self.theme
        x, y = MARGIN, y0 + 12  # baseline
        drew = False
        for fam in FAMILIES.values():
            types = [t for t in fam.types if t in present]
            if not types:
                continue
            head = f"{fam.label}:" if len(fam.types) > 1 else ""
            need = (fb.horizontalAdvance(head) + 22 if head else 0) + \
                sum(fm.horizontalAdvance(EVENT_TYPE_SHORT[t]) + 20 for t in types)
            if x > MARGIN and x + min(need, width - 2 * MARGIN) > width - MARGIN:
                x, y = MARGIN, y + 20
            if head:
                if p is not None:
                    p.setPen(QPen(QColor(*th.outline_colour(types[0])), 1))
                    p.setBrush(QColor(*th.type_colour(types[0])))
                    p.drawRoundedRect(QRectF(x, y - 10, 10, 10), 2, 2)
                    p.setPen(QColor(th.text))
                    p.setFont(self.bold_font)
                    p.drawText(QPointF(x + 14, y), head)
                x += 22 + fb.horizontalAdvance(head)
            for t in types:
                w = 20 + fm.horizontalAdvance(EVENT_TYPE_SHORT[t])
                if x > MARGIN and x + w > width - MARGIN:
                    x, y = MARGIN, y + 20
                if p is not None:
                    draw_mark(p, th, t, 0, x + 5, y - 4, MARK / 2)
                    p.setPen(QColor(th.text))
                    p.setFont(self.text_font)
                    p.drawText(QPointF(x + 13, y), EVENT_TYPE_SHORT[t])
                x += w
                drew = True
            x += 12
        if not drew and p is not None:
            p.setFont(self.text_font)
            p.setPen(QColor(th.muted))
            p.drawText(QPointF(MARGIN, y), "No dated events to draw.")
        if drew:  # how to read a mark: the viewer's legend says the same
            w = fs.horizontalAdvance(STATUS_KEY)
            if x > MARGIN and x + w > width - MARGIN:
                x, y = MARGIN, y + 20
            if p is not None:
                p.setFont(self.small_font)
                p.setPen(QColor(th.muted))
                p.drawText(QPointF(x, y), STATUS_KEY)
        return y + 6

    def _lanes(self, p: QPainter) -> None:
        """Lane labels (right-aligned, elided) and a light band behind every other lane."""
        lay, th, d = self.layout, self.theme, self.d
        fm = QFontMetricsF(self.text_font)
        p.setFont(self.text_font)
        band = QColor(th.band)
        band.setAlpha(70)
        for i in d.lanes:
            y = float(self.y_of(i))
            if (i - d.top) % 2 == 1:
                p.fillRect(QRectF(lay.plot.left(), y - d.lane_px / 2, lay.plot.width(), d.lane_px), band)
            p.setPen(QColor(th.text))
            text = fm.elidedText(d.labels[i], Qt.TextElideMode.ElideRight, lay.label_w - 8)
            p.drawText(QRectF(MARGIN, y - d.lane_px / 2, lay.label_w - 8, d.lane_px),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
        p.setPen(QPen(QColor(th.axis), 1))
        p.drawLine(QLineF(lay.plot.left(), lay.plot.top(), lay.plot.left(), lay.plot.bottom()))

    def axis_ticks(self) -> tuple[list[float], list[str], list[float]]:
        """(major tick seconds, their labels, minor tick seconds): the viewer's calendar ladder at this width."""
        fm = QFontMetricsF(self.text_font)
        plan = plan_ticks(self.d.x0, self.d.x1, self.layout.plot.width(), fm.horizontalAdvance)
        return plan.majors, plan.labels, plan.minors

    def _axis(self, p: QPainter) -> None:
        """The date axis under the lanes, with light grid lines at the major ticks; every label centred on its
        tick (a label that would leave the picture is left out, never cut)."""
        lay, th = self.layout, self.theme
        plot = lay.plot
        majors, labels, minors = self.axis_ticks()
        grid = QColor(th.band)
        p.setPen(QPen(grid, 1))
        for t in majors:
            x = float(self.x_of(t))
            p.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
        base = plot.bottom()
        p.setPen(QPen(QColor(th.axis), 1))
        p.drawLine(QLineF(plot.left(), base, plot.right(), base))
        for t in minors:
            x = float(self.x_of(t))
            p.drawLine(QLineF(x, base, x, base + 3))
        fm = QFontMetricsF(self.text_font)
        p.setFont(self.text_font)
        for t, label in zip(majors, labels, strict=True):
            x = float(self.x_of(t))
            p.setPen(QPen(QColor(th.axis), 1))
            p.drawLine(QLineF(x, base, x, base + 6))
            w = fm.horizontalAdvance(label)
            if x - w / 2 < 0 or x + w / 2 > lay.width:
                continue
            p.setPen(QColor(th.text))
            p.drawText(QPointF(x - w / 2, base + 8 + fm.ascent()), label)

    def _events(self, p: QPainter) -> None:
        """Bars, marks (aggregated with a count where they collide) and connectors of the placements in view;
        a density when too many are in view to draw one by one."""
        d, th, idx = self.d, self.theme, self.d.index
        lanes = d.lanes
        if not len(idx) or not len(lanes):
            return
        parts = [np.arange(*idx.visible(ln, d.x0, d.x1)) for ln in lanes]
        sel = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        sel = sel[(idx.t1[sel] > d.x0) & (idx.t0[sel] < d.x1)]
        if len(sel) > DENSITY_THRESHOLD:
            self._density(p)
            return
        cols = d.cols
        ev, lane = idx.event[sel], idx.lane[sel]
        X0 = np.asarray(self.x_of(idx.t0[sel]), dtype=float)
        X1 = np.asarray(self.x_of(idx.t1[sel]), dtype=float)
        Y = np.asarray(self.y_of(lane), dtype=float)
        types, status = cols.type_code[ev], cols.status_code[ev]
        is_bar = (cols.precision_code[ev] != _DAY) & (X1 - X0 >= 6)
        cx = np.where(is_bar, X0, (X0 + X1) / 2)
        # connectors first (under the marks): one vertical line per event placed in several lanes
        p.setPen(QPen(QColor(th.connector), 1))
        order = np.argsort(ev, kind="stable")
        if len(order):
            ev_s = ev[order]
            starts = np.nonzero(np.r_[True, ev_s[1:] != ev_s[:-1]])[0]
            ymin, ymax = np.minimum.reduceat(Y[order], starts), np.maximum.reduceat(Y[order], starts)
            for k in np.nonzero(ymax > ymin)[0]:
                x = float(cx[order][starts[k]])
                p.drawLine(QLineF(x, float(ymin[k]), x, float(ymax[k])))
        if is_bar.any():
            b = np.nonzero(is_bar)[0]
            off = _stack_offsets(lane[b], X0[b], X1[b]) if len(b) <= STACK_LIMIT else np.zeros(len(b))
            room = max(d.lane_px - BAR_H - 2, 0.0) / 2  # stacked bars stay inside their lane
            by = Y[b] + off * min(1.0, room / max(float(np.abs(off).max(initial=0.0)), 1e-9))
            for i, y in zip(b, by, strict=True):
                name = EVENT_TYPES[int(types[i])]
                pen = mark_pen(th, name)
                pen.setWidthF(1.0)
                p.setPen(pen)
                p.setBrush(mark_brush(th, name, int(status[i])))
                p.drawRect(QRectF(X0[i], y - BAR_H / 2, X1[i] - X0[i], BAR_H))
        m = np.nonzero(~is_bar)[0]
        if len(m):
            key = lane[m].astype(np.int64) * 10_000_000 + np.floor(cx[m] / COLLIDE_PX).astype(np.int64)
            _, first, counts = np.unique(key, return_index=True, return_counts=True)
            p.setFont(self.small_font)
            for j, n in zip(first, counts, strict=True):
                i = m[j]
                draw_mark(p, th, EVENT_TYPES[int(types[i])], int(status[i]), float(cx[i]), float(Y[i]), MARK / 2)
                if n > 1:
                    p.setPen(QColor(th.text))
                    p.drawText(QPointF(float(cx[i]) + MARK / 2 + 1, float(Y[i]) - MARK / 2), str(int(n)))

    def _density(self, p: QPainter) -> None:
        """Per lane, the number of events per time bin as rectangles of graded opacity (vector on every device)."""
        d, idx = self.d, self.d.index
        plot = self.layout.plot
        lanes = d.lanes
        counts, start, width = idx.density(lanes.start, lanes.stop, d.x0, d.x1, max(int(plot.width() / 3), 1))
        if counts.size == 0:
            return
        scale = np.log1p(counts.astype(np.float64))
        top = float(scale.max()) or 1.0
        rgb = (30, 70, 150)
        p.setPen(Qt.PenStyle.NoPen)
        h = d.lane_px * 0.7
        for r, c in zip(*np.nonzero(counts), strict=True):
            a0 = float(self.x_of(start + c * width))
            a1 = float(self.x_of(start + (c + 1) * width))
            p.setBrush(QBrush(QColor(*rgb, int(40 + 215 * scale[r, c] / top))))
            y = float(self.y_of(lanes.start + int(r)))
            p.drawRect(QRectF(a0, y - h / 2, max(a1 - a0, 0.5), h))


# -- writing --------------------------------------------------------------------------------------------------
def picture_image(data: PictureData, width: int, scale: float = 2.0, theme: Theme = LIGHT) -> QImage:
    """The picture as an image (``scale`` device pixels per picture pixel)."""
    pp = PicturePainter(data, width, theme)
    size = pp.size
    img = QImage(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)),
                 QImage.Format.Format_ARGB32)
    img.fill(QColor(theme.background))
    p = QPainter(img)
    p.scale(scale, scale)
    pp.paint(p)
    p.end()
    return img


def _write(data: PictureData, path: str, fmt: str, width: int) -> None:
    pp = PicturePainter(data, width)
    size = pp.size
    if fmt == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setSize(size)
        gen.setViewBox(QRect(0, 0, size.width(), size.height()))
        gen.setResolution(96)
        gen.setTitle(data.title)
        gen.setDescription(data.subtitle)
        p = QPainter(gen)
        pp.paint(p)
        p.end()
    elif fmt == ".pdf":
        writer = QPdfWriter(path)
        writer.setTitle(data.title)
        writer.setCreator("Timeline")
        writer.setResolution(72)  # one picture pixel is one point
        writer.setPageSize(QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        p = QPainter(writer)
        pp.paint(p)
        p.end()
    else:
        img = picture_image(data, width)
        png = QImageWriter(path, QByteArray(b"png"))
        if not png.write(img):
            raise OSError(errno.EIO, f"the image could not be saved ({png.errorString()})")


def write_picture(data: PictureData, path: str | Path, width: int = 1200) -> None:
    """Write the picture as SVG or PDF (by the suffix), else PNG (twice the resolution); whole or not at all
    (``OSError`` in words when it cannot be written; an earlier file at ``path`` is then unchanged)."""
    fmt = Path(path).suffix.lower()
    with atomic_path(path) as tmp:
        _write(data, str(tmp), fmt, width)


__all__ = ["FORMATS", "PicturePainter", "picture_image", "write_picture"]
