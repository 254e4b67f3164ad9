"""Keyboard reach: one focus order over every control (Tab / Shift+Tab), and single-key shortcuts that yield to
the control that has the focus (arrows move in a list, Space ticks a box, letters go into a text field; in lists
letters stay shortcuts)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

Key, Mod = Qt.Key, Qt.KeyboardModifier

EDITING = (QLineEdit, QAbstractSpinBox, QAbstractItemView, QComboBox, QAbstractSlider, QAbstractButton)
ALWAYS_SHORTCUTS = {Key.Key_Escape, Key.Key_Tab, Key.Key_Backtab} | {getattr(Qt, f"Key_F{i}") for i in range(1, 13)}
TEXT_RETURN = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton)
TEXT_ENTRY = (QLineEdit, QAbstractSpinBox, QComboBox)  # take every plain key; lists and buttons only navigation
NAVIGATION = {Key.Key_Up, Key.Key_Down, Key.Key_Left, Key.Key_Right, Key.Key_Home, Key.Key_End, Key.Key_PageUp,
              Key.Key_PageDown, Key.Key_Space}


class KeyRouter(QObject):
    """Lets a focused control inside ``window`` keep plain keys that are also window shortcuts."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() != QEvent.Type.ShortcutOverride or not isinstance(obj, EDITING):
            return False
        if not (obj is self.window or self.window.isAncestorOf(obj)):
            return False
        assert isinstance(ev, QKeyEvent)
        key = Key(ev.key())
        if key in ALWAYS_SHORTCUTS:
            return False
        if ev.modifiers() & (Mod.ControlModifier | Mod.AltModifier | Mod.MetaModifier):
            return False
        if key in (Key.Key_Return, Key.Key_Enter) and not isinstance(obj, TEXT_RETURN):
            return False  # Return in a list opens the selected event's source
        if not isinstance(obj, TEXT_ENTRY) and key not in NAVIGATION and key not in (Key.Key_Return, Key.Key_Enter):
            return False  # letters stay shortcuts in lists (E edit, M merge, C only this company…)
        ev.accept()
        return False


def cycle(order: list[QWidget], focused: QWidget | None, step: int) -> QWidget | None:
    """The next usable control after ``focused`` in ``order`` (wrapping), or None."""
    usable = [w for w in order if w.isVisible() and w.isEnabled()]
    if not usable:
        return None
    i = next((k for k, w in enumerate(usable) if w is focused or (focused is not None and w.isAncestorOf(focused))),
             -1 if step > 0 else 0)
    return usable[(i + step) % len(usable)]


def name_controls(pairs: list[tuple[QWidget, str]], describe: Callable[[QWidget], str] | None = None) -> None:
    """Accessible names (what a screen reader says) for controls."""
    for w, name in pairs:
        w.setAccessibleName(name)
        if describe is not None:
            w.setAccessibleDescription(describe(w))
