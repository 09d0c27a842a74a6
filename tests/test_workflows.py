"""The GitHub workflows: valid, least privilege, pinned — and their commands, run here
in order on a real git copy of the sample, do what a pull request and a publish need."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, append_line, git_sample, tree_digest

WORKFLOWS = REPO / ".github/workflows"
INSTALL = re.compile(r"^python -m pip install \.$")


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository holding the sample community, with one commit."""
    return git_sample(tmp_path / "community")


def run_steps(
    workflow: dict, job: str, cwd: Path, expressions: dict[str, str]
) -> list[tuple[str, int, str]]:
    """Run a job's shell steps in order, as the runner would: each step's env with its
    ${{ }} expressions filled in, GITHUB_ENV carried to later steps, and `if: always()`
    steps run after a failure. The install step is left out: the test environment has
    gongshi installed already."""
    summary = cwd.parent / "summary.md"
    github_env = cwd.parent / "github_env"
    summary.write_text("", encoding="utf-8")
    github_env.write_text("", encoding="utf-8")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ENV": str(github_env)}
    env.pop("SOURCE_DATE_EPOCH", None)
    results, failed = [], False
    for step in workflow["jobs"][job]["steps"]:
        if "run" not in step or INSTALL.match(step["run"].strip()):
            continue
        if failed and step.get("if") != "always()":
            continue
        step_env = {
            k: re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: expressions.get(m.group(1), ""), str(v))
            for k, v in (step.get("env") or {}).items()
        }
        carried = dict(
            line.split("=", 1) for line in github_env.read_text().splitlines() if "=" in line
        )
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", step["run"]],
            cwd=cwd,
            env={**env, **carried, **step_env, "PATH": os.environ["PATH"]},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=600,
        )
        results.append((step["name"], result.returncode, result.stdout + result.stderr))
        failed = failed or result.returncode != 0
    return results


def test_workflows_validate_against_the_github_schema():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, sorted(WORKFLOWS.glob("*.yml"))),
            # The city repository's template, shipped in the package (test_city_workflow).
            str(REPO / "builder/city/workflows/city.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_publish_has_least_privilege_one_deployment_and_a_daily_run():
    publish = load("publish.yml")
    triggers = publish[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "workflow_dispatch", "schedule"}
    assert triggers["push"]["branches"] == ["main"]
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert load("validate.yml")["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("name", ["validate.yml", "publish.yml"])
def test_actions_are_pinned_and_python_is_cached(name):
    workflow = load(name)
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]
            if step.get("uses", "").startswith("actions/setup-python"):
                assert step["with"]["cache"] == "pip"


def test_pull_request_commands_on_a_good_change(repo):
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "-c", "staff-change")
    append_line(
        repo / "data/ledgers/parking.csv",
        "TC-2026-950,2026-11-20,income,临时停车费,1234.50,临时停车收费汇总,11月第3周临停收费,",
    )
    git(repo, "commit", "-qam", "11月临停收入")
    results = run_steps(
        load("validate.yml"), "validate", repo, {"github.event.pull_request.base.sha": base}
    )
    assert [code for _, code, _ in results] == [0, 0, 0], results
    assert (repo / "site/ledgers/parking/2026/index.html").is_file()
    summary = (repo.parent / "summary.md").read_text(encoding="utf-8")
    assert "✅ 数据检查通过" in summary
    assert "TC-2026-950" in summary and "无法比较变化" not in summary


def test_pull_request_commands_on_a_broken_change(repo):
    base = git(repo, "rev-parse", "HEAD")
    line = append_line(
        repo / "data/ledgers/parking.csv",
        "TC-2026-951,2026/11/20,income,临时停车费,1234.50,临时停车收费汇总,,",
    )
    git(repo, "commit", "-qam", "broken date")
    results = run_steps(
        load("validate.yml"), "validate", repo, {"github.event.pull_request.base.sha": base}
    )
    (_, code, output), (_, summary_code, _) = results
    assert code == 1 and summary_code == 0
    assert f"::error file=data/ledgers/parking.csv,line={line},title=type-error · date::" in output
    summary = (repo.parent / "summary.md").read_text(encoding="utf-8")
    assert "❌ 数据有错误" in summary and f"第 {line} 行" in summary
    assert not (repo / "site").exists()  # nothing was built from invalid data


def test_scheduled_publish_is_reproducible_for_the_day(repo):
    sites = []
    for attempt in range(2):
        results = run_steps(load("publish.yml"), "build", repo, {"github.event_name": "schedule"})
        # the snapshot list (skipped: no token here), the build date, the build
        assert [code for _, code, _ in results] == [0, 0, 0, 0], results
        env_file = (repo.parent / "github_env").read_text()
        assert re.search(r"SOURCE_DATE_EPOCH=\d+", env_file)
        sites.append(tree_digest(repo / "site"))
        shutil.move(repo / "site", repo.parent / f"site-{attempt}")
    assert sites[0] == sites[1]
