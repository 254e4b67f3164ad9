"""Filters: search box, company checklist grouped by parent (expanding a group shows its lanes), event
types (with their colours: the legend), date range and minimum confidence. The panel only collects what the
user wants; ``core.index.Filter`` computes the mask."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.index import Filter
from ..core.model import EVENT_TYPE_LABELS, EVENT_TYPES
from ..core.palette import TYPE_SHAPES, shape_points
from .theme import current_theme
from .timeline_view import LANE_ORDERS

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
USER_ROLE = Qt.ItemDataRole.UserRole


def swatch(rgb: tuple[int, int, int], shape: str = "square") -> QIcon:
    """The type's mark (shape and colour) as an icon."""
    pm = QPixmap(14, 14)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor(*rgb))
    p.setBrush(QColor(*rgb))
    p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in shape_points(shape, 7, 7, 5.5)]))
    p.end()
    return QIcon(pm)


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
        types_label = QLabel("<b>Event &types</b>")
        lay.addWidget(types_label)
        self.types = QListWidget()
        types_label.setBuddy(self.types)
        for t in EVENT_TYPES:
            it = QListWidgetItem(swatch(current_theme().type_colour(t), TYPE_SHAPES[t]), EVENT_TYPE_LABELS[t])
            it.setData(USER_ROLE, t)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(CHECKED)
            self.types.addItem(it)
        self.types.setMaximumHeight(9 * 20 + 6)
        lay.addWidget(self.types)
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
        self.types.itemChanged.connect(lambda _: self.changed.emit())
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
        types = {self.types.item(i).data(USER_ROLE) for i in range(self.types.count())
                 if self.types.item(i).checkState() == CHECKED}
        f = Filter(hidden_companies=self.hidden_companies(), types=types, min_confidence=self.confidence.value() / 100)
        if self.limit_dates.isChecked():
            f.date_from = self.date_from.date().toPython()
            f.date_to = self.date_to.date().toPython()
        return f

    def state(self) -> dict[str, Any]:
        f = self.filter()
        iso = Qt.DateFormat.ISODate
        return {"hidden": sorted(f.hidden_companies), "types": sorted(f.types), "min_confidence": f.min_confidence,
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
            for i in range(self.types.count()):
                it = self.types.item(i)
                it.setCheckState(CHECKED if it.data(USER_ROLE) in clean["types"] else UNCHECKED)
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
        for i in range(self.types.count()):
            self.types.item(i).setCheckState(CHECKED)
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

    out: dict[str, Any] = {"types": set(texts("types", list(EVENT_TYPES))), "hidden": texts("hidden", [])}
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
