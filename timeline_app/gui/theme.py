"""Light, dark and high-contrast looks. By default the look follows the system palette (light or dark);
``set_theme_mode`` can force one. Event colours are the family colours of core.palette (Okabe–Ito plus three),
with the black of "other" turned light on a dark background; a colour too faint against the background gets a
darker (or, on dark, lighter) shade of itself for outlines, so every mark's edge reaches 3:1 (4.5:1 in high
contrast) while its fill keeps the family colour."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from ..core.palette import hex_to_rgb, readable, type_colour

MODES = ("system", "light", "dark", "high-contrast")
_mode = "system"


@dataclass(frozen=True)
class Theme:
    """Colours the hand-drawn parts use (widgets take theirs from the palette)."""

    dark: bool
    high_contrast: bool
    background: str
    text: str
    muted: str
    axis: str
    current_lane: tuple[int, int, int, int]
    focus: str
    selection: str
    band: str
    connector: str

    def type_colour(self, t: str) -> tuple[int, int, int]:
        """The fill colour of a type's marks and bars: its family colour (lightened on a dark background
        when it would not reach 3:1 there)."""
        rgb = type_colour(t)
        if self.dark:
            return readable((230, 230, 230) if rgb == (0, 0, 0) else rgb, hex_to_rgb(self.background), 3.0)
        return rgb

    def outline_colour(self, t: str) -> tuple[int, int, int]:
        """The outline of a type's marks (and a planned mark's only colour): the fill colour, shaded just
        enough to reach 3:1 against the background (4.5:1 in high contrast)."""
        return readable(self.type_colour(t), hex_to_rgb(self.background), 4.5 if self.high_contrast else 3.0)

    def css(self) -> str:
        """Colours for rich text shown in the window (source panel, legend)."""
        return f"color:{self.text}"


LIGHT = Theme(False, False, "#ffffff", "#111111", "#666666", "#787878", (255, 214, 102, 70), "#1f6fd6", "#000000",
              "#dadada", "#969696")
DARK = Theme(True, False, "#1e1f22", "#e8e8e8", "#a8a8a8", "#9a9a9a", (255, 214, 102, 45), "#62a8ff", "#ffffff",
             "#4a4b50", "#8a8a8a")
HIGH_CONTRAST = Theme(False, True, "#ffffff", "#000000", "#000000", "#000000", (255, 200, 0, 110), "#0000ff",
                      "#000000", "#b0b0b0", "#000000")


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    try:
        from PySide6.QtCore import Qt

        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
    except AttributeError:  # Qt < 6.5
        pass
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def current_theme() -> Theme:
    if _mode == "high-contrast":
        return HIGH_CONTRAST
    if _mode == "system":
        return DARK if system_is_dark() else LIGHT
    return DARK if _mode == "dark" else LIGHT


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2b2d30"), (roles.WindowText, "#e8e8e8"), (roles.Base, "#1e1f22"),
                         (roles.AlternateBase, "#2b2d30"), (roles.ToolTipBase, "#3c3f41"),
                         (roles.ToolTipText, "#e8e8e8"), (roles.Text, "#e8e8e8"), (roles.Button, "#3c3f41"),
                         (roles.ButtonText, "#e8e8e8"), (roles.BrightText, "#ff6b6b"), (roles.Highlight, "#2f65ca"),
                         (roles.HighlightedText, "#ffffff"), (roles.Link, "#7fb2ff"),
                         (roles.PlaceholderText, "#8a8a8a")):
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#777777"))
    p.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#777777"))
    return p


def high_contrast_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#ffffff"), (roles.WindowText, "#000000"), (roles.Base, "#ffffff"),
                         (roles.AlternateBase, "#eeeeee"), (roles.Text, "#000000"), (roles.Button, "#ffffff"),
                         (roles.ButtonText, "#000000"), (roles.Highlight, "#0000c0"),
                         (roles.HighlightedText, "#ffffff"), (roles.Link, "#0000c0")):
        p.setColor(role, QColor(colour))
    return p


def set_theme_mode(mode: str) -> Theme:
    """Force a look ("light", "dark", "high-contrast") or follow the system ("system")."""
    global _mode
    if mode not in MODES:
        raise ValueError(f"unknown theme {mode!r}; one of {', '.join(MODES)}")
    _mode = mode
    app = QApplication.instance()
    if isinstance(app, QApplication):
        if mode == "dark":
            app.setStyle(QStyleFactory.create("Fusion"))
            app.setPalette(dark_palette())
        elif mode == "high-contrast":
            app.setStyle(QStyleFactory.create("Fusion"))
            app.setPalette(high_contrast_palette())
        elif mode == "light":
            app.setStyle(QStyleFactory.create("Fusion"))
            app.setPalette(app.style().standardPalette())
    return current_theme()


def theme_mode() -> str:
    return _mode
