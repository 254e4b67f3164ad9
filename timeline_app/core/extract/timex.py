"""Find time expressions in text and normalise them to TimeML-style values against an anchor date
(the publication date). Without an anchor, relative expressions stay unresolved (X-filled values);
absolute ones still resolve."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..dates.calendar_words import MONTH_RE, WEEKDAYS, month_number
from ..dates.timevalues import add_months, quarter_of, value_interval, week_value

NUMBER_WORDS = {
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
    r"|aiming to|is to|are to|going to|upcoming|intends? to|would|next|forthcoming|slated)\b", re.IGNORECASE)


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
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]  # type: ignore[operator]
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


class _Ctx:
    def __init__(self, text: str, anchor: dt.date | None, tense: Callable[[int], str]):
        self.text, self.anchor, self.tense = text, anchor, tense


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], "tuple[str, str, str | None] | None"]]
_RULES: list[Rule] = []


def rule(pattern: str, flags: int = re.IGNORECASE) -> Callable:
    def deco(fn: Callable) -> Callable:
        _RULES.append((re.compile(pattern, flags), fn))
        return fn
    return deco


def _day_value(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int | None, ctx: _Ctx, pos: int) -> int | None:
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


# --- absolute dates -----------------------------------------------------------------------------

@rule(r"(?<![\d-])(?P<t>(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?)(?![\d-])")
def _iso(m: re.Match[str], ctx: _Ctx):
    v = _day_value(int(m["y"]), int(m["m"]), int(m["d"]))
    return (("DATE", v, None) if v else None)


@rule(rf"(?P<t>(?-i:{MONTH_RE})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>{_YEAR}))\b")
def _mdy(m, ctx):
    v = _day_value(int(m["y"]), month_number(m["t"].split()[0]), int(m["d"]))
    return ("DATE", v, None) if v else None


@rule(rf"\b(?P<t>(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mo>(?-i:{MONTH_RE})),?\s+(?P<y>{_YEAR}))\b")
def _dmy(m, ctx):
    v = _day_value(int(m["y"]), month_number(m["mo"]), int(m["d"]))
    return ("DATE", v, None) if v else None


@rule(r"(?<![\d/.-])(?P<t>(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d))(?![\d/.-]\d)")
def _numeric(m, ctx):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    month_first = m["sep"] == "/" and a <= 12
    v = _day_value(y, a, b) if month_first else _day_value(y, b, a)
    return ("DATE", v, None) if v else None


@rule(rf"(?P<t>(?:(?P<mod>early|mid|late|end of|the end of|the beginning of|beginning of)[\s-]+)?(?-i:(?P<mo>{MONTH_RE}))(?:\s+of)?,?\s+(?P<y>{_YEAR}))\b(?!\s*[-–]\s*\d)")
def _month_year(m, ctx):
    return "DATE", f"{m['y']}-{month_number(m['mo']):02d}", _MODS.get((m["mod"] or "").lower())


@rule(rf"(?P<t>(?-i:(?P<mo>{MONTH_RE}))\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?)\b(?![,\s]*(?:{_YEAR}|\d))")
def _month_day(m, ctx):
    return _day_without_year(m, ctx)


@rule(rf"\b(?P<t>(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+of\s+(?-i:(?P<mo>{MONTH_RE})))\b(?!,?\s*{_YEAR})")
def _day_of_month(m, ctx):
    return _day_without_year(m, ctx)


def _day_without_year(m, ctx):
    """"June 17" / "the 17th of June": the year comes from the anchor and the tense."""
    mo, d = month_number(m["mo"]), int(m["d"])
    y = _year_for(mo, d, ctx, m.start())
    if y is None:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}", None
    v = _day_value(y, mo, d)
    return ("DATE", v, None) if v else None


_MODS = {"early": "START", "beginning of": "START", "the beginning of": "START", "mid": "MID", "late": "END",
         "end of": "END", "the end of": "END", "the start of": "START", "start of": "START"}


# --- relative days ----------------------------------------------------------------------------

@rule(r"\b(?P<t>today|tonight|yesterday|tomorrow|this\s+(?P<part>morning|afternoon|evening)"
      r"|(?:later|earlier)\s+in\s+the\s+day|the\s+same\s+day|the\s+day\s+before|the\s+previous\s+day"
      r"|the\s+next\s+day|the\s+following\s+day|the\s+day\s+after)\b")
def _deictic_day(m, ctx):
    w = " ".join(m["t"].lower().split())
    offset = {"yesterday": -1, "tomorrow": 1, "the day before": -1, "the previous day": -1, "the next day": 1,
              "the following day": 1, "the day after": 1}.get(w, 0)
    if ctx.anchor is None:
        return "DATE", "XXXX-XX-XX", None
    d = ctx.anchor + dt.timedelta(days=offset)
    if m["part"]:
        return "TIME", d.isoformat() + _PART_CODE[m["part"].lower()], None
    if w == "tonight":
        return "TIME", d.isoformat() + "TNI", None
    return "DATE", d.isoformat(), None


@rule(rf"\b(?P<t>(?:(?P<rel>last|next|this|coming|past)\s+)?(?-i:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?:\s+(?P<part>{_PART}))?)\b")
def _weekday(m, ctx):
    wd = WEEKDAYS[m["wd"].lower()]
    if ctx.anchor is None:
        return "DATE", f"XXXX-WXX-{wd + 1}", None
    a = ctx.anchor
    rel = (m["rel"] or "").lower()
    future = rel in ("next", "coming") or (rel != "last" and rel != "past" and ctx.tense(m.start()) == "future")
    if future:
        delta = (wd - a.weekday()) % 7
        if rel == "next" and delta == 0:
            delta = 7
        d = a + dt.timedelta(days=delta)
    else:
        delta = (a.weekday() - wd) % 7
        if rel in ("last", "past") and delta == 0:
            delta = 7
        d = a - dt.timedelta(days=delta)
    if m["part"]:
        return "TIME", d.isoformat() + _PART_CODE[m["part"].lower()], None
    return "DATE", d.isoformat(), None


@rule(r"\b(?:on\s+)(?P<t>the\s+(?P<d>[1-3]?\d)(?:st|nd|rd|th))\b(?!\s+(?:of\s+)?(?:century|anniversary|floor|time|place|largest|biggest))")
def _the_nth(m, ctx):
    d = int(m["d"])
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-XX-{d:02d}", None
    base = a if d <= a.day or ctx.tense(m.start()) == "future" else add_months(a.replace(day=1), -1)
    v = _day_value(base.year, base.month, d)
    return ("DATE", v, None) if v else None


# --- weeks, months, quarters, halves, years relative to the anchor ----------------------------------

@rule(r"\b(?P<t>(?P<mod>earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of)?\s*"
      r"(?P<rel>this|last|next|the\s+previous|the\s+following|the\s+coming|the\s+same|the\s+current|the\s+past|previous|past)\s+"
      r"(?P<u>week|month|year|quarter|decade|fiscal\s+year))\b(?!['’]s?\s+\w+\s+(?:of|ago))")
def _this_unit(m, ctx):
    rel = " ".join(m["rel"].lower().split()).replace("the ", "")
    unit = m["u"].lower().split()[-1]
    mod = _MODS.get(" ".join((m["mod"] or "").lower().split()))
    if m["mod"] and m["mod"].lower() == "earlier":
        mod = "EARLIER"
    if rel == "past" and unit in ("decade", "year", "month", "week", "quarter"):
        code = {"decade": "10Y", "year": "1Y", "month": "1M", "week": "1W", "quarter": "3M"}[unit]
        return "DURATION", "P" + code, None
    n = {"this": 0, "same": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "following": 1,
         "coming": 1}[rel]
    if ctx.anchor is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "quarter": "XXXX-QX",
                        "decade": "XXX"}[unit], mod
    v, _ = _shift(ctx.anchor, unit, n)
    return "DATE", v, mod


@rule(rf"\b(?P<t>{_APPROX}(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+(?P<dir>ago|from\s+now|hence))\b")
def _ago(m, ctx):
    n = _num(m["n"])
    unit = _unit(m["u"])
    sign = 1 if m["dir"].lower() in ("from now", "hence") else -1
    if ctx.anchor is None or n == "X" or unit not in ("day", "week", "month", "year", "decade", "quarter"):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    v, _ = _shift(ctx.anchor, unit, sign * round(float(n)))
    return "DATE", v, ("APPROX" if m["t"].split()[0].lower() in ("about", "around", "roughly", "nearly",
                                                                 "almost", "approximately", "some") else None)


@rule(rf"\b(?P<pre>over|in|within|during|for|through)\s+(?P<t>the\s+(?P<dir>next|coming|following|past|last|previous)\s+(?P<n>{_NUM})\s+(?P<u>{_UNIT}))\b")
def _next_n(m, ctx):
    n = _num(m["n"])
    unit = _unit(m["u"])
    code = UNIT_CODES.get(unit, "X")
    if unit == "decade":
        code = "DE"
    val = f"P{n if n != 'X' else 'X'}{code}"
    return "DURATION", val, ("FUTURE" if m["dir"].lower() in ("next", "coming", "following") else "PAST")


@rule(rf"\b(?P<t>(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)[\s-]+quarter(?:\s+(?:of\s+)?(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year))?)\b")
def _quarter(m, ctx):
    q = ORDINALS[m["ord"].lower()]
    if m["y"]:
        return "DATE", f"{m['y']}-Q{q if q > 0 else 4}", None
    a = ctx.anchor
    if a is None:
        return "DATE", "XXXX-QX" if q < 0 else f"XXXX-Q{q}", None
    if q < 0:  # "the last quarter": the one before the anchor's
        v, _ = _shift(a, "quarter", -1)
        return "DATE", v, None
    y = a.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    if not m["rel"] and q > quarter_of(a) and ctx.tense(m.start()) != "future":
        y -= 1
    return "DATE", f"{y}-Q{q}", None


@rule(rf"\b(?P<t>(?:Q(?P<q1>[1-4])\s*(?P<y1>{_YEAR}|'?\d\d)|(?P<y2>{_YEAR})\s*Q(?P<q2>[1-4])))\b", 0)
def _q_code(m, ctx):
    y = m["y1"] or m["y2"]
    y = y.lstrip("'")
    if len(y) == 2:
        y = "20" + y
    return "DATE", f"{y}-Q{m['q1'] or m['q2']}", None


@rule(rf"\b(?P<t>(?:the\s+)?(?P<ord>first|second|latter|1st|2nd)\s+half(?:\s+of\s+(?:(?P<y>{_YEAR})|(?P<rel>this|last|next|the)\s+year))?)\b")
def _half(m, ctx):
    h = 1 if m["ord"].lower() in ("first", "1st") else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}", None
    if ctx.anchor is None:
        return "DATE", f"XXXX-H{h}", None
    y = ctx.anchor.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return "DATE", f"{y}-H{h}", None


@rule(rf"\b(?P<t>H(?P<h>[12])\s*(?P<y>{_YEAR}))\b", 0)
def _h_code(m, ctx):
    return "DATE", f"{m['y']}-H{m['h']}", None


@rule(rf"\b(?P<t>(?:(?P<rel>this|last|next)\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?)\b")
def _season(m, ctx):
    code = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}[m["s"].lower()]
    if m["y"]:
        return "DATE", f"{m['y']}-{code}", None
    if not m["rel"]:
        return None  # a bare season word is too often not a date ("fall" as a verb)
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}", None
    y = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    return "DATE", f"{y}-{code}", None


@rule(rf"\b(?P<t>(?:fiscal(?:\s+year)?\s*|FY\s?)(?P<y>{_YEAR}|\d\d))\b")
def _fiscal(m, ctx):
    y = m["y"] if len(m["y"]) == 4 else "20" + m["y"]
    return "DATE", f"FY{y}", None


@rule(r"\b(?P<t>(?:the\s+)?(?P<y>1[89]\d0|20\d0)s)\b")
def _decade(m, ctx):
    return "DATE", m["y"][:3], None


@rule(rf"\b(?P<pre>since|by|until|till|through|before|after|from|in|of|during|to|for)?\s*(?P<t>(?:(?P<mod>early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?(?P<y>{_YEAR}))\b"
      r"(?![-/.]\d|\s*(?:%|percent|per\s?cent|million|billion|trillion|units|people|employees|workers|vehicles|cars|tons|tonnes|GWh|MW|GW|km|won|yuan|yen|euros?|dollars?))")
def _year(m, ctx):
    pre = (m["pre"] or "").lower()
    before = ctx.text[max(0, m.start("y") - 1):m.start("y")]
    if before in "$€£¥#₩" and before:
        return None
    mod = {"since": "SINCE", "by": "BY", "until": "BY", "till": "BY", "through": "BY"}.get(pre)
    mod = mod or _MODS.get(" ".join((m["mod"] or "").lower().split()))
    return "DATE", m["y"], mod


@rule(r"\b(?P<pre>in|since|until|till|by|during|from|last|next|this|early|late|mid|of|through|before|after|on)?[\s-]*(?P<t>(?-i:(?P<mo>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)))(?!\s*\d)\b")
def _month(m, ctx):
    pre = (m["pre"] or "").lower()
    mo = month_number(m["mo"])
    if m["mo"] == "May" and not pre:
        return None  # the modal verb
    if not pre and m["mo"] in ("March", "August"):
        nxt = ctx.text[m.end("t"):m.end("t") + 2]
        if nxt.startswith(" ") and nxt[1:2].islower():
            return None  # a verb or adjective ("march on", "August company")
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-{mo:02d}", None
    if pre == "last":
        y = a.year if mo < a.month else a.year - 1
    elif pre == "next":
        y = a.year if mo > a.month else a.year + 1
    else:
        y = _year_for(mo, None, ctx, m.start())
    mod = "SINCE" if pre == "since" else ("BY" if pre in ("by", "until", "till") else None)
    return "DATE", f"{y}-{mo:02d}", mod


# --- durations, sets and vague references --------------------------------------------------------

@rule(rf"\b(?P<t>{_APPROX}(?P<n>{_NUM})[\s-]+(?P<u>{_UNIT}))(?:[\s-]+long)?\b(?!\s+(?:ago|earlier|later|from\s+now|old))")
def _duration(m, ctx):
    n = _num(m["n"])
    unit = _unit(m["u"])
    if n == 1 and m["n"].lower() in ("a", "an") and unit == "year" and \
            re.match(r"\s*(?:ago|earlier)", ctx.text[m.end():]) is None and \
            re.search(r"(?:per|a|an)\s*$", ctx.text[max(0, m.start() - 4):m.start()]):
        return None
    code = UNIT_CODES.get(unit, "X")
    if unit == "decade":
        return "DURATION", f"P{int(n) * 10 if n != 'X' else 'X'}Y", None
    if unit == "century":
        return "DURATION", f"P{int(n) * 100 if n != 'X' else 'X'}Y", None
    if unit == "quarter":
        return "DURATION", f"P{int(n) * 3 if n != 'X' else 'X'}M", None
    if unit in ("hour", "minute"):
        return "DURATION", f"PT{n}{'H' if unit == 'hour' else 'M'}", None
    nv = n if n == "X" else (int(n) if float(n).is_integer() else n)
    return "DURATION", f"P{nv}{code}", None


@rule(r"\b(?P<t>decades?-long|years?-long|for\s+years|for\s+decades|for\s+months)\b")
def _vague_duration(m, ctx):
    w = m["t"].lower()
    return "DURATION", "PXY" if ("year" in w or "decade" in w) else "PXM", None


@rule(r"\b(?P<t>annual(?:ly)?|yearly|every\s+year|each\s+year|per\s+year|a\s+year(?=\s*[,.;)]|\s+(?:to|through|until|by|in|from))|monthly|every\s+month|weekly|every\s+week|daily|every\s+day|quarterly)\b")
def _set(m, ctx):
    before = ctx.text[max(0, m.start("t") - 2):m.start("t")]
    if m["t"][0].isupper() and before.strip() not in ("", ".", "!", "?") and not before.endswith("\n"):
        return None  # part of a name ("Korea Economic Daily")
    w = m["t"].lower()
    if "year" in w or "annual" in w:
        return "SET", "P1Y", None
    if "month" in w:
        return "SET", "P1M", None
    if "week" in w:
        return "SET", "P1W", None
    if "quarter" in w:
        return "SET", "P3M", None
    return "SET", "P1D", None


@rule(r"\b(?P<t>(?:more\s+|most\s+|until\s+)?recently|lately|in\s+recent\s+(?:years|months|weeks)|in\s+the\s+past|previously"
      r"|now|currently|at\s+present|at\s+the\s+moment|nowadays|these\s+days|so\s+far|to\s+date"
      r"|soon|in\s+the\s+(?:near\s+)?future|in\s+the\s+coming\s+(?:years|months|weeks|days)|shortly|eventually)\b")
def _refs(m, ctx):
    w = " ".join(m["t"].lower().split())
    if w in ("now", "currently", "at present", "at the moment", "nowadays", "these days", "so far", "to date"):
        if w == "now" and re.match(r"\s+(?:that|is|are|has|have)\b", ctx.text[m.end():]) and \
                re.search(r"(?:^|[.!?]\s+)$", ctx.text[max(0, m.start() - 3):m.start()]):
            return None  # "Now that ..." as a discourse marker
        return "DATE", "PRESENT_REF", None
    if w in ("soon", "shortly", "eventually") or "future" in w or "coming" in w:
        return "DATE", "FUTURE_REF", None
    return "DATE", "PAST_REF", None


@rule(r"\b(?P<t>\d{1,2}(?::[0-5]\d)?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)(?=[\s,.;)]))")
def _clock(m, ctx):
    raw = m["t"].lower()
    hm = re.match(r"(\d{1,2})(?::(\d\d))?", raw)
    h, mi = int(hm[1]), int(hm[2] or 0)
    if h > 12:
        return None
    if m["ap"].lower().startswith("p") and h != 12:
        h += 12
    if m["ap"].lower().startswith("a") and h == 12:
        h = 0
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{h:02d}:{mi:02d}", None


# --- driver ----------------------------------------------------------------------------------

_PAST_VERB = re.compile(r"\b(\w+ed|said|met|held|was|were|had|did|told|made|took|came|went|began|won|saw|sold"
                        r"|bought|left|rose|fell|grew|paid|spent|struck|signed|unveiled|announced)\b", re.IGNORECASE)


def sentence_tense(sentence: str) -> str:
    """'future' when the sentence looks forward (will, set to, plans to...), else 'past'."""
    return "future" if FUTURE_CUES.search(sentence) else "past"


def local_tense(sentence: str, offset: int) -> str:
    """Tense at ``offset`` of ``sentence``: a past verb just before the time expression wins
    ("announced Friday that it will ..."), else the sentence's tense."""
    before = sentence[:offset].split()[-4:]
    if any(_PAST_VERB.fullmatch(w.strip(",.;:")) and w.lower().strip(",.;:") not in ("scheduled", "planned", "expected")
           for w in before):
        return "past"
    return sentence_tense(sentence)


