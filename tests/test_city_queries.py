"""The city site's figures (builder/city/queries.py), over a DIR written inline: which
communities a total counts, exact money per year and per 100 households, the overview
by district and street, the overdue items."""

from __future__ import annotations

import json
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from builder.city import queries, store

TYPED = {
    "ledger-parking": ["voucher", "date:date", "type", "category", "amount:number"],
    "fund-ledger": ["id", "date:date", "kind", "amount:number"],
    "fund-uses": ["id", "date:date", "amount:number"],
    "accounts": ["id", "name", "opened:date", "closed:date", "kind", "opening_balance:number"],
    "owners-register": ["as_of:date", "part", "units:integer"],
}


def community(
    out: Path,
    tmp_path: Path,
    cid: str,
    *,
    status: str = "ok",
    households: int | None = 100,
    street: str = "青禾街道",
    calendar: tuple[dict[str, Any], ...] = (),
    **tables: str,
) -> None:
    """Store one community: ``tables`` by resource (``ledger_parking=``), CSV inline."""
    folder = tmp_path / "src" / cid
    folder.mkdir(parents=True)
    resources = []
    for key, text in tables.items():
        name = key.replace("_", "-")
        fields = [
            {"name": f.split(":")[0], "type": [*f.split(":"), "string"][1]} for f in TYPED[name]
        ]
        (folder / f"{name}.csv").write_text(textwrap.dedent(text), encoding="utf-8")
        resources.append({"name": name, "path": f"{name}.csv", "schema": {"fields": fields}})
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), "utf-8")
    (folder / "calendar.json").write_text(json.dumps({"items": list(calendar)}), "utf-8")
    result = {
        "id": cid,
        "name": f"{cid}小区",
        "district": "临溪区",
        "street": street,
        "households": households,
        "harvested": "2026-12-01",
        "status": status,
        "reasons": [],
        "last_good": "2026-11-30",
        "site_built": "2026-11-29",
    }
    store.write_community(out, {"id": cid}, folder, {**result, "status": "ok"})
    if status != "ok":  # the newest harvest failed: the last good copy stays
        store.write_result(out, result)


PARKING_A = """\
    voucher,date,type,category,amount
    A1,2025-01-08,income,停车费,1000.00
    A2,2025-02-08,cost,电费,100.10
    A3,2025-03-01,fund_transfer,转入维修资金,500.00
    A4,2026-01-08,income,停车费,0.01
    """
PARKING_B = """\
    voucher,date,type,category,amount
    B1,2025-05-08,income,广告费,333.33
    """


def figures(out: Path, name: str) -> list[dict[str, Any]]:
    with queries.open_city(out) as city:
        return queries.run(city, name)


@pytest.fixture
def city(tmp_path: Path) -> Path:
    out = tmp_path / "DIR"
    community(out, tmp_path, "a", ledger_parking=PARKING_A, households=200)
    community(out, tmp_path, "b", ledger_parking=PARKING_B, households=300)
    # Tampered on its newest harvest: its last good copy is kept, never summed.
    community(out, tmp_path, "t", ledger_parking=PARKING_B, status="tampered")
    return out


def test_city_totals_are_exact_and_leave_out_failed_harvests(city: Path) -> None:
    years = {row["year"]: row for row in figures(city, "city_years")}
    assert years[2025]["income"] == Decimal("1333.33")
    assert years[2025]["cost"] == Decimal("100.10")
    assert years[2025]["net"] == Decimal("1233.23")
    assert years[2025]["uses"] == Decimal("500.00")
    assert years[2025]["ids"] == ["a", "b"]
    # Per 100 households over a and b: 1333.33 * 100 / 500, rounded half up to the fen.
    assert years[2025]["households"] == 500
    assert years[2025]["income_per_100"] == Decimal("266.67")
    assert years[2026]["income"] == Decimal("0.01") and years[2026]["ids"] == ["a"]
    # 0.01 * 100 / 200 = 0.005: half a fen rounds up.
    assert years[2026]["income_per_100"] == Decimal("0.01")


def test_a_failed_harvest_is_listed_with_its_reason_and_last_good_date(city: Path) -> None:
    rows = {row["id"]: row for row in figures(city, "communities")}
    assert rows["t"]["status"] == "tampered" and rows["t"]["counted"] is False
    assert str(rows["t"]["last_good"]) == "2026-11-30"
    assert rows["a"]["counted"] and rows["b"]["counted"]
    streets = figures(city, "streets")
    assert [(s["street"], s["communities"], s["counted"]) for s in streets] == [("青禾街道", 3, 2)]


def test_ranking_is_per_100_households_per_year(city: Path) -> None:
    ranked = [r for r in figures(city, "ranking") if r["year"] == 2025]
    # a: 1000.00 / 200 households; b: 333.33 / 300 households.
    assert [(r["community"], r["income_per_100"], r["rank"]) for r in ranked] == [
        ("a", Decimal("500.00"), 1),
        ("b", Decimal("111.11"), 2),
    ]


def test_households_come_from_the_register_when_the_registry_has_none(tmp_path: Path) -> None:
    out = tmp_path / "DIR"
    register = """\
        as_of,part,units
        2023-05-01,全体业主,1160
        2023-05-01,1幢,130
        2025-05-01,全体业主,1170
        """
    community(out, tmp_path, "r", households=None, owners_register=register)
    (row,) = figures(out, "communities")
    assert row["households"] == 1170 and row["households_from_register"]


def test_fund_balance_at_each_year_end(tmp_path: Path) -> None:
    out = tmp_path / "DIR"
    community(
        out,
        tmp_path,
        "f",
        accounts="""\
            id,name,opened,closed,kind,opening_balance
            parking,停车,2024-01-01,,ledger,10.00
            maintenance_fund,维修资金,2024-01-01,,fund,1000.00
            """,
        fund_ledger="""\
            id,date,kind,amount
            Z1,2024-03-18,deposit,16.50
            Z2,2025-06-21,interest,7.25
            """,
        fund_uses="""\
            id,date,amount
            W1,2025-06-12,86.42
            """,
    )
    balances = {r["year"]: r["fund_balance"] for r in figures(out, "community_years")}
    assert balances == {2024: Decimal("1016.50"), 2025: Decimal("937.33")}


def test_overdue_items_by_duty_and_street(tmp_path: Path) -> None:
    out = tmp_path / "DIR"
    overdue = {
        "duty": "common_income",
        "duty_zh": "公共收益收支情况",
        "period_zh": "2026年第三季度",
        "due_date": "2026-10-31",
        "status": "overdue",
        "days_late": 31,
    }
    done = {**overdue, "status": "done-on-time", "days_late": None}
    community(out, tmp_path, "late", calendar=(overdue,))
    community(out, tmp_path, "fine", calendar=(done,))
    community(out, tmp_path, "gone", calendar=(overdue,), status="unreachable")
    (duty,) = figures(out, "duties")
    assert (duty["communities"], duty["up_to_date"], duty["overdue_ids"]) == (2, 1, ["late"])
    assert [(r["community"], r["days_late"]) for r in figures(out, "overdue")] == [("late", 31)]
    (street,) = figures(out, "streets")
    assert (street["up_to_date"], street["overdue"], street["overdue_ids"]) == (1, 1, ["late"])


def test_an_empty_dir_has_no_figures(tmp_path: Path) -> None:
    for name in queries.QUERIES:
        assert figures(tmp_path, name) == []
