"""The pipeline in one place, top to bottom: load -> check -> records -> rules -> stats.

The CLI and the MkDocs plugin both call ``validate_project``; neither holds logic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from builder.check.cache import NO_CACHE, ValidationCache
from builder.check.routing import route
from builder.core import history as H
from builder.core import personal
from builder.core.model import Records
from builder.core.problems import ConfigError, Problem, Report
from builder.load.private import located
from builder.load.project import Project, mkdocs_config, open_project
from builder.load.revisions import Repository
from builder.load.stage import Loaded, row_count
from builder.publish.provenance import CHINA_TIME, read_provenance
from builder.records.build import RecordsBuilder
from builder.rules import RuleContext, run_rules
from builder.rules.records import PLACEHOLDER_CODE

__all__ = [
    "BuildFailed",
    "Built",
    "Validation",
    "ValidationCache",
    "build_project",
    "build_site",
    "read_history",
    "unpublishable",
    "validate_project",
]


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
    build_date: date | None = None,
    rules: bool = True,
) -> Validation:
    """Validate every record of the project at ``path``.

    ``engine``: "auto" (or "fast") checks each table on the vectorized fast path where
    it covers the table's schema and through Frictionless otherwise; "frictionless"
    uses Frictionless for every table (the reference; the report is the same).
    ``keep_rows``: keep every ledger row for the site; without it the ledgers are
    kept only as columns, which is all the rules need.
    ``cache``: what an earlier run read and checked, by file content (``gongshi
    serve`` keeps one across rebuilds, so an edit re-reads and re-checks only the
    files it changed; the domain rules always run on everything).

    ``rules``: run the domain rules (``read_history`` needs only the records).
    ``build_date``: the day the disclosure calendar is judged at; by default the
    build's (``publish.provenance``: SOURCE_DATE_EPOCH, else the commit's day).

    Raises ConfigError when the project itself cannot be read (exit code 2); problems
    with the records are in the returned report, never raised.
    """
    project = open_project(path)
    fast = route(project, engine)  # the tables the fast path checks, Frictionless the rest
    cache = cache if cache is not None else NO_CACHE
    report = Report()

    # 1. Load: the settings documents and every table, each file read once.
    loaded = cache.load(project, fast)
    report.extend(loaded.problems)

    # 2. Check: every table against its Table Schema, foreign keys across tables; the
    #    valid rows go to the records stage as they are checked, a chunk at a time.
    collect = RecordsBuilder(project, loaded, keep_rows)
    checked = cache.check(project, loaded, fast, collect.collector)
    report.extend(checked.problems)

    # 3. Records: typed domain values from the rows that passed, built once.
    records = collect.build(checked.invalid)

    # 4. Rules: ledgers, votes, periods, personal information.
    if build_date is None:
        build_date = read_provenance(project.root).build_date
    context = RuleContext(today=today or date.today(), root=project.root, build_date=build_date)
    if rules:
        report.extend(run_rules(records, context))

    # Problems at rows of the private data directory, named by its file and line.
    if loaded.private_files:
        report.problems = located(report.problems, loaded.private_files)

    # 5. Stats: what was read, and which path checked it.
    report.stats = _stats(project, loaded, fast, report)
    return Validation(project, records, report)


def _stats(project: Project, loaded: Loaded, fast: set[str], report: Report) -> dict[str, Any]:
    tables = loaded.tables
    return {
        "resources": {
            r.name: row_count(tables[r.name]) if r.name in tables else None
            for r in project.resources
        },
        # Which path checked each table's schema: both give the same report, and an
        # auditor can see that no table went unchecked.
        "schema_checks": {
            r.name: "fast" if r.name in fast else "frictionless" for r in project.resources
        },
        # Every problem, those counted but not listed one by one included.
        "errors": report.error_count,
        "warnings": report.warning_count,
    }


def read_history(path: str | Path, build_date: date) -> H.History:
    """Every published record's history (``core.history``), from the commits of HEAD's
    first-parent history that changed data/: one ``git log``, then each such commit's
    data read without a checkout (``load.revisions``) and validated, the unchanged files
    taken from a cache. Each version is read as published on ``build_date``. Not in git:
    unavailable ("no-git"); a shallow clone: unavailable ("shallow"), the page says so
    (the publish workflow fetches the full history: ``fetch-depth: 0``)."""
    import tempfile
    from datetime import datetime

    root = Path(path).resolve()
    try:
        repo = Repository(root)
    except ConfigError:
        return H.UNAVAILABLE_NO_GIT
    if repo.shallow():
        return H.History(False, "shallow", {})
    try:
        log = repo.data_log()
    except ConfigError:  # no commit yet
        return H.UNAVAILABLE_NO_GIT
    cache = ValidationCache()
    versions = []
    with tempfile.TemporaryDirectory(prefix="gongshi-history-") as tmp:
        for n, (commit, stamp, message) in enumerate(log):
            where = Path(tmp) / str(n)
            where.mkdir()
            repo.export(commit, where)
            try:
                records = validate_project(
                    where, today=build_date, cache=cache, build_date=build_date, rules=False
                ).records
                snapshot = H.snapshot(records, personal.published(records, build_date), build_date)
            except (ConfigError, KeyError, TypeError, ValueError, AttributeError):
                # Not a project this version of gongshi reads (an older record format):
                # the next readable version is compared with the last one read.
                continue
            day = datetime.fromtimestamp(stamp, CHINA_TIME).date()
            versions.append((H.Commit(commit, day, H.correction_note(message)), snapshot))
    return H.History(True, "", H.histories(versions))


def unexplained_corrections(path: str | Path) -> list[Problem]:
    """A warning for each correction (更正) whose commit message explains nothing."""
    from builder.core.problems import problem

    history = read_history(path, read_provenance(Path(path)).build_date)
    return [
        problem(
            "history-correction-unexplained",
            "data",
            None,
            f"{h.key[0]} {h.key[1]}",
            severity="warning",
            day=c.commit.day.isoformat(),
            commit=c.commit.short,
            record=h.title,
        )
        for h, c in history.unexplained
    ]


@dataclass
class Built:
    """A site built: where it is, and the report of the records it was built from
    (valid, with no placeholder left; its warnings are for the staff to read)."""

    site: Path
    report: Report


def unpublishable(report: Report) -> list[Problem]:
    """What keeps valid records from being published: a fill-in hint left in a record
    or setting. ``validate`` reports them as warnings, so a draft checks clean; a build
    stops on them, so no hint reaches residents (the contract in DESIGN.md)."""
    return [p for p in report.problems if p.code == PLACEHOLDER_CODE]


def build_site(path: str | Path = ".", site_dir: str | Path | None = None) -> Path:
    """The folder of the site ``build_project`` built."""
    return build_project(path, site_dir).site


def build_project(path: str | Path = ".", site_dir: str | Path | None = None) -> Built:
    """Build the site with MkDocs (the gongshi plugin runs validate, render and publish).

    The site is written to a staging folder beside the target and moved into place only
    when the whole build succeeded, so a failed build leaves the old site as it was.
    Raises BuildFailed (bad data or a broken build) or ConfigError (not a project, or a
    site folder the build must not replace or cannot write: see publish/target.py).
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from builder.publish import target as site_target

    project = open_project(path)
    config_file = mkdocs_config(project.root)
    target = (Path(site_dir) if site_dir else project.root / "site").resolve()
    try:
        config = load_config(str(config_file), strict=True)
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from exc
    if "gongshi" not in config.plugins:
        raise ConfigError("plugin-missing")

    # Before any work: a folder whose replacement would destroy something is refused.
    site_target.refuse_unsafe(target, project.root, site_target.sources(project, config))

    # Build into a staging folder beside the target; it replaces the target on success.
    build_staged(config, target)
    # The plugin holds the report of the records the site was made from.
    plugin: Any = config.plugins["gongshi"]
    return Built(target, plugin.validation.report)


def build_staged(config: Any, target: Path) -> None:
    """Run MkDocs with ``config`` (a loaded MkDocsConfig) into a staging folder beside
    ``target``, which replaces it only when the build succeeded: a failed build leaves
    the old site whole (``publish.target.staged``). The community and the city site
    both build through here. Raises BuildFailed."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from builder.publish import target as site_target

    with site_target.staged(target) as staging:
        config["site_dir"] = str(staging)
        try:
            build(config)
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from exc


class BuildFailed(Exception):
    """The site was not built; the message says why (the validation report, usually)."""
