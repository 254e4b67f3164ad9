"""Import and export throughput: a generated CSV of N rows imported through the real command (`timeline-app
import FILE --workspace W`) into a fresh workspace, the timeline's arrays read back (what the viewer draws), then
the events exported to CSV (`timeline-app export W -o out.csv`). Prints, for each command, wall time, CPU time
(its own and its worker processes'; CPU time depends less on what else runs on the machine) and peak resident
memory (of the largest process).

--shape analyst (default): arbitrary column names, mixed date styles, two company columns, with --map.
--shape check: the four columns of ../shared/checks/perf-import-1m (date, company, type, summary).

Run: .venv/bin/python bench/import_bench.py [--rows 10000] [--shape check] [--jobs N] [--no-export]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMPANIES = [f"Company {i:03d}" for i in range(150)] + ["Apple", "Foxconn", "Samsung", "LG Display", "Mercedes"]
KINDS = ["Acquisition", "Supply contract", "Partnership", "Product launch", "Earnings", "Meeting", "Hire", "misc"]


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A spreadsheet as an analyst might keep one: mixed date styles and precisions, two company columns."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Ref", "When (approx.)", "Lead firm", "Counterparty", "Deal kind", "Headline", "Analyst notes"])
        for i in range(rows):
            d = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(3650))
            style = rnd.random()
            when = (d.isoformat() if style < 0.5 else f"{d:%d %b %Y}" if style < 0.7 else f"{d:%b %Y}"
                    if style < 0.85 else f"Q{(d.month - 1) // 3 + 1} {d.year}" if style < 0.95 else str(d.year))
            a, b = rnd.sample(COMPANIES, 2)
            w.writerow([f"R{i}", when, a, b if rnd.random() < 0.6 else "", rnd.choice(KINDS),
                        f"{a} and {b} deal {i}", "checked" if i % 3 else ""])


def make_check_csv(path: Path, rows: int) -> None:
    """The CSV of ../shared/checks/perf-import-1m (same generator, same seed)."""
    r = random.Random(5)
    types = ["meeting", "supply", "partnership", "investment", "launch", "financial", "appointment"]
    with path.open("w") as f:
        f.write("date,company,type,summary\n")
        for i in range(rows):
            f.write(f"{2000 + r.randrange(25)}-{1 + r.randrange(12):02d}-{1 + r.randrange(28):02d},"
                    f"Company {r.randrange(500)},{r.choice(types)},Event number {i} of the generated set\n")


def run(cmd: list[str]) -> tuple[subprocess.CompletedProcess[str], float, float, float]:
    """The command's result, wall seconds, CPU seconds (with its children) and peak RSS in MB (of the largest
    process: ru_maxrss of the children, measured in a fresh process so earlier commands do not count)."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); w = time.perf_counter() - t; "
             "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "sys.stderr.write(p.stderr); print(p.returncode, w, r.ru_utime + r.ru_stime, r.ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    rc, wall, cpu, rss = out.stdout.split()
    return subprocess.CompletedProcess(cmd, int(rc), "", out.stderr), float(wall), float(cpu), float(rss)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--shape", choices=["analyst", "check"], default="analyst")
    ap.add_argument("--jobs", "-j", type=int, help="import -j N (default: the command's own choice)")
    ap.add_argument("--no-export", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, ws_path = Path(tmp) / "deals.csv", Path(tmp) / "w.timeline"
        cmd = [sys.executable, "-m", "timeline_app", "import", str(src), "--workspace", str(ws_path), "-q"]
        if args.shape == "check":
            make_check_csv(src, args.rows)
        else:
            make_csv(src, args.rows)
            cmd += ["--map", "date=When (approx.),company=Lead firm,company=Counterparty,type=Deal kind,"
                             "summary=Headline,text=Analyst notes"]
        if args.jobs:
            cmd += ["-j", str(args.jobs)]
        out, wall, cpu, rss = run(cmd)
        load = os.getloadavg()[0]
        if out.returncode != 0:
            sys.exit(out.stderr)
        from timeline_app.core.store.workspace import Workspace

        ws = Workspace(ws_path)
        t2 = time.perf_counter()
        cols = ws.event_columns()
        t_cols = time.perf_counter() - t2
        dated = int((cols.t0 == cols.t0).sum())
        ws.close()
        print(out.stderr.strip().splitlines()[-1])
        print(f"FIGURE import rows {args.rows} shape {args.shape} size_mb {src.stat().st_size / 2**20:.0f} "
              f"wall_s {wall:.1f} cpu_s {cpu:.1f} peak_rss_mb {rss:.0f} (incl. interpreter start; machine load "
              f"{load:.1f} on {os.cpu_count()} cores) events_on_timeline {cols.n} dated {dated} "
              f"lanes {len(cols.companies)} columns_load_s {t_cols:.3f}")
        if args.no_export:
            return
        out, wall, cpu, rss = run([sys.executable, "-m", "timeline_app", "export", str(ws_path), "-o",
                                   str(Path(tmp) / "out.csv")])
        if out.returncode != 0:
            sys.exit(out.stderr)
        print(out.stderr.strip().splitlines()[-1])
        print(f"FIGURE export_csv events {cols.n} wall_s {wall:.1f} cpu_s {cpu:.1f} peak_rss_mb {rss:.0f} "
              f"file_mb {(Path(tmp) / 'out.csv').stat().st_size / 2**20:.0f} (machine load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
