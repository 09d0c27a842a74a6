"""Plain consistency rules for the other records: dates, periods and counts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from builder.core import resources as R
from builder.core import voice
from builder.core.model import Record, Records
from builder.core.problems import Problem, problem
from builder.messages.commands import PLACEHOLDER
from builder.rules import RuleContext, ledger_texts, text_values, voucher_texts

# Records that describe something that has happened, so cannot be dated after today.
# (Ledger entries are checked with their account; notices may be prepared ahead.)
# An optional date is checked when given; a record its exemption (below) calls
# planned is not checked at all.
_DATED = (
    (R.DECISIONS, "date"),
    (R.FUND_USES, "date"),
    (R.BRANCH_MEETINGS, "date"),
    *((R.WISHES, name) for name in voice.WISH_DATES),
    (R.JOINT_MEETINGS, "date"),
    (R.VOLUNTEER_SERVICE, "date"),
)
# Records that say in a field that they are planned, and may be dated ahead.
_PLANNED: dict[str, Callable[[Record], bool]] = {R.JOINT_MEETINGS: voice.planned}
_PERIODS = (
    (R.BRANCH_NOTICES, "start", "end", "notice-end-before-start"),
    (R.COMMITTEE_MEMBERS, "term_start", "term_end", "term-end-before-start"),
)
# Ids that become a page's address (committee/decisions/<id>.md). The sample's schema
# gives them a pattern; a community's own schema may not, so the rule holds anyway.
_ADDRESSED = ((R.DECISIONS, "id"),)
# One path segment: letters, digits, "-", "_", "." inside, no leading dot, never "..".
_PATH_NAME = re.compile(r"[^\W_][\w.-]{0,99}")
_COUNTS = (
    (R.BRANCH_DUES, "paid_members", "members"),
    (R.PROPERTY_PERFORMANCE, "within_pledge", "received"),
)


def check_ids_are_path_names(records: Records, context: RuleContext) -> Iterator[Problem]:
    """An id that becomes a page's address is one plain path segment: a "/" or ".."
    in it would put the page somewhere else on the site, or outside it."""
    for resource, name in _ADDRESSED:
        for record in records.table(resource):
            value = record[name]
            if not _PATH_NAME.fullmatch(value) or ".." in value:
                yield problem(
                    "id-not-path-name",
                    record.source.file,
                    record.source.line_of(name),
                    name,
                    value=value,
                )


def check_dates_not_future(records: Records, context: RuleContext) -> Iterator[Problem]:
    for resource, name in _DATED:
        planned = _PLANNED.get(resource)
        for record in records.table(resource):
            value = record.values.get(name)
            if value is None or (planned is not None and planned(record)):
                continue
            if value > context.today:
                yield problem(
                    "date-in-future",
                    record.source.file,
                    record.source.line_of(name),
                    name,
                    value=record[name],
                    today=context.today,
                )


def check_periods(records: Records, context: RuleContext) -> Iterator[Problem]:
    for resource, start, end, code in _PERIODS:
        for record in records.table(resource):
            if record[end] < record[start]:
                yield problem(
                    code,
                    record.source.file,
                    record.source.line_of(end),
                    end,
                    start=record[start],
                    end=record[end],
                )


def check_counts(records: Records, context: RuleContext) -> Iterator[Problem]:
    for resource, part, whole in _COUNTS:
        titles = records.titles.get(resource, {})
        for record in records.table(resource):
            if record[part] > record[whole]:
                yield problem(
                    "count-exceeds",
                    record.source.file,
                    record.source.line_of(part),
                    part,
                    title=titles.get(part, part),
                    value=record[part],
                    other_field=whole,
                    other_title=titles.get(whole, whole),
                    other=record[whole],
                )


# The code of the warning below (written out in the call, where the message catalogue's
# tests read it); pipeline.unpublishable stops a build on it.
PLACEHOLDER_CODE = "placeholder-text"


def check_placeholders(records: Records, context: RuleContext) -> Iterator[Problem]:
    """A record still holding a fill-in hint is reported (a warning: a new project
    builds as created, but the hint must not reach residents unnoticed)."""

    def hint(file: str, line: int, name: str, text: str) -> Problem:
        return problem(
            "placeholder-text", file, line, name, severity="warning", value=text.strip()[:40]
        )

    for file, line, name, text in text_values(records):
        if PLACEHOLDER in text:
            yield hint(file, line, name, text)
    for columns, name, text, rows in ledger_texts(records):
        if PLACEHOLDER in text:
            for position in rows().tolist():
                yield hint(columns.file, columns.source(position).line_of(name), name, text)
    for columns in records.ledgers.values():
        for position, voucher in voucher_texts(columns, None):
            if PLACEHOLDER in voucher:
                yield hint(
                    columns.file, columns.source(position).line_of("voucher"), "voucher", voucher
                )
