"""What may be published: the one home of the "is this public" decision.

Party-branch records carry a ``scope``, one of the ranges the party-affairs openness
regulation distinguishes (as the reference's notes restate its structure; no article of
it is cited for them): ``public`` to society, ``party`` within the party,
``organisation`` within an organisation or area, ``specific`` to specific organisations
or people, and the older ``internal`` (not public, range unsaid). Only openness to
society (``public``) is published. A record of any other range is validated but never
reaches a page, a download, a search entry or a published report, and a published
table of scoped records leaves out the ``id`` and ``scope`` columns, because gaps in
the id sequence would count the internal records.
Records without a scope (every other kind) are public. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from builder.core.resources import PARTS

if TYPE_CHECKING:
    from builder.core.problems import Problem
    from builder.core.schema import TableSchema

SCOPE_FIELD = "scope"
PUBLIC_SCOPE = "public"
# The ranges that are not openness to society, and the older value that names none.
NON_PUBLIC_RANGES = ("party", "organisation", "specific")
LEGACY_SCOPE = "internal"
SCOPES = (PUBLIC_SCOPE, *NON_PUBLIC_RANGES, LEGACY_SCOPE)
# The steps of proactive disclosure (party-affairs openness regulation Art. 15: 提出,
# 审核, 审批), in their order: each a body (who) and a date (when).
STEPS = (
    ("proposed", "proposed_by", "proposed_on"),
    ("reviewed", "reviewed_by", "reviewed_on"),
    ("approved", "approved_by", "approved_on"),
)
STEP_FIELDS = tuple(name for _, by, on in STEPS for name in (by, on))
# Columns a published table of scoped records leaves out.
UNPUBLISHED_WHEN_SCOPED = ("id", SCOPE_FIELD)


class _HasValues(Protocol):
    @property
    def values(self) -> Mapping[str, Any]: ...


class _HasSchema(Protocol):
    @property
    def name(self) -> str: ...
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


def is_part(resource: str) -> bool:
    """True for a table whose rows are parts of another table's records (the persons a
    notice is about, ``core.resources.PARTS``). A part is published only on its record's
    pages, while the record is public, and never as a downloadable table: a list of the
    persons named in every notice would serve no check an auditor makes, and would keep
    copies of personal details that the pages take down when their period ends."""
    return resource in PARTS


def withheld_files(resources: Iterable[_HasSchema]) -> frozenset[str]:
    """The files of scoped tables and of their parts: a problem found in one could
    describe an internal record, so it stays in CI and out of the published report."""
    return frozenset(r.file for r in resources if is_scoped(r.schema) or is_part(r.name))


def publishable_problems(problems: Iterable[Problem], withheld: frozenset[str]) -> list[Problem]:
    """The problems a published report may show (none from a withheld file)."""
    return [p for p in problems if p.file not in withheld]


@dataclass(frozen=True)
class Step:
    """One recorded step of a disclosure: which (proposed, reviewed, approved), the body
    that took it, and when (either may be missing in an older record)."""

    step: str
    body: str | None
    on: date | None


def has_steps(names: Iterable[str]) -> bool:
    """True when a table with these fields records the Art. 15 steps of its items."""
    return set(STEP_FIELDS) <= set(names)


def steps(values: Mapping[str, Any]) -> list[Step]:
    """The steps a record states (a body or a date), in their order."""
    found = (Step(step, values.get(by), values.get(on)) for step, by, on in STEPS)
    return [s for s in found if s.body or s.on]


def missing_steps(values: Mapping[str, Any]) -> list[str]:
    """The step fields a record leaves empty, in their order."""
    return [name for name in STEP_FIELDS if values.get(name) in (None, "")]


def steps_out_of_order(
    values: Mapping[str, Any], published: str | None = None
) -> list[tuple[str, str]]:
    """Each pair of dated steps (earlier field, later field) whose dates run backwards:
    a step cannot come before the one it follows (same day is in order). ``published``
    names the field of the day the item went public (a notice's ``start``), which is
    the last step: the approved plan is carried out (实施) after it is approved."""
    fields = [on for _, _, on in STEPS] + ([published] if published else [])
    dated = [(name, values[name]) for name in fields if values.get(name) is not None]
    return [(a, b) for (a, da), (b, db) in pairwise(dated) if db < da]


NoticeStatus = Literal["upcoming", "active", "ended"]


def notice_status(start: date, end: date, build_date: date) -> NoticeStatus:
    """Where a notice is in its public period on the build date: upcoming, active
    (公示中) or ended ("届满" includes the end day itself)."""
    if build_date < start:
        return "upcoming"
    return "active" if build_date <= end else "ended"
