"""The seed corpus's must-haves, checked through the public CLI and the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds_json(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("x") / "out.json"
    proc = subprocess.run([sys.executable, "-m", "timeline_app", "extract", str(SEEDS), "--output", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _doc(data: dict, prefix: str) -> dict:
    return next(d for d in data["documents"] if Path(d["path"]).name.startswith(prefix))


def _by_docs(data: dict, ev: dict) -> set[str]:
    names = {d["id"]: Path(d["path"]).name[:3] for d in data["documents"]}
    return {names[s["document"]] for s in ev["sources"]}


def test_contract_shape(seeds_json: dict) -> None:
    assert seeds_json["schema"] == "timeline-app/2"
    d = seeds_json["documents"][0]
    assert {"id", "path", "title", "date", "date_source", "mentions"} <= d.keys()
    assert {"start", "end", "text", "kind", "entity", "value"} <= d["mentions"][0].keys()
    e = seeds_json["events"][0]
    assert {"id", "type", "family", "summary", "start", "end", "precision", "status", "companies", "people",
            "places", "amounts", "sources", "confidence"} <= e.keys()
    from timeline_app.core.model import EVENT_TYPES, family_of

    assert all(ev["type"] in EVENT_TYPES and ev["family"] == family_of(ev["type"]) for ev in seeds_json["events"])
    kinds = {m["kind"] for d in seeds_json["documents"] for m in d["mentions"]}
    assert {"company", "person", "place", "money", "quantity", "date"} <= kinds


def test_publication_dates(seeds_json: dict) -> None:
    assert [_doc(seeds_json, p)["date"] for p in ("000", "001", "002", "003", "004")] == \
        ["2025-11-13", "2025-11-13", "2025-06-09", None, None]
    assert "Monday" in _doc(seeds_json, "002")["date_source"]


def test_mentions_offsets_and_entities(seeds_json: dict) -> None:
    from .conftest import seed_text

    for prefix in ("000", "003"):
        text = seed_text(prefix)
        for m in _doc(seeds_json, prefix)["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    ents = {e["name"]: e for e in seeds_json["entities"]}
    assert ents["LG Energy Solution"]["parent"] == "LG Group"
    assert "LG Energy Solution Ltd." in ents["LG Energy Solution"]["aliases"]
    money = [m for m in _doc(seeds_json, "000")["mentions"] if m["kind"] == "money"]
    assert any(m["text"] == "15 trillion won" for m in money)


def test_seoul_meeting_and_samsung_dinner_merge_both_reports(seeds_json: dict) -> None:
    meetings = [e for e in seeds_json["events"] if e["type"] == "meeting" and e["start"] == "2025-11-13"]
    lg = [e for e in meetings if "LG Group" in e["companies"] and "Mercedes-Benz Group" in e["companies"]]
    samsung = [e for e in meetings if "Samsung Electronics" in e["companies"]
               and not any(c.startswith("LG") for c in e["companies"])]
    assert len(lg) == 1 and _by_docs(seeds_json, lg[0]) == {"000", "001"}
    assert lg[0]["precision"] == "day"
    assert len(samsung) == 1 and _by_docs(seeds_json, samsung[0]) == {"000", "001"}
    assert "Lee Jae-yong" in samsung[0]["people"]


def test_earlier_meetings_dated_from_relative_expressions(seeds_json: dict) -> None:
    mar24 = [e for e in seeds_json["events"] if e["type"] == "meeting" and e["start"] == "2024-03-01"]
    assert mar24 and mar24[0]["precision"] == "month" and "Mercedes-Benz Group" in mar24[0]["companies"]
    mar25 = [e for e in seeds_json["events"] if e["type"] == "meeting" and e["start"] == "2025-03-01"]
    assert mar25 and mar25[0]["precision"] == "month" and "Samsung Electronics" in mar25[0]["companies"]


def test_battery_supply_deal_dated_2025_with_amount(seeds_json: dict) -> None:
    deals = [e for e in seeds_json["events"] if e["type"] == "contract" and e["start"] == "2025-01-01"
             and e["precision"] == "year"]
    assert deals
    amt = [a for e in deals for a in e["amounts"] if a["currency"] == "KRW"]
    assert amt and amt[0]["value"] == 15e12 and amt[0]["usd"] == pytest.approx(10.23e9)
    assert "LG Energy Solution" in deals[0]["companies"]


def test_no_outlet_is_an_actor_and_no_events_from_clutter(seeds_json: dict) -> None:
    media = {e["name"] for e in seeds_json["entities"] if e["kind"] == "media"}
    assert {"Maeil Business News Korea", "Yonhap"} <= media
    for ev in seeds_json["events"]:
        assert not set(ev["companies"]) & media
        assert ev["companies"]
    d4 = _doc(seeds_json, "004")
    from .conftest import seed_text

    text = seed_text("004")
    list_start = text.index("China Manufacturing PMI")
    for ev in seeds_json["events"]:
        for s in ev["sources"]:
            if s["document"] == d4["id"]:
                assert s["start"] < list_start
    d2 = _doc(seeds_json, "002")
    related = seed_text("002").index("Related Articles")
    assert all(s["start"] < related for ev in seeds_json["events"] for s in ev["sources"] if s["document"] == d2["id"])


def test_undated_documents_give_undated_or_absolute_events(seeds_json: dict) -> None:
    d3 = _doc(seeds_json, "003")["id"]
    for ev in seeds_json["events"]:
        if all(s["document"] == d3 for s in ev["sources"]) and ev["start"]:
            # only absolute expressions resolve without a publication date
            assert ev["start"][:4] in ("1997", "2026")


def test_cli_batch_with_bad_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "good.txt").write_text("March 3, 2024\nTesla Inc. signed a supply contract with Panasonic on "
                                       "Monday to buy batteries worth $1.5 billion.", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    proc = subprocess.run([sys.executable, "-m", "timeline_app", "extract", str(tmp_path), "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0
    assert "empty.txt: empty file" in proc.stderr and "bin.txt: binary" in proc.stderr
    assert "bad.json: malformed JSON" in proc.stderr
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert any(e["type"] == "contract" and {"Tesla", "Panasonic"} <= set(e["companies"])
               and e["start"] == "2024-02-26" for e in events)  # the Monday before Sunday 3 March
    proc2 = subprocess.run([sys.executable, "-m", "timeline_app", "extract", str(tmp_path / "empty.txt"),
                            "-o", str(tmp_path / "x.csv")], capture_output=True, text=True)
    assert proc2.returncode == 1


def test_supply_contracts_in_the_undated_article_keep_both_sides(seeds_json: dict) -> None:
    """003: LG Energy Solution's contract with Chery (one deal, both companies; a name never runs across a
    sentence end) and Solus Advanced Materials' contract with CATL; the article has no date, so neither has."""
    d3 = _doc(seeds_json, "003")["id"]
    supply = [e for e in seeds_json["events"] if e["type"] == "contract"
              and any(s["document"] == d3 for s in e["sources"])]
    chery = [e for e in supply if {"LG Energy Solution", "Chery Automobile"} <= set(e["companies"])]
    assert len(chery) == 1 and chery[0]["start"] is None
    assert not [e for e in supply if "Chery Automobile" in e["companies"] and e not in chery]
    assert any({"Solus Advanced Materials", "CATL"} <= set(e["companies"]) for e in supply)
    assert not any(". " in n for n in (x["name"] for x in seeds_json["entities"]))


def test_hyosung_meeting_dated_like_the_visit_and_no_borrowed_since_interval(seeds_json: dict) -> None:
    hyosung = [e for e in seeds_json["events"] if e["type"] == "meeting" and "HS Hyosung" in e["companies"]]
    assert len(hyosung) == 1 and hyosung[0]["start"] == "2025-11-13" and hyosung[0]["precision"] == "day"
    # only the supply that runs 'since 2020' spans 2020..publication; 'also agreed' does not borrow that state
    since = [e for e in seeds_json["events"] if e["start"] == "2020-01-01"]
    assert len(since) == 1 and since[0]["type"] == "contract" and "LG Display" in since[0]["companies"]
