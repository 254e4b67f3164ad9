from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.core.extract.kb import load_kb
from timeline_app.core.extract.mentions.amounts import find_money, find_quantities
from timeline_app.core.extract.mentions.finder import MentionFinder
from timeline_app.core.extract.nlp import get_nlp


def test_money_pairs_and_quantities() -> None:
    m = find_money("worth about 15 trillion won (approximately USD 10.23 billion), or $746 million or KRW1 trillion")
    assert (m[0].value, m[0].currency, m[0].usd) == (15e12, "KRW", pytest.approx(10.23e9))
    krw = next(x for x in m if x.text == "KRW1 trillion")
    assert krw.usd == 746e6
    q = {v for _, _, _, v in find_quantities("a total of 8 gigawatt-hours (GWh); 30 GWh; up 56 percent")}
    assert {"8 GWh", "30 GWh", "56%"} <= q


def test_kb_suffixes_groups_and_user_extension(tmp_path: Path, monkeypatch) -> None:
    kb = load_kb()
    assert kb.lookup("LG Energy Solution Ltd.").name == "LG Energy Solution"
    assert kb.lookup("Samsung Electronics Co.").name == "Samsung Electronics"
    assert kb.root("Harman International Industries") == "Samsung Group"
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps([{"name": "Zyntrix Motors", "aliases": ["Zyntrix"], "parent": "Hyundai Motor Group",
                                  "kind": "company"}]), encoding="utf-8")
    kb2 = load_kb([str(extra)])
    assert kb2.lookup("Zyntrix").name == "Zyntrix Motors" and kb2.root("Zyntrix") == "Hyundai Motor Group"
    assert load_kb().lookup("Zyntrix") is None  # the bundled KB is untouched


def _analyse(text: str, anchor: dt.date | None = None):
    return MentionFinder(load_kb(), get_nlp()).analyse(text, anchor, [])


def test_people_roles_affiliations_and_surnames() -> None:
    an = _analyse("Mercedes-Benz Group Chairman Ola Kallenius met Cho Joo-wan, chief executive officer of LG "
                  "Electronics Inc., in Seoul. Later, Kallenius said the talks went well, and Cho agreed.")
    people = {e.name: e for e in an.entities.values() if e.kind == "person"}
    assert people["Ola Källenius"].info["affiliation"] == "Mercedes-Benz Group"
    assert people["Cho Joo-wan"].info["affiliation"] == "LG Electronics"
    assert people["Cho Joo-wan"].info["role"] == "chief executive officer"
    surnames = [m for m in an.mentions if m.text in ("Kallenius", "Cho") and m.kind == "person"]
    assert {m.entity for m in surnames} == {people["Ola Källenius"].id, people["Cho Joo-wan"].id}


def test_outlets_are_media_not_companies() -> None:
    an = _analyse("According to the Seoul Economic Daily, Hanmi Robotics signed a deal, Yonhap reported.")
    kinds = {m.text: m.kind for m in an.mentions}
    assert kinds["Seoul Economic Daily"] == "media" and kinds["Yonhap"] == "media"
    assert kinds["Hanmi Robotics"] == "company"


def test_gui_start_does_not_load_heavy_modules() -> None:
    heavy = ["spacy", "trafilatura", "lxml.html", "dask", "pyarrow"]
    code = ("import sys; import timeline_app.gui.main_window, timeline_app.gui.launch, timeline_app.cli; "
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"loaded at GUI start: {out.stdout.strip()}"
