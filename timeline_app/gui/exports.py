"""Exports of the main window: the shown events (any export format), the view (PNG/SVG/PDF with title, range,
legend and lane labels, undistorted) and the report of the shown events (HTML/PDF, written off the UI thread)."""

from __future__ import annotations

import errno
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QMarginsF, QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QImageWriter, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.formats.report import ReportQuery
from ..core.index import seconds_to_date
from ..core.model import EVENT_TYPE_SHORT, EVENT_TYPES, FAMILIES
from ..core.outputs import atomic_path
from . import plain
from .marks import draw_mark
from .report_worker import ReportWorker, start_report
from .theme import LIGHT, Theme
from .window_base import WindowParts


class ExportMixin(WindowParts):
    """File ▸ Export events, Export image and Export report."""

    def export_events(self) -> None:
        from ..core.formats.export import FORMATS  # loaded on first use: keeps the window's start quick

        filters = [f"{f.label} ({f.file_filter})" for f in FORMATS.values()]
        path, chosen = QFileDialog.getSaveFileName(self, "Export the shown events", "events.json", ";;".join(filters))
        if path:
            fmt = next((f.name for f in FORMATS.values() if chosen.startswith(f.label)), None)
            self.export_events_to(path, fmt)

    def export_events_to(self, path: str, fmt: str | None = None) -> None:
        """Write the events that pass the filters, in ``fmt`` (default: from the suffix; .json is Timeline JSON)."""
        assert self.ws is not None and self.cols is not None
        rows = np.nonzero(self.shown_mask)[0].tolist()
        got = self.ws.events_at(rows)
        events = [got[r] for r in rows]
        try:
            from ..core.formats.export import ExportData, export

            rep = export(path, ExportData.from_workspace(self.ws, events), fmt)
        except (ValueError, OSError) as e:
            self._tell(f"Cannot export to {path}: {e}")
            return
        msg = f"{rep.written} event(s) written to {path}"
        if rep.undated_left_out:
            msg += f"; {rep.undated_left_out} undated left out (the format needs a date)"
        self.statusBar().showMessage(msg, 8000)

    def export_image(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export view", "timeline.png",
                                              "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
        if path:
            try:
                self.export_image_to(path)
            except OSError as e:  # in words; an earlier file at ``path`` is unchanged
                self._tell(str(e))
                return
            self._confirm(f"Exported the view to {path}")

    def view_title(self) -> tuple[str, str]:
        """(title, subtitle) for an exported view: workspace, shown range, counts and filters."""
        (x0, x1), _ = self.timeline.vb.viewRange()
        d0, d1 = seconds_to_date(max(x0, -2.2e9)), seconds_to_date(min(x1, 4.2e9))
        shown = int(self.shown_mask.sum()) if self.cols is not None else 0
        top, count = self.timeline.lane_window()
        lanes = len(self.timeline.lanes)
        title = f"Timeline — {Path(self.workspace_path).stem}"
        sub = (f"{d0.isoformat()} to {d1.isoformat()} · {shown} events shown · lanes {top + 1}–"
               f"{min(top + count, lanes)} of {lanes}")
        hidden = len(self.filters.hidden_companies())
        if hidden or self.filters.search.text().strip():
            sub += " · filtered"
        return title, sub

    def paint_view(self, p: QPainter, width: int) -> int:
        """Title, date range, legend and the timeline (with its lane labels) at ``width``, undistorted.
        Returns the height used."""
        th = LIGHT
        title, sub = self.view_title()
        p.fillRect(QRectF(0, 0, width, 10_000), QColor(th.background))
        p.setPen(QColor(th.text))
        f = QFont(p.font())
        f.setPointSizeF(13)
        f.setBold(True)
        p.setFont(f)
        p.drawText(QPointF(12, 24), title)
        f.setPointSizeF(9)
        f.setBold(False)
        p.setFont(f)
        p.drawText(QPointF(12, 42), sub)
        y = self._paint_legend(p, th, width, 62.0)
        top = y + 12
        src = self.timeline.viewport().rect()
        scale = width / max(src.width(), 1)
        target = QRectF(0, top, width, src.height() * scale)  # same aspect ratio: marks keep their shape
        self._render_scaled(p, target, scale)
        return int(top + src.height() * scale)

    def _paint_legend(self, p: QPainter, th: Theme, width: int, y: float) -> float:
        """The legend of the shown events' types, family by family (the family's colour and name, then each
        type's mark and short name), flowing over lines; returns the baseline of its last line."""
        shown = self.shown_mask if self.cols is not None else None
        present = ({EVENT_TYPES[int(c)] for c in np.unique(self.cols.type_code[shown])}
                   if self.cols is not None and shown is not None else set(EVENT_TYPES))
        fm = p.fontMetrics()
        bold = QFont(p.font())
        bold.setBold(True)
        plain_font = QFont(p.font())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = 12.0
        for fam in FAMILIES.values():
            types = [t for t in fam.types if t in present]
            if not types:
                continue
            head = f"{fam.label}:" if len(fam.types) > 1 else ""
            need = (fm.horizontalAdvance(head) + 24 if head else 0) + \
                sum(fm.horizontalAdvance(EVENT_TYPE_SHORT[t]) + 20 for t in types)
            if x > 12 and x + min(need, width - 24) > width - 12:
                x, y = 12.0, y + 18
            if head:
                p.setPen(QColor(*th.outline_colour(types[0])))
                p.setBrush(QColor(*th.type_colour(types[0])))
                p.drawRoundedRect(QRectF(x, y - 10, 10, 10), 2, 2)
                p.setPen(QColor(th.text))
                p.setFont(bold)
                p.drawText(QPointF(x + 14, y), head)
                x += 22 + QFontMetricsF(bold).horizontalAdvance(head)
                p.setFont(plain_font)
            for t in types:
                label = EVENT_TYPE_SHORT[t]
                w = 20 + fm.horizontalAdvance(label)
                if x > 12 and x + w > width - 12:
                    x, y = 12.0, y + 18
                draw_mark(p, th, t, 0, x + 5, y - 4, 5)
                p.setPen(QColor(th.text))
                p.drawText(QPointF(x + 13, y), label)
                x += w
            x += 12
        return y

    def _render_scaled(self, p: QPainter, target: QRectF, scale: float) -> None:
        """The plot (lanes, labels, date axis) into ``target``, keeping its aspect ratio."""
        self.timeline.render(p, target, self.timeline.viewport().rect(), Qt.AspectRatioMode.KeepAspectRatio)

    def _view_size(self) -> tuple[int, int]:
        w = self.timeline.width()
        probe = QImage(w, 10, QImage.Format.Format_ARGB32)
        p = QPainter(probe)
        h = self.paint_view(p, w)
        p.end()
        return w, h

    def export_image_to(self, path: str) -> None:
        """The current view as PNG (twice the screen resolution), SVG or PDF, written whole or not at all
        (``OSError`` in words when it cannot be)."""
        with atomic_path(path) as tmp:
            self._write_image(str(tmp), path.lower())

    def _write_image(self, path: str, low: str) -> None:
        theme = self.timeline.theme
        self.timeline.apply_theme(LIGHT)  # exports are for paper and slides: always the light look
        try:
            w, h = self._view_size()
            if low.endswith(".svg"):
                from PySide6.QtSvg import QSvgGenerator

                gen = QSvgGenerator()
                gen.setFileName(path)
                gen.setSize(QSize(w, h))
                gen.setViewBox(QRect(0, 0, w, h))
                gen.setTitle(self.view_title()[0])
                p = QPainter(gen)
                self.paint_view(p, w)
                p.end()
            elif low.endswith(".pdf"):
                writer = QPdfWriter(path)
                writer.setTitle(self.view_title()[0])
                writer.setPageSize(QPageSize(QSizeF(w, h), QPageSize.Unit.Point))
                writer.setPageMargins(QMarginsF(0, 0, 0, 0))
                writer.setResolution(72)
                p = QPainter(writer)
                self.paint_view(p, w)
                p.end()
            else:
                img = QImage(w * 2, h * 2, QImage.Format.Format_ARGB32)
                img.fill(QColor(LIGHT.background))
                p = QPainter(img)
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                p.scale(2, 2)
                self.paint_view(p, w)
                p.end()
                png = QImageWriter(path, QByteArray(b"png"))
                if not png.write(img):
                    raise OSError(errno.EIO, f"the image could not be saved ({png.errorString()})")
        finally:
            self.timeline.apply_theme(theme)

    def view_image(self) -> QImage:
        """The current view as an image (for reports)."""
        theme = self.timeline.theme
        self.timeline.apply_theme(LIGHT)
        try:
            w, h = self._view_size()
            img = QImage(w, h, QImage.Format.Format_ARGB32)
            img.fill(QColor(LIGHT.background))
            p = QPainter(img)
            self.paint_view(p, w)
            p.end()
        finally:
            self.timeline.apply_theme(theme)
        return img

    def _confirm(self, message: str) -> None:
        """Say where an export went: in the status bar and a box that does not stop anything."""
        self.statusBar().showMessage(message, 15000)
        box = plain.message_box(self, message, icon=QMessageBox.Icon.Information)  # a path is never markup
        box.open()
        self._export_box = box

    # -- report ----------------------------------------------------------------------------------------------
    def export_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export report", "timeline-report.html",
                                              "HTML report, one file (*.html);;PDF report (*.pdf)")
        if path:
            self.export_report_to(path)

    def report_query(self) -> ReportQuery:
        f = self.filters.filter()
        types = sorted(f.types) if len(f.types) < len(EVENT_TYPES) else []
        shown = list(self.timeline.lanes) if f.hidden_companies else []
        return ReportQuery(companies=shown, date_from=f.date_from, date_to=f.date_to, types=types)

    def export_report_to(self, path: str) -> None:
        """Write a report of the shown events off the UI thread; ``reportDone`` says when (with the path)."""
        if self.cols is None or getattr(self, "_report_thread", None) is not None:
            self.statusBar().showMessage("A report is already being written…", 4000)
            return
        rows = np.nonzero(self.shown_mask)[0].tolist()
        title, _ = self.view_title()
        worker = ReportWorker(self.workspace_path, rows, path, title.replace("Timeline —", "Timeline report —"),
                              self.report_query(), self.view_image())
        self.progress.setRange(0, max(len(rows), 1))
        self.progress.show()
        self._report_worker = worker
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._report_finished)
        worker.failed.connect(self._report_failed)
        self._report_thread = start_report(self, worker)

    def _report_cleanup(self) -> None:
        if self._report_thread is not None:
            self._report_thread.wait()
        self._report_thread = self._report_worker = None
        if self._thread is None:
            self.progress.hide()

    def _report_finished(self, path: str) -> None:
        self._report_cleanup()
        self._confirm(f"Wrote the report to {path}")
        self.reportDone.emit(path)

    def _report_failed(self, message: str) -> None:
        self._report_cleanup()
        self._tell(f"The report was not written: {message}")
        self.reportDone.emit("")
