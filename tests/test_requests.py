"""The requests register (居民诉求台账) against the response pledge (community.yaml
rules.response_pledge): each request judged against its class's limit, the limit
including its number ("以内", Civil Code Art. 1259: 民法所称的“以内”包括本数), days
counted as Art. 201 and 203 count them; and the hand-typed monthly performance agreeing
with the register where both hold a month."""

from __future__ import annotations

from datetime import date

import pytest
from inline import COMMUNITY, COMMUNITY_TEXT, codes, found, load

from builder.core.model import PledgeClass, Record, Source
from builder.core.requests import judge, monthly, share
from builder.rules.requests import (
    check_performance_agrees,
    check_request_classes,
    check_request_times,
)

PLEDGE = """\
  response_pledge:
    value:
      - {class: 紧急到场, limit: 5分钟, counts: on_site}
      - {class: 简单问题, limit: 40分钟, counts: resolved}
      - {class: 一般问题, limit: 3小时, counts: resolved}
      - {class: 复杂问题, limit: 2天, counts: resolved}
      - {class: 疑难问题, limit: 1天, counts: answered}
    source: {contract: 《物业服务合同》第十二条}
"""
WITH_PLEDGE = COMMUNITY_TEXT + PLEDGE
HEADER = (
    "id,received,channel,category,summary,building,class,on_site,answered,resolved,status,"
    "response,handler"
)
REQUESTS = "data/property/requests.csv"
PERFORMANCE = "data/property/performance.csv"


def register(*rows: str) -> str:
    return "\n".join((HEADER, *rows)) + "\n"


def row(n: int, received: str, klass: str, on_site="", answered="", resolved="", status="已办结"):
    return (
        f"SQ-2026-{n:03d},{received},电话,公共设施,楼道灯不亮,3幢,{klass},"
        f"{on_site},{answered},{resolved},{status},更换灯泡,物业工程部"
    )


def verdicts(tmp_path, *rows: str, build_date=date(2026, 6, 30)) -> list[str]:
    validation = load(tmp_path, community=WITH_PLEDGE, resident_requests=register(*rows))
    assert codes(validation) == []
    pledge = validation.records.community.rules.response_pledge
    requests = judge(validation.records.table("resident-requests"), pledge.value, build_date)
    return [r.verdict for r in requests]


def test_the_pledge_is_read_with_its_contract_clause(tmp_path):
    validation = load(tmp_path, community=WITH_PLEDGE)
    assert codes(validation) == []
    setting = validation.records.community.rules.response_pledge
    assert setting.value[1] == PledgeClass("简单问题", 40, "minutes", "resolved")
    assert setting.value[3] == PledgeClass("复杂问题", 2, "days", "resolved")
    assert setting.source.contract == "《物业服务合同》第十二条"


@pytest.mark.parametrize(
    "resolved, verdict",
    [
        ("2026-03-05 08:39", "met"),
        ("2026-03-05 08:40", "met"),  # exactly 40 minutes: 以内 includes the number
        ("2026-03-05 08:41", "late"),
    ],
)
def test_exactly_forty_minutes_is_within_forty_minutes(tmp_path, resolved, verdict):
    rows = [row(1, "2026-03-05 08:00", "简单问题", "2026-03-05 08:10", resolved, resolved)]
    assert verdicts(tmp_path, *rows) == [verdict]


@pytest.mark.parametrize(
    "on_site, verdict",
    [("2026-03-05 23:59", "met"), ("2026-03-06 00:00", "met"), ("2026-03-06 00:01", "late")],
)
def test_five_minutes_on_site_runs_across_midnight(tmp_path, on_site, verdict):
    rows = [row(1, "2026-03-05 23:55", "紧急到场", on_site, on_site, "2026-03-06 01:00")]
    assert verdicts(tmp_path, *rows) == [verdict]


@pytest.mark.parametrize(
    "resolved, verdict",
    [
        # Received Monday 2026-03-02 at 17:00: the day of receipt is not counted
        # (Art. 201), two days are Tuesday and Wednesday, ending at 24:00 (Art. 203).
        ("2026-03-04 23:59", "met"),
        ("2026-03-05 00:00", "met"),
        ("2026-03-05 08:00", "late"),
    ],
)
def test_two_days_are_counted_from_the_next_day_to_24_00(tmp_path, resolved, verdict):
    rows = [row(1, "2026-03-02 17:00", "复杂问题", "2026-03-02 17:30", resolved, resolved)]
    assert verdicts(tmp_path, *rows) == [verdict]


def test_two_days_ending_on_a_rest_day_move_to_the_next_working_day(tmp_path):
    # Received Thursday 2026-03-05: two days end Saturday the 7th, a rest day, so the
    # period ends on Monday the 9th (Art. 203).
    rows = [
        row(
            1,
            "2026-03-05 10:00",
            "复杂问题",
            "2026-03-05 10:30",
            "2026-03-09 16:00",
            "2026-03-09 16:00",
        )
    ]
    assert verdicts(tmp_path, *rows) == ["met"]


