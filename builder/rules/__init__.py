"""Stage 3: the domain rules. Each rule is a plain function of the typed records that
returns problems; ``RULES`` lists them in the order the report reads best."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from builder.model import Records
from builder.problems import Problem


@dataclass(frozen=True)
class RuleContext:
    """What rules need besides the records.

    Attributes:
        today: the real date, for the "dated in the future" typo guard (it decides
            errors, never output bytes, so it is not the build date).
    """

    today: date


Rule = Callable[[Records, RuleContext], Iterable[Problem]]


def registered_rules() -> tuple[Rule, ...]:
    # Imported here so each rule module can import this package's types.
    from builder.rules import decisions, ledger, personal_info, records

    return (
        ledger.check_accounts_have_ledgers,
        ledger.check_amount_precision,
        ledger.check_entry_dates,
        ledger.check_balance_assertions,
        ledger.check_cost_approval,
        decisions.check_vote_fields,
        decisions.check_vote_counts,
        decisions.check_vote_threshold,
        decisions.check_committee_vote,
        decisions.check_fund_uses,
        records.check_dates_not_future,
        records.check_periods,
        records.check_counts,
        records.check_placeholders,
        personal_info.check_personal_info,
    )


def run_rules(records: Records, context: RuleContext) -> list[Problem]:
    """Every rule's problems, in registry order."""
    problems: list[Problem] = []
    for rule in registered_rules():
        problems.extend(rule(records, context))
    return problems
