"""Decisions of the owners' assembly and committee, and the maintenance-fund uses
that rest on them.

Civil Code Art. 278: a joint decision needs owners holding two thirds or more of the
area AND two thirds or more of the headcount to take part; matters 6-8 then need three
quarters or more of the participating area AND headcount, the other matters more than
half of each. Art. 1259: "以上" includes the number itself; "过半数" is strictly more.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from builder.core.model import (
    COMMITTEE_VOTE_FIELDS,
    OWNER_VOTE_FIELDS,
    THRESHOLDS,
    CommitteeRule,
    Decision,
    Records,
    Threshold,
)
from builder.core.problems import Problem, problem
from builder.rules import RuleContext

TWO_THIRDS = THRESHOLDS["三分之二以上"]
THREE_QUARTERS = THRESHOLDS["四分之三以上"]
MORE_THAN_HALF = THRESHOLDS["过半数"]
SPECIAL_MATTERS = frozenset({6, 7, 8})  # Art. 278 items 6-8 need three quarters

MATTERS = {
    1: "制定和修改业主大会议事规则",
    2: "制定和修改管理规约",
    3: "选举业主委员会或者更换业主委员会成员",
    4: "选聘和解聘物业服务企业或者其他管理人",
    5: "使用建筑物及其附属设施的维修资金",
    6: "筹集建筑物及其附属设施的维修资金",
    7: "改建、重建建筑物及其附属设施",
    8: "改变共有部分的用途或者利用共有部分从事经营活动",
    9: "有关共有和共同管理权利的其他重大事项",
}
RESULT_ZH = {"passed": "通过", "rejected": "未通过"}
BODY = {
    "owners_assembly": ("业主大会", "owners' assembly"),
    "committee": ("业主委员会", "owners' committee"),
}
AREA = Decimal("0.01")


@dataclass(frozen=True)
class VoteTest:
    """One comparison of a vote with its threshold, with the figures to show.

    Attributes:
        what: e.g. "参与表决的专有部分面积".
        part, whole: the counted figure and the figure it is a share of.
        threshold: the share required.
        unit: "㎡" or "人".
        least: the smallest figure that meets the threshold.
        met: whether it is met.
    """

    what: str
    what_en: str
    part: Decimal
    whole: Decimal
    threshold: Threshold
    unit: str
    least: Decimal
    met: bool

    @property
    def percent(self) -> str:
        if not self.whole:
            return "—"
        return f"{(self.part * 100 / self.whole).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"

    def explain(self) -> str:
        verdict = "达到" if self.met else "未达到"
        return (
            f"{self.what} {self.part}{self.unit}，占 {self.whole}{self.unit} 的 {self.percent}，"
            f"要求{self.threshold.term}（至少 {self.least}{self.unit}）——{verdict}"
        )

    def explain_en(self) -> str:
        verdict = "met" if self.met else "not met"
        return (
            f"{self.what_en} {self.part} of {self.whole} ({self.percent}), "
            f"needs at least {self.least}: {verdict}"
        )


@dataclass(frozen=True)
class VoteOutcome:
    """The result the rules give for a decision, and every step of the arithmetic."""

    tests: tuple[VoteTest, ...]

    @property
    def passed(self) -> bool:
        return all(t.met for t in self.tests)

    @property
    def result(self) -> str:
        return "passed" if self.passed else "rejected"

    def explain(self) -> str:
        return "；".join(t.explain() for t in self.tests) + "。"

    def explain_en(self) -> str:
        return "; ".join(t.explain_en() for t in self.tests) + "."


def _test(what: str, what_en: str, part, whole, threshold: Threshold, unit: str, step) -> VoteTest:
    part, whole = Decimal(part), Decimal(whole)
    return VoteTest(
        what,
        what_en,
        part,
        whole,
        threshold,
        unit,
        threshold.least(whole, step),
        threshold.met(part, whole),
    )


def approval_threshold(matter: int) -> Threshold:
    return THREE_QUARTERS if matter in SPECIAL_MATTERS else MORE_THAN_HALF


def assess_owners_vote(
    matter: int, total_area, total_owners, voted_area, voted_owners, approve_area, approve_owners
) -> VoteOutcome:
    """The Art. 278 verdict on an owners' vote: quorum and approval, by area AND headcount."""
    approval = approval_threshold(matter)
    return VoteOutcome(
        (
            _test(
                "参与表决的专有部分面积",
                "participating area",
                voted_area,
                total_area,
                TWO_THIRDS,
                "㎡",
                AREA,
            ),
            _test(
                "参与表决的业主人数",
                "participating owners",
                voted_owners,
                total_owners,
                TWO_THIRDS,
                "人",
                1,
            ),
            _test(
                "同意的专有部分面积",
                "approving area",
                approve_area,
                voted_area,
                approval,
                "㎡",
                AREA,
            ),
            _test(
                "同意的业主人数",
                "approving owners",
                approve_owners,
                voted_owners,
                approval,
                "人",
                1,
            ),
        )
    )


def assess_committee_vote(
    rule: CommitteeRule, members_total, members_present, members_approve
) -> VoteOutcome:
    base = members_total if rule.approval_of == "all" else members_present
    base_zh = "全体委员" if rule.approval_of == "all" else "出席委员"
    return VoteOutcome(
        (
            _test(
                "出席委员", "members present", members_present, members_total, rule.quorum, "人", 1
            ),
            _test(
                f"同意委员（以{base_zh}计）",
                "members approving",
                members_approve,
                base,
                rule.approval,
                "人",
                1,
            ),
        )
    )


