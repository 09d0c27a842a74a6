"""Every registered rule, triggered by a realistic mistake written inline, and silent on
the sample.

Each case is the smallest project that shows the mistake (tests/inline.py writes it):
the rule must report exactly the expected (code, file, line, field), and the whole
report nothing else, so the input has no other fault. The meta-test keeps it so: a rule
added to the registry without a case here fails.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import REPO
from inline import (
    ACCOUNTS,
    COMMUNITY,
    COMMUNITY_TEXT,
    DECISIONS,
    PARKING,
    SETTINGS_TEXT,
    TODAY,
    codes,
    found,
    ledger,
    load,
)

from builder.pipeline import validate_project
from builder.rules import RuleContext, registered_rules

PARKING_ACCOUNT = """\
parking:
  name: 停车收益账户
  opened: 2024-01-01
  opening_balance: "1000.00"
"""
ASSEMBLY = """\
- id: JY-2024-01
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
"""
COMMITTEE = """\
- id: JY-2024-02
  date: 2024-03-09
  body: committee
  title: 关于道闸维修的决定
  summary: 同意更换东门道闸电机。
  result: passed
  members_total: 7
  members_present: 5
  members_approve: 4
  published: 2024-03-10
"""

FUND_ACCOUNT = """\
maintenance_fund:
  name: 专项维修资金账户
  kind: fund
  opened: 2024-01-01
  opening_balance: "99.50"
"""
FUND_LEDGER_HEADER = "id,date,kind,amount,source_account,source_voucher,description\n"


# The owners' register (community.yaml): the whole, buildings 3 and 6 (rules/register.py).
REGISTER_SETTINGS = SETTINGS_TEXT  # without inline's register
REGISTER_COMMUNITY = REGISTER_SETTINGS + (
    "owners_register:\n"
    "  - as_of: 2024-01-01\n"
    "    source: 某区不动产登记中心2023年12月28日出具的登记簿查询结果\n"
    "    counts:\n"
    '      - {part: 全体业主, area: "20000.00", units: 200, developer_units: 5, extra_units: 6,'
    " owners: 190}\n"
    '      - {part: 3幢, area: "10000.00", units: 100, developer_units: 5, extra_units: 2,'
    " owners: 94}\n"
    '      - {part: 6幢, area: "10000.00", units: 100, developer_units: 0, extra_units: 3,'
    " owners: 97}\n"
)
REGISTER_LINE = REGISTER_SETTINGS.count("\n") + 1  # owners_register:
# Building 3's vote on its roof: every ballot and the procedure's dates recorded.
PART_SCOPE_ASSEMBLY = """\
- id: JY-2024-01
  date: 2024-03-02
  body: owners_assembly
  matter: 5
  voting_scope: 3幢
  title: 关于使用专项维修资金维修3幢屋面的决定
  summary: 同意使用3幢业主的专项维修资金维修3幢屋面。
  result: passed
  total_area: 10000.00
  total_owners: 94
  voted_area: 8000.00
  voted_owners: 80
  approve_area: 6000.00
  approve_owners: 60
  oppose_area: 1500.00
  oppose_owners: 15
  abstain_area: 400.00
  abstain_owners: 4
  invalid_area: 100.00
  invalid_owners: 1
  announced: 2024-02-01
  vote_start: 2024-02-20
  vote_end: 2024-03-01
  published: 2024-03-03
"""


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# ASSEMBLY with every ballot and every procedure date (announced on line 20, 15 days
# before the vote), and a register whose totals are its totals.
# ASSEMBLY announced 15 days before its vote opens (Property Management Regulations Art. 14).
DATED_ASSEMBLY = ASSEMBLY.replace("announced: 2024-02-01", "announced: 2024-02-10").replace(
    "vote_start: 2024-02-17", "vote_start: 2024-02-25"
)


# rule name -> (the inline project, what the rule must report: (code, file, line, field))
# The requests register (rules/requests.py): its header, and a pledge of one class.
REQUEST_HEADER = (
    "id,received,channel,category,summary,building,class,on_site,answered,resolved,status,"
    "response,handler\n"
)
REQUEST_PLEDGE = """\
  response_pledge:
    value: [{class: 简单问题, limit: 40分钟, counts: resolved}]
    source: {contract: 《物业服务合同》第十二条}
