"""Formats of the validation report: text for people, JSON for tools, GitHub workflow
commands for pull-request annotations and a job summary. Formatting only; the report
is made elsewhere.

JSON keeps every problem. Text and GitHub output stay readable however many there
are: a broken header can give 100,000 problems of one kind, and a reader needs the
first few of each kind and the count of the rest, not 30 MB of repeats.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from itertools import groupby

from markupsafe import escape

from builder import messages
from builder.core.problems import Problem, Report
from builder.messages.commands import COUNTS_EN, SEVERITIES, SUMMARY_COLUMNS

# Problems of one kind (file and code) the text report shows before counting the rest.
SHOWN_PER_KIND = 20
# GitHub shows at most 10 error and 10 warning annotations per step, 50 per job
# (actions/toolkit, docs/problem-matchers.md, "Limitations"); more are dropped unseen.
ANNOTATIONS_PER_SEVERITY = 10
# Kinds listed in the job summary's table (a step summary may take at most 1 MiB).
SUMMARY_ROWS = 200

# Punctuation that ends a Chinese phrase with its own spacing built in (data, not words).
FULL_WIDTH_CLOSING = ("）", "」", "』", "》")
ZH_COLON = "："  # between a problem's place and its Chinese message


def as_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=False)


def as_text(report: Report) -> str:
    """Grouped by file, Chinese first with the English beneath; the verdict last."""
    lines = _by_file(report)
    errors, warnings = report.error_count, report.warning_count
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


def by_file(problems: Iterable[Problem]) -> str:
    """Problems as ``as_text`` lists them, without its verdict (a build stopped for the
    placeholders, which the verdict of ``validate`` would call valid)."""
    return "\n".join(_by_file(Report(list(problems)))).rstrip("\n")


def _by_file(report: Report) -> list[str]:
    lines: list[str] = []
    for file, problems in groupby(report.sorted(), key=lambda p: p.file):
        lines.append(file)
        shown, more = _first_of_each_kind(problems)
        for p in shown:
            lines.extend(_problem_lines(p))
        for kind, count in more.items():
            zh, en = messages.render("report-more", {"code": kind, "count": f"{count:,}"})
            lines.extend((f"  {zh}", f"         {en}"))
        lines.append("")
    return lines


def _first_of_each_kind(problems: Iterable[Problem]) -> tuple[list[Problem], Counter[str]]:
    """Of one file's problems (in report order), the first SHOWN_PER_KIND of each code,
    and how many more of each code there are (those not listed one by one included)."""
    seen: Counter[str] = Counter()
    more: Counter[str] = Counter()
    shown: list[Problem] = []
    for p in problems:
        if p.count > 1:  # stands for problems not listed one by one
            more[p.code] += p.count
            continue
        seen[p.code] += 1
        if seen[p.code] <= SHOWN_PER_KIND:
            shown.append(p)
        else:
            more[p.code] += 1
    return shown, more


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
    """GitHub Actions workflow commands: the annotations GitHub will show, most useful
    first, then how many were left unannotated, then the verdict."""
    lines: list[str] = []
    left = {}
    for severity in ("error", "warning"):
        of_severity = [p for p in report.sorted() if p.severity == severity]
        ranked = _kinds_first([p for p in of_severity if p.count == 1])
        shown = ranked[:ANNOTATIONS_PER_SEVERITY]
        lines.extend(_github_line(p) for p in shown)
        left[severity] = sum(p.count for p in of_severity) - len(shown)
    if left["error"] or left["warning"]:
        params = {"errors": f"{left['error']:,}", "warnings": f"{left['warning']:,}"}
        lines.append(_one_line(*messages.render("report-github-unannotated", params)))
    code = "report-github-valid" if report.valid else "report-github-invalid"
    lines.append(_one_line(*messages.render(code, {"errors": report.error_count})))
    return "\n".join(lines)


def _kinds_first(problems: list[Problem]) -> list[Problem]:
    """The first problem of each kind (file and code), then the repeats, each in report
    order: ten annotations then point at ten different things to fix."""
    seen: set[tuple[str, str]] = set()
    firsts: list[Problem] = []
    repeats: list[Problem] = []
    for p in problems:
        kind = (p.file, p.code)
        (repeats if kind in seen else firsts).append(p)
        seen.add(kind)
    return firsts + repeats


def github_summary(report: Report) -> str:
    """Markdown for the job summary ($GITHUB_STEP_SUMMARY): the count of every kind of
    problem (file and code), errors first, with where the first one is."""
    counts: Counter[tuple[str, str, str]] = Counter()
    first: dict[tuple[str, str, str], Problem] = {}
    for p in report.sorted():
        kind = (p.severity, p.file, p.code)
        counts[kind] += p.count
        if p.count == 1:
            first.setdefault(kind, p)
    kinds = sorted(counts, key=lambda k: (k[0] != "error", k[1], k[2]))
    title = _one_line(*messages.render("report-summary-title", {}))
    verdict = "report-github-valid" if report.valid else "report-github-invalid"
    lines = [
        f"### {escape(title)}",
        "",
        escape(_one_line(*messages.render(verdict, {"errors": report.error_count}))),
        "",
    ]
    if kinds:
        lines.append("| " + " | ".join(f"{zh} {en}" for zh, en in SUMMARY_COLUMNS) + " |")
        lines.append("|" + " --- |" * len(SUMMARY_COLUMNS))
        for severity, file, code in kinds[:SUMMARY_ROWS]:
            at = first.get((severity, file, code))
            where = messages.render("report-line", {"line": at.line})[1] if at and at.line else ""
            cells = (
                file,
                f"[{SEVERITIES[severity]}] {code}",
                f"{counts[(severity, file, code)]:,}",
                where,
            )
            lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
        if len(kinds) > SUMMARY_ROWS:
            params = {"shown": SUMMARY_ROWS, "kinds": f"{len(kinds):,}"}
            lines.extend(
                ("", escape(_one_line(*messages.render("report-summary-truncated", params))))
            )
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    """A table cell that shows ``text`` as text: HTML escaped, pipes and breaks inert."""
    return str(escape(text)).replace("|", "\\|").replace("\n", " ").replace("\r", " ")


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
