"""The core never imports Qt: checked statically over every module and by importing it in a clean process."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

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
            "mods = [m.name for m in pkgutil.walk_packages(c.__path__, 'timeline_app.core.')]\n"
            "for m in mods: importlib.import_module(m)\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_ROOTS!r}]\n"
            "print(len(mods), ','.join(bad), sep='|')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    n, bad = out.stdout.strip().split("|")
    assert int(n) >= 40 and bad == ""  # every module, subpackages included (read/, extract/, store/ …)


def test_layer_contracts_are_kept() -> None:
    """The import-linter contracts in pyproject.toml: core below gui below cli, core's layers one way."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        pytest.skip("import-linter is not installed (the lint extra)")
    run = subprocess.run([str(lint_imports)], capture_output=True, text=True, cwd=CORE.parent.parent)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout
