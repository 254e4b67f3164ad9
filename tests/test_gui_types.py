"""The 37 event types in the window: the legend above the plot (by family, only the types the workspace holds),
the Event types filter as a family → types checklist driven with the keyboard, saved filters from before taxonomy
v3, and the edit dialog's type list grouped by family."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt

from timeline_app.core.model import (
    EVENT_TYPE_LABELS,
    EVENT_TYPES,
    FAMILIES,
    FAMILY_LABELS,
    DocResult,
    Document,
    Entity,
    Event,
    Source,
    family_of,
)
from timeline_app.core.store.workspace import Workspace
from timeline_app.gui.edit_dialog import EventEditDialog
from timeline_app.gui.filter_panel import TYPES_VERSION, FilterPanel, saved_filter_state
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.theme import DARK, LIGHT
from timeline_app.gui.timeline_view import legend_html, legend_tooltip

from .gui_support import isolate_settings, shown_window

#: one event of each of these types (a family of six, one of seven, one-type families, a type alone in legal)
TYPES = ["acquisition", "stake", "contract", "results", "launch", "recall", "leadership", "lawsuit", "fine",
         "meeting", "plan", "other", "bankruptcy"]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_settings(tmp_path, monkeypatch)


@pytest.fixture
def typed_workspace(tmp_path: Path) -> Path:
    """A workspace with one dated event of each type in ``TYPES``, each in its own lane."""
    path = tmp_path / "typed.timeline"
    ws = Workspace(path)
    text = " ".join(f"Company {i} did a {t} thing." for i, t in enumerate(TYPES))
    doc = Document(id="d1", path="/a.txt", title="All kinds", text=text, date=dt.date(2024, 6, 1))
    with ws.transaction() as db:
        ws.write_document(db, DocResult(doc, {}, []), "test", "txt")
    events, pos = [], 0
    for i, t in enumerate(TYPES):
        sentence = f"Company {i} did a {t} thing."
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        day = dt.date(2024, 1, 1) + dt.timedelta(days=10 * i)
        events.append(Event(id=f"e{i:02d}", type=t, summary=f"{t} of Company {i}", start=day, end=day,
                            precision="day", status="happened", companies=[f"Company {i}"],
                            sources=[Source("d1", start, pos, start, start + 7)], confidence=0.8))
    ws.write_events({f"c{i}": Entity(f"c{i}", f"Company {i}", "company") for i in range(len(TYPES))}, events)
    ws.close()
    return path


def _plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text).replace("&nbsp;", " "))


def _shown_types(win) -> list[str]:
    return sorted(win.model.event_at(int(r)).type for r in np.nonzero(win.shown_mask)[0])


def test_legend_lists_the_workspace_types_by_family_with_their_marks(qtbot) -> None:
    present = {"acquisition", "contract", "lawsuit", "meeting"}
    legend = legend_html(LIGHT, present)
    text = _plain(legend)
    for label in ("Deals", "Acquisition", "Contract", "Legal & regulatory", "Lawsuit", "Meeting"):
        assert label in text
    assert "Stake" not in text and "Money" not in text  # types and families not in the workspace are left out
    assert "Meetings" not in text  # a family of one type is named by its type
    marks = re.findall(r"<img src='data:image/png;base64,", legend)
    assert len(marks) == len(present) + 2  # a mark per type, a colour swatch per family of several types
    full = legend_html(LIGHT)
    assert len(re.findall(r"<img src=", full)) == 37 + sum(len(f.types) > 1 for f in FAMILIES.values())
    assert legend_html(DARK, present) != legend  # marks drawn in the theme's colours
    tip = legend_tooltip(present)
    assert "Stake bought / sold (none here)" in tip and "Acquisition / merger," in tip


def test_family_checklist_space_ticks_a_family_and_one_tick_is_one_change(qtbot) -> None:
    panel = FilterPanel()
    qtbot.addWidget(panel)
    tree = panel.types
    assert tree.topLevelItemCount() == 12  # 8 families of several types and 4 of one
    assert [tree.topLevelItem(i).text(0) for i in range(3)] == ["Deals", "Money", "Products"]
    assert panel.filter().types == set(EVENT_TYPES)
    changes: list[int] = []
    panel.changed.connect(lambda: changes.append(1))
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key_Space)
    assert changes == [1]  # one change for the family and its six types
    assert panel.filter().types == set(EVENT_TYPES) - set(FAMILIES["deal"].types)
    assert all(tree.type_item(t).checkState(0) == Qt.Unchecked for t in FAMILIES["deal"].types)
    qtbot.keyClick(tree, Qt.Key_Space)
    assert panel.filter().types == set(EVENT_TYPES) and len(changes) == 2
    # one type inside a family: the family is partly ticked
    legal = tree.family_item("legal")
    legal.setExpanded(True)
    tree.setCurrentItem(tree.type_item("fine"))
    qtbot.keyClick(tree, Qt.Key_Space)
    assert panel.filter().types == set(EVENT_TYPES) - {"fine"}
    assert legal.checkState(0) == Qt.PartiallyChecked
    qtbot.keyClick(tree, Qt.Key_Up)  # onto "Charge / conviction"
    assert tree.currentItem() is tree.type_item("conviction")
    tree.setCurrentItem(legal)
    qtbot.keyClick(tree, Qt.Key_Space)  # a partly ticked family ticks all its types
    assert legal.checkState(0) == Qt.Checked and panel.filter().types == set(EVENT_TYPES)
    # a family of one type is that type's row
    single = next(tree.topLevelItem(i) for i in range(12) if tree.topLevelItem(i).text(0) == "Leadership change")
    tree.setCurrentItem(single)
    qtbot.keyClick(tree, Qt.Key_Space)
    assert panel.filter().types == set(EVENT_TYPES) - {"leadership"}
    panel.reset_all()
    assert panel.filter().types == set(EVENT_TYPES) and legal.checkState(0) == Qt.Checked


def test_type_filter_hides_the_right_events_in_the_window(qtbot, tmp_path: Path, typed_workspace: Path) -> None:
    win = shown_window(qtbot, typed_workspace)
    assert _shown_types(win) == sorted(TYPES)
    shown = _plain(win.legend.text())
    assert "Deals: " in shown and "Stake" in shown and "Dividend" not in shown and "Legal & regulatory: " in shown
    assert "Leadership" in shown and "Meetings" not in shown
    tree = win.filters.types
    tree.setFocus()
    tree.setCurrentItem(tree.family_item("deal"))
    qtbot.keyClick(tree, Qt.Key_Space)
    assert _shown_types(win) == sorted(t for t in TYPES if family_of(t) != "deal")
    assert win.table_proxy.rowCount() == len(TYPES) - 3
    tree.family_item("legal").setExpanded(True)
    tree.setCurrentItem(tree.type_item("lawsuit"))
    qtbot.keyClick(tree, Qt.Key_Space)
    assert _shown_types(win) == sorted(t for t in TYPES if family_of(t) != "deal" and t != "lawsuit")
    assert "fine" in _shown_types(win)  # the rest of the family stays
    # the table names the v3 type with its mark; the detail pane its family
    row = int(np.nonzero(win.shown_mask)[0][0])
    col = win.model.index(row, 1)
    ev = win.model.event_at(row)
    assert win.model.data(col) == EVENT_TYPE_LABELS[ev.type] and win.model.data(col, Qt.DecorationRole) is not None
    assert FAMILY_LABELS[family_of(ev.type)] in win.model.data(col, Qt.ToolTipRole)
    win.close()
    # the filter is saved with the v3 names and comes back
    state = json.loads(QSettings().value(win._filters_key(str(typed_workspace))))
    assert state["types_version"] == TYPES_VERSION and "lawsuit" not in state["types"] and "fine" in state["types"]
    win2 = shown_window(qtbot, typed_workspace)
    win2.restore_settings()
    assert _shown_types(win2) == sorted(t for t in TYPES if family_of(t) != "deal" and t != "lawsuit")
    assert win2.filters.types.family_item("deal").checkState(0) == Qt.Unchecked
    assert win2.filters.types.family_item("legal").checkState(0) == Qt.PartiallyChecked


def test_filters_saved_before_v3_keep_working(qtbot, tmp_path: Path, typed_workspace: Path) -> None:
    """A filter saved by the round-2 viewer names the nine old types: a shown one shows every v3 type it became,
    one it hid stays hidden (investment hidden: acquisition, stake, divestment, financing and facility hidden)."""
    old = ["meeting", "supply", "partnership", "launch", "financial", "appointment", "plan", "other"]
    clean = saved_filter_state({"types": old}, [])
    assert clean["types"] == {t for t in EVENT_TYPES if t not in
                              ("acquisition", "stake", "divestment", "financing", "facility")}
    assert {"lawsuit", "dividend", "contract", "results", "leadership"} <= clean["types"]  # other, supply, ...
    assert saved_filter_state({"types": ["meeting"], "types_version": TYPES_VERSION}, [])["types"] == {"meeting"}
    assert saved_filter_state({}, [])["types"] == set(EVENT_TYPES)
    key = MainWindow._filters_key(str(typed_workspace))
    QSettings().setValue(key, json.dumps({"types": old, "hidden": [], "min_confidence": 0}))
    win = shown_window(qtbot, typed_workspace)
    win.restore_settings()
    assert _shown_types(win) == sorted(t for t in TYPES if t not in ("acquisition", "stake"))
    assert win.filters.types.family_item("deal").checkState(0) == Qt.PartiallyChecked


def test_edit_dialog_lists_types_under_their_families(qtbot) -> None:
    ev = Event(id="e", type="supply", summary="Old", start=None, end=None, precision="undated", status="happened",
               companies=["Acme"])  # a round-2 type, as an old file may hold
    dlg = EventEditDialog(ev, ["Acme"])
    qtbot.addWidget(dlg)
    combo = dlg.type
    items = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    assert [d for _, d in items if d] == list(EVENT_TYPES)
    headings = [t for t, d in items if d is None]
    assert headings == [f.label for f in FAMILIES.values()]  # a family of one type too: "People", then its type
    model = combo.model()
    assert all(not model.item(i).isEnabled() for i in range(combo.count()) if combo.itemData(i) is None)
    assert combo.currentData() == "contract" and "type" not in dlg.changes()  # shown as what it is now
    combo.setCurrentIndex(combo.findData("cancellation"))
    assert dlg.changes()["type"] == "cancellation"
    idx = combo.findData("acquisition")
    assert items[idx - 1][0] == "Deals"  # the first type right under its heading
