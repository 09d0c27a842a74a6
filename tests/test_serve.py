"""`gongshi serve`: an edit of a record shows in the preview; a broken edit reports the
problem (file, line, what to change; no traceback) in the log and in the browser (a
banner over the last good preview, which stays until the record is fixed). Nothing here
is timed: benchmarks/run.py measures how fast."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import cli, line_of, replace_line

LEDGER = "data/ledgers/parking.csv"
BANNER = "gongshi-preview-problems.json"
PATIENCE = 120  # seconds to wait for a build; a limit for a stuck server, not a timing


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_until(condition: Callable[[], bool], process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        assert process.poll() is None, f"serve stopped while waiting for {what}"
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"no {what} after {PATIENCE} s")


@pytest.fixture
def served(project: Path, tmp_path: Path):
    """`gongshi serve` of a copy of the sample: (the project, its base URL, its log)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site_url = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text("utf-8"), re.M)
    mount = urllib.parse.urlparse(site_url.group(1)).path if site_url else "/"
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "builder", "serve", str(project), "--dev-addr",
             f"127.0.0.1:{port}"],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}{mount.rstrip('/')}/"
    try:
        wait_until(lambda: fetch(base) is not None, process, "served home page")
        yield project, base, log, process
    finally:
        # Ctrl+C, as staff stop it: serve removes its temporary site and stops the index.
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serve_shows_an_edit_and_keeps_the_last_good_preview_on_a_broken_one(served):
    project, base, log, process = served
    ledger = project / LEDGER
    line = line_of(ledger, "TC-2025-")
    year_page = f"{base}ledgers/parking/2025/"

    # 1. An edited description is shown by the preview.
    old = ledger.read_text(encoding="utf-8").splitlines()[line - 1]
    description = old.split(",")[6]
    replace_line(ledger, line, description, description + "（预览第一次修改）")
    wait_until(lambda: "预览第一次修改" in (fetch(year_page) or ""), process, "first edit")

    # 2. A broken amount: the log says which file, line and field, with no traceback;
    #    the browser still gets the last good preview.
    edited = ledger.read_text(encoding="utf-8").splitlines()[line - 1]
    amount = edited.split(",")[4]
    replace_line(ledger, line, f",{amount},", f",{amount}元,")
    wait_until(lambda: "预览没有更新" in log.read_text("utf-8"), process, "report of the error")
    text = log.read_text("utf-8")
    assert "Traceback" not in text
    assert LEDGER in text and f"第 {line} 行 · amount" in text, text
    page = fetch(year_page)
    assert page is not None and "预览第一次修改" in page
    # ...with the report over it: every page loads the banner's script, which shows
    # what the preview wrote beside the pages.
    assert "assets/preview-problems.js" in page
    wait_until(lambda: fetch(base + BANNER) is not None, process, "the banner's report")
    banner = json.loads(fetch(base + BANNER) or "{}")
    assert banner["heading"].startswith("预览没有更新")
    assert {"file": LEDGER, "line": line, "field": "amount"}.items() <= banner["problems"][
        0
    ].items()

    # 3. The fix is picked up by itself, and the banner is gone.
    replace_line(ledger, line, f",{amount}元,", f",{amount},")
    replace_line(ledger, line, "（预览第一次修改）", "（预览改正以后）")
    wait_until(lambda: "预览改正以后" in (fetch(year_page) or ""), process, "fixed edit")
    assert fetch(base + BANNER) is None


def test_serve_previews_a_draft_with_hints_and_lists_them_in_its_banner(served):
    project, base, _, process = served
    notices = project / "data/branch/notices.yaml"
    assert cli("new", "notice", str(project), "--write").returncode == 0
    wait_until(lambda: fetch(base + BANNER) is not None, process, "the banner's report")
    banner = json.loads(fetch(base + BANNER) or "{}")
    assert "待填写的说明" in banner["heading"]
    assert {p["file"] for p in banner["problems"]} == {"data/branch/notices.yaml"}
    # Filled in: the next preview has no banner.
    text = notices.read_text(encoding="utf-8")
    notices.write_text(
        text.replace("（请填写公示标题）", "预览中的公示")
        .replace("（请填写公示内容，以及反映意见的方式）", "公示内容。")
        .replace("（请填写发布单位）", "支部委员会"),
        encoding="utf-8",
    )
    wait_until(lambda: fetch(base + BANNER) is None, process, "the banner to go")
