"""Extraction quality on the MEANTIME Apple articles stays at the issue's targets (see bench/meantime_score.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def test_meantime_targets() -> None:
    from meantime_score import DEFAULT_DATA, score

    r = score(DEFAULT_DATA)
    assert r["publication dates"] == r["documents"] == 30
    assert r["timex value F1"] >= 0.80
    assert r["ORG F1"] >= 0.85
    assert r["PER F1"] >= 0.85
    assert r["LOC F1"] >= 0.80
