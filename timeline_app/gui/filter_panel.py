"""Filters: search box, company checklist grouped by parent (expanding a group shows its lanes), event types as a
family → types checklist (each with its colour and mark: the full legend), date range and minimum confidence.
The panel only collects what the user wants; ``core.index.Filter`` computes the mask."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.index import Filter
from ..core.model import EVENT_TYPE_LABELS, EVENT_TYPES, FAMILIES, Family, round2_type, v3_type
from .marks import mark_pixmap, swatch_pixmap
from .theme import Theme, current_theme
from .timeline_view import LANE_ORDERS

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
USER_ROLE = Qt.ItemDataRole.UserRole
#: the event-type list a saved filter names (3: taxonomy v3; saved filters without it name the round-2 types)
TYPES_VERSION = 3
#: what a row of the Event types checklist stands for: a family (its types below it) or one type
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class TypeTree(QTreeWidget):
    """The Event types checklist: a family per row, its types below it (collapsed until opened); a family of one
    type is that type's row. Ticking a family ticks its types; a family with some types ticked is partly ticked.
    Space ticks the current row. ``typesChanged`` is emitted once per tick (not once per row it changes)."""

    typesChanged = Signal()

    def __init__(self, theme: Theme):
        super().__init__()
        self._syncing = False
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self._items: dict[str, QTreeWidgetItem] = {}  # type id -> its row
        self._families: dict[str, QTreeWidgetItem] = {}  # family id -> its row (families of several types)
        for fam in FAMILIES.values():
            if len(fam.types) == 1:
                self.addTopLevelItem(self._type_item(fam.types[0], theme))
                continue
            top = QTreeWidgetItem([fam.label])
            top.setData(0, USER_ROLE, fam.id)
            top.setData(0, KIND_ROLE, "family")
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            top.setToolTip(0, _family_tip(fam))
            self._families[fam.id] = top
            self.addTopLevelItem(top)
            for t in fam.types:
                top.addChild(self._type_item(t, theme))
            top.setCheckState(0, CHECKED)
        self.apply_theme(theme)
        self.itemChanged.connect(self._changed)

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        """A family ticked or unticked sets its types; a type sets its family's tick (full, partial, none)."""
        if self._syncing:
            return
        self._syncing = True
        try:
            if item.data(0, KIND_ROLE) == "family":
                state = UNCHECKED if item.checkState(0) == UNCHECKED else CHECKED
                item.setCheckState(0, state)
                for i in range(item.childCount()):
                    child = item.child(i)
                    if child is not None:
                        child.setCheckState(0, state)
            else:
                self._sync_families()
        finally:
            self._syncing = False
        self.typesChanged.emit()

    def _sync_families(self) -> None:
        for fid, top in self._families.items():
            ticked = sum(self._items[t].checkState(0) == CHECKED for t in FAMILIES[fid].types)
            top.setCheckState(0, CHECKED if ticked == len(FAMILIES[fid].types) else
                              UNCHECKED if ticked == 0 else Qt.CheckState.PartiallyChecked)

    def _type_item(self, t: str, theme: Theme) -> QTreeWidgetItem:
        it = QTreeWidgetItem([EVENT_TYPE_LABELS[t]])
        it.setData(0, USER_ROLE, t)
        it.setData(0, KIND_ROLE, "type")
        it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        it.setCheckState(0, CHECKED)
        self._items[t] = it
        return it

    def apply_theme(self, theme: Theme) -> None:
        """Icons in the theme's colours: a family's swatch, a type's mark."""
        for fid, top in self._families.items():
            top.setIcon(0, QIcon(swatch_pixmap(theme, FAMILIES[fid].types[0], 12)))
        for t, it in self._items.items():
            it.setIcon(0, QIcon(mark_pixmap(theme, t, 14)))

    def checked_types(self) -> set[str]:
        return {t for t, it in self._items.items() if it.checkState(0) == CHECKED}

    def set_checked_types(self, types: set[str]) -> None:
        """Tick exactly these types (and their families accordingly), without ``typesChanged``."""
        self._syncing = True
        try:
            for t, it in self._items.items():
                it.setCheckState(0, CHECKED if t in types else UNCHECKED)
            self._sync_families()
        finally:
            self._syncing = False

    def type_item(self, t: str) -> QTreeWidgetItem:
        return self._items[t]

    def family_item(self, family: str) -> QTreeWidgetItem | None:
        """A family's row (None for a family of one type: its type's row stands for it)."""
        return self._families.get(family)


def _family_tip(fam: Family) -> str:
    return f"{fam.label}: " + ", ".join(EVENT_TYPE_LABELS[t] for t in fam.types)


