"""Time expressions that count from a date the text has just given rather than from the publication date:
"In 2001 the iPod, and the following year Mac OS X", "a year later", "later that year", "the previous year".

The rules here find the expressions that have no meaning of their own ("that year", "two years later"); a pass
over all found expressions (:func:`reanchor`) then resolves every such expression, and the anaphoric forms of
"the following/previous/same year" that the period rules resolved against the publication date, against the
nearest explicit date before them."""

from __future__ import annotations

import datetime as dt
import re

from ...dates.timevalues import add_months, value_interval
from .base import Ctx, Result, Timex, rule

# How far back (characters) an explicit date can be to serve as the reference: about two sentences.
MAX_GAP = 400

_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}
ANAPHORIC = re.compile(r"(?:(?:later|earlier)\s+(?:in\s+)?)?(?:the\s+(?P<rel>following|next|previous|preceding|prior"
                       r"|same)|that(?:\s+same)?)\s+(?P<u>year|month)", re.I)
SHIFTED = re.compile(r"(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<u>year|month)s?"
                     r"\s+(?P<dir>later|after|afterwards|earlier|before)", re.I)
_EXPLICIT_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


SHIFTED_DAYS = re.compile(r"(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<u>day|week)s?"
                          r"\s+(?P<dir>later|after|afterwards|earlier|before)", re.I)
DAY_ANAPHORIC = re.compile(r"(?:(?:later|earlier)\s+(?:in\s+|on\s+)?)?(?:the\s+(?P<rel>same|following|next|previous)"
                           r"\s+day|(?:(?:later|earlier)\s+(?:in\s+|on\s+)?that(?:\s+same)?|that\s+same)\s+day)", re.I)
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")


@rule(r"\b(?P<t>(?:(?:later|earlier)\s+(?:in\s+|on\s+)?that(?:\s+same)?|that\s+same)\s+day)\b"
      r"(?!\s+(?:of|when|that|which))")
def _that_day(m: re.Match[str], ctx: Ctx) -> Result:
    """"later that day": the day of the date just told; resolved by :func:`reanchor` (the anchor when none)."""
    return "DATE", ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX", None


@rule(r"\b(?P<t>(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:days?|weeks?)\s+"
      r"(?:later|afterwards))\b(?!\s+(?:of|than|when|that|which))", needs=r"later|afterwards")
def _days_later(m: re.Match[str], ctx: Ctx) -> Result:
    """"two days later": counted from the day just told; resolved by :func:`reanchor` (no date when none)."""
    return "DATE", "XXXX-XX-XX", None


@rule(r"\b(?P<t>(?:(?:later|earlier)\s+(?:in\s+)?)?that(?:\s+same)?\s+(?:year|month)"
      r"|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:years?|months?)\s+"
      r"(?:later|afterwards))\b(?!\s+(?:of|than|when|that|which))")
def _anaphoric(m: re.Match[str], ctx: Ctx) -> Result:
    """A date that only the text before it can resolve; left unresolved here, resolved by :func:`reanchor`."""
    return "DATE", "XXXX" if "year" in m["t"].lower() else "XXXX-XX", None


def _explicit(tx: Timex) -> bool:
    """A calendar date that states its year."""
    return tx.type == "DATE" and bool(_EXPLICIT_YEAR.search(tx.text)) and value_interval(tx.value) is not None


def _shifted_value(ref: tuple[dt.date, dt.date, str], unit: str, n: int) -> str | None:
    start, _, precision = ref
    if unit == "year":
        return str(start.year + n)
    if precision not in ("day", "month"):
        return None  # "the following month" after a bare year: no month to count from
    d = add_months(start.replace(day=1), n)
    return f"{d.year}-{d.month:02d}"


def reanchor(found: list[Timex]) -> None:
    """Resolve anaphoric expressions in ``found`` (sorted by position) against the nearest explicit date before
    them, in place. An expression with no explicit date close enough keeps the value it had."""
    ref: Timex | None = None
    day: Timex | None = None
    for tx in found:
        text = " ".join(tx.text.split())
        dm = DAY_ANAPHORIC.fullmatch(text)
        if dm and day is not None and tx.start - day.end <= MAX_GAP and tx.type in ("DATE", "TIME"):
            shift = {"following": 1, "next": 1, "previous": -1}.get((dm["rel"] or "").lower(), 0)
            base = dt.date.fromisoformat(day.value[:10])
            tx.type, tx.value = "DATE", (base + dt.timedelta(days=shift)).isoformat()
            continue  # "On March 3 ... the same day": the day just told, not the publication day
        sm = SHIFTED_DAYS.fullmatch(text)
        if sm and day is not None and tx.start - day.end <= MAX_GAP and tx.type == "DATE":
            n = int(_COUNT.get(sm["n"].lower(), 0) or (sm["n"] if sm["n"].isdigit() else 0))
            n *= 7 if sm["u"].lower() == "week" else 1
            n = -n if sm["dir"].lower() in ("earlier", "before") else n
            tx.value = (dt.date.fromisoformat(day.value[:10]) + dt.timedelta(days=n)).isoformat()
            day = tx  # "On May 2 ... Two days later ... the next day": the chain goes on
            continue
        if tx.type in ("DATE", "TIME") and _DAY.match(tx.value):
            day = tx
        if _explicit(tx):
            ref = tx
            continue
        if ref is None or tx.start - ref.end > MAX_GAP or tx.type != "DATE":
            continue
        iv = value_interval(ref.value)
        if iv is None:
            continue
        if m := ANAPHORIC.fullmatch(text):
            rel = (m["rel"] or "same").lower()
            n = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(rel, 0)
            unit = m["u"].lower()
        elif m := SHIFTED.fullmatch(text):
            n = int(_COUNT.get(m["n"].lower(), 0) or (m["n"] if m["n"].isdigit() else 0))
            n = -n if m["dir"].lower() in ("earlier", "before") else n
            unit = m["u"].lower()
        else:
            continue
        value = _shifted_value(iv, unit, n)
        if value is not None:
            tx.value, tx.anchor_start, tx.span_end = value, None, None
            ref = tx  # "Two years later ... later that year": the chain goes on from the resolved date
