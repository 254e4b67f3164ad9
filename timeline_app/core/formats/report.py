"""A shareable report of events: one self-contained HTML file (no network references, article text escaped).

It holds the timeline picture (an embedded image the caller supplies: the one drawing of exported pictures is
``timeline_app.gui.picture``), then every event in date order with its companies, its date and how that date was
derived, and the evidence sentences quoted with the article's title and date. Pure Python: the PDF is made from
this HTML on the Qt side."""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..dates.labels import event_date_label
from ..model import (
    EVENT_TYPE_LABELS,
    FAMILIES,
    FAMILY_LABELS,
    Document,
    Event,
    Source,
    family_of,
    v3_type,
)
from ..palette import SHAPE_GLYPHS, hex_colour, readable, type_colour, type_shape

MAX_SOURCES = 3  # evidence quotes shown per event (the others are counted)


@dataclass
class ReportQuery:
    """Which events a report or picture covers (empty lists mean all). ``search`` is the text search in force
    (described here; the rows it finds come from the workspace's index, see ``ids``)."""

    companies: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: list[str] = field(default_factory=list)
    search: str = ""
    min_confidence: float = 0.0
    ids: set[str] | None = None  # only these event ids (what a search found), or None for no such limit

    def describe(self) -> str:
        """The selection in words, e.g. ``search “Boeing”; companies: A, B; dates: 2024-01-01 to …``."""
        parts = []
        if self.search.strip():
            parts.append(f"search “{self.search.strip()}”")
        if self.companies:
            names = self.companies[:8]
            more = len(self.companies) - len(names)
            parts.append("companies: " + ", ".join(names) + (f" and {more} more" if more > 0 else ""))
        if self.types:
            labels = [EVENT_TYPE_LABELS.get(t, t) for t in self.types]
            families = [f.label for f in FAMILIES.values() if set(f.types) <= {v3_type(t) for t in self.types}]
            parts.append("types: " + (", ".join(labels) if len(labels) <= 8 else
                                      f"{len(labels)} types ({', '.join(families) or 'parts of families'})"))
        if self.date_from or self.date_to:
            parts.append(f"dates: {self.date_from or '…'} to {self.date_to or '…'}")
        if self.min_confidence > 0:
            parts.append(f"confidence ≥ {self.min_confidence:.2f}")
        return "; ".join(parts) or "all events"

    def matches(self, ev: Event) -> bool:
        if self.ids is not None and ev.id not in self.ids:
            return False
        if self.types and v3_type(ev.type) not in {v3_type(t) for t in self.types}:
            return False
        if ev.confidence < self.min_confidence - 1e-6:
            return False
        if self.companies:
            wanted = {c.casefold() for c in self.companies}
            if not any(c.casefold() in wanted for c in ev.companies):
                return False
        if self.date_from or self.date_to:
            if ev.start is None:
                return False
            end = ev.end or ev.start
            if self.date_from and end < self.date_from:
                return False
            if self.date_to and ev.start > self.date_to:
                return False
        return True


def select_events(events: Iterable[Event], query: ReportQuery) -> list[Event]:
    """The events the query covers, in date order (undated last)."""
    chosen = [e for e in events if query.matches(e)]
    return sorted(chosen, key=lambda e: (e.start is None, e.start or dt.date.min, e.end or dt.date.min, e.summary))


def date_text(ev: Event) -> str:
    """The event's date written at its precision, both ends of a range: the one label of every view
    (``core/dates/labels``)."""
    return event_date_label(ev)


def date_derivation(ev: Event, documents: Mapping[str, Document]) -> str:
    """How the event's date was arrived at, from the time expressions in its evidence and the article dates."""
    if ev.start is None:
        return "No date: neither the evidence nor its article gives one, so the event is listed as undated."
    for src in ev.sources:
        doc = documents.get(src.document)
        if doc is None:
            continue
        dates = [m for m in doc.mentions if m.kind == "date" and m.value and src.start <= m.start < src.end]
        if dates:
            year = ev.start.isoformat()[:4]
            best = min(dates, key=lambda m: (not (m.value or "").startswith(year), abs(m.start - src.trigger_start)))
            anchor = (f", read against the article's date {doc.date.isoformat()} ({doc.date_source})"
                      if doc.date else "")
            return (f"From the words “{best.text}” in the evidence (normalised to {best.value}){anchor}; "
                    f"precision: {ev.precision}.")
        if doc.date is not None and doc.date == ev.start:
            return (f"The evidence has no date of its own: the article's publication date {doc.date.isoformat()} "
                    f"(found from: {doc.date_source}) is used; precision: {ev.precision}.")
    return f"Dated {date_text(ev)} ({ev.precision} precision) from the context of its article."


