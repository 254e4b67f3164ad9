"""Issue 21, imports, lanes and date labels: real TimelineJS and Timesketch files (tests/data/interop) import with
every dated slide or row and appear on the timeline, events without a company get a "(no company)" lane, lanes
by any field (View ▸ Lanes by, kept in the settings), times of day kept (19:01:01, :02, :03 stay apart, the axis
shows seconds), and one date label for every view ("Dec 2006 to Mar 2007" shows both ends)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings

from timeline_app.core.dates.labels import event_date_label
from timeline_app.core.index import DAY, NO_COMPANY
from timeline_app.gui.lanes_by import SETTINGS_KEY
from timeline_app.gui.main_window import MainWindow

from .gui_support import isolate_settings, shown_window

DATA = Path(__file__).parent / "data" / "interop"
#: every file and how many dated slides or rows it holds (all of them import)
FILES = {"timelinejs-women_in_computing.json": 10, "timelinejs-houston.json": 18, "timelinejs-republican.json": 13,
         "timelinejs-user-interface.json": 22, "timesketch-sigma_events.jsonl": 4,
         "timesketch-validate_time_precision.csv": 2, "timesketch-validate_date_events.csv": 2}


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


def _window(qtbot, path: Path) -> MainWindow:
    return shown_window(qtbot, path, (1400, 900), active=False)


def _import(qtbot, win: MainWindow, name: str) -> None:
    with qtbot.waitSignal(win.imported, timeout=60000) as got:
        win.start_import(str(DATA / name), None, None)
    batch = got.args[0]
    assert (len(batch.events), [str(r) for r in batch.rejected]) == (FILES[name], [])


def test_real_files_import_whole_and_company_less_events_get_a_lane(qtbot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path / "w.timeline")
    for name in FILES:
        _import(qtbot, win, name)
    assert win.cols is not None
    total = sum(FILES.values())
    assert win.cols.n == total and int(win.shown_mask.sum()) == total
    # none names a company: every event is placed in the one "(no company)" lane, none vanishes
    assert win.timeline.lanes == [NO_COMPANY]
    assert win.timeline.index is not None and len(win.timeline.index) == total
    win.show_status()
    assert f"{total} of {total} events shown, 1 lanes" in win.status_label.text()
    # the lane is an entry of the company list like any company
    assert NO_COMPANY in win.cols.companies


def test_times_of_day_stay_apart_and_the_axis_shows_seconds(qtbot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path / "w.timeline")
    dlg = win.import_events_from(str(DATA / "timesketch-sigma_events.jsonl"), run=False)  # the preview says it too
    assert [dlg.preview.item(r, 1).text() for r in range(3)] == [
        f"2015-07-24T19:01:0{s}+00:00" for s in (1, 2, 3)]
    assert dlg.preview.item(0, 2).text() == "second"
    dlg.reject()
    _import(qtbot, win, "timesketch-sigma_events.jsonl")
    cols = win.cols
    assert cols is not None
    t0 = np.sort(cols.t0)
    day = float(np.floor(t0[0] / DAY) * DAY)
    # 19:01:01, 19:01:02 and 19:01:03 (twice): three distinct times, one second apart, on their day
    assert [t - day for t in t0] == [68461.0, 68462.0, 68463.0, 68463.0]
    assert win.timeline.index is not None and len(win.timeline.index) == 4
    rows = {win.model.event_at(r).summary: r for r in range(cols.n)}  # type: ignore[union-attr]
    ev = win.model.event_at(rows["Another message"])
    assert ev is not None and ev.precision == "second" and str(ev.start_time) == "19:01:02+00:00"
    # every view writes the time: the table, the tooltip and the detail pane
    assert win.model.data(win.model.index(rows["Another message"], 0)) == "24 Jul 2015 19:01:02"
    assert "24 Jul 2015 19:01:02 UTC" in win.tooltip(ev, rows["Another message"])
    assert event_date_label(ev) == "24 Jul 2015 19:01:02 UTC"
    # Z zooms to the selected event's minute, not to a week around it
    win.select_event(rows["Another message"])
    win.zoom_to_selection()
    (x0, x1), _ = win.timeline.vb.viewRange()
    assert x1 - x0 < 120 and x0 < day + 68462 < x1
    # zoomed to a few seconds, the axis labels seconds and the marks stay apart
    win.timeline.vb.setXRange(day + 68459, day + 68466, padding=0)
    win.timeline.grab()
    plan = win.timeline.getPlotItem().getAxis("bottom").last_plan
    assert plan is not None and plan.step.unit == "second"
    assert any(label.endswith(":02") for label in plan.labels)


def test_lanes_by_any_field_are_kept_in_the_settings(qtbot, tmp_path: Path) -> None:
    src = tmp_path / "deals.csv"
    src.write_text("date,company,type,people,places,summary\n"
                   "2024-03-05,Acme,acquisition,Ann Lee,Paris,Acme buys Globex\n"
                   "2024-04-01,Initech,launch,,Oslo; Paris,Initech launches a phone\n"
                   "2024-05-01,,results,Bo Chen,,Results are out\n", encoding="utf-8")
    win = _window(qtbot, tmp_path / "w.timeline")
    with qtbot.waitSignal(win.imported, timeout=60000):
        win.start_import(str(src), "csv", None)
    assert sorted(win.timeline.lanes) == [NO_COMPANY, "Acme", "Initech"]
    assert "cycle_lanes_by" in win.actions_by_slot  # View ▸ Lanes by, from the actions table
    expected = {"type": ["Acquisition / merger", "Financial results", "Product launch"],
                "family": ["Deals", "Money", "Products"],
                "person": ["(no person)", "Ann Lee", "Bo Chen"],
                "place": ["(no place)", "Oslo", "Paris"],
                "tag": ["(no tag)"],
                "source": ["deals.csv, rows 2–4"]}
    for field, lanes in expected.items():
        box = win.filters.lanes_by
        box.setCurrentIndex(box.findData(field))
        got = sorted(win.timeline.lanes)
        assert [g.strip().lstrip("▾▸ ") for g in got] == sorted(lanes), field
        assert int(win.shown_mask.sum()) == 3
    # "Paris" holds two events, "Oslo" one: an event with two places is in both lanes
    box = win.filters.lanes_by
    box.setCurrentIndex(box.findData("place"))
    idx = win.timeline.index
    assert idx is not None
    counts = {lane: int(idx.lane_start[i + 1] - idx.lane_start[i]) for i, lane in enumerate(win.timeline.lanes)}
    assert counts == {"(no place)": 1, "Oslo": 1, "Paris": 2}
    assert QSettings().value(SETTINGS_KEY) == "place"
    win.close()
    again = _window(qtbot, tmp_path / "w.timeline")
    assert again.filters.lanes_by.currentData() == "place" and again.timeline.lanes_by == "place"
    assert sorted(again.timeline.lanes) == ["(no place)", "Oslo", "Paris"]
    again.cycle_lanes_by()  # B: the next field (tag)
    assert again.timeline.lanes_by == "tag" and again.timeline.lanes == ["(no tag)"]


def test_one_date_label_shows_both_ends_of_a_range(qtbot, tmp_path: Path) -> None:
    src = tmp_path / "r.csv"
    src.write_text("date,company,summary\nDec 2006 to Mar 2007,Acme,Acme restructures\n", encoding="utf-8")
    win = _window(qtbot, tmp_path / "w.timeline")
    with qtbot.waitSignal(win.imported, timeout=60000):
        win.start_import(str(src), "csv", None)
    _import(qtbot, win, "timelinejs-women_in_computing.json")
    cols = win.cols
    assert cols is not None
    rows = {win.model.event_at(r).summary: r for r in range(cols.n)}  # type: ignore[union-attr]
    for summary, label in (("Acme restructures", "Dec 2006 to Mar 2007"),
                           ("Ada Lovelace", "10 Dec 1815 to 27 Nov 1852"),
                           ("...And the women who made it work", "Jul 1943 to Dec 1946"),
                           ("Contributions to space exploration", "1956 to 1962"),
                           ("Grace Hopper invents the compiler", "1952")):
        r = rows[summary]
        ev = win.model.event_at(r)
        assert ev is not None
        assert win.model.data(win.model.index(r, 0)) == label  # the table
        assert label in win.tooltip(ev, r)  # the tooltip
        win.select_event(r)
        assert f"Date\n{label}" in win.detail.text() or f"Date {label}" in " ".join(win.detail.text().split())
        assert event_date_label(ev) == label  # the report uses the same function
