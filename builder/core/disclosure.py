"""What may be published: the one home of the "is this public" decision.

Party-branch records carry a ``scope``, one of the ranges the party-affairs openness
regulation names; only openness to society (``public``) is published. A record of any
other range is validated but never reaches a page, a download, a search entry or a
published report, and a published table of scoped records leaves out the ``id`` and
``scope`` columns, because gaps in the id sequence would count the internal records.
Records without a scope (every other kind) are public. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

if TYPE_CHECKING:
    from builder.core.problems import Problem
    from builder.core.schema import TableSchema

SCOPE_FIELD = "scope"
PUBLIC_SCOPE = "public"
# Columns a published table of scoped records leaves out.
UNPUBLISHED_WHEN_SCOPED = ("id", SCOPE_FIELD)


class _HasValues(Protocol):
    @property
    def values(self) -> Mapping[str, Any]: ...


class _HasSchema(Protocol):
    @property
    def file(self) -> str: ...
    @property
    def schema(self) -> TableSchema: ...


_Row = TypeVar("_Row", bound=_HasValues)


def is_public(values: Mapping[str, Any]) -> bool:
    """True when a row (its values by field name) may be published."""
    return values.get(SCOPE_FIELD, PUBLIC_SCOPE) == PUBLIC_SCOPE


def public_only(records: Iterable[_Row]) -> list[_Row]:
    """The records (anything with ``values``) that may be published, in their order."""
    return [record for record in records if is_public(record.values)]


def is_scoped(schema: TableSchema) -> bool:
    """True when the table's rows carry a disclosure scope, so some of them may be
    internal. ``scope`` means the disclosure range in every table; the owners a vote
    or a fund use concerns are ``voting_scope`` and ``works_scope``, so that no field
    is read two ways."""
    return SCOPE_FIELD in schema.names


def public_rows(records: Iterable[_Row], schema: TableSchema) -> list[_Row]:
    """The records of a table with this schema that may be published, in their order:
    all of them unless the table is scoped (``is_scoped``)."""
    return public_only(records) if is_scoped(schema) else list(records)


def published_fields(schema: TableSchema) -> tuple[str, ...]:
    """The columns a published copy of the table has."""
    if not is_scoped(schema):
        return schema.names
    return tuple(name for name in schema.names if name not in UNPUBLISHED_WHEN_SCOPED)


def withheld_files(resources: Iterable[_HasSchema]) -> frozenset[str]:
    """The files of scoped tables: a problem found in one could describe an internal
    record, so it stays in CI and out of the published report."""
    return frozenset(r.file for r in resources if is_scoped(r.schema))


def publishable_problems(problems: Iterable[Problem], withheld: frozenset[str]) -> list[Problem]:
    """The problems a published report may show (none from a withheld file)."""
    return [p for p in problems if p.file not in withheld]


NoticeStatus = Literal["upcoming", "active", "ended"]


def notice_status(start: date, end: date, build_date: date) -> NoticeStatus:
    """Where a notice is in its public period on the build date: upcoming, active
    (公示中) or ended ("届满" includes the end day itself)."""
    if build_date < start:
        return "upcoming"
    return "active" if build_date <= end else "ended"
