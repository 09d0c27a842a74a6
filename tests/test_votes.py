"""Civil Code Art. 278 thresholds read with Art. 1259, at their exact boundaries."""

from decimal import Decimal

import pytest
from inline import COMMUNITY_TEXT, DECISIONS, codes, found, load

from builder.core.model import THRESHOLDS, CommitteeRule
from builder.rules.decisions import (
    assess_committee_vote,
    assess_owners_vote,
    check_area_precision,
    check_ballots,
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
# The rest of a complete record: the other ballots and the procedure's dates.
REST = """  oppose_area: {oppose_area}
  oppose_owners: 15
  abstain_area: 0.00
  abstain_owners: 0
  invalid_area: 0.00
  invalid_owners: 0
  announced: 2024-02-01
  vote_start: 2024-02-17
  vote_end: 2024-03-02
  published: 2024-03-03
"""


def assembly(matter: int, voted_area: str, approve_area: str, result: str) -> str:
    """ASSEMBLY, complete: the ballots it does not name oppose."""
    oppose_area = D(voted_area) - D(approve_area)
    return ASSEMBLY.format(
        matter=matter, voted_area=voted_area, approve_area=approve_area, result=result
    ) + REST.format(oppose_area=oppose_area)


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
    validation = load(tmp_path, decisions=assembly(matter, voted_area, approve_area, result))
    assert found(check_vote_threshold, validation) == []
    assert codes(validation) == []


def test_a_recorded_result_against_article_278_shows_the_arithmetic(tmp_path):
    decisions = assembly(7, "6000.00", "4499.99", "passed")
    validation = load(tmp_path, decisions=decisions)
    assert found(check_vote_threshold, validation) == [
        ("decision-result-mismatch", DECISIONS, 7, "result")
    ]
    [problem] = validation.report.problems
    # 4499.99 of 6000.00 is 74.99983%: to two decimals it would read 75.00%, the very
    # share it falls short of, so it is written with the digits that tell them apart.
    assert "同意的专有部分面积 4499.99㎡，占 6000.00㎡ 的 74.9998%" in problem.message
    assert "要求四分之三以上（至少 4500.00㎡）——未达到" in problem.message
    assert "approving area 4499.99 of 6000.00 (74.9998%), needs at least 4500.00: not met" in (
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


# --- every ballot cast takes part (our reading of Art. 278's "参与表决") -----------------

BALLOTS = """\
- id: JY-2024-05
  date: 2024-05-12
  body: owners_assembly
  matter: 5
  title: 关于更换电梯的决定
  summary: 同意使用维修资金更换电梯。
  result: {result}
  total_area: 90000.00
  total_owners: 900
  voted_area: {voted_area}
  voted_owners: {voted_owners}
  approve_area: 30000.00
  approve_owners: 300
  oppose_area: 27000.00
  oppose_owners: 270
  abstain_area: 3000.00
  abstain_owners: 30
  invalid_area: 0.00
  invalid_owners: 0
"""


def test_abstentions_are_in_the_denominator():
    # 600 ballots: 300 approve, 270 oppose, 30 abstain. 300 of 600 is not more than half,
    # although 300 of the 570 who approve or oppose would be.
    counted = vote(
        total_area="90000.00",
        total_owners=900,
        voted_area="60000.00",
        voted_owners=600,
        approve_area="30000.00",
        approve_owners=300,
    )
    assert not counted.passed
    assert counted.failures == ["同意的专有部分面积未过半数", "同意的业主人数未过半数"]
    assert counted.tests[3].shortfall == 1  # one more approving owner was needed
    without_abstentions = vote(
        total_area="90000.00",
        total_owners=900,
        voted_area="57000.00",
        voted_owners=570,
        approve_area="30000.00",
        approve_owners=300,
    )
    # (570 of 900 would also miss the quorum; the approval alone is the point here.)
    assert [t.met for t in without_abstentions.tests[2:]] == [True, True]


def test_a_decision_with_every_ballot_is_judged_on_all_ballots(tmp_path):
    rejected = BALLOTS.format(result="rejected", voted_area="60000.00", voted_owners=600)
    assert found(check_vote_threshold, load(tmp_path / "a", decisions=rejected)) == []
    passed = BALLOTS.format(result="passed", voted_area="60000.00", voted_owners=600)
    validation = load(tmp_path / "b", decisions=passed)
    assert found(check_vote_threshold, validation) == [
        ("decision-result-mismatch", DECISIONS, 7, "result")
    ]
    [mismatch] = [p for p in validation.report.problems if p.code == "decision-result-mismatch"]
    assert "同意的业主人数 300人，占 600人 的 50.00%，要求过半数（至少 301人）——未达到" in (
        mismatch.message
    )


def test_ballots_that_leave_out_the_abstentions_do_not_add_up(tmp_path):
    # Staff counted only approve and oppose as taking part: 570, not the 600 cast.
    decisions = BALLOTS.format(result="passed", voted_area="57000.00", voted_owners=570)
    validation = load(tmp_path, decisions=decisions)
    assert found(check_ballots, validation) == [
        ("decision-ballots-sum", DECISIONS, 10, "voted_area"),
        ("decision-ballots-sum", DECISIONS, 11, "voted_owners"),
    ]
    owners = [p for p in validation.report.problems if p.code == "decision-ballots-sum"][-1]
    assert "同意 300 + 反对 270 + 弃权 30 + 无效及未表达意见 0 = 600" in owners.message
    assert "参与表决填的是 570" in owners.message
    # The arithmetic is not run on figures that contradict each other.
    assert found(check_vote_threshold, validation) == []


def test_an_older_decision_without_the_other_ballots_stays_valid_with_a_warning(tmp_path):
    older = ASSEMBLY.format(matter=5, voted_area="6000.00", approve_area="3000.01", result="passed")
    validation = load(tmp_path, decisions=older)
    [warning] = [p for p in validation.report.problems if p.code == "decision-ballots-incomplete"]
    assert warning.severity == "warning" and validation.report.error_count == 0
    assert "反对面积、反对人数、弃权面积、弃权人数、无效及未表达意见面积、无效及未表达意见人数" in (
        warning.message
    )
    assert "oppose_area, oppose_owners, abstain_area" in warning.message_en


@pytest.mark.parametrize(
    "field, value, refused",
    [
        ("total_area", "9000.004", True),  # shown as 9,000.00 but computed with 9000.004
        ("approve_area", "3000.015", True),
        ("voted_area", "6000.1", False),
        ("voted_area", "6000.10", False),
    ],
)
def test_an_area_has_at_most_two_decimals(tmp_path, field, value, refused):
    decisions = assembly(5, "6000.00", "3000.01", "passed")
    line = next(n for n, text in enumerate(decisions.splitlines(), 1) if f"{field}:" in text)
    lines = decisions.splitlines()
    lines[line - 1] = f"  {field}: {value}"
    validation = load(tmp_path, decisions="\n".join(lines) + "\n")
    expected = [("area-precision", DECISIONS, line, field)] if refused else []
    assert found(check_area_precision, validation) == expected


def test_a_rounded_share_never_reads_the_same_with_opposite_verdicts():
    # 66666.66 of 100000.00 m² is just under two thirds; 600 of 900 owners is exactly it.
    short = vote(total_area="100000.00", voted_area="66666.66", total_owners=900)
    exact = vote(total_area="100000.00", voted_area="66666.67", total_owners=900, voted_owners=600)
    area_short, owners_exact = short.tests[0], exact.tests[1]
    assert not area_short.met and owners_exact.met
    assert area_short.percent == "66.66666%" and not area_short.exact
    assert owners_exact.percent == "66.67%" and owners_exact.exact
    assert area_short.shortfall == D("0.01")
    assert area_short.failure == "参与表决的专有部分面积不足三分之二"
    # Exactly half is not more than half; a cent more is, and reads differently.
    half = vote(voted_area="6000.00", approve_area="3000.00").tests[2]
    more = vote(voted_area="6000.00", approve_area="3000.01").tests[2]
    assert (half.met, half.percent) == (False, "50.00%")
    assert (more.met, more.percent) == (True, "50.0002%")
