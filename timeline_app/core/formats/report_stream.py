"""Reports that stream (issue 23): the selected events are read from the workspace a batch at a time, in date
order, and written out as they come, so memory follows the batch and not the selection (a report over a million
events once held every event, every article and the whole 740 MB of HTML at once).

The selection is a boolean mask over the workspace's rows (the timeline's columns, :mod:`..index`): the viewer's
shown events, or :func:`selection_of` a :class:`~.report.ReportQuery`. Its rows go into a temporary table and
SQLite sorts them (spilling to disk, not to memory) in the order :func:`~.report.select_events` gives; the
header's counts come from SQL and the columns before the first event is read. The HTML written is the same as
:func:`~.report.report_html` for the same events. With ``mode="summary"`` the body is instead a table per company
and month (:mod:`.report_summary`), for selections too large to read as a list of quotes."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

import numpy as np

from ..index import NO_COMPANY, EventColumns
from ..model import Document, Event, Mention
from .doc_cache import DocumentCache
from .picture import selection_mask
from .report import (
    EVENTS_HEADING,
    MAX_SOURCES,
    NO_EVENTS,
    ReportQuery,
    companies_html,
    event_html,
    header_html,
    html_head,
    picture_html,
)
from .report_summary import summary_pieces

if TYPE_CHECKING:
    import datetime as dt

    from ..store.workspace import Workspace

#: Over this many events a report asks whether to list every event with its evidence or summarise them.
LONG_REPORT = 20_000
#: Events read (and written) at a time.
BATCH = 2000
#: Articles kept at a time (their texts give the evidence quotes).
ARTICLES_KEPT = 256
#: What a report's body holds: every event with its evidence, or a table per company and month.
MODES = ("full", "summary")

#: The order of :func:`.report.select_events` (undated last; then start, end, summary), ties in row order.
_ORDER = ("(e.start IS NULL OR e.start = ''), substr(e.start, 1, 10), substr(coalesce(e.end, ''), 1, 10), "
          "e.summary, e.rowid")


class ReportCancelled(Exception):
    """The report was cancelled while being written (nothing is left at its path)."""


@dataclass
class ReportStats:
    """What a written report holds: its events and the articles its quotes come from."""

    events: int = 0
    documents: int = 0


Progress = Callable[[int, int], None]


def _with_dates(ws: Workspace, doc_id: str) -> Document | None:
    """An article with its date mentions only (all that :func:`.report.date_derivation` reads)."""
    d = ws.document(doc_id, with_mentions=False)
    if d is not None:
        d.mentions = [Mention(*r) for r in ws.db.execute(
            "SELECT start, end, text, kind, entity, value FROM mentions WHERE doc_id=? AND kind='date' "
            "ORDER BY start", (doc_id,))]
    return d


def selection_of(ws: Workspace, query: ReportQuery, cols: EventColumns | None = None) -> np.ndarray:
    """Bool per row of ``ws`` (``cols``, by default its columns): the events ``query`` covers, its search
    through the workspace's search index (the rows the picture of the same query shows)."""
    cols = cols if cols is not None else ws.event_columns()
    rows = ws.search_events(query.search) if query.search.strip() else None
    return selection_mask(cols, query, rows)


def companies_of(cols: EventColumns, mask: np.ndarray) -> list[str]:
    """The companies the selected events name, by name (case ignored)."""
    if not len(cols.p_event):
        return []
    lanes = np.unique(cols.p_lane[mask[cols.p_event]])
    return sorted((cols.companies[int(i)] for i in lanes if cols.companies[int(i)] != NO_COMPANY), key=str.casefold)


