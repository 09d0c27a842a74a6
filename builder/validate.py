"""Stage 2: check every table against its Table Schema with Frictionless, point each
error at the staff file's line, and turn the rows that pass into typed records.

Rows with schema errors do not become records, so the domain rules that follow never
reason about half-parsed values (and never repeat an error the schema already gave).
"""

from __future__ import annotations

import re
from copy import deepcopy
from decimal import Decimal, InvalidOperation
from typing import Any

from frictionless import Package, Schema
from frictionless.resources import TableResource

from builder import messages
from builder.load import Document, Table
from builder.model import (
    COMMITTEE_VOTE_FIELDS,
    OWNER_VOTE_FIELDS,
    THRESHOLDS,
    Account,
    BalanceAssertion,
    CommitteeRule,
    Community,
    Decision,
    LedgerEntry,
    Record,
    Records,
    Source,
)
from builder.problems import Problem, problem
from builder.project import ACCOUNTS, COMMUNITY, Project

_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_POSITION = re.compile(r"position (\d+)")

# (resource name, schema descriptor, table) — the unit the schema check works on.
Checked = tuple[str, dict, Table]


def check_tables(
    tables: list[Checked], titles: dict[str, str] | None = None
) -> tuple[dict[str, list[tuple[int, dict]]], set[str], list[Problem]]:
    """Run the Table Schema checks on every table at once (foreign keys cross tables).
    ``titles`` names the resources in messages (a foreign key's target, for one).

    Returns the valid rows of each resource as (row index, typed values), the names of
    resources that had any error, and the problems found.
    """
    problems: list[Problem] = []
    shaped: dict[str, tuple[dict, Table, list[int]]] = {}
    for name, schema, table in tables:
        kept, header_problems = _shape(schema, table)
        problems.extend(header_problems)
        if kept is not None:
            shaped[name] = (schema, table, kept)
    invalid = {name for name, _, _ in tables if name not in shaped}

    resources = []
    for name, (schema, table, kept) in shaped.items():
        descriptor = deepcopy(schema)
        # A foreign key into a table that could not be read would flag every row;
        # that table's own error already says what is wrong.
        descriptor["foreignKeys"] = [
            fk
            for fk in descriptor.get("foreignKeys", [])
            if fk["reference"].get("resource", "") in ("", name)
            or fk["reference"]["resource"] in shaped
        ]
        descriptor.pop("fieldsMatch", None)
        fields = [f["name"] for f in descriptor["fields"]]
        order = [table.header.index(f) for f in fields]
        data = [fields] + [[table.rows[i][j] for j in order] for i in kept]
        resources.append(
            TableResource(name=name, data=data, schema=Schema.from_descriptor(descriptor))
        )
    Package(resources=resources)  # gives each resource the others, for foreign keys

    typed: dict[str, list[tuple[int, dict]]] = {}
    for resource in resources:
        schema, table, kept = shaped[resource.name]
        rows, row_problems = _read_rows(resource, schema, table, kept, titles or {})
        typed[resource.name] = rows
        problems.extend(row_problems)
        if row_problems:
            invalid.add(resource.name)
    return typed, invalid, problems


def _shape(schema: dict, table: Table) -> tuple[list[int] | None, list[Problem]]:
    """Check the header and each row's length; return the indexes of rows to check."""
    problems: list[Problem] = []
    fields = [f["name"] for f in schema["fields"]]
    titles = {f["name"]: f.get("title", f["name"]) for f in schema["fields"]}
    expected = ",".join(fields)
    header = table.header
    for name in fields:
        if name not in header:
            problems.append(
                problem(
                    "missing-column", table.file, 1, name, title=titles[name], expected=expected
                )
            )
    seen: set[str] = set()
    for name in header:
        if name not in fields:
            problems.append(problem("unknown-column", table.file, 1, name, expected=expected))
        elif name in seen:
            problems.append(problem("duplicate-column", table.file, 1, name))
        seen.add(name)
    if problems:
        problems.append(problem("header-checks-skipped", table.file, 1, severity="warning"))
        return None, problems
    kept = []
    for index, cells in enumerate(table.rows):
        line = table.lines[index]
        if all(c is None or str(c).strip() == "" for c in cells):
            problems.append(problem("blank-row", table.file, line))
        elif len(cells) > len(header):
            problems.append(problem("extra-cell", table.file, line, count=len(cells) - len(header)))
        elif len(cells) < len(header):
            missing = header[len(cells)]
            problems.append(
                problem("missing-cell", table.file, line, missing, count=len(header) - len(cells))
            )
        else:
            kept.append(index)
    return kept, problems


