"""The wish list (微心愿): a wish's status and what it needs. A claimed or done wish
names its claimant (a party member's wish under their party group's name, not their
own), a done wish its done date (and only a done wish has one), a
declined wish its reason; its dates are in order (collected, claimed, done). Dates
after today are the future-date guard's (rules/records.py)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from builder.core import resources as R
from builder.core import voice
from builder.core.model import Records
from builder.core.problems import Problem, problem
from builder.rules import RuleContext

_NEEDS_CLAIMANT = frozenset({voice.WISH_CLAIMED, voice.WISH_DONE})


def check_wish_status(records: Records, context: RuleContext) -> Iterator[Problem]:
    for wish in records.table(R.WISHES):
        values, source = wish.values, wish.source
        status = values["status"]
        if status in _NEEDS_CLAIMANT:
            for name in ("claimant_kind", "claimant"):
                if not values.get(name):
                    line = source.line_of(name) or source.line_of("status")
                    yield problem("wish-no-claimant", source.file, line, name, status=status)
                    break
        kind, claimant = values.get("claimant_kind"), values.get("claimant")
        if (
            kind == voice.CLAIMANT_PARTY_MEMBER
            and claimant
            and voice.PARTY_GROUP_MARK not in claimant
        ):
            yield problem(
                "wish-claimant-person",
                source.file,
                source.line_of("claimant"),
                "claimant",
                severity="warning",
                value=claimant,
            )
        if status == voice.WISH_DONE and values.get("done") is None:
            line = source.line_of("done") or source.line_of("status")
            yield problem("wish-done-no-date", source.file, line, "done")
        if status != voice.WISH_DONE and values.get("done") is not None:
            yield problem(
                "wish-done-date-not-done",
                source.file,
                source.line_of("done"),
                "done",
                value=values["done"],
                status=status,
            )
        if status == voice.WISH_DECLINED and not values.get("reason"):
            line = source.line_of("reason") or source.line_of("status")
            yield problem("wish-declined-no-reason", source.file, line, "reason")


def check_wish_dates(records: Records, context: RuleContext) -> Iterator[Problem]:
    titles = records.titles.get(R.WISHES, {})
    for wish in records.table(R.WISHES):
        given = [(n, wish.values[n]) for n in voice.WISH_DATES if wish.values.get(n)]
        for (earlier, before), (later, after) in pairwise(given):
            if after < before:
                yield problem(
                    "wish-dates-order",
                    wish.source.file,
                    wish.source.line_of(later),
                    later,
                    title=titles.get(later, later),
                    value=after,
                    other_field=earlier,
                    other_title=titles.get(earlier, earlier),
                    other=before,
                )
