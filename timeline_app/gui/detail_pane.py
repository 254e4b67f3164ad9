"""The event detail pane: what the selected event says and where it comes from. Summary, date and how it was
derived, type, status, companies, people, amounts, confidence, the user's star, tags and note, and its sources as
articles (title, date, outlet), each opening in the source panel. Fields the user edited carry a ✎ mark.
Every article-derived string is escaped before it reaches rich text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from ..core.dates.labels import event_date_label
from ..core.model import EVENT_TYPE_LABELS, FAMILY_LABELS, Event, family_of
from ..core.palette import hex_colour, readable
from .plain import escaped, tooltip

EDIT_MARK = "✎"


class _Browser(QTextBrowser):
    """Rich text that never loads a resource (local or remote) and follows no link."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTabChangesFocus(True)

    def loadResource(self, type_: int, name: QUrl | str) -> Any:
        return None


def _e(text: object) -> str:
    return escaped(text)


def how_dated(ev: Event, doc: Any | None) -> str:
    """In words, where the event's date comes from."""
    if "start" in ev.edited or "precision" in ev.edited:
        return "set by you"
    if ev.start is None:
        return "no date in the text" + (" and the article is undated" if doc is not None and not doc.date else "")
    if doc is None or not ev.sources:
        return f"{ev.precision} precision"
    s = ev.sources[0]
    dates = [m for m in doc.mentions if m.kind == "date" and s.start <= m.start < s.end]
    if dates:
        m = dates[0]
        rel = " relative to the publication date" if doc.date and m.value and not m.text[:1].isdigit() else ""
        return f"from “{m.text}” in the text{rel} ({ev.precision})"
    return f"from the article's publication date ({doc.date_source or 'found'}) — {ev.precision}"


class DetailPane(QWidget):
    """The selected event, read-only; ``sourceActivated(index)`` asks the source panel for that source."""

    sourceActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.view = _Browser()
        self.view.setMinimumHeight(120)
        lay.addWidget(self.view, 3)
        self.sources_label = QLabel("Sources")
        lay.addWidget(self.sources_label)
        self.sources = QListWidget()
        self.sources.setMaximumHeight(110)
        lay.addWidget(self.sources, 1)
        self.sources.itemActivated.connect(lambda it: self.sourceActivated.emit(self.sources.row(it)))
        self.sources.itemClicked.connect(lambda it: self.sourceActivated.emit(self.sources.row(it)))
        self.current_event: Event | None = None
        self._get_document: Callable[[str], Any] = lambda _d: None
        self.show_event(None, self._get_document)

    def colours(self) -> dict[str, str]:
        """The pane's secondary text colours, each shaded to reach 4.5:1 against its background (in any theme:
        fixed greys and orange were about 2.5-3:1 on a dark background)."""
        base = self.view.palette().color(QPalette.ColorRole.Base)
        bg = (base.red(), base.green(), base.blue())
        dark = base.lightness() < 128
        want = {"label": (170, 170, 170) if dark else (85, 85, 85),
                "note": (160, 160, 160) if dark else (102, 102, 102),
                "edited": (255, 160, 80) if dark else (179, 92, 0),
                "empty": (150, 150, 150) if dark else (119, 119, 119)}
        return {k: hex_colour(readable(v, bg, 4.5)) for k, v in want.items()}

    def apply_theme(self) -> None:
        """Show the current event again in the colours of the palette now in force."""
        self.show_event(self.current_event, self._get_document)

    def show_event(self, ev: Event | None, get_document: Callable[[str], Any]) -> None:
        """Show an event (None: nothing selected)."""
        self.current_event = ev
        self._get_document = get_document
        self.sources.clear()
        c = self.colours()
        if ev is None:
            self.view.setHtml(f"<p style='color:{c['empty']}'>No event selected. Select one on the timeline or in "
                              "the table; press E to edit it.</p>")
            self.sources_label.setText("Sources")
            return
        docs = [get_document(s.document) for s in ev.sources]
        def mark(*fields: str) -> str:
            return f" <span style='color:{c['edited']}' title='edited by you'>{EDIT_MARK}</span>" \
                if any(f in ev.edited for f in fields) else ""

        star = "★ " if ev.starred else ""
        rows = [
            ("Date", _e(event_date_label(ev)) + mark("start", "end", "precision")
             + f"<br><span style='color:{c['note']}'>{_e(how_dated(ev, docs[0] if docs else None))}</span>"),
            ("Type", _e(EVENT_TYPE_LABELS.get(ev.type, ev.type)) + mark("type")
             + f" <span style='color:{c['note']}'>({_e(FAMILY_LABELS[family_of(ev.type)])})</span>"),
            ("Status", _e(ev.status) + mark("status")),
            ("Companies", _e(", ".join(ev.companies) or "—") + mark("companies")),
        ]
        if ev.people or "people" in ev.edited:
            rows.append(("People", _e(", ".join(ev.people) or "—") + mark("people")))
        if ev.places:
            rows.append(("Places", _e(", ".join(ev.places))))
        if ev.amounts or "amounts" in ev.edited:
            rows.append(("Amount", _e(", ".join(a.text for a in ev.amounts) or "—") + mark("amounts")))
        rows.append(("Confidence", f"{ev.confidence:.2f}"))
        if ev.review:  # the user's review (issue 22)
            rows.append(("Review", "✓ confirmed by you" if ev.review == "confirmed" else "rejected: not an event"))
        if ev.tags:
            rows.append(("Tags", _e(", ".join(ev.tags))))
        if ev.notes:
            rows.append(("Note", _e(ev.notes).replace("\n", "<br>")))
        if "added" in ev.edited:
            rows.append(("Origin", f"added by you {EDIT_MARK}"))
        if "sources" in ev.edited:
            rows.append(("Sources", f"merged or split by you {EDIT_MARK}"))
        table = "".join(f"<tr><td style='color:{c['label']};padding-right:8px'>{k}</td><td>{v}</td></tr>"
                        for k, v in rows)
        edited = (f"<p style='color:{c['edited']}'>{EDIT_MARK} edited by you: {_e(', '.join(ev.edited))}</p>"
                  if ev.edited else "")
        self.view.setHtml(f"<p><b>{star}{_e(ev.summary)}</b>{mark('summary')}</p>"
                          f"<table cellspacing=0>{table}</table>{edited}")
        self.sources_label.setText(f"Sources ({len(ev.sources)}) — Enter or click opens one")
        for d, s in zip(docs, ev.sources, strict=True):
            if d is None:
                QListWidgetItem("(article not in this workspace)", self.sources)
                continue
            date = d.date.isoformat() if d.date else "undated"
            it = QListWidgetItem(f"{date} · {d.outlet or d.path.rsplit('/', 1)[-1]} · {d.title}", self.sources)
            it.setToolTip(tooltip(d.text[s.start:s.end]))  # the evidence sentence, escaped
            it.setData(Qt.ItemDataRole.UserRole, d.id)

    def text(self) -> str:
        """What the pane shows, as plain text (for tests and accessibility)."""
        items = [self.sources.item(i).text() for i in range(self.sources.count())]
        return self.view.toPlainText() + "\n" + "\n".join(items)
