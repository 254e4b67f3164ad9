"""Kill trials: does a ``kill -9`` during extract, merge, edit or import leave the workspace consistent?

What it measures. For each operation it runs N trials (default 20). Each trial copies a base workspace, starts
the operation as a real ``timeline-app`` subprocess (in its own process group) and SIGKILLs the whole group
after a random delay drawn uniformly in [0.02, 1.0] × the operation's normal duration (measured once per run,
see below). Once no process of the group is left running, the bench checks the file itself:

* integrity: ``PRAGMA integrity_check`` is 'ok' and ``PRAGMA foreign_key_check`` finds nothing (the app turns
  foreign keys on), with plain sqlite3 in this process;
* opens: ``timeline-app export WS --output x.json`` exits 0 without a warning; export is a reader, which since
  65d8c60 does not finish a merge a killed ingest left pending but exports the events as last merged, so when a
  merge is pending ("merge pending" column) it must say so (a ``note:``), and then opening the workspace as a
  writing command does (``core.ingest.open_workspace`` in a subprocess) must go cleanly, finish the merge
  (``merge_pending`` '0' afterwards) and a second export must exit 0 without a warning;
* committed lost: everything committed before the trial is still there: documents, their locations, the
  active edits (id, kind, label, payload), the imports with their number of imported events, the evidence
  (document, trigger offset) of every base event, and — where the operation cannot change them — the base
  event ids (all of them for edit and import, all but the two merged ones for merge); and what the killed run
  committed is visible: every stored article's extracted evidence and every imported event is in the export,
  each committed tag/note edit shows on its event (the export made while a merge is pending is only asked
  for what was there before the trial; the one after the merge for everything);
* duplicated: no document id twice, no text stored under two ids, no location path twice (read with
  ``NOT INDEXED``, so a broken unique index would show), no event id twice in the export, no two edits with
  the same created/kind/target/payload, no file imported twice, no tag twice on an event;
* half-done: the killed operation left a state an uninterrupted run could pass through: an import is there
  whole (its reference number of events) or not at all; a user merge is recorded and applied, or neither; the
  edits committed by the loop are a prefix of its commands; extract stored only articles of its folder.

Then the operation is finished (extract and import run again — both are idempotent by design; the edit loop
resumes with the commands not committed yet; the merge runs again if it was not committed) and the end state
must equal that of the uninterrupted run: same documents and locations, same event ids, same tags, notes and
stars, same imported events, same active edits (kind, label, payload); integrity and duplicates are checked
again. A trial counts as "killed mid-run" when the process group was still running at the kill (exit status
-9), "finished first" otherwise; "killed after a commit" counts killed trials in which some of the operation's
work was already committed (extract: some of the new articles; edit: some of the loop's edits; merge/import:
the whole operation).

The base workspace is built once per run in a temporary folder: ``extract seeds/`` (the repo's 5 seed
articles), three edits (a tag, a note, a star) and a small CSV import. The extract operation ingests
``--articles`` (default 40) real Wikinews business articles (from ../shared/data/wikinews-business/, or from
the Wikinews articles in tests/data when that folder is missing); the import operation imports a generated CSV
of ``--rows`` (default 3000) rows (date,company,summary,type); the edit operation is a shell loop of
``--edits`` (default 8) ``timeline-app edit`` commands alternating ``--tag kill-tN`` on one event and
``--note`` on another; merge is ``merge-events WS ID1 ID2`` on two base events.

The app runs from a copy of timeline_app/, resources/ and seeds/ taken when the run starts (the commit and the
number of uncommitted files are printed), so a run tests one version of the code even while the checkout is
being edited. The normal duration is the shorter of two uninterrupted runs (``--reference-runs``; they must
end in the same state), lowered to the time a trial took when it ended before its kill (the machine may be
less busy than during the measurement: other work shares it). The time of the operation's first commit in
the measured run (seen from outside as the WAL file growing or the file changing) is printed too, since a
kill before it can only find the base state; ``--after-first-commit`` draws every delay between that first
commit and the end instead.

Run:  .venv/bin/python bench/kill_trials.py [--trials 20] [--ops extract,merge,edit,import] [--seed 1]
                                             [--after-first-commit] [--workdir DIR] [--json FILE]
      (--articles N, --rows N, --edits N, --articles-from DIR set the size of each operation's input)
Prints a table and exits 1 when any trial broke an invariant (the failing trials' files are kept in the work
folder, and a line per problem says which trial, delay and check), 2 when the setup failed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import os
import random
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT.parent / "shared" / "data" / "wikinews-business"
#: Wikinews articles kept in the repo, used when ../shared/data is not there (a CI checkout)
IN_REPO_NEWS = [ROOT / "tests" / "data" / "meantime-apple", ROOT / "tests" / "data" / "wikinews-heldout"]
OPS = ("extract", "merge", "edit", "import")
CATEGORIES = ("integrity", "opens", "lost", "duplicated", "half-done", "end-state")
CSV_COMPANIES = ["Acme Corp", "Globex", "Initech", "Umbrella Holdings", "Stark Industries", "Wayne Enterprises",
                 "Hooli", "Vandelay Industries", "Soylent", "Tyrell Corporation"]
CSV_TYPES = ["meeting", "supply", "partnership", "investment", "launch", "financial", "appointment", "plan", "other"]


class SetupError(RuntimeError):
    """The bench could not prepare its inputs (not a finding about the app)."""


# -- running the app -------------------------------------------------------------------------------------------
def app(*args: str) -> list[str]:
    return [sys.executable, "-m", "timeline_app", *args]


#: where the app's code is run from: a snapshot of the checkout taken when the run starts (see ``snapshot``)
CODE: list[Path] = [ROOT]


def snapshot(work: Path) -> str:
    """Copy the app's code (and the data it reads) into the work folder and run it from there, so that every
    trial of a run tests the same code even while the checkout is being edited; says which code it is."""
    code = work / "code"
    for sub in ("timeline_app", "resources", "seeds"):
        shutil.copytree(ROOT / sub, code / sub)  # with __pycache__ (copy2 keeps the mtimes it checks)
    CODE[0] = code
    git = lambda *args: subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "timeline_app", "resources", "seeds")
    return f"{head}" + (f" + {len(dirty.splitlines())} uncommitted file(s)" if dirty else "")


def app_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(CODE[0]) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def run_app(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(app(*args), cwd=cwd, env=app_env(), capture_output=True, text=True)


def must(proc: subprocess.CompletedProcess[str], what: str) -> None:
    if proc.returncode != 0:
        raise SetupError(f"{what} failed (exit {proc.returncode}): {proc.stderr.strip()[-800:]}")


def launch(cmds: list[list[str]], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    """Start the commands (one process, or a `sh -c 'a && b && …'` loop) in a new process group."""
    argv = cmds[0] if len(cmds) == 1 else ["sh", "-c", " && ".join(shlex.join(c) for c in cmds)]
    with open(log, "wb") as err:
        return subprocess.Popen(argv, cwd=cwd, env=app_env(), stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)


def group_running(pgid: int) -> bool:
    """Whether a process of group ``pgid`` still runs (zombies do not: they cannot write any more)."""
    proc = Path("/proc")
    if proc.is_dir():
        for p in proc.iterdir():
            if not p.name.isdigit():
                continue
            try:
                stat = (p / "stat").read_text()
            except OSError:
                continue
            rest = stat[stat.rfind(")") + 2:].split()
            if len(rest) > 2 and int(rest[2]) == pgid and rest[0] not in ("Z", "X"):
                return True
        return False
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def kill_after(proc: subprocess.Popen[bytes], delay: float) -> tuple[int, float | None]:
    """SIGKILL the process group ``delay`` s after it started (unless it ended); wait until none of it runs.
    Returns the group leader's exit status (-9: killed mid-run) and, when it ended first, after how long."""
    t = time.perf_counter()
    ended: float | None = None
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=delay)
        ended = time.perf_counter() - t
    with contextlib.suppress(ProcessLookupError):  # the group is gone already
        os.killpg(proc.pid, signal.SIGKILL)
    rc = proc.wait()
    deadline = time.monotonic() + 30
    while group_running(proc.pid):
        if time.monotonic() > deadline:
            raise SetupError(f"process group {proc.pid} still runs 30 s after SIGKILL")
        time.sleep(0.01)
    return rc, ended


