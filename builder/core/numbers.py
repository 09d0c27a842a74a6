"""The one reader of the numbers staff type: every number and integer cell of a table
(on both check paths) and every numeric setting passes through here before any
arithmetic.

A number is accepted only in its plain spelling — an optional sign, ASCII digits, an
optional decimal point — with at most ``MAX_INTEGER_DIGITS`` digits before the point and
``MAX_FRACTION_DIGITS`` after it. Refused, although Python's ``Decimal``/``int`` and
Frictionless read them: exponents (``378e2``, ``1e99999999``), ``Infinity``/``inf``,
``NaN``/``sNaN``, underscores (``1_000``), full-width or other non-ASCII digits
(``１２``, ``⑦``), hexadecimal. Why:

- the published CSVs carry staff's values as checked, so the source spelling must
  already be the plain one an auditor re-adds by hand or in a spreadsheet (``378e2``
  was published as ``37800``);
- exponents and the non-finite words are how the hang and overflow inputs got in:
  ``1e99999999`` reads in an instant and then hangs ``quantize``, ``inf`` crashes
  the vote arithmetic, ``1e30`` overflows the context of the precision check.

The caps: 15 digits before the point is Excel's precision (a spreadsheet silently
changes a 16th significant digit), a thousand times any real amount in yuan or area in
square metres, and keeps an amount in fen (at most 17 digits) well inside ``int64``
and ``Decimal``'s 28-digit context, so sums of millions of rows stay exact. 6 digits
after the point take any unit price (0.5880 元/度) or area (to the square millimetre),
and keep a share of two figures (``part * 100 / whole``, at most 15 + 2 + 6 digits
before the point) inside that context when it is rounded to 0.01%. The text is
measured before it is converted, so a 100,000-digit cell costs one scan, never a
conversion.

YAML scalars stay text in gongshi (``load.documents``); ``int``, ``float`` and
``Decimal`` values (inline data, Frictionless's own YAML reading) are accepted when they
are finite and inside the same caps.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 6
# Digits are ASCII only ([0-9], not \d: \d takes "١٢" and "１２").
_NUMBER = re.compile(r"[+-]?(?P<whole>[0-9]*)(?:\.(?P<fraction>[0-9]*))?")
_INTEGER = re.compile(r"[+-]?(?P<whole>[0-9]+)")
# Longest plain text within the caps: sign, digits, point, digits.
_LONGEST = 1 + MAX_INTEGER_DIGITS + 1 + MAX_FRACTION_DIGITS
_SPELLING = re.compile(
    r"[+-]?(?:[0-9０-９_]+(?:[.．][0-9０-９_]*)?|[.．][0-9０-９_]+)(?:[eE][+-]?[0-9]+)?"
)


def read_number(cell: Any) -> Decimal | None:
    """A number cell's value, or None when it is not a plain, finite, bounded number."""
    if isinstance(cell, str):
        text = cell.strip()
        if len(text) > _LONGEST:
            return None
        match = _NUMBER.fullmatch(text)
        if match is None or not (match["whole"] or match["fraction"]):
            return None
        if len(match["whole"]) > MAX_INTEGER_DIGITS:
            return None
        if len(match["fraction"] or "") > MAX_FRACTION_DIGITS:
            return None
        return Decimal(text)
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float, Decimal)):
        return _bounded(cell)
    return None


def read_integer(cell: Any) -> int | None:
    """An integer cell's value, or None when it is not a plain, bounded whole number."""
    if isinstance(cell, str):
        text = cell.strip()
        if len(text) > 1 + MAX_INTEGER_DIGITS:
            return None
        match = _INTEGER.fullmatch(text)
        return int(text) if match and len(match["whole"]) <= MAX_INTEGER_DIGITS else None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float, Decimal)):
        value = _bounded(cell)
        return int(value) if value is not None and value == value.to_integral_value() else None
    return None


def _bounded(value: int | float | Decimal) -> Decimal | None:
    """A number given as a value (not text) as a Decimal, when finite and in the caps."""
    if isinstance(value, int) and abs(value) >= 10**MAX_INTEGER_DIGITS:
        return None  # also spares str() of a huge int
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        return None
    if number and number.adjusted() >= MAX_INTEGER_DIGITS:
        return None
    if number.as_tuple().exponent < -MAX_FRACTION_DIGITS:  # type: ignore[operator]
        return None
    return number


def past_bounds(cell: Any) -> bool:
    """Is ``cell`` a number in the plain spelling, only with more digits than the caps
    allow (so the reader refused its size, not its spelling)?"""
    if not isinstance(cell, str):
        return False
    match = _NUMBER.fullmatch(cell.strip())
    return bool(match and (match["whole"] or match["fraction"])) and read_number(cell) is None


def plain_spelling(cell: Any, kind: str) -> str | None:
    """How to write a refused cell plainly, when it is a number in another spelling
    (``378e2`` -> ``37800.00``, ``１２`` -> ``12``, ``1_000`` -> ``1000``); None
    when there is no such number (``Infinity``, ``12元``) or it is out of bounds.
    ``kind`` is the field's type: a number is shown with at least two decimals (how
    money and areas are written here), an integer without."""
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    if len(text) > _LONGEST + 8 or not _SPELLING.fullmatch(text):
        return None
    ascii_text = text.translate(_WIDE).replace("_", "")
    exponent = ascii_text.lower().partition("e")[2]
    if exponent and abs(int(exponent)) > MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS:
        return None  # checked before Decimal scales it: 1e99999999 is never expanded
    try:
        value = Decimal(ascii_text)
    except ArithmeticError:
        return None
    if kind == "integer":
        if value != value.to_integral_value():
            return None
        written = str(int(value))
        return written if read_integer(written) is not None else None
    if read_number(f"{value:f}") is None:
        return None
    places = -value.as_tuple().exponent  # type: ignore[operator]
    return f"{value:.{max(places, 2)}f}"


_WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")


AREA_STEP = Decimal("0.01")  # an area in m² is exact to 0.01, as an amount is to the fen


def finer_than(value: Decimal, step: Decimal) -> bool:
    """Whether ``value`` has a digit below ``step``: 35000.004 is finer than 0.01 (an
    area is exact to 0.01 ㎡ as an amount is to the fen)."""
    return value != value.quantize(step)
