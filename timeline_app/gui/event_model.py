"""Qt models over the workspace's events: a table over columnar arrays whose text is fetched lazily for the
rows a view actually shows, and a filtering proxy driven by a NumPy mask (no per-row Python filtering)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractProxyModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..core.index import EventColumns, seconds_label
from ..core.model import EVENT_TYPE_LABELS, EVENT_TYPES, FAMILY_LABELS, PRECISIONS, STATUSES, Event, family_of
from .marks import type_icon
from .plain import tooltip

COLUMNS = ["Date", "Type", "Companies", "Summary", "Status", "Sources", "Confidence"]
CACHE_ROWS = 4000

#: An index of either kind, as Qt passes them to a model.
AnyIndex = QModelIndex | QPersistentModelIndex
#: The invalid index: the root of a flat table.
ROOT = QModelIndex()


def date_label(t0: float, t1: float, precision: str) -> str:
    """The table's date of an interval in seconds: the one label of every view (``core/dates/labels``)."""
    return seconds_label(t0, t1, precision)


class EventTableModel(QAbstractTableModel):
    """All events, one row each, in time order (undated last)."""

    def __init__(self, fetch: Callable[[list[int]], dict[int, Event]] | None = None):
        super().__init__()
        self.cols: EventColumns | None = None
        self.fetch = fetch
        self.titles: dict[str, str] = {}  # document id -> article title, for the Sources column
        self._cache: OrderedDict[int, Event] = OrderedDict()

    def set_columns(self, cols: EventColumns, fetch: Callable[[list[int]], dict[int, Event]]) -> None:
        self.beginResetModel()
        self.cols, self.fetch = cols, fetch
        self._cache.clear()
        self.endResetModel()

    def event_at(self, row: int) -> Event | None:
        """The full event for a row (fetched and cached), or None."""
        if self.cols is None or not 0 <= row < self.cols.n or self.fetch is None:
            return None
        ev = self._cache.get(row)
        if ev is None:
            wanted = list(range(max(0, row - 50), min(self.cols.n, row + 50)))
            self._cache.update(self.fetch([r for r in wanted if r not in self._cache]))
            while len(self._cache) > CACHE_ROWS:
                self._cache.popitem(last=False)
            ev = self._cache.get(row)
        return ev

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() or self.cols is None else self.cols.n

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown_roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 1 and self.cols is not None:
            return type_icon(EVENT_TYPES[self.cols.type_code[index.row()]])  # the mark, as the timeline draws it
        if not index.isValid() or self.cols is None or role not in shown_roles:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # tooltips guess rich text: article strings go in escaped
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            ev = self.event_at(index.row()) if index.column() == 3 else None
            if index.column() == 1 and shown is not None:
                shown = f"{shown} ({FAMILY_LABELS[family_of(EVENT_TYPES[self.cols.type_code[index.row()]])]})"
            if shown is not None and ev is not None and ev.edited:
                shown = f"{shown}\nedited by you: {', '.join(ev.edited)}"
            return tooltip(shown) if shown is not None else None
        r, col, c = index.row(), index.column(), self.cols
        if col == 0:
            return date_label(c.t0[r], c.t1[r], PRECISIONS[c.precision_code[r]])
        if col == 1:
            return EVENT_TYPE_LABELS[EVENT_TYPES[c.type_code[r]]]
        if col == 4:
            return STATUSES[c.status_code[r]]
        if col == 6:
            return f"{c.confidence[r]:.2f}"
        ev = self.event_at(r)
        if ev is None:
            return None
        if col == 2:
            return ", ".join(ev.companies)
        if col == 3:  # the user's marks: ✓ confirmed in review, ★ starred, ✎ edited by the user
            marks = ("✓ " if ev.review == "confirmed" else "") + ("★ " if ev.starred else "") + \
                ("✎ " if ev.edited else "")
            return marks + ev.summary
        return self.sources_text(ev, "\n" if role == Qt.ItemDataRole.ToolTipRole else "; ")

    def sources_text(self, ev: Event, sep: str = "; ") -> str:
        """The event's articles by title (each once)."""
        docs = list(dict.fromkeys(s.document for s in ev.sources))
        return sep.join(self.titles.get(d, d) for d in docs)


class MaskProxyModel(QAbstractProxyModel):
    """Shows the source rows where a boolean mask is true, in source order."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = np.zeros(0, dtype=np.int64)
        self._inverse = np.zeros(0, dtype=np.int64)

    sorter: Callable[[int, Qt.SortOrder], None] | None = None  # set on a proxy whose view sorts

    def set_mask(self, mask: np.ndarray) -> None:
        self.set_rows(np.nonzero(mask)[0], len(mask))

    def set_rows(self, rows: np.ndarray, n_source: int) -> None:
        """Show these source rows in this order."""
        self.beginResetModel()
        self.rows = np.asarray(rows, dtype=np.int64)
        self._inverse = np.full(n_source, -1, dtype=np.int64)
        self._inverse[self.rows] = np.arange(len(self.rows))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.sorter is not None:
            self.sorter(column, order)

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        model.modelReset.connect(lambda: self.set_mask(np.ones(model.rowCount(), dtype=bool)))

    def source_row(self, proxy_row: int) -> int:
        return int(self.rows[proxy_row]) if 0 <= proxy_row < len(self.rows) else -1

    def proxy_row(self, source_row: int) -> int:
        return int(self._inverse[source_row]) if 0 <= source_row < len(self._inverse) else -1

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return self.sourceModel().columnCount() if self.sourceModel() else 0

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self.rows)) or not (0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: AnyIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def mapToSource(self, proxy: AnyIndex) -> QModelIndex:
        if not proxy.isValid():
            return QModelIndex()
        return self.sourceModel().index(int(self.rows[proxy.row()]), proxy.column())

    def mapFromSource(self, source: AnyIndex) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        r = self.proxy_row(source.row())
        return self.index(r, source.column()) if r >= 0 else QModelIndex()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.sourceModel().headerData(section, orientation, role)
