"""Property-based tests (hypothesis): date values and intervals, publication-date parsing, time expressions,
clutter spans and the readers. Whatever the input, the code returns a well-formed answer or a clear
Problem, never an exception."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.dates.intervals import PRECISION_RANK, finer, intervals_nested
from timeline_app.core.dates.timevalues import add_months, quarter_of, value_interval, week_value
from timeline_app.core.extract.timex.find import find_timexes
from timeline_app.core.read.clutter import find_clutter
from timeline_app.core.read.pubdate import find_publication_date, parse_field_date
from timeline_app.core.read.readers import SUPPORTED_SUFFIXES, ReadError, decode_bytes, read_file

dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9998, 12, 31))
news_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
# text that looks a little like news: words, digits, punctuation, month names, new lines
news_words = st.sampled_from([
    "Monday", "March", "Sept.", "2025", "13", "Q3", "last", "next", "year", "week", "ago", "the", "of",
    "on", "in", "said", "met", "-", "/", ".", ",", "\n", "\n\n", "05/06/2024", "2024-02-29", "early", "fiscal",
    "first", "half", "decade", "1990s", "three", "months", "Related", "Comments (3)", "Trending", "2025-W07",
])
news_text = st.one_of(st.text(max_size=300), st.lists(news_words, max_size=60).map(" ".join))


@given(dates)
def test_day_month_year_values_contain_their_day(d: dt.date) -> None:
    for value, precision in [(d.isoformat(), "day"), (f"{d.year:04d}-{d.month:02d}", "month"),
                             (f"{d.year:04d}", "year"), (f"{d.year:04d}-Q{quarter_of(d)}", "quarter"),
                             (f"{d.year:04d}-H{1 if d.month <= 6 else 2}", "half")]:
        got = value_interval(value)
        assert got is not None, value
        start, end, prec = got
        assert prec == precision and start <= d <= end, value


@given(st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 24)))
def test_week_value_round_trips(d: dt.date) -> None:
    got = value_interval(week_value(d))
    assert got is not None
    start, end, prec = got
    assert prec == "week" and start.weekday() == 0 and (end - start).days == 6 and start <= d <= end


@given(st.text(max_size=20) | st.from_regex(r"\A\d{3,4}(-(Q\d|H\d|W\d\d|\d\d(-\d\d)?|SP|SU|FA|WI))?\Z")
       | st.from_regex(r"\AFY\d{4}\Z"))
def test_value_interval_never_raises(value: str) -> None:
    got = value_interval(value)
    if got is not None:
        start, end, prec = got
        assert start <= end and prec in PRECISION_RANK


@given(dates, st.integers(min_value=-1200, max_value=1200))
def test_add_months_lands_in_the_right_month(d: dt.date, n: int) -> None:
    months = d.year * 12 + d.month - 1 + n
    if not 12 <= months < 12 * 10000:
        return
    got = add_months(d, n)
    assert got.year * 12 + got.month - 1 == months
    assert got.day == d.day or (got.day < d.day and (got + dt.timedelta(days=1)).day == 1)


@given(st.sampled_from(list(PRECISION_RANK)), st.sampled_from(list(PRECISION_RANK)))
def test_finer_is_a_strict_order(a: str, b: str) -> None:
    assert not (finer(a, b) and finer(b, a))
    assert finer(a, b) == (PRECISION_RANK[a] < PRECISION_RANK[b])


class Span:
    def __init__(self, start: dt.date | None, end: dt.date | None) -> None:
        self.start, self.end = start, end


@given(dates, dates, dates, dates)
def test_interval_nesting_is_symmetric_and_means_containment(a0: dt.date, a1: dt.date, b0: dt.date,
                                                             b1: dt.date) -> None:
    (s, e), (s2, e2) = sorted((a0, a1)), sorted((b0, b1))
    a, b = Span(s, e), Span(s2, e2)
    nested = intervals_nested(a, b)
    assert nested == intervals_nested(b, a)
    assert nested == ((s <= s2 and e2 <= e) or (s2 <= s and e <= e2))
    assert intervals_nested(a, a)
    assert not intervals_nested(a, Span(None, None))


@given(news_dates, st.sampled_from(["", "T08:00:00Z", "T23:59:59+09:00", " 10:30", "T00:00:00.123-05:00"]))
def test_iso_field_dates_parse_to_their_day(d: dt.date, time: str) -> None:
    assert parse_field_date(d.isoformat() + time) == d


@given(news_dates, st.sampled_from(["%B %d, %Y", "%d %B %Y", "%b %d %Y", "%A, %B %d, %Y"]))
def test_written_field_dates_parse_to_their_day(d: dt.date, fmt: str) -> None:
    assert parse_field_date(d.strftime(fmt)) == d


@given(news_text, st.none() | st.text(max_size=40) | news_text)
def test_publication_date_never_raises(text: str, field: str | None) -> None:
    pub = find_publication_date(text, find_clutter(text), field)
    assert 0.0 <= pub.confidence <= 1.0 and pub.source
    if pub.date is None:
        assert pub.confidence == 0.0


@given(news_text)
def test_clutter_spans_lie_inside_the_text_in_order(text: str) -> None:
    spans = find_clutter(text)
    assert all(0 <= s.start < s.end <= len(text) and s.reason for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@settings(max_examples=150, deadline=None)
@given(news_text, st.none() | news_dates)
def test_time_expressions_are_spans_of_the_text_with_sane_values(text: str, anchor: dt.date | None) -> None:
    for t in find_timexes(text, anchor):
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET") and t.value
        iv = t.interval
        if iv is not None:
            assert iv[0] <= iv[1] and iv[2] in PRECISION_RANK


@given(st.binary(max_size=400))
def test_decode_bytes_gives_text_or_a_read_error(data: bytes) -> None:
    try:
        text, warnings = decode_bytes(data)
    except ReadError as e:
        assert str(e).strip()
        return
    assert isinstance(text, str) and all(isinstance(w, str) and w for w in warnings)


def _payloads() -> st.SearchStrategy[bytes]:
    json_like = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
            st.sampled_from(["text", "title", "date", "body", "url", "source", "x"]), inner, max_size=5),
        max_leaves=12,
    )
    return st.one_of(
        st.binary(max_size=600),
        st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.text(max_size=300).map(lambda s: s.encode("utf-16")),
        json_like.map(lambda o: json.dumps(o).encode()),
        st.lists(json_like.map(json.dumps), max_size=5).map(lambda ls: "\n".join(ls).encode()),
        st.lists(st.sampled_from(["<p>", "</p>", "<html>", "<script>", "</script>", "<meta property=",
                                  "'article:published_time' content='2025-11-13T23:30:00Z'>", "<h1>", "</h1>",
                                  "<title>", "Acme met Globex", "&amp;", "&#0;", "<!--", "-->", "<![CDATA[", "\x00"]),
                 max_size=40).map(lambda ls: "".join(ls).encode()),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_payloads(), st.sampled_from([*sorted(SUPPORTED_SUFFIXES), "", ".pdf"]))
def test_any_bytes_give_articles_or_a_clear_problem(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(data)
        articles, problems = read_file(path)
    assert articles or any(p.fatal for p in problems), "nothing read and no reason given"
    for a in articles:
        assert a.text.strip() and a.path == str(path) and "\r" not in a.text
    for p in problems:
        assert p.path == str(path) and p.reason.strip()
