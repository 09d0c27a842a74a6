"""The two settings documents: ledgers/accounts.yaml, flattened into an accounts table
and an assertions table (checked against their Table Schemas like any table), and
community.yaml, read into the community's settings."""

from __future__ import annotations

from typing import Any

from builder.core.formatting import CENT
from builder.core.model import THRESHOLDS, CommitteeRule, Community, Source
from builder.core.numbers import read_integer, read_number
from builder.core.problems import Problem, problem
from builder.load.documents import Document, unknown_fields
from builder.load.project import COMMUNITY
from builder.load.table import Table
from builder.messages.commands import LIST_JOIN
from builder.messages.problems import CODE_MEANING, COMMUNITY_TITLES
from builder.messages.site import VOTE_BASES

ACCOUNT_FIELDS = ("id", "name", "opened", "closed", "opening_balance")
ASSERTION_FIELDS = ("account", "date", "balance")
# The keys an account and an assertion may have in accounts.yaml (its id is the key).
ACCOUNT_KEYS = (*ACCOUNT_FIELDS[1:], "assertions")
ASSERTION_KEYS = ASSERTION_FIELDS[1:]


def accounts_tables(doc: Document) -> tuple[Table | None, Table | None, list[Problem]]:
    """Flatten ledgers/accounts.yaml into an accounts table and an assertions table."""
    if not isinstance(doc.data, dict):
        return None, None, [problem("accounts-not-mapping", doc.file, doc.line())]
    problems: list[Problem] = []
    accounts = Table(doc.file, list(ACCOUNT_FIELDS), [], [], [])
    assertions = Table(doc.file, list(ASSERTION_FIELDS), [], [], [])
    for account_id, body in doc.data.items():
        line = doc.line(account_id) or 1
        if not isinstance(body, dict):
            problems.append(problem("accounts-not-mapping", doc.file, line))
            continue
        problems += unknown_fields(doc, body, ACCOUNT_KEYS, account_id)
        accounts.rows.append([account_id, *(body.get(k) for k in ACCOUNT_FIELDS[1:])])
        accounts.lines.append(line)
        accounts.field_lines.append({k: doc.line(account_id, k) for k in body} | {"id": line})
        items = body.get("assertions") or []
        if not isinstance(items, list):
            problems.append(
                problem("assertions-not-list", doc.file, doc.line(account_id, "assertions"))
            )
            continue
        for n, item in enumerate(items):
            item_line = doc.line(account_id, "assertions", n) or line
            if not isinstance(item, dict):
                problems.append(problem("assertions-not-list", doc.file, item_line))
                continue
            problems += unknown_fields(doc, item, ASSERTION_KEYS, account_id, "assertions", n)
            assertions.rows.append([account_id, item.get("date"), item.get("balance")])
            assertions.lines.append(item_line)
            assertions.field_lines.append(
                {k: doc.line(account_id, "assertions", n, k) for k in item}
            )
    return accounts, assertions, problems


# The settings that must be text (their titles are in the problems catalogue).
_COMMUNITY_TEXT = (
    ("name",),
    ("full_name",),
    ("address",),
    ("neighbourhood_committee",),
    ("property_company", "name"),
    ("property_company", "service_phone"),
    ("owners_committee", "name"),
    ("party_branch", "name"),
)


def read_community(doc: Document) -> tuple[Community | None, list[Problem]]:
    """Check community.yaml and turn it into settings; every problem names its key."""
    file = COMMUNITY
    data = doc.data
    if not isinstance(data, dict):
        return None, [problem("yaml-not-mapping-doc", file, 1)]
    problems: list[Problem] = []

    def get(*path: str) -> Any:
        value: Any = data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    for path in _COMMUNITY_TEXT:
        value = get(*path)
        key = ".".join(path)
        if value is None:
            problems.append(
                problem(
                    "community-missing", file, doc.line(*path), key, title=COMMUNITY_TITLES[key]
                )
            )
        elif not isinstance(value, str):
            problems.append(problem("community-not-text", file, doc.line(*path), key))

    # Numbers through the one reader (plain, finite, bounded) before any comparison:
    # "NaN", "Infinity", "1e99999999" or "⑦" are refused here, never computed with;
    # the threshold is an amount, so at most two decimals.
    threshold_raw = get("ledger", "cost_threshold")
    threshold = read_number(threshold_raw)
    if threshold is None or threshold <= 0 or threshold != threshold.quantize(CENT):
        problems.append(
            problem(
                "community-bad-amount",
                file,
                doc.line("ledger", "cost_threshold"),
                "ledger.cost_threshold",
                value=threshold_raw or "",
            )
        )
    size_raw = get("owners_committee", "size")
    size = read_integer(size_raw)
    if size is None or size <= 0:
        problems.append(
            problem(
                "community-bad-integer",
                file,
                doc.line("owners_committee", "size"),
                "owners_committee.size",
                value=size_raw or "",
            )
        )
    rule_parts = {}
    for key in ("quorum", "approval"):
        term = get("owners_committee", "meeting_rule", key)
        # A list or mapping typed here is no term either (and cannot be looked up).
        if not isinstance(term, str) or term not in THRESHOLDS:
            problems.append(
                problem(
                    "community-bad-threshold",
                    file,
                    doc.line("owners_committee", "meeting_rule", key),
                    f"owners_committee.meeting_rule.{key}",
                    value=term or "",
                    allowed=LIST_JOIN.join(THRESHOLDS),
                )
            )
        else:
            rule_parts[key] = THRESHOLDS[term]
    approval_of = get("owners_committee", "meeting_rule", "approval_of") or "all"
    if approval_of not in ("all", "present"):
        problems.append(
            problem(
                "community-bad-choice",
                file,
                doc.line("owners_committee", "meeting_rule", "approval_of"),
                "owners_committee.meeting_rule.approval_of",
                value=approval_of,
                allowed=LIST_JOIN.join(
                    CODE_MEANING.format(code=code, meaning=meaning)
                    for code, meaning in VOTE_BASES.items()
                ),
            )
        )
    if problems or threshold is None or size is None:  # each None has its problem above
        return None, problems
    return Community(
        name=data["name"],
        full_name=data["full_name"],
        address=data["address"],
        property_company=data["property_company"],
        owners_committee=data["owners_committee"],
        party_branch=data["party_branch"],
        neighbourhood_committee=data["neighbourhood_committee"],
        cost_threshold=threshold,
        committee_size=size,
        committee_rule=CommitteeRule(
            rule_parts["quorum"],
            rule_parts["approval"],
            "present" if approval_of == "present" else "all",
        ),
        source=Source(
            file,
            1,
            tuple((".".join(map(str, k)), v) for k, v in sorted(doc.lines.items(), key=str) if k),
        ),
    ), []
