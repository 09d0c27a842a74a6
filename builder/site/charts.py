"""The geometry of the site's SVG charts; the project's templates draw them.

Python decides where things go (scales, tick values, bar and point positions, rounded
to 0.1 px); ``site_templates/pages/charts/*.svg.j2`` decides how they look. Text stays
text, so Chinese is drawn in the reader's own fonts, and nothing depends on the fonts or
the clock of the machine that builds: the same figures always give the same bytes.

Each chart is drawn once per ``Frame``: the width it is shown at and its text size. A
phone gets a narrow drawing whose labels stay at least 12 CSS px when shown 360 px
wide (a wide drawing shrunk to fit would have 5 px labels), "大字" gets a narrow one
with larger text; the page picks one (``<picture>`` and a CSS class). Amounts and rates
start from zero, so a bar's or a line's height is honest.

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

TICKS = 5  # about this many steps up the value axis
RIGHT = 12  # room after the last bar


@dataclass(frozen=True)
class Frame:
    """What a chart is drawn for: its size in SVG units, shown 1:1 in CSS px when there is
    room (never larger), and the size of its text.

    Attributes:
        name: the variant's name in the file's address ("" for the wide one).
    """

    name: str
    width: int
    height: int
    font: int


# Wide screens (over 640 px: shown at least 590 px wide, so 15 × 590/720 > 12 px);
# phones (320 wide: 14 px text at 360 px, 12.3 px on a 320 px phone); "大字" (18 px).
WIDE = Frame("", 720, 340, 15)
NARROW = Frame("narrow", 320, 300, 14)
LARGE = Frame("large", 320, 360, 18)
FRAMES = (WIDE, NARROW, LARGE)


def text_width(text: str, font: float) -> float:
    """About how wide ``text`` is drawn: a Chinese character is 1 em, other
    characters (digits, commas, %) about 0.6 em."""
    return sum(font if ord(c) > 0x2E7F else font * 0.6 for c in text)


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
class LegendItem:
    """A legend's colour box (at x, y, one em square) and the series' name after it."""

    x: float
    y: float
    name: str
    css: str


@dataclass(frozen=True)
class Series:
    """One legend entry: its name, colour class, and its bars or line points."""

    name: str
    css: str
    bars: tuple[Bar, ...] = ()
    points: tuple[tuple[float, float, str], ...] = ()  # x, y, the figure it shows
    # The line's unbroken stretches, as indexes into ``points`` (a month without a
    # figure breaks it); empty: one line through all the points.
    runs: tuple[tuple[int, ...], ...] = ()


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
        font: the text size; legend: where each series' name goes.
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
    font: int
    legend: tuple[LegendItem, ...]


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


@dataclass(frozen=True)
class _Layout:
    """A frame's plotting area, its value axis and its legend."""

    plot: tuple[float, float, float, float]
    y: Callable[[float], float]
    y_ticks: tuple[Tick, ...]
    legend: tuple[LegendItem, ...]


def _layout(frame: Frame, high: float, step: float, names: Sequence[tuple[str, str]]) -> _Layout:
    """The value axis from zero to ``high`` and the legend, flowing onto more rows when
    the names do not fit on one; the plot takes the rest."""
    font = frame.font
    values = [n * step for n in range(math.floor(high / step + 1e-9) + 1)]
    labels = [_number(v, step) for v in values]
    left = _r(font * 1.7 + max(text_width(label, font) for label in labels) + 8)
    legend, x, row = [], 8.0, 0
    for name, css in names:
        width = font * 1.4 + text_width(name, font)
        if x > 8 and x + width > frame.width - RIGHT:
            x, row = 8.0, row + 1
        legend.append(LegendItem(_r(x), _r(8 + row * font * 1.5), name, css))
        x += width + font
    top = _r(8 + (row + 1) * font * 1.5 + font * 0.8)
    right, bottom = frame.width - RIGHT, _r(frame.height - font * 1.6 - 8)

    def y(value: float) -> float:
        return _r(bottom - value * (bottom - top) / high)

    ticks = tuple(Tick(y(v), label) for v, label in zip(values, labels, strict=True))
    return _Layout((left, top, right, bottom), y, ticks, tuple(legend))


