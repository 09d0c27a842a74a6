"""Procedure dates and deadlines: periods counted as Civil Code Art. 201 and 203 count
them (the day of the event not counted; a last day on a statutory rest day moves to
the day after the rest days), the 15 days' notice of an owners' assembly meeting
(Property Management Regulations Art. 14), the order of the dates, older records
without them, and the community's publication deadline (rules.publication_deadline)."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import chinese_calendar
import pytest
from conftest import gongshi
from inline import COMMUNITY, COMMUNITY_TEXT, DECISIONS, codes, found, load

from builder.core.periods import COVERED_YEARS, deadline_after
from builder.rules import RuleContext
from builder.rules.procedure import (
    check_dates_missing,
    check_dates_order,
    check_notice,
    check_publication,
    notice_check,
    publication_check,
)

SOURCE = "{rules_of_procedure: 《业主大会议事规则》第二十五条}"


def community(value: str = "{days: 3, count: calendar, severity: error}") -> str:
    """The test community with ``rules.publication_deadline`` set to ``value``."""
    return COMMUNITY_TEXT + f"  publication_deadline:\n    value: {value}\n    source: {SOURCE}\n"


def committee(decided: str, published: str | None) -> str:
    """A committee decision made on ``decided``; its ``published`` is on line 10."""
    text = textwrap.dedent(f"""\
        - id: JY-2025-05
          date: {decided}
          body: committee
          title: 关于续签广告合同的决定
          summary: 同意续签电梯轿厢广告位使用合同。
          result: passed
          members_total: 7
          members_present: 6
          members_approve: 6
        """)
    return text + (f"  published: {published}\n" if published else "")


def assembly(**dates: str) -> str:
    """An owners' assembly decision with every ballot; its dates from line 20 on."""
    text = textwrap.dedent("""\
        - id: JY-2025-02
          date: 2025-06-15
          body: owners_assembly
          matter: 5
          title: 关于维修屋面的决定
          summary: 同意使用维修资金维修屋面。
          result: passed
          total_area: 9000.00
          total_owners: 90
          voted_area: 6000.00
          voted_owners: 60
          approve_area: 4500.00
          approve_owners: 45
          oppose_area: 1500.00
          oppose_owners: 15
          abstain_area: 0
          abstain_owners: 0
          invalid_area: 0
          invalid_owners: 0
        """)
    return text + "".join(f"  {name}: {value}\n" for name, value in dates.items())


ALL_DATES = {
    "announced": "2025-05-15",
    "vote_start": "2025-06-01",
    "vote_end": "2025-06-15",
    "published": "2025-06-16",
}
LATE = ("decision-published-late", DECISIONS, 10, "published")


def _late(tmp_path: Path, decided: str, published: str, value: str | None = None):
    validation = load(
        tmp_path,
        community=community(value) if value else community(),
        decisions=committee(decided, published),
    )
    return validation, found(check_publication, validation)


# --- counting periods (core.periods) ---------------------------------------------------


def test_the_covered_years_are_the_calendars_own():
    assert (
        min(chinese_calendar.holidays).year,
        max(chinese_calendar.holidays).year,
    ) == COVERED_YEARS
    assert COVERED_YEARS[0] <= 2025 <= COVERED_YEARS[1]


def test_the_day_of_the_event_is_not_counted():
    deadline = deadline_after(date(2025, 6, 15), 3)
    assert (deadline.last_day, deadline.moved_from, deadline.covered) == (
        date(2025, 6, 18),
        None,
        True,
    )


def test_a_last_day_in_the_national_day_holiday_moves_to_the_day_after_it():
    deadline = deadline_after(date(2025, 9, 29), 3)  # 10-02, in the holiday of 10-01..10-08
    assert (deadline.last_day, deadline.moved_from) == (date(2025, 10, 9), date(2025, 10, 2))


def test_a_last_day_on_a_weekend_moves_but_not_on_a_working_weekend():
    # 2025-06-21 is a Saturday: the period ends on Monday.
    assert deadline_after(date(2025, 6, 18), 3).last_day == date(2025, 6, 23)
    # 2025-10-11 is a Saturday made a working day (调休): it is the last day.
    saturday = deadline_after(date(2025, 10, 8), 3)
    assert (saturday.last_day, saturday.moved_from) == (date(2025, 10, 11), None)


def test_working_days_skip_the_holiday():
    # 09-30, then the holiday 10-01..10-08, then 10-09 and 10-10.
    deadline = deadline_after(date(2025, 9, 29), 3, working_days=True)
    assert (deadline.last_day, deadline.working_days, deadline.covered) == (
        date(2025, 10, 10),
        True,
        True,
    )


def test_outside_the_calendar_the_count_says_it_is_not_covered():
    year = COVERED_YEARS[1] + 1
    calendar = deadline_after(date(year, 12, 30), 3)
    assert (calendar.last_day, calendar.moved_from, calendar.covered) == (
        date(year + 1, 1, 2),
        None,
        False,
    )
    # Working days fall back to Monday to Friday.
    working = deadline_after(date(year, 12, 30), 10, working_days=True)
    days = [date(year, 12, 31), *(date(year + 1, 1, n) for n in range(1, 20))]
    expected = [day for day in days if day.weekday() < 5][9]  # the tenth weekday
    assert (working.last_day, working.covered) == (expected, False)
    # A period whose days are all known is covered, even when its start is not.
    assert deadline_after(date(COVERED_YEARS[0] - 1, 12, 30), 10).covered


