"""The owners' register, the counting basis and voting scopes (SPC interpretation on
building ownership Art. 8-9; part-scope votes as the community's rule says): each count
is Art. 9's arithmetic, the parts add up to the whole, an owners' decision's totals are
its scope's count in the register in force on its date, and a fund use stays within the
scope of the vote it rests on."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from conftest import cli
from inline import COMMUNITY, DECISIONS, SETTINGS_TEXT, found, load, write_project

from builder.core.model import scope_parts
from builder.pipeline import validate_project
from builder.publish.downloads import build_downloads
from builder.publish.provenance import Provenance
from builder.rules.personal_info import check_personal_info
from builder.rules.register import (
    check_decision_totals,
    check_fund_use_scope,
    check_register_counts,
    check_register_parts,
    lies_within,
    register_match,
)

FUND_USES = "data/committee/fund_uses.csv"
USES_HEADER = (
    "id,date,basis,decision,confirmed,project,location,works_scope,amount,contractor,status"
)
BASIS = """\
  area_basis:
    value: register
    source: {law: spc-building-division-ownership-interpretation, article: 8}
  headcount_basis:
    value: units
    source: {law: spc-building-division-ownership-interpretation, article: 9}
"""
# inline's settings without a register of their own: these tests write theirs.
SETTINGS = SETTINGS_TEXT
assert "owners_register" not in SETTINGS
# The lines before the register: a count's line is BASE + its line in the snippet.
BASE = (SETTINGS + BASIS).count("\n")


def count(scope: str, area: str, units: int, developer: int, extra: int, owners: int) -> str:
    """One count of the register, as a line of its issue's counts."""
    return (
        f'      - {{part: {scope}, area: "{area}", units: {units}, '
        f"developer_units: {developer}, extra_units: {extra}, owners: {owners}}}\n"
    )


# Two buildings. Building 3: 100 parts, 5 of them the developer's unsold (one owner
# together), 2 a buyer's second parts: 100 - 5 + 1 - 2 = 94. Building 6: 100 - 3 = 97.
# The whole: 200 - 5 + 1 - 6 = 190; one buyer has a flat in each building, so the
# buildings' 191 owners are one more than the whole's.
REGISTER = (
    "owners_register:\n"
    "  - as_of: 2024-01-01\n"
    "    source: 某区不动产登记中心2023年12月28日出具的登记簿查询结果\n"
    "    counts:\n"
    + count("全体业主", "20000.00", 200, 5, 6, 190)
    + count("3幢", "10000.00", 100, 5, 2, 94)
    + count("6幢", "10000.00", 100, 0, 3, 97)
)
WHOLE, B3, B6 = BASE + 5, BASE + 6, BASE + 7


def community(register: str = REGISTER, part_scope_votes: str | None = None) -> str:
    text = SETTINGS + BASIS
    if part_scope_votes:
        text += (
            "  part_scope_votes:\n"
            f"    value: {part_scope_votes}\n"
            "    source: {rules_of_procedure: 《业主大会议事规则》第十九条}\n"
        )
        assert text.count("\n") == BASE + 3
    return text + register


def decision(
    scope: str | None = "3幢",
    area: str = "10000.00",
    owners: int = 94,
    day: str = "2024-03-02",
    note: str | None = None,
    ident: str = "JY-2024-01",
) -> str:
    """An owners' decision on the fund (item 5), 8000 ㎡ and 80 owners taking part."""
    lines = [
        f"- id: {ident}",
        f"  date: {day}",
        "  body: owners_assembly",
        "  matter: 5",
        *([f"  voting_scope: {scope}"] if scope else []),
        "  title: 关于使用专项维修资金维修屋面的决定",
        "  summary: 同意使用专项维修资金维修屋面。",
        "  result: passed",
        f"  total_area: {area}",
        f"  total_owners: {owners}",
        "  voted_area: 8000.00",
        "  voted_owners: 80",
        "  approve_area: 6000.00",
        "  approve_owners: 60",
        *([f"  totals_note: {note}"] if note else []),
    ]
    return "\n".join(lines) + "\n"


