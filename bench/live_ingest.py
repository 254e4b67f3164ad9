"""What showing results while they come in costs (issue 21, defect 4): the viewer's ingest worker run on a folder
twice into fresh workspaces, once as the viewer runs it (a commit at least every second, the stored articles
merged every so often and announced) and once as before (batches of 32, one merge at the end). Prints the total
time of each, when the first events could be shown, how many partial merges ran and what they took.

    .venv/bin/python bench/live_ingest.py /work/shared/data/wikinews-business [--limit 150]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path


def run(folder: Path, live: bool, workers: int | None) -> dict[str, float]:
    from PySide6.QtCore import QCoreApplication

    from timeline_app.core.ingest import ingest, open_workspace
    from timeline_app.gui import worker as worker_mod

    QCoreApplication.instance() or QCoreApplication([])
    target = Path(tempfile.mkdtemp()) / "bench.timeline"
    started = time.monotonic()
    if live:
        w = worker_mod.IngestWorker(str(target), [str(folder)], workers)
        first: list[float] = []
        w.partial.connect(lambda n: first.append(time.monotonic() - started) if not first else None)
        done: list[object] = []
        w.finished.connect(done.append)
        w.failed.connect(lambda m: print("failed:", m, file=sys.stderr))
        w.run()  # in this thread: the signals reach the lambdas directly
        total = time.monotonic() - started
        merges = w.partial_merges
        out = {"total_s": total, "first_shown_s": first[0] if first else float("nan"), "partials": len(merges),
               "partial_merge_s_sum": sum(merges), "partial_merge_s_max": max(merges, default=0.0)}
    else:
        ws = open_workspace(str(target))
        try:
            ingest(ws, [str(folder)], workers=workers)
        finally:
            ws.close()
        total = time.monotonic() - started
        out = {"total_s": total, "first_shown_s": total, "partials": 0, "partial_merge_s_sum": 0.0,
               "partial_merge_s_max": 0.0}
    shutil.rmtree(target.parent, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (sorted by name)")
    ap.add_argument("--workers", type=int, default=None, help="extraction processes (default: all cores, as the GUI)")
    args = ap.parse_args()
    folder = args.folder
    tmp = None
    if args.limit:
        tmp = Path(tempfile.mkdtemp())
        for f in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html", ".json"))[:args.limit]:
            shutil.copy(f, tmp / f.name)
        folder = tmp
    n = sum(1 for _ in folder.iterdir())
    print(f"{n} files from {args.folder}")
    for live in (False, True):
        r = run(folder, live, args.workers)
        name = "live (viewer)" if live else "one merge at the end"
        print(f"{name:22s} total {r['total_s']:6.1f} s | first events shown after {r['first_shown_s']:6.1f} s | "
              f"{int(r['partials'])} partial merges, {r['partial_merge_s_sum']:.2f} s in all, "
              f"longest {r['partial_merge_s_max']:.2f} s")
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
