"""Ledger arithmetic: the one balance computation, and an account's yearly figures.

The balance rule (are the asserted balances right?) and the annual reports on the site
(opening, closing, the balance beside each assertion) both take their balances from
``balances_at``, so a page can never show a figure the check did not make. Amounts are
integer fen, plus the exact Decimal of any amount not written as whole fen; never
float. No I/O happens here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from builder.core.model import Account, BalanceAssertion, LedgerColumns, LedgerEntry, Records

ZERO = Decimal("0.00")


def balances_at(
    opening: Decimal, columns: LedgerColumns | None, days: Sequence[date]
) -> list[Decimal]:
    """The account's balance at the end of each of ``days``: the opening balance plus
    every entry on or before the day (Beancount's ``balance`` checks the start of the
    day; staff write year-end figures, so the day itself is included here)."""
    if columns is None or not len(columns):
        return [opening + ZERO for _ in days]
    dates, signed = columns.date, np.where(columns.cost, -columns.fen, columns.fen)
    if len(dates) > 1 and (dates[1:] < dates[:-1]).any():  # staff mostly write in order
        order = np.argsort(dates, kind="stable")
        dates, signed = dates[order], signed[order]
    running = np.cumsum(signed, dtype=np.int64)
    # Amounts that are no whole number of fen are added exactly, apart.
    odd = [(columns.date[p], -a if columns.cost[p] else a) for p, a in columns.odd_amounts.items()]
    result = []
    for day in days:
        until = np.datetime64(day)
        upto = int(np.searchsorted(dates, until, side="right"))
        total = Decimal(int(running[upto - 1])).scaleb(-2) if upto else ZERO
        total += sum((a for d, a in odd if d <= until), ZERO)
        result.append(opening + total)
    return result


@dataclass(frozen=True)
class MonthTotals:
    """One month's income and cost of an account.

    Attributes:
        month: 1 to 12.
        income, cost: the month's totals; ``net`` is income less cost.
    """

    month: int
    income: Decimal
    cost: Decimal

    @property
    def net(self) -> Decimal:
        return self.income - self.cost


@dataclass(frozen=True)
class AssertionCheck:
    """A balance assertion beside the balance computed for its day.

    Attributes:
        assertion: the asserted balance (accounts.yaml).
        computed: the balance ``balances_at`` gives for its day.
    """

    assertion: BalanceAssertion
    computed: Decimal

    @property
    def matches(self) -> bool:
        return self.computed == self.assertion.balance


@dataclass(frozen=True)
class AccountYear:
    """One account's year: the figures of an annual common-income report (Art. 282).

    Attributes:
        account, year: whose year.
        opening: the balance at the start of the year.
        income, cost: the year's totals; ``net`` is what belongs to the owners.
        closing: the balance at the end of the year (opening + income - cost).
        entries: the year's entries by date and voucher.
        months: totals per month, January to the last month with entries or December.
        income_by_category, cost_by_category: totals, largest first.
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


def _total(entries: Iterable[LedgerEntry]) -> Decimal:
    return sum((e.amount for e in entries), ZERO)


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
        of_year: dict[int, list[LedgerEntry]] = defaultdict(list)
        for entry in entries:
            of_year[entry.date.year].append(entry)
        years = range(account.opened.year, max([account.opened.year, *of_year]) + 1)
        assertions = sorted(
            (a for a in records.assertions if a.account == account.id), key=lambda a: a.date
        )
        # Year ends (the one before the first year gives its opening), then assertions.
        days = [date(year, 12, 31) for year in (years.start - 1, *years)]
        balances = balances_at(
            account.opening_balance, records.ledger(account.id), days + [a.date for a in assertions]
        )
        computed = balances[len(days) :]
        for n, year in enumerate(years):
            mine = of_year.get(year, [])
            incomes = [e for e in mine if e.type == "income"]
            costs = [e for e in mine if e.type == "cost"]
            last_month = 12 if year < build_date.year else max([1, *(e.date.month for e in mine)])
            months = tuple(
                MonthTotals(
                    m,
                    _total(e for e in incomes if e.date.month == m),
                    _total(e for e in costs if e.date.month == m),
                )
                for m in range(1, last_month + 1)
            )
            checks = tuple(
                AssertionCheck(a, balance)
                for a, balance in zip(assertions, computed, strict=True)
                if a.date.year == year
            )
            result.append(
                AccountYear(
                    account,
                    year,
                    balances[n],
                    _total(incomes),
                    _total(costs),
                    balances[n + 1],
                    tuple(mine),
                    months,
                    _by_category(incomes),
                    _by_category(costs),
                    checks,
                    year == build_date.year,
                )
            )
    return result
