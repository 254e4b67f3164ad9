"""What an exported picture shows, without drawing it (pure NumPy, no Qt): the selected events, their lanes, the
time range and the lane window. The viewer's export fills it from its current view; ``timeline-app image`` and
``timeline-app report`` fill it from a workspace and a :class:`~.report.ReportQuery`. The one drawing of it is
``timeline_app.gui.picture``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..index import (
    DAY,
    LANE_FIELDS,
    NO_COMPANY,
    EventColumns,
    Filter,
    LaneIndex,
    date_to_seconds,
    seconds_to_date,
)
from ..model import EVENT_TYPES, v3_type
from ..store.lane_keys import EMPTY_LANES, lane_keys
from .report import ReportQuery

if TYPE_CHECKING:
    from ..store.workspace import Workspace

MAX_LANES = 60  # lanes drawn by default when a picture is made from a whole workspace
_EMPTY = {NO_COMPANY, *EMPTY_LANES.values()}


@dataclass
class PictureData:
    """Everything an exported picture draws. ``index`` places the shown events in lanes ``0 .. len(labels)``;
    the picture shows lanes ``top .. top + count`` over seconds ``x0 .. x1``."""

    title: str
    subtitle: str
    cols: EventColumns
    mask: np.ndarray  # bool per event: the events shown
    index: LaneIndex
    labels: list[str]
    x0: float
    x1: float
    top: int = 0
    count: int = 0
    lane_px: float = 24.0  # height of one lane in the picture (pixels)
    notes: list[str] = dataclasses.field(default_factory=list)  # said under the picture

    @property
    def lanes(self) -> range:
        """The lanes drawn."""
        return range(self.top, min(self.top + (self.count or len(self.labels)), len(self.labels)))

    def types_shown(self) -> set[str]:
        """The event types of the events placed in the drawn lanes (the legend lists these)."""
        lanes = self.lanes
        if not len(self.index) or not len(lanes):
            return set()
        sel = (self.index.lane >= lanes.start) & (self.index.lane < lanes.stop)
        sel &= (self.index.t1 > self.x0) & (self.index.t0 < self.x1)
        return {EVENT_TYPES[int(c)] for c in np.unique(self.cols.type_code[self.index.event[sel]])}


def selection_mask(cols: EventColumns, query: ReportQuery, search_rows: set[int] | None = None) -> np.ndarray:
    """Bool per event: the events ``query`` covers (companies: any of them named, case-insensitively), with
    ``search_rows`` (the rows a text search found) when a search is part of the query."""
    f = Filter(types={v3_type(t) for t in query.types} or set(EVENT_TYPES), date_from=query.date_from,
               date_to=query.date_to, min_confidence=query.min_confidence)
    if query.companies:
        wanted = {c.casefold() for c in query.companies}
        f.hidden_companies = {c for c in cols.companies if c.casefold() not in wanted}
        if len(f.hidden_companies) == len(cols.companies):
            return np.zeros(cols.n, dtype=bool)
    if search_rows is not None:
        m = np.zeros(cols.n, dtype=bool)
        if search_rows:
            m[np.fromiter(search_rows, dtype=np.int64)] = True
        f.text_matches = m
    return f.mask(cols)


def group_lanes(cols: EventColumns, mask: np.ndarray, hidden: set[str] | None = None) -> tuple[list[str], np.ndarray]:
    """Lanes in the viewer's default order (groups by name, each parent before its members) for the companies
    with a shown dated event; returns (lane labels, lane of each company or -1)."""
    hidden = hidden or set()
    counts = np.zeros(len(cols.companies), dtype=np.int64)
    if len(cols.p_lane):
        keep = ~np.isnan(cols.t0[cols.p_event]) & mask[cols.p_event]
        counts = np.bincount(cols.p_lane[keep], minlength=len(cols.companies))
    present = {c for c, n in zip(cols.companies, counts, strict=False) if n and c not in hidden}
    root = {c: g for g, members in cols.groups().items() for c in members}
    groups: dict[str, list[str]] = {}
    for c in cols.companies:
        if c in present:
            groups.setdefault(root.get(c, c), []).append(c)
    labels: list[str] = []
    lane_for: dict[str, int] = {}
    for g in sorted(groups, key=lambda s: (s in _EMPTY, s.casefold())):  # "(no company)" … last
        members = sorted((c for c in groups[g] if c != g), key=str.casefold)
        if g in present:
            lane_for[g] = len(labels)
            labels.append(f"▾ {g}" if members else g)  # as the viewer marks a group with its members
        for c in members:
            lane_for[c] = len(labels)
            labels.append(("   " if g in present else "") + c)
    return labels, np.array([lane_for.get(c, -1) for c in cols.companies], dtype=np.int32)


def fit_range(index: LaneIndex) -> tuple[float, float]:
    """Seconds covering every placed event, padded by 4 % (at least 20 days) on each side."""
    if not len(index):
        now = dt.date.today()
        x1 = (now - dt.date(1970, 1, 1)).days * DAY
        return x1 - 365 * DAY, x1 + 30 * DAY
    x0, x1 = float(np.nanmin(index.t0)), float(np.nanmax(index.t1))
    pad = max((x1 - x0) * 0.04, 20 * DAY)
    return x0 - pad, x1 + pad


def picture_from_columns(cols: EventColumns, mask: np.ndarray, *, title: str, query: ReportQuery | None = None,
                         max_lanes: int = MAX_LANES, lanes_by: str = "company") -> PictureData:
    """The picture of the events ``mask`` selects: one lane per company (events naming none in the lane
    "(no company)") or per value of ``lanes_by`` (``cols`` then placed by that field), the whole time range of
    the shown events, at most ``max_lanes`` lanes (the subtitle says how many)."""
    mask = np.asarray(mask, dtype=bool)
    hidden: set[str] = set()
    if lanes_by == "company" and query is not None and query.companies:
        wanted = {c.casefold() for c in query.companies}  # as the viewer's company filter: only their lanes
        hidden = {c for c in cols.companies if c.casefold() not in wanted}
    labels, lane_of_company = group_lanes(cols, mask, hidden)
    index = LaneIndex(cols, mask, lane_of_company, len(labels))
    x0, x1 = fit_range(index)
    if query is not None and (query.date_from or query.date_to):  # the asked window (long events are cut)
        a = date_to_seconds(query.date_from) if query.date_from else x0
        b = date_to_seconds(query.date_to) + DAY if query.date_to else x1
        if b > a:
            pad = (b - a) * 0.02
            x0 = a - pad if query.date_from else x0
            x1 = b + pad if query.date_to else x1
    count = min(len(labels), max_lanes)
    shown = int(mask.sum())
    undated = int((mask & np.isnan(cols.t0)).sum())
    sub = (f"{seconds_to_date(x0).isoformat()} to {seconds_to_date(x1).isoformat()} · {shown} events shown · "
           + (f"lanes 1–{count} of {len(labels)}" if count < len(labels) else f"{len(labels)} lanes")
           + (f" by {LANE_FIELDS.get(lanes_by, lanes_by)}" if lanes_by != "company" else "")
           + f" · selection: {(query or ReportQuery()).describe()}")
    notes = []
    if undated:
        notes.append(f"{undated} undated event(s) are not placed on the time axis.")
    if count < len(labels):
        notes.append(f"{len(labels) - count} more lane(s) not drawn.")
    return PictureData(title=title, subtitle=sub, cols=cols, mask=mask, index=index, labels=labels, x0=x0, x1=x1,
                       top=0, count=count, lane_px=26.0, notes=notes)


def picture_from_workspace(ws: Workspace, query: ReportQuery, *, title: str, max_lanes: int = MAX_LANES,
                           lanes_by: str = "company") -> PictureData:
    """The picture of a workspace's events that ``query`` covers (its search through the workspace's index), in
    lanes of companies or of another field of :data:`~..index.LANE_FIELDS`."""
    if lanes_by not in LANE_FIELDS:
        raise ValueError(f"no lanes by '{lanes_by}' (one of {', '.join(LANE_FIELDS)})")
    cols = ws.event_columns()
    rows = ws.search_events(query.search) if query.search.strip() else None
    mask = selection_mask(cols, query, rows)
    if lanes_by != "company":
        keys = cols.type_keys(lanes_by) if lanes_by in ("type", "family") else lane_keys(ws.db, lanes_by)
        cols = cols.by_field(keys, EMPTY_LANES[lanes_by])
    return picture_from_columns(cols, mask, title=title, query=query, max_lanes=max_lanes, lanes_by=lanes_by)
