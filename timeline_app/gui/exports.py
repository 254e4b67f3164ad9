"""Exports of the main window: the shown events (JSON/CSV) and the timeline image (PNG/SVG)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QFileDialog

from ..core.formats.export import write_output
from .window_base import WindowParts


class ExportMixin(WindowParts):
    """File ▸ Export events and Export image."""

    def export_events(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export events", "events.json", "JSON (*.json);;CSV (*.csv)")
        if path:
            self.export_events_to(path)

    def export_events_to(self, path: str) -> None:
        """Write the events that pass the filters."""
        assert self.ws is not None and self.cols is not None
        rows = np.nonzero(self.mask)[0].tolist()
        got = self.ws.events_at(rows)
        events = [got[r] for r in rows]
        docs = [d for d in self.ws.documents() if any(s.document == d.id for e in events for s in e.sources)]
        write_output(path, docs, self.ws.entities(), events)

    def export_image(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export image", "timeline.png", "PNG (*.png);;SVG (*.svg)")
        if path:
            self.export_image_to(path)

    def export_image_to(self, path: str) -> None:
        import pyqtgraph.exporters as exporters

        scene_item = self.timeline.getPlotItem()
        if path.lower().endswith(".svg"):
            # pyqtgraph's SVGExporter fails on these Qt versions (pyqtgraph issue 3485): render through QtSvg
            from PySide6.QtCore import QRect
            from PySide6.QtGui import QPainter
            from PySide6.QtSvg import QSvgGenerator

            gen = QSvgGenerator()
            gen.setFileName(path)
            gen.setSize(self.timeline.size())
            gen.setViewBox(QRect(0, 0, self.timeline.width(), self.timeline.height()))
            gen.setTitle("Timeline")
            painter = QPainter(gen)
            self.timeline.render(painter)
            painter.end()
            return
        ex = exporters.ImageExporter(scene_item)
        ex.parameters()["width"] = max(self.timeline.width() * 2, 1200)
        ex.export(path)
