"""The reference path: tables checked by Frictionless itself, as inline rows of one
Package (so foreign keys find the tables they refer to), each error turned into the
form the fast path reports (``SchemaError``), so the two give the same report."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from typing import Any

import numpy as np

from builder.check.arrays import cell_text
from builder.check.cells import refused_cells, refused_values
from builder.check.errors import SchemaError, schema_problems
from builder.check.text import whole_value_patterns
from builder.check.typed import TypedChunk
from builder.core.problems import Problem, problem
from builder.core.schema import ForeignKey, TableSchema
from builder.load.table import Table

_CELL_ERRORS = ("type-error", "constraint-error")
_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_POSITION = re.compile(r"position (\d+)")

# A table to check: its schema, its rows, and the indexes of the rows of the right shape.
Shaped = tuple[TableSchema, Table, list[int]]


def check_with_frictionless(
    shaped: dict[str, Shaped],
    usable: Callable[[ForeignKey, str], bool],
    titles: dict[str, str],
) -> Iterator[tuple[str, TypedChunk, list[Problem]]]:
    """Each table's valid rows and problems; foreign keys ``usable`` says no to are left
    out (they point into a table that could not be read)."""
    from frictionless import Package, Schema
    from frictionless.resources import TableResource

    resources: list[Any] = []
    refused: dict[tuple[str, int], dict[str, Any]] = {}
    for name, (schema, table, kept) in shaped.items():
        # Patterns match whole values, as on the fast path (stock Frictionless lets a
        # final line break through).
        descriptor = whole_value_patterns(deepcopy(dict(schema.descriptor)))
        # The descriptor's keys, in order, are the TableSchema's.
        descriptor["foreignKeys"] = [
            raw
            for raw, fk in zip(
                descriptor.get("foreignKeys") or [], schema.foreign_keys, strict=True
            )
            if usable(fk, name)
        ]
        descriptor.pop("fieldsMatch", None)
        fields = list(schema.names)
        order = [table.header.index(f) for f in fields]
        data: list[list[Any]] = [fields]
        for i in kept:
            row = [table.rows[i][j] for j in order]
            # The one number reader first: a cell it refuses is blanked (Frictionless
            # takes 378e2 and Infinity, and fails on sNaN) and reported below.
            refused[name, i] = refused_cells(schema, row)
            data.append(
                [None if f in refused[name, i] else c for f, c in zip(fields, row, strict=True)]
            )
        resources.append(
            TableResource(name=name, data=data, schema=Schema.from_descriptor(descriptor))
        )
    Package(resources=resources)  # gives each resource the others, for foreign keys

    for resource in resources:
        schema, table, kept = shaped[resource.name]
        index: list[int] = []
        values: list[dict] = []
        errors: list[SchemaError] = []
        problems: list[Problem] = []
        at = kept[0] if kept else 0
        try:
            with resource:
                for row in resource.row_stream:
                    at = kept[row.row_number - 2]
                    blanked = refused[resource.name, at]
                    for field in refused_values(schema, row.to_dict()):
                        blanked[field] = table.rows[at][table.header.index(field)]
                    for error in row.errors:
                        if error.type in _CELL_ERRORS and error.field_name in blanked:
                            continue  # the blank Frictionless saw, not the cell
                        errors.append(_from_frictionless(error, schema, kept, at))
                    for field, cell in blanked.items():
                        errors.append(SchemaError("type-error", at, field, cell_text(cell)))
                    if row.valid and not blanked:
                        index.append(at)
                        values.append(row.to_dict())
        except ArithmeticError as exc:  # Frictionless 5 fails on "sNaN" in a number field
            line = table.lines[kept[kept.index(at) + 1]] if at in kept[:-1] else None
            problems.append(problem("schema-check-failed", table.file, line, detail=repr(exc)))
        problems += schema_problems(errors, schema, table, titles)
        columns = {
            name: np.fromiter((v.get(name) for v in values), dtype=object, count=len(values))
            for name in schema.names
        }
        yield resource.name, TypedChunk(np.array(index, dtype=np.int64), columns), problems


def _from_frictionless(error: Any, schema: TableSchema, kept: list[int], index: int) -> SchemaError:
    """A Frictionless row error in the form both paths report from."""
    cells = getattr(error, "cells", None) or []
    by_name = dict(zip(schema.names, cells, strict=False))
    name = getattr(error, "field_name", None)
    if error.type == "constraint-error":
        match = _CONSTRAINT.search(error.note or "")
        constraint = match.group(1) if match else ""
        return SchemaError("constraint-error", index, name, error.cell, constraint)
    if error.type in ("primary-key", "unique-error"):
        match = _POSITION.search(error.note or "")
        other = kept[int(match.group(1)) - 2] if match else None
        keys: tuple[Any, ...] = schema.primary_key if error.type == "primary-key" else (name,)
        return SchemaError(
            error.type,
            index,
            keys[0],
            getattr(error, "cell", "") or "",
            other_index=other,
            cells={k: by_name.get(k, "") for k in keys},
        )
    if error.type == "foreign-key":
        for fk in schema.foreign_keys:
            if f'"{", ".join(fk.fields)}"' in (error.note or ""):
                return SchemaError(
                    "foreign-key",
                    index,
                    fk.fields[0],
                    by_name.get(fk.fields[0], ""),
                    cells={f: by_name.get(f, "") for f in fk.fields},
                )
    if error.type == "type-error":
        return SchemaError("type-error", index, name, error.cell)
    return SchemaError(error.type, index, name, getattr(error, "cell", "") or error.note or "")
