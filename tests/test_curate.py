"""Curation: every edit kind, its undo/redo, persistence across reopen, and survival across re-extraction."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from timeline_app.core import curate
from timeline_app.core.dates.parse import parse_date_text
from timeline_app.core.extract.kb import load_kb
from timeline_app.core.formats.export import to_contract
from timeline_app.core.ingest import ingest, open_workspace
from timeline_app.core.model import Event
from timeline_app.core.store.workspace import Workspace

D = dt.date
A = ("Global Wire 2024-05-02\nSamsung Electronics said on Tuesday it signed a supply contract with "
     "Tesla to deliver chips worth $2 billion. The deal was signed in Seoul.\n")
B = ("Daily Business 2024-05-10\nApple announced a partnership with OpenAI on Monday to bring chat features to the "
     "iPhone. Separately, Sony Group said it will invest $500 million in Kadokawa next year.\n")
C = "Samsung Electronics met Tesla executives last month in Austin to discuss a partnership.\n"


@pytest.fixture
def env(tmp_path: Path) -> tuple[Workspace, Path]:
    (tmp_path / "articles").mkdir()
    for name, text in (("a.txt", A), ("b.txt", B), ("c.txt", C)):
        (tmp_path / "articles" / name).write_text(text, encoding="utf-8")
    ws = open_workspace(tmp_path / "w.timeline")
    ingest(ws, [tmp_path / "articles"])
    yield ws, tmp_path
    ws.close()


def by_type(ws: Workspace, t: str) -> Event:
    return next(e for e in ws.events() if e.type == t)


def sony_investment(ws: Workspace) -> Event:
    """B's "Sony Group said it will invest $500 million in Kadokawa" (its v3 type is the classifier's)."""
    return next(e for e in ws.events() if "Sony" in e.companies and e.amounts)


def reopen(ws: Workspace) -> Workspace:
    ws.close()
    return open_workspace(ws.path)


@pytest.mark.parametrize("text, start, end, precision", [
    ("2025-11-13", D(2025, 11, 13), D(2025, 11, 13), "day"),
    ("13 Nov 2025", D(2025, 11, 13), D(2025, 11, 13), "day"),
    ("November 13, 2025", D(2025, 11, 13), D(2025, 11, 13), "day"),
    ("Nov 2025", D(2025, 11, 1), D(2025, 11, 30), "month"),
    ("Q3 2024", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
    ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
    ("H2 2024", D(2024, 7, 1), D(2024, 12, 31), "half"),
    ("2024", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("2023-24", D(2023, 1, 1), D(2024, 12, 31), "year"),
    ("2024-03", D(2024, 3, 1), D(2024, 3, 31), "month"),
    ("Jan 2024 to Mar 2024", D(2024, 1, 1), D(2024, 3, 31), "month"),
    ("undated", None, None, "undated"),
])
def test_date_parser(text: str, start: D | None, end: D | None, precision: str) -> None:
    s = parse_date_text(text)
    assert (s.start, s.end, s.precision) == (start, end, precision)


def test_date_parser_precision_and_errors() -> None:
    assert parse_date_text("2025-01-15", "month").start == D(2025, 1, 1)
    assert parse_date_text("2025-01-15", "quarter").end == D(2025, 3, 31)
    for bad in ("tomorrow", "2025-02-30", "Smarch 2024", "2025-24", ""):
        if bad == "":
            assert parse_date_text(bad).start is None
            continue
        with pytest.raises(ValueError):
            parse_date_text(bad)


def test_field_edits_undo_redo_and_reopen(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    ev = by_type(ws, "contract")
    eid = curate.edit_event(ws, ev.id, {"date": "Q3 2024", "summary": "Chip deal, checked"})
    got = by_type(ws, "contract")
    assert (got.start, got.end, got.precision, got.summary) == (D(2024, 7, 1), D(2024, 9, 30), "quarter",
                                                               "Chip deal, checked")
    assert set(got.edited) >= {"start", "end", "precision", "summary"}
    edits = [("status", "planned"), ("type", "partnership"), ("companies", ["Samsung Electronics", "Apple"]),
             ("people", ["Jane Roe"]), ("amounts", [{"value": 3e9, "currency": "USD", "text": "$3 billion"}])]
    ids = []
    for f, v in edits:
        ids.append(curate.edit_event(ws, got.id, {f: v}))
        got = next(e for e in ws.events() if e.summary == "Chip deal, checked")
        assert (got.amounts[0].value if f == "amounts" else getattr(got, f)) == (v[0]["value"] if f == "amounts" else v)
    # undo each, newest first: every field returns
    for (f, _), i in zip(reversed(edits), reversed(ids), strict=True):
        curate.undo(ws, i)
        got = next(e for e in ws.events() if e.summary == "Chip deal, checked")
        assert f not in got.edited
    assert (got.type, got.status, got.companies, got.people) == (ev.type, ev.status, ev.companies, ev.people)
    curate.redo(ws, ids[0])
    assert next(e for e in ws.events() if e.summary == "Chip deal, checked").status == "planned"
    # after reopening, the history is there and any edit can still be reverted
    ws2 = reopen(ws)
    hist = curate.history(ws2)
    assert [h.id for h in hist] == [eid, *ids] and [h.reverted for h in hist] == [False, False, True, True, True, True]
    curate.undo(ws2, eid)
    again = next(e for e in ws2.events() if e.type == "contract")
    assert (again.start == D(2024, 4, 30) and again.summary != "Chip deal, checked" and not again.edited) or \
        again.edited == ["status"]
    ws2.close()


def test_delete_restore_star_note_tags_and_export(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    ev = next(e for e in ws.events() if "Sony" in e.companies)  # Sony's investment in Kadokawa
    n = len(ws.events())
    d = curate.edit_event(ws, ev.id, {"deleted": True})
    assert len(ws.events()) == n - 1 and all(e.id != ev.id for e in ws.events())
    assert curate.find_event(ws, ev.id)[1] is True  # in the trash
    curate.edit_event(ws, ev.id, {"deleted": False})
    assert len(ws.events()) == n
    curate.undo(ws, d + 1)
    assert len(ws.events()) == n - 1
    curate.undo(ws, d)
    assert len(ws.events()) == n
    p = by_type(ws, "partnership")
    curate.edit_event(ws, p.id, {"starred": True, "notes": "ask the desk", "add_tags": ["ai", "phones"]})
    curate.edit_event(ws, p.id, {"add_tags": ["ai", "deal"]})
    j = to_contract(ws.documents(), ws.entities(), ws.events())
    pj = next(e for e in j["events"] if e["type"] == "partnership")
    assert pj["starred"] is True and pj["notes"] == "ask the desk" and pj["tags"] == ["ai", "phones", "deal"]
    assert pj["edited"] == []  # annotations are not content edits
    assert all("edited" in e and "tags" in e for e in j["events"])


def test_merge_and_split(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    sup, meet = by_type(ws, "contract"), by_type(ws, "meeting")
    n = len(ws.events())
    m = curate.merge_events(ws, [sup.id, meet.id])
    merged = [e for e in ws.events() if len({s.document for s in e.sources}) == 2]
    assert len(ws.events()) == n - 1 and len(merged) == 1 and merged[0].type == "contract"
    assert len(merged[0].sources) == 3 and "sources" in merged[0].edited
    curate.undo(ws, m)
    assert len(ws.events()) == n
    curate.redo(ws, m)
    assert len(ws.events()) == n - 1
    curate.undo(ws, m)
    # split the supply event's two sentences apart
    sup = by_type(ws, "contract")
    assert len(sup.sources) == 2
    s = curate.split_event(ws, sup.id, [[0], [1]])
    sups = [e for e in ws.events() if e.type == "contract"]
    assert len(sups) == 2 and all(len(e.sources) == 1 for e in sups)
    curate.undo(ws, s)
    assert len([e for e in ws.events() if e.type == "contract"]) == 1
    with pytest.raises(curate.EditError):
        curate.split_event(ws, sup.id, [[0], [0]])
    with pytest.raises(curate.EditError):
        curate.merge_events(ws, [sup.id])


def test_add_event_from_span_and_not_an_event(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    doc = next(d for d in ws.documents() if d.text == B)
    i = B.index("Apple announced")
    sugg = curate.span_suggestions(ws, doc.id, i, i + 40)
    assert "Apple" in sugg["companies"]
    n = len(ws.events())
    a = curate.add_event(ws, doc.id, i, i + 40, {"type": "launch", "summary": "Chat on the iPhone",
                                                 "date": "May 2024"})
    added = next(e for e in ws.events() if e.summary == "Chat on the iPhone")
    assert len(ws.events()) == n + 1 and added.type == "launch" and added.precision == "month"
    assert "Apple" in added.companies and added.edited == ["added"]
    assert added.sources[0].start == i
    curate.undo(ws, a)
    assert len(ws.events()) == n
    j = B.index("Separately")
    ne = curate.mark_not_event(ws, doc.id, j, len(B) - 1)
    assert not any("Sony" in e.companies for e in ws.events())
    curate.undo(ws, ne)
    assert any("Sony" in e.companies for e in ws.events())
    with pytest.raises(curate.EditError):
        curate.add_event(ws, doc.id, 5, 5)


def test_article_edits(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    doc = next(d for d in ws.documents() if d.text == C)
    assert by_type(ws, "meeting").start is None
    e = curate.set_document_date(ws, doc.id, "15 Mar 2025")
    meet = by_type(ws, "meeting")
    assert (meet.start, meet.precision) == (D(2025, 2, 1), "month")
    assert ws.document(doc.id).date == D(2025, 3, 15)
    curate.undo(ws, e)
    assert by_type(ws, "meeting").start is None and ws.document(doc.id).date is None
    curate.redo(ws, e)
    assert by_type(ws, "meeting").start == D(2025, 2, 1)
    with pytest.raises(curate.EditError):
        curate.set_document_date(ws, doc.id, "Q3 2024")  # a publication date is a day
    x = curate.exclude_document(ws, doc.id)
    assert all(s.document != doc.id for e in ws.events() for s in e.sources)
    curate.undo(ws, x)
    assert any(s.document == doc.id for e in ws.events() for s in e.sources)


def test_company_knowledge_and_kb_export(env: tuple[Workspace, Path], tmp_path: Path) -> None:
    ws, _ = env
    n_samsung = sum("Samsung Electronics" in e.companies for e in ws.events())
    assert n_samsung >= 1
    r = curate.rename_company(ws, "Samsung Electronics", "Samsung")
    assert all("Samsung Electronics" not in e.companies for e in ws.events())
    assert sum("Samsung" in e.companies for e in ws.events()) == n_samsung
    curate.alias_company(ws, "OpenAI", "Open AI Inc")
    assert "Open AI Inc" in by_type(ws, "partnership").companies
    curate.set_company_parent(ws, "Tesla", "Musk Group")
    assert next(e for e in ws.entities().values() if e.name == "Tesla").parent == "Musk Group"
    curate.mark_not_company(ws, "Kadokawa")
    assert "Kadokawa" not in sony_investment(ws).companies
    curate.undo(ws, r)
    assert any("Samsung Electronics" in e.companies for e in ws.events())
    path = tmp_path / "kb.json"
    assert curate.export_kb(ws, path) >= 3
    kb = load_kb([str(path)])
    assert kb.lookup("OpenAI").name == "Open AI Inc" and kb.lookup("Tesla").parent == "Musk Group"


def test_edits_survive_reingest_new_extractor_and_edited_text(env: tuple[Workspace, Path]) -> None:
    ws, d = env
    sup, part = by_type(ws, "contract"), by_type(ws, "partnership")
    curate.edit_event(ws, sup.id, {"date": "2024-05-01", "summary": "Checked supply"})
    curate.edit_event(ws, part.id, {"deleted": True})
    doc_c = next(x for x in ws.documents() if x.text == C)
    curate.set_document_date(ws, doc_c.id, "2025-03-15")

    def check(label: str) -> None:
        got = [e for e in ws.events() if e.summary == "Checked supply"]
        assert got and got[0].start == D(2024, 5, 1) and "summary" in got[0].edited, label
        assert all(e.type != "partnership" for e in ws.events()), label
        assert by_type(ws, "meeting").start == D(2025, 2, 1), label
        assert not curate.unplaced(ws), label

    ingest(ws, [d / "articles"])  # (a) unchanged articles
    check("re-ingest")
    ws.db.execute("UPDATE documents SET extractor='0-old'")  # (b) a new extractor version
    ingest(ws, [d / "articles"])
    check("new extractor")
    for name, text in (("a.txt", A), ("b.txt", B), ("c.txt", C)):  # (c) a sentence added before the events
        lines = text.split("\n", 1)
        new = (lines[0] + "\nEditor's note: this story was updated with new figures. " + lines[1]) if name != "c.txt" \
            else "Editor's note: updated. " + text
        (d / "articles" / name).write_text(new, encoding="utf-8")
    ingest(ws, [d / "articles"])
    assert all(doc.text.count("Editor's note") == 1 for doc in ws.documents())
    check("edited text")
    ws2 = reopen(ws)
    assert any(e.summary == "Checked supply" for e in ws2.events())
    ws2.close()


def test_unplaceable_edit_is_reported_not_dropped(env: tuple[Workspace, Path]) -> None:
    ws, d = env
    inv = sony_investment(ws)
    e = curate.edit_event(ws, inv.id, {"summary": "Sony invests"})
    (d / "articles" / "b.txt").write_text(B.split("Separately")[0] + "\n", encoding="utf-8")
    ingest(ws, [d / "articles"])
    lost = curate.unplaced(ws)
    assert [x.id for x in lost] == [e] and "can no longer be found" in (lost[0].problem or "")
    (d / "articles" / "b.txt").write_text(B, encoding="utf-8")  # the text comes back: so does the edit
    ingest(ws, [d / "articles"])
    assert not curate.unplaced(ws) and any(x.summary == "Sony invests" for x in ws.events())


def test_invalid_edits_are_refused_and_stored_garbage_never_blocks_opening(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    ev = by_type(ws, "contract")
    before = len(curate.history(ws))
    for fields in ({"status": "maybe"}, {"type": "party"}, {"date": "someday"}, {"start": "2024-13-01"},
                   {"starred": "yes"}, {"summary": ""}, {"bogus": 1}, {"start": "2024-05-02", "end": "2024-05-01"}):
        with pytest.raises(curate.EditError):
            curate.edit_event(ws, ev.id, fields)
    with pytest.raises(curate.EditError):
        curate.edit_event(ws, "no-such-event", {"summary": "x"})
    assert len(curate.history(ws)) == before
    # a bad value written behind the service's back (an old version, a hand edit) must not stop opening
    anchors = json.dumps({"anchors": [{"doc_id": ev.sources[0].document, "start": ev.sources[0].trigger_start}]})
    ws.db.execute("INSERT INTO edits(kind, label, target, payload, reverted) VALUES('event.set', 'bad', ?, ?, 0)",
                  (anchors, json.dumps({"start": "not a date"})))
    ws.db.execute("INSERT INTO edits(kind, label, target, payload, reverted) VALUES('event.set', 'bad2', '{', 'x', 0)")
    ws.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES('merge_pending', '1')")
    ws2 = reopen(ws)
    assert len(ws2.events()) >= 4
    assert {x.label for x in curate.unplaced(ws2)} == {"bad", "bad2"}
    ws2.close()


def test_schema_3_corrections_become_edits(tmp_path: Path) -> None:
    from timeline_app.core.store.schema import MIGRATIONS

    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    ws = open_workspace(tmp_path / "w.timeline")
    ingest(ws, [tmp_path / "a.txt"])
    sup = by_type(ws, "contract")
    ws.close()
    db = sqlite3.connect(tmp_path / "old.timeline")
    for v in (1, 2, 3):
        for stmt in MIGRATIONS[v]:
            db.execute(stmt)
    db.execute("PRAGMA user_version=3")
    src = sqlite3.connect(tmp_path / "w.timeline")
    for row in src.execute("SELECT id, path, title, text, date, date_source, date_confidence, url, outlet, fmt, "
                           "extractor, clutter, result, added FROM documents"):
        db.execute("INSERT INTO documents(id, path, title, text, date, date_source, date_confidence, url, outlet, "
                   "fmt, extractor, clutter, result, added) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
    s = sup.sources[0]
    db.executemany("INSERT INTO corrections(doc_id, trigger_start, field, value, created) VALUES(?,?,?,?,?)",
                   [(s.document, s.trigger_start, "summary", json.dumps("Old correction"), "2024"),
                    (s.document, s.trigger_start, "start", "garbage{", "2024")])
    db.execute("INSERT INTO meta(key, value) VALUES('merge_pending', '1')")
    db.commit()
    db.close()
    ws = open_workspace(tmp_path / "old.timeline")
    assert by_type(ws, "contract").summary == "Old correction"
    assert len(curate.unplaced(ws)) == 1  # the garbage value is listed, not fatal
    ws.close()


def test_search_by_star_edit_tag_and_note(env: tuple[Workspace, Path]) -> None:
    ws, _ = env
    p = by_type(ws, "partnership")
    curate.edit_event(ws, p.id, {"starred": True, "add_tags": ["AI"], "notes": "Call the desk"})
    s = by_type(ws, "contract")
    curate.edit_event(ws, s.id, {"summary": "Checked"})
    rows = {e.id: i for i, e in enumerate(ws.events())}
    assert ws.search_events("is:starred") == {rows[p.id]}
    assert ws.search_events("tag:ai") == {rows[p.id]}
    assert ws.search_events("is:edited") == {rows[s.id]}
    assert ws.search_events("note:call the") == {rows[p.id]}


def test_merge_cache_gives_the_same_timeline_as_a_cold_merge(env: tuple[Workspace, Path]) -> None:
    from timeline_app.core.ingest import remerge
    from timeline_app.core.store.replay import MERGE_CACHE

    ws, _ = env
    sup, part = by_type(ws, "contract"), by_type(ws, "partnership")
    curate.edit_event(ws, sup.id, {"date": "Q3 2024", "companies": ["A", "B"]})
    curate.merge_events(ws, [by_type(ws, "contract").id, part.id])
    warm = [e.to_json() for e in ws.events()]
    assert MERGE_CACHE._last is not None and MERGE_CACHE._last[0] == str(ws.path)  # the edits used the cache
    remerge(ws, full=True)  # a cold merge
    assert [e.to_json() for e in ws.events()] == warm
    curate.undo(ws, 1)  # served from the cache again: the cached merge was not changed by the replay
    assert by_type(ws, "contract").precision == sup.precision


def test_edit_survives_a_word_changed_in_its_own_sentence(env: tuple[Workspace, Path]) -> None:
    ws, d = env
    sup = by_type(ws, "contract")
    curate.edit_event(ws, sup.id, {"summary": "Chips deal (checked)"})
    # the figure in the event's own sentence is corrected, and a line is added above it
    (d / "articles" / "a.txt").write_text(A.replace("Global Wire 2024-05-02\n", "Global Wire 2024-05-02\nUpdated.\n")
                                          .replace("Tuesday", "Wednesday"), encoding="utf-8")
    ingest(ws, [d / "articles"])
    assert any(e.summary == "Chips deal (checked)" for e in ws.events())
    assert not curate.unplaced(ws)


def test_storage_errors_become_edit_errors_in_words(env: tuple[Workspace, Path], monkeypatch) -> None:
    ws, _ = env
    sup = by_type(ws, "contract")
    monkeypatch.setattr(ws, "read_only", True, raising=False)
    with pytest.raises(curate.EditError, match="read-only"):
        curate.edit_event(ws, sup.id, {"summary": "x"})
    monkeypatch.setattr(ws, "read_only", False, raising=False)

    def full(*_a: object, **_k: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("timeline_app.core.store.edits.record", full)
    with pytest.raises(curate.EditError, match="disk is full"):
        curate.edit_event(ws, sup.id, {"summary": "x"})
    assert curate.history(ws) == []
