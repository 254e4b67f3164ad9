"""Exports of the main window: the shown events (any export format) and the timeline image (PNG/SVG)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QFileDialog

from ..core.formats.export import FORMATS, ExportData, export
from .window_base import WindowParts


class ExportMixin(WindowParts):
    """File ▸ Export events and Export image."""

    def export_events(self) -> None:
        filters = [f"{f.label} ({f.file_filter})" for f in FORMATS.values()]
        path, chosen = QFileDialog.getSaveFileName(self, "Export the shown events", "events.json", ";;".join(filters))
        if path:
            fmt = next((f.name for f in FORMATS.values() if chosen.startswith(f.label)), None)
            self.export_events_to(path, fmt)

    def export_events_to(self, path: str, fmt: str | None = None) -> None:
        """Write the events that pass the filters, in ``fmt`` (default: from the suffix; .json is Timeline JSON)."""
        assert self.ws is not None and self.cols is not None
        rows = np.nonzero(self.mask)[0].tolist()
        got = self.ws.events_at(rows)
        events = [got[r] for r in rows]
        try:
            rep = export(path, ExportData.from_workspace(self.ws, events), fmt)
        except (ValueError, OSError) as e:
            self._tell(f"Cannot export to {path}: {e}")
            return
        msg = f"{rep.written} event(s) written to {path}"
        if rep.undated_left_out:
            msg += f"; {rep.undated_left_out} undated left out (the format needs a date)"
        self.statusBar().showMessage(msg, 8000)

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
