"""An installed wheel (not an editable install) gives a gongshi that works anywhere:
everything it needs at run time ships inside the package or comes from the project."""

from __future__ import annotations

import json
import os
import subprocess
import venv
from datetime import date
from pathlib import Path

from conftest import REPO
from new_community import add_records, build_wheel


def test_installed_package_inits_validates_and_builds_away_from_the_repository(tmp_path):
    env_dir = tmp_path / "venv"
    # The test environment's dependencies are reused; gongshi itself is installed for real.
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin/python"
    wheel = build_wheel(tmp_path / "wheel")
    # The installed copy alone: no checkout on the path (developers set PYTHONPATH).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    gongshi = str(env_dir / "bin/gongshi")
    work = tmp_path / "elsewhere"
    work.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [gongshi, *args],
            cwd=work,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=600,
            env=env,
        )

    where = subprocess.run(
        [str(python), "-c", "import builder; print(builder.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    assert (
        str(REPO) not in where and "site-packages" in where
    )  # the installed copy, not the checkout
    made = run(
        "init",
        "c",
        "--name",
        "试点苑",
        "--full-name",
        "某市试点苑小区",
        "--site-url",
        "https://e.org/",
    )
    assert made.returncode == 0
    assert Path(work / "c/content/legal/votes.md").is_file()
    assert run("validate", "c").returncode == 0
    add_records(work / "c", date.today(), run)
    result = run("build", "c", "--site-dir", "out")
    assert result.returncode == 0, result.stderr
    assert (work / "out/legal/votes/index.html").is_file()
    assert run("validate", str(REPO)).returncode == 0  # and the sample, from outside it

    # The staff templates ship: `new` fills one in, `diff` lays out its summary with one.
    notice = run("new", "notice", "c")
    assert notice.returncode == 0 and "id: GS-" in notice.stdout, notice.stderr
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "c"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=work / "c",
            check=True,
        )
    summary = run("diff", "HEAD", "--project", "c")
    assert summary.returncode == 0, summary.stderr
    assert summary.stdout.startswith("## 本次修改将公开的内容")

    # The QR worker a large build starts runs from the installed package.
    (work / "qr").mkdir()
    (work / "qr/addresses.json").write_text(json.dumps(["https://example.org/a/"]), "utf-8")
    worker = subprocess.run(
        [str(python), "-m", "builder.site.qr", str(work / "qr")],
        cwd=work,
        capture_output=True,
        env=env,
    )
    assert worker.returncode == 0, worker.stderr
    codes = json.loads((work / "qr/codes.json").read_text("utf-8"))
    assert codes["https://example.org/a/"].startswith("<svg")
