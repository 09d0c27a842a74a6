"""How money and dates are written for people: on pages, in messages, in summaries.

The one home of these forms, so a page, a pull-request summary and an error message
never show the same amount two ways. Pure functions, no I/O.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from builder.messages.site import DATE_ZH

CENT = Decimal("0.01")
MISSING = "—"  # what a page shows where a figure or date is absent
MINUS = "\u2212"  # the minus sign (not a hyphen) before a decrease


def money(value: Decimal | int | None, grouping: bool = True) -> str:
    """An amount as pages show it: two decimals, thousands grouped unless
    ``grouping`` is False (``1,200.00``); ``—`` for no amount."""
    if value is None:
        return MISSING
    value = Decimal(value).quantize(CENT)
    return f"{value:,.2f}" if grouping else f"{value:.2f}"


def money_exact(value: Decimal) -> str:
    """An amount as staff write it, for messages about their records: two decimals, no
    grouping, and every digit of an amount that is not a whole number of fen (never
    rounded away: ``0.005`` is the very thing a message may be about)."""
    if not value.is_finite():
        return str(value)
    return f"{value.quantize(CENT):.2f}" if value == value.quantize(CENT) else str(value)


def signed_money(value: Decimal) -> str:
    """A change of an amount, as a comparison shows it: ``+1,200.00``, ``−86.50``, or
    ``0.00`` for no change."""
    if not value:
        return "0.00"
    return ("+" if value > 0 else MINUS) + money(abs(value))


def quantity(value: Decimal | int) -> str:
    """A count that may have a fraction (hours, points) as pages show it: exact, without
    trailing zeros or an exponent (``12.5``, ``300``)."""
    value = Decimal(value)
    return f"{value.normalize():f}" if value else "0"


def date_zh(value: date | None) -> str:
    """A date in the Chinese form, ``2025年6月9日`` (no leading zeros); ``—`` for none."""
    return DATE_ZH.format(year=value.year, month=value.month, day=value.day) if value else MISSING
