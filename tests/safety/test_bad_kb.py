"""A user's knowledge-base file (``--kb``, ``$TIMELINE_KB``, the config folder's companies.json) that cannot be
used gets a message naming the file and the problem, never a traceback; the bundled KB is untouched."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from timeline_app.cli import main as cli_main
from timeline_app.core.extract.kb import KBError, load_kb

CASES = {
    "truncated.json": ('{"entries": [', "not valid JSON (line 1"),
    "deep.json": ("[" * (sys.getrecursionlimit() * 4), "nested too deeply"),
    "noname.json": ('{"entries": [{"aliases": ["X"]}]}', 'entry 1 has no "name"'),
    "aliases.json": ('[{"name": "Acme", "aliases": "Acme Corp"}]', '"aliases" must be a list of strings'),
    "scalar.json": ("42", "expected an object"),
    "latin1.json": (b'[{"name": "Soci\xe9t\xe9"}]', "not UTF-8"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_kb_file_is_named_with_its_problem(tmp_path: Path, name: str) -> None:
    body, words = CASES[name]
    path = tmp_path / name
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    with pytest.raises(KBError) as err:
        load_kb([str(path)])
    assert str(path) in str(err.value) and words in str(err.value)


def test_missing_named_kb_is_an_error_not_skipped(tmp_path: Path) -> None:
    with pytest.raises(KBError, match="cannot read it"):
        load_kb([str(tmp_path / "nope.json")])


def test_cli_reports_bad_kb_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (art := tmp_path / "a.txt").write_text("Acme Corp signed a supply deal with Widget Ltd on 3 May 2024.\n",
                                           encoding="utf-8")
    (kb := tmp_path / "kb.json").write_text('{"entries": [', encoding="utf-8")
    rc = cli_main(["extract", str(art), "-o", str(tmp_path / "out.json"), "-q", "-j", "1", "--kb", str(kb)])
    err = capsys.readouterr().err
    assert rc == 2
    assert "knowledge base" in err and str(kb) in err and "Traceback" not in err
    assert not (tmp_path / "out.json").exists()


def test_good_user_kb_still_extends_the_bundled_one(tmp_path: Path) -> None:
    (kb := tmp_path / "kb.json").write_text('[{"name": "Zorblax Dynamics", "aliases": ["Zorblax"]}]',
                                            encoding="utf-8")
    merged = load_kb([str(kb)])
    assert merged.lookup("Zorblax") is not None and merged.lookup("Zorblax").name == "Zorblax Dynamics"
    assert len(merged.entries) == len(load_kb().entries) + 1
