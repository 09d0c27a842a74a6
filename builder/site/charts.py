"""The geometry of the site's SVG charts; the project's templates draw them.

Python decides where things go (scales, tick values, bar and point positions, rounded
to 0.1 px); ``site_templates/pages/charts/*.svg.j2`` decides how they look. Text stays
text, so Chinese is drawn in the reader's own fonts, and nothing depends on the fonts or
the clock of the machine that builds: the same figures always give the same bytes.

(Charts used to be drawn with matplotlib: importing it took 0.4 s and drawing the 20
charts of a 10-year community over 1 s, more than the rest of rendering together.)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from builder.core.formatting import money
from builder.messages.site import CHART_WORDS

# The drawing area in SVG user units (the pages show it at 720 × 340 CSS pixels).
WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 78, 12, 42, 40  # room for tick labels, the legend, month labels
TICKS = 5  # about this many steps up the value axis
PLOT_RIGHT, PLOT_BOTTOM = WIDTH - RIGHT, HEIGHT - BOTTOM
PLOT = (LEFT, TOP, PLOT_RIGHT, PLOT_BOTTOM)


@dataclass(frozen=True)
class Tick:
    """A labelled position on an axis (``at`` in SVG units)."""

    at: float
    label: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # its category and figure, for the bar's tooltip (<title>)
    value: str


@dataclass(frozen=True)
class Series:
    """One legend entry: its name, colour class, and its bars or line points."""

    name: str
    css: str
    bars: tuple[Bar, ...] = ()
    points: tuple[tuple[float, float, str], ...] = ()  # x, y, the figure it shows


@dataclass(frozen=True)
class Chart:
    """Everything a chart template needs.

    Attributes:
        title, description: the SVG's <title> and <desc> (the page's figure has the
            alt text and the same figures as a table below it).
        plot: left, top, right, bottom of the plotting area.
        x_ticks, y_ticks: positioned labels of the category and value axes.
        y_label: the value axis' name.
        series: the bars or lines, in legend order.
    """

    title: str
    description: str
    width: int
    height: int
    plot: tuple[float, float, float, float]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    y_label: str
    series: tuple[Series, ...]


def _r(value: float) -> float:
    # 0.1 px is finer than any screen or printer shows, and keeps the files short.
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def nice_step(span: float, count: int = TICKS) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) cutting ``span`` into about
    ``count`` parts."""
    if span <= 0:
        return 1.0
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def _number(value: float, step: float) -> str:
    """A tick label: thousands grouped, decimals only when the step needs them."""
    decimals = 0 if step >= 1 else min(2, -math.floor(math.log10(step)))
    return f"{value:,.{decimals}f}"


def _value_axis(
    low: float, high: float, step: float
) -> tuple[Callable[[float], float], tuple[Tick, ...]]:
    def y(value: float) -> float:
        return _r(PLOT_BOTTOM - (value - low) * (PLOT_BOTTOM - TOP) / (high - low))

    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    ticks = tuple(Tick(y(n * step), _number(n * step, step)) for n in range(first, last + 1))
    return y, ticks


def income_cost_chart(
    labels: Sequence[str],
    income: Sequence[Decimal],
    cost: Sequence[Decimal],
    title: str,
    description: str,
    names: tuple[str, str] = (CHART_WORDS["income"], CHART_WORDS["cost"]),
    y_label: str = CHART_WORDS["yuan"],
    uses: Sequence[Decimal] = (),
) -> Chart:
    """Grouped bars of monthly income and cost (yuan), from zero up. With ``uses`` (the
    owners' decided uses, which are not costs) a third bar of its own colour and legend
    stands beside them, so a transfer never looks like a cost."""
    drawn = [*income, *cost, *uses]
    highest = float(max([*drawn, Decimal(0)]))
    step = nice_step(highest)
    high = max(step, math.ceil(highest / step - 1e-9) * step)
    y, y_ticks = _value_axis(0.0, high, step)
    band = (PLOT_RIGHT - LEFT) / max(1, len(labels))
    groups = [(names[0], "income", income), (names[1], "cost", cost)]
    if any(uses):
        groups.append((CHART_WORDS["uses"], "use", uses))
    width = band * 0.72 / len(groups)
    series = []
    for n_group, (name, css, values) in enumerate(groups):
        offset = width * (n_group - len(groups) / 2)
        bars = []
        for n, value in enumerate(values):
            x = LEFT + band * (n + 0.5) + offset
            top_y = y(float(value))
            bars.append(
                Bar(_r(x), top_y, _r(width), _r(PLOT_BOTTOM - top_y), labels[n], money(value))
            )
        series.append(Series(name, css, bars=tuple(bars)))
    x_ticks = tuple(Tick(_r(LEFT + band * (n + 0.5)), label) for n, label in enumerate(labels))
    return Chart(title, description, WIDTH, HEIGHT, PLOT, x_ticks, y_ticks, y_label, tuple(series))


def _rate_point(label: str, rate: float) -> str:
    """What a point of a rate line says when pointed at: the month and its rate."""
    return CHART_WORDS["rate_point"].format(label=label, rate=f"{rate:.1f}")


def rate_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    title: str,
    description: str,
    y_label: str = CHART_WORDS["on_time"],
) -> Chart:
    """Lines of on-time rates (percent) per class of work order, one point a month."""
    lowest = min([80.0, *(min(values) for values in series.values() if values)]) - 2
    high = 101.0
    step = nice_step(high - lowest)
    y, y_ticks = _value_axis(lowest, high, step)
    count = len(labels)

    def x(n: int) -> float:
        return _r(LEFT + (PLOT_RIGHT - LEFT) * (n + 0.5) / max(1, count))

    lines = tuple(
        Series(
            name,
            f"line-{n + 1}",
            points=tuple((x(i), y(v), _rate_point(labels[i], v)) for i, v in enumerate(values)),
        )
        for n, (name, values) in enumerate(series.items())
    )
    every = max(1, count // 8)  # about eight month labels, however many months
    x_ticks = tuple(Tick(x(i), labels[i]) for i in range(0, count, every))
    return Chart(title, description, WIDTH, HEIGHT, PLOT, x_ticks, y_ticks, y_label, lines)
