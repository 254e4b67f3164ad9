"""Reliability round 2b, item 1: outputs never lie. Every file the app writes appears whole or not at all; a
failure leaves an earlier file as it was and says so, without a traceback."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.core.outputs import OutputError, atomic_path, write_text_atomic

ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def _cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True,
                          timeout=timeout, env=ENV)


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_a_failing_writer_leaves_the_earlier_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text('{"good": true}', encoding="utf-8")
    with pytest.raises(OutputError, match=r"disk is full.*unchanged"), atomic_path(target) as tmp:
        tmp.write_text('{"half', encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_text(encoding="utf-8") == '{"good": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left behind


@pytest.mark.parametrize("suffix,body", [(".pdf", b"%PDF-1.4 half"), (".svg", b"<svg><rect/>"), (".png", b"")])
def test_a_writer_that_fails_quietly_is_caught(tmp_path: Path, suffix: str, body: bytes) -> None:
    """Qt's writers may return without raising on a full disk: a truncated PDF/SVG/PNG is not put in place."""
    target = tmp_path / f"view{suffix}"
    target.write_bytes(b"earlier")
    with pytest.raises(OutputError, match=r"incomplete|empty"), atomic_path(target) as tmp:
        tmp.write_bytes(body)
    assert target.read_bytes() == b"earlier"


def test_missing_folder_is_said_in_words(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_text_atomic(tmp_path / "nope" / "x.txt", "x")


def test_new_file_gets_usual_permissions(tmp_path: Path) -> None:
    write_text_atomic(tmp_path / "x.txt", "x")
    assert (tmp_path / "x.txt").stat().st_mode & 0o044  # readable by others as a plain write makes it


@pytest.mark.skipif(os.geteuid() != 0 or sys.platform != "linux", reason="mounting a small tmpfs needs root")
def test_commands_on_a_full_disk(workspace_file: Path, tmp_path: Path) -> None:
    """export, report (HTML, PDF) and extract -o onto a full disk: exit 1 with a message, no traceback, and the
    earlier good file there unchanged."""
    full = tmp_path / "full"
    full.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(full)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        for name in ("x.json", "x.csv", "r.html", "r.pdf", "e.json"):
            (full / name).write_text("earlier good file", encoding="utf-8")
        with open(full / "filler", "wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
            except OSError:
                pass
        arts = tmp_path / "arts"
        arts.mkdir()
        (arts / "a.txt").write_text("Wire 2024-05-02\nKia met Toyota executives in Seoul on Monday. "
                                    + "They talked about batteries. " * 3000, encoding="utf-8")
        runs = [["export", str(workspace_file), "--output", str(full / "x.json")],
                ["export", str(workspace_file), "--output", str(full / "x.csv")],
                ["report", str(workspace_file), "--output", str(full / "r.html")],
                ["report", str(workspace_file), "--output", str(full / "r.pdf")],
                ["extract", str(arts), "--output", str(full / "e.json"), "-q"]]
        for args in runs:
            out = _cli(*args)
            target = Path(args[args.index("--output") + 1])
            assert out.returncode == 1, (args, out.stderr)
            assert "Traceback" not in out.stderr, out.stderr
            assert "disk is full" in out.stderr or "full disk" in out.stderr, out.stderr
            assert target.read_text(encoding="utf-8") == "earlier good file"
        assert not [p for p in full.iterdir() if p.name.endswith((".part", ".json", ".csv", ".html", ".pdf"))
                    and p.name.startswith(".")]
    finally:
        subprocess.run(["umount", str(full)])
