"""Curation in the real window, driven by keys: edit a date and see the mark move, undo and redo it; merge two
events; add an event from a text selection; delete, star, history; the detail pane marks edited fields."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit

from timeline_app.core.index import date_to_seconds
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


def _n_events(win: MainWindow) -> int:
    return win.cols.n


def test_edit_date_by_keyboard_then_undo_redo(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    qtbot.keyClick(win.timeline, Qt.Key_Home)
    row = win.current
    assert row >= 0 and not np.isnan(win.cols.t0[row])
    ev = win.model.event_at(row)
    before = float(win.cols.t0[row])
    qtbot.keyClick(win.timeline, Qt.Key_E)
    dlg = win.edit_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.date)  # the date field has the keyboard
    field = dlg.date
    qtbot.keyClicks(field, "3 Mar 2021")
    assert "3 Mar 2021" in dlg.date_hint.text()
    qtbot.keyClick(field, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible() and win.isActiveWindow())  # the keyboard is back on the window
    moved = win.current
    assert win.model.event_at(moved).id == ev.id
    new_t = date_to_seconds(dt.date(2021, 3, 3))
    assert float(win.cols.t0[moved]) == new_t
    # the mark moved: the drawn placements of the selected event now sit at the new date
    idx = win.timeline.index
    assert win.timeline.item.selected == moved and set(idx.t0[idx.placements_of(moved)]) == {new_t}
    assert "✎" in win.detail.text() and "set by you" in win.detail.text()
    assert "date" in win.actions_by_slot["undo_edit"].text()
    qtbot.keyClick(win.timeline, Qt.Key_Z, Qt.ControlModifier)
    back = win.current
    assert float(win.cols.t0[back]) == before and win.model.event_at(back).id == ev.id
    assert set(win.timeline.index.t0[win.timeline.index.placements_of(back)]) == {before}
    assert "✎" not in win.detail.text()
    qtbot.keyClick(win.timeline, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert float(win.cols.t0[win.current]) == date_to_seconds(dt.date(2021, 3, 3))
    # a date that cannot be read is refused in the dialog, nothing changes
    qtbot.keyClick(win.timeline, Qt.Key_E)
    dlg = win.edit_dialog
    qtbot.waitUntil(dlg.isVisible)
    qtbot.keyClicks(dlg.date, "someday soon")
    qtbot.keyClick(dlg.date, Qt.Key_Return)
    assert dlg.isVisible() and "cannot read" in dlg.error.text()
    qtbot.keyClick(dlg.date, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert win.undo_stack.count() == 1


def test_merge_two_events_with_m(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    n = _n_events(win)
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key_Home)
    first = win.current
    qtbot.keyClick(win.table, Qt.Key_Down, Qt.ShiftModifier)
    rows = {win.proxy.source_row(i.row()) for i in win.table.selectionModel().selectedRows()}
    assert len(rows) == 2 and first in rows
    evs = [win.model.event_at(r) for r in rows]
    qtbot.keyClick(win.table, Qt.Key_M)
    assert _n_events(win) == n - 1
    merged = win.model.event_at(win.current)
    assert len(merged.sources) == sum(len(e.sources) for e in evs)
    assert "merged or split by you" in win.detail.text()
    qtbot.keyClick(win.table, Qt.Key_Z, Qt.ControlModifier)
    assert _n_events(win) == n


def test_add_event_from_selection(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    n = _n_events(win)
    qtbot.keyClick(win.timeline, Qt.Key_Home)
    qtbot.keyClick(win.timeline, Qt.Key_Return)  # open the source, focus it
    doc = win._document(win.source.document_id)
    line = [x for x in doc.text.splitlines() if len(x.split()) > 12][-1]
    sentence = " ".join(line.split()[2:11])
    shown = win.source.browser.document().toPlainText()
    at = shown.find(sentence)
    assert at >= 0
    cur = win.source.browser.textCursor()
    cur.setPosition(at)
    cur.setPosition(at + len(sentence), QTextCursor.KeepAnchor)
    win.source.browser.setTextCursor(cur)
    qtbot.keyClick(win.source.browser, Qt.Key_A)
    assert _n_events(win) == n + 1
    added = win.model.event_at(win.current)
    assert added.edited == ["added"] and doc.text[added.sources[0].start:added.sources[0].end] == sentence
    assert "added by you" in win.detail.text()
    qtbot.keyClick(win.timeline, Qt.Key_Z, Qt.ControlModifier)
    assert _n_events(win) == n


def test_delete_star_note_and_history(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    n = _n_events(win)
    qtbot.keyClick(win.timeline, Qt.Key_End)
    qtbot.keyClick(win.timeline, Qt.Key_S)
    assert win.model.event_at(win.current).starred and "★" in win.detail.text()
    pr = win.proxy.proxy_row(win.current)
    assert win.proxy.index(pr, 3).data().startswith("★ ")  # the table shows the user's mark
    qtbot.keyClick(win.timeline, Qt.Key_Delete)
    assert _n_events(win) == n - 1
    assert win.actions_by_slot["undo_edit"].text().startswith("&Undo") and "deleted" in \
        win.actions_by_slot["undo_edit"].text()
    qtbot.keyClick(win.timeline, Qt.Key_H, Qt.ControlModifier)
    dlg = win.history_dialog
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.list.count() == 2 and "deleted" in dlg.list.item(0).text()
    qtbot.mouseClick(dlg.revert, Qt.LeftButton)  # revert the delete from the history
    assert _n_events(win) == n and "reverted" in dlg.list.item(0).text()
    dlg.close()
    qtbot.keyClick(win.timeline, Qt.Key_Z, Qt.ControlModifier)  # undo the revert: deleted again
    assert _n_events(win) == n - 1
    # the F1 sheet lists the edit keys
    qtbot.keyClick(win.timeline, Qt.Key_F1)
    sheet = win.shortcut_dialog.findChild(type(win.source.browser).__mro__[1]).toPlainText()
    for name in ("Edit event", "Delete event", "Merge selected events", "Star event", "Note", "Undo", "Redo"):
        assert name in sheet


def test_split_source_and_company_rename(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    n = _n_events(win)
    multi = next(r for r in range(win.cols.n) if len(win.model.event_at(r).sources) >= 2)
    win.select_event(multi, origin="key")
    k = len(win.model.event_at(multi).sources)
    qtbot.keyClick(win.timeline, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    assert _n_events(win) == n + 1 and len(win.model.event_at(win.current).sources) == k - 1
    qtbot.keyClick(win.timeline, Qt.Key_Z, Qt.ControlModifier)
    assert _n_events(win) == n
    company = win.model.event_at(win.current).companies[0]
    qtbot.keyClick(win.timeline, Qt.Key_K)
    dlg = win.company_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.value)
    dlg.name.setText(company)
    qtbot.keyClicks(dlg.value, "Renamed Co")
    qtbot.keyClick(dlg.value, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert "Renamed Co" in win.cols.companies and company not in win.cols.companies
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win.timeline, Qt.Key_Z, Qt.ControlModifier)
    assert company in win.cols.companies


def test_detail_pane_shows_article_strings_as_text(qtbot) -> None:
    from timeline_app.core.model import Document, Event, Mention, Source
    from timeline_app.gui.detail_pane import DetailPane

    evil = "<img src='/dev/zero'><b>Bold</b>"
    doc = Document("d1", "/x/a.txt", evil, "Acme met Beta on 3 March 2024.", date=dt.date(2024, 3, 5),
                   outlet=evil, mentions=[Mention(17, 29, "3 March 2024", "date", None, "2024-03-03")])
    ev = Event("e1", "meeting", evil, dt.date(2024, 3, 3), dt.date(2024, 3, 3), "day", "happened", [evil],
               sources=[Source("d1", 0, 30, 5, 8)], notes=evil, edited=["summary"])
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_event(ev, {"d1": doc}.get)
    text = pane.text()
    assert text.count(evil) >= 3  # summary, companies, note and the source line, all literally
    assert "from “3 March 2024” in the text" in text and "✎" in text
    assert pane.sources.item(0).text() == f"2024-03-05 · {evil} · {evil}"


def test_article_date_by_keyboard_dates_its_events(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    rows = [r for r in range(win.cols.n) if np.isnan(win.cols.t0[r])]
    row = next(r for r in rows if win._document(win.model.event_at(r).sources[0].document).date is None)
    doc_id = win.model.event_at(row).sources[0].document
    undated_before = sum(1 for r in rows if win.model.event_at(r).sources[0].document == doc_id)
    win.select_event(row, origin="key")
    qtbot.keyClick(win.timeline, Qt.Key_D, Qt.ControlModifier)
    dlg = win.article_date_dialog
    qtbot.waitUntil(dlg.isVisible)
    field = dlg.findChild(QLineEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "10 Nov 2025")
    qtbot.keyClick(field, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert win.ws.document(doc_id).date == dt.date(2025, 11, 10)
    undated_after = sum(1 for r in range(win.cols.n) if np.isnan(win.cols.t0[r])
                        and any(s.document == doc_id for s in win.model.event_at(r).sources))
    assert undated_after < undated_before  # its relative dates resolved against the new publication date
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win.timeline, Qt.Key_Z, Qt.ControlModifier)
    assert win.ws.document(doc_id).date is None


def test_undo_stack_belongs_to_its_workspace(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    qtbot.keyClick(win.timeline, Qt.Key_Home)
    qtbot.keyClick(win.timeline, Qt.Key_S)
    assert win.undo_stack.count() == 1
    other = tmp_path / "other.timeline"
    shutil.copy(seeds_ws, other)
    win.open_workspace(str(other))
    assert win.undo_stack.count() == 0 and not win.actions_by_slot["undo_edit"].isEnabled()


def test_edit_reverted_from_history_after_reopening(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = _win(qtbot, tmp_path, seeds_ws)
    qtbot.keyClick(win.timeline, Qt.Key_Home)
    ev_id = win.model.event_at(win.current).id
    qtbot.keyClick(win.timeline, Qt.Key_S)
    path = win.workspace_path
    win.close()  # closes the workspace (and its lock)
    again = MainWindow(path)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    starred = [r for r in range(again.cols.n) if again.model.event_at(r).starred]
    assert [again.model.event_at(r).id for r in starred] == [ev_id] and again.undo_stack.count() == 0
    again.show_edit_history()
    dlg = again.history_dialog
    assert dlg.list.count() == 1 and "[active]" in dlg.list.item(0).text()
    qtbot.mouseClick(dlg.revert, Qt.LeftButton)
    assert not any(again.model.event_at(r).starred for r in range(again.cols.n))
    assert "[reverted]" in dlg.list.item(0).text()
