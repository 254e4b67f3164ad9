"""Reliability issue, two attacks from crafted files:

* a folder (an unpacked archive) holding a symlink to a file outside it must not get that file read into the
  workspace: folder ingest stays inside the folder the user gave;
* a crafted ``columns`` blob (a zip bomb of ~1 MB) must not make the timeline allocate gigabytes: the index
  decoder checks sizes from the zip and .npy headers before it decompresses or allocates anything.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from timeline_app.core.index import EventColumns
from timeline_app.core.model import Event
from timeline_app.core.read.readers import RawArticle, iter_files, read_paths

SECRET = "SECRETTOKEN9931"
ARTICLE = "Acme Motors signed a supply contract with Globex on March 3, 2024 in Detroit.\n"
OTHER = "Initech met Umbrella Corp executives in Tokyo on Monday to discuss batteries.\n"

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                                    reason="symlinks need a POSIX file system")


# --- 1. symlinks out of an ingested folder -------------------------------------------------------------------

@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the ingested one holding a secret article (like /etc/passwd for an unpacked archive)."""
    d = tmp_path / "outside"
    d.mkdir()
    (d / "s.txt").write_text(f"Zyxwvu Holdings signed a supply contract with Qqplex Motors. {SECRET}\n",
                             encoding="utf-8")
    return d


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "f"
    d.mkdir()
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return d


def _names(arts: list[RawArticle]) -> list[str]:
    return sorted(Path(a.path).name for a in arts)


@needs_symlinks
@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_link_to_a_file_outside_the_folder_is_skipped_and_named(folder: Path, outside: Path,
                                                                relative: bool) -> None:
    target = Path("../outside/s.txt") if relative else outside / "s.txt"
    (folder / "link.txt").symlink_to(target)
    arts, probs = read_paths([folder])
    assert not any(SECRET in a.text for a in arts), "a file outside the folder was read through a link"
    assert _names(arts) == ["good.txt"]  # the rest of the batch carries on
    [p] = probs
    assert Path(p.path).name == "link.txt" and not p.fatal
    assert p.reason == f"a link to a file outside the folder ({(outside / 's.txt').resolve()}); skipped"
    assert str(p).endswith("link.txt: " + p.reason)


@needs_symlinks
def test_link_to_a_folder_outside_is_skipped_and_named(folder: Path, outside: Path) -> None:
    (folder / "more").symlink_to(outside, target_is_directory=True)
    arts, probs = read_paths([folder])
    assert _names(arts) == ["good.txt"]
    assert [(Path(p.path).name, p.reason) for p in probs] == [
        ("more", f"a link to a folder outside the folder ({outside.resolve()}); skipped")]


@needs_symlinks
def test_a_chain_of_links_that_ends_outside_is_skipped(folder: Path, outside: Path) -> None:
    (folder / "hop.txt").symlink_to("../outside/s.txt")
    (folder / "inner.txt").symlink_to("hop.txt")  # inside-looking, but it ends outside
    arts, probs = read_paths([folder])
    assert _names(arts) == ["good.txt"]
    assert sorted(Path(p.path).name for p in probs) == ["hop.txt", "inner.txt"]
    assert all("outside the folder" in p.reason for p in probs)


@needs_symlinks
def test_links_inside_the_folder_are_read_once_and_loops_end(folder: Path) -> None:
    sub = folder / "sub"
    sub.mkdir()
    (sub / "other.txt").write_text(OTHER, encoding="utf-8")
    (folder / "alias.txt").symlink_to("good.txt")  # the same file a second time
    (folder / "again").symlink_to("sub", target_is_directory=True)  # the same folder a second time
    (sub / "up").symlink_to("..", target_is_directory=True)  # a loop
    (folder / "self").symlink_to(".", target_is_directory=True)  # another loop
    arts, probs = read_paths([folder])
    assert sorted(a.text for a in arts) == sorted([ARTICLE, OTHER])  # each file once
    assert not probs


@needs_symlinks
def test_a_file_named_explicitly_may_be_a_link_out(folder: Path, outside: Path) -> None:
    """A file given on the command line is the user's own choice."""
    (folder / "link.txt").symlink_to(outside / "s.txt")
    arts, probs = read_paths([folder / "link.txt"])
    assert [SECRET in a.text for a in arts] == [True] and not probs


