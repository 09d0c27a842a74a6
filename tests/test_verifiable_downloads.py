"""Downloads anyone can verify: the publish workflows (the sample's and the one
`gongshi init` writes) attest the downloads and keep a yearly snapshot as a release;
provenance.json names the commit the site was built from; `sha256sum -c SHA256SUMS`
passes on the published files; the downloads page explains both checks in Chinese and
lists the snapshots the workflow found."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO, git_sample

from builder.core.problems import ConfigError
from builder.pipeline import build_site
from builder.publish.snapshots import ENVIRONMENT, read_snapshots

WORKFLOWS = [
    REPO / ".github/workflows/publish.yml",
    REPO / "builder/staff/scaffold/.github/workflows/publish.yml",
]
RELEASES = {
    "repository": "某社区/某小区",
    "releases": [
        {"tagName": "downloads-2024", "publishedAt": "2025-01-01T16:05:09Z", "isDraft": False},
        {"tagName": "v1.0", "publishedAt": "2025-02-01T00:00:00Z", "isDraft": False},
        {"tagName": "downloads-2025", "publishedAt": "2026-01-01T16:06:00Z", "isDraft": False},
        {"tagName": "downloads-2023", "publishedAt": "2026-01-02T00:00:00Z", "isDraft": True},
    ],
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=["sample", "init"])
def test_the_publish_workflow_attests_the_downloads(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    assert build["permissions"]["id-token"] == "write"
    assert build["permissions"]["attestations"] == "write"
    assert build["permissions"]["contents"] == "read"  # the build writes nothing to the repo
    names = [s.get("uses", "").split("@")[0] or s["name"] for s in build["steps"]]
    attest = next(s for s in build["steps"] if "attest-build-provenance" in s.get("uses", ""))
    # after the build, on every published file
    assert names.index("actions/attest-build-provenance") > names.index("生成网站 build")
    assert attest["with"]["subject-path"].split() == ["site/downloads/*", "site/downloads/excel/*"]
    # only the snapshot job may write to the repository (its releases)
    snapshot = workflow["jobs"]["snapshot"]
    assert snapshot["needs"] == "build"
    assert snapshot["permissions"] == {
        "contents": "write",
        "id-token": "write",
        "attestations": "write",
    }
    assert workflow["permissions"]["contents"] == "read"


def _fake_gh(folder: Path, existing: str = "") -> Path:
    """A `gh` that logs its arguments; `release view` finds only ``existing``."""
    folder.mkdir()
    log = folder / "calls"
    script = folder / "gh"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{log}"\n'
        'if [ "$1 $2" = "release view" ]; then\n'
        f'  [ "$3" = "{existing}" ] && exit 0 || exit 1\n'
        "fi\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return log


def _run(step: dict, cwd: Path, gh: Path, outputs: Path, extra: dict[str, str]) -> str:
    env = {
        **os.environ,
        **extra,
        "PATH": f"{gh}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs),
        "GH_TOKEN": "token",
        "REPO": "某社区/某小区",
        "GITHUB_SHA": "0" * 40,
    }
    result = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", step["run"]],
        cwd=cwd, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=["sample", "init"])
def test_the_snapshot_job_zips_the_published_downloads_once_a_year(path, tmp_path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    zip_step, _, release_step = steps(workflow, "snapshot")[1:]
    downloads = tmp_path / "downloads"
    (downloads / "excel").mkdir(parents=True)
    (downloads / "parking.csv").write_text("voucher,amount\nTC-1,1.00\n", encoding="utf-8")
    (downloads / "excel/parking.csv").write_text("\ufeff凭证号\nTC-1\n", encoding="utf-8")
    log = _fake_gh(tmp_path / "bin")
    outputs = tmp_path / "outputs"
    outputs.write_text("", encoding="utf-8")
    _run(zip_step, tmp_path, tmp_path / "bin", outputs, {})
    made = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    tag, name = made["tag"], made["name"]
    assert tag.startswith("downloads-") and name == f"{tag}.zip"
    with zipfile.ZipFile(tmp_path / name) as archive:
        names = sorted(archive.namelist())
        assert names == ["downloads/excel/parking.csv", "downloads/parking.csv"]
        assert archive.read("downloads/parking.csv") == (downloads / "parking.csv").read_bytes()
    check = subprocess.run(
        ["sha256sum", "-c", f"{name}.sha256"], cwd=tmp_path, capture_output=True, text=True
    )
    assert check.returncode == 0 and f"{name}: OK" in check.stdout
    _run(release_step, tmp_path, tmp_path / "bin", outputs, {"TAG": tag, "NAME": name})
    created = log.read_text(encoding="utf-8").splitlines()[-1]
    assert created.startswith(f"release create {tag} {name} {name}.sha256 --repo 某社区/某小区")
    # the next run of the year finds the release and leaves it as it is
    (tmp_path / name).unlink()
    log2 = _fake_gh(tmp_path / "bin2", existing=tag)
    outputs.write_text("", encoding="utf-8")
    said = _run(zip_step, tmp_path, tmp_path / "bin2", outputs, {})
    assert "exists" in said and outputs.read_text() == "" and not (tmp_path / name).exists()
    assert "release create" not in log2.read_text(encoding="utf-8")


def test_snapshots_are_read_from_the_releases_newest_first(tmp_path):
    listed = tmp_path / "snapshots.json"
    listed.write_text(json.dumps(RELEASES, ensure_ascii=False), encoding="utf-8")
    found = read_snapshots({ENVIRONMENT: str(listed)})
    assert [s.year for s in found.items] == [2025, 2024]  # a draft and another tag left out
    base = "https://github.com/某社区/某小区/releases"
    assert found.items[0].zip_url == f"{base}/download/downloads-2025/downloads-2025.zip"
    assert found.items[0].sums_url.endswith("/downloads-2025.zip.sha256")
    assert found.items[1].published == "2025-01-01"
    assert read_snapshots({}).items == ()
    listed.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        read_snapshots({ENVIRONMENT: str(listed)})
    assert raised.value.code == "snapshots-bad" and "GONGSHI_SNAPSHOTS" in raised.value.message


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    """The sample as a git repository with one commit, built with a snapshot list."""
    root = git_sample(tmp_path_factory.mktemp("verify") / "community")
    listed = root.parent / "snapshots.json"
    listed.write_text(json.dumps(RELEASES, ensure_ascii=False), encoding="utf-8")
    os.environ[ENVIRONMENT] = str(listed)
    try:
        return root, build_site(root, root.parent / "site")
    finally:
        os.environ.pop(ENVIRONMENT, None)


def test_provenance_names_the_commit_of_the_repository(published):
    root, site = published
    provenance = json.loads((site / "downloads/provenance.json").read_text(encoding="utf-8"))
    assert provenance["commit"] == git(root, "rev-parse", "HEAD")
    assert provenance["dirty"] is False
    assert git(root, "cat-file", "-t", provenance["commit"]) == "commit"


def test_sha256sum_checks_every_published_file(published):
    _, site = published
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=site / "downloads", capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    listed = (site / "downloads/SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert result.stdout.count(": OK") == len(listed) > 10


def test_the_downloads_page_explains_both_checks_and_lists_the_snapshots(published):
    _, site = published
    page = (site / "downloads/index.html").read_text(encoding="utf-8")
    assert "<code>gh attestation verify parking.csv --repo 某社区/某小区</code>" in page
    assert "<code>sha256sum -c SHA256SUMS</code>" in page
    assert "核对文件确实出自本小区的仓库" in page
    assert "<li>显示“Verification succeeded”（核对通过）" in page  # a step of its own
    base = "https://github.com/某社区/某小区/releases"
    snapshots = page[page.index('id="t-snapshots"') :]
    assert snapshots.index("2025 年") < snapshots.index("2024 年")
    assert f'href="{base}/download/downloads-2025/downloads-2025.zip"' in snapshots
    assert f'href="{base}/download/downloads-2024/downloads-2024.zip.sha256"' in snapshots
    assert "2023 年" not in snapshots  # a draft release is not a snapshot
