"""`gongshi validate` end to end on the sample and on broken copies of it.

Every bad input must give exit 1, the right file, line and field, a message in Chinese
and English, no traceback, and leave the project's files exactly as they were.

Most cases run the command through its entry point in this process (``cli``); a few run
it as staff do, in a new Python (``gongshi``): the console entry itself, a usage error,
output compared across two processes, and inputs meant to exhaust a process.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest
from conftest import (
    REPO,
    append_line,
    cli,
    gongshi,
    has,
    line_of,
    replace_line,
    tree_digest,
    validate_json,
)
from mutations import DECISIONS, MUTATIONS, PARKING, bad_amount, balance_one_fen_off, wrong_result


def test_sample_community_is_valid():
    code, report = validate_json(REPO)
    assert code == 0, report["errors"]
    assert report["valid"] is True
    assert report["errors"] == []
    assert report["stats"]["resources"]["ledger-parking"] > 0


def test_text_report_is_chinese_first_and_exit_zero_on_sample():
    result = gongshi("validate", str(REPO))
    assert result.returncode == 0
    assert "数据检查通过" in result.stdout and "valid" in result.stdout


def test_json_report_shape(project):
    line = append_line(
        project / PARKING, "TC-2026-999,2026-01-05,income,临时停车费,abc,临时停车收费汇总,,"
    )
    code, report = validate_json(project)
    assert code == 1
    assert set(report) == {"valid", "errors", "warnings", "stats"}
    [error] = [e for e in report["errors"] if e["line"] == line]
    assert set(error) == {"file", "line", "field", "code", "message", "message_en"}
    assert error == {
        **error,
        "file": PARKING,
        "line": line,
        "field": "amount",
        "code": "type-error",
    }
    assert "abc" in error["message"] and "数字" in error["message"]


def test_github_format_annotates_the_line(project):
    line = append_line(
        project / PARKING, "TC-2026-999,2026-01-05,income,临时停车费,abc,临时停车收费汇总,,"
    )
    result = cli("validate", str(project), "--format", "github")
    assert result.returncode == 1
    assert f"::error file={PARKING},line={line},title=type-error · amount::" in result.stdout


def test_not_a_project_is_a_usage_error(tmp_path):
    result = gongshi("validate", str(tmp_path))
    assert result.returncode == 2
    assert "找不到 gongshi 项目" in result.stderr and "Traceback" not in result.stderr


def test_broken_schema_is_a_configuration_error(project):
    # The fast path does not know "strnig", so Frictionless judges the descriptor.
    schema = project / "data/schemas/fee_item.yaml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("type: string", "type: strnig", 1),
        encoding="utf-8",
    )
    result = cli("validate", str(project))
    assert result.returncode == 2
    assert "表结构文件 data/schemas/fee_item.yaml 有误" in result.stderr
    assert "strnig" in result.stderr and "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error():
    result = cli("validate", "--format", "xml")
    assert result.returncode == 2 and "xml" in result.stderr


# In a process of their own, so that a regression ends in a timeout, not a pytest run
# that has filled the memory.
EXHAUSTING = {"alias_bomb", "too_large"}


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda f: f.__name__)
def test_bad_input_is_reported_exactly(project, mutate):
    code, file, line, field = mutate(project)
    before = tree_digest(project)
    run = gongshi if mutate.__name__ in EXHAUSTING else cli
    started = time.monotonic()
    result = run("validate", str(project), "--format", "json")
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stdout
    report = json.loads(result.stdout)
    found = [e for e in report["errors"] if e["code"] == code and e["file"] == file]
    assert found, report["errors"]
    if line is not None:
        assert any(e["line"] == line for e in found), found
    if field is not None:
        assert any(e["field"] == field for e in found), found
    assert all(e["message"] and e["message_en"] for e in report["errors"])
    assert tree_digest(project) == before  # validation never writes
    assert elapsed < 60  # an alias bomb or a huge file must not hang it


def test_yaml_syntax_error_names_line_and_column(project):
    path = project / DECISIONS
    line = line_of(path, "title:")
    replace_line(path, line, "title:", "title: [未闭合")
    _, report = validate_json(project)
    [error] = [e for e in report["errors"] if e["code"] == "yaml-syntax"]
    assert error["line"] is not None and error["line"] >= line
    assert "列" in error["message"] and "column" in error["message_en"]


def test_balance_error_gives_computed_figure_and_difference(project):
    balance_one_fen_off(project)
    _, report = validate_json(project)
    [error] = [e for e in report["errors"] if e["code"] == "balance-mismatch"]
    assert "相差 0.01 元" in error["message"]
    assert re.search(r"计算的余额是 \d+\.\d\d 元", error["message"])


def test_wrong_result_explains_the_arithmetic(project):
    wrong_result(project)
    _, report = validate_json(project)
    [error] = [e for e in report["errors"] if e["code"] == "decision-result-mismatch"]
    assert "三分之二以上" in error["message"] and "参与表决的业主人数" in error["message"]


def test_bom_is_accepted(project):
    path = project / PARKING
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, report = validate_json(project)
    assert code == 0, report["errors"]


def test_cost_exactly_at_threshold_needs_decision_but_one_fen_below_does_not(project):
    at = append_line(
        project / PARKING, "TC-2026-910,2026-01-05,cost,道闸系统维修,5000.00,某智能科技有限公司,,"
    )
    below = append_line(
        project / PARKING, "TC-2026-911,2026-01-06,cost,道闸系统维修,4999.99,某智能科技有限公司,,"
    )
    _, report = validate_json(project)
    assert has(report, "cost-needs-decision", PARKING, at, "decision")
    assert not has(report, "cost-needs-decision", PARKING, below)


def test_rows_after_a_bad_row_are_still_checked(project):
    first = append_line(
        project / PARKING, "TC-2026-920,2026-01-05,income,临时停车费,x,临时停车收费汇总,,"
    )
    second = append_line(
        project / PARKING, "TC-2026-921,2026-01-05,income,临时停车费,y,临时停车收费汇总,,"
    )
    _, report = validate_json(project)
    assert has(report, "type-error", PARKING, first) and has(report, "type-error", PARKING, second)
    # the balance check cannot run on a broken ledger, and says so instead of failing silently
    assert has(report, "balance-not-checked")


def test_report_is_deterministic(project):
    # Two processes: each has its own string hash seed, so set order cannot leak out.
    bad_amount(project)
    wrong_result(project)
    assert (
        gongshi("validate", str(project), "--format", "json").stdout
        == gongshi("validate", str(project), "--format", "json").stdout
    )


def test_stock_frictionless_accepts_the_sample():
    # Auditors re-check with the stock tool; the sample must pass it as well as ours.
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "data/datapackage.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "INVALID" not in result.stdout


# --- issue 11's bugs ------------------------------------------------------------------


@pytest.mark.parametrize("written_as", ["reference", "both"])
def test_foreign_key_fields_written_as_a_string(project, written_as):
    # Bug 2: Table Schema lets a key be one name instead of a list; Frictionless
    # accepts it, and so must validate (it crashed with a traceback).
    schema = project / "data/schemas/ledger_entry.yaml"
    text = schema.read_text(encoding="utf-8")
    old = "  - fields: [decision]\n    reference: {resource: decisions, fields: [id]}"
    new = {
        "reference": "  - fields: [decision]\n    reference: {resource: decisions, fields: id}",
        "both": "  - fields: decision\n    reference: {resource: decisions, fields: id}",
    }[written_as]
    assert old in text
    schema.write_text(text.replace(old, new), encoding="utf-8")
    code, report = validate_json(project)
    assert code == 0, report["errors"]
    line = append_line(
        project / PARKING, "TC-2026-930,2026-01-05,cost,维修,12.00,某公司,,D-2099-001"
    )
    code, report = validate_json(project)
    assert code == 1 and has(report, "foreign-key", PARKING, line, "decision")


def _balance_problems(report: dict) -> list[str]:
    return [
        p["code"] for p in report["errors"] + report["warnings"] if p["code"].startswith("balance-")
    ]


def test_row_missing_a_cell_leaves_balances_unchecked(project):
    # Bug 3: one row short of a cell gave its error plus four false balance mismatches.
    path = project / PARKING
    line = line_of(path, "TC-2024-003")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n").rsplit(",", 1)[0] + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    code, report = validate_json(project)
    assert code == 1
    assert [(e["code"], e["line"]) for e in report["errors"]] == [("missing-cell", line)]
    assert _balance_problems(report) == ["balance-not-checked"]


def test_unclosed_quote_is_a_csv_syntax_error_at_its_line(project):
    # Bug 4: an open quote on line 4 swallowed the rest of the file: 3 rows read, a
    # misleading missing-cell error and false balance mismatches.
    path = project / PARKING
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",临时停车费,", ',"临时停车费,', 1)
    path.write_text("".join(lines), encoding="utf-8")
    code, report = validate_json(project)
    assert code == 1
    assert [(e["code"], e["file"], e["line"]) for e in report["errors"]] == [
        ("csv-syntax", PARKING, 4)
    ]
    assert _balance_problems(report) == ["balance-not-checked"]
    assert report["stats"]["resources"]["ledger-parking"] is None
    # Said as what to fix, not as the reader's "unexpected end of data".
    assert "一直没有配对" in report["errors"][0]["message"]
    assert "never closed" in report["errors"][0]["message_en"]


def test_text_after_a_closing_quote_is_a_csv_syntax_error_with_advice(project):
    path = project / PARKING
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace(",临时停车费,", ',"临时"停车费,', 1)
    path.write_text("".join(lines), encoding="utf-8")
    code, report = validate_json(project)
    assert code == 1
    assert [(e["code"], e["line"]) for e in report["errors"]] == [("csv-syntax", 6)]
    assert "写成两个" in report["errors"][0]["message"]


def test_big5_file_is_unknown_encoding_not_gbk(project):
    # Bug 5: Big5 bytes often decode as GB18030 into nonsense; the one decoder says
    # "unknown", so validate does not send staff to normalize (which refuses it).
    path = project / "data/branch/meetings.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes("".join(c for c in text if _in_big5(c)).encode("big5"))
    code, report = validate_json(project)
    assert code == 1
    assert has(report, "encoding-unknown", "data/branch/meetings.csv")
    assert not has(report, "encoding-gbk")


def _in_big5(char: str) -> bool:
    try:
        char.encode("big5")
    except UnicodeEncodeError:
        return False
    return True
