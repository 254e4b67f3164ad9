"""Render the SVG application icon to PNGs for the hicolor theme (and .ico/.icns sources for other systems)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main(out: Path) -> None:
    app = QGuiApplication.instance() or QGuiApplication([])
    svg = Path(__file__).resolve().parent.parent / "resources" / "icons" / "timeline.svg"
    renderer = QSvgRenderer(str(svg))
    for size in SIZES:
        img = QImage(size, size, QImage.Format_ARGB32)
        img.fill(Qt.transparent)
        p = QPainter(img)
        renderer.render(p)
        p.end()
        target = out / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        img.save(str(target / "timeline.png"))
    print(f"rendered {len(SIZES)} sizes into {out}")
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]))
