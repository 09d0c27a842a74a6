"""The maintenance fund's account (rules/fund.py, core/fund.py, site/fund.py): transfers
in matched with the ledger entries they receive, the fund's balance, the basis of each
use, and the yearly statement page. Inputs are written inline (tests/inline.py)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from conftest import REPO
from inline import ACCOUNTS, LEDGER_HEADER, PARKING, codes, found, load

from builder.core.fund import fund_years
from builder.core.model import Account, BalanceAssertion, Source
from builder.pipeline import validate_project
from builder.publish.provenance import Provenance
from builder.rules import RuleContext
from builder.rules.fund import (
    check_fund_balance,
    check_fund_transfers,
    check_fund_transfers_received,
    check_fund_uses,
)
from builder.site import fund
from builder.site.context import make_site

FUND_LEDGER = "data/committee/fund_ledger.csv"
FUND_USES = "data/committee/fund_uses.csv"
PARKING_ACCOUNT = """\
parking:
  name: 停车收益账户
  opened: 2024-01-01
  opening_balance: "0.00"
"""
# The owners' decisions a transfer to the fund (item 6) and a use (item 5) rest on, and
# the committee's decision to apply for an emergency use.
DECISIONS = """\
- id: JY-2024-01
  date: 2024-03-02
  body: owners_assembly
  matter: 6
  title: 关于将停车收益结余转入专项维修资金的决定
  summary: 将停车收益结余 5000 元转入专项维修资金。
  result: passed
  total_area: 9000.00
  total_owners: 90
  voted_area: 6000.00
  voted_owners: 60
  approve_area: 5000.00
  approve_owners: 50
  oppose_area: 1000.00
  oppose_owners: 10
  abstain_area: 0.00
  abstain_owners: 0
  invalid_area: 0.00
  invalid_owners: 0
  announced: 2024-02-01
  vote_start: 2024-02-17
  vote_end: 2024-03-02
  published: 2024-03-03
- id: JY-2024-02
  date: 2024-03-02
  body: owners_assembly
  matter: 5
  title: 关于使用专项维修资金维修屋面的决定
  summary: 同意使用专项维修资金维修 3 幢屋面。
  result: passed
  total_area: 9000.00
  total_owners: 90
  voted_area: 6000.00
  voted_owners: 60
  approve_area: 3000.01
  approve_owners: 31
  oppose_area: 2999.99
  oppose_owners: 29
  abstain_area: 0.00
  abstain_owners: 0
  invalid_area: 0.00
  invalid_owners: 0
  announced: 2024-02-01
  vote_start: 2024-02-17
  vote_end: 2024-03-02
  published: 2024-03-03
- id: JY-2024-03
  date: 2024-07-09
  body: committee
  title: 关于紧急申请使用专项维修资金抢修给水主管的决定
  summary: 3 幢地下室给水主管爆裂，同意申请使用专项维修资金抢修。
  result: passed
  members_total: 7
  members_present: 6
  members_approve: 6
  published: 2024-07-10
