"""The application icon (an SVG in resources/icons, rendered by Qt at any size)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..core.paths import resource_path


def app_icon() -> QIcon:
    try:
        return QIcon(str(resource_path("icons/timeline.svg")))
    except FileNotFoundError:
        return QIcon()
