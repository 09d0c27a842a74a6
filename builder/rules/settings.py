"""The sources of the settings rules judge by (community.yaml ``rules:``): a decision a
source names is in the decisions and is the owners' passed decision on their rules of
procedure — Civil Code Art. 278 item 1: the owners jointly make and amend those rules,
so no committee decision can be the source of one of its articles. A contract's clause
(the provider's pledge) may name the decision that chose the provider, of any matter."""

from __future__ import annotations

from collections.abc import Iterator

from builder.core import resources as R
from builder.core.model import Records
from builder.core.problems import Problem, problem
from builder.messages.commands import PLACEHOLDER
from builder.rules import RuleContext

RULES_OF_PROCEDURE_MATTER = 1  # Art. 278 item 1


def check_rule_sources(records: Records, context: RuleContext) -> Iterator[Problem]:
    community = records.community
    # Without a complete decisions table there is nothing to look a decision up in.
    if community is None or R.DECISIONS not in records.tables:
        return
    if not records.complete(R.DECISIONS):
        return
    for name, setting in community.rules.given().items():
        cited = setting.source.decision
        if not cited or PLACEHOLDER in cited:  # a fill-in hint has its own warning
            continue
        field = f"rules.{name}.source.decision"
        where = (community.source.file, community.source.line_of(field), field)
        made = records.decisions.get(cited)
        if made is None:
            yield problem("rule-source-decision-unknown", *where, decision=cited)
        elif setting.source.contract:  # the decision that chose the provider: any matter
            continue
        elif not (
            made.passed
            and made.body == "owners_assembly"
            and made.matter == RULES_OF_PROCEDURE_MATTER
        ):
            yield problem("rule-source-decision-not-rules", *where, decision=cited)