def _x_ticks(
    labels: Sequence[str], at: Callable[[int], float], band: float, font: int
) -> tuple[Tick, ...]:
    """Category labels, every one when they fit side by side, else every second, third…"""
    needed = max([text_width(label, font) for label in labels] or [0]) + font * 0.6
    every = max(1, math.ceil(needed / band)) if band else 1
    return tuple(Tick(at(n), labels[n]) for n in range(0, len(labels), every))


def income_cost_chart(
    labels: Sequence[str],
    income: Sequence[Decimal],
    cost: Sequence[Decimal],
    title: str,
    description: str,
    names: tuple[str, str] = (CHART_WORDS["income"], CHART_WORDS["cost"]),
    y_label: str = CHART_WORDS["yuan"],
    uses: Sequence[Decimal] = (),
    frame: Frame = WIDE,
) -> Chart:
    """Grouped bars of monthly income and cost (yuan), from zero up. With ``uses`` (the
    owners' decided uses, which are not costs) a third bar of its own colour and legend
    stands beside them, so a transfer never looks like a cost."""
    drawn = [*income, *cost, *uses]
    highest = float(max([*drawn, Decimal(0)]))
    step = nice_step(highest)
    high = max(step, math.ceil(highest / step - 1e-9) * step)
    groups = [(names[0], "income", income), (names[1], "cost", cost)]
    if any(uses):
        groups.append((CHART_WORDS["uses"], "use", uses))
    layout = _layout(frame, high, step, [(name, css) for name, css, _ in groups])
    y = layout.y
    left, _, right, bottom = layout.plot
    band = (right - left) / max(1, len(labels))
    width = band * 0.72 / len(groups)
    series = []
    for n_group, (name, css, values) in enumerate(groups):
        offset = width * (n_group - len(groups) / 2)
        bars = []
        for n, value in enumerate(values):
            x = left + band * (n + 0.5) + offset
            top_y = y(float(value))
            bars.append(Bar(_r(x), top_y, _r(width), _r(bottom - top_y), labels[n], money(value)))
        series.append(Series(name, css, bars=tuple(bars)))
    x_ticks = _x_ticks(labels, lambda n: _r(left + band * (n + 0.5)), band, frame.font)
    return Chart(
        title,
        description,
        frame.width,
        frame.height,
        layout.plot,
        x_ticks,
        layout.y_ticks,
        y_label,
        tuple(series),
        frame.font,
        layout.legend,
    )


def _rate_point(label: str, rate: float) -> str:
    """What a point of a rate line says when pointed at: the month and its rate."""
    return CHART_WORDS["rate_point"].format(label=label, rate=f"{rate:.1f}")


def _runs(values: Sequence[float | None]) -> tuple[tuple[int, ...], ...]:
    """The stretches of consecutive values that are not None, as indexes of the points
    kept (the Nones dropped)."""
    runs: list[list[int]] = []
    kept, previous = 0, None
    for value in values:
        if value is not None:
            if previous is None:
                runs.append([])
            runs[-1].append(kept)
            kept += 1
        previous = value
    return tuple(tuple(run) for run in runs)


def rate_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    title: str,
    description: str,
    y_label: str = CHART_WORDS["on_time"],
    frame: Frame = WIDE,
) -> Chart:
    """Lines of on-time rates (percent) per class of work order, one point a month, on an
    axis from 0 to 100 %: a fall from 99 % to 95 % looks as small as it is. A month
    without a rate (None: nothing of the class received) has no point."""
    high = 100.0
    step = 20.0
    names = [(name, f"line-{n + 1}") for n, name in enumerate(series)]
    layout = _layout(frame, high, step, names)
    y = layout.y
    left, _, right, _ = layout.plot
    count = len(labels)

    def x(n: int) -> float:
        return _r(left + (right - left) * (n + 0.5) / max(1, count))

    lines = tuple(
        Series(
            name,
            f"line-{n + 1}",
            points=tuple(
                (x(i), y(v), _rate_point(labels[i], v))
                for i, v in enumerate(values)
                if v is not None
            ),
            runs=_runs(values),
        )
        for n, (name, values) in enumerate(series.items())
    )
    x_ticks = _x_ticks(labels, x, (right - left) / max(1, count), frame.font)
    return Chart(
        title,
        description,
        frame.width,
        frame.height,
        layout.plot,
        x_ticks,
        layout.y_ticks,
        y_label,
        lines,
        frame.font,
        layout.legend,
    )
