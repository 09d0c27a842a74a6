"""Ledger arithmetic: the one balance computation, and an account's yearly statement.

The statement reads as Civil Code Art. 282 does: income less reasonable costs is the net
income, which belongs to all owners; the uses the owners decided (a transfer to the
maintenance fund, a distribution...) come out of it afterwards and are never costs.

The balance rule (are the asserted balances right?) and the annual reports on the site
(opening, closing, the balance beside each assertion) both take their balances from
``balances_at``, so a page can never show a figure the check did not make. Amounts are
integer fen, plus the exact Decimal of any amount not written as whole fen; never
float. No I/O happens here.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple, overload

import numpy as np

from builder.core.model import (
    ENTRY_TYPES,
    Account,
    BalanceAssertion,
    LedgerColumns,
    LedgerEntry,
    Records,
)

ZERO = Decimal("0.00")
INCOME = ENTRY_TYPES.index("income")
COST = ENTRY_TYPES.index("cost")


def balances_at(
    opening: Decimal, columns: LedgerColumns | None, days: Sequence[date]
) -> list[Decimal]:
    """The account's balance at the end of each of ``days``: the opening balance plus
    every entry on or before the day (Beancount's ``balance`` checks the start of the
    day; staff write year-end figures, so the day itself is included here)."""
    if columns is None or not len(columns):
        return [opening + ZERO for _ in days]
    # Costs and the owners' uses both take money out; only income adds.
    out = columns.kind != INCOME
    dates, signed = columns.date, np.where(out, -columns.fen, columns.fen)
    if len(dates) > 1 and (dates[1:] < dates[:-1]).any():  # staff mostly write in order
        order = np.argsort(dates, kind="stable")
        dates, signed = dates[order], signed[order]
    running = np.cumsum(signed, dtype=np.int64)
    # Amounts that are no whole number of fen are added exactly, apart.
    odd = [(columns.date[p], -a if out[p] else a) for p, a in columns.odd_amounts.items()]
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
    """One month's income, cost and uses of an account.

    Attributes:
        month: 1 to 12.
        income, cost: the month's totals; ``net`` is income less cost.
        uses: the month's uses decided by the owners (not in ``net``).
    """

    month: int
    income: Decimal
    cost: Decimal
    uses: Decimal = ZERO

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


class YearEntries(Sequence[LedgerEntry]):
    """One account's entries of a year, by date and voucher, made from the ledger's
    columns only when read: a page of them at a time, never the whole ledger at once."""

    def __init__(self, columns: LedgerColumns | None, positions: np.ndarray) -> None:
        self._columns = columns
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> LedgerEntry: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[LedgerEntry, ...]: ...
    def __getitem__(self, index: int | slice) -> LedgerEntry | tuple[LedgerEntry, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        assert self._columns is not None  # an empty year has no positions to read
        return self._columns.entry(int(self._positions[index]))

    def __iter__(self) -> Iterator[LedgerEntry]:
        return (self[i] for i in range(len(self)))

    def index_of(self, entry: LedgerEntry) -> int | None:
        """Where ``entry`` stands in the year (by its date and voucher), if it is there."""
        columns = self._columns
        if columns is None:
            return None

        def key(position: np.integer) -> tuple[date, str]:
            return columns.date[position].astype(object), columns.voucher_text(int(position))

        wanted = (entry.date, entry.voucher)
        at = bisect.bisect_left(self._positions, wanted, key=key)
        found = at < len(self) and key(self._positions[at]) == wanted
        return at if found else None


@dataclass(frozen=True)
class AccountYear:
    """One account's year: the figures of an annual common-income report (Art. 282),
    in the order the report reads.

    Attributes:
        account, year: whose year.
        opening: the balance at the start of the year.
        income, cost: the year's totals of income and reasonable costs; ``net`` (income
            less costs) is the net income, which belongs to all owners.
        uses: the uses decided by the owners, each entry naming its decision, by date;
            ``uses_total`` their sum.
        closing: the balance at the end of the year, from ``balances_at``; it equals
            opening + net - uses_total (``statement_closing``), which a test holds.
        entries: the year's entries by date and voucher (read when walked).
        months: totals per month, January to the last month with entries or December.
        income_by_category, cost_by_category: totals, largest first.
        checks: the year's balance assertions with the computed balance.
        to_date: True for the year the build date falls in (a year-to-date report).
        uses: see above.
        month_bounds: for each of ``months``, where its entries start and end in
            ``entries`` (a half-open range: the entries are by date).
        category_entries: the entries each category total sums, by ("income" or
            "cost", category), by date and voucher (read when walked).
    """

    account: Account
    year: int
    opening: Decimal
    income: Decimal
    cost: Decimal
    closing: Decimal
    entries: YearEntries
    months: tuple[MonthTotals, ...]
    income_by_category: tuple[tuple[str, Decimal], ...]
    cost_by_category: tuple[tuple[str, Decimal], ...]
    checks: tuple[AssertionCheck, ...]
    to_date: bool
    uses: tuple[LedgerEntry, ...] = ()
    month_bounds: tuple[tuple[int, int], ...] = ()
    category_entries: Mapping[tuple[str, str], YearEntries] = field(default_factory=dict)

    @property
    def net(self) -> Decimal:
        return self.income - self.cost

    @property
    def uses_total(self) -> Decimal:
        return sum((use.amount for use in self.uses), ZERO)

    @property
    def statement_closing(self) -> Decimal:
        """The closing balance as the statement adds it up."""
        return self.opening + self.net - self.uses_total


class _Ledger:
    """One account's ledger columns, grouped for its annual reports. Sums are exact:
    integer fen, plus the amounts that are no whole number of fen (or not written with
    two decimals) added as written."""

    def __init__(self, columns: LedgerColumns | None) -> None:
        self.columns = columns
        day = np.zeros(0, "datetime64[D]")
        self.kind = np.zeros(0, dtype=np.uint8)
        self.odd = np.zeros(0, dtype=bool)
        self.fen = np.zeros(0, dtype=np.int64)
        if columns is not None and len(columns):
            day = columns.date.astype("datetime64[D]")
            self.kind = columns.kind
            self.odd = np.zeros(len(columns), dtype=bool)
            self.odd[list(columns.odd_amounts)] = True
            self.fen = np.where(self.odd, 0, columns.fen).astype(np.int64)
        self.years_of = day.astype("datetime64[Y]").astype(np.int64) + 1970
        self.months_of = day.astype("datetime64[M]").astype(np.int64) % 12 + 1

    @property
    def years(self) -> list[int]:
        return sorted(set(self.years_of.tolist()))

    def total(self, rows: np.ndarray) -> Decimal:
        """The sum of the amounts at ``rows`` (a boolean mask)."""
        total = Decimal(int(self.fen[rows].sum())).scaleb(-2)
        odd = np.flatnonzero(rows & self.odd).tolist()
        if not odd or self.columns is None:
            return total
        return sum((self.columns.odd_amounts[p] for p in odd), total)

    def by_category(self, rows: np.ndarray) -> tuple[tuple[str, Decimal], ...]:
        if self.columns is None or not rows.any():
            return ()
        category = self.columns.text["category"]
        totals = {
            category.values[code]: self.total(rows & (category.codes == code))
            for code in np.unique(category.codes[rows]).tolist()
        }
        # Largest first; ties by name so the order never depends on input order.
        return tuple(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

    def category_entries(self, rows: np.ndarray) -> dict[str, YearEntries]:
        """The entries at ``rows`` by category, each category's by date and voucher."""
        if self.columns is None or not rows.any():
            return {}
        category = self.columns.text["category"]
        return {
            category.values[code]: YearEntries(
                self.columns, self.in_order(rows & (category.codes == code))
            )
            for code in np.unique(category.codes[rows]).tolist()
        }

    def in_order(self, rows: np.ndarray) -> np.ndarray:
        """The positions of ``rows`` by date, then voucher (UTF-8 bytes sort as the text)."""
        positions = np.flatnonzero(rows)
        columns = self.columns
        if columns is None or not len(positions):
            return positions
        if columns.voucher.dtype.kind == "S":
            return positions[np.lexsort((columns.voucher[positions], columns.date[positions]))]
        return np.array(
            sorted(positions.tolist(), key=lambda p: (columns.date[p], columns.voucher_text(p))),
            dtype=np.int64,
        )

    def year(self, year: int, build_date: date) -> _YearFigures:
        """The year's totals, months, categories and entries."""
        mine = self.years_of == year
        incomes, costs = mine & (self.kind == INCOME), mine & (self.kind == COST)
        uses = mine & (self.kind > COST)
        last = 12 if year < build_date.year else max([1, *self.months_of[mine].tolist()])
        months = tuple(
            MonthTotals(
                m,
                self.total(incomes & (self.months_of == m)),
                self.total(costs & (self.months_of == m)),
                self.total(uses & (self.months_of == m)),
            )
            for m in range(1, last + 1)
        )
        ordered = self.in_order(mine)
        dates = self.columns.date[ordered] if self.columns is not None else np.zeros(0, "M8[D]")
        firsts = (np.datetime64(f"{year}-01", "M") + np.arange(last + 1)).astype("M8[D]")
        starts = np.searchsorted(dates, firsts).tolist()
        categories = {
            (kind, name): entries
            for kind, rows in (("income", incomes), ("cost", costs))
            for name, entries in self.category_entries(rows).items()
        }
        return _YearFigures(
            self.total(incomes),
            self.total(costs),
            YearEntries(self.columns, ordered),
            months,
            self.by_category(incomes),
            self.by_category(costs),
            self.entries_at(uses),
            tuple(itertools.pairwise(starts)),
            categories,
        )

    def entries_at(self, rows: np.ndarray) -> tuple[LedgerEntry, ...]:
        """The entries at ``rows``, by date and voucher (for the few uses of a year)."""
        if self.columns is None:
            return ()
        return tuple(self.columns.entry(int(p)) for p in self.in_order(rows).tolist())


