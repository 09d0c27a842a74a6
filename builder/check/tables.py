"""Stage 2: check every table against its Table Schema with Frictionless, point each
error at the staff file's line, and turn the rows that pass into typed records.

Rows with schema errors do not become records, so the domain rules that follow never
reason about half-parsed values (and never repeat an error the schema already gave).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np

from builder import messages
from builder.check import fast as fastcheck
from builder.check.fast import factorize, fast_path_gap
from builder.core.model import (
    COMMITTEE_VOTE_FIELDS,
    OWNER_VOTE_FIELDS,
    THRESHOLDS,
    Account,
    BalanceAssertion,
    CommitteeRule,
    Community,
    Decision,
    LedgerColumns,
    LedgerEntry,
    Record,
    Records,
    Source,
    TextColumn,
)
from builder.core.problems import ConfigError, Problem, problem
from builder.load.files import Chunk, CsvFrames, Document, Table
from builder.load.project import ACCOUNTS, COMMUNITY, Project

_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_POSITION = re.compile(r"position (\d+)")

ENGINES = ("auto", "fast", "frictionless")

# (resource name, schema descriptor, table) — the unit the schema check works on.
Checked = tuple[str, dict, "Table | CsvFrames"]


@dataclass
class TypedChunk:
    """Valid rows of a table after the schema check: their indexes in the table and
    their typed values, one object array per field."""

    index: np.ndarray
    columns: dict[str, np.ndarray]
    # A text column already packed as UTF-8 bytes (the primary key's), if any.
    packed: dict[str, np.ndarray] = field(default_factory=dict)

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        names = list(self.columns)
        rows = zip(*self.columns.values(), strict=True)
        for i, values in zip(self.index.tolist(), rows, strict=True):
            yield i, dict(zip(names, values, strict=True))


class TypedRows:
    """Collects a table's valid rows as (row index, typed values)."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, dict[str, Any]]] = []

    def add(self, chunk: TypedChunk) -> None:
        self.rows.extend(chunk.rows())

    def discard(self, indexes: set[int]) -> None:
        self.rows = [row for row in self.rows if row[0] not in indexes]


FEN_LIMIT = Decimal(2**62) / 100  # beyond this an amount stays a Decimal
LEDGER_TEXT = ("category", "counterparty", "description", "decision")


