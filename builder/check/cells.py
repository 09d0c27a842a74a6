"""Reading the cells of a non-string field: numbers and integers through the one
number reader (``core.numbers``: plain spellings only, finite, bounded — stricter than
Frictionless, whose ``Decimal``/``int`` calls take ``378e2``, ``Infinity`` or ``１２``),
dates and year-months as Frictionless 5 reads them (``datetime.strptime(cell,
"%Y-%m-%d")``, the ``year-month`` split); each distinct cell once, then ``minimum``,
``maximum`` and ``enum`` checked over whole arrays. The Frictionless path applies the
same readers to the cells it checks (``refused_cells``), so both paths agree."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np

from builder.check.arrays import is_in, is_none
from builder.core.numbers import (
    MAX_FRACTION_DIGITS,
    MAX_INTEGER_DIGITS,
    read_integer,
    read_number,
)
from builder.core.schema import Field, TableSchema

STRING_CONSTRAINTS = ("required", "minLength", "maxLength", "pattern", "enum")
# Types read cell by cell (once per distinct cell), and what they may be checked for.
CAST_TYPES = ("integer", "number", "date", "yearmonth")
CAST_CONSTRAINTS = (
    "required",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "enum",
)


class YearMonth(NamedTuple):
    """Frictionless's ``yearmonth`` value (a named tuple: equal to its Frictionless twin)."""

    year: int
    month: int


# YYYY-MM-DD in ASCII digits: what strptime("%Y-%m-%d") and date.fromisoformat agree on.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _read_date(cell: Any) -> date | None:
    if isinstance(cell, datetime):
        return cell.date() if cell.time() == datetime.min.time() else None
    if isinstance(cell, date):
        return cell
    if not isinstance(cell, str):
        return None
    try:
        if _ISO_DAY.fullmatch(cell):  # the usual spelling: read some 20 times quicker
            return date.fromisoformat(cell)
        return datetime.strptime(cell, "%Y-%m-%d").date()
    except ValueError:
        return None


def _read_yearmonth(cell: Any) -> YearMonth | None:
    if isinstance(cell, (tuple, list)):
        return YearMonth(*cell) if len(cell) == 2 else None
    if not isinstance(cell, str):
        return None
    try:
        year, month = cell.split("-")
        value = YearMonth(int(year), int(month))
    except ValueError:
        return None
    return value if 1 <= value.month <= 12 else None


READERS: dict[str, Callable[[Any], Any]] = {
    "integer": read_integer,
    "number": read_number,
    "date": _read_date,
    "yearmonth": _read_yearmonth,
}
BOUNDS = {
    "minimum": operator.ge,
    "maximum": operator.le,
    "exclusiveMinimum": operator.gt,
    "exclusiveMaximum": operator.lt,
}


# The plain call, for a column whose every cell the joined-text pattern below proves
# plain and inside the caps: there it gives exactly what the reader gives, at C speed
# (a million-row ledger). Any other column (padding, a word, an exponent) is read cell
# by cell.
_BULK: dict[str, Callable[[str], Any]] = {"number": Decimal, "integer": int}
_DIGITS, _PLACES = f"{{1,{MAX_INTEGER_DIGITS}}}", f"{{0,{MAX_FRACTION_DIGITS}}}"
_CELL = {
    "number": rf"[+-]?(?:[0-9]{_DIGITS}(?:\.[0-9]{_PLACES})?|\.[0-9]{{1,{MAX_FRACTION_DIGITS}}})",
    "integer": rf"[+-]?[0-9]{_DIGITS}",
}
_ALL_PLAIN = {kind: re.compile(rf"{cell}(?:\x00{cell})*") for kind, cell in _CELL.items()}


