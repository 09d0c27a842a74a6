"""A second community, made as staff make one: `gongshi init`, the settings filled in,
one decision, one ledger entry and one notice from `gongshi new`, then filled in. Shared
by the tests of the path (test_new_community) and of its workflows (test_community_workflows).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import yaml
from conftest import REPO, cli

NAME = "桂香苑"
FULL_NAME = "南川市东湖区桂香苑小区"
SITE_URL = "https://guixiang.example.org/sanggongkai/"
PLACEHOLDER = "（请填写"  # how every fill-in hint of init and new begins

# What a staff member types over each hint of the new community.yaml.
SETTINGS = {
    "（请填写地址）": "南川市东湖区桂香路 12 号",
    "（请填写所属社区居民委员会）": "桂香社区居民委员会",
    "（请填写物业服务企业名称）": "南川桂香物业服务有限公司",
    '"（请填写服务电话）"': '"0571-8800 1234"',
    "（请填写物业服务中心位置）": "桂香苑 2 幢底层物业服务中心",
    "（请填写接待时间）": "每日 8:00—18:00",
    '"（请填写业委会办公电话）"': '"0571-8800 1235"',
    "（请填写业委会办公室位置和接待时间）": "桂香苑会所二楼（周六 9:00—11:00）",
    "（请填写意见箱位置）": "北门岗亭旁业主意见箱",
    "（请填写党支部名称）": "中共桂香苑小区支部委员会",
    "（请填写党群服务站位置和电话）": "桂香苑会所一楼党群服务站",
    "《业主大会议事规则》（请填写条号）": "《业主大会议事规则》第十条",
}


class _Dumper(yaml.SafeDumper):
    """Writes each value out (gongshi refuses YAML aliases, which PyYAML makes for a
    date used twice)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def init(root: Path, *options: str):
    """`gongshi init` with every option given, as CI runs it (no terminal)."""
    return cli(
        "init", str(root), "--name", NAME, "--full-name", FULL_NAME, "--site-url", SITE_URL,
        *options,
    )  # fmt: skip


def add_records(root: Path, today: date, gongshi: Callable[..., object] = cli) -> None:
    """One decision (the rules of procedure, which the settings cite), one parking
    entry and one notice, each made by `gongshi new --write` (``gongshi``: how the
    command is run) and then filled in, and the settings' hints filled in."""
    for kind in ("decision", "entry", "notice"):
        result = gongshi("new", kind, str(root), "--write")
        assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    decision_id = f"JY-{today.year}-01"
    settings = root / "data/community.yaml"
    text = settings.read_text(encoding="utf-8")
    for hint, value in {**SETTINGS, "（请填写决定编号）": decision_id}.items():
        text = text.replace(hint, value)
    settings.write_text(text, encoding="utf-8")

    def days_ago(n: int) -> date:
        return today - timedelta(days=n)

    _update_last(
        root / "data/committee/decisions.yaml",
        id=decision_id,
        matter=1,
        title="通过《桂香苑业主大会议事规则》",
        summary="业主大会表决通过本小区业主大会议事规则。",
        total_area="10000.00", total_owners=100, voted_area="8000.00", voted_owners=80,
        approve_area="7000.00", approve_owners=70, oppose_area="500.00", oppose_owners=5,
        abstain_area="300.00", abstain_owners=3, invalid_area="200.00", invalid_owners=2,
        announced=days_ago(40), vote_start=days_ago(20), vote_end=days_ago(5),
        date=days_ago(3), published=days_ago(2),
    )  # fmt: skip
    _update_last(
        root / "data/branch/notices.yaml",
        title="桂香苑党支部发展党员公示",
        body="支部拟接收一名预备党员，公示期内可向支部反映意见。\n",
        issuer="中共桂香苑小区支部委员会",
        proposed_by="支部委员会", proposed_on=today, reviewed_by="支部委员会",
        reviewed_on=today, approved_by="支部党员大会", approved_on=today,
    )  # fmt: skip
    ledger = root / "data/ledgers/parking.csv"
    lines = ledger.read_text(encoding="utf-8").splitlines()
    voucher, day, kind = lines[-1].split(",")[:3]
    lines[-1] = f"{voucher},{day},{kind},临时停车费,1200.00,临时停车收费汇总,本周临时停车收费,"
    ledger.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _update_last(path: Path, **values: object) -> None:
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    records[-1].update(values)
    path.write_text(
        yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def sample_only_strings() -> set[str]:
    """Strings only the sample community has: its names, address, phones and places,
    and its records' titles."""
    community = yaml.safe_load((REPO / "data/community.yaml").read_text(encoding="utf-8"))
    found: set[str] = {"青禾", "qinghe"}

    def leaves(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                leaves(item)
        elif isinstance(value, str) and len(value) >= 4:
            found.add(value)

    for key in ("full_name", "address", "neighbourhood_committee", "property_company",
                "owners_committee", "party_branch"):  # fmt: skip
        leaves(community[key])
    for records in ("data/committee/decisions.yaml", "data/branch/notices.yaml"):
        for record in yaml.safe_load((REPO / records).read_text(encoding="utf-8")):
            found.add(record["title"])
    return found


TEXT_SUFFIXES = {".html", ".csv", ".json", ".xml", ".txt", ".svg", ".md", ".yml", ".yaml", ""}


def texts(root: Path) -> dict[str, str]:
    """Every text file below ``root`` (pages, downloads, sitemap, settings), by path."""
    return {
        str(path.relative_to(root)): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.suffix in TEXT_SUFFIXES and ".git" not in path.parts
    }


# What a wheel of gongshi is built from: the package, and what builder/staff/scaffold
# links to (schemas, templates, legal pages), at the same places.
WHEEL_SOURCES = ("pyproject.toml", "README.md", "builder", "content", "site_templates",
                 "data/schemas", "data/datapackage.yaml")  # fmt: skip


def build_wheel(work: Path) -> Path:
    """A wheel of this checkout, built offline (no build isolation: the installed
    setuptools builds it) from a copy, so the checkout gets no build/ or egg-info."""
    source = work / "source"
    for part in WHEEL_SOURCES:
        (source / part).parent.mkdir(parents=True, exist_ok=True)
        if (REPO / part).is_dir():
            shutil.copytree(
                REPO / part, source / part, symlinks=True,
                ignore=shutil.ignore_patterns("__pycache__"),
            )  # fmt: skip
        else:
            shutil.copy2(REPO / part, source / part)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (work / "dist").glob("gongshi-*.whl")
    return wheel
