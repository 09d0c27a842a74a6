"""builder/site/qr.py chooses the QR mask with NumPy instead of qrcode's pure-Python trial
of all eight; the symbols must be exactly stock ``qrcode``'s, for every kind of input,
length, version and error-correction level. (qr.py overrides qrcode's internals, so
pyproject.toml pins qrcode below its next major version.)"""

from __future__ import annotations

import random

import numpy as np
import pytest
import qrcode
import qrcode.constants
import qrcode.exceptions
import qrcode.util

from builder.site.qr import ERROR_CORRECTION, QUIET_ZONE, _path, _QRCode, penalties, qr_svg

LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
# Letters qrcode encodes in each of its modes: numeric, alphanumeric, bytes (UTF-8).
ALPHABETS = (
    "0123456789",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:",
    "abcdefghijklmnopqrstuvwxyz0123456789/-_.~?=&#%",
    "公示栏党务业委会决定停车广告收益台账青禾苑第一二三年月日",
)


def _inputs() -> list[str]:
    """Site addresses like the real ones, then seeded random texts of every mode and of
    lengths up to a version-20 symbol's capacity."""
    chooser = random.Random(20250305)
    texts = [
        "https://example.org/",
        "https://qinghe.example.org/gongshi/branch/notices/2025-06-09/",
        "https://qinghe.example.org/gongshi/committee/decisions/JY-2024-02/",
        "https://qinghe.example.org/gongshi/ledgers/parking/2025/",
        "https://example.org/%E5%85%AC%E7%A4%BA/",
    ]
    for n in range(40):
        alphabet = ALPHABETS[n % len(ALPHABETS)]
        length = chooser.choice((1, 2, 7, 20, 41, 77, 150, 300))
        if alphabet is ALPHABETS[3]:
            length = min(length, 100)  # three UTF-8 bytes a character
        texts.append("".join(chooser.choice(alphabet) for _ in range(length)))
    return texts


INPUTS = _inputs()
IDS = [f"{n}-{len(text)}chars" for n, text in enumerate(INPUTS)]


def _stock(text: str, level: int, version: int | None = None) -> qrcode.QRCode:
    code = qrcode.QRCode(version=version, error_correction=level, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=version is None)
    return code


def _ours(text: str, level: int, version: int | None = None) -> _QRCode:
    code = _QRCode(version=version, error_correction=level, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=version is None)
    return code


@pytest.mark.parametrize("text", INPUTS, ids=IDS)
def test_matrix_equals_stock_qrcode(text):
    stock, ours = _stock(text, ERROR_CORRECTION), _ours(text, ERROR_CORRECTION)
    assert ours.version == stock.version
    assert ours.mask_pattern == stock.mask_pattern
    assert ours.get_matrix() == stock.get_matrix()


# Every level at the small versions a site address takes, and the largest versions
# (the slowest to make) at one level each.
VERSIONS = [(v, level) for v in (1, 2, 3, 5, 7, 10, 14, 20) for level in sorted(LEVELS)] + [
    (27, "Q"),
    (40, "L"),
    (40, "H"),
]


@pytest.mark.parametrize("version, level", VERSIONS)
def test_every_version_and_level_equals_stock_qrcode(version, level):
    # The longest part of a long address that fits: a full symbol, little padding.
    text = (f"https://example.org/{version}/{level}/" + "gongshi/" * version**2)[
        : 2 * version**2
        + 20  # a little over the byte capacity at level L
    ]
    while True:
        try:
            stock = _stock(text, LEVELS[level], version)
            break
        except qrcode.exceptions.DataOverflowError:
            text = text[: len(text) * 9 // 10]
    ours = _ours(text, LEVELS[level], version)
    assert (ours.version, ours.mask_pattern) == (version, stock.mask_pattern)
    assert ours.get_matrix() == stock.get_matrix()


@pytest.mark.parametrize("text", INPUTS[:12], ids=IDS[:12])
def test_penalties_equal_qrcode_lost_point_for_each_mask(text):
    masked = []
    for mask in range(8):
        code = qrcode.QRCode(error_correction=ERROR_CORRECTION, mask_pattern=mask, border=0)
        code.add_data(text)
        code.make(fit=True)
        masked.append(code.modules)
    expected = [qrcode.util.lost_point(modules) for modules in masked]
    assert penalties(np.array(masked, dtype=bool)).tolist() == expected


@pytest.mark.parametrize("text", INPUTS[:5], ids=IDS[:5])
def test_svg_draws_the_stock_matrix(text):
    stock = _stock(text, ERROR_CORRECTION).get_matrix()
    svg = qr_svg(text).decode("utf-8")
    assert f'd="{_path(stock)}"' in svg
    # Every dark module drawn once: the path's rectangles add up to the dark count.
    widths = [int(part.split("h")[1].split("v")[0]) for part in _path(stock).split("M")[1:]]
    assert sum(widths) == sum(map(sum, stock))


def test_qrcode_major_version_is_the_one_qr_py_was_written_for():
    # qr.py overrides QRCode.map_data and best_mask_pattern: a new major may change them.
    from importlib.metadata import version

    assert version("qrcode").split(".")[0] == "8"
