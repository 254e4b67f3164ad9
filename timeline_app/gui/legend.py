"""The legend above the plot: family by family, the family's colour and name, then each of its types with the mark
the timeline draws and a short name; then the status styles. Each entry is one unbreakable piece laid out by a flow
layout, so a line never ends between a mark and its name (rich text breaks after an inline image); hovering an
entry gives the type's full name, family and definition."""

from __future__ import annotations

import html
from collections.abc import Collection

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget

from ..core.model import EVENT_TYPE_LABELS, EVENT_TYPE_SHORT, FAMILIES, taxonomy
from .marks import mark_uri, swatch_uri
from .theme import Theme


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line when the width runs out (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = 7, v_spacing: int = 1):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h, self._v = h_spacing, v_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for it in self._items:
            size = size.expandedTo(it.minimumSize())
        return size

    def _arrange(self, rect: QRect, apply: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for it in self._items:
            hint = it.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._v, 0
            if apply:
                it.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._h
            line = max(line, hint.height())
        return y + line - rect.y()


def _entry(html_text: str, tip: str = "") -> QLabel:
    label = QLabel(html_text)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(False)
    label.setToolTip(tip)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label


def _type_tip(t: str) -> str:
    info = taxonomy().types[t]
    return (f"<b>{html.escape(EVENT_TYPE_LABELS[t])}</b> ({html.escape(FAMILIES[info.family].label)})<br>"
            f"{html.escape(info.definition)}")


class LegendBar(QWidget):
    """The legend as wrapping entries; ``set_types`` fills it for a theme and the types a workspace holds."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._flow = FlowLayout(self)
        self._html = ""
        sp = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.setAccessibleName("Legend")

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._flow.heightForWidth(width)

    def text(self) -> str:
        """The legend as rich text (what it shows, in one piece)."""
        return self._html

    def set_types(self, theme: Theme, present: Collection[str] | None = None, dpr: float = 1.0) -> None:
        """Show the families and types (all, or only ``present``) in ``theme``'s colours."""
        from .timeline_view import legend_html

        while (item := self._flow.takeAt(0)) is not None:
            w = item.widget()
            if w is not None:
                w.deleteLater()
        css = theme.css()
        first = True
        for fam in FAMILIES.values():
            types = [t for t in fam.types if present is None or t in present]
            if not types:
                continue
            for i, t in enumerate(types):
                mark = (f"<img src='{mark_uri(theme, t, 13, dpr)}' width=13 height=13>&nbsp;"
                        f"{html.escape(EVENT_TYPE_SHORT[t])}")
                head = ""
                if i == 0 and len(fam.types) > 1:  # the family's name stays with its first type
                    head = (f"<img src='{swatch_uri(theme, t)}' width=11 height=11>&nbsp;"
                            f"<b>{html.escape(fam.label)}</b>:&nbsp;")
                label = _entry(f"<span style='{css}'>{head}{mark}</span>", _type_tip(t))
                if i == 0 and not first:
                    label.setContentsMargins(8, 0, 0, 0)  # a little more room between families
                self._flow.addWidget(label)
            first = False
        muted = f"<span style='color:{theme.muted}'>|</span>"
        for text in (f"{muted}&nbsp;<b>●</b>&nbsp;happened&nbsp; ○&nbsp;planned&nbsp; "
                     f"<span style='color:{theme.muted}'>●</span>&nbsp;ongoing&nbsp;(faded)",
                     f"{muted}&nbsp;mark&nbsp;=&nbsp;day, bar&nbsp;=&nbsp;longer"):
            self._flow.addWidget(_entry(f"<span style='{css}'>{text}</span>"))
        self._html = legend_html(theme, present)
        self.setAccessibleDescription(html.unescape(
            " ".join(EVENT_TYPE_LABELS[t] for f in FAMILIES.values() for t in f.types
                     if present is None or t in present)))
        self.updateGeometry()
