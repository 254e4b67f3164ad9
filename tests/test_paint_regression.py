"""PySide6 6.12.0 on CPython < 3.12 aborts after ~8,000 void-returning calls (None refcount bug).
The pin in pyproject.toml avoids it; this test makes 20,000 such calls in a fresh interpreter, which must
finish them, exit cleanly and have really painted."""

from __future__ import annotations

import os
import subprocess
import sys

PAINT_CALLS = """
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication([])
img = QImage(64, 64, QImage.Format_ARGB32)
img.fill(QColor(0, 0, 0, 0))
p = QPainter(img)
p.setPen(Qt.NoPen)
p.setBrush(QColor("red"))
for i in range(10_000):
    p.drawRect(QRectF(i % 50, 1, 5, 5))
p.end()
w = QWidget()
for _ in range(10_000):
    w.update()
print("painted", img.pixelColor(10, 3).red(), img.pixelColor(10, 40).alpha())
"""


def test_twenty_thousand_void_calls() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", PAINT_CALLS], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    # a pixel inside the painted strip is red; one below it is untouched
    assert run.stdout.split() == ["painted", "255", "0"], run.stdout
