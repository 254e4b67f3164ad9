"""A shareable report of events: one self-contained HTML file (no network references, article text escaped).

It holds a timeline picture (inline SVG drawn here, or an image the caller supplies), then every event in date
order with its companies, its date and how that date was derived, and the evidence sentences quoted with the
article's title and date. Pure Python: the PDF is made from this HTML on the Qt side."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..model import (
    EVENT_TYPE_LABELS,
    EVENT_TYPE_SHORT,
    FAMILIES,
    FAMILY_LABELS,
    Document,
    Event,
    Source,
    family_of,
    v3_type,
)
from ..palette import SHAPE_GLYPHS, hex_colour, readable, shape_points, type_colour, type_shape

MAX_SOURCES = 5  # evidence quotes shown per event
SVG_MAX_LANES = 40


@dataclass
class ReportQuery:
    """Which events a report covers (empty lists mean all)."""

    companies: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = []
        if self.companies:
            parts.append("companies: " + ", ".join(self.companies))
        if self.types:
            parts.append("types: " + ", ".join(EVENT_TYPE_LABELS.get(t, t) for t in self.types))
        if self.date_from or self.date_to:
            parts.append(f"dates: {self.date_from or '…'} to {self.date_to or '…'}")
        return "; ".join(parts) or "all events"

    def matches(self, ev: Event) -> bool:
        if self.types and v3_type(ev.type) not in {v3_type(t) for t in self.types}:
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
    """The event's date written at its precision."""
    if ev.start is None:
        return "undated"
    d0, d1 = ev.start, (ev.end or ev.start)
    last = d1 - dt.timedelta(days=1) if d1 > d0 else d0
    if ev.precision == "day":
        return d0.isoformat()
    if ev.precision == "month":
        return d0.strftime("%B %Y")
    if ev.precision == "quarter":
        return f"Q{(d0.month - 1) // 3 + 1} {d0.year}"
    if ev.precision == "half":
        return f"H{1 if d0.month <= 6 else 2} {d0.year}"
    if ev.precision == "year":
        return str(d0.year) if last.year == d0.year else f"{d0.year} – {last.isoformat()}"
    if ev.precision == "week":
        return f"week of {d0.isoformat()}"
    return f"{d0.isoformat()} – {last.isoformat()}"


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


# -- timeline picture ----------------------------------------------------------------------------------------
def _ordinal(d: dt.date) -> float:
    return float(d.toordinal())


