"""The source panel: an article's text, escaped, with entities highlighted by kind, page clutter dimmed,
and the selected event's sentence and trigger emphasised and scrolled into view."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser

from ..core.model import Document, Event

KIND_COLOURS = {
    "company": "#cfe3ff", "organization": "#e3e3e3", "media": "#ececec", "person": "#d4f5d0", "place": "#ffe2c4",
    "money": "#ffd0d0", "quantity": "#f3e0ff", "product": "#fff3b0", "date": "#e6dcff",
}


class SourcePanel(QTextBrowser):
    """Read-only article view. Never interprets article HTML and never loads remote resources."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.document_id: str | None = None

    def loadResource(self, type_: int, name: QUrl):  # noqa: N802 - Qt override
        return None  # nothing is fetched, local or remote

    def show_document(self, doc: Document, event: Event | None = None, source_index: int = 0) -> None:
        self.document_id = doc.id
        text = doc.text
        src = None
        if event is not None:
            mine = [s for s in event.sources if s.document == doc.id]
            src = mine[min(source_index, len(mine) - 1)] if mine else None
        # boundaries where styling changes
        cuts = {0, len(text)}
        for m in doc.mentions:
            cuts |= {m.start, m.end}
        for c in doc.clutter:
            cuts |= {c.start, c.end}
        if src:
            cuts |= {src.start, src.end, src.trigger_start, src.trigger_end}
        points = sorted(x for x in cuts if 0 <= x <= len(text))
        by_start = {}
        for m in doc.mentions:
            by_start.setdefault((m.start, m.end), m)
        out = [f"<div style='font-size:11pt'><p style='color:#555'><b>{html.escape(doc.title)}</b><br>"
               f"{html.escape(doc.path)} — {html.escape(doc.date.isoformat() if doc.date else 'undated')}"
               f" <span style='color:#888'>({html.escape(doc.date_source)})</span></p><p>"]
        for a, b in zip(points, points[1:]):
            piece = html.escape(text[a:b]).replace("\n", "<br>")
            styles = []
            m = next((m for m in doc.mentions if m.start <= a and b <= m.end), None)
            if m is not None:
                styles.append(f"background-color:{KIND_COLOURS.get(m.kind, '#eee')}")
            if any(c.start <= a and b <= c.end for c in doc.clutter):
                styles.append("color:#a0a0a0")
            if src and src.start <= a and b <= src.end:
                styles.append("text-decoration:underline")
                if not m:
                    styles.append("background-color:#fff7a8")
            if src and src.trigger_start <= a and b <= src.trigger_end:
                styles.append("font-weight:bold")
            anchor = "<a name='event'></a>" if src and a == src.start else ""
            out.append(anchor + (f"<span style='{';'.join(styles)}'>{piece}</span>" if styles else piece))
        out.append("</p></div>")
        self.setHtml("".join(out))
        if src:
            self.scrollToAnchor("event")

    def legend_html(self) -> str:
        return " ".join(f"<span style='background-color:{c}'>&nbsp;{k}&nbsp;</span>" for k, c in KIND_COLOURS.items())
