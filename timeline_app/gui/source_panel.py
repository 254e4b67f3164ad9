"""The source panel: an article's text, always escaped, with entities highlighted by kind (companies are
links that focus their lane), page clutter dimmed, and the selected event's sentence and trigger emphasised
and scrolled into view; several sources of one event can be switched."""

from __future__ import annotations

import bisect
import html
import itertools

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from ..core.model import Document, Event, Source
from .plain import set_plain, tooltip
from .theme import LIGHT, Theme

KIND_COLOURS = {
    "company": "#cfe3ff", "organization": "#e3e3e3", "media": "#ececec", "person": "#d4f5d0", "place": "#ffe2c4",
    "money": "#ffd0d0", "quantity": "#f3e0ff", "product": "#fff3b0", "date": "#e6dcff",
}
SENTENCE_BG = "#fff2a0"
#: high contrast: saturated dark backgrounds under white text (at least 7:1), the sentence black on yellow
KIND_COLOURS_HC = {
    "company": "#003c9e", "organization": "#3a3a3a", "media": "#4d4d4d", "person": "#00601a", "place": "#8a3a00",
    "money": "#a00000", "quantity": "#6400a0", "product": "#5c4a00", "date": "#40007a",
}
SENTENCE_BG_HC = "#ffff00"


def entity_colours(theme: Theme) -> tuple[dict[str, str], str, str]:
    """(background per entity kind, the text colour on them, the event sentence's background) for a theme."""
    if theme.high_contrast:
        return KIND_COLOURS_HC, "#ffffff", SENTENCE_BG_HC
    return KIND_COLOURS, "#111", SENTENCE_BG


def legend_html(theme: Theme) -> str:
    """The colour key under the article, in the theme's entity colours."""
    kinds, ink, sentence = entity_colours(theme)
    return (" ".join(f"<span style='background-color:{c};color:{ink}'>&nbsp;{k}&nbsp;</span>" for k, c in kinds.items())
            + f" <span style='background-color:{sentence};color:#111'><u>&nbsp;event sentence&nbsp;</u></span>"
            + f" <span style='color:{theme.muted}'>page clutter</span>")


