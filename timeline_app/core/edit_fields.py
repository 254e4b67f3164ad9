"""The fields of an edit as a person types them: a date ("March 2024", "Q3 2023") or a precision becomes the
start/end/precision fields, money amounts become amount records, and an edit's fields become the words of its
label in the history. Nothing here touches a workspace."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dates.parse import DateSpan, parse_date_text, span_label, widen
from .model import Event
from .store.edits import EditError


def _short(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def date_fields(text: str | None, precision: str | None = None, current: Event | None = None) -> dict[str, Any]:
    """The start/end/precision fields for a typed date (and/or a precision applied to the current date)."""
    if text is None and precision is None:
        return {}
    if text is None:
        if current is None or current.start is None:
            raise EditError("the event has no date to change the precision of; give a date too")
        span = widen(current.start, precision or "day")
    else:
        try:
            span = parse_date_text(text, precision)
        except ValueError as e:
            raise EditError(str(e)) from None
    return _span_fields(span)


def amount_fields(text: str) -> list[dict[str, Any]]:
    """Money amounts typed by a person ("$2 billion", "EUR 300 million; 15 trillion won"); '' clears them."""
    from .extract.mentions.amounts import find_money  # here: the viewer's start loads no extraction rules

    out = []
    for part in [p for p in text.split(";") if p.strip()]:
        found = find_money(part.strip())
        if not found:
            raise EditError(f"cannot read '{part.strip()}' as an amount (try $2 billion, EUR 300 million)")
        out += [{"value": m.value, "currency": m.currency, "text": m.text, "usd": m.usd} for m in found]
    return out


def _span_fields(span: DateSpan) -> dict[str, Any]:
    return {"start": span.start.isoformat() if span.start else None,
            "end": span.end.isoformat() if span.end else None, "precision": span.precision}


def _describe(fields: dict[str, Any]) -> str:
    parts = []
    if "start" in fields:
        s, e = fields.get("start"), fields.get("end")
        parts.append("date → " + span_label(dt.date.fromisoformat(s) if s else None,
                                            dt.date.fromisoformat(e) if e else None, fields.get("precision", "day")))
    for k, v in fields.items():
        if k in ("start", "end", "precision"):
            continue
        if k == "deleted":
            parts.append("deleted" if v else "restored")
        elif k == "starred":
            parts.append("starred" if v else "unstarred")
        elif isinstance(v, list):
            parts.append(f"{k} → {', '.join(str(x) for x in v) or 'none'}" if k != "amounts" else "amounts")
        else:
            parts.append(f"{k} → {_short(str(v), 30)}")
    return "; ".join(parts)
