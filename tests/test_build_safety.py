"""A build never harms the project: it refuses a site folder whose replacement would
destroy something, builds in a staging folder git ignores, cleans what a killed build
left, gives the site the umask's permissions, and says so plainly when it cannot write.

Refusals come before any build work, so those tests are quick; the tests that need a
whole build use the ``site`` fixture (which conftest marks slow).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_PARTS, cli, gongshi, tree_digest
from mutations import empty_file

from builder.core.problems import ConfigError
from builder.publish import target as site_target

STAGING = site_target.STAGING_PREFIX
MARKER = site_target.MARKER


@pytest.fixture(autouse=True)
def _keep_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # An in-process build sets SOURCE_DATE_EPOCH; put it back for the other tests.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))


def snapshot(base: Path) -> tuple[list[str], dict[str, str]]:
    """Every path under ``base`` and every file's hash: "nothing touched" is equality."""
    return sorted(str(p.relative_to(base)) for p in base.rglob("*")), tree_digest(base)


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def dead_pid() -> int:
    """The id of a process that has ended (a killed build's)."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


@pytest.fixture
def live_pid() -> Iterator[int]:
    """The id of a process still running (another build in progress)."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child.pid
    child.kill()
    child.wait()


def gongshi_site(folder: Path) -> Path:
    """A small earlier gongshi site: the marker and one page."""
    folder.mkdir(parents=True, exist_ok=True)
    site_target.write_marker(folder)
    (folder / "index.html").write_text("<p>旧网站</p>\n", encoding="utf-8")
    return folder


# --- refused before any work: the project, its sources, a git repository, other files --

# Each case: (site-dir argument made from the project and its parent, what the message
# says in English). The project is ``tmp/community``; cwd is the project.
REFUSED: dict[str, tuple[Callable[[Path], str], str]] = {
    "dot": (lambda root: ".", "is the project"),
    "root-absolute": (lambda root: str(root), "is the project"),
    "root-dotdot": (lambda root: "content/..", "is the project"),
    "ancestor": (lambda root: str(root.parent), "is the project"),
    "content": (lambda root: "content", "the build reads"),
    "content-sub": (lambda root: "content/sub", "the build reads"),
    "content-deep-new": (lambda root: str(root / "content/a/b/c"), "the build reads"),
    "data": (lambda root: "data", "the build reads"),
    "data-ledgers": (lambda root: "data/ledgers", "the build reads"),
    "site-templates": (lambda root: "site_templates", "the build reads"),
    "site-templates-new": (lambda root: "site_templates/out", "the build reads"),
    "mkdocs-yml": (lambda root: "mkdocs.yml", "the build reads"),
    "dotdot-spelling": (lambda root: "site/../data", "the build reads"),
    "symlink-to-content": (lambda root: _link(root, "content"), "the build reads"),
    "symlink-into-data": (lambda root: _link(root, "data/ledgers"), "the build reads"),
    "foreign-git-root": (lambda root: _git_repo(root.parent / "other-repo"), "git work tree"),
    "foreign-git-root-marked": (
        lambda root: _git_repo(gongshi_site(root.parent / "pages-repo")),
        "git work tree",
    ),
    "unmarked-files": (lambda root: _unmarked(root.parent / "photos"), "not a site gongshi"),
    "unmarked-in-project": (lambda root: _unmarked(root / "notes"), "not a site gongshi"),
    "only-hidden-file": (lambda root: _hidden(root.parent / "hidden"), "not a site gongshi"),
}


def _link(root: Path, to: str) -> str:
    link = root.parent / f"link-{to.replace('/', '-')}"
    link.symlink_to(root / to, target_is_directory=True)
    return str(link)


def _git_repo(folder: Path) -> str:
    folder.mkdir(exist_ok=True)
    (folder / "README.md").write_text("自己的仓库\n", encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "first")
    return str(folder)


def _unmarked(folder: Path) -> str:
    folder.mkdir()
    (folder / "家庭照片.jpg").write_bytes(b"\xff\xd8 not really a photo")
    return str(folder)


