"""One value as staff type it in Excel or WPS, in the spelling the records use.

``normalize_value`` converts a date, year-month, amount, number or integer only when
the reading is certain (``2025/3/5``, ``2025年3月5日``, ``¥1,200.00``, full-width
digits) and otherwise says why not (``3/5/2025`` could be March or May). Used by
``gongshi normalize``; knows nothing of files.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

# How a value is normalized; a column or key has at most one of these kinds.
DATE = "date"
YEARMONTH = "yearmonth"
MONEY = "money"  # a number with exactly two decimals: 1200.00
NUMBER = "number"  # a plain decimal number (e.g. an area in ㎡): grouping removed only
INTEGER = "integer"
KINDS = (DATE, YEARMONTH, MONEY, NUMBER, INTEGER)

# Table Schema has no money type. An amount is a `number` field that must be at least
# one fen (the ledgers' and fund uses' `minimum: 0.01`), or one whose name says it is
# money (dues, fee rates and account balances have `minimum: 0` or none). Other numbers,
# such as areas in ㎡, keep the decimals they were written with.
MONEY_NAMES = frozenset({"amount", "balance", "remitted", "rate", "opening_balance"})
ONE_FEN = Decimal("0.01")

# Stripped from both ends of a cell besides white space (str.strip already covers the
# full-width space U+3000 and NBSP): zero-width characters copied in from web pages.
INVISIBLE = "\u200b\ufeff"


def clean_cell(value: str) -> str:
    """A cell without surrounding white space (full-width included) or invisible marks."""
    return value.strip().strip(INVISIBLE).strip()


Found = tuple[str, dict[str, Any]] | None


def normalize_value(value: str, kind: str | None) -> tuple[str, str | None, Found]:
    """Normalize one cell or YAML value.

    Returns the new value, the category of change (``date``, ``money``... or
    ``cell-space`` when only surrounding spaces went; None when unchanged) and a problem
    as (code, params) when the value looks like a date or number but converting it would
    be a guess; then the value is returned exactly as it was.
    """
    stripped = clean_cell(value)
    space = "cell-space" if stripped != value else None
    if kind is None or not stripped:
        return stripped, space, None
    # Full-width digits, letters and punctuation to ASCII: in typed values only, never
    # in free text, where full-width punctuation is correct Chinese.
    folded = unicodedata.normalize("NFKC", stripped)
    converted, found = _CONVERTERS[kind](folded, stripped)
    if found:
        return value, None, found
    if converted is None or converted == stripped:
        return stripped, space, None
    return converted, kind, None


Converted = tuple[str | None, Found]

_MIDNIGHT = r"(?:\s+0?0:00(?::00)?)?"  # Excel's "2025/3/5 0:00"
_THREE_PARTS = re.compile(r"(\d+)\s*([-/.])\s*(\d+)\s*\2\s*(\d+)" + _MIDNIGHT, re.ASCII)
_CHINESE_DATE = re.compile(r"(\d+)\s*年\s*(\d+)\s*月\s*(\d+)\s*[日号]" + _MIDNIGHT, re.ASCII)
_SERIAL = re.compile(r"\d{1,5}(?:\.\d+)?", re.ASCII)  # Excel stores dates as days since 1900


def _date(folded: str, value: str) -> Converted:
    match = _THREE_PARTS.fullmatch(folded)
    if match:
        first, _, second, third = match.groups()
        if len(first) == 4 and len(second) <= 2 and len(third) <= 2:
            return _checked_date(value, int(first), int(second), int(third))
        if len(third) == 4 and len(first) <= 2 and len(second) <= 2:
            return None, _order_unknown(value, int(third), int(first), int(second))
        if len(first) <= 2 and len(second) <= 2 and len(third) <= 2:
            return None, _two_digit_year(value)
        return None, None
    match = _CHINESE_DATE.fullmatch(folded)
    if match:
        year, month, day = match.groups()
        if len(year) == 4 and len(month) <= 2 and len(day) <= 2:
            return _checked_date(value, int(year), int(month), int(day))
        if len(year) == 2:
            return None, _two_digit_year(value)
        return None, None
    if _SERIAL.fullmatch(folded):
        return None, (
            "normalize-ambiguous-date",
            {
                "value": value,
                "reason": "是一个数字，像是 Excel 内部的日期序号，无法确定是哪一天"
                "（在 WPS/Excel 中把这一列设为日期格式，就能看到真正的日期）",
                "reason_en": "is a plain number, probably Excel's internal date serial, so the "
                "day cannot be told for sure (format the column as a date in WPS/Excel to see it)",
                **_DATE_ADVICE,
            },
        )
    return None, None


_DATE_ADVICE = {
    "advice": "日期请按“四位年份-月-日”写，如 2025年3月5日写成 2025-03-05。",
    "advice_en": "Write dates as four-digit year-month-day, e.g. 5 March 2025 is 2025-03-05.",
}


def _checked_date(value: str, year: int, month: int, day: int) -> Converted:
    try:
        return date(year, month, day).isoformat(), None
    except ValueError:
        pass
    if not 1 <= month <= 12:
        reason, reason_en = f"没有{month}月", f"there is no month {month}"
    elif year < 1:
        reason, reason_en = "没有公元 0 年", "there is no year 0"
    else:
        days = calendar.monthrange(year, month)[1]
        reason = f"{year}年{month}月只有{days}天"
        reason_en = f"{calendar.month_name[month]} {year} has {days} days"
    return None, (
        "normalize-bad-date",
        {"value": value, "reason": reason, "reason_en": reason_en, "expected": "2025-03-05"},
    )


def _order_unknown(value: str, year: int, a: int, b: int) -> tuple[str, dict[str, Any]]:
    """``a/b/year``: month-day (American) or day-month (European) order."""
    readings = []  # (month, day) of each reading that is a real date
    for month, day in ((a, b), (b, a)):
        try:
            date(year, month, day)
        except ValueError:
            continue
        if (month, day) not in readings:
            readings.append((month, day))
    params: dict[str, Any] = {"value": value}
    if len(readings) == 2:
        (m1, d1), (m2, d2) = readings
        params["reason"] = f"无法确定是{m1}月{d1}日还是{m2}月{d2}日"
        params["reason_en"] = (
            f"could be {calendar.month_name[m1]} {d1} or {calendar.month_name[m2]} {d2}"
        )
        params["advice"] = (
            f"日期请按“四位年份-月-日”写，如 {m1}月{d1}日写成 {year:04d}-{m1:02d}-{d1:02d}，"
            f"{m2}月{d2}日写成 {year:04d}-{m2:02d}-{d2:02d}。"
        )
        params["advice_en"] = (
            f"Write dates as four-digit year-month-day: {calendar.month_name[m1]} {d1} is "
            f"{year:04d}-{m1:02d}-{d1:02d}, {calendar.month_name[m2]} {d2} is "
            f"{year:04d}-{m2:02d}-{d2:02d}."
        )
        return "normalize-ambiguous-date", params
    params["reason"] = "不是“年-月-日”的写法（四位年份要写在最前面）"
    params["reason_en"] = "is not written year-month-day (the four-digit year must come first)"
    if readings:
        [(month, day)] = readings
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        params["advice"] = f"日期请按“四位年份-月-日”写，如 {year}年{month}月{day}日写成 {iso}。"
        params["advice_en"] = (
            f"Write dates as four-digit year-month-day, e.g. "
            f"{day} {calendar.month_name[month]} {year} is {iso}."
        )
    else:
        params.update(_DATE_ADVICE)
    return "normalize-ambiguous-date", params


def _two_digit_year(value: str) -> tuple[str, dict[str, Any]]:
    return "normalize-ambiguous-date", {
        "value": value,
        "reason": "年份只有两位，无法确定哪个数是年、哪个是月和日",
        "reason_en": "has a two-digit year, so which number is the year, month or day is unclear",
        **_DATE_ADVICE,
    }


_TWO_PARTS = re.compile(r"(\d+)\s*([-/.])\s*(\d+)", re.ASCII)
_CHINESE_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?", re.ASCII)


def _yearmonth(folded: str, value: str) -> Converted:
    match = _TWO_PARTS.fullmatch(folded)
    if match:
        first, separator, second = match.groups()
        if len(first) == 4 and len(second) <= 2:
            if separator == "." and second == "1":
                # Excel shows the number 2025.10 as 2025.1: January or October?
                return None, (
                    "normalize-ambiguous-date",
                    {
                        "value": value,
                        "reason": f"可能是{first}年1月，"
                        f"也可能是 Excel 把 {first}.10 显示成了 {value}",
                        "reason_en": f"could be January {first}, or Excel showing "
                        f"{first}.10 (October) as {value}",
                        "advice": f"年月请写成“四位年份-两位月份”，如 1月写成 {first}-01，"
                        f"10月写成 {first}-10。",
                        "advice_en": f"Write year-month as e.g. {first}-01 (January) or "
                        f"{first}-10 (October).",
                    },
                )
            return _checked_month(value, int(first), int(second))
        if len(second) == 4 and len(first) <= 2:
            return None, (
                "normalize-ambiguous-date",
                {
                    "value": value,
                    "reason": "不是“年-月”的顺序",
                    "reason_en": "is not in year-month order",
                    "advice": "年月请写成“四位年份-两位月份”，如 2025年3月写成 2025-03。",
                    "advice_en": "Write year-month as e.g. 2025-03 for March 2025.",
                },
            )
        return None, None
    match = _CHINESE_MONTH.fullmatch(folded)
    if match:
        return _checked_month(value, int(match[1]), int(match[2]))
    return None, None


def _checked_month(value: str, year: int, month: int) -> Converted:
    if 1 <= month <= 12 and year >= 1:
        return f"{year:04d}-{month:02d}", None
    return None, (
        "normalize-bad-date",
        {
            "value": value,
            "reason": f"没有{month}月",
            "reason_en": f"there is no month {month}",
            "expected": "2025-03",
        },
    )


_NEGATIVE = re.compile(r"\((.*)\)|-(.*)|(.*)-")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE][+-]?\d+", re.ASCII)
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+", re.ASCII)
_NUMBER_RULES = {
    MONEY: (
        "1200.00",
        "不加 ¥ 和千位逗号，小数点用“.”，写到分",
        "no ¥, no thousands commas, '.' as the decimal point, to the fen",
    ),
    NUMBER: (
        "1200.5",
        "不加千位逗号，小数点用“.”",
        "no thousands commas, '.' as the decimal point",
    ),
    INTEGER: ("1126", "只写数字，不加逗号", "digits only, no commas"),
}


Parts = tuple[str, str | None]  # whole digits, and the decimals (None without a point)


def _number_parts(folded: str, value: str, kind: str) -> tuple[Parts | None, Found]:
    """Split a plain number into its digits, or give the problem that stops it; (None,
    None) when the value does not look like a plain number at all (validate reports it)."""
    text = folded
    if kind == MONEY:
        text = text.removeprefix("¥").removesuffix("元").strip()
        negative = _NEGATIVE.fullmatch(text)
        if negative and any(negative.groups()):
            return None, ("normalize-negative-amount", {"value": value})
    if _SCIENTIFIC.fullmatch(text):
        return None, _ambiguous_number(
            value,
            kind,
            "是科学计数法，Excel 可能已经丢掉了末尾的数字（把这一列设为“数值”格式再导出）",
            "is in scientific notation; Excel may have dropped digits "
            "(format the column as Number and export again)",
        )
    if not re.fullmatch(r"[0-9][0-9,.]*", text):
        return None, None
    whole, point, decimals = text.partition(".")
    if "." in decimals:
        return None, _ambiguous_number(
            value,
            kind,
            "有不止一个“.”，无法确定哪个是小数点",
            "has more than one '.', so which is the decimal point is unclear",
        )
    if "," in decimals:
        return None, _ambiguous_number(
            value,
            kind,
            "同时有“.”和“,”，无法确定哪个是小数点",
            "has both '.' and ',', so which is the decimal point is unclear",
        )
    if "," in whole and not _GROUPED.fullmatch(whole):
        return None, _ambiguous_number(
            value,
            kind,
            "中的逗号不是每三位一个的千位分隔符，可能是小数点，也可能多写或少写了数字",
            "has a comma that is not a thousands separator every three digits; it may be a "
            "decimal comma, or a digit may be missing",
        )
    if point and not decimals:
        return None, None  # "1200." : left for validate to report
    return (whole.replace(",", ""), decimals if point else None), None


def _ambiguous_number(value: str, kind: str, reason: str, reason_en: str) -> tuple[str, dict]:
    expected, rule, rule_en = _NUMBER_RULES[kind]
    return "normalize-ambiguous-number", {
        "value": value,
        "reason": reason,
        "reason_en": reason_en,
        "expected": expected,
        "rule": rule,
        "rule_en": rule_en,
    }


def _money(folded: str, value: str) -> Converted:
    parts, found = _number_parts(folded, value, MONEY)
    if parts is None:
        return None, found
    whole, decimals = parts
    if decimals is not None and len(decimals) > 2:
        hint = hint_en = ""
        if len(decimals) == 3 and "," not in folded:
            # "1.200" may be one thousand two hundred written with a European point.
            as_thousands = f"{Decimal(whole + decimals):.2f}"
            hint = f"如果“.”原本是千位分隔符，请写成 {as_thousands}。"
            hint_en = f" If the '.' is a thousands separator, write {as_thousands}."
        return None, (
            "normalize-money-precision",
            {"value": value, "places": len(decimals), "hint": hint, "hint_en": hint_en},
        )
    amount = Decimal(f"{whole}.{decimals or '0'}").quantize(ONE_FEN)
    return f"{amount:f}", None


def _number(folded: str, value: str) -> Converted:
    parts, found = _number_parts(folded, value, NUMBER)
    if parts is None:
        return None, found
    whole, decimals = parts
    return whole if decimals is None else f"{whole}.{decimals}", None


def _integer(folded: str, value: str) -> Converted:
    parts, found = _number_parts(folded, value, INTEGER)
    if parts is None or parts[1] is not None:
        return None, found  # "12.0" is not a whole number: left for validate to report
    return parts[0], None


_CONVERTERS: dict[str, Callable[[str, str], Converted]] = {
    DATE: _date,
    YEARMONTH: _yearmonth,
    MONEY: _money,
    NUMBER: _number,
    INTEGER: _integer,
}
