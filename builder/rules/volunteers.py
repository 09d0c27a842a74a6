"""Volunteer service (志愿服务): a row that names a volunteer counts that person alone.
The name is a personal detail (``personal: true``): its basis — the person's consent,
the only one the schema allows — is checked with every other record's
(rules/personal_basis.py), and the site shows a person's points only from the
published records (core/personal.py)."""

from __future__ import annotations

from collections.abc import Iterator

from builder.core import resources as R
from builder.core.model import Records
from builder.core.problems import Problem, problem
from builder.rules import RuleContext


def check_volunteer_person(records: Records, context: RuleContext) -> Iterator[Problem]:
    for row in records.table(R.VOLUNTEER_SERVICE):
        if row.values.get("volunteer") and row["people"] != 1:
            yield problem(
                "volunteer-person-not-alone",
                row.source.file,
                row.source.line_of("people"),
                "people",
                value=row["people"],
            )