@functools.lru_cache(maxsize=256)  # a million events: computed once per type
def _colours(t: str) -> tuple[str, str]:
    """A type's fill (its family's colour) and outline (shaded to 3:1 against the white page)."""
    rgb = type_colour(t)
    return hex_colour(rgb), hex_colour(readable(rgb, (255, 255, 255), 3.0))


# -- the document ----------------------------------------------------------------------------------------
CSS = """
body { font-family: sans-serif; max-width: 60em; margin: 1.5em auto; color: #111; background: #fff; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
.meta { color: #444; } .event { border-top: 1px solid #ccc; padding: 0.6em 0; }
.event h3 { font-size: 1.05em; margin: 0 0 0.2em 0; } .glyph { font-size: 1.1em; }
p.f { margin: 0 0 0.1em 0; } .k { color: #555; font-weight: bold; }
blockquote { margin: 0.3em 0 0.3em 1em; padding: 0.1em 0.8em; border-left: 3px solid #999; background: #f6f6f6; }
.cite { color: #444; font-size: 0.9em; } .figure { margin: 0.5em 0; }
.figure img { max-width: 100%; height: auto; }
table.summary { border-collapse: collapse; margin: 0.3em 0 1em 0; }
.summary th, .summary td { border: 1px solid #ccc; padding: 0.15em 0.4em; text-align: left; vertical-align: top; }
.summary td.n { text-align: right; }
"""


def _source_html(src: Source, documents: Mapping[str, Document]) -> str:
    doc = documents.get(src.document)
    if doc is None:
        return f"<blockquote><span class='cite'>(article {html.escape(src.document)} is no longer stored)</span>" \
               "</blockquote>"
    quote = " ".join(doc.text[src.start:src.end].split())
    cite = [f"<b>{html.escape(doc.title)}</b>", doc.date.isoformat() if doc.date else "undated"]
    if doc.outlet:
        cite.append(html.escape(doc.outlet))
    if doc.url:
        cite.append(html.escape(doc.url))  # shown as text: the report links to nothing outside itself
    else:
        cite.append(html.escape(doc.path))
    return f"<blockquote>“{html.escape(quote)}” <span class='cite'>— {' · '.join(cite)}</span></blockquote>"


def event_html(n: int, ev: Event, documents: Mapping[str, Document]) -> str:
    """One event, compactly: its heading, then its fields on three lines (date and how it was found; type,
    status, confidence; who, where, how much), then its evidence quoted."""
    colour = _colours(ev.type)[1]  # the glyph is text: the shade that reads on white
    when = html.escape(date_text(ev))
    glyph = SHAPE_GLYPHS.get(type_shape(ev.type), "●")

    def field_(k: str, v: str) -> str:
        return f"<span class='k'>{k}</span> {v}"

    lines = [field_("Date", f"{when} — <i>{html.escape(date_derivation(ev, documents))}</i>"),
             " · ".join([field_("Type", f"{html.escape(EVENT_TYPE_LABELS.get(ev.type, ev.type))} "
                                        f"({html.escape(FAMILY_LABELS[family_of(ev.type)])})"),
                         field_("Status", html.escape(ev.status)), field_("Confidence", f"{ev.confidence:.2f}")])]
    who = [field_("Companies", html.escape(", ".join(ev.companies)) or "—")]
    if ev.people:
        who.append(field_("People", html.escape(", ".join(ev.people))))
    if ev.places:
        who.append(field_("Places", html.escape(", ".join(ev.places))))
    if ev.amounts:
        who.append(field_("Amount", html.escape("; ".join(a.text for a in ev.amounts))))
    lines.append(" · ".join(who))
    fields = "".join(f"<p class='f'>{line}</p>" for line in lines)
    quotes = "".join(_source_html(s, documents) for s in ev.sources[:MAX_SOURCES])
    more = len(ev.sources) - MAX_SOURCES
    if more > 0:
        quotes += f"<p class='cite'>… and {more} more source(s).</p>"
    return (f"<div class='event'><h3><span class='glyph' style='color:{colour}'>{glyph}</span> {n}. "
            f"{when} — {html.escape(ev.summary)}</h3>"
            f"{fields}{quotes}</div>")


