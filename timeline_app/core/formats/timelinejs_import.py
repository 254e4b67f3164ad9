"""Importing TimelineJS3 JSON: each slide validated (pydantic), its date objects read with the precision their
fields give (``{"year": 2024, "month": 3}`` is March 2024), a ``display_date`` such as ``Q3 2024`` refining it,
``group`` as the company, the headline and the text (HTML, turned into plain text) as summary and evidence.
A slide we exported carries a ``timeline_app`` block, which gives the exact interval, companies and type back."""

from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from ..dates.limits import in_range, out_of_range
from ..dates.parse import parse_date_text
from .contract import error_text
from .rows import Rejected, RowBuilder

#: the parts of a TimelineJS date object, biggest first, with the range each may take
_PARTS = (("year", None), ("month", (1, 12)), ("day", (1, 31)), ("hour", (0, 23)), ("minute", (0, 59)),
          ("second", (0, 59)), ("millisecond", (0, 999)))


def _part(name: str, v: Any) -> int | None:
    """One part of a date object as TimelineJS reads it: a number or a numeric string; ``""`` or null is "not
    given" (what TimelineJS's spreadsheet export writes for a year-only or month-only date)."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise ValueError(f"its {name} is {type(v).__name__}, not a number")
    try:
        n = float(v) if isinstance(v, str) else v
    except ValueError:
        raise ValueError(f"its {name} '{str(v)[:20]}' is not a number") from None
    if n != int(n):
        raise ValueError(f"its {name} '{v}' is not a whole number")
    return int(n)


class TLDate(BaseModel):
    """A TimelineJS date object. Every part may be a number, a numeric string, or empty (not given: a date with
    only a year is that year, with a year and a month that month, as TimelineJS shows it); its year in the
    supported range (``core/dates/limits``)."""

    model_config = ConfigDict(extra="allow")

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    millisecond: int | None = None
    display_date: str | None = None

    @field_validator("year", "month", "day", "hour", "minute", "second", "millisecond", mode="before")
    @classmethod
    def _number(cls, v: Any, info: ValidationInfo) -> int | None:
        return _part(str(info.field_name), v)

    @model_validator(mode="after")
    def _check(self) -> TLDate:
        for name, bounds in _PARTS:
            v = getattr(self, name)
            if v is not None and bounds is not None and not bounds[0] <= v <= bounds[1]:
                raise ValueError(f"its {name} {v} is not between {bounds[0]} and {bounds[1]}")
        if self.year is None:
            if any(getattr(self, n) is not None for n, _ in _PARTS[1:]):
                raise ValueError("it has no year")
            return self
        if not in_range(self.year):
            raise ValueError(out_of_range(f"its year {self.year}"))
        if self.day is not None and self.month is None:
            raise ValueError(f"it gives a day ({self.day}) but no month")
        if self.month is not None and self.day is not None:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                raise ValueError(f"{self.year:04d}-{self.month:02d}-{self.day:02d} is no day of the calendar") \
                    from None
        if self.hour is not None and self.day is None:
            raise ValueError("it gives a time of day but no day")
        return self

    @property
    def given(self) -> bool:
        """Whether the object holds a date at all (an end date of empty strings does not)."""
        return self.year is not None


class TLText(BaseModel):
    """A slide's text."""

    model_config = ConfigDict(extra="allow")

    headline: str = ""
    text: str = ""


class TLOwn(BaseModel):
    """What our export adds to a slide."""

    model_config = ConfigDict(extra="allow")

    type: str = "other"
    precision: str
    status: str = "happened"
    start: str
    end: str | None = None
    companies: list[str] = []
    summary: str = ""


class TLSlide(BaseModel):
    """A TimelineJS event slide."""

    model_config = ConfigDict(extra="allow")

    start_date: TLDate
    end_date: TLDate | None = None

    @field_validator("start_date")
    @classmethod
    def _dated(cls, v: TLDate) -> TLDate:
        if not v.given:
            raise ValueError("it has no year")
        return v
    text: TLText = TLText()
    group: str | None = None
    display_date: str | None = None
    unique_id: str | None = None
    timeline_app: TLOwn | None = None


class TLDocument(BaseModel):
    """A TimelineJS file: a list of slides (each validated on its own)."""

    model_config = ConfigDict(extra="allow")

    events: list[Any]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "br", "blockquote", "div", "li"):
            self.parts.append(" ")