def test_a_hard_case_counts_to_its_plan_not_its_resolution(tmp_path):
    rows = [
        row(
            1, "2026-03-02 10:00", "疑难问题", "2026-03-02 14:00", "2026-03-03 16:30", "", "处理中"
        ),
        row(
            2,
            "2026-03-02 10:00",
            "疑难问题",
            "2026-03-02 14:00",
            "2026-03-04 09:00",
            "2026-03-20 10:00",
        ),
    ]
    assert verdicts(tmp_path, *rows) == ["met", "late"]


def test_an_open_request_is_overdue_only_once_its_limit_has_passed(tmp_path):
    rows = [row(1, "2026-06-29 09:00", "复杂问题", "2026-06-29 09:30", "", "", "处理中")]
    assert verdicts(tmp_path / "a", *rows, build_date=date(2026, 6, 30)) == ["pending"]
    assert verdicts(tmp_path / "b", *rows, build_date=date(2026, 7, 2)) == ["overdue"]


def test_the_monthly_figures_count_requests_in_the_month_received(tmp_path):
    rows = [
        row(
            1,
            "2026-03-31 23:50",
            "简单问题",
            "2026-04-01 00:05",
            "2026-04-01 00:20",
            "2026-04-01 00:20",
        ),
        row(
            2,
            "2026-04-01 08:00",
            "简单问题",
            "2026-04-01 08:10",
            "2026-04-01 09:00",
            "2026-04-01 09:00",
        ),
    ]
    validation = load(tmp_path, community=WITH_PLEDGE, resident_requests=register(*rows))
    pledge = validation.records.community.rules.response_pledge.value
    figures = monthly(
        judge(validation.records.table("resident-requests"), pledge, date(2026, 6, 30))
    )
    assert {k: (v.received, v.within_pledge) for k, v in figures.items()} == {
        ((2026, 3), "简单问题"): (1, 1),
        ((2026, 4), "简单问题"): (1, 0),
    }


def test_share_is_whole_percent_rounded_half_up():
    assert (share(2, 3), share(1, 8), share(0, 0), share(7, 7)) == (67, 13, None, 100)


def test_a_request_unjudged_without_a_pledge():
    record = Record(
        "resident-requests",
        {
            "id": "SQ-2026-001",
            "received": "2026-03-05 08:00",
            "class": "简单问题",
            "status": "处理中",
        },
        Source("f", 2, ()),
    )
    assert [r.verdict for r in judge([record], None, date(2026, 6, 30))] == ["unjudged"]


def test_times_that_are_no_real_moment_or_out_of_order_are_errors(tmp_path):
    rows = [
        row(1, "2026-02-30 08:00", "简单问题", "", "", "2026-03-01 08:00"),
        row(2, "2026-03-05 08:00", "简单问题", "2026-03-05 07:50", "", "2026-03-05 08:20"),
        row(3, "2026-03-05 08:00", "简单问题", "", "", ""),
        row(4, "2026-03-05 08:00", "简单问题", "", "", "2026-03-05 08:20", "处理中"),
        row(5, "2026-07-05 08:00", "简单问题", "", "", "2026-07-05 08:20"),
    ]
    validation = load(tmp_path, community=WITH_PLEDGE, resident_requests=register(*rows))
    assert found(check_request_times, validation) == [
        ("request-bad-time", REQUESTS, 2, "received"),
        ("request-time-before-received", REQUESTS, 3, "on_site"),
        ("request-resolved-missing", REQUESTS, 4, "resolved"),
        ("request-open-resolved", REQUESTS, 5, "status"),
        ("date-in-future", REQUESTS, 6, "received"),
        ("date-in-future", REQUESTS, 6, "resolved"),
    ]


def test_a_class_not_of_the_pledge_is_an_error(tmp_path):
    rows = [row(1, "2026-03-05 08:00", "小问题", "", "", "2026-03-05 08:20")]
    validation = load(tmp_path, community=WITH_PLEDGE, resident_requests=register(*rows))
    assert found(check_request_classes, validation) == [
        ("request-class-unknown", REQUESTS, 2, "class")
    ]
    (problem,) = [p for p in validation.report.problems if p.code == "request-class-unknown"]
    assert "简单问题" in problem.message and "小问题" in problem.message


PERFORMANCE_HEADER = "month,class,pledge,received,within_pledge"


@pytest.mark.parametrize(
    "performance, expected",
    [
        # The register's March: two simple problems, one in time.
        ("2026-03,简单问题,40分钟内解决,2,1", []),
        (
            "2026-03,简单问题,40分钟内解决,2,2",
            [("performance-disagrees", PERFORMANCE, 2, "within_pledge")],
        ),
        (
            "2026-03,简单问题,40分钟内解决,3,1",
            [("performance-disagrees", PERFORMANCE, 2, "received")],
        ),
        # A month before the register began is the hand-typed figures' own.
        ("2025-12,简单问题,40分钟内解决,30,29", []),
        # A month the register covers with none of a class: none received.
        (
            "2026-03,一般问题,3小时内解决,1,1",
            [
                ("performance-disagrees", PERFORMANCE, 2, "received"),
                ("performance-disagrees", PERFORMANCE, 2, "within_pledge"),
                ("performance-class-missing", PERFORMANCE, 2, "class"),
            ],
        ),
    ],
)
def test_the_hand_typed_month_agrees_with_the_register(tmp_path, performance, expected):
    rows = [
        row(
            1,
            "2026-03-05 08:00",
            "简单问题",
            "2026-03-05 08:10",
            "2026-03-05 08:40",
            "2026-03-05 08:40",
        ),
        row(
            2,
            "2026-03-06 08:00",
            "简单问题",
            "2026-03-06 08:10",
            "2026-03-06 09:00",
            "2026-03-06 09:00",
        ),
    ]
    validation = load(
        tmp_path,
        community=WITH_PLEDGE,
        resident_requests=register(*rows),
        property_performance=f"{PERFORMANCE_HEADER}\n{performance}\n",
    )
    assert found(check_performance_agrees, validation) == expected
    if expected:
        problem = next(p for p in validation.report.problems if p.code == expected[0][0])
        assert problem.severity == "error"


