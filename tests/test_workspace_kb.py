"""Issue 20, item 4: the workspace owns its knowledge base. The company files an ingest is given are kept in the
workspace, so later merges (the viewer's edits, re-extraction, commands without --kb) use the same knowledge, even
after the file has moved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.core.extract.kb import KBError
from timeline_app.core.ingest import ingest, open_workspace, reextract_document, remerge
from timeline_app.core.store import kb_store

TEXT = ("Halvek agreed to buy Zentrix Inc. for $5 million on March 3, 2024, the two companies said.\n\n"
        "Halvek said the deal would close in June.\n")


def _companies(ws) -> set[str]:
    return {c for e in ws.events() for c in e.companies}


def _extracted(ws, doc: str) -> set[str]:
    """The companies the stored extraction of an article names (what re-extraction wrote)."""
    result = json.loads(ws.db.execute("SELECT result FROM documents WHERE id=?", (doc,)).fetchone()[0])
    return {c for e in result["events"] for c in e["companies"]}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    p = tmp_path / "in" / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_the_knowledge_base_an_ingest_was_given_is_kept_and_used_without_the_file(tmp_path: Path,
                                                                                  article: Path) -> None:
    kb = tmp_path / "my-kb.json"
    kb.write_text(json.dumps({"entries": [{"kind": "company", "name": "Halvek Group", "aliases": ["Halvek"]}]}),
                  encoding="utf-8")
    ws = open_workspace(tmp_path / "w.timeline")
    try:
        ingest(ws, [str(article)], kb_files=[str(kb)])
        assert "Halvek Group" in _companies(ws)
        assert [n for n, _ in kb_store.stored(ws)] == [str(kb.resolve())]
        kb.unlink()  # moved away: the workspace still knows it
        doc = ws.documents()[0].id
        reextract_document(ws, doc)  # as the viewer does when an article's date is set: no --kb there
        assert "Halvek Group" in _extracted(ws, doc)
        remerge(ws, full=True)
        assert "Halvek Group" in _companies(ws)
        assert kb_store.forget(ws) == 1
        reextract_document(ws, doc)
        assert "Halvek Group" not in _extracted(ws, doc) and "Halvek" in _extracted(ws, doc)  # read without it
    finally:
        ws.close()


def test_a_file_that_is_not_a_knowledge_base_is_refused_by_name_and_not_kept(tmp_path: Path, article: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entries": [', encoding="utf-8")
    ws = open_workspace(tmp_path / "w.timeline")
    try:
        with pytest.raises(KBError, match=r"bad\.json"):
            ingest(ws, [str(article)], kb_files=[str(bad)])
        assert kb_store.stored(ws) == ()
    finally:
        ws.close()


def test_the_command_line_lists_and_forgets_the_kept_files(tmp_path: Path, article: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from timeline_app.cli import main

    kb = tmp_path / "my-kb.json"
    kb.write_text(json.dumps([{"kind": "company", "name": "Halvek Group", "aliases": ["Halvek"]}]), encoding="utf-8")
    ws_path = tmp_path / "w.timeline"
    assert main(["extract", str(article), "--workspace", str(ws_path), "--kb", str(kb), "-q"]) == 0
    capsys.readouterr()
    assert main(["company", str(ws_path), "--kept-kb"]) == 0
    assert str(kb.resolve()) in capsys.readouterr().out
    assert main(["company", str(ws_path), "--forget-kb"]) == 0
    assert "forgot 1" in capsys.readouterr().err
    assert main(["company", str(ws_path), "--kept-kb"]) == 0
    assert "keeps no knowledge-base file" in capsys.readouterr().err
