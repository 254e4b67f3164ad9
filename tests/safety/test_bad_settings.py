"""Reliability round 2b, item 3: hand-edited settings and odd file names never crash the viewer; a bad value
falls back to its default and is said once."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.gui_support import isolate_settings
from timeline_app.gui.main_window import MainWindow


@pytest.fixture
def seeds_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from timeline_app.core.ingest import ingest, open_workspace

    d = tmp_path_factory.mktemp("seedsws")
    ws = open_workspace(d / "w.timeline")
    ingest(ws, [str(Path(__file__).resolve().parents[2] / "seeds")])
    ws.close()
    return d / "w.timeline"


@pytest.mark.parametrize("bad", [
    {"geometry": "12345"}, {"splitter": "junk"}, {"centre_splitter": 7},
    {"filter": {"min_confidence": 1e308}}, {"filter": {"min_confidence": float("nan")}},
    {"filter": {"min_confidence": "high", "types": "meeting", "hidden": [1, 2], "from": "2024-99-99",
                "collapsed": 5, "search": ["x"]}},
])
def test_hand_edited_settings_fall_back_to_defaults(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    seeds_ws: Path, bad: dict[str, object]) -> None:
    isolate_settings(tmp_path, monkeypatch)
    win = MainWindow(str(seeds_ws))
    qtbot.addWidget(win)
    s = QSettings()
    for key, value in bad.items():
        if key == "filter":
            s.setValue(win._filters_key(win.workspace_path), json.dumps(value))
        else:
            s.setValue(key, value)
    s.sync()
    win.restore_settings()  # what every start does; it used to raise on these values
    win.show()
    qtbot.waitExposed(win)
    assert "defaults are used" in win.statusBar().currentMessage()
    assert 0 <= win.filters.confidence.value() <= 100
    assert int(win.shown_mask.sum()) == win.cols.n > 0  # the defaults show every event


@pytest.mark.skipif(os.name != "posix", reason="bytes file names are POSIX")
def test_workspace_with_a_non_utf8_file_name_opens(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   seeds_ws: Path) -> None:
    isolate_settings(tmp_path, monkeypatch)
    odd = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9.timeline"))
    shutil.copy(seeds_ws, odd)
    win = MainWindow(str(odd))
    qtbot.addWidget(win)
    assert win.workspace_path == str(odd) and win.cols is not None and win.cols.n > 0
    win.close()  # saves the filters under the odd name
