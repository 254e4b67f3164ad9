"""Build the .deb from this checkout, install it into a clean Debian 12 (debootstrap minbase, no Python), run the
installed launcher, check the desktop integration, upgrade it, remove it, and check nothing is left behind.
Slow (a few minutes; needs root, debootstrap and the Debian package mirror): run by .ci/run, not by default."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def run(*cmd: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(list(cmd), check=True, capture_output=True, text=True, **kw)


def chroot(root: Path, script: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root", "LANG": "C.UTF-8",
            "DEBIAN_FRONTEND": "noninteractive"}
    return run("chroot", str(root), "/bin/sh", "-ec", script, env={**base, **(env or {})})


def host_mirror() -> list[str]:
    """The Debian mirror this machine's apt uses (so nothing is hard-coded), or debootstrap's default."""
    src = Path("/etc/apt/sources.list.d/debian.sources")
    if src.exists():
        for line in src.read_text().splitlines():
            if line.startswith("URIs:"):
                return [line.split()[1]]
    return []


@pytest.fixture(scope="module")
def deb() -> Path:
    if os.geteuid() != 0:
        pytest.skip("needs root (debootstrap, chroot, dpkg)")
    given = os.environ.get("TIMELINE_DEB")
    if given:
        return Path(given)
    run("bash", str(ROOT / "tools" / "package.sh"), cwd=ROOT)
    return next((ROOT / "dist").glob("timeline_*_amd64.deb"))


@pytest.fixture(scope="module")
def debian(tmp_path_factory) -> Path:
    if shutil.which("debootstrap") is None:
        pytest.skip("debootstrap is not installed (apt-get install debootstrap)")
    root = tmp_path_factory.mktemp("debian12")
    run("debootstrap", "--variant=minbase", "bookworm", str(root), *host_mirror())
    shutil.copy("/etc/resolv.conf", root / "etc" / "resolv.conf")
    run("mount", "-t", "proc", "proc", str(root / "proc"))
    yield root
    subprocess.run(["umount", "-l", str(root / "proc")], check=False)


def test_desktop_entry_validates(deb: Path, tmp_path: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate missing (apt-get install desktop-file-utils)")
    run("dpkg-deb", "-x", str(deb), str(tmp_path))
    out = run("desktop-file-validate", str(tmp_path / "usr/share/applications/timeline.desktop"))
    assert out.stdout.strip() == "" and out.stderr.strip() == ""
    for size in ("16x16", "48x48", "256x256", "scalable"):
        assert list((tmp_path / f"usr/share/icons/hicolor/{size}/apps").glob("timeline.*"))


def test_install_run_mime_upgrade_remove(deb: Path, debian: Path, tmp_path: Path) -> None:
    assert not (debian / "usr/bin/python3").exists()  # a clean root without Python
    shutil.copy(deb, debian / "tmp" / "timeline.deb")
    chroot(debian, "apt-get update -qq && apt-get install -y -qq /tmp/timeline.deb >/dev/null")
    files = [f for f in chroot(debian, "dpkg -L timeline").stdout.split() if f.startswith("/")]
    assert "/usr/bin/timeline" in files and "/opt/timeline/timeline" in files
    # the extraction vocabulary (resources/extraction/*.json) is in the bundle, where core.paths looks
    vocabulary = {Path(f).name for f in files if f.startswith("/opt/timeline/_internal/resources/extraction/")}
    assert vocabulary == {p.name for p in (ROOT / "resources" / "extraction").glob("*.json")}
    # the installed launcher renders the seeds timeline
    t = time.perf_counter()
    chroot(debian, "cd /tmp && timeline --screenshot /tmp/shot.png",
           env={"QT_QPA_PLATFORM": "offscreen", "HOME": "/tmp/home", "XDG_RUNTIME_DIR": "/tmp"})
    first_run = time.perf_counter() - t
    png = (debian / "tmp" / "shot.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
    t = time.perf_counter()
    chroot(debian, "timeline --screenshot /tmp/shot2.png",
           env={"QT_QPA_PLATFORM": "offscreen", "HOME": "/tmp/home", "XDG_RUNTIME_DIR": "/tmp"})
    second_run = time.perf_counter() - t
    print(f"\nfrozen app: first run (extracts the seeds) {first_run:.2f} s, "
          f"second run (opens the workspace) {second_run:.2f} s to a saved screenshot")
    # the CLI works from the same install
    out = chroot(debian, "timeline extract /opt/timeline/_internal/seeds --output /tmp/o.json 2>&1")
    assert "5 article(s) read" in out.stdout
    # double-click: workspace files are Timeline's
    # (Recommends brought shared-mime-info, desktop-file-utils, xdg-utils)
    default = chroot(debian, "xdg-mime query default application/x-timeline-workspace").stdout.strip()
    assert default == "timeline.desktop"
    assert "application/x-timeline-workspace" in (debian / "usr/share/mime/globs2").read_text()
    # upgrade: the same build as a newer version
    rebuilt = tmp_path / "deb"
    run("dpkg-deb", "-R", str(deb), str(rebuilt))
    control = rebuilt / "DEBIAN" / "control"
    version = next(ln.split()[1] for ln in control.read_text().splitlines() if ln.startswith("Version:"))
    control.write_text(control.read_text().replace(f"Version: {version}", f"Version: {version}+1"))
    run("dpkg-deb", "--build", "--root-owner-group", "-Zxz", "-z1", str(rebuilt), str(debian / "tmp" / "new.deb"))
    chroot(debian, "apt-get install -y -qq /tmp/new.deb >/dev/null")
    assert chroot(debian, "dpkg-query -W -f='${Version}' timeline").stdout == f"{version}+1"
    # removal leaves nothing of the package behind
    chroot(debian, "apt-get purge -y -qq timeline >/dev/null")
    left = [f for f in files if not (debian / f.lstrip("/")).is_dir() and (debian / f.lstrip("/")).exists()]
    assert left == []
    assert not (debian / "opt" / "timeline").exists()
    assert "timeline" not in (debian / "usr/share/mime/globs2").read_text()
