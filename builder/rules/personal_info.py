"""Personal information must never reach a public page unmasked (PIPL Art. 4, 28):
mainland ID-card numbers, mobile numbers, bank-card numbers and licence plates.

Each pattern is anchored so that it does not fire inside longer runs of digits or
letters, and the ID and bank-card patterns also need a valid check digit, so voucher
numbers, dates and amounts do not trip it. A masked value (138****5678) never matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from builder.core.model import Records
from builder.core.problems import Problem, problem
from builder.rules import RuleContext, ledger_texts, text_values, voucher_texts

_ID = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<![\d-])(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![\d-])")
_CARD = re.compile(r"(?<![\d-])(\d{4}(?:[ -]?\d){12,15})(?![\d-])")
_PLATE = re.compile(
    r"(?<![A-Za-z0-9])([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
    r"[A-HJ-NP-Z][·•\s]?[A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])"
)
# Every pattern above needs eleven digits in a row (allowing single separators: a
# mobile number is the shortest) or a province character; text with neither is
# skipped without running them.
_MAYBE = re.compile(
    r"\d(?:[- ]?\d){10}|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
)
MOBILE_DIGITS = 11
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_valid(number: str) -> bool:
    """GB 11643 check digit and a real birth date."""
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _mask(value: str, keep_start: int, keep_end: int) -> str:
    return value[:keep_start] + "*" * max(len(value) - keep_start - keep_end, 0) + value[-keep_end:]


def find_personal_info(text: str) -> list[tuple[str, str]]:
    """Every unmasked identifier in ``text``, as (problem code, masked form)."""
    found: list[tuple[str, str]] = []
    if not _MAYBE.search(text):
        return found
    ids = set()
    for m in _ID.finditer(text):
        if id_number_valid(m.group(1)):
            ids.add(m.group(1))
            found.append(("pii-id-number", _mask(m.group(1), 6, 4)))
    for m in _MOBILE.finditer(text):
        found.append(("pii-mobile", f"{m.group(1)}****{m.group(3)}"))
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if 16 <= len(digits) <= 19 and digits not in ids and luhn_valid(digits):
            found.append(("pii-bank-card", _mask(digits, 0, 4)))
    for m in _PLATE.finditer(text):
        plate = re.sub(r"[·•\s]", "", m.group(1))
        if any(c.isdigit() for c in plate[2:]):
            found.append(("pii-licence-plate", _mask(plate, 2, 1)))
    return found


def check_personal_info(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Scan every text value of every record, and the community's public contacts."""
    for file, line, name, text in text_values(records):
        for code, masked in find_personal_info(text):
            yield problem(code, file, line, name, masked=masked)
    for columns, name, text, rows in ledger_texts(records):
        for code, masked in find_personal_info(text):
            for position in rows().tolist():
                line = columns.source(position).line_of(name)
                yield problem(code, columns.file, line, name, masked=masked)
    for columns in records.ledgers.values():
        for position, voucher in voucher_texts(columns, MOBILE_DIGITS):
            for code, masked in find_personal_info(voucher):
                line = columns.source(position).line_of("voucher")
                yield problem(code, columns.file, line, "voucher", masked=masked)
