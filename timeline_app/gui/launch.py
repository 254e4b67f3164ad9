"""Start the viewer: `timeline-app [PATH...] [--screenshot FILE.png]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import cast


def guard_settings_file() -> str | None:
    """A settings file that is not a regular file (a named pipe would hang Qt's reader) is not read: this run
    keeps its settings in a temporary folder, and the returned message says so."""
    import stat
    import tempfile

    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    path = Path(base) / QCoreApplication.organizationName() / f"{QCoreApplication.applicationName()}.conf"
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="timeline-settings-"))
    return (f"The settings file {path} is not a regular file; it was not read, and this session's settings "
            "will not be kept.")


def no_display_hint(screenshot: bool, environ: dict[str, str] | None = None) -> str | None:
    """Why a window cannot be shown here, in words, or None. On Linux without DISPLAY, WAYLAND_DISPLAY or
    QT_QPA_PLATFORM, Qt would try X11 and abort with a message about a missing libxcb package, which misleads:
    the missing piece is the display. ``--screenshot`` renders offscreen and needs none."""
    env = os.environ if environ is None else environ
    if screenshot or not sys.platform.startswith("linux"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"):
        return None
    return ("timeline-app: no display to show the window on (DISPLAY and WAYLAND_DISPLAY are unset).\n"
            "  Run it in a desktop session, or over ssh with -X; or render a picture without a display:\n"
            "    timeline-app [PATH...] --screenshot timeline.png\n"
            "  (QT_QPA_PLATFORM=offscreen forces Qt's offscreen platform.)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="timeline-app", description="Timeline viewer. Use 'timeline-app extract' "
                                "for the command-line extractor.")
    p.add_argument("paths", nargs="*", help="articles, folders, an extraction .json or a workspace (.timeline)")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen after loading, then exit")
    p.add_argument("--theme", choices=("system", "light", "dark", "high-contrast"), default=None,
                   help="the look: follow the system palette, or force light, dark or high contrast (default: the "
                        "one chosen last in View ▸ Theme, else system)")
    args = p.parse_args(argv if argv is not None else sys.argv[1:])
    hint = no_display_hint(bool(args.screenshot))
    if hint:
        print(hint, file=sys.stderr)
        return 1
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ..core.paths import path_kind, seeds_dir, user_data_dir
    from .main_window import MainWindow

    QCoreApplication.setOrganizationName("Timeline")
    QCoreApplication.setApplicationName("timeline-app")
    app = cast("QApplication", QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationDisplayName("Timeline")
    app.setDesktopFileName("timeline")  # matches the installed timeline.desktop (window icon on Wayland)
    from .icon import app_icon

    app.setWindowIcon(app_icon())
    from .theme import set_theme_mode

    settings_problem = guard_settings_file()  # before the first QSettings reads it
    settings = QSettings()
    saved_theme = settings.value("theme")
    set_theme_mode(args.theme or (saved_theme if saved_theme in ("system", "light", "dark", "high-contrast")
                                  else "system"))
    paths = [str(Path(x).resolve()) for x in args.paths]
    to_ingest: list[str] = []
    if len(paths) == 1 and path_kind(paths[0]) != "articles":
        workspace, opened = None, paths
    elif paths:
        workspace, opened = str(user_data_dir() / (Path(paths[0]).stem or "articles")) + ".timeline", []
        to_ingest = paths
    else:
        last = settings.value("last_workspace")
        opened = []
        if last and Path(str(last)).exists():
            workspace = str(last)
        else:
            workspace = str(user_data_dir() / "seeds.timeline")
            to_ingest = [str(seeds_dir())]
    if workspace is None and opened and path_kind(opened[0]) == "workspace":  # opened once, not after untitled
        workspace, opened = opened[0], []
    win = MainWindow(workspace or str(user_data_dir() / "untitled.timeline"))
    if settings_problem:
        win._tell(settings_problem)
    if opened:
        win.open_paths(opened)
    if args.screenshot:
        win.resize(1600, 950)
    else:
        win.resize(1500, 900)
        win.restore_settings()
    win.show()

    def screenshot() -> None:
        win.grab().save(args.screenshot)
        print(f"wrote {args.screenshot}", file=sys.stderr)
        win.close()
        app.quit()

    if args.screenshot:
        if to_ingest:
            win.loaded.connect(lambda: QTimer.singleShot(100, screenshot))
        else:
            if win.current < 0:
                win.select_first_in_view()
            QTimer.singleShot(50, screenshot)
    if to_ingest:
        win.ingest(to_ingest)
    return app.exec()
