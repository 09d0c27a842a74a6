"""`gongshi init` and `gongshi new`, end to end through the command line: its entry
point in this process, and a new Python for the project that is built."""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta

import pytest
import yaml
from conftest import REPO, cli, gongshi, tree_digest, validate_json


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
    cli("init", str(tmp_path / "c"))
    new = yaml.safe_load((tmp_path / "c/mkdocs.yml").read_text(encoding="utf-8"))
    sample = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert new["nav"] == sample["nav"] and new["plugins"] == sample["plugins"]


def test_init_refuses_a_directory_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("staff notes", encoding="utf-8")
    result = cli("init", str(tmp_path))
    assert result.returncode == 2 and "已有文件" in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "staff notes"


def test_new_prints_the_next_decision_without_writing(project):
    before = tree_digest(project)
    result = cli("new", "decision", str(project))
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
    assert cli("new", "entry", str(project), "--account", "parking", "--write").returncode == 0
    last = (project / "data/ledgers/parking.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert re.fullmatch(
        rf"TC-{date.today().year}-\d{{3}},{date.today().isoformat()},income,,0\.00,,,", last
    )
    assert cli("new", "notice", str(project), "--write").returncode == 0
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


# --- files `new` cannot read, places `init` cannot write (issue 11, bug 6) ----------


def _says_why_without_a_traceback(result, file: str, code: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""  # nothing that could be taken for a record
    assert f"无法读取 {file}，没有生成新记录" in result.stderr
    assert "cannot be read, so no record was made" in result.stderr
    assert f"({code})" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_entry_on_a_gbk_ledger_says_how_to_convert_it(project):
    path = project / "data/ledgers/parking.csv"
    before = path.read_text(encoding="utf-8").encode("gbk")
    path.write_bytes(before)
    result = cli("new", "entry", str(project), "--write")
    _says_why_without_a_traceback(result, "data/ledgers/parking.csv", "encoding-gbk")
    assert "gongshi normalize" in result.stderr and "UTF-8" in result.stderr
    assert path.read_bytes() == before


def test_new_entry_on_a_ledger_with_an_open_quote_names_the_line(project):
    path = project / "data/ledgers/parking.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace(",临时停车费,", ',"临时停车费,', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    result = cli("new", "entry", str(project))
    _says_why_without_a_traceback(result, "data/ledgers/parking.csv", "csv-syntax")
    assert "第 4 行" in result.stderr


def test_new_decision_and_notice_on_unreadable_files(project):
    decisions = project / "data/committee/decisions.yaml"
    decisions.write_bytes(decisions.read_text(encoding="utf-8").encode("gb18030"))
    result = cli("new", "decision", str(project), "--write")
    _says_why_without_a_traceback(result, "data/committee/decisions.yaml", "encoding-gbk")

    notices = project / "data/branch/notices.yaml"
    notices.write_text("- id: GS-1\n  title: [未闭合\n", encoding="utf-8")
    result = cli("new", "notice", str(project), "--write")
    _says_why_without_a_traceback(result, "data/branch/notices.yaml", "yaml-syntax")
    assert notices.read_text(encoding="utf-8") == "- id: GS-1\n  title: [未闭合\n"


def test_init_on_a_file_or_below_one_is_refused_without_a_traceback(tmp_path):
    file = tmp_path / "notes.txt"
    file.write_text("staff notes", encoding="utf-8")
    on_file = cli("init", str(file))
    below_file = cli("init", str(file / "c"))
    assert on_file.returncode == 2 and "已有文件" in on_file.stderr
    assert below_file.returncode == 2 and "无法在" in below_file.stderr
    for result in (on_file, below_file):
        assert "Traceback" not in result.stderr
    assert file.read_text(encoding="utf-8") == "staff notes"


@pytest.mark.parametrize(
    "name",
    ["青禾苑: 北区 # 二期", "- 东苑", "*星苑", "&锦苑", '"引号"苑', "𠮷祥苑", "!!python/object 苑"],
)
def test_init_and_new_write_any_community_name_as_yaml_reads_it_back(tmp_path, name):
    root = tmp_path / "c"
    assert cli("init", str(root), "--name", name).returncode == 0
    community = yaml.safe_load((root / "data/community.yaml").read_text(encoding="utf-8"))
    assert community["name"] == name
    assert community["owners_committee"]["name"] == name + "业主委员会"
    # mkdocs.yml carries MkDocs' own tags (!ENV …), so read only the lines with the name.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    site = [line for line in config.splitlines() if line.startswith(("site_name", "copyright"))]
    assert yaml.safe_load("\n".join(site)) == {
        "site_name": name + "“三公开”",
        "copyright": name + "业主委员会",
    }


@pytest.mark.parametrize("issuer", ["业委会: 公告 # 1", "- 物业", "*支部", "𠮷祥物业"])
def test_new_notice_copies_any_issuer_as_yaml_reads_it_back(project, issuer):
    notices = project / "data/branch/notices.yaml"
    records = yaml.safe_load(notices.read_text(encoding="utf-8"))
    records[-1]["issuer"] = issuer
    notices.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    result = cli("new", "notice", str(project))
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout)[0]["issuer"] == issuer


@pytest.mark.parametrize("odd", ["9" * 5000, "٣", "１２", "07\n"])
def test_new_decision_numbers_on_from_the_plain_ids_only(project, odd):
    path = project / "data/committee/decisions.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    year = date.today().year
    records.append({**copy.deepcopy(records[-1]), "id": f"JY-{year}-{odd}"})
    path.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    result = cli("new", "decision", str(project))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert re.search(rf"id: JY-{year}-[0-9]{{2}}\n", result.stdout)
