"""The maintenance fund's arithmetic (专项维修资金, Civil Code Art. 281): its movements,
its balance on any day, and its yearly statements.

The fund's account (accounts.yaml, ``kind: fund``) holds the opening balance and the
balance assertions; its inflows are the fund ledger (deposits, transfers in from the
common-revenue accounts, interest) and its outflows the fund uses. The balance rule and
the yearly statement page both take their balances from ``balance_at``, so a page never
shows a figure the check did not make. Amounts are the records' Decimals, never float;
the fund has a few rows a year, so plain sums are enough. No I/O happens here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

import numpy as np

from builder.core.model import Account, BalanceAssertion, LedgerEntry, Record, Records

ZERO = Decimal("0.00")
INFLOW_KINDS = ("deposit", "transfer_in", "interest")
MovementKind = Literal["deposit", "transfer_in", "interest", "use"]


@dataclass(frozen=True)
class Movement:
    """One movement of the fund's account.

    Attributes:
        date: the day it was booked.
        kind: an inflow kind of the fund ledger, or "use" (a fund use).
        amount: positive, as written.
        record: the fund-ledger row or fund use it comes from.
    """

    date: date
    kind: MovementKind
    amount: Decimal
    record: Record

    @property
    def signed(self) -> Decimal:
        return -self.amount if self.kind == "use" else self.amount


def fund_account(records: Records) -> Account | None:
    """The maintenance fund's account (the first by id, if a community lists more)."""
    return records.funds[min(records.funds)] if records.funds else None


def ledger_entry(records: Records, account: str, voucher: str) -> LedgerEntry | None:
    """The entry ``voucher`` of ``account``'s ledger (the one a transfer in receives)."""
    columns = records.ledger(account)
    if columns is None:
        return None
    if columns.voucher.dtype.kind == "S":  # vouchers are the ledger's primary key
        found = np.flatnonzero(columns.voucher == voucher.encode()).tolist()
    else:
        found = [p for p in range(len(columns)) if columns.voucher_text(p) == voucher]
    return columns.entry(found[0]) if found else None


def movements(records: Records) -> list[Movement]:
    """Every inflow and use of the fund, by date (inflows of a day before its uses, so
    a day's money is there before it is spent), then by id."""
    found = [Movement(r["date"], r["kind"], r["amount"], r) for r in records.fund_entries]
    found += [Movement(u["date"], "use", u["amount"], u) for u in records.fund_uses]
    return sorted(found, key=lambda m: (m.date, m.kind == "use", m.record["id"]))


def balance_at(opening: Decimal, moves: Sequence[Movement], day: date) -> Decimal:
    """The fund's balance at the end of ``day``: the opening balance plus every inflow
    and less every use on or before the day (a balance assertion's reading)."""
    return opening + sum((m.signed for m in moves if m.date <= day), ZERO)


@dataclass(frozen=True)
class FundCheck:
    """A balance assertion of the fund beside the balance computed for its day."""

    assertion: BalanceAssertion
    computed: Decimal

    @property
    def matches(self) -> bool:
        return self.computed == self.assertion.balance


@dataclass(frozen=True)
class FundYear:
    """One year of the fund's account: the lines of its yearly statement.

    Attributes:
        account: the fund's account, or None when accounts.yaml has none (then the
            opening and closing balances are unknown and shown as such).
        year: which year.
        opening, closing: the balance at the start and end of the year (None: unknown).
        deposits, transfers_in, interest, uses: the year's movements of each kind, by date.
        checks: the year's balance assertions with the computed balance.
        to_date: True for the year the build date falls in.
    """

    account: Account | None
    year: int
    opening: Decimal | None
    closing: Decimal | None
    deposits: tuple[Movement, ...]
    transfers_in: tuple[Movement, ...]
    interest: tuple[Movement, ...]
    uses: tuple[Movement, ...]
    checks: tuple[FundCheck, ...]
    to_date: bool

    @staticmethod
    def total(moves: Sequence[Movement]) -> Decimal:
        return sum((m.amount for m in moves), ZERO)

    @property
    def inflow(self) -> Decimal:
        return self.total(self.deposits + self.transfers_in + self.interest)

    @property
    def outflow(self) -> Decimal:
        return self.total(self.uses)


def fund_years(records: Records, build_date: date) -> list[FundYear]:
    """The fund's years, from the year its account was opened (or its first movement)
    to the last year with a movement or assertion, oldest first."""
    account = fund_account(records)
    moves = movements(records)
    assertions = sorted(
        (a for a in records.assertions if account is not None and a.account == account.id),
        key=lambda a: a.date,
    )
    first = [account.opened.year] if account else [m.date.year for m in moves[:1]]
    if not first:
        return []
    last = max([*first, *(m.date.year for m in moves), *(a.date.year for a in assertions)])
    result = []
    for year in range(first[0], last + 1):
        mine = [m for m in moves if m.date.year == year]
        opening = closing = None
        if account is not None:
            opening = balance_at(account.opening_balance, moves, date(year - 1, 12, 31))
            closing = balance_at(account.opening_balance, moves, date(year, 12, 31))
        checks = tuple(
            FundCheck(a, balance_at(account.opening_balance, moves, a.date))
            for a in assertions
            if account is not None and a.date.year == year
        )
        result.append(
            FundYear(
                account,
                year,
                opening,
                closing,
                deposits=tuple(m for m in mine if m.kind == "deposit"),
                transfers_in=tuple(m for m in mine if m.kind == "transfer_in"),
                interest=tuple(m for m in mine if m.kind == "interest"),
                uses=tuple(m for m in mine if m.kind == "use"),
                checks=checks,
                to_date=year == build_date.year,
            )
        )
    return result
