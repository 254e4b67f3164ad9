"""The damaged-row check of an opened workspace, run off the UI thread after the window shows: a healthy file
opens without waiting for a scan of every row, and a damaged one still gets its bad rows put aside (with a
message) a moment later, exactly as the command line does at open."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, SignalInstance

from ..core.ingest import put_aside_bad_rows
from ..core.store.errors import WorkspaceError
from ..core.store.safe_open import describe_error
from ..core.store.workspace import Workspace

#: how long after the window shows the check starts (it then does not compete with the first paint)
START_DELAY_MS = 400


class RowCheckWorker(QObject):
    """Opens the workspace on its own connection and puts aside the rows that cannot be read (one scan, all off
    the UI thread); tells how many messages it has and their text (-1: the check itself failed, with why)."""

    found = Signal(int, str)

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self._ws: Workspace | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def run(self) -> None:
        try:
            with self._lock:
                if self._stopped:
                    self.found.emit(0, "")
                    return
                self._ws = Workspace(self.path)
            try:
                messages = put_aside_bad_rows(self._ws)
            finally:
                with self._lock:
                    self._ws.close()
                    self._ws = None
        except (WorkspaceError, sqlite3.DatabaseError) as e:
            self.found.emit(0 if self._stopped else -1, "" if self._stopped else describe_error(self.path, e))
            return
        self.found.emit(0 if self._stopped else len(messages), "\n".join(messages))

    def stop(self) -> None:
        """Interrupt a running check (the window closes or opens another workspace): nothing is put aside."""
        with self._lock:
            self._stopped = True
            if self._ws is not None:
                self._ws.db.interrupt()


class _Relay(QObject):
    """Lives on the UI thread: the worker's answer, re-emitted there (a signal connected to a plain callable would
    run it in the worker's thread)."""

    told = Signal(int, str)


def start_row_check(parent: QObject, path: str) -> tuple[QThread, RowCheckWorker, SignalInstance]:
    """Start the check; returns its thread, its worker and a signal (n, why) emitted on ``parent``'s thread."""
    thread = QThread(parent)
    worker = RowCheckWorker(path)
    relay = _Relay(thread)  # on the UI thread (its parent's), freed with the thread
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.found.connect(thread.quit, Qt.ConnectionType.DirectConnection)  # see worker.start_ingest
    worker.found.connect(relay.told)  # a signal of a UI-thread object: queued to the UI thread
    thread.start()
    return thread, worker, relay.told


class RowCheckMixin:
    """The main window's part: start the check when a workspace is shown, put aside what it finds (then merge
    again off the UI thread), stop it when the window closes or another workspace opens."""

    _row_check: tuple[QThread, RowCheckWorker] | None = None
    _row_check_gen = 0  # which schedule a pending start belongs to

    def schedule_row_check(self) -> None:
        """Check the shown workspace for damaged rows a moment after it shows (not when it is read-only: it
        cannot be repaired there, and its rows are read as they are)."""
        self.stop_row_check()
        ws = self.ws  # type: ignore[attr-defined]
        if ws is None or ws.read_only:
            return
        app = QCoreApplication.instance()
        if app is not None and not getattr(self, "_row_check_quit_hooked", False):
            app.aboutToQuit.connect(self.stop_row_check)  # quitting without closing the window stops it too
            self._row_check_quit_hooked = True
        timer = getattr(self, "_row_check_timer", None)
        if timer is None:  # one timer per window: a check scheduled again replaces the one pending
            timer = self._row_check_timer = QTimer(self)  # type: ignore[arg-type]
            timer.setSingleShot(True)
            timer.timeout.connect(self._start_row_check)
        self._row_check_path = ws.path
        gen = self._row_check_gen
        # the delay counts from when the event loop runs again (the window shown), not from the open; a start
        # left from an earlier schedule (a workspace opened again at once) is stale and does nothing
        QTimer.singleShot(0, timer, lambda: timer.start(START_DELAY_MS) if gen == self._row_check_gen else None)

    def _start_row_check(self) -> None:
        ws = self.ws  # type: ignore[attr-defined]
        path = getattr(self, "_row_check_path", None)
        if ws is None or ws.path != path or self._row_check is not None:  # one check at a time
            return
        thread, worker, told = start_row_check(self, str(path))  # type: ignore[arg-type]
        told.connect(self._rows_checked)  # on the UI thread (never touch widgets from the worker's)
        self._row_check = (thread, worker)  # kept until its thread has ended: never freed while it runs

    def _rows_checked(self, n: int, why: str) -> None:
        """The check's answer: ``n`` messages of rows put aside (``why``: their text), 0 (nothing), -1 (failed)."""
        path = None
        if self._row_check is not None:  # the worker's run() returns after telling: never freed before it has
            thread, worker = self._row_check
            thread.wait()
            path = Path(worker.path)
        self._row_check = None
        ws = self.ws  # type: ignore[attr-defined]
        if ws is None or ws.path != path or n == 0:
            return
        if n < 0:
            self._tell(f"The workspace could not be checked for damaged rows: {why}")  # type: ignore[attr-defined]
            return
        self._tell(why)  # type: ignore[attr-defined]  # what was put aside
        self.ingest([])  # type: ignore[attr-defined]  # the merge is redone from the remaining articles

    def stop_row_check(self) -> None:
        self._row_check_gen += 1  # a start still pending is stale
        timer = getattr(self, "_row_check_timer", None)
        if timer is not None:
            timer.stop()
        if self._row_check is not None:
            thread, worker = self._row_check
            worker.stop()
            thread.wait()
            self._row_check = None
