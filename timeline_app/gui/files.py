"""Opening things: workspaces, extraction .json files, articles; the recent-files menu; drag and drop."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from ..core.ingest import remerge
from ..core.paths import path_kind, user_data_dir
from ..core.store.workspace import Workspace
from .window_base import WindowParts

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
MAX_RECENT = 8


class FilesMixin(WindowParts):
    """File ▸ Open, Add articles, Open recent, and dropping files on the window."""

    def open_paths(self, paths: list[str]) -> None:
        """Open a workspace, an extraction .json, or articles (into a workspace named after them)."""
        if not paths:
            return
        first = paths[0]
        kind = path_kind(first) if len(paths) == 1 else "articles"
        if kind == "workspace":
            self.open_workspace(first)
            return
        if kind == "extraction":
            from ..core.formats.importing import ImportError_, read_import, store_import  # not at GUI start

            target = str(user_data_dir() / (Path(first).stem + ".timeline"))
            try:
                batch = read_import(first, fmt="json")
            except (ImportError_, OSError) as e:
                self._tell(f"Cannot open {Path(first).name}: {e}")
                return
            ws = Workspace(target)
            try:
                store_import(ws, batch)
                remerge(ws)
            finally:
                ws.close()
            self.open_workspace(target)
            if batch.rejected or batch.notes:
                self._tell("\n".join([*(str(r) for r in batch.rejected[:20]), *batch.notes[:20]]))
            return
        self.ingest([str(Path(p).resolve()) for p in paths])

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open", "", "Workspaces and articles (*.timeline *.json *.jsonl "
                                              "*.txt *.md *.html *.htm);;All files (*)")
        if path:
            if path_kind(path) != "articles":
                self.open_paths([path])
            else:
                target = str(user_data_dir() / (Path(path).stem + ".timeline"))
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

    def recent_workspaces(self) -> list[str]:
        """The recent workspaces, newest first (stored as JSON: a one-entry QSettings list reads back as a str)."""
        raw = QSettings().value("recent_workspaces")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                raw = [raw]
        if not isinstance(raw, list):
            return []
        return [str(p) for p in raw if isinstance(p, str) and p][:MAX_RECENT]

    def _remember_recent(self, path: str) -> None:
        recent = [path, *[p for p in self.recent_workspaces() if p != path]][:MAX_RECENT]
        s = QSettings()
        s.setValue("recent_workspaces", json.dumps(recent))
        s.setValue("last_workspace", path)
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_workspaces()
        for i, p in enumerate(recent):
            act = self.recent_menu.addAction(f"&{i + 1} {Path(p).name} — {Path(p).parent}")
            act.setStatusTip(p)
            act.setData(p)
            act.triggered.connect(lambda checked=False, p=p: self.open_recent(p))
        self.recent_menu.setEnabled(bool(recent))

    def open_recent(self, path: str) -> None:
        """Open a recent workspace; one that no longer exists is dropped from the list, never re-created."""
        if not Path(path).is_file():
            s = QSettings()
            s.setValue("recent_workspaces", json.dumps([p for p in self.recent_workspaces() if p != path]))
            self.fill_recent_menu()
            self._tell(f"{path} no longer exists; it was removed from the recent list.")
            return
        self.open_workspace(path)