"""
# The residents' voice records (data/community_life).
WISHES = "data/community_life/wishes.csv"
WISH_HEADER = (
    "id,collected,wish,category,building,status,claimant_kind,claimant,claimed,done,reason\n"
)
JOINT_MEETINGS = "data/community_life/joint_meetings.csv"
JOINT_ISSUES = "data/community_life/joint_meeting_issues.csv"
MEETING_HEADER = "id,date,status,kind,parties,topic,place,attendance\n"
ISSUE_HEADER = "meeting,issue,title,raised_by,decision,follow_up,status,note\n"
HELD_MEETINGS = (
    "LX-2026-01,2026-03-12,已召开,联席会议,社区党组织、业主委员会、物业服务企业,第一季度联席会议,,12\n"
    "LX-2026-02,2026-04-09,已召开,意见反馈会,业主委员会、物业服务企业,4月意见反馈会,,9\n"
)

CASES: dict[str, tuple[dict[str, str], list[tuple[str, str, int | None, str | None]]]] = {
    "check_accounts_have_ledgers": (
        {"ledger_parking": ledger("TC-2024-001,2024-01-08,income,临时停车费,12.00,汇总,,")},
        [("ledger-unknown-account", PARKING, None, None)],
    ),
    "check_amount_precision": (
        {
            "accounts": PARKING_ACCOUNT,
            "ledger_parking": ledger("TC-2024-001,2024-01-08,income,临时停车费,12.345,汇总,,"),
        },
        [("amount-precision", PARKING, 2, "amount")],
    ),
    "check_entry_dates": (
        {
            "accounts": PARKING_ACCOUNT,
            "ledger_parking": ledger(
                "TC-2024-001,2024-01-08,income,临时停车费,12.00,汇总,,",
                "TC-2023-901,2023-12-30,income,临时停车费,12.00,汇总,,",
            ),
        },
        [("date-before-opened", PARKING, 3, "date")],
    ),
    "check_balance_assertions": (
        {
            "accounts": PARKING_ACCOUNT
            + '  assertions:\n    - {date: 2024-01-31, balance: "1012.01"}\n',
            "ledger_parking": ledger("TC-2024-001,2024-01-08,income,临时停车费,12.00,汇总,,"),
        },
        [("balance-mismatch", ACCOUNTS, 6, "balance")],
    ),
    "check_cost_approval": (
        {
            "accounts": PARKING_ACCOUNT,
            "ledger_parking": ledger(
                # 5000元以上 includes 5,000.00 (Civil Code Art. 1259); more cases in
                # test_rule_settings.py.
                "TC-2024-001,2024-01-08,cost,道闸系统维修,5000.00,某智能科技有限公司,更换道闸电机,"
            ),
        },
        [("cost-needs-decision", PARKING, 2, "decision")],
    ),
    "check_rule_sources": (
        {
            # The source of the committee's meeting rule names a decision on matter 5,
            # not the owners' decision on their rules of procedure (Art. 278 item 1).
            "community": COMMUNITY_TEXT.replace("第二十四条}", "第二十四条, decision: JY-2024-01}"),
            "decisions": ASSEMBLY,
        },
        [
            (
                "rule-source-decision-not-rules",
                COMMUNITY,
                COMMUNITY_TEXT.splitlines().index(
                    "    source: {rules_of_procedure: 《业主大会议事规则》第二十四条}"
                )
                + 1,
                "rules.committee_meeting.source.decision",
            )
        ],
    ),
    "check_owners_uses": (
        {
            "accounts": PARKING_ACCOUNT,
            "decisions": ASSEMBLY,  # item 5 (using the fund), not item 9
            "ledger_parking": ledger(
                "TC-2024-001,2024-01-08,income,临时停车费,12.00,汇总,,",
                "TC-2024-002,2024-03-10,distribution,业主共有收益分配,500.00,某物业公司,抵扣物业费,JY-2024-01",
            ),
        },
        [("use-decision-not-allowed", PARKING, 3, "decision")],
    ),
    "check_vote_fields": (
        {"decisions": _edit(ASSEMBLY, "  voted_area: 6000.00\n", "")},
        [("decision-missing-votes", DECISIONS, 1, "voted_area")],
    ),
    "check_vote_counts": (
        {"decisions": _edit(ASSEMBLY, "approve_owners: 31", "approve_owners: 61")},
        [("decision-count-order", DECISIONS, 13, "approve_owners")],
    ),
    "check_ballots": (
        # The abstention left out of the participating figure: 29 + 31 + 1 is not 60.
        {"decisions": _edit(ASSEMBLY, "abstain_owners: 0", "abstain_owners: 1")},
        [("decision-ballots-sum", DECISIONS, 11, "voted_owners")],
    ),
    "check_area_precision": (
        {
            "decisions": _edit(ASSEMBLY, "approve_area: 3000.01", "approve_area: 3000.005").replace(
                "oppose_area: 2999.99", "oppose_area: 2999.995"
            )
        },
        [
            ("area-precision", DECISIONS, 12, "approve_area"),
            ("area-precision", DECISIONS, 14, "oppose_area"),
        ],
    ),
    "check_vote_threshold": (
        {
            "decisions": _edit(ASSEMBLY, "approve_owners: 31", "approve_owners: 30").replace(
                "oppose_owners: 29", "oppose_owners: 30"
            )
        },
        [("decision-result-mismatch", DECISIONS, 7, "result")],
    ),
    "check_committee_vote": (
        {"decisions": _edit(COMMITTEE, "members_approve: 4", "members_approve: 3")},
        [("committee-result-mismatch", DECISIONS, 6, "result")],
    ),
    "check_fund_uses": (
        {
            "decisions": ASSEMBLY + "\n" + COMMITTEE,
            "fund_uses": (
                "id,date,basis,decision,confirmed,project,location,works_scope,amount,contractor,status\n"
                "WX-2024-01,2024-06-12,owners_decision,JY-2024-02,,3幢屋面防水层翻新,3幢屋面,,"
                "86420.00,某防水工程有限公司,已验收\n"
            ),
        },
        [("fund-use-decision-not-assembly", "data/committee/fund_uses.csv", 2, "decision")],
    ),
    "check_fund_transfers": (
        {
            "accounts": PARKING_ACCOUNT + FUND_ACCOUNT,
            "ledger_parking": ledger(
                "TC-2024-001,2024-01-08,income,临时停车费,12.00,汇总,,",
                "TC-2024-002,2024-02-01,cost,电费,5.00,某物业公司,道闸用电,",
            ),
            "fund_ledger": FUND_LEDGER_HEADER
            + "ZJ-2024-01,2024-02-02,transfer_in,5.00,parking,TC-2024-002,停车收益转入\n",
        },
        [("fund-transfer-not-transfer", "data/committee/fund_ledger.csv", 2, "source_voucher")],
    ),
    "check_fund_transfers_received": (
        {
            "accounts": PARKING_ACCOUNT + FUND_ACCOUNT,
            "decisions": _edit(ASSEMBLY, "matter: 5", "matter: 6")
            .replace("approve_area: 3000.01", "approve_area: 4500.00")
            .replace("approve_owners: 31", "approve_owners: 45")
            .replace("oppose_area: 2999.99", "oppose_area: 1500.00")
            .replace("oppose_owners: 29", "oppose_owners: 15"),
            "ledger_parking": ledger(
                "TC-2024-001,2024-01-08,income,临时停车费,12.00,汇总,,",
                "TC-2024-002,2024-04-16,fund_transfer,转入专项维修资金,10.00,某维修资金专户,,JY-2024-01",
            ),
            "fund_ledger": FUND_LEDGER_HEADER,
        },
        [("fund-transfer-no-inflow", PARKING, 3, "type")],
    ),
    "check_fund_balance": (
        {
            "accounts": FUND_ACCOUNT
            + '  assertions:\n    - {date: 2024-12-31, balance: "100.01"}\n',
            "fund_ledger": FUND_LEDGER_HEADER + "ZJ-2024-01,2024-06-21,interest,0.50,,,专户结息\n",
        },
        [("fund-balance-mismatch", ACCOUNTS, 7, "balance")],
    ),
    "check_ids_are_path_names": (
        {
            # A community's own schema without the sample's id pattern.
            "schema_decision": (REPO / "data/schemas/decision.yaml")
            .read_text(encoding="utf-8")
            .replace(', pattern: "JY-[0-9]{4}-[0-9]{2}(-[0-9]{1,2})?"}}', "}}", 1),
            "decisions": _edit(ASSEMBLY, "id: JY-2024-01", "id: ../../index"),
        },
        [("id-not-path-name", DECISIONS, 1, "id")],
    ),
    "check_dates_not_future": (
        {
            "decisions": _edit(COMMITTEE, "date: 2024-03-09", "date: 2099-03-09").replace(
                "published: 2024-03-10", "published: 2099-03-10"
            )
        },
        [("date-in-future", DECISIONS, 2, "date")],
    ),
    "check_periods": (
        {
            "branch_notices": """\
                - id: GS-2024-01
                  title: 关于党费收缴情况的公示
                  kind: 党费收缴
                  start: 2024-06-03
                  end: 2024-06-01
                  body: 2024 年上半年党费已按时收缴。
                  issuer: 中共测试苑小区支部委员会
                  scope: public
                  proposed_by: 支部委员会
                  proposed_on: 2024-05-27
                  reviewed_by: 支部委员会
                  reviewed_on: 2024-05-28
                  approved_by: 支部委员会
                  approved_on: 2024-05-30
                """
        },
        [("notice-end-before-start", "data/branch/notices.yaml", 5, "end")],
    ),
    "check_disclosure": (
        {
            "branch_notices": """\
                - id: GS-2024-01
                  title: 关于党费收缴情况的公示
                  kind: 党费收缴
                  start: 2024-06-03
                  end: 2024-06-09
                  body: 2024 年上半年党费已按时收缴。
                  issuer: 中共测试苑小区支部委员会
                  scope: public
                  proposed_by: 支部委员会
                  proposed_on: 2024-05-27
                  reviewed_by: 支部委员会
                  reviewed_on: 2024-05-20
                  approved_by: 支部委员会
                  approved_on: 2024-05-30
                """
        },
        [("disclosure-steps-out-of-order", "data/branch/notices.yaml", 12, "reviewed_on")],
    ),
    "check_personal_basis": (
        {
            "branch_notices": """\
                - id: GS-2024-01
                  title: 关于拟接收预备党员的公示
                  kind: 发展党员
                  start: 2024-06-03
                  end: 2024-06-09
                  body: 经支部委员会审查，拟接收下列同志为预备党员。
                  issuer: 中共测试苑小区支部委员会
                  scope: public
                  proposed_by: 支部委员会
                  proposed_on: 2024-05-27
                  reviewed_by: 支部委员会
                  reviewed_on: 2024-05-28
                  approved_by: 支部委员会
                  approved_on: 2024-05-30
                """,
            "branch_notice_persons": """                - notice: GS-2024-01
                  person_name: 测试甲
                """,
        },
        [("personal-no-basis", "data/branch/notice_persons.yaml", 2, "personal_basis")],
    ),
    "check_person_in_text": (
        {
            "branch_notices": """                - id: GS-2024-01
                  title: 关于拟接收预备党员的公示
                  kind: 发展党员
                  start: 2024-06-03
                  end: 2024-06-09
                  body: 测试甲，男，1990年1月生，拟接收为预备党员。
                  issuer: 中共测试苑小区支部委员会
                  scope: public
                  proposed_by: 支部委员会
                  proposed_on: 2024-05-27
                  reviewed_by: 支部委员会
                  reviewed_on: 2024-05-28
                  approved_by: 支部委员会
                  approved_on: 2024-05-30
                """
        },
        [("personal-details-in-text", "data/branch/notices.yaml", 6, "body")],
    ),
    "check_request_times": (
        {
            "resident_requests": REQUEST_HEADER
            + "SQ-2026-001,2026-03-05 08:00,电话,公共设施,楼道灯不亮,3幢,简单问题,"
            "2026-03-05 07:50,,2026-03-05 08:20,已办结,更换灯泡,物业工程部\n"
        },
        [("request-time-before-received", "data/property/requests.csv", 2, "on_site")],
    ),
    "check_request_classes": (
        {
            "community": COMMUNITY_TEXT + REQUEST_PLEDGE,
            "resident_requests": REQUEST_HEADER
            + "SQ-2026-001,2026-03-05 08:00,电话,公共设施,楼道灯不亮,3幢,小问题,"
            "2026-03-05 08:10,,2026-03-05 08:20,已办结,更换灯泡,物业工程部\n",
        },
        [("request-class-unknown", "data/property/requests.csv", 2, "class")],
    ),
    "check_performance_agrees": (
        {
            "community": COMMUNITY_TEXT + REQUEST_PLEDGE,
            "resident_requests": REQUEST_HEADER
            + "SQ-2026-001,2026-03-05 08:00,电话,公共设施,楼道灯不亮,3幢,简单问题,"
            "2026-03-05 08:10,,2026-03-05 08:41,已办结,更换灯泡,物业工程部\n",
            "property_performance": (
                "month,class,pledge,received,within_pledge\n2026-03,简单问题,40分钟内解决,1,1\n"
            ),
        },
        [("performance-disagrees", "data/property/performance.csv", 2, "within_pledge")],
    ),
    "check_counts": (
        {
            "property_performance": (
                "month,class,pledge,received,within_pledge\n2025-01,紧急到场,5分钟内到场,4,5\n"
            )
        },
        [("count-exceeds", "data/property/performance.csv", 2, "within_pledge")],
    ),
    "check_personal_info": (
        {
            "accounts": PARKING_ACCOUNT,
            "ledger_parking": ledger(
                "TC-2024-001,2024-01-08,income,临时停车费,12.00,汇总,车主电话13812345678,"
            ),
        },
        [("pii-mobile", PARKING, 2, "description")],
    ),
    "check_placeholders": (
        {
            "decisions": _edit(
                ASSEMBLY, "title: 关于使用专项维修资金维修屋面的决定", "title: （请填写标题）"
            )
        },
        [("placeholder-text", DECISIONS, 5, "title")],
    ),
    "check_register_counts": (
        # Building 6's three further parts of buyers of several are no owners of their own.
        {
            "community": _edit(
                REGISTER_COMMUNITY, "extra_units: 3, owners: 97", "extra_units: 3, owners: 100"
            )
        },
        [("register-owners-arithmetic", COMMUNITY, REGISTER_LINE + 6, "owners")],
    ),
    "check_register_parts": (
        {"community": _edit(REGISTER_COMMUNITY, '6幢, area: "10000.00"', '6幢, area: "9999.99"')},
        [("register-parts-sum", COMMUNITY, REGISTER_LINE + 4, "area")],
    ),
    "check_decision_totals": (
        # Building 3 has 94 owners in the register in force on 2024-03-02.
        {
            "community": REGISTER_COMMUNITY,
            "decisions": _edit(PART_SCOPE_ASSEMBLY, "total_owners: 94", "total_owners: 95"),
        },
        [("decision-totals-differ", DECISIONS, 10, "total_owners")],
    ),
    "check_fund_use_scope": (
        # Building 3's vote cannot decide on building 6's roof.
        {
            "community": REGISTER_COMMUNITY,
            "decisions": PART_SCOPE_ASSEMBLY,
            "fund_uses": (
                "id,date,basis,decision,confirmed,project,location,works_scope,amount,contractor,status\n"
                "WX-2024-01,2024-06-12,owners_decision,JY-2024-01,,6幢屋面防水层翻新,6幢屋面,6幢,"
                "86420.00,某防水工程有限公司,已验收\n"
            ),
        },
        [("fund-use-outside-scope", "data/committee/fund_uses.csv", 2, "works_scope")],
    ),
    # Procedure dates (rules/procedure.py): COMMITTEE with a publication date; an owners'
    # decision with every ballot, every date and the register of its totals.
    "check_dates_order": (
        {"decisions": _edit(COMMITTEE, "published: 2024-03-10", "published: 2024-03-08")},
        [("decision-dates-order", DECISIONS, 10, "published")],
    ),
    "check_notice": (
        {
            "decisions": _edit(DATED_ASSEMBLY, "vote_start: 2024-02-25", "vote_start: 2024-02-24"),
            "community": COMMUNITY_TEXT,
        },
        [("decision-notice-short", DECISIONS, 20, "announced")],
    ),
    "check_dates_missing": (
        {"decisions": _edit(COMMITTEE, "  published: 2024-03-10\n", "")},
        [("decision-dates-missing", DECISIONS, 1, None)],
    ),
    "check_publication": (
        {
            # 3 days after Saturday 2024-03-09: Tuesday 03-12 is the last day.
            "decisions": _edit(COMMITTEE, "published: 2024-03-10", "published: 2024-03-13"),
            "community": COMMUNITY_TEXT
            + "  publication_deadline:\n    value: {days: 3}\n"
            + "    source: {rules_of_procedure: 《业主大会议事规则》第二十五条}\n",
        },
        [("decision-published-late", DECISIONS, 10, "published")],
    ),
    # The disclosure calendar (rules/calendar.py): Qingdao's Art. 44 gives a committee
    # decision three days, as COMMUNITY's own deadline above does.
    "check_calendar": (
        {
            "decisions": _edit(COMMITTEE, "published: 2024-03-10", "published: 2024-03-13"),
            "community": COMMUNITY_TEXT
            + "  disclosure_profile:\n    value: {profile: qingdao, since: 2024-01-01}\n"
            + "    source: {rules_of_procedure: 《业主大会议事规则》第二条}\n",
        },
        [("calendar-late", DECISIONS, 10, "published")],
    ),
    "check_wish_status": (
        {
            "wishes": WISH_HEADER + "XY-2026-001,2026-03-02,楼道灯换成感应灯,设施改善,7幢,已完成,"
            "单位,某物业公司,2026-03-05,,\n"
        },
        [("wish-done-no-date", WISHES, 2, "done")],
    ),
    "check_wish_dates": (
        {
            "wishes": WISH_HEADER + "XY-2026-001,2026-03-02,楼道灯换成感应灯,设施改善,7幢,已完成,"
            "单位,某物业公司,2026-03-05,2026-03-04,\n"
        },
        [("wish-dates-order", WISHES, 2, "done")],
    ),
    "check_planned_meetings": (
        {
            "joint_meetings": MEETING_HEADER + "LX-2026-01,2026-06-30,计划召开,联席会议,"
            "社区党组织、业主委员会,第二季度联席会议,,\n"
        },
        [("joint-meeting-planned-past", JOINT_MEETINGS, 2, "date")],
    ),
    "check_issue_follow_up": (
        {
            "joint_meetings": MEETING_HEADER + HELD_MEETINGS,
            "joint_meeting_issues": ISSUE_HEADER
            + "LX-2026-01,YT-2026-01,地下车库渗水,居民代表,查明渗水点,,跟进中,\n",
        },
        [("joint-issue-no-follow-up", JOINT_ISSUES, 2, "follow_up")],
    ),
    "check_issue_closed_once": (
        {
            "joint_meetings": MEETING_HEADER + HELD_MEETINGS,
            "joint_meeting_issues": ISSUE_HEADER
            + "LX-2026-01,YT-2026-01,地下车库渗水,居民代表,修补渗水点,物业服务企业,已解决,\n"
            + "LX-2026-02,YT-2026-01,地下车库渗水,居民代表,,物业服务企业,跟进中,\n",
        },
        [("joint-issue-after-closed", JOINT_ISSUES, 3, "issue")],
    ),
    "check_volunteer_person": (
        {
            "volunteer_activities": "id,name,place,points_per_hour,rule\n"
            "ZY-01,养老服务站陪伴老人,,2,\n",
            "volunteer_service": "id,date,activity,team,people,hours,volunteer,personal_basis,"
            "consent_date,personal_until\n"
            "FW-2026-001,2026-03-07,ZY-01,银龄互助志愿服务队,3,2,测试甲,consent,2026-03-01,\n",
        },
        [("volunteer-person-not-alone", "data/community_life/volunteer_service.csv", 2, "people")],
    ),
}
RULES = {rule.__name__: rule for rule in registered_rules()}
# What a rule rightly finds in the sample: its disclosure calendar shows a late item
# (the second quarter's common income, posted six days after the quarter's end).
SAMPLE_DAY = date(2026, 12, 1)
SAMPLE_FINDINGS = {"check_calendar": [("calendar-late", "data/disclosures.csv", 3, "posted")]}


def test_every_registered_rule_has_a_case():
    assert set(CASES) == set(RULES)


@pytest.fixture(scope="module")
def sample_records():
    return validate_project(REPO, date.today()).records


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_is_silent_on_the_sample(sample_records, name):
    # The sample's calendar is judged on a fixed build date (the statuses read it).
    problems = RULES[name](sample_records, RuleContext(date.today(), build_date=SAMPLE_DAY))
    assert [(p.code, p.file, p.line, p.field) for p in problems] == SAMPLE_FINDINGS.get(name, [])


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_catches_its_mistake(tmp_path, name):
    inputs, expected = CASES[name]
    validation = load(tmp_path, **inputs)
    assert found(RULES[name], validation) == expected
    # The report has nothing else: the inline input has no other fault.
    assert codes(validation) == sorted(code for code, *_ in expected)


def test_today_is_fixed_for_the_inline_cases():
    # The future-date case must stay in the future and the others in the past.
    assert date(2024, 12, 31) < TODAY < date(2099, 1, 1)


OWN_DECISION_SCHEMA = (
    (REPO / "data/schemas/decision.yaml")
    .read_text(encoding="utf-8")
    .replace(', pattern: "JY-[0-9]{4}-[0-9]{2}(-[0-9]{1,2})?"}}', "}}", 1)
)


@pytest.mark.parametrize(
    "decision_id, refused",
    [
        ("../../index", True),
        ("a/b", True),
        ("a\\\\b", True),
        ("..", True),
        (".hidden", True),
        ("JY 2024 01", True),
        ("JY-2024-01", False),
        ("业决-2024-01", False),
        ("2024.03_a", False),
    ],
)
def test_an_id_that_becomes_an_address_is_one_plain_path_segment(tmp_path, decision_id, refused):
    decisions = _edit(ASSEMBLY, "id: JY-2024-01", f'id: "{decision_id}"')
    validation = load(tmp_path, schema_decision=OWN_DECISION_SCHEMA, decisions=decisions)
    assert ("id-not-path-name" in codes(validation)) is refused