def timeline_svg(events: list[Event], width: int = 1000, title: str = "") -> str:
    """An SVG picture of dated events: one labelled lane per company (the busiest ones), marks by type with
    colour and shape, a date axis and a legend. Text is escaped."""
    dated = [e for e in events if e.start is not None]
    counts = Counter(c for e in dated for c in e.companies)
    lanes = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:SVG_MAX_LANES]]
    lanes.sort(key=str.casefold)
    left, right, top, lane_h = 190, 20, 34 if title else 12, 18
    plot_w = width - left - right
    height_plot = max(len(lanes), 1) * lane_h
    legend_y = top + height_plot + 42
    legend, legend_h = _svg_legend({e.type for e in dated}, left, legend_y, plot_w)
    height = legend_y + legend_h + 8
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11" role="img" '
           f'aria-label="{html.escape(title or "Timeline", quote=True)}">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    if title:
        out.append(f'<text x="{left}" y="20" font-size="14" font-weight="bold">{html.escape(title)}</text>')
    if not dated:
        out.append(f'<text x="{left}" y="{top + 12}">No dated events.</text></svg>')
        return "".join(out)
    t0 = min(_ordinal(e.start) for e in dated if e.start)
    t1 = max(_ordinal(e.end or e.start) for e in dated if e.start)
    pad = max((t1 - t0) * 0.03, 5.0)
    t0, t1 = t0 - pad, t1 + pad

    def x_of(t: float) -> float:
        return left + (t - t0) / (t1 - t0) * plot_w

    for i, name in enumerate(lanes):
        y = top + i * lane_h
        if i % 2 == 0:
            out.append(f'<rect x="{left}" y="{y}" width="{plot_w}" height="{lane_h}" fill="#f3f3f3"/>')
        label = name if len(name) <= 28 else name[:27] + "…"
        out.append(f'<text x="{left - 6}" y="{y + lane_h / 2 + 4:.1f}" text-anchor="end">{html.escape(label)}</text>')
    # date axis: years, or months when the span is short
    y_axis = top + height_plot
    out.append(f'<line x1="{left}" y1="{y_axis}" x2="{left + plot_w}" y2="{y_axis}" stroke="#777"/>')
    d0, d1 = dt.date.fromordinal(int(t0)), dt.date.fromordinal(int(t1))
    px_per_month = plot_w / max((t1 - t0) / 30.44, 1e-9)
    # the finest step (in months) whose labels stay at least 48 px apart
    step = next((m for m in (1, 3, 6, 12, 24, 60, 120, 240, 600) if px_per_month * m >= 48), 1200)
    tick = dt.date(d0.year - d0.year % max(step // 12, 1), 1, 1)
    while tick <= d1:
        if tick >= d0:
            x = x_of(_ordinal(tick))
            label = str(tick.year) if tick.month == 1 else tick.strftime("%b")
            out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{y_axis + 4}" stroke="#ccc"/>'
                       f'<text x="{x:.1f}" y="{y_axis + 16}" text-anchor="middle">{label}</text>')
        m = tick.month - 1 + step
        tick = dt.date(tick.year + m // 12, m % 12 + 1, 1)
    lane_of = {c: i for i, c in enumerate(lanes)}
    for e in dated:
        assert e.start is not None
        colour, stroke = _colours(e.type)
        fill = "#ffffff" if e.status == "planned" else colour
        for c in e.companies:
            if c not in lane_of:
                continue
            cy = top + lane_of[c] * lane_h + lane_h / 2
            a, b = _ordinal(e.start), _ordinal(e.end or e.start)
            if e.precision != "day" and x_of(b) - x_of(a) > 6:
                out.append(f'<rect x="{x_of(a):.1f}" y="{cy - 3:.1f}" width="{x_of(b) - x_of(a):.1f}" height="6" '
                           f'fill="{fill}" stroke="{stroke}" fill-opacity="0.6"/>')
            out.append(_svg_mark(e.type, x_of(a), cy, fill, stroke))
    hidden = len(counts) - len(lanes)
    if hidden:
        out.append(f'<text x="{left}" y="{y_axis + 32}" fill="#555">{hidden} more compan'
                   f'{"y" if hidden == 1 else "ies"} with fewer events not drawn (listed below).</text>')
    out.extend(legend)
    out.append("</svg>")
    return "".join(out)


def _colours(t: str) -> tuple[str, str]:
    """A type's fill (its family's colour) and outline (shaded to 3:1 against the white page)."""
    rgb = type_colour(t)
    return hex_colour(rgb), hex_colour(readable(rgb, (255, 255, 255), 3.0))


def _svg_mark(t: str, cx: float, cy: float, fill: str, stroke: str) -> str:
    pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in shape_points(type_shape(t), cx, cy, 5.0))
    return f'<polygon points="{pts}" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>'


def _text_px(text: str) -> float:
    return 6.3 * len(text)  # sans-serif at 11 px, generously


def _svg_legend(present: set[str], left: float, top: float, width: float) -> tuple[list[str], float]:
    """The legend of the types drawn, family by family (the family's colour and name, then each type's mark and
    short name), flowing over lines ``width`` wide; returns its SVG parts and its height."""
    present = {v3_type(t) for t in present}
    out: list[str] = []
    x, y, line_h = left, top, 22.0
    for fam in FAMILIES.values():
        types = [t for t in fam.types if t in present]
        if not types:
            continue
        colour, stroke = _colours(types[0])
        head = f"{fam.label}:" if len(fam.types) > 1 else ""
        head_w = 1.15 * _text_px(head) + 24 if head else 0.0  # bold
        need = head_w + sum(_text_px(EVENT_TYPE_SHORT[t]) + 22 for t in types)
        if x > left and x + min(need, width) > left + width:
            x, y = left, y + line_h
        if head:
            out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" rx="2" fill="{colour}" '
                       f'stroke="{stroke}"/>'
                       f'<text x="{x + 14:.1f}" y="{y}" font-weight="bold">{html.escape(head)}</text>')
            x += head_w
        for t in types:
            w = _text_px(EVENT_TYPE_SHORT[t]) + 22
            if x > left and x + w > left + width:
                x, y = left, y + line_h
            out.append(_svg_mark(t, x + 6, y - 4, colour, stroke)
                       + f'<text x="{x + 15:.1f}" y="{y}">{html.escape(EVENT_TYPE_SHORT[t])}</text>')
            x += w
        x += 14
    return out, (y - top + line_h if out else 0.0)


