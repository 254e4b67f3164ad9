"""A one-line progress bar for commands that run long (tqdm: count, rate, time left; terminals only)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from tqdm import tqdm


class ProgressBar:
    """A progress callback ``(done, total, label)`` drawn as a tqdm bar on ``stream`` when it is a terminal."""

    def __init__(self, stream: TextIO = sys.stderr, force: bool = False):
        self.stream = stream
        self.enabled = force or stream.isatty()
        self._bar: tqdm | None = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.enabled or total == 0:
            return
        if self._bar is None:
            self._bar = tqdm(total=total, file=self.stream, unit="article", dynamic_ncols=True, leave=True)
        bar = self._bar
        bar.total = total
        bar.set_postfix_str(Path(label).name[:40], refresh=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
            self._bar = None
