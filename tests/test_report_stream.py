"""Reports that stream (issue 23): the streamed HTML report is the report the whole-list code writes, a batch at a
time; the summary by company and month counts right; `timeline-app report --summarise`, and the note a long
report gets in a script."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from timeline_app.cli import main as cli_main
from timeline_app.core.formats import report_stream
from timeline_app.core.formats.report import ReportQuery, documents_for, report_html, select_events
from timeline_app.core.formats.report_stream import ReportCancelled, selection_of, write_report
from timeline_app.core.formats.report_summary import UNDATED, company_months
from timeline_app.core.index import NO_COMPANY
from timeline_app.core.model import Entity, Event, Source
from timeline_app.core.store.workspace import Workspace

from .gui_support import seeds_workspace_in
from .synthetic import make_corpus_workspace

GENERATED = dt.datetime(2025, 1, 2, 3, 4)


@pytest.fixture(scope="module")
def seeds_ws(tmp_path_factory) -> Path:
    """The seed articles extracted: undated events, several sources, real date derivations."""
    return seeds_workspace_in(tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def corpus_ws(tmp_path_factory) -> Path:
    return make_corpus_workspace(tmp_path_factory.mktemp("corpus") / "c.timeline", n_articles=20, n_companies=12,
                                 n_events=400)


def _old_report(ws: Workspace, query: ReportQuery) -> str:
    """The report as it was made before it streamed: every event in a list, every article in a dict."""
    if query.search:
        query.ids = {e.id for e in ws.events_at(sorted(ws.search_events(query.search))).values()}
    events = select_events(ws.events(), query)
    out = report_html(events, documents_for(events, ws.document), title="Report <T>", query=query,
                      generated=GENERATED)
    query.ids = None
    return out


QUERIES = [ReportQuery(), ReportQuery(companies=["samsung sdi", "Acme Motors 000"]), ReportQuery(search="battery"),
           ReportQuery(types=["contract", "launch"], date_from=dt.date(2018, 1, 1), min_confidence=0.5),
           ReportQuery(companies=["No Such Company"])]


@pytest.mark.parametrize("which", ["seeds_ws", "corpus_ws"])
def test_the_streamed_report_is_the_old_report(which: str, request: pytest.FixtureRequest) -> None:
    ws = Workspace(request.getfixturevalue(which))
    try:
        cols = ws.event_columns()
        for query in QUERIES:
            expected = _old_report(ws, query)
            f = io.StringIO()
            stats = write_report(f, ws, cols, selection_of(ws, query, cols), title="Report <T>", query=query,
                                 generated=GENERATED, batch=7)  # many batches, one cut inside equal dates
            assert f.getvalue() == expected, query.describe()
            assert stats.events == len(re.findall(r"<div class='event'>", expected))
        assert stats.events == 0 and "No events match" in f.getvalue()
    finally:
        ws.close()


def _summary_ws(path: Path) -> Path:
    """Events whose counts by company and month are known: several companies, none, one named twice, undated,
    before 1970, a hostile company name."""
    ws = Workspace(path)
    evil = "<b>Evil</b> & Co"
    spec = [("acquisition", "2024-01-05", ["Acme", "Borealis"], 0.9), ("acquisition", "2024-01-20", ["Acme"], 0.5),
            ("launch", "2024-01-31", ["Acme", "Acme"], 0.7), ("launch", "2024-02-01", ["Acme"], 0.8),
            ("contract", None, ["Acme"], 0.6), ("contract", "2023-12-31", [], 0.4),
            ("meeting", "2024-01-10", [evil, "Borealis"], 0.95), ("results", "2024-03-03", ["Borealis"], 0.3),
            ("results", "2024-03-04", ["Borealis"], 0.35), ("results", "2024-03-05", ["Borealis"], 0.99),
            ("results", "2024-03-06", ["Borealis"], 0.2), ("plan", "1969-12-31", ["Acme"], 0.5)]
    events = [Event(f"e{i}", t, f"Event {i} <i>{t}</i>", dt.date.fromisoformat(d) if d else None,
                    dt.date.fromisoformat(d) if d else None, "day" if d else "undated", "happened", cs,
                    sources=[Source("d0", 0, 5, 0, 1)], confidence=c) for i, (t, d, cs, c) in enumerate(spec)]
    ws.write_events({f"c{i}": Entity(f"c{i}", c, "company") for i, c in enumerate(["Acme", "Borealis", evil])},
                    events)
    ws.close()
    return path


def test_the_summary_counts_events_by_company_month_and_type(tmp_path: Path, corpus_ws: Path) -> None:
    for path in (_summary_ws(tmp_path / "s.timeline"), corpus_ws):
        ws = Workspace(path)
        try:
            events = ws.events()
            cols = ws.event_columns()
            mask = selection_of(ws, ReportQuery(), cols)
            expected: dict[str, Counter[tuple[str, str]]] = {}
            for e in events:
                month = e.start.isoformat()[:7] if e.start else UNDATED
                for c in dict.fromkeys(e.companies or [NO_COMPANY]):
                    expected.setdefault(c, Counter())[(month, e.type)] += 1
            got = {name: Counter({(r.month, t): n for r in rows for t, n in r.by_type})
                   for name, rows in company_months(cols, mask)}
            assert got == expected
            for name, rows in company_months(cols, mask):
                months = [r.month for r in rows]
                assert months == sorted(m for m in months if m != UNDATED) + [m for m in months if m == UNDATED]
                for r in rows:
                    assert r.total == sum(n for _, n in r.by_type) and 1 <= len(r.top) <= 3
                    conf = [events[i].confidence for i in r.top]
                    assert conf == sorted(conf, reverse=True)
                    assert all(name in (events[i].companies or [NO_COMPANY]) for i in r.top)
        finally:
            ws.close()
    ws = Workspace(tmp_path / "s.timeline")
    try:
        cols = ws.event_columns()
        rows = dict(company_months(cols, selection_of(ws, ReportQuery(), cols)))
        assert [(r.month, r.total) for r in rows["Acme"]] == [("1969-12", 1), ("2024-01", 3), ("2024-02", 1),
                                                       (UNDATED, 1)]
        assert rows["Acme"][1].by_type == [("acquisition", 2), ("launch", 1)]
        assert [(r.month, r.total) for r in rows["Borealis"]] == [("2024-01", 2), ("2024-03", 4)]
        assert [ws.events()[i].summary for i in rows["Borealis"][1].top] == \
            ["Event 9 <i>results</i>", "Event 8 <i>results</i>", "Event 7 <i>results</i>"]
        assert list(rows) == ["<b>Evil</b> & Co", "Acme", "Borealis", NO_COMPANY]
        only = dict(company_months(cols, selection_of(ws, ReportQuery(companies=["borealis"]), cols),
                                   ReportQuery(companies=["borealis"])))
        assert list(only) == ["Borealis"]  # a company filter lists only the companies asked for
        f = io.StringIO()
        stats = write_report(f, ws, cols, selection_of(ws, ReportQuery(), cols), mode="summary", title="S")
        h = f.getvalue()
        assert stats.events == 12 and "<blockquote>" not in h and "<b>Evil" not in h and "<i>" not in h.lower()
        text = html.unescape(re.sub(r"<[^>]+>", " ", h))
        assert "<b>Evil</b> & Co — 1 event(s)" in text and "Borealis — 6 event(s)" in text
        assert re.search(r"2024-03 +4 +Financial results 4 +Event 9 <i>results</i>", text)
    finally:
        ws.close()


def test_a_cancelled_report_leaves_the_earlier_file(tmp_path: Path, corpus_ws: Path) -> None:
    from timeline_app.core.outputs import atomic_output

    out = tmp_path / "r.html"
    out.write_text("earlier", encoding="utf-8")
    ws = Workspace(corpus_ws)
    try:
        cols = ws.event_columns()
        calls: list[int] = []
        with pytest.raises(ReportCancelled), atomic_output(out) as f:
            write_report(f, ws, cols, selection_of(ws, ReportQuery(), cols), batch=50,
                         progress=lambda done, total: calls.append(done), cancelled=lambda: len(calls) >= 2)
        assert calls == [50, 100] and out.read_text(encoding="utf-8") == "earlier"
        assert list(tmp_path.iterdir()) == [out]
    finally:
        ws.close()


def test_cli_summarise_and_the_note_on_a_long_report(tmp_path: Path, corpus_ws: Path, capsys,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "s.html"
    assert cli_main(["report", str(corpus_ws), "--output", str(summary), "--summarise"]) == 0
    h = summary.read_text(encoding="utf-8")
    assert "Summary by company and month" in h and "<blockquote>" not in h and "<img src='data:image/png" in h
    assert "summary by company and month of 400 event(s)" in capsys.readouterr().err
    monkeypatch.setattr(report_stream, "LONG_REPORT", 100)  # 400 events: a long report
    full = tmp_path / "f.html"
    assert cli_main(["report", str(corpus_ws), "--output", str(full)]) == 0  # not a terminal: never asks
    err = capsys.readouterr().err
    assert "note: the selection has 400 events" in err and "--summarise" in err
    assert len(re.findall(r"<div class='event'>", full.read_text(encoding="utf-8"))) == 400
    assert cli_main(["report", str(corpus_ws), "--output", str(full), "--full"]) == 0
    assert "note:" not in capsys.readouterr().err
    assert cli_main(["report", str(corpus_ws), "--output", str(full), "--company", "Acme Motors 000"]) == 0
    assert "note:" not in capsys.readouterr().err  # under the threshold
    pdf = tmp_path / "s.pdf"
    assert cli_main(["report", str(corpus_ws), "--output", str(pdf), "--summarise"]) == 0
    assert pdf.read_bytes()[:4] == b"%PDF"


class _Terminal(io.StringIO):
    """Typed answers, as from a terminal."""

    def isatty(self) -> bool:
        return True


def test_cli_asks_in_a_terminal(tmp_path: Path, corpus_ws: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(report_stream, "LONG_REPORT", 100)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    out = tmp_path / "r.html"
    monkeypatch.setattr(sys, "stdin", _Terminal("what\ns\n"))  # an unknown answer is asked again
    assert cli_main(["report", str(corpus_ws), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("[s]ummary by company and month") == 2 and "the selection has 400 events" in err
    assert "Summary by company and month" in out.read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", _Terminal("q\n"))
    assert cli_main(["report", str(corpus_ws), "--output", str(tmp_path / "q.html")]) == 1
    assert "nothing written" in capsys.readouterr().err and not (tmp_path / "q.html").exists()
    monkeypatch.setattr(sys, "stdin", _Terminal("e\n"))
    assert cli_main(["report", str(corpus_ws), "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("<div class='event'>") == 400
