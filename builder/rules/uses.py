"""Uses of the owners' net income: money the owners decided to move out of a ledger
account (into the maintenance fund, to the owners, to another account, or otherwise).

Civil Code Art. 282: income from the common parts, after reasonable costs, belongs to
the owners in common; such a use is therefore not a cost but the owners' own decision
(Art. 278). Which decision may order which kind of use is data, with its source, in
``owners_uses.yaml`` beside this module. A decision's ``amount`` is an upper limit: the
uses citing it, in every account together, may not add up to more.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from builder.core.model import ENTRY_TYPES, OWNERS_USES, Decision, LedgerEntry, Records
from builder.core.problems import Problem, problem
from builder.rules import RuleContext

ALLOWED_FILE = Path(__file__).with_name("owners_uses.yaml")


@dataclass(frozen=True)
class AllowedUse:
    """Which decisions may order one kind of use.

    Attributes:
        kind: the ledger entry type (one of OWNERS_USES).
        allowed: (body, Art. 278 ¶1 item) pairs a citing decision must match one of.
        label, label_en: the allowed decision in words, for a problem's message.
        sources: the law behind it, as (law id, article) pairs of the reference.
    """

    kind: str
    allowed: tuple[tuple[str, int], ...]
    label: str
    label_en: str
    sources: tuple[tuple[str, int], ...]

    def allows(self, decision: Decision) -> bool:
        return (decision.body, decision.matter) in self.allowed


@cache
def allowed_uses() -> dict[str, AllowedUse]:
    """The allowed pairs of ``owners_uses.yaml``, by kind of use. The file ships with the
    package (not staff input): a fault in it is a bug the tests catch, so it raises."""
    data = yaml.safe_load(ALLOWED_FILE.read_text(encoding="utf-8"))
    result = {}
    for kind, spec in data.items():
        result[kind] = AllowedUse(
            kind,
            tuple((pair["body"], int(pair["matter"])) for pair in spec["allowed"]),
            spec["label"],
            spec["label_en"],
            tuple((source["law"], int(source["article"])) for source in spec["sources"]),
        )
    if set(result) != set(OWNERS_USES):
        raise ValueError(f"{ALLOWED_FILE.name} must list exactly {OWNERS_USES}")
    return result


def owners_uses(records: Records) -> Iterator[LedgerEntry]:
    """Every ledger entry that is a use decided by the owners, account by account in
    file order. Uses are few: only their rows are made into entries."""
    first_use = ENTRY_TYPES.index(OWNERS_USES[0])
    for account in sorted(records.ledgers):
        columns = records.ledgers[account]
        for position in np.flatnonzero(columns.kind >= first_use).tolist():
            yield columns.entry(position)


def check_owners_uses(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Each use cites a passed decision of a body and Art. 278 item allowed for its kind,
    made on or before the use; the uses citing a decision stay within its amount."""
    allowed = allowed_uses()
    within_amount: list[tuple[LedgerEntry, Decision]] = []
    for use in owners_uses(records):
        where = (use.source.file, use.source.line_of("decision"), "decision")
        rule = allowed[use.type]
        if use.decision is None:
            yield problem(
                "use-needs-decision",
                *where,
                kind=use.type,
                allowed=rule.label,
                allowed_en=rule.label_en,
            )
            continue
        decision = records.decisions.get(use.decision)
        if decision is None:
            continue  # an unknown id is the foreign-key check's to report
        if not rule.allows(decision):
            yield problem(
                "use-decision-not-allowed",
                *where,
                decision=decision.id,
                kind=use.type,
                allowed=rule.label,
                allowed_en=rule.label_en,
            )
        elif not decision.passed:
            yield problem("use-decision-not-passed", *where, decision=decision.id)
        elif decision.date > use.date:
            yield problem(
                "use-before-decision",
                *where,
                value=use.date,
                decision=decision.id,
                decision_date=decision.date,
            )
        else:
            within_amount.append((use, decision))
    yield from _over_amount(within_amount)


def _over_amount(uses: list[tuple[LedgerEntry, Decision]]) -> Iterator[Problem]:
    """The uses, by date, that take a decision's total past its amount."""
    spent: dict[str, Decimal] = {}
    ordered = sorted(uses, key=lambda pair: (pair[0].date, pair[0].account, pair[0].voucher))
    for use, decision in ordered:
        if decision.amount is None:
            continue
        total = spent.get(decision.id, Decimal(0)) + use.amount
        spent[decision.id] = total
        if total > decision.amount:
            yield problem(
                "use-over-decision-amount",
                use.source.file,
                use.source.line_of("amount"),
                "amount",
                decision=decision.id,
                total=total,
                limit=decision.amount,
            )
