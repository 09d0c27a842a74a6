"""Every registered rule, triggered by a realistic mistake and silent on the sample.

The meta-test keeps it so: a rule added to the registry without a case here fails.
"""

from __future__ import annotations

from datetime import date

import mutations as m
import pytest
from conftest import REPO

from builder.pipeline import validate_project
from builder.rules import RuleContext, registered_rules

TODAY = date.today()

RULE_CASES = {
    "check_accounts_have_ledgers": m.ledger_without_account,
    "check_amount_precision": m.three_decimals,
    "check_entry_dates": m.entry_before_opened,
    "check_balance_assertions": m.balance_one_fen_off,
    "check_cost_approval": m.large_cost_without_decision,
    "check_vote_fields": m.assembly_vote_missing,
    "check_vote_counts": m.approve_more_than_voted,
    "check_vote_threshold": m.wrong_result,
    "check_committee_vote": m.committee_result_flipped,
    "check_fund_uses": m.fund_use_on_committee_decision,
    "check_dates_not_future": m.decision_in_future,
    "check_periods": m.notice_ends_before_start,
    "check_counts": m.resolved_more_than_received,
    "check_personal_info": m.mobile_number,
    "check_placeholders": m.placeholder_left,
}
RULES = {rule.__name__: rule for rule in registered_rules()}


def test_every_registered_rule_has_a_case():
    assert set(RULE_CASES) == set(RULES)


@pytest.mark.parametrize("name", sorted(RULE_CASES))
def test_rule_is_silent_on_the_sample(name):
    records = validate_project(REPO, TODAY).records
    assert list(RULES[name](records, RuleContext(TODAY))) == []


@pytest.mark.parametrize("name", sorted(RULE_CASES))
def test_rule_catches_its_mistake(project, name):
    code, file, line, field = RULE_CASES[name](project)
    records = validate_project(project, TODAY).records
    found = list(RULES[name](records, RuleContext(TODAY)))
    assert any(
        p.code == code
        and (file is None or p.file == file)
        and (line is None or p.line == line)
        and (field is None or p.field == field)
        for p in found
    ), found
