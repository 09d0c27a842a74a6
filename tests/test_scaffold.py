"""`gongshi init` and `gongshi new`, end to end through the real command line."""

from __future__ import annotations

import re
from datetime import date, timedelta

import yaml
from conftest import REPO, gongshi, tree_digest, validate_json


def test_init_creates_a_project_that_validates_and_builds(tmp_path):
    target = tmp_path / "new-community"
    result = gongshi(
        "init", str(target), "--name", "桂香苑", "--site-url", "https://example.org/gx/"
    )
    assert result.returncode == 0, result.stderr
    for path in (
        "mkdocs.yml",
        "data/community.yaml",
        "data/ledgers/accounts.yaml",
        "data/datapackage.yaml",
        "data/ledgers/parking.csv",
        "data/committee/decisions.yaml",
        "content/legal/votes.md",
        "site_templates/theme/main.html",
        ".github/workflows/publish.yml",
    ):
        assert (target / path).is_file(), path
    code, report = validate_json(target)
    assert code == 0, report["errors"]
    assert any(
        w["code"] == "placeholder-text" for w in report["warnings"]
    )  # the hints are pointed out
    built = gongshi("build", str(target), "--site-dir", str(tmp_path / "site"), timeout=600)
    assert built.returncode == 0, built.stderr
    assert "桂香苑" in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_init_uses_the_same_navigation_as_the_sample(tmp_path):
    gongshi("init", str(tmp_path / "c"))
    new = yaml.safe_load((tmp_path / "c/mkdocs.yml").read_text(encoding="utf-8"))
    sample = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert new["nav"] == sample["nav"] and new["plugins"] == sample["plugins"]


def test_init_refuses_a_directory_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("staff notes", encoding="utf-8")
    result = gongshi("init", str(tmp_path))
    assert result.returncode == 2 and "已有文件" in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "staff notes"


def test_new_prints_the_next_decision_without_writing(project):
    before = tree_digest(project)
    result = gongshi("new", "decision", str(project))
    assert result.returncode == 0
    ids = re.findall(
        r"id: JY-(\d{4})-(\d{2})", (project / "data/committee/decisions.yaml").read_text("utf-8")
    )
    year = date.today().year
    last = max((int(n) for y, n in ids if int(y) == year), default=0)
    assert f"id: JY-{year}-{last + 1:02d}" in result.stdout
    assert f"date: {date.today().isoformat()}" in result.stdout
    assert tree_digest(project) == before


def test_new_entry_and_notice_with_write_append_and_are_pointed_out(project):
    assert gongshi("new", "entry", str(project), "--account", "parking", "--write").returncode == 0
    last = (project / "data/ledgers/parking.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert re.fullmatch(
        rf"TC-{date.today().year}-\d{{3}},{date.today().isoformat()},income,,0\.00,,,", last
    )
    assert gongshi("new", "notice", str(project), "--write").returncode == 0
    notices = yaml.safe_load((project / "data/branch/notices.yaml").read_text(encoding="utf-8"))
    assert notices[-1]["end"] - notices[-1]["start"] == timedelta(days=6)
    code, report = validate_json(project)
    # The blank entry must be filled before it can publish; the notice's hints are warnings.
    assert code == 1 and any(e["code"] == "constraint-minimum" for e in report["errors"])
    assert any(
        w["code"] == "placeholder-text" and w["file"] == "data/branch/notices.yaml"
        for w in report["warnings"]
    )


def test_pre_commit_hook_runs_gongshi_validate():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "gongshi-validate" and hooks[0]["entry"] == "gongshi validate"
    assert hooks[0]["pass_filenames"] is False
