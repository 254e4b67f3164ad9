"""Money and quantity expressions: value, currency or unit, and USD when the text gives it."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"thousand|million|billion|trillion|bn|mn|tn|[mbk](?![a-z])"
_PRE = r"US\$|HK\$|A\$|C\$|S\$|USD|EUR|GBP|JPY|KRW|CNY|RMB|INR|Rs\.?|\$|€|£|¥|₩"
_POST = r"won|yuan|yen|euros?|dollars?|pounds?|rupees?|renminbi|USD|EUR|KRW|JPY|CNY|GBP"
MONEY = re.compile(
    rf"(?:(?P<pre>{_PRE})\s?(?P<n1>{_NUM})(?:\s?(?P<s1>{_SCALE}))?"
    rf"|(?P<n2>{_NUM})(?:\s?(?P<s2>{_SCALE}))?\s?(?P<post>{_POST}))(?![\w$])",
    re.IGNORECASE,
)
_CURRENCY = {"us$": "USD", "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
             "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY",
             "jpy": "JPY", "yen": "JPY", "₩": "KRW", "krw": "KRW", "won": "KRW", "cny": "CNY", "rmb": "CNY",
             "yuan": "CNY", "renminbi": "CNY", "inr": "INR", "rs": "INR", "rs.": "INR", "rupee": "INR",
             "rupees": "INR", "hk$": "HKD", "a$": "AUD", "c$": "CAD", "s$": "SGD"}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "tn": 1e12}
_UNITS = (r"gigawatt[- ]hours?|megawatt[- ]hours?|kilowatt[- ]hours?|GWh|MWh|kWh|TWh|gigawatts?|megawatts?|GW|MW|kW"
          r"|metric tons?|tonnes?|tons?|square[- ]met(?:er|re)s?|square[- ]feet|sq\.? ?m|km|kilomet(?:er|re)s?|miles"
          r"|barrels|percent|per cent|%|mm|nm|units|vehicles|cars|employees|workers|jobs|stores|devices")
QUANTITY = re.compile(rf"(?<![\w.])(?P<n>{_NUM})(?:\s?(?P<s>{_SCALE}|thousand))?[\s-]?(?P<u>{_UNITS})(?![\w])",
                      re.IGNORECASE)
_PAIR_GAP = re.compile(r"^\s*(?:\(|,|or|and|—|–|-)?\s*(?:approximately|about|around|roughly|some|nearly|or)?\s*$",
                       re.IGNORECASE)


@dataclass
class MoneyMatch:
    """A money expression found in text."""

    start: int
    end: int
    text: str
    value: float
    currency: str
    usd: float | None = None


def _number(s: str) -> float:
    return float(s.replace(",", ""))


def find_money(text: str) -> list[MoneyMatch]:
    """Money amounts; a USD figure given beside another currency ("15 trillion won (USD 10.23 billion)")
    becomes that amount's ``usd``."""
    out: list[MoneyMatch] = []
    for m in MONEY.finditer(text):
        cur_word = (m["pre"] or m["post"]).lower()
        currency = _CURRENCY.get(cur_word, cur_word.upper())
        n = _number(m["n1"] or m["n2"])
        scale = (m["s1"] or m["s2"] or "").lower()
        if scale in ("m", "b", "k") and not m["pre"]:
            continue
        value = n * _SCALES.get(scale, 1.0)
        out.append(MoneyMatch(m.start(), m.end(), m.group(), value, currency,
                              value if currency == "USD" else None))
    for a, b in itertools.pairwise(out):
        if b.start - a.end <= 40 and _PAIR_GAP.match(text[a.end:b.start]):
            if a.usd is None and b.currency == "USD":
                a.usd = b.value
            elif b.usd is None and a.currency == "USD":
                b.usd = a.value
    return out


def find_quantities(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, normalised value) for quantities with units ("8 GWh", "10 gigawatt-hours")."""
    out = []
    for m in QUANTITY.finditer(text):
        n = _number(m["n"]) * _SCALES.get((m["s"] or "").lower(), 1.0)
        unit = m["u"]
        if re.fullmatch(r"gigawatt[- ]hours?", unit, re.IGNORECASE):
            unit = "GWh"
        elif unit.lower() in ("percent", "per cent"):
            unit = "%"
        value = f"{n:g} {unit}" if unit != "%" else f"{n:g}%"
        out.append((m.start(), m.end(), m.group(), value))
    return out
