"""The CSV export streamed from a workspace (issue 23): one query per chunk of events reads their columns with
their sources, and each row is formatted straight from them, without building events. The bytes are exactly
what ``table.write_csv`` writes for ``Workspace.events()`` (a test holds the two to the same bytes): a cell that
repeats from row to row (a type, a list of companies, an article title) is formatted by the csv module once and
remembered; a row whose other cells need neither quotes nor the ``safe_cell`` guard is those cells joined by
commas, which is what the csv module writes for it; any other row goes through ``safe_cell`` and the csv module
as every row did."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import FAMILY_LABELS, REVIEW_STATES, Document, family_of, parse_when, type_label, v3_type, when_iso
from ..store.quarantine import ReadCheck
from ..store.workspace import Workspace
from .doc_cache import DocumentCache
from .spreadsheet import safe_cell
from .table import CSV_FIELDS, LIST_SEP

#: events read per query
CHUNK = 5000
#: rowids looked up per statement
_IN_CHUNK = 500
#: articles kept at a time (their texts give the evidence quotes)
DOCUMENTS_KEPT = 256

#: what a cell safe_cell may have to guard starts with (a quote: it may precede one)
_HOT = frozenset("'=+-@\t\r")
#: the cells of a CSV row that can hold text from an article, an import or the user (type: an unknown imported
#: type is kept as written); the others are codes, labels, ISO dates, the confidence and "yes"
_FREE_TEXT = (0, 1, 2, 3, 4, 9, 10, 11, 12, 14, 15, 16, 17, 18)
#: a cell after the first starting like a formula, in cells joined by commas (none holding a comma)
_GUARDED_AFTER_COMMA = re.compile(",['=+\\-@\t]")
#: the values of the columns of ``_MORE_SQL`` most events have (with no review: NULL), as SQL
_PLAIN = {"people": "'[]'", "places": "'[]'", "amounts": "'[]'", "edited": "'[]'", "notes": "''", "tags": "'[]'",
          "starred": "0"}
#: those values as they are read
_PLAIN_ROW = ("[]", "[]", "[]", "[]", "", "[]", 0, None)
#: the curation columns whose NULL (a row stored without them, as an import or a generator may) is written as
#: their plain value: "" (``_Joined`` of None and of "[]", ``notes or ""``, ``"yes" if starred``)
_NULL_PLAIN = frozenset({"edited", "notes", "tags", "starred"})
#: an event's columns, ``rowid`` first, then NULL when its other columns are ``_PLAIN``
_EVENTS_SQL = ("SELECT rowid, id, type, summary, start, end, precision, status, companies, confidence, "
               "CASE WHEN " + " AND ".join(f"coalesce({c}, {v}) = {v}" if c in _NULL_PLAIN else f"{c} = {v}"
                                           for c, v in _PLAIN.items())
               + " AND review IS NULL THEN NULL ELSE 1 END FROM events WHERE rowid > ? {} ORDER BY rowid")
#: the columns an event holds more than when it has no people, places, amounts, nor any curation (read apart)
_MORE_SQL = "SELECT rowid, people, places, amounts, edited, notes, tags, starred, review FROM events WHERE "
#: the sources in the order they were stored
_SOURCES_SQL = "SELECT event_id, doc_id, start, end FROM event_sources ORDER BY rowid"
#: each event's sources looked up (when they are not stored in the order of their events)
_JOINED_SQL = ("SELECT e.rowid, s.event_id, s.doc_id, s.start, s.end FROM events e JOIN event_sources s "
               "ON s.event_id = e.id WHERE e.rowid > ? {} ORDER BY e.rowid, s.rowid")

#: an event's sources (event id, doc id, start, end): None, the one source, or a list of them
Cites = Any


class _OutOfOrder(Exception):
    """The sources are not stored in the order of their events (see :func:`event_rows`)."""


class _Joined(dict[str | None, str]):
    """A stored JSON list of names as the CSV writes it ("A; B"), remembered (tables repeat their companies)."""

    def __missing__(self, text: str | None) -> str:
        out = LIST_SEP.join(map(str, json.loads(text))) if text and text != "[]" else ""
        if len(self) < 200_000:
            self[text] = out
        return out


class _Cells(dict[Any, str | None]):
    """A cell that repeats as the csv module writes it inside a row, remembered; None for a cell that may start
    like a formula or is no text (its row is written by the csv module after ``safe_cell``)."""

    def __init__(self) -> None:
        super().__init__()
        self._out = io.StringIO()
        self._writer = csv.writer(self._out)

    def __missing__(self, value: Any) -> str | None:
        out: str | None = None
        if isinstance(value, str) and value[:1] not in _HOT:
            self._writer.writerow(["", value])  # two cells: a lone empty cell would be quoted
            out = self._out.getvalue()[1:-2]
            self._out.seek(0)
            self._out.truncate()
        if len(self) < 200_000:
            self[value] = out
        return out


class _Lists(dict[Any, str | None]):
    """A stored JSON list of names as a cell (``_Joined``, then ``_Cells``), remembered."""

    def __init__(self, joined: _Joined):
        super().__init__()
        self.joined, self.cells = joined, _Cells()

    def __missing__(self, text: Any) -> str | None:
        out = self.cells[self.joined[text]]
        if len(self) < 200_000:
            self[text] = out
        return out


def _when(text: str | None) -> str:
    """A stored date as ``Event.to_json`` writes it back (``when_iso(parse_when(text))``)."""
    if not text:
        return ""
    return text if len(text) == 10 and text[4] == "-" else (when_iso(*parse_when(text)) or "")


def _chunk_bounds(ws: Workspace, chunk: int) -> Iterator[tuple[int, int | None]]:
    """The events' rowids ``chunk`` at a time, as (after, up to) bounds (the last one open: None)."""
    last = 0
    while True:
        row = ws.db.execute("SELECT rowid FROM events WHERE rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?",
                            (last, chunk - 1)).fetchone()
        yield last, None if row is None else int(row[0])
        if row is None:
            return
        last = int(row[0])