def line_in(text: str, needle: str) -> int:
    """The 1-based line of ``needle`` in a snippet (the snippet's first line is 1)."""
    return text[: text.index(needle)].count("\n") + 1


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- the counts: Art. 9's arithmetic, areas to 0.01 ㎡ -----------------------------------


def test_a_register_counted_as_article_nine_says_passes(tmp_path):
    validation = load(tmp_path, community=community())
    assert validation.report.valid, validation.report.errors
    assert found(check_register_counts, validation) == []
    assert found(check_register_parts, validation) == []
    whole = validation.records.register[0]
    assert (whole.as_of, whole.scope, whole.area) == (date(2024, 1, 1), (), Decimal("20000.00"))
    assert [c.scope for c in validation.records.register] == [(), ("3幢",), ("6幢",)]
    assert whole.source_ref.line_of("owners") == WHOLE
    assert whole.source_ref.line_of("source") == BASE + 3


def test_a_buyer_of_several_parts_is_one_owner(tmp_path):
    # Building 6's three further parts of buyers of several are no owners of their own:
    # 100 parts are 97 owners, not 100.
    text = community(edit(REGISTER, "extra_units: 3, owners: 97", "extra_units: 3, owners: 100"))
    validation = load(tmp_path, community=text)
    assert found(check_register_counts, validation) == [
        ("register-owners-arithmetic", COMMUNITY, B6, "owners")
    ]
    problem = next(p for p in validation.report.problems if p.code == "register-owners-arithmetic")
    assert "= 97 人" in problem.message and "100 人" in problem.message


def test_the_developers_unsold_parts_count_as_one_owner(tmp_path):
    # Building 3's five unsold parts are one owner together: 94, neither 93 (none) nor 98.
    for wrong in (93, 98):
        text = community(edit(REGISTER, "owners: 94}", f"owners: {wrong}}}"))
        validation = load(tmp_path / str(wrong), community=text)
        assert found(check_register_counts, validation) == [
            ("register-owners-arithmetic", COMMUNITY, B3, "owners")
        ]
        message = next(
            p.message for p in validation.report.problems if p.code == "register-owners-arithmetic"
        )
        assert "100 套 − 建设单位未售或未交付的 5 套 + 1" in message and "= 94 人" in message


def test_more_developer_parts_than_parts_is_reported_instead_of_the_sum(tmp_path):
    text = community(
        edit(REGISTER, "units: 100, developer_units: 5", "units: 100, developer_units: 105")
    )
    validation = load(tmp_path, community=text)
    assert found(check_register_counts, validation) == [
        ("count-exceeds", COMMUNITY, B3, "developer_units")
    ]


def test_an_area_with_three_decimals_is_refused(tmp_path):
    register = REGISTER.split("      - {part: 3幢")[0]  # the whole only: no sums
    text = community(edit(register, 'area: "20000.00"', 'area: "20000.004"'))
    validation = load(tmp_path, community=text)
    assert found(check_register_counts, validation) == [
        ("area-precision", COMMUNITY, WHOLE, "area")
    ]
    assert not validation.report.valid


# --- each issue: one whole, no scope twice, the parts add up -----------------------------


def test_the_buildings_add_up_to_the_whole(tmp_path):
    text = community(
        edit(REGISTER, '6幢, area: "10000.00", units: 100', '6幢, area: "9999.99", units: 99')
    )
    validation = load(tmp_path, community=text)
    assert found(check_register_parts, validation) == [
        ("register-parts-sum", COMMUNITY, WHOLE, "area"),
        ("register-parts-sum", COMMUNITY, WHOLE, "units"),
    ]
    message = next(p.message for p in validation.report.problems if p.code == "register-parts-sum")
    assert "各幢的专有部分面积合计 19999.99" in message and "20000.00" in message