@needs_symlinks
def test_a_folder_named_through_a_link_is_read(folder: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(folder, target_is_directory=True)
    (folder / "same.txt").symlink_to(folder / "good.txt")  # absolute, inside the real folder
    (folder / "second.txt").write_text(OTHER, encoding="utf-8")
    got = list(iter_files([alias]))
    assert [Path(str(f)).name for f in got] == ["good.txt", "second.txt"]


@needs_symlinks
def test_a_broken_link_is_named_not_read(folder: Path) -> None:
    (folder / "gone.txt").symlink_to("missing.txt")
    arts, probs = read_paths([folder])
    assert _names(arts) == ["good.txt"]
    assert [(Path(p.path).name, p.fatal) for p in probs] == [("gone.txt", False)]


@needs_symlinks
def test_ingest_never_stores_a_file_outside_the_folder(folder: Path, outside: Path, tmp_path: Path) -> None:
    from timeline_app.core.ingest import ingest, open_workspace

    (folder / "link.txt").symlink_to(outside / "s.txt")
    ws = open_workspace(tmp_path / "w.timeline")
    report = ingest(ws, [folder])
    texts = [d.text for d in ws.documents()]
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()
    assert texts and not any(SECRET in t for t in texts)
    assert SECRET.encode() not in (tmp_path / "w.timeline").read_bytes()
    assert [Path(p.path).name for p in report.problems] == ["link.txt"]


# --- 2. a crafted timeline index blob ---------------------------------------------------------------------

def _events(n: int) -> list[Event]:
    return [Event(id=f"e{i}", type="meeting", summary="", start=None, end=None, precision="undated",
                  status="happened", companies=["A", "B"][: 1 + i % 2]) for i in range(n)]


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, a, allow_pickle=False)
    return buf.getvalue()


def _bomb(n_events: int, big: dict[str, tuple[str, int]], level: int = 9, understate: bool = False) -> bytes:
    """An npz whose arrays are those of ``n_events`` real events, except the ones in ``big`` (name ->
    (dtype, length)): those are zeros, deflated, so a small blob expands to their full size. ``understate``:
    the zip directory declares the big entries as small as the real ones."""
    good = EventColumns.from_events(_events(n_events)).to_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for info in src.infolist():
            name = info.filename[:-len(".npy")]
            if name not in big:
                zf.writestr(info.filename, src.read(info))
                continue
            descr, length = big[name]
            with zf.open(info.filename, "w", force_zip64=True) as f:
                np.lib.format.write_array_header_1_0(f, {"descr": descr, "fortran_order": False,
                                                         "shape": (length,)})
                left, chunk = length * np.dtype(descr).itemsize, bytes(1 << 20)
                while left > 0:
                    f.write(chunk[:left])
                    left -= len(chunk)
            if understate:  # the central directory is written from these infos at close
                zf.getinfo(info.filename).file_size = info.file_size
    return out.getvalue()


#: ~1 MB expanding to 1.07 GB: t0 and t1 of 64 million events each (the issue's "1.1 GB GUI").
BIG = 64 * 1024 * 1024


@pytest.fixture(scope="module")
def gigabyte_bomb() -> bytes:
    blob = _bomb(2, {"t0": ("<f8", BIG), "t1": ("<f8", BIG)})
    assert len(blob) < 1_200_000
    return blob