class _YearFigures(NamedTuple):
    income: Decimal
    cost: Decimal
    entries: YearEntries
    months: tuple[MonthTotals, ...]
    income_by_category: tuple[tuple[str, Decimal], ...]
    cost_by_category: tuple[tuple[str, Decimal], ...]
    uses: tuple[LedgerEntry, ...]
    month_bounds: tuple[tuple[int, int], ...]
    category_entries: dict[tuple[str, str], YearEntries]


def entries_citing_decisions(records: Records) -> dict[str, list[LedgerEntry]]:
    """The ledger entries that name an approving decision, by the decision's id."""
    cited: dict[str, list[LedgerEntry]] = {}
    for columns in records.ledgers.values():
        decision = columns.text["decision"]
        none = decision.values.index(None) if None in decision.values else -1
        for position in np.flatnonzero(decision.codes != none).tolist():
            entry = columns.entry(position)
            cited.setdefault(str(entry.decision), []).append(entry)
    return cited


def account_years(records: Records, build_date: date) -> list[AccountYear]:
    """Every account's years, from the year it was opened to the last year with entries."""
    result = []
    for account in sorted(records.accounts.values(), key=lambda a: a.id):
        columns = records.ledger(account.id)
        ledger = _Ledger(columns)
        years = range(account.opened.year, max([account.opened.year, *ledger.years]) + 1)
        assertions = sorted(
            (a for a in records.assertions if a.account == account.id), key=lambda a: a.date
        )
        # Year ends (the one before the first year gives its opening), then assertions.
        days = [date(year, 12, 31) for year in (years.start - 1, *years)]
        balances = balances_at(
            account.opening_balance, columns, days + [a.date for a in assertions]
        )
        computed = balances[len(days) :]
        for n, year in enumerate(years):
            checks = tuple(
                AssertionCheck(a, balance)
                for a, balance in zip(assertions, computed, strict=True)
                if a.date.year == year
            )
            figures = ledger.year(year, build_date)
            result.append(
                AccountYear(
                    account,
                    year,
                    balances[n],
                    figures.income,
                    figures.cost,
                    balances[n + 1],
                    figures.entries,
                    figures.months,
                    figures.income_by_category,
                    figures.cost_by_category,
                    checks,
                    year == build_date.year,
                    figures.uses,
                    figures.month_bounds,
                    figures.category_entries,
                )
            )
    return result
