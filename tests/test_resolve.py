"""Cross-document company resolution (issue 20): one canonical name per company across a workspace, each merge
explained, user edits first. Every name here is invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline_app.core import curate
from timeline_app.core.extract.kb import KBEntry, KnowledgeBase, load_kb
from timeline_app.core.ingest import merge_once
from timeline_app.core.merge import merge_results
from timeline_app.core.model import DocResult, Document, Entity, Event, Source
from timeline_app.core.resolve import resolve_companies
from timeline_app.core.store import clusters
from timeline_app.core.store.workspace import Workspace


def _kb(*entries: KBEntry) -> KnowledgeBase:
    return KnowledgeBase(list(entries), load_kb().suffixes, [])


def _companies(*names: str, aliases: dict[str, list[str]] | None = None) -> list[Entity]:
    aliases = aliases or {}
    return [Entity(f"c:{i}", n, "company", list(aliases.get(n, []))) for i, n in enumerate(names)]


def _into(*names: str, kb: KnowledgeBase | None = None, aliases: dict[str, list[str]] | None = None,
          keep: tuple[str, ...] = ()) -> dict[str, str]:
    return resolve_companies(_companies(*names, aliases=aliases), kb or _kb(), keep).into


def test_punctuation_case_and_legal_forms_are_one_name() -> None:
    res = resolve_companies(_companies("Quorvex Bros", "Quorvex Bros.", "Lindqvist Haulage, Inc.",
                                       "Lindqvist Haulage", "ZENTRIQ LTD", "Zentriq"), _kb())
    assert res.into["Quorvex Bros"] == "Quorvex Bros."
    assert res.into["Lindqvist Haulage, Inc."] == "Lindqvist Haulage"
    assert res.into["ZENTRIQ LTD"] == "Zentriq"
    assert res.explain("Lindqvist Haulage, Inc.") == \
        "merged 'Lindqvist Haulage, Inc.' into 'Lindqvist Haulage': same name (legal form)"


def test_a_lone_name_loses_its_legal_form_but_keeps_group() -> None:
    into = _into("Pellworth Systems, Inc.", "Brannock Group")
    assert into == {"Pellworth Systems, Inc.": "Pellworth Systems"}


def test_a_possessive_cut_off_joins_the_name_with_it() -> None:
    assert _into("Marlowe's", "Marlowe") == {"Marlowe": "Marlowe's"}


def test_the_name_an_article_gave_another_company() -> None:
    into = _into("Tessaly", "Tessaly Mining Holdings", "Orvane",
                 aliases={"Tessaly Mining Holdings": ["Tessaly"]})
    assert into == {"Tessaly": "Tessaly Mining Holdings"}


def test_acronym_of_exactly_one_longer_name() -> None:
    assert _into("KVF", "Kestrel Valley Freight", "Norrland Shipping") == {"KVF": "Kestrel Valley Freight"}
    # two names with the same initials: no evidence which one
    assert _into("KVF", "Kestrel Valley Freight", "Kingsport Velvet Foods") == {}


def test_short_form_when_the_rest_only_says_what_kind_of_company() -> None:
    assert _into("Halvard", "Halvard Air Lines")["Halvard"] == "Halvard Air Lines"
    assert _into("Brisco", "Brisco Systems")["Brisco"] == "Brisco Systems"
    # the rest names a unit: not a short form
    assert _into("Quillon", "Quillon Computer Entertainment") == {}
    # two longer names start so: ambiguous
    assert _into("Halvard", "Halvard Air Lines", "Halvard Pictures") == {}


def test_a_name_the_knowledge_base_knows_in_its_own_right_is_not_a_short_form() -> None:
    kb = _kb(KBEntry("company", "Halvard"))
    assert _into("Halvard", "Halvard Air Lines", kb=kb) == {}


def test_nationality_before_the_name() -> None:
    assert _into("Canadian Truvelle", "Truvelle") == {"Canadian Truvelle": "Truvelle"}
    # a first name is no nationality
    assert _into("Ratan Vellis", "Vellis") == {}


def test_truncations_of_a_name_joined_by_a_function_word() -> None:
    into = _into("Mossgrove and Pike", "Mossgrove", "Pike", "Quarry In Motion", "Motion")
    assert into == {"Mossgrove": "Mossgrove and Pike", "Pike": "Mossgrove and Pike", "Motion": "Quarry In Motion"}


def test_one_letter_apart() -> None:
    assert _into("Fennimore & Saltash", "Fennimore & Saltsh") == {"Fennimore & Saltsh": "Fennimore & Saltash"}
    assert _into("Orbix 3", "Orbix 4") == {}


def test_user_names_are_left_alone() -> None:
    assert _into("Halvard", "Halvard Air Lines", keep=("Halvard",)) == {}


def _result(doc: str, day: int, companies: list[str], aliases: dict[str, list[str]] | None = None) -> DocResult:
    d = Document(doc, f"{doc}.txt", doc, "text", dt.date(2031, 3, day))
    ents = {f"c:{c.lower().replace(' ', '-')}": Entity(f"c:{c.lower().replace(' ', '-')}", c, "company",
                                                       list((aliases or {}).get(c, [])))
            for c in companies}
    ev = Event("", "order", "", dt.date(2031, 3, day), dt.date(2031, 3, day), "day", "happened", companies,
               sources=[Source(doc, 0, 4, 0, 4)], confidence=0.6)
    return DocResult(d, ents, [ev])


def test_merge_results_puts_one_company_under_one_name_with_its_explanation() -> None:
    results = [_result("d1", 3, ["Halvard Air Lines", "Brisco Systems"]), _result("d2", 9, ["Halvard"])]
    entities, events = merge_results(results, _kb())
    assert sorted(c for ev in events for c in ev.companies) == ["Brisco Systems", "Halvard Air Lines",
                                                                 "Halvard Air Lines"]
    canon = entities["c:halvard-air-lines"]
    assert "Halvard" in canon.aliases
    assert canon.info["merged"] == ["merged 'Halvard' into 'Halvard Air Lines': short form"]


def _store(ws: Workspace, results: list[DocResult]) -> None:
    with ws.transaction() as db:
        for r in results:
            ws.write_document(db, r, "test", None)


def _lanes(ws: Workspace) -> list[str]:
    return sorted({c for ev in ws.events() for c in ev.companies})


def test_incremental_merge_renames_earlier_articles_when_a_later_one_brings_the_evidence(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "w.timeline")
    kb = load_kb()
    _store(ws, [_result("d1", 3, ["Halvard"])])
    clusters.sync(ws, kb)
    assert _lanes(ws) == ["Halvard"]
    _store(ws, [_result("d2", 9, ["Halvard Air Lines"])])
    clusters.sync(ws, kb)
    assert _lanes(ws) == ["Halvard Air Lines"]
    info = ws.entities()["c:halvard-air-lines"].info
    assert info["merged"] == ["merged 'Halvard' into 'Halvard Air Lines': short form"]
    # the same as merging everything at once
    full = Workspace(tmp_path / "full.timeline")
    _store(full, [_result("d1", 3, ["Halvard"]), _result("d2", 9, ["Halvard Air Lines"])])
    clusters.sync(full, kb)
    assert [ev.companies for ev in full.events()] == [ev.companies for ev in ws.events()]


def test_a_user_edit_wins_over_the_automatic_merge(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "w.timeline")
    _store(ws, [_result("d1", 3, ["Halvard"]), _result("d2", 9, ["Halvard Air Lines"])])
    merge_once(ws)
    assert _lanes(ws) == ["Halvard Air Lines"]
    curate.rename_company(ws, "Halvard", "Halvard Faucets")  # the user says it is another company
    assert _lanes(ws) == ["Halvard Air Lines", "Halvard Faucets"]


def test_company_story_says_what_was_merged_and_what_the_user_did(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "w.timeline")
    _store(ws, [_result("d1", 3, ["Halvard"]), _result("d2", 9, ["Halvard Air Lines"])])
    merge_once(ws)
    assert curate.company_story(ws, "Halvard Air Lines") == ["merged 'Halvard' into 'Halvard Air Lines': short form"]
    curate.set_company_parent(ws, "Halvard Air Lines", "Halvard Holdings")
    story = curate.company_story(ws, "Halvard Air Lines")
    assert story[0].startswith("merged 'Halvard'") and story[1].startswith("your edit: ")


def test_a_group_named_as_a_parent_is_not_where_a_name_goes() -> None:
    ents = [*_companies("Halvard", "Halvard Air Lines"), Entity("c:hh", "Halvard Holdings", "company")]
    ents[1].parent = "Halvard Holdings"
    assert resolve_companies(ents, _kb()).into == {"Halvard": "Halvard Air Lines"}


def test_legal_forms_of_many_countries_but_never_the_whole_name() -> None:
    from timeline_app.core.resolve import strip_legal_form

    kb = _kb()
    assert strip_legal_form("Brisco S.p.A.", kb) == "Brisco"
    assert strip_legal_form("Meranti Resources Sdn Bhd", kb) == "Meranti Resources"
    assert strip_legal_form("Cheng Vallis Co., Ltd.", kb) == "Cheng Vallis"
    assert strip_legal_form("Tessaly Mining Holdings", kb) == "Tessaly Mining Holdings"
    for name in ("The Company", "BA", "SAS", "Inc Digital"):
        assert strip_legal_form(name, kb) == name
    assert _into("Brisco S.p.A.", "Brisco") == {"Brisco S.p.A.": "Brisco"}


def test_an_acronym_that_spells_the_function_words_in_lower_case() -> None:
    assert _into("BoN", "Bank of Norrland", "Brisco") == {"BoN": "Bank of Norrland"}
    assert _into("Brisco", "Bank of Norrland") == {}  # a word is no acronym


def test_the_cli_explains_the_merges(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from timeline_app.cli.company import main

    ws = Workspace(tmp_path / "w.timeline")
    _store(ws, [_result("d1", 3, ["Halvard"]), _result("d2", 9, ["Halvard Air Lines"])])
    merge_once(ws)
    ws.close()
    assert main([str(tmp_path / "w.timeline"), "--explain"]) == 0
    assert capsys.readouterr().out.strip() == "merged 'Halvard' into 'Halvard Air Lines': short form"
    assert main([str(tmp_path / "w.timeline"), "Brisco", "--explain"]) == 0
    assert "no other name" in capsys.readouterr().out


def test_of_two_longer_names_the_one_in_the_business_of_its_articles() -> None:
    ents = _companies("Halvard", "Halvard Air Lines", "Halvard Pictures")
    ents[0].info["context"] = ["air"]  # its articles speak of airlines
    res = resolve_companies(ents, _kb())
    assert res.into == {"Halvard": "Halvard Air Lines"}
    assert res.explain("Halvard") == "merged 'Halvard' into 'Halvard Air Lines': short form (air, as its articles)"
    ents[0].info["context"] = ["bank"]
    assert resolve_companies(ents, _kb()).into == {}


def test_the_business_of_the_articles_naming_a_company_is_kept_across_articles() -> None:
    from timeline_app.core.merge import merge_entities

    a, b = _result("d1", 3, ["Halvard"]), _result("d2", 9, ["Halvard"])
    a.entities["c:halvard"].info["context"] = ["air"]
    b.entities["c:halvard"].info["context"] = ["bank"]
    assert merge_entities([a, b], _kb())["c:halvard"].info["context"] == ["air", "bank"]


def test_retail_says_what_kind_of_company() -> None:
    assert _into("Quorlin", "Quorlin Retail") == {"Quorlin": "Quorlin Retail"}
