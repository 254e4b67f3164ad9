"""The review card of the review queue (View ▸ Review): progress, filter, the event under review and the keys.

Its keys win over the window's shortcuts while it has the keyboard; :class:`.review.ReviewMixin` fills in what each
key does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..core import review
from ..core.dates.parse import span_label
from ..core.model import EVENT_TYPE_LABELS, Event
from .plain import escaped

FILTER_LABELS = {"unreviewed": "Unreviewed", "confirmed": "Confirmed", "rejected": "Rejected", "all": "All"}
STATE_LABELS = {"": "not reviewed", "confirmed": "✓ confirmed", "rejected": "✗ rejected (not an event)"}
KEY_HELP = ("Enter/Y accept · N not an event · E edit · T retype · K companies · Space skip · Backspace back · "
            "1–4 filters · Esc close")


class ReviewPanel(QFrame):
    """The review card: progress, filter, the event under review and the keys. Its keys (``handlers``) win over
    the window's shortcuts while it has the keyboard."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Review queue")
        self.handlers: dict[int, Callable[[], None]] = {}
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel("<b>Review</b>")
        self.progress = QLabel()
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.filter = QComboBox()
        for k, label in FILTER_LABELS.items():
            self.filter.addItem(label, k)
        self.filter.setAccessibleName("Review filter")
        self.filter.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        top.addWidget(self.title)
        top.addWidget(self.progress, 1)
        top.addWidget(self.filter)
        lay.addLayout(top)
        self.position = QLabel()
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.position)
        self.card = QLabel()
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setWordWrap(True)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.card, 1)
        self.keys = QLabel(KEY_HELP)
        self.keys.setWordWrap(True)
        self.keys.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.keys)

    def show_entry(self, ev: Event | None, entry: review.QueueEntry | None, pos: int, count: int, which: str,
                   progress: review.Progress) -> None:
        """Show one event of the queue (None: the queue is done)."""
        self.progress.setText(str(progress))
        name = FILTER_LABELS[which].lower()
        if ev is None or entry is None:
            self.position.setText(f"{count} {name} event(s): none left" if count else f"No {name} events")
            self.card.setText("<p>Nothing to review here. Backspace goes back; 1–4 choose another filter; Esc "
                              "closes the review.</p>")
            return
        self.position.setText(f"Event {pos + 1} of {count} ({name})" + (" · new since the last review"
                                                                      if entry.new else ""))
        when = span_label(ev.start, ev.end, ev.precision) if ev.start else "undated"
        state = STATE_LABELS.get(ev.review, ev.review)
        self.card.setText(
            f"<p style='font-size:large'><b>{escaped(ev.summary)}</b></p>"
            f"<p>{escaped(EVENT_TYPE_LABELS.get(ev.type, ev.type))} · {escaped(when)} · {escaped(ev.status)}<br>"
            f"Companies: {escaped(', '.join(ev.companies) or '—')}<br>"
            f"Extractor's confidence: {ev.confidence:.2f} · {len(ev.sources)} source(s)<br>"
            f"Review: <b>{escaped(state)}</b></p>")

    def _handler(self, ev: QKeyEvent) -> Callable[[], None] | None:
        mods = ev.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                 | Qt.KeyboardModifier.MetaModifier)
        return None if mods else self.handlers.get(int(ev.key()))

    def event(self, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.ShortcutOverride and isinstance(ev, QKeyEvent) and self._handler(ev):
            ev.accept()  # the key comes here, not to the window's shortcut (N note, E edit, Enter open source…)
            return True
        return super().event(ev)

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        h = self._handler(ev)
        if h is None:
            super().keyPressEvent(ev)
            return
        ev.accept()
        h()
