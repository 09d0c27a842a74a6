"""One value as staff type it in Excel or WPS, in the spelling the records use.

``normalize_value`` converts a date, moment (a day and a time to the minute),
year-month, amount, number or integer only when the reading is certain (``2025/3/5``,
``2025年3月5日``, ``2025/3/5 9:07``, ``¥1,200.00``, full-width digits) and otherwise says
why not (``3/5/2025`` could be March or May). Used by ``gongshi normalize``; knows
nothing of files.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from builder import messages
from builder.core.numbers import read_number
from builder.core.problems import Problem

# How a value is normalized; a column or key has at most one of these kinds.
DATE = "date"
MOMENT = "moment"  # a day and a time to the minute: YYYY-MM-DD HH:MM (core.requests)
YEARMONTH = "yearmonth"
MONEY = "money"  # a number with exactly two decimals: 1200.00
NUMBER = "number"  # a plain decimal number (e.g. an area in ㎡): grouping removed only
INTEGER = "integer"
KINDS = (DATE, MOMENT, YEARMONTH, MONEY, NUMBER, INTEGER)

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


@dataclass(frozen=True)
class Doubt:
    """A value left as it was because converting it would be a guess.

    Attributes:
        code: the problem's code (``normalize-ambiguous-date``...).
        message, message_en: what the problem says, in Chinese and in English.
    """

    code: str
    message: str
    message_en: str

    def at(self, file: str, line: int, field: str) -> Problem:
        """The problem, at the cell or key the value was found in."""
        return Problem(file, line, field, self.code, self.message, self.message_en)


def _doubt(code: str, **params: Any) -> Doubt:
    return Doubt(code, *messages.render(code, params))


def _words(code: str, **params: Any) -> tuple[str, str]:
    """A reason, advice or rule that a Doubt's message quotes (Chinese, English)."""
    return messages.render(code, params)


