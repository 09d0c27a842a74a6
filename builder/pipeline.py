"""The pipeline in one place, top to bottom: load -> schema check -> records -> rules.

The CLI and the MkDocs plugin both call ``validate_project``; neither holds logic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from builder.check import tables as validate
from builder.core.model import Records
from builder.core.problems import ConfigError, Report
from builder.load import files as load
from builder.load.project import (
    ACCOUNT_SCHEMA,
    ACCOUNTS,
    ASSERTION_SCHEMA,
    COMMUNITY,
    Project,
    Resource,
    open_project,
)
from builder.rules import RuleContext, run_rules


@dataclass
class Validation:
    """What validation hands to the next stages: the project, its records, the report."""

    project: Project
    records: Records
    report: Report


def validate_project(
    path: str | Path = ".",
    today: date | None = None,
    engine: str = "auto",
    keep_rows: bool = True,
    cache: ValidationCache | None = None,
) -> Validation:
    """Validate every record of the project at ``path``.

    ``engine``: "auto" (or "fast") checks each table on the vectorized fast path where
    it covers the table's schema and through Frictionless otherwise; "frictionless"
    uses Frictionless for every table (the reference; the report is the same).
    ``keep_rows``: keep every ledger row as a record for the site; without it the
    ledgers are kept only as columns, which is all the rules need.
    ``cache``: what an earlier run read and checked, by file content (``gongshi
    serve`` keeps one across rebuilds, so an edit re-reads and re-checks only the
    files it changed; the domain rules always run on everything).

    Raises ConfigError when the project itself cannot be read (exit code 2); problems
    with the records are in the returned report, never raised.
    """
    if engine not in validate.ENGINES:
        raise ValueError(f"engine must be one of {validate.ENGINES}")
    project = open_project(path)
    schemas = {r.name: (r.schema_file, r.schema.descriptor) for r in project.resources} | {
        "accounts": (ACCOUNT_SCHEMA, project.account_schema.descriptor),
        "assertions": (ASSERTION_SCHEMA, project.assertion_schema.descriptor),
    }
    covered = validate.check_schemas(schemas)
    fast = validate.fast_resources({n: d for n, (_, d) in schemas.items()}, covered, engine)
    root = project.root
    report = Report()
    if cache is not None:
        cache.forget_files()

    # 1. Load: settings documents and every table of the data package.
    cache = cache if cache is not None else ValidationCache(enabled=False)
    community_doc, problems = cache.load(root, COMMUNITY, load.read_yaml)
    report.extend(problems)
    accounts_doc, problems = cache.load(root, ACCOUNTS, load.read_yaml)
    report.extend(problems)
    tables: dict[str, load.Table | load.CsvFrames] = {}
    for resource in project.resources:
        fast_read = resource.name in fast
        reader = partial(_read_table, resource=resource, fast=fast_read)
        table, problems = cache.load(root, resource.file, reader, tag=f"table-{fast_read}")
        report.extend(problems)
        if table is not None:
            tables[resource.name] = table

    # 2. Schema: every table against its Table Schema, foreign keys across tables.
    checked = [
        (r.name, r.schema.descriptor, tables[r.name]) for r in project.resources if r.name in tables
    ]
    account_table = assertion_table = None
    if accounts_doc is not None:
        account_table, assertion_table, problems = validate.accounts_tables(accounts_doc)
        report.extend(problems)
    if account_table is not None:
        checked += [
            ("accounts", project.account_schema.descriptor, account_table),
            ("assertions", project.assertion_schema.descriptor, assertion_table),
        ]
    collectors = {
        r.name: validate.LedgerBuilder(r.account, tables[r.name], keep_form=keep_rows)
        for r in project.resources
        if r.account and r.name in tables
    }
    collected, invalid, problems = validate.check_tables(
        checked,
        {r.name: r.title for r in project.resources},
        fast,
        collectors,
        fingerprints=cache.fingerprints(root, {r.name: r.file for r in project.resources}),
        memo=cache.checked if cache.enabled else None,
    )
    report.extend(problems)
    invalid |= {r.name for r in project.resources if r.name not in tables}
    if account_table is None:
        invalid |= {"accounts", "assertions"}

    # 3. Records: typed domain values from the rows that passed.
    records = validate.build_records(project, tables, collected, invalid, keep_rows)
    if account_table is not None:
        validate.add_accounts(records, account_table, assertion_table, collected)
    if community_doc is not None:
        records.community, problems = validate.read_community(community_doc)
        report.extend(problems)

    # 4. Rules: ledgers, votes, periods, personal information.
    report.extend(run_rules(records, RuleContext(today=today or date.today())))

    report.stats = {
        "resources": {
            r.name: _row_count(tables[r.name]) if r.name in tables else None
            for r in project.resources
        },
        # Which path checked each table's schema: both give the same report, and an
        # auditor can see that no table went unchecked.
        "schema_checks": {
            r.name: "fast" if r.name in fast else "frictionless" for r in project.resources
        },
        "errors": len(report.errors),
        "warnings": len(report.warnings),
    }
    return Validation(project, records, report)


def _read_table(
    root: Path, relpath: str, resource: Resource, fast: bool
) -> tuple[load.Table | load.CsvFrames | None, list]:
    """A resource's file as a table: a regular CSV on the fast path in chunks, any
    other CSV row by row, YAML records as rows."""
    if resource.format == "csv":
        frames = load.read_csv_frames(root, relpath) if fast else None
        return (frames, []) if frames is not None else load.read_csv(root, relpath)
    doc, problems = load.read_yaml(root, relpath)
    if doc is None:
        return None, problems
    table, more = load.records_table(doc, list(resource.schema.names))
    return table, problems + more


@dataclass
class ValidationCache:
    """What validation read and checked, keyed by the SHA-256 of the files it came
    from: an entry for old content is never used, so nothing can go stale. Kept by
    ``gongshi serve`` across rebuilds; memory grows with each version of a file seen,
    which a preview session can afford."""

    enabled: bool = True
    loaded: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    checked: dict[str, Any] = field(default_factory=dict)
    hashes: dict[str, str | None] = field(default_factory=dict)
    hits: int = 0

    def digest(self, root: Path, relpath: str) -> str | None:
        if relpath not in self.hashes:
            path = root / relpath
            self.hashes[relpath] = (
                hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
            )
        return self.hashes[relpath]

    def load(self, root: Path, relpath: str, reader: Callable[..., tuple], tag: str = "") -> tuple:
        """``reader(root, relpath)``, or its earlier result for the same content."""
        if not self.enabled:
            return reader(root, relpath)
        key = (relpath, self.digest(root, relpath) or "", tag)
        if key[1] and key in self.loaded:
            self.hits += 1
            return self.loaded[key]
        result = reader(root, relpath)
        if key[1]:
            self.loaded[key] = result
        return result

    def fingerprints(self, root: Path, files: dict[str, str]) -> dict[str, str]:
        if not self.enabled:
            return {}
        return {name: d for name, file in files.items() if (d := self.digest(root, file))}

    def forget_files(self) -> None:
        """Before each run: files are hashed again, results of old content stay."""
        self.hashes.clear()


def _row_count(table: load.Table | load.CsvFrames) -> int:
    return table.row_count if isinstance(table, load.CsvFrames) else len(table.rows)


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
