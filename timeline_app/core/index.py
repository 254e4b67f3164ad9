"""Columnar arrays behind the timeline (pure NumPy, no Qt): one row per event, one placement per
(event, company lane), placements sorted by lane then start for culling by ``searchsorted``, a time-bin
pyramid for drawing dense views as densities, filter masks, and keyboard navigation."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field

import numpy as np

from .dates.labels import date_label
from .model import EVENT_TYPE_LABELS, EVENT_TYPES, FAMILY_LABELS, PRECISIONS, STATUSES, Event, family_of, v3_type

EPOCH = dt.date(1970, 1, 1)
DAY = 86400.0
BASE_BIN = DAY  # finest pyramid level: one day
PYRAMID_LEVELS = 16  # one day .. 2^15 days (~90 years)
MAX_PYRAMID_CELLS = 8_000_000  # lanes x bins of the finest level built (~32 MB of int32)
LANE_KEY = 1e11  # lane * LANE_KEY + seconds orders placements by lane, then start (exact in float64)
_TYPE_CODE = {t: i for i, t in enumerate(EVENT_TYPES)}
_OTHER = _TYPE_CODE["other"]  # an unknown type is drawn as "other"
#: The lane of events that name no company (they are never left off the timeline).
NO_COMPANY = "(no company)"
#: Version of the placements in a stored index: 2 gives company-less events the NO_COMPANY lane and keeps
#: times of day; an index stored by an older version is rebuilt from the events.
LANES_VERSION = 2
#: How long one unit of a sub-day precision lasts (an event at 19:01:01 to the second covers one second).
_SUB_DAY_SECONDS = {"hour": 3600.0, "minute": 60.0, "second": 1.0}
#: What lanes can be made of: the company (default) or another field of the events.
LANE_FIELDS = {"company": "company", "type": "event type", "family": "family", "person": "person",
               "place": "place", "tag": "tag", "source": "source article"}


def date_to_seconds(d: dt.date) -> float:
    return (d - EPOCH).days * DAY


def seconds_to_date(s: float) -> dt.date:
    return EPOCH + dt.timedelta(days=int(s // DAY))


def _time_seconds(t: dt.time | None) -> float:
    """Seconds into the day of a time of day, as the source wrote it (its wall clock; the offset is kept for
    labels but not applied, so an event stays on the calendar day its date says)."""
    return 0.0 if t is None else t.hour * 3600.0 + t.minute * 60.0 + t.second + t.microsecond / 1e6


def event_span(e: Event) -> tuple[float, float]:
    """An event's [t0, t1) in seconds since 1970 (NaN, NaN when undated); sub-day precisions keep the time of
    day and last one unit of their precision (a second, a minute, an hour) unless an end time is given."""
    if e.start is None:
        return np.nan, np.nan
    t0 = date_to_seconds(e.start) + _time_seconds(e.start_time)
    unit = _SUB_DAY_SECONDS.get(e.precision)
    if unit is None or e.start_time is None:
        return t0, date_to_seconds(e.end or e.start) + DAY
    if e.end_time is not None:
        return t0, max(date_to_seconds(e.end or e.start) + _time_seconds(e.end_time) + unit, t0 + unit)
    if e.end is not None and e.end > e.start:
        return t0, date_to_seconds(e.end) + DAY
    return t0, t0 + unit


def seconds_label(t0: float, t1: float, precision: str) -> str:
    """:func:`core.dates.labels.date_label` for an interval in seconds (the index's columns; a time of day has
    no offset here)."""
    if np.isnan(t0):
        return "undated"
    d0 = seconds_to_date(t0)
    if precision in _SUB_DAY_SECONDS:
        unit = _SUB_DAY_SECONDS[precision]
        tm0 = (dt.datetime.min + dt.timedelta(seconds=t0 - date_to_seconds(d0))).time()
        last = max(t1 - unit, t0)
        d1 = seconds_to_date(last)
        tm1 = (dt.datetime.min + dt.timedelta(seconds=last - date_to_seconds(d1))).time()
        return date_label(d0, d1, precision, tm0, tm1)
    return date_label(d0, seconds_to_date(t1 - 1), precision)


@dataclass
class EventColumns:
    """Events as columns. Times are seconds since 1970 (UTC days); ``t1`` is exclusive; NaN when undated."""

    t0: np.ndarray
    t1: np.ndarray
    type_code: np.ndarray  # int8 index into EVENT_TYPES
    precision_code: np.ndarray  # int8 index into PRECISIONS
    status_code: np.ndarray  # int8 index into STATUSES
    confidence: np.ndarray  # float32
    p_event: np.ndarray  # int32 placement -> event row
    p_lane: np.ndarray  # int32 placement -> company index
    companies: list[str]
    parents: list[str | None]

    @property
    def n(self) -> int:
        return len(self.t0)

    def types_present(self) -> set[str]:
        """The event types that at least one event has."""
        return {EVENT_TYPES[int(c)] for c in np.unique(self.type_code)}

    def groups(self) -> dict[str, list[str]]:
        """Companies by the top of their parent chain (the group itself first)."""
        parent = dict(zip(self.companies, self.parents, strict=False))
        out: dict[str, list[str]] = {}
        for c in self.companies:
            r, seen = c, set()
            while parent.get(r) and r not in seen:
                seen.add(r)
                r = parent[r]  # type: ignore[assignment]
            members = out.setdefault(r, [r])
            if c != r:
                members.append(c)
        return out

    @classmethod
    def from_events(cls, events: list[Event], parents: dict[str, str | None] | None = None) -> EventColumns:
        parents = parents or {}
        names: dict[str, int] = {}
        p_event, p_lane = [], []
        for i, e in enumerate(events):
            for c in e.companies or (NO_COMPANY,):  # an event naming no company has a lane too
                p_event.append(i)
                p_lane.append(names.setdefault(c, len(names)))
        comp = list(names)
        spans = np.array([event_span(e) for e in events], dtype=np.float64).reshape(len(events), 2)
        return cls(
            t0=spans[:, 0].copy(), t1=spans[:, 1].copy(),
            type_code=np.array([_TYPE_CODE.get(v3_type(e.type), _OTHER) for e in events], dtype=np.int8),
            precision_code=np.array([PRECISIONS.index(e.precision) for e in events], dtype=np.int8),
            status_code=np.array([STATUSES.index(e.status) for e in events], dtype=np.int8),
            confidence=np.array([e.confidence for e in events], dtype=np.float32),
            p_event=np.array(p_event, dtype=np.int32), p_lane=np.array(p_lane, dtype=np.int32),
            companies=comp, parents=[parents.get(c) for c in comp],
        )

    def to_bytes(self) -> bytes:
        """The arrays as an ``.npz`` of plain numeric arrays; names travel as UTF-8 JSON in a byte array.
        Nothing in it needs pickle, so :meth:`from_bytes` never unpickles (a crafted file cannot run code)."""
        names = json.dumps({"companies": self.companies, "parents": self.parents,
                            "types": list(EVENT_TYPES), "lanes": LANES_VERSION}).encode("utf-8")
        buf = io.BytesIO()
        np.savez(buf, t0=self.t0, t1=self.t1, type_code=self.type_code, precision_code=self.precision_code,
                 status_code=self.status_code, confidence=self.confidence, p_event=self.p_event,
                 p_lane=self.p_lane, names=np.frombuffer(names, dtype=np.uint8))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, expected_n: int | None = None) -> EventColumns:
        """Read :meth:`to_bytes` output without pickle, checking every array; raises ``ValueError`` for
        anything else (the caller then rebuilds the arrays from the tables).

        The blob comes from a file anyone may have crafted, so sizes are checked from the zip directory and
        the .npy headers before anything is decompressed or allocated: the arrays may take no more than the
        blob itself (:meth:`to_bytes` stores them uncompressed, so a zip bomb is refused unread) and, when
        ``expected_n`` (the workspace's number of events) is given, every per-event array must hold exactly
        ``expected_n`` entries and all of them together at most :func:`max_index_bytes` of it."""
        try:
            arrays = _read_npz(data, expected_n)
        except _Refused as e:
            raise ValueError(f"timeline index refused: {e}") from None
        except Exception as e:  # zip, npy-header, CRC and pickle refusals all mean: not our blob
            raise ValueError(f"unreadable timeline index: {type(e).__name__}: {e}") from None
        try:
            names = json.loads(arrays["names"].tobytes().decode("utf-8"))
            companies, parents = names["companies"], names["parents"]
            if names.get("types") != list(EVENT_TYPES):  # codes of another type list (before taxonomy v3)
                raise ValueError("the type codes are of another list of event types")
            if names.get("lanes") != LANES_VERSION:  # older placements (company-less events had no lane)
                raise ValueError("the lanes are of an older version")
            if not (isinstance(companies, list) and all(isinstance(c, str) for c in companies)
                    and isinstance(parents, list) and all(p is None or isinstance(p, str) for p in parents)):
                raise TypeError("companies and parents must be lists of names")
        except (ValueError, KeyError, TypeError, RecursionError) as e:
            raise ValueError(f"timeline index names are unreadable: {type(e).__name__}: {e}") from None
        n = len(arrays["t0"])
        if any(len(arrays[k]) != n for k in _PER_EVENT):
            raise ValueError("timeline index arrays differ in length")
        pe, pl = arrays["p_event"], arrays["p_lane"]
        if len(pe) != len(pl) or len(parents) != len(companies):
            raise ValueError("timeline index placements are inconsistent")
        if len(pe) and (pe.min() < 0 or pe.max() >= n or pl.min() < 0 or pl.max() >= len(companies)):
            raise ValueError("timeline index placements point outside the events")
        for k, codes in (("type_code", EVENT_TYPES), ("precision_code", PRECISIONS), ("status_code", STATUSES)):
            a = arrays[k]
            if len(a) and (a.min() < 0 or a.max() >= len(codes)):
                raise ValueError(f"timeline index array '{k}' holds unknown codes")
        for k in ("t0", "t1"):  # a time outside the calendar would ask the density pyramid for endless bins
            a = arrays[k]
            if np.any((a < _MIN_SECONDS) | (a > _MAX_SECONDS)):  # NaN (undated) compares False: kept
                raise ValueError(f"timeline index array '{k}' holds times outside the years 1-9999")
        return cls(t0=arrays["t0"], t1=arrays["t1"], type_code=arrays["type_code"],
                   precision_code=arrays["precision_code"], status_code=arrays["status_code"],
                   confidence=arrays["confidence"], p_event=pe, p_lane=pl, companies=companies, parents=parents)

    def by_field(self, keys: list[list[str]], empty: str) -> EventColumns:
        """The same events placed in lanes of another field: ``keys[i]`` are event ``i``'s lane names (several
        make it appear in several lanes, none puts it in the lane ``empty``). Lanes have no parents."""
        names: dict[str, int] = {}
        p_event, p_lane = [], []
        for i, ks in enumerate(keys):
            for k in dict.fromkeys(ks) or (empty,):
                p_event.append(i)
                p_lane.append(names.setdefault(k, len(names)))
        return EventColumns(t0=self.t0, t1=self.t1, type_code=self.type_code, precision_code=self.precision_code,
                            status_code=self.status_code, confidence=self.confidence,
                            p_event=np.array(p_event, dtype=np.int32), p_lane=np.array(p_lane, dtype=np.int32),
                            companies=list(names), parents=[None] * len(names))

    def by_type(self, field: str) -> EventColumns:
        """The same events in lanes of their type's label (``field="type"``) or family's label (``"family"``):
        :meth:`by_field` over :meth:`type_keys`, vectorised (one lane per event, from its type code)."""
        labels = [k[0] for k in self._type_labels(field)]
        names = list(dict.fromkeys(labels[int(c)] for c in np.unique(self.type_code)))
        code_lane = np.array([names.index(x) if x in names else -1 for x in labels], dtype=np.int32)
        return EventColumns(t0=self.t0, t1=self.t1, type_code=self.type_code, precision_code=self.precision_code,
                            status_code=self.status_code, confidence=self.confidence,
                            p_event=np.arange(self.n, dtype=np.int32),
                            p_lane=code_lane[self.type_code.astype(np.int64)] if self.n else np.zeros(0, np.int32),
                            companies=names, parents=[None] * len(names))

    def _type_labels(self, field: str) -> list[list[str]]:
        if field == "type":
            return [[EVENT_TYPE_LABELS[t]] for t in EVENT_TYPES]
        return [[FAMILY_LABELS[family_of(t)]] for t in EVENT_TYPES]

    def type_keys(self, field: str) -> list[list[str]]:
        """Per event, its type's label (``field="type"``) or its family's label (``"family"``), as lane keys."""
        if field == "type":
            labels = [EVENT_TYPE_LABELS[t] for t in EVENT_TYPES]
        else:
            labels = [FAMILY_LABELS[family_of(t)] for t in EVENT_TYPES]
        return [[labels[int(c)]] for c in self.type_code]


#: The arrays of a stored index and their dtypes as :meth:`EventColumns.to_bytes` writes them (either byte
#: order is read). ``names`` is the UTF-8 JSON of the company names and their parents.
_COLUMN_DTYPES: dict[str, np.dtype] = {
    "t0": np.dtype(np.float64), "t1": np.dtype(np.float64), "type_code": np.dtype(np.int8),
    "precision_code": np.dtype(np.int8), "status_code": np.dtype(np.int8), "confidence": np.dtype(np.float32),
    "p_event": np.dtype(np.int32), "p_lane": np.dtype(np.int32), "names": np.dtype(np.uint8)}
#: The arrays holding one entry per event.
_PER_EVENT = ("t0", "t1", "type_code", "precision_code", "status_code", "confidence")
#: A stored index may take this much once read, plus :data:`INDEX_BYTES_PER_EVENT` per event: an event's own
#: arrays take 23 bytes, the rest leaves room for its companies' placements (8 bytes each) and names.
INDEX_BASE_BYTES = 1 << 20
INDEX_BYTES_PER_EVENT = 1024
#: ``np.savez`` writes .npy headers of 128 bytes; a longer one is not ours (numpy allows 10,000).
_NPY_HEADER_MAX = 1024
_MIN_SECONDS = date_to_seconds(dt.date.min)
_MAX_SECONDS = date_to_seconds(dt.date.max) + DAY


def max_index_bytes(n_events: int) -> int:
    """The most a stored index of ``n_events`` events may take once read (bytes, all arrays together)."""
    return INDEX_BASE_BYTES + INDEX_BYTES_PER_EVENT * max(n_events, 0)


class _Refused(Exception):
    """A stored index refused by a size or shape check (becomes a ``ValueError`` with this message)."""


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def _read_npz(data: bytes, expected_n: int | None) -> dict[str, np.ndarray]:
    """The arrays of an index blob, in native byte order, each checked against the zip directory and its .npy
    header before a byte of it is decompressed; raises :class:`_Refused` (or a zip/numpy error)."""
    if expected_n is not None and len(data) > max_index_bytes(expected_n) + 65536:
        raise _Refused(f"the blob is {_mb(len(data))}; an index of {expected_n:,} events takes at most "
                       f"{_mb(max_index_bytes(expected_n))}")
    limit = len(data) if expected_n is None else min(len(data), max_index_bytes(expected_n))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        want = {k + ".npy" for k in _COLUMN_DTYPES}
        got = [i.filename for i in infos]
        if len(got) != len(want) or set(got) != want:
            odd = sorted(set(got) ^ want) or sorted({g for g in got if got.count(g) > 1})
            raise _Refused(f"it holds other arrays than an index's ({', '.join(odd[:5])})")
        declared = sum(i.file_size for i in infos)
        if declared > limit:
            where = (f"from a blob of {_mb(len(data))}" if limit == len(data) else
                     f"while an index of {expected_n:,} events takes at most {_mb(limit)}")
            raise _Refused(f"its arrays would take {_mb(declared)} {where}")
        arrays: dict[str, np.ndarray] = {}
        for info in infos:
            k = info.filename[:-len(".npy")]
            dtype = _COLUMN_DTYPES[k]
            with z.open(info) as f:
                if np.lib.format.read_magic(f) != (1, 0):
                    raise _Refused(f"array '{k}' is not in .npy format 1.0")
                shape, fortran, got_dtype = np.lib.format.read_array_header_1_0(f, max_header_size=_NPY_HEADER_MAX)
                if got_dtype.newbyteorder("<") != dtype.newbyteorder("<"):
                    raise _Refused(f"array '{k}' has dtype {got_dtype}, not {dtype}")
                if len(shape) != 1 or fortran:
                    raise _Refused(f"array '{k}' has shape {shape}, not one dimension")
                count = int(shape[0])
                if expected_n is not None and k in _PER_EVENT and count != expected_n:
                    raise _Refused(f"array '{k}' holds {count:,} entries for {expected_n:,} events")
                nbytes = count * dtype.itemsize
                if f.tell() + nbytes != info.file_size:
                    raise _Refused(f"array '{k}' declares {count:,} entries in {info.file_size:,} bytes")
                raw = f.read(nbytes)  # bounded by the zip directory's size, which was checked above
                if len(raw) != nbytes or f.read(1):
                    raise _Refused(f"array '{k}' is not as long as its header says")
            arrays[k] = np.frombuffer(raw, dtype=got_dtype).astype(dtype)
        return arrays


@dataclass
class Filter:
    """What the user wants to see."""

    hidden_companies: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=lambda: set(EVENT_TYPES))
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_confidence: float = 0.0
    text_matches: np.ndarray | None = None  # boolean per event from a text search, or None for no search

    def mask(self, cols: EventColumns) -> np.ndarray:
        """Boolean per event."""
        codes = [_TYPE_CODE[v3_type(t)] for t in self.types if v3_type(t) in _TYPE_CODE]
        m = np.isin(cols.type_code, np.array(codes, dtype=np.int8))
        m &= cols.confidence >= self.min_confidence - 1e-6
        if self.date_from is not None:
            m &= ~(cols.t1 <= date_to_seconds(self.date_from))  # undated (NaN) stays
        if self.date_to is not None:
            m &= ~(cols.t0 > date_to_seconds(self.date_to))
        if self.date_from is not None or self.date_to is not None:
            m &= ~np.isnan(cols.t0)
        if self.hidden_companies:
            hidden = np.array([c in self.hidden_companies for c in cols.companies], dtype=bool)
            visible_p = ~hidden[cols.p_lane] if len(cols.p_lane) else np.zeros(0, dtype=bool)
            has_visible = np.bincount(cols.p_event[visible_p], minlength=cols.n) > 0
            m &= has_visible
        if self.text_matches is not None:
            m &= self.text_matches
        return m


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


class LaneIndex:
    """Placements of the shown events, grouped by lane and sorted by start, plus a density pyramid."""

    def __init__(self, cols: EventColumns, event_mask: np.ndarray | None = None,
                 lane_of_company: np.ndarray | None = None, n_lanes: int | None = None):
        self.cols = cols
        lane_map = lane_of_company if lane_of_company is not None else np.arange(len(cols.companies), dtype=np.int32)
        self.n_lanes = n_lanes if n_lanes is not None else len(cols.companies)
        keep = ~np.isnan(cols.t0[cols.p_event]) if len(cols.p_event) else np.zeros(0, dtype=bool)
        if event_mask is not None and len(cols.p_event):
            keep &= event_mask[cols.p_event]
        lanes = lane_map[cols.p_lane[keep]] if len(cols.p_lane) else np.zeros(0, dtype=np.int32)
        keep_idx = np.nonzero(keep)[0]
        ok = lanes >= 0  # a hidden company's lane is -1
        lanes, keep_idx = lanes[ok], keep_idx[ok]
        ev = cols.p_event[keep_idx]
        t0 = cols.t0[ev]
        if len(t0) > 1 and bool(np.all(t0[1:] >= t0[:-1])):
            order = np.argsort(lanes, kind="stable")  # already in time order: a radix sort by lane suffices
        else:
            order = np.lexsort((t0, lanes))
        self.lane = lanes[order].astype(np.int32)
        self.event = ev[order].astype(np.int32)
        self.t0 = t0[order]
        self.t1 = cols.t1[self.event]
        self.lane_start = np.searchsorted(self.lane, np.arange(self.n_lanes + 1)).astype(np.int64)
        long_ = (self.t1 - self.t0) > DAY
        self.short = _Band(self.lane[~long_], self.t0[~long_], self.t1[~long_], self.event[~long_], self.n_lanes)
        self.long = _Band(self.lane[long_], self.t0[long_], self.t1[long_], self.event[long_], self.n_lanes)
        self._pyramid: list[tuple[float, np.ndarray]] | None = None
        self.first_level = 0  # the finest pyramid level actually built (coarser when the dates span millennia)

    def __len__(self) -> int:
        return len(self.t0)

    def visible(self, lane: int, x0: float, x1: float) -> tuple[int, int]:
        """Index range [a, b) of placements in ``lane`` whose start lies in [x0 - longest, x1]."""
        s, e = self.lane_start[lane], self.lane_start[lane + 1]
        longest = max(self.short.max_dur[lane], self.long.max_dur[lane]) if self.n_lanes else 0.0
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
                sb = ((self.short.t0 - origin) // bin_w).astype(np.int64)
                starts = np.bincount(self.short.lane.astype(np.int64) * (nb + 1) + sb, minlength=size)
                starts = starts.reshape(self.n_lanes, nb + 1)[:, :nb].astype(np.int32)
                lb0 = ((self.long.t0 - origin) // bin_w).astype(np.int64)
                lb1 = np.minimum(np.ceil((self.long.t1 - origin) / bin_w).astype(np.int64), nb)
                base = self.long.lane.astype(np.int64) * (nb + 1)
                diff = np.bincount(base + lb0, minlength=size) - np.bincount(base + lb1, minlength=size)
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
