"""Issue 21, the daily loop without surprises, driven in the real window: results shown while an ingest runs
(filters and search kept, an honest counter, problems in the status line), a tooltip that stays, no stale
selection, a layout that fits 1024×700, themes, a view that shows every event and follows the filters, the
company list's tools, and a launcher that says why it cannot show a window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from timeline_app.gui import ingest_runner, worker
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.problems_dialog import ProblemsDialog

from .conftest import ROOT
from .gui_support import isolate_settings, seeds_workspace_in, shown_window

WIKINEWS = ROOT / "tests" / "data" / "wikinews-business" / "articles"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def seeds_workspace(tmp_path_factory) -> Path:
    """One extraction of the seeds, copied for each test that needs it."""
    return seeds_workspace_in(tmp_path_factory.mktemp("ws"))


@pytest.fixture(scope="module")
def story_workspace(tmp_path_factory) -> Path:
    """Events written straight into a workspace: a dense middle (2004-2010), far-off dates (1917, 1946) and
    a later tail (2017-2021) as in the real corpus; Boeing's events run 2006-2021; Busy Co has 38 events."""
    import datetime as dt

    from timeline_app.core.model import Event
    from timeline_app.core.store.workspace import Workspace

    D = dt.date
    events: list[Event] = []

    def add(company: str, start: dt.date, summary: str, kind: str = "contract") -> None:
        events.append(Event(f"e{len(events):04d}", kind, summary, start, start, "day", "happened", [company],
                            confidence=0.8))

    for i in range(120):
        add(f"Middle {i % 12}", D(2004, 1, 1) + dt.timedelta(days=i * 19), f"Middle deal {i}")
    add("Old Co", D(1917, 5, 1), "Old Co founded", "other")
    add("Old Co", D(1946, 5, 1), "Old Co rebuilt", "other")
    for k, year in enumerate((2017, 2018, 2019, 2019, 2020, 2021)):
        add(f"Late {k}", D(year, 3, 1), f"Late plan {k}", "plan")
    for year in (2006, 2009, 2013, 2021):
        add("Boeing", D(year, 6, 1), f"Boeing order {year}")
    for i in range(38):
        add("Busy Co", D(2008, 1, 1) + dt.timedelta(days=i * 3), f"Busy Co step {i}", "launch")
    path = tmp_path_factory.mktemp("story") / "story.timeline"
    ws = Workspace(path)
    ws.write_events({}, events)
    ws.close()
    return path


def _open(qtbot, tmp_path: Path, source: Path, name: str = "w.timeline",
          size: tuple[int, int] = (1500, 900)) -> MainWindow:
    target = tmp_path / name
    shutil.copy(source, target)
    return shown_window(qtbot, target, size)


