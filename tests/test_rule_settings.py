"""The settings rules judge by (community.yaml ``rules:``), each with its source, and
the cost-approval rule that follows the community's delegation: the committee approves
a single cost up to its limit, the owners' assembly above it; a cost of the threshold
or more ("以上" includes the number, Civil Code Art. 1259) needs a decision."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from inline import COMMUNITY, COMMUNITY_TEXT, PARKING, codes, found, load, write_project

from builder.core.model import RuleSource
from builder.load.documents import read_yaml
from builder.load.settings import read_community
from builder.rules.ledger import check_cost_approval
from builder.rules.settings import check_rule_sources

ACCOUNT = """\
parking:
  name: 停车收益账户
  opened: 2024-01-01
  opening_balance: "100000.00"
"""
HEADER = "voucher,date,type,category,amount,counterparty,description,decision"
# Passed: 4 of 7 members is more than half of all of them.
COMMITTEE = """\
- id: JY-2024-02
  date: 2024-03-09
  body: committee
  title: 关于道闸维修的决定
  summary: 同意更换东门道闸。
  result: passed
  members_total: 7
  members_present: 5
  members_approve: 4
  published: 2024-03-10
"""
# Passed: two thirds of area and owners take part, more than half of them approve.
ASSEMBLY = """\
- id: JY-2024-03
  date: 2024-03-16
  body: owners_assembly
  matter: 7
  title: 关于改建停车场的决定
  summary: 同意改建地面停车场。
  result: passed
  total_area: 9000.00
  total_owners: 90
  voted_area: 6000.00
  voted_owners: 60
  approve_area: 4500.00
  approve_owners: 45
  oppose_area: 1500.00
  oppose_owners: 15
  abstain_area: 0.00
  abstain_owners: 0
  invalid_area: 0.00
  invalid_owners: 0
  announced: 2024-02-15
  vote_start: 2024-03-02
  vote_end: 2024-03-16
  published: 2024-03-17