def read_cells(spec: Field, cells: list[Any]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Read distinct cells of a non-string field: their values (None when missing or
    unreadable) and, by check ("type" or a constraint's name), which cells fail it.
    The comparisons run over whole arrays (NumPy calls each value's own operator)."""
    kind, constraints = spec.type, spec.constraints
    read = READERS[kind]
    array = np.fromiter(cells, dtype=object, count=len(cells))  # a tuple stays one value
    missing = is_none(array) | np.equal(array, "")
    given = array[~missing]
    values = np.full(len(cells), None, dtype=object)
    values[~missing] = _read_all(kind, given)
    unread = ~missing & is_none(values)
    failures = {"type": unread}
    if constraints.get("required"):
        failures["required"] = missing
    checked = np.flatnonzero(~missing & ~unread)
    sub = values[checked]
    comparable = np.equal(sub, sub)  # NaN is not equal to itself and fails every bound
    for name, compare in BOUNDS.items():
        if name in constraints:
            limit = read(constraints[name])
            ok = np.zeros(len(sub), dtype=bool)
            if isinstance(limit, tuple):  # a yearmonth: NumPy would spread the tuple
                ok[comparable] = [compare(v, limit) for v in sub[comparable]]
            else:
                ok[comparable] = compare(sub[comparable], limit).astype(bool)
            failures[name] = _spread(checked, ~ok, len(cells))
    if "enum" in constraints:
        allowed = [read(v) for v in constraints["enum"]]
        ok = is_in(sub, allowed)
        failures["enum"] = _spread(checked, ~ok, len(cells))
    return values, failures


def _read_all(kind: str, given: np.ndarray) -> np.ndarray:
    """The values of present cells: in bulk where the plain call is safe (see _BULK),
    else one by one through the reader."""
    read = READERS[kind]
    bulk = _BULK.get(kind)
    try:
        # join also proves all are text.
        if bulk is None or not _ALL_PLAIN[kind].fullmatch("\x00".join(given)):
            raise ValueError
        return np.fromiter(map(bulk, given), dtype=object, count=len(given))
    except (ValueError, TypeError, ArithmeticError):
        return np.fromiter(map(read, given), dtype=object, count=len(given))


def _spread(positions: np.ndarray, flags: np.ndarray, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[positions[flags]] = True
    return mask


def refused_cells(schema: TableSchema, cells: list[Any]) -> dict[str, Any]:
    """The number and integer cells of one row (in the schema's field order) that the
    one number reader refuses, by field name: the Frictionless path blanks them before
    Frictionless reads the row and reports each as a type error, as the fast path
    does (Frictionless itself takes ``378e2`` or ``Infinity``, and fails on ``sNaN``).
    A schema's missing values are left to Frictionless, and so are fields written in
    a syntax of their own (``refused_values`` checks what Frictionless reads there)."""
    missing = schema.descriptor.get("missingValues", [""])
    refused = {}
    for spec, raw, cell in zip(schema.fields, _raw_fields(schema), cells, strict=True):
        if spec.type not in ("number", "integer") or cell is None or cell in missing:
            continue
        if not _own_syntax(raw) and READERS[spec.type](cell) is None:
            refused[spec.name] = cell
    return refused


def refused_values(schema: TableSchema, values: dict[str, Any]) -> list[str]:
    """The fields written in a syntax of their own (``bareNumber: false``,
    ``groupChar``, ``decimalChar``) whose value, as Frictionless read it, the number
    reader refuses: not finite, or out of its bounds."""
    return [
        spec.name
        for spec, raw in zip(schema.fields, _raw_fields(schema), strict=True)
        if spec.type in ("number", "integer")
        and _own_syntax(raw)
        and values.get(spec.name) is not None
        and READERS[spec.type](values[spec.name]) is None
    ]


def _raw_fields(schema: TableSchema) -> list[Any]:
    raw = schema.descriptor.get("fields")
    return (
        raw
        if isinstance(raw, list) and len(raw) == len(schema.fields)
        else [{}] * len(schema.fields)
    )


def _own_syntax(raw: Any) -> bool:
    return isinstance(raw, dict) and (
        raw.get("bareNumber") is False or "groupChar" in raw or "decimalChar" in raw
    )
