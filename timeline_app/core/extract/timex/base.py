"""Shared parts of the time-expression rules: the Timex record, number and unit words, the rule registry
and the helpers that shift an anchor date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ...dates.timevalues import add_months, quarter_of, value_interval, week_value

NUMBER_WORDS: dict[str, float | str] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "a couple of": 2, "a few": "X", "several": "X", "many": "X", "some": "X",
    "couple of": 2, "half a": 0.5,
}
UNIT_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "quarter": "Q", "hour": "H",
              "minute": "MIN", "century": "CE"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "last": -1, "final": -1, "latter": 2, "fourth-quarter": 4}

_NUM = (r"(?:\d+(?:\.\d+)?|a couple of|couple of|a few|half a|several|many|some|an|a|one|two|three|four|five|six"
        r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
        r"|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|thirty|forty|fifty|sixty)")
_UNIT = r"(?:days?|weeks?|months?|years?|decades?|quarters?|hours?|centuries|century)"
_APPROX = r"(?:(?:about|around|roughly|some|nearly|almost|approximately|more than|over|less than|just|only)\s+)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:morning|afternoon|evening|night)"
_PART_CODE = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}

FUTURE_CUES = re.compile(
    r"\b(will|shall|won't|'ll|set to|plans? to|planning to|planned|scheduled|expected to|expects? to|aims? to"
    r"|aiming to|is to|are to|going to|upcoming|intends? to|would|next|forthcoming|slated|(?:is|are) due to)\b",
    re.IGNORECASE)


@dataclass
class Timex:
    """A time expression: span, TimeML type and value, precision, and resolved interval if any."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None = None  # SINCE, BY, START, MID, END, APPROX
    span_end: dt.date | None = None  # for "over the next six years": the end of the covered span
    anchor_start: dt.date | None = None

    @property
    def interval(self) -> tuple[dt.date, dt.date, str] | None:
        if self.type == "DURATION" and self.anchor_start and self.span_end:
            return self.anchor_start, self.span_end, "year" if self.value.endswith("Y") else "month"
        if self.type == "DATE" and self.anchor_start and self.span_end:  # a stated range of years or months
            return self.anchor_start, self.span_end, "year"
        if self.type not in ("DATE", "TIME"):
            return None
        return value_interval(self.value)

    @property
    def precision(self) -> str:
        iv = self.interval
        return iv[2] if iv else "undated"


def _num(word: str) -> float | str:
    w = word.lower().strip()
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w) if "." in w else int(w)
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        a, b = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a + b
    return "X"


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w.rstrip("s")


def _shift(anchor: dt.date, unit: str, n: int) -> tuple[str, dt.date]:
    """Shift the anchor by n units; return the value at the unit's precision."""
    if unit == "day":
        d = anchor + dt.timedelta(days=n)
        return d.isoformat(), d
    if unit == "week":
        d = anchor + dt.timedelta(weeks=n)
        return week_value(d), d
    if unit == "month":
        d = add_months(anchor, n)
        return f"{d.year}-{d.month:02d}", d
    if unit == "quarter":
        d = add_months(anchor, 3 * n)
        return f"{d.year}-Q{quarter_of(d)}", d
    if unit == "decade":
        y = anchor.year + 10 * n
        return str(y // 10), dt.date(y, 1, 1)
    d = add_months(anchor, 12 * n)
    return str(d.year), d


class Ctx:
    """What a rule sees besides its match: the whole text, the anchor date and the tense at a position."""

    def __init__(self, text: str, anchor: dt.date | None, tense: Callable[[int], str]):
        self.text, self.anchor, self.tense = text, anchor, tense


Result = tuple[str, str, str | None] | None
RuleFn = Callable[[re.Match[str], Ctx], Result]
RULES: list[tuple[re.Pattern[str], RuleFn]] = []
#: A rule's cheap precondition: text where this finds nothing holds no match of the rule's pattern (words every
#: match contains, "ago" for "two years ago"), so that pattern's slow scan is skipped.
NEEDS: dict[RuleFn, re.Pattern[str]] = {}


def rule(pattern: str, flags: int = re.IGNORECASE, needs: str | None = None) -> Callable[[RuleFn], RuleFn]:
    """Register a rule: the pattern's group ``t`` is the expression, the function gives (type, value, mod).
    ``needs``: a pattern that finds something in every match of ``pattern`` (same flags): see ``NEEDS``."""
    def deco(fn: RuleFn) -> RuleFn:
        RULES.append((re.compile(pattern, flags), fn))
        if needs is not None:
            NEEDS[fn] = re.compile(needs, flags)
        return fn
    return deco


def _day_value(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int | None, ctx: Ctx, pos: int) -> int | None:
    """Year of a date given without one: the anchor's year, moved by tense when far from the anchor."""
    a = ctx.anchor
    if a is None:
        return None
    future = ctx.tense(pos) == "future"
    cand = dt.date(a.year, month, min(day or 1, 28))
    if future and (cand.year, cand.month) < (a.year, a.month) and (a.month - month) > 1:
        return a.year + 1
    if not future and cand > a + dt.timedelta(days=31 if day else 0) and month > a.month:
        return a.year - 1
    return a.year


_MODS = {"early": "START", "beginning of": "START", "the beginning of": "START", "mid": "MID", "late": "END",
         "end of": "END", "the end of": "END", "the start of": "START", "start of": "START"}