def _hidden(folder: Path) -> str:
    folder.mkdir()
    (folder / ".env").write_text("TOKEN=x\n", encoding="utf-8")
    return str(folder)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_site_folder_whose_replacement_would_destroy_something_is_refused(project, case):
    make, reason = REFUSED[case]
    site_dir = make(project)
    before = snapshot(project.parent)
    result = cli("build", "--site-dir", site_dir, cwd=project)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "网站已生成" not in result.stdout
    message = result.stderr
    assert "不能把网站生成到" in message and reason in message
    shown = Path(project, site_dir).resolve()
    assert str(shown) in message  # names the folder, resolved
    assert snapshot(project.parent) == before  # nothing made, moved or removed


def test_refusals_come_before_any_build_work(project, monkeypatch):
    # No build starts: a refused folder costs no validation and no MkDocs build.
    import mkdocs.commands.build

    def no_build(*args, **kwargs):
        raise AssertionError("the build started")

    monkeypatch.setattr(mkdocs.commands.build, "build", no_build)
    for case in ("dot", "content", "foreign-git-root"):
        site_dir = REFUSED[case][0](project)
        assert cli("build", "--site-dir", site_dir, cwd=project).returncode == 2


# --- accepted: the default site/, an earlier site, an empty or new folder --------------

ACCEPTED: dict[str, Callable[[Path], str | None]] = {
    "default": lambda root: None,
    "default-earlier-site": lambda root: (gongshi_site(root / "site"), None)[1],
    "site-dir-earlier-site": lambda root: str(gongshi_site(root.parent / "www" / "site")),
    "empty-folder": lambda root: (root.parent / "empty").mkdir() or str(root.parent / "empty"),
    "new-nested-folder": lambda root: str(root.parent / "out/a/b"),
    "inside-project-not-a-source": lambda root: "public",
    "site-built-before-the-marker": lambda root: _legacy_site(root / "site"),
    "symlink-to-earlier-site": lambda root: _link_to(gongshi_site(root.parent / "real"), root),
}


def _legacy_site(folder: Path) -> str:
    (folder / "downloads").mkdir(parents=True)
    (folder / "downloads/provenance.json").write_text(
        '{"builder": "gongshi 0.9.0", "commit": null}', encoding="utf-8"
    )
    (folder / "index.html").write_text("<p>旧网站</p>\n", encoding="utf-8")
    return "site"


def _link_to(real: Path, root: Path) -> str:
    (root.parent / "link-site").symlink_to(real, target_is_directory=True)
    return str(root.parent / "link-site")


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_the_default_an_earlier_site_and_an_empty_or_new_folder_are_accepted(project, case):
    # Invalid data stops the build right after the site folder was accepted: exit code 1
    # (a refusal would be 2), and the folder as it was.
    site_dir = ACCEPTED[case](project)
    empty_file(project)
    args = ("--site-dir", site_dir) if site_dir else ()
    before = snapshot(project.parent)
    result = cli("build", *args, cwd=project)
    assert result.returncode == 1, result.stderr
    assert "不能把网站生成到" not in result.stderr and "Traceback" not in result.stderr
    after = snapshot(project.parent)
    # Only a new folder's parents may appear (made before the staging folder).
    assert after[1] == before[1] and set(before[0]) <= set(after[0])
    assert not [p for p in after[0] if STAGING in p]


# --- what a killed build left is cleaned on the next run; a running build's is kept ----


def test_a_killed_builds_staging_and_backup_folders_go_on_the_next_run(project, live_pid):
    gongshi_site(project / "site")
    dead = dead_pid()
    stale = [
        project / f"{STAGING}{dead}-00aa11-build-site",
        project / f"{STAGING}{dead}-00aa12-previous-site",
        project / f"{STAGING}{dead}-00aa13-build-other name",
        project / f"{STAGING}{os.getpid()}-00aa14-build-site",  # this process's, long over
        project / ".site-building-k3_9xq2a",  # what a killed build of an older gongshi left
    ]
    for folder in stale:
        (folder / "assets").mkdir(parents=True)
        (folder / "assets/page.html").write_text("半成品\n", encoding="utf-8")
    running = project / f"{STAGING}{live_pid}-00bb22-build-site"
    running.mkdir()
    kept = project / f"{STAGING}notes"  # not a name a build makes
    kept.mkdir()
    (project / ".site-building-notes").mkdir()  # not a temporary folder's name either
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("不能删\n", encoding="utf-8")
    symlink = project / f"{STAGING}{dead}-00cc33-build-site"
    symlink.symlink_to(outside, target_is_directory=True)
    empty_file(project)  # the build fails after the clean-up: quick

    result = cli("build", cwd=project)

    assert result.returncode == 1, result.stderr
    assert not [p for p in stale if p.exists()]
    assert running.is_dir() and kept.is_dir()  # another build's, and not ours
    assert (project / ".site-building-notes").is_dir()
    assert (outside / "keep.txt").is_file() and symlink.is_symlink()  # never followed
    assert (project / "site" / MARKER).is_file()


