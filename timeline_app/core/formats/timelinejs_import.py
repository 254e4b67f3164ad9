"""Importing TimelineJS3 JSON: each slide validated (pydantic), its date objects read with the precision their
fields give (``{"year": 2024, "month": 3}`` is March 2024), a ``display_date`` such as ``Q3 2024`` refining it,
``group`` as the company, the headline and the text (HTML, turned into plain text) as summary and evidence.
A slide we exported carries a ``timeline_app`` block, which gives the exact interval, companies and type back."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..dates.limits import in_range, out_of_range
from ..dates.parse import parse_date_text
from .contract import error_text
from .rows import Rejected, RowBuilder


class TLDate(BaseModel):
    """A TimelineJS date object (its year in the supported range, ``core/dates/limits``)."""

    model_config = ConfigDict(extra="allow")

    year: int
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    display_date: str | None = None

    @field_validator("year")
    @classmethod
    def _year(cls, v: int) -> int:
        if not in_range(v):
            raise ValueError(out_of_range(f"year {v}"))
        return v


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
    if d.month is None:
        return f"{d.year:04d}"
    if d.day is None:
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def slide_values(s: TLSlide) -> dict[str, Any]:
    """A slide as row values."""
    text = plain_text(s.text.text)
    if s.timeline_app is not None:
        own = s.timeline_app
        return {"date": own.start, "end": own.end, "precision": own.precision, "companies": own.companies,
                "type": own.type, "status": own.status, "summary": own.summary or html.unescape(s.text.headline),
                "text": text}
    start = _date_text(s.start_date)
    precision = None
    label = s.display_date or s.start_date.display_date
    if label:
        try:
            span = parse_date_text(label)
            if span.start is not None and span.start.isoformat().startswith(start):
                precision = span.precision  # "Q3 2024" says quarter where the fields only say July 2024
        except ValueError:
            pass
    return {"date": start, "end": _date_text(s.end_date) if s.end_date else None, "precision": precision,
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
            b.rejected.append(Rejected(n, error_text(e), b.unit))
            continue
        b.add(n, slide_values(slide))
