"""`gongshi normalize`: files from Excel/WPS become the records' own spelling.

Every input is made here from the sample community, the way WPS would save it (GB18030
bytes, CRLF, ``2025/3/5``, ``¥1,200.00``, full-width digits, a trailing ``,,,,`` row).
Converted values must give back the sample byte for byte; an ambiguous value must be
reported with its line and column and leave the file untouched, even with ``--write``.
"""

from __future__ import annotations

import csv
import io
import random
import re
from datetime import datetime
from decimal import Decimal

import pytest
from conftest import REPO, cli, line_of, validate_json

from builder.cli import main
from builder.core.requests import MOMENT_FORMAT, MOMENT_PATTERN, MOMENTS
from builder.load.project import open_project
from builder.staff.normalize import (
    DATE,
    INTEGER,
    MOMENT,
    MONEY,
    NUMBER,
    YEARMONTH,
    normalize_file,
    normalize_text,
    normalize_value,
    schema_kinds,
)

PARKING = "data/ledgers/parking.csv"
DECISIONS = "data/committee/decisions.yaml"
REQUESTS = "data/property/requests.csv"
FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
FULL_WIDTH_TIME = str.maketrans("0123456789/: ", "０１２３４５６７８９／：\u3000")


def wps_ledger(text: str) -> bytes:
    """The sample ledger as WPS would export it: each row's date and amount spelled one of
    several local ways, padded names, CRLF, a trailing empty row, GB18030 bytes."""
    rows = list(csv.reader(io.StringIO(text)))
    rows[0] = [f" {name} " for name in rows[0]]
    for index, row in enumerate(rows[1:], 1):
        year, month, day = (int(part) for part in row[1].split("-"))
        row[1] = [
            f"{year}/{month}/{day}",
            f"{year}年{month}月{day}日",
            f"{year}/{month:02d}/{day:02d}",
        ][index % 3]
        amount = Decimal(row[4])
        row[4] = [
            f"¥{amount:,.2f}",
            f"{amount:,}",
            row[4].translate(FULL_WIDTH),
            f"￥{amount:,.2f}",
        ][index % 4]
        if index % 5 == 0:
            row[5] = f"\u3000{row[5]}  "
        if index % 7 == 0:
            row[6] = f"{row[6]}\u00a0"
    rows.append([""] * len(rows[0]))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("gb18030")


def excel_requests(text: str) -> bytes:
    """The sample requests register as Excel would save it ("CSV UTF-8"): each time
    spelled one of the ways Excel shows or staff type it, CRLF, a BOM."""
    rows = list(csv.reader(io.StringIO(text)))
    columns = [rows[0].index(name) for name in MOMENTS]
    for index, row in enumerate(rows[1:], 1):
        for column in columns:
            if not row[column]:
                continue
            at = datetime.strptime(row[column], MOMENT_FORMAT)
            day = f"{at.year}/{at.month}/{at.day}"
            row[column] = [
                f"{day} {at.hour}:{at.minute:02d}",
                f"{day} {at.hour:02d}:{at.minute:02d}:00",
                f"{at.year}年{at.month}月{at.day}日 {at.hour}:{at.minute:02d}",
                f"{at.year}年{at.month}月{at.day}日{at.hour}时{at.minute:02d}分",
                f"{day} {at.hour}:{at.minute:02d}".translate(FULL_WIDTH_TIME),
            ][(index + column) % 5]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def run(files: list[str], write: bool) -> int:
    """``gongshi normalize`` through the command line's entry point, in this process
    (its output goes to capsys); the exit code."""
    return main(["normalize", *files, *(["--write"] if write else [])])


# --- whole files, through the command's entry point -------------------------------


