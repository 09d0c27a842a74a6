"""The check stage: every table against its Table Schema, foreign keys across tables,
on the fast path or through Frictionless (``routing`` decides which; both give the same
report). Rows of the wrong shape, and every row with a schema error, never reach the
records stage; a table with any error is marked incomplete, so no rule that needs the
whole table (a ledger's balances) reasons about part of it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from builder.check.errors import SchemaError, schema_problems
from builder.check.fast import TableCheck, key_values
from builder.check.frictionless_adapter import check_with_frictionless
from builder.check.routing import project_schemas
from builder.check.text import community_problems, scan_rows, text_problems
from builder.check.typed import Collector, TypedChunk
from builder.core.problems import Problem, listed, problem
from builder.core.schema import ForeignKey, TableSchema
from builder.load.csv import CsvFrames
from builder.load.project import Project
from builder.load.stage import Loaded
from builder.load.table import Chunk, Table

# (table name, its schema, its rows) — the unit the schema check works on.
ToCheck = tuple[str, TableSchema, "Table | CsvFrames"]


@dataclass(frozen=True)
class Checked:
    """What the check stage found.

    Attributes:
        invalid: the tables with any error, or that could not be read: incomplete, so
            a rule that needs a whole table does not run on them.
        problems: every error and warning the checks found.
    """

    invalid: frozenset[str]
    problems: list[Problem]


def check_project(
    project: Project,
    loaded: Loaded,
    fast: set[str],
    collector: Callable[[str], Collector],
    fingerprints: dict[str, str] | None = None,
    memo: dict[str, CheckedTable] | None = None,
) -> Checked:
    """Check every table the load stage read (see ``check_tables``), and the text of
    the community's settings."""
    schemas = project_schemas(project)
    tables = [(n, s, loaded.tables[n]) for n, (_, s) in schemas.items() if n in loaded.tables]
    titles = {r.name: r.title for r in project.resources}
    invalid, problems = check_tables(tables, collector, titles, fast, fingerprints, memo)
    problems += community_problems(loaded.community)
    unread = {name for name in schemas if name not in loaded.tables}
    return Checked(frozenset(invalid | unread), problems)


