"""The owners' register (community.yaml ``owners_register``) and what rests on it: the
totals an owners' vote is a share of, and the scope of what a vote can decide.

The SPC interpretation on building ownership says what counts (Art. 8: the exclusive
area in the property register, else as surveyed, else as in the sale contract; Art. 9:
one owner per exclusive part, the developer's unsold or undelivered parts together one,
a buyer of several parts one). The register records, per issue (``as_of``) and scope
(the whole community, a building, a unit), the area, the parts, the developer's parts,
the buyers' further parts and the headcount these give.

- Each count: its headcount is Art. 9's arithmetic; its area has at most two decimals.
- Each issue: one count of the whole community, no scope twice; buildings add up to
  the whole and a building's units to the building (area, parts, developer's parts
  exactly; headcounts at least, since one buyer with parts in two places is one owner
  of the whole).
- Each owners' decision: its totals are the count, for its voting scope, of the issue
  in force on its date (the latest ``as_of`` on or before it), unless ``totals_note``
  says why not.
- Each maintenance-fund use on an owners' decision lies within the decision's voting
  scope; with ``rules.part_scope_votes: required``, a use on part of the buildings
  rests on a vote of exactly that part's owners (Shanghai provisions Art. 69 put such
  works to the owners of the part; the national rule is silent, so it is a setting with
  its source). Emergency uses (Art. 281 ¶2) rest on the committee's application, not on
  a vote, and are not scope-checked.

Henan's "objection voting" (异议表决, Henan regulations Art. 66: a fund use passes when
those who object hold one third or less of the area and headcount) is not supported:
decisions are checked by Civil Code Art. 278 only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from builder.core import resources as R
from builder.core.model import Decision, Records, RegisterCount, scope_parts, scope_text
from builder.core.numbers import AREA_STEP, finer_than
from builder.core.problems import Problem, problem
from builder.load.project import COMMUNITY
from builder.messages.problems import REGISTER_FIGURES, REGISTER_GAPS, REGISTER_PARTS
from builder.rules import RuleContext
from builder.rules.procedure import source_words

OWNERS_ASSEMBLY = "owners_assembly"
TOTALS = ("total_area", "total_owners")
# The figures that add up exactly from parts to their whole (headcounts do not).
ADDITIVE = ("area", "units", "developer_units")
_PART = re.compile(r"([0-9]+幢)([0-9]+单元)?")


def building_of(part: str) -> str | None:
    """The building a part lies in ("2幢" for "2幢1单元" and for "2幢")."""
    found = _PART.fullmatch(part)
    return found.group(1) if found else None


def lies_within(parts: tuple[str, ...], scope: tuple[str, ...]) -> bool:
    """Whether every part lies in ``scope``: anything lies in the whole community (()),
    a unit in its building; the whole community lies in no part."""
    if not scope:
        return True
    return bool(parts) and all(p in scope or building_of(p) in scope for p in parts)


def issues(records: Records) -> dict[date, list[RegisterCount]]:
    """The register's counts by issue, oldest first, each in file order."""
    grouped: dict[date, list[RegisterCount]] = defaultdict(list)
    for count in records.register:
        grouped[count.as_of].append(count)
    return dict(sorted(grouped.items()))


def in_force(records: Records, day: date) -> tuple[date, list[RegisterCount]] | None:
    """The issue in force on ``day``: the latest whose ``as_of`` is on or before it."""
    found = [(as_of, counts) for as_of, counts in issues(records).items() if as_of <= day]
    return found[-1] if found else None


@dataclass(frozen=True)
class RegisterMatch:
    """A decision's totals beside the register's count for its scope and date.

    Attributes:
        count: the count of the issue in force on the decision's date, for its scope.
        area_differs, owners_differs: whether the decision's total_area / total_owners
            (when recorded) differ from the count's.
        note: the decision's ``totals_note`` (why they differ), or None.
    """

    count: RegisterCount
    area_differs: bool
    owners_differs: bool
    note: str | None

    @property
    def differs(self) -> bool:
        return self.area_differs or self.owners_differs


