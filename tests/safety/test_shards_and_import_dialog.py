"""Malformed Dask shards and hostile files in File ▸ Import.

``load-shards`` checks its Parquet shards file by file and row by row: a bad file (corrupt bytes, a missing,
renamed or wrongly typed column) skips its shard, a bad row (bad JSON in a JSON column, an extra key, a bad date,
offsets outside the text) skips its document; each is named (shard file, row, document, what is wrong), the rest
loads and merges, and the command exits 0 when something loaded, never with a traceback.

The import dialog opens whatever the file: its preview reads a bounded amount, cells over the csv module's
default limit are fine, a JSON nested too deeply is refused in words, and any other error while previewing is
shown in the dialog instead of stopping it from opening."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from timeline_app.cli import main
from timeline_app.core.bulk import corpus_from_shards
from timeline_app.core.model import DocResult
from timeline_app.core.shards import write_shard

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def results() -> list[DocResult]:
    """The seed articles extracted once (five documents, each with events and mentions)."""
    from timeline_app.core.extract.document import extract_document
    from timeline_app.core.extract.kb import load_kb
    from timeline_app.core.read.readers import read_paths

    raws, _ = read_paths([ROOT / "seeds"])
    out = [extract_document(r, load_kb()) for r in raws]
    assert len(out) == 5 and all(r.events and r.document.mentions for r in out)
    return out


def _shards(folder: Path, results: list[DocResult]) -> Path:
    """Shard 'a' with the first two documents, shard 'b' with the other three."""
    write_shard(results[:2], folder, "a")
    write_shard(results[2:], folder, "b")
    return folder


def _rewrite(path: Path, change: Callable[[Any], Any]) -> None:
    """Rewrite a Parquet file with ``change`` applied to its Arrow table."""
    pq.write_table(change(pq.read_table(path)), path, compression="zstd")


def _rows(path: Path, change: Callable[[list[dict[str, Any]]], None]) -> None:
    """Rewrite a Parquet file with ``change`` applied to its rows (same schema)."""
    table = pq.read_table(path)
    rows = table.to_pylist()
    change(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path, compression="zstd")


def _garble(path: Path) -> None:
    """Overwrite the middle of the file (the compressed pages) and keep its footer: zstd/Parquet bytes broken."""
    data = bytearray(path.read_bytes())
    footer = int.from_bytes(data[-8:-4], "little") + 8
    for i in range(4, len(data) - footer):
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))


def _event_json(change: Callable[[dict[str, Any]], None]) -> Callable[[list[dict[str, Any]]], None]:
    def edit(rows: list[dict[str, Any]]) -> None:
        ev = json.loads(rows[0]["event"])
        change(ev)
        rows[0]["event"] = json.dumps(ev)
    return edit


def _set(key: str, value: Any) -> Callable[[list[dict[str, Any]]], None]:
    def edit(rows: list[dict[str, Any]]) -> None:
        rows[0][key] = value
    return edit


def _first_entity_extra(rows: list[dict[str, Any]]) -> None:
    ents = json.loads(rows[0]["entities"])
    ents[0]["colour"] = "red"
    rows[0]["entities"] = json.dumps(ents)


def _mention_beyond_text(rows: list[dict[str, Any]]) -> None:
    rows[0]["end"] = 10**9


# name: (file of shard 'b', how it is spoiled, words the message must hold, documents of 'b' still loaded)
WHOLE_FILE = 0  # the shard is skipped
ONE_DOC = 2  # shard 'b' has three documents: the one with the bad row is skipped
CASES: dict[str, tuple[str, Callable[[Path], None], tuple[str, ...], int]] = {
    "corrupt zstd pages": ("events", _garble, ("cannot read",), WHOLE_FILE),
    "truncated file": ("documents", lambda p: p.write_bytes(p.read_bytes()[:200]), ("cannot read",), WHOLE_FILE),
    "not Parquet at all": ("mentions", lambda p: p.write_bytes(b"hello, world\n"), ("cannot read",), WHOLE_FILE),
    "empty file": ("documents", lambda p: p.write_bytes(b""), ("cannot read",), WHOLE_FILE),
    "missing column": ("documents", lambda p: _rewrite(p, lambda t: t.drop_columns(["text"])),
                       ("missing column 'text'",), WHOLE_FILE),
    "renamed column": ("events", lambda p: _rewrite(p, lambda t: t.rename_columns(
        ["document" if n == "doc_id" else n for n in t.column_names])), ("missing column 'doc_id'",), WHOLE_FILE),
    "wrong type": ("mentions", lambda p: _rewrite(p, lambda t: t.set_column(
        t.column_names.index("start"), "start", pa.array(["x"] * t.num_rows))), ("column 'start'", "integer"),
        WHOLE_FILE),
    "list where text is": ("events", lambda p: _rewrite(p, lambda t: t.set_column(
        t.column_names.index("event"), "event", pa.array([[1]] * t.num_rows))), ("column 'event'",), WHOLE_FILE),
    "bad JSON in a JSON column": ("documents", lambda p: _rows(p, _set("entities", "{oops")),
                                  ("row 1", "entities", "JSON"), ONE_DOC),
    "deeply nested JSON": ("documents", lambda p: _rows(p, _set("clutter", "[" * 100000 + "]" * 100000)),
                           ("row 1", "clutter"), ONE_DOC),
    "extra key in an entity": ("documents", lambda p: _rows(p, _first_entity_extra),
                               ("row 1", "entities", "colour", "extra key"), ONE_DOC),
    "extra key in an event": ("events", lambda p: _rows(p, _event_json(lambda e: e.update(bogus=1))),
                              ("row 1", "bogus", "extra key"), ONE_DOC),
    "extra key in a source": ("events", lambda p: _rows(p, _event_json(lambda e: e["sources"][0].update(x=1))),
                              ("row 1", "sources.0.x", "extra key"), ONE_DOC),
    "bad document date": ("documents", lambda p: _rows(p, _set("date", "2024-02-30")),
                          ("row 1", "date '2024-02-30'"), ONE_DOC),
    "document date out of range": ("documents", lambda p: _rows(p, _set("date", "0001-01-01")),
                                   ("row 1", "0001-01-01", "supported range"), ONE_DOC),
    "bad event date": ("events", lambda p: _rows(p, _event_json(lambda e: e.update(start="2024-13-01"))),
                       ("row 1", "start"), ONE_DOC),
    "NaN confidence": ("events", lambda p: _rows(p, _event_json(lambda e: e.update(confidence=float("nan")))),
                       ("row 1", "confidence"), ONE_DOC),
    "no text": ("documents", lambda p: _rows(p, _set("text", None)), ("row 1", "no text"), ONE_DOC),
    "text changed after extraction": ("documents", lambda p: _rows(p, _set("text", "something else")),
                                      ("row 1", "does not match"), ONE_DOC),
    "mention outside the text": ("mentions", lambda p: _rows(p, _mention_beyond_text), ("row 1", "outside"),
                                 ONE_DOC),
    "null offset": ("mentions", lambda p: _rows(p, _set("start", None)), ("row 1", "start"), ONE_DOC),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_malformed_shard_is_named_and_the_rest_loads(case: str, results: list[DocResult], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    kind, spoil, words, left_in_b = CASES[case]
    folder = _shards(tmp_path / "sh", results)
    bad = folder / f"{kind}-b.parquet"
    spoil(bad)
    w = tmp_path / "w.timeline"
    assert main(["load-shards", str(folder), "--workspace", str(w)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if str(bad) in ln]
    assert lines, err
    assert all(word in lines[0] for word in words), lines[0]
    assert f"{2 + left_in_b} article(s) added" in err
    if left_in_b == WHOLE_FILE:
        assert "shard 'b' skipped" in lines[0]
    else:
        assert "document skipped" in lines[0]
    from timeline_app.core.store.workspace import Workspace

    ws = Workspace(w)
    try:
        n_docs = ws.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert n_docs == 2 + left_in_b and ws.events()  # the rest merged onto the timeline
    finally:
        ws.close()


def test_nothing_loadable_exits_non_zero_in_words(results: list[DocResult], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder = _shards(tmp_path / "sh", results)
    _garble(folder / "documents-a.parquet")
    (folder / "events-b.parquet").write_bytes(b"PAR1")
    assert main(["load-shards", str(folder), "--workspace", str(tmp_path / "w.timeline")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "0 article(s) added" in err
    assert "documents-a.parquet" in err and "events-b.parquet" in err


def test_an_orphan_row_is_a_warning_and_extract_o_keeps_going(results: list[DocResult], tmp_path: Path) -> None:
    folder = _shards(tmp_path / "sh", results)
    _rows(folder / "mentions-a.parquet", _set("doc_id", "d000000000000"))
    _rows(folder / "events-b.parquet", _event_json(lambda e: e.update(type="party")))
    corpus = corpus_from_shards(folder)  # what `extract --dask -o FILE` merges: problems, not a traceback
    assert len(corpus.documents) == 4
    said = [str(p) for p in corpus.problems]
    orphan = next(p for p in corpus.problems if "d000000000000" in p.reason)
    assert not orphan.fatal and "mentions-a.parquet" in orphan.path
    assert any("events-b.parquet" in s and "type" in s and "document skipped" in s for s in said), said


def test_a_text_twice_is_loaded_once_and_strict_reading_raises(results: list[DocResult], tmp_path: Path) -> None:
    import dataclasses

    from timeline_app.core.bulk import load_shards
    from timeline_app.core.shards import ShardError, read_shards
    from timeline_app.core.store.workspace import Workspace

    first = results[0]
    twin = DocResult(dataclasses.replace(first.document, path="elsewhere/copy.txt"), first.entities, first.events)
    write_shard([first, results[1]], tmp_path / "sh", "a")
    write_shard([twin], tmp_path / "sh", "b")  # in two shards: a duplicate, as in a local run
    write_shard([results[2], twin, results[3], first], tmp_path / "sh", "c")  # twice in one shard: no worker does
    ws = Workspace(tmp_path / "w.timeline")
    try:
        rep = load_shards(ws, tmp_path / "sh")
    finally:
        ws.close()
    assert len(rep.added) == 4 and rep.unchanged == ["elsewhere/copy.txt"]
    said = [str(p) for p in rep.problems]
    assert len(said) == 1 and "documents-c.parquet: row 4 (document " in said[0]
    assert "the same id as row 2" in said[0] and "document skipped" in said[0]
    _rows(tmp_path / "sh" / "documents-a.parquet", _set("date", "someday"))
    with pytest.raises(ShardError, match=r"documents-a\.parquet: row 1 .*date 'someday'"):
        list(read_shards(tmp_path / "sh"))  # without a list for the problems, the first one is raised


def test_an_event_twice_for_one_document_skips_it(results: list[DocResult], tmp_path: Path) -> None:
    folder = _shards(tmp_path / "sh", results)

    def twice(rows: list[dict[str, Any]]) -> None:
        rows.append({**rows[0], "ord": 99})

    _rows(folder / "events-a.parquet", twice)
    corpus = corpus_from_shards(folder)
    assert len(corpus.documents) == 4
    assert any("events-a.parquet" in p.path and "appears twice" in p.reason for p in corpus.problems)


# -- the import dialog --------------------------------------------------------------------------------------
qt = pytest.importorskip("pytestqt")


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from ..gui_support import isolate_settings, shown_window

    isolate_settings(tmp_path, monkeypatch)
    return shown_window(qtbot, tmp_path / "w.timeline", (1200, 800), active=False)


def _open_with_ctrl_i(qtbot: Any, win: Any, path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """File ▸ Import events as the user does it (the file chooser answered with ``path``); the shown dialog."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), "")))
    win.__dict__.pop("import_dialog", None)
    win.actions_by_slot["import_events"].trigger()
    qtbot.waitUntil(lambda: getattr(win, "import_dialog", None) is not None and win.import_dialog.isVisible())
    return win.import_dialog