"""


def _costs(*amounts_and_decisions: tuple[str, str]) -> str:
    rows = [
        f"TC-2024-{n:03},2024-04-{n:02},cost,道闸系统维修,{amount},某智能科技有限公司,维修,{cited}"
        for n, (amount, cited) in enumerate(amounts_and_decisions, 1)
    ]
    return "\n".join((HEADER, *rows)) + "\n"


def _cost_problems(tmp_path: Path, *costs: tuple[str, str], **extra: str) -> list:
    decisions = extra.pop("decisions", COMMITTEE + "\n" + ASSEMBLY)
    validation = load(
        tmp_path, accounts=ACCOUNT, ledger_parking=_costs(*costs), decisions=decisions, **extra
    )
    problems = found(check_cost_approval, validation)
    # The input has no other fault: what the rule says is all the report says.
    assert codes(validation) == sorted(code for code, *_ in problems)
    return problems


@pytest.mark.parametrize(
    "amount, cited, expected",
    [
        ("50000.00", "JY-2024-02", []),  # 以下: the limit itself is the committee's
        ("50000.01", "JY-2024-02", [("cost-over-committee-limit", PARKING, 2, "decision")]),
        ("50000.01", "JY-2024-03", []),  # above the limit, the owners' assembly decides
        ("5000.00", "", [("cost-needs-decision", PARKING, 2, "decision")]),  # 以上 includes it
        ("4999.99", "", []),
        ("4999.99", "JY-2024-02", []),
    ],
)
def test_a_cost_follows_the_delegation(tmp_path, amount, cited, expected):
    assert _cost_problems(tmp_path, (amount, cited)) == expected


def test_the_limit_is_the_communitys_setting(tmp_path):
    lower = COMMUNITY_TEXT.replace('value: "50000.00"', 'value: "30000.00"')
    assert lower != COMMUNITY_TEXT
    assert _cost_problems(tmp_path, ("30000.01", "JY-2024-02"), community=lower) == [
        ("cost-over-committee-limit", PARKING, 2, "decision")
    ]
    higher = COMMUNITY_TEXT.replace('value: "5000.00"', 'value: "6000.00"')
    assert _cost_problems(tmp_path / "higher", ("5000.00", "")) == [
        ("cost-needs-decision", PARKING, 2, "decision")
    ]
    assert _cost_problems(tmp_path / "custom", ("5000.00", ""), community=higher) == []


def test_a_committee_decision_over_its_limit_covers_no_part_payment(tmp_path):
    large = COMMITTEE.replace("  result: passed\n", "  amount: 60000.00\n  result: passed\n")
    problems = _cost_problems(
        tmp_path, ("30000.00", "JY-2024-02"), ("30000.00", "JY-2024-02"), decisions=large
    )
    assert problems == [
        ("cost-over-committee-limit", PARKING, 2, "decision"),
        ("cost-over-committee-limit", PARKING, 3, "decision"),
    ]


def test_the_costs_citing_a_decision_stay_within_its_amount(tmp_path):
    approved = COMMITTEE.replace("  result: passed\n", "  amount: 46800.00\n  result: passed\n")
    exact = (("32760.00", "JY-2024-02"), ("11700.00", "JY-2024-02"), ("2340.00", "JY-2024-02"))
    assert _cost_problems(tmp_path, *exact, decisions=approved) == []
    over = (*exact, ("0.01", "JY-2024-02"))
    assert _cost_problems(tmp_path / "over", *over, decisions=approved) == [
        ("cost-over-decision-amount", PARKING, 5, "decision")
    ]


# --- the settings themselves ------------------------------------------------------------


def _read(tmp_path: Path, community: str):
    root = write_project(tmp_path / "p", community=community)
    doc, problems = read_yaml(root, COMMUNITY)
    assert doc is not None and not problems
    return read_community(doc)


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_each_setting_is_read_with_its_value_and_source(tmp_path):
    community, problems = _read(tmp_path, COMMUNITY_TEXT)
    assert problems == [] and community is not None
    rules = community.rules
    assert rules.cost_threshold.value == Decimal("5000.00")
    assert rules.committee_cost_limit.value == Decimal("50000.00")
    assert rules.committee_meeting.value.describe() == community.committee_rule.describe()
    assert rules.cost_threshold.source == RuleSource(
        rules_of_procedure="《业主大会议事规则》第二十一条"
    )
    assert rules.cost_threshold.line == _line(COMMUNITY_TEXT, "cost_threshold:")


def test_a_law_of_the_catalogue_is_a_source(tmp_path):
    text = COMMUNITY_TEXT.replace(
        "source: {rules_of_procedure: 《业主大会议事规则》第二十一条}",
        "source: {law: civil-code-supplementary, article: 1259}",
        1,
    )
    community, problems = _read(tmp_path, text)
    assert problems == [] and community is not None
    assert community.rules.cost_threshold.source == RuleSource(
        law="civil-code-supplementary", article=1259
    )


OWN_SOURCE = "    source: {rules_of_procedure: 《业主大会议事规则》第二十一条}\n"


@pytest.mark.parametrize(
    "source, code, field",
    [
        ("", "rule-setting-no-source", "rules.cost_threshold.source"),
        (
            "    source: {law: beijing-property-rules, article: 5}\n",
            "rule-source-unknown-law",
            "rules.cost_threshold.source.law",
        ),
        (
            "    source: {law: civil-code, article: 9999}\n",
            "rule-source-unknown-article",
            "rules.cost_threshold.source.article",
        ),
        (
            "    source: {law: civil-code, article: 278, rules_of_procedure: 第二十一条}\n",
            "rule-source-bad",
            "rules.cost_threshold.source",
        ),
        ("    source: 《业主大会议事规则》\n", "rule-source-bad", "rules.cost_threshold.source"),
        ("    source: {}\n", "rule-source-bad", "rules.cost_threshold.source"),
    ],
)
def test_a_setting_needs_a_source_that_exists(tmp_path, source, code, field):
    text = COMMUNITY_TEXT.replace(OWN_SOURCE, source, 1)
    assert text != COMMUNITY_TEXT
    community, problems = _read(tmp_path, text)
    assert community is None
    assert [(p.code, p.file, p.field) for p in problems] == [(code, COMMUNITY, field)]
    needle = "cost_threshold:" if not source.strip() else source.strip()[:12]
    assert problems[0].line == _line(text, needle)


@pytest.mark.parametrize(
    "old, new, code, field",
    [
        ('value: "5000.00"', 'value: "NaN"', "community-bad-amount", "rules.cost_threshold.value"),
        (
            'value: "50000.00"',
            'value: "0"',
            "community-bad-amount",
            "rules.committee_cost_limit.value",
        ),
        ("  committee_cost_limit:\n", "  committee_limit:\n", "unknown-field", "committee_limit"),
    ],
)
def test_a_mistyped_setting_is_reported_at_its_line(tmp_path, old, new, code, field):
    text = COMMUNITY_TEXT.replace(old, new, 1)
    community, problems = _read(tmp_path, text)
    assert community is None
    assert (code, COMMUNITY, field) in [(p.code, p.file, p.field) for p in problems]


def test_a_missing_setting_is_named(tmp_path):
    start = COMMUNITY_TEXT.index("  committee_cost_limit:")
    end = COMMUNITY_TEXT.index("  committee_meeting:")
    community, problems = _read(tmp_path, COMMUNITY_TEXT[:start] + COMMUNITY_TEXT[end:])
    assert community is None
    assert [(p.code, p.field) for p in problems] == [
        ("rule-setting-missing", "rules.committee_cost_limit")
    ]
    assert "业主委员会可批准的单笔成本上限" in problems[0].message


# --- the decision a source names ----------------------------------------------------------

RULES_DECISION = ASSEMBLY.replace("JY-2024-03", "JY-2023-02").replace("matter: 7", "matter: 1")
WITH_DECISION = COMMUNITY_TEXT.replace(
    "source: {rules_of_procedure: 《业主大会议事规则》第二十四条}",
    "source: {rules_of_procedure: 《业主大会议事规则》第二十四条, decision: JY-2023-02}",
)
REJECTED = (
    RULES_DECISION.replace("approve_owners: 45", "approve_owners: 25")
    .replace("oppose_owners: 15", "oppose_owners: 35")
    .replace("result: passed", "result: rejected")
)


@pytest.mark.parametrize(
    "decisions, expected",
    [
        (RULES_DECISION, []),  # the owners' passed decision on item 1
        (COMMITTEE, ["rule-source-decision-unknown"]),
        (RULES_DECISION.replace("matter: 1", "matter: 8"), ["rule-source-decision-not-rules"]),
        (REJECTED, ["rule-source-decision-not-rules"]),
    ],
)
def test_a_source_names_the_owners_decision_on_their_rules(tmp_path, decisions, expected):
    assert WITH_DECISION != COMMUNITY_TEXT
    validation = load(tmp_path, community=WITH_DECISION, decisions=decisions)
    problems = found(check_rule_sources, validation)
    field = "rules.committee_meeting.source.decision"
    line = _line(WITH_DECISION, "decision: JY-2023-02")
    assert problems == [(code, COMMUNITY, line, field) for code in expected]
    assert codes(validation) == expected


def test_a_placeholder_decision_is_left_to_the_placeholder_warning(tmp_path):
    hint = WITH_DECISION.replace("decision: JY-2023-02", "decision: （请填写决定编号）")
    validation = load(tmp_path, community=hint, decisions=COMMITTEE)
    assert found(check_rule_sources, validation) == []
