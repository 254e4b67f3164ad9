"""Where bundled data lives: the source tree, an installed share/ folder, or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent


def _candidates(sub: str) -> list[Path]:
    out = []
    if getattr(sys, "frozen", False):
        out.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / sub)
    out.append(_PKG.parent / sub)  # source checkout or editable install
    out.append(Path(sys.prefix) / "share" / "timeline-app" / sub)  # wheel data-files
    return out


def data_dir(sub: str) -> Path:
    """The first existing folder named ``sub`` (resources or seeds) among the known install layouts."""
    for c in _candidates(sub):
        if c.is_dir():
            return c
    raise FileNotFoundError(f"cannot find the '{sub}' folder (looked in {', '.join(map(str, _candidates(sub)))})")


def resource_path(name: str) -> Path:
    return data_dir("resources") / name


def seeds_dir() -> Path:
    return data_dir("seeds")
