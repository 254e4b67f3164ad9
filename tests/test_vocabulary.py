"""The extraction vocabulary (resources/extraction/*.json, core/extract/vocabulary.py): every file loads and says
what it holds, every list is one the code uses and every list the code uses is there, and the packaging ships the
files (wheel data-files, the PyInstaller bundle)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from timeline_app.core.extract import vocabulary
from timeline_app.core.extract.triggers.find import TYPE_PRIORITY
from timeline_app.core.extract.vocabulary import VocabularyError, grouped, load

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / vocabulary.FOLDER
EXTRACT = ROOT / "timeline_app" / "core" / "extract"


def _files() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("*.json"))


def test_every_file_loads_and_says_what_it_holds() -> None:
    assert _files(), f"no vocabulary in {FOLDER}"
    for name in _files():
        data = json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))
        assert data["about"].strip(), name
        lists = load(name)
        assert lists, name
        for key, entry in lists.items():
            assert entry["about"].strip(), (name, key)
            body = entry.get("words") or entry.get("patterns") or entry.get("table") or entry.get("groups")
            assert body, (name, key)
            if "words" in entry:
                words = entry["words"]
                assert len(words) == len(set(words)), f"{name}.{key}: a word twice"
                assert all(w == w.strip() and w for w in words), f"{name}.{key}: an empty or padded word"


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _type_list(name: str, key: str) -> bool:
    """types_v3.json holds one list per taxonomy type, read all together (test below), not by name."""
    return name == "types_v3" and key not in ("cue_only", "phrasal_triggers", "compound_triggers")


def test_type_words_cover_every_specific_taxonomy_type() -> None:
    taxonomy = json.loads((ROOT / "resources" / "taxonomy.json").read_text(encoding="utf-8"))
    types = {t["id"] for f in taxonomy["families"] for t in f["types"]} - {"other"}
    assert {k for k in load("types_v3") if _type_list("types_v3", k)} == types


def test_every_list_is_used_by_a_module() -> None:
    """A list is used when a module of extract/ names both its file and its key (a list the code asks for and no
    file has fails at import already)."""
    present = {(name, key) for name in _files() for key in load(name) if not _type_list(name, key)}
    used = set()
    for f in EXTRACT.rglob("*.py"):
        lits = _literals(f)
        used |= {(name, key) for name, key in present if name in lits and key in lits}
    assert sorted(present - used) == [], "lists no module uses"


def test_trigger_lexicon_types_are_the_extractors() -> None:
    for key in ("verbs", "nouns"):
        assert set(grouped("triggers", key).values()) <= set(TYPE_PRIORITY), key


def test_a_broken_file_is_named_with_its_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / vocabulary.FOLDER).mkdir()
    cases = {
        "vocab-test-json": ("{", "not valid JSON"),
        "vocab-test-shape": ('{"lists": {}}', 'expected an object with "about" and "lists"'),
        "vocab-test-kind": ('{"about": "x", "lists": {"a": {"about": "y", "words": "z"}}}',
                            '"words" must be a list of strings'),
        "vocab-test-groups": ('{"about": "x", "lists": {"a": {"about": "y", "groups": {"p": ["w"], "q": ["w"]}}}}',
                              '"w" is in groups "p" and "q"'),
    }
    monkeypatch.setattr(vocabulary, "resource_path", lambda name: tmp_path / name)
    try:
        for name, (body, words) in cases.items():
            (tmp_path / vocabulary.FOLDER / f"{name}.json").write_text(body, encoding="utf-8")
            with pytest.raises(VocabularyError, match=re.escape(words)) as err:
                load(name)
            assert f"{name}.json" in str(err.value)
        with pytest.raises(VocabularyError, match="cannot read it"):
            load("vocab-test-missing")
    finally:
        load.cache_clear()


def test_packaging_ships_the_vocabulary() -> None:
    """A wheel installs resources/extraction/ under share/timeline-app/resources/extraction (where core.paths looks);
    the PyInstaller bundle takes resources/ whole."""
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = project["tool"]["setuptools"]["data-files"]
    shipped = {p.relative_to(ROOT).as_posix() for target, globs in data_files.items()
               if target == f"share/timeline-app/resources/{vocabulary.FOLDER}"
               for g in globs for p in ROOT.glob(g)}
    assert shipped == {f"resources/{vocabulary.FOLDER}/{n}.json" for n in _files()}
    spec = (ROOT / "packaging" / "timeline.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec
