"""The core never imports Qt: checked statically over every module and by importing it in a clean process."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "timeline_app" / "core"
QT_ROOTS = {"PySide6", "PyQt5", "PyQt6", "PySide2", "pyqtgraph", "qtpy", "shiboken6"}


def test_core_sources_import_no_qt() -> None:
    offenders = []
    for f in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{f.name}: {n}" for n in names if n.split(".")[0] in QT_ROOTS]
    assert offenders == []


def test_importing_core_loads_no_qt() -> None:
    code = ("import sys, pkgutil, importlib, timeline_app.core as c\n"
            "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('timeline_app.core.' + m.name)\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_ROOTS!r}]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