def _read_rows(
    resource: TableResource, schema: dict, table: Table, kept: list[int], titles: dict[str, str]
) -> tuple[list[tuple[int, dict]], list[Problem]]:
    fields = {f["name"]: f for f in schema["fields"]}
    rows: list[tuple[int, dict]] = []
    problems: list[Problem] = []
    with resource:
        for row in resource.row_stream:
            index = kept[row.row_number - 2]
            for error in row.errors:
                problems.append(_problem_from(error, fields, schema, table, kept, index, titles))
            if row.valid:
                rows.append((index, row.to_dict()))
    return rows, problems


def _problem_from(
    error: Any,
    fields: dict[str, dict],
    schema: dict,
    table: Table,
    kept: list[int],
    index: int,
    titles: dict[str, str],
) -> Problem:
    """Translate one Frictionless row error into a Problem at the staff file's line."""
    name = getattr(error, "field_name", None)
    line = table.line_of(index, name)
    field = fields.get(name or "", {})
    title = field.get("title", name)
    value = getattr(error, "cell", "")
    if error.type == "type-error":
        kind = field.get("type", "string")
        hint = field.get("description", "")
        return problem(
            "type-error",
            table.file,
            line,
            name,
            title=title,
            value=value,
            type=kind,
            type_zh=messages.TYPE_NAMES_ZH.get(kind, kind),
            hint=hint,
        )
    if error.type == "constraint-error":
        match = _CONSTRAINT.search(error.note or "")
        constraint, limit = (match.group(1), match.group(2)) if match else ("", error.note)
        code = f"constraint-{constraint}"
        if code not in messages.MESSAGES:
            code = "constraint-error"
        allowed = "、".join(map(str, field.get("constraints", {}).get("enum", [])))
        return problem(
            code,
            table.file,
            line,
            name,
            title=title,
            value=value,
            limit=limit,
            allowed=allowed,
            length=len(str(value)),
            detail=error.note,
            pattern=field.get("constraints", {}).get("pattern", ""),
            hint=field.get("description", ""),
        )
    if error.type in ("primary-key", "unique-error"):
        match = _POSITION.search(error.note or "")
        other = table.lines[kept[int(match.group(1)) - 2]] if match else "?"
        keys = schema.get("primaryKey", [])
        cells = getattr(error, "cells", [])
        key_values = (
            [str(cells[list(fields).index(k)]) for k in keys]
            if error.type == "primary-key"
            else [str(value)]
        )
        key_title = "、".join(fields[k].get("title", k) for k in keys)
        return problem(
            error.type,
            table.file,
            line,
            keys[0] if error.type == "primary-key" else name,
            key_title=key_title,
            key_fields=",".join(keys),
            value=" / ".join(key_values),
            other_line=other,
            title=title,
        )
    if error.type == "foreign-key":
        target = ""
        for fk in schema.get("foreignKeys", []):
            fk_fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            if f'"{fk_fields[0]}"' in (error.note or ""):
                name, target = fk_fields[0], fk["reference"].get("resource", "")
                break
        cells = getattr(error, "cells", [])
        value = cells[list(fields).index(name)] if name in fields and cells else ""
        return problem(
            "foreign-key",
            table.file,
            table.line_of(index, name),
            name,
            title=fields.get(name, {}).get("title", name),
            value=value,
            target=target,
            target_title=titles.get(target, target),
        )
    return problem("schema-check-failed", table.file, line, name, detail=error.note or error.type)


# --- from typed rows to records -------------------------------------------------


def source_of(table: Table, index: int) -> Source:
    lines = table.field_lines[index] if table.field_lines else {}
    return Source(table.file, table.lines[index], tuple(sorted(lines.items())))


def build_records(
    project: Project,
    tables: dict[str, Table],
    typed: dict[str, list[tuple[int, dict]]],
    invalid: set[str],
) -> Records:
    """Make the domain records from the rows that passed the schema checks."""
    records = Records(invalid_resources=set(invalid))
    for resource in project.resources:
        table = tables.get(resource.name)
        rows = typed.get(resource.name, [])
        records.titles[resource.name] = {
            f["name"]: f.get("title", f["name"]) for f in resource.schema["fields"]
        }
        records.tables[resource.name] = [
            Record(resource.name, values, source_of(table, i)) for i, values in rows
        ]
        if resource.account:
            records.entries.extend(
                LedgerEntry(
                    account=resource.account,
                    voucher=v["voucher"],
                    date=v["date"],
                    type=v["type"],
                    category=v["category"],
                    amount=v["amount"],
                    counterparty=v["counterparty"],
                    description=v.get("description") or "",
                    decision=v.get("decision"),
                    source=source_of(table, i),
                )
                for i, v in rows
            )
        elif resource.name == "decisions":
            for i, v in rows:
                votes = {k: v.get(k) for k in OWNER_VOTE_FIELDS + COMMITTEE_VOTE_FIELDS}
                records.decisions[v["id"]] = Decision(
                    id=v["id"],
                    date=v["date"],
                    body=v["body"],
                    matter=v.get("matter"),
                    title=v["title"],
                    summary=v["summary"],
                    result=v["result"],
                    votes=votes,
                    source=source_of(table, i),
                )
    return records


