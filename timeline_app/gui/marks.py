"""Event marks as the timeline draws them (shape per type, colour per family, filled by status), shared by the
timeline's sprite atlas, the legend above it, the Event types filter and the exported image, so that every key
shows exactly the mark it explains."""

from __future__ import annotations

import base64
from functools import lru_cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from ..core.model import STATUSES
from ..core.palette import shape_points, type_shape
from .theme import Theme

PLANNED = STATUSES.index("planned")
ONGOING = STATUSES.index("ongoing")


def mark_pen(theme: Theme, t: str, scale: float = 1.0) -> QPen:
    """The outline of a type's mark (shaded to reach the theme's contrast)."""
    pen = QPen(QColor(*theme.outline_colour(t)), (2.0 if theme.high_contrast else 1.3) * scale)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def mark_brush(theme: Theme, t: str, status: int) -> QBrush:
    """A mark's (or bar's) fill: the family colour; hollow when planned, faded when ongoing."""
    r, g, b = theme.type_colour(t)
    if status == PLANNED:
        return QBrush(QColor(theme.background))  # hollow: background inside a coloured outline
    if status == ONGOING:
        return QBrush(QColor(r, g, b, 90))
    return QBrush(QColor(r, g, b))


def draw_mark(p: QPainter, theme: Theme, t: str, status: int, cx: float, cy: float, radius: float,
              scale: float = 1.0) -> None:
    """One mark centred on (cx, cy) with the painter ``p`` (antialiasing is the caller's)."""
    p.setPen(mark_pen(theme, t, scale))
    p.setBrush(mark_brush(theme, t, status))
    p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in shape_points(type_shape(t), cx, cy, radius)]))


def mark_pixmap(theme: Theme, t: str, px: int = 14, status: int = 0, dpr: float = 1.0) -> QPixmap:
    """A type's mark (happened, unless ``status`` says otherwise) on a transparent ``px`` × ``px`` pixmap."""
    pm = QPixmap(round(px * dpr), round(px * dpr))
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw_mark(p, theme, t, status, px / 2, px / 2, px * 0.36)
    p.end()
    return pm


def mark_icon(theme: Theme, t: str, px: int = 14) -> QIcon:
    return QIcon(mark_pixmap(theme, t, px))


_ICONS: dict[tuple[Theme, str], QIcon] = {}


def type_icon(t: str) -> QIcon:
    """A type's mark as an icon in the current theme (kept: table cells ask for it on every paint)."""
    from .theme import current_theme

    key = (current_theme(), t)
    icon = _ICONS.get(key)
    if icon is None:
        icon = _ICONS[key] = mark_icon(key[0], t, 12)
    return icon


def swatch_pixmap(theme: Theme, t: str, px: int = 12) -> QPixmap:
    """A family's colour as a small rounded square (the colour of type ``t``'s family)."""
    pm = QPixmap(px, px)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(*theme.outline_colour(t)), 1.0))
    p.setBrush(QBrush(QColor(*theme.type_colour(t))))
    p.drawRoundedRect(QRectF(0.5, 0.5, px - 1, px - 1), 2.5, 2.5)
    p.end()
    return pm


def _png_uri(pm: QPixmap) -> str:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    pm.save(buf, "PNG")
    buf.close()
    return "data:image/png;base64," + base64.b64encode(bytes(data.data())).decode("ascii")


@lru_cache(maxsize=512)
def mark_uri(theme: Theme, t: str, px: int = 12, dpr: float = 1.0) -> str:
    """A type's mark as a PNG ``data:`` URI, for rich text (the legend): Qt's rich text shows such images."""
    return _png_uri(mark_pixmap(theme, t, px, dpr=dpr))


@lru_cache(maxsize=128)
def swatch_uri(theme: Theme, t: str, px: int = 11) -> str:
    """A family's colour swatch as a PNG ``data:`` URI."""
    return _png_uri(swatch_pixmap(theme, t, px))
