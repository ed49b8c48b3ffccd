"""Server-drawn SVG charts of one test's history: geometry only.

The template `athletes/_chart.html` draws a `Chart`; colours come from CSS
classes (no inline styles: CSP). Every chart has a title and a description,
and the page puts the history table beside it as the text alternative.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coaching.site.formats import long_date, number, short_date

from .models import AssessmentTest, StrengthAssessment

# Drawing boxes (width, height, plot left, right, top, bottom). One phone-sized
# geometry for every screen: drawn about 1:1 on a phone and side by side on a
# desktop, so 12-13px text stays legible everywhere.
VALUES_BOX = (340, 180, 40, 326, 12, 150)
LSI_BOX = (340, 180, 48, 326, 12, 150)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # shown as the marker's <title> (hover/long-press)

    def __post_init__(self):
        # One decimal is plenty in a 340-wide viewBox and keeps the markup small.
        object.__setattr__(self, "x", round(self.x, 1))
        object.__setattr__(self, "y", round(self.y, 1))

    @property
    def corner_x(self) -> float:  # square markers are drawn from their corner
        return round(self.x - 4, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - 4, 1)


@dataclass(frozen=True)
class Series:
    name: str
    css: str  # chart-left / chart-right / chart-lsi
    marker: str  # "circle" or "square": not colour alone
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    at: float
    label: str
    anchor: str = "middle"  # SVG text-anchor: the first and last dates stay inside

    def __post_init__(self):
        object.__setattr__(self, "at", round(self.at, 1))


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    width: int
    height: int
    left: int  # plot area edges
    right: int
    top: int
    bottom: int
    series: list[Series]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    band: tuple[float, float] | None = None  # threshold band: y of top edge, height
    band_label: str = ""
    legend: list[Series] = field(default_factory=list)

    @property
    def plot_width(self) -> int:
        return self.right - self.left

    @property
    def y_label_x(self) -> int:
        return self.left - 6

    @property
    def x_label_y(self) -> int:
        return self.bottom + 18

    @property
    def band_y(self) -> float:
        return round(self.band[0], 1) if self.band else 0

    @property
    def band_height(self) -> float:
        return round(self.band[1], 1) if self.band else 0


def _chart(box: tuple[int, ...], x_ticks: list[Tick], **fields) -> Chart:
    """A chart drawn in one of the boxes above."""
    width, height, left, right, top, bottom = box
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        x_ticks=x_ticks,
        **fields,
    )


def _nice_ceiling(value: float) -> float:
    """Round an axis maximum up to 1, 2, 2.5 or 5 x 10^n."""
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent  # pragma: no cover - loop always returns


def _x_positions(dates: Sequence[date], left: int, right: int) -> list[float]:
    if len(dates) == 1 or dates[0] == dates[-1]:
        return [(left + right) / 2] * len(dates)
    span = (dates[-1] - dates[0]).days
    return [left + (d - dates[0]).days / span * (right - left) for d in dates]


def _x_ticks(dates: Sequence[date], xs: Sequence[float], gap: float = 64) -> list[Tick]:
    """Date labels at least `gap` apart, always the first and the latest."""
    if not dates:
        return []
    chosen = [0]
    for i in range(1, len(dates)):
        if xs[i] - xs[chosen[-1]] >= gap:
            chosen.append(i)
    last = len(dates) - 1
    if chosen[-1] != last:
        if len(chosen) > 1 and xs[last] - xs[chosen[-1]] < gap:
            chosen.pop()  # make room for the latest date
        if xs[last] - xs[chosen[-1]] >= gap:
            chosen.append(last)
    ticks = [Tick(xs[i], short_date(dates[i])) for i in chosen]
    if len(ticks) > 1:
        ticks[0] = Tick(ticks[0].at, ticks[0].label, "start")
        ticks[-1] = Tick(ticks[-1].at, ticks[-1].label, "end")
    return ticks


def _said(value: Decimal | None, unit: str) -> str:
    return "unable" if value is None else f"{number(value)} {unit}"


def values_chart(test: AssessmentTest, history: Sequence[StrengthAssessment]) -> Chart:
    """Left and right values over time (history oldest first)."""
    _, _, left, right, top, bottom = VALUES_BOX
    dates = [a.date for a in history]
    xs = _x_positions(dates, left, right)
    measured = [v for a in history for v in (a.left_value, a.right_value) if v is not None]
    top_value = _nice_ceiling(float(max(measured, default=0)) * 1.1)

    def y(value: Decimal) -> float:
        return bottom - float(value) / top_value * (bottom - top)

    unit = test.get_unit_display()

    def points(side: str) -> list[Point]:
        # A leg that could not do the test has no point: the line skips it,
        # the table beside the chart says "unable".
        return [
            Point(x, y(value), f"{long_date(a.date)}: {side} {number(value)} {unit}")
            for x, a in zip(xs, history, strict=True)
            if (value := getattr(a, f"{side}_value")) is not None
        ]

    lefts, rights = points("left"), points("right")
    series = [
        Series("Left leg", "chart-left", "circle", lefts),
        Series("Right leg", "chart-right", "square", rights),
    ]
    y_ticks = [
        Tick(y(Decimal(str(top_value * i / 4))), number(Decimal(str(top_value * i / 4))))
        for i in range(5)
    ]
    latest = history[-1]
    desc = (
        f"{len(history)} result{'s' if len(history) != 1 else ''} from "
        f"{long_date(dates[0])} to {long_date(dates[-1])}. Latest: left "
        f"{_said(latest.left_value, unit)}, right {_said(latest.right_value, unit)}. "
        "The table below lists every value."
    )
    return _chart(
        VALUES_BOX,
        _x_ticks(dates, xs),
        id=f"values-{test.slug}",
        title=f"{test.name}: left and right leg ({unit})",
        desc=desc,
        series=series,
        y_ticks=y_ticks,
        legend=series,
    )


def lsi_chart(test: AssessmentTest, history: Sequence[StrengthAssessment]) -> Chart:
    """The Limb Symmetry Index over time with the below-threshold band shaded."""
    _, _, left, right, top, bottom = LSI_BOX
    scored = [(a, a.symmetry) for a in history if a.symmetry.lsi is not None]
    dates = [a.date for a, _ in scored]
    xs = _x_positions(dates, left, right) if dates else []
    lowest = min((s.lsi for _, s in scored), default=100)
    floor = min(test.lsi_threshold - 10, (lowest // 10) * 10)
    floor = max(0, floor)
    # Above 100 % happens in the involved frame (the involved leg ahead).
    highest = max((s.lsi for _, s in scored), default=100)
    ceiling = max(100, -(-highest // 10) * 10)

    def y(percent: float) -> float:
        return bottom - (percent - floor) / (ceiling - floor) * (bottom - top)

    points = [
        Point(x, y(s.lsi), f"{long_date(a.date)}: LSI {s.lsi} %, {s.sentence.lower()}")
        for x, (a, s) in zip(xs, scored, strict=True)
    ]
    series = [Series("Limb Symmetry Index", "chart-lsi", "circle", points)]
    band_top = y(test.lsi_threshold)
    step = 10 if ceiling - floor <= 50 else 20
    y_ticks = [Tick(y(p), f"{p} %") for p in range(ceiling, floor - 1, -step)]
    if scored:
        first, last = scored[0][1], scored[-1][1]
        desc = (
            f"LSI from {first.lsi} % on {long_date(dates[0])} to {last.lsi} % on "
            f"{long_date(dates[-1])}; the shaded band is below the {test.lsi_threshold} % "
            "threshold."
        )
    else:
        desc = "No result with a score on either leg yet."
    return _chart(
        LSI_BOX,
        _x_ticks(dates, xs),
        id=f"lsi-{test.slug}",
        title=f"{test.name}: Limb Symmetry Index",
        desc=desc,
        series=series,
        y_ticks=y_ticks,
        band=(band_top, bottom - band_top),
        band_label=f"Below {test.lsi_threshold} %",
        legend=series,
    )
