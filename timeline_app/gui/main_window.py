"""The main window: filters | timeline, undated strip and events table | source panel, sharing one selection.

Layout and workspace loading live here; filtering, the shared selection, navigation, files, exports, dialogs,
ingest and saved state are mixins in their own modules."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.index import EventColumns
from ..core.ingest import merge_pending, open_workspace
from ..core.model import Event
from ..core.paths import user_data_dir
from ..core.store.quarantine import set_aside_documents
from ..core.store.safe_open import describe_error
from ..core.store.workspace import Workspace, WorkspaceError
from .actions import ACTIONS
from .appearance import AppearanceMixin
from .curation import CurationMixin
from .dialogs import DialogsMixin, about_html
from .event_model import EventTableModel, MaskProxyModel
from .exports import ExportMixin
from .files import ARTICLE_SUFFIXES, MAX_RECENT, FilesMixin
from .filter_panel import FilterPanel
from .import_runner import ImportMixin
from .ingest_runner import IngestMixin
from .keyboard import KeyRouter
from .lanes_by import LanesByMixin
from .legend import LegendBar
from .navigation import NavigationMixin
from .review import ReviewMixin
from .row_check import RowCheckMixin
from .source_panel import SourcePanel
from .table_columns import ColumnFitter
from .table_sort import TableMixin
from .timeline_pane import TimelinePane
from .timeline_view import TimelineView
from .window_filtering import FilteringMixin
from .window_selection import SelectionMixin
from .window_state import WindowStateMixin
from .workspace_lock import lock_workspace

__all__ = ["ARTICLE_SUFFIXES", "MAX_RECENT", "MainWindow", "about_html"]


class MainWindow(RowCheckMixin, NavigationMixin, AppearanceMixin, TableMixin, FilesMixin, ExportMixin, ImportMixin,
                 IngestMixin, DialogsMixin, WindowStateMixin, LanesByMixin,
                 ReviewMixin, CurationMixin, FilteringMixin, SelectionMixin, QMainWindow):
    """Timeline's main window over one workspace file."""

    loaded = Signal()  # the workspace was (re)loaded: after opening and after every ingest
    liveReloaded = Signal(int)  # during an ingest, the events read so far were shown (their number)
    selectionChanged = Signal(int)
    imported = Signal(object)  # an import finished (its ImportBatch)
    reportDone = Signal(str)  # a report was written (its path), or failed ("")

    def __init__(self, workspace_path: str):
        super().__init__()
        self.setAcceptDrops(True)
        self.ws: Workspace | None = None
        self.workspace_path = ""
        self.cols: EventColumns | None = None
        self.shown_mask = np.zeros(0, dtype=bool)  # events the filters let through (QWidget.mask is Qt's)
        self.text_mask: np.ndarray | None = None
        self.current = -1
        self.current_lane = -1
        self._load_error = ""
        self._thread = self._worker = None
        self._import_thread = self._import_worker = None
        self._report_thread = self._report_worker = None
        self._build_widgets()
        self._build_actions()
        self.fill_recent_menu()
        self._install_curation()
        self._install_review()
        self.open_workspace(workspace_path)

    # -- widgets -------------------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.model = EventTableModel()
        self.proxy = MaskProxyModel()
        self.proxy.setSourceModel(self.model)
        self.undated_proxy = MaskProxyModel()
        self.undated_proxy.setSourceModel(self.model)
        self.table_proxy = MaskProxyModel()  # the table's own order (sortable); navigation keeps time order
        self.table_proxy.setSourceModel(self.model)
        self.table_proxy.sorter = lambda column, order: self._sort_table(column, order)
        self.filters = FilterPanel()
        self.timeline = TimelineView()
        self.pane = TimelinePane(self.timeline)
        self.table = QTableView()
        self.table.setModel(self.table_proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table_columns = ColumnFitter(self.table)  # the useful columns at any width, the summary never "…"
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.undated = QListView()
        self.undated.setModel(self.undated_proxy)
        self.undated.setModelColumn(3)
        self.undated.setFlow(QListView.Flow.LeftToRight)
        self.undated.setWrapping(True)
        self.undated.setSpacing(3)
        self.undated.setMaximumHeight(74)
        self.undated_label = QLabel("Undated events")
        undated_box = QWidget()
        ul = QVBoxLayout(undated_box)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.setSpacing(1)
        ul.addWidget(self.undated_label)
        ul.addWidget(self.undated)
        centre_top = QWidget()
        cl = QVBoxLayout(centre_top)
        cl.setContentsMargins(0, 0, 0, 0)
        self.legend = LegendBar()
        cl.addWidget(self.legend)
        cl.addWidget(self.pane, 1)
        cl.addWidget(undated_box)
        self.source = SourcePanel()
        self.centre = QSplitter(Qt.Orientation.Vertical)
        self.centre.addWidget(centre_top)
        self.centre.addWidget(self.table)
        self.centre.setSizes([640, 240])
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.filters)
        self.split.addWidget(self.centre)
        self.split.addWidget(self.source)
        self.split.setSizes([230, 960, 410])
        self.setCentralWidget(self.split)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.cancel_button = QPushButton("Cancel")
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.problems_link = QLabel()  # "2 file(s) skipped — see the list" after an ingest with problems
        self.problems_link.setTextFormat(Qt.TextFormat.RichText)
        self.problems_link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                   | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.problems_link.setAccessibleName("Problems while reading articles")
        self.problems_link.linkActivated.connect(lambda _: self.show_problems())
        self.problems_link.hide()
        self.statusBar().addPermanentWidget(self.problems_link)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_ingest)
        # the selection models are never silenced while the window moves their selection (the views would not
        # repaint the rows they leave: rows visited with the arrow keys stayed highlighted); this flag stops the echo
        self._syncing_views = False
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, prev: self._view_selected(self.table_proxy.source_row(cur.row()), "table"))
        self.undated.selectionModel().currentChanged.connect(
            lambda cur, prev: self._view_selected(self.undated_proxy.source_row(cur.row()), "undated"))
        self.timeline.eventClicked.connect(self._timeline_clicked)
        self.timeline.eventActivated.connect(self._timeline_activated)
        self.timeline.eventHovered.connect(self._hovered)
        self.filters.changed.connect(lambda: self.apply_filters(refit=True))  # the time window follows filters
        self.filters.searchChanged.connect(self.search)
        self.filters.groupToggled.connect(self._group_toggled)
        self.source.companyClicked.connect(self.focus_company)
        self.filters.laneOrderChanged.connect(self.set_lane_order)
        self.init_lanes_by()
        self.source.setMinimumWidth(220)
        self.filters.setMinimumWidth(180)
        self.undated.setAccessibleName("Undated events")
        self.table.setAccessibleName("Events table")
        self.undated.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_router = KeyRouter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.key_router)
        self.apply_theme()

    def _build_actions(self) -> None:
        menus: dict[str, object] = {}
        self.actions_by_slot: dict[str, QAction] = {}
        for spec in ACTIONS:
            if spec.menu not in menus:
                menus[spec.menu] = self.menuBar().addMenu(spec.menu)
            act = QAction(spec.name, self)
            seqs: list[QKeySequence] = []
            for k in spec.keys:
                q = QKeySequence(k)
                if not q.isEmpty() and q not in seqs:
                    seqs.append(q)
            act.setShortcuts(seqs)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setStatusTip(spec.tip)
            act.triggered.connect(getattr(self, spec.slot))
            menus[spec.menu].addAction(act)  # type: ignore[attr-defined]
            self.addAction(act)
            self.actions_by_slot[spec.slot] = act
            if spec.slot == "open_dialog":
                self.recent_menu = menus[spec.menu].addMenu("Open &recent")  # type: ignore[attr-defined]
            if spec.slot == "toggle_high_contrast":
                self.install_theme_menu(menus[spec.menu])  # type: ignore[arg-type]

    # -- workspace -----------------------------------------------------------------------------------------
    def open_workspace(self, path: str) -> None:
        """Open another workspace; when that fails, the one open before stays open (and says why). A file
        found damaged while it loads is refused in words too; at start, an empty window shows instead."""
        switching = bool(self.workspace_path) and str(path) != self.workspace_path
        try:
            # a pending merge and the damaged-row check run off the UI thread (below)
            new = open_workspace(path, finish_merge=False, check_rows=False)
        except WorkspaceError as e:
            self._tell(str(e))
            if self.ws is None:
                self._open_fallback()
            return
        previous = self.ws
        if switching:
            self._save_filters()  # the workspace being left keeps its own filters
        old_path, self.workspace_path = self.workspace_path, str(path)
        if not self._load(new):
            self.workspace_path = old_path
            self._tell(self._load_error)
            if previous is None:
                self._open_fallback()
            else:
                self._load(previous)
            return
        if previous is not None:
            previous.close()
        if switching:
            self.set_problems([])  # the problems listed were the previous workspace's
        self._ws_lock, warning = lock_workspace(str(path), getattr(self, "_ws_lock", None))
        warnings = [*new.warnings, *([warning] if warning else [])]
        set_aside = set_aside_documents(new.db)
        if set_aside:
            warnings.append(f"{set_aside} damaged article(s) of this workspace are set aside (its quarantine table): "
                            "their events are not shown, exported or reported.")
        if new.read_only:
            warnings.append("This workspace is read-only here (file or folder not writable): it can be viewed, "
                            "not changed.")
        if warnings:
            self._tell("\n".join(warnings))
        self.setWindowTitle(f"Timeline — {Path(path).name}")
        self._remember_recent(str(path))
        if switching:
            self._restore_filters()
        self.schedule_row_check()
        if not new.read_only and merge_pending(new):  # shown as last merged now; merged in the background
            self.statusBar().showMessage("Merging articles added since the last merge…", 8000)
            self.ingest([])

    def showEvent(self, event) -> None:  # Qt's name
        """A message told before the window first showed (a workspace refused at start) is told again now: the
        status bar's widgets are shown with the window and would otherwise be drawn over it."""
        super().showEvent(event)
        message = self.statusBar().currentMessage()
        if message and not event.spontaneous():
            self.statusBar().clearMessage()
            self.statusBar().showMessage(message, 10000)

    def _load(self, ws: Workspace) -> bool:
        """Show ``ws``; False (with ``_load_error`` in words, ``ws`` closed) when its file is damaged. Nothing of
        the workspace shown before stays selected (its rows mean other events here)."""
        self.ws = ws
        if self.current >= 0:
            self.current = -1
            self.selectionChanged.emit(-1)
        self.current_lane = -1
        try:
            self.reload()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as e:  # damaged pages or text
            self._load_error = describe_error(ws.path, e)
            ws.close()
            self.ws = None
            return False
        return True

    def _open_fallback(self) -> None:
        """An empty window when the workspace to open (the last one, at start) cannot be: the untitled
        workspace, or a new one in a temporary folder when that one cannot be opened either."""
        for path in (user_data_dir() / "untitled.timeline", Path(tempfile.mkdtemp()) / "untitled.timeline"):
            try:
                ws = Workspace(str(path))
            except WorkspaceError:
                continue
            if self._load(ws):
                return

    def reload(self, fit: bool = True, announce: bool = True) -> None:
        """Read the workspace's events again and show them through the current filters and search; ``fit``:
        fit the view to them; ``announce``: emit ``loaded``."""
        assert self.ws is not None
        self.cols = self.ws.event_columns()
        ents = self.ws.entities()
        self.entity_names = {e.id: e.name for e in ents.values()}
        self.timeline.lane_notes = {e.name: "\n".join(str(m) for m in e.info.get("merged", []))
                                    for e in ents.values() if e.kind == "company" and e.info.get("merged")}
        self._doc_cache: dict[str, object] = {}
        self.source.set_context(self._document, self.entity_names)
        self.model.set_columns(self.cols, self.ws.events_at)
        self.update_legend()
        self.model.titles = {i: t for i, t in self.ws.db.execute("SELECT id, COALESCE(title, path) FROM documents")}
        self.text_mask = None
        text = self.filters.search.text().strip()
        if text:
            self.text_mask = self._search_mask(text)
        self.apply_filters(relist=True, refit=False)
        if fit:
            self.fit_all()
        if announce:
            self.loaded.emit()

    def reload_keeping_view(self) -> None:
        """Reload while the user works (an ingest stored more articles): the filters, the search, the selected
        event (found again by its id: rows move when events are merged), the lanes scrolled to and a view the
        user moved all stay; a view still fitted to everything fits again to what is there now."""
        if self.ws is None:
            return
        ev = self.model.event_at(self.current) if self.current >= 0 else None
        fitted = self.timeline.fitted
        (x0, x1), _ = self.timeline.vb.viewRange()
        top, _ = self.timeline.lane_window()
        self.current = -1  # its row may mean another event once reloaded
        self._keep_panels = True  # the source and detail panes keep the event while it is looked for again
        try:
            self.reload(fit=fitted, announce=False)
        finally:
            self._keep_panels = False
        if not fitted:
            self.timeline.vb.setXRange(x0, x1, padding=0)
            self.timeline.fitted = False
        self.timeline.fit_lanes(top)
        row = self._row_of_event(ev) if ev is not None else -1
        if row >= 0 and row < len(self.shown_mask) and self.shown_mask[row]:
            self.current = row
            self.timeline.item.set_selected(row)
            self._show_in_views(row)
        else:
            if ev is not None:  # merged into another event, or hidden by the filters: no longer selected
                self.selectionChanged.emit(-1)
            self._sync_selection()
        self.liveReloaded.emit(self.cols.n if self.cols is not None else 0)

    def _row_of_event(self, ev: Event) -> int:
        """The row of ``ev`` after the events were merged again: the event with its id, else the one holding its
        first source (an id changes when a merge adds sources to the event)."""
        if self.ws is None:
            return -1
        r = self.ws.db.execute("SELECT rowid FROM events WHERE id=?", (ev.id,)).fetchone()
        if r is None and ev.sources:
            s = ev.sources[0]
            r = self.ws.db.execute("SELECT e.rowid FROM event_sources s JOIN events e ON e.id = s.event_id "
                                   "WHERE s.doc_id=? AND s.trigger_start=?", (s.document, s.trigger_start)).fetchone()
        return int(r[0]) - 1 if r else -1

    def _document(self, doc_id: str):
        if doc_id not in self._doc_cache and self.ws is not None:
            self._doc_cache[doc_id] = self.ws.document(doc_id)
        return self._doc_cache.get(doc_id)
