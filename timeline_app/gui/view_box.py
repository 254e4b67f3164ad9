"""The timeline's view box: the mouse gestures of the plot (wheel zooms time, Shift+wheel scrolls lanes,
Shift+drag zooms to a rectangle, Ctrl+drag selects the events in a rectangle)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal


class TimelineViewBox(pg.ViewBox):
    """Wheel zooms the time axis only (Shift+wheel scrolls lanes); Shift+drag draws a zoom rectangle; Ctrl+drag
    draws a selection rectangle (``sigSelectRect``, in view coordinates: the events inside it are selected)."""

    sigLaneScroll = Signal(int)
    sigSelectRect = Signal(QRectF)

    def wheelEvent(self, ev, axis=None) -> None:
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            ev.accept()
            self.sigLaneScroll.emit(-3 if ev.delta() > 0 else 3)
            return
        super().wheelEvent(ev, axis=0)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.isStart():  # the mode is chosen when the drag starts and kept to its end
            self._rubber = bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier) and \
                ev.button() == Qt.MouseButton.LeftButton
        if getattr(self, "_rubber", False):
            ev.accept()  # a rubber band: selects, never pans or zooms
            if ev.isFinish():
                self._rubber = False
                self.rbScaleBox.hide()
                rect = QRectF(pg.Point(ev.buttonDownPos(ev.button())), pg.Point(ev.pos())).normalized()
                self.sigSelectRect.emit(self.childGroup.mapRectFromParent(rect))
            else:
                self.updateScaleBox(ev.buttonDownPos(), ev.pos())
            return
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.state["mouseMode"] = pg.ViewBox.RectMode
            try:
                super().mouseDragEvent(ev, axis)
            finally:
                self.state["mouseMode"] = pg.ViewBox.PanMode
        else:
            super().mouseDragEvent(ev, axis)
