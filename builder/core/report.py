"""Formats of the validation report: text for people, JSON for tools, GitHub workflow
commands for pull-request annotations. Formatting only; the report is made elsewhere."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import groupby

from builder import messages
from builder.core.problems import Problem, Report
from builder.messages.commands import COUNTS_EN, SEVERITIES

# Punctuation that ends a Chinese phrase with its own spacing built in (data, not words).
FULL_WIDTH_CLOSING = ("）", "」", "』", "》")
ZH_COLON = "："  # between a problem's place and its Chinese message


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
    code = "report-valid" if report.valid else "report-invalid"
    verdict = messages.render(
        code,
        {
            "errors": errors,
            "warnings": warnings,
            "errors_en": _count(errors, "error"),
            "warnings_en": _count(warnings, "warning"),
        },
    )
    lines.append(_one_line(*verdict))
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
    mark = SEVERITIES[p.severity]
    where, where_en = (
        messages.render("report-line", {"line": p.line})
        if p.line
        else messages.render("report-whole-file", {})
    )
    field = f" · {p.field}" if p.field else ""
    return (
        f"  [{mark}] {where}{field}{ZH_COLON}{p.message}",
        f"         {where_en}{field}: {p.message_en} ({p.code})",
    )


def _count(n: int, noun: str) -> str:
    one, more = COUNTS_EN[noun]
    return (one if n == 1 else more).format(count=n)


def _one_line(zh: str, en: str) -> str:
    """One line in both languages; full-width closing punctuation carries its own space."""
    return f"{zh}{'' if zh.endswith(FULL_WIDTH_CLOSING) else ' '}/ {en}"


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
    code = "report-github-valid" if report.valid else "report-github-invalid"
    lines.append(_one_line(*messages.render(code, {"errors": len(report.errors)})))
    return "\n".join(lines)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