def test_wps_export_becomes_the_sample_again(project, capsys):
    path = project / PARKING
    sample = path.read_bytes()
    path.write_bytes(wps_ledger(sample.decode("utf-8")))

    assert run([str(path)], write=True) == 0
    out = capsys.readouterr().out
    assert path.read_bytes() == sample
    assert f"--- a/{PARKING}" in out and f"+++ b/{PARKING}" in out
    assert "编码 GB18030 → UTF-8" in out and "换行符 CRLF → LF" in out
    assert "个日期改为 YYYY-MM-DD" in out and "删除末尾 1 个空行" in out
    assert "已写入" in out

    code, report = validate_json(project)
    assert code == 0, report["errors"]

    again = normalize_file(path)
    assert not again.changed and again.changes == [] and again.problems == []
    assert run([str(path)], write=True) == 0
    assert "无需修改" in capsys.readouterr().out
    assert path.read_bytes() == sample


def test_the_result_describes_what_changed(project):
    path = project / PARKING
    sample = path.read_bytes()
    path.write_bytes(wps_ledger(sample.decode("utf-8")))

    result = normalize_file(path)
    assert result.encoding == "gb18030"
    assert result.changed and result.problems == []
    assert result.text.encode("utf-8") == sample
    assert result.relpath == PARKING and result.file == str(path)
    data_rows = sample.count(b"\n") - 1
    assert f"{data_rows} 个日期改为 YYYY-MM-DD" in result.changes
    assert not any("按列名" in change for change in result.changes)  # the schema decided
    assert "-TC-2024-001,2024/1/8," not in result.diff()  # index 1 uses 年月日
    assert "+TC-2024-001,2024-01-08,income,车位租赁费,37800.00," in result.diff()


def test_ambiguous_date_is_reported_and_the_file_is_untouched(project, capsys):
    path = project / PARKING
    text = path.read_text(encoding="utf-8")
    line = line_of(path, "TC-2024-003")
    text = text.replace("TC-2024-003,2024-01-31,", "TC-2024-003,1/31/2024,")
    text = text.replace("TC-2024-004,2024-01-31,", "TC-2024-004,3/5/2024,")
    before = crlf(text).encode("gb18030")  # other changes exist, yet nothing is written
    path.write_bytes(before)

    assert run([str(path)], write=True) == 1
    out = capsys.readouterr().out
    assert path.read_bytes() == before
    assert f"第 {line + 1} 行 · date：“3/5/2024”无法确定是3月5日还是5月3日" in out
    assert "2024-03-05" in out and "2024-05-03" in out
    assert "(normalize-ambiguous-date)" in out
    assert "整个文件都没有改动" in out and "已写入" not in out

    result = normalize_file(path)
    found = {(p.file, p.line, p.field, p.code) for p in result.problems}
    assert found == {
        (PARKING, line, "date", "normalize-ambiguous-date"),
        (PARKING, line + 1, "date", "normalize-ambiguous-date"),
    }
    assert all(p.message and p.message_en for p in result.problems)
    assert "3/5/2024" in result.text  # reported, not converted


def test_without_write_the_diff_is_shown_and_nothing_is_written(project, capsys):
    path = project / PARKING
    before = path.read_text(encoding="utf-8").replace(
        "TC-2024-001,2024-01-08,income,车位租赁费,37800.00,",
        'TC-2024-001,2024/1/8,income,车位租赁费,"¥37,800.00",',
    )
    path.write_text(before, encoding="utf-8")

    assert run([str(path)], write=False) == 0
    out = capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == before
    assert '-TC-2024-001,2024/1/8,income,车位租赁费,"¥37,800.00",' in out
    assert "+TC-2024-001,2024-01-08,income,车位租赁费,37800.00," in out
    assert "--write" in out and "已写入" not in out