def check_tables(
    tables: list[ToCheck],
    collector: Callable[[str], Collector],
    titles: dict[str, str] | None = None,
    fast: set[str] | None = None,
    fingerprints: dict[str, str] | None = None,
    memo: dict[str, CheckedTable] | None = None,
) -> tuple[set[str], list[Problem]]:
    """Run the Table Schema checks on every table (foreign keys cross tables): the
    resources in ``fast`` on the fast path, the others through Frictionless.
    ``titles`` names the resources in messages (a foreign key's target, for one).

    Each table's valid rows go to ``collector(name)``, a TypedChunk at a time. Returns
    the names of tables that had any error, and the problems found.

    ``fingerprints`` (the content hash of each table's file) and ``memo`` let a
    repeated validation reuse the check of a table whose file, schema and foreign-key
    targets are unchanged (``gongshi serve``).
    """
    fast = fast or set()
    titles = titles or {}
    problems: list[Problem] = []
    shaped: dict[str, tuple[TableSchema, Table | CsvFrames, list[int] | None]] = {}
    invalid: set[str] = set()
    for name, schema, table in tables:
        kept, found = _shape(schema, table)
        problems.extend(found)
        if any(p.severity == "error" for p in found):
            invalid.add(name)  # a row of the wrong shape is a row the records lack
        # None: the header failed; a CsvFrames (checked whole) has no row list.
        if kept is not None or (isinstance(table, CsvFrames) and not found):
            shaped[name] = (schema, table, kept)
    invalid |= {name for name, _, _ in tables if name not in shaped}
    collected = {name: collector(name) for name in shaped}

    def usable(fk: ForeignKey, name: str) -> bool:
        # A foreign key into a table that could not be read would flag every row;
        # that table's own error already says what is wrong.
        return fk.resource in ("", name) or fk.resource in shaped

    slow = {  # only the fast path reads a file in blocks (CsvFrames)
        n: (s, t, k or [])
        for n, (s, t, k) in shaped.items()
        if n not in fast and isinstance(t, Table)
    }
    if slow:
        for name, chunk, found in check_with_frictionless(slow, usable, titles):
            collected[name].add(chunk)
            problems.extend(found)
            if found:
                invalid.add(name)
        for schema, table, kept in slow.values():  # the fast path's text scan, here
            problems += text_problems(scan_rows(schema, table, kept), schema, table)
    lookups: dict[tuple[str, tuple[str, ...]], set[tuple]] = {}
    prints: dict[str, str] = {}
    for name in _targets_first({n: v[0] for n, v in shaped.items() if n in fast}):
        schema, table, kept = shaped[name]
        schema = replace(
            schema, foreign_keys=tuple(fk for fk in schema.foreign_keys if usable(fk, name))
        )
        wanted = {
            fk.reference_fields
            for other, (other_schema, _, _) in shaped.items()
            for fk in other_schema.foreign_keys
            if fk.resource == name and other != name
        }
        targets = sorted({fk.resource for fk in schema.foreign_keys} - {name})
        prints[name] = _fingerprint(
            name, schema, (fingerprints or {}).get(name), [prints.get(t) for t in targets], wanted
        )
        keep = memo is not None and bool(prints[name])
        result = memo.get(prints[name]) if memo is not None and keep else None
        if result is not None:  # unchanged since the last run: replay what it handed on
            for chunk in result.chunks:
                collected[name].add(chunk)
            if result.discarded:
                collected[name].discard(result.discarded)
        else:
            result = _check_fast(
                name, schema, table, kept, lookups, wanted, titles, collected[name], keep
            )
            if memo is not None and keep:
                memo[prints[name]] = result
        for key, values in result.keys.items():
            lookups[(name, key)] = values
        problems.extend(result.problems)
        if result.problems:
            invalid.add(name)
        problems.extend(result.text)  # about how text is published: the rows stay whole
    return invalid, problems


def _fingerprint(
    name: str, schema: TableSchema, content: str | None, targets: list[str | None], wanted: set
) -> str:
    """What a table's check depends on: its file's content, its schema (with the
    foreign keys it checks), the tables its foreign keys look into, the keys others
    look up in it. Empty when unknown."""
    if content is None or None in targets:
        return ""
    keys = [(fk.fields, fk.resource, fk.reference_fields) for fk in schema.foreign_keys]
    described = json.dumps([schema.descriptor, keys], sort_keys=True, default=str)
    parts = [name, content, described, *(t or "" for t in targets)]
    parts.append(repr(sorted(wanted)))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _targets_first(schemas: dict[str, TableSchema]) -> list[str]:
    """Referenced tables before the tables that refer to them (their keys are needed)."""
    order: list[str] = []

    def visit(name: str, seen: frozenset[str]) -> None:
        if name in order or name in seen:
            return
        for fk in schemas[name].foreign_keys:
            if fk.resource in schemas and fk.resource != name:
                visit(fk.resource, seen | {name})
        order.append(name)

    for name in schemas:
        visit(name, frozenset())
    return order


def _frames(table: Table | CsvFrames, kept: list[int] | None) -> Iterator[tuple[Chunk, bool]]:
    """The table's rows as chunks of columns, with whether every cell is text (a CSV
    file) rather than a YAML value."""
    if isinstance(table, CsvFrames):
        for frame in table.chunks():
            yield frame, True
        return
    rows = [table.rows[i] for i in kept or []]
    columns = {
        name: np.fromiter((row[k] for row in rows), dtype=object, count=len(rows))
        for k, name in enumerate(table.header)
    }
    yield Chunk(np.array(kept or [], dtype=np.int64), columns), not table.field_lines


