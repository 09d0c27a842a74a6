"""Ways staff files go wrong, each a function that breaks a copy of the sample and
returns what the validator must report: (code, file, line or None, field or None)."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

from conftest import append_line, line_of, replace_line

PARKING = "data/ledgers/parking.csv"
DECISIONS = "data/committee/decisions.yaml"
ACCOUNTS = "data/ledgers/accounts.yaml"


def gbk_file(root: Path):
    path = root / PARKING
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    first = next(n for n, line in enumerate(text.splitlines(), 1) if not line.isascii())
    return "encoding-gbk", PARKING, first, None


def empty_file(root: Path):
    (root / "data/committee/members.csv").write_text("", encoding="utf-8")
    return "file-empty", "data/committee/members.csv", None, None


def missing_column(root: Path):
    path = root / PARKING
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(",".join(line.split(",")[:5] + line.split(",")[6:]) for line in lines) + "\n",
        encoding="utf-8",
    )
    return "missing-column", PARKING, 1, "counterparty"


def unknown_column(root: Path):
    replace_line(root / PARKING, 1, "description", "remark")
    return "unknown-column", PARKING, 1, "remark"


def yaml_syntax(root: Path):
    path = root / DECISIONS
    line = line_of(path, "title:")
    replace_line(path, line, "title:", "title: [未闭合")
    return "yaml-syntax", DECISIONS, None, None


def duplicate_key(root: Path):
    path = root / "data/community.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "name: 另一个名字\n", encoding="utf-8")
    return "yaml-duplicate-key", "data/community.yaml", text.count("\n") + 1, "name"


def alias_bomb(root: Path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 12):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [{','.join('*' + prev for _ in range(9))}]")
    (root / DECISIONS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "yaml-alias", DECISIONS, 1, None


def too_large(root: Path):
    path = root / "data/property/fees.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    with path.open("w", encoding="utf-8") as f:
        f.write(header + "\n")
        f.write(("x" * 1023 + "\n") * (51 * 1024))
    return "file-too-large", "data/property/fees.csv", None, None


def symlink_outside(root: Path):
    path = root / "data/committee/members.csv"
    path.unlink()
    os.symlink("/etc/passwd", path)
    return "file-outside-project", "data/committee/members.csv", None, None


def bad_amount(root: Path):
    line = append_line(
        root / PARKING, 'TC-2026-901,2026-01-05,income,临时停车费,"1,200.00",临时停车收费汇总,,'
    )
    return "type-error", PARKING, line, "amount"


def infinite_amount(root: Path):
    # Stock Frictionless reads "Infinity" as a number; gongshi's number reader refuses it.
    line = append_line(
        root / PARKING, "TC-2026-903,2026-01-05,income,临时停车费,Infinity,临时停车收费汇总,,"
    )
    return "type-error", PARKING, line, "amount"


def bad_date(root: Path):
    line = append_line(
        root / PARKING, "TC-2026-902,2026/1/5,income,临时停车费,12.00,临时停车收费汇总,,"
    )
    return "type-error", PARKING, line, "date"


def bad_enum(root: Path):
    line = append_line(
        root / PARKING, "TC-2026-903,2026-01-05,收入,临时停车费,12.00,临时停车收费汇总,,"
    )
    return "constraint-enum", PARKING, line, "type"


def unknown_decision(root: Path):
    line = append_line(
        root / PARKING, "TC-2026-904,2026-01-05,cost,道闸维修,120.00,某公司,,JY-2099-01"
    )
    return "foreign-key", PARKING, line, "decision"


def duplicate_voucher(root: Path):
    path = root / PARKING
    first = path.read_text(encoding="utf-8").splitlines()[1]
    line = append_line(path, first)
    return "primary-key", PARKING, line, "voucher"


def balance_one_fen_off(root: Path):
    path = root / ACCOUNTS
    line = line_of(path, "{date:")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    value = re.search(r"balance:\s*\"?([0-9.]+)", text).group(1)
    replace_line(path, line, value, str(Decimal(value) + Decimal("0.01")))
    return "balance-mismatch", ACCOUNTS, line, "balance"


def infinite_opening_balance(root: Path):
    # Not a figure: a type error at the field, never a crash of the balance rules.
    path = root / ACCOUNTS
    line = line_of(path, "opening_balance:")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    value = re.search(r"opening_balance:\s*(\"?[0-9.]+\"?)", text).group(1)
    replace_line(path, line, value, "Infinity")
    return "type-error", ACCOUNTS, line, "opening_balance"


def not_a_number_balance(root: Path):
    path = root / ACCOUNTS
    line = line_of(path, "{date:")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    value = re.search(r"balance:\s*(\"?[0-9.]+\"?)", text).group(1)
    replace_line(path, line, value, "NaN")
    return "type-error", ACCOUNTS, line, "balance"


def wrong_result(root: Path):
    path = root / DECISIONS
    start = line_of(path, "body: owners_assembly")
    line = line_of(path, "result:", start)
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    old, new = ("passed", "rejected") if "passed" in text else ("rejected", "passed")
    replace_line(path, line, old, new)
    return "decision-result-mismatch", DECISIONS, line, "result"


def large_cost_without_decision(root: Path):
    line = append_line(
        root / PARKING,
        "TC-2026-905,2026-01-05,cost,道闸系统维修,8000.00,某智能科技有限公司,更换道闸电机,",
    )
    return "cost-needs-decision", PARKING, line, "decision"


def three_decimals(root: Path):
    line = append_line(
        root / PARKING, "TC-2026-906,2026-01-05,income,临时停车费,12.345,临时停车收费汇总,,"
    )
    return "amount-precision", PARKING, line, "amount"


def mobile_number(root: Path):
    line = append_line(
        root / PARKING,
        "TC-2026-907,2026-01-05,income,临时停车费,12.00,临时停车收费汇总,车主电话13812345678,",
    )
    return "pii-mobile", PARKING, line, "description"


def dated_in_future(root: Path):
    line = append_line(
        root / PARKING, "TC-2099-001,2099-01-05,income,临时停车费,12.00,临时停车收费汇总,,"
    )
    return "date-in-future", PARKING, line, "date"


def notice_ends_before_start(root: Path):
    path = root / "data/branch/notices.yaml"
    line = line_of(path, "end:")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    value = re.search(r"end:\s*(\S+)", text).group(1)
    replace_line(path, line, value, "2000-01-01")
    return "notice-end-before-start", "data/branch/notices.yaml", line, "end"


MUTATIONS = [
    gbk_file,
    empty_file,
    missing_column,
    unknown_column,
    yaml_syntax,
    duplicate_key,
    alias_bomb,
    too_large,
    symlink_outside,
    bad_amount,
    infinite_amount,
    bad_date,
    bad_enum,
    unknown_decision,
    duplicate_voucher,
    balance_one_fen_off,
    infinite_opening_balance,
    not_a_number_balance,
    wrong_result,
    large_cost_without_decision,
    three_decimals,
    mobile_number,
    dated_in_future,
    notice_ends_before_start,
]


def ledger_without_account(root: Path):
    path = root / ACCOUNTS
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("advertising:")], encoding="utf-8")
    return "ledger-unknown-account", None, None, None


def entry_before_opened(root: Path):
    line = append_line(
        root / PARKING, "TC-2023-901,2023-12-30,income,临时停车费,12.00,临时停车收费汇总,,"
    )
    return "date-before-opened", PARKING, line, "date"


def assembly_vote_missing(root: Path):
    path = root / DECISIONS
    start = line_of(path, "body: owners_assembly")
    line = line_of(path, "voted_area:", start)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[line - 1]
    path.write_text("".join(lines), encoding="utf-8")
    return "decision-missing-votes", DECISIONS, None, "voted_area"


def approve_more_than_voted(root: Path):
    path = root / DECISIONS
    start = line_of(path, "body: owners_assembly")
    line = line_of(path, "approve_owners:", start)
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    value = re.search(r"approve_owners:\s*(\d+)", text).group(1)
    replace_line(path, line, value, "99999")
    return "decision-count-order", DECISIONS, line, "approve_owners"


def committee_result_flipped(root: Path):
    path = root / DECISIONS
    start = line_of(path, "body: committee")
    line = line_of(path, "result:", start)
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    old, new = ("passed", "rejected") if "passed" in text else ("rejected", "passed")
    replace_line(path, line, old, new)
    return "committee-result-mismatch", DECISIONS, line, "result"


def fund_use_on_committee_decision(root: Path):
    path = root / "data/committee/fund_uses.csv"
    committee = root / DECISIONS
    start = line_of(committee, "body: committee")
    decision_id = re.search(
        r"id: (\S+)", committee.read_text(encoding="utf-8").splitlines()[start - 3]
    )
    assert decision_id, "the committee decision's id is two lines above its body"
    header, row = (line.split(",") for line in path.read_text(encoding="utf-8").splitlines()[:2])
    replace_line(path, 2, row[header.index("decision")], decision_id.group(1))
    return "fund-use-decision-not-assembly", "data/committee/fund_uses.csv", 2, "decision"


def decision_in_future(root: Path):
    path = root / DECISIONS
    line = line_of(path, "date:")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    value = re.search(r"date:\s*(\S+)", text).group(1)
    replace_line(path, line, value, "2099-03-01")
    return "date-in-future", DECISIONS, line, "date"


def resolved_more_than_received(root: Path):
    path = root / "data/property/performance.csv"
    row = path.read_text(encoding="utf-8").splitlines()[1].split(",")
    replace_line(path, 2, f"{row[3]},{row[4]}", f"{row[3]},{int(row[3]) + 1}")
    return "count-exceeds", "data/property/performance.csv", 2, "within_pledge"


def placeholder_left(root: Path):
    path = root / DECISIONS
    line = line_of(path, "title:")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    replace_line(path, line, text.split("title:", 1)[1], " （请填写标题）")
    return "placeholder-text", DECISIONS, line, "title"
