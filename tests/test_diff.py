"""`gongshi diff`: what a change will publish, read from two git revisions.

Real git repositories in temporary directories, real commits of the sample community,
the real pipeline on both sides; no mocks.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from conftest import REPO, SAMPLE_PARTS, append_line, cli, line_of, replace_line, tree_digest

from builder.cli import main
from builder.core.schema import TableSchema
from builder.staff import diff

PARKING = "data/ledgers/parking.csv"
DECISIONS = "data/committee/decisions.yaml"
NOTICES = "data/branch/notices.yaml"
MEETINGS = "data/branch/meetings.csv"
TODAY = date.today()

INCOME_ROW = "TC-2026-045,2026-11-20,income,车位租赁费,1200.00,地面车位承租业主汇总,补收11月租赁费,"
COST_ROW = "TC-2026-046,2026-11-20,cost,银行手续费,86.50,江澜农商银行青禾支行,11月结算手续费,"
OLD_TITLE = "关于修补地面停车区破损路面的决定"
NEW_TITLE = "关于修补地面停车区路面的决定 | <b>修订</b>"
INTERNAL_TOPIC = "研究甲乙丙同志考察材料的党内事项"
NEW_DECISION = """
- id: JY-2026-08
  date: 2026-11-20
  body: owners_assembly
  matter: 5
  title: 关于使用专项维修资金更换3幢电梯的决定
  summary: 3幢两部电梯运行超过十五年，故障频繁。同意使用专项维修资金更换，预算不超过60万元。
  result: passed
  total_area: 112846.35
  total_owners: 1132
  voted_area: 80000.00
  voted_owners: 800
  approve_area: 60000.00
  approve_owners: 600
"""
NOTICE_TITLE = "关于小区议事协商会议代表人选的公示"


def notice() -> str:
    return f"""
- id: GS-2026-05
  title: {NOTICE_TITLE}
  kind: 其他
  start: {TODAY - timedelta(days=1)}
  end: {TODAY + timedelta(days=5)}
  body: |
    经党支部推荐，拟确定议事协商会议代表，现予公示。
  issuer: 中共青禾苑小区支部委员会
  scope: public
