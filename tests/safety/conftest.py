"""Shared builders for the safety suite: a small real workspace, made once and copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ARTICLE_A = ("Global Wire 2024-05-02\nSamsung Electronics said on Tuesday it signed a supply contract with "
             "Tesla to deliver chips worth $2 billion. The deal was signed in Seoul.\n")
ARTICLE_B = ("Daily Ledger 2024-06-10\nToyota Motor met Honda Motor executives in Tokyo on Monday to discuss "
             "a partnership on batteries.\n")


@pytest.fixture(scope="session")
def _built_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from timeline_app.core.ingest import ingest, open_workspace

    d = tmp_path_factory.mktemp("built")
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    ws = open_workspace(d / "w.timeline")
    ingest(ws, [d / "a.txt", d / "b.txt"])
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()
    return d / "w.timeline"


@pytest.fixture
def workspace_file(_built_workspace: Path, tmp_path: Path) -> Path:
    """A fresh copy of a small workspace with two articles and their events."""
    out = tmp_path / "w.timeline"
    shutil.copy(_built_workspace, out)
    return out
