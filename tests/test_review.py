"""The review queue (issue 22): order, accept / reject / clear as undoable edits that survive re-extraction,
progress, filters, bulk curation as one edit, the review field in exports and imports, schema 11, and the CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.core import curate, review
from timeline_app.core.formats.contract import to_contract
from timeline_app.core.formats.contract_import import read_contract
from timeline_app.core.ingest import ingest, open_workspace
from timeline_app.core.store.schema import MIGRATIONS, SCHEMA_VERSION
from timeline_app.core.store.workspace import Workspace

A = ("Global Wire 2024-05-02\nSamsung Electronics said on Tuesday it signed a supply contract with "
     "Tesla to deliver chips worth $2 billion. The deal was signed in Seoul.\n")
B = ("Daily Business 2024-05-10\nApple announced a partnership with OpenAI on Monday to bring chat features to the "
     "iPhone. Separately, Sony Group said it will invest $500 million in Kadokawa next year.\n")
C = ("Market Times 2024-06-03\nNvidia said on Monday it will acquire Run:ai for $700 million. Intel launched "
     "its Gaudi 3 chip on Tuesday.\n")


@pytest.fixture
def env(tmp_path: Path) -> tuple[Workspace, Path]:
    (tmp_path / "articles").mkdir()
    for name, text in (("a.txt", A), ("b.txt", B)):
        (tmp_path / "articles" / name).write_text(text, encoding="utf-8")
    ws = open_workspace(tmp_path / "w.timeline")
    ingest(ws, [tmp_path / "articles"])
    yield ws, tmp_path
    ws.close()


def ids(entries: list[review.QueueEntry]) -> list[str]:
    return [e.id for e in entries]


def test_queue_is_least_sure_first_and_reviews_are_undoable_edits(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    q = review.queue(ws)
    assert len(q) == len(ws.events()) >= 3
    assert [e.confidence for e in q] == sorted(e.confidence for e in q)
    assert str(review.progress(ws)).startswith(f"0 of {len(q)} reviewed")
    first, second = q[0], q[1]
    ok = curate.review_event(ws, first.id, "confirmed")
    no = curate.review_event(ws, second.id, "rejected")
    assert first.id not in ids(review.queue(ws)) and second.id not in ids(review.queue(ws))
    assert ids(review.queue(ws, "confirmed")) == [first.id]
    assert ids(review.queue(ws, "rejected")) == [second.id] and review.queue(ws, "rejected")[0].deleted
    assert {e.id: e.review for e in ws.events()}[first.id] == "confirmed"
    assert second.id not in {e.id for e in ws.events()}  # not an event: off the timeline, in the trash
    p = review.progress(ws)
    assert (p.reviewed, p.confirmed, p.rejected, p.total) == (2, 1, 1, len(q))
    assert str(p).startswith(f"2 of {len(q)} reviewed")
    # what a learner needs: the event as the extractor gave it, with the verdict
    rec = curate.get_edit(ws, no)
    assert rec is not None and rec.payload == {"review": "rejected", "deleted": True}
    assert rec.previous["type"] and rec.previous["confidence"] == pytest.approx(second.confidence, abs=1e-3)
    curate.undo(ws, no)
    curate.undo(ws, ok)
    assert ids(review.queue(ws)) == ids(q) and review.progress(ws).reviewed == 0
    curate.redo(ws, ok)
    assert ids(review.queue(ws, "confirmed")) == [first.id]
    curate.review_event(ws, first.id, None)  # back into the queue
    assert first.id in ids(review.queue(ws))
    with pytest.raises(curate.EditError):
        curate.review_event(ws, "e000000000000", "confirmed")
    with pytest.raises(curate.EditError):
        curate.review_event(ws, first.id, "maybe")


def test_a_rejected_event_can_be_accepted_back(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    ev = review.queue(ws)[0]
    curate.review_event(ws, ev.id, "rejected")
    curate.review_event(ws, ev.id, "confirmed")
    assert {e.id: e.review for e in ws.events()}[ev.id] == "confirmed"
    assert not review.queue(ws, "rejected")


def test_reviews_survive_reextraction_and_new_articles_come_first(env: tuple[Workspace, Path]) -> None:
    ws, d = env
    q = review.queue(ws)
    curate.review_event(ws, q[0].id, "confirmed")
    curate.review_event(ws, q[1].id, "rejected")
    for name, text in (("a.txt", A), ("b.txt", B)):  # a sentence added before the events: offsets move
        head, rest = text.split("\n", 1)
        (d / "articles" / name).write_text(head + "\nEditor's note: updated. " + rest, encoding="utf-8")
    ingest(ws, [d / "articles"])
    assert not curate.unplaced(ws)
    assert len(review.queue(ws, "confirmed")) == 1 and len(review.queue(ws, "rejected")) == 1
    assert review.progress(ws).reviewed == 2
    ws.db.execute("UPDATE edits SET created = '2000-01-01T00:00:00+00:00'")  # reviewed long before C arrives
    ws.db.commit()
    (d / "articles" / "c.txt").write_text(C, encoding="utf-8")
    ingest(ws, [d / "articles"])
    after = review.queue(ws)
    fresh = [e for e in after if e.new]
    assert fresh and all(e.new for e in after[:len(fresh)]), "events of the new article lead the queue"
    assert any("Nvidia" in e.companies or "Intel" in e.companies for e in fresh)
    assert all(not set(e.companies) & {"Nvidia", "Intel"} for e in after[len(fresh):])


def test_bulk_edits_are_one_undoable_step(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    before = {e.id: e for e in ws.events()}
    chosen = list(before)[:3]
    n_edits = len(curate.history(ws))
    e1 = curate.bulk_edit(ws, chosen, {"type": "lawsuit"})
    assert len(curate.history(ws)) == n_edits + 1
    after = {e.id: e for e in ws.events()}
    assert all(after[i].type == "lawsuit" and "type" in after[i].edited for i in chosen)
    rec = curate.get_edit(ws, e1)
    assert rec is not None and rec.label == "3 events: type → Lawsuit filed"
    curate.undo(ws, e1)
    assert {e.id: e.type for e in ws.events()} == {i: e.type for i, e in before.items()}
    curate.bulk_edit(ws, chosen, {"add_company": "Acme Corp"})
    assert all("Acme Corp" in e.companies for e in ws.events() if e.id in chosen)
    curate.bulk_edit(ws, chosen, {"remove_company": "Acme Corp"})
    assert all("Acme Corp" not in e.companies for e in ws.events())
    with pytest.raises(curate.EditError, match="leaves every selected event"):
        curate.bulk_edit(ws, chosen, {"remove_company": "Acme Corp"})
    rev = curate.bulk_edit(ws, chosen[:2], {"review": "confirmed"})
    assert len(review.queue(ws, "confirmed")) == 2
    curate.undo(ws, rev)
    gone = curate.bulk_edit(ws, chosen, {"deleted": True})
    assert not set(chosen) & {e.id for e in ws.events()}
    curate.undo(ws, gone)
    assert set(chosen) <= {e.id for e in ws.events()}
    rej = curate.bulk_edit(ws, chosen[:2], {"review": "rejected"})
    assert len(review.queue(ws, "rejected")) == 2
    curate.undo(ws, rej)
    for bad in ({"type": "nope"}, {"colour": "red"}, {"add_company": " "}, {"type": "lawsuit", "deleted": True}):
        with pytest.raises(curate.EditError):
            curate.bulk_edit(ws, chosen, bad)
    with pytest.raises(curate.EditError):
        curate.bulk_edit(ws, [], {"deleted": True})


def test_review_travels_in_exports_and_imports(env: tuple[Workspace, Path], tmp_path: Path) -> None:
    ws, _ = env
    ev = review.queue(ws)[0]
    curate.review_event(ws, ev.id, "confirmed")
    data = to_contract(ws.documents(), ws.entities(), ws.events())
    by_id = {e["id"]: e for e in data["events"]}
    assert by_id[ev.id]["review"] == "confirmed"
    assert all(e["review"] is None for i, e in by_id.items() if i != ev.id)
    back = read_contract(json.loads(json.dumps(data, default=str)), tmp_path)
    assert not back.rejected
    assert {e.id: e.review for e in back.events}[ev.id] == "confirmed"
    data["events"][0]["review"] = "perhaps"
    assert read_contract(json.loads(json.dumps(data, default=str)), tmp_path).rejected


def test_schema_11_adds_the_review_column_and_12_its_index(tmp_path: Path) -> None:
    assert SCHEMA_VERSION >= 12
    db = sqlite3.connect(tmp_path / "old.timeline")
    for v in range(1, 11):
        for stmt in MIGRATIONS[v]:
            db.execute(stmt)
    db.execute("PRAGMA user_version=10")
    db.commit()
    db.close()
    ws = open_workspace(tmp_path / "old.timeline")
    try:
        assert ws.version == SCHEMA_VERSION
        assert "review" in {r[1] for r in ws.db.execute("PRAGMA table_info(events)")}
        plan = " ".join(str(r[-1]) for r in ws.db.execute(
            "EXPLAIN QUERY PLAN SELECT rowid FROM events WHERE review = 'confirmed'"))
        assert "events_review" in plan  # the ✓ marks are found at open without reading every event
        assert review.queue(ws) == [] and review.progress(ws).total == 0
    finally:
        ws.close()


def test_cli_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(A + B, encoding="utf-8")
    w = str(tmp_path / "w.timeline")
    assert main(["extract", str(tmp_path / "in"), "--workspace", w, "-q"]) == 0
    capsys.readouterr()
    assert main(["review", w, "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [ln.split("\t")[0] for ln in lines]
    conf = [float(ln.split("\t")[1]) for ln in lines]
    assert len(listed) >= 3 and conf == sorted(conf)
    assert main(["review", w, "--accept", listed[0]]) == 0
    assert main(["review", w, "--reject", listed[1], listed[2]]) == 0  # several: one bulk edit
    capsys.readouterr()
    assert main(["review", w, "--list"]) == 0
    left = capsys.readouterr().out
    assert not any(i in left for i in listed[:3])
    assert main(["review", w, "--list", "--filter", "rejected", "--progress"]) == 0
    out = capsys.readouterr()
    assert sorted(ln.split("\t")[0] for ln in out.out.splitlines()) == sorted(listed[1:3])
    assert f"3 of {len(listed)} reviewed" in out.err
    assert main(["export", w, "--output", str(tmp_path / "e.json")]) == 0
    exported = {e["id"]: e for e in json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))["events"]}
    assert exported[listed[0]]["review"] == "confirmed" and listed[1] not in exported
    def n_edits() -> int:
        with sqlite3.connect(w) as db:
            return int(db.execute("SELECT count(*) FROM edits").fetchone()[0])

    n = n_edits()
    assert main(["review", w, "--accept", "nope"]) == 2
    assert "no event 'nope'" in capsys.readouterr().err
    assert main(["review", w, "--accept", listed[0], "--reject", listed[1]]) == 2
    assert main(["review", w]) == 2
    assert n_edits() == n


def test_cli_review_list_into_a_closed_pipe(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(A + B, encoding="utf-8")
    w = str(tmp_path / "w.timeline")
    assert main(["extract", str(tmp_path / "in"), "--workspace", w, "-q"]) == 0
    proc = subprocess.Popen([sys.executable, "-m", "timeline_app", "review", w, "--list"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head -0`: nobody reads
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and "Traceback" not in err
