"""What a change does beyond its rows: each account's yearly figures, the decisions
with the result the rules compute, the notices that enter their public period, and
the validation errors it brings or mends."""

from __future__ import annotations

from collections import Counter
from datetime import date

from builder.core import resources as R
from builder.core.disclosure import notice_status, public_only
from builder.core.ledger import AccountYear, account_years
from builder.core.model import Records
from builder.core.problems import Problem
from builder.rules.decisions import decision_outcome
from builder.staff.diff.model import DecisionCheck, Figures, LedgerYear, NoticeEntry


def compare_ledgers(before: Records, after: Records, today: date) -> tuple[LedgerYear, ...]:
    """Each account's years whose opening, income, cost, uses or closing differ."""

    def figures(records: Records) -> dict[tuple[str, int], tuple[AccountYear, Figures]]:
        return {
            (y.account.id, y.year): (
                y,
                Figures(y.opening, y.income, y.cost, y.net, y.uses_total, y.closing),
            )
            for y in account_years(records, today)
        }

    old, new = figures(before), figures(after)
    result = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if was and now and was[1] == now[1]:
            continue
        year = (now or was)[0]  # type: ignore[index]  # one of the two is there
        ledger = R.ledger_resource(key[0])
        result.append(
            LedgerYear(
                key[0],
                year.account.name,
                key[1],
                year.to_date,
                was[1] if was else None,
                now[1] if now else None,
                not all(r.complete(name) for r in (before, after) for name in (ledger, R.ACCOUNTS)),
            )
        )
    return tuple(result)


def compare_decisions(before: Records, after: Records) -> tuple[DecisionCheck, ...]:
    """Decisions that are new, or whose body, matter, votes or result changed."""
    rule = after.community.committee_rule if after.community else None
    result = []
    for d in sorted(after.decisions.values(), key=lambda d: (d.date, d.id)):
        old = before.decisions.get(d.id)
        if old is not None and (old.body, old.matter, old.votes, old.result) == (
            d.body,
            d.matter,
            d.votes,
            d.result,
        ):
            continue
        outcome = decision_outcome(d, rule)
        result.append(
            DecisionCheck(
                d.id,
                d.date,
                d.body,
                d.matter,
                d.title,
                d.result,
                outcome.result if outcome else None,
                outcome.explain() if outcome else None,
                old is None,
            )
        )
    return tuple(result)


def entering_notices(before: Records, after: Records, today: date) -> tuple[NoticeEntry, ...]:
    """Public notices, new or changed, whose period has begun or is still to come."""
    old = {n["id"]: n for n in public_only(before.notices)}
    result = []
    for n in public_only(after.notices):
        status = notice_status(n["start"], n["end"], today)
        previous = old.get(n["id"])
        if status == "ended" or (previous is not None and previous.values == n.values):
            continue
        result.append(
            NoticeEntry(n["id"], n["title"], n["kind"], n["start"], n["end"], status, not previous)
        )
    return tuple(sorted(result, key=lambda n: (n.start, n.id)))


def _identity(p: Problem) -> tuple[str, str, str, str]:
    # Lines shift when rows are added above; the same error keeps file, code, field, text.
    return (p.file, p.code, p.field or "", p.message)


def problems_minus(these: list[Problem], those: list[Problem]) -> tuple[Problem, ...]:
    """Problems of ``these`` not in ``those``, counting repeats (two equal errors on two
    rows, one fixed: one is fixed). Of equal ones, the last in the file are reported."""
    remaining = Counter(_identity(p) for p in these)
    remaining.subtract(Counter(_identity(p) for p in those))
    result = []
    for p in reversed(these):
        if remaining[_identity(p)] > 0:
            remaining[_identity(p)] -= 1
            result.append(p)
    return tuple(reversed(result))