def test_the_buildings_owners_are_at_least_the_whole(tmp_path):
    # 94 + 95 = 189 owners of the buildings cannot be fewer than the whole's 190.
    register = edit(REGISTER, "extra_units: 3, owners: 97", "extra_units: 5, owners: 95")
    validation = load(tmp_path, community=community(register))
    assert found(check_register_parts, validation) == [
        ("register-parts-owners", COMMUNITY, WHOLE, "owners")
    ]


def test_a_buildings_units_add_up_to_the_building(tmp_path):
    units = count("3幢1单元", "5000.00", 50, 5, 1, 45) + count("3幢2单元", "4000.00", 50, 0, 1, 49)
    validation = load(tmp_path, community=community(REGISTER + units))
    assert found(check_register_parts, validation) == [
        ("register-parts-sum", COMMUNITY, B3, "area")
    ]


def test_each_issue_counts_the_whole_once(tmp_path):
    register = edit(REGISTER, "part: 全体业主,", "part: 9幢,")
    validation = load(tmp_path, community=community(register))
    assert found(check_register_parts, validation) == [
        ("register-whole-missing", COMMUNITY, BASE + 2, "as_of")
    ]
    repeated = (
        REGISTER
        + count("3幢、6幢", "20000.00", 200, 5, 6, 190)
        + count("6幢、3幢", "20000.00", 200, 5, 6, 190)
    )
    validation = load(tmp_path / "repeated", community=community(repeated))
    assert found(check_register_parts, validation) == [
        ("register-scope-repeated", COMMUNITY, BASE + 9, "part")
    ]


def test_the_register_is_checked_against_its_schema_with_lines(tmp_path):
    register = edit(REGISTER, "owners: 97}", "owner: 97}")
    register = edit(register, "    counts:", "    note: 另见附件\n    counts:")
    validation = load(tmp_path, community=community(register))
    problems = [(p.code, p.file, p.line, p.field) for p in validation.report.problems]
    assert problems == [
        ("unknown-field", COMMUNITY, BASE + 4, "note"),
        ("unknown-field", COMMUNITY, B6 + 1, "owner"),
        ("constraint-required", COMMUNITY, B6 + 1, "owners"),
    ]
    validation = load(tmp_path / "not-list", community=community("owners_register: 2024-01-01\n"))
    assert [(p.code, p.line) for p in validation.report.errors] == [("register-not-list", BASE + 1)]


def test_the_registers_source_is_read_for_personal_information_once(tmp_path):
    # The register is published: a mobile number in its source is caught at its line,
    # once for the issue, not once for each of its three counts.
    register = edit(REGISTER, "查询结果", "查询结果（经办人电话13812345678）")
    validation = load(tmp_path, community=community(register))
    assert found(check_personal_info, validation) == [("pii-mobile", COMMUNITY, BASE + 3, "source")]


def test_a_project_made_before_the_register_still_opens(tmp_path):
    # Without data/schemas/owners_register.yaml the project opens and publishes no
    # register; a register written anyway is reported, not silently ignored.
    for text, expected in ((SETTINGS, []), (community(), ["register-schema-missing"])):
        root = write_project(tmp_path / str(len(expected)), community=text)
        (root / "data/schemas/owners_register.yaml").unlink()
        validation = validate_project(root, date(2026, 7, 1))
        assert [p.code for p in validation.report.problems] == expected
        assert validation.project.register_schema is None


def test_a_community_without_a_register_stays_valid(tmp_path):
    validation = load(tmp_path, community=SETTINGS)
    assert validation.report.valid and validation.report.problems == []
    assert validation.records.register == []
    assert validation.records.community.rules.part_scope_votes is None


# --- decisions' totals against the register in force on their date ------------------------


def test_a_part_scope_vote_counts_its_scopes_totals(tmp_path):
    validation = load(tmp_path, community=community(), decisions=decision())
    assert found(check_decision_totals, validation) == []
    match = register_match(validation.records.decisions["JY-2024-01"], validation.records)
    assert match is not None and match.count.scope == ("3幢",)
    assert not match.area_differs and not match.owners_differs and match.note is None


