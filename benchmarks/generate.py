"""A synthetic gongshi project of any size, for benchmarks: valid by construction.

    python benchmarks/generate.py SIZE OUT [--years N] [--seed S] [--errors N] [--today DATE]

SIZE is the number of ledger rows across both accounts (``10k``, ``100k``, ``1M`` or a
plain integer). OUT receives a complete project in the sample's format: the repository's
``mkdocs.yml``, ``content/``, ``site_templates/``, ``data/schemas/`` and
``data/datapackage.yaml`` are copied; every record under ``data/`` is generated, for
``--years`` years ending in the year of ``--today`` (default: today; no date is later).
Decisions, fund uses, meetings and notices grow with SIZE (10k rows: 6 decisions,
2 fund uses, 18 meetings and 4 notices a year), up to what their id patterns allow.

The same arguments give byte-identical files. ``gongshi validate OUT`` exits 0, unless
``--errors N`` planted N known errors of varied kinds; ``OUT/planted-errors.json`` then
lists each as {"file", "line", "field", "code"}, exactly what ``gongshi validate
--format json`` must report (a planted schema error in the advertising ledger also
makes that ledger's balance checks stop with a ``balance-not-checked`` warning).
``OUT/benchmark.json`` records the arguments and the row count of every file.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "content", "site_templates", "data/schemas", "data/datapackage.yaml")
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
MARKER = "benchmark.json"
PLANTED = "planted-errors.json"
# gongshi refuses files over 50 MB (builder/load.py); rows are kept short to fit 1M.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_VOUCHERS_PER_YEAR = 99_999  # the schema's "[A-Z]{2}-[0-9]{4}-[0-9]{3,5}"

COST_THRESHOLD = Decimal("5000.00")
COMMITTEE_SIZE = 7
TOTAL_AREA_CENTI = 11_284_635  # 112846.35 m², in 0.01 m²
TOTAL_OWNERS = 1126
BANK = "江澜农商银行"
PROPERTY_COMPANY = "江澜禾佳物业服务有限公司"
BRANCH = "中共云杉苑小区支部委员会"
BRANCH_PHONE = "0123-8816 5107"

LEDGER_FILES = {
    "parking": "data/ledgers/parking.csv",
    "advertising": "data/ledgers/advertising.csv",
}
DECISIONS = "data/committee/decisions.yaml"
ACCOUNTS = "data/ledgers/accounts.yaml"
NOTICES = "data/branch/notices.yaml"
PERSONS = "data/branch/notice_persons.yaml"
MEMBERS_BASIS = "《业主大会议事规则》第十二条（业主委员会成员名单公示）"
# The steps of a disclosed notice (party-affairs openness regulation Art. 15).
STEP_KEYS = (
    "proposed_by",
    "proposed_on",
    "reviewed_by",
    "reviewed_on",
    "approved_by",
    "approved_on",
)
MEETINGS = "data/branch/meetings.csv"
PERFORMANCE = "data/property/performance.csv"
LEDGER_HEADER = ["voucher", "date", "type", "category", "amount", "counterparty", "description",
                 "decision"]  # fmt: skip
V, DATE, TYPE, CATEGORY, AMOUNT, COUNTERPARTY, DESCRIPTION, DECISION = range(8)


@dataclass(frozen=True)
class Kind:
    """One kind of ledger row: its type, wording, amount range (fen) and weight."""

    type: str
    category: str
    counterparty: str
    descriptions: tuple[str, ...]
    low: int
    high: int
    weight: float
    needs_decision: bool = False


KINDS = {
    "parking": (
        Kind("income", "临时停车费", "停车收费汇总",
             ("东门出口", "北门出口", "南门出口"), 200, 6000, 57),
        Kind("income", "车位租赁费", "车位承租业主汇总",
             ("地面车位月租", "地面车位季租"), 15000, 540000, 15),
        Kind("income", "利息收入", BANK, ("活期存款利息",), 1000, 9000, 1),
        Kind("cost", "银行手续费", BANK, ("电子支付手续费", "账户管理费"), 10, 4000, 15),
        Kind("cost", "电费", "禾佳物业", ("停车区照明电费",), 10000, 200000, 5),
        Kind("cost", "道闸系统维修", "通泊智能公司",
             ("道闸电机维修", "道闸杆更换"), 10000, 499999, 5.5),
        Kind("cost", "停车管理人员劳务", "禾佳物业",
             ("收费岗劳务费",), 500000, 900000, 1.5, needs_decision=True),
    ),
    "advertising": (
        Kind("income", "道闸广告", "禾美广告公司",
             ("道闸广告位",), 50000, 300000, 20),
        Kind("income", "电梯广告", "恒视传媒公司",
             ("电梯广告位",), 100000, 1200000, 15),
        Kind("income", "场地使用费", "润驰汽车公司",
             ("广场场地使用",), 20000, 150000, 15),
        Kind("income", "利息收入", BANK, ("活期存款利息",), 500, 6000, 5),
        Kind("cost", "银行手续费", BANK, ("账户管理费",), 10, 3000, 20),
        Kind("cost", "印花税", "临溪区税务局", ("合同印花税",), 500, 6000, 10),
        Kind("cost", "增值税及附加", "临溪区税务局", ("季度增值税",), 10000, 150000, 10),
        Kind("cost", "公共设施维护", "禾佳物业", ("宣传栏面板更换",), 10000, 499999, 4),
        Kind("cost", "广告设施改造", "明亮标识公司",
             ("广告灯箱改造",), 500000, 2000000, 1, needs_decision=True),
    ),
}  # fmt: skip
PREFIX = {"parking": "TC", "advertising": "GG"}
ACCOUNT_NAMES = {"parking": "停车收益账户", "advertising": "广告收益账户"}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
GIVEN = ("志明", "素芬", "卫东", "秀兰", "建华", "晓军", "国平", "丽华", "俊", "文静")
MEETING_KINDS = ("支部党员大会", "支部委员会", "党小组会", "党课")
MEETING_TOPICS = (
    "学习《中国共产党支部工作条例（试行）》，交流在职党员回小区报到服务情况",
    "研究楼道电动自行车停放充电安全隐患排查志愿服务安排",
    "部署垃圾分类桶边督导和春季环境整治志愿服务",
    "讨论汛期地下车库防汛值守排班",
    "党课：《民法典》物权编与业主共同管理权",
    "研究重阳节走访慰问小区高龄独居老人安排",
    "通报党费收缴情况，部署冬季消防安全巡查",
    "党课：业主公共收益怎么管、怎么公开",
)
NOTICE_KINDS = ("发展党员", "换届选举", "党费收缴", "评先评优", "其他")
PLEDGES = (("紧急到场", "5分钟内到场"), ("简单问题", "40分钟内解决"),
           ("一般问题", "3小时内解决"), ("复杂问题", "2天内解决"))  # fmt: skip
MATTER_TITLES = {
    1: "关于修改《业主大会议事规则》第{n}条的决定",
    2: "关于修改《管理规约》第{n}条的决定",
    3: "关于增补业主委员会委员的决定",
    4: "关于续聘物业服务企业的决定",
    5: "关于使用专项维修资金维修{b}幢屋面和外墙的决定",
    6: "关于将{p}年度公共收益结余转入专项维修资金的决定",
    7: "关于改建{b}幢单元入口无障碍坡道的决定",
    8: "关于利用{b}幢屋顶设置通信基站并出租经营的方案",
    9: "关于{p}年度广告收益用于抵扣物业服务费的决定",
}
COMMITTEE_TITLES = (
    "关于续签电梯轿厢广告位使用合同的决定",
    "关于更换{b}幢单元门禁系统的决定",
    "关于修补地面停车区破损路面的决定",
    "关于物业服务企业申请使用停车收益购置巡逻电动车的提议",
    "关于更新广告灯箱的决定",
)


def parse_size(text: str) -> int:
    """``10k``, ``100k``, ``1M`` (case-insensitive ``k``/``m``) or a plain integer."""
    value = text.strip()
    multiplier = 1
    if value[-1:].lower() == "k":
        value, multiplier = value[:-1], 1_000
    elif value[-1:].lower() == "m":
        value, multiplier = value[:-1], 1_000_000
    try:
        size = int(Decimal(value) * multiplier)
    except ArithmeticError as exc:
        raise ValueError(f"not a size: {text!r} (use 10k, 100k, 1M or an integer)") from exc
    if size < 100:
        raise ValueError(f"size {size}: at least 100 ledger rows")
    return size


def fen(n: int) -> str:
    """Integer fen as a two-decimal amount string (never a float)."""
    return f"{n // 100}.{n % 100:02d}"


def clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


# --- the plan: every record, in memory, before anything is written ----------------


@dataclass
class Decision:
    id: str
    date: date
    body: str
    title: str
    summary: str
    result: str
    matter: int | None = None
    votes: dict[str, str] = field(default_factory=dict)
    role: str = ""  # "budget", "fund" (a passed item-5 decision fund uses rest on), ""


@dataclass
class Csv:
    """A CSV file's rows as strings; line of row i is i + 2."""

    header: list[str]
    rows: list[list[str]]


