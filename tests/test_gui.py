"""The real window, offscreen, driven with keys and clicks: ingest in the background, keyboard navigation,
the source panel, filters, zoom, undated events, escaping of hostile articles, persistence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt

from timeline_app.gui.main_window import MainWindow

from .conftest import SEEDS
from .gui_support import isolate_settings, open_copy, seeds_workspace_in, shown_window


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


def _shown(qtbot, workspace: Path) -> MainWindow:
    return shown_window(qtbot, workspace)


def _window(qtbot, tmp_path: Path, paths: list[str]) -> MainWindow:
    win = _shown(qtbot, tmp_path / "w.timeline")
    with qtbot.waitSignal(win.loaded, timeout=120_000):
        win.ingest(paths)
    return win


@pytest.fixture(scope="module")
def seeds_workspace(tmp_path_factory) -> Path:
    """One extraction of the seeds, copied for each test that needs it."""
    return seeds_workspace_in(tmp_path_factory.mktemp("ws"))


def _open_seeds(qtbot, tmp_path: Path, seeds_workspace: Path) -> MainWindow:
    return open_copy(qtbot, tmp_path, seeds_workspace)


def _sentence(win: MainWindow) -> str:
    ev = win.source.current_event
    src = ev.sources[win.source.source_index]
    doc = win._document(src.document)
    return doc.text[src.start:src.end]


def test_ingest_in_background_then_keyboard_to_evidence(qtbot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path, [str(SEEDS)])
    assert win.proxy.rowCount() > 10 and win.current >= 0
    win.timeline.setFocus()
    first = win.current
    qtbot.keyClick(win.timeline, Qt.Key_Right)
    assert win.current != first
    row = win.current
    ev = win.model.event_at(row)
    assert win.source.current_event.id == ev.id
    # the panel shows the right article with the event's sentence underlined and highlighted
    doc = win._document(ev.sources[0].document)
    assert win.source.document_id == doc.id
    sentence = _sentence(win)
    assert sentence[:40] in win.source.browser.toPlainText().replace("\u2029", "\n")
    assert "underline" in win.source.browser.toHtml()
    qtbot.keyClick(win.timeline, Qt.Key_Left)
    assert win.current == first


def test_seoul_meeting_sentence_and_lanes(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    rows = [r for r in range(win.cols.n) if {"LG Group", "Mercedes-Benz Group"} <= set(win.model.event_at(r).companies)
            and win.model.event_at(r).type == "meeting" and win.model.event_at(r).precision == "day"]
    assert len(rows) == 1
    win.select_event(rows[0])
    qtbot.keyClick(win.timeline, Qt.Key_Return)
    assert win.focusWidget() is win.source.browser
    # the event merges two articles; the evidence shown is its first sentence, ] moves to the next one
    ev = win.source.current_event
    assert len({s.document for s in ev.sources}) == 2
    first = _sentence(win)
    assert "Kallenius" in first and first[:40] in win.source.browser.toPlainText().replace("\u2029", "\n")
    qtbot.keyClick(win.source.browser, Qt.Key_BracketRight)
    assert win.source.source_index == 1 and _sentence(win) != first
    # ↑/↓ move to the nearest event in the lane above/below; Alt+→ stays in the lane
    win.timeline.setFocus()
    lane = win.current_lane
    qtbot.keyClick(win.timeline, Qt.Key_Down)
    assert win.current_lane > lane
    ev_lane = win.current_lane
    qtbot.keyClick(win.timeline, Qt.Key_Right, Qt.AltModifier)
    assert win.current_lane == ev_lane
    qtbot.keyClick(win.timeline, Qt.Key_End)
    assert win.current == win.proxy.source_row(win.proxy.rowCount() - 1)
    qtbot.keyClick(win.timeline, Qt.Key_Home)
    assert win.current == win.proxy.source_row(0)


def test_filter_to_one_company(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    total = win.proxy.rowCount()
    win.filters.only_company("Tesla")
    assert 0 < win.proxy.rowCount() < total
    for r in range(win.proxy.rowCount()):
        assert "Tesla" in win.model.event_at(win.proxy.source_row(r)).companies
    # every Tesla event in the seeds is undated: no lane on the time axis, all of them in the undated strip
    assert win.timeline.lanes == [] and win.undated_proxy.rowCount() == win.proxy.rowCount()
    win.filters.only_company("Mercedes-Benz Group")
    assert win.timeline.lanes == ["Mercedes-Benz Group"]
    win.filters.reset_all()
    assert win.proxy.rowCount() == total


def test_search_and_escape(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    total = win.proxy.rowCount()
    qtbot.keyClick(win.timeline, Qt.Key_F, Qt.ControlModifier)
    assert win.focusWidget() is win.filters.search
    with qtbot.waitSignal(win.loaded, timeout=5000):
        qtbot.keyClicks(win.filters.search, "dinner")
    assert 0 < win.proxy.rowCount() < total
    assert all("dinner" in _evidence(win, win.proxy.source_row(r)).lower() or
               "dinner" in win.model.event_at(win.proxy.source_row(r)).summary.lower()
               for r in range(win.proxy.rowCount()))
    qtbot.keyClick(win.filters.search, Qt.Key_Escape)
    assert win.filters.search.text() == "" and win.proxy.rowCount() == total


def _evidence(win: MainWindow, row: int) -> str:
    ev = win.model.event_at(row)
    return " ".join(win._document(s.document).text[s.start:s.end] for s in ev.sources)


def test_zoom_in_out_fit_and_undated_not_on_axis(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    (x0, x1), _ = win.timeline.vb.viewRange()
    qtbot.keyClick(win.timeline, Qt.Key_Plus)
    (a0, a1), _ = win.timeline.vb.viewRange()
    assert a1 - a0 == pytest.approx((x1 - x0) / 2, rel=1e-3)
    qtbot.keyClick(win.timeline, Qt.Key_Minus)
    qtbot.keyClick(win.timeline, Qt.Key_Minus)
    (b0, b1), _ = win.timeline.vb.viewRange()
    assert b1 - b0 == pytest.approx((x1 - x0) * 2, rel=1e-3)
    qtbot.keyClick(win.timeline, Qt.Key_F)
    (c0, c1), _ = win.timeline.vb.viewRange()
    assert c1 - c0 == pytest.approx(x1 - x0, rel=1e-3)
    undated = np.nonzero(np.isnan(win.cols.t0))[0]
    assert len(undated) > 0
    placed = set(win.timeline.index.event.tolist())
    assert not placed & set(undated.tolist())
    assert win.undated_proxy.rowCount() == len(undated)
    # selecting an undated event from the strip shows its source but moves no time axis
    win.select_event(int(undated[0]))
    assert win.source.current_event.start is None
    qtbot.keyClick(win.timeline, Qt.Key_Z)  # zoom to selection: nothing to zoom to
    (d0, d1), _ = win.timeline.vb.viewRange()
    assert (d0, d1) == pytest.approx((c0, c1))


def test_click_on_timeline_selects_and_company_link_focuses_lane(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    idx = win.timeline.index
    k = int(np.argmax(idx.t1 - idx.t0 < 2 * 86400))  # a day event
    row, lane, t = int(idx.event[k]), int(idx.lane[k]), float(idx.t0[k]) + 43200
    win.timeline.vb.setXRange(t - 20 * 86400, t + 20 * 86400, padding=0)
    pos = win.timeline.mapFromScene(win.timeline.vb.mapViewToScene(pg_point(t, lane)))
    qtbot.mouseClick(win.timeline.viewport(), Qt.LeftButton, pos=pos)
    assert win.current == row
    win.source.companyClicked.emit("Samsung Electronics")
    assert win.timeline.lanes[win.current_lane] == "Samsung Electronics"
    assert "Samsung Electronics" in win.model.event_at(win.current).companies


def pg_point(x: float, y: float):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_hostile_article_is_shown_as_text(qtbot, tmp_path: Path) -> None:
    art = tmp_path / "arts"
    art.mkdir()
    (art / "evil.txt").write_text(
        "2024-05-02\nTesla signed a supply contract with Panasonic on Monday. <script>alert('x')</script> "
        "<img src=\"http://example.com/track.png\"> <b>bold?</b> <a href=\"http://evil.example\">click</a>\n",
        encoding="utf-8")
    win = _window(qtbot, tmp_path, [str(art)])
    assert win.proxy.rowCount() >= 1
    win.select_event(win.proxy.source_row(0))
    plain = win.source.browser.toPlainText()
    assert "<script>alert('x')</script>" in plain
    assert '<img src="http://example.com/track.png">' in plain
    assert "<b>bold?</b>" in plain and '<a href="http://evil.example">click</a>' in plain
    assert win.source.browser.fetched == []  # nothing was loaded


def test_cancel_keeps_what_was_read(qtbot, tmp_path: Path) -> None:
    arts = tmp_path / "many"
    arts.mkdir()
    for i in range(6):
        src = sorted(SEEDS.glob("*.txt"))[i % 5]
        (arts / f"a{i}.txt").write_text(src.read_text(encoding="utf-8") + f"\nCopy {i}.", encoding="utf-8")
    win = MainWindow(str(tmp_path / "w.timeline"))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.loaded, timeout=120_000):
        win.ingest([str(arts)])
        # cancel once the first articles are in: those are kept, the rest are not read
        qtbot.waitUntil(lambda: win.progress.value() >= 2, timeout=120_000)
        win.cancel_ingest()
    assert win.ws is not None and 1 <= len(win.ws.documents()) < 6
    assert not win.progress.isVisible()


def test_settings_persist(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    # a level that keeps some of Tesla's events (confidence is a calibrated probability: its scale is the data's)
    tesla = [e for r in range(win.model.rowCount()) if (e := win.model.event_at(r)) and "Tesla" in e.companies]
    level = int(100 * max(e.confidence for e in tesla))
    win.filters.confidence.setValue(level)
    win.filters.only_company("Tesla")
    win.close()
    state = json.loads(QSettings().value(win._filters_key(str(tmp_path / "seeds.timeline"))))  # per workspace
    assert state["min_confidence"] == pytest.approx(level / 100)
    assert QSettings().value("last_workspace") == str(tmp_path / "seeds.timeline")
    win2 = MainWindow(str(tmp_path / "seeds.timeline"))
    qtbot.addWidget(win2)
    win2.restore_settings()
    assert win2.filters.confidence.value() == level
    assert "LG Group" in win2.filters.hidden_companies()  # hidden companies stay listed, unchecked
    names = {win2.filters.companies.topLevelItem(i).text(0) for i in range(win2.filters.companies.topLevelItemCount())}
    assert {"LG Group", "Tesla"} <= names
    assert win2.shown_mask.any() and not win2.shown_mask.all()
    assert (win2.cols.confidence[win2.shown_mask] >= level / 100 - 1e-6).all()


def test_shortcut_sheet_lists_every_action(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    from timeline_app.gui.actions import ACTIONS

    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    qtbot.keyClick(win.timeline, Qt.Key_F1)
    text = win.shortcut_dialog.findChild(type(win.source.browser).__mro__[1]).toPlainText()
    for a in ACTIONS:
        assert a.name.replace("&", "").replace("…", "") in text


def test_tab_cycles_focus(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    win.timeline.setFocus()
    order = [w for w in win.focus_order() if w.isVisible()]
    start = order.index(win.timeline)
    for k in range(1, len(order) + 1):  # every control, in order, then round to the timeline again
        qtbot.keyClick(win.focusWidget(), Qt.Key_Tab)
        assert win.focusWidget() is order[(start + k) % len(order)]
    qtbot.keyClick(win.focusWidget(), Qt.Key_Tab, Qt.ShiftModifier)
    assert win.focusWidget() is order[start - 1]


def test_collapse_group_folds_lanes(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    assert "LG Display" in win.timeline.lanes
    top = next(win.filters.companies.topLevelItem(i) for i in range(win.filters.companies.topLevelItemCount())
               if win.filters.companies.topLevelItem(i).text(0) == "LG Group")
    top.setExpanded(False)
    assert "LG Display" not in win.timeline.lanes and "LG Group" in win.timeline.lanes
    lg = win.timeline.lanes.index("LG Group")
    idx = win.timeline.index
    display_events = {r for r in range(win.cols.n) if "LG Display" in win.model.event_at(r).companies
                      and not np.isnan(win.cols.t0[r])}
    assert display_events <= set(idx.event[idx.lane == lg].tolist())
    top.setExpanded(True)
    assert "LG Display" in win.timeline.lanes


def test_exports_and_opening_an_extraction(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    win.filters.only_company("Samsung Electronics")
    out = tmp_path / "events.json"
    win.export_events_to(str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "timeline-app/2"
    assert data["events"] and all("Samsung Electronics" in e["companies"] for e in data["events"])
    csv_out = tmp_path / "events.csv"
    win.export_events_to(str(csv_out))
    assert csv_out.read_text(encoding="utf-8").startswith("id,type,type_label,family,summary")
    png = tmp_path / "timeline.png"
    win.export_image_to(str(png))
    assert png.stat().st_size > 5000
    # the exported extraction opens as a workspace of its own
    win2 = MainWindow(str(tmp_path / "other.timeline"))
    qtbot.addWidget(win2)
    win2.open_paths([str(out)])
    assert win2.cols.n == len(data["events"])
    assert Path(win2.workspace_path).name == "events.timeline"


def test_svg_export(qtbot, tmp_path: Path, seeds_workspace: Path) -> None:
    win = _open_seeds(qtbot, tmp_path, seeds_workspace)
    svg = tmp_path / "t.svg"
    win.export_image_to(str(svg))
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    shapes = sum(text.count(tag) for tag in ("<rect", "<path", "<polygon", "<polyline"))
    assert shapes > 50  # lanes, marks and bars as vector shapes


def test_bad_workspace_is_reported_not_fatal(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.timeline"
    bad.write_bytes(b"not sqlite at all" * 50)
    win = MainWindow(str(tmp_path / "ok.timeline"))
    qtbot.addWidget(win)
    win.open_workspace(str(bad))
    assert "not a Timeline workspace" in win.statusBar().currentMessage()
    assert win.workspace_path == str(tmp_path / "ok.timeline")


def test_about_dialog_and_icon(qtbot, tmp_path: Path) -> None:
    from timeline_app import __version__
    from timeline_app.gui.icon import app_icon

    assert not app_icon().isNull()
    win = _shown(qtbot, tmp_path / "w.timeline")
    win.actions_by_slot["show_about"].trigger()
    text = win.about_box.text()
    assert f"Timeline {__version__}" in text
    assert "LGPL" in text and "spaCy" in text and "CC BY 4.0" in text
