"""Qt model over the workspace's events, backed by columnar NumPy arrays for the timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..core.model import EVENT_TYPE_LABELS, Event

COLUMNS = ["Date", "Type", "Companies", "Summary", "Status", "Sources", "Confidence"]
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def to_seconds(d: dt.date) -> float:
    return (dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc) - EPOCH).total_seconds()


class EventTableModel(QAbstractTableModel):
    """Events as rows; ``t0``/``t1`` (seconds, NaN when undated) as arrays for drawing."""

    def __init__(self, events: list[Event] | None = None):
        super().__init__()
        self.set_events(events or [])

    def set_events(self, events: list[Event]) -> None:
        self.beginResetModel()
        self.events = events
        self.t0 = np.array([to_seconds(e.start) if e.start else np.nan for e in events], dtype=float)
        self.t1 = np.array([to_seconds(e.end) + 86400 if e.end else np.nan for e in events], dtype=float)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        e = self.events[index.row()]
        col = index.column()
        if col == 0:
            return date_label(e)
        if col == 1:
            return EVENT_TYPE_LABELS.get(e.type, e.type)
        if col == 2:
            return ", ".join(e.companies)
        if col == 3:
            return e.summary
        if col == 4:
            return e.status
        if col == 5:
            return len({s.document for s in e.sources})
        return f"{e.confidence:.2f}"


def date_label(e: Event) -> str:
    if not e.start:
        return "undated"
    if e.precision == "day":
        return e.start.isoformat()
    if e.precision == "month":
        return e.start.strftime("%Y-%m")
    if e.precision == "quarter":
        return f"{e.start.year}-Q{(e.start.month - 1) // 3 + 1}"
    if e.precision == "half":
        return f"{e.start.year}-H{1 if e.start.month <= 6 else 2}"
    if e.precision == "year":
        return str(e.start.year) + (f"–{e.end.isoformat()}" if e.end and e.end.year != e.start.year else "")
    return f"{e.start.isoformat()} – {e.end.isoformat() if e.end else ''}"
