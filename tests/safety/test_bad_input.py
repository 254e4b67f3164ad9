"""Items 4 and 9: one bad item never sinks the batch; limits per item; cancel inside a long article; edge input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline_app.core.corpus import extract_paths
from timeline_app.core.extract.nlp import ExtractionStopped, chunk_paragraphs, extraction_failure, pipe_checked
from timeline_app.core.ingest import ingest, open_workspace
from timeline_app.core.read.readers import MAX_ARTICLE_CHARS, decode_bytes, read_paths

GOOD = "Wire 2024-05-02\nSamsung Electronics signed a supply deal with Tesla on May 1, 2024.\n"


def _hostile_folder(d: Path) -> Path:
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    (d / "deep_obj.json").write_text('{"a":' * 5000 + "1" + "}" * 5000, encoding="utf-8")
    (d / "bin.txt").write_bytes(os.urandom(4096))
    (d / "utf16.txt").write_bytes("Hyundai Motor signed a supply deal with LG Energy Solution on March 3, 2025.\n"
                                  .encode("utf-16-le"))
    (d / "utf16be.txt").write_bytes("Kia met Toyota executives in Seoul on Monday.\n".encode("utf-16-be"))
    (d / "huge.txt").write_text("Samsung said on Monday it will invest in a plant. " * (MAX_ARTICLE_CHARS // 40),
                                encoding="utf-8")
    (d / "ancient.txt").write_text("Old news\n\nJanuary 1, 0001\n\nToyota met Honda in Tokyo on Monday.\n",
                                   encoding="utf-8")
    (d / "future.txt").write_text("Far news\n\nDecember 31, 9999\n\nToyota met Honda in Tokyo on December 31, 9999.\n",
                                  encoding="utf-8")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return d


def test_hostile_files_beside_good_ones(tmp_path: Path) -> None:
    d = _hostile_folder(tmp_path / "in")
    ws = open_workspace(tmp_path / "w.timeline")
    rep = ingest(ws, [d])
    names = {Path(p).name for p in rep.added}
    assert {"good.txt", "utf16.txt", "utf16be.txt", "ancient.txt", "future.txt"} <= names
    why = {Path(p.path).name: p.reason for p in rep.problems}
    assert "nested more than" in why["deep.json"] and "nested more than" in why["deep_obj.json"]
    assert "binary" in why["bin.txt"]
    assert "characters long" in why["huge.txt"]
    assert "not an article file type" in why["notes.pdf"]  # skipped inside a folder: reported, not silent
    assert not [p for p in rep.problems if p.fatal and Path(p.path).name not in
                ("deep.json", "deep_obj.json", "bin.txt", "huge.txt")]
    assert ws.event_columns().n == len(ws.events()) > 0
    ws.close()


def test_utf16_without_bom_is_text_and_noise_is_binary() -> None:
    text, _ = decode_bytes("Toyota met Honda.\n".encode("utf-16-le"))
    assert text.startswith("Toyota met Honda")
    with pytest.raises(Exception, match="binary"):
        decode_bytes(bytes(range(256)) * 4)


def test_chunks_cover_the_text_and_stay_bounded() -> None:
    line = "Samsung said on Monday it will invest in a plant. " * 900 + "x" * 25000
    pieces = chunk_paragraphs([(7, line)], limit=10_000)
    assert all(len(p) <= 10_000 for _, p in pieces)
    assert "".join(p for _, p in pieces) == line
    assert all(line[o - 7:o - 7 + len(p)] == p for o, p in pieces)
    assert pieces[0][1].endswith(". ")  # cut at a sentence end when there is one


def test_cancel_acts_inside_one_long_article(tmp_path: Path) -> None:
    """The cancel flag is checked between pieces of one article, not only between articles."""
    f = tmp_path / "long.txt"
    f.write_text("Samsung said on Monday it will invest in a plant. " * 1500, encoding="utf-8")  # ~8 pieces
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1  # false before the article starts, true from its first piece on

    ws = open_workspace(tmp_path / "w.timeline")
    rep = ingest(ws, [f], cancelled=cancelled)
    assert rep.cancelled and not rep.added and ws.documents() == []
    assert len(calls) <= 3
    ws.close()


def test_time_budget_stops_an_article_with_a_message() -> None:
    from timeline_app.core.extract.nlp import get_nlp

    with pytest.raises(ExtractionStopped, match="took more than"):
        list(pipe_checked(get_nlp(), ["One.", "Two."], budget=-1))


def test_spacy_errors_read_as_words() -> None:
    e = ValueError("[E088] Text of length 1200000 exceeds maximum of 1000000. The parser and NER models "
                   "require roughly 1GB of temporary memory per 100,000 characters in the input.")
    msg = extraction_failure(e)
    assert msg.startswith("the language model could not analyse this article") and "E088" in msg
    assert "1GB" not in msg


def test_no_workspace_batch_goes_on(tmp_path: Path) -> None:
    d = _hostile_folder(tmp_path / "in")
    corpus = extract_paths([d])
    assert {Path(x.path).name for x in corpus.documents} >= {"good.txt", "utf16.txt", "ancient.txt"}


def test_reader_crash_on_one_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.core.read import readers

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>x</p>", encoding="utf-8")
    real = readers.read_file

    def flaky(path):  # a reader bug on one file
        if str(path).endswith(".html"):
            raise RuntimeError("boom")
        return real(path)

    monkeypatch.setattr(readers, "read_file", flaky)
    arts, probs = read_paths([tmp_path])
    assert len(arts) == 1 and any("boom" in p.reason for p in probs)


def test_dates_at_the_ends_of_the_calendar_keep_the_viewer_bounded() -> None:
    """Events in year 1 and 9999 (a crafted import, a typo in a correction): the density pyramid starts at a
    coarser level instead of asking for 3.6 million day bins per lane."""
    import datetime as dt

    from timeline_app.core.index import MAX_PYRAMID_CELLS, EventColumns, LaneIndex, date_to_seconds
    from timeline_app.core.model import Event

    days = [dt.date(1, 1, 1), dt.date(9999, 12, 31)]
    evs = [Event(id=f"e{i}", type="meeting", summary="", start=d, end=d, precision="day", status="happened",
                 companies=[f"C{i}"]) for i, d in enumerate(days * 25)]
    li = LaneIndex(EventColumns.from_events(evs))
    pyr = li.pyramid()
    assert li.first_level > 0 and pyr[0][1].size <= MAX_PYRAMID_CELLS
    counts, _x0, _w = li.density(0, 50, date_to_seconds(days[0]), date_to_seconds(days[1]), 800)
    assert counts.sum() == 50  # every event still counted
