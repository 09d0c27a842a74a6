"""Formats of the validation report: text for people, JSON for tools, GitHub workflow
commands for pull-request annotations. Formatting only; the report is made elsewhere."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import groupby

from builder.core.problems import Problem, Report


def as_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=False)


def as_text(report: Report) -> str:
    """Grouped by file, Chinese first with the English beneath."""
    lines: list[str] = []
    for file, problems in groupby(report.sorted(), key=lambda p: p.file):
        lines.append(file)
        for p in problems:
            lines.extend(_problem_lines(p))
        lines.append("")
    errors, warnings = len(report.errors), len(report.warnings)
    if report.valid:
        lines.append(f"✓ 数据检查通过（{warnings} 条提醒）/ valid ({_count(warnings, 'warning')})")
    else:
        lines.append(
            f"✗ 发现 {errors} 个错误、{warnings} 条提醒，请改正后再提交 / "
            f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
        )
    return "\n".join(lines)


def problem_list(problems: Iterable[Problem]) -> str:
    """Problems of one file as ``as_text`` lists them: the file, then each problem,
    Chinese first with the English beneath (``gongshi normalize`` shows its own so)."""
    ordered = Report(list(problems)).sorted()
    lines = [ordered[0].file] if ordered else []
    for p in ordered:
        lines.extend(_problem_lines(p))
    return "\n".join(lines)


def _problem_lines(p: Problem) -> tuple[str, str]:
    mark = "错误" if p.severity == "error" else "提醒"
    where = f"第 {p.line} 行" if p.line else "整个文件"
    field = f" · {p.field}" if p.field else ""
    where_en = f"line {p.line}" if p.line else "file"
    return (
        f"  [{mark}] {where}{field}：{p.message}",
        f"         {where_en}{field}: {p.message_en} ({p.code})",
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(p: Problem) -> str:
    props = [f"file={_escape_property(p.file)}"]
    if p.line:
        props.append(f"line={p.line}")
    title = f"{p.code} · {p.field}" if p.field else p.code
    props.append(f"title={_escape_property(title)}")
    kind = "error" if p.severity == "error" else "warning"
    return f"::{kind} {','.join(props)}::{_escape_data(p.message + ' / ' + p.message_en)}"


def as_github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per problem, then the verdict."""
    lines = [_github_line(p) for p in report.sorted()]
    verdict = (
        "数据检查通过 / valid"
        if report.valid
        else f"发现 {len(report.errors)} 个错误 / {len(report.errors)} errors"
    )
    lines.append(verdict)
    return "\n".join(lines)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
