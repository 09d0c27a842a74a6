"""The pipeline in one place, top to bottom: load -> schema check -> records -> rules.

The CLI and the MkDocs plugin both call ``validate_project``; neither holds logic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from builder import load, validate
from builder.model import Records
from builder.problems import ConfigError, Report
from builder.project import ACCOUNTS, COMMUNITY, Project, open_project
from builder.rules import RuleContext, run_rules


@dataclass
class Validation:
    """What validation hands to the next stages: the project, its records, the report."""

    project: Project
    records: Records
    report: Report


def validate_project(path: str | Path = ".", today: date | None = None) -> Validation:
    """Validate every record of the project at ``path``.

    Raises ConfigError when the project itself cannot be read (exit code 2); problems
    with the records are in the returned report, never raised.
    """
    project = open_project(path)
    root = project.root
    report = Report()

    # 1. Load: settings documents and every table of the data package.
    community_doc, problems = load.read_yaml(root, COMMUNITY)
    report.extend(problems)
    accounts_doc, problems = load.read_yaml(root, ACCOUNTS)
    report.extend(problems)
    tables: dict[str, load.Table] = {}
    for resource in project.resources:
        if resource.format == "csv":
            table, problems = load.read_csv(root, resource.file)
        else:
            doc, problems = load.read_yaml(root, resource.file)
            if doc is not None:
                table, more = load.records_table(doc, resource.field_names)
                problems = problems + more
            else:
                table = None
        report.extend(problems)
        if table is not None:
            tables[resource.name] = table

    # 2. Schema: every table against its Table Schema, foreign keys across tables.
    checked = [(r.name, r.schema, tables[r.name]) for r in project.resources if r.name in tables]
    account_table = assertion_table = None
    if accounts_doc is not None:
        account_table, assertion_table, problems = validate.accounts_tables(accounts_doc)
        report.extend(problems)
    if account_table is not None:
        checked += [
            ("accounts", project.account_schema, account_table),
            ("assertions", project.assertion_schema, assertion_table),
        ]
    typed, invalid, problems = validate.check_tables(
        checked, {r.name: r.title for r in project.resources}
    )
    report.extend(problems)
    invalid |= {r.name for r in project.resources if r.name not in tables}
    if account_table is None:
        invalid |= {"accounts", "assertions"}

    # 3. Records: typed domain values from the rows that passed.
    records = validate.build_records(project, tables, typed, invalid)
    if account_table is not None:
        validate.add_accounts(records, account_table, assertion_table, typed)
    if community_doc is not None:
        records.community, problems = validate.read_community(community_doc)
        report.extend(problems)

    # 4. Rules: ledgers, votes, periods, personal information.
    report.extend(run_rules(records, RuleContext(today=today or date.today())))

    report.stats = {
        "resources": {
            r.name: len(tables[r.name].rows) if r.name in tables else None
            for r in project.resources
        },
        "errors": len(report.errors),
        "warnings": len(report.warnings),
    }
    return Validation(project, records, report)


def build_site(path: str | Path = ".", site_dir: str | Path | None = None) -> Path:
    """Build the site with MkDocs (the gongshi plugin runs validate, render and publish).

    The site is written to a temporary directory beside the target and moved into place
    only when the whole build succeeded, so a failed build leaves the old site as it was.
    Raises BuildFailed (bad data or a broken build) or ConfigError (not a project).
    """
    import shutil
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    root = open_project(path).root
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise ConfigError("mkdocs-missing", path=str(path))
    target = Path(site_dir).resolve() if site_dir else root / "site"
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        if "gongshi" not in config.plugins:
            raise ConfigError("plugin-missing")
        build(config)
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(str(exc)) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = target.with_name(f".{target.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    return target


class BuildFailed(Exception):
    """The site was not built; the message says why (the validation report, usually)."""