@dataclass
class CheckedTable:
    """What the fast path found in one table: its problems, the valid rows it handed
    on, the rows a repeated key ruled out, and the key values other tables look up.
    Kept by ``ValidationCache`` so an unchanged table is not checked again."""

    problems: list[Problem]
    chunks: list[TypedChunk]
    discarded: set[int]
    keys: dict[tuple[str, ...], set[tuple]]
    text: list[Problem] = field(default_factory=list)  # the text scan's (builder.check.text)


def _check_fast(
    name: str,
    schema: TableSchema,
    table: Table | CsvFrames,
    kept: list[int] | None,
    lookups: dict[tuple[str, tuple[str, ...]], set[tuple]],
    wanted: set[tuple[str, ...]],
    titles: dict[str, str],
    collector: Collector,
    keep_chunks: bool,
) -> CheckedTable:
    """Check one table on the fast path, handing each chunk's valid rows to
    ``collector`` as they come (the chunks are kept too only for a cache)."""
    fk_lookups = {
        fk.resource: lookups.get((fk.resource, fk.reference_fields), set())
        for fk in schema.foreign_keys
    }
    check = TableCheck(schema, fk_lookups)
    result = CheckedTable([], [], set(), {key: set() for key in wanted})
    errors: list[SchemaError] = []
    for frame, text_only in _frames(table, kept):
        found, typed, valid = check.check(frame, text_only)
        errors.extend(found)
        for key in wanted:
            result.keys[key].update(key_values(typed, list(key)))
        rows = np.flatnonzero(valid)
        index = frame.index[rows]
        chunk = TypedChunk(index, {f: typed[f][rows] for f in schema.names})
        if check.packed_key is not None and len(rows) == len(frame):
            chunk.packed[check.primary_key[0]] = check.packed_key  # one array, two users
        collector.add(chunk)
        if keep_chunks:
            result.chunks.append(chunk)
    key_errors, result.discarded = check.finish()
    if result.discarded:
        collector.discard(result.discarded)
    errors.extend(key_errors)
    result.problems = schema_problems(errors, schema, table, titles, check.unlisted)
    result.text = text_problems(check.text_findings, schema, table)
    return result


def _shape(schema: TableSchema, table: Table | CsvFrames) -> tuple[list[int] | None, list[Problem]]:
    """Check the header and each row's length; return the indexes of rows to check
    (None for a CsvFrames, whose every row has the header's length)."""
    problems: list[Problem] = []
    fields = schema.names
    expected = ",".join(fields)
    header = table.header
    for name in fields:
        if name not in header:
            problems.append(
                problem(
                    "missing-column",
                    table.file,
                    1,
                    name,
                    title=schema.title(name),
                    expected=expected,
                )
            )
    seen: set[str] = set()
    for name in header:
        if name not in fields:
            problems.append(problem("unknown-column", table.file, 1, name, expected=expected))
        elif name in seen:
            problems.append(problem("duplicate-column", table.file, 1, name))
        seen.add(name)
    if problems:
        problems.append(problem("header-checks-skipped", table.file, 1, severity="warning"))
        return None, problems
    if isinstance(table, CsvFrames):
        return None, []
    kept = []
    # (code, line, field, parameters): worded only as many as are listed one by one.
    faults: list[tuple[str, int, str | None, dict[str, Any]]] = []
    for index, cells in enumerate(table.rows):
        line = table.lines[index]
        if all(c is None or str(c).strip() == "" for c in cells):
            faults.append(("blank-row", line, None, {}))
        elif len(cells) > len(header):
            faults.append(("extra-cell", line, None, {"count": len(cells) - len(header)}))
        elif len(cells) < len(header):
            missing = {"count": len(header) - len(cells)}
            faults.append(("missing-cell", line, header[len(cells)], missing))
        else:
            kept.append(index)
    return kept, listed(
        faults, lambda f: f[0], lambda f: problem(f[0], table.file, f[1], f[2], **f[3])
    )