def test_a_swap_cut_short_puts_the_last_good_site_back(project):
    # Killed between moving the old site aside and moving the new one in.
    backup = gongshi_site(project / f"{STAGING}{dead_pid()}-00dd44-previous-site")
    pages = snapshot(backup)
    empty_file(project)
    result = cli("build", cwd=project)
    assert result.returncode == 1, result.stderr  # bad data: the site is not rebuilt...
    assert snapshot(project / "site") == pages  # ...and the last good one is back
    assert not backup.exists()


def test_staging_folders_are_ignored_by_the_samples_and_inits_gitignore(tmp_path):
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy2(REPO / ".gitignore", sample / ".gitignore")
    made = tmp_path / "made"
    assert (
        cli("init", str(made), "--name", "桂香苑", "--site-url", "https://e.org/").returncode == 0
    )
    names = [
        f"{STAGING}123-0a1b2c-build-site",
        f"{STAGING}123-0a1b2c-previous-site",
        f"public/{STAGING}9-ff-build-www",
    ]
    for repo in (sample, made):
        git(repo, "init", "-q")
        for name in names:
            (repo / name).mkdir(parents=True)
            (repo / name / "index.html").write_text("x\n", encoding="utf-8")
            git(repo, "check-ignore", "-q", f"{name}/index.html")  # exit 1 = not ignored


# --- permissions --------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002, 0o077])
def test_the_site_folder_gets_the_umasks_mode_as_mkdocs_gives_it(tmp_path, umask):
    old = os.umask(umask)
    try:
        for existing in (False, True):
            target = tmp_path / f"site-{existing}"
            if existing:
                gongshi_site(target)
            with site_target.staged(target) as staging:
                assert stat.S_IMODE(staging.stat().st_mode) == 0o777 & ~umask
                site_target.write_marker(staging)
            assert stat.S_IMODE(target.stat().st_mode) == 0o777 & ~umask
    finally:
        os.umask(old)


def test_a_mode_given_to_the_site_folder_is_kept(tmp_path):
    target = gongshi_site(tmp_path / "site")
    target.chmod(0o751)
    old = os.umask(0o077)
    try:
        with site_target.staged(target) as staging:
            site_target.write_marker(staging)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o751


# --- a location the user cannot write: a clear error, the old site unchanged -----------

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _under_a_file(root: Path) -> str:
    (root.parent / "a-file").write_text("x\n", encoding="utf-8")
    return str(root.parent / "a-file/site")


def _is_a_file(root: Path) -> str:
    (root.parent / "a-file").write_text("x\n", encoding="utf-8")
    return str(root.parent / "a-file")


def _read_only_parent(root: Path) -> str:
    locked = root.parent / "locked"
    gongshi_site(locked / "site")
    locked.chmod(0o555)
    return str(locked / "site")


UNWRITABLE = {
    "under-a-file": (_under_a_file, "is a file"),
    "is-a-file": (_is_a_file, "is a file"),
    "read-only-parent": (_read_only_parent, "Cannot write the site folder"),
}


# Root writes into a read-only folder, so that case runs only for other users; for root,
# test_a_staging_folder_that_cannot_be_made_is_a_clear_error covers the same refusal.
@pytest.mark.parametrize("case", sorted(c for c in UNWRITABLE if not (ROOT and "read-only" in c)))
def test_a_site_location_that_cannot_be_written_is_a_clear_error(project, case):
    make, says = UNWRITABLE[case]
    site_dir = make(project)
    try:
        before = snapshot(project.parent)
        result = cli("build", "--site-dir", site_dir, cwd=project)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and says in result.stderr
        assert site_dir in result.stderr
        assert snapshot(project.parent) == before
    finally:
        for folder in project.parent.iterdir():
            if folder.is_dir():
                folder.chmod(0o755)  # so pytest can remove it


