"""The company dialog shows how a lane was formed (issue 20): the automatic merges with their reasons."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from timeline_app.gui.company_dialog import CompanyDialog


def test_company_dialog_lists_the_merges_as_plain_text(qtbot) -> None:
    story = ["merged 'Halvard' into 'Halvard Air Lines': short form", "merged '<b>X</b>' into 'Halvard Air Lines': y"]
    dlg = CompanyDialog("Halvard Air Lines", ["Halvard Air Lines"], None, story)
    qtbot.addWidget(dlg)
    assert dlg.story.text() == "\n".join(story)
    assert dlg.story.textFormat().name == "PlainText"
    empty = CompanyDialog("Brisco", ["Brisco"])
    qtbot.addWidget(empty)
    assert "No other name" in empty.story.text()


def test_hovering_a_lane_label_says_how_its_names_were_merged(qtbot) -> None:
    import datetime as dt

    from PySide6.QtCore import QPoint

    from timeline_app.core.index import EventColumns
    from timeline_app.core.model import Event
    from timeline_app.gui.timeline_view import TimelineView

    day = dt.date(2024, 3, 1)
    events = [Event(f"e{i}", "contract", "s", day, day, "day", "happened", [c])
              for i, c in enumerate(["Halvard Air Lines", "Brisco Systems"])]
    view = TimelineView()
    qtbot.addWidget(view)
    view.lane_notes = {"Halvard Air Lines": "merged 'Halvard' into 'Halvard Air Lines': short form"}
    view.set_data(EventColumns.from_events(events), None)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    axis = view.lane_axis
    qtbot.waitUntil(lambda: len(axis.drawn) == 2)
    tips = {}
    for rect, text in axis.drawn:
        axis.setToolTip("")
        at = view.mapFromScene(axis.mapToScene(rect.center()))

        wiggle = [0]

        def hovered(at=at, wiggle=wiggle) -> bool:
            # pyqtgraph drops moves closer than 10 ms apart, and a move to where the mouse is is no move: moved
            # again, a pixel to the side, until one lands
            wiggle[0] ^= 1
            qtbot.mouseMove(view.viewport(), QPoint(at.x() + wiggle[0], at.y()))
            return axis.toolTip() != ""

        qtbot.waitUntil(hovered)
        tips[text.strip("▶ ")] = axis.toolTip()
    assert tips["Halvard Air Lines"] == "Halvard Air Lines\nmerged 'Halvard' into 'Halvard Air Lines': short form"
    assert tips["Brisco Systems"] == "Brisco Systems"  # nothing merged into it: its whole name


def test_the_window_gives_each_company_lane_its_merges(qtbot, tmp_path, monkeypatch) -> None:
    import json

    from .gui_support import isolate_settings, open_copy, seeds_workspace_in

    isolate_settings(tmp_path, monkeypatch)
    (tmp_path / "built").mkdir()
    win = open_copy(qtbot, tmp_path, seeds_workspace_in(tmp_path / "built"))
    lane = win.timeline.lanes[0]
    why = f"merged 'X' into '{lane}': short form"
    win.ws.db.execute("UPDATE entities SET info=? WHERE name=? AND kind='company'",
                      (json.dumps({"merged": [why]}), lane))
    win.reload()
    assert win.timeline.lane_axis.tips[win.timeline.lanes.index(lane)] == f"{lane}\n{why}"
