"""Find an article's publication date from explicit fields, header lines and bylines, resolving
day/month ambiguity with evidence from the text. An article with no date stays undated."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dtparser

from ..dates.calendar_words import MONTH_RE, WEEKDAY_NAMES, WEEKDAYS, month_number
from ..model import ClutterSpan
from .lines import lines_with_offsets


@dataclass
class PubDate:
    """A publication date, how it was found and how sure we are (0..1)."""

    date: dt.date | None
    source: str
    confidence: float


UNDATED = PubDate(None, "none: no date field, header line or byline found", 0.0)

_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
                  r"(?:Z|[+-][0-2]\d:?[0-5]\d)?)?(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)([0-3]?\d)([-/.])([0-3]?\d)\2((?:19|20)\d\d)(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_RE})\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DAY_MONTH_YEAR = re.compile(rf"\b([0-3]?\d)(?:st|nd|rd|th)?\s+({MONTH_RE}),?\s+((?:19|20)\d\d)\b")
_WEEKDAY_WORD = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_PUBLISHED = re.compile(r"\b(published|posted|date|updated|modified)\b", re.IGNORECASE)
_MONTH_WORD = re.compile(rf"\b({MONTH_RE})\b")
_WORD = re.compile(r"\w+")

HEADER_LINES = 6
HEADER_CHARS = 600


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _body_text(text: str, clutter: list[ClutterSpan]) -> str:
    parts, pos = [], 0
    for c in clutter:
        parts.append(text[pos:c.start])
        pos = c.end
    parts.append(text[pos:])
    return " ".join(parts)


def _header_lines(text: str) -> list[tuple[int, str]]:
    """The first non-empty lines of the text with their offsets (where datelines and bylines live)."""
    out = []
    for pos, raw in lines_with_offsets(text):
        if pos > HEADER_CHARS * 3:
            break
        if raw.strip():
            out.append((pos, raw))
            if len(out) >= HEADER_LINES:
                break
    return out


def _candidates_in(line: str) -> list[tuple[str, list[dt.date], str]]:
    """Full dates in a line: (matched text, candidate readings, how it reads)."""
    found: list[tuple[str, list[dt.date], str]] = []
    for m in _ISO.finditer(line):
        d = _safe(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append((m[0], [d], "ISO date"))
    for m in _MONTH_DAY_YEAR.finditer(line):
        d = _safe(int(m[3]), month_number(m[1]), int(m[2]))
        if d:
            found.append((m[0], [d], "month-name date"))
    for m in _DAY_MONTH_YEAR.finditer(line):
        d = _safe(int(m[3]), month_number(m[2]), int(m[1]))
        if d:
            found.append((m[0], [d], "month-name date"))
    for m in _NUMERIC.finditer(line):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        readings = []
        dm, md = _safe(y, b, a), _safe(y, a, b)
        # day-first reading first for '-' and '.', month-first for '/' (the usual conventions)
        order = [md, dm] if m[2] == "/" else [dm, md]
        for d in order:
            if d and d not in readings:
                readings.append(d)
        if readings:
            found.append((m[0], readings, "numeric date"))
    return found


def _disambiguate(readings: list[dt.date], text: str, clutter: list[ClutterSpan]) -> tuple[dt.date, str, float]:
    """Pick between day-month and month-day readings using weekday names and month names in the body."""
    if len(readings) == 1:
        return readings[0], "", 0.95
    body = _body_text(text, clutter)
    weekdays = {WEEKDAYS[w.lower()] for w in _WEEKDAY_WORD.findall(body)}
    months = {month_number(w) for w in _MONTH_WORD.findall(body)}
    scores = []
    for d in readings:
        s, why = 0.0, []
        if d.weekday() in weekdays:
            s += 2
            why.append(f"the text names {WEEKDAY_NAMES[d.weekday()]}, the weekday of that date")
        if d.month in months:
            s += 1
            why.append(f"the text mentions {d.strftime('%B')}")
        scores.append((s, why, d))
    best = max(scores, key=lambda t: t[0])
    ties = [t for t in scores if t[0] == best[0]]
    if len(ties) > 1:
        d = readings[0]
        return d, "ambiguous day/month: no evidence in the text, read by the separator's usual convention", 0.5
    other = next(t for t in scores if t is not best)[2]
    note = (f"read as {best[2].day} {best[2].strftime('%B %Y')}, not {other.day} {other.strftime('%B %Y')}: "
            + "; ".join(best[1]))
    return best[2], note, 0.9 if best[0] >= 2 else 0.7


def parse_field_date(value: str) -> dt.date | None:
    """Parse a date from a metadata field (ISO first, then free text)."""
    value = value.strip()
    m = _ISO.search(value)
    if m:
        return _safe(int(m[1]), int(m[2]), int(m[3]))
    try:
        parsed: dt.datetime = dtparser.parse(value, fuzzy=False, default=dt.datetime(1900, 1, 1))
        return parsed.date()
    except (ValueError, OverflowError):
        return None


_UTC_TIMESTAMP = re.compile(r"^\s*((?:19|20)\d\d-[01]\d-[0-3]\d)[T ]([0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)"
                            r"\s*(?:Z|UTC|GMT|[+-]00:?00)\s*$", re.IGNORECASE)
#: Local times run from UTC-12 to UTC+14.
_ZONES = (dt.timedelta(hours=-12), dt.timedelta(hours=14))


def date_shown_for(field: str, text: str) -> tuple[dt.date, str] | None:
    """For a UTC timestamp (``2025-11-13T23:30:00Z``), the local date the page shows: its UTC date, unless
    the page's header lines name another day the timestamp falls on somewhere in the world (the 14th, seen
    in Seoul). None when ``field`` is not a UTC timestamp."""
    m = _UTC_TIMESTAMP.match(field)
    if not m:
        return None
    try:
        t = dt.datetime.fromisoformat(f"{m[1]}T{m[2]}")
    except ValueError:
        return None
    utc_day = t.date()
    local_days = {(t + _ZONES[0]).date(), (t + _ZONES[1]).date()} | {utc_day}
    shown = {d for _off, line in _header_lines(text) for _m, readings, _how in _candidates_in(line)
             for d in readings if d in local_days}
    if utc_day in shown or len(shown) != 1:
        return utc_day, ""
    local = shown.pop()
    return local, f"the page shows {local.day} {local.strftime('%B %Y')}, the local date of that UTC time"


def find_publication_date(text: str, clutter: list[ClutterSpan], field: str | None = None) -> PubDate:
    """The publication date of an article, from its metadata ``field`` or its header lines."""
    if field and (shown := date_shown_for(field, text)):
        d, note = shown
        return PubDate(d, f"date field '{field}'" + (f"; {note}" if note else ""), 1.0)
    if field:
        m = _NUMERIC.search(field)
        if m and not _ISO.search(field):
            readings = _candidates_in(field)[0][1]
            d, note, conf = _disambiguate(readings, text, clutter)
            return PubDate(d, f"date field '{field}'" + (f"; {note}" if note else ""), min(conf, 0.9))
        fd = parse_field_date(field)
        if fd:
            return PubDate(fd, f"date field '{field}'", 1.0)
    headers = _header_lines(text)
    for idx, (offset, line) in enumerate(headers):
        if any(c.start <= offset < c.end and c.reason != "page furniture" for c in clutter):
            continue
        found = _candidates_in(line)
        if not found:
            continue
        stripped = line.strip()
        short = len(_WORD.findall(stripped)) <= 14
        at_start = any(stripped.find(f[0]) <= 12 for f in found)
        labelled = bool(_PUBLISHED.search(line))
        if not (short or at_start or labelled):
            continue
        # Prefer a 'published' date over an 'updated' one when a line has several.
        matched, readings, how = found[0]
        d, note, conf = _disambiguate(readings, text, clutter)
        where = "first line" if idx == 0 else f"header line {idx + 1}"
        src = f"{how} '{matched.strip()}' in the {where}" + (f"; {note}" if note else "")
        return PubDate(d, src, conf if (short or labelled or at_start) else conf - 0.2)
    return UNDATED
