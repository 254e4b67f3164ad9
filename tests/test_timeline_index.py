from __future__ import annotations

import datetime as dt

import numpy as np

from timeline_app.core.index import DAY, EventColumns, Filter, LaneIndex, date_to_seconds
from timeline_app.core.model import Event


def ev(i, start, end, companies, type_="meeting", conf=0.8, precision="day") -> Event:
    return Event(id=f"e{i}", type=type_, summary="", start=start, end=end, precision=precision if start else
                 "undated", status="happened", companies=companies, confidence=conf)


D = dt.date
EVENTS = [
    ev(0, D(2024, 1, 5), D(2024, 1, 5), ["A", "B"]),
    ev(1, D(2024, 3, 1), D(2024, 3, 31), ["A"], "supply", precision="month"),
    ev(2, None, None, ["B"]),
    ev(3, D(2025, 1, 1), D(2025, 12, 31), ["C"], "investment", 0.3, "year"),
    ev(4, D(2024, 2, 1), D(2024, 2, 1), ["B"]),
]


def test_columns_roundtrip_and_placements() -> None:
    cols = EventColumns.from_events(EVENTS, {"B": "A"})
    assert cols.companies == ["A", "B", "C"] and cols.parents == [None, "A", None]
    assert np.isnan(cols.t0[2]) and cols.t1[0] - cols.t0[0] == DAY
    back = EventColumns.from_bytes(cols.to_bytes())
    assert back.parents == cols.parents
    assert sorted(zip(back.p_event.tolist(), back.p_lane.tolist(), strict=True)) == \
        sorted(zip(cols.p_event.tolist(), cols.p_lane.tolist(), strict=True))
    # stored by company, then start (undated last): the next open's lane index needs no full sort
    assert back.p_lane.tolist() == [0, 0, 1, 1, 1, 2] and back.p_event.tolist() == [0, 1, 0, 4, 2, 3]


def test_lane_index_culls_and_excludes_undated() -> None:
    cols = EventColumns.from_events(EVENTS)
    li = LaneIndex(cols)
    assert len(li) == 5  # event 2 is undated: not placed
    a, b = li.visible(0, date_to_seconds(D(2024, 3, 10)), date_to_seconds(D(2024, 3, 12)))
    assert list(li.event[a:b]) == [1]  # the month bar spans the window; the January day does not
    a, b = li.visible(1, date_to_seconds(D(2023, 1, 1)), date_to_seconds(D(2023, 12, 31)))
    assert b - a == 0


def test_filter_mask() -> None:
    cols = EventColumns.from_events(EVENTS)
    assert Filter().mask(cols).all()
    assert list(Filter(types={"supply"}).mask(cols)) == [False, True, False, False, False]
    assert list(Filter(min_confidence=0.5).mask(cols)) == [True, True, True, False, True]
    m = Filter(hidden_companies={"B"}).mask(cols)
    assert list(m) == [True, True, False, True, False]  # event 0 still shows in lane A
    m = Filter(date_from=D(2024, 2, 15), date_to=D(2024, 12, 31)).mask(cols)
    assert list(m) == [False, True, False, False, False]


def test_density_pyramid_counts_everything() -> None:
    rng = np.random.default_rng(1)
    n = 5000
    starts = rng.integers(0, 3650, n)
    events = [ev(i, D(2015, 1, 1) + dt.timedelta(days=int(s)), D(2015, 1, 1) + dt.timedelta(days=int(s)),
                 [f"L{i % 7}"]) for i, s in enumerate(starts)]
    li = LaneIndex(EventColumns.from_events(events))
    counts, _x0, width = li.density(0, 7, date_to_seconds(D(2014, 1, 1)), date_to_seconds(D(2026, 1, 1)), 300)
    assert counts.sum() == n and counts.shape[0] == 7
    assert width >= DAY


def test_navigation() -> None:
    cols = EventColumns.from_events(EVENTS)
    li = LaneIndex(cols)
    assert li.step_in_lane(1, 0, 1) == 4  # lane B: event 0 (Jan) then event 4 (Feb)
    assert li.step_in_lane(1, 4, 1) is None
    assert li.nearest_in_lane(0, date_to_seconds(D(2024, 2, 20))) == 1
    assert li.nonempty_lane(0, 1) == 1
