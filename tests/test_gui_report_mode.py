"""Export report over very many shown events (issue 23) asks first: every event with its evidence, or a summary by
company and month; each answer is followed (Cancel writes nothing), driven by real clicks and keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.report_question import ReportModeQuestion

from .gui_support import isolate_settings, open_copy, seeds_workspace_in


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def seeds_ws(tmp_path_factory) -> Path:
    return seeds_workspace_in(tmp_path_factory.mktemp("ws"))


def _asked(qtbot, win: MainWindow, out: Path) -> ReportModeQuestion:
    """Export a report of the shown events with the threshold under their number: the question, shown."""
    shown = int(win.shown_mask.sum())
    assert shown > 5
    win.report_ask_over = 5
    win.export_report_to(str(out))
    question = win._report_question
    assert question is not None
    qtbot.waitExposed(question)
    assert f"{shown:,} events" in question.text() and win._report_thread is None and not out.exists()
    return question


def test_summary_answer_writes_the_summary(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = open_copy(qtbot, tmp_path, seeds_ws)
    out = tmp_path / "summary.html"
    question = _asked(qtbot, win, out)
    win.export_report_to(str(tmp_path / "other.html"))  # asked again meanwhile: the one question stays
    assert win._report_question is question and len(win.findChildren(ReportModeQuestion)) == 1
    with qtbot.waitSignal(win.reportDone, timeout=60_000) as done:
        qtbot.mouseClick(question.summary_button, Qt.MouseButton.LeftButton)
    assert done.args == [str(out)]
    h = out.read_text(encoding="utf-8")
    assert "Summary by company and month" in h and "<blockquote>" not in h and "Samsung SDI" in h
    assert not question.isVisible() and win._report_question is None


def test_full_answer_writes_every_event(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = open_copy(qtbot, tmp_path, seeds_ws)
    out = tmp_path / "full.html"
    question = _asked(qtbot, win, out)
    with qtbot.waitSignal(win.reportDone, timeout=60_000) as done:
        qtbot.mouseClick(question.full_button, Qt.MouseButton.LeftButton)
    assert done.args == [str(out)]
    h = out.read_text(encoding="utf-8")
    assert "Events in date order" in h and "<blockquote>" in h and "Summary by company" not in h
    assert h.count("<div class='event'>") == int(win.shown_mask.sum())


def test_cancel_writes_nothing_and_a_small_selection_is_not_asked(qtbot, tmp_path: Path, seeds_ws: Path) -> None:
    win = open_copy(qtbot, tmp_path, seeds_ws)
    out = tmp_path / "none.html"
    question = _asked(qtbot, win, out)
    with qtbot.waitSignal(question.chosen, timeout=10_000) as said:
        qtbot.keyClick(question, Qt.Key.Key_Escape)
    assert said.args == [""]
    assert not out.exists() and win._report_thread is None and win._report_question is None
    question = _asked(qtbot, win, out)
    with qtbot.waitSignal(question.chosen, timeout=10_000):
        qtbot.mouseClick(question.cancel_button, Qt.MouseButton.LeftButton)
    assert not out.exists() and win._report_thread is None
    win.report_ask_over = 10_000  # under the threshold: written at once, every event
    with qtbot.waitSignal(win.reportDone, timeout=60_000):
        win.export_report_to(str(out))
    assert win._report_question is None and "<blockquote>" in out.read_text(encoding="utf-8")


def test_the_cancel_button_stops_a_report_being_written(qtbot, tmp_path: Path, seeds_ws: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from timeline_app.gui import report_worker

    real = report_worker.write_report_file
    started = threading.Event()

    def held(*args, cancelled, **kwargs):  # the worker waits (in its thread) until Cancel is clicked
        started.set()
        for _ in range(600):
            if cancelled():
                break
            threading.Event().wait(0.05)
        return real(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(report_worker, "write_report_file", held)
    win = open_copy(qtbot, tmp_path, seeds_ws)
    out = tmp_path / "r.html"
    win.export_report_to(str(out), "full")
    qtbot.waitUntil(started.is_set)
    assert win.cancel_button.isVisible()
    with qtbot.waitSignal(win.reportDone, timeout=30_000) as done:
        qtbot.mouseClick(win.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == [""] and not out.exists()
    assert "cancelled" in win.statusBar().currentMessage() and not win.cancel_button.isVisible()
