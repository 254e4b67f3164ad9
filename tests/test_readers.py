from __future__ import annotations

import json
from pathlib import Path

from timeline_app.core.read.html_text import html_to_text
from timeline_app.core.read.readers import read_file, read_paths


def test_reads_folder_recursively(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Hello world. This is an article.", encoding="utf-8")
    (tmp_path / "two.md").write_text("# Title\n\nBody text here.", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    arts, probs = read_paths([tmp_path])
    assert sorted(Path(a.path).name for a in arts) == ["one.txt", "two.md"]
    # a file skipped inside a folder is reported (not fatal), like one named on the command line
    assert [(Path(p.path).name, p.fatal) for p in probs] == [("ignored.bin", False)]


def test_encodings(tmp_path: Path) -> None:
    text = "Société Générale signs a €2 billion deal with Škoda in Zürich."
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "cp.txt").write_bytes(("Café owners said the “deal” was worth €5 million — a record for the "
                                       "region, according to the company's statement on Monday.").encode("cp1252"))
    for name in ("u16.txt", "bom.txt"):
        arts, probs = read_file(tmp_path / name)
        assert arts[0].text == text and not probs
    arts, probs = read_file(tmp_path / "cp.txt")
    assert "“deal”" in arts[0].text and "€5 million" in arts[0].text
    assert probs and not probs[0].fatal and "invalid UTF-8" in probs[0].reason


def test_bad_input_messages(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "huge.txt").write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MB
    (tmp_path / "bad.json").write_text('{"text": "unterminated', encoding="utf-8")
    (tmp_path / "mixed.jsonl").write_text(
        json.dumps({"text": "Apple met Intel on Monday.", "date": "2024-01-02"}) + "\n{not json}\n"
        + json.dumps({"title": "no body"}) + "\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Tesla opened a plant in Austin.", encoding="utf-8")
    arts, probs = read_paths([tmp_path])
    reasons = {Path(p.path).name + ": " + p.reason for p in probs}
    assert "empty.txt: empty file" in reasons
    assert any(r.startswith("binary.txt: ") and "binary" in r for r in reasons)
    assert any(r.startswith("huge.txt: file is 21.0 MB") for r in reasons)
    assert any(r.startswith("bad.json: malformed JSON at line 1") for r in reasons)
    assert any(r.startswith("mixed.jsonl: line 2: malformed JSON") for r in reasons)
    assert any(r.startswith("mixed.jsonl: line 3: article has no 'text' or 'body'") for r in reasons)
    names = sorted((Path(a.path).name, a.item) for a in arts)
    assert names == [("good.txt", None), ("mixed.jsonl", 1)]


def test_invalid_utf8_is_decoded_with_warning(tmp_path: Path) -> None:
    head = b"The company reported record sales in March, said the chief executive."
    raw = head + b"\xff\xfe\xfa more."
    (tmp_path / "bad.txt").write_bytes(raw)
    arts, probs = read_file(tmp_path / "bad.txt")
    assert arts and "record sales" in arts[0].text
    assert probs[0].reason.startswith(f"invalid UTF-8 at byte {len(head)}; decoded as cp1252")


def test_json_list_and_fields(tmp_path: Path) -> None:
    items = [{"title": "T1", "body": "Body one.", "date": "2025-03-01", "url": "u", "source": "S"},
             {"text": "Body two."}, 5]
    (tmp_path / "list.json").write_text(json.dumps(items), encoding="utf-8")
    arts, probs = read_file(tmp_path / "list.json")
    assert [a.text for a in arts] == ["Body one.", "Body two."]
    assert arts[0].title == "T1" and arts[0].date == "2025-03-01" and arts[0].source == "S"
    assert len(probs) == 1 and "item 2" in probs[0].reason


def test_html_visible_text_only() -> None:
    html = """<html><head><title>Page</title><meta property="article:published_time" content="2024-05-06T10:00:00Z">
    <script>alert('x')</script><style>p{}</style></head><body><h1>Headline here</h1>
    <p>First &amp; second <b>para</b>.</p><img src="http://example.com/x.png"><p>Next</p></body></html>"""
    text, title, date = html_to_text(html)
    assert "alert" not in text and "p{}" not in text
    assert "First & second para." in text and "Next" in text
    assert title == "Headline here" and date == "2024-05-06T10:00:00Z"


def test_missing_path_reported(tmp_path: Path) -> None:
    arts, probs = read_paths([tmp_path / "nope"])
    assert not arts and probs[0].reason == "no such file or folder"
