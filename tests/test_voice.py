"""The residents' voice records: the wish list, the joint meetings and volunteer
service. Their rules on inline input (a planned meeting may be dated ahead, a held one
may not; a wish's status needs its dates, claimant or reason; a volunteer's name needs
consent), and their boards' figures computed from the records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import REPO
from inline import TODAY, codes, load
from test_empty_sections import COMMUNITY, shown

from builder.core import personal
from builder.publish.provenance import Provenance
from builder.site import build, home, joint_meetings, volunteers, wishes
from builder.site.blocks import put_blocks
from builder.site.context import Site, make_site

WISHES = "data/community_life/wishes.csv"
MEETINGS = "data/community_life/joint_meetings.csv"
ISSUES = "data/community_life/joint_meeting_issues.csv"
SERVICE = "data/community_life/volunteer_service.csv"

WISH_HEADER = (
    "id,collected,wish,category,building,status,claimant_kind,claimant,claimed,done,reason\n"
)
MEETING_HEADER = "id,date,status,kind,parties,topic,place,attendance\n"
ISSUE_HEADER = "meeting,issue,title,raised_by,decision,follow_up,status,note\n"
ACTIVITIES = "id,name,place,points_per_hour,rule\nZY-01,养老服务站陪伴老人,,2,每小时2分\n"
SERVICE_HEADER = (
    "id,date,activity,team,people,hours,volunteer,personal_basis,consent_date,personal_until\n"
)


BUILT = datetime(2026, 11, 30, 4, tzinfo=UTC)


SITE_URL = "https://example.org/qinghe/"


def site_of(tmp_path, site_url: str = "", **tables: str) -> Site:
    """The site of the inline records, as built on BUILT from the records as published
    that day (``core.personal``)."""
    validation = load(tmp_path, community=COMMUNITY, today=BUILT.date(), **tables)
    assert validation.report.valid, validation.report.errors
    published = personal.published(validation.records, BUILT.date())
    config = {"site_url": site_url} if site_url else {}
    return make_site(REPO, published, Provenance(None, None, False, BUILT), config)


def made(tmp_path, pages, site_url: str = "", **tables: str) -> dict[str, str]:
    """The markup of each page ``pages`` makes of the inline records, tables in place."""
    site = site_of(tmp_path, site_url, **tables)
    return {page.src_uri: put_blocks(str(page.content), page.blocks) for page in pages(site)}


def rendered(tmp_path, pages, **tables: str) -> dict[str, str]:
    """The text of each page ``pages`` makes of the inline records, tables in place."""
    return {src: shown(markup) for src, markup in made(tmp_path, pages, **tables).items()}


def problems(validation) -> list[tuple[str, str, int | None, str | None]]:
    return sorted((p.code, p.file, p.line, p.field) for p in validation.report.problems)


# --- joint meetings: planned ones may be dated ahead ------------------------------


@pytest.mark.parametrize(
    "day, status, expected",
    [
        ("2026-09-10", "计划召开", []),
        ("2026-09-10", "已召开", [("date-in-future", MEETINGS, 2, "date")]),
        # Today is neither in the future nor past: held today, or planned for today.
        (TODAY.isoformat(), "已召开", []),
        (TODAY.isoformat(), "计划召开", []),
        ("2026-06-30", "计划召开", [("joint-meeting-planned-past", MEETINGS, 2, "date")]),
    ],
)
def test_a_planned_meeting_may_be_dated_ahead_and_a_held_one_may_not(
    tmp_path, day, status, expected
):
    row = f"LX-2026-01,{day},{status},联席会议,社区党组织、业主委员会,第三季度联席会议,,\n"
    validation = load(tmp_path, joint_meetings=MEETING_HEADER + row)
    assert problems(validation) == expected


def test_a_planned_meeting_records_no_decision_yet(tmp_path):
    validation = load(
        tmp_path,
        joint_meetings=MEETING_HEADER
        + "LX-2026-01,2026-09-10,计划召开,联席会议,社区党组织、业主委员会,第三季度联席会议,,\n",
        joint_meeting_issues=ISSUE_HEADER
        + "LX-2026-01,YT-2026-01,楼道照明,居民代表,,物业服务企业,新提出,\n"
        + "LX-2026-01,YT-2026-02,地下车库渗水,居民代表,修补伸缩缝,物业服务企业,跟进中,\n",
    )
    assert problems(validation) == [("joint-meeting-planned-decided", ISSUES, 3, "decision")]


# --- wishes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cells, expected",
    [
        ("待认领,,,,,", []),
        ("已认领,单位,某物业公司,2026-03-05,,", []),
        ("已认领,,,2026-03-05,,", [("wish-no-claimant", WISHES, 2, "claimant_kind")]),
        ("已认领,单位,,2026-03-05,,", [("wish-no-claimant", WISHES, 2, "claimant")]),
        ("已完成,志愿服务队,某服务队,2026-03-05,2026-03-20,", []),
        ("已完成,志愿服务队,某服务队,2026-03-05,,", [("wish-done-no-date", WISHES, 2, "done")]),
        ("待认领,,,,2026-03-20,", [("wish-done-date-not-done", WISHES, 2, "done")]),
        ("未能实现,,,,,涉及改变共有部分用途，已转交业主委员会", []),
        ("未能实现,,,,,", [("wish-declined-no-reason", WISHES, 2, "reason")]),
        # The three dates on one day are in order; a day earlier is not.
        ("已完成,党员,第一党小组党员,2026-03-02,2026-03-02,", []),
        ("已认领,党员,第一党小组党员,2026-03-01,,", [("wish-dates-order", WISHES, 2, "claimed")]),
        ("已完成,党员,第一党小组党员,,2026-03-01,", [("wish-dates-order", WISHES, 2, "done")]),
        # A party member claims under their group's name; a bare name reads as a person's.
        ("已认领,党员,方某某,2026-03-05,,", [("wish-claimant-person", WISHES, 2, "claimant")]),
        ("已认领,单位,方某某便利店,2026-03-05,,", []),
        # A done date after today is a typo the future-date guard finds.
        ("已完成,单位,某物业公司,2026-03-05,2026-08-01,", [("date-in-future", WISHES, 2, "done")]),
    ],
)
def test_a_wish_states_what_its_status_needs(tmp_path, cells, expected):
    row = f"XY-2026-001,2026-03-02,楼道灯换成感应灯,设施改善,7幢,{cells}\n"
    assert problems(load(tmp_path, wishes=WISH_HEADER + row)) == expected


# --- volunteer service: a person's name only with consent -------------------------


@pytest.mark.parametrize(
    "cells, expected",
    [
        ("3,2,,,,", []),
        ("1,2,测试甲,consent,2026-03-01,", []),
        ("1,2,测试甲,,,", ["personal-no-basis"]),
        ("1,2,测试甲,consent,,", ["personal-consent-no-date"]),
        # No law makes a volunteer's points public: consent is the only basis.
        ("1,2,测试甲,legal_duty,,", ["constraint-enum"]),
        ("3,2,测试甲,consent,2026-03-01,", ["volunteer-person-not-alone"]),
    ],
)
def test_a_volunteer_is_named_only_alone_and_with_consent(tmp_path, cells, expected):
    row = f"FW-2026-001,2026-03-07,ZY-01,银龄互助志愿服务队,{cells}\n"
    validation = load(
        tmp_path, volunteer_activities=ACTIVITIES, volunteer_service=SERVICE_HEADER + row
    )
    assert codes(validation) == expected


# --- the boards -------------------------------------------------------------------

WISH_ROWS = WISH_HEADER + (
    "XY-2026-001,2026-03-02,楼道灯换成感应灯,设施改善,7幢,已完成,单位,某物业公司,2026-03-05,2026-03-20,\n"
    "XY-2026-002,2026-04-02,补种桂花树,环境绿化,,已完成,志愿服务队,红管家志愿服务队,2026-04-05,2026-05-20,\n"
    "XY-2026-003,2026-09-01,老人代买药品,助老助残,6幢,已认领,党员,第二党小组党员,2026-09-10,,\n"
    "XY-2026-004,2026-11-20,加装夜间照明,设施改善,5幢,待认领,,,,,\n"
    "XY-2026-005,2026-05-01,楼前空地改菜园,环境绿化,4幢,未能实现,,,,,须由业主共同决定\n"
)


def test_the_wish_board_counts_the_records_and_lists_the_open_ones(tmp_path):
    pages = rendered(tmp_path, wishes.pages, wishes=WISH_ROWS)
    page = pages["voice/wishes.md"]
    # By status, then the total; by category, most first.
    assert "待认领 已认领 已完成 未能实现 合计 1 1 2 1 5" in page
    assert "环境绿化 设施改善 助老助残 2 2 1" in page
    # The open wishes, oldest first, with the days they have waited by the build date
    # (2026-11-30); the done and declined ones are not among them.
    waiting = page.split("## 还在等待的心愿")[1].split("## 2026 年收集的心愿")[0]
    assert "老人代买药品 助老助残 6幢 2026年9月1日 90 已认领 第二党小组党员（党员）" in waiting
    assert "加装夜间照明 设施改善 5幢 2026年11月20日 10 待认领" in waiting
    assert "楼道灯" not in waiting and "菜园" not in waiting
    assert "楼前空地改菜园（4幢） 环境绿化 2026年5月1日 未能实现 — 须由业主共同决定" in page


HELD = [
    ("LX-2026-01", "2026-01-08"),
    ("LX-2026-02", "2026-02-12"),
    ("LX-2026-03", "2026-03-12"),
    ("LX-2026-04", "2026-04-09"),
]
MEETING_ROWS = (
    MEETING_HEADER
    + "".join(
        f"{i},{d},已召开,意见反馈会,业主委员会、物业服务企业,{d[5:7]}月意见反馈会,会所,9\n"
        for i, d in HELD
    )
    + "LX-2026-05,2026-12-10,计划召开,联席会议,社区党组织、业主委员会,第四季度联席会议,议事厅,\n"
)


def issue_rows(number: str, title: str, *steps: tuple[str, str]) -> str:
    return "".join(
        f"{meeting},{number},{title},居民代表,,物业服务企业,{status},\n"
        for meeting, status in steps
    )


ISSUE_ROWS = ISSUE_HEADER + (
    # Open at three held meetings and still open: highlighted.
    issue_rows(
        "YT-2026-01",
        "地下车库渗水",
        ("LX-2026-02", "新提出"),
        ("LX-2026-03", "跟进中"),
        ("LX-2026-04", "跟进中"),
        ("LX-2026-05", "跟进中"),
    )
    # Open at two, then solved: never highlighted.
    + issue_rows("YT-2026-02", "南门乱停车", ("LX-2026-03", "新提出"), ("LX-2026-04", "已解决"))
    # Open at three, solved at the fourth: highlighted at the third meeting only.
    + issue_rows(
        "YT-2026-03",
        "充电桩不足",
        ("LX-2026-01", "新提出"),
        ("LX-2026-02", "跟进中"),
        ("LX-2026-03", "跟进中"),
        ("LX-2026-04", "已解决"),
    )
)


def test_an_issue_open_at_three_meetings_is_highlighted(tmp_path):
    pages = rendered(
        tmp_path, joint_meetings.pages, joint_meetings=MEETING_ROWS, joint_meeting_issues=ISSUE_ROWS
    )
    overview = pages["voice/meetings/index.md"]
    # The next meeting, by the build date (2026-11-30): the planned one.
    assert "下一次会议 2026年12月10日 · 联席会议（计划召开） 第四季度联席会议" in overview
    stalled = overview.split("## 连续")[1].split("## 历年会议")[0]
    assert (
        "地下车库渗水 （YT-2026-01） 连续 3 次未解决 2026年2月12日 跟进中（ 2026年4月9日 ）"
        in stalled
    )
    assert "南门" not in stalled and "充电桩" not in stalled
    assert "2026 年 4 1 3" in overview  # held, planned, issues
    year = pages["voice/meetings/2026.md"]
    assert year.count("已连续 3 次会议未解决") == 3  # YT-01 on 4-09 and 12-10, YT-03 on 3-12
    assert "已连续 2 次" not in year and "南门乱停车 （YT-2026-02） 已连续" not in year


def test_the_home_page_shows_open_wishes_and_the_next_meeting(tmp_path):
    page = rendered(
        tmp_path,
        lambda site: [home.home(site)],
        wishes=WISH_ROWS,
        joint_meetings=MEETING_ROWS,
    )["index.md"]
    assert "微心愿 ：还有 2 个心愿等待认领或正在办理" in page
    assert "下一次议事会或联席会议 ： 2026年12月10日 联席会议，议事厅" in page


SERVICE_ROWS = SERVICE_HEADER + (
    "FW-2026-001,2026-03-07,ZY-01,银龄互助志愿服务队,3,2,,,,\n"
    "FW-2026-002,2026-03-14,ZY-01,银龄互助志愿服务队,1,1.5,测试甲,consent,2026-03-01,\n"
    "FW-2026-003,2026-03-14,ZY-01,红管家志愿服务队,1,2.5,测试乙,consent,2026-03-01,2026-06-30\n"
)


def test_volunteer_totals_and_only_consenting_names_still_published(tmp_path):
    text = rendered(
        tmp_path, volunteers.pages, volunteer_activities=ACTIVITIES, volunteer_service=SERVICE_ROWS
    )["voice/volunteers.md"]
    assert "全年服务 3 次，5 人次，共 10 小时，记积分 20 分。" in text
    # Teams: 3 people × 2 h + 1 × 1.5 h = 7.5 h, 15 points; 1 × 2.5 h = 5 points.
    assert "银龄互助志愿服务队 2 4 7.5 15" in text
    assert "红管家志愿服务队 1 1 2.5 5" in text
    # 测试甲 consented; 测试乙's name was published until 2026-06-30 only.
    assert "测试甲 银龄互助志愿服务队 1.5 3" in text
    assert "测试乙" not in text


# --- the boards' A4 print versions ------------------------------------------------


def printed(markup: str, page: str) -> None:
    """The print version's front matter and foot, as every print version has them: the
    web page it prints, its address, and beside it the QR code of that address."""
    assert "template: print.html" in markup
    assert f'permanent_url: "{SITE_URL}{page}"' in markup
    assert 'src="../qr.svg"' in markup and SITE_URL + page in shown(markup)


def test_the_wish_board_prints_its_counts_and_the_waiting_wishes(tmp_path):
    pages = made(tmp_path, wishes.pages, SITE_URL, wishes=WISH_ROWS)
    assert set(pages) == {"voice/wishes.md", "voice/wishes/print.md"}
    assert '<a href="print/">打印版</a>' in pages["voice/wishes.md"]
    sheet = pages["voice/wishes/print.md"]
    printed(sheet, "voice/wishes/")
    web, text = shown(pages["voice/wishes.md"]), shown(sheet)
    # The web page's figures: by status and in all, the open wishes with their days.
    for figures in (
        "待认领 已认领 已完成 未能实现 合计 1 1 2 1 5",
        "老人代买药品 助老助残 6幢 2026年9月1日 90 已认领 第二党小组党员（党员）",
        "加装夜间照明 设施改善 5幢 2026年11月20日 10 待认领",
    ):
        assert figures in web and figures in text, figures
    assert "共收集微心愿 5 个，待认领 1 个，已认领 1 个，已完成 2 个，未能实现 1 个" in text
    # Only the waiting ones are listed; the row anchors stay on the web page.
    assert "楼道灯" not in text and "菜园" not in text
    assert 'id="XY-2026-003"' in pages["voice/wishes.md"] and 'id="XY-2026-003"' not in sheet


def test_a_board_without_records_has_no_print_version(tmp_path):
    pages = made(tmp_path, wishes.pages, SITE_URL, wishes=WISH_HEADER)
    assert set(pages) == {"voice/wishes.md"} and "打印版" not in pages["voice/wishes.md"]
    meetings = made(tmp_path / "m", joint_meetings.pages, SITE_URL, joint_meetings=MEETING_HEADER)
    assert set(meetings) == {"voice/meetings/index.md"}
    service = made(tmp_path / "v", volunteers.pages, SITE_URL, volunteer_activities=ACTIVITIES)
    assert (
        set(service) == {"voice/volunteers.md"} and "打印版" not in service["voice/volunteers.md"]
    )


# A meeting planned for next year: its year has nothing held to print yet.
NEXT_YEAR = "LX-2027-01,2027-01-14,计划召开,联席会议,社区党组织、业主委员会,年度联席会议,议事厅,\n"


def test_the_latest_year_of_meetings_prints_with_the_next_meeting_on_top(tmp_path):
    pages = made(
        tmp_path,
        joint_meetings.pages,
        SITE_URL,
        joint_meetings=MEETING_ROWS + NEXT_YEAR,
        joint_meeting_issues=ISSUE_ROWS,
    )
    assert set(pages) == {
        "voice/meetings/index.md",
        "voice/meetings/2026.md",
        "voice/meetings/2026/print.md",
        "voice/meetings/2027.md",
    }
    assert '<a href="print/">打印版</a>' in pages["voice/meetings/2026.md"]
    assert "打印版" not in pages["voice/meetings/2027.md"]
    sheet = pages["voice/meetings/2026/print.md"]
    printed(sheet, "voice/meetings/2026/")
    web, text = shown(pages["voice/meetings/2026.md"]), shown(sheet)
    top, meetings = text.split("新召开的在前")
    assert "下一次会议 2026年12月10日 · 联席会议（计划召开） 第四季度联席会议" in top
    # Every meeting of the year, newest first, with its issues as the web page has them.
    days = ["2026年12月10日", "2026年4月9日", "2026年3月12日", "2026年2月12日", "2026年1月8日"]
    assert [meetings.index(day + " ") for day in days] == sorted(
        meetings.index(day + " ") for day in days
    )
    assert "2027" not in meetings
    row = "南门乱停车（YT-2026-02）居民代表—物业服务企业已解决"
    assert row in "".join(web.split()) and row in "".join(text.split())
    # The issues open at three meetings or more, marked where the web page marks them.
    assert web.count("已连续 3 次会议未解决") == text.count("已连续 3 次会议未解决") == 3
    # No anchors: the links to an issue's row lead to the web page.
    assert 'id="YT-2026-01-LX-2026-04"' not in sheet


def test_volunteer_service_prints_the_years_totals_and_only_the_published_names(tmp_path):
    rewards = "partner,item,points,note\n青禾路惠民超市,洗衣液一瓶,20,\n"
    pages = made(
        tmp_path,
        volunteers.pages,
        SITE_URL,
        volunteer_activities=ACTIVITIES,
        volunteer_service=SERVICE_ROWS,
        volunteer_rewards=rewards,
    )
    assert set(pages) == {"voice/volunteers.md", "voice/volunteers/print.md"}
    assert '<a href="print/">打印版</a>' in pages["voice/volunteers.md"]
    sheet = pages["voice/volunteers/print.md"]
    printed(sheet, "voice/volunteers/")
    web, text = shown(pages["voice/volunteers.md"]), shown(sheet)
    for figures in (
        "养老服务站陪伴老人 — 2 每小时2分",  # the activity and its rule
        "全年服务 3 次，5 人次，共 10 小时，记积分 20 分。",
        "养老服务站陪伴老人 3 5 10 20",  # by activity
        "银龄互助志愿服务队 2 4 7.5 15",  # by team
        "红管家志愿服务队 1 1 2.5 5",
        "测试甲 银龄互助志愿服务队 1.5 3",  # consented, and still published
        "洗衣液一瓶 青禾路惠民超市 20",
    ):
        assert figures in web and figures in text, figures
    # 测试乙's name was published until 2026-06-30 only: on neither page.
    assert "测试乙" not in web and "测试乙" not in sheet


def test_every_voice_print_version_has_its_qr_code(tmp_path):
    site = site_of(
        tmp_path,
        SITE_URL,
        wishes=WISH_ROWS,
        joint_meetings=MEETING_ROWS,
        joint_meeting_issues=ISSUE_ROWS,
        volunteer_activities=ACTIVITIES,
        volunteer_service=SERVICE_ROWS,
    )
    made_pages = [*wishes.pages(site), *joint_meetings.pages(site), *volunteers.pages(site)]
    sheets = sorted(p.src_uri for p in made_pages if p.src_uri.endswith("/print.md"))
    assert sheets == [
        "voice/meetings/2026/print.md",
        "voice/volunteers/print.md",
        "voice/wishes/print.md",
    ]
    codes = build.qr_codes(site)
    for sheet in sheets:
        page = sheet.removesuffix("print.md")
        assert codes[page + "qr.svg"] == SITE_URL + page
