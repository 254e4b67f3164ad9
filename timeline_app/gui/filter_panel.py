"""Filters: search box, company checklist grouped by parent (expanding a group shows its lanes), event types as a
family → types checklist (each with its colour and mark: the full legend), date range and minimum confidence.
The panel only collects what the user wants; ``core.index.Filter`` computes the mask."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.index import LANE_FIELDS, Filter
from ..core.model import EVENT_TYPES
from .saved_filters import TYPES_VERSION, saved_filter_state
from .saved_filters import saved_types as saved_types  # importable from here, as before
from .theme import Theme, current_theme
from .timeline_view import LANE_ORDERS
from .type_tree import CHECKED, UNCHECKED, USER_ROLE, TypeTree
from .type_tree import KIND_ROLE as KIND_ROLE  # importable from here, as before


class FilterPanel(QWidget):
    """Collects the user's filter choices; emits ``changed`` (debounced for typing) and ``groupToggled``."""

    changed = Signal()
    searchChanged = Signal(str)
    groupToggled = Signal(str, bool)  # group, expanded
    laneOrderChanged = Signal(str)
    lanesByChanged = Signal(str)

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
        self.companies.setMinimumHeight(120)
        # the list's tools: type to filter it; tick all, none, or only the current company
        self.company_filter = QLineEdit()
        self.company_filter.setPlaceholderText("Filter the list…")
        self.company_filter.setClearButtonEnabled(True)
        self.company_filter.setToolTip("Type part of a name: only the companies (and groups) that match are listed")
        self.company_filter.textChanged.connect(self._filter_company_list)
        self.company_filter.installEventFilter(self)  # ↓ goes on into the (filtered) list
        self.companies_all = QPushButton("All")
        self.companies_none = QPushButton("None")
        self.companies_only = QPushButton("Only this")
        self.companies_all.setToolTip("Tick every company listed (every company when the list is not filtered)")
        self.companies_none.setToolTip("Untick every company listed (every company when the list is not filtered)")
        self.companies_only.setToolTip("Show only the current company of the list (C does this for the current lane)")
        self.companies_all.clicked.connect(lambda: self.tick_listed_companies(True))
        self.companies_none.clicked.connect(lambda: self.tick_listed_companies(False))
        self.companies_only.clicked.connect(self.only_current_in_list)
        self.companies.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.companies.customContextMenuRequested.connect(self._company_menu)
        tools = QHBoxLayout()
        tools.setSpacing(2)
        for b in (self.companies_all, self.companies_none, self.companies_only):
            b.setStyleSheet("padding: 1px 4px")
            tools.addWidget(b)
        lay.addWidget(self.company_filter)
        lay.addLayout(tools)
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
        # each date on a row of its own, under the box, with short labels: side by side (or beside the form's
        # long labels) they were cut to "200"/"203" in a narrow panel
        dates = QGridLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.limit_dates, 0, 0, 1, 2)
        for r, (text, w) in enumerate((("from", self.date_from), ("to", self.date_to)), start=1):
            dates.addWidget(QLabel(text), r, 0)
            dates.addWidget(w, r, 1)
            w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        dates.setColumnStretch(1, 1)
        lay.addLayout(dates)
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
        self.lanes_by = QComboBox()
        for key, text in LANE_FIELDS.items():
            self.lanes_by.addItem(text, key)
        by_label = QLabel("Lanes &by")
        by_label.setBuddy(self.lanes_by)
        form.addRow(by_label, self.lanes_by)
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
        self.lanes_by.currentIndexChanged.connect(lambda _: self.lanesByChanged.emit(self.lanes_by.currentData()))
        for w, name in ((self.search, "Search events"), (self.companies, "Companies shown"),
                        (self.types, "Event types shown"), (self.limit_dates, "Only events between two dates"),
                        (self.date_from, "From date"), (self.date_to, "To date"),
                        (self.confidence, "Minimum confidence"), (self.lane_order, "Lane order"),
                        (self.company_filter, "Filter the company list"), (self.companies_all, "Tick all companies"),
                        (self.companies_none, "Untick all companies"),
                        (self.companies_only, "Only the current company"),
                        (self.lanes_by, "Lanes by"),
                        (self.reset, "Reset filters")):
            w.setAccessibleName(name)
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._updating = False

    def apply_theme(self, theme: Theme) -> None:
        self.types.apply_theme(theme)

    # -- companies -------------------------------------------------------------------------------------------
    def set_companies(self, groups: dict[str, list[str]], hidden: set[str], collapsed: set[str]) -> None:
        """List the companies by group; the list's filter, current row and scroll position stay (the list is
        rebuilt while an ingest adds companies)."""
        current = self.companies.currentItem()
        current_name = current.data(0, USER_ROLE) if current is not None else None
        scroll = self.companies.verticalScrollBar().value()
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
            if current_name is not None:
                rows = [top, *(ch for j in range(top.childCount()) if (ch := top.child(j)) is not None)]
                found = next((r for r in rows if r.data(0, USER_ROLE) == current_name), None)
                if found is not None:
                    self.companies.setCurrentItem(found)
        self._updating = False
        self._filter_company_list(self.company_filter.text())
        self.companies.verticalScrollBar().setValue(scroll)

    def _company_items(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        out = []
        for i in range(self.companies.topLevelItemCount()):
            top = self.companies.topLevelItem(i)
            if top is not None:
                out.append((top, [c for j in range(top.childCount()) if (c := top.child(j)) is not None]))
        return out

    def _filter_company_list(self, text: str) -> None:
        """List only the companies whose name holds ``text`` (any case); a group stays listed when a member
        matches, and a matching group lists all its members."""
        needle = text.strip().casefold()
        for top, members in self._company_items():
            top_hit = not needle or needle in str(top.data(0, USER_ROLE)).casefold()
            any_member = False
            for ch in members:
                hit = top_hit or needle in str(ch.data(0, USER_ROLE)).casefold()
                ch.setHidden(not hit)
                any_member |= hit
            top.setHidden(not (top_hit or any_member))
            if needle and any_member and not top_hit:
                top.setExpanded(True)

    def listed_companies(self) -> list[QTreeWidgetItem]:
        """The rows the list shows now (all of them when it is not filtered)."""
        return [it for top, members in self._company_items() for it in (top, *members) if not it.isHidden()]

    def tick_listed_companies(self, tick: bool) -> None:
        """Tick (or untick) every company the list shows; one ``changed`` for all of them."""
        self._updating = True
        try:
            for it in self.listed_companies():
                it.setCheckState(0, CHECKED if tick else UNCHECKED)
        finally:
            self._updating = False
        self.changed.emit()

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        """↓ in the list's filter box moves into the list, on its first company listed."""
        if obj is self.company_filter and ev.type() == QEvent.Type.KeyPress and \
                isinstance(ev, QKeyEvent) and ev.key() == Qt.Key.Key_Down:
            listed = self.listed_companies()
            if listed:
                self.companies.setFocus(Qt.FocusReason.OtherFocusReason)
                self.companies.setCurrentItem(listed[0])
                return True
        return super().eventFilter(obj, ev)

    def _company_menu(self, pos: QPoint) -> None:
        """Right-click on the company list: only this company, all, none."""
        it = self.companies.itemAt(pos)
        if it is not None:
            self.companies.setCurrentItem(it)
        menu = QMenu(self.companies)
        only = menu.addAction("Only this company")
        only.setEnabled(it is not None)
        only.triggered.connect(self.only_current_in_list)
        menu.addAction("All listed").triggered.connect(lambda: self.tick_listed_companies(True))
        menu.addAction("None listed").triggered.connect(lambda: self.tick_listed_companies(False))
        menu.popup(self.companies.viewport().mapToGlobal(pos))

    def only_current_in_list(self) -> None:
        """Only the list's current company (or the first one listed) is shown."""
        it = self.companies.currentItem()
        if it is None or it.isHidden():
            listed = self.listed_companies()
            it = listed[0] if listed else None
        if it is not None:
            self.only_company(str(it.data(0, USER_ROLE)))

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

    def cycle_lanes_by(self) -> None:
        """The next field lanes are made of (company, event type, family, person, place, tag, source article)."""
        self.lanes_by.setCurrentIndex((self.lanes_by.currentIndex() + 1) % self.lanes_by.count())

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
        self.company_filter.clear()
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
