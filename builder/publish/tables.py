"""The tables the downloads publish: every resource (only its public rows and fields;
none of the parts of other records, ``disclosure.is_part``),
the two tables of ``ledgers/accounts.yaml`` — the accounts with their opening
balances, and the balance assertions — so that every closing balance and assertion
can be recomputed from the downloads alone, and the owners' register of
``community.yaml`` (the totals every owners' vote is a share of).

The accounts' tables are published field by field as their schemas name them, for
every account and every assertion Records holds, whatever kind of account it is.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from builder.core import disclosure
from builder.core.model import Records, register_values
from builder.core.resources import PUBLISHED_ACCOUNTS, PUBLISHED_ASSERTIONS, PUBLISHED_REGISTER
from builder.core.schema import Field, TableSchema
from builder.load.project import Project
from builder.load.settings import ASSERTION_FIELDS
from builder.messages.site import SETTINGS_TABLES

ACCOUNTS = PUBLISHED_ACCOUNTS
ASSERTIONS = PUBLISHED_ASSERTIONS
REGISTER = PUBLISHED_REGISTER


@dataclass(frozen=True)
class PublishedTable:
    """One table as the downloads publish it.

    Attributes:
        name: the published resource's name, and its file's (``<name>.csv``).
        title, description: what the table holds, in Chinese ("" when undescribed).
        fields: the published fields, in order.
        descriptor: the published Table Schema.
        rows: each row's values by field name.
    """

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    descriptor: dict[str, Any]
    rows: list[dict[str, Any]]


def published_schema(schema: TableSchema) -> dict[str, Any]:
    """The descriptor of the published table: scoped tables lose their id and scope, and
    a personal field is not required (``core.personal.published`` empties it once its
    end date has passed: the published CSV must still be valid for the stock tool)."""
    descriptor = deepcopy(dict(schema.descriptor))
    for spec in descriptor.get("fields", []):
        if isinstance(spec, dict) and spec.get("personal") is True:
            constraints = spec.get("constraints")
            if isinstance(constraints, dict):
                constraints.pop("required", None)
                if not constraints:
                    spec.pop("constraints")
    if disclosure.is_scoped(schema):
        kept = disclosure.published_fields(schema)
        descriptor["fields"] = [f for f in descriptor["fields"] if f["name"] in kept]
        if set(schema.primary_key) - set(kept):
            descriptor.pop("primaryKey", None)
        descriptor.pop("foreignKeys", None)
    return descriptor


def published_tables(project: Project, records: Records) -> list[PublishedTable]:
    """The resources in the data package's order, then the accounts (ledger and fund
    alike), the assertions and the owners' register (when the project has its schema)."""
    tables = []
    for resource in project.resources:
        if disclosure.is_part(resource.name):
            continue
        kept = disclosure.published_fields(resource.schema)
        descriptor = published_schema(resource.schema)
        tables.append(
            PublishedTable(
                resource.name,
                resource.title,
                str(descriptor.get("description", "")),
                tuple(f for f in resource.schema.fields if f.name in kept),
                descriptor,
                [
                    r.values
                    for r in disclosure.public_rows(records.table(resource.name), resource.schema)
                ],
            )
        )
    accounts = _settings_table(ACCOUNTS, project.account_schema, records.all_accounts.values())
    assertions = _settings_table(ASSERTIONS, project.assertion_schema, records.assertions)
    # Every assertion belongs to an account of the same file: let the stock tool see it.
    if ASSERTION_FIELDS[0] in project.assertion_schema.names and project.account_schema.primary_key:
        assertions.descriptor["foreignKeys"] = [
            {
                "fields": [ASSERTION_FIELDS[0]],
                "reference": {
                    "resource": ACCOUNTS,
                    "fields": list(project.account_schema.primary_key),
                },
            }
        ]
    published = [*tables, accounts, assertions]
    if project.register_schema is not None:
        title, description = SETTINGS_TABLES[REGISTER]
        schema = project.register_schema
        rows = [register_values(count) for count in records.register]
        descriptor = deepcopy(dict(schema.descriptor))
        published.append(
            PublishedTable(REGISTER, title, description, schema.fields, descriptor, rows)
        )
    return published


def _settings_table(name: str, schema: TableSchema, items: Any) -> PublishedTable:
    """A table of accounts.yaml: each record's attributes named as its schema's fields
    (an attribute a record lacks is published empty)."""
    title, description = SETTINGS_TABLES[name]
    descriptor = deepcopy(dict(schema.descriptor))
    rows = [{f.name: getattr(item, f.name, None) for f in schema.fields} for item in items]
    return PublishedTable(name, title, description, schema.fields, descriptor, rows)
