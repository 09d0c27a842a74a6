"""Every Table Schema error, whichever path found it, as a problem at the staff file's
line, in the staff's words: the field's title, what was written, what is expected."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from builder import messages
from builder.core.numbers import (
    MAX_FRACTION_DIGITS,
    MAX_INTEGER_DIGITS,
    past_bounds,
    plain_spelling,
)
from builder.core.problems import Problem, listed, problem
from builder.core.schema import TableSchema
from builder.load.csv import CsvFrames
from builder.load.table import Table
from builder.messages.commands import LIST_JOIN
from builder.messages.problems import CONSTRAINT_DETAIL


@dataclass(slots=True)
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
    # None for most: a million errors of one kind would be a million empty dicts.
    cells: Mapping[str, str] | None = None


def schema_problems(
    errors: Iterable[SchemaError],
    schema: TableSchema,
    table: Table | CsvFrames,
    titles: dict[str, str],
    more: Mapping[str, int] | None = None,
) -> list[Problem]:
    """One table's schema errors as problems, the first LISTED_PER_KIND of each code (in
    row order, whichever path found them) one by one and the rest counted
    (``core.problems.listed``); ``more``: errors by code already counted, not kept."""
    ordered = sorted(errors, key=lambda e: (e.index, e.field or ""))
    return listed(ordered, code_of, lambda e: problem_from(e, schema, table, titles), more)


def code_of(error: SchemaError) -> str:
    """The code ``problem_from`` gives the error, known before it is worded."""
    if error.kind == "constraint-error":
        code = f"constraint-{error.constraint}"
        return code if code in messages.MESSAGES else "constraint-error"
    if error.kind in ("type-error", "primary-key", "unique-error", "foreign-key"):
        return error.kind
    return "schema-check-failed"


def problem_from(
    error: SchemaError,
    schema: TableSchema,
    table: Table | CsvFrames,
    titles: dict[str, str],
) -> Problem:
    """Turn one schema error into a Problem at the staff file's line; ``titles`` names
    the resources a foreign key may refer to."""
    name = error.field
    line = table.line_of(error.index, name)
    spec = schema.field(name)
    title = schema.title(name)
    constraints = spec.constraints if spec else {}
    value = error.cell
    if error.kind == "type-error":
        kind = spec.type if spec else "string"
        hint, hint_en = (spec.description if spec else ""), ""
        # A number in another spelling (378e2, １２, 1_000): say how to write it.
        plain = plain_spelling(value, kind) if kind in ("number", "integer") else None
        if plain is not None:
            hint, hint_en = messages.render("number-plain-hint", {"plain": plain})
        elif kind in ("number", "integer") and past_bounds(value):
            limits = {"whole": MAX_INTEGER_DIGITS, "fraction": MAX_FRACTION_DIGITS}
            hint, hint_en = messages.render("number-digits-hint", limits)
        return problem(
            "type-error",
            table.file,
            line,
            name,
            title=title,
            value=value,
            type=kind,
            type_zh=messages.TYPE_NAMES_ZH.get(kind, kind),
            hint=hint,
            hint_en=hint_en,
        )
    if error.kind == "constraint-error":
        constraint = error.constraint
        limit = constraints.get(constraint, "")
        code = f"constraint-{constraint}"
        if code not in messages.MESSAGES:
            code = "constraint-error"
        allowed = LIST_JOIN.join(map(str, constraints.get("enum", [])))
        return problem(
            code,
            table.file,
            line,
            name,
            title=title,
            value=value,
            limit=limit,
            allowed=allowed,
            length=len(str(value)),
            detail=CONSTRAINT_DETAIL.format(constraint=constraint, limit=limit),
            pattern=constraints.get("pattern", ""),
            hint=spec.description if spec else "",
        )
    if error.kind in ("primary-key", "unique-error"):
        keys = schema.primary_key
        other = table.lines[error.other_index] if error.other_index is not None else "?"
        return problem(
            error.kind,
            table.file,
            line,
            keys[0] if error.kind == "primary-key" else name,
            key_title=LIST_JOIN.join(schema.title(k) for k in keys),
            key_fields=",".join(keys),
            value=" / ".join((error.cells or {}).get(k, "") for k in keys)
            if error.kind == "primary-key"
            else value,
            other_line=other,
            title=title,
        )
    if error.kind == "foreign-key":
        target = ""
        for fk in schema.foreign_keys:
            if fk.fields[0] == name:
                target = fk.resource
        return problem(
            "foreign-key",
            table.file,
            line,
            name,
            title=title,
            value=value,
            target=target,
            target_title=titles.get(target, target),
        )
    return problem("schema-check-failed", table.file, line, name, detail=value or error.kind)