# -- the document ----------------------------------------------------------------------------------------
CSS = """
body { font-family: sans-serif; max-width: 60em; margin: 1.5em auto; color: #111; background: #fff; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
.meta { color: #444; } .event { border-top: 1px solid #ccc; padding: 0.6em 0; }
.event h3 { font-size: 1.05em; margin: 0 0 0.3em 0; } .glyph { font-size: 1.1em; }
.fields td { padding: 1px 10px 1px 0; vertical-align: top; } .fields td.k { color: #555; white-space: nowrap; }
blockquote { margin: 0.4em 0 0.4em 1em; padding: 0.2em 0.8em; border-left: 3px solid #999; background: #f6f6f6; }
.cite { color: #444; font-size: 0.9em; } .figure { overflow-x: auto; }
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
    return f"<blockquote>“{html.escape(quote)}”<br><span class='cite'>— {' · '.join(cite)}</span></blockquote>"


def _event_html(n: int, ev: Event, documents: Mapping[str, Document]) -> str:
    colour = _colours(ev.type)[1]  # the glyph is text: the shade that reads on white
    glyph = SHAPE_GLYPHS.get(type_shape(ev.type), "●")
    rows = [("Date", f"{html.escape(date_text(ev))}<br><i>{html.escape(date_derivation(ev, documents))}</i>"),
            ("Type", f"{html.escape(EVENT_TYPE_LABELS.get(ev.type, ev.type))} "
                     f"<span class='cite'>({html.escape(FAMILY_LABELS[family_of(ev.type)])})</span>"),
            ("Companies", html.escape(", ".join(ev.companies)) or "—")]
    if ev.people:
        rows.append(("People", html.escape(", ".join(ev.people))))
    if ev.places:
        rows.append(("Places", html.escape(", ".join(ev.places))))
    if ev.amounts:
        rows.append(("Amount", html.escape("; ".join(a.text for a in ev.amounts))))
    rows.append(("Status", html.escape(ev.status)))
    rows.append(("Confidence", f"{ev.confidence:.2f}"))
    fields = "".join(f"<tr><td class='k'>{k}</td><td>{v}</td></tr>" for k, v in rows)
    quotes = "".join(_source_html(s, documents) for s in ev.sources[:MAX_SOURCES])
    more = len(ev.sources) - MAX_SOURCES
    if more > 0:
        quotes += f"<p class='cite'>… and {more} more source(s).</p>"
    return (f"<div class='event'><h3><span class='glyph' style='color:{colour}'>{glyph}</span> {n}. "
            f"{html.escape(date_text(ev))} — {html.escape(ev.summary)}</h3>"
            f"<table class='fields'>{fields}</table>{quotes}</div>")


def report_html(events: list[Event], documents: Mapping[str, Document], *, title: str = "Timeline report",
                query: ReportQuery | None = None, image_src: str | None = None, image_width: int | None = None,
                generated: dt.datetime | None = None) -> str:
    """The whole report as one HTML string. ``image_src`` (e.g. a data: URI of the viewer's picture) replaces
    the inline SVG timeline; it must not point at the network."""
    if image_src is not None and "//" in image_src.split(",", 1)[0]:
        raise ValueError("the report's image must be embedded, not fetched")
    query = query or ReportQuery()
    when = (generated or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    dated = [e for e in events if e.start is not None]
    span = (f"{min(e.start for e in dated if e.start)} to {max((e.end or e.start) for e in dated if e.start)}"
            if dated else "no dated events")
    companies = sorted({c for e in events for c in e.companies}, key=str.casefold)
    size = f"width='{image_width}'" if image_width else "style='max-width:100%'"
    picture = (f"<img src='{html.escape(image_src, quote=True)}' alt='Timeline of the events' {size}>"
               if image_src is not None else timeline_svg(events, title=""))
    body = "".join(_event_html(i + 1, ev, documents) for i, ev in enumerate(events))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'\">"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{html.escape(title)}</h1>"
            f"<p class='meta'>{len(events)} event(s), {len(dated)} dated ({html.escape(span)}); "
            f"{len(companies)} compan{'y' if len(companies) == 1 else 'ies'}. Selection: "
            f"{html.escape(query.describe())}. Generated {when}.</p>"
            f"<div class='figure'>{picture}</div>"
            f"<h2>Events in date order</h2>{body or '<p>No events match.</p>'}"
            f"<h2>Companies</h2><p>{html.escape(', '.join(companies)) or '—'}</p>"
            "</body></html>")


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
