"""The shareable report: self-contained HTML (escaped, nothing fetched), date order, derivations and quotes;
the CLI command for HTML and PDF."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from timeline_app.cli import COMMANDS
from timeline_app.cli import main as cli_main
from timeline_app.core.dates.parse import parse_date_text
from timeline_app.core.formats.report import ReportQuery, date_derivation, report_html, select_events
from timeline_app.core.model import Document, Event, Mention, Source

from .synthetic import make_corpus_workspace

HOSTILE = '<script>alert(1)</script> Acme <img src="http://example.com/x.png"> signed with Borealis on May 2, 2024.'


def _corpus() -> tuple[list[Event], dict[str, Document]]:
    doc = Document(id="d1", path="/a/hostile.txt", title="<b>Hostile</b> & title", text=HOSTILE,
                   date=dt.date(2024, 5, 6), date_source="byline",
                   mentions=[Mention(HOSTILE.index("May 2"), HOSTILE.index("May 2") + 11, "May 2, 2024", "date",
                                     None, "2024-05-02")])
    ev = [Event("e1", "supply", "Acme supply deal with Borealis", dt.date(2024, 5, 2), dt.date(2024, 5, 3), "day",
                "happened", ["Acme", "Borealis"], sources=[Source("d1", 0, len(HOSTILE), 40, 46)]),
          Event("e0", "meeting", "Acme met Cobalt", dt.date(2023, 1, 1), dt.date(2024, 1, 1), "year", "planned",
                ["Acme", "Cobalt"], sources=[Source("d1", 0, 20, 0, 5)]),
          Event("e2", "launch", "Undated launch", None, None, "undated", "happened", ["Cobalt"])]
    return ev, {"d1": doc}


def test_html_is_self_contained_escaped_and_in_date_order():
    events, docs = _corpus()
    chosen = select_events(events, ReportQuery())
    assert [e.id for e in chosen] == ["e0", "e1", "e2"]  # date order, undated last
    h = report_html(chosen, docs, title="Report <x>")
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', h, re.I)
    assert "<script>alert" not in h and "&lt;script&gt;" in h
    assert "<svg" not in h and "<img" not in h and "Report &lt;x&gt;" in h  # no picture unless one is given
    text = html.unescape(re.sub(r"<[^>]+>", " ", h))
    assert "“May 2, 2024”" in text and "2024-05-06" in text  # how the date was derived, against the article date
    assert text.index("Acme met Cobalt") < text.index("Acme supply deal") < text.index("Undated launch")
    assert "<b>Hostile</b> & title" in text  # article title quoted as text
    with pytest.raises(ValueError):
        report_html(chosen, docs, image_src="http://example.com/a.png")


def test_query_filters_companies_types_and_dates():
    events, docs = _corpus()
    assert [e.id for e in select_events(events, ReportQuery(companies=["cobalt"]))] == ["e0", "e2"]
    assert [e.id for e in select_events(events, ReportQuery(types=["supply"]))] == ["e1"]
    assert [e.id for e in select_events(events, ReportQuery(date_from=dt.date(2024, 3, 1)))] == ["e1"]
    assert [e.id for e in select_events(events, ReportQuery(date_to=dt.date(2023, 6, 1)))] == ["e0"]
    assert "No date" in date_derivation(events[2], docs)


def test_cli_report_html_and_pdf(tmp_path: Path, capsys):
    assert "report" in COMMANDS
    ws = make_corpus_workspace(tmp_path / "w.timeline", n_articles=20, n_companies=12, n_events=200)
    out = tmp_path / "r.html"
    name = "Acme Motors 000"
    assert cli_main(["report", str(ws), "--output", str(out), "--company", name, "--from", "2017-01-01",
                     "--type", "supply", "--type", "meeting"]) == 0
    h = out.read_text(encoding="utf-8")
    events = re.findall(r"<div class='event'><h3>.*?</h3>", h)
    assert events and all(name in html.unescape(e) or "Acme" in e for e in events)
    labels = re.findall(r"</span> \d+\. (.*?) — ", h)  # the one date label of every view (core/dates/labels)
    starts = [parse_date_text(html.unescape(t).removeprefix("week of ").split(" to ")[0]).start for t in labels]
    assert labels and all(starts) and starts == sorted(starts) and min(starts) >= dt.date(2016, 12, 31)
    pdf = tmp_path / "r.pdf"
    assert cli_main(["report", str(ws), "--output", str(pdf)]) == 0
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 20000
    assert cli_main(["report", str(tmp_path / "missing.timeline"), "--output", str(out)]) == 2
    assert not (tmp_path / "missing.timeline").exists()
