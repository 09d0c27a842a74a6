"""The maintenance fund (专项维修资金, Civil Code Art. 281): transfers in matched with
the ledger entries they receive, the fund's balance, and the basis of each use.

A transfer from a common-revenue account to the fund is booked twice: as a
``fund_transfer`` entry in the account's ledger and as a ``transfer_in`` of the fund
ledger naming that entry (account and voucher). The two must agree to the cent, and the
fund cannot receive the money before the account paid it out.

A use rests on the owners' joint decision to use the fund (Art. 278 ¶1 item 5), or, in
an emergency, on the owners' committee's decision to apply for it (Art. 281 ¶2), which
must also say when the use was confirmed. (The 2007 maintenance-fund measures, which
govern per-household sub-accounts and the application procedure in detail, are not in
the project's reference; nothing here rests on them.)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import cast

import numpy as np

from builder.core import resources as R
from builder.core.fund import Movement, balance_at, fund_account, ledger_entry, movements
from builder.core.model import ENTRY_TYPES, Record, Records
from builder.core.problems import Problem, problem
from builder.load.project import ACCOUNTS as ACCOUNTS_FILE
from builder.messages import LABELS
from builder.messages.problems import BALANCE_DIRECTIONS
from builder.rules import RuleContext
from builder.rules.ledger import amount_fault

FUND_TRANSFER = ENTRY_TYPES.index("fund_transfer")
ENTRY_TYPE_ZH = cast(dict[str, str], LABELS["entry_type"])
ITEM_USE_FUND = 5  # Art. 278 ¶1 item 5: using the maintenance fund
SOURCE_FIELDS = ("source_account", "source_voucher")


def _transfer_faults(
    records: Records, inflow: Record, received: dict[tuple[str, str], str]
) -> Iterator[Problem]:
    """What is wrong with one transfer in: the ledger entry it names must exist, be a
    transfer to the fund, equal it to the cent, be dated no later, and not be received
    twice. ``received`` remembers the entries already received (by the first inflow)."""
    where = inflow.source
    missing = [name for name in SOURCE_FIELDS if not inflow[name]]
    for name in missing:
        yield problem("fund-transfer-missing-source", where.file, where.line_of(name), name)
    if missing:
        return
    account, voucher = inflow["source_account"], inflow["source_voucher"]
    if account not in records.accounts:
        yield problem(
            "fund-transfer-unknown-account",
            where.file,
            where.line_of("source_account"),
            "source_account",
            account=account,
            known="、".join(sorted(records.accounts)) or "—",
        )
        return
    if not records.complete(R.ledger_resource(account)):
        return  # the ledger's own errors come first; the match is checked once it is valid
    entry = ledger_entry(records, account, voucher)
    at_voucher = (where.file, where.line_of("source_voucher"), "source_voucher")
    if entry is None:
        yield problem("fund-transfer-no-entry", *at_voucher, account=account, voucher=voucher)
        return
    if entry.type != "fund_transfer":
        type_zh = ENTRY_TYPE_ZH.get(entry.type, entry.type)
        yield problem(
            "fund-transfer-not-transfer",
            *at_voucher,
            account=account,
            voucher=voucher,
            type=entry.type,
            type_zh=type_zh,
        )
        return
    first = received.setdefault((account, voucher), inflow["id"])
    if first != inflow["id"]:
        yield problem("fund-transfer-received-twice", *at_voucher, voucher=voucher, first=first)
    if entry.amount != inflow["amount"]:
        yield problem(
            "fund-transfer-amount-differs",
            where.file,
            where.line_of("amount"),
            "amount",
            amount=inflow["amount"],
            voucher=voucher,
            ledger_amount=entry.amount,
            difference=abs(entry.amount - inflow["amount"]),
        )
    if inflow["date"] < entry.date:
        yield problem(
            "fund-transfer-before-entry",
            where.file,
            where.line_of("date"),
            "date",
            value=inflow["date"],
            voucher=voucher,
            ledger_date=entry.date,
        )


def check_fund_transfers(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Every transfer in names a ledger entry that sent the same money to the fund (on
    the same or an earlier day); only transfers in name one."""
    received: dict[tuple[str, str], str] = {}
    for inflow in records.fund_entries:
        if inflow["kind"] == "transfer_in":
            yield from _transfer_faults(records, inflow, received)
            continue
        for name in SOURCE_FIELDS:
            if inflow[name]:
                yield problem(
                    "fund-source-not-transfer",
                    inflow.source.file,
                    inflow.source.line_of(name),
                    name,
                    kind=inflow["kind"],
                )


