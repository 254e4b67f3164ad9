"""The viewer on a large generated workspace (300 articles, 150 companies, 10k events): every visible lane is
labelled without overlaps, lanes scroll to the last one and refit to a filter, a keyboard-only path reaches a
source sentence through the filters, recent files open the right workspace and create nothing, reports and
view exports are written."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

import itertools

from PySide6.QtCore import QSettings, Qt

from timeline_app.core.model import EVENT_TYPES, FAMILIES, family_of
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.timeline_view import LANE_MIN_PX

from .gui_support import isolate_settings, shown_window
from .synthetic import make_corpus_workspace


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def big_workspace(tmp_path_factory) -> Path:
    return make_corpus_workspace(tmp_path_factory.mktemp("big") / "big.timeline")


def _shown(qtbot, path: Path) -> MainWindow:
    return shown_window(qtbot, path)


def _open_big(qtbot, tmp_path: Path, big_workspace: Path) -> MainWindow:
    target = tmp_path / "big.timeline"
    shutil.copy(big_workspace, target)
    win = _shown(qtbot, target)
    win.fit_all()
    return win


def _drawn_labels(win: MainWindow) -> list[tuple[float, float, str]]:
    """(top, bottom, text) of the lane labels as last painted, after forcing a paint."""
    axis = win.timeline.lane_axis
    axis.picture = None
    axis.update()
    win.timeline.grab()  # paints the scene, axes included
    return sorted((r.top(), r.bottom(), t) for r, t in axis.drawn)


def _assert_labels_complete(win: MainWindow) -> None:
    top, count = win.timeline.lane_window()
    labels = _drawn_labels(win)
    expected = [win.timeline.lane_axis.tickStrings([float(i)], 1, 1)[0] for i in range(top, top + count)]
    assert sorted(t for _, _, t in labels) == sorted(expected)  # every visible lane, and only those
    for (_, bottom, _), (next_top, _, _) in itertools.pairwise(labels):
        assert bottom <= next_top + 0.01  # no two labels overlap
    h = win.timeline.vb.sceneBoundingRect().height()
    assert h / count >= LANE_MIN_PX - 0.01  # lanes keep their minimum height


def test_every_visible_lane_is_labelled_and_scrolling_reaches_the_last(qtbot, tmp_path, big_workspace):
    win = _open_big(qtbot, tmp_path, big_workspace)
    assert win.cols.n == 10_000 and len(win.timeline.lanes) == 150
    top, count = win.timeline.lane_window()
    assert top == 0 and 10 < count < 150
    _assert_labels_complete(win)
    assert win.pane.scrollbar.isVisible() and win.pane.scrollbar.maximum() == 150 - count
    win.timeline.setFocus()
    for _ in range(30):
        qtbot.keyClick(win.timeline, Qt.Key_PageDown)
    top, count = win.timeline.lane_window()
    assert top + count == 150 and win.pane.scrollbar.value() == win.pane.scrollbar.maximum()
    _assert_labels_complete(win)
    assert win.timeline.lanes[-1] in " ".join(t for _, _, t in _drawn_labels(win))
    qtbot.keyClick(win.timeline, Qt.Key_PageUp)
    assert win.timeline.lane_window()[0] < top
    win.pane.scrollbar.setValue(40)  # the scrollbar moves the lanes, labels follow
    assert win.timeline.lane_window()[0] == 40
    _assert_labels_complete(win)


def test_filtering_to_three_companies_refits_lanes(qtbot, tmp_path, big_workspace):
    win = _open_big(qtbot, tmp_path, big_workspace)
    win.pane.scrollbar.setValue(60)
    groups = win.cols.groups()
    names = [next(m for m in groups[g] if m != g) for g in sorted(groups)[:3]]  # three member companies
    win.filters.only_company(names[0])
    tree = win.filters.companies
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).text(0) in names[1:]:
                top.child(j).setCheckState(0, Qt.Checked)
    assert sorted(win.timeline.lanes) == sorted(names)
    assert win.timeline.lane_window() == (0, 3)
    assert not win.pane.scrollbar.isVisible()
    _assert_labels_complete(win)
    for r in range(win.proxy.rowCount()):
        assert set(win.model.event_at(win.proxy.source_row(r)).companies) & set(names)


def test_lane_orders(qtbot, tmp_path, big_workspace):
    win = _open_big(qtbot, tmp_path, big_workspace)
    win.filters.lane_order.setCurrentIndex(win.filters.lane_order.findData("name"))
    assert win.timeline.lanes == sorted(win.timeline.lanes, key=str.lower)
    win.filters.lane_order.setCurrentIndex(win.filters.lane_order.findData("events"))
    counts = [int((win.timeline.index.lane == i).sum()) for i in range(len(win.timeline.lanes))]
    assert counts == sorted(counts, reverse=True)
    _assert_labels_complete(win)


def test_keyboard_only_from_start_to_a_source_sentence_through_filters(qtbot, tmp_path, big_workspace):
    win = _open_big(qtbot, tmp_path, big_workspace)
    win.timeline.setFocus()
    for _ in range(len(win.focus_order())):  # Tab round to the company list
        if win.focusWidget() is win.filters.companies:
            break
        qtbot.keyClick(win.focusWidget(), Qt.Key_Tab)
    tree = win.filters.companies
    assert win.focusWidget() is tree
    if tree.currentItem() is None:
        qtbot.keyClick(tree, Qt.Key_Down)
    first_group = tree.currentItem().text(0)
    qtbot.keyClick(tree, Qt.Key_Space)  # untick the first group: its lanes go
    assert first_group in win.filters.hidden_companies() and first_group not in win.timeline.lanes
    qtbot.keyClick(tree, Qt.Key_Tab)
    assert win.focusWidget() is win.filters.types
    qtbot.keyClick(win.filters.types, Qt.Key_Down)
    qtbot.keyClick(win.filters.types, Qt.Key_Up)
    qtbot.keyClick(win.filters.types, Qt.Key_Space)  # untick the first family (deals): all its types
    assert win.filters.types.currentItem().text(0) == "Deals"
    assert not set(FAMILIES["deal"].types) & win.filters.filter().types
    assert set(EVENT_TYPES) - set(FAMILIES["deal"].types) == win.filters.filter().types
    for _ in range(len(win.focus_order())):
        if win.focusWidget() is win.timeline:
            break
        qtbot.keyClick(win.focusWidget(), Qt.Key_Tab)
    assert win.focusWidget() is win.timeline
    qtbot.keyClick(win.timeline, Qt.Key_Home)
    qtbot.keyClick(win.timeline, Qt.Key_Right)
    qtbot.keyClick(win.timeline, Qt.Key_Down)
    ev = win.model.event_at(win.current)
    assert family_of(ev.type) != "deal" and any(c not in win.filters.hidden_companies() for c in ev.companies)
    assert win.timeline.lane_axis.current == win.current_lane >= 0  # the current lane is marked
    qtbot.keyClick(win.timeline, Qt.Key_Return)
    assert win.focusWidget() is win.source.browser
    src = ev.sources[win.source.source_index]
    sentence = win._document(src.document).text[src.start:src.end]
    assert sentence in win.source.browser.toPlainText()


def test_recent_files_open_the_right_workspace_and_create_nothing(qtbot, tmp_path, big_workspace):
    a = make_corpus_workspace(tmp_path / "a.timeline", n_articles=10, n_companies=8, n_events=50, seed=1)
    b = make_corpus_workspace(tmp_path / "b.timeline", n_articles=12, n_companies=9, n_events=60, seed=2)
    win = _shown(qtbot, a)
    win.filters.confidence.setValue(70)
    win.open_workspace(str(b))
    assert win.filters.confidence.value() == 0  # b starts with its own (default) filters
    labels = [act.text() for act in win.recent_menu.actions()]
    assert len(labels) == 2 and "b.timeline" in labels[0] and "a.timeline" in labels[1]
    missing = tmp_path / "gone" / "missing.timeline"
    QSettings().setValue("recent_workspaces", json.dumps([str(b), str(a), str(missing)]))
    win.fill_recent_menu()
    before = sorted(p for p in tmp_path.rglob("*") if "config" not in p.parts)
    win.recent_menu.actions()[1].trigger()
    assert win.workspace_path == str(a) and win.cols.n == 50
    assert win.filters.confidence.value() == 70  # a's own filters come back
    win.recent_menu.actions()[2].trigger()  # the missing one: reported, dropped, never created
    assert not missing.exists() and win.workspace_path == str(a)
    assert all(str(missing) != act.data() for act in win.recent_menu.actions())
    after = sorted(p for p in tmp_path.rglob("*") if "config" not in p.parts)
    assert [p for p in after if p not in before and not p.name.endswith(("-wal", "-shm", "-journal", ".lock"))] == []


def test_report_and_view_exports_from_the_window(qtbot, tmp_path, big_workspace):
    win = _open_big(qtbot, tmp_path, big_workspace)
    win.filters.only_company(win.cols.companies[3])
    shown = int(win.shown_mask.sum())
    out = tmp_path / "report.html"
    with qtbot.waitSignal(win.reportDone, timeout=60_000) as done:
        win.export_report_to(str(out))
    assert done.args == [str(out)] and str(out) in win.statusBar().currentMessage()
    h = out.read_text(encoding="utf-8")
    assert h.count("<div class='event'>") == shown
    assert "data:image/png;base64," in h and not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', h)
    pdf = tmp_path / "report.pdf"
    with qtbot.waitSignal(win.reportDone, timeout=60_000):
        win.export_report_to(str(pdf))
    assert pdf.read_bytes()[:4] == b"%PDF"
    for name in ("view.png", "view.svg", "view.pdf"):
        win.export_image_to(str(tmp_path / name))
        assert (tmp_path / name).stat().st_size > 3000
    svg = (tmp_path / "view.svg").read_text(encoding="utf-8")
    assert "Timeline — big" in svg and "Deals:" in svg and "Contract" in svg  # title and legend


def test_themes_high_contrast_and_dark_keep_text_readable(qtbot, tmp_path, big_workspace):
    from PySide6.QtGui import QColor

    from timeline_app.gui.theme import set_theme_mode, theme_mode

    win = _open_big(qtbot, tmp_path, big_workspace)
    try:
        win.actions_by_slot["toggle_high_contrast"].trigger()
        assert theme_mode() == "high-contrast" and win.timeline.theme.high_contrast
        set_theme_mode("dark")
        win.apply_theme()
        assert QColor(win.timeline.theme.background).lightness() < 60
        win.select_first_in_view()
        html = win.source.browser.toHtml()
        assert win.timeline.theme.text.lower() in html.lower()  # article text in the dark theme's text colour
        _assert_labels_complete(win)
    finally:
        set_theme_mode("system")
        win.apply_theme()


def test_geometry_back_on_screen_and_splitter_stable_with_long_titles(qtbot, tmp_path, big_workspace):
    from PySide6.QtGui import QGuiApplication

    win = _open_big(qtbot, tmp_path, big_workspace)
    sizes = win.split.sizes()
    doc_id = win.model.event_at(0).sources[0].document
    win._document(doc_id).title = "A very long article title " * 40  # as a real headline can be
    win.select_event(0)
    win.select_event(1)
    win.select_event(0)
    qtbot.wait(10)
    assert win.split.sizes() == sizes  # the title is elided: the panel does not push the splitter
    assert win.split.sizes()[1] >= 0.5 * sum(sizes)  # the timeline keeps at least half the width
    win.split.setSizes([900, 100, 500])  # e.g. a state saved by an older version
    win.keep_splitters_sane()
    assert win.split.sizes()[1] >= 0.5 * sum(win.split.sizes()) - 2
    win.move(-6000, -4000)  # e.g. saved on a monitor that is gone, or at another scale factor
    win.keep_on_screen()
    avail = QGuiApplication.primaryScreen().availableGeometry()
    assert avail.contains(win.frameGeometry().center())
    assert win.width() <= avail.width() and win.height() <= avail.height()
