"""The review queue and bulk curation in the real window, driven by keys (issue 22): R opens the queue on the
least sure event, Enter/Y accepts (✓ in the table), N rejects (off the timeline), T retypes, Space skips,
Backspace goes back, 1–4 filter, the progress line counts, Ctrl+Z undoes each step; bulk Del, retype, company,
accept and reject on a table selection are one undo step each."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from timeline_app.core import review
from timeline_app.gui.main_window import MainWindow

from .gui_support import isolate_settings, open_copy, seeds_workspace_in


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def seeds_ws(tmp_path_factory) -> Path:
    """One extraction of the seeds, copied for each test that needs it."""
    return seeds_workspace_in(tmp_path_factory.mktemp("ws"))


def _win(qtbot, tmp_path: Path, seeds_ws: Path) -> MainWindow:
    return open_copy(qtbot, tmp_path, seeds_ws)


def _id(win: MainWindow) -> str:
    return win.model.event_at(win.current).id


def test_review_queue_by_keys(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    n = win.cols.n
    qtbot.keyClick(win.timeline, Qt.Key_R)
    panel = win.review_panel
    assert panel.isVisible() and not win.detail.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel)
    queue = [e.id for e in win.review_entries]
    conf = [e.confidence for e in win.review_entries]
    assert len(queue) == n and conf == sorted(conf)  # nothing reviewed yet: all new; least sure first
    assert _id(win) == queue[0]  # selected on the timeline and in the table, evidence in the source panel
    assert win.source.current_event is not None and win.source.current_event.id == queue[0]
    assert panel.progress.text().startswith(f"0 of {n} reviewed")
    assert f"Event 1 of {n}" in panel.position.text()
    # Enter accepts: confirmed ✓, drawn so in the table, next event shown
    qtbot.keyClick(panel, Qt.Key_Return)
    assert panel.progress.text().startswith(f"1 of {n} reviewed")
    assert _id(win) == queue[1] and f"Event 2 of {n}" in panel.position.text()
    row = win._row_of_id(queue[0])
    assert win.model.event_at(row).review == "confirmed"
    assert win.table_proxy.index(win.table_proxy.proxy_row(row), 3).data().startswith("✓ ")
    # N: not an event — off the timeline; its evidence is what was shown
    qtbot.keyClick(panel, Qt.Key_N)
    assert win.cols.n == n - 1 and win._row_of_id(queue[1]) < 0
    assert panel.progress.text().startswith(f"2 of {n} reviewed")
    assert win.undo_stack.count() == 2 and "Rejected" in win.actions_by_slot["undo_edit"].text()
    # Space skips, Backspace goes back
    qtbot.keyClick(panel, Qt.Key_Space)
    assert _id(win) == queue[3]
    qtbot.keyClick(panel, Qt.Key_Backspace)
    assert _id(win) == queue[2]
    # T retypes the event under review
    qtbot.keyClick(panel, Qt.Key_T)
    dlg = win.retype_dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.type.setCurrentIndex(dlg.type.findData("lawsuit"))
    qtbot.keyClick(dlg.type, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert win.model.event_at(win._row_of_id(queue[2])).type == "lawsuit"
    assert "Lawsuit" in panel.card.text() and win.undo_stack.count() == 3
    # the filters
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key_2)
    assert [e.id for e in win.review_entries] == [queue[0]] and "confirmed" in panel.card.text()
    qtbot.keyClick(panel, Qt.Key_3)
    assert [e.id for e in win.review_entries] == [queue[1]] and "rejected" in panel.card.text()
    assert win.source.current_event.id == queue[1]  # a rejected event's evidence still shows
    qtbot.keyClick(panel, Qt.Key_1)
    assert len(win.review_entries) == n - 2 and panel.filter.currentData() == "unreviewed"
    # every step undoable (Ctrl+Z reaches the window while the panel has the keyboard)
    qtbot.keyClick(panel, Qt.Key_Z, Qt.ControlModifier)
    assert win.model.event_at(win._row_of_id(queue[2])).type != "lawsuit"
    qtbot.keyClick(panel, Qt.Key_Z, Qt.ControlModifier)
    assert win.cols.n == n and panel.progress.text().startswith(f"1 of {n} reviewed")
    qtbot.keyClick(panel, Qt.Key_Z, Qt.ControlModifier)
    assert panel.progress.text().startswith(f"0 of {n} reviewed")
    assert win.model.event_at(win._row_of_id(queue[0])).review == ""
    qtbot.keyClick(panel, Qt.Key_Escape)
    assert not panel.isVisible() and win.detail.isVisible()


def test_bulk_curation_on_a_table_selection(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    n = win.cols.n
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key_Home)
    for _ in range(3):
        qtbot.keyClick(win.table, Qt.Key_Down, Qt.ShiftModifier)
    rows = win.selected_rows()
    ids = {win.model.event_at(r).id for r in rows}
    assert len(rows) == 4
    # retype all four: one step
    qtbot.keyClick(win.table, Qt.Key_T)
    dlg = win.retype_dialog
    qtbot.waitUntil(dlg.isVisible)
    assert "4 events" in dlg.windowTitle()
    dlg.type.setCurrentIndex(dlg.type.findData("recall"))
    dlg.accept()
    qtbot.waitUntil(lambda: not dlg.isVisible())
    types = {e.id: e.type for e in win.ws.events()}
    assert all(types[i] == "recall" for i in ids) and win.undo_stack.count() == 1
    qtbot.keyClick(win.table, Qt.Key_Z, Qt.ControlModifier)
    types = {e.id: e.type for e in win.ws.events()}
    assert not any(types[i] == "recall" for i in ids)

    def reselect() -> None:
        win.table.clearSelection()
        win.current = -1
        sm = win.table.selectionModel()
        for r in rows:
            pr = win.table_proxy.proxy_row(r)
            sm.select(win.table_proxy.index(pr, 0), sm.SelectionFlag.Select | sm.SelectionFlag.Rows)
        assert len(win.selected_rows()) == 4

    # a company for all of them, then removed: one step each
    reselect()
    win.add_company_to_selection()
    dlg = win.bulk_company_dialog
    qtbot.waitUntil(dlg.isVisible)
    qtbot.keyClicks(dlg.edit, "Acme Holdings")
    dlg.accept()
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert all("Acme Holdings" in e.companies for e in win.ws.events() if e.id in ids)
    assert "Acme Holdings" in win.cols.companies and win.undo_stack.index() == 1  # the undone retype is gone
    reselect()
    win.remove_company_from_selection()
    dlg = win.bulk_company_dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.combo.setCurrentText("Acme Holdings")
    dlg.accept()
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert "Acme Holdings" not in win.cols.companies
    # accept all four with Y; reject them with Shift+N; delete them with Del — each one step
    reselect()
    qtbot.keyClick(win.table, Qt.Key_Y)
    assert sum(e.review == "confirmed" for e in win.ws.events()) == 4
    reselect()
    qtbot.keyClick(win.table, Qt.Key_N, Qt.ShiftModifier)
    assert win.cols.n == n - 4 and len(review.queue(win.ws, "rejected")) == 4
    qtbot.keyClick(win.table, Qt.Key_Z, Qt.ControlModifier)
    assert win.cols.n == n
    reselect()
    qtbot.keyClick(win.table, Qt.Key_Delete)
    assert win.cols.n == n - 4
    steps = win.undo_stack.count()
    qtbot.keyClick(win.table, Qt.Key_Z, Qt.ControlModifier)
    assert win.cols.n == n and win.undo_stack.index() == steps - 1


def test_titles_on_marks_never_overlap_and_checks_mark_confirmed_events(qtbot, tmp_path: Path,
                                                                         seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    titles = win.titles_item
    win.grab()  # one paint
    assert titles.last_count > 0
    placed = list(titles.placed)
    assert placed, "few marks in view: they carry their titles"
    # zoomed far out, a dense view has no titles (hover shows them)
    win.timeline.vb.setXRange(-2.0e9, 4.0e9, padding=0)
    win.grab()
    assert titles.last_count > 0
    win.fit_all()
    win.grab()
    assert [r for r, _ in titles.placed] == [r for r, _ in placed]
    rows = {r for r, _ in placed}
    summaries = {r: win.model.event_at(r).summary for r in rows}
    assert all(summaries[r] for r in rows)
    for i, (_, a) in enumerate(placed):  # no title overlaps another
        for _, b in placed[i + 1:]:
            assert not a.intersected(b).isValid() or a.intersected(b).isEmpty()
    # ... nor covers a mark: no title rect holds the centre of a day mark drawn in its lane
    idx, tr = win.timeline.index, titles.deviceTransform(win.timeline.viewportTransform())
    for row, rect in placed:
        lane = round(tr.inverted()[0].map(rect.center()).y())
        s, e = idx.lane_start[lane], idx.lane_start[lane + 1]
        for k in range(s, e):
            if idx.t1[k] - idx.t0[k] <= 86400 and int(idx.event[k]) != row:
                c = tr.map(QPointF((idx.t0[k] + idx.t1[k]) / 2, lane))
                assert not rect.contains(c)
    vb = win.timeline.vb
    # the toggle
    win.toggle_titles()
    win.grab()
    assert titles.placed == [] and not titles.enabled
    win.toggle_titles()
    win.grab()
    assert titles.placed
    # accepting an event gives it a check on the timeline
    row = placed[0][0]
    win.select_event(row, origin="key")
    qtbot.keyClick(win.timeline, Qt.Key_Y)
    new_row = win.current
    assert win.model.event_at(new_row).review == "confirmed" and titles.confirmed[new_row]
    assert "✓ confirmed by you" in win.detail.text()
    assert int(titles.confirmed.sum()) == 1
    qtbot.keyClick(win.timeline, Qt.Key_Z, Qt.ControlModifier)
    assert int(titles.confirmed.sum()) == 0
    assert vb is win.timeline.vb


def test_rubber_band_on_the_timeline_selects_for_bulk_actions(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    n = win.cols.n
    idx = win.timeline.index
    (x0, x1), (y0, y1) = win.timeline.vb.viewRange()
    # a Ctrl+drag over the whole plot area of the timeline
    vp = win.timeline.viewport()
    tl = win.timeline.mapFromScene(win.timeline.vb.mapViewToScene(QPointF(x0 + (x1 - x0) * 0.01, y0 + 0.05)))
    br = win.timeline.mapFromScene(win.timeline.vb.mapViewToScene(QPointF(x1 - (x1 - x0) * 0.01, y1 - 0.05)))
    ctrl = Qt.KeyboardModifier.ControlModifier

    def send(kind: QEvent.Type, at: QPoint, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        QApplication.sendEvent(vp, QMouseEvent(kind, QPointF(at), QPointF(vp.mapToGlobal(at)), button, buttons, ctrl))

    left = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, tl, left, left)
    for k in range(1, 6):
        send(QEvent.Type.MouseMove, tl + (br - tl) * (k / 5), Qt.MouseButton.NoButton, left)
    with qtbot.waitSignal(win.timeline.vb.sigSelectRect, timeout=2000):
        send(QEvent.Type.MouseButtonRelease, br, left, Qt.MouseButton.NoButton)
    dated_shown = len(set(idx.event.tolist()))
    assert len(win.selected_rows()) == dated_shown and win.timeline.vb.viewRange()[0] == [x0, x1]  # no pan/zoom
    # a small rectangle around one lane's stretch selects only what is in it
    lane = int(idx.lane[0])
    t = float(idx.t0[idx.lane_start[lane]])
    got = win.select_in_rect(QRectF(t - 3600, lane - 0.4, 7200, 0.8))
    assert got >= 1 and all(lane in set(idx.lane[idx.placements_of(r)].tolist()) for r in win.selected_rows())
    # the selection, accepted in one step
    k = len(win.selected_rows())
    qtbot.keyClick(win.timeline, Qt.Key_Y)
    assert sum(e.review == "confirmed" for e in win.ws.events()) == k and win.undo_stack.count() == 1
    assert win.cols.n == n


def test_forget_what_corrections_taught_asks_then_forgets(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from timeline_app.core import learned

    win = _win(qtbot, tmp_path, seeds_ws)
    win.actions_by_slot["forget_learned"].trigger()  # nothing learned yet: said, nothing asked
    assert "No correction" in win.statusBar().currentMessage()
    win.current = 0
    win.selectionChanged.emit(0)
    qtbot.keyClick(win.timeline, Qt.Key.Key_Y)  # accept: a correction that teaches
    qtbot.waitUntil(lambda: learned.corrections(win.ws) != [])
    win.actions_by_slot["forget_learned"].trigger()
    box = win._message_box
    assert isinstance(box, QMessageBox) and box.isVisible() and "cannot be undone" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert learned.corrections(win.ws) != []  # cancelled: kept
    win.actions_by_slot["forget_learned"].trigger()
    qtbot.mouseClick(win._message_box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Forgot what" in win.statusBar().currentMessage())
    assert learned.corrections(win.ws) == []
    assert win.ws.db.execute("SELECT review FROM events WHERE review IS NOT NULL").fetchall()  # still applied
