"""Record history and corrections (更正), read from git: the sample copied into a fresh
repository, then commits that change a published ledger year and a decision's votes."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import cli
from test_diff import copy_sample, init_repo

from builder.pipeline import read_history
from builder.staff import diff

BUILD_DAY = date(2026, 12, 20)


def git(cwd: Path, *args: str, when: str = "2026-11-01T10:00:00+08:00") -> str:
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=env
    )
    return result.stdout.strip()


def commit(root: Path, message: str, when: str) -> str:
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> SimpleNamespace:
    root = tmp_path_factory.mktemp("history")
    init_repo(root)
    project = root / "community"
    copy_sample(project)
    first = commit(root, "青禾苑 sample", "2026-11-01T10:00:00+08:00")
    # A ledger year whose report is out (2024): income and cost each one yuan more,
    # explained in the commit message (the balance stays, so it still validates).
    parking = project / "data/ledgers/parking.csv"
    edit(parking, "临时停车费,10102.00,", "临时停车费,10103.00,")
    edit(parking, "银行手续费,38.39,", "银行手续费,39.39,")
    ledger = commit(
        root,
        "补记2024年1月停车收支\n\n更正：2024年1月临时停车费少记1元，手续费少记1元",
        "2026-11-10T10:00:00+08:00",
    )
    # A decision's vote count edited later, with no explanation.
    edit(project / "data/committee/decisions.yaml", "approve_owners: 694", "approve_owners: 695")
    edit(project / "data/committee/decisions.yaml", "oppose_owners: 70\n", "oppose_owners: 69\n")
    votes = commit(root, "调整票数", "2026-11-15T10:00:00+08:00")
    return SimpleNamespace(root=root, project=project, first=first, ledger=ledger, votes=votes)


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("history-site") / "site"
    result = cli("build", str(repo.project), "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    return target


def text_of(page: Path) -> str:
    return re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))


def test_history_finds_both_corrections_with_date_commit_and_note(repo):
    history = read_history(repo.project, BUILD_DAY)
    assert history.available
    year = history.get(("ledger", "parking/2024"))
    assert year is not None and year.first.commit == repo.first
    [change] = year.changes
    assert (change.commit.commit, change.commit.day) == (repo.ledger, date(2026, 11, 10))
    assert change.correction and change.commit.note == "2024年1月临时停车费少记1元，手续费少记1元"
    assert {f.field: (f.before, f.after) for f in change.fields}["income"][1] is not None
    decision = history.get(("decision", "JY-2024-03"))
    [votes] = decision.changes
    assert votes.correction and votes.commit.note is None
    fields = {f.field: (f.before, f.after) for f in votes.fields}
    assert fields["votes.approve_owners"] == ("694", "695")
    assert [h.key for h, _ in history.unexplained] == [("decision", "JY-2024-03")]


def test_record_pages_show_first_publication_and_the_correction(site, repo):
    decision = text_of(next(site.glob("committee/**/JY-2024-03/index.html")))
    assert "首次公开：2026年11月1日" in decision
    assert f"更正 2026年11月15日（提交 {repo.votes[:7]}）" in decision
    assert "由“694”改为“695”" in decision and "更正说明：未说明" in decision
    year = text_of(next(site.glob("ledgers/parking/2024/index.html")))
    assert f"更正 2026年11月10日（提交 {repo.ledger[:7]}）" in year
    assert "更正说明：2024年1月临时停车费少记1元" in year


def test_corrections_page_lists_both_newest_first(site, repo):
    page = text_of(site / "corrections/index.html")
    votes, ledger = page.find(repo.votes[:7]), page.find(repo.ledger[:7])
    assert 0 <= votes < ledger, page
    assert "停车收益账户 2024" in page


def test_validate_warns_of_the_unexplained_correction_only(repo):
    result = cli("validate", str(repo.project), "--format", "json")
    assert result.returncode == 0, result.stderr
    warnings = [
        w
        for w in json.loads(result.stdout)["warnings"]
        if w["code"] == "history-correction-unexplained"
    ]
    assert [w["field"] for w in warnings] == ["decision JY-2024-03"]
    assert repo.votes[:7] in warnings[0]["message"]


def test_shallow_clone_says_history_is_unavailable(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    history = read_history(clone / "community", BUILD_DAY)
    assert (history.available, history.reason) == (False, "shallow")
    target = tmp_path / "site"
    assert cli("build", str(clone / "community"), "--site-dir", str(target)).returncode == 0
    assert "浅克隆" in text_of(target / "corrections/index.html")
    decision = text_of(next(target.glob("committee/**/JY-2024-03/index.html")))
    assert "无法列出首次公开时间和修改记录" in decision


def test_diff_lists_an_edited_decision_as_a_change_and_flags_retroactive(repo):
    found = diff.compute_diff(repo.project, repo.first, repo.votes, today=BUILD_DAY)
    summary = diff.render(found)
    assert "### 修改的决定" in summary and "### 新的决定" not in summary
    assert "追溯修改" in summary and "JY-2024-03" in summary and "停车收益账户 2024年" in summary
    # The ledger commit's note explains the change as a whole.
    assert found.correction_note is not None and not found.warnings
    only_votes = diff.compute_diff(repo.project, repo.ledger, repo.votes, today=BUILD_DAY)
    assert only_votes.retroactive == ("JY-2024-03 关于候补委员孙丽华递补为业主委员会委员的决定",)
    data = json.loads(diff.render(only_votes, "json"))
    assert [w["code"] for w in data["warnings"]] == ["diff-correction-unexplained"]
    assert "提交说明里还没有以“更正：”开头的说明" in diff.render(only_votes)


def test_history_never_repeats_wording_an_edit_took_out(tmp_path):
    """A name once in a notice's title and body, moved out by a later commit, is on no
    page of the site: the history says the wording changed, never what it was."""
    from sitecheck import all_bytes

    root = tmp_path / "repo"
    root.mkdir()
    init_repo(root)
    project = root / "community"
    copy_sample(project)
    notices = project / "data/branch/notices.yaml"
    title = "title: 关于拟推荐2025年度优秀共产党员人选的公示"
    edit(notices, title, "title: 关于拟推荐测试甲乙同志为优秀共产党员的公示")
    commit(root, "推荐人选", "2026-11-01T10:00:00+08:00")
    edit(notices, "title: 关于拟推荐测试甲乙同志为优秀共产党员的公示", title)
    commit(root, "标题不写姓名", "2026-11-05T10:00:00+08:00")
    site = tmp_path / "site"
    result = cli("build", str(project), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    page = (site / "branch/notices/2025-12-15/index.html").read_text(encoding="utf-8")
    assert "标题有修改" in page
    word_break = "\u200b".encode()
    held = [
        str(p)
        for p, data in all_bytes(site)
        if "测试甲乙".encode() in data.replace(word_break, b"")
    ]
    assert held == []
