"""Uses of the owners' net income (transfers to the fund, distributions...): each rests
on a passed owners' decision of the body and Art. 278 item its kind allows, within the
decision's amount; and the yearly statement adds up as Art. 282 reads.

Each mistake is written inline (tests/inline.py): the rule reports it at its file, line
and field, and the whole report holds nothing else.
"""

from __future__ import annotations

import csv
import os
import re
from datetime import date
from decimal import Decimal

import pytest
import yaml
from conftest import REPO, gongshi
from inline import DECISIONS, PARKING, codes, found, ledger, load

from builder.core.ledger import account_years
from builder.core.model import OWNERS_USES
from builder.pipeline import validate_project
from builder.rules import RuleContext
from builder.rules.uses import allowed_uses, check_owners_uses

ACCOUNT = """\
parking:
  name: 停车收益账户
  opened: 2024-01-01
  opening_balance: "300000.00"
"""
# Owners' votes that pass any matter (matters 6-8 need three quarters of the voters).
PASSING = """\
  total_area: 9000.00
  total_owners: 90
  voted_area: 6000.00
  voted_owners: 60
  approve_area: 4500.00
  approve_owners: 45
  oppose_area: 1500.00
  oppose_owners: 15
  abstain_area: 0.00
  abstain_owners: 0
  invalid_area: 0.00
  invalid_owners: 0
  announced: 2025-02-20
  vote_start: 2025-03-09
  vote_end: 2025-03-23
  published: 2025-03-24
"""
FAILING = (
    PASSING.replace("approve_area: 4500.00", "approve_area: 2000.00")
    .replace("approve_owners: 45", "approve_owners: 20")
    .replace("oppose_area: 1500.00", "oppose_area: 4000.00")
    .replace("oppose_owners: 15", "oppose_owners: 40")
)


def _assembly(id_: str, matter: int, result: str = "passed", amount: str | None = None) -> str:
    money = f"  amount: {amount}\n" if amount else ""
    votes = PASSING if result == "passed" else FAILING
    return (
        f"- id: {id_}\n  date: 2025-03-23\n  body: owners_assembly\n  matter: {matter}\n"
        f"  title: 关于2024年度停车收益结余的决定\n  summary: 转入专项维修资金。\n"
        f"{money}  result: {result}\n{votes}"
    )


COMMITTEE = """\
- id: JY-2025-09
  date: 2025-03-09
  body: committee
  title: 关于停车收益结余的决定
  summary: 同意转入专项维修资金。
  result: passed
  members_total: 7
  members_present: 5
  members_approve: 4
  published: 2025-03-10
"""
DECISIONS_TEXT = "\n".join(
    (
        _assembly("JY-2025-02", 6, amount="250000.00"),  # the sample's: item 6, passed
        _assembly("JY-2025-03", 5),  # using the fund (item 5), not raising it
        _assembly("JY-2025-04", 6, result="rejected"),
        _assembly("JY-2025-05", 9),  # other major matters: a distribution
        COMMITTEE,
    )
)


def _transfer(decision: str, amount: str = "200000.00", kind: str = "fund_transfer") -> str:
    return (
        f"TC-2025-016,2025-04-16,{kind},转入专项维修资金,{amount},"
        f"江澜市住宅专项维修资金管理中心,按业主大会决定转入,{decision}"
    )


def _other_codes(validation) -> list[str]:
    """The report's codes, less the fund's cross-account check: these inline projects
    have no fund ledger, so a transfer has no inflow to match (another rule's case)."""
    return [code for code in codes(validation) if not code.startswith("fund-transfer-")]


