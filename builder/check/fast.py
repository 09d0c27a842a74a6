"""The fast path: Table Schema checks on whole columns (NumPy arrays) instead of row
by row, with Frictionless kept as the reference.

Non-string cells are read once per distinct value (``cells``). String fields, the bulk
of the cells, get vectorized equivalents of ``required``, ``minLength``, ``maxLength``,
``pattern`` (on the whole value, ``text.whole_value``: stricter than stock
Frictionless, which lets a final line break through; gongshi gives its Frictionless path
the same rule) and ``enum``, and the one scan of staff text (``text``: control
characters, bidi controls, formulas). Primary and foreign keys
follow Frictionless's row-stream rules (see ``TableCheck``). ``routing.fast_path_gap``
names anything else a schema uses; such a resource is checked by Frictionless instead,
so no check is ever skipped. The differential tests (tests/test_fast_path.py) hold the
two paths to the same report.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from typing import Any

import numpy as np

from builder.check import arrays
from builder.check.arrays import (
    absent,
    as_texts,
    bytes_array,
    cell_text,
    factorize,
    is_in,
    key_cell,
    text_bytes,
)
from builder.check.cells import read_cells
from builder.check.errors import SchemaError, code_of
from builder.check.text import TextFinding, scan_present, whole_value
from builder.core.problems import LISTED_PER_KIND
from builder.core.schema import Field, TableSchema
from builder.load.table import Chunk


class TableCheck:
    """Check one table, a chunk of rows at a time, as Frictionless's row stream would.

    ``check`` takes a chunk (columns in schema order, raw cells, the table's row
    indexes as the frame's index) and returns its cell errors, typed values and which
    rows are valid so far. ``finish`` then gives the primary-key errors, which need
    every chunk: Frictionless reports each repeated key against the row before it
    with the same key, and a key whose cells are all empty as an error of its own.
    ``lookups`` holds, per referenced resource, the typed key tuples of its rows.
    """

    def __init__(self, schema: TableSchema, lookups: dict[str, set[tuple]]) -> None:
        self.specs = {f.name: f for f in schema.fields}
        self.patterns = {
            f.name: re.compile(whole_value(f.constraints["pattern"]))
            for f in schema.fields
            if f.type == "string" and "pattern" in f.constraints
        }
        self.primary_key = list(schema.primary_key)
        self.foreign_keys = [
            (list(fk.fields), lookups.get(fk.resource)) for fk in schema.foreign_keys
        ]
        # Keys as bytes, not Python strings: a million vouchers take 15 MB, not 70.
        self._keys: list[np.ndarray] = []
        self._key_index: list[np.ndarray] = []
        # The cells of a repeated key are quoted in its message. For text keys they are
        # the key itself; other keys keep their cells as read, too.
        self._text_key = all(self.specs[k].type == "string" for k in self.primary_key)
        self._raw_keys: list[list[np.ndarray]] = []
        self._empty_keys: list[tuple[int, dict[str, str]]] = []
        # The last chunk's text key as bytes, when it holds every row's: a collector
        # may keep the same array (a ledger's vouchers) instead of packing it again.
        self.packed_key: np.ndarray | None = None
        # Errors past the listing budget (core.problems.listed), by code: counted as
        # they are found and never kept, so a million bad rows cost no memory.
        self.unlisted: Counter[str] = Counter()
        self._listed: Counter[str] = Counter()
        # What the text scan found in every chunk so far (``text.text_problems`` words it).
        self.text_findings: list[TextFinding] = []

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
            if spec.type == "string":
                values, found = self._check_strings(spec, cells, text_only, index)
            else:
                values, found = self._cast(name, cells, text_only)
            typed[name] = values
            for position, kind, constraint in found:
                bad[position] = True
                errors.append(
                    SchemaError(
                        kind, int(index[position]), name, cell_text(cells[position]), constraint
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
                        cell_text(frame.columns[fields[0]][position]),
                        cells={f: cell_text(frame.columns[f][position]) for f in fields},
                    )
                )
        return self._within_budget(errors), typed, ~bad

    def _within_budget(self, errors: list[SchemaError]) -> list[SchemaError]:
        """The errors still listed one by one, in row order (chunks come in row order,
        so these are the table's first of each code); the rest only counted."""
        kept = []
        for error in sorted(errors, key=lambda e: (e.index, e.field or "")):
            code = code_of(error)
            self._listed[code] += 1
            if self._listed[code] <= LISTED_PER_KIND:
                kept.append(error)
            else:
                self.unlisted[code] += 1
        return kept

    def _check_strings(
        self, spec: Field, cells: np.ndarray, text_only: bool, index: np.ndarray
    ) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
        name, constraints = spec.name, spec.constraints
        if text_only:  # a CSV cell is never None
            is_none = np.zeros(len(cells), dtype=bool)
            is_text = ~is_none
        else:
            is_none = arrays.is_none(cells)
            is_text = np.fromiter((isinstance(c, str) for c in cells), bool, count=len(cells))
        missing = is_none | (cells == "")
        wrong_type = ~is_text & ~is_none
        values = np.where(missing | wrong_type, None, cells)  # type: ignore[call-overload]
        found: list[tuple[int, str, str]] = [
            (p, "type-error", "") for p in np.flatnonzero(wrong_type).tolist()
        ]
        present = np.flatnonzero(is_text & ~missing)
        text = cells[present]
        if constraints.get("required"):
            found += [(p, "constraint-error", "required") for p in np.flatnonzero(missing).tolist()]
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
        self.text_findings += scan_present(spec, text.tolist(), index[present])
        return values, found

    def _cast(
        self, name: str, cells: np.ndarray, text_only: bool
    ) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
        """Read each distinct cell once."""
        if not text_only and not all(isinstance(c, str) or absent(c) for c in cells):
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
        all_empty = np.logical_and.reduce([arrays.is_none(p) for p in parts])
        for position in np.flatnonzero(all_empty):
            self._empty_keys.append(
                (
                    int(index[position]),
                    {k: cell_text(frame.columns[k][position]) for k in self.primary_key},
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
            self._keys.append(
                bytes_array([b"".join(_canonical(p[i]) for p in parts) for i in keep])
            )
        self._key_index.append(index[keep].astype(np.int32))
        if not (self._text_key and len(parts) == 1):
            self._raw_keys.append([frame.columns[k][keep] for k in self.primary_key])

    def finish(self) -> tuple[list[SchemaError], set[int]]:
        """The key errors listed one by one, and every row a key error rules out (a
        repeat, or a key whose cells are all empty), listed or not."""
        errors = [
            SchemaError("primary-key", row, self.primary_key[0], cells=cells)
            for row, cells in self._empty_keys
        ]
        ruled_out = {row for row, _ in self._empty_keys}
        if not self._keys:
            return self._within_budget(errors), ruled_out
        if any(k.dtype == object for k in self._keys):  # a key ending in NUL: compare as text
            self._keys = [k if k.dtype == object else as_texts(k) for k in self._keys]
        keys = np.concatenate(self._keys)
        self._keys.clear()  # each step lets go of what it no longer needs: a million keys
        order = np.argsort(keys, kind="stable")  # equal keys stay in row order
        keys.sort(kind="stable")  # in place: the same order, no second copy
        rows = np.concatenate(self._key_index)[order]
        self._key_index.clear()
        repeats = np.flatnonzero(keys[1:] == keys[:-1]) + 1
        ruled_out.update(rows[repeats].tolist())
        # Worded only as many as can be listed, the first in row order; the rest counted.
        first = repeats[np.argsort(rows[repeats], kind="stable")][:LISTED_PER_KIND]
        self.unlisted["primary-key"] += len(repeats) - len(first)
        raw = (
            [np.concatenate(column)[order] for column in zip(*self._raw_keys, strict=True)]
            if self._raw_keys
            else None
        )
        for r in first.tolist():
            row, earlier = int(rows[r]), int(rows[r - 1])
            parts = [key_cell(keys[r])] if raw is None else [cell_text(c[r]) for c in raw]
            cells = dict(zip(self.primary_key, parts, strict=True))
            errors.append(
                SchemaError(
                    "primary-key", row, self.primary_key[0], other_index=earlier, cells=cells
                )
            )
        return self._within_budget(errors), ruled_out


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


def _flag(present: np.ndarray, failed: np.ndarray, constraint: str) -> list[tuple[int, str, str]]:
    return [(int(p), "constraint-error", constraint) for p in present[failed]]


def _canonical(value: Any) -> bytes:
    """Bytes equal exactly when Frictionless's key values compare equal; each part
    says its length, so two parts never read as one."""
    if value is None:
        return b"0:"
    if isinstance(value, Decimal):
        value = (value + 0).normalize() if value.is_finite() else value
    text = f"{type(value).__name__}:{value}".encode()
    return b"%d:%s" % (len(text), text)
