"""The summary a report gives of a very large selection (issue 23): a table per company, one row per month, with
the number of events of each type and the titles of the most confident ones. Computed from the timeline's columns
(:mod:`..index`: type, start and companies of every event as arrays) without reading the events; only the few
titles shown are read, a company at a time."""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ..index import DAY, NO_COMPANY, EventColumns
from ..model import EVENT_TYPE_LABELS, EVENT_TYPES
from .report import ReportQuery

#: Titles shown per company and month (the most confident events of the row).
TOP_TITLES = 3
#: The label of the row of a company's undated events.
UNDATED = "undated"


@dataclass
class MonthRow:
    """One company's events in one month (``"2024-05"``, or :data:`UNDATED`)."""

    month: str
    total: int
    by_type: list[tuple[str, int]]  # (event type, count), most first
    top: list[int] = field(default_factory=list)  # rows of the most confident events, most confident first


def _months(t0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Months since January 1970 (before it: negative) of start times in seconds, and whether each is dated
    (NaN: undated, month 0)."""
    dated = ~np.isnan(t0)
    days = np.where(dated, np.floor(np.where(dated, t0, 0.0) / DAY), 0.0).astype(np.int64)
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64), dated


@dataclass
class _Counts:
    """The selection counted by (company, month, type), and its most confident events by (company, month)."""

    names: dict[int, str]  # company lane -> name, in the order the tables come
    span: int  # months per company (the last one: undated)
    m0: int  # the first month (since 1970)
    keys: np.ndarray  # sorted (lane * span + month) * types + type code
    key_group: np.ndarray  # keys // types: lane * span + month
    counts: np.ndarray
    top_group: np.ndarray  # sorted lane * span + month, up to ``top`` per value
    top_rows: np.ndarray  # the event rows of ``top_group``

    def month(self, group: int, lane: int) -> str:
        m = group - lane * self.span
        return UNDATED if m == self.span - 1 else str(np.datetime64(m + self.m0, "M"))


def _count(cols: EventColumns, mask: np.ndarray, query: ReportQuery | None, top: int) -> _Counts | None:
    mask = np.asarray(mask, dtype=bool)
    if not len(cols.p_event):
        return None
    keep = mask[cols.p_event]
    if query is not None and query.companies:
        wanted = {c.casefold() for c in query.companies}
        keep &= np.array([c.casefold() in wanted for c in cols.companies], dtype=bool)[cols.p_lane]
    pe, pl = cols.p_event[keep].astype(np.int64), cols.p_lane[keep].astype(np.int64)
    if not len(pe):
        return None
    pair = np.unique(pl * cols.n + pe)  # an event naming a company twice counts once
    pl, pe = pair // cols.n, pair % cols.n
    month, dated = _months(cols.t0[pe])
    m0 = int(month[dated].min()) if dated.any() else 0
    span = int(month[dated].max()) - m0 + 2 if dated.any() else 1
    group = pl * span + np.where(dated, month - m0, span - 1)  # undated after the last month
    n_types = len(EVENT_TYPES)
    keys, counts = np.unique(group * n_types + cols.type_code[pe].astype(np.int64), return_counts=True)
    del keep, pair, month, dated  # the arrays of the selection held at once stay few
    order = np.lexsort((-cols.confidence[pe], group))  # most confident first within a (company, month)
    g_sorted, rows_sorted = group[order], pe[order]
    starts = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1]])
    rank = np.arange(len(g_sorted)) - np.repeat(starts, np.diff(np.r_[starts, len(g_sorted)]))
    names = {int(lane): cols.companies[int(lane)] for lane in np.unique(pl)}
    order_names = sorted(names, key=lambda i: (names[i] == NO_COMPANY, names[i].casefold(), names[i]))
    return _Counts({i: names[i] for i in order_names}, span, m0, keys, keys // n_types, counts,
                   g_sorted[rank < top], rows_sorted[rank < top])


def _rows(c: _Counts, lane: int) -> list[MonthRow]:
    n_types = len(EVENT_TYPES)
    lo, hi = np.searchsorted(c.key_group, [lane * c.span, (lane + 1) * c.span])
    rows: list[MonthRow] = []
    for key, n in zip(c.keys[lo:hi].tolist(), c.counts[lo:hi].tolist(), strict=True):
        label = c.month(key // n_types, lane)
        if not rows or rows[-1].month != label:
            rows.append(MonthRow(label, 0, []))
        rows[-1].total += n
        rows[-1].by_type.append((EVENT_TYPES[key % n_types], n))
    by_month = {r.month: r for r in rows}
    t_lo, t_hi = np.searchsorted(c.top_group, [lane * c.span, (lane + 1) * c.span])
    for g, r in zip(c.top_group[t_lo:t_hi].tolist(), c.top_rows[t_lo:t_hi].tolist(), strict=True):
        by_month[c.month(g, lane)].top.append(r)
    for row in rows:
        row.by_type.sort(key=lambda tc: (-tc[1], tc[0]))
    return rows


def company_months(cols: EventColumns, mask: np.ndarray, query: ReportQuery | None = None,
                   top: int = TOP_TITLES) -> Iterator[tuple[str, list[MonthRow]]]:
    """Per company the selected events name (by name, case ignored; "(no company)" last), its months in order
    (undated last). An event naming several companies counts under each; under a company filter only the
    companies asked for are listed (as in the picture)."""
    c = _count(cols, mask, query, top)
    if c is not None:
        for lane, name in c.names.items():
            yield name, _rows(c, lane)


def _titles(db: sqlite3.Connection, rows: list[int]) -> dict[int, str]:
    """The summaries of events by row (0-based)."""
    out: dict[int, str] = {}
    for i in range(0, len(rows), 500):
        part = [r + 1 for r in rows[i:i + 500]]
        for rowid, summary in db.execute(f"SELECT rowid, summary FROM events WHERE rowid IN "
                                         f"({','.join('?' * len(part))})", part):
            out[rowid - 1] = summary or ""
    return out


def summary_pieces(db: sqlite3.Connection, cols: EventColumns, mask: np.ndarray, query: ReportQuery | None = None,
                   *, progress: Callable[[int, int], None] | None = None) -> Iterator[str]:
    """The summary as HTML fragments, a company at a time (text escaped); ``progress(done, total)`` counts
    companies."""
    yield ("<h2>Summary by company and month</h2><p class='meta'>Each event is counted under every company it "
           "names and the month it starts in; the titles are the most confident events of the month. The full "
           "report lists every event with its evidence quoted.</p>")
    c = _count(cols, mask, query, TOP_TITLES)
    if c is None:
        yield "<p>No events match.</p>"
        return
    for k, (lane, name) in enumerate(c.names.items()):
        rows = _rows(c, lane)
        titles = _titles(db, [r for row in rows for r in row.top])
        body = "".join(
            f"<tr><td>{row.month}</td><td class='n'>{row.total}</td><td>"
            + html.escape(" · ".join(f"{EVENT_TYPE_LABELS.get(t, t)} {c}" for t, c in row.by_type))
            + "</td><td>" + "<br>".join(html.escape(titles.get(r, "")) for r in row.top) + "</td></tr>"
            for row in rows)
        total = sum(row.total for row in rows)
        yield (f"<h3>{html.escape(name)} — {total} event(s)</h3><table class='summary'><tr><th>Month</th>"
               f"<th>Events</th><th>By type</th><th>Most confident</th></tr>{body}</table>")
        if progress is not None:
            progress(k + 1, len(c.names))
