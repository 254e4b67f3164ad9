"""What the GUI tests share: settings and user folders in a temporary place, and a real shown window."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from timeline_app.gui.main_window import MainWindow


def isolate_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QSettings and the user's config/data folders under ``tmp_path``, empty."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QCoreApplication.setOrganizationName("TimelineTest")
    QCoreApplication.setApplicationName("timeline-app-test")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    QSettings().clear()


def shown_window(qtbot: Any, workspace: Path, size: tuple[int, int] = (1500, 900), active: bool = True) -> MainWindow:
    """A real main window on ``workspace``, shown (and active, so shortcuts reach it)."""
    win = MainWindow(str(workspace))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    if active:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
    return win


def seeds_workspace_in(folder: Path) -> Path:
    """One extraction of the seed articles into ``folder/seeds.timeline`` (module fixtures build it once and
    each test opens a copy: ``open_copy``)."""
    from timeline_app.core.ingest import ingest
    from timeline_app.core.store.workspace import Workspace

    from .conftest import SEEDS

    path = folder / "seeds.timeline"
    ws = Workspace(path)
    ingest(ws, [str(SEEDS)])
    ws.close()
    return path


def open_copy(qtbot: Any, tmp_path: Path, workspace: Path, name: str = "seeds.timeline",
              size: tuple[int, int] = (1500, 900)) -> MainWindow:
    """A shown, active window on a copy of ``workspace`` in ``tmp_path``, the timeline focused."""
    target = tmp_path / name
    shutil.copy(workspace, target)
    win = shown_window(qtbot, target, size)
    win.timeline.setFocus()
    return win
