"""Stage 4, rules: the domain rules. Each rule is a plain function of the typed records that
returns problems; ``RULES`` lists them in the order the report reads best."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np

from builder.core.model import LedgerColumns, Records
from builder.core.problems import Problem
from builder.core.resources import LEDGER_PREFIX


@dataclass(frozen=True)
class RuleContext:
    """What rules need besides the records.

    Attributes:
        today: the real date, for the "dated in the future" typo guard (it decides
            errors, never output bytes, so it is not the build date).
        root: the project's folder, for a rule that reads what the site publishes
            besides the records (mkdocs.yml, the pages in content/); None when unknown.
        build_date: the date the site is built for (publish.provenance), which the
            disclosure calendar's statuses read; None when unknown (then ``today``).
    """

    today: date
    root: Path | None = None
    build_date: date | None = None


Rule = Callable[[Records, RuleContext], Iterable[Problem]]


def text_values(records: Records) -> Iterator[tuple[str, int, str, str]]:
    """Every text a resident could read: (file, line, field, text) for each string field
    of each record, and for the community's public settings. Ledgers are not here:
    ``ledger_texts`` gives their text a distinct value at a time."""
    ledgers = {LEDGER_PREFIX + account for account in records.ledgers}
    for resource in sorted(records.tables):
        if resource in ledgers:
            continue
        for record in records.tables[resource]:
            for name, value in record.values.items():
                if isinstance(value, str):
                    yield record.source.file, record.source.line_of(name), name, value
    # The owners' register is published: each issue's source once (its counts share it).
    sources = {
        (c.source_ref.file, c.source_ref.line_of("source"), c.source) for c in records.register
    }
    for file, line, source in sorted(sources):
        yield file, line, "source", source
    community = records.community
    if community is None:
        return
    settings = {
        "name": community.name,
        "full_name": community.full_name,
        "address": community.address,
        "neighbourhood_committee": community.neighbourhood_committee,
        "property_company": community.property_company,
        "owners_committee": community.owners_committee,
        "party_branch": community.party_branch,
    }
    for key, value in settings.items():
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for sub_key, text in items:
            name = f"{key}.{sub_key}" if sub_key else key
            if isinstance(text, str):
                yield community.source.file, community.source.line_of(name), name, text
    # The rules' sources are shown beside the rules' results on the site.
    for setting_name, setting in community.rules.given().items():
        for key in ("rules_of_procedure", "decision", "contract"):
            text = getattr(setting.source, key)
            name = f"rules.{setting_name}.source.{key}"
            if isinstance(text, str):
                yield community.source.file, community.source.line_of(name), name, text


def ledger_texts(
    records: Records,
) -> Iterator[tuple[LedgerColumns, str, str, Callable[[], np.ndarray]]]:
    """Every distinct text of every ledger: (columns, field, text, the positions of the
    rows that hold it). A million rows repeat a few dozen words, so each is read once.
    Vouchers, distinct by nature, come from ``voucher_texts`` instead."""
    for columns in records.ledgers.values():
        for name, column in columns.text.items():
            for k, text in enumerate(column.values):
                if text:
                    yield columns, name, text, partial(column.rows_with, k)


VOUCHER_SLICE = 65_536


def voucher_texts(columns: LedgerColumns, digits: int | None) -> Iterator[tuple[int, str]]:
    """(position, voucher) for the vouchers a text rule must read. Vouchers are nearly
    all distinct, so they are sifted side by side in one buffer: when all are ASCII,
    only those with at least ``digits`` digits (None: none, for a rule that looks for
    other scripts); otherwise every one."""
    width = columns.voucher.dtype.itemsize
    if not len(columns):
        return
    if columns.voucher.dtype == object:  # vouchers kept as text: read them one by one
        for position in range(len(columns)):
            yield position, columns.voucher_text(position)
        return
    grid = columns.voucher.view(np.uint8).reshape(-1, width)  # a view: no copy
    if grid.max() >= 0x80:
        for position in range(len(columns)):
            yield position, columns.voucher_text(position)
        return
    if digits is None:
        return
    for start in range(0, len(grid), VOUCHER_SLICE):  # bounded temporaries
        part = grid[start : start + VOUCHER_SLICE]
        counts = ((part >= ord("0")) & (part <= ord("9"))).sum(axis=1)
        for position in (np.flatnonzero(counts >= digits) + start).tolist():
            yield position, columns.voucher[position].decode()


def registered_rules() -> tuple[Rule, ...]:
    # Imported here so each rule module can import this package's types.
    from builder.rules import (
        branch,
        calendar,
        decisions,
        fund,
        joint_meetings,
        ledger,
        personal_basis,
        personal_info,
        procedure,
        records,
        register,
        requests,
        settings,
        uses,
        volunteers,
        wishes,
    )

    return (
        ledger.check_accounts_have_ledgers,
        ledger.check_amount_precision,
        ledger.check_entry_dates,
        ledger.check_balance_assertions,
        ledger.check_cost_approval,
        settings.check_rule_sources,
        uses.check_owners_uses,
        decisions.check_vote_fields,
        decisions.check_vote_counts,
        decisions.check_ballots,
        decisions.check_area_precision,
        decisions.check_vote_threshold,
        decisions.check_committee_vote,
        procedure.check_dates_order,
        procedure.check_notice,
        procedure.check_dates_missing,
        procedure.check_publication,
        calendar.check_calendar,
        register.check_register_counts,
        register.check_register_parts,
        register.check_decision_totals,
        fund.check_fund_transfers,
        fund.check_fund_transfers_received,
        fund.check_fund_balance,
        fund.check_fund_uses,
        register.check_fund_use_scope,
        records.check_ids_are_path_names,
        records.check_dates_not_future,
        records.check_periods,
        records.check_counts,
        records.check_placeholders,
        personal_info.check_personal_info,
        personal_basis.check_personal_basis,
        personal_basis.check_person_in_text,
        branch.check_disclosure,
        requests.check_request_times,
        requests.check_request_classes,
        requests.check_performance_agrees,
        wishes.check_wish_status,
        wishes.check_wish_dates,
        joint_meetings.check_planned_meetings,
        joint_meetings.check_issue_follow_up,
        joint_meetings.check_issue_closed_once,
        volunteers.check_volunteer_person,
    )


def run_rules(records: Records, context: RuleContext) -> list[Problem]:
    """Every rule's problems, in registry order."""
    problems: list[Problem] = []
    for rule in registered_rules():
        problems.extend(rule(records, context))
    return problems
