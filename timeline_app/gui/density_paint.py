"""Drawing lane densities (a view with more marks than can be drawn one by one): the counts of the lane index's
pyramid as shades of one colour, darker where more events are (log scale), a transparent row between lanes."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, Qt

#: image rows per lane (the first and last stay transparent: a gap between lanes)
ROWS_PER_LANE = 6
#: at most this many bins across: each is many pixels wide, and rectangles are cheaper than scaling an image up
FEW_BINS = 16
#: shades of the few-bins drawing (one batch of rectangles each)
SHADES = 24


def _alpha(counts: np.ndarray) -> np.ndarray:
    scale = np.log1p(counts.astype(np.float32))
    top = float(scale.max()) or 1.0
    alpha = (40 + 215 * scale / top).astype(np.uint8)
    alpha[counts == 0] = 0
    return alpha


def paint_density(p: QPainter, counts: np.ndarray, start: float, width: float, lane0: int,
                  rgb: tuple[int, int, int]) -> np.ndarray | None:
    """Draw ``counts[lane, bin]`` (bins of ``width`` from ``start``; lanes from ``lane0``) in data coordinates.
    Returns the image drawn (the caller keeps it alive while Qt may read it), or None when rectangles were."""
    alpha = _alpha(counts)
    if counts.shape[1] <= FEW_BINS:  # a zoomed-in view: few wide bins, drawn as rectangles of a few shades
        shade = np.where(alpha > 0, np.rint((alpha.astype(np.float32) - 40) / 215 * (SHADES - 1)), -1)
        inset = 1.0 / ROWS_PER_LANE
        p.setPen(Qt.PenStyle.NoPen)
        for s in np.unique(shade[shade >= 0]):
            lanes, bins = np.nonzero(shade == s)
            p.setBrush(QBrush(QColor(*rgb, round(40 + 215 * float(s) / (SHADES - 1)))))
            p.drawRects([QRectF(start + b * width, lane0 + ln - 0.5 + inset, width, 1.0 - 2 * inset)
                         for ln, b in zip(lanes.tolist(), bins.tolist(), strict=True)])
        return None
    img = np.zeros((counts.shape[0] * ROWS_PER_LANE, counts.shape[1], 4), dtype=np.uint8)
    img[..., 0], img[..., 1], img[..., 2] = rgb
    for k in range(1, ROWS_PER_LANE - 1):  # leave a transparent row above and below each lane
        img[k::ROWS_PER_LANE, :, 3] = alpha
    image = np.ascontiguousarray(img)
    h, w = image.shape[:2]
    qimg = QImage(image.data, w, h, 4 * w, QImage.Format.Format_RGBA8888)
    p.drawImage(QRectF(start, lane0 - 0.5, counts.shape[1] * width, counts.shape[0]), qimg)
    return image
