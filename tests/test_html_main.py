"""HTML pages: trafilatura's main text and htmldate's date, the page's own metadata first, nothing fetched."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from timeline_app.core.read.html_main import main_parts
from timeline_app.core.read.readers import read_file

STORY = [
    "Acme Batteries said on Tuesday it would build a second cell plant in Ohio, doubling its output by 2027.",
    "The company will invest $2 billion in the site and hire about 1,500 workers, its chief executive said.",
    "Globex, which buys most of the cells for its electric vans, welcomed the plan in a statement on Tuesday.",
]
PAGE = """<html><head><title>Acme to build plant | Daily Biz</title>{meta}
<script>var tracking = "Acme Globex";</script></head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/tech">Technology</a></nav>
<div class="cookie">We use cookies to improve your experience and to show you relevant advertising.</div>
<article><h1>Acme to build second plant</h1><p class="byline">By Jane Roe, {shown}</p>
{story}</article>
<aside><h3>Related articles</h3><ul><li><a href="/a"><h4>Initech cuts jobs</h4><p>Initech said on Monday it
would cut 500 jobs at its plant in Texas after a fall in orders from carmakers.</p></a></li></ul></aside>
<section class="comments"><h3>Comments (1)</h3><p>Great news for Ohio, finally some jobs coming back home.</p>
</section><footer>© 2025 Daily Biz. All rights reserved.</footer></body></html>"""


def page(meta: str = "", shown: str = "November 14, 2025") -> str:
    return PAGE.format(meta=meta, shown=shown, story="".join(f"<p>{p}</p>" for p in STORY))


def read(tmp_path: Path, html: str):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    arts, problems = read_file(path)
    assert len(arts) == 1, problems
    return arts[0]


def test_main_text_leaves_page_furniture_out(tmp_path: Path) -> None:
    art = read(tmp_path, page())
    paragraphs = art.text.split("\n\n")
    for p in STORY:
        assert p in paragraphs
    for furniture in ("cookies", "Initech", "Great news", "Markets", "rights reserved", "tracking"):
        assert furniture not in art.text
    assert art.title == "Acme to build second plant" and art.fmt == "html"


def test_own_metadata_wins_and_utc_time_gives_the_local_date_shown(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2025-11-13T23:30:00Z">'
    assert read(tmp_path, page(meta)).date == "2025-11-14"
    meta = '<meta property="article:published_time" content="2025-11-13T10:00:00-05:00">'
    assert read(tmp_path, page(meta)).date == "2025-11-13T10:00:00-05:00"


def test_date_found_by_htmldate_without_metadata(tmp_path: Path) -> None:
    assert read(tmp_path, page(shown="2025-11-14")).date == "2025-11-14"


def test_fallback_to_visible_text_when_trafilatura_finds_nothing(tmp_path: Path) -> None:
    art = read(tmp_path, "<html><body><div>Acme met Globex.</div></body></html>")
    assert "Acme met Globex." in art.text


def test_a_url_as_page_is_never_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    connects: list[object] = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, addr: connects.append(addr))
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connects.append(a))
    path = tmp_path / "link.html"
    path.write_text("http://127.0.0.1:9/article", encoding="utf-8")
    arts, problems = read_file(path)
    assert connects == []
    assert arts or problems
    main_parts("https://example.com/news/story")
    assert connects == []
