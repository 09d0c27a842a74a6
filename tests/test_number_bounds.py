"""Every number staff type passes the one reader (builder/core/numbers.py) before any
arithmetic: plain spellings only, finite, at most 15 digits before the point. Hostile
or careless figures (``inf``, ``1e99999999``, ``1e30``, ``Infinity``, ``378e2``, ``⑦``,
a 10,000-digit cell...) are errors at their file, line and field — in a ledger, a
decision, the fees, a balance assertion and community.yaml, on both check paths —
never a traceback, never a hang."""

from __future__ import annotations

import json
import shutil
import time
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import (
    REPO,
    SAMPLE_PARTS,
    append_line,
    cli,
    gongshi,
    line_of,
    replace_line,
    validate_json,
)

from builder.core.numbers import plain_spelling, read_integer, read_number
from builder.load.documents import read_yaml
from builder.load.project import COMMUNITY
from builder.load.settings import read_community
from builder.messages import TYPE_NAMES_ZH
from builder.pipeline import validate_project

PARKING = "data/ledgers/parking.csv"
ACCOUNTS = "data/ledgers/accounts.yaml"
DECISIONS = "data/committee/decisions.yaml"
FEES = "data/property/fees.csv"

HUGE = "1" * 10_000
# Figures no reader may take: non-finite, exponents, other digits, other syntax, too big.
HOSTILE = [
    "inf",
    "-inf",
    "Infinity",
    "-Infinity",
    ".inf",
    "NaN",
    "nan",
    "sNaN",
    "1e30",
    "-1e30",
    "1e99999999",
    "378e2",
    "1E2",
    "⑦",
    "²",
    "１２",
    "٣",
    "1_000",
    "0x10",
    "1" * 16,
    HUGE,
]


# --- the reader -------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_the_reader_refuses(text):
    assert read_number(text) is None
    assert read_integer(text) is None


@pytest.mark.parametrize(
    ("text", "number", "integer"),
    [
        ("37800.00", Decimal("37800.00"), None),
        (" 12 ", Decimal("12"), 12),
        ("-0.01", Decimal("-0.01"), None),
        ("+5", Decimal("5"), 5),
        ("007", Decimal("7"), 7),
        ("999999999999999", Decimal("999999999999999"), 999999999999999),
        ("0.588001", Decimal("0.588001"), None),
        ("0.5880001", None, None),
    ],
)
def test_the_reader_takes_plain_numbers(text, number, integer):
    assert read_number(text) == number
    assert read_integer(text) == integer


@pytest.mark.parametrize(
    "value",
    [float("inf"), float("-inf"), float("nan"), 1e30, 10**20, Decimal("sNaN"), True],
)
def test_the_reader_refuses_values_yaml_or_inline_data_give(value):
    """Values other parsers make of YAML (``.inf`` is a float to PyYAML) or Python."""
    assert read_number(value) is None
    assert read_integer(value) is None


@pytest.mark.parametrize("text", ["1e99999999", "9" * 100_000, "0." + "0" * 100_000 + "1"])
def test_the_reader_measures_before_it_converts(text):
    started = time.perf_counter()
    for _ in range(100):
        assert read_number(text) is None
        assert read_integer(text) is None
        plain_spelling(text, "number")
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("text", "kind", "plain"),
    [
        ("378e2", "number", "37800.00"),
        ("1.1284635e5", "number", "112846.35"),
        ("１２", "number", "12.00"),
        ("1_000", "integer", "1000"),
        ("1E2", "integer", "100"),
        ("Infinity", "number", None),
        ("⑦", "integer", None),
        ("1e99999999", "number", None),
        ("1e30", "number", None),
    ],
)
def test_a_refused_spelling_knows_its_plain_form(text, kind, plain):
    assert plain_spelling(text, kind) == plain


# --- tables: the same verdict on both paths ------------------------------------------


