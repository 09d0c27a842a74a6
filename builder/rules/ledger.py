"""Common-revenue ledgers (Civil Code Art. 282): exact amounts, dates inside the
account's life, balance assertions to the cent, and owners' approval of large costs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

import numpy as np

from builder.core import resources as R
from builder.core.formatting import CENT, money_exact
from builder.core.ledger import balances_at
from builder.core.model import LedgerColumns, Records
from builder.core.numbers import finer_than
from builder.core.problems import Problem, problem
from builder.load.project import ACCOUNTS as ACCOUNTS_FILE
from builder.messages.problems import BALANCE_DIRECTIONS, COMMITTEE_LIMIT_WHAT
from builder.rules import RuleContext


def check_accounts_have_ledgers(records: Records, context: RuleContext) -> Iterator[Problem]:
    ledgers = {R.ledger_account(name) for name in records.ledger_resources}
    for account in records.accounts.values():
        if account.id not in ledgers:
            yield problem(
                "ledger-missing-file", account.source.file, account.source.line, account=account.id
            )
    for name in records.ledger_resources:
        account_id = R.ledger_account(name)
        if account_id is None or account_id in records.accounts:
            continue
        if not records.complete(R.ACCOUNTS):
            continue  # accounts.yaml itself is broken; that error says so
        columns = records.ledger(account_id)
        file = columns.file if columns is not None else ACCOUNTS_FILE
        yield problem("ledger-unknown-account", file, None, resource=name, account=account_id)


def amount_fault(value: Decimal | None) -> str | None:
    """What is wrong with an amount, if anything: a fraction of a fen. (A figure that is
    no finite number never gets here: the check stage's number reader refuses it.)"""
    if value is None:
        return None
    return "amount-precision" if finer_than(value, CENT) else None


def check_amount_precision(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Money is exact to the fen: every amount has at most two decimals."""
    found: list[tuple[str, int, str, Decimal | None]] = []
    for columns in records.ledgers.values():
        found += [
            (columns.file, columns.source(p).line, "amount", a)
            for p, a in sorted(columns.odd_amounts.items())
        ]
    for account in records.accounts.values():
        line = account.source.line_of("opening_balance")
        found.append((account.source.file, line, "opening_balance", account.opening_balance))
    for assertion in records.assertions:
        line = assertion.source.line_of("balance")
        found.append((assertion.source.file, line, "balance", assertion.balance))
    for resource, names in ((R.FUND_USES, ("amount",)), (R.BRANCH_DUES, ("amount", "remitted"))):
        for record in records.table(resource):
            found += [(record.source.file, record.source.line_of(n), n, record[n]) for n in names]
    for file, line, name, value in found:
        code = amount_fault(value)
        if code:
            yield problem(code, file, line, name, value=value)


def check_entry_dates(records: Records, context: RuleContext) -> Iterator[Problem]:
    for columns in records.ledgers.values():
        account = records.accounts.get(columns.account)
        if account is None:
            continue
        checks: list[tuple[str, np.ndarray, dict[str, Any]]] = [
            (
                "date-before-opened",
                columns.date < np.datetime64(account.opened),
                {"opened": account.opened},
            ),
            (
                "date-in-future",
                columns.date > np.datetime64(context.today),
                {"today": context.today},
            ),
        ]
        if account.closed:
            closed = columns.date > np.datetime64(account.closed)
            checks.insert(1, ("date-after-closed", closed, {"closed": account.closed}))
        for code, flagged, params in checks:
            for position in np.flatnonzero(flagged).tolist():
                where = columns.source(position)
                yield problem(
                    code,
                    where.file,
                    where.line,
                    "date",
                    value=_day(columns, position),
                    account=account.id,
                    **params,
                )


def _day(columns: LedgerColumns, position: int) -> date:
    return columns.date[position].astype(object)


def check_balance_assertions(records: Records, context: RuleContext) -> Iterator[Problem]:
    unchecked: set[str] = set()
    assertions = sorted(records.assertions, key=lambda a: (a.account, a.date))
    checkable = [
        a
        for a in assertions
        if a.account in records.accounts and records.complete(R.ledger_resource(a.account))
    ]
    computed = {}
    for account_id in {a.account for a in checkable}:
        mine = [a for a in checkable if a.account == account_id]
        for a, balance in zip(
            mine,
            balances_at(
                records.accounts[account_id].opening_balance,
                records.ledger(account_id),
                [a.date for a in mine],
            ),
            strict=True,
        ):
            computed[id(a)] = balance
    for assertion in assertions:
        if assertion.account not in records.accounts:
            continue
        if id(assertion) not in computed:
            if assertion.account not in unchecked:
                unchecked.add(assertion.account)
                yield problem(
                    "balance-not-checked",
                    assertion.source.file,
                    assertion.source.line,
                    "balance",
                    severity="warning",
                    account=assertion.account,
                )
            continue
        balance = computed[id(assertion)]
        if balance != assertion.balance:
            direction = BALANCE_DIRECTIONS["more" if balance > assertion.balance else "less"]
            yield problem(
                "balance-mismatch",
                assertion.source.file,
                assertion.source.line_of("balance"),
                "balance",
                account=assertion.account,
                date=assertion.date,
                computed=money_exact(balance),
                asserted=money_exact(assertion.balance),
                difference=money_exact(abs(assertion.balance - balance)),
                direction=direction[0],
                direction_en=direction[1],
            )


def check_cost_approval(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Costs follow the community's delegation rule (community.yaml ``rules:``): a cost
    of ``cost_threshold`` or more (以上: the threshold itself included, Civil Code
    Art. 1259) cites a passed decision made no later than the cost; a committee decision
    covers a single cost of at most ``committee_cost_limit`` (以下: included), a larger
    one needs the owners' assembly; and the costs citing a decision that states an
    ``amount`` add up to no more than it. Whether a committee-approved cost is within
    the year's approved budget is not checked: no record holds a budget's total."""
    if records.community is None:
        return
    threshold = records.community.rules.cost_threshold.value
    limit = records.community.rules.committee_cost_limit.value
    least_fen = int((threshold * 100).to_integral_value(rounding=ROUND_CEILING))
    # Each decision's costs, in date order, to add up against its amount.
    spent: dict[str, list[tuple[date, str, int, Decimal]]] = defaultdict(list)
    for columns in records.ledgers.values():
        decision = columns.text["decision"]
        cited = decision.codes != decision.values.index(None) if None in decision.values else True
        large = columns.fen.astype(np.int64) >= least_fen
        odd = np.zeros(len(columns), dtype=bool)
        odd[list(columns.odd_amounts)] = True
        for position in np.flatnonzero(columns.cost & (cited | large | odd)).tolist():
            line = columns.source(position).line
            where = (columns.file, line, "decision")
            amount = columns.amount(position)
            day = _day(columns, position)
            cited_id = decision[position]
            if cited_id is None:
                if amount >= threshold:
                    yield problem(
                        "cost-needs-decision",
                        *where,
                        amount=money_exact(amount),
                        threshold=money_exact(threshold),
                    )
                continue
            made = records.decisions.get(cited_id)
            if made is None:
                continue  # the foreign-key check reports an unknown id
            if made.amount is not None:
                spent[made.id].append((day, columns.file, line, amount))
            if not made.passed:
                yield problem("cost-decision-not-passed", *where, decision=made.id)
            elif made.date > day:
                yield problem(
                    "cost-decision-later",
                    *where,
                    value=day,
                    decision=made.id,
                    decision_date=made.date,
                )
            elif made.body == "committee" and max(amount, made.amount or 0) > limit:
                # A committee decision of 60,000 paid in two halves is over the limit too.
                what = "cost" if amount > limit else "decision"
                yield problem(
                    "cost-over-committee-limit",
                    *where,
                    decision=made.id,
                    amount=money_exact(amount if what == "cost" else made.amount or amount),
                    limit=money_exact(limit),
                    what=COMMITTEE_LIMIT_WHAT[what][0],
                    what_en=COMMITTEE_LIMIT_WHAT[what][1],
                )
    yield from _over_decision_amount(records, spent)


def _over_decision_amount(
    records: Records, spent: dict[str, list[tuple[date, str, int, Decimal]]]
) -> Iterator[Problem]:
    """The cost that takes a decision's costs past the amount it approved."""
    for decision_id, costs in sorted(spent.items()):
        approved = records.decisions[decision_id].amount
        if approved is None:
            continue
        total = Decimal(0)
        for _when, file, line, amount in sorted(costs):
            total += amount
            if total > approved:
                yield problem(
                    "cost-over-decision-amount",
                    file,
                    line,
                    "decision",
                    decision=decision_id,
                    total=money_exact(total),
                    approved=money_exact(approved),
                )
                break
