"""Decisions of the owners' assembly and committee (the maintenance-fund uses that rest
on them are checked in ``rules/fund.py``; procedure dates in ``rules/procedure.py``; the
totals against the owners' register in ``rules/register.py``).

Civil Code Art. 278: a joint decision needs owners holding two thirds or more of the
area AND two thirds or more of the headcount to take part; matters 6-8 then need three
quarters or more of the participating area AND headcount, the other matters more than
half of each. Art. 1259: "以上" includes the number itself. It does not define "过半数";
we read it by its plain meaning, strictly more than half.

Who "takes part" (参与表决) the statute does not spell out. Our reading: every ballot
cast, abstentions and invalid or unexpressed ones included, so that all of them are in
the approval's denominator (600 ballots, 300 approve: not more than half, although 300
of the 570 that approve or oppose would be). Art. 278 prevails over the older, different
thresholds of the Property Management Regulations' Art. 12.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, cast

from builder.core.model import (
    AREA_FIELDS,
    BALLOT_FIELDS,
    COMMITTEE_VOTE_FIELDS,
    OWNER_VOTE_FIELDS,
    THRESHOLDS,
    CommitteeRule,
    Decision,
    Records,
    Threshold,
)
from builder.core.numbers import AREA_STEP, finer_than
from builder.core.problems import Problem, problem
from builder.messages import LABELS
from builder.messages.site import (
    BODIES_EN,
    VOTE_BALLOTS,
    VOTE_BASES,
    VOTE_FIGURES,
    VOTE_JOINS,
    VOTE_MEASURES,
    VOTE_RESULTS,
    VOTE_SHORTFALLS,
    VOTE_TEST,
    VOTE_TESTS,
    VOTE_UNITS,
    VOTE_VERDICTS,
)
from builder.rules import RuleContext

TWO_THIRDS = THRESHOLDS["三分之二以上"]
THREE_QUARTERS = THRESHOLDS["四分之三以上"]
MORE_THAN_HALF = THRESHOLDS["过半数"]
SPECIAL_MATTERS = frozenset({6, 7, 8})  # Art. 278 items 6-8 need three quarters
BODY_ZH = cast(dict[str, str], LABELS["body"])
AREA_UNIT, PEOPLE_UNIT = VOTE_UNITS["area"], VOTE_UNITS["people"]
Figure = Decimal | int  # an area (Decimal) or a headcount


@dataclass(frozen=True)
class VoteTest:
    """One comparison of a vote with its threshold, with the figures to show.

    Attributes:
        what: e.g. "参与表决的专有部分面积".
        what_en: the same in English.
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
    def exact(self) -> bool:
        """Whether the share is exactly the threshold's (two thirds of 900 is 600)."""
        return bool(self.whole) and Fraction(self.part) / Fraction(self.whole) == (
            self.threshold.share
        )

    @property
    def percent(self) -> str:
        """The share in per cent, to two decimals, or to as many more as it takes to
        differ from the threshold's own figure: 66666.66 of 100000 reads 66.66666%, never
        the 66.67% that exactly two thirds reads, since their verdicts can differ."""
        if not self.whole:
            return "—"
        share = Fraction(self.part) / Fraction(self.whole)
        places = 2
        while places < MAX_PLACES and share != self.threshold.share:
            if _percent(share, places) != _percent(self.threshold.share, places):
                break
            places += 1
        return f"{_percent(share, places)}%"

    @property
    def shortfall(self) -> Decimal | None:
        """How much more it needed (the least that meets it, less what it had)."""
        return None if self.met else self.least - self.part

    @property
    def failure(self) -> str:
        """Which ratio failed, in words: "参与表决的专有部分面积不足三分之二"."""
        return self.what + VOTE_SHORTFALLS[self.threshold.term]

    def explain(self) -> str:
        return VOTE_TEST[0].format(
            what=self.what,
            part=self.part,
            whole=self.whole,
            unit=self.unit,
            percent=self.percent,
            term=self.threshold.term,
            least=self.least,
            verdict=VOTE_VERDICTS[self.met][0],
        )

    def explain_en(self) -> str:
        return VOTE_TEST[1].format(
            what=self.what_en,
            part=self.part,
            whole=self.whole,
            percent=self.percent,
            least=self.least,
            verdict=VOTE_VERDICTS[self.met][1],
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

    @property
    def failures(self) -> list[str]:
        """Each ratio that was not reached, in words."""
        return [t.failure for t in self.tests if not t.met]

    def explain(self) -> str:
        between, after = VOTE_JOINS[0]
        return between.join(t.explain() for t in self.tests) + after

    def explain_en(self) -> str:
        between, after = VOTE_JOINS[1]
        return between.join(t.explain_en() for t in self.tests) + after


MAX_PLACES = 15  # areas have two decimals and at most 15 digits: shares differ sooner


def _percent(share: Fraction, places: int) -> Decimal:
    scaled = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return scaled.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _test(
    counted: str,
    part: Figure | str,
    whole: Figure | str,
    threshold: Threshold,
    unit: str,
    step: Figure,
    base: str = "",
) -> VoteTest:
    """The comparison of what ``counted`` (a vote figure) reached with its threshold."""
    what, what_en = VOTE_TESTS[counted]
    part, whole = Decimal(part), Decimal(whole)
    return VoteTest(
        what.format(base=base),
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
    matter: int,
    total_area: Figure | str,
    total_owners: Figure | str,
    voted_area: Figure | str,
    voted_owners: Figure | str,
    approve_area: Figure | str,
    approve_owners: Figure | str,
) -> VoteOutcome:
    """The Art. 278 verdict on an owners' vote: quorum and approval, by area AND headcount."""
    approval = approval_threshold(matter)
    return VoteOutcome(
        (
            _test("voted_area", voted_area, total_area, TWO_THIRDS, AREA_UNIT, AREA_STEP),
            _test("voted_owners", voted_owners, total_owners, TWO_THIRDS, PEOPLE_UNIT, 1),
            _test("approve_area", approve_area, voted_area, approval, AREA_UNIT, AREA_STEP),
            _test("approve_owners", approve_owners, voted_owners, approval, PEOPLE_UNIT, 1),
        )
    )


def assess_committee_vote(
    rule: CommitteeRule,
    members_total: Figure | str,
    members_present: Figure | str,
    members_approve: Figure | str,
) -> VoteOutcome:
    base = members_total if rule.approval_of == "all" else members_present
    return VoteOutcome(
        (
            _test("members_present", members_present, members_total, rule.quorum, PEOPLE_UNIT, 1),
            _test(
                "members_approve",
                members_approve,
                base,
                rule.approval,
                PEOPLE_UNIT,
                1,
                base=VOTE_BASES[rule.approval_of],
            ),
        )
    )


def _figures(decision: Decision, names: tuple[str, ...]) -> list[Figure] | None:
    """The vote figures ``names`` of ``decision``, or None if one is missing."""
    figures = [decision.votes[name] for name in names]
    complete = [f for f in figures if f is not None]
    return complete if len(complete) == len(figures) else None


def ballots_complete(d: Decision) -> bool:
    """Whether an owners' vote records every kind of ballot, not only approvals."""
    return all(d.votes[name] is not None for name in BALLOT_FIELDS)


def _ballot_sums(d: Decision) -> Iterator[tuple[str, dict[str, Figure], Figure, Figure]]:
    """For area and headcount: the ballots by kind, their sum and the participating
    figure, where every one is recorded."""
    for measure in VOTE_MEASURES:
        names = [f"{kind}_{measure}" for kind in VOTE_BALLOTS]
        figures = {name.split("_")[0]: d.votes[name] for name in names}
        voted = d.votes[f"voted_{measure}"]
        if voted is None or any(f is None for f in figures.values()):
            continue
        complete = cast(dict[str, Figure], figures)
        yield measure, complete, sum(complete.values(), start=type(voted)(0)), voted


def _ballots_disagree(d: Decision) -> bool:
    return any(total != voted for _, _, total, voted in _ballot_sums(d))


def decision_outcome(decision: Decision, rule: CommitteeRule | None) -> VoteOutcome | None:
    """The computed outcome, or None when the vote figures are incomplete or inconsistent."""
    if _count_errors(decision) or _ballots_disagree(decision):
        return None
    if decision.body == "owners_assembly":
        owners = _figures(decision, OWNER_VOTE_FIELDS)
        if decision.matter is None or owners is None:
            return None
        return assess_owners_vote(decision.matter, *owners)
    members = _figures(decision, COMMITTEE_VOTE_FIELDS)
    if rule is None or members is None:
        return None
    return assess_committee_vote(rule, *members)


def check_vote_fields(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Each body records its own kind of vote, and only that."""
    for d in records.decisions.values():
        own, other = (
            (OWNER_VOTE_FIELDS, COMMITTEE_VOTE_FIELDS)
            if d.body == "owners_assembly"
            else (COMMITTEE_VOTE_FIELDS, OWNER_VOTE_FIELDS)
        )
        other_body = "committee" if d.body == "owners_assembly" else "owners_assembly"
        names = (BODY_ZH[d.body], BODIES_EN[d.body])
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
                    other_zh=BODY_ZH[other_body],
                    other_en=BODIES_EN[other_body],
                )


def check_ballots(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Every ballot cast takes part (our reading of Art. 278's "参与表决"): approve,
    oppose, abstain and invalid ballots add up to the participating area and headcount.
    A record from before the ballots were kept stays valid, with a warning."""
    for d in records.decisions.values():
        if d.body != "owners_assembly":
            continue
        missing = [name for name in BALLOT_FIELDS if d.votes[name] is None]
        if missing:
            yield problem(
                "decision-ballots-incomplete",
                d.source.file,
                d.source.line,
                missing[0],
                severity="warning",
                missing="、".join(VOTE_FIGURES[name] for name in missing),
                missing_en=", ".join(missing),
            )
        if _count_errors(d):
            continue  # approve is past the participating figure: that error says so
        for measure, figures, total, voted in _ballot_sums(d):
            if total == voted:
                continue
            zh, en = VOTE_MEASURES[measure]
            yield problem(
                "decision-ballots-sum",
                d.source.file,
                d.source.line_of(f"voted_{measure}"),
                f"voted_{measure}",
                measure=zh,
                measure_en=en,
                total=total,
                voted=voted,
                approve=figures["approve"],
                oppose=figures["oppose"],
                abstain=figures["abstain"],
                invalid=figures["invalid"],
            )


def check_area_precision(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Areas are exact to 0.01 ㎡: a third decimal is a typo, and the page would show
    the figure rounded, unlike the one the ratios were computed with."""
    for d in records.decisions.values():
        for name in AREA_FIELDS:
            value = d.votes[name]
            if isinstance(value, Decimal) and finer_than(value, AREA_STEP):
                yield problem(
                    "area-precision", d.source.file, d.source.line_of(name), name, value=value
                )


_ORDER = (
    ("approve_area", "voted_area"),
    ("voted_area", "total_area"),
    ("approve_owners", "voted_owners"),
    ("voted_owners", "total_owners"),
    ("members_approve", "members_present"),
    ("members_present", "members_total"),
)


def _count_errors(d: Decision) -> list[tuple[str, str]]:
    found = []
    for smaller, larger in _ORDER:
        part, whole = d.votes[smaller], d.votes[larger]
        if part is not None and whole is not None and part > whole:
            found.append((smaller, larger))
    return found


def check_vote_counts(records: Records, context: RuleContext) -> Iterator[Problem]:
    """approve <= voted <= total, for area, headcount and members."""
    for d in records.decisions.values():
        for smaller, larger in _count_errors(d):
            yield problem(
                "decision-count-order",
                d.source.file,
                d.source.line_of(smaller),
                smaller,
                smaller_title=VOTE_FIGURES[smaller],
                larger_title=VOTE_FIGURES[larger],
                smaller_field=smaller,
                larger_field=larger,
                smaller=d.votes[smaller],
                larger=d.votes[larger],
            )


def _result_mismatch(
    code: str, d: Decision, outcome: VoteOutcome | None, **params: Any
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
            recorded_zh=VOTE_RESULTS[d.result],
            computed_zh=VOTE_RESULTS[outcome.result],
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
