"""Personal details with an end date: a party notice's applicant details are published
until its public period ends (or the community's retention setting), decided by the
build date; after that every published byte (pages, print pages, downloads, Pagefind's
index, sitemap) holds the notice without them. A record with personal details and no
basis is an error."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import validate_json
from sitecheck import all_bytes

from builder.core import personal
from builder.pipeline import build_site, validate_project

# The 2024 notice (GS-2024-01, public 2024-06-03 to 2024-06-09) is about 林晓燕, and so
# is GS-2025-02 (her name only, 2025-06-09 to 2025-06-15): two rows of notice_persons.yaml.
DETAILS = ("林晓燕", "1991年8月生", "1991-08", "卫生服务站护士", "2022年4月向党组织递交入党申请书")
PERSONS = "data/branch/notice_persons.yaml"
REDACTED = "（公示期满，个人信息已隐去）"
NOTICE_PAGE = "branch/notices/2024-06-03/index.html"


def epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()))


def build_on(project: Path, site: Path, day: date, monkeypatch) -> list[tuple[str, bytes]]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))
    built = build_site(project, site)
    return [(str(p.relative_to(built)), data) for p, data in all_bytes(built)]


# Pagefind's fragments put a zero-width space between the words it segments.
WORD_BREAK = "\u200b".encode()


def holding(files: list[tuple[str, bytes]], text: str) -> list[str]:
    """The files that hold ``text`` (Pagefind's word breaks ignored)."""
    return [name for name, data in files if text.encode() in data.replace(WORD_BREAK, b"")]


def commit(root: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "staff@example.invalid")
    git("config", "user.name", "社区工作人员")
    git("add", "-A")
    git("commit", "-q", "-m", "records")


def test_one_commit_built_within_and_after_the_period(project, tmp_path, monkeypatch):
    commit(project)  # the same commit built on two dates
    within = build_on(project, tmp_path / "within", date(2024, 6, 5), monkeypatch)
    # after both notices about her (GS-2025-02 ends 2025-06-15)
    after = build_on(project, tmp_path / "after", date(2025, 6, 16), monkeypatch)

    for text in DETAILS:
        assert holding(after, text) == [], text
    page = dict(after)[NOTICE_PAGE].decode()
    assert REDACTED in page
    assert "拟提交支部党员大会讨论接收下列同志为中共预备党员" in page  # the rest stays

    pages = holding(
        within, "林晓燕，女，汉族，1991年8月生，大学本科学历，临溪区青禾社区卫生服务站护士。"
    )
    assert NOTICE_PAGE in pages and "branch/notices/2024-06-03/print/index.html" in pages
    assert any("pagefind" in name for name in holding(within, "林晓燕"))  # searchable
    # the page is the disclosure: no download lists the persons, even within the period
    assert [n for n in holding(within, "林晓燕") if n.startswith("downloads/")] == []
    assert not any("notice-persons" in name for name, _ in within)
    assert REDACTED not in dict(within)[NOTICE_PAGE].decode()
    # the build date decides, not the day the build runs
    provenance = dict(after)["downloads/provenance.json"].decode()
    assert '"build_date": "2025-06-16"' in provenance


def test_the_last_day_of_the_period_still_shows_the_details(project, tmp_path, monkeypatch):
    files = build_on(project, tmp_path / "site", date(2024, 6, 9), monkeypatch)
    assert NOTICE_PAGE in holding(files, "林晓燕")


RETENTION = """
  personal_details_retention:
    value: 30
    source: {rules_of_procedure: 《党务公开工作细则》第八条}
"""


def with_retention(project: Path) -> None:
    path = project / "data/community.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nrules:\n" in text
    path.write_text(text.replace("\nrules:\n", "\nrules:" + RETENTION, 1), encoding="utf-8")


def test_the_retention_setting_keeps_the_details_its_days_longer(project):
    with_retention(project)
    validation = validate_project(project)
    assert validation.report.valid, validation.report.errors
    shown = personal.published(validation.records, date(2024, 7, 9))  # end + 30 days
    gone = personal.published(validation.records, date(2024, 7, 10))
    names = {r["notice"]: r.values for r in shown.notice_persons}
    assert names["GS-2024-01"]["person_name"] == "林晓燕"
    redacted = {r["notice"]: r.values for r in gone.notice_persons}["GS-2024-01"]
    assert redacted["person_name"] is None and redacted["person_employer"] is None
    assert redacted[personal.REDACTED] is True
    # validation itself keeps the full records
    full = {r["notice"]: r for r in validation.records.notice_persons}
    assert full["GS-2024-01"]["person_name"] == "林晓燕"


def edit_notice(project: Path, old: str, new: str) -> None:
    path = project / PERSONS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_personal_details_without_a_basis_are_an_error(project):
    edit_notice(project, "  personal_basis: consent\n  consent_date: 2024-05-28\n", "")
    code, report = validate_json(project)
    assert code == 1
    found = [(e["code"], e["file"], e["field"]) for e in report["errors"]]
    assert ("personal-no-basis", PERSONS, "personal_basis") in found


def test_consent_needs_its_date_before_the_notice(project):
    edit_notice(project, "consent_date: 2024-05-28", "consent_date: 2024-06-04")
    code, report = validate_json(project)
    assert code == 1
    assert "personal-consent-after-start" in {e["code"] for e in report["errors"]}


def test_a_legal_duty_names_its_source(project):
    edit_notice(
        project, "personal_basis: consent\n  consent_date: 2024-05-28", "personal_basis: legal_duty"
    )
    code, report = validate_json(project)
    assert code == 1
    assert "personal-duty-no-source" in {e["code"] for e in report["errors"]}


def test_details_kept_past_the_period_need_the_setting(project):
    edit_notice(
        project,
        "consent_date: 2024-05-28\n",
        "consent_date: 2024-05-28\n  personal_until: 2024-07-01\n",
    )
    code, report = validate_json(project)
    assert code == 1
    assert "personal-until-too-late" in {e["code"] for e in report["errors"]}
    with_retention(project)  # 30 days after 2024-06-09 allows 2024-07-01
    code, report = validate_json(project)
    assert code == 0, report["errors"]


@pytest.mark.parametrize("engine", ["fast", "frictionless"])
def test_both_checks_accept_the_personal_property(engine):
    from conftest import REPO

    validation = validate_project(REPO, engine=engine)
    assert validation.report.valid, validation.report.errors
    assert "person_name" in validation.records.personal["branch-notice-persons"]
    assert "name" in validation.records.personal["committee-members"]


# GS-2026-04 (public 2026-11-19 to 2026-11-26) is about two applicants.
TWO = ("吴思远，男，汉族，1994年5月生", "郑佳慧，女，汉族，1997年11月生")
TWO_PAGE = "branch/notices/2026-11-19/index.html"


def test_a_notice_about_two_persons_shows_both_and_takes_both_down(project, tmp_path, monkeypatch):
    within = dict(build_on(project, tmp_path / "within", date(2026, 11, 26), monkeypatch))
    page = within[TWO_PAGE].decode()
    assert page.index(TWO[0]) < page.index(TWO[1])  # in the order staff listed them
    assert REDACTED not in page

    after = build_on(project, tmp_path / "after", date(2026, 11, 27), monkeypatch)
    for text in ("吴思远", "郑佳慧", "1994年5月生", "青禾小学教师", "1994-05"):
        assert holding(after, text) == [], text
    page = dict(after)[TWO_PAGE].decode()
    assert page.count(REDACTED) == 1  # said once for the notice, not once per person
    assert "关于拟接收预备党员的公示" in page  # the title names no one


def test_a_person_of_a_notice_that_does_not_exist_is_an_error(project):
    path = project / PERSONS
    path.write_text(
        path.read_text(encoding="utf-8").replace("- notice: GS-2025-03", "- notice: GS-2025-09", 1),
        encoding="utf-8",
    )
    code, report = validate_json(project)
    assert code == 1
    assert {e["file"] for e in report["errors"]} == {PERSONS}


def test_a_person_described_in_the_free_text_is_a_warning(project):
    """Details typed into a notice's body escape the basis and the end date: the
    warning sends them to the persons' fields."""
    path = project / "data/branch/notices.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    公示时间：2026年11月19日至11月26日。\n"
    assert old in text
    path.write_text(
        text.replace(old, "    吴思远，男，汉族，1994年5月生，大学本科学历。\n\n" + old, 1),
        encoding="utf-8",
    )
    code, report = validate_json(project)
    assert code == 0  # a warning: the text may be about no one
    found = [
        (w["file"], w["field"])
        for w in report["warnings"]
        if w["code"] == "personal-details-in-text"
    ]
    assert found == [("data/branch/notices.yaml", "body")]


def test_downloads_with_a_name_taken_down_stay_valid_for_the_stock_tool(
    project, tmp_path, monkeypatch
):
    """A committee member's name past its personal_until is published empty: the
    published schema must then not require it (frictionless validate would fail, and a
    city index harvesting the site would reject it as invalid)."""
    from frictionless import validate

    members = project / "data/committee/members.csv"
    lines = members.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",personal_until") and lines[1].endswith(",")
    lines[1] += "2025-12-31"
    members.write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = dict(build_on(project, tmp_path / "site", date(2026, 7, 1), monkeypatch))
    row = files["downloads/committee-members.csv"].decode().splitlines()[1]
    assert row.split(",")[1] == "" and row.endswith(",2025-12-31")
    report = validate(tmp_path / "site/downloads/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
