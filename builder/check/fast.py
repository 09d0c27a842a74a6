"""The fast path of stage 2: Table Schema checks on whole columns (NumPy arrays)
instead of row by row, with Frictionless kept as the reference.

Non-string cells are read once per distinct value (a ledger's dates and amounts
repeat) by the same Python calls Frictionless 5 makes — ``int(cell.strip())``,
``Decimal(cell.strip())``, ``datetime.strptime(cell, "%Y-%m-%d")``, ``year-month``
split —, then checked against ``minimum``, ``maximum`` and ``enum`` as Frictionless
does. String fields, the bulk of the cells, get vectorized equivalents of
``required``, ``minLength``, ``maxLength``, ``pattern`` (anchored ``^…$``,
``re.match``) and ``enum``. Primary and foreign keys follow Frictionless's row-stream
rules (see ``TableCheck``). ``fast_path_gap`` names anything else a schema uses; such a resource
is checked by Frictionless instead, so no check is ever skipped. The differential
tests (tests/test_fast_path.py) hold the two paths to the same report.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np

from builder.load.files import Chunk

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
FIELD_KEYS = {"name", "title", "description", "type", "format", "constraints", "example"}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues", "title", "description"}


@dataclass
class SchemaError:
    """One Table Schema error, whichever path found it.

    Attributes:
        kind: "type-error", "constraint-error", "primary-key" or "foreign-key".
        index: the row's index in its table.
        field: the field the error is about (the first key field for key errors).
        cell: the cell as read.
        constraint: for constraint errors, the constraint's name.
        other_index: for primary keys, the earlier row with the same key (None when
            the key's cells are all empty).
        cells: the row's cells as text, by field name (key errors quote them).
    """

    kind: str
    index: int
    field: str | None
    cell: str = ""
    constraint: str = ""
    other_index: int | None = None
    cells: dict[str, str] = field(default_factory=dict)


def fast_path_gap(schema: dict) -> str | None:
    """Why the fast path cannot check this Table Schema, or None when it covers it all.

    None also means the descriptor is well formed as far as the fast path relies on it
    (names, constraint values, keys); anything else, odd or unknown, is a gap, and
    Frictionless then both judges the descriptor and checks the table.
    """
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return "no list of fields"
    if set(schema) - SCHEMA_KEYS:
        return f"schema keys {sorted(set(schema) - SCHEMA_KEYS)}"
    if schema.get("missingValues", [""]) != [""]:
        return "missingValues other than the default"
    names = [spec.get("name") if isinstance(spec, dict) else None for spec in schema["fields"]]
    if not all(isinstance(n, str) and n for n in names) or len(set(names)) != len(names):
        return "field names missing or repeated"
    for spec in schema["fields"]:
        gap = _field_gap(spec)
        if gap:
            return f"field {spec['name']}: {gap}"
    if not _names_in(schema.get("primaryKey", []), names):
        return "primaryKey names no field of the table"
    for fk in schema.get("foreignKeys", []):
        reference = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(reference, dict) or not reference.get("resource"):
            return "a foreign key into the same resource, or without a reference"
        fields = fk.get("fields")
        fields = [fields] if isinstance(fields, str) else fields
        targets = reference.get("fields")
        targets = [targets] if isinstance(targets, str) else targets
        if not _names_in(fields, names) or not isinstance(targets, list):
            return "a foreign key names no field of the table"
        if len(fields) != len(targets) or not all(isinstance(t, str) for t in targets):
            return "a foreign key's fields and reference fields differ"
    return None


def _field_gap(spec: dict) -> str | None:
    kind, constraints = spec.get("type"), spec.get("constraints", {})
    if set(spec) - FIELD_KEYS:
        return f"{sorted(set(spec) - FIELD_KEYS)}"
    if spec.get("format", "default") != "default":
        return f"format {spec['format']}"
    if kind != "string" and kind not in CAST_TYPES:
        return f"type {kind}"
    if not isinstance(constraints, dict):
        return "constraints that are not a mapping"
    allowed = STRING_CONSTRAINTS if kind == "string" else CAST_CONSTRAINTS
    extra = set(constraints) - set(allowed)
    if extra:
        return f"constraints {sorted(extra)}"
    for name, value in constraints.items():
        if name == "required" and not isinstance(value, bool):
            return "required that is not true or false"
        if name in ("minLength", "maxLength") and (type(value) is not int or value < 0):
            return f"{name} that is not a count"
        if name == "pattern":
            try:
                re.compile(f"^{value}$")
            except (re.error, TypeError):
                return "a pattern that is no regular expression"
        if name == "enum" and not (isinstance(value, list) and value):
            return "an enum that is no list"
        if name in BOUNDS and READERS[kind](value) is None:
            return f"{name} that is no {kind}"
    return None


def _names_in(key: Any, names: list[str]) -> bool:
    key = [key] if isinstance(key, str) else key
    return isinstance(key, list) and all(k in names for k in key)


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


def read_cells(spec: dict, cells: list[Any]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Read distinct cells of a non-string field: their values (None when missing or
    unreadable) and, by check ("type" or a constraint's name), which cells fail it.
    The comparisons run over whole arrays (NumPy calls each value's own operator)."""
    kind, constraints = spec["type"], spec.get("constraints", {})
    read = READERS[kind]
    array = np.fromiter(cells, dtype=object, count=len(cells))  # a tuple stays one value
    missing = np.equal(array, None) | np.equal(array, "")
    given = array[~missing]
    values = np.full(len(cells), None, dtype=object)
    values[~missing] = _read_all(kind, given)
    unread = ~missing & np.equal(values, None)
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


class TableCheck:
    """Check one table, a chunk of rows at a time, as Frictionless's row stream would.

    ``check`` takes a chunk (columns in schema order, raw cells, the table's row
    indexes as the frame's index) and returns its cell errors, typed values and which
    rows are valid so far. ``finish`` then gives the primary-key errors, which need
    every chunk: Frictionless reports each repeated key against the row before it
    with the same key, and a key whose cells are all empty as an error of its own.
    ``lookups`` holds, per referenced resource, the typed key tuples of its rows.
    """

    def __init__(self, schema: dict, lookups: dict[str, set[tuple]]) -> None:
        self.specs = {f["name"]: f for f in schema["fields"]}
        self.patterns = {
            name: re.compile(f"^{spec['constraints']['pattern']}$")
            for name, spec in self.specs.items()
            if spec.get("type") == "string" and "pattern" in spec.get("constraints", {})
        }
        self.primary_key = list(schema.get("primaryKey", []))
        self.foreign_keys = [
            (
                list(fk["fields"]) if isinstance(fk["fields"], list) else [fk["fields"]],
                lookups.get(fk["reference"]["resource"]),
            )
            for fk in schema.get("foreignKeys", [])
        ]
        # Keys as bytes, not Python strings: a million vouchers take 15 MB, not 70.
        self._keys: list[np.ndarray] = []
        self._key_index: list[np.ndarray] = []
        # The cells of a repeated key are quoted in its message. For text keys they are
        # the key itself; other keys keep their cells as read, too.
        self._text_key = all(self.specs[k].get("type") == "string" for k in self.primary_key)
        self._raw_keys: list[list[np.ndarray]] = []
        self._empty_keys: list[tuple[int, dict[str, str]]] = []
        # The last chunk's text key as bytes, when it holds every row's: a collector
        # may keep the same array (a ledger's vouchers) instead of packing it again.
        self.packed_key: np.ndarray | None = None

    # -- cells ---------------------------------------------------------------------

    def check(
        self, frame: Chunk, text_only: bool = False
    ) -> tuple[list[SchemaError], dict[str, np.ndarray], np.ndarray]:
        """Check a chunk: its errors, its typed values by field (plain object arrays:
        a DataFrame would turn None into NaN) and which rows are valid so far.
        ``text_only`` promises every cell is a string (a CSV file), which spares
        looking for YAML lists or mappings among the cells."""
        index = frame.index
        errors: list[SchemaError] = []
        typed: dict[str, np.ndarray] = {}
        bad = np.zeros(len(frame), dtype=bool)
        for name, spec in self.specs.items():
            cells = frame.columns[name]
            if spec["type"] == "string":
                values, found = self._check_strings(spec, cells, text_only)
            else:
                values, found = self._cast(name, cells, text_only)
            typed[name] = values
            for position, kind, constraint in found:
                bad[position] = True
                errors.append(
                    SchemaError(
                        kind, int(index[position]), name, _text(cells[position]), constraint
                    )
                )
        if self.primary_key:
            self._remember_keys(frame, typed, index)
        for fields, lookup in self.foreign_keys:
            if lookup is None:
                continue
            for position in _missing_from(fields, typed, lookup):
                bad[position] = True
                errors.append(
                    SchemaError(
                        "foreign-key",
                        int(index[position]),
                        fields[0],
                        _text(frame.columns[fields[0]][position]),
                        cells={f: _text(frame.columns[f][position]) for f in fields},
                    )
                )
        return errors, typed, ~bad

    def _check_strings(
        self, spec: dict, cells: np.ndarray, text_only: bool
    ) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
        name, constraints = spec["name"], spec.get("constraints", {})
        if text_only:  # a CSV cell is never None
            is_none = np.zeros(len(cells), dtype=bool)
            is_text = ~is_none
        else:
            is_none = np.equal(cells, None)
            is_text = np.fromiter((isinstance(c, str) for c in cells), bool, count=len(cells))
        missing = is_none | (cells == "")
        wrong_type = ~is_text & ~is_none
        values = np.where(missing | wrong_type, None, cells)
        found: list[tuple[int, str, str]] = [
            (p, "type-error", "") for p in np.flatnonzero(wrong_type)
        ]
        present = np.flatnonzero(is_text & ~missing)
        text = cells[present]
        if constraints.get("required"):
            found += [(p, "constraint-error", "required") for p in np.flatnonzero(missing)]
        if "minLength" in constraints or "maxLength" in constraints:
            lengths = np.fromiter(map(len, text), dtype=np.int64, count=len(text))
            if "minLength" in constraints:
                found += _flag(present, lengths < constraints["minLength"], "minLength")
            if "maxLength" in constraints:
                found += _flag(present, lengths > constraints["maxLength"], "maxLength")
        if name in self.patterns:
            match = self.patterns[name].match
            failed = np.fromiter((match(t) is None for t in text), dtype=bool, count=len(text))
            found += _flag(present, failed, "pattern")
        if "enum" in constraints:
            allowed = [v if isinstance(v, str) else None for v in constraints["enum"]]
            found += _flag(present, ~is_in(text, allowed), "enum")
        return values, found

    def _cast(
        self, name: str, cells: np.ndarray, text_only: bool
    ) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
        """Read each distinct cell once."""
        if not text_only and not all(isinstance(c, str) or _absent(c) for c in cells):
            # A YAML list or mapping cannot be hashed; read each cell on its own.
            codes, uniques = np.arange(len(cells)), list(cells)
        else:
            codes, uniques = factorize(cells)
        values, failures = read_cells(self.specs[name], list(uniques))
        found: list[tuple[int, str, str]] = []
        for check, failed in failures.items():
            if failed.any():
                kind, constraint = (
                    ("type-error", "") if check == "type" else ("constraint-error", check)
                )
                rows = np.flatnonzero(np.isin(codes, np.flatnonzero(failed)))
                found += [(int(p), kind, constraint) for p in rows]
        return values[codes], found

    # -- keys ----------------------------------------------------------------------

    def _remember_keys(self, frame: Chunk, typed: dict[str, np.ndarray], index: np.ndarray) -> None:
        parts = [typed[name] for name in self.primary_key]
        all_empty = np.logical_and.reduce([np.equal(p, None) for p in parts])
        for position in np.flatnonzero(all_empty):
            self._empty_keys.append(
                (
                    int(index[position]),
                    {k: _text(frame.columns[k][position]) for k in self.primary_key},
                )
            )
        keep = np.flatnonzero(~all_empty)
        self.packed_key = None
        if self._text_key and len(parts) == 1:
            # One text field: the text itself is the key (no type tag needed).
            self._keys.append(text_bytes(parts[0][keep]))
            if len(keep) == len(index):  # every row's key, in row order: shareable
                self.packed_key = self._keys[-1]
        else:
            self._keys.append(_bytes([b"".join(_canonical(p[i]) for p in parts) for i in keep]))
        self._key_index.append(index[keep].astype(np.int32))
        if not (self._text_key and len(parts) == 1):
            self._raw_keys.append([frame.columns[k][keep] for k in self.primary_key])

    def finish(self) -> list[SchemaError]:
        errors = [
            SchemaError("primary-key", row, self.primary_key[0], cells=cells)
            for row, cells in self._empty_keys
        ]
        if not self._keys:
            return errors
        if any(k.dtype == object for k in self._keys):  # a key ending in NUL: compare as text
            self._keys = [k if k.dtype == object else as_texts(k) for k in self._keys]
        keys = np.concatenate(self._keys)
        self._keys.clear()  # each step lets go of what it no longer needs: a million keys
        order = np.argsort(keys, kind="stable")  # equal keys stay in row order
        keys.sort(kind="stable")  # in place: the same order, no second copy
        rows = np.concatenate(self._key_index)[order]
        self._key_index.clear()
        repeats = np.flatnonzero(keys[1:] == keys[:-1]) + 1
        raw = (
            [np.concatenate(column)[order] for column in zip(*self._raw_keys, strict=True)]
            if self._raw_keys
            else None
        )
        for r in repeats.tolist():
            row, earlier = int(rows[r]), int(rows[r - 1])
            parts = [_key_cell(keys[r])] if raw is None else [_text(c[r]) for c in raw]
            cells = dict(zip(self.primary_key, parts, strict=True))
            errors.append(
                SchemaError(
                    "primary-key", row, self.primary_key[0], other_index=earlier, cells=cells
                )
            )
        return errors


def key_values(typed: dict[str, np.ndarray], fields: list[str]) -> set[tuple]:
    """The typed key tuples of a checked table, as a foreign-key lookup (all-empty
    keys left out, as Frictionless does)."""
    tuples = zip(*(typed[f] for f in fields), strict=True)
    return {t for t in tuples if not all(v is None for v in t)}


def _missing_from(fields: list[str], typed: dict[str, np.ndarray], lookup: set[tuple]) -> list[int]:
    """Rows whose foreign key is given but not found (an all-empty key is not checked)."""
    columns = [typed[f] for f in fields]
    if len(columns) == 1:
        known = {t[0] for t in lookup}
        codes, values = factorize(columns[0])
        unknown = np.array([v is not None and v not in known for v in values], dtype=bool)
        return np.flatnonzero(unknown[codes]).tolist() if len(values) else []
    out = []
    for position, cells in enumerate(zip(*columns, strict=True)):
        if all(v is None for v in cells):
            continue
        if cells not in lookup:
            out.append(position)
    return out


def factorize(values: np.ndarray) -> tuple[np.ndarray, list[Any]]:
    """Each value's code and the distinct values in order of first sight (None too):
    what repeats in a column is then looked at once."""
    seen: dict[Any, int] = {}
    codes = np.fromiter(
        (seen.setdefault(v, len(seen)) for v in values), dtype=np.int64, count=len(values)
    )
    return codes, list(seen)


def is_in(values: np.ndarray, allowed: list[Any]) -> np.ndarray:
    """Which values are among ``allowed`` (each distinct value tested once)."""
    codes, distinct = factorize(values)
    found = np.array([v in allowed for v in distinct], dtype=bool)
    return found[codes] if len(distinct) else np.zeros(0, dtype=bool)


def _flag(present: np.ndarray, failed: np.ndarray, constraint: str) -> list[tuple[int, str, str]]:
    return [(int(p), "constraint-error", constraint) for p in present[failed]]


def _absent(cell: Any) -> bool:
    return cell is None or (isinstance(cell, float) and cell != cell)


def _text(cell: Any) -> str:
    """A cell as Frictionless quotes it in an error."""
    return "" if _absent(cell) else str(cell)


def text_bytes(texts: np.ndarray) -> np.ndarray:
    """Texts as one NumPy array of UTF-8 bytes (NumPy converts ASCII text in C), or,
    if a text holds NUL (NumPy's bytes drop it at the end), as the texts themselves."""
    if "\x00" in "".join(texts):  # rare; one C-speed search spares a loop over them
        return texts.astype(object)
    try:
        return np.array(texts.tolist(), dtype=np.bytes_) if len(texts) else _bytes([])
    except UnicodeEncodeError:
        return _bytes([t.encode() for t in texts])


def _bytes(items: list[bytes]) -> np.ndarray:
    return np.array(items, dtype=np.bytes_) if items else np.array([], dtype="S1")


def _key_cell(key: bytes | str) -> str:
    return key.decode() if isinstance(key, bytes) else key


def as_texts(packed: np.ndarray) -> np.ndarray:
    """The texts of a ``text_bytes`` array, as an object array of str."""
    texts = np.empty(len(packed), dtype=object)
    texts[:] = [_key_cell(t) for t in packed]
    return texts


def _canonical(value: Any) -> bytes:
    """Bytes equal exactly when Frictionless's key values compare equal; each part
    says its length, so two parts never read as one."""
    if value is None:
        return b"0:"
    if isinstance(value, Decimal):
        value = (value + 0).normalize() if value.is_finite() else value
    text = f"{type(value).__name__}:{value}".encode()
    return b"%d:%s" % (len(text), text)