class SourceBrowser(QTextBrowser):
    """Read-only view that never fetches anything, local or remote, and follows no link by itself."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTabChangesFocus(True)
        self.fetched: list[str] = []

    def loadResource(self, type_: int, name: QUrl | str) -> None:
        self.fetched.append(name.toString() if isinstance(name, QUrl) else name)
        return None


def render_html(doc: Document, src: Source | None, entity_names: dict[str, str], theme: Theme | None = None) -> str:
    """The article as HTML built from escaped text only (highlights keep dark text, readable in any theme)."""
    th = theme or LIGHT
    kinds, ink, sentence_bg = entity_colours(th)
    text = doc.text
    ments = sorted((m for m in doc.mentions if 0 <= m.start < m.end <= len(text)), key=lambda m: m.start)
    starts = [m.start for m in ments]
    cuts = {0, len(text)}
    for m in ments:
        cuts |= {m.start, m.end}
    for c in doc.clutter:
        cuts |= {c.start, c.end}
    if src:
        cuts |= {src.start, src.end, src.trigger_start, src.trigger_end}
    points = sorted(x for x in cuts if 0 <= x <= len(text))
    clutter = sorted((c.start, c.end) for c in doc.clutter)
    out = []
    open_link = None
    for a, b in itertools.pairwise(points):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        i = bisect.bisect_right(starts, a) - 1
        hit = ments[i] if i >= 0 and ments[i].start <= a and b <= ments[i].end else None
        styles = []
        if hit is not None:
            styles.append(f"background-color:{kinds.get(hit.kind, kinds['organization'])};color:{ink}")
        j = bisect.bisect_right(clutter, (a, len(text) + 1)) - 1
        if j >= 0 and clutter[j][0] <= a and b <= clutter[j][1]:
            styles.append(f"color:{th.muted}")
        if src and src.start <= a and b <= src.end:
            styles.append("text-decoration:underline")
            if hit is None:
                styles.append(f"background-color:{sentence_bg};color:#111")
        if src and src.trigger_start <= a and b <= src.trigger_end:
            styles.append("font-weight:bold")
        span = f"<span style='{';'.join(styles)}'>{piece}</span>" if styles else piece
        link = None
        if hit is not None and hit.kind == "company" and hit.entity in entity_names:
            link = "entity:" + html.escape(entity_names[hit.entity], quote=True)
        if link != open_link:
            if open_link:
                out.append("</a>")
            if link:
                out.append(f"<a href=\"{link}\" style='color:{'#7fb2ff' if th.dark else '#0b3d91'};"
                           "text-decoration:none'>")
            open_link = link
        if src and a == src.start:
            out.append("<a name='event'></a>")
        out.append(span)
    if open_link:
        out.append("</a>")
    published = doc.date.isoformat() if doc.date else "undated"
    head = (f"<p><b>{html.escape(doc.title)}</b><br><span style='color:{th.muted}'>{html.escape(doc.path)}<br>"
            f"Published: {html.escape(published)} — {html.escape(doc.date_source)}</span></p>")
    return f"<div style='font-size:10.5pt;color:{th.text}'>{head}<p>{''.join(out)}</p></div>"


class SourcePanel(QWidget):
    """Article view with a source switcher and a colour legend."""

    companyClicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        for b in (self.prev_button, self.next_button):
            b.setFixedWidth(32)
        self.source_label = QLabel("No event selected")
        # a long title must not widen the panel (the splitter would jump): it is elided, full text on hover
        self.source_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.prev_button.setAccessibleName("Previous source")
        self.next_button.setAccessibleName("Next source")
        self.prev_button.setToolTip("Previous source of this event ([)")
        self.next_button.setToolTip("Next source of this event (])")
        self.theme: Theme = LIGHT
        bar.addWidget(self.prev_button)
        bar.addWidget(self.source_label, 1)
        bar.addWidget(self.next_button)
        lay.addLayout(bar)
        self.browser = SourceBrowser()
        self.browser.setAccessibleName("Source article")
        lay.addWidget(self.browser, 1)
        self.legend = legend = QLabel(legend_html(LIGHT))
        legend.setWordWrap(True)
        lay.addWidget(legend)
        self.prev_button.clicked.connect(lambda: self.step_source(-1))
        self.next_button.clicked.connect(lambda: self.step_source(1))
        self.browser.anchorClicked.connect(self._anchor)
        self.current_event: Event | None = None
        self.source_index = 0
        self.document_id: str | None = None
        self._names: dict[str, str] = {}
        self._get_doc = None

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.legend.setText(legend_html(theme))
        if self.current_event is not None:
            self.show_event(self.current_event, self.source_index)

    def set_context(self, get_document, entity_names: dict[str, str]) -> None:
        self._get_doc, self._names = get_document, entity_names

    def show_event(self, event: Event | None, source_index: int = 0) -> None:
        self.current_event = event
        if event is None or not event.sources:
            self.source_label.setText("No event selected" if event is None else "This event has no stored source")
            self.source_label.setToolTip("")
            self.browser.clear()
            self.document_id = None
            return
        self.source_index = source_index % len(event.sources)
        src = event.sources[self.source_index]
        doc = self._get_doc(src.document) if self._get_doc else None
        if doc is None:
            self.browser.setPlainText("(source article not in this workspace)")
            return
        self.document_id = doc.id
        n_docs = len(dict.fromkeys(s.document for s in event.sources))
        label = (f"Source {self.source_index + 1} of {len(event.sources)}"
                 + (f" ({n_docs} article{'s' if n_docs != 1 else ''})" if n_docs != len(event.sources) else "")
                 + f": {doc.title}")
        metrics = self.source_label.fontMetrics()
        width = max(self.source_label.width(), 120)
        set_plain(self.source_label, metrics.elidedText(label, Qt.TextElideMode.ElideRight, width))
        self.source_label.setToolTip(tooltip(label))
        self.browser.setHtml(render_html(doc, src, self._names, self.theme))
        self.browser.scrollToAnchor("event")

    def step_source(self, delta: int) -> None:
        if self.current_event is not None and self.current_event.sources:
            self.show_event(self.current_event, self.source_index + delta)

    def _anchor(self, url: QUrl) -> None:
        s = url.toString()
        if s.startswith("entity:"):
            self.companyClicked.emit(html.unescape(s[len("entity:"):]))
