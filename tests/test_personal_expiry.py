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
# is GS-2025-02 (her name only, 2025-06-09 to 2025-06-15).
DETAILS = ("林晓燕", "1991年8月生", "1991-08", "卫生服务站护士")
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
    assert "该同志2022年4月向党组织递交入党申请书" in page  # the rest of the notice stays

    pages = holding(
        within, "林晓燕，女，汉族，1991年8月生，大学本科学历，临溪区青禾社区卫生服务站护士。"
    )
    assert NOTICE_PAGE in pages and "branch/notices/2024-06-03/print/index.html" in pages
    assert "downloads/branch-notices.csv" in holding(within, "林晓燕")
    assert any("pagefind" in name for name in holding(within, "林晓燕"))  # searchable
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
    names = {r["id"]: r.values for r in shown.table("branch-notices")}
    assert names["GS-2024-01"]["person_name"] == "林晓燕"
    redacted = {r["id"]: r.values for r in gone.table("branch-notices")}["GS-2024-01"]
    assert redacted["person_name"] is None and redacted["person_employer"] is None
    assert redacted[personal.REDACTED] is True
    # validation itself keeps the full records
    full = {r["id"]: r for r in validation.records.table("branch-notices")}
    assert full["GS-2024-01"]["person_name"] == "林晓燕"


def edit_notice(project: Path, old: str, new: str) -> None:
    path = project / "data/branch/notices.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_personal_details_without_a_basis_are_an_error(project):
    edit_notice(project, "  personal_basis: consent\n  consent_date: 2024-05-28\n", "")
    code, report = validate_json(project)
    assert code == 1
    found = [(e["code"], e["file"], e["field"]) for e in report["errors"]]
    assert ("personal-no-basis", "data/branch/notices.yaml", "personal_basis") in found


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
    assert "person_name" in validation.records.personal["branch-notices"]