def _read_so_far() -> int | None:
    """Bytes this process has read through read() calls so far (Linux), else None."""
    try:
        text = Path("/proc/self/io").read_text()
    except OSError:
        return None
    return int(next(ln.split()[1] for ln in text.splitlines() if ln.startswith("rchar:")))


def test_a_csv_cell_over_the_csv_limit_previews_from_a_bounded_read(qtbot: Any, window: Any, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    src = tmp_path / "big.csv"
    cell = "x" * 200_000  # over the csv module's default 131,072
    filler = "2024-01-04,Initech,more of the same\n" * 1_000_000  # 36 MB after the rows previewed
    src.write_text(f"date,company,headline\n2024-01-02,Acme,\"{cell}\"\n2024-01-03,Globex,Globex grows\n{filler}",
                   encoding="utf-8")
    size = src.stat().st_size
    before = _read_so_far()
    dlg = _open_with_ctrl_i(qtbot, window, src, monkeypatch)
    dlg.set_column("headline", "text")  # the preview follows the mapping
    read = None if before is None else _read_so_far() - before  # type: ignore[operator]
    assert dlg.fmt() == "csv" and dlg.columns == ["date", "company", "headline"]
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dlg.preview.item(0, 3).text() == "Acme" and dlg.preview.item(0, 5).text().startswith("xxxx")
    assert dlg.preview.item(1, 3).text() == "Globex"
    if read is not None:
        assert read < size, f"the preview read {read:,} bytes of a {size:,}-byte file"
    assert "first" in dlg.summary.text().lower()


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,
                                  '{"schema": "timeline-app/1", "events": ' + "[" * 50_000 + "]" * 50_000 + "}"])