def test_excel_request_times_become_the_register_again(project, capsys):
    path = project / REQUESTS
    sample = path.read_bytes()
    export = excel_requests(sample.decode("utf-8"))
    path.write_bytes(export)
    code, report = validate_json(project)
    found = {e["code"] for e in report["errors"] if e["file"] == REQUESTS}
    assert code == 1 and found == {"constraint-pattern"}  # what staff met before this

    assert run([str(path)], write=False) == 0
    out = capsys.readouterr().out
    assert path.read_bytes() == export  # without --write, nothing is written
    assert "个时间改为 YYYY-MM-DD HH:MM" in out and "--write" in out
    assert "+SQ-2026-001,2026-01-01 11:00," in out

    assert run([str(path)], write=True) == 0
    assert "已写入" in capsys.readouterr().out
    assert path.read_bytes() == sample
    code, report = validate_json(project)
    assert code == 0, report["errors"]
    assert normalize_file(path).changes == []


def test_a_request_time_in_doubt_is_reported_and_the_file_is_untouched(project, capsys):
    path = project / REQUESTS
    line = line_of(path, "SQ-2026-002,")
    text = path.read_text(encoding="utf-8")
    text = text.replace("SQ-2026-001,2026-01-01 11:00,", "SQ-2026-001,2026/1/1 11:00,", 1)
    text = text.replace(",2026-01-02 10:47,", ",1/2/2026 10:47,", 1)  # on_site of SQ-2026-002
    text = text.replace(",2026-01-02 11:12,", ",2026/1/2 11:12:30,", 1)  # its answered
    before = crlf(text).encode("utf-8")
    path.write_bytes(before)

    assert run([str(path)], write=True) == 1
    out = capsys.readouterr().out
    assert path.read_bytes() == before
    assert f"第 {line} 行 · on_site：“1/2/2026 10:47”无法确定是1月2日还是2月1日" in out
    assert "整个文件都没有改动" in out and "已写入" not in out
    found = {(p.line, p.field, p.code) for p in normalize_file(path).problems}
    assert found == {
        (line, "on_site", "normalize-ambiguous-date"),
        (line, "answered", "normalize-moment-seconds"),
    }


def test_bom_only_file(project, capsys):
    path = project / PARKING
    sample = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + sample)

    result = normalize_file(path)
    assert result.encoding == "utf-8-sig"
    assert result.changes == ["删除文件开头的 BOM 标记"]
    assert result.changed and result.diff() == ""  # not a line of content differs
    assert run([str(path)], write=True) == 0
    assert path.read_bytes() == sample


def test_yaml_with_crlf_and_bom_is_normalized_in_place(project, capsys):
    path = project / DECISIONS
    sample = path.read_bytes()
    text = sample.decode("utf-8")
    assert "  date: 2023-06-18\n" in text and "# 业主大会、业主委员会决定。\n" in text
    messy = text.replace("  date: 2023-06-18\n", "  date: 2023/6/18\n", 1)
    messy = messy.replace("  date: 2023-11-26\n", "  date: 2023年11月26日  \n", 1)
    messy = messy.replace("# 业主大会、业主委员会决定。\n", "# 业主大会、业主委员会决定。 \t\n", 1)
    path.write_bytes(b"\xef\xbb\xbf" + crlf(messy).encode("utf-8"))

    result = normalize_file(path)
    assert result.problems == []
    assert "2 个日期改为 YYYY-MM-DD" in result.changes
    assert "换行符 CRLF → LF" in result.changes and "删除文件开头的 BOM 标记" in result.changes
    assert run([str(path)], write=True) == 0
    assert path.read_bytes() == sample  # comments and layout byte for byte
    code, report = validate_json(project)
    assert code == 0, report["errors"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(random.Random(20251105).randbytes(4096), id="random-bytes"),
        pytest.param("日期,金额\r\n2025-03-05,1200.00\r\n".encode("utf-16"), id="utf-16"),
        pytest.param(b"\xef\xbb\xbfdate,amount\n2025-03-05,\xb9\xa4\n", id="bom-then-gbk"),
    ],
)
def test_bytes_neither_utf8_nor_gb18030_are_reported_not_converted(project, capsys, content):
    path = project / PARKING
    path.write_bytes(content)

    result = normalize_file(path)
    assert result.encoding == "unknown" and not result.changed and result.diff() == ""
    assert [(p.code, p.file) for p in result.problems] == [("normalize-encoding", PARKING)]
    assert run([str(path)], write=True) == 1
    out = capsys.readouterr().out
    assert "(normalize-encoding)" in out and "UTF-8" in out
    assert path.read_bytes() == content


