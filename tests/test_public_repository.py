"""Records that are not public never sit in a public repository: a community keeps them
in a private data directory the build reads when present; the public repository's
tracked files and the built site together hold none of them; validate warns when one is
committed to a repository marked public, and the publish workflow's check refuses."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import REPO, cli, validate_json
from sitecheck import all_bytes

from builder.pipeline import build_site, validate_project

# Made-up non-public records (not the sample's): distinctive text to look for.
NOTICE_SECRET = "测试用党内通报甲乙丙"
MEETING_SECRET = "测试用党内议题丁戊己"
PRIVATE_NOTICE = f"""\
- id: GS-2026-90
  title: {NOTICE_SECRET}
  kind: 其他
  start: 2026-03-02
  end: 2026-03-08
  body: |
    {NOTICE_SECRET}的正文，仅在支部党员范围内传达。
  issuer: 中共青禾苑小区支部委员会
  scope: internal
"""
PRIVATE_MEETINGS = f"""\
id,date,kind,topic,attendance,scope
HY-2026-90,2026-03-05,支部委员会,{MEETING_SECRET},3,internal
"""
# Written in two parts so that this file is not itself a hit.
DO_NOT_FORWARD = "请勿" + "对外转发"


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def commit_all(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "staff@example.invalid")
    git(root, "config", "user.name", "社区工作人员")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "community records")


def settings(root: Path, extra: str) -> None:
    """community.yaml with these lines instead of the sample's ``repository`` line."""
    path = root / "data/community.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nrepository: {public: true}\n" in text  # the sample says so: it is public
    text = text.replace("\nrepository: {public: true}\n", "\n")
    path.write_text(text + extra, encoding="utf-8")


def make_private(project: Path) -> Path:
    private = project.parent / "private"
    (private / "branch").mkdir(parents=True)
    (private / "branch/notices.yaml").write_text(PRIVATE_NOTICE, encoding="utf-8")
    (private / "branch/meetings.csv").write_text(PRIVATE_MEETINGS, encoding="utf-8")
    return private


def tracked_bytes(root: Path) -> list[tuple[str, bytes]]:
    names = git(root, "ls-files", "-z").split("\0")
    return [(n, (root / n).read_bytes()) for n in names if n]


def test_private_records_are_validated_but_neither_tracked_nor_published(project, tmp_path):
    make_private(project)
    settings(project, "private_data: ../private\nrepository: {public: true}\n")
    commit_all(project)

    validation = validate_project(project)
    assert validation.report.valid, validation.report.errors
    ids = {r.values["id"] for r in validation.records.table("branch-notices")}
    assert "GS-2026-90" in ids  # read from the private directory
    assert not any(
        p.code == "internal-record-in-public-repository" for p in validation.report.problems
    )

    site = build_site(project, tmp_path / "site")
    every = tracked_bytes(project) + [(str(p), b) for p, b in all_bytes(site)]
    for secret in (NOTICE_SECRET, MEETING_SECRET, DO_NOT_FORWARD):
        assert [name for name, data in every if secret.encode() in data] == []
    # the search covers public text, so the check above can fail
    assert any("停车".encode() in data for name, data in every if "pagefind" in name)


def test_a_problem_in_a_private_file_names_that_file_and_its_line(project):
    private = make_private(project)
    (private / "branch/meetings.csv").write_text(
        PRIVATE_MEETINGS + "HY-2026-91,2026-13-01,支部委员会,议题,3,internal\n", encoding="utf-8"
    )
    settings(project, "private_data: ../private\n")
    code, report = validate_json(project)
    assert code == 1
    where = {(e["file"], e["line"]) for e in report["errors"]}
    assert ("private:branch/meetings.csv", 3) in where, report["errors"]


def test_without_the_private_directory_the_public_records_build_alone(project):
    settings(project, "private_data: ../absent\nrepository: {public: true}\n")
    validation = validate_project(project)
    assert validation.report.valid
    assert all(r.values["scope"] == "public" for r in validation.records.table("branch-notices"))


def committed_internal(project: Path) -> int:
    """Commit a project with one internal notice in its tracked data; its scope's line."""
    notices = project / "data/branch/notices.yaml"
    text = notices.read_text(encoding="utf-8")
    notices.write_text(text + "\n" + PRIVATE_NOTICE, encoding="utf-8")
    commit_all(project)
    return len(text.splitlines()) + 1 + PRIVATE_NOTICE.splitlines().index("  scope: internal") + 1


def test_validate_warns_when_an_internal_record_is_committed_to_a_public_repository(project):
    settings(project, "repository: {public: true}\n")
    line = committed_internal(project)
    code, report = validate_json(project)
    assert code == 0  # a warning: the records themselves are sound
    found = [
        (w["file"], w["line"], w["field"])
        for w in report["warnings"]
        if w["code"] == "internal-record-in-public-repository"
    ]
    assert found == [("data/branch/notices.yaml", line, "scope")]


