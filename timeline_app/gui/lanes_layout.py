"""Where the lanes' items go, in device pixels: the drawing constants of the event lanes (mark and bar sizes, the
thresholds between drawing modes) and the pure-numpy layouts that put items in sub-rows of a lane (packed sub-rows
of a tall lane, stacked overlapping bars). No Qt here: the lanes item and the picture export both use them."""

from __future__ import annotations

import numpy as np

from ..core.model import PRECISIONS, SUB_DAY

DENSITY_THRESHOLD = 6000  # day marks in view above which lanes are drawn as densities
LONG_CANDIDATES = 60000  # longer events to examine before giving up on drawing them one by one
MAX_BARS_PER_LANE = 3  # more overlapping bars than this in a lane become one band with a count
MARK = 10.0  # marker size in pixels
BAR_H = 8.0
BAND_H = 5.0  # the thin band standing for many overlapping longer events
COLLIDE_PX = 7.0
#: precisions drawn as a mark, never a bar: a day and the finer ones (an event at 19:01:01)
_MARK_CODES = np.array([PRECISIONS.index(p) for p in ("day", *SUB_DAY)], dtype=np.int8)

STACK_LIMIT = 300  # up to this many bars in view, overlapping bars in a lane are stacked in sub-rows
STACK_ROWS = 3

ROW_PX = MARK + 4  # the height of a sub-row of a tall lane
TITLE_ROOM = 110.0  # pixels kept free right of an item in a tall lane, for its title


def _pack_rows(lane: np.ndarray, left: np.ndarray, right: np.ndarray, rows: int) -> np.ndarray:
    """Vertical offsets (pixels, centred on the lane's middle) giving each item of a lane the first of up to
    ``rows`` sub-rows where it does not overlap the one before it (with room for its title); when every sub-row is
    taken, the one free soonest."""
    row = np.zeros(len(lane), dtype=np.int64)
    order = np.lexsort((left, lane))
    ends: list[float] = []
    current = None
    for i in order.tolist():
        if lane[i] != current:
            current, ends = lane[i], []
        r = next((k for k, e in enumerate(ends) if e <= left[i]), None)
        if r is None:
            if len(ends) < rows:
                r = len(ends)
                ends.append(right[i])
            else:
                r = int(np.argmin(ends))
        ends[r] = max(ends[r], right[i])
        row[i] = r
    used = np.zeros(int(lane.max()) + 1 if len(lane) else 0, dtype=np.int64)
    if len(lane):
        np.maximum.at(used, lane, row + 1)
    return (row - (used[lane] - 1) / 2) * ROW_PX


def _stack_offsets(lanes: np.ndarray, x0: np.ndarray, x1: np.ndarray, max_rows: int = STACK_ROWS) -> np.ndarray:
    """Vertical offsets (pixels) putting overlapping bars of a lane in separate sub-rows (greedy)."""
    off = np.zeros(len(lanes))
    order = np.lexsort((x0, lanes))
    row_end: dict[int, list[float]] = {}
    for i in order:
        ends = row_end.setdefault(int(lanes[i]), [])
        r = next((k for k, e in enumerate(ends) if e <= x0[i]), None)
        if r is None:
            r = min(len(ends), max_rows - 1)
            if r == len(ends):
                ends.append(x1[i])
        ends[r] = max(ends[r], x1[i])
        off[i] = r * (BAR_H + 1)
    counts = {ln: len(e) for ln, e in row_end.items()}
    return off - np.array([(counts[int(ln)] - 1) * (BAR_H + 1) / 2 for ln in lanes])
