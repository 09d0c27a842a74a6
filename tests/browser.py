"""The machine's Chromium, driven by Playwright, against a built site served on loopback.

Debian's ``chromium`` is used (never a browser download). Outside CI a missing
Chromium skips the browser tests with the command to install it; in CI (CI=true) it
fails them, so a green CI always means the browser tests ran. The same holds for the
other tools the browser tests use: pdfinfo/pdftotext/pdftoppm (poppler-utils), zbarimg
(zbar-tools), a Chinese font (fonts-wqy-microhei) and axe-core (``npm ci``).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, no sandbox (CI runs as root), and nothing that reaches beyond this machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]


def require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = "Chromium is not installed: apt-get install -y chromium"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (.ci/run installs it; browser tests must run in CI)")
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- shared by the print, phone and accessibility tests ------------------------------

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
# Screenshots a reviewer can look at (git-ignored): one per page type at 360 px.
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (.ci/run installs it; these tests must run in CI)")
    pytest.skip(message)


def require_tool(name: str, package: str) -> str:
    """The path of a command-line tool from a Debian package (skip outside CI, fail in CI)."""
    path = shutil.which(name)
    if not path:
        _missing(f"{name} is not installed: apt-get install -y {package}")
    return path or name


def require_axe() -> Path:
    """axe-core from npm (package.json's devDependencies)."""
    if not AXE.is_file():
        _missing(f"axe-core is not installed: npm ci (expected {AXE.relative_to(REPO)})")
    return AXE


@contextmanager
def served_build(tmp: Path) -> Iterator[tuple[str, Path]]:
    """Build the sample site into ``tmp``/gongshi and serve it there, as GitHub Pages
    publishes a project site (under site_url's path). Yields (site URL, site folder)."""
    site = tmp / "gongshi"
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(REPO), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    with serve(tmp) as url:
        yield url + "gongshi/", site


@contextmanager
def launched() -> Iterator:
    """The machine's Chromium, headless, through Playwright (no browser download)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def page_types(site: Path) -> dict[str, str]:
    """One page of every kind the site has (path from the site's root, as a link)."""

    def first(pattern: str) -> str:
        found = sorted(site.glob(pattern))
        assert found, pattern
        return found[0].parent.relative_to(site).as_posix() + "/"

    notice = first("branch/notices/*/index.html")
    decision = first("committee/decisions/*/index.html")
    ledger_year = first("ledgers/*/*/index.html")
    return {
        "home": "",
        "branch": "branch/",
        "notice": notice,
        "committee": "committee/",
        "matter": first("committee/matters/*/index.html"),
        "decision": decision,
        "members": "committee/members/",
        "fund-uses": "committee/fund-uses/",
        "property": "property/",
        "ledgers": "ledgers/",
        "ledger-year": ledger_year,
        "downloads": "downloads/",
        "calendar": "calendar/",
        "search": "search/",
        "legal": "legal/votes/",
        "404": "404.html",
        "notice-print": notice + "print/",
        "decision-print": decision + "print/",
        "ledger-print": ledger_year + "print/",
        "requests": "property/requests/",
        "requests-print": "property/requests/print/",
        "wishes": "voice/wishes/",
        "wishes-print": "voice/wishes/print/",
        "joint-meetings": "voice/meetings/",
        "joint-meetings-year": first("voice/meetings/*/index.html"),
        "joint-meetings-print": first("voice/meetings/*/print/index.html"),
        "volunteers": "voice/volunteers/",
        "volunteers-print": "voice/volunteers/print/",
    }


def console_problems(page) -> list[str]:
    """Collects console errors, uncaught exceptions and failed requests of ``page``."""
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"{page.url}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    page.on(
        "response",
        lambda r: problems.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None,
    )
    return problems


def require_cjk_font() -> None:
    """A Chinese font, so pages render as residents see them (not as boxes) and a PDF's
    text can be read back (pdftotext)."""
    fc_list = require_tool("fc-list", "fontconfig")
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    if not found.stdout.strip():
        _missing("no Chinese font is installed: apt-get install -y fonts-wqy-microhei")