class FilterPanel(QWidget):
    """Collects the user's filter choices; emits ``changed`` (debounced for typing) and ``groupToggled``."""

    changed = Signal()
    searchChanged = Signal(str)
    groupToggled = Signal(str, bool)  # group, expanded
    laneOrderChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.restore_problems: list[str] = []  # what the last restore() could not use
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search summaries and sources (Ctrl+F or /)")
        self.search.setClearButtonEnabled(True)
        lay.addWidget(self.search)
        companies_label = QLabel("<b>&Companies</b> (Space ticks)")
        lay.addWidget(companies_label)
        self.companies = QTreeWidget()
        companies_label.setBuddy(self.companies)
        self.companies.setHeaderHidden(True)
        self.companies.setMinimumHeight(160)
        lay.addWidget(self.companies, 3)
        types_label = QLabel("<b>Event &types</b> (by family; Space ticks)")
        lay.addWidget(types_label)
        self.types = TypeTree(current_theme())
        types_label.setBuddy(self.types)
        self.types.setMinimumHeight(8 * 20)
        lay.addWidget(self.types, 2)
        form = QFormLayout()
        self.limit_dates = QCheckBox("&Between")
        self.date_from = QDateEdit(QDate(2000, 1, 1))
        self.date_to = QDateEdit(QDate(2030, 12, 31))
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        row = QHBoxLayout()
        row.addWidget(self.date_from)
        row.addWidget(QLabel("and"))
        row.addWidget(self.date_to)
        form.addRow(self.limit_dates, row)
        self.confidence = QSlider(Qt.Orientation.Horizontal)
        self.confidence.setRange(0, 100)
        self.conf_label = QLabel("0.00")
        crow = QHBoxLayout()
        crow.addWidget(self.confidence)
        crow.addWidget(self.conf_label)
        form.addRow("Min. confidence", crow)
        self.lane_order = QComboBox()
        for key, text in LANE_ORDERS.items():
            self.lane_order.addItem(text, key)
        order_label = QLabel("Lane &order")
        order_label.setBuddy(self.lane_order)
        form.addRow(order_label, self.lane_order)
        lay.addLayout(form)
        self.reset = QPushButton("Reset filters")
        lay.addWidget(self.reset)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(lambda: self.searchChanged.emit(self.search.text().strip()))
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(lambda: (self._debounce.stop(), self.searchChanged.emit(
            self.search.text().strip())))
        self.companies.itemChanged.connect(self._company_changed)
        self.companies.itemExpanded.connect(lambda it: self.groupToggled.emit(it.data(0, USER_ROLE), True))
        self.companies.itemCollapsed.connect(lambda it: self.groupToggled.emit(it.data(0, USER_ROLE), False))
        self.types.typesChanged.connect(self.changed.emit)
        self.limit_dates.toggled.connect(lambda _: self.changed.emit())
        self.date_from.dateChanged.connect(lambda _: self.limit_dates.isChecked() and self.changed.emit())
        self.date_to.dateChanged.connect(lambda _: self.limit_dates.isChecked() and self.changed.emit())
        self.confidence.valueChanged.connect(self._conf_changed)
        self.reset.clicked.connect(self.reset_all)
        self.lane_order.currentIndexChanged.connect(lambda _: self.laneOrderChanged.emit(self.lane_order.currentData()))
        for w, name in ((self.search, "Search events"), (self.companies, "Companies shown"),
                        (self.types, "Event types shown"), (self.limit_dates, "Only events between two dates"),
                        (self.date_from, "From date"), (self.date_to, "To date"),
                        (self.confidence, "Minimum confidence"), (self.lane_order, "Lane order"),
                        (self.reset, "Reset filters")):
            w.setAccessibleName(name)
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._updating = False

    def apply_theme(self, theme: Theme) -> None:
        self.types.apply_theme(theme)

    # -- companies -------------------------------------------------------------------------------------------
    def set_companies(self, groups: dict[str, list[str]], hidden: set[str], collapsed: set[str]) -> None:
        self._updating = True
        self.companies.clear()
        for g in sorted(groups, key=str.lower):
            top = QTreeWidgetItem([g])
            top.setData(0, USER_ROLE, g)
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            top.setCheckState(0, UNCHECKED if g in hidden else CHECKED)
            self.companies.addTopLevelItem(top)
            for c in sorted((m for m in groups[g] if m != g), key=str.lower):
                it = QTreeWidgetItem([c])
                it.setData(0, USER_ROLE, c)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(0, UNCHECKED if c in hidden else CHECKED)
                top.addChild(it)
            top.setExpanded(g not in collapsed)
        self._updating = False

    def _company_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating:
            return
        self._updating = True
        state = item.checkState(0)
        for i in range(item.childCount()):
            child = item.child(i)
            if child is not None:
                child.setCheckState(0, state)
        self._updating = False
        self.changed.emit()

    def hidden_companies(self) -> set[str]:
        out = set()
        for i in range(self.companies.topLevelItemCount()):
            top = self.companies.topLevelItem(i)
            if top.checkState(0) != CHECKED:
                out.add(top.data(0, USER_ROLE))
            for j in range(top.childCount()):
                ch = top.child(j)
                if ch.checkState(0) != CHECKED:
                    out.add(ch.data(0, USER_ROLE))
        return out

    def only_company(self, name: str) -> None:
        """Show only this company (and nothing else)."""
        self._updating = True
        for i in range(self.companies.topLevelItemCount()):
            top = self.companies.topLevelItem(i)
            members = [top.child(j) for j in range(top.childCount())]
            top.setCheckState(0, CHECKED if top.data(0, USER_ROLE) == name else UNCHECKED)
            for ch in members:
                ch.setCheckState(0, CHECKED if ch.data(0, USER_ROLE) == name else UNCHECKED)
        self._updating = False
        self.changed.emit()

    def cycle_lane_order(self) -> None:
        self.lane_order.setCurrentIndex((self.lane_order.currentIndex() + 1) % self.lane_order.count())

    # -- state ---------------------------------------------------------------------------------------------
    def _conf_changed(self, v: int) -> None:
        self.conf_label.setText(f"{v / 100:.2f}")
        self.changed.emit()

    def filter(self) -> Filter:
        types = self.types.checked_types()
        f = Filter(hidden_companies=self.hidden_companies(), types=types, min_confidence=self.confidence.value() / 100)
        if self.limit_dates.isChecked():
            f.date_from = self.date_from.date().toPython()
            f.date_to = self.date_to.date().toPython()
        return f

    def state(self) -> dict[str, Any]:
        f = self.filter()
        iso = Qt.DateFormat.ISODate
        return {"hidden": sorted(f.hidden_companies), "types": sorted(f.types), "types_version": TYPES_VERSION,
                "min_confidence": f.min_confidence,
                "limit_dates": self.limit_dates.isChecked(), "from": self.date_from.date().toString(iso),
                "to": self.date_to.date().toString(iso), "search": self.search.text()}

    def restore(self, state: dict[str, Any]) -> set[str]:
        """Apply saved state; returns the hidden companies (applied when companies are listed). Each value is
        checked (settings can be edited by hand): a bad one falls back to its default and is named in
        ``restore_problems``."""
        self.restore_problems = []
        clean = saved_filter_state(state, self.restore_problems)
        self.blockSignals(True)
        try:
            self.types.set_checked_types(clean["types"])
            self.confidence.setValue(round(clean["min_confidence"] * 100))
            self.limit_dates.setChecked(clean["limit_dates"])
            for key, w in (("from", self.date_from), ("to", self.date_to)):
                if clean[key] is not None:
                    w.setDate(clean[key])
            self.search.setText(clean["search"])
        finally:
            self.blockSignals(False)
        return set(clean["hidden"])

    def reset_all(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        self.types.set_checked_types(set(EVENT_TYPES))
        self.confidence.setValue(0)
        self.limit_dates.setChecked(False)
        self._updating = True
        for i in range(self.companies.topLevelItemCount()):
            top = self.companies.topLevelItem(i)
            top.setCheckState(0, CHECKED)
            for j in range(top.childCount()):
                top.child(j).setCheckState(0, CHECKED)
        self._updating = False
        self.blockSignals(False)
        self.searchChanged.emit("")
        self.changed.emit()


def saved_filter_state(state: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Saved filters checked value by value: what cannot be used is replaced by its default and named."""
    def texts(key: str, default: list[str]) -> list[str]:
        v = state.get(key, default)
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return v
        problems.append(f"saved filter '{key}' is not a list of names")
        return default

    types = texts("types", [])
    # none saved, or not a list: every type
    shown = saved_types(types, state.get("types_version")) if types or state.get("types") == [] else set(EVENT_TYPES)
    out: dict[str, Any] = {"types": shown,
                           "hidden": texts("hidden", [])}
    conf = state.get("min_confidence", 0)
    if isinstance(conf, (int, float)) and not isinstance(conf, bool) and 0 <= conf <= 1:
        out["min_confidence"] = float(conf)
    else:
        problems.append(f"saved minimum confidence {str(conf)[:20]!r} is not between 0 and 1")
        out["min_confidence"] = 0.0
    out["limit_dates"] = bool(state.get("limit_dates")) if isinstance(state.get("limit_dates", False), bool) else False
    for key in ("from", "to"):
        raw = state.get(key)
        d = QDate.fromString(raw, Qt.DateFormat.ISODate) if isinstance(raw, str) and raw else None
        if raw and (d is None or not d.isValid()):
            problems.append(f"saved date '{key}' is not a date")
            d = None
        out[key] = d
    search = state.get("search", "")
    out["search"] = search[:500] if isinstance(search, str) else ""
    return out


def saved_types(names: list[str], version: object = TYPES_VERSION) -> set[str]:
    """The event types a saved filter shows. A filter saved before taxonomy v3 (no ``types_version``) names
    round-2 types: each shown one shows every v3 type it was split into (investment: acquisition, stake,
    divestment, financing, facility; other: dividend, recall, lawsuit…), and one it did not name stays hidden, so
    an old filter that hid launches still hides them."""
    if version == TYPES_VERSION:
        return {v3_type(n) for n in names} & set(EVENT_TYPES)
    return {t for t in EVENT_TYPES if round2_type(t) in names}
