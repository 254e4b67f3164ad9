"""The legend as rich text, for a label above the plot, and its tooltip: the families, their types' marks and
names, and the status styles, in a theme's colours."""

from __future__ import annotations

import html
from collections.abc import Collection
from typing import TYPE_CHECKING

from ..core.model import EVENT_TYPE_LABELS, EVENT_TYPE_SHORT, FAMILIES

if TYPE_CHECKING:
    from .theme import Theme


def legend_html(theme: Theme | None = None, present: Collection[str] | None = None) -> str:
    """The legend, for a label above the plot (it never covers data): family by family, the family's colour and
    name, then each of its types with its mark (the very mark the timeline draws) and short name; then the status
    styles. ``present``: only the types the workspace holds (all when None), so the legend stays short."""
    from .marks import mark_uri, swatch_uri
    from .theme import current_theme

    th = theme or current_theme()
    dpr = _screen_dpr()
    parts = []
    for fam in FAMILIES.values():
        types = [t for t in fam.types if present is None or t in present]
        if not types:
            continue
        head = (f"<img src='{swatch_uri(th, types[0])}' width=11 height=11>&nbsp;<b>{html.escape(fam.label)}</b>"
                if len(fam.types) > 1 else "")
        marks = [f"<img src='{mark_uri(th, t, 13, dpr)}' width=13 height=13>&nbsp;"
                 f"{html.escape(EVENT_TYPE_SHORT[t]).replace(' ', '&nbsp;')}" for t in types]
        parts.append((head + ":&nbsp;" if head else "") + " ".join(marks))
    return (f"<span style='{th.css()}'>" + " &nbsp;&nbsp; ".join(parts)
            + f" &nbsp;&nbsp; <span style='color:{th.muted}'>|</span> <b>●</b>&nbsp;happened ○&nbsp;planned "
              f"<span style='color:{th.muted}'>●</span>&nbsp;ongoing&nbsp;(faded) "
              f"<span style='color:{th.muted}'>|</span> mark&nbsp;=&nbsp;day, bar&nbsp;=&nbsp;longer</span>")


def legend_tooltip(present: Collection[str] | None = None) -> str:
    """Every family with its types' full names (the legend's tooltip)."""
    rows = []
    for fam in FAMILIES.values():
        names = [EVENT_TYPE_LABELS[t] + ("" if present is None or t in present else " (none here)")
                 for t in fam.types]
        rows.append(f"<b>{html.escape(fam.label)}</b>: {html.escape(', '.join(names))}")
    return "<br>".join(rows)


def _screen_dpr() -> float:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() is not None else None
    return float(screen.devicePixelRatio()) if screen is not None else 1.0
