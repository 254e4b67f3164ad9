"""A one-line progress bar for commands that run long."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO


class ProgressBar:
    """A one-line progress bar on stderr (drawn only on a terminal)."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30):
        self.stream, self.width = stream, width
        self.enabled = stream.isatty()

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.enabled or total == 0:
            return
        filled = int(self.width * done / total)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {Path(label).name[:40]:<40}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()
