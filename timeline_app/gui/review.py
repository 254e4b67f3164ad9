"""The review queue in the window (issue 22), and bulk curation of the events selected in the table.

View ▸ Review (``R``) puts the review panel above the source panel: one event at a time, least sure first (new
since the last review first), its evidence in the source panel and its mark selected on the timeline. Keys while
the panel has the keyboard: Enter or ``Y`` accept (confirmed ✓), ``N`` not an event, ``E`` edit, ``T`` retype,
``K`` companies, Space skip, Backspace back, ``1``–``4`` the filters (unreviewed, confirmed, rejected, all), Esc or
``R`` close. Every decision is an edit made through ``core.curate`` and pushed on the window's undo stack.

Bulk curation works on the table's selection (Shift/Ctrl+click, Shift+↑/↓; Ctrl+drag on the timeline selects the
events in a rectangle): Del deletes, ``T`` retypes,
Ctrl+K sets a company, Ctrl+Shift+K removes one, ``Y`` accepts, Shift+N rejects; each is ONE edit, one undo."""

from __future__ import annotations

import functools
import math
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QRectF, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from ..core import curate, learned, review
from ..core.model import Event
from .bulk_dialogs import CompanyNameDialog, TypeDialog
from .curation import CurationMixin
from .review_panel import FILTER_LABELS, ReviewPanel
from .review_panel import KEY_HELP as KEY_HELP  # importable from here as before
from .review_panel import STATE_LABELS as STATE_LABELS
from .titles_item import TitlesItem

Key = Qt.Key