"""


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


def run_diff(project: str, base: str, head: str | None, fmt: str) -> int:
    """``gongshi diff`` through the command line's entry point, in this process (its
    output goes to capsys); the exit code."""
    return main(["diff", base, *([head] if head else []), "--project", project, "--format", fmt])


def init_repo(root: Path) -> None:
    git(root, "init", "-q")
    git(root, "config", "user.email", "staff@example.org")
    git(root, "config", "user.name", "社区工作人员")
    git(root, "config", "commit.gpgsign", "false")


def copy_sample(project: Path) -> None:
    project.mkdir(parents=True)
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        else:
            shutil.copy2(source, project / part)


def sample_repo(root: Path) -> Path:
    """A git repository with the sample community in its subdirectory community/."""
    init_repo(root)
    project = root / "community"
    copy_sample(project)
    commit(root, "青禾苑 sample")
    return project


def parking_2026(extra: list[tuple[str, Decimal]]) -> tuple[Decimal, Decimal]:
    """The parking account's 2026 income and closing balance, computed here from the CSV
    and accounts.yaml, plus ``extra`` (type, amount) rows."""
    accounts = yaml.safe_load((REPO / "data/ledgers/accounts.yaml").read_text(encoding="utf-8"))
    balance = Decimal(accounts["parking"]["opening_balance"])
    income = Decimal("0.00")
    with (REPO / PARKING).open(encoding="utf-8-sig", newline="") as f:
        rows = [(r["date"], r["type"], Decimal(r["amount"])) for r in csv.DictReader(f)]
    rows += [("2026-11-20", kind, amount) for kind, amount in extra]
    for day, kind, amount in rows:
        assert day[:4] <= "2026"
        balance += amount if kind == "income" else -amount
        if day.startswith("2026") and kind == "income":
            income += amount
    return income, balance


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> SimpleNamespace:
    """sample -> a change of every kind -> a bad amount -> the amount fixed."""
    root = tmp_path_factory.mktemp("repo")
    project = sample_repo(root)
    sample = git(root, "rev-parse", "HEAD")

    append_line(project / PARKING, INCOME_ROW)
    append_line(project / PARKING, COST_ROW)
    decisions = project / DECISIONS
    replace_line(decisions, line_of(decisions, OLD_TITLE), OLD_TITLE, NEW_TITLE)
    with decisions.open("a", encoding="utf-8") as f:
        f.write(NEW_DECISION)
    with (project / NOTICES).open("a", encoding="utf-8") as f:
        f.write(notice())
    append_line(project / MEETINGS, f"HY-2026-18,2026-11-20,支部委员会,{INTERNAL_TOPIC},3,internal")
    changed = commit(root, "a change of every kind")

    parking = project / PARKING
    replace_line(parking, line_of(parking, "TC-2026-045"), "1200.00", "12O0.00")
    broken = commit(root, "a typo in an amount")
    replace_line(parking, line_of(parking, "TC-2026-045"), "12O0.00", "1200.00")
    fixed = commit(root, "the typo fixed")
    return SimpleNamespace(root=root, project=project, sample=sample, changed=changed,
                           broken=broken, fixed=fixed)  # fmt: skip


@pytest.fixture(scope="module")
def change(history) -> SimpleNamespace:
    """The diff of the sample against the change of every kind, in all three forms."""
    result = diff.compute_diff(history.project, history.sample, history.changed)
    markdown = diff.render_markdown(result)
    data = diff.to_json(result)
    return SimpleNamespace(
        diff=result, markdown=markdown, json=data, json_text=json.dumps(data, ensure_ascii=False)
    )


def resource(data: dict, name: str) -> dict:
    return next(r for r in data["resources"] if r["name"] == name)


# --- the facts ------------------------------------------------------------------------


def test_ledger_rows_added_by_voucher(change):
    parking = resource(change.json, "ledger-parking")
    assert [row["key"] for row in parking["added"]] == [
        {"voucher": "TC-2026-045"},
        {"voucher": "TC-2026-046"},
    ]
    assert parking["added"][0]["values"]["amount"] == "1200.00"
    assert parking["removed"] == [] and parking["changed"] == []
    assert "**TC-2026-045** 2026-11-20 · 收入 · 车位租赁费 · 1200.00" in change.markdown


def test_ledger_year_before_and_after_to_the_cent(change):
    income_before, closing_before = parking_2026([])
    income_after, closing_after = parking_2026(
        [("income", Decimal("1200.00")), ("cost", Decimal("86.50"))]
    )
    [year] = [y for y in change.json["ledger"] if y["account"] == "parking"]
    assert year["year"] == 2026
    assert Decimal(year["before"]["income"]) == income_before
    assert Decimal(year["after"]["income"]) == income_after
    assert Decimal(year["before"]["closing"]) == closing_before
    assert Decimal(year["after"]["closing"]) == closing_after
    assert Decimal(year["after"]["net"]) - Decimal(year["before"]["net"]) == Decimal("1113.50")
    # The other account and the earlier years did not change, so they are not listed.
    assert len(change.json["ledger"]) == 1
    assert f"| 收入 | {income_before:,.2f} | {income_after:,.2f} | +1,200.00 |" in change.markdown
    assert f"| 期末余额 | {closing_before:,.2f} | {closing_after:,.2f} | +1,113.50 |" in (
        change.markdown
    )


def test_changed_decision_lists_the_changed_field(change):
    decisions = resource(change.json, "decisions")
    [changed] = decisions["changed"]
    assert changed["key"] == {"id": "JY-2026-05"}
    assert changed["fields"] == [
        {"field": "title", "title": "标题", "before": OLD_TITLE, "after": NEW_TITLE}
    ]
    # Staff text is shown as text: the pipe cannot end the cell, the tag is not HTML.
    row = next(line for line in change.markdown.splitlines() if line.startswith("| JY-2026-05"))
    escaped = "关于修补地面停车区路面的决定 \\| &lt;b&gt;修订&lt;/b&gt;"
    assert row == f"| JY-2026-05 | 标题 | {OLD_TITLE} | {escaped} |"
    assert "<b>" not in change.markdown


def test_new_assembly_decision_with_its_computed_verdict(change):
    [decision] = change.json["decisions"]
    assert decision == {
        **decision,
        "id": "JY-2026-08",
        "new": True,
        "result": "passed",
        "computed_result": "passed",
        "matches": True,
    }
    assert "**JY-2026-08** 关于使用专项维修资金更换3幢电梯的决定" in change.markdown
    assert "按《民法典》第二百七十八条计算：通过 ✅ 一致" in change.markdown


def test_notice_entering_its_public_period(change):
    [entry] = change.json["notices"]
    assert entry == {
        **entry,
        "id": "GS-2026-05",
        "status": "active",
        "new": True,
        "start": (TODAY - timedelta(days=1)).isoformat(),
    }
    assert "### 进入公示期的党务公示" in change.markdown
    section = change.markdown.split("### 进入公示期的党务公示")[1]
    line = next(x for x in section.splitlines() if NOTICE_TITLE in x)
    assert "公示中" in line and "新发布" in line


def test_internal_branch_meeting_is_counted_but_never_shown(change):
    meetings = resource(change.json, "branch-meetings")
    assert meetings["added"] == [] and meetings["internal_changed"] == 1
    for text in (change.markdown, change.json_text):
        assert INTERNAL_TOPIC not in text
        assert "HY-2026-18" not in text
    assert (
        "另有 1 条不向社会公开的记录（党内、一定范围内或对特定对象公开）有变化" in change.markdown
    )


def test_a_valid_change_has_no_error_changes(change):
    assert change.json["errors"] == {"base_count": 0, "head_count": 0, "new": [], "fixed": []}
    assert "没有新出现或已改正的错误" in change.markdown


def test_new_error_and_then_the_fixed_error(history):
    broke = diff.compute_diff(history.project, history.changed, history.broken)
    [error] = broke.new_errors
    assert (error.code, error.file, error.field) == ("type-error", PARKING, "amount")
    assert error.line == line_of(history.project / PARKING, "TC-2026-045")
    assert broke.fixed_errors == ()
    markdown = diff.render_markdown(broke)
    assert "#### 新出现的错误（1 个）" in markdown and "12O0.00" in markdown
    # The bad row failed its check: the summary says it is missing, not that it was deleted.
    [parking] = [r for r in broke.resources if r.name == "ledger-parking"]
    assert parking.incomplete == ("head",)
    assert "有未通过检查的行" in markdown
    assert [r.key for r in parking.removed] == [("TC-2026-045",)]
    assert "删除或未通过检查 1 条" in markdown and "删除 1 条" not in markdown

    mended = diff.compute_diff(history.project, history.broken, history.fixed)
    [fixed] = mended.fixed_errors
    assert (fixed.code, fixed.file, fixed.field) == ("type-error", PARKING, "amount")
    assert mended.new_errors == ()
    assert "#### 已改正的错误（1 个）" in diff.render_markdown(mended)


def test_json_format_parses_with_the_expected_keys(history, capsys):
    assert run_diff(str(history.project), history.sample, history.changed, "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "base", "head", "date", "comparable", "resources", "ledger", "decisions", "notices",
        "retroactive", "correction_note", "warnings", "errors",
    }  # fmt: skip
    assert data["base"]["commit"] == history.sample and data["head"]["commit"] == history.changed
    assert data["comparable"] is True
    assert set(data["errors"]) == {"base_count", "head_count", "new", "fixed"}
    assert set(data["ledger"][0]["before"]) == {
        "opening",
        "income",
        "cost",
        "net",
        "uses",
        "closing",
    }


def test_markdown_is_printed_by_the_command(history, capsys):
    assert run_diff(str(history.project), history.sample, history.changed, "markdown") == 0
    out = capsys.readouterr().out
    assert out.startswith("## 本次修改将公开的内容\n")
    assert history.sample[:7] in out and history.changed[:7] in out


# --- the working tree, and revisions that cannot be read ------------------------------


def test_head_defaults_to_the_working_tree_which_is_never_written(tmp_path, capsys):
    project = sample_repo(tmp_path)
    append_line(project / PARKING, INCOME_ROW)  # not committed
    before = tree_digest(tmp_path)
    status = git(tmp_path, "status", "--porcelain")
    assert run_diff(str(project), "HEAD", None, "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["commit"] is None
    assert [r["key"] for r in resource(data, "ledger-parking")["added"]] == [
        {"voucher": "TC-2026-045"}
    ]
    assert tree_digest(tmp_path) == before
    assert git(tmp_path, "status", "--porcelain") == status


def test_no_change_says_so(tmp_path):
    project = sample_repo(tmp_path)
    markdown = diff.render_markdown(diff.compute_diff(project, "HEAD"))
    assert "公开的内容没有变化，数据检查结果也没有变化（错误 0 个）" in markdown
    assert "###" not in markdown


def test_shallow_clone_without_the_base_commit_is_exit_2(history, tmp_path, capsys):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history.root}", str(clone))
    assert run_diff(str(clone / "community"), history.sample, None, "markdown") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "浅克隆" in err and "fetch-depth: 0" in err and history.sample in err
    # The commit the clone does have is compared as usual.
    assert run_diff(str(clone / "community"), history.fixed, None, "json") == 0


def test_unknown_revision_and_not_a_repository_are_exit_2(history, tmp_path, capsys):
    assert run_diff(str(history.project), "no-such-branch", None, "markdown") == 2
    assert "找不到版本“no-such-branch”" in capsys.readouterr().err
    plain = tmp_path / "plain"
    copy_sample(plain)
    assert run_diff(str(plain), "HEAD", None, "markdown") == 2
    assert "不在 git 仓库中" in capsys.readouterr().err


def test_a_revision_without_the_project_is_reported(tmp_path, capsys):
    init_repo(tmp_path)
    (tmp_path / "README.md").write_text("小区数据\n", encoding="utf-8")
    empty = commit(tmp_path, "readme")
    project = tmp_path / "community"
    copy_sample(project)
    sample = commit(tmp_path, "sample")
    # The change adds the project: exit 0, the summary says the base could not be read.
    assert run_diff(str(project), empty, sample, "markdown") == 0
    assert "修改前的版本无法读取" in capsys.readouterr().out
    # The change removes it: nothing would be published, exit 1.
    assert run_diff(str(project), sample, empty, "json") == 1
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["readable"] is False and "data/datapackage.yaml" in data["head"]["error"]


# --- pieces ---------------------------------------------------------------------------


def test_rows_without_a_primary_key_compare_as_multisets():
    schema = TableSchema.from_descriptor({"fields": [{"name": "a"}, {"name": "b"}]})
    before = [{"a": 1, "b": "x"}, {"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    after = [{"a": 1, "b": "x"}, {"a": 3, "b": "z"}]
    result = diff.compare_rows("t", "表", "t.csv", schema, before, after)
    assert [r.values for r in result.added] == [{"a": 3, "b": "z"}]
    assert sorted(r.values["a"] for r in result.removed) == [1, 2]
    assert result.changed == ()


def test_a_row_made_internal_leaves_publication_without_its_new_values():
    schema = TableSchema.from_descriptor(
        {"fields": [{"name": "id"}, {"name": "topic"}, {"name": "scope"}], "primaryKey": "id"}
    )
    before = [{"id": "HY-1", "topic": "公开议题", "scope": "public"}]
    after = [{"id": "HY-1", "topic": "改后的党内议题", "scope": "internal"}]
    result = diff.compare_rows("m", "会议", "m.csv", schema, before, after)
    assert [r.key for r in result.removed] == [("HY-1",)]
    assert result.added == () and result.changed == ()
    assert result.internal_changes == 1


def test_md_cell_shows_markdown_and_html_as_text():
    assert diff.md_cell("a|b") == "a\\|b"
    assert diff.md_cell("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert diff.md_cell("**粗体** [链接](javascript:x) `代码`") == (
        "\\*\\*粗体\\*\\* \\[链接\\](javascript:x) \\`代码\\`"
    )
    assert diff.md_cell("# 标题\n- 项") == "\\# 标题 - 项"
    assert diff.md_cell("- 开头") == "\\- 开头"


def test_long_text_changes_show_the_changed_stretch():
    before = "一" * 100 + "旧" + "二" * 100
    after = "一" * 100 + "新" + "二" * 100
    old, new = diff.excerpt("summary", before, after)
    assert "旧" in old and "新" in new
    assert old.startswith("…") and old.endswith("…") and len(old) < 50


# --- the command line, as a separate process -------------------------------------


def test_cli_markdown_with_project_option(history):
    result = cli("diff", history.sample, history.changed, "--project", str(history.project))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## 本次修改将公开的内容")
    assert INTERNAL_TOPIC not in result.stdout


def test_cli_json_in_the_project_directory(history):
    result = cli("diff", history.sample, "--format", "json", cwd=history.project)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["head"]["commit"] is None
