"""Reading the cells of a non-string field as Frictionless 5 reads them: the same
Python calls (``int(cell.strip())``, ``Decimal(cell.strip())``,
``datetime.strptime(cell, "%Y-%m-%d")``, the ``year-month`` split), once per distinct
cell, then ``minimum``, ``maximum`` and ``enum`` checked over whole arrays."""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np

from builder.check.arrays import is_in, is_none
from builder.core.schema import Field

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


def _read_integer(cell: Any) -> int | None:
    if isinstance(cell, str):
        try:
            return int(cell.strip())
        except ValueError:
            return None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, Decimal) and cell % 1 == 0:
        return int(cell)
    return None


def _read_number(cell: Any) -> Decimal | int | None:
    if isinstance(cell, str):
        try:
            value = Decimal(cell.strip())
        except ArithmeticError:
            return None
        # A signalling NaN raises on any comparison (Frictionless itself crashes on
        # it); as a figure staff meant it is unreadable, so it is a type error here.
        return None if value.is_snan() else value
    if isinstance(cell, Decimal):
        return cell
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return Decimal(str(cell))
    return None


def _read_date(cell: Any) -> date | None:
    if isinstance(cell, datetime):
        return cell.date() if cell.time() == datetime.min.time() else None
    if isinstance(cell, date):
        return cell
    if not isinstance(cell, str):
        return None
    try:
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
    "integer": _read_integer,
    "number": _read_number,
    "date": _read_date,
    "yearmonth": _read_yearmonth,
}
BOUNDS = {
    "minimum": operator.ge,
    "maximum": operator.le,
    "exclusiveMinimum": operator.gt,
    "exclusiveMaximum": operator.lt,
}


# The same call without the strip: these accept and strip surrounding whitespace
# themselves, so where they succeed they give what Frictionless's strip-then-call
# gives; where they fail (a character str.strip() removes and they do not) the
# column is read cell by cell as Frictionless reads it.
_BULK: dict[str, Callable[[str], Any]] = {"number": Decimal, "integer": int}


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
    else one by one exactly as Frictionless reads them."""
    read = READERS[kind]
    bulk = _BULK.get(kind)
    try:
        # "sNaN" must go one by one (_read_number); join also proves all are text.
        if bulk is None or "snan" in "\x00".join(given).lower():
            raise ValueError
        return np.fromiter(map(bulk, given), dtype=object, count=len(given))
    except (ValueError, TypeError, ArithmeticError):
        return np.fromiter(map(read, given), dtype=object, count=len(given))


def _spread(positions: np.ndarray, flags: np.ndarray, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[positions[flags]] = True
    return mask
