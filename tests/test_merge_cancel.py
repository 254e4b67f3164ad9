"""Cancel stops a running merge (issue 24): nothing half-written, the last merged state kept, the merge left
pending and finished later."""

from __future__ import annotations

from pathlib import Path

from timeline_app.core.ingest import ingest, open_workspace, remerge
from timeline_app.core.paths import seeds_dir


def test_cancel_during_the_merge_rolls_it_back_and_leaves_it_pending(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "w.timeline")
    try:
        read_all = {"done": False}

        def progress(done: int, total: int, _label: str) -> None:
            read_all["done"] = read_all["done"] or (total > 0 and done >= total)

        report = ingest(ws, [seeds_dir()], progress=progress, cancelled=lambda: read_all["done"])
        assert report.cancelled and any("merge was cancelled" in p.reason for p in report.problems)
        assert len(report.added) == 5  # every article is stored
        assert ws.meta("merge_pending") == "1" and ws.events() == []  # nothing merged, nothing half-written
        remerge(ws, only_if_pending=True)
        assert ws.meta("merge_pending") == "0" and ws.events()
    finally:
        ws.close()


def test_a_read_cancelled_before_the_merge_still_shows_what_it_stored(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "w.timeline")
    try:
        seen = {"n": 0}

        def progress(done: int, total: int, _label: str) -> None:
            seen["n"] = done

        report = ingest(ws, [seeds_dir()], progress=progress, cancelled=lambda: seen["n"] >= 2)
        assert report.cancelled
        stored = len(report.added)
        assert stored >= 1 and ws.events() and ws.meta("merge_pending") == "0"
    finally:
        ws.close()
