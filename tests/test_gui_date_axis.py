"""The timeline's date axis at several zooms on a window of known width: its labels never overlap (by the
axis font's metrics), there are at least six of them, and they sit on calendar boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QFontMetricsF

from timeline_app.gui.date_axis import LABEL_GAP, CalendarDateAxis, plan_ticks
from timeline_app.gui.timeline_view import TimelineView

UTC = dt.timezone.utc
START = dt.datetime(2001, 4, 7, 9, 30, tzinfo=UTC).timestamp()
DAY = 86400.0
SPANS = {"30 years": 30 * 365.25 * DAY, "2 years": 2 * 365.25 * DAY, "3 months": 91 * DAY,
         "10 days": 10 * DAY, "1 day": DAY}


@pytest.mark.parametrize("span", list(SPANS))
def test_labels_dense_readable_and_calendar_aligned(qtbot, span: str) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitExposed(view)
    view.vb.setXRange(START, START + SPANS[span], padding=0)
    axis = view.getPlotItem().getAxis("bottom")
    assert isinstance(axis, CalendarDateAxis)
    lo, hi = axis.range
    width = axis.geometry().width()
    assert width > 900
    levels = axis.tickValues(lo, hi, width)
    majors = levels[0][1]
    labels = axis.tickStrings(majors, 1.0, levels[0][0])
    assert len(majors) >= 6, (span, labels)
    assert all(labels)
    metrics = QFontMetricsF(axis.tick_font())
    px = width / (hi - lo)
    for a, b, la, lb in zip(majors, majors[1:], labels, labels[1:], strict=False):
        # centred labels: half of each text either side of its tick, never touching
        gap = (b - a) * px
        assert gap >= (metrics.horizontalAdvance(la) + metrics.horizontalAdvance(lb)) / 2 + LABEL_GAP, (la, lb)
    plan = axis.last_plan
    assert plan is not None
    for t in majors:
        d = dt.datetime.fromtimestamp(t, UTC)
        assert (d.minute, d.second) == (0, 0)
        if plan.step.unit in ("year", "month", "week", "day"):
            assert d.hour == 0
        if plan.step.unit in ("year", "month"):
            assert d.day == 1
        if plan.step.unit == "year":
            assert d.month == 1 and d.year % plan.step.n == 0
    # the minor ticks are finer than the majors and never on them
    if len(levels) > 1:
        assert not set(levels[1][1]) & set(majors)
        assert len(levels[1][1]) >= len(majors) - 1


def test_span_picks_expected_step_and_labels() -> None:
    """With a fixed text width the ladder choice is predictable: 30 years on 1200 px (40 px a year): every year."""
    def width(s: str) -> float:
        return 6.0 * len(s)

    plan = plan_ticks(START, START + SPANS["30 years"], 1200, width)
    assert plan.step.name == "year" and plan.labels[0] == "2002"
    plan = plan_ticks(START, START + SPANS["1 day"], 1200, width)
    assert plan.step.unit == "hour" and "00:00" not in plan.labels
    assert any(lab.endswith("Apr") for lab in plan.labels)  # midnight is labelled with its date
    plan = plan_ticks(START, START + SPANS["3 months"], 1200, width)
    assert plan.labels[0] == "8 Apr" and plan.step.name == "week"
    plan = plan_ticks(START, START + 20 * DAY, 60, width)  # too narrow for anything: still no overlap
    assert len(plan.majors) <= 1
