"""The Event types checklist of the filter panel: each family of event types a row, its types below it, each
row with its colour and mark (the full legend); ticking a family ticks its types."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ..core.model import EVENT_TYPE_LABELS, FAMILIES, Family
from .marks import mark_pixmap, swatch_pixmap
from .theme import Theme

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
USER_ROLE = Qt.ItemDataRole.UserRole
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
