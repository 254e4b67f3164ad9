"""Time-expression rules for durations, sets, vague references and clock times."""

from __future__ import annotations

import re

from .base import _APPROX, _NUM, _UNIT, UNIT_CODES, Ctx, Result, _num, _unit, rule

# --- durations, sets and vague references --------------------------------------------------------

@rule(rf"\b(?P<t>{_APPROX}(?P<n>{_NUM})[\s-]+(?P<u>{_UNIT}))(?:[\s-]+long)?\b(?!\s+(?:ago|earlier|later|from\s+now|old))")
def _duration(m: re.Match[str], ctx: Ctx) -> Result:
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
def _vague_duration(m: re.Match[str], ctx: Ctx) -> Result:
    w = m["t"].lower()
    return "DURATION", "PXY" if ("year" in w or "decade" in w) else "PXM", None


@rule(r"\b(?P<t>annual(?:ly)?|yearly|every\s+year|each\s+year|per\s+year|a\s+year(?=\s*[,.;)]|\s+(?:to|through|until|by|in|from))|monthly|every\s+month|weekly|every\s+week|daily|every\s+day|quarterly)\b")
def _set(m: re.Match[str], ctx: Ctx) -> Result:
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
def _refs(m: re.Match[str], ctx: Ctx) -> Result:
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
def _clock(m: re.Match[str], ctx: Ctx) -> Result:
    raw = m["t"].lower()
    hm = re.match(r"(\d{1,2})(?::(\d\d))?", raw)
    if hm is None:
        return None
    h, mi = int(hm[1]), int(hm[2] or 0)
    if h > 12:
        return None
    if m["ap"].lower().startswith("p") and h != 12:
        h += 12
    if m["ap"].lower().startswith("a") and h == 12:
        h = 0
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{h:02d}:{mi:02d}", None
