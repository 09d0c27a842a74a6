"""Charts drawn for the screen they are on: text of 12 CSS px or more on a 360 px phone
(larger with 大字), Chinese-only words, amounts and rates from zero; and public phone
numbers in staff text found for tap-to-call links."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from builder.site import charts
from builder.site.templating import phone_parts

# A 360 px phone shows the text column 333 px wide; a chart's box takes 11 px of it.
PHONE_CHART_WIDTH = 360 - 2 * 13.5 - 11


def _shown_font(frame: charts.Frame, room: float) -> float:
    return frame.font * min(1.0, room / frame.width)


def test_phone_and_large_text_drawings_keep_text_at_12px_or_more():
    assert _shown_font(charts.NARROW, PHONE_CHART_WIDTH) >= 12
    assert _shown_font(charts.NARROW, 320 - 2 * 13.5 - 11) >= 12  # a 320 px phone too
    # 大字: the text column narrows (22 px root), the text is still larger
    assert _shown_font(charts.LARGE, 360 - 2 * 16.5 - 11) > _shown_font(
        charts.NARROW, PHONE_CHART_WIDTH
    )
    # the wide drawing is shown only above 640 px, at 590 px or more
    assert _shown_font(charts.WIDE, 590) >= 12


@pytest.mark.parametrize("frame", charts.FRAMES, ids=lambda f: f.name or "wide")
def test_bars_start_from_zero_with_chinese_words_and_fitting_labels(frame):
    months = [f"{m}月" for m in range(1, 13)]
    chart = charts.income_cost_chart(
        months,
        [Decimal("12430.30")] * 12,
        [Decimal("2000")] * 12,
        "t",
        "d",
        uses=[Decimal(0)] * 11 + [Decimal("50000")],
        frame=frame,
    )
    assert chart.y_ticks[0].label == "0"
    words = [chart.y_label, *(item.name for item in chart.legend)]
    assert words == ["金额（元）", "收入", "合理成本", "业主决定的使用"]
    assert not any(re.search("[A-Za-z]", w) for w in words)
    # every legend entry inside the drawing, below it the plot
    for item in chart.legend:
        assert item.x + frame.font * 1.4 + charts.text_width(item.name, frame.font) <= frame.width
        assert item.y + frame.font <= chart.plot[1]
    # month labels never overlap: the gap between two shown labels holds the widest
    step = chart.x_ticks[1].at - chart.x_ticks[0].at
    assert step >= charts.text_width("12月", frame.font)


def test_rates_are_drawn_from_zero_to_100_percent():
    chart = charts.rate_chart(["2025-01", "2025-02"], {"紧急到场": [97.0, 99.5]}, "t", "d")
    assert [t.label for t in chart.y_ticks] == ["0", "20", "40", "60", "80", "100"]
    point_y = chart.series[0].points[0][1]
    top, bottom = chart.plot[1], chart.plot[3]
    assert point_y == pytest.approx(bottom - 0.97 * (bottom - top), abs=0.1)


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("青禾苑会所一楼党群服务站，电话 0123-8816 5107（工作日 9:00—17:00）", ["012388165107"]),
        ("0123-8816 5120", ["012388165120"]),
        ("热线 010-12345678 或 400-123-4567", ["01012345678", "4001234567"]),
        ("2023-06-18 通过，编号 JY-2023-01，面积 112846.35", []),
        ("或拨打 12345", ["12345"]),
        ("Call 0123-8816 5120.", ["012388165120"]),
        ("12345.67 元，第 123456 号，2012-12345", []),
    ],
)
def test_public_phone_numbers_are_found_for_tap_to_call(text, numbers):
    parts = phone_parts(text)
    assert "".join(shown for shown, _ in parts) == text  # nothing lost or reordered
    assert [dial for _, dial in parts if dial] == numbers
