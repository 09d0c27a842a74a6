"""SVG charts drawn at build time with matplotlib.

Text stays text (``svg.fonttype: none``) so Chinese is drawn in the reader's own fonts;
a fixed hash salt and no date make the bytes repeatable. Layout is measured with
matplotlib's bundled DejaVu Sans on every machine (it has no CJK glyphs, hence the
silenced warnings), so the output does not depend on which fonts a machine has.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from decimal import Decimal

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt

STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "gongshi",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.labelcolor": "#1a1a1a",
    "xtick.color": "#1a1a1a",
    "ytick.color": "#1a1a1a",
}
INCOME = "#0b6e4f"
COST = "#9e1b1b"
PALETTE = ("#0b4f9c", "#0b6e4f", "#9e1b1b", "#6b4c00")


def _svg(fig, title: str, description: str) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            metadata={
                "Date": None,
                "Title": title,
                "Description": description,
                "Creator": "gongshi",
            },
        )
    plt.close(fig)
    return buffer.getvalue()


def income_cost_chart(
    labels: Sequence[str],
    income: Sequence[Decimal],
    cost: Sequence[Decimal],
    title: str,
    description: str,
) -> bytes:
    """Grouped bars of monthly income and cost (yuan)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.2, 3.4))
        positions = range(len(labels))
        width = 0.4
        ax.bar(
            [p - width / 2 for p in positions],
            [float(v) for v in income],
            width,
            label="收入 income",
            color=INCOME,
        )
        ax.bar(
            [p + width / 2 for p in positions],
            [float(v) for v in cost],
            width,
            label="成本 cost",
            color=COST,
        )
        ax.set_xticks(list(positions), labels)
        ax.set_ylabel("元 yuan")
        ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        ax.legend(frameon=False, loc="upper left", ncols=2)
        ax.grid(axis="y", color="#dddddd")
        ax.set_axisbelow(True)
        return _svg(fig, title, description)


def rate_chart(
    labels: Sequence[str], series: dict[str, Sequence[float]], title: str, description: str
) -> bytes:
    """Lines of on-time rates (percent) per class of work order."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.2, 3.4))
        for (name, values), color in zip(series.items(), PALETTE, strict=False):
            ax.plot(range(len(labels)), values, marker="o", markersize=3, label=name, color=color)
        step = max(1, len(labels) // 8)
        ax.set_xticks(
            list(range(0, len(labels), step)), [labels[i] for i in range(0, len(labels), step)]
        )
        ax.set_ylim(min([80, *(min(v) for v in series.values() if v)]) - 2, 101)
        ax.set_ylabel("按时办结率 %")
        if series:
            ax.legend(frameon=False, loc="lower left", ncols=2, fontsize=9)
        ax.grid(axis="y", color="#dddddd")
        return _svg(fig, title, description)