def decision_outcome(decision: Decision, rule: CommitteeRule | None) -> VoteOutcome | None:
    """The computed outcome, or None when the vote figures are incomplete or inconsistent."""
    v = decision.votes
    if decision.body == "owners_assembly":
        if (
            decision.matter is None
            or any(v[k] is None for k in OWNER_VOTE_FIELDS)
            or _count_errors(decision)
        ):
            return None
        return assess_owners_vote(decision.matter, *(v[k] for k in OWNER_VOTE_FIELDS))
    if rule is None or any(v[k] is None for k in COMMITTEE_VOTE_FIELDS) or _count_errors(decision):
        return None
    return assess_committee_vote(rule, *(v[k] for k in COMMITTEE_VOTE_FIELDS))


def check_vote_fields(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Each body records its own kind of vote, and only that."""
    for d in records.decisions.values():
        own, other = (
            (OWNER_VOTE_FIELDS, COMMITTEE_VOTE_FIELDS)
            if d.body == "owners_assembly"
            else (COMMITTEE_VOTE_FIELDS, OWNER_VOTE_FIELDS)
        )
        other_body = "committee" if d.body == "owners_assembly" else "owners_assembly"
        names = BODY[d.body]
        required = (("matter",) if d.body == "owners_assembly" else ()) + own
        for name in required:
            value = d.matter if name == "matter" else d.votes[name]
            if value is None:
                yield problem(
                    "decision-missing-votes",
                    d.source.file,
                    d.source.line,
                    name,
                    body_zh=names[0],
                    body_en=names[1],
                )
        for name in other:
            if d.votes[name] is not None:
                yield problem(
                    "decision-extra-votes",
                    d.source.file,
                    d.source.line_of(name),
                    name,
                    body_zh=names[0],
                    body_en=names[1],
                    other_zh=BODY[other_body][0],
                    other_en=BODY[other_body][1],
                )


_ORDER = (
    ("approve_area", "voted_area"),
    ("voted_area", "total_area"),
    ("approve_owners", "voted_owners"),
    ("voted_owners", "total_owners"),
    ("members_approve", "members_present"),
    ("members_present", "members_total"),
)
_TITLES = {
    "approve_area": "同意面积",
    "voted_area": "参与表决面积",
    "total_area": "总面积",
    "approve_owners": "同意人数",
    "voted_owners": "参与表决人数",
    "total_owners": "业主总人数",
    "members_approve": "同意委员数",
    "members_present": "出席委员数",
    "members_total": "委员总数",
}


def _count_errors(d: Decision) -> list[tuple[str, str]]:
    v = d.votes
    return [(s, g) for s, g in _ORDER if v[s] is not None and v[g] is not None and v[s] > v[g]]


def check_vote_counts(records: Records, context: RuleContext) -> Iterator[Problem]:
    """approve <= voted <= total, for area, headcount and members."""
    for d in records.decisions.values():
        for smaller, larger in _count_errors(d):
            yield problem(
                "decision-count-order",
                d.source.file,
                d.source.line_of(smaller),
                smaller,
                smaller_title=_TITLES[smaller],
                larger_title=_TITLES[larger],
                smaller_field=smaller,
                larger_field=larger,
                smaller=d.votes[smaller],
                larger=d.votes[larger],
            )


def _result_mismatch(
    code: str, d: Decision, outcome: VoteOutcome | None, **params
) -> Iterator[Problem]:
    """The problem for a recorded result that differs from the computed one, if it does."""
    if outcome is not None and outcome.result != d.result:
        yield problem(
            code,
            d.source.file,
            d.source.line_of("result"),
            "result",
            recorded=d.result,
            computed=outcome.result,
            recorded_zh=RESULT_ZH[d.result],
            computed_zh=RESULT_ZH[outcome.result],
            explanation=outcome.explain(),
            explanation_en=outcome.explain_en(),
            **params,
        )


def check_vote_threshold(records: Records, context: RuleContext) -> Iterator[Problem]:
    """A result recorded as passed (or rejected) must be the one Art. 278 gives."""
    for d in records.decisions.values():
        if d.body != "owners_assembly":
            continue
        yield from _result_mismatch("decision-result-mismatch", d, decision_outcome(d, None))


def check_committee_vote(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Committee decisions follow the community's own meeting rule (community.yaml)."""
    if records.community is None:
        return
    rule = records.community.committee_rule
    for d in records.decisions.values():
        if d.body != "committee":
            continue
        total = d.votes["members_total"]
        if total is not None and total != records.community.committee_size:
            yield problem(
                "committee-size-differs",
                d.source.file,
                d.source.line_of("members_total"),
                "members_total",
                severity="warning",
                value=total,
                size=records.community.committee_size,
            )
        yield from _result_mismatch(
            "committee-result-mismatch", d, decision_outcome(d, rule), rule=rule.describe()
        )


def check_fund_uses(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Maintenance-fund uses rest on a passed owners' decision of Art. 278 item 5."""
    for use in records.tables.get("fund-uses", []):
        decision = records.decisions.get(use["decision"])
        if decision is None:
            continue  # unknown ids are the foreign-key check's to report
        where = (use.source.file, use.source.line, "decision")
        if decision.body != "owners_assembly" or decision.matter != 5:
            yield problem("fund-use-decision-not-assembly", *where, decision=decision.id)
        elif not decision.passed:
            yield problem("fund-use-decision-not-passed", *where, decision=decision.id)
        elif decision.date > use["date"]:
            yield problem(
                "fund-use-before-decision",
                *where,
                value=use["date"],
                decision=decision.id,
                decision_date=decision.date,
            )
