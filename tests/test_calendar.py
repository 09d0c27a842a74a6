"""The disclosure calendar: rule profiles, periods counted as Civil Code Art. 201-203
say, statuses judged at the build date, calendar.json, and `gongshi calendar`."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
import yaml
from conftest import REPO, gongshi
from inline import COMMUNITY_TEXT, found, load

from builder.core.periods import is_rest_day
from builder.load.profiles import load_profile, profile_ids
from builder.pipeline import validate_project
from builder.publish.calendar import calendar_dict
from builder.rules import RuleContext
from builder.rules.calendar import check_calendar, disclosure_calendar

LAW_TEXTS = REPO.parent / "shared/reference/law-texts.yaml"
COMMUNITY = "data/community.yaml"


def _profile_setting(profile: str, since: str = "2024-01-01", extra: str = "") -> str:
    return (
        COMMUNITY_TEXT
        + f"  disclosure_profile:\n    value: {{profile: {profile}, since: {since}{extra}}}\n"
        + "    source: {rules_of_procedure: 《业主大会议事规则》第二条}\n"
    )


def _committee(published: str, made: str = "2024-03-09") -> str:
    return f"""\
- id: JY-2024-02
  date: {made}
  body: committee
  title: 关于道闸维修的决定
  summary: 同意更换东门道闸电机。
  result: passed
  members_total: 7
  members_present: 5
  members_approve: 4
  published: {published}