@dataclass
class Project:
    today: date
    years: list[int]
    scale: float
    decisions: list[Decision] = field(default_factory=list)
    csvs: dict[str, Csv] = field(default_factory=dict)
    notices: list[dict[str, str]] = field(default_factory=list)
    openings: dict[str, Decimal] = field(default_factory=dict)
    assertions: dict[str, list[list]] = field(default_factory=dict)  # [date, Decimal balance]


def year_range(year: int, today: date) -> tuple[date, date]:
    return date(year, 1, 1), min(date(year, 12, 31), today)


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def passes_owners_vote(matter: int, votes: dict[str, str]) -> bool:
    """Civil Code Art. 278, as builder/rules/decisions.py applies it: two thirds or more
    of area AND owners take part; items 6-8 need three quarters or more of the
    participating area AND owners, the others more than half of each."""
    area, owners = Fraction(Decimal(votes["total_area"])), Fraction(int(votes["total_owners"]))
    voted_area, voted = Fraction(Decimal(votes["voted_area"])), Fraction(int(votes["voted_owners"]))
    yes_area, yes = Fraction(Decimal(votes["approve_area"])), Fraction(int(votes["approve_owners"]))
    quorum = voted_area >= area * Fraction(2, 3) and voted >= owners * Fraction(2, 3)
    if matter in (6, 7, 8):
        approval = yes_area >= voted_area * Fraction(3, 4) and yes >= voted * Fraction(3, 4)
    else:
        approval = yes_area > voted_area / 2 and yes > voted / 2
    return quorum and approval


def passes_committee_vote(present: int, approve: int) -> bool:
    """community.yaml's rule: more than half of all members attend and approve."""
    return present * 2 > COMMITTEE_SIZE and approve * 2 > COMMITTEE_SIZE


def owners_votes(rng: random.Random, matter: int, passed: bool) -> dict[str, str]:
    """Vote figures whose Art. 278 outcome is ``passed``."""
    special = matter in (6, 7, 8)
    quorum_fails = not passed and rng.random() < 0.3
    turnout = (0.55, 0.65) if quorum_fails else (0.70, 0.82)
    if passed:
        share = (0.78, 0.93) if special else (0.56, 0.93)
    elif quorum_fails:
        share = (0.56, 0.93)
    else:
        share = (0.55, 0.72) if special else (0.30, 0.47)
    voted_area = int(TOTAL_AREA_CENTI * rng.uniform(*turnout))
    voted_owners = int(TOTAL_OWNERS * rng.uniform(*turnout))
    votes = {
        "total_area": fen(TOTAL_AREA_CENTI),
        "total_owners": str(TOTAL_OWNERS),
        "voted_area": fen(voted_area),
        "voted_owners": str(voted_owners),
        "approve_area": fen(int(voted_area * rng.uniform(*share))),
        "approve_owners": str(int(voted_owners * rng.uniform(*share))),
    }
    assert passes_owners_vote(matter, votes) == passed, votes
    return votes | other_ballots(votes)


