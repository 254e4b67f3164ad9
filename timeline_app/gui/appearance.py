"""How the window looks and explains itself: the theme (system, light, dark, high contrast) applied to the
hand-drawn parts and focus frames, and the timeline's hover tooltips."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QRect, QSettings
from PySide6.QtGui import QAction, QActionGroup, QCursor
from PySide6.QtWidgets import QMenu, QToolTip

from ..core.dates.labels import event_date_label
from ..core.model import EVENT_TYPE_LABELS, FAMILY_LABELS, Event, family_of
from .theme import current_theme, set_theme_mode, theme_mode
from .timeline_view import legend_tooltip
from .window_base import WindowParts


class _MarkTooltipGuard(QObject):
    """On the timeline's viewport: a tooltip event while a mark is hovered keeps the mark's tooltip."""

    def __init__(self, window: AppearanceMixin):
        super().__init__(window.timeline)
        self.window = window

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.ToolTip and getattr(self.window, "_hover_row", -1) >= 0:
            self.window._show_mark_tooltip(self.window._hover_row)
            return True
        return False


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
        detail = getattr(self, "detail", None)  # the curation part adds it after the widgets are built
        if detail is not None:
            detail.apply_theme()
        for mode, act in getattr(self, "theme_actions", {}).items():
            act.setChecked(mode == theme_mode())
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
        self.set_theme("system" if theme_mode() == "high-contrast" else "high-contrast")

    def set_theme(self, mode: str) -> None:
        """Light, dark, high contrast, or follow the system; remembered for the next start."""
        set_theme_mode(mode)
        QSettings().setValue("theme", mode)
        self.apply_theme()

    def install_theme_menu(self, view_menu: QMenu) -> None:
        """View ▸ Theme: System, Light, Dark, High contrast (one ticked)."""
        menu = view_menu.addMenu("T&heme")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for mode, text in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark"),
                           ("high-contrast", "&High contrast")):
            act = QAction(text, self)
            act.setCheckable(True)
            act.setChecked(mode == theme_mode())
            act.setStatusTip(f"The {text.replace('&', '').lower()} look" if mode != "system"
                             else "Follow the system's light or dark look")
            act.triggered.connect(lambda checked=False, m=mode: self.set_theme(m))
            group.addAction(act)
            menu.addAction(act)
            self.theme_actions[mode] = act

    def set_lane_order(self, order: str) -> None:
        self.timeline.lane_order = order
        self.apply_filters()

    def _hovered(self, row: int) -> None:
        """A tooltip that stays while the pointer is on the mark (Qt hides it when the pointer leaves its rect)."""
        if row == getattr(self, "_hover_row", -1):
            return
        self._hover_row = row
        if not getattr(self, "_tooltip_guard", None):
            # the view's own tooltip event (the pointer rests ~0.7 s) would show the scene's empty tooltip, which
            # hides ours: while a mark is hovered, that event shows ours again instead
            self._tooltip_guard = _MarkTooltipGuard(self)
            self.timeline.viewport().installEventFilter(self._tooltip_guard)
        if row < 0:
            return
        self._show_mark_tooltip(row)

    def _show_mark_tooltip(self, row: int) -> None:
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
        return (f"<b>{html.escape(ev.summary)}</b><br>{html.escape(event_date_label(ev))}"
                f" · {html.escape(EVENT_TYPE_LABELS.get(ev.type, ev.type))}"
                f" ({html.escape(FAMILY_LABELS[family_of(ev.type)])})"
                f" · {ev.status}<br>"
                f"{html.escape(', '.join(ev.companies))}<br><i>{titles}</i>")

