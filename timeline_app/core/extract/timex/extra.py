"""Time-expression rules for the harder cases of business news: year ranges ("2023-24", "2023/24"), fiscal years
with a stated start month, clock times with a time zone, recurring periods ("every quarter"), comparative periods
("a year earlier", "the same quarter last year"), deadlines ("by the end of the year") and "on the day" in market
reports. A value "Y1/Y2" (or "Y1-MM/Y2-MM") is an interval the driver turns into explicit bounds."""

from __future__ import annotations

import datetime as dt
import re

from ...dates.calendar_words import MONTH_RE, month_number
from ...dates.timevalues import add_months, quarter_of
from .base import _YEAR, Ctx, Result, _shift, rule

_ZONE = r"(?:UTC|GMT|Z|[ECMP][SD]T|BST|CES?T|KST|JST|IST|AEST|AEDT|HKT|SGT)"


@rule(rf"(?<![\d/-])(?P<t>(?:(?:fiscal|financial)(?:\s+year)?\s+|FY\s?)?(?P<y1>{_YEAR})\s*[-/–]\s*(?P<y2>\d\d|{_YEAR}))"
      r"(?![\d/-])")
def _year_range(m: re.Match[str], ctx: Ctx) -> Result:
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
    if not 0 < y2 - y1 <= 1 + 9 * (len(m["y2"]) == 4):
        return None  # "2023-25" is fine, "2023/19" is no range
    if m["t"].lower().startswith(("fiscal", "financial", "fy")):
        return "DATE", f"FY{y2}", None
    return "DATE", f"{y1}/{y2}", None


@rule(rf"\b(?P<t>(?:the\s+)?(?:fiscal|financial)\s+year\s+(?:(?P<y>{_YEAR})\s*,?\s*)?(?:that\s+|which\s+)?"
      rf"(?:begins|began|starts|started|beginning|starting)\s+(?:on\s+|in\s+)?(?-i:(?P<mo>{MONTH_RE}))"
      rf"(?:\s+\d{{1,2}}\b)?(?:,?\s+(?P<y2>{_YEAR}))?)\b")
def _fiscal_start(m: re.Match[str], ctx: Ctx) -> Result:
    year = m["y2"] or m["y"] or (str(ctx.anchor.year) if ctx.anchor else None)
    if year is None:
        return None
    mo = month_number(m["mo"])
    start = f"{year}-{mo:02d}"
    end = add_months(dt.date(int(year), mo, 1), 11)
    return "DATE", f"{start}/{end.year}-{end.month:02d}", None


@rule(rf"\b(?P<t>(?:at\s+)?(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)\s*(?P<ap>a\.m\.|p\.m\.|am|pm)?\s*"
      rf"(?P<z>{_ZONE}))\b", 0)
def _clock_zone(m: re.Match[str], ctx: Ctx) -> Result:
    h = int(m["h"])
    if m["ap"]:
        if h > 12:
            return None
        h = (h % 12) + (12 if m["ap"].lower().startswith("p") else 0)
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    zone = "Z" if m["z"] in ("UTC", "GMT", "Z") else ""
    return "TIME", f"{day}T{h:02d}:{m['mi']}{zone}", None


@rule(rf"\b(?P<t>(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)\s*(?P<z>{_ZONE}))\b")
def _clock_ampm_zone(m: re.Match[str], ctx: Ctx) -> Result:
    h = (int(m["h"]) % 12) + (12 if m["ap"].lower().startswith("p") else 0)
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    zone = "Z" if m["z"] in ("UTC", "GMT", "Z") else ""
    return "TIME", f"{day}T{h:02d}:{m['mi'] or '00'}{zone}", None


@rule(r"\b(?P<t>(?:every|each|per)\s+(?P<u>quarter|month|week|day|year|fiscal\s+year))\b")
def _every(m: re.Match[str], ctx: Ctx) -> Result:
    unit = m["u"].split()[-1].lower()
    return "SET", {"quarter": "P3M", "month": "P1M", "week": "P1W", "day": "P1D", "year": "P1Y"}[unit], None


