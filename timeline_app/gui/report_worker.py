"""Writing a report off the UI thread: the worker opens its own connection to the workspace and streams the shown
events (or their summary by company and month) to the file a batch at a time (:mod:`..core.formats.report_stream`,
reporting progress), with the picture of the view (drawn by :mod:`.picture` in the worker: the view's
:class:`PictureData` is taken on the UI thread). ``timeline-app report`` writes through the same function."""

from __future__ import annotations

import base64
import contextlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QThread, Signal
from PySide6.QtGui import QImage

from ..core.formats.picture import PictureData
from ..core.formats.report import ReportQuery
from ..core.formats.report_stream import ReportCancelled, ReportStats, report_pieces, write_report
from ..core.index import EventColumns
from ..core.outputs import atomic_output, atomic_path
from ..core.store.workspace import Workspace
from .picture import picture_image


def png_data_uri(image: QImage) -> str:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # run time wants str; the stub says bytes
    buf.close()
    return "data:image/png;base64," + base64.b64encode(bytes(data.data())).decode("ascii")


def write_report_file(out: str | Path, ws: Workspace, cols: EventColumns, mask: np.ndarray, *, mode: str = "full",
                      title: str, query: ReportQuery, picture: PictureData | None = None,
                      picture_width: int = 1000, progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> ReportStats:
    """Write the report (``mode`` "full" or "summary") of the rows of ``ws`` that ``mask`` selects to ``out``,
    whole or not at all: HTML streams to the file as the events are read; a PDF is laid out from the streamed
    HTML (its pages need the whole text). The picture is ``picture`` drawn ``picture_width`` pixels wide (HTML:
    as a PNG at twice that resolution). Raises ``OSError`` in words, :class:`ReportCancelled` when cancelled."""
    has_picture = picture is not None and len(picture.index) > 0
    if str(out).lower().endswith(".pdf"):
        from .report_pdf import write_pdf_parts

        stats = ReportStats()
        pieces = report_pieces(ws, cols, mask, mode=mode, title=title, query=query, stats=stats,
                               progress=progress, cancelled=cancelled)
        with contextlib.closing(pieces):
            head = next(pieces)
            body = "".join(pieces)
        with atomic_path(out) as tmp:
            write_pdf_parts(str(tmp), head, body, title=title, picture=picture if has_picture else None,
                            picture_width=picture_width)
        return stats
    src: str | None = None
    size: tuple[int, int] | None = None
    if picture is not None and has_picture:
        image, scale = picture_image(picture, picture_width), 2.0
        if not image.isNull():
            src, size = png_data_uri(image), (round(image.width() / scale), round(image.height() / scale))
    with atomic_output(out) as f:  # whole or not at all: an earlier report there survives
        return write_report(f, ws, cols, mask, mode=mode, title=title, query=query, image_src=src, image_size=size,
                            progress=progress, cancelled=cancelled)


class ReportWorker(QObject):
    """Builds one report; talks to the UI only through signals."""

    progress = Signal(int, int, str)
    finished = Signal(str)  # the written path
    failed = Signal(str)

    def __init__(self, workspace_path: str, rows: Sequence[int] | np.ndarray, out: str, title: str,
                 query: ReportQuery, picture: PictureData | None, picture_width: int = 1000, mode: str = "full"):
        super().__init__()
        self.workspace_path, self.out, self.title, self.query = workspace_path, out, title, query
        self.rows = np.asarray(rows, dtype=np.int64)  # the shown events' rows
        self.picture, self.picture_width = picture, picture_width  # drawn here, off the UI thread
        self.mode = mode  # "full": every event with its evidence; "summary": by company and month
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        label = "Writing the report" if self.mode == "full" else "Summarising by company and month"
        try:
            ws = Workspace(self.workspace_path)
            try:
                cols = ws.event_columns()
                mask = np.zeros(cols.n, dtype=bool)
                mask[self.rows[(self.rows >= 0) & (self.rows < cols.n)]] = True
                self.progress.emit(0, max(len(self.rows), 1), label)
                write_report_file(self.out, ws, cols, mask, mode=self.mode, title=self.title, query=self.query,
                                  picture=self.picture, picture_width=self.picture_width,
                                  progress=lambda done, total: self.progress.emit(done, total, label),
                                  cancelled=self._cancel.is_set)
            finally:
                ws.close()
        except ReportCancelled:
            self.failed.emit("cancelled")
            return
        except OSError as e:  # says which file and why
            self.failed.emit(str(e))
            return
        except Exception as e:  # reported to the UI, never raised into Qt
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        self.finished.emit(self.out)


def start_report(parent: QObject, worker: ReportWorker) -> QThread:
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # quit from the worker's own thread: the UI's handlers may wait() for the thread, so a queued quit would deadlock
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread
