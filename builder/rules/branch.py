"""The party branch's disclosure ranges and steps.

A record whose range is the older ``internal`` is valid (it is not published), but the
regulation distinguishes the ranges that are not openness to society, so a warning
names them. A disclosed (``public``) item of a table that records the steps of
proactive disclosure (party-affairs openness regulation Art. 15: proposed, reviewed,
approved) states each step's body and date: an older record may lack them (a warning
names what is missing), and the dates must run in order, the approval on or before the
day the item went public (an error).
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.core import disclosure
from builder.core.model import Records
from builder.core.problems import Problem, problem
from builder.messages.problems import CODE_MEANING
from builder.messages.site import VALUE_LABELS
from builder.rules import RuleContext

# The field that holds the day a record went public, for the tables that have one.
_PUBLISHED_ON = {"start"}
_LIST = "、"


def _ranges() -> str:
    labels = VALUE_LABELS[disclosure.SCOPE_FIELD]
    return _LIST.join(
        CODE_MEANING.format(code=code, meaning=labels[code])
        for code in disclosure.NON_PUBLIC_RANGES
    )


def check_disclosure(records: Records, context: RuleContext) -> Iterator[Problem]:
    for resource in sorted(records.tables):
        titles = records.titles.get(resource, {})
        if disclosure.SCOPE_FIELD not in titles:
            continue
        with_steps = disclosure.has_steps(titles)
        published = next((name for name in _PUBLISHED_ON if name in titles), None)
        for record in records.table(resource):
            values, source = record.values, record.source
            if values.get(disclosure.SCOPE_FIELD) == disclosure.LEGACY_SCOPE:
                yield problem(
                    "scope-internal-unspecified",
                    source.file,
                    source.line_of(disclosure.SCOPE_FIELD),
                    disclosure.SCOPE_FIELD,
                    severity="warning",
                    ranges=_ranges(),
                )
            if not with_steps:
                continue
            missing = disclosure.missing_steps(values)
            if missing and disclosure.is_public(values):
                yield problem(
                    "disclosure-steps-missing",
                    source.file,
                    source.line_of(missing[0]),
                    missing[0],
                    severity="warning",
                    missing=_LIST.join(titles.get(name, name) for name in missing),
                    missing_en=", ".join(missing),
                )
            for earlier, later in disclosure.steps_out_of_order(values, published):
                yield problem(
                    "disclosure-steps-out-of-order",
                    source.file,
                    source.line_of(later),
                    later,
                    later_title=titles.get(later, later),
                    later_value=values[later],
                    earlier=earlier,
                    earlier_title=titles.get(earlier, earlier),
                    earlier_value=values[earlier],
                )
