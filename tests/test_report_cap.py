"""A report stays readable however many problems there are: text shows the first few of
each kind and counts the rest, GitHub gets its ten annotations per severity, most useful
first, and the job summary counts every kind; JSON keeps everything."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import append_line, cli

from builder.core.problems import LISTED_PER_KIND
from builder.core.report import ANNOTATIONS_PER_SEVERITY, SHOWN_PER_KIND
from builder.pipeline import validate_project

PARKING = "data/ledgers/parking.csv"
ADVERTISING = "data/ledgers/advertising.csv"
ROW = "TC-2026-{n:03d},2026-01-05,income,临时停车费,{amount},临时停车收费汇总,,"


def widen_header(path: Path, columns: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += "," + ",".join(f"extra{i}" for i in range(columns))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bad_rows(path: Path, count: int, amount: str = "abc") -> None:
    for n in range(count):
        append_line(path, ROW.format(n=900 + n, amount=amount))


@pytest.mark.parametrize("columns", [SHOWN_PER_KIND + 1, 1000, 5000])
def test_text_shows_the_first_of_a_kind_and_counts_the_rest(project, columns):
    widen_header(project / PARKING, columns)
    result = cli("validate", str(project))
    assert result.returncode == 1
    assert result.stdout.count("(unknown-column)\n") == SHOWN_PER_KIND
    more = columns - SHOWN_PER_KIND
    assert f"还有 {more:,} 个" in result.stdout
    assert f"… and {more:,} more of the same kind (unknown-column)" in result.stdout
    # The verdict still counts every error.
    assert f"发现 {columns} 个错误" in result.stdout
    assert len(result.stdout) < 20_000


def test_json_keeps_every_problem(project):
    widen_header(project / PARKING, 1000)
    result = cli("validate", str(project), "--format", "json")
    report = json.loads(result.stdout)
    assert sum(e["code"] == "unknown-column" for e in report["errors"]) == 1000


def test_text_counts_each_kind_of_each_file_on_its_own(project):
    bad_rows(project / PARKING, 30)
    widen_header(project / ADVERTISING, 25)
    result = cli("validate", str(project))
    out = result.stdout
    parking, advertising = out.index(PARKING + "\n"), out.index(ADVERTISING + "\n")
    parking_part = out[parking:] if parking > advertising else out[parking:advertising]
    assert parking_part.count("(type-error)\n") == SHOWN_PER_KIND
    assert "… and 10 more of the same kind (type-error)" in parking_part
    assert "… and 5 more of the same kind (unknown-column)" in out
    assert "more of the same kind (unknown-column)" not in parking_part


def test_few_problems_are_all_shown_without_a_count(project):
    bad_rows(project / PARKING, 3)
    result = cli("validate", str(project))
    assert result.stdout.count("(type-error)\n") == 3
    assert "more of the same kind" not in result.stdout


def annotations(stdout: str, kind: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(f"::{kind} ")]


def test_github_annotates_one_of_each_kind_before_repeats(project):
    bad_rows(project / PARKING, 40)
    widen_header(project / ADVERTISING, 40)
    result = cli("validate", str(project), "--format", "github")
    errors = annotations(result.stdout, "error")
    assert len(errors) == ANNOTATIONS_PER_SEVERITY
    # The first two annotations point at the two different things to fix.
    first_two = {re.search(r"file=([^,]+)", e).group(1) for e in errors[:2]}  # type: ignore[union-attr]
    assert first_two == {PARKING, ADVERTISING}
    assert "title=type-error" in "".join(errors[:2]) and "title=unknown-column" in "".join(
        errors[:2]
    )
    assert "另有 70 个错误" in result.stdout and "70 more errors" in result.stdout


def test_github_writes_the_counts_to_the_job_summary(project, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    bad_rows(project / PARKING, 40)
    widen_header(project / ADVERTISING, 1234)
    result = cli("validate", str(project), "--format", "github")
    assert result.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, never overwritten
    assert f"| {PARKING} | [错误] type-error | 40 |" in text
    assert f"| {ADVERTISING} | [错误] unknown-column | 1,234 |" in text


def test_job_summary_shows_staff_text_as_text(project, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    # A data file whose name carries a pipe and markup (the path is staff-chosen).
    odd = project / "data/ledgers/a|<b>.csv"
    (project / PARKING).rename(odd)
    package = project / "data/datapackage.yaml"
    package.write_text(
        package.read_text(encoding="utf-8").replace("ledgers/parking.csv", '"ledgers/a|<b>.csv"'),
        encoding="utf-8",
    )
    bad_rows(odd, 2)
    cli("validate", str(project), "--format", "github")
    text = summary.read_text(encoding="utf-8")
    assert "| data/ledgers/a\\|&lt;b&gt;.csv | [错误] type-error | 2 |" in text
    assert "<b>" not in text


def test_other_formats_leave_the_job_summary_alone(project, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    bad_rows(project / PARKING, 2)
    cli("validate", str(project))
    cli("validate", str(project), "--format", "json")
    assert not summary.exists()


@pytest.mark.parametrize(
    "voucher, shown",
    [
        ('"TC-2026-044\n"', "TC-2026-044\\n"),
        ("TC-2026-0\x1b[31m44", "TC-2026-0\\u001b[31m44"),
        ("TC\u202e-2026-044", "TC\\u202e-2026-044"),
        ("TC-2026-\x00044", "TC-2026-\\u0000044"),
    ],
)
@pytest.mark.parametrize("form", ["text", "github", "json"])
def test_a_quoted_value_shows_its_invisible_characters_written_out(project, voucher, shown, form):
    path = project / PARKING
    row = f"{voucher},2026-01-05,income,临时停车费,1.00,临时停车收费汇总,,"
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8", newline="")
    result = cli("validate", str(project), "--format", form)
    assert result.returncode == 1
    out = json.loads(result.stdout) if form == "json" else result.stdout
    messages = [e["message"] + e["message_en"] for e in out["errors"]] if form == "json" else [out]
    assert any(shown in m for m in messages)
    for message in messages:
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", message)


# --- past LISTED_PER_KIND of a code in a file, problems are counted, not worded ----------

OVER = LISTED_PER_KIND + 500


def rows_of(path: Path, make) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "".join(make(n) + "\n" for n in range(OVER)), encoding="utf-8")


MANY = {
    "type-error": lambda n: ROW.format(n=n, amount="abc"),
    "constraint-pattern": lambda n: f"tc-{n},2026-01-05,income,临时停车费,1.00,汇总,,",
    "primary-key": lambda n: "TC-2026-001,2026-01-05,income,临时停车费,1.00,汇总,,",
    "extra-cell": lambda n: ROW.format(n=n, amount="1.00") + ",x",
    "text-formula": lambda n: f"TC-2026-{n:05d},2026-01-05,income,临时停车费,1.00,=A{n},,",
}


@pytest.mark.parametrize("code", MANY)
@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_past_the_listing_budget_a_code_is_counted_in_one_problem(project, code, engine):
    first_line = len((project / PARKING).read_text(encoding="utf-8").splitlines()) + 1
    rows_of(project / PARKING, MANY[code])
    result = cli("validate", str(project), "--format", "json", "--engine", engine)
    report = json.loads(result.stdout)
    found = [
        e
        for e in report["errors"] + report["warnings"]
        if e["code"] == code and e["file"] == PARKING
    ]
    counted = [e for e in found if "count" in e]
    assert len(found) - len(counted) == LISTED_PER_KIND
    [summary] = counted
    total = OVER
    assert summary["count"] == total - LISTED_PER_KIND
    assert summary["line"] is None and f"{total - LISTED_PER_KIND:,}" in summary["message"]
    # The listed ones are the first in the file, whichever engine found them.
    lines = sorted(e["line"] for e in found if "count" not in e)
    assert lines == list(range(first_line, first_line + LISTED_PER_KIND))
    kind = "errors" if code != "text-formula" else "warnings"
    assert report["stats"][kind] >= total


def test_both_engines_list_the_same_problems_past_the_budget(project):
    rows_of(project / PARKING, lambda n: f"tc-{n},2026/1/5,income,临时停车费,abc,汇总,,")
    fast, reference = (
        json.loads(cli("validate", str(project), "--format", "json", "--engine", e).stdout)
        for e in ("fast", "frictionless")
    )
    assert fast["errors"] == reference["errors"]


def test_a_repeated_key_not_listed_still_keeps_its_row_out_of_the_records(project):
    rows_of(project / PARKING, MANY["primary-key"])
    ledger = validate_project(project, keep_rows=False).records.ledger("parking")
    assert ledger is not None
    vouchers = [v.decode() for v in ledger.voucher.tolist()]
    # The sample's own TC-2026-001 stays; none of the 1,500 repeats got in.
    assert vouchers.count("TC-2026-001") == 1


def test_text_and_github_count_what_was_not_listed(project, tmp_path, monkeypatch):
    rows_of(project / PARKING, MANY["type-error"])
    text = cli("validate", str(project)).stdout
    assert f"… and {OVER - SHOWN_PER_KIND:,} more of the same kind (type-error)" in text
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    github = cli("validate", str(project), "--format", "github").stdout
    assert len(annotations(github, "error")) == ANNOTATIONS_PER_SEVERITY
    total = json.loads(cli("validate", str(project), "--format", "json").stdout)["stats"]
    assert f"另有 {total['errors'] - ANNOTATIONS_PER_SEVERITY:,} 个错误" in github
    assert f"| {PARKING} | [错误] type-error | {OVER:,} | line " in summary.read_text("utf-8")