def plain_text(markup: str) -> str:
    """The text of an HTML fragment (tags dropped, entities decoded, spacing collapsed); nothing is fetched."""
    p = _Text()
    p.feed(markup)
    p.close()
    return " ".join("".join(p.parts).split())


def _date_text(d: TLDate) -> str:
    """A date object as row text at the precision its parts give (``1951``, ``1943-07``, ``2012-02-11``,
    ``2015-07-24T19:01:01``)."""
    if d.month is None:
        return f"{d.year:04d}"
    if d.day is None:
        return f"{d.year:04d}-{d.month:02d}"
    day = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if d.hour is None:
        return day
    return f"{day}T{d.hour:02d}:{d.minute or 0:02d}" + (f":{d.second:02d}" if d.second is not None else "")


def _time_precision(d: TLDate) -> str | None:
    """hour, minute or second for a date object with a time of day, else None (the parts give the precision)."""
    if d.hour is None:
        return None
    return "second" if d.second is not None else ("minute" if d.minute is not None else "hour")


#: what the parts of a slide are called in messages
_WHERE = {"start_date": "the start date", "end_date": "the end date", "text": "the text", "group": "the group",
          "display_date": "the display date", "unique_id": "the unique id", "timeline_app": "the timeline_app block"}


def slide_problem(e: ValidationError) -> str:
    """What is wrong with a slide, in plain words (``the start date: its month 13 is not between 1 and 12``),
    never pydantic's own text."""
    parts: list[str] = []
    for err in e.errors():
        loc = [str(x) for x in err["loc"]]
        where = _WHERE.get(loc[0], f"the field '{loc[0]}'") if loc else "the slide"
        if err["type"] == "value_error":
            what = str(err["msg"]).removeprefix("Value error, ")
        elif err["type"] == "missing":
            what = "is missing" if len(loc) == 1 else f"has no {loc[-1]}"
        elif err["type"] in ("model_type", "dict_type", "model_attributes_type"):
            what = "is not an object with named fields, as TimelineJS writes it"
        elif err["type"].endswith("_type") or err["type"].endswith("_parsing"):
            what = f"its {loc[-1]} is {type(err.get('input')).__name__}, not text" if len(loc) > 1 else \
                f"is {type(err.get('input')).__name__}, not text"
        else:
            what = "cannot be read" + (f" ({loc[-1]})" if len(loc) > 1 else "")
        parts.append(what if where == "the slide" else f"{where} {what}" if what.startswith("is ") else
                     f"{where}: {what}")
    return "; ".join(dict.fromkeys(parts))


def slide_values(s: TLSlide) -> dict[str, Any]:
    """A slide as row values."""
    text = plain_text(s.text.text)
    if s.timeline_app is not None:
        own = s.timeline_app
        return {"date": own.start, "end": own.end, "precision": own.precision, "companies": own.companies,
                "type": own.type, "status": own.status, "summary": own.summary or html.unescape(s.text.headline),
                "text": text}
    start = _date_text(s.start_date)
    precision = _time_precision(s.start_date)
    end_date = s.end_date if s.end_date is not None and s.end_date.given else None
    label = None if precision else (s.display_date or s.start_date.display_date)
    if label:
        try:
            span = parse_date_text(label)
            if span.start is not None and span.start.isoformat().startswith(start):
                precision = span.precision  # "Q3 2024" says quarter where the fields only say July 2024
        except ValueError:
            pass
    return {"date": start, "end": _date_text(end_date) if end_date else None, "precision": precision,
            "companies": [s.group] if s.group else [], "summary": plain_text(html.unescape(s.text.headline))
            if "<" in s.text.headline else html.unescape(s.text.headline), "text": text}


def import_timelinejs(b: RowBuilder, data: Any) -> None:
    """Add each slide of a TimelineJS document to ``b`` (slide numbers count from 1)."""
    try:
        doc = TLDocument.model_validate(data)
    except ValidationError as e:
        raise ValueError(f"not a TimelineJS file: {error_text(e)}") from None
    for n, raw in enumerate(doc.events, start=1):
        try:
            slide = TLSlide.model_validate(raw)
        except ValidationError as e:
            b.rejected.append(Rejected(n, slide_problem(e), b.unit))
            continue
        b.add(n, slide_values(slide))