def hostile_project(root: Path) -> dict[tuple[str, int], tuple[str, str, str]]:
    """Each hostile figure in a ledger amount, a decision's area and owners, a fee's
    rate and a balance assertion; returns, by (file, line), the (field, cell, code)
    expected there."""
    expected: dict[tuple[str, int], tuple[str, str, str]] = {}
    for n, text in enumerate(HOSTILE):
        line = append_line(
            root / PARKING,
            f"TC-2026-{600 + n},2026-01-05,income,临时停车费,{text},汇总,,",
        )
        expected[PARKING, line] = ("amount", text, "type-error")
        line = append_line(root / FEES, f"测试收费{n},元/次,{text},物业服务合同第十五条")
        expected[FEES, line] = ("rate", text, "type-error")
        for field in ("total_area", "total_owners"):
            start = append_line(
                root / DECISIONS,
                "\n".join(
                    [
                        f"- id: JY-2026-{n + (50 if field == 'total_owners' else 20):02d}",
                        "  date: 2026-01-05",
                        "  body: owners_assembly",
                        "  matter: 5",
                        "  title: 关于使用专项维修资金的决定",
                        "  summary: 同意。",
                        "  result: passed",
                        "  total_area: 112846.35"
                        if field == "total_owners"
                        else "  total_owners: 1126",
                        f"  {field}: {text}",
                        "  voted_area: 80517.90",
                        "  voted_owners: 803",
                        "  approve_area: 62448.13",
                        "  approve_owners: 618",
                    ]
                ),
            )
            expected[DECISIONS, start + 8] = (field, text, "type-error")
    # Balance assertions: one per day after the parking account's last one.
    path = root / ACCOUNTS
    anchor = line_of(path, "{date: 2026-06-30")
    last = path.read_text(encoding="utf-8").splitlines()[anchor - 1]
    added = [
        f'    - {{date: 2026-07-{n + 1:02d}, balance: "{text}"}}' for n, text in enumerate(HOSTILE)
    ]
    replace_line(path, anchor, last, "\n".join([last, *added]))
    for n, text in enumerate(HOSTILE):
        expected[ACCOUNTS, anchor + 1 + n] = ("balance", text, "type-error")
    # Too many decimals for money: a rule of its own, after the reader.
    line = append_line(root / PARKING, "TC-2026-699,2026-01-05,income,临时停车费,1.234,汇总,,")
    expected[PARKING, line] = ("amount", "1.234", "amount-precision")
    # Plain, but over the schema's maximum (which the stock tool applies too).
    line = append_line(root / FEES, "测试收费上限,元/次,1000000000000,物业服务合同第十五条")
    expected[FEES, line] = ("rate", "1000000000000", "constraint-maximum")
    return expected


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("hostile") / "community"
    root.mkdir()
    for part in SAMPLE_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    return root, hostile_project(root)


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_every_hostile_figure_is_an_error_at_its_line_and_field(hostile, engine):
    root, expected = hostile
    started = time.monotonic()
    result = cli("validate", str(root), "--format", "json", "--engine", engine)
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1
    report = json.loads(result.stdout)
    found = {(e["file"], e["line"]): e for e in report["errors"]}
    for (file, line), (field, cell, code) in expected.items():
        error = found.get((file, line))
        assert error is not None, (file, line, cell[:20])
        assert (error["field"], error["code"]) == (field, code), (error, cell[:20])
        if code == "type-error":
            # What was found, and what is expected ("不是数字（写成 1200.00…" / "整数").
            kind = "integer" if field == "total_owners" else "number"
            assert cell[:50] in error["message"], error
            assert f"不是{TYPE_NAMES_ZH[kind]}" in error["message"], error
            assert f"not a valid {kind}" in error["message_en"], error
    # Nothing else: the original records are still valid and no rule tripped over a row.
    assert {(e["file"], e["line"]) for e in report["errors"]} == set(expected)
    assert elapsed < 30, elapsed


def test_both_paths_give_the_same_report(hostile):
    root, _ = hostile
    reports = [
        validate_project(root, engine=engine).report.to_dict()["errors"]
        for engine in ("fast", "frictionless")
    ]
    assert reports[0] == reports[1]


