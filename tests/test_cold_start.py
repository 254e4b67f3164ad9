"""The viewer's start loads no extraction (issue 23: the extraction modules' regular expressions cost 0.18 s of
every cold start): importing the GUI and opening a workspace in a window leaves every extraction stage, the
company resolution and the extraction pool unloaded; they load when an article is extracted or a merge runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from timeline_app.core.formats.stream_import import stream_import
from timeline_app.core.ingest import open_workspace

#: what may be loaded from core/extract at start: the package and the knowledge base (company names, data)
ALLOWED = {"timeline_app.core.extract", "timeline_app.core.extract.kb"}
EXTRACTION = ("timeline_app.core.extract.", "timeline_app.core.resolve", "timeline_app.core.parallel",
              # nor the import formats (pydantic models) and the HTML readers: they load with their first use
              "timeline_app.core.formats.importing", "timeline_app.core.formats.contract",
              "timeline_app.core.read.html_main", "timeline_app.core.read.html_text")

PROBE = """
import sys
from PySide6.QtWidgets import QApplication
import timeline_app.gui.main_window, timeline_app.gui.launch, timeline_app.cli
if len(sys.argv) > 1:
    app = QApplication([])
    from timeline_app.gui.main_window import MainWindow
    win = MainWindow(sys.argv[1])
    win.show()
    app.processEvents()
allowed = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else set()
print(",".join(sorted(m for m in sys.modules if m.startswith(%r) and m not in allowed)))
"""


def _loaded(tmp_path: Path, *args: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path),
               HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", PROBE % (EXTRACTION,), *args], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return [m for m in out.stdout.strip().split(",") if m]


def test_importing_the_viewer_loads_no_extraction(tmp_path: Path) -> None:
    assert [m for m in _loaded(tmp_path) if m not in ALLOWED] == []


def test_opening_a_workspace_in_the_viewer_loads_no_extraction(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("date,company,summary\n" + "".join(f"2024-01-{1 + i % 28:02d},Acme {i % 3},deal {i}\n"
                                                      for i in range(50)), encoding="utf-8")
    ws = open_workspace(tmp_path / "w.timeline")
    try:
        stream_import(ws, src)
    finally:
        ws.close()
    assert _loaded(tmp_path, str(tmp_path / "w.timeline"), ",".join(sorted(ALLOWED))) == []


def test_a_workspace_named_at_start_is_the_only_one_opened(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("date,company,summary\n2024-01-02,Acme,deal\n", encoding="utf-8")
    ws = open_workspace(tmp_path / "w.timeline")
    try:
        stream_import(ws, src)
    finally:
        ws.close()
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home), XDG_DATA_HOME=str(home),
               HOME=str(home))
    out = subprocess.run([sys.executable, "-m", "timeline_app", str(tmp_path / "w.timeline"), "--screenshot",
                          str(tmp_path / "s.png")], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert (tmp_path / "s.png").stat().st_size > 0
    assert not list(home.rglob("untitled.timeline*"))  # no workspace opened (and created) before the named one