def test_no_warning_for_a_private_repository_and_the_publish_check_refuses(project):
    settings(project, "repository: {public: false}\n")
    committed_internal(project)
    code, report = validate_json(project)
    assert code == 0
    assert not any(w["code"] == "internal-record-in-public-repository" for w in report["warnings"])
    # The publish workflow of a public repository runs this, whatever community.yaml says.
    result = cli("validate", str(project), "--public-repository")
    assert result.returncode == 1
    assert "internal-record-in-public-repository" in result.stdout


def test_an_untracked_file_is_no_warning(project):
    settings(project, "repository: {public: true}\n")
    commit_all(project)
    notices = project / "data/branch/notices.yaml"
    git(project, "rm", "-q", "--cached", "data/branch/notices.yaml")
    notices.write_text(notices.read_text(encoding="utf-8") + "\n" + PRIVATE_NOTICE, "utf-8")
    code, report = validate_json(project)
    assert code == 0
    assert not any(w["code"] == "internal-record-in-public-repository" for w in report["warnings"])


def test_publish_workflow_refuses_a_public_repository_holding_internal_records(project):
    from test_workflows import load, run_steps

    settings(project, "repository: {public: false}\n")  # wrong: the workflow knows better
    committed_internal(project)
    publish = load("publish.yml")
    guard = next(
        s for s in publish["jobs"]["build"]["steps"] if "--public-repository" in s.get("run", "")
    )
    assert guard["if"] == "${{ !github.event.repository.private }}"
    results = run_steps(publish, "build", project, {"github.event_name": "push"})
    assert [(name, code) for name, code, _ in results] == [(guard["name"], 1)], results
    assert "internal-record-in-public-repository" in results[0][2]
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("pattern", "paths"),
    [
        (DO_NOT_FORWARD, ":!tests/test_public_repository.py"),
        ("scope: *internal", "data"),  # a YAML record
        (",internal *$", "data"),  # a CSV record
    ],
)
def test_this_repository_tracks_no_internal_record(pattern, paths):
    found = subprocess.run(
        ["git", "grep", "-n", "-E", pattern, "--", paths],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 1, found.stdout  # 1: nothing found


PRIVATE_PERSON_NAME = "测试用申请人庚辛"
PRIVATE_PERSON = f"""\
- notice: GS-2026-90
  person_name: {PRIVATE_PERSON_NAME}
  personal_basis: consent
  consent_date: 2026-02-20
"""


def test_the_persons_of_a_private_notice_stay_private(project, tmp_path):
    """A person a non-public notice is about is as private as the notice: kept in the
    private directory, never published; in a tracked file, the same warning."""
    private = make_private(project)
    (private / "branch/notice_persons.yaml").write_text(PRIVATE_PERSON, encoding="utf-8")
    settings(project, "private_data: ../private\nrepository: {public: true}\n")
    commit_all(project)
    validation = validate_project(project)
    assert validation.report.valid, validation.report.errors
    assert PRIVATE_PERSON_NAME in {p["person_name"] for p in validation.records.notice_persons}
    site = build_site(project, tmp_path / "site")
    assert [str(p) for p, b in all_bytes(site) if PRIVATE_PERSON_NAME.encode() in b] == []

    # the same person written into the public, tracked file
    persons = project / "data/branch/notice_persons.yaml"
    text = persons.read_text(encoding="utf-8")
    persons.write_text(text + "\n" + PRIVATE_PERSON, encoding="utf-8")
    (private / "branch/notice_persons.yaml").unlink()
    git(project, "commit", "-q", "-am", "a person in the public file")
    code, report = validate_json(project)
    assert code == 0
    found = [
        (w["file"], w["line"], w["field"])
        for w in report["warnings"]
        if w["code"] == "internal-record-in-public-repository"
    ]
    assert found == [("data/branch/notice_persons.yaml", len(text.splitlines()) + 2, "notice")]


def test_a_public_record_in_the_private_directory_is_a_warning(project):
    """Published, yet absent from the repository the site is traced to: named by the
    private file and its own line."""
    private = make_private(project)
    (private / "branch/meetings.csv").write_text(
        PRIVATE_MEETINGS + "HY-2026-91,2026-03-06,支部党员大会,公开议题,12,public\n",
        encoding="utf-8",
    )
    settings(project, "private_data: ../private\n")
    code, report = validate_json(project)
    assert code == 0
    found = [
        (w["file"], w["line"], w["field"])
        for w in report["warnings"]
        if w["code"] == "public-record-in-private-data"
    ]
    assert found == [("private:branch/meetings.csv", 3, "scope")]