def test_a_part_scope_vote_with_the_whole_communitys_totals_is_an_error(tmp_path):
    text = decision(area="20000.00", owners=190)
    validation = load(tmp_path, community=community(), decisions=text)
    assert found(check_decision_totals, validation) == [
        ("decision-totals-differ", DECISIONS, line_in(text, "total_area"), "total_area"),
        ("decision-totals-differ", DECISIONS, line_in(text, "total_owners"), "total_owners"),
    ]
    message = next(
        p.message for p in validation.report.problems if p.code == "decision-totals-differ"
    )
    # Both figures, the issue and its source.
    assert "20000.00" in message and "10000.00" in message and "“3幢”" in message
    assert "2024-01-01" in message and "某区不动产登记中心" in message


def test_a_whole_community_vote_with_a_buildings_totals_is_an_error(tmp_path):
    text = decision(scope=None)  # the whole community, with building 3's 10000.00 and 94
    validation = load(tmp_path, community=community(), decisions=text)
    assert [f[0] for f in found(check_decision_totals, validation)] == [
        "decision-totals-differ"
    ] * 2
    match = register_match(validation.records.decisions["JY-2024-01"], validation.records)
    assert match is not None and match.count.scope == () and match.area_differs


def test_a_note_on_the_totals_stands_instead_of_the_error(tmp_path):
    text = decision(area="9950.00", owners=93, note="3幢101室于2024年2月灭失，名册之后注销")
    validation = load(tmp_path, community=community(), decisions=text)
    assert found(check_decision_totals, validation) == []
    match = register_match(validation.records.decisions["JY-2024-01"], validation.records)
    assert match is not None and match.area_differs and match.owners_differs
    assert match.note == "3幢101室于2024年2月灭失，名册之后注销"


def test_the_register_in_force_is_the_latest_issue_on_or_before_the_date(tmp_path):
    # The developer has sold and delivered its five parts since.
    later = (
        "  - as_of: 2025-01-01\n"
        "    source: 某区不动产登记中心2024年12月30日出具的登记簿查询结果\n"
        "    counts:\n"
        + count("全体业主", "20000.00", 200, 0, 6, 194)
        + count("3幢", "10000.00", 100, 0, 2, 98)
        + count("6幢", "10000.00", 100, 0, 3, 97)
    )
    text = community(REGISTER + later)
    # The day before the new issue: the old one holds (94 owners in building 3).
    validation = load(tmp_path, community=text, decisions=decision(day="2024-12-31"))
    assert found(check_decision_totals, validation) == []
    # On the new issue's day, 94 is out of date: building 3 now has 98 owners.
    stale = decision(day="2025-01-01")
    validation = load(tmp_path / "stale", community=text, decisions=stale)
    assert found(check_decision_totals, validation) == [
        ("decision-totals-differ", DECISIONS, line_in(stale, "total_owners"), "total_owners")
    ]
    message = next(
        p.message for p in validation.report.problems if p.code == "decision-totals-differ"
    )
    assert "2025-01-01" in message and "98" in message


def test_a_decision_without_a_count_in_force_is_a_warning(tmp_path):
    early = decision(day="2023-12-31")
    validation = load(tmp_path, community=community(), decisions=early)
    assert found(check_decision_totals, validation) == [
        ("decision-no-register-count", DECISIONS, line_in(early, "total_area"), "total_area")
    ]
    warning = next(p for p in validation.report.problems if p.code == "decision-no-register-count")
    assert warning.severity == "warning" and "最早一期名册是 2024-01-01" in warning.message
    # A scope the register does not count, and several buildings in one vote: that
    # exact scope needs its own count.
    for scope in ("9幢", "3幢、6幢"):
        text = decision(scope=scope)
        validation = load(tmp_path / scope, community=community(), decisions=text)
        assert [f[0] for f in found(check_decision_totals, validation)] == [
            "decision-no-register-count"
        ]
    both = REGISTER + count("3幢、6幢", "20000.00", 200, 5, 6, 190)
    text = decision(scope="6幢、3幢", area="20000.00", owners=190)
    validation = load(tmp_path / "both", community=community(both), decisions=text)
    assert found(check_decision_totals, validation) == []
    assert found(check_register_parts, validation) == []