def event_rows(ws: Workspace, chunk: int = CHUNK, kept: int = DOCUMENTS_KEPT,
               in_order: bool = True, check: ReadCheck | None = None) -> Iterator[tuple[list[Any], list[Cites],
                                                                                       dict[str, Document],
                                                                                       dict[int, Any]]]:
    """The events in row order ``chunk`` at a time: their columns (``_EVENTS_SQL``), their sources (``Cites``),
    the articles they cite (``kept`` articles cached) and the other columns (``_MORE_SQL``) of the events that
    do not have the usual values (``_PLAIN``) by rowid.

    ``in_order``: the sources are read in one pass in the order they were stored (an import and the merge store
    each event's sources after the previous event's), each taken by the event the pass is at when it has that
    event's id, instead of looked up event by event. The pass stops with :class:`_OutOfOrder` when a source is
    not the current event's and no later event of the chunk takes it, or sources are left at the end: an event
    whose sources were not all next to each other would miss some. When it gets to the end, every source went
    to its own event in the stored order, which is what the look-up gives.

    ``check``: the sources' offsets and the other columns (``_MORE_SQL``) are checked for damage as they are read
    (``ReadCheck``: raises ``RowsToCheck``); the columns of ``_EVENTS_SQL`` are left to the caller."""
    docs = DocumentCache(ws, max(kept, 1))
    sources = iter(ws.db.execute(_SOURCES_SQL)) if in_order else iter(())
    s = stuck = next(sources, None)
    for after, upto in _chunk_bounds(ws, chunk):
        bound, args = ("", (after,)) if upto is None else ("AND rowid <= ?", (after, upto))
        rows = ws.db.execute(_EVENTS_SQL.format(bound), args).fetchall()
        cites: list[Cites] = []
        if in_order:
            for r in rows:
                if s is None or s[0] != r[1]:
                    cites.append(None)
                    continue
                first, s = s, next(sources, None)
                if s is None or s[0] != r[1]:
                    cites.append(first)
                    continue
                several = [first]
                while s is not None and s[0] == r[1]:
                    several.append(s)
                    s = next(sources, None)
                cites.append(several)
            if s is not None and s is stuck:  # a source no event of the chunk took
                raise _OutOfOrder
            stuck = s
        else:
            found: dict[int, list[Any]] = {}
            for rowid, *source in ws.db.execute(_JOINED_SQL.format(bound.replace("rowid", "e.rowid")), args):
                found.setdefault(rowid, []).append(tuple(source))
            cites = [None if (c := found.get(r[0])) is None else c[0] if len(c) == 1 else c for r in rows]
        if check is not None:
            for c in cites:
                if type(c) is tuple:
                    if type(c[2]) is not int or type(c[3]) is not int:
                        check.source(c[2], c[3])
                elif c is not None:
                    for x in c:
                        check.source(x[2], x[3])
        odd = [r[0] for r in rows if r[10] is not None]
        more: dict[int, Any] = {}
        if len(odd) * 4 > len(rows):  # many: the chunk's rows
            more = {r[0]: r[1:] for r in ws.db.execute(_MORE_SQL + "rowid > ? " + bound, args)}
        else:
            for i in range(0, len(odd), _IN_CHUNK):
                part = odd[i:i + _IN_CHUNK]
                more.update((r[0], r[1:]) for r in ws.db.execute(
                    _MORE_SQL + f"rowid IN ({','.join('?' * len(part))})", part))
        if check is not None:
            for people, places, amounts, *_ in more.values():
                check.event(people=people, places=places, amounts=amounts)
        yield rows, cites, docs.fetch(c[1] if type(c) is tuple else x[1] for c in cites if c is not None
                                      for x in ((c,) if type(c) is tuple else c)), more
        if upto is None:
            break
    if s is not None:
        raise _OutOfOrder


