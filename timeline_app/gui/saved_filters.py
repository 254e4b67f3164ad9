"""Saved filter state read back: each value of a saved filter checked (settings can be edited by hand), and the
event types of a filter saved before taxonomy v3 mapped onto today's types."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt

from ..core.model import EVENT_TYPES, round2_type, v3_type

#: the event-type list a saved filter names (3: taxonomy v3; saved filters without it name the round-2 types)
TYPES_VERSION = 3


def saved_filter_state(state: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Saved filters checked value by value: what cannot be used is replaced by its default and named."""
    def texts(key: str, default: list[str]) -> list[str]:
        v = state.get(key, default)
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return v
        problems.append(f"saved filter '{key}' is not a list of names")
        return default

    types = texts("types", [])
    # none saved, or not a list: every type
    shown = saved_types(types, state.get("types_version")) if types or state.get("types") == [] else set(EVENT_TYPES)
    out: dict[str, Any] = {"types": shown,
                           "hidden": texts("hidden", [])}
    conf = state.get("min_confidence", 0)
    if isinstance(conf, (int, float)) and not isinstance(conf, bool) and 0 <= conf <= 1:
        out["min_confidence"] = float(conf)
    else:
        problems.append(f"saved minimum confidence {str(conf)[:20]!r} is not between 0 and 1")
        out["min_confidence"] = 0.0
    out["limit_dates"] = bool(state.get("limit_dates")) if isinstance(state.get("limit_dates", False), bool) else False
    for key in ("from", "to"):
        raw = state.get(key)
        d = QDate.fromString(raw, Qt.DateFormat.ISODate) if isinstance(raw, str) and raw else None
        if raw and (d is None or not d.isValid()):
            problems.append(f"saved date '{key}' is not a date")
            d = None
        out[key] = d
    search = state.get("search", "")
    out["search"] = search[:500] if isinstance(search, str) else ""
    return out


def saved_types(names: list[str], version: object = TYPES_VERSION) -> set[str]:
    """The event types a saved filter shows. A filter saved before taxonomy v3 (no ``types_version``) names
    round-2 types: each shown one shows every v3 type it was split into (investment: acquisition, stake,
    divestment, financing, facility; other: dividend, recall, lawsuit…), and one it did not name stays hidden, so
    an old filter that hid launches still hides them."""
    if version == TYPES_VERSION:
        return {v3_type(n) for n in names} & set(EVENT_TYPES)
    return {t for t in EVENT_TYPES if round2_type(t) in names}
