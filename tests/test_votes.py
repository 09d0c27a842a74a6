"""Civil Code Art. 278 thresholds read with Art. 1259, at their exact boundaries."""

from decimal import Decimal

import pytest
from inline import COMMUNITY_TEXT, DECISIONS, codes, found, load

from builder.core.model import THRESHOLDS, CommitteeRule
from builder.rules.decisions import (
    assess_committee_vote,
    assess_owners_vote,
    check_committee_vote,
    check_vote_threshold,
)

D = Decimal


def vote(
    matter=5,
    total_area="9000.00",
    total_owners=90,
    voted_area="6000.00",
    voted_owners=60,
    approve_area="3000.01",
    approve_owners=31,
):
    return assess_owners_vote(
        matter,
        D(total_area),
        total_owners,
        D(voted_area),
        voted_owners,
        D(approve_area),
        approve_owners,
    )


def test_exactly_two_thirds_take_part_is_enough():
    # 6000.00 of 9000.00 m² and 60 of 90 owners are exactly two thirds: "以上" includes it.
    outcome = vote()
    assert outcome.tests[0].met and outcome.tests[1].met
    assert outcome.passed


def test_one_cent_or_one_owner_below_two_thirds_fails_quorum():
    assert not vote(voted_area="5999.99").passed
    assert not vote(voted_owners=59).passed


def test_quorum_needs_area_and_headcount_both():
    outcome = vote(voted_area="9000.00", voted_owners=59, approve_area="9000.00", approve_owners=59)
    assert [t.met for t in outcome.tests] == [True, False, True, True]
    assert not outcome.passed


def test_exactly_half_is_not_a_majority():
    # "过半数" means strictly more than half: 3000.00 of 6000.00 m² is not enough.
    assert not vote(approve_area="3000.00").passed
    assert not vote(approve_owners=30).passed
    assert vote(approve_area="3000.01", approve_owners=31).passed


@pytest.mark.parametrize("matter", [6, 7, 8])
def test_items_six_to_eight_need_three_quarters_inclusive(matter):
    # 4500.00 of 6000.00 and 45 of 60 are exactly three quarters: "以上" includes it.
    assert vote(matter, approve_area="4500.00", approve_owners=45).passed
    assert not vote(matter, approve_area="4499.99", approve_owners=45).passed
    assert not vote(matter, approve_area="4500.00", approve_owners=44).passed


@pytest.mark.parametrize("matter", [1, 2, 3, 4, 5, 9])
def test_other_items_need_more_than_half(matter):
    assert vote(matter, approve_area="3000.01", approve_owners=31).passed
    assert not vote(matter, approve_area="4499.99", approve_owners=30).passed


def test_least_figures_shown_to_staff():
    outcome = vote(
        total_area="100000.00",
        total_owners=900,
        voted_area="70000.00",
        voted_owners=600,
        approve_area="35000.01",
        approve_owners=301,
    )
    quorum_area, quorum_owners, approve_area, approve_owners = outcome.tests
    assert quorum_area.least == D("66666.67")  # 2/3 of 100000.00 is 66666.666…
    assert quorum_owners.least == 600
    assert approve_area.least == D("35000.01")  # more than half of 70000.00
    assert approve_owners.least == 301
    assert "至少 35000.01㎡" in outcome.explain()


def test_committee_rule_more_than_half_of_all_members():
    rule = CommitteeRule(THRESHOLDS["过半数"], THRESHOLDS["过半数"], "all")
    assert assess_committee_vote(rule, 7, 4, 4).passed
    assert not assess_committee_vote(rule, 7, 4, 3).passed  # 3 of 7 is not more than half
    assert not assess_committee_vote(rule, 8, 4, 4).passed  # 4 of 8 is exactly half


def test_committee_rule_of_members_present():
    rule = CommitteeRule(THRESHOLDS["过半数"], THRESHOLDS["三分之二以上"], "present")
    assert assess_committee_vote(rule, 7, 6, 4).passed  # 4 of 6 present is two thirds
    assert not assess_committee_vote(rule, 7, 6, 3).passed


# --- the same boundaries through records written inline (tests/inline.py) --------------

ASSEMBLY = """\
- id: JY-2024-01
  date: 2024-03-02
  body: owners_assembly
  matter: {matter}
  title: 关于维修屋面的决定
  summary: 同意维修 3 幢屋面。
  result: {result}
  total_area: 9000.00
  total_owners: 90
  voted_area: {voted_area}
  voted_owners: 60
  approve_area: {approve_area}
  approve_owners: 45
"""


@pytest.mark.parametrize(
    "matter, voted_area, approve_area, result",
    [
        (5, "6000.00", "3000.01", "passed"),  # exactly two thirds take part
        (5, "5999.99", "3000.01", "rejected"),  # one cent short of the quorum
        (7, "6000.00", "4500.00", "passed"),  # exactly three quarters approve item 7
        (7, "6000.00", "4499.99", "rejected"),
    ],
)
def test_the_recorded_result_that_agrees_with_article_278_passes(
    tmp_path, matter, voted_area, approve_area, result
):
    validation = load(
        tmp_path,
        decisions=ASSEMBLY.format(
            matter=matter, voted_area=voted_area, approve_area=approve_area, result=result
        ),
    )
    assert found(check_vote_threshold, validation) == []
    assert codes(validation) == []


def test_a_recorded_result_against_article_278_shows_the_arithmetic(tmp_path):
    decisions = ASSEMBLY.format(
        matter=7, voted_area="6000.00", approve_area="4499.99", result="passed"
    )
    validation = load(tmp_path, decisions=decisions)
    assert found(check_vote_threshold, validation) == [
        ("decision-result-mismatch", DECISIONS, 7, "result")
    ]
    [problem] = validation.report.problems
    assert "同意的专有部分面积 4499.99㎡，占 6000.00㎡ 的 75.00%" in problem.message
    assert "要求四分之三以上（至少 4500.00㎡）——未达到" in problem.message
    assert "approving area 4499.99 of 6000.00 (75.00%), needs at least 4500.00: not met" in (
        problem.message_en
    )


COMMITTEE = """\
- id: JY-2024-02
  date: 2024-03-09
  body: committee
  title: 关于道闸维修的决定
  summary: 同意更换东门道闸电机。
  result: {result}
  members_total: 7
  members_present: 6
  members_approve: 4
"""


@pytest.mark.parametrize("approval_of", ["all", "present"])
def test_the_committee_rule_comes_from_community_yaml(tmp_path, approval_of):
    # 4 of 7 members is more than half of all; 4 of 6 present is two thirds of those present.
    approval = "过半数" if approval_of == "all" else "三分之二以上"
    community = COMMUNITY_TEXT.replace(
        "value: {quorum: 过半数, approval: 过半数, approval_of: all}",
        f"value: {{quorum: 过半数, approval: {approval}, approval_of: {approval_of}}}",
    )
    assert community != COMMUNITY_TEXT or approval_of == "all"
    validation = load(tmp_path, community=community, decisions=COMMITTEE.format(result="passed"))
    assert found(check_committee_vote, validation) == []
    flipped = load(
        tmp_path / "flipped", community=community, decisions=COMMITTEE.format(result="rejected")
    )
    assert found(check_committee_vote, flipped) == [
        ("committee-result-mismatch", DECISIONS, 6, "result")
    ]
