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
