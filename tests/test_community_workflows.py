"""A community repository's own workflows, run here as GitHub would run them: a fresh git
repository made by `gongshi init`, gongshi installed from a wheel of this checkout as its
requirements.txt says, then every `run:` step of validate.yml and publish.yml exactly as
written, in order, with stand-ins for the `uses:` steps (checkout: the repository itself;
setup-python: a virtual environment of this Python; upload and deploy: a copy). The
dependencies are this environment's (the environment sets pip's --no-deps and
--no-index), so nothing is downloaded."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import append_line, tree_digest
from new_community import FULL_NAME, PLACEHOLDER, add_records, build_wheel, init, texts

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture
def repo(tmp_path, wheel) -> Path:
    """The community's repository on GitHub: made by init, filled in, one commit on main."""
    root = tmp_path / "guixiang"
    made = init(root, "--install-from", str(wheel))
    assert made.returncode == 0, made.stderr
    add_records(root, date.today())
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "staff@example.invalid")
    git(root, "config", "user.name", "社区工作人员")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "新建小区数据仓库")
    return root


class Runner:
    """One job's steps on this machine. ``runner`` is the job's scratch folder (the
    runner's temp: summary, GITHUB_ENV, the Python, the uploaded artifacts)."""

    def __init__(self, repo: Path, runner: Path, expressions: dict[str, str]) -> None:
        self.repo, self.runner, self.expressions = repo, runner, expressions
        runner.mkdir(exist_ok=True)
        self.summary = runner / "summary.md"
        self.github_env = runner / "github_env"
        self.summary.write_text("", encoding="utf-8")
        self.github_env.write_text("", encoding="utf-8")
        self.python_bin: Path | None = None
        self.results: list[tuple[str, int, str]] = []

    def fill(self, text: str) -> str:
        return re.sub(
            r"\$\{\{\s*(.*?)\s*\}\}", lambda m: self.expressions.get(m.group(1), ""), text
        )

    def uses(self, step: dict) -> None:
        action = step["uses"].split("@")[0]
        given = step.get("with", {})
        if action == "actions/setup-python":
            env_dir = self.runner / "python"
            venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
            self.python_bin = env_dir / "bin"
        elif action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
            name = given.get("name", "github-pages")
            shutil.copytree(self.repo / given["path"], self.runner.parent / "artifacts" / name)
        elif action == "actions/deploy-pages":
            artifact = self.runner.parent / "artifacts/github-pages"
            shutil.copytree(artifact, self.runner.parent / "published")
        # actions/checkout: the repository is here already, with its whole history
        # (fetch-depth: 0); actions/configure-pages: nothing to configure here.

    def run_job(self, job: dict) -> list[tuple[str, int, str]]:
        failed = False
        for step in job["steps"]:
            condition = str(step.get("if", ""))
            if failed and condition != "always()":
                continue
            negated = re.fullmatch(r"\$\{\{\s*!\s*([\w.]+)\s*\}\}", condition)
            if negated:  # e.g. a public repository (not private) is checked for more
                if self.expressions.get(negated.group(1)) == "true":
                    continue
            else:
                assert condition in ("", "always()"), condition
            if "uses" in step:
                self.uses(step)
                continue
            code, output = self.run(step)
            self.results.append((step["name"], code, output))
            failed = failed or code != 0
        return self.results

    def run(self, step: dict) -> tuple[int, str]:
        assert self.python_bin is not None, "setup-python comes before the first run step"
        carried = dict(
            line.split("=", 1)
            for line in self.github_env.read_text(encoding="utf-8").splitlines()
            if "=" in line
        )
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SOURCE_DATE_EPOCH")}
        env.update(
            GITHUB_STEP_SUMMARY=str(self.summary),
            GITHUB_ENV=str(self.github_env),
            PATH=f"{self.python_bin}{os.pathsep}{os.environ['PATH']}",
            # Dependencies from this environment, never from the network.
            PIP_NO_DEPS="1",
            PIP_NO_INDEX="1",
            PIP_DISABLE_PIP_VERSION_CHECK="1",
        )
        env.update(carried)
        env.update({k: self.fill(str(v)) for k, v in (step.get("env") or {}).items()})
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", step["run"]],
            cwd=self.repo,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=600,
        )
        return result.returncode, result.stdout + result.stderr


