"""The ``gongshi`` command: a thin shell over the pipeline.

Exit codes (the contract in DESIGN.md): 0 valid (warnings allowed), 1 invalid data,
2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from builder import __version__, messages, report
from builder.pipeline import BuildFailed, build_site, validate_project
from builder.problems import ConfigError


def _validate(args: argparse.Namespace) -> int:
    result = validate_project(args.project)
    print(report.FORMATS[args.format](result.report))
    return 0 if result.report.valid else 1


def _build(args: argparse.Namespace) -> int:
    _quiet_mkdocs(args.verbose)
    try:
        site = build_site(args.project, args.site_dir)
    except BuildFailed as exc:
        zh, en = messages.render("build-failed", {})
        print(f"gongshi: {zh} / {en}\n{exc}", file=sys.stderr)
        return 1
    zh, en = messages.render("site-built", {"site": site})
    print(f"{zh}\n{en}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    _quiet_mkdocs(args.verbose)
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)  # "Serving on http://…"
    config_file = Path(args.project) / "mkdocs.yml"
    if not config_file.is_file():
        raise ConfigError("mkdocs-missing", path=args.project)
    try:
        serve(config_file=str(config_file), dev_addr=args.dev_addr, livereload=True)
    except MkDocsException as exc:
        print(f"gongshi: {exc}", file=sys.stderr)
        return 1
    return 0


def _quiet_mkdocs(verbose: bool) -> None:
    # MkDocs logs every step at INFO; staff need the warnings and errors only.
    logging.basicConfig(format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.INFO if verbose else logging.WARNING)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongshi",
        description="小区“三公开”数据检查与网站生成 / "
        "validate a community's records and publish its disclosure site",
    )
    parser.add_argument("--version", action="version", version=f"gongshi {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="检查数据 / validate the records")
    check.add_argument(
        "project", nargs="?", default=".", help="项目目录 / project directory (default: .)"
    )
    check.add_argument("--format", choices=sorted(report.FORMATS), default="text")
    check.set_defaults(run=_validate)

    build = commands.add_parser("build", help="检查数据并生成网站 / validate and build the site")
    build.add_argument("project", nargs="?", default=".", help="项目目录 / project directory")
    build.add_argument("--site-dir", help="输出目录 / output directory (default: PROJECT/site)")
    build.add_argument("-v", "--verbose", action="store_true")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="本地预览网站 / preview the site locally")
    serve.add_argument("project", nargs="?", default=".", help="项目目录 / project directory")
    serve.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address (default 127.0.0.1:8000)"
    )
    serve.add_argument("-v", "--verbose", action="store_true")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Reports contain Chinese; never let a C/POSIX locale turn that into a crash.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        return args.run(args)
    except ConfigError as exc:
        print(f"gongshi: {exc.message}\n         {exc.message_en}", file=sys.stderr)
        return 2
