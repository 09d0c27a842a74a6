"""Stage 3: the domain rules. Each rule is a plain function of the typed records that
returns problems; ``RULES`` lists them in the order the report reads best."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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


def text_values(records: Records) -> Iterator[tuple[str, int, str, str]]:
    """Every text a resident could read: (file, line, field, text) for each string field
    of each record, and for the community's public settings."""
    for resource in sorted(records.tables):
        for record in records.tables[resource]:
            for name, value in record.values.items():
                if isinstance(value, str):
                    yield record.source.file, record.source.line_of(name), name, value
    community = records.community
    if community is None:
        return
    settings = {
        "full_name": community.full_name,
        "address": community.address,
        "neighbourhood_committee": community.neighbourhood_committee,
        "property_company": community.property_company,
        "owners_committee": community.owners_committee,
        "party_branch": community.party_branch,
    }
    for key, value in settings.items():
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for sub_key, text in items:
            name = f"{key}.{sub_key}" if sub_key else key
            if isinstance(text, str):
                yield community.source.file, community.source.line_of(name), name, text


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
