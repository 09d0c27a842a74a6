"""Civil Code Art. 278 thresholds read with Art. 1259, at their exact boundaries."""

from decimal import Decimal

import pytest

from builder.core.model import THRESHOLDS, CommitteeRule
from builder.rules.decisions import assess_committee_vote, assess_owners_vote

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
