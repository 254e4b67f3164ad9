"""Render benchmark: Timeline's event item against a plain pyqtgraph ScatterPlotItem on the same data.

Synthetic workspaces of 10k, 100k and 1M events in 200 lanes over 10 years (generated once into
bench/.cache). For each size and renderer, in a fresh process: load time from the workspace, median repaint
at full view and at a one-day view (1600x900 plot), resident memory added; then cold start of the app to its
first painted window (`timeline-app WS --screenshot`, a fresh process).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/render_bench.py [--sizes 10000,100000,1000000]

``--titles``: only the title layer (issue 22: titles beside the marks when zoomed in, ✓ on confirmed events):
the median repaint of the timeline with and without the layer, at the full view (every event visible) and at a
zoomed view where titles are placed (1 year x 40 lanes), and how many titles were placed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / ".cache"
LANES, YEARS = 200, 10
T_START = 1_420_070_400.0  # 2015-01-01
DAY = 86400.0


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def make_workspace(n: int) -> Path:
    """A workspace with n synthetic events (fast path: straight SQL plus the columnar cache)."""
    from timeline_app.core.index import EventColumns
    from timeline_app.core.model import EVENT_TYPES, PRECISIONS, STATUSES
    from timeline_app.core.store.workspace import Workspace

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"synthetic-{n}.timeline"
    if path.exists():
        return path
    rng = np.random.default_rng(n)
    day = rng.integers(0, YEARS * 365, n)
    prec = rng.choice([PRECISIONS.index(p) for p in ("day", "month", "quarter", "year")], n, p=[0.7, 0.2, 0.02, 0.08])
    t0 = T_START + day * DAY
    span = np.select([prec == PRECISIONS.index("month"), prec == PRECISIONS.index("quarter"),
                      prec == PRECISIONS.index("year")], [30, 91, 365], 1) * DAY
    order = np.argsort(t0, kind="stable")
    t0, prec, span = t0[order], prec[order], span[order]
    t1 = t0 + span
    types = rng.integers(0, len(EVENT_TYPES), n).astype(np.int8)
    status = rng.choice(len(STATUSES), n, p=[0.8, 0.1, 0.1]).astype(np.int8)
    conf = rng.uniform(0.3, 0.99, n).astype(np.float32)
    lane1 = rng.integers(0, LANES, n)
    two = rng.random(n) < 0.2
    lane2 = (lane1 + rng.integers(1, LANES, n)) % LANES
    p_event = np.concatenate([np.arange(n), np.nonzero(two)[0]]).astype(np.int32)
    p_lane = np.concatenate([lane1, lane2[two]]).astype(np.int32)
    companies = [f"Company {i:03d}" for i in range(LANES)]
    parents = [None if i % 5 == 0 else f"Company {i - i % 5:03d}" for i in range(LANES)]
    cols = EventColumns(t0, t1, types, prec.astype(np.int8), status, conf, p_event, p_lane, companies, parents)
    ws = Workspace(path)
    text = "Company 000 signed a supply contract with Company 001 on Monday."
    with ws.transaction() as db:
        db.execute("INSERT INTO documents(id, path, title, text, extractor, clutter, result) VALUES(?,?,?,?,?,?,?)",
                   ("dsynthetic", "synthetic.txt", "Synthetic article", text, "synthetic", "[]",
                    json.dumps({"entities": [], "events": [], "warnings": []})))
        db.executemany("INSERT INTO entities(id, name, kind, aliases, parent, info) VALUES(?,?,?,?,?,?)",
                       [(f"c:{i}", c, "company", "[]", parents[i], "{}") for i, c in enumerate(companies)])
        lanes_of = [[companies[lane1[i]]] + ([companies[lane2[i]]] if two[i] else []) for i in range(n)]
        dates = (np.datetime64("1970-01-01") + (t0 // DAY).astype("timedelta64[D]")).astype(str)
        ends = (np.datetime64("1970-01-01") + ((t1 - DAY) // DAY).astype("timedelta64[D]")).astype(str)
        db.executemany("INSERT INTO events(rowid, id, type, summary, start, end, precision, status, companies, people, "
                       "places, amounts, confidence) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       ((i + 1, f"e{i}", EVENT_TYPES[types[i]], f"{EVENT_TYPES[types[i]]}: {', '.join(lanes_of[i])}",
                         dates[i], ends[i], PRECISIONS[prec[i]], STATUSES[status[i]], json.dumps(lanes_of[i]), "[]",
                         "[]", "[]", float(conf[i])) for i in range(n)))
        db.executemany("INSERT INTO event_sources VALUES(?,?,?,?,?,?)",
                       ((f"e{i}", "dsynthetic", 0, len(text), 12, 18) for i in range(n)))
        db.execute("INSERT INTO columns(id, data) VALUES(1, ?)", (cols.to_bytes(),))
    ws.close()
    return path


def measure(path: Path, renderer: str) -> dict:
    """Run in a fresh process: load, repaint at full and one-day views, memory."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from timeline_app.core.model import EVENT_TYPES
    from timeline_app.core.store.workspace import Workspace
    from timeline_app.gui.lanes_item import TYPE_COLOURS
    from timeline_app.gui.timeline_view import TimelineView

    base = rss_mb()
    t = time.perf_counter()
    ws = Workspace(path)
    cols = ws.event_columns()
    if renderer == "timeline":
        view = TimelineView()
        view.set_data(cols, None)
        view.item.index.pyramid()
        plot = view
    else:
        plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        plot.getViewBox().invertY(True)
        brushes = [pg.mkBrush(*TYPE_COLOURS[t]) for t in EVENT_TYPES]
        x = (cols.t0[cols.p_event] + cols.t1[cols.p_event]) / 2
        sc = pg.ScatterPlotItem(x=x, y=cols.p_lane.astype(float), size=9, pen=None,
                                brush=[brushes[k] for k in cols.type_code[cols.p_event]])
        plot.addItem(sc)
    load = time.perf_counter() - t
    plot.resize(1600 + 80, 900 + 60)
    plot.show()
    app.processEvents()
    vb = plot.getViewBox()
    full = (T_START - 30 * DAY, T_START + (YEARS * 365 + 30) * DAY)
    mid = T_START + YEARS * 365 * DAY / 2

    def median_repaint(x0: float, x1: float, runs: int) -> tuple[float, str]:
        vb.setXRange(x0, x1, padding=0)
        vb.setYRange(-0.5, LANES - 0.5, padding=0)
        plot.repaint()
        times = []
        for k in range(runs):
            shift = (x1 - x0) * 1e-4 * (1 if k % 2 else -1)
            vb.setXRange(x0 + shift, x1 + shift, padding=0)
            app.processEvents()
            s = time.perf_counter()
            plot.viewport().repaint()
            times.append((time.perf_counter() - s) * 1000)
        mode = getattr(getattr(plot, "item", None), "last_mode", "scatter")
        return statistics.median(times), mode

    full_ms, full_mode = median_repaint(*full, runs=9 if renderer == "scatter" else 25)
    day_ms, day_mode = median_repaint(mid, mid + DAY, runs=9 if renderer == "scatter" else 25)
    mem = rss_mb() - base
    return {"load_s": load, "full_ms": full_ms, "day_ms": day_ms, "mem_mb": mem, "full_mode": full_mode,
            "day_mode": day_mode, "placements": len(cols.p_event)}


