"""Ingest with a pool of extraction processes under the GUI's runner: progress arrives, the UI thread keeps
running its timers meanwhile, and cancel stops the pool keeping what was extracted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from timeline_app.core.store.workspace import Workspace
from timeline_app.gui.worker import start_ingest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_pool_ingest_progress_cancel_and_responsive_ui(qtbot, tmp_path: Path) -> None:
    arts = tmp_path / "many"
    arts.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(60):
        (arts / f"a{i:02d}.txt").write_text(seeds[i % 5].read_text(encoding="utf-8") + f"\nCopy {i}.",
                                            encoding="utf-8")
    parent = QObject()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    progress: list[tuple[int, int]] = []
    thread, worker = start_ingest(parent, str(tmp_path / "w.timeline"), [str(arts)], workers=2)
    worker.progress.connect(lambda d, t, _l: progress.append((d, t)))
    with qtbot.waitSignal(worker.finished, timeout=300_000) as got:
        qtbot.waitUntil(lambda: len(progress) >= 3, timeout=300_000)
        worker.cancel()
    qtbot.waitUntil(thread.isFinished, timeout=60_000)
    timer.stop()
    report = got.args[0]
    assert report.cancelled
    assert progress[0][1] == 60  # the total is known from the start
    assert len(ticks) >= 5  # the UI thread ran its timer all along
    ws = Workspace(tmp_path / "w.timeline")
    n = len(ws.documents())
    ws.close()
    assert 1 <= n < 60