# --- the two settings files -------------------------------------------------------


def accounts_tables(doc: Document) -> tuple[Table | None, Table | None, list[Problem]]:
    """Flatten ledgers/accounts.yaml into an accounts table and an assertions table."""
    if not isinstance(doc.data, dict):
        return None, None, [problem("accounts-not-mapping", doc.file, doc.line())]
    problems: list[Problem] = []
    account_fields = ["id", "name", "opened", "closed", "opening_balance"]
    accounts = Table(doc.file, account_fields, [], [], [])
    assertions = Table(doc.file, ["account", "date", "balance"], [], [], [])
    for account_id, body in doc.data.items():
        line = doc.line(account_id) or 1
        if not isinstance(body, dict):
            problems.append(problem("accounts-not-mapping", doc.file, line))
            continue
        for key in body:
            if key not in (*account_fields[1:], "assertions"):
                problems.append(
                    problem(
                        "unknown-field",
                        doc.file,
                        doc.line(account_id, key),
                        key,
                        expected="name、opened、closed、opening_balance、assertions",
                    )
                )
        accounts.rows.append([account_id, *(body.get(k) for k in account_fields[1:])])
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
            for key in item:
                if key not in ("date", "balance"):
                    problems.append(
                        problem(
                            "unknown-field",
                            doc.file,
                            doc.line(account_id, "assertions", n, key),
                            key,
                            expected="date、balance",
                        )
                    )
            assertions.rows.append([account_id, item.get("date"), item.get("balance")])
            assertions.lines.append(item_line)
            assertions.field_lines.append(
                {k: doc.line(account_id, "assertions", n, k) for k in item}
            )
    return accounts, assertions, problems


def add_accounts(
    records: Records, accounts: Table, assertions: Table, typed: dict[str, list[tuple[int, dict]]]
) -> None:
    for i, v in typed.get("accounts", []):
        records.accounts[v["id"]] = Account(
            v["id"],
            v["name"],
            v["opened"],
            v.get("closed"),
            v["opening_balance"],
            source_of(accounts, i),
        )
    records.assertions.extend(
        BalanceAssertion(v["account"], v["date"], v["balance"], source_of(assertions, i))
        for i, v in typed.get("assertions", [])
    )


_COMMUNITY_TEXT = {
    ("name",): "小区简称",
    ("full_name",): "小区全称",
    ("address",): "地址",
    ("neighbourhood_committee",): "所属居委会",
    ("property_company", "name"): "物业服务企业",
    ("property_company", "service_phone"): "物业服务电话",
    ("owners_committee", "name"): "业主委员会名称",
    ("party_branch", "name"): "党支部名称",
}


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

    for path, title in _COMMUNITY_TEXT.items():
        value = get(*path)
        if value is None:
            problems.append(
                problem("community-missing", file, doc.line(*path), ".".join(path), title=title)
            )
        elif not isinstance(value, str):
            problems.append(problem("community-not-text", file, doc.line(*path), ".".join(path)))

    threshold_raw = get("ledger", "cost_threshold")
    threshold = _decimal(threshold_raw)
    if threshold is None or threshold <= 0:
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
    size = (
        int(size_raw)
        if isinstance(size_raw, str) and size_raw.isdigit() and int(size_raw) > 0
        else None
    )
    if size is None:
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
        if term not in THRESHOLDS:
            problems.append(
                problem(
                    "community-bad-threshold",
                    file,
                    doc.line("owners_committee", "meeting_rule", key),
                    f"owners_committee.meeting_rule.{key}",
                    value=term or "",
                    allowed="、".join(THRESHOLDS),
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
                allowed="all（全体委员）、present（出席委员）",
            )
        )
    if problems:
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
        committee_rule=CommitteeRule(rule_parts["quorum"], rule_parts["approval"], approval_of),
        source=Source(
            file,
            1,
            tuple((".".join(map(str, k)), v) for k, v in sorted(doc.lines.items(), key=str) if k),
        ),
    ), []


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


__all__ = [
    "ACCOUNTS",
    "accounts_tables",
    "add_accounts",
    "build_records",
    "check_tables",
    "read_community",
]
