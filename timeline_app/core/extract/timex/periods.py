"""Time-expression rules for weeks, months, quarters, halves, seasons, fiscal years and years."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ...dates.calendar_words import month_number
from ...dates.timevalues import quarter_of
from .base import (
    _APPROX,
    _MODS,
    _NUM,
    _UNIT,
    _YEAR,
    ORDINALS,
    UNIT_CODES,
    Ctx,
    Result,
    _num,
    _shift,
    _unit,
    _year_for,
    rule,
)

# --- weeks, months, quarters, halves, years relative to the anchor ----------------------------------

@rule(r"\b(?P<t>(?P<mod>earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of)?\s*"
      r"(?P<rel>this|last|next|the\s+previous|the\s+following|the\s+coming|the\s+same|the\s+current|the\s+past|previous|past)\s+"
      r"(?P<u>week|month|year|quarter|decade|fiscal\s+year))\b(?!['’]s?\s+\w+\s+(?:of|ago))")
def _this_unit(m: re.Match[str], ctx: Ctx) -> Result:
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


@rule(rf"\b(?P<t>{_APPROX}(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+(?P<dir>ago|from\s+now|hence)(?P<today>\s+today)?)\b",
      needs=r"ago|from\s+now|hence")
def _ago(m: re.Match[str], ctx: Ctx) -> Result:
    n = _num(m["n"])
    unit = _unit(m["u"])
    sign = 1 if m["dir"].lower() in ("from now", "hence") else -1
    bound = re.match(r"(?:less|more)\s+than|over\b", m["t"], re.I) is not None  # a bound, not a date
    if ctx.anchor is None or n == "X" or bound or unit not in ("day", "week", "month", "year", "decade", "quarter"):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    if m["today"] and unit in ("year", "month", "week", "day"):  # "twelve years ago today": that very day
        k = sign * round(float(n))
        a = ctx.anchor
        if unit in ("week", "day"):
            return "DATE", (a + dt.timedelta(days=k * (7 if unit == "week" else 1))).isoformat(), None
        months = a.year * 12 + a.month - 1 + (k * 12 if unit == "year" else k)
        y, mo = divmod(months, 12)
        last = calendar.monthrange(y, mo + 1)[1]
        return "DATE", dt.date(y, mo + 1, min(a.day, last)).isoformat(), None
    v, _ = _shift(ctx.anchor, unit, sign * round(float(n)))
    return "DATE", v, ("APPROX" if m["t"].split()[0].lower() in ("about", "around", "roughly", "nearly",
                                                                 "almost", "approximately", "some") else None)


@rule(rf"\b(?P<pre>over|in|within|during|for|through)\s+(?P<t>the\s+(?P<dir>next|coming|following|past|last|previous)\s+(?P<n>{_NUM})\s+(?P<u>{_UNIT}))\b")
def _next_n(m: re.Match[str], ctx: Ctx) -> Result:
    n = _num(m["n"])
    unit = _unit(m["u"])
    code = UNIT_CODES.get(unit, "X")
    if unit == "decade":
        code = "DE"
    val = f"P{n if n != 'X' else 'X'}{code}"
    return "DURATION", val, ("FUTURE" if m["dir"].lower() in ("next", "coming", "following") else "PAST")


@rule(rf"\b(?P<t>(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)[\s-]+(?:(?:fiscal|financial|calendar)\s+)?quarter(?:\s+(?:of\s+)?(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year))?)\b")
def _quarter(m: re.Match[str], ctx: Ctx) -> Result:
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
def _q_code(m: re.Match[str], ctx: Ctx) -> Result:
    y = m["y1"] or m["y2"]
    y = y.lstrip("'")
    if len(y) == 2:
        y = "20" + y
    return "DATE", f"{y}-Q{m['q1'] or m['q2']}", None


@rule(rf"\b(?P<t>(?:the\s+)?(?P<ord>first|second|latter|1st|2nd)\s+half(?:\s+of\s+(?:(?P<y>{_YEAR})|(?P<rel>this|last|next|the)\s+year))?)\b",
      needs="half")
def _half(m: re.Match[str], ctx: Ctx) -> Result:
    h = 1 if m["ord"].lower() in ("first", "1st") else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}", None
    if ctx.anchor is None:
        return "DATE", f"XXXX-H{h}", None
    y = ctx.anchor.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return "DATE", f"{y}-H{h}", None


@rule(rf"\b(?P<t>H(?P<h>[12])\s*(?P<y>{_YEAR}))\b", 0)
def _h_code(m: re.Match[str], ctx: Ctx) -> Result:
    return "DATE", f"{m['y']}-H{m['h']}", None


@rule(rf"\b(?P<t>(?:(?P<rel>this|last|next)\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?)\b")
def _season(m: re.Match[str], ctx: Ctx) -> Result:
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
def _fiscal(m: re.Match[str], ctx: Ctx) -> Result:
    y = m["y"] if len(m["y"]) == 4 else "20" + m["y"]
    return "DATE", f"FY{y}", None


@rule(r"\b(?P<t>(?:the\s+)?(?P<y>1[89]\d0|20\d0)s)\b")
def _decade(m: re.Match[str], ctx: Ctx) -> Result:
    return "DATE", m["y"][:3], None


@rule(rf"\b(?P<pre>since|by|until|till|through|before|after|from|in|of|during|to|for)?\s*(?P<t>(?:(?P<mod>early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?(?P<y>{_YEAR}))\b"
      r"(?![-/.]\d|\s+(?:version|model|edition|season|line-?up|lineup|range|series)\b|\s*(?:%|percent|per\s?cent|million|billion|trillion|units|people|employees|workers|vehicles|cars|tons|tonnes|GWh|MW|GW|km|won|yuan|yen|euros?|dollars?))")
def _year(m: re.Match[str], ctx: Ctx) -> Result:
    pre = (m["pre"] or "").lower()
    before = ctx.text[max(0, m.start("y") - 1):m.start("y")]
    if before in "$€£¥#₩" and before:
        return None
    mod = {"since": "SINCE", "by": "BY", "until": "BY", "till": "BY", "through": "BY"}.get(pre)
    mod = mod or _MODS.get(" ".join((m["mod"] or "").lower().split()))
    return "DATE", m["y"], mod


@rule(r"\b(?P<pre>in|since|until|till|by|during|from|last|next|this|early|late|mid|of|through|before|after|on)?[\s-]*(?P<t>(?-i:(?P<mo>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)))(?!\s*\d)\b")
def _month(m: re.Match[str], ctx: Ctx) -> Result:
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
        y = _year_for(mo, None, ctx, m.start()) or a.year
    mod = "SINCE" if pre == "since" else ("BY" if pre in ("by", "until", "till") else None)
    return "DATE", f"{y}-{mo:02d}", mod