@contextlib.contextmanager
def _selected(db: sqlite3.Connection, mask: np.ndarray) -> Iterator[None]:
    """The selected rows (rowids) in the temporary table ``report_rows``, inside one read transaction: every
    batch sees the same events, whatever another process commits meanwhile."""
    snapshot = not db.in_transaction
    if snapshot:
        db.execute("BEGIN")
    try:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS report_rows(r INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM temp.report_rows")
        rows = np.flatnonzero(mask) + 1
        for i in range(0, len(rows), 50_000):
            db.executemany("INSERT INTO temp.report_rows(r) VALUES (?)", ((int(r),) for r in rows[i:i + 50_000]))
        yield
    finally:
        with contextlib.suppress(sqlite3.Error):
            db.execute("DROP TABLE IF EXISTS temp.report_rows")
        if snapshot and db.in_transaction:
            db.execute("COMMIT")


def _facts(db: sqlite3.Connection) -> tuple[int, int, tuple[str, str] | None]:
    """(events, dated events, (first start, last end) of the dated ones) of the selected rows."""
    dated = "(e.start IS NOT NULL AND e.start != '')"
    n, n_dated, first, last = db.execute(
        f"SELECT count(*), coalesce(sum({dated}), 0), min(CASE WHEN {dated} THEN substr(e.start, 1, 10) END), "
        f"max(CASE WHEN {dated} THEN substr(coalesce(nullif(e.end, ''), e.start), 1, 10) END) "
        "FROM temp.report_rows s JOIN events e ON e.rowid = s.r").fetchone()
    return int(n), int(n_dated), (first, last) if first and last else None


def _ordered_batches(ws: Workspace, batch: int) -> Iterator[list[Event]]:
    """The selected events in date order, ``batch`` at a time, each with its sources."""
    cur = ws.db.execute(f"SELECT e.rowid FROM temp.report_rows s JOIN events e ON e.rowid = s.r ORDER BY {_ORDER}")
    while rows := [r[0] - 1 for r in cur.fetchmany(batch)]:
        got = ws.events_at(rows)
        yield [got[r] for r in rows if r in got]  # a row found damaged is left out (``Workspace.events_at``)


def report_pieces(ws: Workspace, cols: EventColumns, mask: np.ndarray, *, mode: str = "full",
                  title: str = "Timeline report", query: ReportQuery | None = None,
                  generated: dt.datetime | None = None, stats: ReportStats | None = None,
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                  batch: int = BATCH) -> Generator[str, None, None]:
    """The report of the rows ``mask`` selects as HTML fragments: first its header (the picture goes after it),
    then its body a piece at a time. ``stats`` (when given) counts what was written; ``progress(done, total)``
    is called after each batch; ``cancelled()`` true stops it with :class:`ReportCancelled`."""
    if mode not in MODES:
        raise ValueError(f"no report mode '{mode}' (one of {', '.join(MODES)})")
    query = query or ReportQuery()
    stats = stats if stats is not None else ReportStats()
    mask = np.asarray(mask, dtype=bool)
    companies = companies_of(cols, mask)
    with _selected(ws.db, mask):
        n, dated, span = _facts(ws.db)
        yield header_html(title, query, n, dated, span, len(companies), generated)
        if mode == "summary":
            for piece in summary_pieces(ws.db, cols, mask, query, progress=progress):
                if cancelled is not None and cancelled():
                    raise ReportCancelled("cancelled")
                yield piece
            stats.events = n
        else:
            yield EVENTS_HEADING
            articles = DocumentCache(ws, ARTICLES_KEPT, lambda i: _with_dates(ws, i))
            cited: set[str] = set()
            for events in _ordered_batches(ws, batch):
                if cancelled is not None and cancelled():
                    raise ReportCancelled("cancelled")
                docs = articles.fetch(s.document for e in events for s in e.sources[:MAX_SOURCES])
                cited.update(docs)
                yield "".join(event_html(stats.events + i + 1, ev, docs) for i, ev in enumerate(events))
                stats.events += len(events)
                if progress is not None:
                    progress(stats.events, n)
            stats.documents = len(cited)
            if not stats.events:
                yield NO_EVENTS
    yield companies_html(companies)


def write_report(f: IO[str], ws: Workspace, cols: EventColumns, mask: np.ndarray, *, mode: str = "full",
                 title: str = "Timeline report", query: ReportQuery | None = None, image_src: str | None = None,
                 image_size: tuple[int, int] | None = None, generated: dt.datetime | None = None,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 batch: int = BATCH) -> ReportStats:
    """Write the self-contained HTML report of the rows ``mask`` selects to ``f`` as it is made (see
    :func:`report_pieces`; ``image_src``/``image_size`` as in :func:`.report.report_html`)."""
    figure = picture_html(image_src, image_size)  # refused before anything is written
    stats = ReportStats()
    pieces = report_pieces(ws, cols, mask, mode=mode, title=title, query=query, generated=generated, stats=stats,
                           progress=progress, cancelled=cancelled, batch=batch)
    with contextlib.closing(pieces):
        f.write(f"{html_head(title)}<body>{next(pieces)}{figure}")
        for piece in pieces:
            f.write(piece)
        f.write("</body></html>")
    return stats
