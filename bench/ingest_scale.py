"""Ingest at scale: full ingest with 1 and N workers, adding 10 articles, peak memory, merge work, and the
all-pairs merge beside the blocked one.

For each size it generates a corpus (bench/corpus_gen.py), then runs the real command line in fresh
processes (`timeline-app extract DIR --workspace W -j K -q`) and prints one line of figures:

    python bench/ingest_scale.py --sizes 1000 5000 10000 [--workers 2] [--allpairs-max 2000] [--skip-single]

* ``ingest_1`` / ``ingest_N``: wall time of a full ingest with one process and with N (and the N/1 speed-up);
* ``add10``: wall time (a fresh process: start, model load, extraction of 10 new articles, incremental merge);
* ``rss``: peak resident memory of the largest process of the N-worker ingest;
* ``pairs/new-event``: merge pairs compared per new event when adding the 10 (near-constant = near-linear);
* ``blocked`` / ``all-pairs``: a full re-merge of the stored results with the blocks and with every pair
  (the all-pairs merge only up to ``--allpairs-max`` articles: it is quadratic).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_MEASURE = ("import resource, subprocess, sys, time, json; t = time.perf_counter(); "
            "rc = subprocess.run(sys.argv[1:]).returncode; "
            "print(json.dumps({'rc': rc, 's': time.perf_counter() - t, "
            "'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))")


def measured(cmd: list[str]) -> dict[str, float]:
    """Run ``cmd`` in a fresh process; its wall time and the peak RSS of its largest process."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    if res["rc"] != 0:
        raise SystemExit(f"failed ({res['rc']}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    return res


def app(*args: str) -> list[str]:
    return [sys.executable, "-m", "timeline_app", *args]


def merge_figures(ws_path: Path, allpairs_max: int, size: int) -> dict[str, float | str]:
    from timeline_app.core.extract.kb import load_kb
    from timeline_app.core.merge import merge_events
    from timeline_app.core.store import clusters
    from timeline_app.core.store.workspace import Workspace

    work = ws_path.with_suffix(".copy.timeline")
    shutil.copy(ws_path, work)
    ws = Workspace(work)
    kb = load_kb()
    t = time.perf_counter()
    stats = clusters.sync(ws, kb, full=True)
    out: dict[str, float | str] = {"blocked_s": time.perf_counter() - t, "blocked_pairs": stats.pairs_compared,
                                   "atoms": stats.new_atoms}
    if size <= allpairs_max:
        results = ws.doc_results()
        docs = {r.document.id: r.document for r in results}
        events = [ev for r in results for ev in r.events]
        st: dict[str, int] = {}
        t = time.perf_counter()
        merge_events(events, docs, kb, all_pairs=True, stats=st)
        out["allpairs_s"], out["allpairs_pairs"] = time.perf_counter() - t, st["pairs_compared"]
    else:
        out["allpairs_s"] = "skipped"
    ws.close()
    work.unlink()
    return out


def add10_pairs(ws_path: Path, new: Path) -> tuple[int, int]:
    """Pairs compared and new events when adding the 10 articles to ``ws_path`` (a copy, removed after)."""
    from timeline_app.core.ingest import ingest
    from timeline_app.core.store.workspace import Workspace

    ws = Workspace(ws_path)
    rep = ingest(ws, [new], workers=1)
    ws.close()
    ws_path.unlink()
    return (rep.merge.pairs_compared, rep.merge.new_atoms) if rep.merge else (0, 0)


def run_size(size: int, workers: int, allpairs_max: int, tmp: Path, skip_single: bool) -> None:
    corpus, new = tmp / f"c{size}", tmp / f"new{size}"
    gen = [sys.executable, str(ROOT / "bench" / "corpus_gen.py")]
    subprocess.run([*gen, str(corpus), "--count", str(size)], check=True, capture_output=True)
    subprocess.run([*gen, str(new), "--count", "10", "--start", str(10_000_000)], check=True, capture_output=True)
    line = [f"size {size}"]
    one = None
    if not skip_single:
        one = measured(app("extract", str(corpus), "--workspace", str(tmp / f"w{size}-1.timeline"), "-j", "1", "-q"))
        line.append(f"ingest_1 {one['s']:.0f}s ({size / one['s']:.1f} art/s)")
    wsn = tmp / f"w{size}-n.timeline"
    many = measured(app("extract", str(corpus), "--workspace", str(wsn), "-j", str(workers), "-q"))
    line.append(f"ingest_{workers} {many['s']:.0f}s ({size / many['s']:.1f} art/s)")
    if one:
        line.append(f"speed-up {one['s'] / many['s']:.2f}x")
    line.append(f"rss {many['rss_mb']:.0f}MB")
    before = tmp / f"w{size}-before.timeline"
    shutil.copy(wsn, before)
    add = measured(app("extract", str(new), "--workspace", str(wsn), "-q"))  # default workers: all cores
    line.append(f"add10 {add['s']:.1f}s")
    pairs, atoms = add10_pairs(before, new)  # the same addition in this process, for the merge's counters
    line.append(f"pairs/new-event {pairs / atoms:.1f}" if atoms else "")
    m = merge_figures(wsn, allpairs_max, size)
    line.append(f"blocked {m['blocked_s']:.2f}s {m['blocked_pairs']} pairs for {m['atoms']} events")
    if m["allpairs_s"] == "skipped":
        line.append("all-pairs skipped")
    else:
        line.append(f"all-pairs {m['allpairs_s']:.2f}s {m['allpairs_pairs']} pairs")
    print(" | ".join(x for x in line if x), flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    p.add_argument("--workers", type=int, default=0, help="N (default: all cores)")
    p.add_argument("--allpairs-max", type=int, default=2000)
    p.add_argument("--skip-single", action="store_true", help="skip the one-process ingest (saves time)")
    p.add_argument("--keep", help="keep the corpora and workspaces in this folder")
    a = p.parse_args(argv)
    from timeline_app.core.parallel import default_workers

    workers = a.workers or default_workers()
    tmp = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="timeline-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        for size in a.sizes:
            run_size(size, workers, a.allpairs_max, tmp, a.skip_single)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
