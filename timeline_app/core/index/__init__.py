"""Columnar arrays behind the timeline (pure NumPy, no Qt): one row per event, one placement per
(event, company lane), placements sorted by lane then start for culling by ``searchsorted``, a time-bin
pyramid for drawing dense views as densities, filter masks, and keyboard navigation."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field

import numpy as np

from ..model import EVENT_TYPE_LABELS, EVENT_TYPES, FAMILY_LABELS, PRECISIONS, STATUSES, Event, family_of, v3_type
from .lanes import BASE_BIN as BASE_BIN  # importable from here, as before
from .lanes import LANE_KEY as LANE_KEY
from .lanes import MAX_PYRAMID_CELLS as MAX_PYRAMID_CELLS
from .lanes import PYRAMID_LEVELS as PYRAMID_LEVELS
from .lanes import LaneIndex as LaneIndex
from .stored import _PER_EVENT, _read_npz, _Refused
from .stored import INDEX_BASE_BYTES as INDEX_BASE_BYTES
from .stored import INDEX_BYTES_PER_EVENT as INDEX_BYTES_PER_EVENT
from .stored import max_index_bytes as max_index_bytes
from .times import DAY as DAY
from .times import EPOCH as EPOCH
from .times import date_to_seconds as date_to_seconds
from .times import event_span as event_span
from .times import seconds_label as seconds_label
from .times import seconds_to_date as seconds_to_date

_TYPE_CODE = {t: i for i, t in enumerate(EVENT_TYPES)}
_OTHER = _TYPE_CODE["other"]  # an unknown type is drawn as "other"
#: The lane of events that name no company (they are never left off the timeline).
NO_COMPANY = "(no company)"
#: Version of the placements in a stored index: 2 gives company-less events the NO_COMPANY lane and keeps
#: times of day; an index stored by an older version is rebuilt from the events.
LANES_VERSION = 2
#: What lanes can be made of: the company (default) or another field of the events.
LANE_FIELDS = {"company": "company", "type": "event type", "family": "family", "person": "person",
               "place": "place", "tag": "tag", "source": "source article"}

_MIN_SECONDS = date_to_seconds(dt.date.min)
_MAX_SECONDS = date_to_seconds(dt.date.max) + DAY


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
        # placements stored by company, then start: the lane index of the next open then needs no full sort
        order = np.lexsort((self.t0[self.p_event], self.p_lane)) if len(self.p_event) else np.zeros(0, np.int64)
        buf = io.BytesIO()
        np.savez(buf, t0=self.t0, t1=self.t1, type_code=self.type_code, precision_code=self.precision_code,
                 status_code=self.status_code, confidence=self.confidence, p_event=self.p_event[order],
                 p_lane=self.p_lane[order], names=np.frombuffer(names, dtype=np.uint8))
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