def test_the_disagreement_says_what_was_found_and_expected(tmp_path):
    rows = [row(1, "2026-03-05 08:00", "简单问题", "", "2026-03-05 08:40", "2026-03-05 08:40")]
    validation = load(
        tmp_path,
        community=WITH_PLEDGE,
        resident_requests=register(*rows),
        property_performance=f"{PERFORMANCE_HEADER}\n2026-03,简单问题,40分钟内解决,5,1\n",
    )
    (problem,) = [p for p in validation.report.problems if p.code == "performance-disagrees"]
    assert "5" in problem.message and "1" in problem.message and "2026-03" in problem.message
    assert "register has 1" in problem.message_en


@pytest.mark.parametrize(
    "value, code, field",
    [
        ("[{class: 简单问题, limit: 40 分钟, counts: resolved}]", None, None),
        (
            "[{class: 简单问题, limit: 40min, counts: resolved}]",
            "response-pledge-bad-limit",
            "rules.response_pledge.value.0.limit",
        ),
        (
            "[{class: 简单问题, limit: 0分钟, counts: resolved}]",
            "response-pledge-bad-limit",
            "rules.response_pledge.value.0.limit",
        ),
        (
            "[{class: 简单问题, limit: 40分钟, counts: fixed}]",
            "community-bad-choice",
            "rules.response_pledge.value.0.counts",
        ),
        (
            "[{class: 简单问题, limit: 40分钟, counts: resolved},"
            " {class: 简单问题, limit: 1小时, counts: resolved}]",
            "response-pledge-class-twice",
            "rules.response_pledge.value.1.class",
        ),
        ("40分钟", "response-pledge-bad", "rules.response_pledge.value"),
    ],
)
def test_a_mistyped_pledge_is_reported_at_its_key(tmp_path, value, code, field):
    community = COMMUNITY_TEXT + (
        f"  response_pledge:\n    value: {value}\n"
        "    source: {contract: 《物业服务合同》第十二条}\n"
    )
    validation = load(tmp_path, community=community)
    got = [(p.code, p.file, p.field) for p in validation.report.problems]
    assert got == ([] if code is None else [(code, COMMUNITY, field)])


def test_a_contract_source_is_one_kind_of_source(tmp_path):
    community = COMMUNITY_TEXT + (
        "  response_pledge:\n    value: [{class: 简单问题, limit: 40分钟, counts: resolved}]\n"
        "    source: {contract: 《物业服务合同》第十二条, law: civil-code, article: 285}\n"
    )
    validation = load(tmp_path, community=community)
    assert codes(validation) == ["rule-source-bad"]


@pytest.mark.parametrize(
    "platform, expected",
    [
        ('{name: 码上办, url: "https://mashangban.example.cn/", hotline: "12345"}', []),
        ('{name: 码上办, url: "mashangban.example.cn"}', ["reporting-platform-bad-url"]),
        ("码上办", ["reporting-platform-bad"]),
    ],
)
def test_the_reporting_platform_needs_a_web_address(tmp_path, platform, expected):
    community = COMMUNITY_TEXT.replace("# Last,", f"reporting_platform: {platform}\n# Last,")
    validation = load(tmp_path, community=community)
    assert codes(validation) == expected
    if not expected:
        assert validation.records.community.reporting_platform.hotline == "12345"


def test_a_phone_number_or_plate_in_a_request_is_found_by_the_personal_data_scan(tmp_path):
    rows = [
        row(1, "2026-03-05 08:00", "简单问题", "", "", "2026-03-05 08:20").replace(
            "楼道灯不亮", "楼道灯不亮，联系13912345678"
        ),
        row(2, "2026-03-05 09:00", "简单问题", "", "", "2026-03-05 09:20").replace(
            "楼道灯不亮", "浙A12345占用消防通道"
        ),
    ]
    validation = load(tmp_path, community=WITH_PLEDGE, resident_requests=register(*rows))
    found_codes = [
        (p.code, p.file, p.line, p.field)
        for p in validation.report.problems
        if p.code.startswith("pii-")
    ]
    assert found_codes == [
        ("pii-mobile", REQUESTS, 2, "summary"),
        ("pii-licence-plate", REQUESTS, 3, "summary"),
    ]
