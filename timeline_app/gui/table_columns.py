"""The events table's columns fitted to its width: the most useful columns first (summary, date, companies, type,
status, confidence, sources), each at least readable; those that do not fit at that width are hidden rather than
squeezing the summary to "…" or scrolling it out of sight. Once the user resizes a column by hand, widths are
theirs (columns are still shown or hidden as the table's width changes)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

SUMMARY = 3
#: column -> (least readable width in characters of "0", preferred width in pixels); the summary takes the rest
COLUMNS: dict[int, tuple[int, int]] = {0: (10, 105), 1: (11, 125), 2: (12, 200), 4: (8, 75), 6: (6, 80), 5: (7, 90)}
PRIORITY = (SUMMARY, 0, 2, 1, 4, 6, 5)  # which columns are shown first when the table is narrow
SUMMARY_MIN_CHARS = 24


class ColumnFitter(QObject):
    """Installed on a table: fits its columns whenever it is resized (see the module's docstring)."""

    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        self.user_sized = False
        self._fitting = False
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._resized_by_hand)
        table.installEventFilter(self)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if obj is self.table and ev.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.FontChange):
            self.fit()
        return False

    def _resized_by_hand(self, column: int, old: int, new: int) -> None:
        if not self._fitting and column != SUMMARY and self.table.isVisible():
            self.user_sized = True

    def fit(self) -> None:
        """Show the columns that fit, by priority, and share the width among them."""
        width = self.table.viewport().width()
        if width <= 0:
            return
        char = max(self.table.fontMetrics().horizontalAdvance("0"), 5)
        least = {c: chars * char + 14 for c, (chars, _) in COLUMNS.items()}
        least[SUMMARY] = SUMMARY_MIN_CHARS * char
        shown: list[int] = []
        used = 0
        for c in PRIORITY:
            if used + least[c] <= width or not shown:
                shown.append(c)
                used += least[c]
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for c in range(header.count()):
                self.table.setColumnHidden(c, c not in shown)
            if self.user_sized:
                return
            others = [c for c in shown if c != SUMMARY]
            spare = width - used
            # the other columns grow towards their preferred width, sharing what is left over the summary's least
            want = {c: max(0, COLUMNS[c][1] - least[c]) for c in others}
            total_want = sum(want.values()) or 1
            give = min(int(spare * 0.6), total_want) if spare > 0 else 0  # the summary keeps a share
            for c in others:
                self.table.setColumnWidth(c, least[c] + int(give * want[c] / total_want))
        finally:
            self._fitting = False