def test_missing_file_is_exit_2_and_the_other_files_still_run(project, capsys):
    path = project / PARKING
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    missing = project / "data" / "nothing.csv"

    assert run([str(missing), str(path)], write=True) == 2
    captured = capsys.readouterr()
    assert "nothing.csv" in captured.err and "找不到文件" in captured.err
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")  # the good file was done


def test_write_replaces_the_file_in_one_step(project, capsys):
    path = project / PARKING
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    path.chmod(0o640)
    assert run([str(path)], write=True) == 0
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in (REPO / "data/ledgers").iterdir()
    )  # no temporary file left behind


def test_every_sample_file_is_already_normalized():
    for path in sorted((REPO / "data").rglob("*")):
        if path.suffix in (".csv", ".yaml"):
            result = normalize_file(path)
            assert not result.changed and result.problems == [], (path, result.changes)


# --- which columns are dates and amounts -------------------------------------------


def test_table_schemas_decide_the_kinds():
    project = open_project(REPO)
    kinds = {r.name: schema_kinds(r.schema) for r in project.resources}
    assert kinds["ledger-parking"] == {"date": DATE, "amount": MONEY}  # minimum 0.01
    assert kinds["branch-dues"]["amount"] == MONEY  # by name (minimum 0)
    assert kinds["branch-dues"]["members"] == INTEGER
    assert kinds["property-fees"] == {"rate": MONEY}
    assert kinds["decisions"]["total_area"] == NUMBER  # ㎡ keep their decimals
    assert kinds["decisions"]["matter"] == INTEGER
    assert kinds["property-performance"]["month"] == YEARMONTH
    assert kinds["resident-requests"] == dict.fromkeys(MOMENTS, MOMENT)  # by their pattern


def test_the_register_schema_writes_times_as_core_requests_does():
    # normalize knows a time field by MOMENT_PATTERN: the schema's copies must agree.
    project = open_project(REPO)
    [schema] = [r.schema for r in project.resources if r.name == "resident-requests"]
    for name in MOMENTS:
        field = schema.field(name)
        assert field is not None and field.type == "string"
        assert field.constraints["pattern"] == MOMENT_PATTERN, name
    written = datetime(2026, 3, 5, 9, 7).strftime(MOMENT_FORMAT)
    assert re.fullmatch(MOMENT_PATTERN, written) and written == "2026-03-05 09:07"