"""
LEDGER = f"""\
{LEDGER_HEADER}
TC-2024-001,2024-01-08,income,临时停车费,9000.00,汇总,,
TC-2024-002,2024-01-20,cost,电费,300.00,某物业公司,道闸用电,
TC-2024-003,2024-04-16,fund_transfer,转入专项维修资金,5000.00,某维修资金专户,按业主大会决定转入,JY-2024-01
"""
INFLOWS_HEADER = "id,date,kind,amount,source_account,source_voucher,description"
INFLOW = "ZJ-2024-01,2024-04-18,transfer_in,5000.00,parking,TC-2024-003,停车收益结余转入"
USES_HEADER = (
    "id,date,basis,decision,confirmed,project,location,works_scope,amount,contractor,status"
)
USE = (
    "WX-2024-01,2024-06-12,owners_decision,JY-2024-02,,3幢屋面防水,3幢屋面,,4000.00,"
    "某防水公司,已验收"
)
EMERGENCY = (
    "WX-2024-02,2024-07-12,emergency,JY-2024-03,2024-07-10,给水主管抢修,3幢地下室,,800.00,"
    "某给排水公司,已完工"
)


def _project(tmp_path, inflows=(INFLOW,), uses=(USE,), ledger=LEDGER, decisions=DECISIONS):
    return load(
        tmp_path,
        accounts=PARKING_ACCOUNT,
        decisions=decisions,
        ledger_parking=ledger,
        fund_ledger="\n".join((INFLOWS_HEADER, *inflows)) + "\n",
        fund_uses="\n".join((USES_HEADER, *uses)) + "\n",
    )


def _with_fund(validation, opening="1000.00", assertions=()):
    """The records with the fund's account of accounts.yaml (``kind: fund``), made here
    as the records stage makes it."""
    source = Source(ACCOUNTS, 5)
    account = Account(
        "maintenance_fund", "专项维修资金账户", date(2024, 1, 1), None, Decimal(opening), source
    )
    checks = [
        BalanceAssertion("maintenance_fund", day, Decimal(balance), Source(ACCOUNTS, 9 + n))
        for n, (day, balance) in enumerate(assertions)
    ]
    return dataclasses.replace(
        validation.records,
        funds={"maintenance_fund": dataclasses.replace(account, kind="fund")},
        assertions=[*validation.records.assertions, *checks],
    )


def _run(rule, records):
    return [(p.code, p.file, p.line, p.field) for p in rule(records, RuleContext(date.today()))]


def test_a_matched_transfer_and_valid_uses_are_silent(tmp_path):
    validation = _project(tmp_path, uses=(USE, EMERGENCY))
    assert [c for c in codes(validation) if c.startswith("fund")] == ["fund-account-missing"]
    for rule in (check_fund_transfers, check_fund_transfers_received, check_fund_uses):
        assert found(rule, validation) == []


def test_a_ledger_transfer_with_no_inflow_in_the_fund_is_an_error_at_the_ledger_line(tmp_path):
    validation = _project(tmp_path, inflows=())
    assert found(check_fund_transfers_received, validation) == [
        ("fund-transfer-no-inflow", PARKING, 4, "type")
    ]
    problem = next(p for p in validation.report.problems if p.code == "fund-transfer-no-inflow")
    assert "no matching inflow in the fund" in problem.message_en.lower()


@pytest.mark.parametrize(
    ("inflow", "expected"),
    [
        (  # off by one fen
            INFLOW.replace("5000.00", "4999.99"),
            ("fund-transfer-amount-differs", FUND_LEDGER, 2, "amount"),
        ),
        (  # received two days before the account paid it out
            INFLOW.replace("2024-04-18", "2024-04-14"),
            ("fund-transfer-before-entry", FUND_LEDGER, 2, "date"),
        ),
        (  # names a cost, not a transfer to the fund
            INFLOW.replace("TC-2024-003", "TC-2024-002").replace("5000.00", "300.00"),
            ("fund-transfer-not-transfer", FUND_LEDGER, 2, "source_voucher"),
        ),
        (  # names no entry at all
            INFLOW.replace("TC-2024-003", "TC-2024-009"),
            ("fund-transfer-no-entry", FUND_LEDGER, 2, "source_voucher"),
        ),
        (  # names an account that is not a ledger account
            INFLOW.replace("parking", "garden"),
            ("fund-transfer-unknown-account", FUND_LEDGER, 2, "source_account"),
        ),
        (  # says nothing of where it came from
            INFLOW.replace("parking,TC-2024-003", ","),
            ("fund-transfer-missing-source", FUND_LEDGER, 2, "source_account"),
        ),
    ],
    ids=[
        "amount-off-by-a-fen",
        "before-the-entry",
        "names-a-cost",
        "no-entry",
        "no-account",
        "no-source",
    ],
)
def test_a_transfer_in_must_match_its_ledger_entry(tmp_path, inflow, expected):
    validation = _project(tmp_path, inflows=(inflow,))
    assert found(check_fund_transfers, validation)[:1] == [expected]


def test_the_same_entry_received_twice(tmp_path):
    second = INFLOW.replace("ZJ-2024-01", "ZJ-2024-02")
    validation = _project(tmp_path, inflows=(INFLOW, second))
    assert found(check_fund_transfers, validation) == [
        ("fund-transfer-received-twice", FUND_LEDGER, 3, "source_voucher")
    ]


def test_a_deposit_names_no_ledger_entry(tmp_path):
    deposit = "ZJ-2024-02,2024-03-01,deposit,100.00,parking,,首期交存"
    validation = _project(tmp_path, inflows=(INFLOW, deposit))
    assert found(check_fund_transfers, validation) == [
        ("fund-source-not-transfer", FUND_LEDGER, 3, "source_account")
    ]


def test_an_emergency_use_rests_on_the_committee_and_is_confirmed(tmp_path):
    validation = _project(tmp_path, uses=(EMERGENCY,))
    assert found(check_fund_uses, validation) == []
    unconfirmed = EMERGENCY.replace("2024-07-10", "")
    validation = _project(tmp_path / "unconfirmed", uses=(unconfirmed,))
    assert found(check_fund_uses, validation) == [
        ("fund-use-emergency-unconfirmed", FUND_USES, 2, "confirmed")
    ]
    on_assembly = EMERGENCY.replace("JY-2024-03", "JY-2024-02")
    validation = _project(tmp_path / "assembly", uses=(on_assembly,))
    assert found(check_fund_uses, validation) == [
        ("fund-use-emergency-not-committee", FUND_USES, 2, "decision")
    ]
    early = EMERGENCY.replace("2024-07-10", "2024-07-01")
    validation = _project(tmp_path / "early", uses=(early,))
    assert found(check_fund_uses, validation) == [
        ("fund-use-confirmed-early", FUND_USES, 2, "confirmed")
    ]


def test_an_owners_decision_use_rests_on_an_item_5_assembly_decision(tmp_path):
    on_committee = USE.replace("JY-2024-02", "JY-2024-03")
    validation = _project(tmp_path, uses=(on_committee,))
    assert found(check_fund_uses, validation) == [
        ("fund-use-decision-not-assembly", FUND_USES, 2, "decision")
    ]


def test_the_fund_balance_assertions_hold(tmp_path):
    validation = _project(tmp_path, uses=(USE, EMERGENCY))
    # 1000.00 + 5000.00 (transfer in) - 4000.00 - 800.00
    good = _with_fund(validation, assertions=[(date(2024, 12, 31), "1200.00")])
    assert _run(check_fund_balance, good) == []
    bad = _with_fund(validation, assertions=[(date(2024, 12, 31), "1200.01")])
    assert _run(check_fund_balance, bad) == [("fund-balance-mismatch", ACCOUNTS, 9, "balance")]
    problem = next(iter(check_fund_balance(bad, RuleContext(date.today()))))
    assert problem.message.count("1200.00") == 1 and "0.01" in problem.message


def test_a_use_may_not_take_the_fund_below_zero(tmp_path):
    validation = _project(tmp_path, uses=(USE, EMERGENCY))
    # Before the transfer in (2024-04-18) nothing was there; the use of 2024-06-12 came after.
    poor = _with_fund(validation, opening="0.00")
    assert _run(check_fund_balance, poor) == []
    early_use = USE.replace("2024-06-12", "2024-04-01")
    validation = _project(tmp_path / "early", uses=(early_use,))
    assert _run(check_fund_balance, _with_fund(validation, opening="0.00")) == [
        ("fund-balance-negative", FUND_USES, 2, "amount")
    ]


def test_the_yearly_figures_add_up(tmp_path):
    validation = _project(tmp_path, uses=(USE, EMERGENCY))
    (year,) = fund_years(_with_fund(validation), date(2025, 1, 1))
    assert (year.opening, year.inflow, year.outflow, year.closing) == (
        Decimal("1000.00"),
        Decimal("5000.00"),
        Decimal("4800.00"),
        Decimal("1200.00"),
    )


def test_the_sample_fund_transfers_match_the_ledgers():
    validation = validate_project(REPO, date.today())
    received = {
        (r["source_account"], r["source_voucher"]): r["amount"]
        for r in validation.records.fund_entries
        if r["kind"] == "transfer_in"
    }
    assert received == {
        ("parking", "TC-2025-016"): Decimal("200000.00"),
        ("advertising", "GG-2025-010"): Decimal("50000.00"),
        ("parking", "TC-2026-017"): Decimal("180000.00"),
    }
    fund_codes = [p.code for p in validation.report.problems if p.code.startswith("fund-")]
    assert set(fund_codes) <= {"fund-account-missing"}


def _sample_with_fund():
    """The sample's records with its fund account (the one accounts.yaml holds, or, where
    accounts.yaml cannot yet say ``kind: fund``, the same figures made here)."""
    records = validate_project(REPO, date.today()).records
    if records.funds:
        return records
    source = Source(ACCOUNTS, 1)
    account = Account(
        "maintenance_fund",
        "专项维修资金账户",
        date(2024, 1, 1),
        None,
        Decimal("2846317.52"),
        source,
        "fund",
    )
    assertion = BalanceAssertion(
        "maintenance_fund", date(2025, 12, 31), Decimal("2412280.45"), source
    )
    return dataclasses.replace(
        records, funds={account.id: account}, assertions=[*records.assertions, assertion]
    )


def test_the_fund_statement_page_shows_inflows_uses_interest_and_balance():
    records = _sample_with_fund()
    built = datetime(2026, 11, 30, 4, tzinfo=UTC)
    site = make_site(REPO, records, Provenance(None, None, False, built), {"site_url": ""})
    pages = {f.src_uri: f for f in fund.pages(site)}
    assert set(pages) >= {
        "committee/fund.md",
        "committee/fund/2025.md",
        "committee/fund/2025/print.md",
    }

    def text(src):
        page = pages[src]
        return page.content + "".join(b.decode("utf-8") for b in page.blocks)

    year = text("committee/fund/2025.md")
    for figure in (
        "2,698,681.32",  # opening
        "11,216.00",  # deposits
        "250,000.00",  # transfers in
        "13,243.13",  # interest
        "560,860.00",  # uses
        "2,412,280.45",  # closing, and the asserted balance beside it
    ):
        assert figure in year, figure
    for name in (
        "TC-2025-016",
        "GG-2025-010",
        "停车收益账户",
        "广告收益账户",
        "WX-2025-01",
        "JY-2025-03",
    ):
        assert name in year, name
    assert "紧急使用" in year and "JY-2025-07" in year and "2025年12月17日" in year
    assert "TC-2026-017" in text("committee/fund/2026/print.md")
    index = text("committee/fund.md")
    assert "按户" in index  # says what it does not check (the 2007 measures)


def test_the_fund_opening_balance_is_exact_to_the_fen(tmp_path):
    validation = _project(tmp_path)
    assert _run(check_fund_balance, _with_fund(validation, opening="1000.005")) == [
        ("amount-precision", ACCOUNTS, 5, "opening_balance")
    ]
