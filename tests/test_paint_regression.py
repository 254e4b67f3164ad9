"""PySide6 6.12.0 on CPython < 3.12 aborts after ~8,000 void-returning calls (None refcount bug).
The pin in pyproject.toml avoids it; this test makes 20,000 such calls and must survive them."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget


def test_twenty_thousand_void_calls() -> None:
    app = QApplication.instance() or QApplication([])
    img = QImage(64, 64, QImage.Format_ARGB32)
    p = QPainter(img)
    for i in range(10_000):
        p.drawRect(QRectF(i % 50, 1, 5, 5))
    p.end()
    w = QWidget()
    for _ in range(10_000):
        w.update()
    assert app is not None and not img.isNull()
