"""What an auditor can do with the built ``downloads/`` folder alone: check every file
against SHA256SUMS, and re-add every account from its opening balance to each balance
assertion, to the cent. Only the csv module and Decimal read the files here — no
gongshi import — as an auditor's own script would."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REPO, gongshi

# The ledger's kinds of entry: income adds; a reasonable cost and every use the owners
# decided take money out. A kind not listed here fails the test rather than being
# counted with a guessed sign.
LEDGER_IN = {"income"}
LEDGER_OUT = {"cost", "fund_transfer", "distribution", "account_transfer", "owners_use"}
# The maintenance fund's inflows (fund-ledger.csv); its uses are fund-uses.csv.
FUND_IN = {"deposit", "transfer_in", "interest"}


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("auditor") / "site"
    result = gongshi("build", str(REPO), "--site-dir", str(target), timeout=600)
    assert result.returncode == 0, result.stderr
    return target / "downloads"


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _movements(folder: Path, account: dict[str, str]) -> list[tuple[str, Decimal]]:
    """(date, signed amount) of every movement of one account, from its files."""
    if account.get("kind") == "fund":
        moves = []
        for row in _read(folder, "fund-ledger.csv"):
            assert row["kind"] in FUND_IN, row
            moves.append((row["date"], Decimal(row["amount"])))
        moves += [(row["date"], -Decimal(row["amount"])) for row in _read(folder, "fund-uses.csv")]
        return moves
    moves = []
    for row in _read(folder, f"ledger-{account['id']}.csv"):
        assert row["type"] in LEDGER_IN | LEDGER_OUT, row
        sign = 1 if row["type"] in LEDGER_IN else -1
        moves.append((row["date"], sign * Decimal(row["amount"])))
    return moves


def test_every_file_matches_its_checksum_and_every_file_is_listed(downloads):
    sums = {}
    for line in (downloads / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
        assert hashlib.sha256((downloads / name).read_bytes()).hexdigest() == digest, name
    on_disk = {p.relative_to(downloads).as_posix() for p in downloads.rglob("*") if p.is_file()}
    # The downloads page (index.html) lives in the same folder; it is no download.
    assert set(sums) == on_disk - {"SHA256SUMS", "index.html"}
    assert {"accounts.csv", "balance-assertions.csv", "README.txt"} <= set(sums)


def test_every_assertion_is_the_sum_of_the_published_rows(downloads):
    accounts = {row["id"]: row for row in _read(downloads, "accounts.csv")}
    assertions = _read(downloads, "balance-assertions.csv")
    assert accounts and assertions
    assert len([a for a in accounts.values() if a.get("kind") == "fund"]) <= 1
    checked: dict[str, int] = defaultdict(int)
    for account_id, account in accounts.items():
        moves = _movements(downloads, account)
        opening = Decimal(account["opening_balance"])
        for assertion in (a for a in assertions if a["account"] == account_id):
            # The day itself included: staff write year-end balances.
            balance = opening + sum((m for d, m in moves if d <= assertion["date"]), Decimal(0))
            assert balance == Decimal(assertion["balance"]), (account_id, assertion)
            checked[account_id] += 1
    # Every assertion was re-added, every account that has a ledger among them.
    assert sum(checked.values()) == len(assertions)
    ledgers = {
        p.name.removeprefix("ledger-").removesuffix(".csv") for p in downloads.glob("ledger-*.csv")
    }
    assert ledgers <= set(checked)


def test_the_data_package_describes_the_accounts_tables(downloads):
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["name"]: r for r in package["resources"]}
    for name, path in (
        ("accounts", "accounts.csv"),
        ("balance-assertions", "balance-assertions.csv"),
    ):
        resource = described[name]
        assert resource["path"] == path and resource["title"] and resource["description"]
        header = next(csv.reader((downloads / path).open(encoding="utf-8")))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        assert all(f["title"] != f["name"] for f in resource["schema"]["fields"])
        assert described[f"{name}-excel"]["path"] == f"excel/{path}"
    key = described["balance-assertions"]["schema"]["foreignKeys"][0]
    assert key["reference"]["resource"] == "accounts"
