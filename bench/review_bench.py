"""Review-queue benchmark (issue 22): how fast a review decision is in a workspace built from real articles.

Builds (once, into bench/.cache) a workspace from the first N articles of a folder, then on a copy: the queue and
progress read, ten accepts one after the other (each one edit, replayed over the merge like every correction; the
first pays the merge the later ones reuse), one bulk retype of 30 events (one edit), and one undo.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/review_bench.py [--articles DIR] [--limit 60]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / ".cache"


def build(articles: Path, limit: int) -> Path:
    """A workspace of the first ``limit`` articles (sorted by name) of a folder, made once."""
    from timeline_app.core.ingest import ingest, open_workspace

    path = CACHE / f"review-{articles.name}-{limit}.timeline"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for f in sorted(p for p in articles.iterdir() if p.is_file())[:limit]:
            shutil.copy(f, Path(tmp) / f.name)
        ws = open_workspace(path)
        ingest(ws, [tmp])
        ws.close()
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "data" / "wikinews-business")
    ap.add_argument("--limit", type=int, default=60)
    args = ap.parse_args()
    from timeline_app.core import curate, review
    from timeline_app.core.ingest import open_workspace

    src = build(args.articles, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.timeline"
        shutil.copy(src, path)
        ws = open_workspace(path)
        t = time.perf_counter()
        q = review.queue(ws)
        progress = review.progress(ws)
        read_ms = (time.perf_counter() - t) * 1000
        accepts = []
        for e in q[:10]:
            t = time.perf_counter()
            last = curate.review_event(ws, e.id, "confirmed")
            accepts.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        curate.bulk_edit(ws, [e.id for e in q[10:40]], {"type": "lawsuit"})
        bulk_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        curate.undo(ws, last)
        undo_ms = (time.perf_counter() - t) * 1000
        ws.close()
    print(f"workspace: {args.limit} articles of {args.articles.name}, {len(q)} events ({progress})")
    print(f"queue + progress read: {read_ms:.1f} ms")
    print(f"accept: first {accepts[0]:.0f} ms, median of the next {len(accepts) - 1}: "
          f"{statistics.median(accepts[1:]):.0f} ms")
    print(f"bulk retype of {min(30, max(len(q) - 10, 0))} events (one edit): {bulk_ms:.0f} ms; undo: {undo_ms:.0f} ms")


if __name__ == "__main__":
    main()
