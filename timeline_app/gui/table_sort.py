"""The events table's order: sortable by every column, computed with NumPy on the shown rows (text columns
fetch the shown events once); the timeline's navigation keeps time order in its own proxy."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from .window_base import WindowParts


class TableMixin(WindowParts):
    """Sorting of ``table_proxy`` by the header's sort indicator."""

    def _sort_table(self, column: int | None = None, order: Qt.SortOrder | None = None) -> None:
        if self.cols is None:
            return
        hh = self.table.horizontalHeader()
        column = hh.sortIndicatorSection() if column is None else column
        order = hh.sortIndicatorOrder() if order is None else order
        rows = np.nonzero(self.shown_mask)[0]
        c = self.cols
        key: np.ndarray | list[str]
        if column == 0:
            t = c.t0[rows]
            key = np.where(np.isnan(t), np.inf, t)
        elif column == 1:
            key = c.type_code[rows]  # the taxonomy's order: family by family
        elif column == 4:
            key = c.status_code[rows]
        elif column == 6:
            key = c.confidence[rows]
        else:
            got = self.ws.events_at(rows.tolist()) if self.ws is not None else {}
            if column == 2:
                key = [", ".join(got[r].companies).lower() if r in got else "" for r in rows.tolist()]
            elif column == 3:
                key = [got[r].summary.lower() if r in got else "" for r in rows.tolist()]
            else:
                key = [self.model.sources_text(got[r]).lower() if r in got else "" for r in rows.tolist()]
        idx = np.argsort(np.asarray(key), kind="stable")
        if order == Qt.SortOrder.DescendingOrder:
            idx = idx[::-1]
        self.table_proxy.set_rows(rows[idx], c.n)
        if self.current >= 0:
            pr = self.table_proxy.proxy_row(self.current)
            if pr >= 0:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(pr)
                self.table.selectionModel().blockSignals(False)
