"""The ``gongshi`` command: a thin shell over the pipeline.

Exit codes (the contract in DESIGN.md): 0 valid (warnings allowed), 1 invalid data,
2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from builder import __version__, report
from builder.pipeline import validate_project
from builder.problems import ConfigError


def _validate(args: argparse.Namespace) -> int:
    result = validate_project(args.project)
    print(report.FORMATS[args.format](result.report))
    return 0 if result.report.valid else 1


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