def test_outside_a_project_column_names_decide_and_free_text_is_never_touched(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(
        crlf(
            "date,amount,note\n"
            '2025/3/5,"¥1,200.00","２０２５/3/5 收到 ¥1,200"\n'
            "2025年3月6日,１２００,\u3000备注\u3000\n"
        ).encode("gb18030")
    )
    result = normalize_file(path)
    assert result.problems == [] and result.relpath is None
    assert result.text == (
        'date,amount,note\n2025-03-05,1200.00,"２０２５/3/5 收到 ¥1,200"\n2025-03-06,1200.00,备注\n'
    )
    assert any(
        "按列名" in c and "date（日期）" in c and "amount（金额）" in c for c in result.changes
    )
    assert f"--- a/{path}" in result.diff()


def test_other_resources_take_their_kinds_from_their_schema(project):
    path = project / "data/committee/members.csv"
    text = path.read_text(encoding="utf-8").replace(",5幢,2022-05-22,", ",5幢,2022/5/22,", 1)
    path.write_text(text.replace("M01,周志明", "M01, 周志明 "), encoding="utf-8")
    result = normalize_file(path)
    assert result.problems == []
    assert result.text.encode("utf-8") == (REPO / "data/committee/members.csv").read_bytes()
    assert "1 个日期改为 YYYY-MM-DD" in result.changes  # term_start, from the schema
    assert "1 个格子删除了首尾空格" in result.changes


# --- values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (DATE, "2025/3/5", "2025-03-05"),
        (DATE, "2025-3-5", "2025-03-05"),
        (DATE, "2025.3.5", "2025-03-05"),
        (DATE, "2025年3月5日", "2025-03-05"),
        (DATE, "2025/03/05", "2025-03-05"),
        (DATE, "２０２５／３／５", "2025-03-05"),
        (DATE, "2025/3/5 0:00", "2025-03-05"),
        (DATE, "\u3000 2025-03-05\u00a0", "2025-03-05"),
        (DATE, "2024/2/29", "2024-02-29"),
        (MONEY, "¥1,200.00", "1200.00"),
        (MONEY, "￥1,200", "1200.00"),
        (MONEY, "1,200", "1200.00"),
        (MONEY, "1200", "1200.00"),
        (MONEY, "1200.5", "1200.50"),
        (MONEY, "１２００", "1200.00"),
        (MONEY, "１，２００．５０元", "1200.50"),
        (MONEY, "12,345,678.9", "12345678.90"),
        (MONEY, "", ""),
        (NUMBER, "112,846.35", "112846.35"),
        (NUMBER, "１２.５", "12.5"),
        (NUMBER, "12.345", "12.345"),
        (INTEGER, "1,126", "1126"),
        (INTEGER, "１２", "12"),
        (YEARMONTH, "2025/3", "2025-03"),
        (YEARMONTH, "2025年3月", "2025-03"),
        (YEARMONTH, "2025.10", "2025-10"),
        (MOMENT, "2026/3/5 9:07", "2026-03-05 09:07"),
        (MOMENT, "2026/3/5 09:07:00", "2026-03-05 09:07"),  # Excel's seconds, all zero
        (MOMENT, "2026-3-5 0:00", "2026-03-05 00:00"),
        (MOMENT, "2026.3.5 23:59", "2026-03-05 23:59"),
        (MOMENT, "2026年3月5日 9:07", "2026-03-05 09:07"),
        (MOMENT, "2026年3月5日9:07", "2026-03-05 09:07"),
        (MOMENT, "2026年3月5号 14:30", "2026-03-05 14:30"),
        (MOMENT, "2026年3月5日 9时07分", "2026-03-05 09:07"),
        (MOMENT, "２０２６／３／５\u3000９：０７", "2026-03-05 09:07"),
        (MOMENT, "\u3000 2026-03-05 09:07\u00a0", "2026-03-05 09:07"),
        (MOMENT, "2024/2/29 12:00", "2024-02-29 12:00"),
        (None, "  2025/3/5 ", "2025/3/5"),  # free text: stripped, never converted
        (None, "１２００", "１２００"),
    ],
)
def test_unambiguous_values_are_converted(kind, value, expected):
    new, _, found = normalize_value(value, kind)
    assert (new, found) == (expected, None)
    assert normalize_value(new, kind) == (new, None, None)  # and stay as they are


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        (DATE, "3/5/2025", "normalize-ambiguous-date"),
        (DATE, "5/3/25", "normalize-ambiguous-date"),
        (DATE, "25/3/5", "normalize-ambiguous-date"),
        (DATE, "25/3/2025", "normalize-ambiguous-date"),
        (DATE, "25年3月5日", "normalize-ambiguous-date"),
        (DATE, "45721", "normalize-ambiguous-date"),  # an Excel serial number
        (DATE, "2025/2/30", "normalize-bad-date"),
        (DATE, "2025/13/1", "normalize-bad-date"),
        (YEARMONTH, "2025.1", "normalize-ambiguous-date"),  # or 2025.10 shown by Excel?
        (YEARMONTH, "3/2025", "normalize-ambiguous-date"),
        (YEARMONTH, "2025/13", "normalize-bad-date"),
        (MOMENT, "3/5/2026 9:07", "normalize-ambiguous-date"),
        (MOMENT, "5/3/26 9:07", "normalize-ambiguous-date"),
        (MOMENT, "26年3月5日 9:07", "normalize-ambiguous-date"),
        (MOMENT, "46085.38", "normalize-ambiguous-date"),  # an Excel serial number
        (MOMENT, "46085", "normalize-ambiguous-date"),
        (MOMENT, "2026/2/29 9:07", "normalize-bad-date"),
        (MOMENT, "2026/13/1 9:07", "normalize-bad-date"),
        (MOMENT, "2026/3/5 24:00", "normalize-bad-time"),
        (MOMENT, "2026/3/5 9:60", "normalize-bad-time"),
        (MOMENT, "2026年3月5日 25时07分", "normalize-bad-time"),
        (MOMENT, "2026/3/5 9:07:30", "normalize-moment-seconds"),
        (MONEY, "1,20", "normalize-ambiguous-number"),
        (MONEY, "1.200,00", "normalize-ambiguous-number"),
        (MONEY, "12,00", "normalize-ambiguous-number"),
        (MONEY, "1.200.000", "normalize-ambiguous-number"),
        (MONEY, "1.2E+04", "normalize-ambiguous-number"),
        (MONEY, "12.345", "normalize-money-precision"),
        (MONEY, "-1200", "normalize-negative-amount"),
        (MONEY, "(1,200.00)", "normalize-negative-amount"),
        (MONEY, "¥-5", "normalize-negative-amount"),
        (INTEGER, "1,12", "normalize-ambiguous-number"),
    ],
)
def test_ambiguous_values_are_reported_and_kept(kind, value, code):
    new, category, found = normalize_value(value, kind)
    assert (new, category) == (value, None)
    assert found is not None and found.code == code and f"“{value}”" in found.message


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (DATE, "20250305"),
        (DATE, "2025/3/5 10:30"),
        (MONEY, "abc"),
        (INTEGER, "12.0"),
        (MOMENT, "2026/3/5"),  # no time: not made up
        (MOMENT, "2026/3/5 下午3:07"),  # a 12-hour clock
        (MOMENT, "2026/3/5 9:7"),
        (MOMENT, "2026-03-05 3点20分"),  # 3:20 or 15:20 in everyday speech
        (MOMENT, "2026/3/59:07"),  # where the day ends is a guess
        (MOMENT, "2026/3/5 0:00 9:07"),
    ],
)
def test_values_normalize_does_not_recognise_are_left_for_validate(kind, value):
    assert normalize_value(value, kind) == (value, None, None)


