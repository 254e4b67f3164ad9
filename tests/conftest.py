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


def entity_kinds(text: str) -> dict[str, str]:
    """Name → kind of every entity the mention finder reads in ``text`` (after a headline line), with the shipped
    knowledge base: what the typing tests look at."""
    import datetime as dt

    from timeline_app.core.extract.kb import load_kb
    from timeline_app.core.extract.mentions.finder import MentionFinder
    from timeline_app.core.extract.nlp import get_nlp

    an = MentionFinder(load_kb(), get_nlp()).analyse("Headline\n\n" + text, dt.date(2030, 1, 6), [])
    return {e.name: e.kind for e in an.entities.values()}