def report_parts(events: list[Event], documents: Mapping[str, Document], *, title: str = "Timeline report",
                 query: ReportQuery | None = None, generated: dt.datetime | None = None) -> tuple[str, str]:
    """The report's header (title; the selection in words, search text and filters included; counts) and its
    body (every event in date order, then the companies), as HTML fragments; the picture goes between them."""
    dated = [e for e in events if e.start is not None]
    span = ((min(e.start for e in dated if e.start).isoformat(),
             max((e.end or e.start) for e in dated if e.start).isoformat()) if dated else None)
    companies = sorted({c for e in events for c in e.companies}, key=str.casefold)
    head = header_html(title, query or ReportQuery(), len(events), len(dated), span, len(companies), generated)
    body = "".join(event_html(i + 1, ev, documents) for i, ev in enumerate(events))
    return head, f"{EVENTS_HEADING}{body or NO_EVENTS}{companies_html(companies)}"


#: the body's parts around the events (:mod:`.report_stream` writes the same)
EVENTS_HEADING = "<h2>Events in date order</h2>"
NO_EVENTS = "<p>No events match.</p>"


def header_html(title: str, query: ReportQuery, n: int, dated: int, span: tuple[str, str] | None,
                companies: int, generated: dt.datetime | None = None) -> str:
    """The report's header: its title, the selection in words, ``n`` events of which ``dated`` are dated
    (``span``: first start and last end, ISO dates), ``companies`` companies, and when it was made."""
    when = (generated or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    span_text = f"{span[0]} to {span[1]}" if span else "no dated events"
    return (f"<h1>{html.escape(title)}</h1>"
            f"<p class='meta'>Selection: {html.escape(query.describe())}.<br>"
            f"{n} event(s), {dated} dated ({html.escape(span_text)}); "
            f"{companies} compan{'y' if companies == 1 else 'ies'}. Generated {when}.</p>")


def companies_html(companies: list[str]) -> str:
    """The report's closing list of the companies its events name."""
    return f"<h2>Companies</h2><p>{html.escape(', '.join(companies)) or '—'}</p>"


def picture_html(image_src: str | None, image_size: tuple[int, int] | None = None) -> str:
    """The timeline picture as an ``<img>`` of an embedded (``data:``) image; "" for none. Raises ``ValueError``
    for an address that would be fetched."""
    if image_src is None:
        return ""
    if "//" in image_src.split(",", 1)[0]:
        raise ValueError("the report's image must be embedded, not fetched")
    size = f"width='{image_size[0]}' height='{image_size[1]}'" if image_size else ""
    return (f"<div class='figure'><img src='{html.escape(image_src, quote=True)}' "
            f"alt='Timeline of the events' {size}></div>")


def report_html(events: list[Event], documents: Mapping[str, Document], *, title: str = "Timeline report",
                query: ReportQuery | None = None, image_src: str | None = None,
                image_size: tuple[int, int] | None = None, generated: dt.datetime | None = None) -> str:
    """The whole report as one HTML string. ``image_src`` is the timeline picture, embedded (a ``data:`` URI),
    never a network address; ``image_size`` its (width, height) in CSS pixels."""
    picture = picture_html(image_src, image_size)
    head, body = report_parts(events, documents, title=title, query=query, generated=generated)
    return f"{html_head(title)}<body>{head}{picture}{body}</body></html>"


def html_head(title: str) -> str:
    """The document's start up to ``<body>``: charset, a policy that loads nothing from anywhere, the style."""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'\">"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head>")


def documents_for(events: Iterable[Event], load: Callable[[str], Document | None]) -> dict[str, Document]:
    """The articles the events cite, loaded once each through ``load(doc_id) -> Document | None``."""
    out: dict[str, Document] = {}
    for e in events:
        for s in e.sources[:MAX_SOURCES]:
            if s.document not in out:
                doc = load(s.document)
                if doc is not None:
                    out[s.document] = doc
    return out