def workflow(repo: Path, name: str) -> dict:
    return yaml.safe_load((repo / ".github/workflows" / name).read_text(encoding="utf-8"))


def test_a_pull_request_is_checked_by_the_repositorys_own_workflow(repo, tmp_path):
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "-c", "staff-change")
    voucher = f"TC-{date.today().year}-002"
    append_line(
        repo / "data/ledgers/parking.csv",
        f"{voucher},{date.today().isoformat()},income,临时停车费,800.00,临时停车收费汇总,第二周,",
    )
    git(repo, "commit", "-qam", "临停收入")
    runner = Runner(repo, tmp_path / "runner", {"github.event.pull_request.base.sha": base})
    results = runner.run_job(workflow(repo, "validate.yml")["jobs"]["validate"])
    names = [name for name, _, _ in results]
    assert names[0] == "安装 gongshi install" and len(names) == 4, names
    assert [code for _, code, _ in results] == [0, 0, 0, 0], results
    install = results[0][2]
    assert "Successfully installed gongshi-" in install
    # The wheel's gongshi ran the steps, not this checkout.
    where = subprocess.run(
        [str(runner.python_bin / "python"), "-c", "import builder; print(builder.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    ).stdout
    assert str(runner.runner) in where and "site-packages" in where, where
    preview = tmp_path / "artifacts/site-preview"
    assert FULL_NAME in (preview / "index.html").read_text(encoding="utf-8")
    summary = runner.summary.read_text(encoding="utf-8")
    assert "✅ 数据检查通过" in summary and voucher in summary, summary


def test_a_pull_request_with_a_hint_left_fails_the_check(repo, tmp_path):
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "-c", "draft")
    notices = repo / "data/branch/notices.yaml"
    notices.write_text(
        notices.read_text(encoding="utf-8").replace(
            "桂香苑党支部发展党员公示", "（请填写公示标题）"
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "草稿")
    runner = Runner(repo, tmp_path / "runner", {"github.event.pull_request.base.sha": base})
    results = runner.run_job(workflow(repo, "validate.yml")["jobs"]["validate"])
    codes = {name: code for name, code, _ in results}
    # validate: a warning (annotated); build: stopped; the summary still written.
    assert list(codes.values()) == [0, 0, 1, 0], results
    assert "::warning file=data/branch/notices.yaml" in results[1][2]
    assert not (tmp_path / "artifacts").exists()


def test_publish_builds_and_deploys_the_community_site_reproducibly(repo, tmp_path):
    sites = []
    for attempt in range(2):
        run = tmp_path / f"run-{attempt}"
        run.mkdir()
        expressions = {
            "github.event_name": "schedule",
            "github.event.repository.private": "false",
        }
        jobs = workflow(repo, "publish.yml")["jobs"]
        build = Runner(repo, run / "build", expressions).run_job(jobs["build"])
        assert [code for _, code, _ in build] == [0, 0, 0, 0, 0], build
        Runner(repo, run / "deploy", expressions).run_job(jobs["deploy"])
        published = run / "published"
        files = texts(published)
        assert FULL_NAME in files["index.html"]
        assert [path for path, text in files.items() if PLACEHOLDER in text] == []
        sites.append(tree_digest(published))
        shutil.rmtree(repo / "site")
    assert sites[0] == sites[1]


def test_generated_workflows_validate_against_the_github_schema(repo):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", *map(str, sorted((repo / ".github/workflows").glob("*.yml")))],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
