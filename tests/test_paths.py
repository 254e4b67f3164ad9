"""Where things live (core/paths.py): the user's folders and what kind of thing a path holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.paths import path_kind, seeds_dir, user_config_dir, user_data_dir


def test_user_folders_follow_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert user_data_dir() == tmp_path / "data" / "timeline-app" and user_data_dir().is_dir()
    assert user_config_dir() == tmp_path / "config" / "timeline-app"


def test_path_kind(tmp_path: Path) -> None:
    extraction = tmp_path / "events.json"
    extraction.write_text(json.dumps({"schema": "timeline-app/1", "documents": []}), encoding="utf-8")
    articles = tmp_path / "articles.json"
    articles.write_text(json.dumps([{"text": "Acme met Globex.", "schema": "other"}]), encoding="utf-8")
    assert path_kind(tmp_path / "w.timeline") == "workspace"
    assert path_kind(tmp_path / "W.SQLITE") == "workspace"
    assert path_kind(extraction) == "extraction"
    assert path_kind(articles) == "articles"
    assert path_kind(tmp_path / "missing.json") == "articles"  # the reader reports it missing
    assert path_kind(seeds_dir()) == "articles"
