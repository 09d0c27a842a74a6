"""QR codes for printed notices: a page's permanent address, as an SVG made at build time.

A resident scans the code on the notice board (公示栏) and lands on the page that stays
current (status, later corrections). The code is a vector path, so it prints sharp at any
size; the same address always gives the same bytes (no timestamps, no random ids), and
no raster library (Pillow) is needed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
import qrcode
import qrcode.constants
from numpy.lib.stride_tricks import sliding_window_view

from builder.site.templating import make_environment

# Medium error correction (about 15% of the code may be soiled or torn) keeps a site
# address within a small symbol version, so each module stays large on paper.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
QUIET_ZONE = 4  # modules of white margin the standard asks for around the symbol
_TEMPLATE = make_environment(jinja2.PackageLoader("builder.site", "templates")).get_template(
    "qr.svg.j2"
)


class _QRCode(qrcode.QRCode):
    """qrcode's QRCode, choosing the same mask about five times faster.

    The standard has the encoder try all eight masks and keep the one with the lowest
    penalty. qrcode places the data eight times and scores each in pure Python (4 ms a
    code; a site has a code for every notice, decision and ledger year, over 1,000 at
    the largest sizes). Here the data is placed once, the other masks are derived with
    numpy (a mask only flips data modules; qrcode's trial codes leave the format bits
    dark-free whatever the mask) and all eight are scored at once, by qrcode's rules.
    tests/test_qr.py checks the choice agrees with qrcode's own.
    """

    def map_data(self, data: Any, mask_pattern: int) -> None:
        # The modules still empty now are the data modules, the ones a mask flips.
        self._data_modules = np.array([[m is None for m in row] for row in self.modules])
        super().map_data(data, mask_pattern)

    def best_mask_pattern(self) -> int:
        self.makeImpl(True, 0)
        placed = np.array(self.modules, dtype=bool)
        masks = _masks(len(placed))
        candidates = placed ^ (self._data_modules & (masks ^ masks[0]))
        return int(np.argmin(penalties(candidates)))  # the first of equals, as qrcode


@lru_cache(maxsize=64)
def _masks(size: int) -> np.ndarray:
    """Where each of the eight masks flips a module of a code ``size`` modules wide
    (ISO/IEC 18004 table 10, as qrcode.util.mask_func)."""
    i, j = np.indices((size, size))
    return np.stack(
        [
            (i + j) % 2 == 0,
            i % 2 == 0,
            j % 3 == 0,
            (i + j) % 3 == 0,
            (i // 2 + j // 3) % 2 == 0,
            (i * j) % 2 + (i * j) % 3 == 0,
            ((i * j) % 2 + (i * j) % 3) % 2 == 0,
            ((i * j) % 3 + (i + j) % 2) % 2 == 0,
        ]
    )


_FINDER_LIKE = np.array(
    [[1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1]], dtype=bool
)


def penalties(codes: np.ndarray) -> np.ndarray:
    """The mask penalty of each code in ``codes`` (shape: codes × size × size, True is
    dark), as qrcode.util.lost_point scores one."""
    count, size, _ = codes.shape
    score = np.zeros(count, dtype=np.int64)
    for lines in (codes, codes.transpose(0, 2, 1)):
        # 1. Runs of five or more modules of one colour in a row or column: length - 2.
        score += _run_penalties(lines)
        # 3. A 1:1:3:1:1 finder-like pattern with four light modules beside it: 40.
        windows = sliding_window_view(lines, 11, axis=2)
        for pattern in _FINDER_LIKE:
            score += 40 * (windows == pattern).all(axis=3).sum(axis=(1, 2))
    # 2. Each 2 × 2 block of one colour: 3.
    corner = codes[:, :-1, :-1]
    same = (
        (corner == codes[:, 1:, :-1]) & (corner == codes[:, :-1, 1:]) & (corner == codes[:, 1:, 1:])
    )
    score += 3 * same.sum(axis=(1, 2))
    # 4. 10 for every full 5 % the dark share is away from half (same float steps as qrcode).
    for n, dark in enumerate(codes.sum(axis=(1, 2)).tolist()):
        score[n] += int(abs(float(dark) / size**2 * 100 - 50) / 5) * 10
    return score


def _run_penalties(lines: np.ndarray) -> np.ndarray:
    count, size, _ = lines.shape
    # Each line ends in a sentinel (2) so runs never join across lines or codes.
    cells = np.concatenate(
        [lines.astype(np.int8), np.full((count, size, 1), 2, dtype=np.int8)], axis=2
    ).ravel()
    starts = np.flatnonzero(np.concatenate(([True], cells[1:] != cells[:-1])))
    lengths = np.diff(np.append(starts, cells.size))
    keep = (cells[starts] != 2) & (lengths >= 5)
    owner = starts[keep] // (size * (size + 1))
    return np.bincount(owner, weights=lengths[keep] - 2, minlength=count).astype(np.int64)


def qr_svg(text: str) -> bytes:
    """A QR code of ``text`` as a standalone SVG document (black path on white)."""
    code = _QRCode(error_correction=ERROR_CORRECTION, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # the quiet zone included
    return _TEMPLATE.render(size=len(matrix), path=_path(matrix)).encode("utf-8")


def _path(matrix: list[list[bool]]) -> str:
    """SVG path data: one rectangle for each run of dark modules in a row (a tenth of
    the size of a square per module, and quicker to draw)."""
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts)


# Codes made in this process, by address: `gongshi serve` rebuilds the site on every
# edit, and a code, once made, never changes.
_MADE: dict[str, bytes] = {}
# Starting a second Python costs about as much as 50 codes: fewer are made right here.
WORKER_MINIMUM = 100


class Batch:
    """QR codes made by a second process while this one builds the pages.

    A code takes about 3 ms of pure Python and a large community prints over a thousand
    pages; the site's codes are known before its pages are made, so a worker
    (``python -m builder.site.qr``) makes them on another processor meanwhile. ``result``
    waits for it; should it fail, the codes are made here instead.
    """

    def __init__(self, addresses: Iterable[str]) -> None:
        self._wanted = sorted(set(addresses))
        self._missing = [a for a in self._wanted if a not in _MADE]
        self._process: subprocess.Popen | None = None
        if len(self._missing) >= WORKER_MINIMUM:
            self._folder = Path(tempfile.mkdtemp(prefix="gongshi-qr-"))
            (self._folder / "addresses.json").write_text(json.dumps(self._missing), "utf-8")
            self._process = subprocess.Popen(
                [sys.executable, "-m", "builder.site.qr", str(self._folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def result(self) -> dict[str, bytes]:
        """Every wanted address's code."""
        made: dict[str, str] = {}
        if self._process is not None:
            try:
                if self._process.wait() == 0:
                    made = json.loads((self._folder / "codes.json").read_text("utf-8"))
            finally:
                shutil.rmtree(self._folder, ignore_errors=True)
            self._process = None
        for address in self._missing:
            code = made.get(address)
            _MADE[address] = code.encode("utf-8") if code else qr_svg(address)
        self._missing = []
        return {address: _MADE[address] for address in self._wanted}

    def close(self) -> None:
        """Stop the worker of a build that will not use its codes."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            shutil.rmtree(self._folder, ignore_errors=True)
            self._process = None


def _work(folder: Path) -> None:
    """The worker: the codes of ``addresses.json`` in ``folder``, into ``codes.json``."""
    addresses = json.loads((folder / "addresses.json").read_text("utf-8"))
    codes = {address: qr_svg(address).decode("utf-8") for address in addresses}
    (folder / "codes.json").write_text(json.dumps(codes), "utf-8")


if __name__ == "__main__":
    _work(Path(sys.argv[1]))