def test_owners_decisions_without_a_register_are_one_warning(tmp_path):
    decisions = decision() + "\n" + decision(ident="JY-2024-02")
    validation = load(tmp_path, community=SETTINGS, decisions=decisions)
    assert found(check_decision_totals, validation) == [
        ("register-missing", COMMUNITY, None, "owners_register")
    ]
    warning = next(p for p in validation.report.problems if p.code == "register-missing")
    assert warning.severity == "warning" and "2 项" in warning.message


# --- fund uses within the scope of their vote ------------------------------------------


def uses(*rows: str) -> str:
    return "\n".join((USES_HEADER, *rows)) + "\n"


def use(scope: str, basis: str = "owners_decision", decision_id: str = "JY-2024-01") -> str:
    confirmed = "2024-03-10" if basis == "emergency" else ""
    return (
        f"WX-2024-01,2024-06-12,{basis},{decision_id},{confirmed},屋面防水层翻新,屋面,{scope},"
        "86420.00,某防水工程有限公司,已验收"
    )


@pytest.mark.parametrize(
    ("decision_scope", "use_scope", "ok"),
    [
        ("3幢", "3幢", True),
        ("3幢", "3幢1单元", True),  # a unit lies in its building
        ("3幢、6幢", "6幢", True),
        (None, "3幢", True),  # anything lies in the whole community
        ("3幢", "6幢", False),
        ("3幢", "", False),  # empty: the whole community, more than building 3
        ("3幢1单元", "3幢", False),
    ],
)
def test_a_fund_use_lies_within_its_decisions_scope(tmp_path, decision_scope, use_scope, ok):
    validation = load(
        tmp_path,
        decisions=decision(scope=decision_scope),
        fund_uses=uses(use(use_scope)),
    )
    expected = [] if ok else [("fund-use-outside-scope", FUND_USES, 2, "works_scope")]
    assert found(check_fund_use_scope, validation) == expected
    assert lies_within(scope_parts(use_scope), scope_parts(decision_scope)) is ok


@pytest.mark.parametrize(
    ("setting", "decision_scope", "use_scope", "expected"),
    [
        ("required", "3幢", "3幢", []),
        ("required", None, "", []),  # whole-community works, whole-community vote
        ("required", None, "3幢", [("fund-use-needs-part-vote", FUND_USES, 2, "decision")]),
        ("required", "3幢", "3幢1单元", [("fund-use-needs-part-vote", FUND_USES, 2, "decision")]),
        ("allowed", None, "3幢", []),
        ("allowed", "3幢", "3幢1单元", []),
        (None, None, "3幢", []),  # no setting: the national rule is silent
    ],
)
def test_part_scope_works_need_a_part_scope_vote_when_required(
    tmp_path, setting, decision_scope, use_scope, expected
):
    validation = load(
        tmp_path,
        community=community(part_scope_votes=setting),
        decisions=decision(scope=decision_scope),
        fund_uses=uses(use(use_scope)),
    )
    assert found(check_fund_use_scope, validation) == expected
    if expected:
        message = next(p.message for p in validation.report.problems if p.code == expected[0][0])
        assert "《业主大会议事规则》第十九条" in message


def test_an_emergency_use_is_not_scope_checked(tmp_path):
    committee = """\
- id: JY-2024-05
  date: 2024-03-09
  body: committee
  title: 关于申请紧急使用维修资金的决定
  summary: 3幢地下室给水主管冻裂，申请紧急使用维修资金抢修。
  result: passed
  members_total: 7
  members_present: 7
  members_approve: 7
"""
    validation = load(
        tmp_path,
        community=community(part_scope_votes="required"),
        decisions=committee,
        fund_uses=uses(use("6幢", basis="emergency", decision_id="JY-2024-05")),
    )
    assert found(check_fund_use_scope, validation) == []