@rule(r"\b(?P<t>(?P<n>a|one|two|three)\s+(?P<u>year|quarter|month)s?\s+(?:earlier|before|previously))\b")
def _earlier(m: re.Match[str], ctx: Ctx) -> Result:
    if ctx.anchor is None:
        return "DATE", "PAST_REF", None
    n = {"a": 1, "one": 1, "two": 2, "three": 3}[m["n"].lower()]
    v, _ = _shift(ctx.anchor, m["u"].lower(), -n)
    return "DATE", v, "EARLIER"


@rule(r"\b(?P<t>the\s+same\s+(?P<u>quarter|month|period|week)\s+(?:of\s+)?(?:the\s+)?(?:last|a|previous|prior)\s+year"
      r"|the\s+(?:year-earlier|year-ago|prior-year)\s+(?P<u2>quarter|period|month))\b")
def _same_last_year(m: re.Match[str], ctx: Ctx) -> Result:
    if ctx.anchor is None:
        return "DATE", "PAST_REF", None
    unit = (m["u"] or m["u2"]).lower()
    a = add_months(ctx.anchor, -12)
    if unit in ("quarter", "period"):
        return "DATE", f"{a.year}-Q{quarter_of(a)}", None
    if unit == "month":
        return "DATE", f"{a.year}-{a.month:02d}", None
    v, _ = _shift(a, "week", 0)
    return "DATE", v, None


@rule(r"\b(?P<pre>by|before|until)?\s*(?P<t>the\s+end\s+of\s+(?:the|this)\s+(?P<u>year|month|quarter|week))\b",
      needs=r"end\s+of\s+(?:the|this)\s")
def _end_of_the(m: re.Match[str], ctx: Ctx) -> Result:
    if ctx.anchor is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "week": "XXXX-WXX"}[m["u"]], "END"
    v, _ = _shift(ctx.anchor, m["u"].lower(), 0)
    return "DATE", v, ("BY" if m["pre"] else "END")


@rule(r"\b(?:on|for)\s+(?P<t>the\s+day)\b(?!\s+(?:of|that|when|before|after|it|they|he|she|we))")
def _on_the_day(m: re.Match[str], ctx: Ctx) -> Result:
    """"Shares fell 3% on the day": in a market report, the day reported is the publication date."""
    if ctx.anchor is None:
        return "DATE", "XXXX-XX-XX", None
    return "DATE", ctx.anchor.isoformat(), None


_DAY_YEAR = rf"(?-i:(?P<mo>{MONTH_RE}))(?:\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>{_YEAR}))?"


_PERIOD_MOD = (r"(?:first|second|third|fourth|last|latest|final|most\s+recent|recent|fiscal|financial|three-month"
               r"|six-month|12-month|twelve-month)\s+")


@rule(rf"\b(?P<t>(?:the\s+(?:{_PERIOD_MOD})*|(?:{_PERIOD_MOD})+)(?P<u>quarter|three\s+months|half|six\s+months|year"
      rf"|12\s+months|twelve\s+months))(?=,?\s+(?:which\s+|that\s+)?(?P<v>ended|ending|ends|to)\s+(?:on\s+|in\s+)?"
      rf"{_DAY_YEAR}\b)")
def _period_ended(m: re.Match[str], ctx: Ctx) -> Result:
    """"the quarter ended December 30, 2006": the period the results cover is the one that ends on that date
    (a fiscal quarter is dated by the calendar quarter it mostly falls in)."""
    mo, day = month_number(m["mo"]), int(m["d"] or 28)
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor is not None:
        a = ctx.anchor
        year = a.year
        cand = dt.date(year, mo, min(day, 28))
        if (m["v"].lower() == "ended" or ctx.tense(m.start()) != "future") and cand > a + dt.timedelta(days=7):
            year -= 1  # a period that has ended lies before the report
        elif m["v"].lower() != "ended" and cand < a - dt.timedelta(days=200):
            year += 1
    else:
        return None
    try:
        end = dt.date(year, mo, day)
    except ValueError:
        return None
    unit = m["u"].lower()
    if "quarter" in unit or "three" in unit:
        mid = end - dt.timedelta(days=45)
        return "DATE", f"{mid.year}-Q{quarter_of(mid)}", None
    if "half" in unit or "six" in unit:
        mid = end - dt.timedelta(days=90)
        return "DATE", f"{mid.year}-H{1 if mid.month <= 6 else 2}", None
    first = add_months(dt.date(end.year, end.month, 1), -11)
    return "DATE", f"{first.year}-{first.month:02d}/{end.year}-{end.month:02d}", None
