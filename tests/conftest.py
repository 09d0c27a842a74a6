"""Shared helpers: a fresh copy of the sample community per test, and the real CLI."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import main

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PARTS = ("data", "content", "site_templates", "mkdocs.yml")


# Markers, applied here so the test modules need none (pyproject.toml registers them).
# The inner loop is `python -m pytest -m "not slow and not browser"`; CI runs everything.
# browser: the modules that start Chromium, and any test using a browser fixture.
BROWSER_MODULES = {"test_accessibility", "test_browser", "test_phone", "test_print"}
BROWSER_FIXTURES = {"browser", "served_site"}
# slow: modules that build the sample site or large projects, run a `gongshi serve`,
# the workflows' commands or a pip install; tests that build a site; and the few tests
# of the quick modules measured at several seconds each (`--durations=30`).
# (test_benchmarks checks the generator on a small project and times nothing: quick.)
SLOW_MODULES = {
    "test_auditor",
    "test_city_site",
    "test_packaging",
    "test_published_pages",
    "test_scale",
    "test_serve",
    "test_site",
    "test_workflows",
}
SLOW_FIXTURES = {"site"}
SLOW_TESTS = {
    "test_fast_path.py::test_generated_rows_give_the_same_report_and_values",
    "test_fast_path.py::test_benchmark_project_with_planted_errors",
    "test_fast_path.py::test_command_line_engines_agree",
    "test_new_community.py::test_from_an_empty_directory_to_a_site_with_the_communitys_own_name",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.stem
        fixtures = set(getattr(item, "fixturenames", ()))
        if module in BROWSER_MODULES or fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        name = f"{item.path.name}::{getattr(item, 'originalname', item.name)}"
        if module in SLOW_MODULES or fixtures & SLOW_FIXTURES or name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


def copy_sample(root: Path) -> Path:
    """A writable copy of the sample community, made at ``root`` (a new folder)."""
    root.mkdir(parents=True)
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    return root


def git_sample(root: Path) -> Path:
    """A git repository at ``root`` holding the sample community, with one commit."""
    copy_sample(root)
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "staff@example.invalid"),
        ("config", "user.name", "社区工作人员"),
        ("add", "-A"),
        ("commit", "-q", "-m", "sample community"),
    ):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the sample community."""
    return copy_sample(tmp_path / "community")


def gongshi(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run the real command line, as staff and CI do."""
    return subprocess.run(
        [sys.executable, "-m", "builder", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=timeout,
    )


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The command line through its entry point ``builder.cli.main``, in this process:
    the same exit code and output as :func:`gongshi` without starting Python again
    (a fifth of the time). An exception fails the test with its traceback."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd or Path.cwd()),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's usage errors, --help and --version
            code = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    return subprocess.CompletedProcess(
        ["gongshi", *args], code, stdout.getvalue(), stderr.getvalue()
    )


def validate_json(root: Path) -> tuple[int, dict]:
    """``gongshi validate --format json`` in this process: (exit code, report)."""
    result = cli("validate", str(root), "--format", "json")
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file's hash, to show a command changed nothing."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def append_line(path: Path, line: str) -> int:
    """Append one line to a text file; return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def line_of(path: Path, needle: str, start: int = 1) -> int:
    """The first line (from ``start``) containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[number - 1], (old, lines[number - 1])
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def has(
    report: dict,
    code: str,
    file: str | None = None,
    line: int | None = None,
    field: str | None = None,
) -> bool:
    return any(
        e["code"] == code
        and (file is None or e["file"] == file)
        and (line is None or e["line"] == line)
        and (field is None or e["field"] == field)
        for e in report["errors"] + report["warnings"]
    )


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The sample site, built once and served on loopback under /gongshi/: (URL, folder)."""
    from browser import served_build

    with served_build(tmp_path_factory.mktemp("served")) as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    """The machine's Chromium through Playwright, one for the whole run."""
    from browser import launched

    with launched() as chromium:
        yield chromium