# --- the settings --------------------------------------------------------------------


def test_the_counting_settings_are_read_with_their_sources(tmp_path):
    validation = load(tmp_path, community=community(part_scope_votes="required"))
    rules = validation.records.community.rules
    assert rules.area_basis.value == "register" and rules.area_basis.source.article == 8
    assert rules.headcount_basis.value == "units" and rules.headcount_basis.source.article == 9
    assert rules.part_scope_votes.value == "required"
    assert rules.part_scope_votes.source.rules_of_procedure == "《业主大会议事规则》第十九条"


@pytest.mark.parametrize(
    ("setting", "old", "meaning"),
    [
        ("area_basis", "value: register", "register（按不动产登记簿记载的面积"),
        ("part_scope_votes", "value: required", "required（只涉及部分楼幢、单元"),
    ],
)
def test_a_value_the_setting_does_not_know_is_refused(tmp_path, setting, old, meaning):
    text = edit(community(part_scope_votes="required"), old, "value: 按面积")
    validation = load(tmp_path, community=text)
    problems = [(p.code, p.field) for p in validation.report.errors]
    assert problems == [("community-bad-choice", f"rules.{setting}.value")]
    assert meaning in validation.report.errors[0].message  # each value with its meaning


# --- published, and through the command line -------------------------------------------


def test_the_register_is_published_with_chinese_headers_in_the_excel_copy(tmp_path):
    root = write_project(
        tmp_path / "p",
        community=community(),
        decisions=decision(),
        fund_uses=uses(use("3幢")),
    )
    validation = validate_project(root, date(2026, 7, 1))
    assert validation.report.valid, validation.report.errors
    provenance = Provenance("0" * 40, None, False, datetime(2026, 7, 1, tzinfo=UTC))
    files = {
        f.path: f.content
        for f in build_downloads(
            validation.project, validation.records, validation.report, provenance
        )
    }
    plain = list(csv.DictReader(io.StringIO(files["owners-register.csv"].decode("utf-8"))))
    assert [(r["part"], r["area"], r["owners"]) for r in plain] == [
        ("全体业主", "20000.00", "190"),
        ("3幢", "10000.00", "94"),
        ("6幢", "10000.00", "97"),
    ]
    excel = list(csv.reader(io.StringIO(files["excel/owners-register.csv"].decode("utf-8-sig"))))
    assert excel[0][:4] == ["名册日期", "数据来源", "范围", "专有部分面积（㎡）"]
    assert "业主人数" in excel[0]
    package = json.loads(files["datapackage.json"])
    names = [r["name"] for r in package["resources"]]
    assert {"owners-register", "owners-register-excel"} <= set(names)
    assert "owners-register.csv" in files["README.txt"].decode("utf-8-sig")
    # A voting scope is no disclosure range: the part-scope decision and fund use are
    # published, with their ids and scopes.
    decisions = list(csv.DictReader(io.StringIO(files["decisions.csv"].decode("utf-8"))))
    assert [(d["id"], d["voting_scope"]) for d in decisions] == [("JY-2024-01", "3幢")]
    fund_uses = list(csv.DictReader(io.StringIO(files["fund-uses.csv"].decode("utf-8"))))
    assert [(u["id"], u["works_scope"]) for u in fund_uses] == [("WX-2024-01", "3幢")]


def test_the_command_line_reports_totals_that_differ(tmp_path):
    text = decision(area="20000.00", owners=190)
    root = write_project(tmp_path / "p", community=community(), decisions=text)
    result = cli("validate", str(root), "--format", "json")
    assert result.returncode == 1, result.stdout
    report = json.loads(result.stdout)
    differ = [
        (e["file"], e["line"], e["field"])
        for e in report["errors"]
        if e["code"] == "decision-totals-differ"
    ]
    assert differ == [
        (DECISIONS, line_in(text, "total_area"), "total_area"),
        (DECISIONS, line_in(text, "total_owners"), "total_owners"),
    ]