"""


# --- the profiles ---------------------------------------------------------------------


def test_every_profile_loads_and_cites_articles_of_the_reference():
    ids = profile_ids()
    assert {"national", "beijing", "shanghai", "hangzhou", "ningbo", "qingdao"} <= set(ids)
    assert len(ids) >= 7
    if not LAW_TEXTS.exists():
        if os.environ.get("CI"):
            pytest.fail("law-texts.yaml is missing; CI has shared/ beside the clone")
        pytest.skip("shared/reference/law-texts.yaml is not beside this checkout")
    laws = yaml.safe_load(LAW_TEXTS.read_text(encoding="utf-8"))["laws"]
    articles = {(law["id"], a["number"]) for law in laws for a in law["articles"]}
    for profile_id in ids:
        profile = load_profile(profile_id)
        assert profile.rules, profile_id
        for rule in profile.rules:
            assert (rule.source.law, rule.source.article) in articles, (profile_id, rule)


def test_the_texts_numbers_are_the_profiles():
    shanghai, hangzhou, ningbo = (load_profile(p) for p in ("shanghai", "hangzhou", "ningbo"))
    # Shanghai Art. 66: common income every quarter, the fund at least every half-year.
    assert shanghai.rule("common_income").every == "quarter"
    assert shanghai.rule("maintenance_fund").every == "half_year"
    # Hangzhou Art. 30: every half-year, displayed at least fifteen days.
    assert (hangzhou.rule("common_income").every, hangzhou.rule("common_income").display_days) == (
        "half_year",
        15,
    )
    # Ningbo Art. 54: every year.
    assert ningbo.rule("common_income").every == "year"
    # The national rule (Civil Code Art. 281: 定期公布) has no frequency.
    national = load_profile("national").rule("maintenance_fund")
    assert national.every is None and national.source.article == 281


def test_a_profile_names_an_unknown_article_stops_with_file_and_line(tmp_path, monkeypatch):
    from builder.core.problems import ConfigError
    from builder.load import profiles

    (tmp_path / "broken.yaml").write_text(
        "title: 某市\nlaw: civil-code\nrules:\n"
        "  - {duty: common_income, source: {article: 9999}}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(profiles, "PROFILE_DIR", tmp_path)
    profiles.load_profile.cache_clear()
    try:
        with pytest.raises(ConfigError) as caught:
            profiles.load_profile("broken")
    finally:
        profiles.load_profile.cache_clear()
    assert caught.value.code == "profile-invalid"
    assert "broken.yaml" in caught.value.message and "第 4 行" in caught.value.message


# --- boundaries: within three days, quarter and half-year ends, Art. 203 ----------------


@pytest.mark.parametrize(
    "published, expected",
    [
        # 2024-06-12 (Wednesday): the 3rd day is 06-15 (Saturday), moved past the weekend
        # to Monday 06-17; see the next case for an unmoved one.
        ("2024-06-17", []),
        ("2024-06-18", [("calendar-late", "data/committee/decisions.yaml", 10, "published")]),
    ],
)
def test_within_three_days_moves_past_rest_days(tmp_path, published, expected):
    validation = load(
        tmp_path,
        community=_profile_setting("qingdao"),
        decisions=_committee(published, made="2024-06-12"),
    )
    assert found(check_calendar, validation) == expected


@pytest.mark.parametrize(
    "published, late", [("2024-03-10", False), ("2024-03-11", False), ("2024-03-12", True)]
)
def test_the_third_day_is_on_time_the_fourth_late(tmp_path, published, late):
    # Decided on Friday 2024-03-08: day 1 is 03-09, the 3rd day 03-11 (Monday).
    validation = load(
        tmp_path,
        community=_profile_setting("qingdao"),
        decisions=_committee(published, made="2024-03-08"),
    )
    calendar = disclosure_calendar(validation.records, date(2024, 7, 1))
    item = next(i for i in calendar.items if i.decision is not None)
    assert item.due_day == date(2024, 3, 11)
    assert item.status == ("late" if late else "done-on-time")
    assert item.days_late == (1 if late else None)


LOG_HEADER = "id,subject,period,account,posted,until,channel,title\n"


def _log(*rows: str) -> str:
    return LOG_HEADER + "".join(row + "\n" for row in rows)


@pytest.mark.parametrize(
    "posted, status",
    [("2025-03-31", "done-on-time"), ("2025-04-01", "late")],
)
def test_a_quarter_ends_on_its_last_day(tmp_path, posted, status):
    validation = load(
        tmp_path,
        community=_profile_setting("qingyuan", since="2025-01-01"),
        disclosures=_log(f"D-2025-01,common_income,2025-Q1,,{posted},,both,第一季度公共收益"),
    )
    calendar = disclosure_calendar(validation.records, date(2025, 4, 10))
    [item] = [i for i in calendar.items if i.period == "2025-Q1"]
    assert not is_rest_day(date(2025, 3, 31))
    assert (item.due_day, item.status) == (date(2025, 3, 31), status)


def test_a_half_year_ending_on_a_rest_day_moves(tmp_path):
    # 2023-12-31 is a Sunday and 2024-01-01 New Year's Day: the last day is 01-02.
    validation = load(
        tmp_path,
        community=_profile_setting("shanghai", since="2023-07-01"),
        disclosures=_log("D-2024-01,maintenance_fund,2023-H2,,2024-01-02,,both,下半年维修资金"),
    )
    calendar = disclosure_calendar(validation.records, date(2024, 1, 10))
    [item] = [i for i in calendar.items if i.period == "2023-H2"]
    assert item.due is not None and item.due.moved_from == date(2023, 12, 31)
    assert (item.due_day, item.status) == (date(2024, 1, 2), "done-on-time")


# --- the build date decides, and the profile decides the duties -------------------------


def test_the_build_date_decides_every_status(tmp_path):
    validation = load(
        tmp_path,
        community=_profile_setting("shanghai", since="2025-01-01"),
        disclosures=_log("D-2025-01,common_income,2025-Q1,,2025-03-20,,both,第一季度公共收益"),
    )
    early = disclosure_calendar(validation.records, date(2025, 5, 1))
    later = disclosure_calendar(validation.records, date(2025, 8, 1))
    q2 = [i.status for i in early.items if i.period == "2025-Q2" and i.rule.every == "quarter"]
    q2_later = [
        i.status for i in later.items if i.period == "2025-Q2" and i.rule.every == "quarter"
    ]
    assert q2 == ["upcoming"]  # no account: one item for the duty
    assert q2_later == ["overdue"]
    overdue = [i for i in later.items if i.period == "2025-Q2" and i.rule.every == "quarter"]
    assert overdue[0].days_late == 32  # 2025-06-30 to 2025-08-01
    problems = list(
        check_calendar(validation.records, RuleContext(date.today(), build_date=date(2025, 8, 1)))
    )
    assert "calendar-overdue" in {p.code for p in problems}
    assert all(p.severity == "warning" for p in problems)


def test_lateness_can_be_an_error(tmp_path):
    validation = load(
        tmp_path,
        community=_profile_setting("qingdao", extra=", lateness: error"),
        decisions=_committee("2024-03-13"),
    )
    [late] = check_calendar(validation.records, RuleContext(date(2026, 7, 1)))
    assert (late.code, late.severity) == ("calendar-late", "error")


def test_switching_the_samples_profile_changes_the_duties(project):
    settings = project / COMMUNITY
    text = settings.read_text(encoding="utf-8")
    assert "profile: shanghai" in text
    day = date(2026, 12, 1)

    def duties(profile: str) -> dict[str, str | None]:
        settings.write_text(text.replace("profile: shanghai", f"profile: {profile}"), "utf-8")
        records = validate_project(project, build_date=day).records
        calendar = disclosure_calendar(records, day)
        return {f"{r.duty}:{r.body}": r.every for r in calendar.rules}

    shanghai, ningbo, hangzhou = duties("shanghai"), duties("ningbo"), duties("hangzhou")
    assert shanghai["common_income:None"] == "quarter"  # Shanghai Art. 66
    assert ningbo["common_income:None"] == "year"  # Ningbo Art. 54
    assert hangzhou["common_income:None"] == "half_year"  # Hangzhou Art. 30
    assert "seal_use:None" in hangzhou and "seal_use:None" not in shanghai  # Hangzhou 30(6)


def test_a_stricter_community_rule_wins_and_a_looser_one_is_set_aside(tmp_path):
    own = (
        "  disclosure_rules:\n"
        "    value:\n"
        "      - {duty: decisions, body: committee, within_days: 1}\n"
        "      - {duty: common_income, every: year}\n"
        "    source: {rules_of_procedure: 《业主大会议事规则》第二十六条}\n"
    )
    validation = load(
        tmp_path,
        community=_profile_setting("shanghai", since="2024-03-01") + own,
        # Made on Wednesday 03-06: within Shanghai's 3 days, not within the community's 1.
        decisions=_committee("2024-03-08", made="2024-03-06"),
    )
    calendar = disclosure_calendar(validation.records, date(2024, 3, 20))
    committee = next(r for r in calendar.rules if r.key == ("decisions", "committee"))
    assert (committee.within_days, committee.origin) == (1, "community")
    assert committee.source.rules_of_procedure == "《业主大会议事规则》第二十六条"
    income = next(r for r in calendar.rules if r.duty == "common_income")
    assert income.every == "quarter"  # the profile's: the community's yearly one is looser
    problems = found(check_calendar, validation, today=date(2024, 3, 20))
    assert ("calendar-late", "data/committee/decisions.yaml", 10, "published") in problems
    assert ("calendar-rule-looser", COMMUNITY, problems[0][2], "rules.disclosure_rules") in [
        p for p in problems if p[0] == "calendar-rule-looser"
    ]


def test_an_unknown_profile_is_a_clear_error(tmp_path):
    validation = load(tmp_path, community=_profile_setting("atlantis"))
    bad = [p for p in validation.report.problems if p.code == "disclosure-profile-bad"]
    assert [(p.file, p.field) for p in bad] == [
        (COMMUNITY, "rules.disclosure_profile.value.profile")
    ]
    assert "shanghai" in bad[0].message


# --- the sample, calendar.json and the command line ----------------------------------


def _run_calendar(project, epoch: str, *args: str):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "builder", "calendar", str(project), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        timeout=120,
    )


def _epoch(day: str) -> str:
    from datetime import UTC, datetime

    return str(int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp()) + 6 * 3600)


def test_the_sample_shows_on_time_late_and_upcoming_items():
    result = _run_calendar(REPO, _epoch("2026-12-01"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["profile"] == "shanghai" and data["build_date"] == "2026-12-01"
    by_status = {}
    for item in data["items"]:
        by_status.setdefault(item["status"], []).append(item)
    assert {"done-on-time", "late", "upcoming", "no-frequency"} <= set(by_status)
    late = by_status["late"][0]
    assert (late["duty"], late["period"], late["due_date"], late["publication_date"]) == (
        "common_income",
        "2026-Q2",
        "2026-06-30",
        "2026-07-06",
    )
    assert late["days_late"] == 6
    assert late["source"]["law"] == "shanghai-residential-property-management-provisions"
    assert late["source"]["article"] == 66
    for item in data["items"]:  # the contract's keys, on every item
        assert {
            "duty",
            "period",
            "due_date",
            "publication_date",
            "status",
            "days_late",
            "source",
        } <= set(item)
        if item["status"] == "no-frequency":
            assert item["due_date"] is None and item["days_late"] is None


def test_the_same_commit_on_two_dates_gives_two_calendars():
    december = _run_calendar(REPO, _epoch("2026-12-01"), "--format", "json")
    january = _run_calendar(REPO, _epoch("2027-01-05"), "--format", "json")
    again = _run_calendar(REPO, _epoch("2026-12-01"), "--format", "json")
    assert december.stdout == again.stdout  # one date, one calendar

    def q4(output: str) -> list[str]:
        items = json.loads(output)["items"]
        return [i["status"] for i in items if i["period"] == "2026-Q4"]

    assert set(q4(december.stdout)) == {"upcoming"}
    assert set(q4(january.stdout)) == {"overdue"}


def test_the_text_calendar_through_the_entry_point():
    result = _run_calendar(REPO, _epoch("2026-12-01"))
    assert result.returncode == 0, result.stderr
    assert "逾期后公开" in result.stdout and "即将到期" in result.stdout
    assert "《上海市住宅物业管理规定》第六十六条" in result.stdout


def test_a_project_without_a_profile_has_no_calendar(project):
    settings = project / COMMUNITY
    text = settings.read_text(encoding="utf-8")
    start = text.index("  disclosure_profile:")
    end = text.index("# 业主名册")
    settings.write_text(text[:start] + text[end:], encoding="utf-8")
    result = gongshi("calendar", str(project))
    assert result.returncode == 2
    assert "disclosure_profile" in result.stderr and "Traceback" not in result.stderr


def test_calendar_dict_names_the_community():
    day = date(2026, 12, 1)
    records = validate_project(REPO, build_date=day).records
    calendar = disclosure_calendar(records, day)
    data = calendar_dict(calendar, "某小区", {})
    assert data["community"] == "某小区" and data["version"] == 1
    assert data["counts"]["late"] == len([i for i in data["items"] if i["status"] == "late"])


# --- the property-service contract's term (Civil Code Art. 946-948) ---------------------


def _contract(extra: str = "") -> str:
    term = "service_contract: {start: 2024-01-01, end: 2026-12-31" + extra + "}\n"
    community = _profile_setting("shanghai", since="2026-10-01")
    return community.replace("owners_committee:", term + "owners_committee:")


def _provider_decision(made: str) -> str:
    return f"""\
