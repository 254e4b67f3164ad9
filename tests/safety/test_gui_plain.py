"""Item 2 (article text is never rich text) and the GUI side of items 4, 5 and 8: every problem of an ingest
in a copyable dialog, a failed File ▸ Open keeps the open workspace, a second window on a workspace is warned."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from timeline_app.gui.main_window import MainWindow

from ..gui_support import isolate_settings, shown_window

HOSTILE = '<img src="/dev/zero"><b>Bold</b>'


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


def _window(qtbot, path: Path) -> MainWindow:
    return shown_window(qtbot, path, (1400, 850), active=False)


def _hostile_articles(d: Path) -> Path:
    d.mkdir()
    (d / "titled.json").write_text(json.dumps({
        "title": HOSTILE + " Samsung deal", "date": "2024-05-02",
        "text": f"Samsung Electronics signed a supply deal with Tesla on May 1, 2024. {HOSTILE}"}), encoding="utf-8")
    (d / "<i>named<i>.txt").write_text(
        "Wire 2024-06-10\nToyota Motor met Honda Motor executives in Tokyo on June 3, 2024.\n", encoding="utf-8")
    for i in range(5):  # more problems than a status line can hold
        (d / f"bad{i}.txt").write_bytes(os.urandom(2048))
    return d


def test_hostile_strings_render_as_text_and_all_problems_are_listed(qtbot, tmp_path: Path) -> None:
    arts = _hostile_articles(tmp_path / "arts")
    win = _window(qtbot, tmp_path / "<b>w<b>.timeline")
    with qtbot.waitSignal(win.loaded, timeout=120_000):
        win.ingest([str(arts)])
    # window title: plain by nature, and the name is kept literally
    assert "<b>w<b>" in win.windowTitle()
    # status line: plain text
    assert win.status_label.textFormat() == Qt.PlainText
    # every problem of the ingest, counted in the status line (no dialog pops up by itself); its link opens them
    # all in a dialog whose text can be copied
    assert win.problems_link.isVisible() and "5 file(s) skipped" in win.problems_link.text()
    assert getattr(win, "problems_dialog", None) is None
    win.problems_link.linkActivated.emit("problems")
    dlg = win.problems_dialog
    qtbot.waitExposed(dlg)
    listed = dlg.text.toPlainText()
    assert all(f"bad{i}.txt" in listed for i in range(5))
    qtbot.mouseClick(dlg.copy_button, Qt.LeftButton)
    assert QGuiApplication.clipboard().text() == listed
    dlg.close()
    # the event's table cells and tooltips: tooltips are escaped rich text
    row = next(r for r in range(win.model.rowCount())
               if "Samsung" in str(win.model.data(win.model.index(r, 2))))
    for col in range(win.model.columnCount()):
        tip = win.model.data(win.model.index(row, col), Qt.ToolTipRole)
        assert tip is None or "<img" not in tip
    # the source label above the article: plain text showing the title literally
    win.select_event(row)
    assert win.source.source_label.textFormat() == Qt.PlainText
    assert "<img" in win.source.source_label.text()
    # messages: plain text boxes
    win._tell(f"Cannot open {HOSTILE}")
    assert win._message_box.textFormat() == Qt.PlainText and HOSTILE in win._message_box.text()
    win._message_box.close()


def test_failed_open_keeps_the_open_workspace(qtbot, tmp_path: Path, workspace_file: Path) -> None:
    win = _window(qtbot, workspace_file)
    with qtbot.waitSignal(win.loaded, timeout=60_000):
        win.open_workspace(str(workspace_file))
    before = win.cols.n
    foreign = tmp_path / "contacts.timeline"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE people(name TEXT)")
    db.commit()
    db.close()
    win.open_workspace(str(foreign))
    assert "another program" in win._message_box.text()
    assert win.workspace_path == str(workspace_file) and win.ws is not None
    assert len(win.ws.events()) == before  # still open and usable
    win._message_box.close()


def test_second_window_on_one_workspace_is_warned(qtbot, workspace_file: Path) -> None:
    first = _window(qtbot, workspace_file)
    first.open_workspace(str(workspace_file))
    second = _window(qtbot, workspace_file)
    second.open_workspace(str(workspace_file))
    assert "already open in another Timeline window" in second._message_box.text()
    second._message_box.close()
    assert len(second.ws.events()) == len(first.ws.events())


def test_workspace_with_a_damaged_row_opens_with_a_warning(qtbot, workspace_file: Path) -> None:
    db = sqlite3.connect(workspace_file)
    db.execute("UPDATE events SET companies='[broken' WHERE rowid=1")
    db.commit()
    n = db.execute("SELECT count(*) FROM events").fetchone()[0]
    db.close()
    win = _window(qtbot, workspace_file)
    with qtbot.waitSignal(win.loaded, timeout=60_000):
        win.open_workspace(str(workspace_file))
    # the damaged-row check runs off the UI thread once the window shows (issue 23: no scan of every row at open)
    qtbot.waitUntil(lambda: "put aside" in getattr(getattr(win, "_message_box", None), "text", str)(),
                    timeout=60_000)
    # every event back, rebuilt from the articles by the merge the window runs in the background
    qtbot.waitUntil(lambda: win.cols is not None and win.cols.n == n and win._thread is None, timeout=60_000)
    win._message_box.close()


@pytest.mark.parametrize("raw", ['[1, 2]', '{"types": 5, "min_confidence": "x", "collapsed": 7}', "{" * 5000,
                                 '{"hidden": {"a": 1}, "date_from": "not a date"}'])
def test_hostile_saved_settings_do_not_stop_the_window(qtbot, workspace_file: Path, raw: str) -> None:
    win = _window(qtbot, workspace_file)
    QSettings().setValue(win._filters_key(str(workspace_file)), raw)
    QSettings().setValue("filters", raw)
    win.open_workspace(str(workspace_file))
    win.restore_settings()
    assert win.cols is not None and win.proxy.rowCount() > 0
