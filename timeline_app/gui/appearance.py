"""How the window looks and explains itself: the theme (system, light, dark, high contrast) applied to the
hand-drawn parts and focus frames, and the timeline's hover tooltips."""

from __future__ import annotations

import html

from PySide6.QtCore import QRect
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

from ..core.model import EVENT_TYPE_LABELS, FAMILY_LABELS, Event, family_of
from .event_model import date_label
from .theme import current_theme
from .timeline_view import legend_tooltip
from .window_base import WindowParts


class AppearanceMixin(WindowParts):
    """Theme and tooltips of the main window."""

    def apply_theme(self) -> None:
        """Colours of the hand-drawn parts and the focus frames from the current theme (system, or forced)."""
        th = current_theme()
        self.timeline.apply_theme(th)
        self.pane.overview.apply_theme(th)
        self.update_legend()
        self.source.apply_theme(th)
        self.filters.apply_theme(th)
        self.setStyleSheet(
            "QTreeWidget:focus, QListWidget:focus, QListView:focus, QTableView:focus, QTextBrowser:focus, "
            f"QLineEdit:focus, QDateEdit:focus, QComboBox:focus {{ border: 2px solid {th.focus}; }} "
            f"QSlider:focus, QCheckBox:focus, QPushButton:focus {{ outline: 2px solid {th.focus}; "
            f"border: 1px solid {th.focus}; }}")

    def update_legend(self) -> None:
        """The legend for the current theme, listing the types the workspace holds (all of them before one is
        loaded); its tooltip names every family's types in full."""
        present = self.cols.types_present() if self.cols is not None else None
        self.legend.set_types(current_theme(), present, self.devicePixelRatioF())
        self.legend.setToolTip(legend_tooltip(present))

    def toggle_high_contrast(self) -> None:
        from .theme import set_theme_mode, theme_mode

        set_theme_mode("system" if theme_mode() == "high-contrast" else "high-contrast")
        self.apply_theme()

    def set_lane_order(self, order: str) -> None:
        self.timeline.lane_order = order
        self.apply_filters()

    def _hovered(self, row: int) -> None:
        """A tooltip that stays while the pointer is on the mark (Qt hides it when the pointer leaves its rect)."""
        if row == getattr(self, "_hover_row", -1):
            return
        self._hover_row = row
        if row < 0:
            return
        ev = self.model.event_at(row)
        if ev is not None:
            pos = QCursor.pos()
            local = self.timeline.mapFromGlobal(pos)
            QToolTip.showText(pos, self.tooltip(ev, row), self.timeline, QRect(local.x() - 14, local.y() - 14, 28, 28),
                              30000)

    def tooltip(self, ev: Event, row: int) -> str:
        assert self.cols is not None
        docs = [self._document(s.document) for s in ev.sources]
        titles = "<br>".join(html.escape(f"• {d.title}") for d in {d.id: d for d in docs if d is not None}.values())
        return (f"<b>{html.escape(ev.summary)}</b><br>{date_label(self.cols.t0[row], self.cols.t1[row], ev.precision)}"
                f" · {html.escape(EVENT_TYPE_LABELS.get(ev.type, ev.type))}"
                f" ({html.escape(FAMILY_LABELS[family_of(ev.type)])})"
                f" · {ev.status}<br>"
                f"{html.escape(', '.join(ev.companies))}<br><i>{titles}</i>")