@pytest.mark.parametrize("errno_name", ["EACCES", "EROFS", "ENOSPC"])
def test_a_staging_folder_that_cannot_be_made_is_a_clear_error(project, monkeypatch, errno_name):
    # As root ignores permissions: the file system refuses the staging folder itself.
    import errno

    code = getattr(errno, errno_name)
    real_mkdir = Path.mkdir

    def refuse(self, *args, **kwargs):
        if self.name.startswith(STAGING):
            raise OSError(code, os.strerror(code), str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    gongshi_site(project / "site")
    before = snapshot(project)
    result = cli("build", cwd=project)
    assert result.returncode == 2, result.stderr
    assert os.strerror(code) in result.stderr and "Traceback" not in result.stderr
    assert str(project / "site") in result.stderr
    assert snapshot(project) == before


def test_a_failed_move_into_place_keeps_the_old_site(tmp_path, monkeypatch):
    target = gongshi_site(tmp_path / "site")
    before = snapshot(target)
    real_rename = Path.rename

    def refuse(self, destination):
        if self.name.startswith(STAGING) and "-build-" in self.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_rename(self, destination)

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(ConfigError) as raised, site_target.staged(target) as staging:
        (staging / "index.html").write_text("新网站\n", encoding="utf-8")
    assert raised.value.code == "site-dir-unwritable"
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- whole builds (slow) ------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[Path, Path]]:
    """The sample as a git repository, built under umask 027 with a killed build's
    staging folder and a running one's beside site/: (repository, site)."""
    repo = tmp_path_factory.mktemp("safety") / "community"
    repo.mkdir()
    for part in SAMPLE_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, repo / part)
    shutil.copy2(REPO / ".gitignore", repo / ".gitignore")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sample")
    (repo / f"{STAGING}{dead_pid()}-0e0e-build-site/css").mkdir(parents=True)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    (repo / f"{STAGING}{running.pid}-0f0f-build-site").mkdir()
    old = os.umask(0o027)
    try:
        built = gongshi("build", str(repo), timeout=600)
    finally:
        os.umask(old)
        running.kill()
        running.wait()
    assert built.returncode == 0, built.stderr
    yield repo, repo / "site"


def test_after_a_build_git_sees_nothing_new(site):
    repo, built = site
    assert (built / MARKER).is_file() and (built / "index.html").is_file()
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    stale = [p.name for p in repo.iterdir() if p.name.startswith(STAGING)]
    assert len(stale) == 1 and "-0f0f-" in stale[0]  # only the running build's is left


def test_the_built_site_has_the_umasks_permissions(site):
    _, built = site
    folders = [built, *(p for p in built.rglob("*") if p.is_dir())]
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o750}
    files = [p for p in built.rglob("*") if p.is_file()]
    assert {stat.S_IMODE(p.stat().st_mode) & 0o7 for p in files} == {0}  # none for others
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o040 for p in files)  # the group reads


def test_a_rebuild_replaces_the_earlier_site_and_a_failed_one_keeps_it(site, tmp_path):
    repo, built = site
    copy = tmp_path / "community"
    shutil.copytree(repo, copy, symlinks=True)
    target = tmp_path / "www/site"
    shutil.copytree(built, target)
    (target / "stale-page.html").write_text("旧页面\n", encoding="utf-8")
    assert gongshi("build", str(copy), "--site-dir", str(target), timeout=600).returncode == 0
    assert not (target / "stale-page.html").exists() and (target / MARKER).is_file()
    good = snapshot(target)
    empty_file(copy)
    failed = gongshi("build", str(copy), "--site-dir", str(target), timeout=600)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert snapshot(target) == good
    assert sorted(p.name for p in target.parent.iterdir()) == ["site"]  # nothing left


# --- a malformed SOURCE_DATE_EPOCH stops the build instead of dating it by the clock --


@pytest.mark.parametrize("epoch", ["⑦", "1e9", "-5", "99999999999999999", "1" * 5000])
def test_a_malformed_build_date_stops_the_build_with_a_clear_error(
    project, tmp_path, monkeypatch, epoch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    # In a process of its own: MkDocs logs the plugin's error to the terminal.
    result = gongshi("build", str(project), "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "SOURCE_DATE_EPOCH" in result.stderr and "0 到 253402300799" in result.stderr
    assert not (tmp_path / "out").exists()
