"""The one decoder: what encoding a staff file's bytes are in, and its text.

Every command asks this module, so ``validate`` and ``normalize`` always give the same
verdict on the same bytes: UTF-8 (with or without Excel's BOM) is read as it is;
GB18030 (a superset of GBK, what Excel and WPS call "ANSI" on Chinese Windows) is
recognised only when it decodes cleanly into characters a Chinese record plausibly
holds, since bytes in other encodings (Big5, Shift-JIS...) often decode as GB18030 into
nonsense; anything else is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"
UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
GB18030 = "gb18030"
UNKNOWN = "unknown"

# Code point ranges of what GB18030 text from a Chinese office plausibly contains.
_PLAUSIBLE = (
    (0x00A0, 0x02FF),  # Latin-1, Latin Extended (pinyin tones), spacing modifiers
    (0x0370, 0x04FF),  # Greek, Cyrillic (both in GB2312)
    (0x2000, 0x27BF),  # punctuation, currency, letterlike, number forms, arrows, maths,
    #                    enclosed numbers ①, box drawing, shapes, symbols ★
    (0x2E80, 0x33FF),  # CJK radicals, punctuation 、。「」, kana, bopomofo, ㈠, ㎡
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFE10, 0xFE6F),  # vertical and small forms
    (0xFEFF, 0xFFEF),  # BOM, full-width and half-width forms
    (0x20000, 0x3134F),  # CJK Extensions B and later
)


@dataclass(frozen=True)
class Decoded:
    """What a file's bytes are.

    Attributes:
        encoding: ``utf-8``, ``utf-8-sig`` (UTF-8 after a BOM), ``gb18030`` or ``unknown``.
        text: the text, BOM removed; for GB18030 the converted text (the file itself
            still has to be converted before ``validate`` accepts it); None when unknown.
        bad_line: for anything not UTF-8, the 1-based line of the first byte that is not.
    """

    encoding: str
    text: str | None
    bad_line: int | None = None

    @property
    def is_utf8(self) -> bool:
        return self.encoding in (UTF8, UTF8_BOM)


def decode(raw: bytes) -> Decoded:
    """The one verdict on a file's encoding."""
    body, encoding, offset = (
        (raw[len(BOM) :], UTF8_BOM, len(BOM))
        if raw.startswith(BOM)
        else (
            raw,
            UTF8,
            0,
        )
    )
    try:
        return Decoded(encoding, body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start + offset) + 1
    if offset == 0:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and plausible_chinese(text):
            return Decoded(GB18030, text, bad_line)
    return Decoded(UNKNOWN, None, bad_line)


def plausible_chinese(text: str) -> bool:
    """Whether every character is one a Chinese office's record plausibly holds."""
    for char in set(text):
        point = ord(char)
        if point < 0x80:
            if point < 0x20 and char not in "\t\n\r\f":
                return False
            continue
        if not any(low <= point <= high for low, high in _PLAUSIBLE):
            return False
    return True
