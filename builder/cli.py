"""The ``gongshi`` command: a thin shell over the pipeline.

Exit codes (the contract in DESIGN.md): 0 valid (warnings allowed), 1 invalid data,
2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from builder import __version__, messages
from builder.core import report
from builder.core.problems import ConfigError, Report
from builder.load.project import mkdocs_config
from builder.messages.commands import HELP
from builder.pipeline import (
    BuildFailed,
    Validation,
    build_project,
    unexplained_corrections,
    validate_project,
)


def _validate(args: argparse.Namespace) -> int:
    # The report needs no ledger rows as records: columns keep a big check small.
    result = validate_project(args.project, engine=args.engine, keep_rows=False)
    # Corrections of published figures, from the git history, each explained or warned.
    result.report.extend(unexplained_corrections(result.project.root))
    if args.public_repository:
        _refuse_tracked_nonpublic(result)
    print(report.FORMATS[args.format](result.report))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary:
        # GitHub annotates ten problems of each severity; the summary counts them all.
        with open(summary, "a", encoding="utf-8") as out:
            out.write(report.github_summary(result.report))
    return 0 if result.report.valid else 1


def _refuse_tracked_nonpublic(result: Validation) -> None:
    """``--public-repository``: every non-public record in a tracked file is an error
    (the publish workflow of a public repository refuses to deploy)."""
    from builder.load.private import TRACKED_CODE, tracked_files, tracked_nonpublic
    from builder.load.project import open_project
    from builder.load.stage import load_project

    project = result.project
    tracked = tracked_files(project.root) or set()
    tables = load_project(open_project(project.root), set()).tables
    found = tracked_nonpublic(project.resources, tables, tracked, severity="error")
    kept = [p for p in result.report.problems if p.code != TRACKED_CODE]
    result.report.problems = kept + found


def _calendar(args: argparse.Namespace) -> int:
    from builder.publish.calendar import calendar_json, calendar_text, log_commits
    from builder.publish.provenance import read_provenance
    from builder.rules.calendar import disclosure_calendar

    result = validate_project(args.project, keep_rows=True)
    records, root = result.records, result.project.root
    if records.community is None:  # community.yaml unreadable: the report says why
        print(report.as_text(result.report))
        return 1
    calendar = disclosure_calendar(records, read_provenance(root).build_date)
    if calendar is None:
        _error(*messages.render("calendar-no-profile", {}))
        return 2
    if args.format == "json":
        commits = log_commits(root, records)
        sys.stdout.write(calendar_json(calendar, records.community.full_name, commits).decode())
    else:
        print(calendar_text(calendar))
    return 0


def _build(args: argparse.Namespace) -> int:
    _quiet_mkdocs(args.verbose)
    try:
        built = build_project(args.project, args.site_dir)
    except BuildFailed as exc:
        _error(*messages.render("build-failed", {}), detail=str(exc))
        return 1
    if built.report.warnings:  # valid and published, but worth a look
        print(report.as_text(Report(built.report.warnings)))
    _say("site-built", site=built.site)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    _quiet_mkdocs(args.verbose)
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)  # "Serving on http://…"
    config_file = mkdocs_config(Path(args.project).resolve())
    try:
        serve(config_file=str(config_file), dev_addr=args.dev_addr, livereload=True)
    except MkDocsException as exc:
        _error(*messages.render("serve-failed", {"detail": str(exc)}))
        return 1
    return 0


def _init(args: argparse.Namespace) -> int:
    from builder.staff import scaffold  # each command imports what it needs: validate starts small

    target = Path(args.dir)
    # Given as options, or inferred, or (in a terminal only: CI has no input) asked.
    name = args.name or _ask("init-ask-name", None, "--name")
    site_url = (
        args.site_url
        or scaffold.site_url_of_remote(target)
        or _ask("init-ask-site-url", None, "--site-url")
    )
    full_name = args.full_name or _ask("init-ask-full-name", "", None) or None
    install_from = args.install_from or _ask("init-ask-install", scaffold.INDEX, None)
    options = scaffold.InitOptions(name, full_name, site_url, install_from)
    files = scaffold.init_project(target, options, date.today())
    _say("init-done", path=args.dir, count=len(files))
    _say("init-next-steps", path=args.dir)
    return 0


def _ask(code: str, default: str | None, option: str | None) -> str:
    """An answer typed in the terminal; without one (no terminal, or nothing typed) the
    default, or a ConfigError naming the option that must be given."""
    answer = ""
    if sys.stdin.isatty():
        zh, en = messages.render(code, {})
        answer = input(f"{zh} / {en}: ").strip()
    if answer or default is not None:
        return answer or default or ""
    raise ConfigError("init-missing-option", option=option or "")


def _new(args: argparse.Namespace) -> int:
    from builder.staff import scaffold

    record, problems = scaffold.new_record(
        Path(args.project), args.kind, date.today(), args.account
    )
    if record is None:  # the file it goes into cannot be read: say why, as validate does
        unreadable = messages.render("new-unreadable", {"file": problems[0].file})
        _error(*unreadable, detail=report.problem_list(problems))
        return 1
    if not args.write:
        print(record.text.strip("\n"))
        return 0
    scaffold.append_record(record)
    _say("new-appended", file=record.file)
    return 0


def _normalize(args: argparse.Namespace) -> int:
    from builder.staff import normalize

    status = 0
    for index, outcome in enumerate(normalize.normalize_files(args.files, args.write)):
        print("\n" if index else "", normalize.describe(outcome), sep="", end="")
        if outcome.error:
            _error(*outcome.error)
        status = max(status, 2 if outcome.error else 1 if outcome.problems else 0)
    return status


def _diff(args: argparse.Namespace) -> int:
    from builder.staff import diff

    result = diff.compute_diff(args.project, args.base, args.head)
    print(diff.render(result, args.format), end="")
    # The change would publish nothing when the project at HEAD cannot be read.
    return 1 if result.head.error else 0


def _city_harvest(args: argparse.Namespace) -> int:
    import json

    from builder.city import harvest as city
    from builder.city.registry import read_registry
    from builder.messages.commands import CITY_STATUSES

    shard = city.Shard.parse(args.shard)
    if not 1 <= args.jobs <= 64:
        raise ConfigError("city-jobs-bad", value=str(args.jobs))
    registry = Path(args.registry)
    if not registry.is_file():
        raise ConfigError("city-registry-missing", path=args.registry)
    communities, problems = read_registry(registry)
    if problems:
        print(report.FORMATS[args.format](Report(problems)))
        _error(*messages.render("city-registry-invalid", {}))
        return 1
    day = city.harvest_date()
    out = Path(args.out)
    outcomes = city.harvest(communities, out, shard, args.jobs, today=day)
    removed = city.prune(communities, out)
    if args.format == "json":
        found = city.report(outcomes, shard, day, out, removed)
        print(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    for outcome in outcomes:
        status = outcome.result["status"]
        _say("city-harvest-line", id=outcome.id, status=status, status_zh=CITY_STATUSES[status])
        for reason in outcome.result["reasons"]:
            print(f"  {reason['zh']}\n  {reason['en']}")
    for community in removed:
        _say("city-harvest-removed", id=community)
    tally = city.counts(outcomes)
    _say(
        "city-harvest-summary",
        shard=str(shard),
        date=day.isoformat(),
        count=len(outcomes),
        counts=", ".join(f"{n} {s}" for s, n in tally.items()) or "-",
        counts_zh="，".join(f"{CITY_STATUSES[s]} {n}" for s, n in tally.items()) or "-",
        out=str(out),
    )
    return 0


def _city_build(args: argparse.Namespace) -> int:
    from builder.city.site.build import build_city

    _quiet_mkdocs(args.verbose)
    try:
        site = build_city(Path(args.dir), Path(args.site_dir), args.title)
    except BuildFailed as exc:
        _error(*messages.render("build-failed", {}), detail=str(exc))
        return 1
    _say("city-site-built", site=site)
    return 0


def _say(code: str, **params: Any) -> None:
    zh, en = messages.render(code, params)
    print(f"{zh}\n{en}")


def _error(zh: str, en: str, detail: str | None = None) -> None:
    """The one way a command reports a failure: on stderr, Chinese then English."""
    print(f"gongshi: {zh}\n         {en}", file=sys.stderr)
    if detail:
        print(detail, file=sys.stderr)


def _quiet_mkdocs(verbose: bool) -> None:
    # MkDocs logs every step at INFO; staff need the warnings and errors only.
    logging.basicConfig(format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.INFO if verbose else logging.WARNING)


def _help(key: str) -> str:
    """An option's help as ``--help`` shows it: Chinese / English (English alone if so)."""
    return " / ".join(part for part in HELP[key] if part)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongshi",
        description=_help("gongshi"),
    )
    parser.add_argument("--version", action="version", version=f"gongshi {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help=_help("validate"))
    check.add_argument("project", nargs="?", default=".", help=_help("project-default"))
    check.add_argument("--format", choices=sorted(report.FORMATS), default="text")
    check.add_argument(
        "--engine",
        choices=["auto", "fast", "frictionless"],
        default="auto",
        help=_help("engine"),
    )
    check.add_argument("--public-repository", action="store_true", help=_help("public-repository"))
    check.set_defaults(run=_validate)

    cal = commands.add_parser("calendar", help=_help("calendar"))
    cal.add_argument("project", nargs="?", default=".", help=_help("project-default"))
    cal.add_argument(
        "--format", choices=["text", "json"], default="text", help=_help("calendar-format")
    )
    cal.set_defaults(run=_calendar)

    build = commands.add_parser("build", help=_help("build"))
    build.add_argument("project", nargs="?", default=".", help=_help("project"))
    build.add_argument("--site-dir", help=_help("site-dir"))
    build.add_argument("-v", "--verbose", action="store_true")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help=_help("serve"))
    serve.add_argument("project", nargs="?", default=".", help=_help("project"))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help=_help("dev-addr"))
    serve.add_argument("-v", "--verbose", action="store_true")
    serve.set_defaults(run=_serve)
    init = commands.add_parser("init", help=_help("init"))
    init.add_argument("dir", help=_help("dir"))
    init.add_argument("--name", help=_help("name"))
    init.add_argument("--full-name", help=_help("full-name"))
    init.add_argument("--site-url", help=_help("site-url"))
    init.add_argument("--install-from", help=_help("install-from"))
    init.set_defaults(run=_init)

    new = commands.add_parser("new", help=_help("new"))
    new.add_argument("kind", choices=["decision", "entry", "notice"])
    new.add_argument("project", nargs="?", default=".", help=_help("project"))
    new.add_argument("--account", default="parking", help=_help("account"))
    new.add_argument("--write", action="store_true", help=_help("new-write"))
    new.set_defaults(run=_new)

    norm = commands.add_parser("normalize", help=_help("normalize"))
    norm.add_argument("files", nargs="+", metavar="FILE")
    norm.add_argument("--write", action="store_true", help=_help("normalize-write"))
    norm.set_defaults(run=_normalize)

    changes = commands.add_parser("diff", help=_help("diff"))
    changes.add_argument("base", help=_help("base"))
    changes.add_argument("head", nargs="?", default=None, help=_help("head"))
    changes.add_argument("--project", default=".", help=_help("project"))
    changes.add_argument("--format", choices=["markdown", "json"], default="markdown")
    changes.set_defaults(run=_diff)

    city = commands.add_parser("city", help=_help("city"))
    city_commands = city.add_subparsers(dest="city_command", required=True)
    harvest = city_commands.add_parser("harvest", help=_help("city-harvest"))
    harvest.add_argument("registry", metavar="REGISTRY", help=_help("registry"))
    harvest.add_argument("--out", metavar="DIR", required=True, help=_help("city-out"))
    harvest.add_argument("--shard", default="1/1", metavar="K/N", help=_help("shard"))
    harvest.add_argument("--jobs", type=int, default=4, metavar="J", help=_help("jobs"))
    harvest.add_argument(
        "--format", choices=["text", "json"], default="text", help=_help("city-format")
    )
    harvest.set_defaults(run=_city_harvest)
    city_build = city_commands.add_parser("build", help=_help("city-build"))
    city_build.add_argument("dir", metavar="DIR", help=_help("city-dir"))
    city_build.add_argument("--site-dir", required=True, help=_help("city-site-dir"))
    city_build.add_argument("--title", help=_help("city-title"))
    city_build.add_argument("-v", "--verbose", action="store_true")
    city_build.set_defaults(run=_city_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Reports contain Chinese; never let a C/POSIX locale turn that into a crash.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        return args.run(args)
    except ConfigError as exc:
        _error(exc.message, exc.message_en)
        return 2
    except BrokenPipeError:
        # The reader went away (``gongshi new … | head``): nothing more to say, no
        # traceback; point stdout at nothing so the interpreter's final flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
