"""A time of day an article states for an event, where that is simple: the event's evidence sentence gives one
day and exactly one clock time ("at 9 a.m.", "at 14:30 GMT", "at 10:00 a.m. Pacific time"). The event then keeps
that time (precision hour or minute) and its zone when the sentence names one; anything less clear leaves the
event at its day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: zones news writes after a time, as hours from UTC (the daylight-saving names are their own entries)
ZONES: dict[str, float] = {
    "gmt": 0, "utc": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3, "ist": 5.5,
    "sgt": 8, "hkt": 8, "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
}
_ZONE_NAMES = "|".join(sorted((z.upper() for z in ZONES if z != "z"), key=len, reverse=True))


def _zone(group: str) -> str:
    return rf"(?:\(?\s*(?P<{group}>{_ZONE_NAMES})\b\s*\)?)?"


_AMPM = r"(?P<ampm>a\.\s?m\.|p\.\s?m\.|am\b|pm\b)"
#: "9 a.m.", "10:30 p.m.", "at 14:30", "14:30 GMT", "1430 GMT" is not read (too close to a year or an amount)
_CLOCK = re.compile(
    rf"(?:\b(?P<h1>1[0-2]|0?[1-9])(?::(?P<m1>[0-5]\d))?\s*{_AMPM}\s*{_zone('zone1')}"
    rf"|(?P<at>\bat\s+)?\b(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)\b(?!:\d|\.\d|,\d)\s*(?:h\b|hrs\b)?\s*{_zone('zone2')})",
    re.IGNORECASE)


@dataclass(frozen=True)
class ClockTime:
    """A time of day found in a sentence, the precision it is written to (hour or minute) and where it is."""

    time: dt.time
    precision: str
    start: int
    end: int


def clock_times(sentence: str) -> list[ClockTime]:
    """Every clock time in a sentence: with a.m./p.m., or in 24-hour form after "at" or before a zone."""
    out: list[ClockTime] = []
    for m in _CLOCK.finditer(sentence):
        zone = m["zone1"] or m["zone2"]
        tz = dt.timezone(dt.timedelta(hours=ZONES[zone.lower()])) if zone else None
        if m["h1"] is not None:
            h = int(m["h1"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
            minute = int(m["m1"] or 0)
            precision = "minute" if m["m1"] else "hour"
        else:
            if not (m["at"] or zone):
                continue  # "3:1" or a score; a bare hh:mm is read only after "at" or before a zone
            h, minute, precision = int(m["h2"]), int(m["m2"]), "minute"
        out.append(ClockTime(dt.time(h, minute, tzinfo=tz), precision, m.start(), m.end()))
    return out


def stated_time(sentence: str) -> ClockTime | None:
    """The one time of day a sentence states (None when it states none, or several different ones)."""
    found = clock_times(sentence)
    if not found or len({(c.time, c.precision) for c in found}) != 1:
        return None
    return found[0]
