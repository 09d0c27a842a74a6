"""Records written inline in a test, like Beancount's ``load_doc``: a few YAML and CSV
snippets become a minimal project — only the resources named, with the sample's Table
Schemas and data package entries — validated as any project is::

    validation = load(tmp_path, decisions='''
        - id: JY-2024-01
          date: 2024-03-02
          ...
    ''')
    found(check_vote_threshold, validation)  # [(code, file, line, field), ...]

A resource is named by keyword, ``-`` written ``_`` (``fund_uses``, ``ledger_parking``);
``community`` and ``accounts`` are the two settings files; ``schema_<name>`` replaces
the sample's ``data/schemas/<name>.yaml``. Snippets are dedented, and a
snippet's first line is line 1 of its file, so a test can count lines by eye.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import yaml
from conftest import REPO

from builder.core.model import Records
from builder.core.problems import Problem
from builder.pipeline import Validation, validate_project
from builder.rules import RuleContext

TODAY = date(2026, 7, 1)  # a fixed day: the inputs below stay in the past or future
SAMPLE = yaml.safe_load((REPO / "data/datapackage.yaml").read_text(encoding="utf-8"))
ENTRIES = {entry["name"]: entry for entry in SAMPLE["resources"]}
DECISIONS = "data/committee/decisions.yaml"
PARKING = "data/ledgers/parking.csv"
ACCOUNTS = "data/ledgers/accounts.yaml"
COMMUNITY = "data/community.yaml"

# The settings every project has; a test passes its own when the rule reads them.
COMMUNITY_TEXT = """\
name: 测试苑
full_name: 江澜市临溪区测试苑小区
address: 江澜市临溪区测试路 1 号
neighbourhood_committee: 测试社区居民委员会
property_company:
  name: 江澜测试物业服务有限公司
  service_phone: "0123-8816 5120"
owners_committee:
  name: 测试苑业主委员会
  phone: "0123-8816 5132"
  size: 7
party_branch:
  name: 中共测试苑小区支部委员会
# The totals the tests' owners' votes use (9000.00 m², 90 owners, one flat each).
owners_register:
  - as_of: 2000-01-01
    source: 测试用登记簿
    counts:
      - {part: 全体业主, area: "9000.00", units: 90, developer_units: 0, extra_units: 0,
         owners: 90}
# Last, so that a test can add a setting by appending it.
rules:
  cost_threshold:
    value: "5000.00"
    source: {rules_of_procedure: 《业主大会议事规则》第二十一条}
  committee_cost_limit:
    value: "50000.00"
    source: {rules_of_procedure: 《业主大会议事规则》第二十一条}
  committee_meeting:
    value: {quorum: 过半数, approval: 过半数, approval_of: all}
    source: {rules_of_procedure: 《业主大会议事规则》第二十四条}
"""


# COMMUNITY_TEXT without its register, for a test that appends a register of its own.
SETTINGS_TEXT = re.sub(r"# The totals the tests.*?(?=# Last)", "", COMMUNITY_TEXT, flags=re.S)

# A ledger CSV's header, as the sample's ledger schema names its columns.
LEDGER_HEADER = "voucher,date,type,category,amount,counterparty,description,decision"


def ledger(*rows: str) -> str:
    """A ledger file's text: the header, then ``rows``."""
    return "\n".join((LEDGER_HEADER, *rows)) + "\n"


def _text(snippet: str) -> str:
    return textwrap.dedent(snippet).lstrip("\n")


def write_project(
    root: Path, *, community: str = COMMUNITY_TEXT, accounts: str | None = None, **tables: str
) -> Path:
    """Write a project holding just ``tables`` (resource name → file text) into ``root``."""
    data = root / "data"
    shutil.copytree(REPO / "data/schemas", data / "schemas")
    # ``schema_decision="..."`` replaces data/schemas/decision.yaml: a community's own.
    for keyword in [k for k in tables if k.startswith("schema_")]:
        (data / "schemas" / f"{keyword.removeprefix('schema_')}.yaml").write_text(
            _text(tables.pop(keyword)), encoding="utf-8"
        )
    resources = []
    for keyword, snippet in tables.items():
        entry = ENTRIES[keyword.replace("_", "-")]
        resources.append(entry)
        path = data / entry["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_text(snippet), encoding="utf-8")
    descriptor = {key: value for key, value in SAMPLE.items() if key != "resources"}
    (data / "datapackage.yaml").write_text(
        yaml.safe_dump({**descriptor, "resources": resources}, allow_unicode=True),
        encoding="utf-8",
    )
    (root / COMMUNITY).write_text(_text(community), encoding="utf-8")
    (root / ACCOUNTS).parent.mkdir(parents=True, exist_ok=True)
    (root / ACCOUNTS).write_text(_text(accounts or "{}\n"), encoding="utf-8")
    return root


def load(
    tmp_path: Path,
    *,
    today: date = TODAY,
    community: str = COMMUNITY_TEXT,
    accounts: str | None = None,
    **tables: str,
) -> Validation:
    """Validate a project of the given snippets, built on ``today`` too (a build date of
    the clock would move what the calendar and planned meetings say): its records and
    its report."""
    root = write_project(tmp_path / "inline", community=community, accounts=accounts, **tables)
    return validate_project(root, today, build_date=today)


Rule = Callable[[Records, RuleContext], Iterable[Problem]]


def found(
    rule: Rule, validation: Validation, today: date = TODAY
) -> list[tuple[str, str, int | None, str | None]]:
    """What ``rule`` reports on the validated records: (code, file, line, field)."""
    return [(p.code, p.file, p.line, p.field) for p in rule(validation.records, RuleContext(today))]


def codes(validation: Validation) -> list[str]:
    """Every code of the whole report, sorted (to show an input has no other fault)."""
    return sorted(p.code for p in validation.report.problems)
