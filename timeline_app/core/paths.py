"""Where things live and what a path holds: bundled data (source tree, installed share/ folder or frozen
bundle), the user's data and configuration folders, and whether a path is a workspace, an extraction or
articles."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Literal

import platformdirs

APP_NAME = "timeline-app"
#: Files that open as a workspace (SQLite).
WORKSPACE_SUFFIXES = (".timeline", ".sqlite", ".db")
#: An extraction written by ``timeline-app extract`` (schema ``timeline-app/2``, or ``/1`` before taxonomy v3) says
#: so in its first bytes.
_CONTRACT_HEAD_BYTES = 200

_PKG = Path(__file__).resolve().parent.parent

PathKind = Literal["workspace", "extraction", "articles"]


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


def user_data_dir() -> Path:
    """The user's folder for workspaces (created): ``$XDG_DATA_HOME/timeline-app`` on Linux, the platform's
    own place on Windows and macOS."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def user_config_dir() -> Path:
    """The user's configuration folder (not created): ``$XDG_CONFIG_HOME/timeline-app`` on Linux."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def is_extraction(path: str | Path) -> bool:
    """A ``timeline-app/N`` extraction (.json written by ``timeline-app extract``), judged by its first bytes."""
    if not str(path).lower().endswith(".json"):
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(_CONTRACT_HEAD_BYTES)
    except OSError:
        return False
    return '"schema"' in head and "timeline-app/" in head


def path_kind(path: str | Path) -> PathKind:
    """What opening ``path`` means: a workspace, an extraction to import, or articles to read."""
    if str(path).lower().endswith(WORKSPACE_SUFFIXES):
        return "workspace"
    if is_extraction(path):
        return "extraction"
    return "articles"


def real_path(path: str | Path) -> Path:
    """``path`` with every link followed and ``..`` removed (the file a link leads to); a missing or looping
    target still gives a path (where the chain stops), never an error."""
    return Path(os.path.realpath(path))


def within(path: str | Path, folder: str | Path) -> bool:
    """Whether ``path``, links followed, is ``folder`` or lies below it (``folder``'s own links followed too).
    Folder ingest reads only such files: a link in an unpacked archive may point anywhere on the disk."""
    return real_path(path).is_relative_to(real_path(folder))


#: Largest user file read whole (knowledge bases, settings): a bound on memory, far above any real one.
MAX_USER_FILE = 64 * 1024 * 1024


def read_regular_file(path: str | Path, limit: int = MAX_USER_FILE) -> bytes:
    """The bytes of a regular file, read without blocking: a named pipe, device or socket raises ``OSError``
    ("not a regular file") instead of hanging; so does a file larger than ``limit``."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"not a regular file ({'a named pipe' if stat.S_ISFIFO(st.st_mode) else 'a device'})")
        if st.st_size > limit:
            raise OSError(f"too large ({st.st_size / 1e6:.0f} MB; at most {limit / 1e6:.0f} MB)")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:
                raise OSError(f"too large (at most {limit / 1e6:.0f} MB)")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