class LedgerBuilder:
    """Collects a ledger's valid rows straight into LedgerColumns, a chunk at a time,
    so a million rows never stand in memory as Python objects."""

    PARTS = ("index", "voucher", "date", "cost", "fen", *LEDGER_TEXT)

    def __init__(self, account: str, table: Table | CsvFrames, keep_form: bool = True) -> None:
        self.account, self.table, self.keep_form = account, table, keep_form
        self.parts: dict[str, list[np.ndarray]] = {name: [] for name in self.PARTS}
        self.odd: dict[int, Decimal] = {}  # by row index until the end
        self.values: dict[str, dict[str | None, int]] = {name: {} for name in LEDGER_TEXT}

    def add(self, chunk: TypedChunk) -> None:
        c, parts = chunk.columns, self.parts
        parts["index"].append(chunk.index.astype(np.int32))
        packed = chunk.packed.get("voucher")
        parts["voucher"].append(
            packed if packed is not None else fastcheck.text_bytes(c["voucher"])
        )
        parts["cost"].append(c["type"] == "cost")
        codes, days = factorize(c["date"])
        parts["date"].append(np.array(list(days), dtype="datetime64[D]")[codes])
        fen, odd = _fen(c["amount"], self.keep_form)
        parts["fen"].append(fen)
        for position in np.flatnonzero(odd).tolist():
            self.odd[int(chunk.index[position])] = c["amount"][position]
        for name in LEDGER_TEXT:
            codes, found = factorize(c[name])
            known = self.values[name]
            remap = [
                known.setdefault(None if v is None or v != v else v, len(known)) for v in found
            ]
            small = np.min_scalar_type(max(len(known) - 1, 0))  # a few words: one byte a row
            parts[name].append(np.array(remap, dtype=small)[codes])

    def discard(self, indexes: set[int]) -> None:
        # Rows found invalid once the whole table was read (a repeated key).
        self.odd = {row: amount for row, amount in self.odd.items() if row not in indexes}
        for n, index in enumerate(self.parts["index"]):
            keep = ~np.isin(index, list(indexes))
            for name in self.PARTS:
                self.parts[name][n] = self.parts[name][n][keep]

    def _take(self, name: str, dtype: Any) -> np.ndarray:
        """One column whole; its chunks are let go at once (peak memory +1 column)."""
        parts = self.parts[name]
        whole = np.concatenate(parts) if parts else np.array([], dtype=dtype)
        parts.clear()
        return whole

    def _vouchers(self) -> np.ndarray:
        parts = self.parts["voucher"]
        if any(p.dtype == object for p in parts):  # a voucher ending in NUL: keep text
            parts[:] = [p if p.dtype == object else fastcheck.as_texts(p) for p in parts]
        return self._take("voucher", "S1")

    def columns(self) -> LedgerColumns:
        index = self._take("index", np.int32)
        table = self.table
        if isinstance(table, CsvFrames):
            lines = index + 2
        else:
            lines = np.array([table.lines[i] for i in index.tolist()], dtype=np.int32)
        rows = np.fromiter(self.odd, dtype=np.int64, count=len(self.odd))
        odd = dict(zip(np.searchsorted(index, rows).tolist(), self.odd.values(), strict=True))
        text = {}
        for name in LEDGER_TEXT:
            text[name] = TextColumn(self._take(name, np.uint8), list(self.values[name]))
        return LedgerColumns(
            account=self.account,
            file=table.file,
            lines=lines,
            voucher=self._vouchers(),
            date=self._take("date", "datetime64[D]"),
            cost=self._take("cost", bool),
            fen=_narrow(self._take("fen", np.int64)),
            odd_amounts=odd,
            text=text,
            field_lines=[table.field_lines[i] for i in index] if table.field_lines else [],
        )


def _narrow(fen: np.ndarray) -> np.ndarray:
    """Fen as int32 when every amount fits (±21 million yuan): 4 MB less a million rows."""
    fits = not len(fen) or np.abs(fen).max() < 2**31
    return fen.astype(np.int32) if fits else fen