def other_ballots(votes: dict[str, str]) -> dict[str, str]:
    """The ballots that did not approve, split 80/15/5 into oppose, abstain and invalid:
    with approve they add up to the participating figure (builder/rules/decisions.py)."""
    area = int(Decimal(votes["voted_area"]) * 100) - int(Decimal(votes["approve_area"]) * 100)
    owners = int(votes["voted_owners"]) - int(votes["approve_owners"])
    split = {}
    for measure, rest, write in (("area", area, fen), ("owners", owners, str)):
        oppose, abstain = rest * 80 // 100, rest * 15 // 100
        split |= {
            f"oppose_{measure}": write(oppose),
            f"abstain_{measure}": write(abstain),
            f"invalid_{measure}": write(rest - oppose - abstain),
        }
    return split


def committee_votes(rng: random.Random, passed: bool) -> dict[str, str]:
    present = rng.randint(5, COMMITTEE_SIZE) if passed else rng.randint(4, COMMITTEE_SIZE)
    approve = rng.randint(COMMITTEE_SIZE // 2 + 1, present) if passed else rng.randint(1, 3)
    assert passes_committee_vote(present, approve) == passed
    return {
        "members_total": str(COMMITTEE_SIZE),
        "members_present": str(present),
        "members_approve": str(approve),
    }


def plan_decisions(rng: random.Random, project: Project) -> None:
    """Each year: the committee's budget on 1 January (large costs rest on it), a passed
    item-5 owners' decision early in the year (fund uses rest on it), one rejected owners'
    decision and one rejected committee decision (never referenced), then a mix."""
    per_year = clamp(6 * project.scale, 4, 99)
    for year in project.years:
        first, last = year_range(year, project.today)
        span = (last - first).days
        plans: list[tuple[date, str, str, int | None, bool]] = [
            (first, "budget", "committee", None, True),
            # The rules of procedure community.yaml's rule settings cite (item 1).
            *([(first, "rules", "owners_assembly", 1, True)] if year == project.years[0] else []),
            (first + timedelta(days=span // 10), "fund", "owners_assembly", 5, True),
            (random_day(rng, first, last), "", "owners_assembly", rng.randint(1, 9), False),
            (random_day(rng, first, last), "", "committee", None, False),
        ]
        for _ in range(per_year - len(plans)):
            body = "owners_assembly" if rng.random() < 0.5 else "committee"
            matter = rng.randint(1, 9) if body == "owners_assembly" else None
            plans.append((random_day(rng, first, last), "", body, matter, rng.random() < 0.75))
        order = sorted(range(len(plans)), key=lambda i: (plans[i][0], i))
        for number, i in enumerate(order, 1):
            day, role, body, matter, passed = plans[i]
            building = rng.randint(1, 12)
            if role == "rules":
                title = "关于制定《业主大会议事规则》的决定"
                summary = (
                    "通过《业主大会议事规则》。第二十一条：单笔5000元以上的成本支出须有决定，"
                    "5万元以下由业主委员会决定，超过5万元由业主大会决定；第二十四条：业主委员会"
                    "会议应有过半数委员出席，决定须经全体委员过半数同意。"
                )
            elif role == "budget":
                title = f"关于{year}年度公共收益日常支出预算的决定"
                summary = (
                    f"通过{year}年度停车、广告两个公共收益账户的日常支出预算。停车管理人员劳务费、"
                    "广告设施改造等单笔5000元以上的支出，在预算额度内由业主委员会按本决定审批，"
                    "收支情况每季度在小区公告栏和公开网站公布。"
                )
            elif body == "owners_assembly":
                title = MATTER_TITLES[matter].format(n=rng.randint(5, 30), b=building, p=year - 1)
                summary = (
                    f"{title.removeprefix('关于').removesuffix('的决定')}。业主委员会于{day.month}月"
                    f"{day.day}日在小区公告栏公示表决结果，表决票和统计表由业主委员会存档备查，"
                    "业主可在接待日查阅。"
                )
            else:
                title = rng.choice(COMMITTEE_TITLES).format(b=building)
                summary = (
                    f"业主委员会会议研究{title.removeprefix('关于').removesuffix('的决定')}事项，"
                    f"合同价{rng.randint(20, 300) * 100}元，由公共收益列支。"
                )
            votes = (
                owners_votes(rng, matter, passed)
                if body == "owners_assembly"
                else committee_votes(rng, passed)
            )
            project.decisions.append(
                Decision(
                    f"JY-{year}-{number:02d}",
                    day,
                    body,
                    title,
                    summary,
                    "passed" if passed else "rejected",
                    matter,
                    votes,
                    role,
                )
            )


def plan_ledgers(rng: random.Random, project: Project, size: int) -> None:
    """Both ledgers: rows spread evenly over every day from 1 January of the first year
    to today, kinds drawn by weight; large costs cite a passed decision of their year
    dated no later; a cost that would overdraw the account becomes an income."""
    start, end = date(project.years[0], 1, 1), project.today
    days = (end - start).days + 1
    iso = [(start + timedelta(days=d)).isoformat() for d in range(days)]
    approvals: dict[int, tuple[list[date], list[str]]] = {}
    for d in project.decisions:
        if d.result == "passed" and d.body == "committee":
            dates, ids = approvals.setdefault(d.date.year, ([], []))
            dates.append(d.date)
            ids.append(d.id)
    counts = {"parking": (size + 1) // 2, "advertising": size // 2}
    for account, rows_wanted in counts.items():
        kinds = KINDS[account]
        weights = [k.weight for k in kinds]
        main_income = kinds[0]
        balance = Decimal(fen(rng.randint(1_000_000, 9_000_000)))
        project.openings[account] = balance
        checkpoints = [
            day
            for year in project.years
            for day in (date(year, 6, 30), date(year, 12, 31))
            if day <= end
        ]
        assertions: list[list] = []
        rows: list[list[str]] = []
        sequence: dict[int, int] = {}
        width = 3
        per_year = rows_wanted * 366 // days + 2
        if per_year > 999:
            width = 5
        if per_year > MAX_VOUCHERS_PER_YEAR:
            raise ValueError(
                f"{rows_wanted} {account} rows in {len(project.years)} years need more than "
                f"{MAX_VOUCHERS_PER_YEAR} vouchers a year; use more --years"
            )
        for k, kind in enumerate(rng.choices(kinds, weights, k=rows_wanted)):
            offset = k * days // rows_wanted
            day = start + timedelta(days=offset)
            while checkpoints and checkpoints[0] < day:
                assertions.append([checkpoints.pop(0), balance])
            amount = fen(rng.randint(kind.low, kind.high))
            if kind.type == "cost" and balance - Decimal(amount) < 0:
                kind, amount = main_income, fen(rng.randint(main_income.low, main_income.high))
            decision = ""
            if kind.needs_decision:
                dates, ids = approvals[day.year]
                decision = ids[rng.randrange(bisect_right(dates, day))]
            balance += Decimal(amount) if kind.type == "income" else -Decimal(amount)
            n = sequence[day.year] = sequence.get(day.year, 0) + 1
            rows.append(
                [
                    f"{PREFIX[account]}-{day.year}-{n:0{width}d}",
                    iso[offset],
                    kind.type,
                    kind.category,
                    amount,
                    kind.counterparty,
                    rng.choice(kind.descriptions),
                    decision,
                ]
            )
        assertions.extend([day, balance] for day in checkpoints)
        project.assertions[account] = assertions
        project.csvs[LEDGER_FILES[account]] = Csv(LEDGER_HEADER, rows)


def plan_committee(rng: random.Random, project: Project) -> None:
    # Members: a five-year term from 22 May, seven members and two alternates each.
    rows = []
    number = 0
    first_term = project.years[0] - 1
    for term_start_year in range(first_term, project.today.year + 1, 5):
        term_start = date(term_start_year, 5, 22)
        term_end = date(term_start_year + 5, 5, 21)
        roles = ["主任", "副主任"] + ["委员"] * (COMMITTEE_SIZE - 2) + ["候补委员"] * 2
        for role in roles:
            number += 1
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            building = f"{rng.randint(1, 12)}幢"
            term = [term_start.isoformat(), term_end.isoformat()]
            basis = ["legal_duty", "", MEMBERS_BASIS, ""]
            rows.append([f"M{number:02d}", name, role, building, *term, *basis])
    project.csvs["data/committee/members.csv"] = Csv(
        [
            "id",
            "name",
            "role",
            "building",
            "term_start",
            "term_end",
            "personal_basis",
            "consent_date",
            "basis_source",
            "personal_until",
        ],
        rows,
    )
    # Fund uses: each on its year's passed item-5 decision, dated on or after it.
    per_year = clamp(2 * project.scale, 1, 99)
    uses = []
    for year in project.years:
        basis = next(d for d in project.decisions if d.date.year == year and d.role == "fund")
        _, last = year_range(year, project.today)
        days = sorted(random_day(rng, basis.date, last) for _ in range(per_year))
        for n, day in enumerate(days, 1):
            building = rng.randint(1, 12)
            uses.append(
                [
                    f"WX-{year}-{n:02d}",
                    day.isoformat(),
                    "owners_decision",
                    basis.id,
                    "",
                    f"{building}幢屋面防水层翻新",
                    f"{building}幢屋面",
                    "",  # works_scope: the whole community's, as the decision's
                    fen(rng.randint(2_000_000, 30_000_000)),
                    "江澜筑安防水工程有限公司",
                    rng.choice(("施工中", "已完工", "已验收")),
                ]
            )
    columns = ["id", "date", "basis", "decision", "confirmed", "project", "location", "works_scope"]
    columns.append("amount")
    project.csvs["data/committee/fund_uses.csv"] = Csv([*columns, "contractor", "status"], uses)
    # The fund's inflows are not generated: the fund account is not in accounts.yaml.
    fund_ledger = [
        "id",
        "date",
        "kind",
        "amount",
        "source_account",
        "source_voucher",
        "description",
    ]
    project.csvs["data/committee/fund_ledger.csv"] = Csv(fund_ledger, [])


def plan_branch(rng: random.Random, project: Project) -> None:
    meetings = []
    per_year = clamp(18 * project.scale, 1, 999)
    width = 2 if per_year <= 99 else 3
    for year in project.years:
        first, last = year_range(year, project.today)
        days = sorted(random_day(rng, first, last) for _ in range(per_year))
        for n, day in enumerate(days, 1):
            kind = rng.choice(MEETING_KINDS)
            attendance = 3 if kind == "支部委员会" else rng.randint(8, 23)
            meetings.append(
                [
                    f"HY-{year}-{n:0{width}d}",
                    day.isoformat(),
                    kind,
                    rng.choice(MEETING_TOPICS),
                    str(attendance),
                    "party" if rng.random() < 0.2 else "public",
                ]
            )
    project.csvs[MEETINGS] = Csv(["id", "date", "kind", "topic", "attendance", "scope"], meetings)

    per_year = clamp(4 * project.scale, 1, 99)
    for year in project.years:
        first, last = year_range(year, project.today)
        latest_start = max(first, last - timedelta(days=6))
        starts = sorted(random_day(rng, first, latest_start) for _ in range(per_year))
        for n, start in enumerate(starts, 1):
            end = min(start + timedelta(days=6), last)
            kind = rng.choice(NOTICE_KINDS)
            title = f"{year}年第{n}号党务公示（{kind}）"
            body = [
                f"根据工作安排，现将{kind}有关情况公示如下。",
                "",
                f"公示时间：{start.month}月{start.day}日至{end.month}月{end.day}日。",
                "",
                "公示期间，党员和群众可通过来电、来信、来访等方式向党支部反映情况和意见。",
                f"联系电话：{BRANCH_PHONE}（工作日 9:00—17:00）",
                "来访地址：云杉苑会所一楼党群服务站",
            ]
            project.notices.append(
                {
                    "id": f"GS-{year}-{n:02d}",
                    "title": title,
                    "kind": kind,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "body": "\n".join(body),
                    "issuer": BRANCH,
                    "scope": "party" if rng.random() < 0.15 else "public",
                    # Art. 15's steps: proposed, reviewed and approved before it starts.
                    "proposed_by": "支部委员会",
                    "proposed_on": (start - timedelta(days=7)).isoformat(),
                    "reviewed_by": "支部委员会",
                    "reviewed_on": (start - timedelta(days=5)).isoformat(),
                    "approved_by": "支部委员会",
                    "approved_on": (start - timedelta(days=3)).isoformat(),
                }
            )

    dues = []
    for year in project.years:
        for quarter in range(1, 5):
            quarter_end = date(year, 12, 31) if quarter == 4 else date(year, quarter * 3 + 1, 1)
            if quarter_end > project.today:
                break
            members = rng.randint(18, 25)
            paid = members - (1 if rng.random() < 0.1 else 0)
            amount = fen(rng.randint(paid * 5_000, paid * 9_000))
            dues.append([f"{year}-Q{quarter}", str(members), str(paid), amount, amount, "public"])
    project.csvs["data/branch/dues.csv"] = Csv(
        ["period", "members", "paid_members", "amount", "remitted", "scope"], dues
    )


def plan_property(rng: random.Random, project: Project) -> None:
    rows = []
    for year in project.years:
        for month in range(1, 13):
            if (year, month) >= (project.today.year, project.today.month):
                break
            for class_, pledge in PLEDGES:
                received = rng.randint(2, 110)
                within = received - rng.randint(0, min(received, 8))
                rows.append([f"{year}-{month:02d}", class_, pledge, str(received), str(within)])
    project.csvs[PERFORMANCE] = Csv(["month", "class", "pledge", "received", "within_pledge"], rows)
    fees = [
        ["住宅物业服务费", "元/㎡·月", "1.80", "物业服务合同第十二条"],
        ["商铺物业服务费", "元/㎡·月", "3.20", "物业服务合同第十二条"],
        ["地下车位物业服务费", "元/个·月", "60.00", "物业服务合同第十三条"],
        ["地面车位租赁费", "元/个·月", "150.00", "只租给本小区业主，收入计入停车收益账户"],
        ["地面临时停车费", "元/小时", "2.00", "首30分钟免费，24小时内最高20元"],
        ["装修垃圾清运费", "元/㎡（建筑面积）", "6.00", "物业服务合同第十五条"],
    ]
    project.csvs["data/property/fees.csv"] = Csv(["item", "unit", "rate", "basis"], fees)
    # The requests register: no rows (the generated community keeps monthly totals only,
    # the hand-typed performance above).
    project.csvs["data/property/requests.csv"] = Csv(
        [
            "id", "received", "channel", "category", "summary", "building", "class",
            "on_site", "answered", "resolved", "status", "response", "handler",
        ],
        [],
    )  # fmt: skip
    # The disclosure log: no rows (the generated community names no rule profile).
    project.csvs["data/disclosures.csv"] = Csv(
        ["id", "subject", "period", "account", "posted", "until", "channel", "title"], []
    )


# The residents' voice tables (wish list, joint meetings, volunteer service): present and
# empty, as in a community that has not started keeping them.
VOICE = {
    "data/community_life/wishes.csv": [
        "id", "collected", "wish", "category", "building", "status", "claimant_kind",
        "claimant", "claimed", "done", "reason",
    ],
    "data/community_life/joint_meetings.csv": [
        "id", "date", "status", "kind", "parties", "topic", "place", "attendance",
    ],
    "data/community_life/joint_meeting_issues.csv": [
        "meeting", "issue", "title", "raised_by", "decision", "follow_up", "status", "note",
    ],
    "data/community_life/volunteer_activities.csv": [
        "id", "name", "place", "points_per_hour", "rule",
    ],
    "data/community_life/volunteer_service.csv": [
        "id", "date", "activity", "team", "people", "hours", "volunteer", "personal_basis",
        "consent_date", "personal_until",
    ],
    "data/community_life/volunteer_rewards.csv": ["partner", "item", "points", "note"],
}  # fmt: skip


def plan_voice(project: Project) -> None:
    for path, header in VOICE.items():
        project.csvs[path] = Csv(header, [])


SERVICES = (
    ("客户服务", "前台接待、报修受理和回访、投诉处理、公告发布。",
     "前台每日8:00—20:00有人值守；报修按“54321”承诺响应；投诉24小时内回复处理意见。",
     "每日", "客服主管"),
    ("秩序维护", "出入口值守，公共区域巡逻，突发事件先期处置。",
     "南门24小时双人值守；每2小时巡逻一次，夜间每1小时巡逻一次；接到警情5分钟内到场。",
     "24小时", "秩序维护主管"),
    ("保洁", "楼道、电梯轿厢、道路、广场、地下车库清扫保洁，生活垃圾分类收集和清运。",
     "楼道每日拖扫一次；电梯轿厢每日清洁两次；垃圾分类投放点每日清运两次。",
     "每日", "保洁主管"),
    ("绿化养护", "公共绿地、行道树和中心花园的浇灌、修剪、施肥和补植。",
     "草坪生长季每月修剪两次；病虫害发现后3日内防治；死株缺株在30日内补植。",
     "每周", "绿化主管"),
    ("共用设施设备维护", "供水加压泵房、排水管网、公共照明、单元门禁的巡查和维修。",
     "水泵房每日巡查一次；公共照明损坏24小时内修复；雨污水井每季度疏通一次。",
     "每日巡查", "工程主管"),
    ("停车管理", "地面停车秩序、道闸运行、临时停车费收取和日结对账。",
     "道闸故障2小时内恢复或改为人工放行；临时停车费每日日结，每月计入停车收益账户。",
     "24小时", "秩序维护主管"),
)  # fmt: skip


# --- planted errors ---------------------------------------------------------------


@dataclass
class Planted:
    """One planted error, located in the plan; ``where`` is resolved to a line on writing:
    ("csv", file, row index) or ("yaml", file, record index, field) or
    ("assertion", account, n)."""

    file: str
    field: str
    code: str
    where: tuple


class Planter:
    """Plants errors chosen so that each gives exactly one error of its own: rows the
    schema rejects only in the advertising ledger (whose balance checks then stop, a
    warning), balance-sensitive changes only in the parking ledger (amounts untouched)."""

    def __init__(self, project: Project, rng: random.Random) -> None:
        self.project = project
        self.rng = rng
        self.used: set[tuple] = set()

    def _row(self, file: str, test: Callable[[list[str]], bool] = lambda row: True) -> int | None:
        rows = self.project.csvs[file].rows
        candidates = [
            i
            for i in range(1, len(rows))
            if (file, i) not in self.used and (file, i - 1) not in self.used and test(rows[i])
        ]
        if not candidates:
            return None
        i = self.rng.choice(candidates)
        self.used.update({(file, i), (file, i - 1)})  # a duplicate voucher needs its neighbour
        return i

    def _csv(self, file: str, field: str, code: str, change, test=lambda row: True):
        i = self._row(file, test)
        if i is None:
            return None
        change(self.project.csvs[file].rows, i)
        return Planted(file, field, code, ("csv", file, i))

    def amount_type(self):
        def change(rows, i):
            rows[i][AMOUNT] += "元"

        return self._csv(LEDGER_FILES["advertising"], "amount", "type-error", change)

    def date_format(self):
        def change(rows, i):
            y, m, d = rows[i][DATE].split("-")
            rows[i][DATE] = f"{y}/{int(m)}/{int(d)}"

        return self._csv(LEDGER_FILES["advertising"], "date", "type-error", change)

    def enum(self):
        def change(rows, i):
            rows[i][TYPE] = "收入" if rows[i][TYPE] == "income" else "支出"

        return self._csv(LEDGER_FILES["advertising"], "type", "constraint-enum", change)

    def duplicate_voucher(self):
        def change(rows, i):
            rows[i][V] = rows[i - 1][V]

        return self._csv(LEDGER_FILES["advertising"], "voucher", "primary-key", change)

    def unknown_decision(self):
        def change(rows, i):
            rows[i][DECISION] = f"JY-{self.project.years[0] - 1}-99"

        return self._csv(
            LEDGER_FILES["advertising"],
            "decision",
            "foreign-key",
            change,
            lambda row: row[TYPE] == "cost",
        )

    def cost_without_decision(self):
        def change(rows, i):
            rows[i][DECISION] = ""

        return self._csv(
            LEDGER_FILES["parking"],
            "decision",
            "cost-needs-decision",
            change,
            lambda row: row[DECISION] != "" and Decimal(row[AMOUNT]) >= COST_THRESHOLD,
        )

    def mobile(self):
        number = f"1{self.rng.randint(3, 9)}{self.rng.randint(0, 999_999_999):09d}"

        def change(rows, i):
            rows[i][DESCRIPTION] += f"，车主电话{number}"

        return self._csv(LEDGER_FILES["parking"], "description", "pii-mobile", change)

    def meeting_in_future(self):
        def change(rows, i):
            _, m, d = rows[i][DATE].split("-")
            day = "28" if (m, d) == ("02", "29") else d
            rows[i][DATE] = f"{self.project.today.year + 1}-{m}-{day}"

        return self._csv(MEETINGS, "date", "date-in-future", change)

    def meeting_id_pattern(self):
        def change(rows, i):
            _, year, number = rows[i][V].split("-")
            rows[i][V] = f"HY-{year[2:]}-{number}"

        return self._csv(MEETINGS, "id", "constraint-pattern", change)

    def count_exceeds(self):
        def change(rows, i):
            rows[i][4] = str(int(rows[i][3]) + 1)

        return self._csv(PERFORMANCE, "within_pledge", "count-exceeds", change)

    def balance_off(self):
        assertions = self.project.assertions["parking"]
        free = [n for n in range(len(assertions)) if ("assertion", n) not in self.used]
        if not free:
            return None
        n = self.rng.choice(free)
        self.used.add(("assertion", n))
        assertions[n][1] += Decimal("0.01")
        return Planted(ACCOUNTS, "balance", "balance-mismatch", ("assertion", "parking", n))

    def _flip(self, body: str, code: str):
        """A rejected decision recorded as passed (nothing cites a rejected decision)."""
        free = [
            n
            for n, d in enumerate(self.project.decisions)
            if d.body == body and d.result == "rejected" and ("decision", n) not in self.used
        ]
        if not free:
            return None
        n = self.rng.choice(free)
        self.used.add(("decision", n))
        self.project.decisions[n].result = "passed"
        return Planted(DECISIONS, "result", code, ("yaml", DECISIONS, n, "result"))

    def result_flip(self):
        return self._flip("owners_assembly", "decision-result-mismatch")

    def committee_flip(self):
        return self._flip("committee", "committee-result-mismatch")

    def notice_end(self):
        free = [n for n in range(len(self.project.notices)) if ("notice", n) not in self.used]
        if not free:
            return None
        n = self.rng.choice(free)
        self.used.add(("notice", n))
        notice = self.project.notices[n]
        notice["end"] = (date.fromisoformat(notice["start"]) - timedelta(days=3)).isoformat()
        return Planted(NOTICES, "end", "notice-end-before-start", ("yaml", NOTICES, n, "end"))

    # The order errors are planted in: --errors 8 gives the first eight kinds.
    ORDER = (
        "amount_type",
        "balance_off",
        "enum",
        "result_flip",
        "duplicate_voucher",
        "notice_end",
        "cost_without_decision",
        "mobile",
        "unknown_decision",
        "date_format",
        "meeting_in_future",
        "committee_flip",
        "count_exceeds",
        "meeting_id_pattern",
    )

    def plant(self, count: int) -> list[Planted]:
        planted: list[Planted] = []
        kinds = list(self.ORDER)
        while len(planted) < count:
            if not kinds:
                raise ValueError(f"cannot plant {count} errors in a project this small")
            for name in list(kinds):
                if len(planted) == count:
                    break
                result = getattr(self, name)()
                if result is None:
                    kinds.remove(name)
                else:
                    planted.append(result)
        return planted


# --- writing --------------------------------------------------------------------


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class YamlLines:
    """Collects lines and the line number of each record's fields."""

    def __init__(self, header: list[str]) -> None:
        self.lines = list(header)
        self.where: dict[tuple, int] = {}

    def add(self, text: str, key: tuple | None = None) -> None:
        self.lines.append(text)
        if key is not None:
            self.where[key] = len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def procedure_dates(d: Decision) -> dict[str, date]:
    """A decision's procedure dates (builder/rules/procedure.py): an owners' vote
    announced 15 days before it opens (Property Management Regulations Art. 14) and open
    for five days; every decision published the day it is made (never after today)."""
    if d.body != "owners_assembly":
        return {"published": d.date}
    return {
        "announced": d.date - timedelta(days=20),
        "vote_start": d.date - timedelta(days=5),
        "vote_end": d.date,
        "published": d.date,
    }


def decisions_yaml(project: Project) -> YamlLines:
    out = YamlLines(
        [
            "# 业主大会、业主委员会决定（基准测试用合成数据）。",
            f"# 业主委员会决定：本届委员 {COMMITTEE_SIZE} 人，须全体委员过半数同意。",
        ]
    )
    for n, d in enumerate(project.decisions):
        out.add("")
        out.add(f"- id: {d.id}", (n, "id"))
        out.add(f"  date: {d.date.isoformat()}", (n, "date"))
        out.add(f"  body: {d.body}", (n, "body"))
        if d.matter is not None:
            out.add(f"  matter: {d.matter}", (n, "matter"))
        out.add(f"  title: {quoted(d.title)}", (n, "title"))
        out.add(f"  summary: {quoted(d.summary)}", (n, "summary"))
        out.add(f"  result: {d.result}", (n, "result"))
        for key, value in d.votes.items():
            out.add(f"  {key}: {value}", (n, key))
        for key, day in procedure_dates(d).items():
            out.add(f"  {key}: {day.isoformat()}", (n, key))
    return out


def notices_yaml(project: Project) -> YamlLines:
    out = YamlLines(["# 党务公示（基准测试用合成数据）。public 向社会公开；party 党内公开。"])
    for n, notice in enumerate(project.notices):
        out.add("")
        out.add(f"- id: {notice['id']}", (n, "id"))
        for key in ("title", "kind", "start", "end", "body", "issuer", "scope", *STEP_KEYS):
            value = notice[key]
            if key == "body":
                out.add("  body: |", (n, key))
                for line in value.split("\n"):
                    out.add(f"    {line}" if line else "")
            elif key in ("start", "end", "scope", *STEP_KEYS):
                out.add(f"  {key}: {value}", (n, key))
            else:
                out.add(f"  {key}: {quoted(value)}", (n, key))
    return out


def persons_yaml(project: Project) -> YamlLines:
    """One applicant for each public notice about admitting members, who consented
    before it (a non-public notice's persons belong in the private directory)."""
    out = YamlLines(["# 党务公示对象（基准测试用合成数据）。"])
    for n, notice in enumerate(project.notices):
        if notice["kind"] != "发展党员" or notice["scope"] != "public":
            continue
        out.add("")
        out.add(f"- notice: {notice['id']}")
        out.add(f"  person_name: {SURNAMES[n % len(SURNAMES)]}{GIVEN[n % len(GIVEN)]}")
        out.add("  person_education: 大学本科")
        out.add("  personal_basis: consent")
        consented = date.fromisoformat(str(notice["start"])) - timedelta(days=5)
        out.add(f"  consent_date: {consented.isoformat()}")
    return out


def accounts_yaml(project: Project) -> YamlLines:
    out = YamlLines(["# 公共收益账户（基准测试用合成数据）：余额核对点含当日全部分录。"])
    first = date(project.years[0], 1, 1)
    for account, name in ACCOUNT_NAMES.items():
        out.add(f"{account}:")
        out.add(f"  name: {name}")
        out.add(f"  opened: {first.isoformat()}")
        out.add(f'  opening_balance: "{project.openings[account]}"')
        out.add("  assertions:")
        for n, (day, balance) in enumerate(project.assertions[account]):
            out.add(f'    - {{date: {day.isoformat()}, balance: "{balance}"}}', (account, n))
    return out


def services_yaml() -> YamlLines:
    out = YamlLines(["# 物业服务事项和质量要求（基准测试用合成数据）。"])
    for n, (item, content, standard, frequency, responsible) in enumerate(SERVICES, 1):
        out.add("")
        out.add(f"- id: FW-{n:02d}")
        out.add(f"  item: {quoted(item)}")
        out.add(f"  content: {quoted(content)}")
        out.add(f"  standard: {quoted(standard)}")
        out.add(f"  frequency: {quoted(frequency)}")
        out.add(f"  responsible: {quoted(responsible)}")
    return out


COMMUNITY_YAML = f"""\
# 小区基本信息（基准测试用合成数据）。电话均为对外公开的办公座机。
name: 云杉苑
full_name: 江澜市临溪区云杉苑小区
address: 江澜市临溪区云杉路 16 号
neighbourhood_committee: 云杉社区居民委员会
property_company:
  name: {PROPERTY_COMPANY}
  service_phone: "0123-8816 5120"
  office: 云杉苑 5 幢底层物业服务中心
  hours: 每日 8:00—20:00 前台接待；夜间及节假日 24 小时值班
owners_committee:
  name: 云杉苑业主委员会
  phone: "0123-8816 5132"
  office: 云杉苑会所二楼业主委员会办公室
  mailbox: 南门岗亭西侧业主意见箱
  size: {COMMITTEE_SIZE}
party_branch:
  name: {BRANCH}
  contact: 云杉苑会所一楼党群服务站，电话 {BRANCH_PHONE}（工作日 9:00—17:00）
rules:
  cost_threshold:
    value: "{COST_THRESHOLD}"
    source: {{rules_of_procedure: 《业主大会议事规则》第二十一条, decision: RULES-DECISION}}
  committee_cost_limit:
    value: "50000.00"
    source: {{rules_of_procedure: 《业主大会议事规则》第二十一条, decision: RULES-DECISION}}
  committee_meeting:
    value: {{quorum: 过半数, approval: 过半数, approval_of: all}}
    source: {{rules_of_procedure: 《业主大会议事规则》第二十四条, decision: RULES-DECISION}}
"""

# The owners' register every owners' decision's totals are checked against (one issue
# before the first decision; 1150 parts, 24 of them buyers' second parts: 1126 owners).
REGISTER_YAML = f"""\
owners_register:
  - as_of: {{as_of}}
    source: 临溪区不动产登记中心出具的登记簿查询结果
    counts:
      - {{{{part: 全体业主, area: "{fen(TOTAL_AREA_CENTI)}", units: {TOTAL_OWNERS + 24},\
 developer_units: 0, extra_units: 24, owners: {TOTAL_OWNERS}}}}}
"""


def write_csv(path: Path, table: Csv) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(table.header)
        writer.writerows(table.rows)


def copy_static(out: Path) -> None:
    for part in COPIED:
        source, target = REPO / part, out / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)


def generate(
    size: int,
    out: Path,
    years: int = 10,
    seed: int = 1,
    errors: int = 0,
    today: date | None = None,
) -> dict:
    """Write the project to ``out`` (which must not exist or be empty); return its summary."""
    today = today or date.today()
    if years < 1:
        raise ValueError("--years must be at least 1")
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    project = Project(today, list(range(today.year - years + 1, today.year + 1)), size / 10_000)
    plan_decisions(random.Random(seed * 10 + 1), project)
    plan_ledgers(random.Random(seed * 10 + 2), project, size)
    plan_committee(random.Random(seed * 10 + 3), project)
    plan_branch(random.Random(seed * 10 + 4), project)
    plan_property(random.Random(seed * 10 + 5), project)
    plan_voice(project)
    planted = Planter(project, random.Random(seed * 10 + 9)).plant(errors)

    out.mkdir(parents=True, exist_ok=True)
    copy_static(out)
    yaml_files = {
        DECISIONS: decisions_yaml(project),
        NOTICES: notices_yaml(project),
        PERSONS: persons_yaml(project),
        ACCOUNTS: accounts_yaml(project),
        "data/property/services.yaml": services_yaml(),
    }
    for relpath, lines in yaml_files.items():
        path = out / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(lines.text(), encoding="utf-8")
    rules = next(d.id for d in project.decisions if d.role == "rules")
    community = COMMUNITY_YAML.replace("RULES-DECISION", rules)
    community += REGISTER_YAML.format(as_of=date(project.years[0], 1, 1).isoformat())
    (out / "data/community.yaml").write_text(community, encoding="utf-8")
    for relpath, table in project.csvs.items():
        write_csv(out / relpath, table)
        if (out / relpath).stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"{relpath} exceeds gongshi's 50 MB file limit")

    def line_of(p: Planted) -> int:
        if p.where[0] == "csv":
            return p.where[2] + 2
        if p.where[0] == "assertion":
            return yaml_files[ACCOUNTS].where[(p.where[1], p.where[2])]
        return yaml_files[p.where[1]].where[(p.where[2], p.where[3])]

    if errors:
        listing = sorted(
            (
                {"file": p.file, "line": line_of(p), "field": p.field, "code": p.code}
                for p in planted
            ),
            key=lambda e: (e["file"], e["line"], e["field"]),
        )
        (out / PLANTED).write_text(
            json.dumps(listing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    rows = {relpath: len(table.rows) for relpath, table in sorted(project.csvs.items())}
    rows[DECISIONS] = len(project.decisions)
    rows[NOTICES] = len(project.notices)
    summary = {
        "size": size,
        "years": years,
        "seed": seed,
        "errors": errors,
        "today": today.isoformat(),
        "rows": dict(sorted(rows.items())),
        "ledger_bytes": {f: (out / f).stat().st_size for f in LEDGER_FILES.values()},
    }
    # Written last: run.py takes a project with this file as completely generated.
    (out / MARKER).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", help="ledger rows across both accounts: 10k, 100k, 1M or N")
    parser.add_argument("out", type=Path, help="directory to create (must be empty)")
    parser.add_argument("--years", type=int, default=10, help="years of records (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--errors", type=int, default=0, help="plant N known errors")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="the last day (default: today)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        summary = generate(
            parse_size(args.size), args.out, args.years, args.seed, args.errors, args.today
        )
    except ValueError as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    print(f"generated in {time.perf_counter() - started:.1f} s: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
