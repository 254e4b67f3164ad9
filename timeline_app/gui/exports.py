"""Exports of the main window: the shown events (any export format), the view (PNG/SVG/PDF with title, range,
legend and lane labels, undistorted) and the report of the shown events (HTML/PDF, written off the UI thread)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.formats.picture import PictureData
from ..core.formats.report import ReportQuery
from ..core.formats.report_stream import LONG_REPORT
from ..core.index import LANE_FIELDS, EventColumns, LaneIndex, seconds_to_date
from ..core.model import EVENT_TYPES
from . import plain
from .picture import write_picture
from .report_question import ReportModeQuestion
from .report_worker import ReportWorker, start_report
from .window_base import WindowParts


class ExportMixin(WindowParts):
    """File ▸ Export events, Export image and Export report."""

    #: Over this many shown events, Export report asks: every event with its evidence, or a summary.
    report_ask_over = LONG_REPORT
    _report_question: ReportModeQuestion | None = None  # the question open, if any

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
        """(title, subtitle) for an exported view: workspace, shown range, counts and the selection in words."""
        (x0, x1), _ = self.timeline.vb.viewRange()
        d0, d1 = seconds_to_date(max(x0, -2.2e9)), seconds_to_date(min(x1, 4.2e9))
        shown = int(self.shown_mask.sum()) if self.cols is not None else 0
        top, count = self.timeline.lane_window()
        lanes = len(self.timeline.lanes)
        title = f"Timeline — {Path(self.workspace_path).stem}"
        by = getattr(self.timeline, "lanes_by", "company")
        sub = (f"{d0.isoformat()} to {d1.isoformat()} · {shown} events shown · lanes {top + 1}–"
               f"{min(top + count, lanes)} of {lanes}" + (f" by {LANE_FIELDS.get(by, by)}" if by != "company" else "")
               + f" · selection: {self.report_query().describe()}")
        return title, sub

    def view_picture(self) -> PictureData:
        """What the exported picture of the current view shows: the shown events in the lanes and time range on
        screen, lanes as high as on screen (within 18–40 px), for :mod:`.picture` to draw."""
        tl = self.timeline
        (x0, x1), _ = tl.vb.viewRange()
        top, count = tl.lane_window()
        cols = self.cols if self.cols is not None else EventColumns.from_events([])
        mask = self.shown_mask if self.cols is not None else np.zeros(0, dtype=bool)
        index = tl.index if tl.index is not None and self.cols is not None else LaneIndex(cols, mask)
        labels = list(tl.lane_axis.labels) if self.cols is not None else []
        lane_px = tl.vb.sceneBoundingRect().height() / max(count, 1)
        title, sub = self.view_title()
        undated = int((mask & np.isnan(cols.t0)).sum()) if len(mask) else 0
        notes = [f"{undated} undated event(s) are not placed on the time axis."] if undated else []
        return PictureData(title=title, subtitle=sub, cols=cols, mask=mask, index=index, labels=labels, x0=x0,
                           x1=x1, top=top, count=min(count, max(len(labels) - top, 0)),
                           lane_px=min(max(lane_px, 18.0), 40.0), notes=notes)

    def export_image_to(self, path: str) -> None:
        """The current view as PNG (twice the screen resolution), SVG or PDF, drawn by :mod:`.picture` (the
        drawing ``timeline-app image`` and the reports use), written whole or not at all (``OSError`` in words
        when it cannot be)."""
        write_picture(self.view_picture(), path, width=max(self.timeline.width(), 600))

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
        """The filters in force (search text included), for the report's and the picture's header."""
        f = self.filters.filter()
        types = sorted(f.types) if len(f.types) < len(EVENT_TYPES) else []
        shown = list(self.timeline.lanes) if f.hidden_companies else []
        return ReportQuery(companies=shown, date_from=f.date_from, date_to=f.date_to, types=types,
                           search=self.filters.search.text().strip(), min_confidence=f.min_confidence)

    def export_report_to(self, path: str, mode: str | None = None) -> None:
        """Write a report of the shown events off the UI thread; ``reportDone`` says when (with the path).
        ``mode``: "full" (every event with its evidence) or "summary" (by company and month); when not given,
        "full", after asking (:class:`.report_question.ReportModeQuestion`) when more than ``report_ask_over``
        events are shown."""
        if self.cols is None or getattr(self, "_report_thread", None) is not None:
            self.statusBar().showMessage("A report is already being written…", 4000)
            return
        if self._report_question is not None:  # already asked: the one question stays
            self._report_question.raise_()
            return
        rows = np.flatnonzero(self.shown_mask)
        if mode is None and len(rows) > self.report_ask_over:
            question = ReportModeQuestion(self, len(rows))
            question.chosen.connect(lambda chosen: self._report_mode_chosen(path, chosen))
            self._report_question = question
            question.open()
            return
        title, _ = self.view_title()
        worker = ReportWorker(self.workspace_path, rows, path, title.replace("Timeline —", "Timeline report —"),
                              self.report_query(), self.view_picture(), max(self.timeline.width(), 600),
                              mode=mode or "full")
        self.progress.setRange(0, max(len(rows), 1))
        self.progress.show()
        self.cancel_button.show()  # Cancel stops the report between batches; nothing is left at the path
        self.cancel_button.clicked.connect(self._cancel_report)
        self._report_worker = worker
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._report_finished)
        worker.failed.connect(self._report_failed)
        self._report_thread = start_report(self, worker)

    def _report_mode_chosen(self, path: str, mode: str) -> None:
        self._report_question = None
        if mode:
            self.export_report_to(path, mode)
        else:
            self.statusBar().showMessage("No report written", 4000)

    def _cancel_report(self) -> None:
        """Cancel, called on the UI thread: the worker's flag is set at once (a slot of the worker itself would
        be queued to its thread, which is busy writing and never gets to it)."""
        if self._report_worker is not None:
            self._report_worker.cancel()

    def _report_cleanup(self) -> None:
        if self._report_thread is not None:
            self._report_thread.wait()
        if self._report_worker is not None:
            self.cancel_button.clicked.disconnect(self._cancel_report)
        self._report_thread = self._report_worker = None
        if self._thread is None and getattr(self, "_import_thread", None) is None:
            self.progress.hide()
            self.cancel_button.hide()

    def _report_finished(self, path: str) -> None:
        self._report_cleanup()
        self._confirm(f"Wrote the report to {path}")
        self.reportDone.emit(path)

    def _report_failed(self, message: str) -> None:
        self._report_cleanup()
        if message == "cancelled":
            self.statusBar().showMessage("Report cancelled; nothing was written", 6000)
        else:
            self._tell(f"The report was not written: {message}")
        self.reportDone.emit("")
