"""Figures the pages show, computed from the validated records (Decimal throughout).

Reports are kept apart from the core (as Beancount keeps its reports apart from its
loader and checks): nothing here validates or renders.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from builder.core import disclosure
from builder.core.model import Account, BalanceAssertion, Decision, LedgerEntry, Record, Records

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class MonthTotals:
    month: int
    income: Decimal
    cost: Decimal

    @property
    def net(self) -> Decimal:
        return self.income - self.cost


@dataclass(frozen=True)
class AssertionCheck:
    assertion: BalanceAssertion
    computed: Decimal

    @property
    def matches(self) -> bool:
        return self.computed == self.assertion.balance


@dataclass(frozen=True)
class AccountYear:
    """One account's year: the figures of an annual common-income report (Art. 282).

    Attributes:
        opening: the balance at the start of the year.
        income, cost: the year's totals; ``net`` is what belongs to the owners.
        closing: opening + income - cost.
        months: totals per month, January to the last month with entries or December.
        checks: the year's balance assertions with the computed balance.
        to_date: True for the year the build date falls in (a year-to-date report).
    """

    account: Account
    year: int
    opening: Decimal
    income: Decimal
    cost: Decimal
    closing: Decimal
    entries: tuple[LedgerEntry, ...]
    months: tuple[MonthTotals, ...]
    income_by_category: tuple[tuple[str, Decimal], ...]
    cost_by_category: tuple[tuple[str, Decimal], ...]
    checks: tuple[AssertionCheck, ...]
    to_date: bool

    @property
    def net(self) -> Decimal:
        return self.income - self.cost


def _by_category(entries: list[LedgerEntry]) -> tuple[tuple[str, Decimal], ...]:
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for entry in entries:
        totals[entry.category] += entry.amount
    # Largest first; ties by name so the order never depends on input order.
    return tuple(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def account_years(records: Records, build_date: date) -> list[AccountYear]:
    """Every account's years, from the year it was opened to the last year with entries."""
    result = []
    for account in sorted(records.accounts.values(), key=lambda a: a.id):
        entries = sorted(
            (e for e in records.entries if e.account == account.id),
            key=lambda e: (e.date, e.voucher),
        )
        last_year = max([account.opened.year, *(e.date.year for e in entries)])
        balance = account.opening_balance
        for year in range(account.opened.year, last_year + 1):
            of_year = [e for e in entries if e.date.year == year]
            income = sum((e.amount for e in of_year if e.type == "income"), ZERO)
            cost = sum((e.amount for e in of_year if e.type == "cost"), ZERO)
            last_month = (
                12 if year < build_date.year else max([1, *(e.date.month for e in of_year)])
            )
            months = tuple(
                MonthTotals(
                    m,
                    sum(
                        (e.amount for e in of_year if e.date.month == m and e.type == "income"),
                        ZERO,
                    ),
                    sum(
                        (e.amount for e in of_year if e.date.month == m and e.type == "cost"), ZERO
                    ),
                )
                for m in range(1, last_month + 1)
            )
            checks = tuple(
                AssertionCheck(
                    a, balance + sum((e.signed_amount for e in of_year if e.date <= a.date), ZERO)
                )
                for a in sorted(records.assertions, key=lambda a: a.date)
                if a.account == account.id and a.date.year == year
            )
            result.append(
                AccountYear(
                    account,
                    year,
                    balance,
                    income,
                    cost,
                    balance + income - cost,
                    tuple(of_year),
                    months,
                    _by_category([e for e in of_year if e.type == "income"]),
                    _by_category([e for e in of_year if e.type == "cost"]),
                    checks,
                    year == build_date.year,
                )
            )
            balance += income - cost
    return result


def notice_status(start: date, end: date, build_date: date) -> str:
    """upcoming / active (公示中) / ended, on the build date ("届满" includes the end day)."""
    if build_date < start:
        return "upcoming"
    return "active" if build_date <= end else "ended"


def public(rows: list[Record]) -> list[Record]:
    """Only the records that may be published (kept for callers not yet moved to
    ``disclosure.public_only``)."""
    return disclosure.public_only(rows)


def decisions_newest_first(records: Records) -> list[Decision]:
    return sorted(records.decisions.values(), key=lambda d: (d.date, d.id), reverse=True)