def _cited(cites: list[Any], cited: dict[str, Document]) -> tuple[str, str]:
    """The titles of the articles an event cites ("A; B") and its first evidence quote."""
    titles: list[str] = []
    quote = ""
    for c in cites:
        d = cited.get(c[1])
        t = (d.title or d.path) if d else c[1]
        if t not in titles:
            titles.append(t)
        if not quote and d is not None and d.text:
            quote = " ".join(d.text[c[2]:c[3]].split())
    return LIST_SEP.join(titles), quote


def csv_lines(ws: Workspace, chunk: int = CHUNK, kept_docs: int = DOCUMENTS_KEPT,
              in_order: bool = True, check: ReadCheck | None = None) -> Iterator[list[str]]:
    """The lines of ``table.write_csv`` after its header (without line ends), ``chunk`` events at a time (see
    the module's docstring; ``in_order``: as in :func:`event_rows`, which may raise ``_OutOfOrder``). With
    ``check``, every value read is checked for damage first (``RowsToCheck`` is raised at the first bad one)."""
    labels: dict[str, tuple[str, str, str]] = {}
    joined = _Joined()
    kept = _Cells()
    lists = _Lists(joined)
    numbers: dict[float, str] = {}
    out = io.StringIO()
    writer = csv.writer(out)
    arrays, when, precisions, statuses = ((check.arrays, check.when, check.precisions, check.statuses)
                                          if check is not None else (set(), set(), set(), set()))
    for rows, cites, cited, more in event_rows(ws, chunk, kept_docs, in_order, check):
        lines: list[str] = []
        for (rowid, eid, typ, summary, start, end, precision, status, companies, confidence, odd), c in zip(
                rows, cites, strict=True):
            if check is not None and (companies not in arrays or start not in when or end not in when
                                      or precision not in precisions or status not in statuses
                                      or (type(confidence) is not float and type(confidence) is not int)):
                check.event(companies=companies, start=start, end=end, precision=precision, status=status,
                            confidence=confidence)
            people, places, amounts, edited, notes, tags, starred, review = _PLAIN_ROW if odd is None else more[rowid]
            if typ not in labels:
                v3 = v3_type(typ)
                labels[typ] = (v3, type_label(v3), FAMILY_LABELS[family_of(v3)])
            v3, label, family = labels[typ]
            if type(c) is tuple:  # one source
                d = cited.get(c[1])
                titles = (d.title or d.path) if d else c[1]
                quote = " ".join(d.text[c[2]:c[3]].split()) if d is not None and d.text else ""
            else:
                titles, quote = _cited(c or [], cited)
            summary, notes = summary or "", notes or ""
            if start is None or len(start) != 10 or start[4] != "-":
                start = _when(start)
            if end is None or len(end) != 10 or end[4] != "-":
                end = _when(end)
            amounts = LIST_SEP.join(a["text"] for a in json.loads(amounts)) if amounts and amounts != "[]" else ""
            try:
                cell = bare = summary  # a summary with a comma: as the csv module quotes it when it needs no more
                if "," in summary and summary[:1] not in _HOT and '"' not in summary and "\n" not in summary \
                        and "\r" not in summary:
                    cell, bare = '"' + summary + '"', ""
                own = ",".join((eid, bare, start, end, amounts, quote, notes))  # the cells of this row alone
                if (own.count(",") == 6 and own[:1] not in _HOT and '"' not in own and "\n" not in own
                        and "\r" not in own and _GUARDED_AFTER_COMMA.search(own) is None):
                    if (number := numbers.get(confidence)) is None:
                        number = str(round(confidence, 3))  # as the csv module writes it
                        if confidence > 0 and len(numbers) < 100_000:  # (never NaN nor -0.0, equal to 0.0)
                            numbers[confidence] = number
                    lines.append(",".join((  # type: ignore[arg-type]  # a None (a cell to guard): TypeError
                        eid, kept[v3], kept[label], kept[family], cell, start, end, kept[precision or ""],
                        kept[status or ""], lists[companies], lists[people], lists[places], amounts, number,
                        kept[titles], quote, lists[edited], notes, lists[tags], "yes" if starred else "",
                        review if review in REVIEW_STATES else "")))
                    continue
            except TypeError:  # a value that is no text, or a repeated cell to guard
                pass
            cells = [eid, v3, label, family, summary, start, end, precision or "", status or "", joined[companies],
                     joined[people], joined[places], amounts, round(confidence, 3), titles, quote, joined[edited],
                     notes, joined[tags], "yes" if starred else "", review if review in REVIEW_STATES else ""]
            # the first character of every cell that can hold free text (the others are codes, labels, ISO dates
            # and the confidence): a row none of them could turn into a formula is written as it is
            heads = "".join([cells[i][:1] for i in _FREE_TEXT])
            writer.writerow(cells if _HOT.isdisjoint(heads) else [safe_cell(c) for c in cells])
            lines.append(out.getvalue()[:-2])  # without its line end
            out.seek(0)
            out.truncate()
        yield lines


def write_csv(path: Path, ws: Workspace, chunk: int = CHUNK, kept_docs: int = DOCUMENTS_KEPT,
              check: ReadCheck | None = None) -> int:
    """The events of ``ws`` as ``table.write_csv`` writes them (every cell through the ``safe_cell`` rule), read
    ``chunk`` at a time with ``kept_docs`` articles cached (``check``: see :func:`csv_lines`)."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow([safe_cell(h) for h in CSV_FIELDS])
        start = f.tell()
        try:
            for lines in csv_lines(ws, chunk, kept_docs, check=check):
                if lines:
                    f.write("\r\n".join(lines) + "\r\n")
                    n += len(lines)
        except _OutOfOrder:  # the sources are looked up event by event instead, from the first event again
            f.seek(start)
            f.truncate()
            n = 0
            for lines in csv_lines(ws, chunk, kept_docs, in_order=False, check=check):
                if lines:
                    f.write("\r\n".join(lines) + "\r\n")
                    n += len(lines)
    return n
