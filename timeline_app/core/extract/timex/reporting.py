"""Time-expression rules for the periods companies report on: a quarter code without its year ("Q4 earnings"),
"the first six months of 2008", "the last three months of last year", and the Christmas trading period."""

from __future__ import annotations

import re

from ...dates.timevalues import quarter_of
from .base import _YEAR, Ctx, Result, rule

_RESULT_WORDS = r"(?:earnings|profits?|results|revenues?|sales|loss(?:es)?|net|income|figures|growth|turnover)"


@rule(rf"\b(?:(?P<pre>(?i:in|for|during|over))\s+(?:(?i:the)\s+)?)?(?P<t>Q(?P<q>[1-4]))(?!\s*(?:{_YEAR}|'?\d\d)\b)"
      rf"(?P<post>\s+{_RESULT_WORDS})?\b", 0, needs="Q")
def _q_code_no_year(m: re.Match[str], ctx: Ctx) -> Result:
    """"Q4 earnings rose", "in Q2": the latest such quarter up to the anchor's (the next one when the sentence
    looks forward). Only as a reporting period (after "in/for/during" or before a results word), never inside a
    name ("Audi Q3 sales", "Q2 Holdings")."""
    if not m["pre"] and not m["post"]:
        return None
    if re.search(r"[A-Z][\w&.-]*\s+$", ctx.text[max(0, m.start("t") - 30):m.start("t")]) and not m["pre"]:
        return None  # "Audi Q3 sales": a model's name
    if re.match(r"\s+[A-Z]", ctx.text[m.end("t"):m.end("t") + 3]):
        return None  # "Q2 Holdings": a company's name
    q = int(m["q"])
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-Q{q}", None
    y = a.year
    if q > quarter_of(a) and ctx.tense(m.start("t")) != "future":
        y -= 1
    return "DATE", f"{y}-Q{q}", None


_SPANS = {("first", "three"): ("Q", 1), ("last", "three"): ("Q", 4), ("final", "three"): ("Q", 4),
          ("first", "six"): ("H", 1), ("last", "six"): ("H", 2), ("final", "six"): ("H", 2),
          ("first", "nine"): ("M", 9)}


@rule(rf"\b(?P<t>the\s+(?P<ord>first|last|final)\s+(?P<n>three|six|nine)\s+months\s+of\s+"
      rf"(?:(?P<y>{_YEAR})|(?P<rel>this|last|the)\s+year))\b", needs="months of")
def _months_of_year(m: re.Match[str], ctx: Ctx) -> Result:
    """"the first six months of 2008" (the first half), "the last three months of last year" (its fourth
    quarter), "the first nine months of the year" (January to September)."""
    kind = _SPANS.get((m["ord"].lower(), m["n"].lower()))
    if kind is None:
        return None
    code, k = kind
    if m["y"]:
        year = m["y"]
    elif ctx.anchor is None:
        year = "XXXX"
    else:
        a = ctx.anchor
        y = a.year - (1 if m["rel"].lower() == "last" else 0)
        last_month = {"Q": 3 * k, "H": 6 * k, "M": 9}[code]
        if m["rel"].lower() != "last" and last_month > a.month and ctx.tense(m.start("t")) != "future":
            y -= 1  # "the last three months of the year" reported in February: the year before
        year = str(y)
    if code == "M":
        return ("DATE", f"{year}-01/{year}-09", None) if year != "XXXX" else ("DATE", "XXXX", None)
    return "DATE", f"{year}-{code}{k}", None


@rule(rf"\b(?P<t>(?:(?i:the)\s+)?(?:(?P<y1>{_YEAR})\s+)?Christmas(?P<day>\s+(?:Day|Eve))?(?:\s+(?P<y2>{_YEAR}))?"
      r"(?:\s+(?:period|season|trading|quarter))?)\b", 0, needs="Christmas")
def _christmas(m: re.Match[str], ctx: Ctx) -> Result:
    """"the 2008 Christmas period", "over Christmas", "Christmas Day": December (the 24th or 25th for the Eve or
    the Day) of the year given, else the last Christmas in a sentence that looks back and the next in one that
    looks forward; never inside a name ("Christmas Island", "Christmas Tree Shops", "Father Christmas")."""
    text, s, e = ctx.text, m.start("t"), m.end("t")
    if re.match(r"\s+[A-Z]", text[e:e + 3]) or (
            re.search(r"\b[A-Z][\w'’]*\s+$", text[max(0, s - 30):s])
            and not re.search(r"(?:^|[.!?:;\"“]\s*|\b(?:The|Over|At|By|For|In|On|Since|Until|This|Last|Next))\s+$",
                              text[max(0, s - 30):s])):
        return None  # "Christmas Tree Shops", "Christmas Island", "Father Christmas": a name
    year = m["y1"] or m["y2"]
    if year is None:
        a = ctx.anchor
        if a is None:
            return "DATE", "XXXX-12", None
        before_it = (a.month, a.day) < (12, 24)
        y = a.year - (1 if before_it and ctx.tense(s) != "future" else 0)  # told as past: the last Christmas
        year = str(y)
    if m["day"]:
        return "DATE", f"{year}-12-{'24' if 'eve' in m['day'].lower() else '25'}", None
    return "DATE", f"{year}-12", None