- id: JY-2026-07
  date: {made}
  body: owners_assembly
  matter: 4
  title: 关于续聘物业服务企业的决定
  summary: 同意续聘，合同期限自2027年1月1日至2029年12月31日。
  result: passed
  total_area: 9000.00
  total_owners: 90
  voted_area: 6000.00
  voted_owners: 60
  approve_area: 5000.00
  approve_owners: 50
  oppose_area: 1000.00
  oppose_owners: 10
  abstain_area: 0.00
  abstain_owners: 0
  invalid_area: 0.00
  invalid_owners: 0
"""


def _contract_items(validation, day: date) -> dict[str, object]:
    calendar = disclosure_calendar(validation.records, day)
    return {i.rule.duty: i for i in calendar.items if i.rule.duty.startswith("contract_")}


@pytest.mark.parametrize(
    "posted, status, problems",
    [
        ("2026-10-02", "done-on-time", []),  # the 90th day before 2026-12-31
        ("2026-10-03", "late", [("calendar-late", "data/disclosures.csv", 2, "posted")]),
    ],
)
def test_the_providers_notice_is_due_90_days_before_the_end(tmp_path, posted, status, problems):
    validation = load(
        tmp_path,
        today=date(2026, 11, 30),
        community=_contract(),
        disclosures=_log(f"D-2026-09,contract_notice,2026,,{posted},,notice_board,不续聘通知"),
    )
    notice = _contract_items(validation, date(2026, 11, 30))["contract_notice"]
    assert (notice.due_day, notice.status) == (date(2026, 10, 2), status)
    assert notice.rule.source.article == 947
    assert found(check_calendar, validation, date(2026, 11, 30)) == problems


def test_the_contracts_own_notice_period_replaces_90_days(tmp_path):
    clause = "《物业服务合同》第二十条"
    validation = load(
        tmp_path,
        today=date(2026, 11, 10),
        community=_contract(f", notice_days: 30, notice_source: {clause}, decision: JY-2023-03"),
    )
    notice = _contract_items(validation, date(2026, 11, 10))["contract_notice"]
    assert (notice.due_day, notice.status) == (date(2026, 12, 1), "upcoming")
    item = calendar_dict(disclosure_calendar(validation.records, date(2026, 11, 10)), "x", {})
    (row,) = [i for i in item["items"] if i["duty"] == "contract_notice"]
    assert row["due_date"] == "2026-12-01" and row["source"]["law"] is None
    assert row["source"]["text"] == f"本小区{clause}（决定 JY-2023-03）"


def test_notice_days_without_their_clause_is_a_clear_error(tmp_path):
    validation = load(tmp_path, community=_contract(", notice_days: 30"))
    problems = [(p.code, p.file, p.field) for p in validation.report.problems]
    assert ("service-contract-bad", COMMUNITY, "service_contract") in problems


def test_a_renewal_decision_before_the_end_is_done(tmp_path):
    validation = load(
        tmp_path,
        today=date(2026, 11, 30),
        community=_contract(),
        decisions=_provider_decision("2026-10-25"),
    )
    items = _contract_items(validation, date(2026, 11, 30))
    renewal = items["contract_renewal"]
    assert (renewal.status, renewal.due_day, renewal.decision.id) == (
        "done-on-time",
        date(2026, 12, 31),
        "JY-2026-07",
    )
    assert "contract_open_term" not in items
    # After the end too: the decision was made, the contract is renewed, not open-ended.
    assert "contract_open_term" not in _contract_items(validation, date(2027, 1, 5))


@pytest.mark.parametrize(
    "day, listed",
    [
        (date(2026, 7, 1), set()),  # both deadlines are more than 60 days ahead
        (date(2026, 9, 1), {"contract_notice"}),  # the provider's notice: due 10-02
        (date(2026, 11, 30), {"contract_renewal"}),  # within the horizon: upcoming
        (date(2027, 1, 1), {"contract_open_term"}),  # after the end, with no decision
    ],
)
def test_no_decision_upcoming_then_no_fixed_term(tmp_path, day, listed):
    validation = load(tmp_path, today=day, community=_contract())
    items = _contract_items(validation, day)
    assert set(items) == listed
    for duty in ("contract_notice", "contract_renewal"):
        if duty in items:
            assert items[duty].status == "upcoming"
    if "contract_open_term" in items:
        open_term = items["contract_open_term"]
        assert (open_term.status, open_term.due_day, open_term.days_late) == (
            "no-frequency",
            None,
            None,
        )
        assert open_term.rule.source.article == 948


def test_the_open_term_shows_the_60_day_notice_in_text_and_json(tmp_path):
    from builder.publish.calendar import calendar_text

    validation = load(tmp_path, today=date(2027, 1, 5), community=_contract())
    calendar = disclosure_calendar(validation.records, date(2027, 1, 5))
    text = calendar_text(calendar)
    line = next(x for x in text.splitlines() if "合同期满" in x)
    assert "服务期限为不定期" in line and "提前 60 日书面通知" in line and "第九百四十八条" in line
    data = calendar_dict(calendar, "x", {})
    keys = {frozenset(i) for i in data["items"]}
    assert len(keys) == 1  # every item has the contract's one shape
    (row,) = [i for i in data["items"] if i["duty"] == "contract_open_term"]
    assert row["period"] == "2024-01-01/2026-12-31" and row["due_date"] is None
    assert row["source"]["article"] == 948 and row["status"] == "no-frequency"


def test_the_sample_contract_was_renewed_on_time():
    result = _run_calendar(REPO, _epoch("2026-11-30"), "--format", "json")
    assert result.returncode == 0, result.stderr
    items = [i for i in json.loads(result.stdout)["items"] if i["duty"].startswith("contract_")]
    assert [(i["duty"], i["status"], i["due_date"], i["publication_date"]) for i in items] == [
        ("contract_renewal", "done-on-time", "2026-12-31", "2026-10-25")
    ]