def _regex_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n+", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def find_timexes(text: str, anchor: dt.date | None,
                 sentences: Iterable[tuple[int, int]] | None = None) -> list[Timex]:
    """All time expressions in ``text``, normalised against ``anchor`` (the publication date)."""
    sents = sorted(sentences) if sentences is not None else _regex_sentences(text)
    def tense(pos: int) -> str:
        for i, (s, e) in enumerate(sents):
            if s <= pos < e or (i == len(sents) - 1):
                return local_tense(text[s:e], pos - s)
        return "past"

    ctx = _Ctx(text, anchor, tense)
    candidates = []
    for order, (pattern, fn) in enumerate(_RULES):
        for m in pattern.finditer(text):
            s, e = m.span("t")
            s += len(text[s:e]) - len(text[s:e].lstrip())
            e -= len(text[s:e]) - len(text[s:e].rstrip())
            if e > s:
                candidates.append((s, e, order, m, fn))
    # Longest expression first; among equals, the rule declared first.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    found: list[Timex] = []
    for s, e, _order, m, fn in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        res = fn(m, ctx)
        if res is None or res[1] is None:
            continue
        typ, value, mod = res
        tx = Timex(s, e, text[s:e], typ, value, mod)
        if typ == "DURATION" and mod == "FUTURE" and anchor is not None:
            n = re.match(r"P(\d+)([YMWD])", value)
            if n:
                unit = {"Y": "year", "M": "month", "W": "week", "D": "day"}[n[2]]
                _, end = _shift(anchor, unit, int(n[1]))
                tx.anchor_start, tx.span_end = anchor, end
        found.append(tx)
        taken.append((s, e))
    found.sort(key=lambda t: t.start)
    return found
