"""Reliability round 2b, item 3: inputs that used to crash or hang get a specific message instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True,
                          timeout=timeout, env=env or ENV)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_kb_is_refused_without_hanging(tmp_path: Path) -> None:
    kb = tmp_path / "kb.json"
    os.mkfifo(kb)
    art = tmp_path / "a.txt"
    art.write_text("Wire 2024-05-02\nKia met Toyota executives in Seoul on Monday.\n", encoding="utf-8")
    out = _cli("extract", str(art), "--kb", str(kb), "--output", str(tmp_path / "o.json"), "-q", timeout=60)
    assert out.returncode == 2 and "knowledge base" in out.stderr and "named pipe" in out.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_settings_file_does_not_hang_the_viewer(workspace_file: Path, tmp_path: Path) -> None:
    config = tmp_path / "config" / "Timeline"
    config.mkdir(parents=True)
    os.mkfifo(config / "timeline-app.conf")
    env = dict(ENV, XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               HOME=str(tmp_path))
    out = _cli(str(workspace_file), "--screenshot", str(tmp_path / "s.png"), env=env, timeout=120)
    assert out.returncode == 0 and (tmp_path / "s.png").stat().st_size > 1000, out.stderr[-1500:]


def test_company_cannot_belong_to_itself_nor_loop(workspace_file: Path) -> None:
    out = _cli("company", str(workspace_file), "Tesla", "--parent", "Tesla")
    assert out.returncode == 2 and "cannot belong to itself" in out.stderr
    assert _cli("company", str(workspace_file), "Tesla", "--parent", "Musk Group").returncode == 0
    out = _cli("company", str(workspace_file), "Musk Group", "--parent", "Tesla")
    assert out.returncode == 2 and "loop of groups" in out.stderr


def test_kb_export_into_a_missing_folder_says_so(workspace_file: Path, tmp_path: Path) -> None:
    out = _cli("company", str(workspace_file), "--export-kb", str(tmp_path / "nope" / "kb.json"))
    assert out.returncode == 2 and "does not exist" in out.stderr and "Traceback" not in out.stderr


def test_ics_export_of_a_workspace_whose_name_has_a_newline(workspace_file: Path, tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.timeline"
    odd.write_bytes(workspace_file.read_bytes())
    out = _cli("export", str(odd), "--output", str(tmp_path / "x.ics"))
    assert out.returncode == 0, out.stderr
    assert "X-WR-CALNAME:two lines" in (tmp_path / "x.ics").read_text(encoding="utf-8")


def test_import_into_a_read_only_workspace_says_so(workspace_file: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """As a user without write access sees it (the suite may run as root, who can write anyway)."""
    from timeline_app.cli import main
    from timeline_app.core.store import safe_open

    csv_file = tmp_path / "in.csv"
    csv_file.write_text("date,company,summary,type\n2024-03-03,Acme,Met,meeting\n", encoding="utf-8")
    before = workspace_file.read_bytes()
    monkeypatch.setattr(safe_open.os, "access", lambda *a, **k: False)
    assert main(["import", str(csv_file), "--workspace", str(workspace_file)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert workspace_file.read_bytes() == before
