"""Taxonomy v3 in stored data: a workspace written by the round-2 code (schema 9, tests/data/round2-workspace) opens
with v3 types everywhere, its edits still apply, its merge goes on from where it was, and nothing else changes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from timeline_app.core import curate
from timeline_app.core.index import EventColumns
from timeline_app.core.ingest import ingest, open_workspace, remerge
from timeline_app.core.model import EVENT_TYPES, ROUND2_TO_V3, Event, v3_type
from timeline_app.core.store import edits as store_edits
from timeline_app.core.store.recover import recover
from timeline_app.core.store.schema import SCHEMA_VERSION
from timeline_app.core.store.workspace import Workspace

FIXTURE = Path(__file__).parent / "data" / "round2-workspace"
OLD = set(ROUND2_TO_V3)  # supply, financial, appointment, investment
RELABEL = {"Meeting / visit: ": "Meeting / visit / talks: ", "Supply contract: ": "Contract / order / supply: ",
           "Partnership: ": "Partnership / JV / licence: ", "Investment / acquisition: ": "Acquisition / merger: ",
           "Appointment: ": "Leadership change: ", "Plan / announcement: ": "Other plan: "}


def _relabel(summary: str) -> str:
    for a, b in RELABEL.items():
        if summary.startswith(a):
            return b + summary[len(a):]
    return summary


@pytest.fixture
def old_copy(tmp_path: Path) -> Path:
    target = tmp_path / "round2.timeline"
    shutil.copy(FIXTURE / "round2.timeline", target)
    return target


def _stored(path: Path) -> dict:
    """What the file holds, read with plain SQL (no migration)."""
    db = sqlite3.connect(path)
    try:
        return {
            "version": db.execute("PRAGMA user_version").fetchone()[0],
            "events": {r[0]: r[1:] for r in db.execute("SELECT id, type, summary, start, end, companies, edited, "
                                                       "starred, tags FROM events")},
            "results": {i: json.loads(r) for i, r in db.execute("SELECT id, result FROM documents")},
            "atoms": {i: json.loads(e) for i, e in db.execute("SELECT id, event FROM merge_atoms")},
            "keys": sorted(db.execute("SELECT key, atom FROM merge_keys")),
            "edits": [(k, json.loads(p), json.loads(q)) for k, p, q in
                      db.execute("SELECT kind, payload, previous FROM edits ORDER BY id")],
            "trash": {i: json.loads(d) for i, d in db.execute("SELECT event_id, data FROM trash")},
            "imported": [json.loads(d) for (d,) in db.execute("SELECT data FROM imported_events ORDER BY rowid")],
            "columns": db.execute("SELECT count(*) FROM columns").fetchone()[0],
        }
    finally:
        db.close()


def _mapped(ev: dict, summary: bool = True) -> dict:
    return {**ev, "type": v3_type(ev["type"]), **({"summary": _relabel(ev["summary"])} if summary else {})}


def test_the_fixture_is_a_round_2_workspace() -> None:
    s = _stored(FIXTURE / "round2.timeline")
    assert s["version"] == 9 and s["columns"] == 1
    assert {t for t, *_ in s["events"].values()} >= OLD  # all four renamed types are in it
    assert [p.get("type") for _, p, _ in s["edits"]] == ["financial", None, "investment", None, None]
    assert [e["type"] for e in s["trash"].values()] == ["investment"]
    assert {e["type"] for e in s["imported"]} == {"supply", "appointment", "investment"}


def test_migration_rewrites_every_stored_type_and_changes_nothing_else(old_copy: Path) -> None:
    before = _stored(old_copy)
    Workspace(old_copy).close()
    after = _stored(old_copy)
    assert after["version"] == SCHEMA_VERSION >= 10
    # merged events: type mapped, an extracted summary's label too; a summary the user wrote is kept
    assert set(after["events"]) == set(before["events"])
    for i, (typ, summary, *rest) in before["events"].items():
        edited = json.loads(rest[3] or "[]")
        assert after["events"][i] == (v3_type(typ), summary if "summary" in edited else _relabel(summary), *rest)
    assert after["events"][next(i for i, e in before["events"].items() if e[1].startswith("Talks"))][1] == \
        "Talks in Stuttgart (checked)"
    # stored extractions, merge atoms (in their order, every other key and value unchanged) and block keys
    assert after["results"] == {i: {**r, "events": [_mapped(e) for e in r["events"]]}
                                for i, r in before["results"].items()}
    assert after["atoms"] == {i: _mapped(e) for i, e in before["atoms"].items()}
    kind_type = [k.split("|", 2) for k, _ in before["keys"]]
    assert after["keys"] == sorted((f"{k}|{v3_type(t)}|{rest}", a)
                                   for (k, t, rest), (_, a) in zip(kind_type, before["keys"], strict=True))
    # edits (what they set and what they replaced), the trash and the imports as they came (summaries kept)
    assert after["edits"] == [(k, _mapped(p, False) if "type" in p else p, _mapped(q, False) if "type" in q else q)
                              for k, p, q in before["edits"]]
    assert after["trash"] == {i: _mapped(e) for i, e in before["trash"].items()}
    assert after["imported"] == [_mapped(e, False) for e in before["imported"]]
    assert after["columns"] == 0  # the type codes were of the nine old types: rebuilt on open
    flat = json.dumps([after[k] for k in ("events", "results", "atoms", "edits", "trash", "imported")])
    assert not any(f'"{t}"' in flat for t in OLD)
    assert not any(k.split("|")[1] in OLD for k, _ in after["keys"])


def test_old_workspace_opens_with_v3_types_and_its_edits_still_apply(old_copy: Path) -> None:
    ws = open_workspace(old_copy)
    events = {e.id: e for e in ws.events()}
    assert all(e.type in EVENT_TYPES for e in events.values())
    # the retypes made before v3 still stand, as v3 types
    retyped = {e.summary.split(":")[0]: e for e in events.values() if "type" in e.edited}
    assert retyped["Contract / order / supply"].type == "results"  # supply retyped to financial
    assert retyped["Partnership / JV / licence"].type == "acquisition"  # partnership retyped to investment
    assert retyped["Partnership / JV / licence"].tags == ["checked"]
    talks = next(e for e in events.values() if e.summary == "Talks in Stuttgart (checked)")
    assert talks.starred and talks.type == "meeting"
    assert any(e.type == "leadership" and e.notes == "CEO change" for e in events.values())
    assert not curate.unplaced(ws)  # every edit placed
    deleted = [Event.from_json(d) for _, d, _ in store_edits.trash(ws)]  # the investment deleted before v3
    assert [e.type for e in deleted] == ["acquisition"] and deleted[0].id not in events
    curate.edit_event(ws, deleted[0].id, {"deleted": False})  # restored as what it is now
    assert next(e for e in ws.events() if e.id == deleted[0].id).type == "acquisition"
    events = {e.id: e for e in ws.events()}
    imported = sorted(e.type for e in events.values() if e.confidence == 1.0)
    assert imported == ["acquisition", "contract", "leadership"]
    # the timeline's arrays are rebuilt from the v3 types
    cols = ws.event_columns()
    assert cols.n == len(events) and cols.types_present() == {e.type for e in events.values()}
    assert ws.search_events("Contract")  # the search index follows the relabelled summaries
    # a full merge from the stored extractions gives the migrated events back: the rewritten merge tables are
    # what the v3 code itself would have written
    snapshot = sorted((e.id, e.type, e.summary, e.start, e.end, tuple(e.companies), tuple(e.edited))
                      for e in ws.events())
    remerge(ws, full=True)
    assert sorted((e.id, e.type, e.summary, e.start, e.end, tuple(e.companies), tuple(e.edited))
                  for e in ws.events()) == snapshot
    ws.close()


def test_migrated_workspace_takes_new_articles_and_edits(old_copy: Path, tmp_path: Path) -> None:
    ws = open_workspace(old_copy)
    n = len(ws.events())
    rep = ingest(ws, [FIXTURE / "kestrel.txt"])  # the same text as one stored: nothing to re-extract
    assert not rep.added and len(ws.events()) == n
    art = tmp_path / "more.txt"
    art.write_text("Company news\n\nJune 4, 2025\n\nLG Display agreed on Tuesday to supply panels to "
                   "Mercedes-Benz Group for its next electric sedan.\n", encoding="utf-8")
    ingest(ws, [art])
    assert all(e.type in EVENT_TYPES for e in ws.events())
    ev = next(e for e in ws.events() if e.type == "contract")
    curate.edit_event(ws, ev.id, {"type": "supply"})  # a round-2 name is still understood ...
    assert next(e for e in ws.events() if e.id == ev.id).type == "contract"
    curate.edit_event(ws, ev.id, {"type": "cancellation"})  # ... and every v3 type can be set
    assert next(e for e in ws.events() if e.id == ev.id).type == "cancellation"
    ws.close()


def test_recovering_an_old_workspace_gives_v3_types(old_copy: Path, tmp_path: Path) -> None:
    recover(old_copy, tmp_path / "new.timeline")
    ws = open_workspace(tmp_path / "new.timeline")
    assert all(e.type in EVENT_TYPES for e in ws.events())
    assert not curate.unplaced(ws)
    db = ws.db
    types = [e["type"] for (r,) in db.execute("SELECT result FROM documents") for e in json.loads(r)["events"]]
    types += [json.loads(r).get("type") for (r,) in db.execute("SELECT payload FROM edits")]
    types += [json.loads(r)["type"] for (r,) in db.execute("SELECT data FROM imported_events")]
    assert {"results", "acquisition", "contract"} <= set(types) and not set(types) & OLD  # copied, then rewritten
    ws.close()


def test_an_index_blob_of_another_type_list_is_rebuilt(old_copy: Path) -> None:
    db = sqlite3.connect(old_copy)
    blob = db.execute("SELECT data FROM columns").fetchone()[0]
    db.close()
    with pytest.raises(ValueError, match="another list of event types"):
        EventColumns.from_bytes(bytes(blob))