# --- the publication deadline ----------------------------------------------------------


@pytest.mark.parametrize(
    "published, expected",
    [
        ("2025-06-18", []),  # the third day after 06-15: on time
        ("2025-06-19", [LATE]),  # the fourth
    ],
)
def test_published_on_the_last_day_is_on_time_and_the_day_after_late(tmp_path, published, expected):
    validation, problems = _late(tmp_path, "2025-06-15", published)
    assert problems == expected
    assert codes(validation) == [code for code, *_ in expected]  # nothing else


def test_national_day_moves_the_deadline(tmp_path):
    validation, problems = _late(tmp_path, "2025-09-29", "2025-10-09")
    assert problems == []
    check = publication_check(
        validation.records.decisions["JY-2025-05"], validation.records.community
    )
    assert check is not None
    assert (check.deadline.last_day, check.deadline.moved_from, check.on_time) == (
        date(2025, 10, 9),
        date(2025, 10, 2),
        True,
    )
    assert check.setting.source.rules_of_procedure == "《业主大会议事规则》第二十五条"

    validation, problems = _late(tmp_path / "late", "2025-09-29", "2025-10-10")
    assert problems == [LATE]
    (late,) = [p for p in validation.report.problems if p.code == "decision-published-late"]
    assert late.severity == "error"
    for words in ("2025-10-09", "2025-10-02", "第二百零三条", "《业主大会议事规则》第二十五条"):
        assert words in late.message, late.message
    assert "2025-10-09" in late.message_en and "Art. 203" in late.message_en


def test_a_working_days_deadline_skips_the_holiday(tmp_path):
    value = "{days: 3, count: working}"
    assert _late(tmp_path, "2025-09-29", "2025-10-10", value)[1] == []
    validation, problems = _late(tmp_path / "late", "2025-09-29", "2025-10-11", value)
    assert problems == [LATE]
    (late,) = [p for p in validation.report.problems if p.code == "decision-published-late"]
    assert "3 个工作日" in late.message and "2025-10-10" in late.message


def test_a_year_outside_the_calendar_gives_a_warning_not_an_error(tmp_path):
    year = COVERED_YEARS[1] + 1
    later = date(year + 5, 1, 1)  # every date of the input in the past
    validation = load(
        tmp_path,
        today=later,
        community=community(),
        decisions=committee(f"{year}-12-30", f"{year + 1}-01-05"),
    )
    problems = [p for p in check_publication(validation.records, RuleContext(later))]
    assert [(p.code, p.line, p.severity) for p in problems] == [
        ("decision-deadline-unknown", 10, "warning")
    ]
    assert f"{COVERED_YEARS[0]}—{COVERED_YEARS[1]}" in problems[0].message
    check = publication_check(
        validation.records.decisions["JY-2025-05"], validation.records.community
    )
    assert check is not None and check.on_time is None and not check.deadline.covered
    assert validation.report.valid
    # Published by the unmoved last day: on time whatever the holidays.
    validation = load(
        tmp_path / "on-time",
        today=later,
        community=community(),
        decisions=committee(f"{year}-12-30", f"{year + 1}-01-02"),
    )
    assert list(check_publication(validation.records, RuleContext(later))) == []


def test_the_setting_can_make_a_late_publication_a_warning(tmp_path):
    validation, problems = _late(
        tmp_path, "2025-06-15", "2025-06-25", "{days: 3, severity: warning}"
    )
    assert problems == [LATE]
    assert [p.severity for p in validation.report.problems if p.code == LATE[0]] == ["warning"]
    assert validation.report.valid


def test_without_the_setting_nothing_is_judged(tmp_path):
    validation = load(tmp_path, decisions=committee("2025-06-15", "2025-12-31"))
    assert found(check_publication, validation) == []
    decision = validation.records.decisions["JY-2025-05"]
    assert publication_check(decision, validation.records.community) is None


# --- the 15 days' notice ----------------------------------------------------------------


@pytest.mark.parametrize(
    "vote_start, days, expected",
    [
        ("2025-05-30", 15, []),  # 05-16 .. 05-30: exactly 15 days
        ("2025-05-29", 14, [("decision-notice-short", DECISIONS, 20, "announced")]),
    ],
)
def test_notice_of_fifteen_days(tmp_path, vote_start, days, expected):
    dates = {**ALL_DATES, "vote_start": vote_start}
    validation = load(tmp_path, decisions=assembly(**dates))
    assert found(check_notice, validation) == expected
    check = notice_check(validation.records.decisions["JY-2025-02"])
    assert check is not None
    assert (check.days, check.required, check.met) == (days, 15, not expected)
    assert check.meeting == date.fromisoformat(vote_start)
    # A procedure defect is published with a flag: the records stay valid.
    assert validation.report.valid


