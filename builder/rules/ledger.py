"""Common-revenue ledgers (Civil Code Art. 282): exact amounts, dates inside the
account's life, balance assertions to the cent, and owners' approval of large costs."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from builder.model import Records
from builder.problems import Problem, problem
from builder.project import LEDGER_PREFIX
from builder.rules import RuleContext

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """An amount as staff write it: two decimals, no grouping."""
    return f"{value.quantize(CENT):.2f}" if value == value.quantize(CENT) else str(value)


def check_accounts_have_ledgers(records: Records, context: RuleContext) -> Iterator[Problem]:
    ledgers = {
        name.removeprefix(LEDGER_PREFIX)
        for name in records.tables
        if name.startswith(LEDGER_PREFIX)
    }
    for account in records.accounts.values():
        if account.id not in ledgers:
            yield problem(
                "ledger-missing-file", account.source.file, account.source.line, account=account.id
            )
    for name in sorted(records.tables):
        if (
            name.startswith(LEDGER_PREFIX)
            and name.removeprefix(LEDGER_PREFIX) not in records.accounts
        ):
            if "accounts" in records.invalid_resources:
                continue  # accounts.yaml itself is broken; that error says so
            rows = records.tables[name]
            file = rows[0].source.file if rows else "data/ledgers/accounts.yaml"
            yield problem(
                "ledger-unknown-account",
                file,
                None,
                resource=name,
                account=name.removeprefix(LEDGER_PREFIX),
            )


def check_amount_precision(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Money is exact to the fen: no amount may carry a third decimal."""
    for entry in records.entries:
        if entry.amount != entry.amount.quantize(CENT):
            yield problem(
                "amount-precision",
                entry.source.file,
                entry.source.line,
                "amount",
                value=entry.amount,
            )
    for account in records.accounts.values():
        if account.opening_balance != account.opening_balance.quantize(CENT):
            yield problem(
                "amount-precision",
                account.source.file,
                account.source.line_of("opening_balance"),
                "opening_balance",
                value=account.opening_balance,
            )
    for assertion in records.assertions:
        if assertion.balance != assertion.balance.quantize(CENT):
            yield problem(
                "amount-precision",
                assertion.source.file,
                assertion.source.line_of("balance"),
                "balance",
                value=assertion.balance,
            )
    for resource, names in (("fund-uses", ("amount",)), ("branch-dues", ("amount", "remitted"))):
        for record in records.tables.get(resource, []):
            for name in names:
                value = record[name]
                if value is not None and value != value.quantize(CENT):
                    yield problem(
                        "amount-precision",
                        record.source.file,
                        record.source.line_of(name),
                        name,
                        value=value,
                    )


def check_entry_dates(records: Records, context: RuleContext) -> Iterator[Problem]:
    for entry in records.entries:
        account = records.accounts.get(entry.account)
        if account is None:
            continue
        if entry.date < account.opened:
            yield problem(
                "date-before-opened",
                entry.source.file,
                entry.source.line,
                "date",
                value=entry.date,
                account=account.id,
                opened=account.opened,
            )
        if account.closed and entry.date > account.closed:
            yield problem(
                "date-after-closed",
                entry.source.file,
                entry.source.line,
                "date",
                value=entry.date,
                account=account.id,
                closed=account.closed,
            )
        if entry.date > context.today:
            yield problem(
                "date-in-future",
                entry.source.file,
                entry.source.line,
                "date",
                value=entry.date,
                today=context.today,
            )


def balance_on(records: Records, account_id: str, day) -> Decimal:
    """The account's balance at the end of ``day``: opening balance plus every entry on
    or before that day (Beancount's ``balance`` checks the start of the day; staff
    write year-end figures, so the day itself is included here)."""
    account = records.accounts[account_id]
    return account.opening_balance + sum(
        (e.signed_amount for e in records.entries if e.account == account_id and e.date <= day),
        Decimal("0"),
    )


def check_balance_assertions(records: Records, context: RuleContext) -> Iterator[Problem]:
    unchecked: set[str] = set()
    for assertion in sorted(records.assertions, key=lambda a: (a.account, a.date)):
        if assertion.account not in records.accounts:
            continue
        if LEDGER_PREFIX + assertion.account in records.invalid_resources:
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
        computed = balance_on(records, assertion.account, assertion.date)
        if computed != assertion.balance:
            yield problem(
                "balance-mismatch",
                assertion.source.file,
                assertion.source.line_of("balance"),
                "balance",
                account=assertion.account,
                date=assertion.date,
                computed=money(computed),
                asserted=money(assertion.balance),
                difference=money(abs(assertion.balance - computed)),
                direction="多" if computed > assertion.balance else "少",
                direction_en="more" if computed > assertion.balance else "less",
            )


def check_cost_approval(records: Records, context: RuleContext) -> Iterator[Problem]:
    """A cost at or above the community's threshold rests on a passed decision made no
    later than the cost ("达到或超过": the threshold itself needs approval)."""
    if records.community is None:
        return
    threshold = records.community.cost_threshold
    for entry in records.entries:
        if entry.type != "cost":
            continue
        where = (entry.source.file, entry.source.line, "decision")
        if entry.decision is None:
            if entry.amount >= threshold:
                yield problem(
                    "cost-needs-decision",
                    *where,
                    amount=money(entry.amount),
                    threshold=money(threshold),
                )
            continue
        decision = records.decisions.get(entry.decision)
        if decision is None:
            continue  # the foreign-key check reports an unknown id
        if not decision.passed:
            yield problem("cost-decision-not-passed", *where, decision=decision.id)
        elif decision.date > entry.date:
            yield problem(
                "cost-decision-later",
                *where,
                value=entry.date,
                decision=decision.id,
                decision_date=decision.date,
            )