def measure_titles(path: Path) -> dict:
    """Run in a fresh process: the timeline's repaint with and without the title layer."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from timeline_app.core.store.workspace import Workspace
    from timeline_app.gui.timeline_view import TimelineView
    from timeline_app.gui.titles_item import TitlesItem

    ws = Workspace(path)
    cols = ws.event_columns()

    def fetch(rows: list[int]) -> dict[int, str]:
        marks = ",".join("?" * len(rows))
        return {int(r) - 1: str(t) for r, t in
                ws.db.execute(f"SELECT rowid, summary FROM events WHERE rowid IN ({marks})", [r + 1 for r in rows])}

    view = TimelineView()
    view.set_data(cols, None)
    view.item.index.pyramid()
    titles = TitlesItem(view.item, fetch)
    view.getPlotItem().addItem(titles, ignoreBounds=True)
    rng = np.random.default_rng(1)
    titles.set_confirmed(rng.choice(cols.n, cols.n // 10, replace=False), cols.n)  # a tenth reviewed
    view.resize(1600 + 80, 900 + 60)
    view.show()
    app.processEvents()
    vb = view.getViewBox()
    out: dict = {}

    def median_repaint(x0: float, x1: float, y0: float, y1: float, runs: int = 41) -> tuple[float, float]:
        """Median repaint without and with the layer, measured alternately (the machine's load drifts)."""
        vb.setXRange(x0, x1, padding=0)
        vb.setYRange(y0, y1, padding=0)
        view.repaint()
        times: dict[bool, list[float]] = {False: [], True: []}
        for k in range(runs):
            shift = (x1 - x0) * 1e-4 * (1 if k % 2 else -1)
            vb.setXRange(x0 + shift, x1 + shift, padding=0)
            for on in (k % 2 == 0, k % 2 == 1):
                titles.setVisible(on)
                app.processEvents()
                s = time.perf_counter()
                view.viewport().repaint()
                times[on].append((time.perf_counter() - s) * 1000)
        return statistics.median(times[False]), statistics.median(times[True])

    full = (T_START - 30 * DAY, T_START + (YEARS * 365 + 30) * DAY, -0.5, LANES - 0.5)
    mid = T_START + YEARS * 365 * DAY / 2
    zoom = (mid, mid + 365 * DAY, 79.5, 119.5)
    median_repaint(*full, runs=1)
    span = (full[1] - full[0]) * min(1.0, 10_000 / max(titles.last_count, 1))  # about 10k placements in view
    ten_k = (mid - span / 2, mid + span / 2, -0.5, LANES - 0.5)
    for name, v in (("full", full), ("10k", ten_k), ("zoom", zoom)):
        out[f"{name}_off_ms"], out[f"{name}_on_ms"] = median_repaint(*v)
        out[f"{name}_visible"] = titles.last_count
        out[f"{name}_placed"] = len(titles.placed)
        out[f"{name}_mode"] = view.item.last_mode
    return out


FIRST_PAINT = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from timeline_app.gui.main_window import MainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint:
            QApplication.instance().exit(0)
        return False

app = QApplication([])
win = MainWindow(sys.argv[1])
win.resize(1600, 950)
spy = FirstPaint()
win.timeline.viewport().installEventFilter(spy)
win.show()
sys.exit(app.exec())
"""


def cold_start(path: Path) -> tuple[float, float]:
    """Seconds from starting a fresh process to the timeline's first paint; and to a saved --screenshot."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp, QT_QPA_PLATFORM="offscreen")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", FIRST_PAINT, str(path)], env=env, check=True, capture_output=True)
        first = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "timeline_app", str(path), "--screenshot", f"{tmp}/s.png"],
                       env=env, check=True, capture_output=True)
        return first, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--titles", action="store_true", help="only the title layer's frame time")
    ap.add_argument("--renderers", default="timeline,scatter",
                    help="which to measure (10M events: 'timeline' alone; a plain scatter plot of 12M points is no "
                         "contest and takes many minutes)")
    ap.add_argument("--child", nargs=2, metavar=("PATH", "RENDERER"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child = measure_titles if args.child[1] == "titles" else lambda p: measure(p, args.child[1])
        print(json.dumps(child(Path(args.child[0]))))
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.titles:
        print(f"{'events':>9} {'view':>5} {'visible':>8} {'titles':>7} {'without ms':>11} {'with ms':>8} {'ratio':>6}")
        for n in (int(s) for s in args.sizes.split(",")):
            out = subprocess.run([sys.executable, __file__, "--child", str(make_workspace(n)), "titles"],
                                 capture_output=True, text=True, env=dict(os.environ))
            if out.returncode != 0:
                raise SystemExit(out.stderr)
            x = json.loads(out.stdout.strip().splitlines()[-1])
            for v in ("full", "10k", "zoom"):
                off, on = x[f"{v}_off_ms"], x[f"{v}_on_ms"]
                print(f"{n:>9} {v:>5} {x[f'{v}_visible']:>8} {x[f'{v}_placed']:>7} {off:>11.1f} {on:>8.1f} "
                      f"{on / max(off, 1e-6):>5.2f}x  ({x[f'{v}_mode']})")
        return
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        t = time.perf_counter()
        path = make_workspace(n)
        gen = time.perf_counter() - t
        res = {}
        for r in args.renderers.split(","):
            out = subprocess.run([sys.executable, __file__, "--child", str(path), r], capture_output=True, text=True,
                                 env=dict(os.environ))
            if out.returncode != 0:
                raise SystemExit(out.stderr)
            res[r] = json.loads(out.stdout.strip().splitlines()[-1])
        runs = [cold_start(path) for _ in range(3)]
        cold = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        rows.append((n, res, cold, gen))
    print(f"{'events':>9} {'renderer':>9} {'load s':>7} {'full ms':>8} {'1-day ms':>9} {'mem MB':>7}  mode(full/day)")
    for n, res, cold, _gen in rows:
        for r, x in res.items():
            print(f"{n:>9} {r:>9} {x['load_s']:7.2f} {x['full_ms']:8.1f} {x['day_ms']:9.1f} {x['mem_mb']:7.0f}  "
                  f"{x['full_mode']}/{x['day_mode']}")
        sp = res["scatter"]["full_ms"] / max(res["timeline"]["full_ms"], 1e-6) if "scatter" in res else float("nan")
        print(f"{'':>9} {'':>9} full-view speed-up {sp:.0f}x; cold start to first paint {cold[0]:.2f} s "
              f"(to a saved --screenshot {cold[1]:.2f} s); placements {res['timeline']['placements']}")


if __name__ == "__main__":
    main()