def test_notice_without_a_vote_start_counts_to_the_decision(tmp_path):
    validation = load(tmp_path, decisions=assembly(announced="2025-06-01"))
    check = notice_check(validation.records.decisions["JY-2025-02"])
    assert check is not None
    assert (check.meeting_field, check.meeting, check.days, check.met) == (
        "date",
        date(2025, 6, 15),
        14,
        False,
    )
    (short,) = [p for p in validation.report.problems if p.code == "decision-notice-short"]
    assert "14 日" in short.message and "第十四条" in short.message


# --- order and missing dates -----------------------------------------------------------


def test_dates_out_of_order_are_an_error_at_the_later_field(tmp_path):
    dates = {**ALL_DATES, "vote_end": "2025-05-31", "published": "2025-06-14"}
    validation = load(tmp_path, decisions=assembly(**dates))
    assert found(check_dates_order, validation) == [
        ("decision-dates-order", DECISIONS, 22, "vote_end"),
        ("decision-dates-order", DECISIONS, 23, "published"),
    ]
    first = next(p for p in validation.report.problems if p.code == "decision-dates-order")
    for words in ("投票截止日期", "2025-05-31", "投票开始日期", "2025-06-01"):
        assert words in first.message, first.message
    assert not validation.report.valid


def test_missing_dates_give_one_warning_naming_them(tmp_path):
    validation = load(tmp_path, decisions=assembly(vote_end="2025-06-15"))
    assert found(check_dates_missing, validation) == [
        ("decision-dates-missing", DECISIONS, 1, None)
    ]
    (missing,) = [p for p in validation.report.problems if p.code == "decision-dates-missing"]
    assert missing.severity == "warning"
    assert "公告日期、投票开始日期、公布日期" in missing.message
    assert "announced, vote_start, published" in missing.message_en
    assert validation.report.valid

    validation = load(tmp_path / "committee", decisions=committee("2025-06-15", None))
    (missing,) = [p for p in validation.report.problems if p.code == "decision-dates-missing"]
    assert "公布日期" in missing.message

    validation = load(tmp_path / "complete", decisions=assembly(**ALL_DATES))
    assert found(check_dates_missing, validation) == []


# --- the setting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, code, field",
    [
        ('{days: "0"}', "community-bad-days", "rules.publication_deadline.value.days"),
        ('{days: "366"}', "community-bad-days", "rules.publication_deadline.value.days"),
        ("{days: 三}", "community-bad-days", "rules.publication_deadline.value.days"),
        ("{count: calendar}", "community-bad-days", "rules.publication_deadline.value.days"),
        (
            "{days: 3, count: weekly}",
            "community-bad-choice",
            "rules.publication_deadline.value.count",
        ),
        (
            "{days: 3, severity: fatal}",
            "community-bad-choice",
            "rules.publication_deadline.value.severity",
        ),
        ('"3"', "publication-deadline-bad", "rules.publication_deadline.value"),
        ("{days: 3, within: 3}", "unknown-field", "within"),
    ],
)
def test_a_bad_setting_names_its_key(tmp_path, value, code, field):
    validation = load(tmp_path, community=community(value))
    problems = [(p.code, p.file, p.field) for p in validation.report.problems]
    assert (code, COMMUNITY, field) in problems
    assert not validation.report.valid


def test_the_setting_defaults_to_calendar_days_and_an_error(tmp_path):
    validation = load(tmp_path, community=community("{days: 5}"))
    assert validation.report.valid
    assert validation.records.community is not None
    setting = validation.records.community.rules.publication_deadline
    assert setting is not None
    assert (setting.value.days, setting.value.working_days, setting.value.severity) == (
        5,
        False,
        "error",
    )


# --- through the command line -------------------------------------------------------------


def test_the_sample_publishes_on_time_and_a_late_one_fails_validation(project):
    path = project / DECISIONS
    text = path.read_text(encoding="utf-8")
    # JY-2025-05, decided 2025-09-29, is on time on 10-09 only because of the holiday.
    assert "  date: 2025-09-29\n" in text and "  published: 2025-10-09\n" in text
    line = text.splitlines().index("  published: 2025-10-09") + 1
    path.write_text(
        text.replace("  published: 2025-10-09\n", "  published: 2025-10-10\n"), encoding="utf-8"
    )
    result = gongshi("validate", str(project), "--format", "json")
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stdout
    report = json.loads(result.stdout)
    assert [(e["code"], e["file"], e["line"], e["field"]) for e in report["errors"]] == [
        ("decision-published-late", DECISIONS, line, "published")
    ]
    assert "2025-10-09" in report["errors"][0]["message"]

    # The community may make it a warning: valid again, the warning still there.
    settings = project / COMMUNITY
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "{days: 3, count: calendar, severity: error}",
            "{days: 3, count: calendar, severity: warning}",
        ),
        encoding="utf-8",
    )
    result = gongshi("validate", str(project), "--format", "json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    # (The sample's disclosure calendar has its own late item: tests/test_calendar.py.)
    warned = [w["code"] for w in report["warnings"] if not w["code"].startswith("calendar-")]
    assert warned == ["decision-published-late"]