def _peak_bytes(fn: Callable[[], None]) -> int:
    """Peak Python + NumPy allocation (tracemalloc) while ``fn`` runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_stored_index_round_trips_with_its_event_count() -> None:
    cols = EventColumns.from_events(_events(5), {"B": "A"})
    back = EventColumns.from_bytes(cols.to_bytes(), expected_n=5)
    assert back.n == 5 and back.companies == ["A", "B"] and back.parents == [None, "A"]
    assert sorted(back.p_event.tolist()) == sorted(cols.p_event.tolist())  # stored by company, then start
    for n in (0, 4, 6):  # another workspace's (or a stale) index
        with pytest.raises(ValueError, match="events"):
            EventColumns.from_bytes(cols.to_bytes(), expected_n=n)


def test_an_empty_index_round_trips() -> None:
    assert EventColumns.from_bytes(EventColumns.from_events([]).to_bytes(), expected_n=0).n == 0


@pytest.mark.parametrize("array, dtype", [("t0", np.float32), ("p_event", np.int64), ("type_code", np.int32),
                                          ("names", np.int8), ("confidence", np.float64)])
def test_arrays_of_another_dtype_are_refused(array: str, dtype: type) -> None:
    cols = EventColumns.from_events(_events(3))
    blob = cols.to_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(buf, "w") as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == array + ".npy":
                data = _npy(np.load(io.BytesIO(data)).astype(dtype))
            zf.writestr(info.filename, data)
    with pytest.raises(ValueError, match=array):
        EventColumns.from_bytes(buf.getvalue(), expected_n=3)


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("change", ["extra", "missing", "twice", "2-d", "fortran", "trailing bytes", "short"])
def test_a_blob_not_shaped_like_ours_is_refused(change: str) -> None:
    blob = EventColumns.from_events(_events(3)).to_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(buf, "w") as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "t0.npy":
                if change == "missing":
                    continue
                if change == "twice":
                    zf.writestr(info.filename, data)
                if change == "2-d":
                    data = _npy(np.zeros((3, 1)))
                if change == "fortran":
                    data = data.replace(b"'fortran_order': False", b"'fortran_order': True ")
                if change == "trailing bytes":
                    data += b"\0" * 64
                if change == "short":
                    data = data[:-8]
            zf.writestr(info.filename, data)
        if change == "extra":
            zf.writestr("more.npy", _npy(np.zeros(3)))
    with pytest.raises(ValueError):
        EventColumns.from_bytes(buf.getvalue(), expected_n=3)


@pytest.mark.parametrize("big", [{"t0": ("<f8", 4_000_000)}, {"names": ("|u1", 40_000_000)},
                                 {"p_event": ("<i4", 10_000_000), "p_lane": ("<i4", 10_000_000)}],
                         ids=["events", "names", "placements"])
@pytest.mark.parametrize("expected", [3, None], ids=["count-known", "count-unknown"])
def test_a_compressed_bomb_is_refused_before_it_expands(big: dict[str, tuple[str, int]],
                                                        expected: int | None) -> None:
    blob = _bomb(3, big, level=1)
    expands_to = sum(np.dtype(d).itemsize * n for d, n in big.values())
    assert expands_to > 30 * len(blob)

    def decode() -> None:
        with pytest.raises(ValueError):
            EventColumns.from_bytes(blob, expected_n=expected)

    assert _peak_bytes(decode) < 2_000_000 + len(blob)


def test_the_gigabyte_bomb_is_refused_with_little_memory(gigabyte_bomb: bytes) -> None:
    def decode() -> None:
        with pytest.raises(ValueError, match="MB"):
            EventColumns.from_bytes(gigabyte_bomb, expected_n=2)

    assert _peak_bytes(decode) < 5_000_000


def test_a_zip_that_understates_its_sizes_cannot_expand() -> None:
    """The zip directory says each array is as small as ours while the deflate stream holds 40 MB: reading is
    bounded by the declared size (and the CRC then fails)."""
    lied = _bomb(3, {"t0": ("<f8", 5_000_000)}, level=1, understate=True)
    with zipfile.ZipFile(io.BytesIO(lied)) as z:
        assert z.getinfo("t0.npy").file_size < 1000

    def decode() -> None:
        with pytest.raises(ValueError):
            EventColumns.from_bytes(lied, expected_n=3)

    assert _peak_bytes(decode) < 2_000_000 + len(lied)


def test_deeply_nested_names_are_refused_not_crashed() -> None:
    cols = EventColumns.from_events(_events(1))
    names = ("[" * 200_000 + "]" * 200_000).encode()
    buf = io.BytesIO()
    np.savez(buf, t0=cols.t0, t1=cols.t1, type_code=cols.type_code, precision_code=cols.precision_code,
             status_code=cols.status_code, confidence=cols.confidence, p_event=cols.p_event, p_lane=cols.p_lane,
             names=np.frombuffer(names, dtype=np.uint8))
    with pytest.raises(ValueError):
        EventColumns.from_bytes(buf.getvalue(), expected_n=1)


@pytest.mark.parametrize("t", [np.inf, -1e300, 1e15])
def test_times_outside_the_calendar_are_refused(t: float) -> None:
    """Such a time would make the density pyramid ask for endless bins (or overflow) when the GUI draws it."""
    cols = EventColumns.from_events(_events(2))
    cols.t0 = np.array([0.0, t])
    cols.t1 = np.array([86400.0, np.nan])
    with pytest.raises(ValueError, match="t0"):
        EventColumns.from_bytes(cols.to_bytes(), expected_n=2)


_MEASURE = """
import json, sys, tracemalloc
from pathlib import Path
from timeline_app.core.ingest import open_workspace

def high_water_mb():  # this process's peak RSS (VmHWM is not inherited from the parent, unlike ru_maxrss)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

ws = open_workspace(sys.argv[1])
before = high_water_mb()
tracemalloc.start()
n = ws.event_columns().n
traced = tracemalloc.get_traced_memory()[1] / 1e6
after = high_water_mb()
ws.close()
print(json.dumps({"n": n, "traced_mb": traced, "grew_mb": after - before, "peak_mb": after}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak memory from /proc")
def test_the_timeline_opens_a_workspace_holding_the_bomb_in_little_memory(workspace_file: Path,
                                                                        gigabyte_bomb: bytes) -> None:
    """The GUI path: Workspace.event_columns refuses the blob and rebuilds the arrays from the tables, in a
    fresh process so that its peak memory is its own."""
    db = sqlite3.connect(workspace_file)
    n_events = db.execute("SELECT count(*) FROM events").fetchone()[0]
    db.execute("UPDATE columns SET data=?", (gigabyte_bomb,))
    db.commit()
    db.close()
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(workspace_file)], capture_output=True, text=True,
                         timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"index bomb of {len(gigabyte_bomb) / 1e6:.2f} MB: traced peak {got['traced_mb']:.1f} MB, peak RSS grew "
          f"{got['grew_mb']:.0f} MB (to {got['peak_mb']:.0f} MB)")
    assert got["n"] == n_events > 0  # rebuilt from the tables
    assert got["traced_mb"] < 50 and got["grew_mb"] < 100