def test_the_worst_case_does_not_hang(project):
    """The largest exponent and a 100,000-digit cell, through the real command line."""
    area = line_of(project / DECISIONS, "total_area:")
    replace_line(project / DECISIONS, area, "112846.35", "1e99999999")
    append_line(
        project / PARKING,
        f"TC-2026-990,2026-01-05,income,临时停车费,{'9' * 100_000},x,,",
    )
    started = time.monotonic()
    result = gongshi("validate", str(project), "--format", "json", timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    codes = {(e["file"], e["field"], e["code"]) for e in json.loads(result.stdout)["errors"]}
    assert (DECISIONS, "total_area", "type-error") in codes
    assert (PARKING, "amount", "type-error") in codes
    assert elapsed < 20, elapsed


# --- community.yaml -----------------------------------------------------------------


def community_problems(tmp_path: Path, key: str, text: str) -> list:
    source = (REPO / COMMUNITY).read_text(encoding="utf-8")
    # rules.cost_threshold.value is the only value written "5000.00" ("50000.00" is not).
    old, name = {
        "cost_threshold": ('value: "5000.00"', "value"),
        "size": ("size: 7", "size"),
    }[key]
    value = json.dumps(text, ensure_ascii=False) if key == "cost_threshold" else text
    target = tmp_path / COMMUNITY
    target.parent.mkdir(parents=True, exist_ok=True)
    assert source.count(old) == 1
    target.write_text(source.replace(old, f"{name}: {value}"), encoding="utf-8")
    doc, problems = read_yaml(tmp_path, COMMUNITY)
    assert doc is not None and not problems
    community, problems = read_community(doc)
    assert community is None
    return problems


@pytest.mark.parametrize("text", [*HOSTILE, "0", "-5000", "5000.001", "5千"])
def test_a_cost_threshold_that_is_no_amount(tmp_path, text):
    (found,) = community_problems(tmp_path, "cost_threshold", text)
    assert (found.code, found.file, found.field) == (
        "community-bad-amount",
        COMMUNITY,
        "rules.cost_threshold.value",
    )
    assert found.line == line_of(tmp_path / COMMUNITY, "cost_threshold:") + 1
    assert text[:50] in found.message and "5000.00" in found.message


@pytest.mark.parametrize("text", [*HOSTILE, "0", "-7", "7.0", "七"])
def test_a_committee_size_that_is_no_count(tmp_path, text):
    (found,) = community_problems(tmp_path, "size", text)
    assert (found.code, found.file, found.field) == (
        "community-bad-integer",
        COMMUNITY,
        "owners_committee.size",
    )
    assert found.line == line_of(tmp_path / COMMUNITY, "size:")
    assert text[:50] in found.message and "正整数" in found.message


def test_community_settings_through_the_command_line(project):
    path = project / COMMUNITY
    replace_line(path, line_of(path, 'value: "5000.00"'), '"5000.00"', '"NaN"')
    replace_line(path, line_of(path, "size:"), "7", "⑦")
    result = cli("validate", str(project), "--format", "json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    fields = {(e["file"], e["field"]) for e in json.loads(result.stdout)["errors"]}
    assert {
        (COMMUNITY, "rules.cost_threshold.value"),
        (COMMUNITY, "owners_committee.size"),
    } <= fields


@pytest.mark.parametrize(
    "cell, plain",
    [
        ("378e2", "37800.00"),
        ("1E2", "100.00"),
        ("１２", "12.00"),
        ("1_000", "1000.00"),
        ("1.1284635e5", "112846.35"),
    ],
)
@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_a_number_in_another_spelling_is_shown_its_plain_form(project, engine, cell, plain):
    line = append_line(
        project / PARKING,
        f"TC-2026-990,2026-01-05,income,临时停车费,{cell},临时停车收费汇总,,",
    )
    result = cli("validate", str(project), "--format", "json", "--engine", engine)
    report = json.loads(result.stdout)
    [error] = [e for e in report["errors"] if e["line"] == line]
    assert (error["code"], error["field"]) == ("type-error", "amount")
    assert f"请写成 {plain}" in error["message"] and f": {plain}." in error["message_en"]


def test_a_figure_with_no_plain_form_gets_no_suggestion(project):
    line = append_line(
        project / PARKING,
        "TC-2026-990,2026-01-05,income,临时停车费,Infinity,临时停车收费汇总,,",
    )
    _, report = validate_json(project)
    [error] = [e for e in report["errors"] if e["line"] == line]
    assert error["code"] == "type-error" and "请写成" not in error["message"].split("。", 1)[1]


@pytest.mark.parametrize("cell", ["9" * 16, "1." + "5" * 7, "9" * 100_000, "-" + "1" * 5000])
@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_a_figure_with_too_many_digits_says_the_caps_and_is_quoted_short(project, engine, cell):
    line = append_line(
        project / PARKING,
        f"TC-2026-990,2026-01-05,income,临时停车费,{cell},临时停车收费汇总,,",
    )
    result = cli("validate", str(project), "--format", "json", "--engine", engine)
    [error] = [e for e in json.loads(result.stdout)["errors"] if e["line"] == line]
    assert error["code"] == "type-error"
    assert "整数部分最多 15 位，小数部分最多 6 位" in error["message"]
    assert "at most 15 digits before the point and 6 after" in error["message_en"]
    assert len(error["message"]) < 500 and len(error["message_en"]) < 500
