"""File ▸ Import (format, column mapping, preview, import off the UI thread onto the timeline) and File ▸ Export
of the current filter in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox

from timeline_app.core.formats.export import FORMATS
from timeline_app.gui.main_window import MainWindow

from .gui_support import isolate_settings, shown_window


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


def _window(qtbot, path: Path) -> MainWindow:
    return shown_window(qtbot, path, (1400, 900), active=False)


def test_import_dialog_maps_columns_previews_and_imports(qtbot, tmp_path: Path) -> None:
    src = tmp_path / "deals.csv"
    src.write_text("Ref,Closing,Buyer,Target,Note\n"
                   "1,2024-03-05,Acme <b>Corp</b>,Globex,Acme buys Globex\n"
                   "2,later,Initech,,bad date\n"
                   "3,Q2 2023,Initech,Acme <b>Corp</b>,Initech teams up\n", encoding="utf-8")
    win = _window(qtbot, tmp_path / "w.timeline")
    assert "import_events" in win.actions_by_slot
    dlg = win.import_events_from(str(src), run=False)
    assert dlg.fmt() == "csv"
    # nothing says which column holds the date or the companies: the preview says so and Import is off
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "cannot tell which columns" in dlg.summary.text()
    # the user maps the columns in the table; the preview follows
    box = dlg.mapping_table.cellWidget(dlg.columns.index("Closing"), 1)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData("date"))
    dlg.set_column("Buyer", "companies")
    dlg.set_column("Target", "companies")
    dlg.set_column("Note", "summary")
    assert ok.isEnabled()
    assert dlg.mapping() == {"date": ["Closing"], "companies": ["Buyer", "Target"], "summary": ["Note"]}
    cells = [[dlg.preview.item(r, c).text() for c in range(6)] for r in range(dlg.preview.rowCount())]
    assert cells[0][:4] == ["2", "2024-03-05", "day", "Acme <b>Corp</b>; Globex"]  # shown as plain text
    assert cells[1][0] == "row 3" and cells[1][5].startswith("refused: cannot read 'later'")
    assert cells[2][1:3] == ["2023-04-01", "quarter"]
    with qtbot.waitSignal(win.imported, timeout=30000) as got:
        ok.click()
    batch = got.args[0]
    assert len(batch.events) == 2 and len(batch.rejected) == 1
    assert win.cols is not None and win.cols.n == 2
    assert {"Acme <b>Corp</b>", "Globex", "Initech"} <= set(win.cols.companies)
    assert "Imported 2 event(s) from deals.csv" in win.status_label.text()


def test_export_of_the_current_filter_in_every_format(qtbot, tmp_path: Path) -> None:
    src = tmp_path / "e.csv"
    src.write_text("date,company,headline\n2024-01-02,Acme,Acme opens\nMarch 2024,Globex,Globex grows\n"
                   "undated,Acme,Acme someday\n", encoding="utf-8")
    win = _window(qtbot, tmp_path / "w.timeline")
    with qtbot.waitSignal(win.imported, timeout=30000):
        win.start_import(str(src), "csv", None)
    win.filters.only_company("Acme")
    for name in FORMATS:
        win.export_events_to(str(tmp_path / f"out.{name}"), name)
    doc = json.loads((tmp_path / "out.json").read_text())
    assert sorted(e["summary"] for e in doc["events"]) == ["Acme opens", "Acme someday"]
    cal = Calendar.from_ical((tmp_path / "out.ics").read_bytes())
    assert [str(v["summary"]) for v in cal.walk("VEVENT")] == ["Acme opens"]
    tl = json.loads((tmp_path / "out.timelinejs").read_text())
    assert [e["start_date"] for e in tl["events"]] == [{"year": 2024, "month": 1, "day": 2}]
    assert "undated left out" in win.statusBar().currentMessage()


def test_import_can_be_cancelled_before_anything_is_stored(qtbot, tmp_path: Path) -> None:
    from timeline_app.core.store.workspace import Workspace
    from timeline_app.gui.import_dialog import ImportWorker

    src = tmp_path / "e.csv"
    src.write_text("date,company,headline\n2024-01-02,Acme,Acme opens\n", encoding="utf-8")
    win = _window(qtbot, tmp_path / "w.timeline")
    with qtbot.waitSignal(win.imported, timeout=30000):
        win.start_import(str(src), "csv", None)
        assert win.cancel_button.isVisible()  # the status bar's Cancel is offered while it runs
    assert not win.cancel_button.isVisible()
    worker = ImportWorker(str(tmp_path / "w2.timeline"), str(src), "csv", None)
    worker.cancel()
    with qtbot.waitSignal(worker.failed, timeout=30000) as got:
        worker.run()
    assert got.args[0] == "cancelled; nothing was imported"
    ws = Workspace(tmp_path / "w2.timeline")
    assert ws.events() == []
    ws.close()


def test_the_status_bar_cancel_reaches_a_running_import_at_once(qtbot, tmp_path: Path) -> None:
    src = tmp_path / "e.csv"
    src.write_text("date,company,headline\n2024-01-02,Acme,Acme opens\n", encoding="utf-8")
    win = _window(qtbot, tmp_path / "w.timeline")
    with qtbot.waitSignal(win.imported, timeout=30000, raising=False):
        win.start_import(str(src), "csv", None)
        worker = win._import_worker
        qtbot.mouseClick(win.cancel_button, Qt.MouseButton.LeftButton)
        # set on the UI thread by the click (a slot of the worker would wait for its busy thread)
        assert worker is not None and worker._cancel.is_set()
    qtbot.waitUntil(lambda: win._import_thread is None, timeout=30000)