def _first_positions(codes: np.ndarray, count: int) -> np.ndarray:
    """Where each code first occurs."""
    first = np.full(count, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    return first


def _fen(amounts: np.ndarray, keep_form: bool) -> tuple[np.ndarray, np.ndarray]:
    """Amounts in integer fen, and which are not a whole number of fen: the caller keeps
    those exactly. With ``keep_form``, also those not written with two decimals
    (``12``, ``12.5``), so the site shows every amount as staff wrote it."""
    try:
        scaled = amounts * 100
        whole = np.equal(scaled % 1, 0) & np.less(np.abs(scaled), FEN_LIMIT * 100)
    except ArithmeticError:  # Infinity or NaN among them: one at a time
        whole = np.array([a.is_finite() and abs(a) < FEN_LIMIT for a in amounts], dtype=bool)
        scaled = np.where(whole, amounts, Decimal(0)) * 100
        whole &= np.equal(scaled % 1, 0)
    if keep_form:
        # By object: the fast path reads each distinct cell once, so objects repeat.
        codes, uniques = factorize(np.fromiter(map(id, amounts), np.int64, len(amounts)))
        first = _first_positions(codes, len(uniques))
        two_places = np.array([amounts[i].as_tuple().exponent == -2 for i in first], dtype=bool)
        whole &= two_places[codes]
    fen = np.zeros(len(amounts), dtype=np.int64)
    fen[whole] = scaled[whole].astype(np.int64)
    return fen, ~whole


def check_schemas(schemas: dict[str, tuple[str, dict]]) -> set[str]:
    """Judge each Table Schema descriptor, given by resource as (file, descriptor): one
    the fast path covers is well formed as far as any check relies on it; any other
    Frictionless judges, and is only then imported (a third of a second and 17 MB saved
    on every run that needs none). Returns the resources the fast path covers; raises
    ConfigError (exit 2) naming the file."""
    covered = set()
    for name, (relpath, descriptor) in schemas.items():
        if fast_path_gap(descriptor) is None:
            covered.add(name)
            continue
        from frictionless import FrictionlessException, Schema

        try:
            Schema.from_descriptor(descriptor)
        except (FrictionlessException, TypeError, ValueError) as exc:
            raise ConfigError("schema-invalid", path=relpath, detail=str(exc)) from exc
    return covered


def fast_resources(schemas: dict[str, dict], covered: set[str], engine: str = "auto") -> set[str]:
    """The resources the fast path checks: each it covers, when every resource tied
    to it by a foreign key is covered too (a key is checked on one path)."""
    if engine == "frictionless":
        return set()
    group = {name: {name} for name in schemas}
    for name, schema in schemas.items():
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"].get("resource") or name
            if target in group:
                joined = group[name] | group[target]
                for member in joined:
                    group[member] = joined
    return {name for name in schemas if group[name] <= covered}


def check_tables(
    tables: list[Checked],
    titles: dict[str, str] | None = None,
    fast: set[str] | None = None,
    collectors: dict[str, Any] | None = None,
    fingerprints: dict[str, str] | None = None,
    memo: dict[str, CheckedTable] | None = None,
) -> tuple[dict[str, Any], set[str], list[Problem]]:
    """Run the Table Schema checks on every table (foreign keys cross tables): the
    resources in ``fast`` on the fast path, the others through Frictionless.
    ``titles`` names the resources in messages (a foreign key's target, for one).

    Each resource's valid rows go to its collector (``collectors``, else a new
    TypedRows), a TypedChunk at a time. Returns the collectors, the names of
    resources that had any error, and the problems found.

    ``fingerprints`` (the content hash of each table's file) and ``memo`` let a
    repeated validation reuse the check of a table whose file, schema and foreign-key
    targets are unchanged (``gongshi serve``).
    """
    fast = fast or set()
    titles = titles or {}
    problems: list[Problem] = []
    shaped: dict[str, tuple[dict, Table | CsvFrames, list[int] | None]] = {}
    for name, schema, table in tables:
        kept, found = _shape(schema, table)
        problems.extend(found)
        # None: the header failed; a CsvFrames (checked whole) has no row list.
        if kept is not None or (isinstance(table, CsvFrames) and not found):
            shaped[name] = (schema, table, kept)
    invalid = {name for name, _, _ in tables if name not in shaped}
    collected = {name: (collectors or {}).get(name) or TypedRows() for name in shaped}

    def usable(fk: dict, name: str) -> bool:
        # A foreign key into a table that could not be read would flag every row;
        # that table's own error already says what is wrong.
        target = fk["reference"].get("resource", "")
        return target in ("", name) or target in shaped

    slow = {n: v for n, v in shaped.items() if n not in fast}
    if slow:
        for name, chunk, found in _check_with_frictionless(slow, usable, titles):
            collected[name].add(chunk)
            problems.extend(found)
            if found:
                invalid.add(name)
    lookups: dict[tuple[str, tuple[str, ...]], set[tuple]] = {}
    prints: dict[str, str] = {}
    for name in _targets_first({n: v[0] for n, v in shaped.items() if n in fast}):
        schema, table, kept = shaped[name]
        schema = {
            **schema,
            "foreignKeys": [fk for fk in schema.get("foreignKeys", []) if usable(fk, name)],
        }
        wanted = {
            tuple(fk["reference"]["fields"])
            for other, (other_schema, _, _) in shaped.items()
            for fk in other_schema.get("foreignKeys", [])
            if fk["reference"].get("resource") == name and other != name
        }
        targets = sorted({fk["reference"]["resource"] for fk in schema["foreignKeys"]} - {name})
        prints[name] = _fingerprint(
            name, schema, (fingerprints or {}).get(name), [prints.get(t) for t in targets], wanted
        )
        keep = memo is not None and bool(prints[name])
        result = memo.get(prints[name]) if keep else None
        if result is not None:  # unchanged since the last run: replay what it handed on
            for chunk in result.chunks:
                collected[name].add(chunk)
            if result.discarded:
                collected[name].discard(result.discarded)
        else:
            result = _check_fast(
                name, schema, table, kept, lookups, wanted, titles, collected[name], keep
            )
            if keep:
                memo[prints[name]] = result
        for key, values in result.keys.items():
            lookups[(name, key)] = values
        problems.extend(result.problems)
        if result.problems:
            invalid.add(name)
    return collected, invalid, problems


def _fingerprint(
    name: str, schema: dict, content: str | None, targets: list[str | None], wanted: set
) -> str:
    """What a table's check depends on: its file's content, its schema, the tables its
    foreign keys look into, the keys others look up in it. Empty when unknown."""
    if content is None or None in targets:
        return ""
    parts = [name, content, json.dumps(schema, sort_keys=True, default=str), *targets]
    parts.append(repr(sorted(wanted)))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _targets_first(schemas: dict[str, dict]) -> list[str]:
    """Referenced tables before the tables that refer to them (their keys are needed)."""
    order: list[str] = []

    def visit(name: str, seen: frozenset[str]) -> None:
        if name in order or name in seen:
            return
        for fk in schemas[name].get("foreignKeys", []):
            target = fk["reference"].get("resource")
            if target in schemas and target != name:
                visit(target, seen | {name})
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


def _check_fast(
    name: str,
    schema: dict,
    table: Table | CsvFrames,
    kept: list[int] | None,
    lookups: dict[tuple[str, tuple[str, ...]], set[tuple]],
    wanted: set[tuple[str, ...]],
    titles: dict[str, str],
    collector: Any,
    keep_chunks: bool,
) -> CheckedTable:
    """Check one table on the fast path, handing each chunk's valid rows to
    ``collector`` as they come (the chunks are kept too only for a cache)."""
    fk_lookups = {
        fk["reference"]["resource"]: lookups.get(
            (fk["reference"]["resource"], tuple(fk["reference"]["fields"])), set()
        )
        for fk in schema.get("foreignKeys", [])
    }
    check = fastcheck.TableCheck(schema, fk_lookups)
    fields = {f["name"]: f for f in schema["fields"]}
    result = CheckedTable([], [], set(), {key: set() for key in wanted})
    errors: list[fastcheck.SchemaError] = []
    for frame, text_only in _frames(table, kept):
        found, typed, valid = check.check(frame, text_only)
        errors.extend(found)
        for key in wanted:
            result.keys[key].update(fastcheck.key_values(typed, list(key)))
        rows = np.flatnonzero(valid)
        index = frame.index[rows]
        chunk = TypedChunk(index, {f: typed[f][rows] for f in fields})
        if check.packed_key is not None and len(rows) == len(frame):
            chunk.packed[check.primary_key[0]] = check.packed_key  # one array, two users
        collector.add(chunk)
        if keep_chunks:
            result.chunks.append(chunk)
    key_errors = check.finish()
    result.discarded = {e.index for e in key_errors}
    if result.discarded:
        collector.discard(result.discarded)
    errors.extend(key_errors)
    result.problems = [_problem_from(e, fields, schema, table, titles) for e in errors]
    return result


def _shape(schema: dict, table: Table | CsvFrames) -> tuple[list[int] | None, list[Problem]]:
    """Check the header and each row's length; return the indexes of rows to check
    (None for a CsvFrames, whose every row has the header's length)."""
    problems: list[Problem] = []
    fields = [f["name"] for f in schema["fields"]]
    titles = {f["name"]: f.get("title", f["name"]) for f in schema["fields"]}
    expected = ",".join(fields)
    header = table.header
    for name in fields:
        if name not in header:
            problems.append(
                problem(
                    "missing-column", table.file, 1, name, title=titles[name], expected=expected
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
    for index, cells in enumerate(table.rows):
        line = table.lines[index]
        if all(c is None or str(c).strip() == "" for c in cells):
            problems.append(problem("blank-row", table.file, line))
        elif len(cells) > len(header):
            problems.append(problem("extra-cell", table.file, line, count=len(cells) - len(header)))
        elif len(cells) < len(header):
            missing = header[len(cells)]
            problems.append(
                problem("missing-cell", table.file, line, missing, count=len(header) - len(cells))
            )
        else:
            kept.append(index)
    return kept, problems


def _check_with_frictionless(
    shaped: dict[str, tuple[dict, Table, list[int]]], usable: Any, titles: dict[str, str]
) -> Iterator[tuple[str, TypedChunk, list[Problem]]]:
    """The reference path: every table as inline rows of one Frictionless Package."""
    from frictionless import Package, Schema
    from frictionless.resources import TableResource

    resources = []
    for name, (schema, table, kept) in shaped.items():
        descriptor = deepcopy(schema)
        descriptor["foreignKeys"] = [
            fk for fk in descriptor.get("foreignKeys", []) if usable(fk, name)
        ]
        descriptor.pop("fieldsMatch", None)
        fields = [f["name"] for f in descriptor["fields"]]
        order = [table.header.index(f) for f in fields]
        data = [fields] + [[table.rows[i][j] for j in order] for i in kept]
        resources.append(
            TableResource(name=name, data=data, schema=Schema.from_descriptor(descriptor))
        )
    Package(resources=resources)  # gives each resource the others, for foreign keys

    for resource in resources:
        schema, table, kept = shaped[resource.name]
        fields = {f["name"]: f for f in schema["fields"]}
        index: list[int] = []
        values: list[dict] = []
        problems: list[Problem] = []
        at = kept[0] if kept else 0
        try:
            with resource:
                for row in resource.row_stream:
                    at = kept[row.row_number - 2]
                    for error in row.errors:
                        found = _from_frictionless(error, fields, schema, kept, at)
                        problems.append(_problem_from(found, fields, schema, table, titles))
                    if row.valid:
                        index.append(at)
                        values.append(row.to_dict())
        except ArithmeticError as exc:  # Frictionless 5 fails on "sNaN" in a number field
            line = table.lines[kept[kept.index(at) + 1]] if at in kept[:-1] else None
            problems.append(problem("schema-check-failed", table.file, line, detail=repr(exc)))
        columns = {
            name: np.fromiter((v.get(name) for v in values), dtype=object, count=len(values))
            for name in fields
        }
        yield resource.name, TypedChunk(np.array(index, dtype=np.int64), columns), problems


def _from_frictionless(
    error: Any, fields: dict[str, dict], schema: dict, kept: list[int], index: int
) -> fastcheck.SchemaError:
    """A Frictionless row error in the form both paths report from."""
    names = list(fields)
    cells = getattr(error, "cells", None) or []
    by_name = dict(zip(names, cells, strict=False))
    name = getattr(error, "field_name", None)
    if error.type == "constraint-error":
        match = _CONSTRAINT.search(error.note or "")
        constraint = match.group(1) if match else ""
        return fastcheck.SchemaError("constraint-error", index, name, error.cell, constraint)
    if error.type in ("primary-key", "unique-error"):
        match = _POSITION.search(error.note or "")
        other = kept[int(match.group(1)) - 2] if match else None
        keys = schema.get("primaryKey", []) if error.type == "primary-key" else [name]
        return fastcheck.SchemaError(
            error.type,
            index,
            keys[0],
            getattr(error, "cell", "") or "",
            other_index=other,
            cells={k: by_name.get(k, "") for k in keys},
        )
    if error.type == "foreign-key":
        for fk in schema.get("foreignKeys", []):
            fk_fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            if f'"{", ".join(fk_fields)}"' in (error.note or ""):
                return fastcheck.SchemaError(
                    "foreign-key",
                    index,
                    fk_fields[0],
                    by_name.get(fk_fields[0], ""),
                    cells={f: by_name.get(f, "") for f in fk_fields},
                )
    if error.type == "type-error":
        return fastcheck.SchemaError("type-error", index, name, error.cell)
    return fastcheck.SchemaError(
        error.type, index, name, getattr(error, "cell", "") or error.note or ""
    )


def _problem_from(
    error: fastcheck.SchemaError,
    fields: dict[str, dict],
    schema: dict,
    table: Table | CsvFrames,
    titles: dict[str, str],
) -> Problem:
    """Turn one schema error into a Problem at the staff file's line."""
    name = error.field
    line = table.line_of(error.index, name)
    field = fields.get(name or "", {})
    title = field.get("title", name)
    value = error.cell
    if error.kind == "type-error":
        kind = field.get("type", "string")
        return problem(
            "type-error",
            table.file,
            line,
            name,
            title=title,
            value=value,
            type=kind,
            type_zh=messages.TYPE_NAMES_ZH.get(kind, kind),
            hint=field.get("description", ""),
        )
    if error.kind == "constraint-error":
        constraint = error.constraint
        limit = field.get("constraints", {}).get(constraint, "")
        code = f"constraint-{constraint}"
        if code not in messages.MESSAGES:
            code = "constraint-error"
        allowed = "、".join(map(str, field.get("constraints", {}).get("enum", [])))
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
            detail=f'constraint "{constraint}" is "{limit}"',
            pattern=field.get("constraints", {}).get("pattern", ""),
            hint=field.get("description", ""),
        )
    if error.kind in ("primary-key", "unique-error"):
        keys = schema.get("primaryKey", [])
        other = table.lines[error.other_index] if error.other_index is not None else "?"
        return problem(
            error.kind,
            table.file,
            line,
            keys[0] if error.kind == "primary-key" else name,
            key_title="、".join(fields[k].get("title", k) for k in keys),
            key_fields=",".join(keys),
            value=" / ".join(error.cells.get(k, "") for k in keys)
            if error.kind == "primary-key"
            else value,
            other_line=other,
            title=title,
        )
    if error.kind == "foreign-key":
        target = ""
        for fk in schema.get("foreignKeys", []):
            fk_fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            if fk_fields[0] == name:
                target = fk["reference"].get("resource", "")
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


# --- from typed rows to records -------------------------------------------------


def source_of(table: Table | CsvFrames, index: int) -> Source:
    lines = table.field_lines[index] if table.field_lines else {}
    return Source(table.file, table.lines[index], tuple(sorted(lines.items())))


def build_records(
    project: Project,
    tables: dict[str, Table | CsvFrames],
    collected: dict[str, Any],
    invalid: set[str],
    keep_rows: bool = True,
) -> Records:
    """Make the domain records from the rows that passed the schema checks. Ledgers
    become LedgerColumns; their rows are also kept as records when ``keep_rows``."""
    records = Records(invalid_resources=set(invalid))
    for resource in project.resources:
        table = tables.get(resource.name)
        collector = collected.get(resource.name)
        records.titles[resource.name] = {
            f["name"]: f.get("title", f["name"]) for f in resource.schema.descriptor["fields"]
        }
        if resource.account:
            columns = collector.columns() if collector else None
            if columns is not None:
                records.ledgers[resource.account] = columns
            entries = columns.entries() if columns is not None and keep_rows else []
            records.entries.extend(entries)
            records.tables[resource.name] = [
                Record(resource.name, _ledger_values(e), e.source) for e in entries
            ]
            continue
        rows = collector.rows if collector else []
        records.tables[resource.name] = [
            Record(resource.name, values, source_of(table, i)) for i, values in rows
        ]
        if resource.name == "decisions":
            for i, v in rows:
                votes = {k: v.get(k) for k in OWNER_VOTE_FIELDS + COMMITTEE_VOTE_FIELDS}
                records.decisions[v["id"]] = Decision(
                    id=v["id"],
                    date=v["date"],
                    body=v["body"],
                    matter=v.get("matter"),
                    title=v["title"],
                    summary=v["summary"],
                    result=v["result"],
                    votes=votes,
                    source=source_of(table, i),
                )
    return records


def _ledger_values(entry: LedgerEntry) -> dict[str, Any]:
    """An entry's fields as the schema names them (the downloads write these)."""
    return {
        "voucher": entry.voucher,
        "date": entry.date,
        "type": entry.type,
        "category": entry.category,
        "amount": entry.amount,
        "counterparty": entry.counterparty,
        "description": entry.description or None,
        "decision": entry.decision,
    }


# --- the two settings files -------------------------------------------------------


def accounts_tables(doc: Document) -> tuple[Table | None, Table | None, list[Problem]]:
    """Flatten ledgers/accounts.yaml into an accounts table and an assertions table."""
    if not isinstance(doc.data, dict):
        return None, None, [problem("accounts-not-mapping", doc.file, doc.line())]
    problems: list[Problem] = []
    account_fields = ["id", "name", "opened", "closed", "opening_balance"]
    accounts = Table(doc.file, account_fields, [], [], [])
    assertions = Table(doc.file, ["account", "date", "balance"], [], [], [])
    for account_id, body in doc.data.items():
        line = doc.line(account_id) or 1
        if not isinstance(body, dict):
            problems.append(problem("accounts-not-mapping", doc.file, line))
            continue
        for key in body:
            if key not in (*account_fields[1:], "assertions"):
                problems.append(
                    problem(
                        "unknown-field",
                        doc.file,
                        doc.line(account_id, key),
                        key,
                        expected="name、opened、closed、opening_balance、assertions",
                    )
                )
        accounts.rows.append([account_id, *(body.get(k) for k in account_fields[1:])])
        accounts.lines.append(line)
        accounts.field_lines.append({k: doc.line(account_id, k) for k in body} | {"id": line})
        items = body.get("assertions") or []
        if not isinstance(items, list):
            problems.append(
                problem("assertions-not-list", doc.file, doc.line(account_id, "assertions"))
            )
            continue
        for n, item in enumerate(items):
            item_line = doc.line(account_id, "assertions", n) or line
            if not isinstance(item, dict):
                problems.append(problem("assertions-not-list", doc.file, item_line))
                continue
            for key in item:
                if key not in ("date", "balance"):
                    problems.append(
                        problem(
                            "unknown-field",
                            doc.file,
                            doc.line(account_id, "assertions", n, key),
                            key,
                            expected="date、balance",
                        )
                    )
            assertions.rows.append([account_id, item.get("date"), item.get("balance")])
            assertions.lines.append(item_line)
            assertions.field_lines.append(
                {k: doc.line(account_id, "assertions", n, k) for k in item}
            )
    return accounts, assertions, problems


def add_accounts(
    records: Records, accounts: Table, assertions: Table, collected: dict[str, Any]
) -> None:
    for i, v in collected["accounts"].rows if "accounts" in collected else []:
        records.accounts[v["id"]] = Account(
            v["id"],
            v["name"],
            v["opened"],
            v.get("closed"),
            v["opening_balance"],
            source_of(accounts, i),
        )
    records.assertions.extend(
        BalanceAssertion(v["account"], v["date"], v["balance"], source_of(assertions, i))
        for i, v in (collected["assertions"].rows if "assertions" in collected else [])
    )


_COMMUNITY_TEXT = {
    ("name",): "小区简称",
    ("full_name",): "小区全称",
    ("address",): "地址",
    ("neighbourhood_committee",): "所属居委会",
    ("property_company", "name"): "物业服务企业",
    ("property_company", "service_phone"): "物业服务电话",
    ("owners_committee", "name"): "业主委员会名称",
    ("party_branch", "name"): "党支部名称",
}


def read_community(doc: Document) -> tuple[Community | None, list[Problem]]:
    """Check community.yaml and turn it into settings; every problem names its key."""
    file = COMMUNITY
    data = doc.data
    if not isinstance(data, dict):
        return None, [problem("yaml-not-mapping-doc", file, 1)]
    problems: list[Problem] = []

    def get(*path: str) -> Any:
        value: Any = data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    for path, title in _COMMUNITY_TEXT.items():
        value = get(*path)
        if value is None:
            problems.append(
                problem("community-missing", file, doc.line(*path), ".".join(path), title=title)
            )
        elif not isinstance(value, str):
            problems.append(problem("community-not-text", file, doc.line(*path), ".".join(path)))

    threshold_raw = get("ledger", "cost_threshold")
    threshold = _decimal(threshold_raw)
    if threshold is None or threshold <= 0:
        problems.append(
            problem(
                "community-bad-amount",
                file,
                doc.line("ledger", "cost_threshold"),
                "ledger.cost_threshold",
                value=threshold_raw or "",
            )
        )
    size_raw = get("owners_committee", "size")
    size = (
        int(size_raw)
        if isinstance(size_raw, str) and size_raw.isdigit() and int(size_raw) > 0
        else None
    )
    if size is None:
        problems.append(
            problem(
                "community-bad-integer",
                file,
                doc.line("owners_committee", "size"),
                "owners_committee.size",
                value=size_raw or "",
            )
        )
    rule_parts = {}
    for key in ("quorum", "approval"):
        term = get("owners_committee", "meeting_rule", key)
        if term not in THRESHOLDS:
            problems.append(
                problem(
                    "community-bad-threshold",
                    file,
                    doc.line("owners_committee", "meeting_rule", key),
                    f"owners_committee.meeting_rule.{key}",
                    value=term or "",
                    allowed="、".join(THRESHOLDS),
                )
            )
        else:
            rule_parts[key] = THRESHOLDS[term]
    approval_of = get("owners_committee", "meeting_rule", "approval_of") or "all"
    if approval_of not in ("all", "present"):
        problems.append(
            problem(
                "community-bad-choice",
                file,
                doc.line("owners_committee", "meeting_rule", "approval_of"),
                "owners_committee.meeting_rule.approval_of",
                value=approval_of,
                allowed="all（全体委员）、present（出席委员）",
            )
        )
    if problems:
        return None, problems
    return Community(
        name=data["name"],
        full_name=data["full_name"],
        address=data["address"],
        property_company=data["property_company"],
        owners_committee=data["owners_committee"],
        party_branch=data["party_branch"],
        neighbourhood_committee=data["neighbourhood_committee"],
        cost_threshold=threshold,
        committee_size=size,
        committee_rule=CommitteeRule(rule_parts["quorum"], rule_parts["approval"], approval_of),
        source=Source(
            file,
            1,
            tuple((".".join(map(str, k)), v) for k, v in sorted(doc.lines.items(), key=str) if k),
        ),
    ), []


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


__all__ = [
    "ACCOUNTS",
    "accounts_tables",
    "add_accounts",
    "build_records",
    "check_tables",
    "fast_path_gap",
    "read_community",
]