class ReviewMixin(CurationMixin):
    """The review queue and bulk curation of the main window (slots named in actions.py)."""

    def _install_review(self) -> None:
        """The review panel, hidden, above the source panel (in the detail pane's place while reviewing)."""
        self.review_panel = ReviewPanel()
        self.right.insertWidget(0, self.review_panel)
        self.review_panel.hide()
        self.review_entries: list[review.QueueEntry] = []
        self.review_pos = 0
        self.review_filter = "unreviewed"
        p = self.review_panel
        p.handlers = {int(Key.Key_Return): self.review_accept, int(Key.Key_Enter): self.review_accept,
                      int(Key.Key_Y): self.review_accept, int(Key.Key_N): self.review_reject,
                      int(Key.Key_E): self.review_edit, int(Key.Key_T): self.retype_selection,
                      int(Key.Key_K): self.review_companies, int(Key.Key_Space): self.review_skip,
                      int(Key.Key_Backspace): self.review_back, int(Key.Key_Escape): self.toggle_review,
                      int(Key.Key_R): self.toggle_review}
        for i, k in enumerate(FILTER_LABELS):
            p.handlers[int(Key.Key_1) + i] = functools.partial(self.set_review_filter, k)
        p.filter.activated.connect(lambda i: self.set_review_filter(str(p.filter.itemData(i))))
        self.loaded.connect(self._review_refresh)
        # titles beside the marks when zoomed in, and the ✓ of confirmed events, above the marks
        self.titles_item = TitlesItem(self.timeline.item, self._fetch_titles)
        self.timeline.getPlotItem().addItem(self.titles_item, ignoreBounds=True)
        self.timeline.lanesChanged.connect(self.titles_item.refresh_bounds)
        self.loaded.connect(self._titles_reload)
        self._titles_reload()
        self.timeline.vb.sigSelectRect.connect(self.select_in_rect)

    # -- titles and checks on the timeline ----------------------------------------------------------------
    def _fetch_titles(self, rows: list[int]) -> dict[int, str]:
        """Event rows → summaries (the marks' titles), for the few rows the title layer places."""
        if self.ws is None or not rows:
            return {}
        out: dict[int, str] = {}
        for i in range(0, len(rows), 500):
            chunk = [r + 1 for r in rows[i:i + 500]]
            q = f"SELECT rowid, summary FROM events WHERE rowid IN ({','.join('?' * len(chunk))})"
            out.update({int(r) - 1: str(s or "") for r, s in self.ws.db.execute(q, chunk)})
        return out

    def _titles_reload(self) -> None:
        self.titles_item.forget()
        if self.ws is None or self.cols is None:
            self.titles_item.set_confirmed([], 0)
            return
        rows = [int(r) - 1 for (r,) in self.ws.db.execute("SELECT rowid FROM events WHERE review = 'confirmed'")]
        self.titles_item.set_confirmed(rows, self.cols.n)

    def forget_learned(self) -> None:
        """Edit ▸ Forget what corrections taught: asked first (it cannot be undone); the corrections stay applied."""
        if self.ws is None:
            return
        n = len(learned.corrections(self.ws))
        if n == 0:
            self.statusBar().showMessage("No correction teaches this workspace's classifier yet", 5000)
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Forget what corrections taught",
                          f"{n} correction(s) of this workspace teach its event classifier, which new and re-extracted "
                          "articles use. Forget them? The corrections stay applied to their events; only later "
                          "corrections will teach it. This cannot be undone.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        yes = QMessageBox.StandardButton.Yes
        box.buttonClicked.connect(lambda b: self._forget_learned() if box.standardButton(b) == yes else None)
        self._message_box = box
        box.open()

    def _forget_learned(self) -> None:
        if self.ws is not None:
            n = learned.reset(self.ws)
            self.statusBar().showMessage(f"Forgot what {n} correction(s) taught; the shipped classifier is used "
                                         "until the next correction", 8000)

    def toggle_titles(self) -> None:
        """View ▸ Titles on marks: show or hide the titles (zoomed in); the ✓ of confirmed events stays."""
        self.titles_item.set_enabled(not self.titles_item.enabled)
        self.statusBar().showMessage("Titles on marks " + ("shown when zoomed in" if self.titles_item.enabled
                                                            else "hidden (hover a mark for its summary)"), 4000)

    # -- the queue ----------------------------------------------------------------------------------------
    def reviewing(self) -> bool:
        return self.review_panel.isVisible()

    def toggle_review(self) -> None:
        """View ▸ Review: open the queue (the least sure unreviewed event first), or close it."""
        if self.reviewing():
            self.review_panel.hide()
            self.detail.show()
            self.timeline.setFocus()
            return
        if self.ws is None:
            return
        self.detail.hide()
        self.review_panel.show()
        self._review_load()
        self.review_panel.setFocus()

    def set_review_filter(self, which: str) -> None:
        """Show another part of the queue: unreviewed, confirmed, rejected or all."""
        self.review_filter = which
        p = self.review_panel
        p.filter.setCurrentIndex(max(p.filter.findData(which), 0))
        self._review_load()
        p.setFocus()

    def _review_load(self) -> None:
        self.review_entries = review.queue(self.ws, self.review_filter) if self.ws is not None else []
        self.review_pos = 0
        self._review_show()

    def review_entry(self) -> review.QueueEntry | None:
        """The event under review, or None when the queue is done."""
        return self.review_entries[self.review_pos] if 0 <= self.review_pos < len(self.review_entries) else None

    def _review_event(self, entry: review.QueueEntry | None) -> tuple[Event | None, bool]:
        if entry is None or self.ws is None:
            return None, False
        try:
            return curate.find_event(self.ws, entry.id)
        except curate.EditError:
            return None, False

    def _review_show(self) -> None:
        """Show the current entry: selected on the timeline and in the table, its evidence in the source panel."""
        entry = self.review_entry()
        ev, deleted = self._review_event(entry)
        if ev is not None and not deleted:
            row = self._row_of_id(ev.id)
            if row >= 0:
                self.select_event(row, origin="key")
        elif ev is not None:  # rejected: in the trash, not on the timeline; its evidence still shows
            self.current = -1
            self._sync_selection()
            self.source.show_event(ev)
        self._review_card(ev, entry)

    def _review_card(self, ev: Event | None, entry: review.QueueEntry | None) -> None:
        if self.ws is None:
            return
        self.review_panel.show_entry(ev, entry if ev is not None else None, self.review_pos,
                                     len(self.review_entries), self.review_filter, review.progress(self.ws))

    def _review_refresh(self) -> None:
        """After an edit, an undo or a reload: the card shows the event's state now, the progress too."""
        if getattr(self, "review_panel", None) is None or not self.reviewing():
            return
        entry = self.review_entry()
        self._review_card(self._review_event(entry)[0], entry)

    def _row_of_id(self, event_id: str) -> int:
        if self.ws is None:
            return -1
        r = self.ws.db.execute("SELECT rowid FROM events WHERE id=?", (event_id,)).fetchone()
        return int(r[0]) - 1 if r else -1

    def _review_step(self, delta: int) -> None:
        self.review_pos = max(0, min(self.review_pos + delta, len(self.review_entries)))
        self._review_show()
        self.review_panel.setFocus()

    def review_skip(self) -> None:
        self._review_step(1)

    def review_back(self) -> None:
        self._review_step(-1)

    def _review_decide(self, state: str) -> None:
        entry = self.review_entry()
        ev, _ = self._review_event(entry)
        if entry is None or ev is None:
            return
        key = self._key(ev) if state == "confirmed" else None
        if self._push(lambda ws: curate.review_event(ws, entry.id, state), key) is not None:
            self._review_step(1)

    def review_accept(self) -> None:
        """Enter / Y: the event is right (confirmed ✓)."""
        self._review_decide("confirmed")

    def review_reject(self) -> None:
        """N: not an event (it leaves the timeline; the Rejected filter lists it, undo brings it back)."""
        self._review_decide("rejected")

    def _review_current_ok(self) -> bool:
        entry = self.review_entry()
        ev, deleted = self._review_event(entry)
        if ev is None:
            return False
        if deleted:
            self._tell("This event is rejected: accept it (Enter) to edit it")
            return False
        return True

    def review_edit(self) -> None:
        """E: the edit dialog for the event under review."""
        if self._review_current_ok():
            self.edit_event()

    def review_companies(self) -> None:
        """K: the event's companies, in the edit dialog."""
        if self._review_current_ok():
            self.edit_event(focus="companies")

    # -- bulk curation ------------------------------------------------------------------------------------
    def select_in_rect(self, rect: QRectF) -> int:
        """Ctrl+drag on the timeline: the events with a mark or bar in the rectangle (view coordinates: seconds ×
        lanes) become the table's selection, for the bulk actions; returns how many."""
        idx = self.timeline.index
        if idx is None or self.cols is None:
            return 0
        x0, x1 = sorted((rect.left(), rect.right()))
        y0, y1 = sorted((rect.top(), rect.bottom()))
        rows: set[int] = set()
        for lane in range(max(0, math.ceil(y0 - 0.5)), min(idx.n_lanes, math.floor(y1 + 0.5) + 1)):
            a, b = idx.visible(lane, x0, x1)
            hit = (idx.t1[a:b] >= x0) & (idx.t0[a:b] <= x1)
            rows.update(int(r) for r in idx.event[a:b][hit])
        sm = self.table.selectionModel()
        sm.clearSelection()
        proxy_rows = sorted(pr for r in rows if (pr := self.table_proxy.proxy_row(r)) >= 0)
        selection = QItemSelection()
        for pr in proxy_rows:
            selection.select(self.table_proxy.index(pr, 0), self.table_proxy.index(pr, 0))
        sm.select(selection, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        if rows:
            first = self.table_proxy.source_row(proxy_rows[0]) if proxy_rows else min(rows)
            self.current = first
            self.timeline.item.set_selected(first)
            self.source.show_event(self.model.event_at(first))
            self.selectionChanged.emit(first)
        self.statusBar().showMessage(f"{len(rows)} event(s) selected: Del, T retype, Ctrl+K / Ctrl+Shift+K company, "
                                     "Y accept, Shift+N reject", 6000)
        return len(rows)

    def selected_rows(self) -> list[int]:
        """The events selected in the table (and the current one), in row order."""
        rows = {self.table_proxy.source_row(i.row()) for i in self.table.selectionModel().selectedRows()}
        if self.current >= 0:
            rows.add(self.current)
        return sorted(r for r in rows if r >= 0)

    def _selected_events(self) -> list[Event]:
        if self.reviewing():
            ev, deleted = self._review_event(self.review_entry())
            return [ev] if ev is not None and not deleted else []
        return [e for r in self.selected_rows() if (e := self.model.event_at(r)) is not None]

    def _bulk(self, events: list[Event], change: dict[str, Any]) -> int | None:
        """One change to the events: one edit for one event as for many, one step on the undo stack."""
        if not events:
            self.statusBar().showMessage("Select events first (in the table: Shift/Ctrl+click, Shift+↑/↓)", 4000)
            return None
        key = None if change.get("deleted") or change.get("review") == "rejected" else self._key(events[0])
        ids = [e.id for e in events]
        if len(ids) == 1 and "review" in change:
            return self._push(lambda ws: curate.review_event(ws, ids[0], change["review"]), key)
        return self._push(lambda ws: curate.bulk_edit(ws, ids, change), key)

    def delete_event(self) -> None:
        """Del: delete the selected event, or every event selected in the table as one step."""
        events = self._selected_events()
        if len(events) > 1:
            self._bulk(events, {"deleted": True})
        else:
            super().delete_event()

    def retype_selection(self) -> None:
        """T: give the selected event(s) (or the one under review) another type."""
        events = self._selected_events()
        if not events:
            self._bulk(events, {})
            return
        dlg = TypeDialog(events[0].type if len(events) == 1 else None, len(events), self)
        self.retype_dialog = dlg

        def done(result: int) -> None:
            self.activateWindow()
            t = dlg.chosen()
            if result == QDialog.DialogCode.Accepted and t:
                self._bulk(events, {"type": t})
            if self.reviewing():
                self._review_refresh()
                self.review_panel.setFocus()

        dlg.finished.connect(done)
        dlg.open()

    def _company_dialog(self, remove: bool) -> None:
        events = self._selected_events()
        if not events or self.cols is None:
            self._bulk(events, {})
            return
        present = sorted({c for e in events for c in e.companies}, key=str.lower)
        if remove and not present:
            self._tell("The selected events have no company to remove")
            return
        n = len(events)
        dlg = CompanyNameDialog(f"{'Remove a company from' if remove else 'Add a company to'} {n} event(s)",
                                list(self.cols.companies), self, present if remove else None)
        self.bulk_company_dialog = dlg

        def done(result: int) -> None:
            self.activateWindow()
            name = dlg.name()
            if result == QDialog.DialogCode.Accepted and name:
                self._bulk(events, {"remove_company" if remove else "add_company": name})

        dlg.finished.connect(done)
        dlg.open()

    def add_company_to_selection(self) -> None:
        """Ctrl+K: a company joins every selected event."""
        self._company_dialog(remove=False)

    def remove_company_from_selection(self) -> None:
        """Ctrl+Shift+K: a company leaves every selected event."""
        self._company_dialog(remove=True)

    def accept_selection(self) -> None:
        """Y: the selected event(s) are right (confirmed ✓)."""
        self._bulk(self._selected_events(), {"review": "confirmed"})

    def reject_selection(self) -> None:
        """Shift+N: the selected event(s) are not events."""
        self._bulk(self._selected_events(), {"review": "rejected"})
