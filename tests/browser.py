"""The machine's Chromium, driven by Playwright, against a built site served on loopback.

Debian's ``chromium`` is used (never a browser download). Outside CI a missing
Chromium skips the browser tests with the command to install it; in CI (CI=true) it
fails them, so a green CI always means the browser tests ran.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
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
