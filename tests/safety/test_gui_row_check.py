"""Issue 23: the viewer opens without scanning every row for damage (the scan runs off the UI thread once the
window shows); a damaged row is still put aside, said in words, and the events merged again from the articles."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from timeline_app.core.ingest import open_workspace
from timeline_app.gui import row_check

from ..gui_support import isolate_settings, shown_window


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


def test_the_open_does_not_wait_for_the_row_scan(workspace_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scans: list[int] = []
    from timeline_app.core.store.quarantine import find_bad_rows as real
    monkeypatch.setattr("timeline_app.core.ingest.find_bad_rows", lambda db: scans.append(1) or real(db))
    ws = open_workspace(workspace_file, finish_merge=False, check_rows=False)
    ws.close()
    assert scans == []
    ws = open_workspace(workspace_file)  # the command line still checks at open
    ws.close()
    assert scans == [1]


def test_a_damaged_row_is_put_aside_after_the_window_shows(qtbot, workspace_file: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[bool] = []
    told = row_check.RowCheckMixin._rows_checked

    def on_ui_thread(self, n: int, why: str) -> None:  # the check's answer is handled on the UI thread
        threads.append(threading.current_thread() is threading.main_thread())
        told(self, n, why)

    monkeypatch.setattr(row_check.RowCheckMixin, "_rows_checked", on_ui_thread)
    ws = open_workspace(workspace_file)
    n = len(ws.events())
    ws.close()
    db = sqlite3.connect(workspace_file)
    db.execute("UPDATE events SET companies='[\"Samsung' WHERE rowid=1")
    db.commit()
    db.close()
    win = shown_window(qtbot, workspace_file, (1200, 800), active=False)
    assert win.cols is not None and win.cols.n == n  # shown at once from the stored arrays
    qtbot.waitUntil(lambda: "put aside" in win.statusBar().currentMessage(), timeout=20000)
    qtbot.waitUntil(lambda: win._thread is None, timeout=60000)  # the merge again, off the UI thread
    assert win.ws is not None
    assert len(win.ws.events()) == n and win.cols.n == n  # rebuilt from the articles
    assert threads == [True]
    win.close()
    ws = open_workspace(workspace_file)  # repaired for good
    assert ws.warnings == []
    ws.close()


def test_closing_the_window_stops_a_running_check(qtbot, workspace_file: Path) -> None:
    win = shown_window(qtbot, workspace_file, (1200, 800), active=False)
    win._start_row_check()  # at once, not after the delay
    assert win._row_check is not None
    win.close()  # interrupts and waits: no thread outlives the window
    assert win._row_check is None


def test_a_workspace_opened_again_at_once_is_checked_once(qtbot, workspace_file: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    starts: list[str] = []
    real = row_check.start_row_check

    def counted(parent, path):  # two checks at once once freed the first's worker while it ran (a crash)
        starts.append(path)
        return real(parent, path)

    monkeypatch.setattr(row_check, "start_row_check", counted)
    db = sqlite3.connect(workspace_file)
    db.execute("UPDATE events SET companies='[\"Samsung' WHERE rowid=1")
    db.commit()
    db.close()
    win = shown_window(qtbot, workspace_file, (1200, 800), active=False)
    win.open_workspace(str(workspace_file))
    win.open_workspace(str(workspace_file))
    qtbot.waitUntil(lambda: "put aside" in win.statusBar().currentMessage(), timeout=20000)
    qtbot.waitUntil(lambda: win._thread is None and win._row_check is None, timeout=60000)
    assert len(starts) == 1
    win.close()