def normalize_value(value: str, kind: str | None) -> tuple[str, str | None, Doubt | None]:
    """Normalize one cell or YAML value.

    Returns the new value, the category of change (``date``, ``money``... or
    ``cell-space`` when only surrounding spaces went; None when unchanged) and a Doubt
    when the value looks like a date or number but converting it would be a guess; then
    the value is returned exactly as it was.
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


Converted = tuple[str | None, Doubt | None]

# How staff write dates: these patterns read the data (年 月 日 号 are what is typed in
# a Chinese date, not words shown to anyone).
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
        reason = _words("normalize-reason-date-serial")
        return None, _ambiguous_date(value, reason, _words("normalize-advice-date"))
    return None, None


def _ambiguous_date(value: str, reason: tuple[str, str], advice: tuple[str, str]) -> Doubt:
    return _doubt(
        "normalize-ambiguous-date",
        value=value,
        reason=reason[0],
        reason_en=reason[1],
        advice=advice[0],
        advice_en=advice[1],
    )


def _bad_date(value: str, reason: tuple[str, str], expected: str) -> Doubt:
    return _doubt(
        "normalize-bad-date", value=value, reason=reason[0], reason_en=reason[1], expected=expected
    )


def _checked_date(value: str, year: int, month: int, day: int) -> Converted:
    try:
        return date(year, month, day).isoformat(), None
    except ValueError:
        pass
    if not 1 <= month <= 12:
        reason = _words("normalize-reason-no-month", month=month)
    elif year < 1:
        reason = _words("normalize-reason-no-year-zero")
    else:
        reason = _words(
            "normalize-reason-month-days",
            year=year,
            month=month,
            month_name=calendar.month_name[month],
            days=calendar.monthrange(year, month)[1],
        )
    return None, _bad_date(value, reason, "2025-03-05")


def _order_unknown(value: str, year: int, a: int, b: int) -> Doubt:
    """``a/b/year``: month-day (American) or day-month (European) order."""
    readings = []  # (month, day) of each reading that is a real date
    for month, day in ((a, b), (b, a)):
        try:
            date(year, month, day)
        except ValueError:
            continue
        if (month, day) not in readings:
            readings.append((month, day))
    if len(readings) == 2:
        (m1, d1), (m2, d2) = readings
        name1, name2 = calendar.month_name[m1], calendar.month_name[m2]
        reason = _words(
            "normalize-reason-day-month-order",
            month1=m1, day1=d1, month_name1=name1, month2=m2, day2=d2, month_name2=name2,
        )  # fmt: skip
        advice = _words(
            "normalize-advice-date-readings",
            month1=m1, day1=d1, month_name1=name1, iso1=f"{year:04d}-{m1:02d}-{d1:02d}",
            month2=m2, day2=d2, month_name2=name2, iso2=f"{year:04d}-{m2:02d}-{d2:02d}",
        )  # fmt: skip
        return _ambiguous_date(value, reason, advice)
    reason = _words("normalize-reason-year-not-first")
    if not readings:
        return _ambiguous_date(value, reason, _words("normalize-advice-date"))
    [(month, day)] = readings
    advice = _words(
        "normalize-advice-date-reading",
        year=year,
        month=month,
        day=day,
        month_name=calendar.month_name[month],
        iso=f"{year:04d}-{month:02d}-{day:02d}",
    )
    return _ambiguous_date(value, reason, advice)


def _two_digit_year(value: str) -> Doubt:
    reason = _words("normalize-reason-two-digit-year")
    return _ambiguous_date(value, reason, _words("normalize-advice-date"))


# A moment as staff type it: a date written any way ``_date`` reads, then a time
# (``9:07``, ``09:07:00`` as Excel exports it, or ``9时07分`` in Chinese, a 24-hour
# clock; ``3点20分`` is left alone: in everyday speech it may mean 15:20). The day part
# holds no ":" (so Excel's "0:00" is never read twice) and is parted from the time by a
# space, or follows 日/号 directly (2025年3月5日9:07).
_MOMENT = re.compile(
    r"(?P<day>[^:]*?(?:[日号]\s*|\s+))"
    r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"|(?P<hour_zh>\d{1,2})\s*时\s*(?P<minute_zh>\d{1,2})\s*分)",
    re.ASCII,
)


def _moment(folded: str, value: str) -> Converted:
    if _SERIAL.fullmatch(folded):
        reason = _words("normalize-reason-moment-serial")
        return None, _ambiguous_date(value, reason, _words("normalize-advice-moment"))
    match = _MOMENT.fullmatch(folded)
    if not match:
        return None, None  # a lone date, 上午/下午...: left for validate to report
    day, found = _date(match["day"].strip(), value)
    if day is None:
        return None, found
    hour = int(match["hour"] or match["hour_zh"])
    minute = int(match["minute"] or match["minute_zh"])
    if hour > 23 or minute > 59:
        return None, _doubt("normalize-bad-time", value=value, hour=hour, minute=minute)
    if match["second"] not in (None, "00"):
        moment = f"{day} {hour:02d}:{minute:02d}"
        return None, _doubt("normalize-moment-seconds", value=value, moment=moment)
    return f"{day} {hour:02d}:{minute:02d}", None


_TWO_PARTS = re.compile(r"(\d+)\s*([-/.])\s*(\d+)", re.ASCII)
# A month as typed in Chinese (2025年3月, 2025年3月份): data to read, like the dates above.
_CHINESE_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?", re.ASCII)


def _yearmonth(folded: str, value: str) -> Converted:
    match = _TWO_PARTS.fullmatch(folded)
    if match:
        first, separator, second = match.groups()
        if len(first) == 4 and len(second) <= 2:
            if separator == "." and second == "1":
                # Excel shows the number 2025.10 as 2025.1: January or October?
                reason = _words("normalize-reason-month-or-october", year=first, value=value)
                advice = _words("normalize-advice-month-or-october", year=first)
                return None, _ambiguous_date(value, reason, advice)
            return _checked_month(value, int(first), int(second))
        if len(second) == 4 and len(first) <= 2:
            reason = _words("normalize-reason-month-year-order")
            return None, _ambiguous_date(value, reason, _words("normalize-advice-yearmonth"))
        return None, None
    match = _CHINESE_MONTH.fullmatch(folded)
    if match:
        return _checked_month(value, int(match[1]), int(match[2]))
    return None, None


def _checked_month(value: str, year: int, month: int) -> Converted:
    if 1 <= month <= 12 and year >= 1:
        return f"{year:04d}-{month:02d}", None
    return None, _bad_date(value, _words("normalize-reason-no-month", month=month), "2025-03")


# How staff mark an amount as money: read and removed, never shown.
_YUAN_SIGN, _YUAN = "¥", "元"
_NEGATIVE = re.compile(r"\((.*)\)|-(.*)|(.*)-")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE][+-]?\d+", re.ASCII)
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+", re.ASCII)
# Each kind's example and rule, as a message about a number quotes them.
_NUMBER_RULES = {
    MONEY: ("1200.00", _words("normalize-rule-money")),
    NUMBER: ("1200.5", _words("normalize-rule-number")),
    INTEGER: ("1126", _words("normalize-rule-integer")),
}


Parts = tuple[str, str | None]  # whole digits, and the decimals (None without a point)


def _number_parts(folded: str, value: str, kind: str) -> tuple[Parts | None, Doubt | None]:
    """Split a plain number into its digits, or give the Doubt that stops it; (None,
    None) when the value does not look like a plain number at all (validate reports it)."""
    text = folded
    if kind == MONEY:
        text = text.removeprefix(_YUAN_SIGN).removesuffix(_YUAN).strip()
        negative = _NEGATIVE.fullmatch(text)
        if negative and any(negative.groups()):
            return None, _doubt("normalize-negative-amount", value=value)
    if _SCIENTIFIC.fullmatch(text):
        return None, _ambiguous_number(value, kind, _words("normalize-reason-scientific"))
    if not re.fullmatch(r"[0-9][0-9,.]*", text):
        return None, None
    whole, point, decimals = text.partition(".")
    if "." in decimals:
        return None, _ambiguous_number(value, kind, _words("normalize-reason-points"))
    if "," in decimals:
        return None, _ambiguous_number(value, kind, _words("normalize-reason-point-and-comma"))
    if "," in whole and not _GROUPED.fullmatch(whole):
        return None, _ambiguous_number(value, kind, _words("normalize-reason-comma"))
    if point and not decimals:
        return None, None  # "1200." : left for validate to report
    digits = whole.replace(",", "")
    if read_number(f"{digits}.{decimals}" if point else digits) is None:
        return None, None  # past the number reader's bounds: left for validate to report
    return (digits, decimals if point else None), None


def _ambiguous_number(value: str, kind: str, reason: tuple[str, str]) -> Doubt:
    expected, rule = _NUMBER_RULES[kind]
    return _doubt(
        "normalize-ambiguous-number",
        value=value,
        reason=reason[0],
        reason_en=reason[1],
        expected=expected,
        rule=rule[0],
        rule_en=rule[1],
    )


def _money(folded: str, value: str) -> Converted:
    parts, found = _number_parts(folded, value, MONEY)
    if parts is None:
        return None, found
    whole, decimals = parts
    if decimals is not None and len(decimals) > 2:
        hint = ("", "")
        if len(decimals) == 3 and "," not in folded:
            # "1.200" may be one thousand two hundred written with a European point.
            as_thousands = f"{Decimal(whole + decimals):.2f}"
            hint = _words("normalize-hint-thousands-point", amount=as_thousands)
        return None, _doubt(
            "normalize-money-precision",
            value=value,
            places=len(decimals),
            hint=hint[0],
            hint_en=hint[1],
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
    MOMENT: _moment,
    YEARMONTH: _yearmonth,
    MONEY: _money,
    NUMBER: _number,
    INTEGER: _integer,
}