def test_the_message_says_what_was_found_and_what_to_write(project):
    path = project / PARKING
    path.write_text(
        path.read_text(encoding="utf-8").replace(",37800.00,", ',"1.200,00",', 1),
        encoding="utf-8",
    )
    [found] = normalize_file(path).problems
    assert (found.line, found.field, found.code) == (2, "amount", "normalize-ambiguous-number")
    assert "“1.200,00”" in found.message and "1200.00" in found.message
    assert "'1.200,00'" in found.message_en


# --- text: layout, quoting and the round trip ---------------------------------------

MESSY_CSV = (
    "\ufeffdate,amount,description\r\n"
    '2025/3/5,"¥1,200.00","已收到, 含税"\r\n'
    '"2025-03-06",1200.00,"第一行\r\n第二行"\r\n'
    '2025-03-07 ,12.5,"say ""hi"""\r'
    ",,\r\n,,\r\n"
)
MESSY_YAML = (
    "# 注释 date: 2025/3/5  \r\n"
    "- id: A-1\r\n"
    "  date: 2025/3/5   # 表决日期\r\n"
    "  amount: '¥1,200'\r\n"
    "  body: |\r\n"
    "    date: 2025/3/5\r\n"
    "\r\n"
    "    amount: 1,200\r\n"
    '  end: "2025年3月9日"\r\n'
    "  start: {2025/3/5}\r\n"
    "  title: 2025/3/5"
)


