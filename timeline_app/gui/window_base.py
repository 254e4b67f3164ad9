"""The attributes the main window's parts share, declared once so each part (a mixin) type-checks on its own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from PySide6.QtCore import QThread, SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QLabel,
        QListView,
        QMainWindow,
        QMenu,
        QProgressBar,
        QPushButton,
        QSplitter,
        QTableView,
    )

    from ..core.index import EventColumns
    from ..core.store.workspace import Workspace
    from .event_model import EventTableModel, MaskProxyModel
    from .filter_panel import FilterPanel
    from .legend import LegendBar
    from .report_worker import ReportWorker
    from .source_panel import SourcePanel
    from .timeline_pane import TimelinePane
    from .timeline_view import TimelineView
    from .worker import IngestWorker

    _Base = QMainWindow
else:
    _Base = object


class WindowParts(_Base):
    """Base of the main window's mixins: at run time a plain object; for the type checker, the window."""

    ws: Workspace | None
    workspace_path: str
    cols: EventColumns | None
    text_mask: np.ndarray | None
    shown_mask: np.ndarray
    current: int
    current_lane: int
    _thread: QThread | None
    _worker: IngestWorker | None
    _report_thread: QThread | None
    _report_worker: ReportWorker | None
    legend: LegendBar
    model: EventTableModel
    proxy: MaskProxyModel
    undated_proxy: MaskProxyModel
    table_proxy: MaskProxyModel
    pane: TimelinePane
    filters: FilterPanel
    timeline: TimelineView
    table: QTableView
    undated: QListView
    source: SourcePanel
    split: QSplitter
    centre: QSplitter
    progress: QProgressBar
    cancel_button: QPushButton
    status_label: QLabel
    problems_link: QLabel
    recent_menu: QMenu
    actions_by_slot: dict[str, QAction]
    loaded: SignalInstance
    liveReloaded: SignalInstance
    selectionChanged: SignalInstance
    reportDone: SignalInstance

    if TYPE_CHECKING:
        def open_workspace(self, path: str) -> None: ...
        def reload(self, fit: bool = True, announce: bool = True) -> None: ...
        def reload_keeping_view(self) -> None: ...
        def set_problems(self, problems: list[Any]) -> None: ...
        def show_problems(self) -> None: ...
        def select_event(self, row: int, origin: str = "") -> None: ...
        def search(self, text: str) -> None: ...
        def apply_filters(self, relist: bool = False, refit: bool = False) -> None: ...
        def _sync_selection(self) -> None: ...
        def _tell(self, message: str) -> None: ...
        def ingest(self, paths: list[str]) -> None: ...
        def select_first_in_view(self) -> None: ...
        def show_status(self) -> None: ...
        def cancel_ingest(self) -> None: ...
        def stop_row_check(self) -> None: ...
        def _on_progress(self, done: int, total: int, label: str) -> None: ...
        def _document(self, doc_id: str) -> Any: ...
