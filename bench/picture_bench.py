"""Exported pictures (gui/picture.py): time to build and write the picture of a synthetic workspace as PNG, SVG
and PDF, as ``timeline-app image`` does (all events, the first 60 lanes), and the file sizes. Prints figures only.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/picture_bench.py [--events N] [--companies N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QGuiApplication

from tests.synthetic import make_corpus_workspace
from timeline_app.core.formats.picture import picture_from_workspace
from timeline_app.core.formats.report import ReportQuery
from timeline_app.core.store.workspace import Workspace
from timeline_app.gui.picture import write_picture


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--companies", type=int, default=150)
    args = ap.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        path = make_corpus_workspace(Path(tmp) / "w.timeline", n_articles=200, n_companies=args.companies,
                                     n_events=args.events)
        ws = Workspace(path)
        t = time.perf_counter()
        data = picture_from_workspace(ws, ReportQuery(), title="bench")
        print(f"{args.events} events, {args.companies} companies: picture data {time.perf_counter() - t:.3f} s "
              f"({len(data.lanes)} of {len(data.labels)} lanes drawn)")
        ws.close()
        for ext in ("png", "svg", "pdf"):
            out = Path(tmp) / f"x.{ext}"
            t = time.perf_counter()
            write_picture(data, out, width=1200)
            print(f"  {ext}: {time.perf_counter() - t:.3f} s, {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