# -- reading a workspace ---------------------------------------------------------------------------------------
@dataclass
class Raw:
    """A workspace as read with plain sqlite3 (never while an app process could run)."""

    integrity: list[str]
    fk_problems: int
    docs: dict[str, tuple[str, str]]  # id → (sha1 of text, extractor)
    doc_id_rows: list[str]
    locations: dict[str, str]  # path → doc id
    location_rows: list[str]
    edits: list[tuple[int, str, str, str, str, str, int]]  # id, created, kind, label, target, payload, reverted
    imports: list[tuple[int, str, int]]  # id, origin, events column
    imported: dict[int, list[str]]  # import id → its event ids
    doc_anchors: set[tuple[str, int]]  # (document, trigger_start) of every extracted per-article event
    merge_pending: str | None

    def active_edits(self) -> list[tuple[int, str, str, str, str, str, int]]:
        return [e for e in self.edits if not e[6]]


def read_raw(path: Path) -> Raw:
    db = sqlite3.connect(f"file:{path}?mode=rw", uri=True)  # never creates a file
    try:
        integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
        fk = len(db.execute("PRAGMA foreign_key_check").fetchall())
        docs: dict[str, tuple[str, str]] = {}
        anchors: set[tuple[str, int]] = set()
        for did, text, extractor, result in db.execute("SELECT id, text, extractor, result FROM documents"):
            docs[did] = (hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(), extractor or "")
            if extractor != "import":
                for ev in json.loads(result or "{}").get("events", []):
                    anchors.update((s["document"], s["trigger_start"]) for s in ev.get("sources", []))
        doc_rows = [r[0] for r in db.execute("SELECT id FROM documents NOT INDEXED")]
        loc_rows: list[tuple[str, str]] = [(r[0], r[1]) for r in db.execute(
            "SELECT path, doc_id FROM locations NOT INDEXED")]
        edits: list[tuple[int, str, str, str, str, str, int]] = [
            (r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in db.execute(
                "SELECT id, created, kind, label, target, payload, reverted FROM edits ORDER BY id")]
        imports: list[tuple[int, str, int]] = [(r[0], r[1], r[2]) for r in db.execute(
            "SELECT id, origin, events FROM imports ORDER BY id")]
        imported: dict[int, list[str]] = {}
        for imp, eid in db.execute("SELECT import_id, event_id FROM imported_events ORDER BY rowid"):
            imported.setdefault(imp, []).append(eid)
        row = db.execute("SELECT value FROM meta WHERE key='merge_pending'").fetchone()
    finally:
        db.close()
    return Raw(integrity, fk, docs, doc_rows, dict(loc_rows), [p for p, _ in loc_rows], edits, imports, imported,
               anchors, row[0] if row else None)


@dataclass
class Exported:
    """A workspace's events as ``timeline-app export`` wrote them (timeline-app/1 JSON)."""

    ids: list[str]
    events: dict[str, dict[str, Any]]

    @property
    def anchors(self) -> set[tuple[str, int]]:
        return {(s["document"], s["trigger_start"]) for e in self.events.values() for s in e["sources"]}

    def annotations(self) -> dict[str, tuple[tuple[str, ...], str, bool]]:
        return {i: (tuple(e.get("tags") or ()), e.get("notes") or "", bool(e.get("starred")))
                for i, e in self.events.items() if e.get("tags") or e.get("notes") or e.get("starred")}


def export(ws: Path, out: Path) -> tuple[Exported | None, str, bool]:
    """Export the workspace: (the events or None, "" when it opened cleanly or else why not, whether export said
    a note — since 65d8c60 a reader (export, report) does not finish a pending merge, it exports the events as
    last merged and says so in a ``note:`` line)."""
    proc = run_app("export", str(ws), "--output", str(out), cwd=out.parent)
    noted = any(": note:" in ln for ln in proc.stderr.splitlines())
    if proc.returncode != 0:
        return None, f"export exited {proc.returncode}: {proc.stderr.strip()[-500:]}", noted
    data = json.loads(out.read_text(encoding="utf-8"))
    evs = data["events"]
    got = Exported([e["id"] for e in evs], {e["id"]: e for e in evs})
    warn = [ln for ln in proc.stderr.splitlines() if "warning:" in ln]
    return got, ("; ".join(warn) if warn else ""), noted


REOPEN = ("import sys\nfrom timeline_app.core.ingest import open_workspace\nws = open_workspace(sys.argv[1])\n"
          "print(*ws.warnings, sep='\\n', file=sys.stderr)\nws.close()")


def reopen(ws: Path) -> str:
    """Open the workspace as every writing command does (``core.ingest.open_workspace``: damaged rows put aside,
    a pending merge finished); "" when that went cleanly (exit 0, no warning), else why not."""
    proc = subprocess.run([sys.executable, "-c", REOPEN, str(ws)], cwd=ws.parent, env=app_env(),
                          capture_output=True, text=True)
    if proc.returncode != 0 or proc.stderr.strip():
        return f"open_workspace (exit {proc.returncode}): {proc.stderr.strip()[-500:]}"
    return ""


# -- the operations --------------------------------------------------------------------------------------------
@dataclass
class Setup:
    """The run's inputs, shared by every trial (same paths, so locations and import origins compare)."""

    work: Path
    base: Path
    base_raw: Raw
    base_export: Exported
    articles: Path
    n_articles: int
    csv_file: Path
    merge_ids: tuple[str, str]
    tag_event: str
    note_event: str
    n_edits: int


@dataclass
class Reference:
    """The uninterrupted run of one operation."""

    seconds: float
    raw: Raw
    export: Exported
    first_commit: float | None  # seconds from the start to the first commit, seen as the WAL growing
    duration: float = 0.0  # the delays are drawn from this: the shortest run seen so far (trials that ended first)

    def __post_init__(self) -> None:
        self.duration = self.duration or self.seconds


class Op:
    """One operation under test: its commands, how to finish it after a kill, and its own checks."""

    name = ""

    def __init__(self, s: Setup):
        self.s = s

    def commands(self, ws: Path) -> list[list[str]]:
        raise NotImplementedError

    def remaining(self, ws: Path, raw: Raw) -> list[list[str]]:
        """The commands that finish the operation from the state ``raw`` a kill left."""
        return self.commands(ws)

    def kept_event_ids(self) -> set[str]:
        """Base event ids this operation cannot change."""
        return set()

    def progress(self, raw: Raw, ref: Reference) -> float:
        """How much of the operation's work ``raw`` holds (0: none, 1: all)."""
        raise NotImplementedError

    def half_done(self, raw: Raw, exp: Exported, ref: Reference) -> list[str]:
        return []

    def committed_visible(self, raw: Raw, exp: Exported) -> list[str]:
        return []

    def new_edits(self, raw: Raw) -> list[tuple[int, str, str, str, str, str, int]]:
        top = max((e[0] for e in self.s.base_raw.edits), default=0)
        return [e for e in raw.active_edits() if e[0] > top]


class Extract(Op):
    name = "extract"

    def commands(self, ws: Path) -> list[list[str]]:
        return [app("extract", str(self.s.articles), "--workspace", str(ws), "-q")]

    def new_docs(self, raw: Raw) -> set[str]:
        return set(raw.docs) - set(self.s.base_raw.docs)

    def progress(self, raw: Raw, ref: Reference) -> float:
        return len(self.new_docs(raw)) / max(1, len(self.new_docs(ref.raw)))

    def half_done(self, raw: Raw, exp: Exported, ref: Reference) -> list[str]:
        stray = self.new_docs(raw) - self.new_docs(ref.raw)
        out = [f"{len(stray)} stored document(s) the uninterrupted run does not have"] if stray else []
        new_locs = {p: d for p, d in raw.locations.items() if p not in self.s.base_raw.locations}
        wrong = {p for p, d in new_locs.items() if ref.raw.locations.get(p) != d}
        if wrong:
            out.append(f"{len(wrong)} new location(s) not as in the uninterrupted run, e.g. {sorted(wrong)[0]}")
        orphan = {d for d in self.new_docs(raw) if d not in raw.locations.values()}
        if orphan:
            out.append(f"{len(orphan)} new document(s) without a location")
        return out


class Merge(Op):
    name = "merge"

    def commands(self, ws: Path) -> list[list[str]]:
        return [app("merge-events", str(ws), *self.s.merge_ids)]

    def remaining(self, ws: Path, raw: Raw) -> list[list[str]]:
        return [] if self.new_edits(raw) else self.commands(ws)

    def kept_event_ids(self) -> set[str]:
        return set(self.s.base_export.ids) - set(self.s.merge_ids)

    def progress(self, raw: Raw, ref: Reference) -> float:
        return float(bool(self.new_edits(raw)))

    def half_done(self, raw: Raw, exp: Exported, ref: Reference) -> list[str]:
        new = self.new_edits(raw)
        if len(new) > 1 or any(e[2] != "event.merge" for e in new):
            return [f"{len(new)} new edit(s) after one merge-events: {[e[3] for e in new]}"]
        present = [i for i in self.s.merge_ids if i in exp.events]
        merged = set(ref.export.ids) - set(self.s.base_export.ids)
        if new and (present or not merged <= set(exp.ids)):
            return [f"merge recorded but not applied (still there: {present}; merged event present: "
                    f"{merged <= set(exp.ids)})"]
        if not new and len(present) != 2:
            return [f"no merge recorded, but only {present} of {list(self.s.merge_ids)} are in the export"]
        return []


class Edit(Op):
    name = "edit"

    def steps(self, ws: Path) -> list[tuple[list[str], str, Any]]:
        """(command, field, value) of each edit in the loop."""
        out: list[tuple[list[str], str, Any]] = []
        for i in range(1, self.s.n_edits + 1):
            if i % 2:
                tag = f"kill-t{i}"
                out.append((app("edit", str(ws), self.s.tag_event, "--tag", tag), "tags", tag))
            else:
                note = f"kill-trial note {i}"
                out.append((app("edit", str(ws), self.s.note_event, "--note", note), "notes", note))
        return out

    def commands(self, ws: Path) -> list[list[str]]:
        return [c for c, _, _ in self.steps(ws)]

    def committed(self, raw: Raw) -> int:
        return len(self.new_edits(raw))

    def remaining(self, ws: Path, raw: Raw) -> list[list[str]]:
        return self.commands(ws)[self.committed(raw):]

    def kept_event_ids(self) -> set[str]:
        return set(self.s.base_export.ids)

    def progress(self, raw: Raw, ref: Reference) -> float:
        return self.committed(raw) / self.s.n_edits

    def half_done(self, raw: Raw, exp: Exported, ref: Reference) -> list[str]:
        new = self.new_edits(raw)
        steps = self.steps(Path("ws"))
        if len(new) > len(steps):
            return [f"{len(new)} new edits from a loop of {len(steps)}"]
        for k, (e, (_, fld, val)) in enumerate(zip(new, steps, strict=False)):
            payload = json.loads(e[5])
            ok = (payload.get("tags") or [None])[-1] == val if fld == "tags" else payload == {"notes": val}
            if e[2] != "event.set" or not ok:
                return [f"new edit #{k + 1} ({e[3]!r}, {payload}) is not command #{k + 1} (--{fld[:-1]} {val})"]
        return []

    def committed_visible(self, raw: Raw, exp: Exported) -> list[str]:
        m = self.committed(raw)
        steps = self.steps(Path("ws"))[:m]
        base = self.s.base_export.events
        want_tags = list(base[self.s.tag_event].get("tags") or []) + [v for _, f, v in steps if f == "tags"]
        notes = [v for _, f, v in steps if f == "notes"]
        want_note = notes[-1] if notes else (base[self.s.note_event].get("notes") or "")
        out = []
        got_tags = (exp.events.get(self.s.tag_event) or {}).get("tags")
        if got_tags != want_tags:
            out.append(f"{m} edit(s) committed, tags of {self.s.tag_event} should be {want_tags}, export: {got_tags}")
        got_note = (exp.events.get(self.s.note_event) or {}).get("notes")
        if got_note != want_note:
            out.append(f"{m} edit(s) committed, note of {self.s.note_event} should be {want_note!r}, "
                       f"export: {got_note!r}")
        return out


class Import(Op):
    name = "import"

    def commands(self, ws: Path) -> list[list[str]]:
        return [app("import", str(self.s.csv_file), "--workspace", str(ws), "-q")]

    def mine(self, raw: Raw) -> list[tuple[int, str, int]]:
        return [i for i in raw.imports if i[1] == str(self.s.csv_file)]

    def kept_event_ids(self) -> set[str]:
        return set(self.s.base_export.ids)

    def progress(self, raw: Raw, ref: Reference) -> float:
        return float(bool(self.mine(raw)))

    def half_done(self, raw: Raw, exp: Exported, ref: Reference) -> list[str]:
        want = sum(len(ref.raw.imported.get(m[0], [])) for m in self.mine(ref.raw))
        mine = self.mine(raw)
        got = [len(raw.imported.get(m[0], [])) for m in mine]
        new_docs = set(raw.docs) - set(self.s.base_raw.docs)
        if not mine and new_docs:
            return [f"no import recorded, but {len(new_docs)} new document(s) stored"]
        if any(g != want for g in got):
            return [f"import(s) recorded with {got} imported event(s), the uninterrupted run has {want}"]
        if mine and new_docs != set(ref.raw.docs) - set(self.s.base_raw.docs):
            return ["import recorded, but its provenance documents differ from the uninterrupted run"]
        return []


OP_CLASSES: dict[str, Callable[[Setup], Op]] = {"extract": Extract, "merge": Merge, "edit": Edit, "import": Import}


# -- the checks ------------------------------------------------------------------------------------------------
def check_integrity(raw: Raw) -> list[str]:
    out = [] if raw.integrity == ["ok"] else [f"integrity_check: {raw.integrity[:3]}"]
    if raw.fk_problems:
        out.append(f"foreign_key_check: {raw.fk_problems} row(s)")
    return out


def dups(items: list[Any]) -> list[Any]:
    return [k for k, n in Counter(items).items() if n > 1]


def check_duplicates(raw: Raw, exp: Exported | None) -> list[str]:
    out = []
    for what, items in (("document id", raw.doc_id_rows), ("location path", raw.location_rows),
                        ("document text (under two ids)", [h for h, _ in raw.docs.values()]),
                        ("edit (created, kind, target, payload)", [e[1:3] + e[4:6] for e in raw.edits]),
                        ("import of one file", [i[1] for i in raw.imports]),
                        ("event id in the export", exp.ids if exp else [])):
        d = dups(items)
        if d:
            out.append(f"{len(d)} duplicated {what}(s), e.g. {str(d[0])[:120]}")
    if exp:
        for eid, ev in exp.events.items():
            if dups(list(ev.get("tags") or [])):
                out.append(f"event {eid} has a tag twice: {ev['tags']}")
    return out


def check_lost(op: Op, raw: Raw, exp: Exported | None, committed: bool = True) -> list[str]:
    """What was committed before the trial is still there; with ``committed``, also what the killed run committed
    is in the export (not asked of an export made while a merge is pending: it shows the events as last
    merged)."""
    b = op.s.base_raw
    out = []
    gone = set(b.docs) - set(raw.docs)
    if gone:
        out.append(f"{len(gone)} base document(s) lost")
    moved = {p for p, d in b.locations.items() if raw.locations.get(p) != d}
    if moved:
        out.append(f"{len(moved)} base location(s) lost or changed, e.g. {sorted(moved)[0]}")
    active = {(e[0], e[2], e[3], e[5]) for e in raw.active_edits()}
    lost_edits = [e for e in b.active_edits() if (e[0], e[2], e[3], e[5]) not in active]
    if lost_edits:
        out.append(f"{len(lost_edits)} base edit(s) lost or reverted: {[e[3] for e in lost_edits]}")
    now_imports = {i[0]: i for i in raw.imports}
    for imp in b.imports:
        if now_imports.get(imp[0]) != imp or raw.imported.get(imp[0]) != b.imported.get(imp[0]):
            out.append(f"base import {imp[0]} ({Path(imp[1]).name}) lost or changed")
    if exp is None:
        return out
    ids = set(exp.ids)
    missing = op.kept_event_ids() - ids
    if missing:
        out.append(f"{len(missing)} base event(s) gone from the export, e.g. {sorted(missing)[0]}")
    anchors = exp.anchors
    lost_ev = op.s.base_export.anchors - anchors
    if lost_ev:
        out.append(f"{len(lost_ev)} base event source(s) gone from the export")
    base_imported = {e for evs in b.imported.values() for e in evs} - ids
    if base_imported:
        out.append(f"{len(base_imported)} event(s) of the base import(s) gone from the export")
    if not committed:
        return out
    unshown = raw.doc_anchors - anchors
    if unshown:
        out.append(f"{len(unshown)} stored article event(s) not in the export (e.g. {sorted(unshown)[0]})")
    imp_missing = {e for evs in raw.imported.values() for e in evs} - ids
    if imp_missing:
        out.append(f"{len(imp_missing)} imported event(s) not in the export")
    return out + op.committed_visible(raw, exp)


def end_state(raw: Raw, exp: Exported) -> dict[str, Any]:
    return {"documents": sorted(raw.docs), "locations": raw.locations, "event ids": sorted(exp.ids),
            "tags/notes/stars": exp.annotations(),
            "imported events": sorted((o, len(raw.imported.get(i, []))) for i, o, _ in raw.imports),
            "active edits": [(e[2], e[3], e[5]) for e in raw.active_edits()]}


def compare_end(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    out = []
    for k, w in want.items():
        g = got[k]
        if g != w:
            if isinstance(w, list) and isinstance(g, list):
                out.append(f"{k}: {len(g)} vs {len(w)} in the uninterrupted run "
                           f"(extra {[x for x in g if x not in w][:2]}, missing {[x for x in w if x not in g][:2]})")
            else:
                out.append(f"{k} differ from the uninterrupted run")
    return out


# -- trials ----------------------------------------------------------------------------------------------------
@dataclass
class Trial:
    op: str
    n: int
    delay: float
    killed: bool = False
    pending: bool = False  # a merge was pending when the workspace was first opened after the kill
    ended: float | None = None  # seconds after which the operation ended by itself (before the kill)
    progress: float = 0.0
    problems: dict[str, list[str]] = field(default_factory=dict)

    def bad(self) -> bool:
        return any(self.problems.values())


def fresh_copy(s: Setup, name: str) -> tuple[Path, Path]:
    d = s.work / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    ws = d / "ws.timeline"
    shutil.copyfile(s.base, ws)
    return d, ws


def timed_run(op: Op, name: str) -> tuple[Path, Path, float, float | None]:
    """Run the operation uninterrupted on a fresh copy: (folder, workspace, seconds, seconds to its first
    commit). The first commit is seen from outside (the file is never opened here): the WAL file growing, or
    the workspace file changing (a process that closes its connection folds the WAL into it and deletes it)."""
    d, ws = fresh_copy(op.s, name)
    wal = Path(f"{ws}-wal")
    before = ws.stat()
    t = time.perf_counter()
    proc = launch(op.commands(ws), d, d / "op.err")
    first: float | None = None
    while proc.poll() is None:
        if first is None:
            with contextlib.suppress(OSError):  # the WAL may vanish between the two calls
                now = ws.stat()
                if (wal.exists() and wal.stat().st_size > 0) or (now.st_mtime_ns, now.st_size) != (
                        before.st_mtime_ns, before.st_size):
                    first = time.perf_counter() - t
        time.sleep(0.005)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise SetupError(f"the uninterrupted {op.name} failed (exit {proc.returncode}): "
                         f"{(d / 'op.err').read_text()[-800:]}")
    return d, ws, seconds, first


def run_reference(op: Op, n_runs: int = 2) -> Reference:
    """``n_runs`` uninterrupted runs: the shortest is the normal duration (the first also warms the disk cache),
    and all must end in the same state (otherwise comparing a finished trial with it would mean nothing)."""
    runs: list[Reference] = []
    for k in range(1, n_runs + 1):
        d, ws, seconds, first = timed_run(op, f"reference-{op.name}-{k}")
        exp, why, _ = export(ws, d / "export.json")
        if exp is None or why:
            raise SetupError(f"the uninterrupted {op.name} left a workspace that does not export cleanly: {why}")
        raw = read_raw(ws)
        problems = check_integrity(raw) + check_duplicates(raw, exp)
        if problems:
            raise SetupError(f"the uninterrupted {op.name} already breaks an invariant: {problems}")
        runs.append(Reference(seconds, raw, exp, first))
    for other in runs[1:]:
        differ = compare_end(end_state(other.raw, other.export), end_state(runs[0].raw, runs[0].export))
        if differ:
            raise SetupError(f"two uninterrupted {op.name} runs end differently: {differ}")
    best = min(runs, key=lambda r: r.seconds)
    return best


def run_trial(op: Op, ref: Reference, n: int, delay: float) -> Trial:
    tr = Trial(op.name, n, delay, problems={c: [] for c in CATEGORIES})
    d, ws = fresh_copy(op.s, f"{op.name}-{n:03d}")
    rc, tr.ended = kill_after(launch(op.commands(ws), d, d / "op.err"), delay)
    tr.killed = rc == -signal.SIGKILL
    if rc not in (0, -signal.SIGKILL):
        tr.problems["end-state"].append(f"the operation failed by itself (exit {rc}) before the kill: "
                                        f"{(d / 'op.err').read_text()[-300:]}")
    # 1. the file as the kill left it (no app process runs any more)
    raw = read_raw(ws)
    tr.problems["integrity"] += check_integrity(raw)
    tr.progress = op.progress(raw, ref)
    tr.problems["lost"] += [f"before opening: {p}" for p in check_lost(op, raw, None)]
    # 2. a reader (export) opens it at once; with a merge pending it exports the events as last merged and says so
    exp, why, noted = export(ws, d / "after-kill.json")
    if why:
        tr.problems["opens"].append(f"export after the kill: {why}")
    raw1 = read_raw(ws)
    tr.pending = raw1.merge_pending == "1"
    if exp is not None and tr.pending and not noted:
        tr.problems["opens"].append("export showed the events as last merged without saying a merge is pending")
    tr.problems["lost"] += [f"export while pending: {p}" for p in check_lost(op, raw1, exp, not tr.pending)]
    tr.problems["duplicated"] += [f"export while pending: {p}" for p in check_duplicates(raw1, exp)]
    # 3. it opens as a writing command opens it (a pending merge is finished), and then shows everything
    why = reopen(ws)
    if why:
        tr.problems["opens"].append(why)
    raw2 = read_raw(ws)
    tr.problems["integrity"] += [f"after opening: {p}" for p in check_integrity(raw2)]
    if raw2.merge_pending not in (None, "0"):
        tr.problems["opens"].append(f"merge still pending after opening (merge_pending={raw2.merge_pending})")
    if tr.pending:  # (otherwise the open had nothing to do, it said nothing: the first export stands)
        exp, why, _ = export(ws, d / "after-open.json")
        if why:
            tr.problems["opens"].append(f"export after opening: {why}")
    tr.problems["lost"] += check_lost(op, raw2, exp)
    tr.problems["duplicated"] += check_duplicates(raw2, exp)
    if exp is not None:
        tr.problems["half-done"] += op.half_done(raw2, exp, ref)
    # 4. finish the operation; the end state must be the uninterrupted run's
    rest = op.remaining(ws, raw2)
    if rest:
        proc = launch(rest, d, d / "finish.err")
        if proc.wait() != 0:
            tr.problems["end-state"].append(f"finishing failed (exit {proc.returncode}): "
                                            f"{(d / 'finish.err').read_text()[-300:]}")
    end_exp, why, _ = export(ws, d / "end.json")
    end_raw = read_raw(ws)
    tr.problems["integrity"] += [f"after finishing: {p}" for p in check_integrity(end_raw)]
    tr.problems["duplicated"] += [f"after finishing: {p}" for p in check_duplicates(end_raw, end_exp)]
    if end_exp is None or why:
        tr.problems["opens"].append(f"after finishing: {why}")
    else:
        tr.problems["end-state"] += compare_end(end_state(end_raw, end_exp), end_state(ref.raw, ref.export))
    if not tr.bad():
        shutil.rmtree(d)
    return tr


# -- the base workspace ----------------------------------------------------------------------------------------
def write_csv(path: Path, rows: int, rng: random.Random, tag: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["date", "company", "summary", "type"])
        for i in range(rows):
            c, t = rng.choice(CSV_COMPANIES), rng.choice(CSV_TYPES)
            day = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            w.writerow([day, c, f"{c}: {t} ({tag} row {i})", t])


def build_setup(work: Path, rng: random.Random, n_articles: int, rows: int, n_edits: int,
                articles_from: list[Path]) -> Setup:
    base = work / "base" / "base.timeline"
    base.parent.mkdir(parents=True)
    must(run_app("extract", str(CODE[0] / "seeds"), "--workspace", str(base), "-q", cwd=base.parent), "extract seeds")
    exp, why, _ = export(base, base.parent / "seeds.json")
    if exp is None:
        raise SetupError(f"export of the base failed: {why}")
    extracted = [i for i in exp.ids if exp.events[i]["sources"]]
    if len(extracted) < 7:
        raise SetupError(f"the seeds gave only {len(extracted)} events")
    picked = rng.sample(extracted, 7)
    must(run_app("edit", str(base), picked[0], "--tag", "base-tag", cwd=base.parent), "base edit (tag)")
    must(run_app("edit", str(base), picked[1], "--note", "base note", cwd=base.parent), "base edit (note)")
    must(run_app("edit", str(base), picked[2], "--star", cwd=base.parent), "base edit (star)")
    small = work / "base" / "base-rows.csv"
    write_csv(small, 25, rng, "base")
    must(run_app("import", str(small), "--workspace", str(base), "-q", cwd=base.parent), "base import")
    db = sqlite3.connect(base)  # fold the WAL into the file: each trial copies one file
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    if Path(f"{base}-wal").exists() and Path(f"{base}-wal").stat().st_size:
        raise SetupError("the base workspace still has a WAL after the checkpoint")
    base_exp, why, _ = export(base, base.parent / "base.json")
    if base_exp is None or why:
        raise SetupError(f"the base workspace does not export cleanly: {why}")
    base_raw = read_raw(base)
    problems = check_integrity(base_raw) + check_duplicates(base_raw, base_exp)
    if problems:
        raise SetupError(f"the base workspace already breaks an invariant: {problems}")
    # the extract operation's articles: real news, none of them in the base
    pool = sorted(p for folder in articles_from for p in folder.glob("*.txt"))
    if len(pool) < n_articles or len({p.name for p in pool}) != len(pool):
        raise SetupError(f"need {n_articles} articles (*.txt, distinct names) in {', '.join(map(str, articles_from))}"
                         f", found {len(pool)}")
    articles = work / "articles"
    articles.mkdir()
    for p in rng.sample(pool, n_articles):
        shutil.copyfile(p, articles / p.name)
    csv_file = work / "import-rows.csv"
    write_csv(csv_file, rows, rng, "op")
    return Setup(work, base, base_raw, base_exp, articles, n_articles, csv_file, (picked[3], picked[4]),
                 picked[5], picked[6], n_edits)


# -- report ----------------------------------------------------------------------------------------------------
HEADERS = ("operation", "trials", "killed mid-run", "finished first", "killed after a commit", "merge pending",
           "integrity ok", "opens ok", "committed-lost", "duplicated", "half-done", "end ≠ uninterrupted")


def table(results: dict[str, list[Trial]], refs: dict[str, Reference]) -> str:
    rows = []
    for op, trials in results.items():
        ok = lambda c, ts=trials: sum(1 for t in ts if not t.problems[c])
        bad = lambda c, ts=trials: sum(1 for t in ts if t.problems[c])
        rows.append((op, len(trials), sum(t.killed for t in trials), sum(not t.killed for t in trials),
                     sum(t.killed and t.progress > 0 for t in trials), sum(t.pending for t in trials),
                     ok("integrity"), ok("opens"), bad("lost"),
                     bad("duplicated"), bad("half-done"), bad("end-state")))
    widths = [max(len(h), *(len(str(r[i])) for r in rows)) for i, h in enumerate(HEADERS)]
    line = lambda cells: "  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                                   for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    out = [line(HEADERS), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append("")
    for op, trials in results.items():
        ref = refs[op]
        delays = sorted(t.delay for t in trials)
        partial = [t.progress for t in trials if t.killed and 0 < t.progress < 1]
        first = f"{ref.first_commit:.2f} s" if ref.first_commit is not None else "not seen"
        shortest = f" (shortest seen {ref.duration:.2f} s)" if ref.duration < ref.seconds else ""
        out.append(f"{op}: uninterrupted {ref.seconds:.2f} s{shortest}, first commit at {first}; kill delays "
                   f"{delays[0]:.2f}–{delays[-1]:.2f} s; killed with part (not all) of the work saved: {len(partial)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--trials", type=int, default=20, help="trials per operation (default 20)")
    p.add_argument("--ops", default=",".join(OPS), help=f"comma-separated, from {','.join(OPS)} (default: all)")
    p.add_argument("--seed", type=int, default=1, help="random seed: kill delays, articles, events (default 1)")
    p.add_argument("--articles", type=int, default=40, help="new articles the extract operation ingests")
    p.add_argument("--articles-from", type=Path, action="append", metavar="DIR",
                   help="a folder of *.txt articles to pick from (repeatable; default: "
                        "../shared/data/wikinews-business, or without it the Wikinews articles in tests/data)")
    p.add_argument("--rows", type=int, default=3000, help="rows of the imported CSV")
    p.add_argument("--edits", type=int, default=8, help="edit commands in the edit loop")
    p.add_argument("--reference-runs", type=int, default=2, metavar="N",
                   help="uninterrupted runs per operation: the shortest is its duration, all must end alike (2)")
    p.add_argument("--after-first-commit", action="store_true",
                   help="draw the kill delay in [first commit, 1.0] × the duration instead of [0.02, 1.0] × it "
                        "(every kill lands while the operation writes or after)")
    p.add_argument("--workdir", type=Path, help="keep every file here (default: a temporary folder, kept only "
                                                "when a trial fails)")
    p.add_argument("--json", type=Path, help="also write the per-trial results to this JSON file")
    a = p.parse_args(argv)
    ops = [o.strip() for o in a.ops.split(",") if o.strip()]
    unknown = [o for o in ops if o not in OPS]
    if unknown or not ops or a.trials < 1 or a.reference_runs < 1:
        p.error(f"unknown operation(s) {unknown}; choose from {', '.join(OPS)}" if unknown
                else "give at least one operation, one trial and one reference run")
    rng = random.Random(a.seed)
    work = a.workdir or Path(tempfile.mkdtemp(prefix="kill-trials-"))
    work.mkdir(parents=True, exist_ok=True)
    if any(work.iterdir()):
        p.error(f"--workdir {work} is not empty")
    t0 = time.perf_counter()
    results: dict[str, list[Trial]] = {}
    refs: dict[str, Reference] = {}
    setup_error = ""
    try:
        print(f"code under test: {snapshot(work)} (copied to {CODE[0]})", file=sys.stderr)
        news = a.articles_from or ([WIKINEWS] if WIKINEWS.is_dir() else IN_REPO_NEWS)
        s = build_setup(work, rng, a.articles, a.rows, a.edits, news)
        print(f"base: {len(s.base_raw.docs)} documents, {len(s.base_export.ids)} events, "
              f"{len(s.base_raw.edits)} edits, {len(s.base_raw.imports)} import(s); work folder {work}",
              file=sys.stderr)
        for name in ops:
            op = OP_CLASSES[name](s)
            ref = refs[name] = run_reference(op, a.reference_runs)
            print(f"{name}: uninterrupted run {ref.seconds:.2f} s", file=sys.stderr)
            results[name] = []
            for n in range(a.trials):
                # the first commit comes at the same fraction of a run when the machine is less busy
                lo = (ref.first_commit / ref.seconds if a.after_first_commit and ref.first_commit else 0.02) \
                    * ref.duration
                delay = rng.uniform(min(lo, ref.duration), ref.duration)
                tr = run_trial(op, ref, n, delay)
                results[name].append(tr)
                if tr.ended is not None and not tr.bad():  # a quicker uninterrupted run: the machine is less busy
                    ref.duration = min(ref.duration, tr.ended)
                print(f"  {name} #{n}: kill at {delay:.2f} s, {'killed' if tr.killed else 'finished first'}, "
                      f"work saved {tr.progress:.0%}{'  PROBLEMS' if tr.bad() else ''}", file=sys.stderr)
    except SetupError as e:
        setup_error = f"kill_trials: setup failed: {e} (files in {work})"
        print(setup_error, file=sys.stderr)
    wall = time.perf_counter() - t0
    results = {k: v for k, v in results.items() if v}
    if results:
        print(table(results, refs))
    failed = [t for trials in results.values() for t in trials if t.bad()]
    for t in failed:
        for cat, probs in t.problems.items():
            for pr in probs:
                print(f"VIOLATION {t.op} trial #{t.n} (seed {a.seed}, kill at {t.delay:.3f} s, "
                      f"{'killed' if t.killed else 'finished'}) [{cat}]: {pr}")
    print(f"\n{sum(len(v) for v in results.values())} trials, {len(failed)} broke an invariant; wall time {wall:.0f} s")
    if a.json:
        a.json.write_text(json.dumps({"seed": a.seed, "wall_seconds": wall,
                                      "reference_seconds": {k: r.seconds for k, r in refs.items()},
                                      "first_commit_seconds": {k: r.first_commit for k, r in refs.items()},
                                      "trials": [t.__dict__ for v in results.values() for t in v]}, indent=1))
    if failed or setup_error:
        print(f"failing trials' files kept in {work}" if failed else setup_error)
    elif a.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 2 if setup_error else 0


if __name__ == "__main__":
    sys.exit(main())
