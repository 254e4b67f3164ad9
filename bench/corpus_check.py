"""Extract a corpus with no gold and print what a reader checks first: how many events, the share undated,
events per type, the company lanes, and a random sample of lanes for a hand check of "is this a company".

It runs this checkout's extractor (`python -m timeline_app extract`) on the folder, or reads a
`timeline-app/2` (or /1) JSON given with --json. Used on ../shared/data/wikinews-business to see that the extraction
rules generalise beyond the dev set (issue 9): nothing here is tuned on.

Run: .venv/bin/python bench/corpus_check.py ../shared/data/wikinews-business [--sample 100] [--seed 2026]
     [--lanes] [--json OUT.json] [--keep OUT.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_extract(folder: Path, out: Path, workers: int) -> float:
    """Extract `folder` into `out` with this checkout's code; return the seconds it took."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "timeline_app", "extract", str(folder), "--output", str(out),
                          "-q", "--workers", str(workers)], capture_output=True, text=True, env=env, cwd=ROOT)
    if run.returncode:
        raise SystemExit(f"extract failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return time.perf_counter() - t0


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """Counts a reader looks at first, from a timeline-app/2 (or /1) extraction."""
    events = data["events"]
    undated = sum(1 for e in events if not e.get("start") or e.get("precision") in (None, "undated"))
    lanes = Counter(c for e in events for c in e.get("companies", []))
    return {"documents": len(data["documents"]), "events": len(events), "undated": undated,
            "undated_share": round(undated / len(events), 4) if events else None,
            "types": dict(Counter(e["type"] for e in events).most_common()),
            "lanes": len(lanes), "lane_events": dict(lanes.most_common())}


def example(data: dict[str, Any], company: str, texts: dict[str, str]) -> str:
    """The first evidence sentence of an event in `company`'s lane, trimmed, for the hand check."""
    for e in data["events"]:
        if company in e.get("companies", []):
            for s in e.get("sources", []):
                text = texts.get(s["document"], "")
                if text:
                    return " ".join(text[s["start"]:s["end"]].split())[:140]
    return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, nargs="?", help="folder of articles to extract")
    ap.add_argument("--json", type=Path, help="read this timeline-app/2 (or /1) extraction instead of extracting")
    ap.add_argument("--keep", type=Path, help="keep the extraction JSON here")
    ap.add_argument("--workers", "-j", type=int, default=1, help="extraction processes (default 1)")
    ap.add_argument("--sample", type=int, default=100, help="lanes in the random sample for the hand check")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--lanes", action="store_true", help="also list every lane with its event count")
    ap.add_argument("--report", type=Path, help="write the figures and the sample as JSON here")
    args = ap.parse_args(argv)
    if args.json is None and args.folder is None:
        ap.error("give a folder or --json")
    secs = None
    with tempfile.TemporaryDirectory() as tmp:
        path = args.json or args.keep or Path(tmp) / "out.json"
        if args.json is None:
            secs = run_extract(args.folder, path, args.workers)
        data = json.loads(path.read_text(encoding="utf-8"))
    from timeline_app.core.read.readers import read_paths  # the reader extraction used: offsets line up

    files = {str(Path(d["path"]).resolve()): d["id"] for d in data["documents"] if Path(d["path"]).is_file()}
    raws, _ = read_paths([Path(f) for f in files])
    texts = {files[str(Path(r.path).resolve())]: r.text for r in raws if str(Path(r.path).resolve()) in files}
    s = summary(data)
    share = 100 * (s["undated_share"] or 0)
    print(f"documents {s['documents']}  events {s['events']}  undated {s['undated']} ({share:.1f}%)"
          + (f"  extract {secs:.0f} s" if secs is not None else ""))
    print("types     " + "  ".join(f"{t} {n}" for t, n in s["types"].items()))
    print(f"lanes     {s['lanes']}")
    if args.lanes:
        for name, n in s["lane_events"].items():
            print(f"  {n:4d}  {name}")
    names = sorted(s["lane_events"])
    rng = random.Random(args.seed)
    sample = rng.sample(names, min(args.sample, len(names)))
    print(f"\n== {len(sample)} random lanes (seed {args.seed}) for the hand check ==")
    rows = []
    for i, name in enumerate(sample, 1):
        ex = example(data, name, texts)
        rows.append({"lane": name, "events": s["lane_events"][name], "example": ex})
        print(f"{i:3d}. {name}  [{s['lane_events'][name]}]  | {ex}")
    if args.report:
        args.report.write_text(json.dumps({**s, "sample": rows}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