# What each inline ledger must draw from check_owners_uses: (code, file, line, field).
CASES = {
    "no decision": (ledger(_transfer("")), [("use-needs-decision", PARKING, 2, "decision")]),
    "a committee decision": (
        ledger(_transfer("JY-2025-09")),
        [("use-decision-not-allowed", PARKING, 2, "decision")],
    ),
    "item 5 instead of 6": (
        ledger(_transfer("JY-2025-03")),
        [("use-decision-not-allowed", PARKING, 2, "decision")],
    ),
    "a distribution on an item-6 decision": (
        ledger(_transfer("JY-2025-02", kind="distribution")),
        [("use-decision-not-allowed", PARKING, 2, "decision")],
    ),
    "a rejected decision": (
        ledger(_transfer("JY-2025-04")),
        [("use-decision-not-passed", PARKING, 2, "decision")],
    ),
    "over the decision's amount": (
        ledger(
            _transfer("JY-2025-02", "200000.00"),
            _transfer("JY-2025-02", "50000.01").replace("TC-2025-016", "TC-2025-017"),
        ),
        [("use-over-decision-amount", PARKING, 3, "amount")],
    ),
    "before its decision": (
        ledger(_transfer("JY-2025-02").replace("2025-04-16", "2025-03-01")),
        [("use-before-decision", PARKING, 2, "decision")],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_use_without_a_suitable_decision_is_an_error(tmp_path, name):
    ledger, expected = CASES[name]
    validation = load(tmp_path, accounts=ACCOUNT, decisions=DECISIONS_TEXT, ledger_parking=ledger)
    assert found(check_owners_uses, validation) == expected
    assert _other_codes(validation) == sorted(code for code, *_ in expected)


@pytest.mark.parametrize(
    "rows",
    [
        [_transfer("JY-2025-02", "250000.00")],  # exactly the amount: allowed
        [_transfer("JY-2025-05", kind="distribution")],  # item 9, no amount given
    ],
)
def test_a_use_on_a_suitable_decision_is_accepted(tmp_path, rows):
    validation = load(
        tmp_path, accounts=ACCOUNT, decisions=DECISIONS_TEXT, ledger_parking=ledger(*rows)
    )
    assert _other_codes(validation) == []


def test_the_allowed_pairs_cover_every_use_and_cite_the_reference():
    allowed = allowed_uses()
    assert set(allowed) == set(OWNERS_USES)
    assert allowed["fund_transfer"].allowed == (("owners_assembly", 6),)
    assert allowed["distribution"].allowed == (("owners_assembly", 9),)
    law_texts = REPO.parent / "shared/reference/law-texts.yaml"
    if not law_texts.exists():
        if os.environ.get("CI"):
            pytest.fail("law-texts.yaml is missing; CI has shared/ beside the clone")
        pytest.skip("shared/reference/law-texts.yaml is not beside this checkout")
    laws = yaml.safe_load(law_texts.read_text(encoding="utf-8"))["laws"]
    articles = {(law["id"], a["number"]) for law in laws for a in law["articles"]}
    for use in allowed.values():
        for source in use.sources:
            assert source in articles, (use.kind, source)


def test_the_sample_money_decisions_carry_amounts_its_uses_stay_within():
    decisions = {d["id"]: d for d in yaml.safe_load((REPO / DECISIONS).read_text(encoding="utf-8"))}
    assert Decimal(str(decisions["JY-2025-02"]["amount"])) == Decimal("250000.00")
    assert Decimal(str(decisions["JY-2026-02"]["amount"])) == Decimal("180000.00")
    assert Decimal(str(decisions["JY-2026-03"]["amount"])) == Decimal("56300.00")


@pytest.fixture(scope="module")
def sample_years():
    return account_years(validate_project(REPO, date.today()).records, date(2026, 12, 31))


def test_each_year_reads_as_a_statement_that_adds_up(sample_years):
    for year in sample_years:
        assert year.net == year.income - year.cost
        assert year.closing == year.statement_closing == year.opening + year.net - year.uses_total
        assert sum((a for _, a in year.income_by_category), Decimal(0)) == year.income
        assert sum((a for _, a in year.cost_by_category), Decimal(0)) == year.cost
        assert all(use.type in OWNERS_USES and use.decision for use in year.uses)


def test_the_2025_parking_transfer_is_a_use_not_a_cost(sample_years):
    (year,) = [y for y in sample_years if y.account.id == "parking" and y.year == 2025]
    assert year.net == Decimal("222163.88")
    assert [(u.voucher, u.type, u.amount, u.decision) for u in year.uses] == [
        ("TC-2025-016", "fund_transfer", Decimal("200000.00"), "JY-2025-02")
    ]
    assert all(name != "转入专项维修资金" for name, _ in year.cost_by_category)


def test_the_rule_is_silent_on_the_sample():
    records = validate_project(REPO, date.today()).records
    assert list(check_owners_uses(records, RuleContext(date.today()))) == []


@pytest.mark.slow
def test_the_built_2025_parking_page_equals_the_downloaded_csv(tmp_path):
    """The page's statement equals a Decimal computation from the built site's own
    downloads/ledger-parking.csv and accounts download: no figure rests on the sources."""
    site = tmp_path / "site"
    result = gongshi("build", str(REPO), "--site-dir", str(site), timeout=600)
    assert result.returncode == 0, result.stderr
    with (site / "downloads/ledger-parking.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    of_year = [r for r in rows if r["date"].startswith("2025")]
    before = [r for r in rows if r["date"] < "2025"]

    def total(rows: list[dict[str, str]], *kinds: str) -> Decimal:
        return sum((Decimal(r["amount"]) for r in rows if r["type"] in kinds), Decimal(0))

    income, cost = total(of_year, "income"), total(of_year, "cost")
    uses = total(of_year, *OWNERS_USES)
    html = (site / "ledgers/parking/2025/index.html").read_text(encoding="utf-8")
    shown = {
        name: Decimal(value.replace(",", ""))
        for name, value in re.findall(r'data-figure="([\w-]+)">(?:<a [^>]*>)?([-\d,.]+)<', html)
    }
    assert income - cost == shown["net"] == Decimal("222163.88")
    assert (shown["income"], shown["cost"], shown["uses"]) == (income, cost, uses)
    assert shown["use-TC-2025-016"] == Decimal("200000.00")
    assert "JY-2025-02" in html
    # The closing balance: the opening (from the accounts download when published there,
    # else the page's own opening, which the years before must reach) + net - uses.
    opening = shown["opening"]
    accounts = site / "downloads/accounts.csv"
    if accounts.exists():
        with accounts.open(encoding="utf-8") as f:
            parking = [r for r in csv.DictReader(f) if r.get("id") == "parking"]
        if parking and parking[0].get("opening_balance"):
            first = Decimal(parking[0]["opening_balance"])
            earlier = total(before, "income") - total(before, "cost", *OWNERS_USES)
            assert first + earlier == opening
    assert shown["closing"] == opening + income - cost - uses
    # The chart draws the use apart from the costs, in its own series.
    svg = (site / "charts/ledger-parking-2025.svg").read_text(encoding="utf-8")
    assert "200,000.00" in svg and "业主决定的使用" in svg
