"""Time-expression rules for calendar dates and days relative to the anchor (weekdays, yesterday)."""

from __future__ import annotations

import datetime as dt
import re

from ...dates.calendar_words import MONTH_RE, WEEKDAYS, month_number
from ...dates.timevalues import add_months
from .base import _MODS, _PART, _PART_CODE, _YEAR, Ctx, Result, _day_value, _year_for, rule

# --- absolute dates -----------------------------------------------------------------------------

@rule(r"(?<![\d-])(?P<t>(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?)(?![\d-])")
def _iso(m: re.Match[str], ctx: Ctx) -> Result:
    v = _day_value(int(m["y"]), int(m["m"]), int(m["d"]))
    return (("DATE", v, None) if v else None)


@rule(rf"(?P<t>(?-i:{MONTH_RE})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>{_YEAR}))\b")
def _mdy(m: re.Match[str], ctx: Ctx) -> Result:
    v = _day_value(int(m["y"]), month_number(m["t"].split()[0]), int(m["d"]))
    return ("DATE", v, None) if v else None


@rule(rf"\b(?P<t>(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mo>(?-i:{MONTH_RE})),?\s+(?P<y>{_YEAR}))\b")
def _dmy(m: re.Match[str], ctx: Ctx) -> Result:
    v = _day_value(int(m["y"]), month_number(m["mo"]), int(m["d"]))
    return ("DATE", v, None) if v else None


@rule(r"(?<![\d/.-])(?P<t>(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d))(?![\d/.-]\d)")
def _numeric(m: re.Match[str], ctx: Ctx) -> Result:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    month_first = m["sep"] == "/" and a <= 12
    v = _day_value(y, a, b) if month_first else _day_value(y, b, a)
    return ("DATE", v, None) if v else None


@rule(rf"(?P<t>(?:(?P<mod>early|mid|late|end of|the end of|the beginning of|beginning of)[\s-]+)?"
      rf"(?-i:(?P<mo>{MONTH_RE}))(?:\s+of)?,?\s+(?P<y>{_YEAR}))\b(?!\s*[-–]\s*\d)")
def _month_year(m: re.Match[str], ctx: Ctx) -> Result:
    return "DATE", f"{m['y']}-{month_number(m['mo']):02d}", _MODS.get((m["mod"] or "").lower())


@rule(rf"(?P<t>(?-i:(?P<mo>{MONTH_RE}))\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?)\b(?![,\s]*(?:{_YEAR}|\d))")
def _month_day(m: re.Match[str], ctx: Ctx) -> Result:
    return _day_without_year(m, ctx)


@rule(rf"\b(?P<t>(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+of\s+(?-i:(?P<mo>{MONTH_RE})))\b(?!,?\s*{_YEAR})")
def _day_of_month(m: re.Match[str], ctx: Ctx) -> Result:
    return _day_without_year(m, ctx)


def _day_without_year(m: re.Match[str], ctx: Ctx) -> Result:
    """"June 17" / "the 17th of June": the year comes from the anchor and the tense."""
    mo, d = month_number(m["mo"]), int(m["d"])
    y = _year_for(mo, d, ctx, m.start())
    if y is None:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}", None
    v = _day_value(y, mo, d)
    return ("DATE", v, None) if v else None



# --- relative days ----------------------------------------------------------------------------

_EVENT_ANCHOR = re.compile(r"\s+(?:(?:the|its|his|her|their|a|an)\s+\w|[a-z]\w*ing\b)")


@rule(r"\b(?P<t>today|tonight|last\s+night|yesterday|tomorrow|this\s+(?P<part>morning|afternoon|evening)"
      r"|(?:later|earlier)\s+in\s+the\s+day|the\s+same\s+day|the\s+day\s+before|the\s+previous\s+day"
      r"|the\s+next\s+day|the\s+following\s+day|the\s+day\s+after)\b")
def _deictic_day(m: re.Match[str], ctx: Ctx) -> Result:
    w = " ".join(m["t"].lower().split())
    if w in ("the day after", "the day before") and _EVENT_ANCHOR.match(m.string, m.end()):
        return "DATE", "XXXX-XX-XX", None  # "the day after airing": a day fixed by another event, not by today
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before": -1, "the previous day": -1,
              "the next day": 1, "the following day": 1, "the day after": 1}.get(w, 0)
    if ctx.anchor is None:
        return "DATE", "XXXX-XX-XX", None
    d = ctx.anchor + dt.timedelta(days=offset)
    if m["part"]:
        return "TIME", d.isoformat() + _PART_CODE[m["part"].lower()], None
    if w in ("tonight", "last night"):  # the night of the day before the anchor ("it emerged last night")
        return "TIME", d.isoformat() + "TNI", None
    return "DATE", d.isoformat(), None


@rule(rf"\b(?P<t>(?:(?P<rel>last|next|this|coming|past)\s+)?(?-i:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?:\s+(?P<part>{_PART}))?)\b")
def _weekday(m: re.Match[str], ctx: Ctx) -> Result:
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
def _the_nth(m: re.Match[str], ctx: Ctx) -> Result:
    d = int(m["d"])
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-XX-{d:02d}", None
    base = a if d <= a.day or ctx.tense(m.start()) == "future" else add_months(a.replace(day=1), -1)
    v = _day_value(base.year, base.month, d)
    return ("DATE", v, None) if v else None


