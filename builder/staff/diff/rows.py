"""Comparing the records of each resource, row by row, by primary key.

Privacy: rows whose ``scope`` is not public are never shown; of them a count of changed
records is kept and nothing else (no ids, titles, topics or field values).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from builder import messages
from builder.core import resources as R
from builder.core.disclosure import is_public, is_scoped
from builder.core.model import Records
from builder.core.schema import TableSchema
from builder.load.project import ACCOUNTS
from builder.pipeline import Validation
from builder.staff.diff.model import FieldChange, ResourceDiff, Row, RowChange
from builder.staff.diff.words import Key, brief

Values = dict[str, Any]


def compare_resources(before: Validation, after: Validation) -> list[ResourceDiff]:
    """Every resource of either side (head's order first), plus the accounts settings."""
    result = []
    names = [r.name for r in after.project.resources]
    names += [r.name for r in before.project.resources if r.name not in names]
    for name in names:
        resource = after.project.resource(name) or before.project.resource(name)
        assert resource is not None  # the name came from one of the two projects
        result.append(
            compare_rows(
                name,
                resource.title,
                resource.file,
                resource.schema,
                [r.values for r in before.records.table(name)],
                [r.values for r in after.records.table(name)],
                incomplete=_incomplete(name, before.records, after.records),
            )
        )
    # ledgers/accounts.yaml is a settings file, not a resource; its records matter as much.
    accounts = messages.render("diff-accounts-title", {})[0]
    assertions = messages.render("diff-assertions-title", {})[0]
    for name, title, schema, rows in (
        (R.ACCOUNTS, accounts, after.project.account_schema, _account_rows),
        (R.ASSERTIONS, assertions, after.project.assertion_schema, _assertion_rows),
    ):
        result.append(
            compare_rows(
                name,
                title,
                ACCOUNTS,
                schema,
                rows(before.records),
                rows(after.records),
                incomplete=_incomplete(name, before.records, after.records),
            )
        )
    return result


def _account_rows(records: Records) -> list[Values]:
    return [
        {
            "id": a.id,
            "name": a.name,
            "opened": a.opened,
            "closed": a.closed,
            "opening_balance": a.opening_balance,
            "kind": a.kind,
        }
        for a in records.all_accounts.values()
    ]


def _assertion_rows(records: Records) -> list[Values]:
    return [
        {"account": a.account, "date": a.date, "balance": a.balance} for a in records.assertions
    ]


def _incomplete(name: str, before: Records, after: Records) -> tuple[str, ...]:
    return tuple(
        side for side, records in (("base", before), ("head", after)) if not records.complete(name)
    )


def compare_rows(
    name: str,
    title: str,
    file: str,
    schema: TableSchema,
    before: list[Values],
    after: list[Values],
    incomplete: tuple[str, ...] = (),
) -> ResourceDiff:
    """Rows of one resource, compared by the schema's primary key (a multiset of rows
    when it has none). Rows of a scoped table (``disclosure.is_scoped``) that are not
    public are only counted."""
    key_fields = schema.primary_key
    scoped = is_scoped(schema)
    public_before = [r for r in before if not scoped or is_public(r)]
    public_after = [r for r in after if not scoped or is_public(r)]
    internal_before = [r for r in before if scoped and not is_public(r)]
    internal_after = [r for r in after if scoped and not is_public(r)]

    def make_row(key: Key | None, values: Values) -> Row:
        return Row(key, values, brief(values, schema.names, key_fields))

    if not key_fields:
        added, removed = _multiset_difference(public_before, public_after)
        internal_added, internal_removed = _multiset_difference(internal_before, internal_after)
        return ResourceDiff(
            name,
            title,
            file,
            (),
            tuple(make_row(None, v) for v in added),
            tuple(make_row(None, v) for v in removed),
            (),
            len(internal_added) + len(internal_removed),
            incomplete,
        )

    old, new = _keyed(public_before, key_fields), _keyed(public_after, key_fields)
    changed = [
        RowChange(key, brief(row, schema.names, key_fields), _field_changes(schema, old[key], row))
        for key, row in new.items()
        if key in old and old[key] != row
    ]
    old_internal = _keyed(internal_before, key_fields)
    new_internal = _keyed(internal_after, key_fields)
    internal = sum(
        1
        for key in old_internal.keys() | new_internal.keys()
        if old_internal.get(key) != new_internal.get(key)
    )
    return ResourceDiff(
        name,
        title,
        file,
        key_fields,
        tuple(make_row(k, v) for k, v in new.items() if k not in old),
        tuple(make_row(k, v) for k, v in old.items() if k not in new),
        tuple(changed),
        internal,
        incomplete,
    )


def _keyed(rows: list[Values], key_fields: tuple[str, ...]) -> dict[Key, Values]:
    """Rows by their key; of rows with the same key, the first."""
    result: dict[Key, Values] = {}
    for row in rows:
        result.setdefault(tuple(row.get(k) for k in key_fields), row)
    return result


def _field_changes(schema: TableSchema, old: Values, new: Values) -> tuple[FieldChange, ...]:
    """The fields that differ: the schema's in its order, then any others."""
    names = list(schema.names) + [n for n in {**old, **new} if n not in schema.names]
    return tuple(
        FieldChange(n, schema.title(n), old.get(n), new.get(n))
        for n in names
        if old.get(n) != new.get(n)
    )


def _multiset_difference(
    before: list[Values], after: list[Values]
) -> tuple[list[Values], list[Values]]:
    """Rows added and rows removed, counting repeats (rows without a key)."""
    counts_before = Counter(_frozen(r) for r in before)
    counts_after = Counter(_frozen(r) for r in after)
    added = [dict(v) for v in (counts_after - counts_before).elements()]
    removed = [dict(v) for v in (counts_before - counts_after).elements()]
    return added, removed


def _frozen(row: Values) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(row.items()))
