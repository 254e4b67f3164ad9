"""The hand-made event gold of the Apple dev set is well-formed, and the event scorer aligns and counts correctly."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "meantime-apple"
GOLD = [json.loads(x) for x in (DATA / "events_gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]

sys.path.insert(0, str(ROOT / "bench"))
import event_score as es


def test_gold_covers_the_thirty_articles() -> None:
    files = sorted(p.name for p in DATA.glob("*.txt") if p.name != "LICENSE.txt")
    assert sorted(g["file"] for g in GOLD) == files
    assert len(GOLD) == 30
    dcts = {json.loads(x)["doc_id"]: json.loads(x)["dct"] for x in (DATA / "gold.jsonl").read_text().splitlines()}
    for g in GOLD:
        assert g["dct"] == dcts[g["doc_id"]]
    assert sum(len(g["events"]) for g in GOLD) >= 100


def test_event_types_match_the_model() -> None:
    from timeline_app.core.model import EVENT_TYPES, ROUND2_TYPES, round2_type, v3_type

    # the scorer hard-codes the round-2 list of this gold; keep them in step
    assert tuple(es.EVENT_TYPES) == tuple(ROUND2_TYPES)
    # every v3 type the system writes is scored as the round-2 type it refines: the model's inverse mapping
    for t in EVENT_TYPES:
        assert es.round2_type(t) == round2_type(t) and es.round2_type(t) in es.EVENT_TYPES, t
    for old in ROUND2_TYPES:  # on what the round-2 extractor produced, the inverse gives the type back
        assert es.round2_type(v3_type(old)) == old
        assert es.round2_type(old) == old  # a timeline-app/1 file's type is kept


@pytest.mark.parametrize("rec", GOLD, ids=lambda r: r["doc_id"])
def test_gold_record_is_well_formed(rec: dict) -> None:
    text = (DATA / rec["file"]).read_text(encoding="utf-8")
    ids = [e["id"] for e in rec["events"]]
    assert len(ids) == len(set(ids))
    for e in rec["events"]:
        assert e["type"] in es.EVENT_TYPES, e["id"]
        assert e["status"] in ("happened", "planned", "ongoing"), e["id"]
        assert e["companies"] and all(isinstance(c, str) and c for c in e["companies"]), e["id"]
        assert isinstance(e["organisations"], list)
        for s in [e["evidence"], *e["also_evidence"]]:
            assert s and s in text, (e["id"], s)
        assert isinstance(e["background"], bool)
        if e["no_date_stated"]:
            assert e["start"] is None and e["end"] is None and e["precision"] is None, e["id"]
        else:
            start, end = dt.date.fromisoformat(e["start"]), dt.date.fromisoformat(e["end"])
            assert start <= end, e["id"]
            assert e["precision"] in es.PRECISIONS, e["id"]
            assert e["date_basis"] in ("explicit", "relative", "dct_convention", "inherited", "deadline"), e["id"]
            if e["precision"] == "day":
                assert start == end, e["id"]
        for canon in rec["aliases"]:
            assert any(canon in ev["companies"] for ev in rec["events"])


def _unit(eid: str, type_: str, companies: list[str], start: str | None, prec: str | None,
          spans: list[tuple[int, int]], end: str | None = None) -> es.Unit:
    return es.Unit(eid, type_, companies, start, end or start, prec, spans)


TEXT = ("Acme launches widget\n\nMay 2, 2020\n\nAcme Corp. today launched the Widget. "
        "Acme also signed a supply deal with Bolt Inc. on May 1. Nothing else happened.")
S1 = "Acme Corp. today launched the Widget."
S2 = "Acme also signed a supply deal with Bolt Inc. on May 1."
REC = {"file": "x.txt", "aliases": {"Acme": ["Acme Corp."]}, "events": [
    {"id": "x-1", "type": "launch", "companies": ["Acme"], "start": "2020-05-02", "end": "2020-05-02",
     "precision": "day", "no_date_stated": False, "date_basis": "relative", "background": False,
     "summary": "launch", "evidence": S1, "also_evidence": ["Acme launches widget"]},
    {"id": "x-2", "type": "supply", "companies": ["Acme", "Bolt"], "start": "2020-05-01", "end": "2020-05-01",
     "precision": "day", "no_date_stated": False, "date_basis": "explicit", "background": False,
     "summary": "supply", "evidence": S2, "also_evidence": []}]}


def _span(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return (i, i + len(s))


def test_perfect_system_scores_full_marks() -> None:
    units = [_unit("a", "launch", ["Acme Corp"], "2020-05-02", "day", [_span(S1)]),
             _unit("b", "supply", ["Bolt Inc.", "ACME"], "2020-05-01", "day", [_span(S2)])]
    c = es.score_article(REC, TEXT, units).counts
    assert (c["found"], c["missed"], c["spurious"], c["fully_right"]) == (2, 0, 0, 2)
    assert es.summarise([es.score_article(REC, TEXT, units)])["fully_right"] == 1.0


def test_merged_system_event_matches_both_sentences_and_headline() -> None:
    # one system event whose sources cover the headline and both sentences: it is one unit, so it finds one event
    units = [_unit("a", "supply", ["Acme", "Bolt"], "2020-05-01", "day",
                   [_span("Acme launches widget"), _span(S1), _span(S2)])]
    c = es.score_article(REC, TEXT, units).counts
    assert (c["found"], c["missed"], c["fully_right"]) == (1, 1, 1)


def test_missing_wrong_and_spurious_events_lower_the_score() -> None:
    units = [_unit("a", "launch", ["Acme"], "2020-05-02", "day", [_span(S1)]),
             _unit("c", "other", ["Acme"], None, "undated", [_span("Nothing else happened.")])]
    s = es.score_article(REC, TEXT, units)
    assert (s.counts["found"], s.counts["missed"], s.counts["spurious"]) == (1, 1, 1)
    summ = es.summarise([s])
    assert summ["fully_right"] == 0.5 and summ["system_undated_share"] == 0.5
    # right sentence, wrong date and a missing counterparty: found, but not fully right
    units = [_unit("a", "launch", ["Acme"], "2020-05-02", "day", [_span(S1)]),
             _unit("b", "supply", ["Acme"], "2020-05-02", "day", [_span(S2)]),
             _unit("d", "supply", ["Acme", "Bolt"], "2020-05-01", "day", [_span(S2)])]
    s = es.score_article(REC, TEXT, units)
    assert (s.counts["found"], s.counts["fully_right"], s.counts["duplicates"]) == (2, 2, 1)  # d is preferred over b
    units = units[:2]
    s = es.score_article(REC, TEXT, units)
    assert (s.counts["found"], s.counts["fully_right"], s.counts["date_ok"], s.counts["companies_ok"]) == (2, 1, 1, 1)
    assert s.jaccard_sum == pytest.approx(1.5)


def test_undated_gold_and_deadline_dates() -> None:
    undated = {**REC["events"][1], "start": None, "end": None, "precision": None, "no_date_stated": True}
    rec = {**REC, "events": [undated]}
    dated = es.score_article(rec, TEXT, [_unit("b", "supply", ["Acme", "Bolt"], "2020-05-02", "day", [_span(S2)])])
    assert dated.counts["dated_no_date"] == 1 and dated.counts["date_ok"] == 0
    ok = es.score_article(rec, TEXT, [_unit("b", "supply", ["Acme", "Bolt"], None, "undated", [_span(S2)])])
    assert ok.counts["date_ok"] == 1 and ok.counts["dated_no_date"] == 0
    window = {**REC["events"][1], "start": "2020-05-02", "end": "2020-05-31", "precision": "month",
              "date_basis": "deadline"}
    assert es.date_ok(window, _unit("b", "supply", [], "2020-05-01", "month", [], end="2020-05-31"))
    assert es.date_ok(window, _unit("b", "supply", [], "2020-05-02", "day", []))
    assert not es.date_ok(window, _unit("b", "supply", [], "2020-06-01", "month", [], end="2020-06-30"))


def test_company_names_are_normalised() -> None:
    aliases = {"Apple": ["Apple Computer", "Apple Inc."], "Wal-Mart": ["Wal - Mart"]}
    assert es.company_set(["Apple Computer, Inc.", "Wal - Mart"], aliases) == \
        es.company_set(["apple", "Wal-Mart"], aliases)
    assert es.company_set(["Apple Corps"], aliases) != es.company_set(["Apple"], aliases)


def test_units_from_contract_split_sources_by_article() -> None:
    data = {"schema": "timeline-app/1",
            "documents": [{"id": "d1", "path": "/tmp/a/1.txt"}, {"id": "d2", "path": "/tmp/a/2.txt"}],
            "events": [{"id": "e", "type": "launch", "companies": ["Acme"], "start": None, "end": None,
                        "precision": "undated", "sources": [{"document": "d1", "start": 0, "end": 5},
                                                            {"document": "d2", "start": 3, "end": 9},
                                                            {"document": "d1", "start": 7, "end": 9}]}]}
    units = es.units_from_contract(data)
    assert [u.spans for u in units["1.txt"]] == [[(0, 5), (7, 9)]] and [u.spans for u in units["2.txt"]] == [[(3, 9)]]
    assert not units["1.txt"][0].dated
    v2 = {**data, "schema": "timeline-app/2", "events": [{**data["events"][0], "type": "stake", "family": "deal"}]}
    assert [u.type for u in es.units_from_contract(v2)["1.txt"]] == ["investment"]  # scored as its round-2 type
    assert [u.type for u in es.units_from_contract(v2, round2=False)["1.txt"]] == ["stake"]


HELDOUT = ROOT / "tests" / "data" / "wikinews-heldout"


def test_heldout_gold_is_well_formed() -> None:
    """The held-out gold (labelled blind) follows the same format: evidence verbatim, dates consistent."""
    from timeline_app.core.model import ROUND2_TYPES
    recs = [json.loads(x) for x in (HELDOUT / "events_gold.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]
    assert sorted(r["file"] for r in recs) == sorted(p.name for p in HELDOUT.glob("*.txt"))
    for r in recs:
        text = (HELDOUT / r["file"]).read_text(encoding="utf-8")
        for e in r["events"]:
            assert e["type"] in ROUND2_TYPES  # labelled with the round-2 types
            assert all(s in text for s in [e["evidence"], *e.get("also_evidence", [])])
            if e["no_date_stated"]:
                assert e["start"] is None and e["end"] is None
            else:
                assert dt.date.fromisoformat(e["start"]) <= dt.date.fromisoformat(e["end"])
                assert e["precision"] in es.PRECISIONS
