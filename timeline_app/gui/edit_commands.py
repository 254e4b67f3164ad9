"""Undoable edits: each user edit is a ``QUndoCommand`` over one stored edit (``core.curate``). The edit is made
(and validated) before it is pushed, so a refused edit never enters the stack; undo and redo flip the stored
edit's state, each in one transaction, and the window refreshes keeping its view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from ..core import curate


class EditCommand(QUndoCommand):
    """One stored edit on the undo stack."""

    def __init__(self, window: Any, edit_id: int, label: str, select: Callable[[], None]):
        super().__init__(label)
        self.window = window
        self.edit_id = edit_id
        self.select = select
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # the first redo is the push itself: the edit was already made and shown
            self._pushed = True
            return
        self._run(curate.redo)
        self.select()

    def undo(self) -> None:
        self._run(curate.undo)
        self.select()

    def _run(self, fn: Callable[..., Any]) -> None:
        ws = self.window.ws
        if ws is None:
            return
        try:
            fn(ws, self.edit_id)
        except curate.EditError as e:
            self.window._tell(str(e))


class RevertCommand(QUndoCommand):
    """Reverting (or re-applying) a stored edit from the history list, itself undoable."""

    def __init__(self, window: Any, edit_id: int, revert: bool, label: str):
        super().__init__(f"{'revert' if revert else 're-apply'} #{edit_id} {label}")
        self.window, self.edit_id, self.revert = window, edit_id, revert

    def _set(self, revert: bool) -> None:
        ws = self.window.ws
        if ws is None:
            return
        try:
            (curate.undo if revert else curate.redo)(ws, self.edit_id)
        except curate.EditError as e:
            self.window._tell(str(e))
        self.window.refresh_after_edit()

    def redo(self) -> None:
        self._set(self.revert)

    def undo(self) -> None:
        self._set(not self.revert)
