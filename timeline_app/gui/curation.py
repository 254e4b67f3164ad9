"""Curation in the window: the detail pane, the edit dialog, and every edit as an undoable command
(E edit, Del delete, M merge the table selection, S star, N note, A add an event from the text selected in the
source panel, Ctrl+Z / Ctrl+Shift+Z, the edit history). The work is done by ``core.curate``; this module only
asks, shows and refreshes."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSplitter,
)

from ..core import curate
from ..core.index import NO_COMPANY
from .company_dialog import CompanyDialog
from .detail_pane import DetailPane
from .edit_commands import EditCommand, RevertCommand
from .edit_dialog import EventEditDialog
from .edit_history import EditHistoryDialog
from .plain import plain_label
from .window_base import WindowParts

Key = tuple[str, int]


def selection_in_text(text: str, selected: str, near: int) -> tuple[int, int] | None:
    """Where a selection made in the rendered article lies in its raw text (rendering collapses whitespace):
    the occurrence nearest to ``near``."""
    words = selected.replace("\u2029", " ").replace("\u2028", " ").split()
    if not words:
        return None
    pat = re.compile(r"\s+".join(re.escape(w) for w in words))
    hits = [(abs(m.start() - near), m.start(), m.end()) for m in pat.finditer(text)]
    return (min(hits)[1], min(hits)[2]) if hits else None


class CurationMixin(WindowParts):
    """Edit actions of the main window (slots named in actions.py)."""

    def _install_curation(self) -> None:
        """Put the detail pane above the source panel, allow multi-row selection for merging, make the stack."""
        self.undo_stack = QUndoStack(self)
        self.detail = DetailPane()
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.split.insertWidget(2, self.right)
        self.right.addWidget(self.detail)
        self.right.addWidget(self.source)
        self.right.setSizes([300, 600])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.detail.sourceActivated.connect(self._open_source_at)
        self.selectionChanged.connect(self._show_detail)
        self.undo_stack.indexChanged.connect(self._update_undo_texts)
        self.loaded.connect(self._notice_unplaced)
        self._update_undo_texts()

    # -- shared -------------------------------------------------------------------------------------------
    def _event(self) -> Any:
        if self.current < 0:
            self.statusBar().showMessage("Select an event first", 4000)
            return None
        return self.model.event_at(self.current)

    def _show_detail(self, row: int) -> None:
        self.detail.show_event(self.model.event_at(row) if row >= 0 else None, self._document)

    def _open_source_at(self, index: int) -> None:
        if self.detail.current_event is not None:
            self.source.show_event(self.detail.current_event, index)

    def _update_undo_texts(self, *_: object) -> None:
        s = self.undo_stack
        for slot, text, can in (("undo_edit", s.undoText(), s.canUndo()), ("redo_edit", s.redoText(), s.canRedo())):
            act = self.actions_by_slot.get(slot)
            if act is not None:
                act.setText(f"&{'Undo' if slot == 'undo_edit' else 'Redo'}" + (f" {text}" if text else ""))
                act.setEnabled(can)

    def _row_of(self, key: Key | None) -> int:
        if key is None or self.ws is None:
            return -1
        r = self.ws.db.execute("SELECT e.rowid FROM event_sources s JOIN events e ON e.id = s.event_id "
                               "WHERE s.doc_id=? AND s.trigger_start=?", key).fetchone()
        return int(r[0]) - 1 if r else -1

    def refresh_after_edit(self, key: Key | None = None) -> None:
        """Reload the events after an edit, keeping the view; select the event at ``key`` if still shown."""
        if self.ws is None:
            return
        x, y = self.timeline.vb.viewRange()
        self.reload()
        self.timeline.vb.setRange(xRange=x, yRange=y, padding=0)
        row = self._row_of(key)
        self.current = -1
        if row >= 0:
            self.select_event(row, origin="key")
        else:
            self._sync_selection()
            self.detail.show_event(None, self._document)

    def _push(self, make: Any, key: Key | None) -> int | None:
        """Make an edit now (refused edits are told and not pushed) and push it on the undo stack."""
        if self.ws is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # an article date re-reads the article (spaCy)
        try:
            edit_id = int(make(self.ws))
        except curate.EditError as e:
            self._tell(str(e))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        rec = curate.get_edit(self.ws, edit_id)
        label = rec.label if rec else f"edit {edit_id}"
        self.refresh_after_edit(key)
        self.undo_stack.push(EditCommand(self, edit_id, label, lambda: self.refresh_after_edit(key)))
        self.statusBar().showMessage(label, 5000)
        return edit_id

    @staticmethod
    def _key(ev: Any) -> Key | None:
        return (ev.sources[0].document, ev.sources[0].trigger_start) if ev is not None and ev.sources else None

    # -- event edits --------------------------------------------------------------------------------------
    def edit_event(self, focus: str = "date") -> None:
        ev = self._event()
        if ev is None or self.cols is None:
            return
        companies = sorted(set(self.cols.companies))
        dlg = EventEditDialog(ev, companies, self, focus)
        self.edit_dialog = dlg

        def done(result: int) -> None:
            self.activateWindow()
            changes = dlg.changes()
            if result == QDialog.DialogCode.Accepted and changes:
                self._push(lambda ws: curate.edit_event(ws, ev.id, changes), self._key(ev))

        dlg.finished.connect(done)
        dlg.open()
        dlg.activateWindow()

    def edit_note(self) -> None:
        self.edit_event(focus="notes")

    def delete_event(self) -> None:
        ev = self._event()
        if ev is not None:
            self._push(lambda ws: curate.edit_event(ws, ev.id, {"deleted": True}), None)

    def toggle_star(self) -> None:
        ev = self._event()
        if ev is not None:
            self._push(lambda ws: curate.edit_event(ws, ev.id, {"starred": not ev.starred}), self._key(ev))

    def merge_selection(self) -> None:
        rows = sorted({self.table_proxy.source_row(i.row()) for i in self.table.selectionModel().selectedRows()})
        if self.current >= 0 and self.current not in rows:
            rows.append(self.current)
        events = [e for r in rows if (e := self.model.event_at(r)) is not None]
        if len(events) < 2:
            self._tell("Select two or more events in the table to merge (Shift+Up/Down or Ctrl+click), then press M")
            return
        self._push(lambda ws: curate.merge_events(ws, [e.id for e in events]), self._key(events[0]))

    def split_source(self) -> None:
        """Split the source shown in the source panel off the selected event into an event of its own."""
        ev = self._event()
        if ev is None:
            return
        if len(ev.sources) < 2:
            self._tell("This event has a single source: nothing to split")
            return
        i = self.source.source_index if self.source.current_event is not None and \
            self.source.current_event.id == ev.id else 0
        rest = [j for j in range(len(ev.sources)) if j != i]
        self._push(lambda ws: curate.split_event(ws, ev.id, [rest, [i]]), self._key(ev))

    def edit_company(self) -> None:
        """Correct what the workspace knows about the current lane's company (or the event's first company)."""
        if self.cols is None:
            return
        ev = self.model.event_at(self.current) if self.current >= 0 else None
        lanes = self.timeline.lanes if self.timeline.lanes_by == "company" else []  # lanes of people are no companies
        name = lanes[self.current_lane] if 0 <= self.current_lane < len(lanes) else \
            (ev.companies[0] if ev is not None and ev.companies else "")
        if name == NO_COMPANY:
            self.statusBar().showMessage("The events in this lane name no company", 4000)
            return
        story = curate.company_story(self.ws, str(name)) if self.ws is not None and name else []
        dlg = CompanyDialog(str(name), list(self.cols.companies), self, story)
        self.company_dialog = dlg

        def done(result: int) -> None:
            self.activateWindow()
            if result == QDialog.DialogCode.Accepted:
                self._push(dlg.make(), self._key(ev))

        dlg.finished.connect(done)
        dlg.open()
        dlg.activateWindow()

    def _notice_unplaced(self) -> None:
        if self.ws is None:
            return
        if getattr(self, "_stack_path", None) != self.workspace_path:  # another workspace: its own history
            self.undo_stack.clear()
            self._stack_path = self.workspace_path
        lost = curate.unplaced(self.ws)
        if lost:
            self.statusBar().showMessage(f"{len(lost)} of your edits could not be re-attached to the current articles"
                                         f" — see Edit ▸ Edit history (Ctrl+H)", 15000)

    # -- text selections ----------------------------------------------------------------------------------
    def _selected_span(self) -> tuple[str, int, int] | None:
        cur = self.source.browser.textCursor()
        doc_id = self.source.document_id
        doc = self._document(doc_id) if doc_id else None
        if doc is None or not cur.hasSelection():
            self._tell("Select some text of the article in the source panel first")
            return None
        body = self.source.browser.document().toPlainText()
        head = body.find(doc.text[:40].split("\n")[0].strip()) if doc.text.strip() else 0
        near = max(0, cur.selectionStart() - max(head, 0))
        span = selection_in_text(doc.text, cur.selectedText(), near)
        if span is None:
            self._tell("The selection could not be found in the article text")
            return None
        return doc.id, span[0], span[1]

    def add_event_from_selection(self) -> None:
        span = self._selected_span()
        if span is None:
            return
        doc_id, s0, s1 = span
        self._push(lambda ws: curate.add_event(ws, doc_id, s0, s1), (doc_id, s0))

    def mark_not_event(self) -> None:
        span = self._selected_span()
        if span is not None:
            self._push(lambda ws: curate.mark_not_event(ws, *span), None)

    # -- articles -----------------------------------------------------------------------------------------
    def _article(self) -> Any:
        doc_id = self.source.document_id
        doc = self._document(doc_id) if doc_id else None
        if doc is None:
            self._tell("Open an event's source article first")
        return doc

    def set_article_date(self) -> None:
        doc = self._article()
        if doc is None:
            return
        dlg = QDialog(self)
        dlg.setWindowTitle("Publication date")
        form = QFormLayout(dlg)
        title = plain_label(doc.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        field = QLineEdit(doc.date.isoformat() if doc.date else "")
        field.setPlaceholderText("2025-11-13 or 13 Nov 2025; empty: find it automatically")
        form.addRow("Article", title)
        form.addRow("&Date", field)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(dlg.accept)
        bb.rejected.connect(dlg.reject)
        form.addRow(bb)
        self.article_date_dialog = dlg
        key = self._key(self.model.event_at(self.current)) if self.current >= 0 else None

        def done(result: int) -> None:
            self.activateWindow()
            if result == QDialog.DialogCode.Accepted:
                text = field.text().strip() or None
                self._push(lambda ws: curate.set_document_date(ws, doc.id, text), key)

        dlg.finished.connect(done)
        dlg.open()

    def exclude_article(self) -> None:
        doc = self._article()
        if doc is not None:
            self._push(lambda ws: curate.exclude_document(ws, doc.id, True), None)

    # -- undo, redo, history ------------------------------------------------------------------------------
    def undo_edit(self) -> None:
        self.undo_stack.undo()

    def redo_edit(self) -> None:
        self.undo_stack.redo()

    def show_edit_history(self) -> None:
        if self.ws is None:
            return

        def toggle(edit_id: int, revert: bool) -> None:
            rec = curate.get_edit(self.ws, edit_id) if self.ws else None
            self.undo_stack.push(RevertCommand(self, edit_id, revert, rec.label if rec else ""))

        dlg = EditHistoryDialog(lambda: curate.history(self.ws) if self.ws else [], toggle, self)
        self.history_dialog = dlg
        dlg.show()