def test_csv_layout_and_quoting():
    text, changes, problems = normalize_text(MESSY_CSV, "csv", {"date": DATE, "amount": MONEY})
    assert problems == []
    assert text == (
        "date,amount,description\n"
        '2025-03-05,1200.00,"已收到, 含税"\n'
        '"2025-03-06",1200.00,"第一行\n第二行"\n'  # unchanged dates keep their quotes
        '2025-03-07,12.50,"say ""hi"""\n'
    )
    assert "删除末尾 2 个空行" in changes and "换行符 CR/CRLF → LF" in changes


def test_yaml_is_edited_line_by_line():
    text, changes, problems = normalize_text(
        MESSY_YAML, "yaml", {"date": DATE, "end": DATE, "start": DATE, "amount": MONEY}
    )
    assert problems == []
    assert text == (
        "# 注释 date: 2025/3/5\n"
        "- id: A-1\n"
        "  date: 2025-03-05   # 表决日期\n"
        "  amount: '1200.00'\n"
        "  body: |\n"
        "    date: 2025/3/5\n"  # inside a block scalar: text, not a value
        "\n"
        "    amount: 1,200\n"
        '  end: "2025-03-09"\n'
        "  start: {2025/3/5}\n"  # a flow mapping is not a simple value
        "  title: 2025/3/5\n"  # not a date field
    )
    assert "文件末尾补上换行" in changes


def test_yaml_problem_names_the_line_and_key():
    text = "- id: A\n  date: 3/5/2025\n"
    _, _, problems = normalize_text(text, "yaml", {"date": DATE}, "a.yaml")
    assert [(p.file, p.line, p.field, p.code) for p in problems] == [
        ("a.yaml", 2, "date", "normalize-ambiguous-date")
    ]


def test_a_quote_left_open_is_reported_not_closed_by_guess(project, capsys):
    path = project / PARKING
    text = path.read_text(encoding="utf-8")
    line = line_of(path, "TC-2024-005")
    before = text.replace(",临时停车费,11802.00,", ',"临时停车费,11802.00,', 1).encode("gb18030")
    path.write_bytes(before)
    result = normalize_file(path)
    assert [(p.code, p.line) for p in result.problems] == [("csv-syntax", line)]
    assert run([str(path)], write=True) == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (MESSY_CSV, "csv"),
        (MESSY_YAML, "yaml"),
        ("a,b\r\r\n\r\n  ,\r\n", "csv"),
        ("no final newline  ", "text"),
        ("", "csv"),
    ],
)
def test_normalizing_twice_changes_nothing(text, kind):
    fields = {"date": DATE, "end": DATE, "amount": MONEY}
    once, _, _ = normalize_text(text, kind, fields)
    twice, changes, problems = normalize_text(once, kind, fields)
    assert twice == once and changes == [] and problems == []


# --- the command line (once wired as `gongshi normalize FILE... [--write]`) ---------


def test_cli_shows_the_diff_then_writes_only_with_write(project):
    path = project / PARKING
    sample = path.read_bytes()
    export = wps_ledger(sample.decode("utf-8"))
    path.write_bytes(export)

    shown = cli("normalize", PARKING, cwd=project)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert f"--- a/{PARKING}" in shown.stdout and "--write" in shown.stdout
    assert path.read_bytes() == export

    written = cli("normalize", PARKING, "--write", cwd=project)
    assert written.returncode == 0, written.stdout + written.stderr
    assert path.read_bytes() == sample
    assert cli("validate", str(project)).returncode == 0
    again = cli("normalize", PARKING, "--write", cwd=project)
    assert again.returncode == 0 and "无需修改" in again.stdout


def test_cli_ambiguous_value_exit_1_and_file_untouched(project):
    path = project / PARKING
    before = crlf(path.read_text(encoding="utf-8").replace(",2024-01-08,", ",3/5/2025,", 1))
    path.write_bytes(before.encode("gb18030"))
    result = cli("normalize", str(path), "--write")
    assert result.returncode == 1
    assert "第 2 行 · date" in result.stdout and "normalize-ambiguous-date" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert path.read_bytes() == before.encode("gb18030")


