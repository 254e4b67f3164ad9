"""The lane index of the timeline (pure NumPy, no Qt): placements of the shown events grouped by lane and
sorted by start for culling by ``searchsorted``, a time-bin pyramid for drawing dense views as densities, and
keyboard navigation between events."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .times import DAY

if TYPE_CHECKING:
    from . import EventColumns

BASE_BIN = DAY  # finest pyramid level: one day
PYRAMID_LEVELS = 16  # one day .. 2^15 days (~90 years)
MAX_PYRAMID_CELLS = 8_000_000  # lanes x bins of the finest level built (~32 MB of int32)
LANE_KEY = 1e11  # lane * LANE_KEY + seconds orders placements by lane, then start (exact in float64)


class _Band:
    """Placements of one duration class (day marks or longer bars) sorted by lane then start."""

    def __init__(self, lane: np.ndarray, t0: np.ndarray, t1: np.ndarray, event: np.ndarray, n_lanes: int):
        self.lane, self.t0, self.t1, self.event = lane, t0, t1, event
        self.lane_start = np.searchsorted(lane, np.arange(n_lanes + 1)).astype(np.int64)
        self.max_dur = np.zeros(n_lanes)
        nonempty = np.nonzero(self.lane_start[1:] > self.lane_start[:-1])[0]
        if len(nonempty):  # lane-sorted: one reduceat instead of a slow ufunc.at
            self.max_dur[nonempty] = np.maximum.reduceat(t1 - t0, self.lane_start[nonempty])
        self.key = lane.astype(np.float64) * LANE_KEY + t0

    def bounds(self, lanes: range, x0: float, x1: float) -> tuple[np.ndarray, np.ndarray]:
        """Per lane in ``lanes``, the index range [a, b) of placements starting in [x0 - longest, x1]
        (one vectorised search over a (lane, start) key)."""
        ls = np.arange(lanes.start, lanes.stop)
        if not len(self.t0) or not len(ls):
            z = np.zeros(len(ls), dtype=np.int64)
            return z, z
        a = np.searchsorted(self.key, ls * LANE_KEY + (x0 - self.max_dur[ls]), side="left")
        b = np.searchsorted(self.key, ls * LANE_KEY + x1, side="right")
        return a, b

    def gather(self, a: np.ndarray, b: np.ndarray, x0: float) -> np.ndarray:
        """The indices in the ranges that really reach into the view (end after x0)."""
        n = b - a
        total = int(n.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        idx = np.arange(total, dtype=np.int64) + np.repeat(a - np.r_[0, np.cumsum(n)[:-1]], n)
        visible: np.ndarray = idx[self.t1[idx] > x0]
        return visible


def _by_lane_in_time(t0: np.ndarray, company: np.ndarray, lane_map: np.ndarray, lanes: np.ndarray) -> bool:
    """Whether placements are in time order within each lane: all in time order, or grouped by company in time
    order within each and no two companies sharing a lane (a folded group merges its members' lanes)."""
    if len(t0) < 2:
        return True
    step = np.diff(company)
    if bool(np.all(step >= 0)) and bool(np.all((step > 0) | (t0[1:] >= t0[:-1]))):
        starts = np.flatnonzero(np.r_[True, step > 0])
        used = company[starts]
        return len(np.unique(lane_map[used])) == len(used)
    return bool(np.all(t0[1:] >= t0[:-1]))


class LaneIndex:
    """Placements of the shown events, grouped by lane and sorted by start, plus a density pyramid."""

    def __init__(self, cols: EventColumns, event_mask: np.ndarray | None = None,
                 lane_of_company: np.ndarray | None = None, n_lanes: int | None = None):
        self.cols = cols
        lane_map = lane_of_company if lane_of_company is not None else np.arange(len(cols.companies), dtype=np.int32)
        self.n_lanes = n_lanes if n_lanes is not None else len(cols.companies)
        p_t0 = cols.t0[cols.p_event]
        keep = ~np.isnan(p_t0)
        if event_mask is not None and len(cols.p_event):
            keep &= event_mask[cols.p_event]
        lanes = lane_map[cols.p_lane] if len(cols.p_lane) else np.zeros(0, dtype=np.int32)
        keep &= lanes >= 0  # a hidden company's lane is -1
        if bool(keep.all()):  # every placement shown (a whole dated workspace): no copies
            company, ev, t0 = cols.p_lane, cols.p_event, p_t0
        else:
            idx = np.flatnonzero(keep)
            lanes, company, ev, t0 = lanes[idx], cols.p_lane[idx], cols.p_event[idx], p_t0[idx]
        if _by_lane_in_time(t0, company, lane_map, lanes):
            # in time order within each lane already (stored indexes are: EventColumns.to_bytes): a stable sort by
            # lane alone (a radix sort on 16 bits) puts them in order, and none when the lanes are in order too
            order = None if len(lanes) < 2 or bool(np.all(lanes[1:] >= lanes[:-1])) else \
                np.argsort(lanes.astype(np.int16) if self.n_lanes < 2 ** 15 else lanes, kind="stable")
        else:
            order = np.lexsort((t0, lanes))
        if order is None:
            self.lane = lanes.astype(np.int32, copy=False)
            self.event = ev.astype(np.int32, copy=False)
            self.t0 = t0
        else:
            self.lane = lanes[order].astype(np.int32, copy=False)
            self.event = ev[order].astype(np.int32, copy=False)
            self.t0 = t0[order]
        self.t1 = cols.t1[self.event]
        self.lane_start = np.searchsorted(self.lane, np.arange(self.n_lanes + 1)).astype(np.int64)
        self._long = (self.t1 - self.t0) > DAY
        self._bands: tuple[_Band, _Band] | None = None
        self._key: np.ndarray | None = None
        self._pyramid: list[tuple[float, np.ndarray]] | None = None
        self.first_level = 0  # the finest pyramid level actually built (coarser when the dates span millennia)

    def __len__(self) -> int:
        return len(self.t0)

    def _split(self) -> tuple[_Band, _Band]:
        """The day marks and the longer bars, each indexed for culling; built when first drawn one by one (a view
        dense enough for the density pyramid, the first view of a big workspace, never needs them)."""
        if self._bands is None:
            long_, day = self._long, ~self._long
            self._bands = (_Band(self.lane[day], self.t0[day], self.t1[day], self.event[day], self.n_lanes),
                           _Band(self.lane[long_], self.t0[long_], self.t1[long_], self.event[long_], self.n_lanes))
        return self._bands

    def starting_in(self, lanes: range, x0: float, x1: float) -> int:
        """How many placements in ``lanes`` start in [x0, x1]: a lower bound of what the bands' culling would
        examine there, found without building them (a view with more than can be drawn one by one is drawn as a
        density at once)."""
        if not len(lanes) or not len(self.t0):
            return 0
        if self._key is None:
            self._key = self.lane.astype(np.float64) * LANE_KEY + self.t0
        base = np.arange(lanes.start, lanes.stop, dtype=np.float64) * LANE_KEY
        a = np.searchsorted(self._key, base + x0, side="left")
        b = np.searchsorted(self._key, base + x1, side="right")
        return int((b - a).sum())

    @property
    def short(self) -> _Band:
        """Placements of at most a day, by lane then start."""
        return self._split()[0]

    @property
    def long(self) -> _Band:
        """Placements longer than a day, by lane then start."""
        return self._split()[1]

    def visible(self, lane: int, x0: float, x1: float) -> tuple[int, int]:
        """Index range [a, b) of placements in ``lane`` whose start lies in [x0 - longest, x1]."""
        s, e = self.lane_start[lane], self.lane_start[lane + 1]
        longest = float((self.t1[s:e] - self.t0[s:e]).max()) if e > s else 0.0  # one lane's: no bands built
        a = s + np.searchsorted(self.t0[s:e], x0 - longest, side="left")
        b = s + np.searchsorted(self.t0[s:e], x1, side="right")
        return int(a), int(b)

    # -- density pyramid ------------------------------------------------------------------------------
    def pyramid(self) -> list[tuple[float, np.ndarray]]:
        """Per level: (origin, counts[lane, bin]) with bin width BASE_BIN * 2**level, built once.
        A bin counts the day events starting in it plus the longest-running concurrency of longer events
        (from a difference array, so a year-long event fills its whole span)."""
        if self._pyramid is None:
            levels: list[tuple[float, np.ndarray]] = []
            if len(self.t0):
                # the finest level whose counts fit in memory: events in year 1 and 9999 (a crafted import, a
                # typo) would otherwise ask for 3.6 million day bins per lane; finer levels then reuse it
                span_days = (float(np.nanmax(self.t1)) - float(self.t0.min())) / BASE_BIN + 2
                k0 = 0
                while k0 < PYRAMID_LEVELS - 1 and self.n_lanes * (span_days / 2 ** k0 + 2) > MAX_PYRAMID_CELLS:
                    k0 += 1
                self.first_level = k0
                bin_w = BASE_BIN * 2 ** k0
                origin = np.floor(self.t0.min() / bin_w) * bin_w
                nb = int((np.nanmax(self.t1) - origin) // bin_w) + 2
                size = self.n_lanes * (nb + 1)
                long_ = self._long
                # int32 cells (lanes x bins is bounded by MAX_PYRAMID_CELLS); floor of a true division, not numpy's
                # slow float floor_divide (equal for day-aligned times, at most a hair apart otherwise)
                cell = self.lane * np.int32(nb + 1) + np.floor((self.t0 - origin) / bin_w).astype(np.int32)
                long_cells = cell[long_]
                starts = np.bincount(cell, minlength=size) - np.bincount(long_cells, minlength=size)
                starts = starts.reshape(self.n_lanes, nb + 1)[:, :nb].astype(np.int32)
                lt1, llane = self.t1[long_], self.lane[long_]
                lb1 = np.minimum(np.ceil((lt1 - origin) / bin_w).astype(np.int64), nb)
                base = llane.astype(np.int64) * (nb + 1)
                diff = np.bincount(long_cells, minlength=size) - np.bincount(base + lb1, minlength=size)
                cover = np.cumsum(diff.reshape(self.n_lanes, nb + 1), axis=1)[:, :nb].astype(np.int32)
                levels.extend([(origin, starts + cover)] * (k0 + 1))
                s_lvl, c_lvl = starts, cover
                for _ in range(k0 + 1, PYRAMID_LEVELS):
                    if s_lvl.shape[1] % 2:
                        pad = np.zeros((s_lvl.shape[0], 1), dtype=np.int32)
                        s_lvl, c_lvl = np.concatenate([s_lvl, pad], 1), np.concatenate([c_lvl, pad], 1)
                    s_lvl = s_lvl[:, 0::2] + s_lvl[:, 1::2]
                    c_lvl = np.maximum(c_lvl[:, 0::2], c_lvl[:, 1::2])
                    levels.append((origin, s_lvl + c_lvl))
            self._pyramid = levels
        return self._pyramid

    def density(self, lane0: int, lane1: int, x0: float, x1: float, columns: int) -> tuple[np.ndarray, float, float]:
        """Counts per lane in [lane0, lane1) over about ``columns`` bins covering [x0, x1].
        Returns (counts[lanes, bins], first bin start, bin width)."""
        pyr = self.pyramid()
        if not pyr or columns <= 0:
            return np.zeros((max(lane1 - lane0, 0), 0), dtype=np.int32), x0, 1.0
        want = (x1 - x0) / columns
        level = int(np.clip(np.floor(np.log2(max(want / BASE_BIN, 1.0))), self.first_level, len(pyr) - 1))
        origin, counts = pyr[level]
        width = BASE_BIN * 2 ** level
        b0 = max(int((x0 - origin) // width), 0)
        b1 = min(int((x1 - origin) // width) + 1, counts.shape[1])
        if b1 <= b0:
            return np.zeros((lane1 - lane0, 0), dtype=np.int32), x0, width
        return counts[lane0:lane1, b0:b1], origin + b0 * width, width

    # -- navigation -------------------------------------------------------------------------------------
    def placements_of(self, event: int) -> np.ndarray:
        return np.nonzero(self.event == event)[0]

    def step_in_lane(self, lane: int, event: int, delta: int) -> int | None:
        """The event before/after ``event`` in ``lane`` (time order)."""
        s, e = self.lane_start[lane], self.lane_start[lane + 1]
        idx = np.nonzero(self.event[s:e] == event)[0]
        if not len(idx):
            return None
        j = int(idx[0]) + delta
        return int(self.event[s + j]) if 0 <= j < e - s else None

    def nearest_in_lane(self, lane: int, t: float) -> int | None:
        s, e = self.lane_start[lane], self.lane_start[lane + 1]
        if e <= s:
            return None
        i = s + np.searchsorted(self.t0[s:e], t)
        cands = [j for j in (i - 1, i) if s <= j < e]
        j = min(cands, key=lambda k: abs(self.t0[k] - t))
        return int(self.event[j])

    def nonempty_lane(self, lane: int, delta: int) -> int | None:
        lane += delta
        while 0 <= lane < self.n_lanes:
            if self.lane_start[lane + 1] > self.lane_start[lane]:
                return lane
            lane += delta
        return None
