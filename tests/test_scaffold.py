"""`gongshi init` and `gongshi new`, end to end through the command line: its entry
point in this process, and a new Python for the project that is built."""

from __future__ import annotations

import copy
import re
import subprocess
from datetime import date, timedelta

import pytest
import yaml
from conftest import REPO, cli, gongshi, tree_digest, validate_json


def test_init_creates_a_project_that_validates_and_stops_the_build_on_its_hints(tmp_path):
    target = tmp_path / "new-community"
    result = gongshi(
        "init", str(target), "--name", "桂香苑", "--site-url", "https://example.org/gx/"
    )
    assert result.returncode == 0, result.stderr
    for path in (
        "mkdocs.yml",
        "requirements.txt",
        "data/community.yaml",
        "data/ledgers/accounts.yaml",
        "data/datapackage.yaml",
        "data/ledgers/parking.csv",
        "data/committee/decisions.yaml",
        "content/legal/votes.md",
        "site_templates/theme/main.html",
        ".github/workflows/publish.yml",
        ".github/workflows/validate.yml",
    ):
        assert (target / path).is_file(), path
    code, report = validate_json(target)
    assert code == 0, report["errors"]
    hints = [w for w in report["warnings"] if w["code"] == "placeholder-text"]
    assert {"full_name", "address", "property_company.service_phone"} <= {w["field"] for w in hints}
    built = gongshi("build", str(target), "--site-dir", str(tmp_path / "site"), timeout=600)
    assert built.returncode == 1 and f"还有 {len(hints)} 处待填写的说明" in built.stderr
    assert not (tmp_path / "site").exists()


def test_init_without_a_terminal_needs_the_name_and_the_address(tmp_path):
    for options, missing in (([], "--name"), (["--name", "桂香苑"], "--site-url")):
        result = cli("init", str(tmp_path / "c"), *options)
        assert result.returncode == 2 and f"请用 {missing} 写明" in result.stderr
        assert not (tmp_path / "c").exists()


def test_init_in_a_clone_infers_the_pages_address_from_its_remote(tmp_path):
    clone = tmp_path / "site"
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    remote = "https://github.com/GuiXiang-Yezhu/site.git"
    subprocess.run(["git", "-C", str(clone), "remote", "add", "origin", remote], check=True)
    assert cli("init", str(clone), "--name", "桂香苑").returncode == 0
    config = (clone / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: "https://guixiang-yezhu.github.io/site/"' in config


@pytest.mark.parametrize(
    ("source", "pin"),
    [
        ("index", "gongshi==0.1.0"),
        ("https://pypi.example.org/simple", "--index-url https://pypi.example.org/simple\ngongshi==0.1.0"),
        ("git+https://github.com/example/gongshi", "gongshi @ git+https://github.com/example/gongshi@v0.1.0"),
        ("git+https://github.com/example/gongshi@abc123", "gongshi @ git+https://github.com/example/gongshi@abc123"),
    ],
)  # fmt: skip
def test_init_pins_the_tools_version_where_it_is_installed_from(tmp_path, source, pin):
    root = tmp_path / "c"
    options = ("--name", "桂香苑", "--site-url", "https://example.org/", "--install-from", source)
    assert cli("init", str(root), *options).returncode == 0
    lines = (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "\n".join(line for line in lines if not line.startswith("#")) == pin


def test_init_keeps_a_wheel_source_in_the_repository(tmp_path):
    wheel = tmp_path / "gongshi-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK")
    root = tmp_path / "c"
    options = ("--name", "桂香苑", "--site-url", "https://example.org/")
    assert cli("init", str(root), *options, "--install-from", str(wheel)).returncode == 0
    assert (root / "wheels" / wheel.name).read_bytes() == b"PK"
    assert "./wheels/gongshi-0.1.0-py3-none-any.whl" in (root / "requirements.txt").read_text()
    for bad, said in (
        (str(tmp_path / "none.whl"), "找不到 wheel 文件"),
        ("ftp://x", "不认识安装来源"),
    ):
        result = cli("init", str(tmp_path / "d"), *options, "--install-from", bad)
        assert result.returncode == 2 and said in result.stderr
        assert not (tmp_path / "d").exists()


def test_the_community_workflows_install_its_pin_not_a_checkout(tmp_path):
    root = tmp_path / "c"
    assert (
        cli("init", str(root), "--name", "桂香苑", "--site-url", "https://e.org/").returncode == 0
    )
    for name in ("validate.yml", "publish.yml"):
        path = root / ".github/workflows" / name
        assert not path.is_symlink()
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
        runs = [s["run"].strip() for s in steps if "run" in s]
        assert "python -m pip install -r requirements.txt" in runs
        assert not any("pip install ." in run for run in runs)
        python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
        assert python["with"]["cache-dependency-path"] == "requirements.txt"


def test_init_uses_the_same_navigation_as_the_sample(tmp_path):
    cli("init", str(tmp_path / "c"), "--name", "桂香苑", "--site-url", "https://e.org/")
    new = yaml.safe_load((tmp_path / "c/mkdocs.yml").read_text(encoding="utf-8"))
    sample = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert new["nav"] == sample["nav"] and new["plugins"] == sample["plugins"]


def test_init_refuses_a_directory_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("staff notes", encoding="utf-8")
    result = cli("init", str(tmp_path), "--name", "桂香苑", "--site-url", "https://e.org/")
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
    options = ("--name", "桂香苑", "--site-url", "https://e.org/")
    on_file = cli("init", str(file), *options)
    below_file = cli("init", str(file / "c"), *options)
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
    assert cli("init", str(root), "--name", name, "--site-url", "https://e.org/").returncode == 0
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
