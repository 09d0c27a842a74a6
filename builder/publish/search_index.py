"""The Chinese search index of the built site, made by Pagefind in a process of its own
(MkDocs' built-in search cannot split Chinese words; Pagefind can, offline)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def start_indexing(site_dir: str | Path, quiet: bool = False) -> subprocess.Popen:
    """Start indexing ``site_dir``; the caller waits for it (``communicate``) or, in a
    preview nobody reads the output of (``quiet``), lets it run on."""
    from pagefind.service import get_executable  # only builds that index need it

    # The binary itself when the pagefind package finds it (saves starting Python).
    binary = get_executable()
    command = [str(binary)] if binary else [sys.executable, "-m", "pagefind"]
    output = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen(
        [*command, "--site", str(site_dir), "--silent"], stdout=output, stderr=output, text=True
    )


def stop_indexing(process: subprocess.Popen | None) -> None:
    """Stop an index still being made (a preview's, which the next rebuild replaces)."""
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
