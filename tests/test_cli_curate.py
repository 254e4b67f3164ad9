"""`timeline-app edit`, `merge-events` and `export`: the scripted curation round trip and its refusals."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from timeline_app.cli import main

ARTICLE = ("Global Wire 2024-05-02\nSamsung Electronics said on Tuesday it signed a supply contract with "
           "Tesla to deliver chips worth $2 billion. The deal was signed in Seoul.\n"
           "Apple announced a partnership with OpenAI on Monday to bring chat features to the iPhone.\n")
UNDATED = "Samsung Electronics met Tesla executives last month in Austin to discuss a partnership.\n"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "u.txt").write_text(UNDATED, encoding="utf-8")
    assert main(["extract", str(tmp_path / "in"), "--workspace", str(tmp_path / "w.timeline"), "-q"]) == 0
    return tmp_path / "w.timeline"


def export(ws: Path, out: Path) -> dict:
    assert main(["export", str(ws), "--output", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def n_edits(ws: Path) -> int:
    with sqlite3.connect(ws) as db:
        return int(db.execute("SELECT count(*) FROM edits").fetchone()[0])


def test_edit_merge_export_round_trip(ws: Path, tmp_path: Path) -> None:
    d = export(ws, tmp_path / "1.json")
    ev = {e["type"]: e for e in d["events"]}
    assert main(["edit", str(ws), ev["contract"]["id"], "--date", "15 Jan 2025", "--summary", "By hand",
                 "--tag", "checked", "--note", "seen", "--star"]) == 0
    und = next(x["id"] for x in d["documents"] if not x["date"])
    assert main(["edit", str(ws), "--document", und, "--date", "2025-11-10"]) == 0
    d2 = export(ws, tmp_path / "2.json")
    sup = next(e for e in d2["events"] if e["summary"] == "By hand")
    assert sup["start"] == "2025-01-15" and {"start", "summary"} <= set(sup["edited"])
    assert sup["tags"] == ["checked"] and sup["notes"] == "seen" and sup["starred"] is True
    assert next(e for e in d2["events"] if e["type"] == "meeting")["start"] == "2025-10-01"
    ids = [sup["id"], next(e for e in d2["events"] if e["type"] == "partnership")["id"]]
    assert main(["merge-events", str(ws), *ids]) == 0
    assert main(["export", str(ws), "--output", str(tmp_path / "3.csv")]) == 0
    assert (tmp_path / "3.csv").read_text(encoding="utf-8").startswith("id,")
    assert main(["export", str(ws), "--output", str(tmp_path / "4.out"), "--format", "jsonl"]) == 0
    lines = (tmp_path / "4.out").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(d2["events"]) - 1
    assert main(["edit", str(ws), json.loads(lines[0])["id"], "--delete"]) == 0
    assert main(["edit", str(ws), json.loads(lines[0])["id"], "--restore"]) == 0


@pytest.mark.parametrize("args, message", [
    (["no-such-event", "--date", "2025-01-01"], "no event"),
    (["{sup}", "--date", "someday"], "cannot read"),
    (["{sup}", "--delete", "--restore"], "contradict"),
    (["{sup}", "--delete", "--summary", "x"], "cannot be combined"),
    (["{sup}", "--star", "--unstar"], "contradict"),
    (["{sup}"], "nothing to change"),
    (["{sup}", "--document", "x", "--date", "2025-01-01"], "not both"),
    (["--document", "nope", "--date", "2025-01-01"], "no article"),
    (["--document", "nope", "--date", "2025-01-01", "--status", "planned"], "only takes --date"),
    (["{sup}", "--status", "maybe"], "invalid choice"),
    (["{sup}", "--restore"], "not deleted"),
])
def test_bad_requests_change_nothing(ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     args: list[str], message: str) -> None:
    d = export(ws, tmp_path / "1.json")
    sup = next(e["id"] for e in d["events"] if e["type"] == "contract")
    before = (n_edits(ws), d["events"])
    capsys.readouterr()
    assert main(["edit", str(ws), *[a.format(sup=sup) for a in args]]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and (len(err.splitlines()) == 1 or "usage" in err)
    assert (n_edits(ws), export(ws, tmp_path / "2.json")["events"]) == before


def test_merge_events_refusals(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge-events", str(ws), "nope", "nada"]) == 2
    assert "no event" in capsys.readouterr().err
    assert main(["merge-events", str(ws / "missing.timeline"), "a", "b"]) == 2
    assert n_edits(ws) == 0


def test_amount_company_kb_and_history(ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = export(ws, tmp_path / "1.json")
    sup = next(e for e in d["events"] if e["type"] == "contract")
    assert main(["edit", str(ws), sup["id"], "--amount", "EUR 300 million"]) == 0
    got = next(e for e in export(ws, tmp_path / "2.json")["events"] if e["type"] == "contract")
    assert got["amounts"][0]["value"] == 3e8 and got["amounts"][0]["currency"] == "EUR" and "amounts" in got["edited"]
    assert main(["edit", str(ws), sup["id"], "--amount", "lots"]) == 2
    company = got["companies"][0]
    assert main(["company", str(ws), company, "--rename", "Renamed Co", "--export-kb", str(tmp_path / "kb.json")]) == 0
    kb = json.loads((tmp_path / "kb.json").read_text(encoding="utf-8"))
    assert kb["entries"][0]["name"] == "Renamed Co" and company in kb["entries"][0]["aliases"]
    assert any("Renamed Co" in e["companies"] for e in export(ws, tmp_path / "3.json")["events"])
    assert main(["company", str(ws), company, "--rename", "X", "--not-company"]) == 2
    capsys.readouterr()
    assert main(["edits", str(ws), "--undo", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "reverted" in out[1] and "active" in out[0]
    assert not any("Renamed Co" in e["companies"] for e in export(ws, tmp_path / "4.json")["events"])
    assert main(["edits", str(ws), "--undo", "99"]) == 2



def test_csv_export_carries_the_curation(ws: Path, tmp_path: Path) -> None:
    import csv

    d = export(ws, tmp_path / "1.json")
    sup = next(e["id"] for e in d["events"] if e["type"] == "contract")
    assert main(["edit", str(ws), sup, "--summary", "Seen", "--tag", "a", "--tag", "b", "--star", "--note", "n"]) == 0
    assert main(["export", str(ws), "--output", str(tmp_path / "e.csv")]) == 0
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    row = next(r for r in rows if r["summary"] == "Seen")
    assert (row["edited"], row["tags"], row["notes"], row["starred"]) == ("summary", "a; b", "n", "yes")
