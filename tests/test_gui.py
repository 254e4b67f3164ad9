"""The real window, offscreen: ingest in the background, keyboard navigation, source panel, escaping."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication, QSettings, Qt  # noqa: E402

from timeline_app.gui.main_window import MainWindow  # noqa: E402

from .conftest import SEEDS  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QCoreApplication.setOrganizationName("TimelineTest")
    QSettings.setPath(QSettings.NativeFormat, QSettings.UserScope, str(tmp_path / "config"))
    yield


def _open(qtbot, tmp_path: Path, paths: list[str]) -> MainWindow:
    win = MainWindow(str(tmp_path / "w.timeline"))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    with qtbot.waitSignal(win.loaded, timeout=120_000):
        win.ingest(paths)
    return win


def test_seeds_keyboard_and_source_panel(qtbot, tmp_path: Path) -> None:
    win = _open(qtbot, tmp_path, [str(SEEDS)])
    assert win.model.rowCount() > 10
    # the first dated event is selected and its article shown with the sentence underlined
    row = win.table.currentIndex().row()
    ev = win.model.events[row]
    assert ev.start is not None
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key_Down)
    row2 = win.table.currentIndex().row()
    assert row2 == row + 1
    ev2 = win.model.events[row2]
    src = ev2.sources[0]
    doc = win.docs[src.document]
    assert win.source.document_id == doc.id
    sentence = doc.text[src.start:src.end]
    html = win.source.toHtml()
    assert "underline" in html
    assert sentence.split()[0] in win.source.toPlainText()
    # the Seoul meeting is on the timeline in the LG Group lane, undated events are not on the axis
    assert "LG Group" in win.timeline.lanes
    for item in win.timeline._items:
        if hasattr(item, "data") and hasattr(item, "points"):
            rows = [int(p.data()) for p in item.points()]
            assert all(win.model.events[r].start is not None for r in rows)


def test_hostile_article_is_shown_as_text(qtbot, tmp_path: Path) -> None:
    art = tmp_path / "arts"
    art.mkdir()
    (art / "evil.txt").write_text(
        "2024-05-02\nTesla signed a supply contract with Panasonic on Monday. <script>alert('x')</script> "
        "<img src=\"http://example.com/track.png\"> <b>bold?</b>\n", encoding="utf-8")
    win = _open(qtbot, tmp_path, [str(art)])
    assert win.model.rowCount() >= 1
    win.select_row(0)
    plain = win.source.toPlainText()
    assert "<script>alert('x')</script>" in plain
    assert '<img src="http://example.com/track.png">' in plain
    assert "<b>bold?</b>" in plain
    assert "example.com" not in "".join(win.source.document().resourceNames() if hasattr(
        win.source.document(), "resourceNames") else [])


def test_cancel_leaves_consistent_workspace(qtbot, tmp_path: Path) -> None:
    arts = tmp_path / "many"
    arts.mkdir()
    for i in range(6):
        shutil.copy(next(SEEDS.glob("00%d*" % (i % 5))), arts / f"a{i}.txt")
        (arts / f"a{i}.txt").write_text((arts / f"a{i}.txt").read_text() + f"\nCopy {i}.", encoding="utf-8")
    win = MainWindow(str(tmp_path / "w.timeline"))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.loaded, timeout=120_000):
        win.ingest([str(arts)])
        win.cancel_ingest()
    assert len(win.docs) < 6
    assert not win.progress.isVisible()