def test_a_json_nested_too_deeply_is_refused_in_the_dialog(qtbot: Any, window: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    src = tmp_path / "deep.json"
    src.write_text(text, encoding="utf-8")
    dlg = _open_with_ctrl_i(qtbot, window, src, monkeypatch)
    assert "nested too deeply" in dlg.summary.text()
    assert dlg.fmt() == "json" and dlg.preview.rowCount() == 0
    assert not dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


@pytest.mark.parametrize("error", [RuntimeError("boom"), RecursionError("maximum recursion depth exceeded"),
                                   MemoryError()])
def test_an_unexpected_error_while_previewing_is_shown_in_the_dialog(qtbot: Any, window: Any, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     error: Exception) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    import timeline_app.gui.import_dialog as import_dialog

    failing = [True]
    real = import_dialog.read_import

    def fail(*a: Any, **k: Any) -> Any:
        if failing[0]:
            raise error
        return real(*a, **k)

    src = tmp_path / "e.csv"
    src.write_text("date,company,headline\n2024-01-02,Acme,Acme opens\n", encoding="utf-8")
    monkeypatch.setattr(import_dialog, "read_import", fail)
    dlg = _open_with_ctrl_i(qtbot, window, src, monkeypatch)
    assert "cannot preview" in dlg.summary.text().lower() and type(error).__name__ in dlg.summary.text()
    assert not dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    failing[0] = False  # a format chosen again previews again
    dlg.format_box.setCurrentIndex(dlg.format_box.findData("timesketch-csv"))
    dlg.format_box.setCurrentIndex(dlg.format_box.findData("csv"))
    assert dlg.preview.rowCount() == 1
