"""The main window: filters | timeline, undated strip and events table | source panel, sharing one selection."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.formats.export import write_output
from ..core.index import EventColumns
from ..core.ingest import open_workspace
from ..core.model import EVENT_TYPE_LABELS, Event
from ..core.store.workspace import Workspace, WorkspaceError
from .actions import ACTIONS
from .event_model import EventTableModel, MaskProxyModel, date_label
from .filter_panel import FilterPanel
from .icon import app_icon
from .source_panel import SourcePanel
from .timeline_view import TimelineView, legend_html
from .worker import start_ingest

WORKSPACE_SUFFIXES = (".timeline", ".sqlite", ".db")
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
MAX_RECENT = 8


def data_home() -> Path:
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "timeline-app"
    base.mkdir(parents=True, exist_ok=True)
    return base


class MainWindow(QMainWindow):
    """Timeline's main window over one workspace file."""

    loaded = Signal()  # the workspace was (re)loaded: after opening and after every ingest
    selectionChanged = Signal(int)

    def __init__(self, workspace_path: str):
        super().__init__()
        self.setAcceptDrops(True)
        self.ws: Workspace | None = None
        self.workspace_path = ""
        self.cols: EventColumns | None = None
        self.mask = np.zeros(0, dtype=bool)
        self.text_mask: np.ndarray | None = None
        self.current = -1
        self.current_lane = -1
        self._thread = self._worker = None
        self._build_widgets()
        self._build_actions()
        self.open_workspace(workspace_path)

    # -- widgets -------------------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.model = EventTableModel()
        self.proxy = MaskProxyModel()
        self.proxy.setSourceModel(self.model)
        self.undated_proxy = MaskProxyModel()
        self.undated_proxy.setSourceModel(self.model)
        self.filters = FilterPanel()
        self.timeline = TimelineView()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(False)
        for col, width in enumerate((105, 125, 220, 0, 75, 60, 80)):
            if width:
                self.table.setColumnWidth(col, width)
        hh.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.undated = QListView()
        self.undated.setModel(self.undated_proxy)
        self.undated.setModelColumn(3)
        self.undated.setFlow(QListView.LeftToRight)
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
        self.legend = QLabel(legend_html())
        self.legend.setWordWrap(True)
        cl.addWidget(self.legend)
        cl.addWidget(self.timeline, 1)
        cl.addWidget(undated_box)
        self.source = SourcePanel()
        self.centre = QSplitter(Qt.Vertical)
        self.centre.addWidget(centre_top)
        self.centre.addWidget(self.table)
        self.centre.setSizes([640, 240])
        self.split = QSplitter(Qt.Horizontal)
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
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_ingest)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, prev: self.select_event(self.proxy.source_row(cur.row()), origin="table"))
        self.undated.selectionModel().currentChanged.connect(
            lambda cur, prev: self.select_event(self.undated_proxy.source_row(cur.row()), origin="undated"))
        self.timeline.eventClicked.connect(self._timeline_clicked)
        self.timeline.eventActivated.connect(lambda r: (self._timeline_clicked(r), self.zoom_to_selection()))
        self.timeline.eventHovered.connect(self._hovered)
        self.filters.changed.connect(self.apply_filters)
        self.filters.searchChanged.connect(self.search)
        self.filters.groupToggled.connect(self._group_toggled)
        self.source.companyClicked.connect(self.focus_company)
        for w in (self.filters.search, self.filters.companies, self.filters.types, self.filters.confidence,
                  self.filters.limit_dates, self.filters.date_from, self.filters.date_to, self.filters.reset,
                  self.source.prev_button, self.source.next_button, self.undated):
            w.setFocusPolicy(Qt.ClickFocus)

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
            act.setShortcutContext(Qt.WindowShortcut)
            act.setStatusTip(spec.tip)
            act.triggered.connect(getattr(self, spec.slot))
            menus[spec.menu].addAction(act)  # type: ignore[attr-defined]
            self.addAction(act)
            self.actions_by_slot[spec.slot] = act
            if spec.slot == "open_dialog":
                self.recent_menu = menus[spec.menu].addMenu("Open &recent")  # type: ignore[attr-defined]

    # -- workspace -----------------------------------------------------------------------------------------
    def open_workspace(self, path: str) -> None:
        if self.ws is not None:
            self.ws.close()
        try:
            self.ws = open_workspace(path)
        except WorkspaceError as e:
            self._tell(str(e))
            if self.ws is None:
                self.ws = Workspace(str(data_home() / "untitled.timeline"))
            return
        self.workspace_path = str(path)
        self.setWindowTitle(f"Timeline — {Path(path).name}")
        self._remember_recent(str(path))
        self.reload()

    def reload(self) -> None:
        assert self.ws is not None
        self.cols = self.ws.event_columns()
        ents = self.ws.entities()
        self.entity_names = {e.id: e.name for e in ents.values()}
        self._doc_cache: dict[str, object] = {}
        self.source.set_context(self._document, self.entity_names)
        self.model.set_columns(self.cols, self.ws.events_at)
        self.text_mask = None
        if self.filters.search.text().strip():
            self.search(self.filters.search.text().strip())
            return
        self.apply_filters(relist=True)
        self.timeline.fit_all()
        self.loaded.emit()

    def _document(self, doc_id: str):
        if doc_id not in self._doc_cache and self.ws is not None:
            self._doc_cache[doc_id] = self.ws.document(doc_id)
        return self._doc_cache.get(doc_id)

    # -- filters --------------------------------------------------------------------------------------------
    def apply_filters(self, relist: bool = False) -> None:
        if self.cols is None:
            return
        f = self.filters.filter()
        f.text_matches = self.text_mask
        self.mask = f.mask(self.cols)
        self.proxy.set_mask(self.mask)
        self.undated_proxy.set_mask(self.mask & np.isnan(self.cols.t0))
        if relist:
            self.filters.set_companies(self.cols.groups(), f.hidden_companies, self.timeline.collapsed)
        self.timeline.set_data(self.cols, self.mask, f.hidden_companies)
        n_undated = int(self.undated_proxy.rowCount())
        self.undated_label.setText(f"Undated events ({n_undated}) — not placed on the time axis")
        self.status_label.setText(f"{int(self.mask.sum())} of {self.cols.n} events shown, {len(self.timeline.lanes)} "
                                  f"lanes — {self.workspace_path}")
        if self.current >= 0 and not (self.current < len(self.mask) and self.mask[self.current]):
            self.current = -1
        self._sync_selection()

    def search(self, text: str) -> None:
        if self.cols is None or self.ws is None:
            return
        if text:
            rows = self.ws.search_events(text)
            m = np.zeros(self.cols.n, dtype=bool)
            if rows:
                m[np.fromiter(rows, dtype=np.int64)] = True
            self.text_mask = m
        else:
            self.text_mask = None
        self.apply_filters()
        self.loaded.emit()

    def _group_toggled(self, group: str, expanded: bool) -> None:
        if (group in self.timeline.collapsed) == (not expanded):
            return
        self.timeline.toggle_group(group)
        self.apply_filters()

    def reset_filters(self) -> None:
        self.filters.reset_all()

    def only_current_company(self) -> None:
        if 0 <= self.current_lane < len(self.timeline.lanes):
            self.filters.only_company(self.timeline.lanes[self.current_lane])

    def focus_company(self, name: str) -> None:
        """Bring a company's lane into view (from a click on it in the source text)."""
        lane = self.timeline.lane_of(name)
        if lane < 0:
            self.statusBar().showMessage(f"{name} has no dated events shown", 4000)
            return
        self.current_lane = lane
        self.timeline.show_lane(lane)
        if self.current >= 0 and self.timeline.index is not None:
            t = self.cols.t0[self.current] if self.cols is not None else np.nan
            if not np.isnan(t):
                ev = self.timeline.index.nearest_in_lane(lane, float(t))
                if ev is not None:
                    self.select_event(ev, origin="lane")
        self.timeline.setFocus()

    # -- selection -----------------------------------------------------------------------------------------
    def select_event(self, row: int, origin: str = "") -> None:
        if self.cols is None or not 0 <= row < self.cols.n:
            return
        if row == self.current and origin in ("table", "undated"):
            return
        self.current = row
        idx = self.timeline.index
        if origin != "lane" and idx is not None:
            pl = idx.placements_of(row)
            if len(pl) and not (self.current_lane >= 0 and any(idx.lane[pl] == self.current_lane)):
                self.current_lane = int(idx.lane[pl[0]])
        self._sync_selection()
        ev = self.model.event_at(row)
        self.source.show_event(ev)
        self.selectionChanged.emit(row)

    def _sync_selection(self) -> None:
        row = self.current
        self.timeline.item.set_selected(row)
        pr = self.proxy.proxy_row(row) if row >= 0 else -1
        if pr >= 0 and self.table.currentIndex().row() != pr:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(pr)
            self.table.selectionModel().blockSignals(False)
            self.table.scrollTo(self.proxy.index(pr, 0))
        ur = self.undated_proxy.proxy_row(row) if row >= 0 else -1
        self.undated.selectionModel().blockSignals(True)
        if ur >= 0:
            self.undated.setCurrentIndex(self.undated_proxy.index(ur, 3))
        else:
            self.undated.clearSelection()
        self.undated.selectionModel().blockSignals(False)
        if row >= 0 and self.cols is not None and not np.isnan(self.cols.t0[row]):
            self.timeline.show_time(float(self.cols.t0[row]), float(self.cols.t1[row]))
            if self.current_lane >= 0:
                self.timeline.show_lane(self.current_lane)

    def _timeline_clicked(self, row: int) -> None:
        pos = self.timeline.vb.mapSceneToView(self.timeline.mapToScene(self.timeline.mapFromGlobal(QCursor.pos())))
        lane = round(pos.y())
        if 0 <= lane < len(self.timeline.lanes):
            self.current_lane = lane
        self.select_event(row, origin="lane")

    def _hovered(self, row: int) -> None:
        if row < 0:
            QToolTip.hideText()
            return
        ev = self.model.event_at(row)
        if ev is not None:
            QToolTip.showText(QCursor.pos(), self.tooltip(ev, row), self.timeline)

    def tooltip(self, ev: Event, row: int) -> str:
        assert self.cols is not None
        docs = [self._document(s.document) for s in ev.sources]
        titles = "<br>".join(html.escape(f"• {d.title}") for d in {d.id: d for d in docs if d is not None}.values())
        return (f"<b>{html.escape(ev.summary)}</b><br>{date_label(self.cols.t0[row], self.cols.t1[row], ev.precision)}"
                f" · {html.escape(EVENT_TYPE_LABELS.get(ev.type, ev.type))} · {ev.status}<br>"
                f"{html.escape(', '.join(ev.companies))}<br><i>{titles}</i>")

    # -- keyboard navigation --------------------------------------------------------------------------------
    def _proxy_step(self, delta: int) -> None:
        n = self.proxy.rowCount()
        if not n:
            return
        pr = self.proxy.proxy_row(self.current) if self.current >= 0 else -1
        pr = (0 if delta > 0 else n - 1) if pr < 0 else max(0, min(n - 1, pr + delta))
        self.select_event(self.proxy.source_row(pr), origin="key")

    def next_event(self) -> None:
        self._proxy_step(1)

    def previous_event(self) -> None:
        self._proxy_step(-1)

    def first_event(self) -> None:
        if self.proxy.rowCount():
            self.select_event(self.proxy.source_row(0), origin="key")

    def last_event(self) -> None:
        if self.proxy.rowCount():
            self.select_event(self.proxy.source_row(self.proxy.rowCount() - 1), origin="key")

    def _in_lane(self, delta: int) -> None:
        idx = self.timeline.index
        if idx is None or self.current < 0 or self.current_lane < 0:
            return
        ev = idx.step_in_lane(self.current_lane, self.current, delta)
        if ev is not None:
            self.select_event(ev, origin="lane")

    def next_in_lane(self) -> None:
        self._in_lane(1)

    def previous_in_lane(self) -> None:
        self._in_lane(-1)

    def _lane_step(self, delta: int) -> None:
        idx = self.timeline.index
        if idx is None or self.cols is None:
            return
        if self.current < 0 or self.current_lane < 0 or np.isnan(self.cols.t0[self.current]):
            self.first_event()
            return
        lane = idx.nonempty_lane(self.current_lane, delta)
        if lane is None:
            return
        ev = idx.nearest_in_lane(lane, float(self.cols.t0[self.current]))
        if ev is not None:
            self.current_lane = lane
            self.select_event(ev, origin="lane")

    def lane_above(self) -> None:
        self._lane_step(-1)

    def lane_below(self) -> None:
        self._lane_step(1)

    def open_source(self) -> None:
        if self.current >= 0:
            self.source.show_event(self.model.event_at(self.current))
            self.source.browser.setFocus()

    def next_source(self) -> None:
        self.source.step_source(1)

    def previous_source(self) -> None:
        self.source.step_source(-1)

    def zoom_in(self) -> None:
        c = float(self.cols.t0[self.current]) if self.cols is not None and self.current >= 0 and \
            not np.isnan(self.cols.t0[self.current]) else None
        self.timeline.zoom(0.5, c)

    def zoom_out(self) -> None:
        self.timeline.zoom(2.0)

    def fit_all(self) -> None:
        self.timeline.fit_all()

    def zoom_to_selection(self) -> None:
        if self.cols is not None and self.current >= 0 and not np.isnan(self.cols.t0[self.current]):
            self.timeline.show_time(float(self.cols.t0[self.current]), float(self.cols.t1[self.current]), fit=True)

    def cycle_focus(self) -> None:
        order = [self.timeline, self.table, self.source.browser]
        fw = self.focusWidget()
        i = next((k for k, w in enumerate(order) if w is fw or (fw is not None and w.isAncestorOf(fw))), -1)
        order[(i + 1) % len(order)].setFocus(Qt.TabFocusReason)

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.ShortcutFocusReason)
        self.filters.search.selectAll()

    def clear(self) -> None:
        if self.filters.search.text():
            self.filters.search.clear()
            self.search("")
            self.timeline.setFocus()
        else:
            self.current = -1
            self.table.clearSelection()
            self._sync_selection()

    # -- dialogs -----------------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td>{html.escape(a.menu.replace('&', ''))}</td><td><b>{html.escape(a.name.replace('&', '').replace('…', ''))}"
                       f"</b></td><td>{html.escape(', '.join(QKeySequence(k).toString(QKeySequence.NativeText) for k in a.keys))}"
                       f"</td><td>{html.escape(a.tip)}</td></tr>" for a in ACTIONS)
        dlg = QDialog(self)
        dlg.setWindowTitle("Keyboard shortcuts")
        lay = QVBoxLayout(dlg)
        view = QTextBrowser()
        view.setHtml(f"<table cellpadding=4>{rows}</table><p>Mouse: wheel zooms time around the cursor, drag pans, "
                     f"Shift+drag zooms to a rectangle, double-click fits an event, click a company in the source "
                     f"text to focus its lane.</p>")
        lay.addWidget(view)
        dlg.resize(760, 620)
        self.shortcut_dialog = dlg
        dlg.show()

    def show_about(self) -> None:
        from PySide6 import __version__ as pyside_version

        box = QMessageBox(self)
        box.setWindowTitle("About Timeline")
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setTextFormat(Qt.RichText)
        box.setText(about_html(pyside_version))
        self.about_box = box
        box.open()

    # -- files ---------------------------------------------------------------------------------------------
    def open_paths(self, paths: list[str]) -> None:
        """Open a workspace, an extraction .json, or articles (into a workspace named after them)."""
        if not paths:
            return
        first = paths[0]
        if len(paths) == 1 and first.endswith(WORKSPACE_SUFFIXES):
            self.open_workspace(first)
            return
        if len(paths) == 1 and first.endswith(".json") and _is_contract(first):
            target = str(data_home() / (Path(first).stem + ".timeline"))
            ws = Workspace(target)
            ws.import_contract(json.loads(Path(first).read_text(encoding="utf-8")))
            ws.close()
            self.open_workspace(target)
            return
        self.ingest([str(Path(p).resolve()) for p in paths])

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open", "", "Workspaces and articles (*.timeline *.json *.jsonl "
                                              "*.txt *.md *.html *.htm);;All files (*)")
        if path:
            if path.endswith(WORKSPACE_SUFFIXES) or (path.endswith(".json") and _is_contract(path)):
                self.open_paths([path])
            else:
                target = str(data_home() / (Path(path).stem + ".timeline"))
                self.open_workspace(target)
                self.ingest([path])

    def add_articles(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add articles", "", "Articles (*.txt *.md *.html *.htm *.json "
                                                "*.jsonl);;All files (*)")
        if files:
            self.ingest(files)

    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_paths(paths)
            e.acceptProposedAction()

    def _remember_recent(self, path: str) -> None:
        s = QSettings()
        recent = [p for p in (s.value("recent_workspaces") or []) if p != path]
        recent = [path, *recent[:MAX_RECENT - 1]]
        s.setValue("recent_workspaces", recent)
        s.setValue("last_workspace", path)
        self.recent_menu.clear()
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda checked=False, p=p: self.open_workspace(p))

    def export_events(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export events", "events.json", "JSON (*.json);;CSV (*.csv)")
        if path:
            self.export_events_to(path)

    def export_events_to(self, path: str) -> None:
        """Write the events that pass the filters."""
        assert self.ws is not None and self.cols is not None
        rows = np.nonzero(self.mask)[0].tolist()
        got = self.ws.events_at(rows)
        events = [got[r] for r in rows]
        docs = [d for d in self.ws.documents() if any(s.document == d.id for e in events for s in e.sources)]
        write_output(path, docs, self.ws.entities(), events)

    def export_image(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export image", "timeline.png", "PNG (*.png);;SVG (*.svg)")
        if path:
            self.export_image_to(path)

    def export_image_to(self, path: str) -> None:
        import pyqtgraph.exporters as exporters

        scene_item = self.timeline.getPlotItem()
        if path.lower().endswith(".svg"):
            # pyqtgraph's SVGExporter fails on these Qt versions (pyqtgraph issue 3485): render through QtSvg
            from PySide6.QtCore import QRect
            from PySide6.QtGui import QPainter
            from PySide6.QtSvg import QSvgGenerator

            gen = QSvgGenerator()
            gen.setFileName(path)
            gen.setSize(self.timeline.size())
            gen.setViewBox(QRect(0, 0, self.timeline.width(), self.timeline.height()))
            gen.setTitle("Timeline")
            painter = QPainter(gen)
            self.timeline.render(painter)
            painter.end()
            return
        ex = exporters.ImageExporter(scene_item)
        ex.parameters()["width"] = max(self.timeline.width() * 2, 1200)
        ex.export(path)

    # -- ingest --------------------------------------------------------------------------------------------
    def ingest(self, paths: list[str]) -> None:
        if self._thread is not None:
            self.statusBar().showMessage("Still reading the previous articles…", 4000)
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._thread, self._worker = start_ingest(self, self.workspace_path, paths)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.status_label.setText(f"Reading {Path(label).name} ({done + 1}/{total})…")

    def _ingest_done(self) -> None:
        if self._thread is not None:
            self._thread.wait()
        self._thread = self._worker = None
        self.progress.hide()
        self.cancel_button.hide()

    def _on_finished(self, report) -> None:
        self._ingest_done()
        self.reload()
        bad = [p for p in report.problems if p.fatal]
        if bad:
            msg = f"{len(bad)} file(s) skipped: " + "; ".join(str(p) for p in bad[:3])
            self.status_label.setText(self.status_label.text() + " — " + msg)
        if report.cancelled:
            self.statusBar().showMessage("Reading cancelled; what was read is kept.", 6000)
        if self.current < 0 and self.proxy.rowCount():
            first = next((i for i in range(self.proxy.rowCount())
                          if not np.isnan(self.cols.t0[self.proxy.source_row(i)])), 0)  # type: ignore[index]
            self.select_event(self.proxy.source_row(first), origin="load")

    def _on_failed(self, message: str) -> None:
        self._ingest_done()
        self._tell(f"Reading the articles failed: {message}")
        self.loaded.emit()

    def _tell(self, message: str) -> None:
        """A non-blocking message (a status line and a window-modal box that does not stop the event loop)."""
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Warning, "Timeline", message, QMessageBox.Ok, self)
        box.open()
        self._message_box = box

    def cancel_ingest(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    # -- persistence ---------------------------------------------------------------------------------------
    def restore_settings(self) -> None:
        s = QSettings()
        geom = s.value("geometry")
        if geom is not None:
            self.restoreGeometry(geom)
        for key, w in (("splitter", self.split), ("centre_splitter", self.centre)):
            st = s.value(key)
            if st is not None:
                w.restoreState(st)
        raw = s.value("filters")
        if raw:
            try:
                state = json.loads(str(raw))
            except ValueError:
                state = {}
            hidden = self.filters.restore(state)
            self.timeline.collapsed = set(state.get("collapsed", []))
            if self.cols is not None:
                self.filters.set_companies(self.cols.groups(), hidden, self.timeline.collapsed)
            if state.get("search"):
                self.search(state["search"])
            else:
                self.apply_filters()

    def save_settings(self) -> None:
        s = QSettings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.split.saveState())
        s.setValue("centre_splitter", self.centre.saveState())
        state = self.filters.state()
        state["collapsed"] = sorted(self.timeline.collapsed)
        s.setValue("filters", json.dumps(state))
        s.setValue("last_workspace", self.workspace_path)

    def closeEvent(self, event) -> None:
        self.cancel_ingest()
        if self._thread is not None:
            self._thread.wait()
        self.save_settings()
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        super().closeEvent(event)


def about_html(pyside_version: str) -> str:
    """Version and the licences of the bundled components."""
    return (f"<h3>Timeline {__version__}</h3><p>Business events from news, on a timeline, linked to their evidence.</p>"
            "<p>Timeline is MIT licensed. Bundled components and their licences:</p><ul>"
            f"<li>Qt 6 and PySide6 {pyside_version} — LGPL v3 (Qt libraries used unmodified, as shared libraries)</li>"
            "<li>pyqtgraph — MIT</li><li>NumPy — BSD-3-Clause</li>"
            "<li>spaCy, thinc and the en_core_web_sm 3.8.0 model — MIT</li>"
            "<li>python-dateutil — Apache 2.0 / BSD-3-Clause</li><li>charset-normalizer — MIT</li>"
            "<li>Python — PSF License</li></ul>"
            "<p>Test data (not in the application): MEANTIME corpus, Wikinews articles, CC BY 4.0.</p>")


def _is_contract(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as f:
            head = f.read(200)
        return '"schema"' in head and "timeline-app/" in head
    except OSError:
        return False