def _articles(tmp_path: Path, n: int) -> Path:
    """``n`` real business articles and one malformed JSON file (a file the ingest must skip)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for f in sorted(WIKINEWS.glob("*.txt"))[:n]:
        shutil.copy(f, folder / f.name)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    return folder


# -- 4: results while they come in ---------------------------------------------------------------------------
def test_timeline_fills_during_ingest_keeping_search_counter_and_problems(qtbot, tmp_path: Path, monkeypatch,
                                                                           request) -> None:
    monkeypatch.setattr(worker, "FLUSH_SECONDS", 0.0)  # commit and merge after every article
    monkeypatch.setattr(worker, "PARTIAL_MIN_SECONDS", 0.0)
    monkeypatch.setattr(ingest_runner, "LIVE_RELOAD_MS", 0)
    # the worker waits after its first partial merge until the test has looked (no race with the ingest's end)
    gate = threading.Event()
    request.addfinalizer(gate.set)  # never left waiting, whatever happens below
    stored = worker.IngestWorker._stored

    def held(self, ws, n: int) -> None:
        stored(self, ws, n)
        if self.partial_merges:
            gate.wait(120)

    monkeypatch.setattr(worker.IngestWorker, "_stored", held)
    folder = _articles(tmp_path, 14)
    win = shown_window(qtbot, tmp_path / "w.timeline")
    live: list[int] = []
    win.liveReloaded.connect(live.append)
    win.filters.search.setText("the")  # typed before anything is there: it must stay and apply
    qtbot.wait(300)  # the search box's debounce (250 ms) passes
    win.ingest([str(folder)])
    try:
        qtbot.waitUntil(lambda: bool(live), timeout=180_000)
        # events are on the timeline while the ingest still runs, through the search typed before
        assert win._thread is not None
        assert win.cols is not None and win.cols.n > 0
        assert win.filters.search.text() == "the" and win.text_mask is not None
        # a search typed meanwhile (a company of the events there now) is kept by every later reload
        word = next(c for r in range(win.cols.n) for c in win.model.event_at(r).companies).split()[0]
        with qtbot.waitSignal(win.loaded, timeout=10_000):  # it applies after its debounce
            win.filters.search.setText(word)
        assert win.text_mask is not None and win.shown_mask.sum() >= 1
        win.timeline.setFocus()
        qtbot.keyClick(win.timeline, Qt.Key.Key_Home)  # an event selected meanwhile stays selected
        chosen = win.model.event_at(win.current)
        anchor = (chosen.sources[0].document, chosen.sources[0].trigger_start)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: win._thread is None, timeout=180_000)
    qtbot.wait(300)
    shown = win.model.event_at(win.current) if win.current >= 0 else None
    assert shown is not None  # the same event (its id may change as merges add sources), in every pane
    assert anchor in {(s.document, s.trigger_start) for s in shown.sources}
    assert win.detail.current_event.id == shown.id and win.source.current_event.id == shown.id
    assert live and live[0] <= win.cols.n
    assert win.filters.search.text() == word
    assert win.text_mask is not None and win.shown_mask.sum() == (win.text_mask & win.shown_mask).sum()
    assert win.shown_mask.sum() < win.cols.n
    # the counter never exceeds the total
    win._on_progress(444, 444, "/x/last.txt")
    assert "444/444" in win.progress.text() and "445" not in win.progress.text()
    # the skipped file is in the status line with a link to the list; no dialog opened by itself
    assert not any(isinstance(w, ProblemsDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    assert win.problems_link.isVisible() and "1 file(s) skipped" in win.problems_link.text()
    win.problems_link.linkActivated.emit("problems")
    qtbot.waitUntil(lambda: win.problems_dialog.isVisible())
    assert "broken.json" in win.problems_dialog.text.toPlainText()


# -- 6: the tooltip stays -----------------------------------------------------------------------------------
def test_mark_tooltip_stays_while_the_pointer_rests_on_the_mark(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QHelpEvent

    win = _open(qtbot, tmp_path, seeds_workspace)
    idx = win.timeline.index
    k = int(np.argmax(idx.t1 - idx.t0 < 2 * 86400))  # a day event
    row, lane, t = int(idx.event[k]), int(idx.lane[k]), float(idx.t0[k]) + 43200
    win.timeline.vb.setXRange(t - 20 * 86400, t + 20 * 86400, padding=0)
    win.timeline.show_lane(lane)
    pos = win.timeline.mapFromScene(win.timeline.vb.mapViewToScene(QPointF(t, lane)))
    viewport = win.timeline.viewport()
    with qtbot.waitSignal(win.timeline.eventHovered, timeout=5000):
        qtbot.mouseMove(viewport, pos + QPoint(1, 0))
        qtbot.mouseMove(viewport, pos)
    qtbot.waitUntil(QToolTip.isVisible)
    summary = win.model.event_at(row).summary
    # the pointer rests: Qt sends the view its tooltip event, which used to show the scene's empty tooltip
    QApplication.sendEvent(viewport, QHelpEvent(QHelpEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos)))
    qtbot.wait(700)  # longer than a hiding tooltip's fade-out
    assert QToolTip.isVisible() and summary[:20] in QToolTip.text()
    QToolTip.hideText()


# -- 7: no stale state --------------------------------------------------------------------------------------
def test_detail_pane_never_shows_a_hidden_or_previous_workspace_event(qtbot, tmp_path: Path,
                                                                       seeds_workspace: Path) -> None:
    win = _open(qtbot, tmp_path, seeds_workspace)
    win.timeline.setFocus()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Home)
    ev = win.model.event_at(win.current)
    assert win.detail.current_event is not None and win.detail.current_event.id == ev.id
    # a filter hides it: neither the detail pane nor the source panel keeps it
    win.filters.only_company("no such company")
    assert win.current == -1
    assert win.detail.current_event is None and win.source.current_event is None
    win.filters.reset_all()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Home)
    assert win.detail.current_event is not None
    # another workspace opened: nothing of the first stays selected
    other = tmp_path / "other.timeline"
    shutil.copy(seeds_workspace, other)
    win.open_workspace(str(other))
    assert win.current == -1 and win.detail.current_event is None and win.source.current_event is None


def test_rows_visited_with_arrow_keys_do_not_stay_highlighted(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open(qtbot, tmp_path, seeds_workspace)
    win.timeline.setFocus()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Home)
    # the table is told which rows it leaves: it repaints them unhighlighted (a silenced selection model left
    # every visited row painted as selected)
    left: list[int] = []
    win.table.selectionModel().selectionChanged.connect(
        lambda sel, desel: left.extend(i.row() for i in desel.indexes() if i.column() == 0))
    visited = [win.table_proxy.proxy_row(win.current)]
    for _ in range(4):
        qtbot.keyClick(win.timeline, Qt.Key.Key_Right)
        visited.append(win.table_proxy.proxy_row(win.current))
    rows = win.table.selectionModel().selectedRows()
    assert len(rows) == 1 and win.table_proxy.source_row(rows[0].row()) == win.current
    assert set(visited[:-1]) <= set(left)
    # moving in the table itself selects one row at a time and the window follows
    win.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(win.table, Qt.Key.Key_Down)
    rows = win.table.selectionModel().selectedRows()
    assert len(rows) == 1 and win.table_proxy.source_row(rows[0].row()) == win.current
    assert win.detail.current_event is not None and win.detail.current_event.id == win.model.event_at(win.current).id


# -- 10: no display ------------------------------------------------------------------------------------------
def test_no_display_gives_a_clear_hint_and_a_clean_exit(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "c"), XDG_DATA_HOME=str(tmp_path / "d"))
    code = "from timeline_app.gui.launch import main; raise SystemExit(main([]))"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "no display" in r.stderr and "--screenshot" in r.stderr
    assert "xcb" not in r.stderr.lower() and "abort" not in r.stderr.lower()
    assert not (tmp_path / "d").exists()  # nothing was created


# -- 8: layout and looks ------------------------------------------------------------------------------------
def test_at_1024_by_700_dates_and_useful_columns_fit(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open(qtbot, tmp_path, seeds_workspace, size=(1024, 700))
    qtbot.waitUntil(lambda: win.table.viewport().width() > 0)
    f = win.filters
    for edit in (f.date_from, f.date_to):
        text = edit.lineEdit().text()
        room = edit.lineEdit().width()
        assert edit.lineEdit().fontMetrics().horizontalAdvance(text) <= room, (text, room)
    char = win.table.fontMetrics().horizontalAdvance("0")
    viewport = win.table.viewport().width()
    for column in (0, 1, 2, 3):  # date, type, companies, summary: shown, inside the table, none collapsed
        assert not win.table.isColumnHidden(column)
        assert win.table.columnViewportPosition(column) + win.table.columnWidth(column) <= viewport
    assert win.table.columnWidth(3) >= 20 * char  # the summary is readable, not "…"


def _luminance_contrast(a, b) -> float:
    from timeline_app.core.palette import contrast

    return contrast(a, b)


@pytest.fixture
def restore_look():
    from timeline_app.gui.theme import set_theme_mode

    app = QApplication.instance()
    palette, style = app.palette(), app.style().name()
    yield
    set_theme_mode("system")
    from PySide6.QtWidgets import QStyleFactory

    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


def test_dark_theme_from_the_view_menu_with_readable_detail_labels(qtbot, tmp_path: Path, seeds_workspace: Path,
                                                                   restore_look) -> None:
    import re

    from timeline_app.core.palette import hex_to_rgb
    from timeline_app.gui.theme import theme_mode

    win = _open(qtbot, tmp_path, seeds_workspace)
    view = next(a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == "View")
    theme = next(a.menu() for a in view.actions() if a.menu() is not None and "Theme" in a.text().replace("&", ""))
    names = [a.text().replace("&", "") for a in theme.actions()]
    assert names == ["System", "Light", "Dark", "High contrast"]
    theme.actions()[2].trigger()
    assert theme_mode() == "dark" and theme.actions()[2].isChecked()
    assert QApplication.palette().color(QApplication.palette().ColorRole.Base).lightness() < 128
    win.timeline.setFocus()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Home)
    base = win.detail.view.palette().color(win.detail.view.palette().ColorRole.Base)
    bg = (base.red(), base.green(), base.blue())
    colours = set(re.findall(r"color:(#[0-9a-fA-F]{6})", win.detail.view.toHtml()))
    assert colours
    for c in colours:  # every coloured text in the pane (labels, notes, marks) reads at 4.5:1 at least
        assert _luminance_contrast(hex_to_rgb(c), bg) >= 4.5, c


def test_high_contrast_changes_entity_colours(qtbot, tmp_path: Path, seeds_workspace: Path, restore_look) -> None:
    import re

    from timeline_app.core.palette import hex_to_rgb

    win = _open(qtbot, tmp_path, seeds_workspace)
    win.timeline.setFocus()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Home)

    def entity_pairs() -> set[tuple[str, str]]:
        """(text colour, background) of every highlighted span of the article."""
        pairs = set()
        for style in re.findall(r'style="([^"]*)"', win.source.browser.toHtml()):
            bg = re.search(r"background-color:(#[0-9a-fA-F]{6})", style)
            fg = re.search(r"(?<![-\w])color:(#[0-9a-fA-F]{6})", style)
            if bg and fg:
                pairs.add((fg.group(1), bg.group(1)))
        return pairs

    before = entity_pairs()
    win.toggle_high_contrast()
    after = entity_pairs()
    assert after and after != before
    assert all(_luminance_contrast(hex_to_rgb(fg), hex_to_rgb(bg)) >= 7 for fg, bg in after), after


# -- 9: the view shows every event and follows the filters ---------------------------------------------------
def test_fit_all_shows_every_dated_event_and_says_what_a_zoom_leaves_out(qtbot, tmp_path: Path,
                                                                         story_workspace: Path) -> None:
    win = _open(qtbot, tmp_path, story_workspace)
    win.fit_all()
    idx = win.timeline.index
    (x0, x1), _ = win.timeline.vb.viewRange()
    assert x0 <= float(idx.t0.min()) and float(idx.t1.max()) <= x1  # 1917 to 2021, none left out
    assert win.timeline.outside == (0, 0)
    assert not any(b.isVisible() for b in win.timeline.edge_buttons)
    # zoomed in on the middle: the events before and after are counted at the edges, and a click fits all again
    mid = float(np.median(idx.t0))
    win.timeline.vb.setXRange(mid - 200 * 86400, mid + 200 * 86400, padding=0)
    qtbot.waitUntil(lambda: all(b.isVisible() for b in win.timeline.edge_buttons))
    before, after = win.timeline.outside
    assert before > 0 and after > 0 and f"{after} later" in win.timeline.edge_buttons[1].text()
    qtbot.mouseClick(win.timeline.edge_buttons[0], Qt.MouseButton.LeftButton)
    (x0, x1), _ = win.timeline.vb.viewRange()
    assert x0 <= float(idx.t0.min()) and float(idx.t1.max()) <= x1


def test_time_window_follows_the_search(qtbot, tmp_path: Path, story_workspace: Path) -> None:
    win = _open(qtbot, tmp_path, story_workspace)
    middle = win.timeline.vb.viewRange()[0]
    win.timeline.vb.setXRange(middle[0] + 0.45 * (middle[1] - middle[0]), middle[0] + 0.5 * (middle[1] - middle[0]),
                              padding=0)
    win.filters.search.setText("Boeing")
    with qtbot.waitSignal(win.loaded, timeout=5000):
        qtbot.keyClick(win.filters.search, Qt.Key.Key_Return)
    shown = np.nonzero(win.shown_mask)[0]
    assert len(shown) == 4
    (x0, x1), _ = win.timeline.vb.viewRange()
    assert x0 <= float(win.cols.t0[shown].min()) and float(win.cols.t1[shown].max()) <= x1  # 2006 to 2021
    assert x1 - x0 < 25 * 365 * 86400  # fitted to them, not to the whole corpus


def test_a_lane_with_many_events_uses_its_height(qtbot, tmp_path: Path, story_workspace: Path) -> None:
    win = _open(qtbot, tmp_path, story_workspace, size=(1200, 800))
    win.filters.only_company("Busy Co")
    assert win.timeline.lanes == ["Busy Co"]
    lane_px = win.timeline.vb.sceneBoundingRect().height()
    assert lane_px > 200
    win.timeline.grab()  # paint
    drawn = win.timeline.item._drawn
    assert drawn is not None
    ys = drawn[1]
    assert len(drawn[2]) == 38  # each drawn on its own
    assert ys.max() - ys.min() > 100  # laid out over the lane's height, not one 20 px strip
    # the titles follow their marks into the sub-rows
    offsets = win.timeline.item.y_offset(drawn[2], np.zeros(38, dtype=np.int64))
    assert np.ptp(offsets) > 100
    # a spread mark is found where it is drawn
    from PySide6.QtCore import QPointF

    sx, dx, sy, dy = drawn[3]
    k = int(np.argmax(ys))
    item_pos = QPointF((drawn[0][k] - dx) / sx, (ys[k] - dy) / sy)
    assert win.timeline.item.event_at(item_pos) == int(drawn[2][k])


# -- company list tools -------------------------------------------------------------------------------------
def test_company_list_filter_only_none_all(qtbot, tmp_path: Path, story_workspace: Path) -> None:
    win = _open(qtbot, tmp_path, story_workspace)
    f = win.filters
    qtbot.keyClicks(f.company_filter, "midd")
    listed = [it.text(0) for it in f.listed_companies()]
    assert listed and all("Middle" in name for name in listed) and len(listed) == 12
    f.companies.setCurrentItem(f.listed_companies()[3])
    qtbot.mouseClick(f.companies_only, Qt.MouseButton.LeftButton)
    assert win.timeline.lanes == [listed[3]]
    qtbot.mouseClick(f.companies_all, Qt.MouseButton.LeftButton)  # all listed: the twelve Middle companies
    assert sorted(win.timeline.lanes) == sorted(listed)
    qtbot.mouseClick(f.companies_none, Qt.MouseButton.LeftButton)
    assert win.timeline.lanes == [] and win.shown_mask.sum() == 0
    # the keyboard: ↓ from the filter box goes on into the list, Space ticks there
    f.company_filter.setFocus()
    qtbot.keyClick(f.company_filter, Qt.Key.Key_Down)
    assert win.focusWidget() is f.companies and f.companies.currentItem() is f.listed_companies()[0]
    f.company_filter.clear()
    assert len(f.listed_companies()) == len(win.cols.companies)
    qtbot.mouseClick(f.companies_all, Qt.MouseButton.LeftButton)
    assert len(win.timeline.lanes) == len(win.cols.companies)
