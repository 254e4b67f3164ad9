"""Writing a report off the UI thread: the worker opens its own connection to the workspace, fetches the shown
events and their articles (reporting progress), and writes HTML or PDF with the picture of the view (drawn by
:mod:`.picture` in the worker: the view's :class:`PictureData` is taken on the UI thread)."""

from __future__ import annotations

import base64
import threading
from collections.abc import Mapping

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QThread, Signal
from PySide6.QtGui import QImage

from ..core.formats.picture import PictureData
from ..core.formats.report import ReportQuery, documents_for, report_html, select_events
from ..core.model import Document, Event
from ..core.outputs import atomic_path
from ..core.store.workspace import Workspace
from .picture import picture_image


def png_data_uri(image: QImage) -> str:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # run time wants str; the stub says bytes
    buf.close()
    return "data:image/png;base64," + base64.b64encode(bytes(data.data())).decode("ascii")


def report_html_with_image(events: list[Event], docs: Mapping[str, Document], *, title: str, query: ReportQuery,
                           image: QImage | None, scale: float = 2.0) -> str:
    """The HTML report with ``image`` (drawn at ``scale`` device pixels per pixel) embedded as a PNG."""
    if image is None or image.isNull():
        return report_html(events, docs, title=title, query=query)
    size = (round(image.width() / scale), round(image.height() / scale))
    return report_html(events, docs, title=title, query=query, image_src=png_data_uri(image), image_size=size)


class ReportWorker(QObject):
    """Builds one report; talks to the UI only through signals."""

    progress = Signal(int, int, str)
    finished = Signal(str)  # the written path
    failed = Signal(str)

    def __init__(self, workspace_path: str, rows: list[int], out: str, title: str, query: ReportQuery,
                 picture: PictureData | None, picture_width: int = 1000):
        super().__init__()
        self.workspace_path, self.rows, self.out, self.title, self.query = workspace_path, rows, out, title, query
        self.picture, self.picture_width = picture, picture_width  # drawn here, off the UI thread
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            ws = Workspace(self.workspace_path)
            try:
                events: list[Event] = []
                total = len(self.rows)
                for i in range(0, total, 500):
                    if self._cancel.is_set():
                        self.failed.emit("cancelled")
                        return
                    got = ws.events_at(self.rows[i:i + 500])
                    events.extend(got[r] for r in self.rows[i:i + 500] if r in got)
                    self.progress.emit(min(i + 500, total), total, "Collecting events")
                events = select_events(events, ReportQuery())  # date order
                docs = documents_for(events, ws.document)
            finally:
                ws.close()
            self.progress.emit(total, total, "Writing the report")
            with atomic_path(self.out) as tmp:  # whole or not at all: an earlier report there survives
                if self.out.lower().endswith(".pdf"):
                    from .report_pdf import write_report_pdf

                    write_report_pdf(str(tmp), events, docs, title=self.title, query=self.query,
                                     picture=self.picture, picture_width=self.picture_width)
                else:
                    image = (picture_image(self.picture, self.picture_width)
                             if self.picture is not None and len(self.picture.index) else None)
                    tmp.write_text(report_html_with_image(events, docs, title=self.title, query=self.query,
                                                          image=image), encoding="utf-8")
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