def check_fund_transfers_received(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Every ledger entry that transfers money to the fund is received by a transfer in
    of the fund ledger (the fund cannot have lost it on the way)."""
    if not records.complete(R.FUND_LEDGER):
        return  # a row the check refused may be the one that receives it
    named = {
        (r["source_account"], r["source_voucher"])
        for r in records.fund_entries
        if r["kind"] == "transfer_in"
    }
    for account, columns in sorted(records.ledgers.items()):
        for position in np.flatnonzero(columns.kind == FUND_TRANSFER).tolist():
            voucher = columns.voucher_text(position)
            if (account, voucher) in named:
                continue
            where = columns.source(position)
            yield problem(
                "fund-transfer-no-inflow",
                where.file,
                where.line,
                "type",
                account=account,
                voucher=voucher,
                amount=columns.amount(position),
            )


def check_fund_balance(records: Records, context: RuleContext) -> Iterator[Problem]:
    """The fund's balance assertions hold (opening + deposits + transfers in + interest
    - uses, to the cent), and no use takes the balance below zero."""
    account = fund_account(records)
    if account is None:
        # Inflows mean the community keeps the fund's account itself; uses alone may be
        # paid from an account a housing-fund office keeps, whose balance is not ours.
        if records.fund_entries:
            yield problem("fund-account-missing", ACCOUNTS_FILE, None, severity="warning")
        return
    if amount_fault(account.opening_balance):  # the ledger rule checks ledger accounts only
        line = account.source.line_of("opening_balance")
        yield problem(
            "amount-precision",
            account.source.file,
            line,
            "opening_balance",
            value=account.opening_balance,
        )
    mine = sorted((a for a in records.assertions if a.account == account.id), key=lambda a: a.date)
    if not (records.complete(R.FUND_LEDGER) and records.complete(R.FUND_USES)):
        if mine:
            where = mine[0].source
            yield problem(
                "fund-balance-not-checked", where.file, where.line, "balance", severity="warning"
            )
        return
    moves = movements(records)
    for assertion in mine:
        computed = balance_at(account.opening_balance, moves, assertion.date)
        if computed != assertion.balance:
            direction = BALANCE_DIRECTIONS["more" if computed > assertion.balance else "less"]
            yield problem(
                "fund-balance-mismatch",
                assertion.source.file,
                assertion.source.line_of("balance"),
                "balance",
                account=account.id,
                date=assertion.date,
                computed=computed,
                asserted=assertion.balance,
                difference=abs(computed - assertion.balance),
                direction=direction[0],
                direction_en=direction[1],
            )
    yield from _negative_days(account.opening_balance, moves)


def _negative_days(opening: Decimal, moves: list[Movement]) -> Iterator[Problem]:
    """The first use of each day that ends below zero (a day's inflows come first)."""
    flagged: set[date] = set()
    for move in moves:
        if move.kind != "use" or move.date in flagged:
            continue
        balance = balance_at(opening, moves, move.date)
        if balance < 0:
            flagged.add(move.date)
            where = move.record.source
            yield problem(
                "fund-balance-negative",
                where.file,
                where.line_of("amount"),
                "amount",
                date=move.date,
                balance=balance,
            )


def check_fund_uses(records: Records, context: RuleContext) -> Iterator[Problem]:
    """A use rests on a passed decision made no later than it: the owners' item-5
    decision (basis owners_decision) or, in an emergency, the owners' committee's
    decision to apply for it, with the date the use was confirmed (Art. 281 ¶2)."""
    for use in records.fund_uses:
        decision = records.decisions.get(use["decision"])
        where = (use.source.file, use.source.line_of("decision"), "decision")
        emergency = use["basis"] == "emergency"
        if emergency and use["confirmed"] is None:
            line = use.source.line_of("confirmed")
            yield problem("fund-use-emergency-unconfirmed", use.source.file, line, "confirmed")
        if decision is None:
            continue  # unknown ids are the foreign-key check's to report
        if emergency and decision.body != "committee":
            yield problem("fund-use-emergency-not-committee", *where, decision=decision.id)
            continue
        if not emergency and (
            decision.body != "owners_assembly" or decision.matter != ITEM_USE_FUND
        ):
            yield problem("fund-use-decision-not-assembly", *where, decision=decision.id)
            continue
        if not decision.passed:
            yield problem("fund-use-decision-not-passed", *where, decision=decision.id)
            continue
        for name in ("date", "confirmed"):
            day = use[name]
            if day is not None and decision.date > day:
                code = "fund-use-before-decision" if name == "date" else "fund-use-confirmed-early"
                yield problem(
                    code,
                    use.source.file,
                    use.source.line_of(name),
                    name,
                    value=day,
                    decision=decision.id,
                    decision_date=decision.date,
                )
