"""Import throughput: a generated CSV of N rows with arbitrary column names, imported with a column mapping
through the real command (`timeline-app import FILE --workspace W --map ...`) into a fresh workspace, then the
timeline's arrays read back (what the viewer draws). Prints the wall and CPU time of the command (CPU time
does not depend on what else runs on the machine).

Run: .venv/bin/python bench/import_bench.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, ws_path = Path(tmp) / "deals.csv", Path(tmp) / "w.timeline"
        make_csv(src, args.rows)
        cmd = [sys.executable, "-m", "timeline_app", "import", str(src), "--workspace", str(ws_path), "-q", "--map",
               "date=When (approx.),company=Lead firm,company=Counterparty,type=Deal kind,summary=Headline,"
               "text=Analyst notes"]
        t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        wall, r1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        load = os.getloadavg()[0]
        if out.returncode != 0:
            sys.exit(out.stderr)
        from timeline_app.core.formats.importing import read_import
        from timeline_app.core.formats.tables_import import parse_mapping
        from timeline_app.core.store.workspace import Workspace

        t1 = time.perf_counter()
        batch = read_import(src, parse_mapping(cmd[-1:]))
        t_read = time.perf_counter() - t1
        ws = Workspace(ws_path)
        t2 = time.perf_counter()
        cols = ws.event_columns()
        t_cols = time.perf_counter() - t2
        dated = int((cols.t0 == cols.t0).sum())
        ws.close()
        print(out.stderr.strip().splitlines()[-1])
        print(f"FIGURE rows {args.rows} import_command_s {wall:.2f} cpu_s {cpu:.2f} (incl. interpreter start; "
              f"machine load {load:.1f} on {os.cpu_count()} cores) "
              f"read+validate_s {t_read:.2f} events_on_timeline {cols.n} dated {dated} lanes {len(cols.companies)} "
              f"rejected {len(batch.rejected)} columns_load_s {t_cols:.3f}")


if __name__ == "__main__":
    main()
