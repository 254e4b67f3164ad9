"""The timeline widget: a date axis over company lanes grouped under their parents (collapsible),
with the event item, a legend, and mouse behaviour (wheel zooms time around the cursor, drag pans,
Shift+drag zooms to a rectangle, double-click fits an event)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGraphicsItem, QPushButton

from ..core.index import DAY, EventColumns, LaneIndex
from ..core.store.lane_keys import EMPTY_LANES
from .date_axis import CalendarDateAxis
from .lane_axis import LaneAxis
from .lanes_item import EventLanesItem
from .legend_markup import _screen_dpr, legend_html, legend_tooltip  # noqa: F401  (importable from here)
from .view_box import TimelineViewBox

if TYPE_CHECKING:
    from .theme import Theme

MAX_LABEL = 26


def _elide(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[:MAX_LABEL - 1] + "…"


LANE_MIN_PX = 20.0  # a lane is never thinner than this: with more lanes than fit, the view scrolls
LANE_ORDERS = {"group": "by group", "name": "by name", "events": "by number of events", "first": "by first event"}


class TimelineView(pg.PlotWidget):
    """Company lanes over a date axis."""

    eventClicked = Signal(int)
    eventActivated = Signal(int)  # double-click
    eventHovered = Signal(int)
    lanesChanged = Signal()  # the lanes or the visible lane window changed

    def __init__(self, parent=None):
        self.vb = TimelineViewBox()
        self.lane_axis = LaneAxis()
        super().__init__(parent, viewBox=self.vb, axisItems={"bottom": CalendarDateAxis(orientation="bottom"),
                                                             "left": self.lane_axis})
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription("Events in company lanes over time. Arrows move between events and lanes.")
        pi = self.getPlotItem()
        pi.setMenuEnabled(False)
        pi.hideButtons()
        self.vb.invertY(True)
        self.vb.setLimits(xMin=-2.2e9, xMax=4.2e9, minXRange=5.0)  # down to seconds: timed events stay apart
        pi.getAxis("left").setWidth(210)
        # lane labels change only with the lanes: keep them as a cached pixmap instead of replaying
        # hundreds of text draws on every frame
        pi.getAxis("left").setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.current_band = pg.LinearRegionItem(values=(-1.5, -0.5), orientation="horizontal", movable=False)
        self.current_band.setZValue(-10)
        for line in self.current_band.lines:
            line.setPen(pg.mkPen(None))
        pi.addItem(self.current_band, ignoreBounds=True)
        self.item = EventLanesItem()
        pi.addItem(self.item)
        self.item.sigClicked.connect(self.eventClicked)
        self.item.sigDoubleClicked.connect(self.eventActivated)
        self.item.sigHovered.connect(self.eventHovered)
        self.cols: EventColumns | None = None
        self.index: LaneIndex | None = None
        self.lanes: list[str] = []  # lane labels' company names
        self.lane_of_company = np.zeros(0, dtype=np.int32)
        self.collapsed: set[str] = set()
        #: company -> how other names were merged into it ("merged 'Delta' into 'Delta Air Lines': short form"),
        #: shown when its lane label is hovered
        self.lane_notes: dict[str, str] = {}
        self.lane_order = "group"
        #: what the lanes are made of (a key of ``core.index.LANE_FIELDS``) and where the names of a field other
        #: than company, type and family come from (per event row; set by the window)
        self.lanes_by = "company"
        self.lane_keys: Callable[[str], list[list[str]]] | None = None
        self._lane_cache: tuple[EventColumns, str, EventColumns] | None = None
        self.outside = (0, 0)  # shown placements before / after the time window (counted by the edge buttons)
        self.fitted = True  # the time window is fitted to every shown event (no pan or zoom since)
        self._fitting = False
        self._snapping = False
        self.vb.sigYRangeChanged.connect(self._y_changed)
        # what lies beyond the time window is said at its edges ("◀ 12 earlier", "45 later ▶"); a click fits all
        self.edge_buttons = (QPushButton(self), QPushButton(self))
        for b, side in zip(self.edge_buttons, ("earlier", "later"), strict=True):
            b.setFlat(True)
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAccessibleName(f"Events {side} than the view")
            b.clicked.connect(self.fit_all)
            b.hide()
        self._edge_timer = QTimer(self)
        self._edge_timer.setSingleShot(True)
        self._edge_timer.setInterval(60)
        self._edge_timer.timeout.connect(self.update_edges)
        self.vb.sigXRangeChanged.connect(self._x_changed)
        self.vb.sigResized.connect(lambda *_: self._edge_timer.start())
        self.vb.sigLaneScroll.connect(self.scroll_lanes)
        self.apply_theme(None)
        # never a 1970 axis: until data arrives, show the last two years
        now = time.time()
        self.vb.setXRange(now - 700 * DAY, now + 30 * DAY, padding=0)

    def apply_theme(self, theme: Theme | None) -> None:
        """Colours from the theme (the system palette when None)."""
        from .theme import current_theme

        th = theme or current_theme()
        self.theme = th
        self.setBackground(th.background)
        pi = self.getPlotItem()
        for ax in ("left", "bottom"):
            pi.getAxis(ax).setTextPen(th.text)
            pi.getAxis(ax).setPen(pg.mkPen(th.axis))
        self.lane_axis.picture = None
        self.current_band.setBrush(pg.mkBrush(th.current_lane))
        self.item.apply_theme(th)
        self.setStyleSheet(f"TimelineView {{ border: 2px solid transparent; }} TimelineView:focus {{ border: 2px solid "
                           f"{th.focus}; }}")
        for b in self.__dict__.get("edge_buttons", ()):
            b.setStyleSheet(f"QPushButton {{ color: {th.text}; background: {th.background}; border: 1px solid "
                            f"{th.axis}; border-radius: 3px; padding: 1px 6px; font-weight: bold; }}")

    # -- layout -------------------------------------------------------------------------------------------
    def lane_columns(self, cols: EventColumns) -> EventColumns:
        """The events placed in lanes of the chosen field (``lanes_by``): the columns themselves for companies,
        else the same events re-placed by type, family, person, place, tag or source article (remembered until
        the columns change)."""
        if self.lanes_by == "company":
            return cols
        cached = self._lane_cache
        if cached is not None and cached[0] is cols and cached[1] == self.lanes_by:
            return cached[2]
        if self.lanes_by in ("type", "family"):
            out = cols.by_type(self.lanes_by)
            self._lane_cache = (cols, self.lanes_by, out)
            return out
        if self.lane_keys is not None:
            keys = self.lane_keys(self.lanes_by)
        else:
            return cols
        if len(keys) != cols.n:  # the rows changed under us (a merge in between): companies until the next load
            return cols
        out = cols.by_field(keys, EMPTY_LANES[self.lanes_by])
        self._lane_cache = (cols, self.lanes_by, out)
        return out

    def set_data(self, cols: EventColumns, event_mask: np.ndarray | None, hidden: set[str] | None = None) -> None:
        """Lay out lanes (in the chosen order; in group order collapsed groups fold into their parent) and index
        the placements. Lanes are companies, or another field (``lanes_by``); ``hidden`` companies count only in
        company lanes (``event_mask`` has already left out events of hidden companies)."""
        if self.lanes_by != "company":
            cols, hidden = self.lane_columns(cols), set()
        self.cols = cols
        hidden = hidden or set()
        root = {c: g for g, members in cols.groups().items() for c in members}
        counts = np.zeros(len(cols.companies), dtype=np.int64)
        first = np.full(len(cols.companies), np.inf)
        if len(cols.p_lane):
            keep = ~np.isnan(cols.t0[cols.p_event])
            if event_mask is not None:
                keep &= event_mask[cols.p_event]
            every = bool(keep.all())  # a whole dated workspace: no copies
            counts = np.bincount(cols.p_lane if every else cols.p_lane[keep], minlength=len(cols.companies))
            if self.lane_order == "first":  # each lane's first event: only for that order
                np.minimum.at(first, cols.p_lane[keep], cols.t0[cols.p_event[keep]])
        present = [c for c, n in zip(cols.companies, counts, strict=False) if n and c not in hidden]
        lanes: list[str] = []
        labels: list[str] = []
        lane_for: dict[str, int] = {}
        if self.lane_order == "group":
            groups: dict[str, list[str]] = {}
            for c in present:
                groups.setdefault(root[c], []).append(c)
            present_set = set(present)
            for g in sorted(groups, key=str.lower):
                members = sorted((c for c in groups[g] if c != g), key=str.lower)
                if g not in present_set:  # the parent is hidden or has no events: its members stand alone
                    for c in members:
                        lane_for[c] = len(lanes)
                        labels.append(_elide(c))
                        lanes.append(c)
                    continue
                lane_for[g] = len(lanes)
                folded = g in self.collapsed and members
                labels.append(f"▸ {_elide(g)} (+{len(members)})" if folded else
                              (f"▾ {_elide(g)}" if members else _elide(g)))
                lanes.append(g)
                for c in members:
                    if folded:
                        lane_for[c] = lane_for[g]
                    else:
                        lane_for[c] = len(lanes)
                        labels.append("   " + _elide(c))
                        lanes.append(c)
        else:
            pos = {c: i for i, c in enumerate(cols.companies)}
            key = {"name": lambda c: (c.lower(),), "events": lambda c: (-counts[pos[c]], c.lower()),
                   "first": lambda c: (first[pos[c]], c.lower())}[self.lane_order]
            for c in sorted(present, key=key):
                lane_for[c] = len(lanes)
                labels.append(_elide(c))
                lanes.append(c)
        self.lanes = lanes
        self.lane_of_company = np.array([lane_for.get(c, -1) for c in cols.companies], dtype=np.int32)
        self.index = LaneIndex(cols, event_mask, self.lane_of_company, len(lanes))
        self.lane_axis.set_labels(labels, [self._lane_tip(c) for c in lanes])
        self.item.set_index(cols, self.index)
        self._update_limits()
        self._edge_timer.start()
        self.lanesChanged.emit()

    def _lane_tip(self, name: str) -> str:
        """A lane's hover text: its whole name, then the names merged into it and why (``lane_notes``)."""
        note = self.lane_notes.get(name, "")
        return f"{name}\n{note}" if note else name

    def toggle_group(self, group: str) -> None:
        if group in self.collapsed:
            self.collapsed.discard(group)
        else:
            self.collapsed.add(group)

    def set_current_lane(self, lane: int) -> None:
        """Mark a lane as current (a band behind it and a marker on its label)."""
        self.lane_axis.set_current(lane)
        self.current_band.setRegion((lane - 0.5, lane + 0.5) if lane >= 0 else (-1.5, -0.5))

    # -- lanes: minimum height, whole-lane scrolling ----------------------------------------------------
    def lanes_that_fit(self) -> int:
        h = self.vb.sceneBoundingRect().height() or (self.height() - 40)
        return max(1, int(h // LANE_MIN_PX))

    def lane_window(self) -> tuple[int, int]:
        """(first lane shown, number of lanes shown)."""
        _, (y0, y1) = self.vb.viewRange()
        lo, hi = sorted((y0, y1))
        return max(0, round(lo + 0.5)), max(1, round(hi - lo))

    def _update_limits(self) -> None:
        n = max(len(self.lanes), 1)
        self.vb.setLimits(yMin=-0.5, yMax=n - 0.5, maxYRange=min(n, self.lanes_that_fit()), minYRange=1.0)

    def _y_changed(self, *_: object) -> None:
        """Keep the lane window on whole lanes, no thinner than LANE_MIN_PX, inside the lanes."""
        if self._snapping:
            return
        top, count = self.lane_window()
        n = max(len(self.lanes), 1)
        count = min(count, self.lanes_that_fit(), n)
        top = max(0, min(top, n - count))
        _, (y0, y1) = self.vb.viewRange()
        if abs(min(y0, y1) - (top - 0.5)) > 1e-6 or abs(abs(y1 - y0) - count) > 1e-6:
            self._snapping = True
            try:
                self.vb.setYRange(top - 0.5, top - 0.5 + count, padding=0)
            finally:
                self._snapping = False
        self.lanesChanged.emit()

    def fit_lanes(self, top: int = 0) -> None:
        """Show as many lanes as fit from ``top`` (all of them when they fit)."""
        self._update_limits()
        n = max(len(self.lanes), 1)
        count = min(n, self.lanes_that_fit())
        top = max(0, min(top, n - count))
        self.vb.setYRange(top - 0.5, top - 0.5 + count, padding=0)
        self._y_changed()

    def scroll_lanes(self, delta: int) -> None:
        top, count = self.lane_window()
        self.fit_lanes(top + delta) if count else None

    def page_lanes(self, pages: int) -> None:
        self.scroll_lanes(pages * max(1, self.lane_window()[1] - 1))

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        # the lane labels take at most about a quarter of a narrow timeline (210 px of a 1024 px window's ~600 px
        # left too little time axis); longer names are cut at the left edge
        if self.getPlotItem() is not None:  # None while the base class builds itself
            self.getPlotItem().getAxis("left").setWidth(int(min(210, max(130, 0.27 * self.width()))))
        if self.__dict__.get("lanes"):
            top, _ = self.lane_window()
            self.fit_lanes(top)

    # -- view -------------------------------------------------------------------------------------------
    def fit_all(self) -> None:
        """Fit time to every shown dated event (none is left out: far-off dates widen the view, and the overview
        strip and the edge buttons show where the events are), and lanes to the window."""
        if self.index is not None and len(self.index):
            x0, x1 = float(np.nanmin(self.index.t0)), float(np.nanmax(self.index.t1))
            pad = max((x1 - x0) * 0.03, 20 * DAY)
            self._fitting = True
            try:
                self.vb.setXRange(x0 - pad, x1 + pad, padding=0)
            finally:
                self._fitting = False
        self.fitted = True
        self.fit_lanes(0)
        self.update_edges()

    def _x_changed(self, *_: object) -> None:
        if not self._fitting:
            self.fitted = False
        self._edge_timer.start()

    def update_edges(self) -> None:
        """Count the shown placements wholly before and after the time window and say so at its edges."""
        before = after = 0
        if self.index is not None and len(self.index):
            (x0, x1), _ = self.vb.viewRange()
            before = int((self.index.t1 <= x0).sum())
            after = int((self.index.t0 >= x1).sum())
        self.outside = (before, after)
        rect = self.mapFromScene(self.vb.sceneBoundingRect()).boundingRect()
        for b, n, text in zip(self.edge_buttons, (before, after), (f"◀ {before} earlier", f"{after} later ▶"),
                              strict=True):
            b.setVisible(n > 0)
            if n:
                b.setText(text)
                b.setToolTip(f"{n} shown event placement(s) lie {'before' if b is self.edge_buttons[0] else 'after'}"
                             " this view; click (or press F) to fit all")
                b.adjustSize()
        left, right = self.edge_buttons
        y = rect.bottom() - left.height() - 4
        left.move(rect.left() + 4, max(0, y))
        right.move(rect.right() - right.width() - 4, max(0, y))

    def zoom(self, factor: float, centre: float | None = None) -> None:
        (x0, x1), _ = self.vb.viewRange()
        c = (x0 + x1) / 2 if centre is None else centre
        self.vb.setXRange(c - (c - x0) * factor, c + (x1 - c) * factor, padding=0)

    def pan(self, fraction: float) -> None:
        (x0, x1), _ = self.vb.viewRange()
        d = (x1 - x0) * fraction
        self.vb.setXRange(x0 + d, x1 + d, padding=0)

    def show_time(self, t0: float, t1: float, fit: bool = False) -> None:
        """Bring [t0, t1] into view: centre it, or fit the view to it."""
        (x0, x1), _ = self.vb.viewRange()
        if fit:
            pad = max((t1 - t0) * 0.6, 3 * DAY if t1 - t0 >= DAY else 30.0)  # a timed event: its minute
            self.vb.setXRange(t0 - pad, t1 + pad, padding=0)
        elif not (x0 <= t0 and t1 <= x1):
            w = x1 - x0
            c = (t0 + t1) / 2
            self.vb.setXRange(c - w / 2, c + w / 2, padding=0)

    def show_lane(self, lane: int) -> None:
        top, count = self.lane_window()
        if not top <= lane < top + count:
            self.fit_lanes(lane - count // 2)

    def lane_of(self, company: str) -> int:
        if self.cols is None or company not in self.cols.companies:
            return -1
        return int(self.lane_of_company[self.cols.companies.index(company)])
