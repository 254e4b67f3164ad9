"""bench/score_v3.py on a hand-made article: one system event fully right, one with the wrong type (right family),
one gold event missed and one spurious; the figures, the old → v3 type mapping and the command line."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import event_score as es
import score_v3 as sv

S1 = "Acme Corp will buy Widgetco for $5 million, the companies said on Monday."
S2 = "Beta Ltd bought a 10% stake in Gamma."
S3 = "Acme reported a profit of $2 million for 2007."
S4 = "Acme opened a new logo shop."
TEXT = f"Acme to buy Widgetco\n\nMarch 5, 2008\n\n{S1} {S2} {S3} {S4}\n"


def _gold_event(n: int, type_: str, companies: list[str], evidence: str, start: str | None = None,
                end: str | None = None, precision: str | None = None) -> dict[str, Any]:
    return {"id": f"1-{n}", "type": type_, "title": f"event {n}", "companies": companies, "organisations": [],
            "start": start, "end": end, "precision": precision, "no_date_stated": start is None,
            "date_basis": "relative" if start else None, "status": "happened", "amount": None, "background": False,
            "evidence": evidence, "also_evidence": []}


GOLD = {"doc_id": "1", "file": "1.txt", "title": "Acme to buy Widgetco", "dct": "2008-03-05",
        "aliases": {"Widget": ["Widgetco"]}, "labeller": "T", "split": "dev",
        "events": [_gold_event(1, "acquisition", ["Acme", "Widget"], S1, "2008-03-03", "2008-03-03", "day"),
                   _gold_event(2, "stake", ["Beta", "Gamma"], S2),
                   _gold_event(3, "results", ["Acme"], S3, "2007-01-01", "2007-12-31", "year")]}


def _span(sentence: str) -> dict[str, Any]:
    i = TEXT.index(sentence)
    return {"document": "d1", "start": i, "end": i + len(sentence)}


def _sys_event(id_: str, type_: str, companies: list[str], sentence: str, start: str | None = None,
               precision: str | None = None) -> dict[str, Any]:
    return {"id": id_, "type": type_, "summary": id_, "start": start, "end": start, "precision": precision,
            "companies": companies, "sources": [_span(sentence)]}


EXTRACTION = {
    "schema": "timeline-app/1",
    "documents": [{"id": "d1", "path": "/somewhere/1.txt"}],
    "entities": [{"id": "c:widget-holdings", "name": "Widget Holdings", "kind": "company", "aliases": ["Widgetco"]}],
    "events": [
        # right: round-2 "investment" maps to acquisition; "Acme Corporation" is Acme, Widget Holdings is Widgetco
        _sys_event("s1", "investment", ["Acme Corporation", "Widget Holdings"], S1, "2008-03-03", "day"),
        # wrong type (acquisition for a stake), right family (deals), companies and date (undated) right
        _sys_event("s2", "investment", ["Beta", "Gamma"], S2),
        # spurious: on no gold evidence; S3 (results) has no system event: missed
        _sys_event("s4", "launch", ["Acme"], S4, "2008-03-05", "day"),
    ],
}


@pytest.fixture(scope="module")
def tax() -> sv.Taxonomy:
    return sv.load_taxonomy()


def _score(extraction: dict[str, Any], tax: sv.Taxonomy) -> dict[str, Any]:
    units = es.units_from_contract(extraction, round2=False)["1.txt"]
    return sv.summarise([sv.score_article(GOLD, TEXT, units, tax, sv.system_names(extraction))], tax)


def test_mapping_targets_are_v3_types_of_that_old_type(tax: sv.Taxonomy) -> None:
    from timeline_app.core.model import EVENT_TYPES, ROUND2_TYPES, v3_type

    taxonomy = json.loads(sv.TAXONOMY.read_text(encoding="utf-8"))
    old_of = {t["id"]: t["old"] for f in taxonomy["families"] for t in f["types"]}
    assert set(sv.OLD_TO_V3) == set(ROUND2_TYPES)
    for old, new in sv.OLD_TO_V3.items():
        assert old_of[new] == old, (old, new)
        assert v3_type(old) == new and new in EVENT_TYPES  # the scorer maps as the app does
    assert sv.v3_type("investment", tax) == "acquisition"
    assert sv.v3_type("stake", tax) == "stake"  # already a v3 id: kept
    assert sv.v3_type("meeting", tax) == "meeting"


def test_figures_of_one_right_one_wrong_type_one_missed(tax: sv.Taxonomy) -> None:
    s = _score(EXTRACTION, tax)
    assert (s["gold"], s["system"], s["matched"], s["missed"], s["spurious"]) == (3, 3, 2, 1, 1)
    assert s["recall"] == pytest.approx(2 / 3, abs=1e-4) and s["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["type_accuracy"] == 0.5 and s["family_accuracy"] == 1.0
    assert s["company_set_accuracy"] == 1.0
    assert s["company_set_accuracy_gold_aliases_only"] == 0.5  # "Widget Holdings" is Widget only through its alias
    assert s["date_accuracy"] == 1.0
    assert s["fully_right_count"] == 1 and s["fully_right"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["fully_right_family_count"] == 2
    assert s["system_undated"] == 1 and s["dated_where_no_date"] == 0
    assert s["gold_specific_share"] == 1.0 and s["system_specific_share"] == 1.0
    deal, money, product = s["families"]["deal"], s["families"]["money"], s["families"]["product"]
    assert (deal["gold"], deal["system"], deal["matched"], deal["recall"]) == (2, 2, 2, 1.0)
    assert (deal["fully_right"], deal["fully_right_family"]) == (0.5, 1.0)
    assert (money["gold"], money["recall"], money["fully_right"]) == (1, 0.0, 0.0)
    assert (product["gold"], product["system"], product["recall"]) == (0, 1, None)
    assert s["gold_types"]["stake"] == {"gold": 1, "matched": 1, "type_ok": 0, "fully_right": 0}
    assert s["system_types"] == {"investment->acquisition": 2, "launch": 1}


def test_a_date_where_the_gold_states_none_is_counted(tax: sv.Taxonomy) -> None:
    ext = copy.deepcopy(EXTRACTION)
    ext["events"][1].update(start="2008-03-05", end="2008-03-05", precision="day")
    s = _score(ext, tax)
    assert s["matched"] == 2 and s["dated_where_no_date"] == 1 and s["date_accuracy"] == 0.5
    assert s["fully_right_family_count"] == 1


def test_command_line_scores_a_given_extraction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold" / "dev.jsonl").write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    (tmp_path / "articles" / "1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sys.json").write_text(json.dumps(EXTRACTION), encoding="utf-8")
    out = tmp_path / "figures.json"
    assert sv.main(["--corpus", str(tmp_path), "--system", str(tmp_path / "sys.json"), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "matched                  2" in printed and "Deals" in printed
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["split"] == "dev" and figures["fully_right_count"] == 1 and figures["recall"] == 0.6667