def register_match(d: Decision, records: Records) -> RegisterMatch | None:
    """The register's count for an owners' decision's scope in force on its date; None
    for a committee decision, or when the register has no such count."""
    if d.body != OWNERS_ASSEMBLY:
        return None
    issue = in_force(records, d.date)
    count = next((c for c in issue[1] if c.scope == d.scope), None) if issue else None
    if count is None:
        return None
    area, owners = (d.votes.get(name) for name in TOTALS)
    return RegisterMatch(
        count,
        area is not None and area != count.area,
        owners is not None and owners != count.owners,
        d.totals_note,
    )


def _titles(records: Records) -> dict[str, str]:
    return records.titles.get(R.OWNERS_REGISTER, {})


def check_register_counts(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Each count: an area to 0.01 ㎡, the developer's and the buyers' further parts no
    more than the parts, and the headcount Art. 9 gives."""
    titles = _titles(records)
    for count in records.register:
        where = count.source_ref
        if finer_than(count.area, AREA_STEP):
            line = where.line_of("area")
            yield problem("area-precision", where.file, line, "area", value=count.area)
        exceeds = False
        for name in ("developer_units", "extra_units"):
            value = getattr(count, name)
            if value > count.units:
                exceeds = True
                yield problem(
                    "count-exceeds",
                    where.file,
                    where.line_of(name),
                    name,
                    title=titles.get(name, name),
                    value=value,
                    other_title=titles.get("units", "units"),
                    other_field="units",
                    other=count.units,
                )
        if not exceeds and count.owners != count.expected_owners:
            yield problem(
                "register-owners-arithmetic",
                where.file,
                where.line_of("owners"),
                "owners",
                units=count.units,
                developer_units=count.developer_units,
                developer_one=1 if count.developer_units else 0,
                extra_units=count.extra_units,
                expected=count.expected_owners,
                owners=count.owners,
            )


def check_register_parts(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Each issue: one count of the whole community and no scope twice; the buildings
    add up to the whole, a building's units to the building, the parts of a count of
    several places to it (area, parts and the developer's parts exactly; headcounts at
    least, a buyer with parts in several places being one owner of the whole)."""
    if not records.complete(R.OWNERS_REGISTER):
        return  # a count the check refused would make every sum wrong
    for as_of, counts in issues(records).items():
        by_scope: dict[tuple[str, ...], RegisterCount] = {}
        for count in counts:
            first = by_scope.setdefault(count.scope, count)
            if first is not count:
                where = count.source_ref
                yield problem(
                    "register-scope-repeated",
                    where.file,
                    where.line_of("part"),
                    "part",
                    as_of=as_of,
                    scope=count.scope_text,
                    first_line=first.source_ref.line_of("part"),
                )
        whole = by_scope.get(())
        if whole is None:
            where = counts[0].source_ref
            yield problem(
                "register-whole-missing", where.file, where.line_of("as_of"), "as_of", as_of=as_of
            )
        buildings = [c for s, c in by_scope.items() if len(s) == 1 and building_of(s[0]) == s[0]]
        if whole is not None and buildings:
            yield from _parts_add_up(whole, buildings, "buildings", {})
        for building in buildings:
            name = building.scope[0]
            units = [
                c
                for s, c in by_scope.items()
                if len(s) == 1 and s[0] != name and building_of(s[0]) == name
            ]
            if units:
                yield from _parts_add_up(building, units, "units", {"building": name})
        for scope, count in by_scope.items():
            parts = [by_scope.get((p,)) for p in scope] if len(scope) > 1 else []
            listed = [p for p in parts if p is not None]
            if parts and len(listed) == len(parts):
                yield from _parts_add_up(count, listed, "listed", {"whole": count.scope_text})


def _parts_add_up(
    whole: RegisterCount, parts: list[RegisterCount], kind: str, names: dict[str, str]
) -> Iterator[Problem]:
    """The parts' area, parts and developer's parts add up to the whole's, and their
    headcounts to at least its."""
    where = whole.source_ref
    parts_zh, parts_en = (text.format(**names) for text in REGISTER_PARTS[kind])
    for name in ADDITIVE:
        total = sum((getattr(p, name) for p in parts), start=type(getattr(whole, name))(0))
        if total != getattr(whole, name):
            what_zh, what_en = REGISTER_FIGURES[name]
            yield problem(
                "register-parts-sum",
                where.file,
                where.line_of(name),
                name,
                as_of=whole.as_of,
                parts=parts_zh,
                parts_en=parts_en,
                what=what_zh,
                what_en=what_en,
                total=total,
                whole=whole.scope_text,
                value=getattr(whole, name),
            )
    owners = sum(p.owners for p in parts)
    if owners < whole.owners:
        yield problem(
            "register-parts-owners",
            where.file,
            where.line_of("owners"),
            "owners",
            as_of=whole.as_of,
            parts=parts_zh,
            parts_en=parts_en,
            total=owners,
            whole=whole.scope_text,
            value=whole.owners,
        )


def check_decision_totals(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Each owners' decision's total_area and total_owners are the register's count for
    its voting scope in force on its date, unless its totals_note says why not. No
    register at all is one warning; no count for a decision's date or scope, one each."""
    decisions = [d for d in records.decisions.values() if d.body == OWNERS_ASSEMBLY]
    if not decisions or not records.complete(R.OWNERS_REGISTER):
        return  # the register's own errors come first
    if not records.register:
        yield problem(
            "register-missing",
            COMMUNITY,
            None,
            "owners_register",
            severity="warning",
            count=len(decisions),
        )
        return
    first = min(c.as_of for c in records.register)
    for d in decisions:
        totals = {name: d.votes.get(name) for name in TOTALS}
        if all(v is None for v in totals.values()):
            continue  # recorded without totals: the vote rules report that
        where = d.source
        field = next(name for name, v in totals.items() if v is not None)
        match = register_match(d, records)
        if match is None:
            issue = in_force(records, d.date)
            gap = "no-issue" if issue is None else "no-scope"
            as_of = issue[0] if issue else first
            reason_zh, reason_en = (
                text.format(first=first, as_of=as_of) for text in REGISTER_GAPS[gap]
            )
            yield problem(
                "decision-no-register-count",
                where.file,
                where.line_of(field),
                field,
                severity="warning",
                date=d.date,
                scope=d.scope_text,
                reason=reason_zh,
                reason_en=reason_en,
            )
            continue
        if d.totals_note:
            continue  # the page shows the note beside the register's count
        count = match.count
        for name, differs, register in (
            ("total_area", match.area_differs, count.area),
            ("total_owners", match.owners_differs, count.owners),
        ):
            if differs:
                what_zh, what_en = REGISTER_FIGURES[name]
                yield problem(
                    "decision-totals-differ",
                    where.file,
                    where.line_of(name),
                    name,
                    what=what_zh,
                    what_en=what_en,
                    value=totals[name],
                    register=register,
                    scope=d.scope_text,
                    as_of=count.as_of,
                    source=count.source,
                )


def check_fund_use_scope(records: Records, context: RuleContext) -> Iterator[Problem]:
    """A maintenance-fund use on an owners' decision lies within the decision's voting
    scope (a unit lies in its building, anything in the whole community); with
    ``rules.part_scope_votes: required``, a use on part of the buildings rests on a
    decision voted by exactly that part's owners. Emergency uses (basis ``emergency``)
    rest on the committee's application, not on a vote: they are not scope-checked."""
    community = records.community
    setting = community.rules.part_scope_votes if community else None
    required = setting is not None and setting.value == "required"
    for use in records.fund_uses:
        if use["basis"] != "owners_decision":
            continue
        decision = records.decisions.get(use["decision"])
        if decision is None or decision.body != OWNERS_ASSEMBLY:
            continue  # unknown ids and other bodies have their own problems
        if "works_scope" not in use.values:
            continue  # a community's own schema without the column: nothing to check
        scope = scope_parts(use["works_scope"])
        where = use.source
        if not lies_within(scope, decision.scope):
            yield problem(
                "fund-use-outside-scope",
                where.file,
                where.line_of("works_scope"),
                "works_scope",
                scope=scope_text(scope),
                decision=decision.id,
                decision_scope=decision.scope_text,
            )
        elif required and setting is not None and scope and decision.scope != scope:
            source_zh, source_en = source_words(setting.source)
            yield problem(
                "fund-use-needs-part-vote",
                where.file,
                where.line_of("decision"),
                "decision",
                scope=scope_text(scope),
                source=source_zh,
                source_en=source_en,
                decision=decision.id,
                decision_scope=decision.scope_text,
            )
