"""Start the viewer: `timeline-app [PATH...] [--screenshot FILE.png]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

WORKSPACE_SUFFIXES = (".timeline", ".sqlite", ".db")


def _data_home() -> Path:
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "timeline-app"
    base.mkdir(parents=True, exist_ok=True)
    return base


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="timeline-app", description="Timeline viewer. Use 'timeline-app extract' "
                                "for the command-line extractor.")
    p.add_argument("paths", nargs="*", help="articles, folders or a workspace (.timeline)")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen after loading, then exit")
    p.add_argument("--workspace", metavar="FILE", help="workspace file to use for the given articles")
    args = p.parse_args(argv if argv is not None else sys.argv[1:])
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ..core.paths import seeds_dir
    from .main_window import MainWindow

    QCoreApplication.setOrganizationName("Timeline")
    QCoreApplication.setApplicationName("timeline-app")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings()
    to_ingest: list[str] = []
    if args.paths and len(args.paths) == 1 and args.paths[0].endswith(WORKSPACE_SUFFIXES):
        workspace = args.paths[0]
    elif args.paths:
        workspace = args.workspace or str(_data_home() / (Path(args.paths[0]).stem or "articles")) + ".timeline"
        to_ingest = [str(Path(x).resolve()) for x in args.paths]
    else:
        last = settings.value("last_workspace")
        if last and Path(str(last)).exists():
            workspace = str(last)
        else:
            workspace = str(_data_home() / "seeds.timeline")
            to_ingest = [str(seeds_dir())]
    win = MainWindow(workspace)
    geom = settings.value("geometry")
    if geom is not None and not args.screenshot:
        win.restoreGeometry(geom)
    else:
        win.resize(1600, 950)
    win.show()

    def screenshot() -> None:
        win.grab().save(args.screenshot)
        print(f"wrote {args.screenshot}", file=sys.stderr)
        win.close()
        app.quit()

    if args.screenshot:
        if to_ingest:
            win.loaded.connect(lambda: QTimer.singleShot(200, screenshot))
        else:
            if win.model.rowCount():
                win.table.selectRow(next((i for i, e in enumerate(win.model.events) if e.start), 0))
            QTimer.singleShot(300, screenshot)
    if to_ingest:
        win.ingest(to_ingest)
    return app.exec()