def test_cli_unreadable_bytes_exit_1_and_missing_file_exit_2(project):
    path = project / PARKING
    path.write_bytes(random.Random(7).randbytes(2048))
    garbled = cli("normalize", str(path), "--write")
    assert garbled.returncode == 1 and "normalize-encoding" in garbled.stdout
    missing = cli("normalize", str(project / "no-such.csv"))
    assert missing.returncode == 2 and "no-such.csv" in missing.stderr
    for result in (garbled, missing):
        assert "Traceback" not in result.stdout + result.stderr


# --- validate and normalize give one verdict on the same bytes (issue 11) ----------


def test_an_open_quote_is_one_csv_syntax_error_with_its_line_in_both_commands(project):
    path = project / PARKING
    lines = path.read_text(encoding="utf-8").split("\n")
    assert ",临时停车费," in lines[3]
    lines[3] = lines[3].replace(",临时停车费,", ',"临时停车费,', 1)  # line 4: a quote left open
    before = "\n".join(lines).encode("utf-8")
    path.write_bytes(before)

    code, report = validate_json(project)
    assert code == 1
    found = [(e["file"], e["line"], e["code"]) for e in report["errors"]]
    assert found == [(PARKING, 4, "csv-syntax")]  # no false missing-cell or balance errors
    message = report["errors"][0]["message"]

    result = cli("normalize", str(path), "--write")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"第 4 行：{message}" in result.stdout and "(csv-syntax)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert path.read_bytes() == before


def test_big5_is_not_convertible_in_both_commands(project):
    path = project / PARKING
    header = path.read_text(encoding="utf-8").splitlines()[0]
    row = "TC-2024-001,2024-01-08,income,車位租賃費,37800.00,地面車位承租業主匯總,2024年1月租賃費,"
    before = f"{header}\n{row}\n".encode("big5")
    path.write_bytes(before)

    code, report = validate_json(project)
    assert code == 1
    assert [(e["line"], e["code"]) for e in report["errors"] if e["file"] == PARKING] == [
        (2, "encoding-unknown")
    ]  # not "looks like GBK, run normalize"

    result = cli("normalize", str(path), "--write")
    assert result.returncode == 1 and "(normalize-encoding)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert path.read_bytes() == before


def test_gbk_is_convertible_in_both_commands(project):
    path = project / PARKING
    sample = path.read_bytes()
    path.write_bytes(sample.decode("utf-8").encode("gbk"))

    code, report = validate_json(project)
    assert code == 1
    [error] = [e for e in report["errors"] if e["file"] == PARKING]
    assert error["code"] == "encoding-gbk" and "gongshi normalize" in error["message"]

    result = cli("normalize", str(path), "--write")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "编码 GB18030 → UTF-8" in result.stdout
    assert path.read_bytes() == sample
    assert validate_json(project)[0] == 0


@pytest.mark.parametrize(
    "date_cell, amount",
    [
        ("2026-01-05", "9" * 40),
        ("2026-01-05", "9" * 5000),
        ("2026-01-05", "1,234,567,890,123,456,789.00"),
        ("2026-01-05", "1." + "5" * 3000),
        ("1" * 5000 + "-1-1", "1.00"),
        ("2026年" + "1" * 5000 + "月1日", "1.00"),
        ("4" * 5000 + ".5", "1.00"),
    ],
)
def test_figures_past_the_number_reader_are_left_for_validate(project, date_cell, amount):
    path = project / PARKING
    row = f'TC-2026-991,{date_cell},income,临时停车费,"{amount}",汇总,,'
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    before = path.read_bytes()
    result = cli("normalize", str(path), "--write")
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    assert path.read_bytes()[-len(amount) - 20 :] == before[-len(amount) - 20 :]
    code, report = validate_json(project)
    assert code == 1 and "Traceback" not in str(report)
