"""The timeline's date axis: calendar-aligned ticks (years on Jan 1, months on the 1st, hours on the hour,
minutes on the minute) at the finest step of a ladder (10 years … 1 second) whose labels fit side by side at
the current width, measured with the axis font; minor ticks one step finer. Times are seconds since 1970, UTC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

UTC = dt.timezone.utc
LABEL_GAP = 12.0  # pixels kept free between neighbouring labels
MIN_YEAR, MAX_YEAR = 1, 9998


@dataclass(frozen=True)
class Step:
    """One rung of the ladder: ``n`` calendar units of ``unit`` (year, month, week, day, hour, minute, second)."""

    name: str
    unit: str
    n: int
    seconds: float  # the shortest gap between two ticks of this step

    def ticks(self, lo: float, hi: float) -> list[float]:
        """Calendar-aligned tick times in [lo, hi]."""
        start = _to_dt(lo)
        out: list[float] = []
        if self.unit in ("year", "month"):
            months = self.n * (12 if self.unit == "year" else 1)
            m = start.year * 12 + start.month - 1
            m -= m % months
            while True:
                y, mo = divmod(m, 12)
                if y > MAX_YEAR:
                    break
                t = dt.datetime(y, mo + 1, 1, tzinfo=UTC).timestamp()
                if t > hi:
                    break
                if t >= lo:
                    out.append(t)
                m += months
        elif self.unit == "week":  # days 1, 8, 15, 22 (n=1) or 1, 15 (n=2) of each month
            days = (1, 8, 15, 22) if self.n == 1 else (1, 15)
            m = start.year * 12 + start.month - 1
            while True:
                y, mo = divmod(m, 12)
                if y > MAX_YEAR or dt.datetime(y, mo + 1, 1, tzinfo=UTC).timestamp() > hi:
                    break
                for d in days:
                    t = dt.datetime(y, mo + 1, d, tzinfo=UTC).timestamp()
                    if lo <= t <= hi:
                        out.append(t)
                m += 1
        else:
            size = _UNIT_SECONDS[self.unit] * self.n
            t = (lo // size) * size
            while t <= hi:
                if t >= lo:
                    out.append(t)
                t += size
        return out

    def formats(self) -> list[Callable[[dt.datetime], str]]:
        """Label formats for this step, the richest first."""
        if self.unit == "year":
            return [lambda d: f"{d.year}"]
        if self.unit == "month":
            return [lambda d: d.strftime("%b %Y"),
                    lambda d: f"{d.year}" if d.month == 1 else d.strftime("%b")]
        if self.unit in ("week", "day"):
            return [lambda d: f"{d.day} {d.strftime('%b')}" if d.month != 1 or d.day != 1 else f"1 Jan {d.year}",
                    lambda d: f"{d.day} {d.strftime('%b')}"]
        if self.unit == "hour":
            return [lambda d: f"{d.day} {d.strftime('%b')}" if d.hour == 0 else f"{d.hour:02d}:00"]
        if self.unit == "minute":
            return [lambda d: f"{d.day} {d.strftime('%b')}" if d.hour == d.minute == 0 else f"{d:%H:%M}"]
        return [lambda d: f"{d.day} {d.strftime('%b')}" if d.hour == d.minute == d.second == 0 else
                (f"{d:%H:%M}" if d.second == 0 else f"{d:%H:%M:%S}"),
                lambda d: f"{d:%H:%M}" if d.second == 0 else f":{d:%S}"]


DAY = 86400.0
LADDER: tuple[Step, ...] = (
    Step("10 years", "year", 10, 3652 * DAY), Step("5 years", "year", 5, 1826 * DAY),
    Step("2 years", "year", 2, 730 * DAY), Step("year", "year", 1, 365 * DAY),
    Step("6 months", "month", 6, 181 * DAY), Step("quarter", "month", 3, 89 * DAY),
    Step("month", "month", 1, 28 * DAY), Step("2 weeks", "week", 2, 13 * DAY),
    Step("week", "week", 1, 6 * DAY), Step("day", "day", 1, DAY),
    Step("12 hours", "hour", 12, 43200.0), Step("6 hours", "hour", 6, 21600.0),
    Step("3 hours", "hour", 3, 10800.0), Step("hour", "hour", 1, 3600.0),
    Step("30 minutes", "minute", 30, 1800.0), Step("15 minutes", "minute", 15, 900.0),
    Step("10 minutes", "minute", 10, 600.0), Step("5 minutes", "minute", 5, 300.0),
    Step("minute", "minute", 1, 60.0), Step("30 seconds", "second", 30, 30.0),
    Step("15 seconds", "second", 15, 15.0), Step("10 seconds", "second", 10, 10.0),
    Step("5 seconds", "second", 5, 5.0), Step("second", "second", 1, 1.0),
)
_UNIT_SECONDS = {"day": DAY, "hour": 3600.0, "minute": 60.0, "second": 1.0}


def _to_dt(t: float) -> dt.datetime:
    lo = dt.datetime(MIN_YEAR, 1, 1, tzinfo=UTC).timestamp()
    hi = dt.datetime(MAX_YEAR, 12, 31, tzinfo=UTC).timestamp()
    return dt.datetime.fromtimestamp(min(max(t, lo), hi), UTC)


@dataclass(frozen=True)
class TickPlan:
    """The chosen major step, its tick times and labels, and the minor ticks."""

    step: Step
    majors: list[float]
    labels: list[str]
    minors: list[float]


def plan_ticks(lo: float, hi: float, width_px: float, text_width: Callable[[str], float]) -> TickPlan:
    """The finest ladder step (and richest format) whose labels, centred on their ticks, do not overlap."""
    if hi <= lo or width_px <= 0:
        return TickPlan(LADDER[0], [], [], [])
    px_per_s = width_px / (hi - lo)
    chosen: TickPlan | None = None
    for i in range(len(LADDER) - 1, -1, -1):
        step = LADDER[i]
        if step.seconds * px_per_s < 8.0:  # too fine to consider at all (and too many ticks to list)
            continue
        majors = step.ticks(lo, hi)
        for fmt in step.formats():
            labels = [fmt(_to_dt(t)) for t in majors]
            if _fits(majors, labels, px_per_s, text_width):
                chosen = TickPlan(step, majors, labels, [])
                break
        if chosen is not None:
            break
    if chosen is None:  # nothing fits (very narrow): the coarsest step, short labels
        step = LADDER[0]
        majors = step.ticks(lo, hi)
        chosen = TickPlan(step, majors, [step.formats()[-1](_to_dt(t)) for t in majors], [])
    i = LADDER.index(chosen.step)
    if i + 1 < len(LADDER) and LADDER[i + 1].seconds * px_per_s >= 3.0:
        taken = set(chosen.majors)
        minors = [t for t in LADDER[i + 1].ticks(lo, hi) if t not in taken]
        chosen = TickPlan(chosen.step, chosen.majors, chosen.labels, minors)
    return chosen


def _fits(ticks: list[float], labels: list[str], px_per_s: float, text_width: Callable[[str], float]) -> bool:
    widths = [text_width(s) for s in labels]
    for k in range(1, len(ticks)):
        gap = (ticks[k] - ticks[k - 1]) * px_per_s
        if gap < (widths[k] + widths[k - 1]) / 2 + LABEL_GAP:
            return False
    return True


class CalendarDateAxis(pg.AxisItem):
    """A bottom axis of UTC dates whose label density follows the pixels available (see ``plan_ticks``)."""

    def __init__(self, orientation: str = "bottom", **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self._labels: dict[float, str] = {}
        self.last_plan: TickPlan | None = None

    def tick_font(self) -> QFont:
        """The font the tick labels are drawn in."""
        font = self.style.get("tickFont")
        return font if isinstance(font, QFont) else self.font()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        metrics = QFontMetricsF(self.tick_font())
        plan = plan_ticks(minVal, maxVal, size, metrics.horizontalAdvance)
        self.last_plan = plan
        self._labels = dict(zip(plan.majors, plan.labels, strict=True))
        levels = [(plan.step.seconds, plan.majors)]
        if plan.minors:
            levels.append((plan.step.seconds / 2, plan.minors))
        return levels

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self._labels.get(v, "") for v in values]
