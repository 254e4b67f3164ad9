from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(prefix + "*")).read_text(encoding="utf-8")
