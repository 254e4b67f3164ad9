"""Time and peak memory of the report over a large workspace (issue 23: "a report over 1M events finishes with
bounded memory"): the full HTML report (every event with its evidence, streamed) and the summary by company and
month, each in a fresh process, through ``timeline-app report`` (picture included) or the core writer alone.

    .venv/bin/python bench/report_bench.py /tmp/synthetic-1000000.timeline [--core]

The workspace is only read (use a copy of ``bench/.cache/synthetic-1000000.timeline`` all the same). Prints one
line per mode: seconds, peak RSS (``resource.getrusage``, the process's own maximum) and the file's size."""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one(workspace: str, mode: str, out: str, core: bool) -> None:
    """Write one report in this process, then print its time and this process's peak RSS."""
    sys.path.insert(0, str(ROOT))
    t = time.perf_counter()
    if core:
        from timeline_app.core.formats.report import ReportQuery
        from timeline_app.core.formats.report_stream import selection_of, write_report
        from timeline_app.core.outputs import atomic_output
        from timeline_app.core.store.workspace import Workspace

        ws = Workspace(workspace)
        try:
            cols = ws.event_columns()
            with atomic_output(out) as f:
                stats = write_report(f, ws, cols, selection_of(ws, ReportQuery(), cols), mode=mode)
        finally:
            ws.close()
        events = stats.events
    else:
        from timeline_app.cli import main as cli_main

        code = cli_main(["report", workspace, "--output", out, "--summarise" if mode == "summary" else "--full"])
        if code not in (0, 3):
            raise SystemExit(f"timeline-app report exited with {code}")
        events = -1
    took = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"{mode:8s} {'core' if core else 'cli '} {took:7.1f} s  peak RSS {peak_mb:7.0f} MB  "
          f"file {os.path.getsize(out) / 1e6:8.1f} MB" + (f"  {events} events" if events >= 0 else ""), flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("workspace")
    p.add_argument("--core", action="store_true", help="the core writer alone (no picture, no Qt)")
    p.add_argument("--one", choices=["full", "summary"], help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        one(args.workspace, args.one, args.out, args.core)
        return
    with tempfile.TemporaryDirectory(dir="/tmp") as d:
        for mode in ("full", "summary"):
            out = str(Path(d) / f"report-{mode}.html")
            cmd = [sys.executable, __file__, args.workspace, "--one", mode, "--out", out] + (["--core"] * args.core)
            subprocess.run(cmd, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


if __name__ == "__main__":
    main()
