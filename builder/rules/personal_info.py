"""Personal information must never reach a public page unmasked (PIPL Art. 4, 28):
mainland ID-card numbers (18 digits, and the 15-digit old ones), mobile numbers,
bank-card numbers, licence plates, and e-mail addresses other than the community's
public contact addresses.

Text is normalised before it is matched, so that a number cannot slip past written
another way: NFKC (full-width digits and letters become ASCII), invisible characters
(zero-width space and joiners, BOM, soft hyphen…) removed, and separators between
digits (spaces, the ideographic space, hyphens and dashes, dots) read as nothing;
plates are matched case-blind. Each pattern is anchored so that it does not fire
inside longer runs of digits or letters; the ID and bank-card patterns also need a
valid check digit (an old ID, which has none, a valid province and birth date), so
voucher numbers, dates and amounts do not trip it. A masked value (138****5678) never
matches, but an ID-card mask that shows more than the last four digits (110105
********002X shows the region) is reported.

Every text that reaches a published byte is scanned: the records, the settings of
community.yaml and accounts.yaml, the site's mkdocs.yml and the pages under content/.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from builder.core.model import Records
from builder.core.problems import Problem, problem
from builder.load.documents import read_yaml
from builder.load.files import read_text
from builder.load.project import MKDOCS, TEMPLATES
from builder.rules import RuleContext, ledger_texts, text_values, voucher_texts

# Characters that show nothing: zero-width space, non-joiner, joiner, word joiner,
# BOM, soft hyphen, the bidi marks and the invisible operators.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Separators that may stand between digit groups (after NFKC the ideographic space is
# a plain space, full-width hyphens and dots ASCII ones): up to three in a row.
_SEPARATED = re.compile(r"(?<=\d)[ \t\u00a0\-\u2010-\u2015\u2212.\u00b7\u2022\u30fb]{1,3}(?=\d)")

_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
# An ID-card number partly masked: 18 (or 15) digits and mask characters.
_ID_MASK = re.compile(r"(?<![0-9A-Za-z*])([\d*]{14}[\d*Xx]{4}|[\d*]{15})(?![0-9A-Za-z*])")
_MOBILE = re.compile(r"(?<!\d)(?:(?:\+|00)?86)?(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_CARD = re.compile(r"(?<!\d)(\d{16,19})(?!\d)")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"(?<![A-Z0-9])([{_PROVINCES}][A-HJ-NP-Z][·•\s\-]?[A-HJ-NP-Z0-9]{{5,6}})(?![A-Z0-9])"
)
_EMAIL = re.compile(
    r"(?<![\w.%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)
# Every pattern above needs eleven digits in a row (a mobile number is the shortest),
# a province character, an "@" or a mask; text with none is skipped without them.
_MAYBE = re.compile(rf"\d{{11}}|[{_PROVINCES}@*]")
MOBILE_DIGITS = 11
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# The province codes an ID number starts with (GB/T 2260).
_ID_PROVINCES = frozenset(
    str(code)
    for first, last in ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65), (71, 71))
    for code in range(first, last + 1)
) | {"81", "82"}
# The community's public contacts: the sections of community.yaml whose ``email`` (or
# ``*_email``) addresses are published on purpose.
CONTACT_SECTIONS = ("property_company", "owners_committee", "party_branch")


def normalise(text: str) -> str:
    """``text`` as the patterns read it: NFKC, no invisible characters, no separators
    between digits."""
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _SEPARATED.sub("", text)


def id_number_valid(number: str) -> bool:
    """A real province and birth date, and (18 digits) the GB 11643 check digit; a
    15-digit old number has no check digit, and its birth year is 19YY."""
    if number[:2] not in _ID_PROVINCES:
        return False
    born = ("19" + number[6:12]) if len(number) == 15 else number[6:14]
    try:
        date(int(born[:4]), int(born[4:6]), int(born[6:8]))
    except ValueError:
        return False
    if len(number) == 15:
        return True
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


def find_personal_info(
    text: str, public_emails: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """Every unmasked identifier in ``text``, as (problem code, masked form).
    ``public_emails``: the addresses the community publishes on purpose (lower case)."""
    found: list[tuple[str, str]] = []
    text = normalise(text)
    if not _MAYBE.search(text):
        return found
    ids = set()
    for m in _ID.finditer(text):
        if id_number_valid(m.group(1)):
            ids.add(m.group(1))
            found.append(("pii-id-number", _mask(m.group(1), 0, 4)))
    for m in _ID_MASK.finditer(text):
        shown = m.group(1)
        # Masked, but more than the last four characters shown (the region, the birth date).
        if "*" in shown and any(c != "*" for c in shown[:-4]):
            found.append(("pii-id-mask-reveals", _mask(shown, 0, 4)))
    for m in _MOBILE.finditer(text):
        found.append(("pii-mobile", f"{m.group(1)}****{m.group(3)}"))
    for m in _CARD.finditer(text):
        digits = m.group(1)
        if digits not in ids and luhn_valid(digits):
            found.append(("pii-bank-card", _mask(digits, 0, 4)))
    for m in _PLATE.finditer(text.upper()):
        plate = re.sub(r"[·•\s\-]", "", m.group(1))
        if any(c.isdigit() for c in plate[2:]):
            found.append(("pii-licence-plate", _mask(plate, 2, 1)))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            if m.group(1).lower() not in public_emails:
                user, _, domain = m.group(1).partition("@")
                found.append(("pii-email", f"{user[:1]}***@{domain}"))
    return found


def public_emails(records: Records) -> frozenset[str]:
    """The e-mail addresses of the community's public contacts (community.yaml)."""
    community = records.community
    if community is None:
        return frozenset()
    found = set()
    for section in CONTACT_SECTIONS:
        value = getattr(community, section, None)
        if not isinstance(value, dict):
            continue
        for key, text in value.items():
            if (key == "email" or str(key).endswith("_email")) and isinstance(text, str):
                found.add(normalise(text).strip().lower())
    return frozenset(found)


# The site's own files scanned line by line besides its pages: its templates (the text
# of every page's frame) and the schemas (the downloads publish their titles and notes).
TEMPLATE_SUFFIXES = (".html", ".j2", ".md", ".txt")
SCHEMA_DIR = "data/schemas"


def site_texts(root: Path) -> Iterator[tuple[str, int, str | None, str]]:
    """(file, line, field, text) of the site's own texts: every string of mkdocs.yml
    (site name, copyright, footer, extra…), every line of the pages (its ``docs_dir``,
    content/ in the sample) and of the templates under site_templates/, and every
    string of the schemas."""
    doc, _ = read_yaml(root, MKDOCS)
    docs_dir = "docs"  # MkDocs' default
    if doc is not None:
        yield from _strings(doc.file, doc.data, (), doc.lines)
        if isinstance(doc.data, dict) and isinstance(doc.data.get("docs_dir"), str):
            docs_dir = doc.data["docs_dir"]
    yield from _lines(root, docs_dir, (".md",))
    yield from _lines(root, TEMPLATES, TEMPLATE_SUFFIXES)
    schemas = root / SCHEMA_DIR
    if schemas.is_dir() and not schemas.is_symlink():
        for path in sorted(schemas.glob("*.yaml")):
            schema, _ = read_yaml(root, path.relative_to(root).as_posix())
            if schema is not None:
                yield from _strings(schema.file, schema.data, (), schema.lines)


def _lines(
    root: Path, folder: str, suffixes: tuple[str, ...]
) -> Iterator[tuple[str, int, str | None, str]]:
    """Each line of the text files under ``folder`` (none when it is absent, a link, or
    outside the project)."""
    top = (root / folder).resolve()
    if not top.is_dir() or (root / folder).is_symlink() or not top.is_relative_to(root.resolve()):
        return
    for path in sorted(p for p in top.rglob("*") if p.suffix in suffixes and p.is_file()):
        relpath = path.relative_to(root.resolve()).as_posix()
        text, _ = read_text(root, relpath)
        for number, line in enumerate((text or "").splitlines(), start=1):
            yield relpath, number, None, line


def _strings(
    file: str, value: Any, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]
) -> Iterator[tuple[str, int, str | None, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(file, item, (*path, key), lines)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(file, item, (*path, index), lines)
    elif isinstance(value, str):
        line = next((lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in lines), 1)
        name = ".".join(str(p) for p in path) or None
        yield file, line, name, value


def check_personal_info(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Scan every text value of every record, the community's settings, the account
    names, and (when the project's root is known) the site's config and pages."""
    emails = public_emails(records)

    for file, line, name, text in text_values(records):
        for code, masked in find_personal_info(text, emails):
            yield problem(code, file, line, name, masked=masked)
    for account in records.all_accounts.values():
        for code, masked in find_personal_info(account.name, emails):
            yield problem(
                code, account.source.file, account.source.line_of("name"), "name", masked=masked
            )
    for columns, name, text, rows in ledger_texts(records):
        for code, masked in find_personal_info(text, emails):
            for position in rows().tolist():
                line = columns.source(position).line_of(name)
                yield problem(code, columns.file, line, name, masked=masked)
    for columns in records.ledgers.values():
        for position, voucher in voucher_texts(columns, MOBILE_DIGITS):
            for code, masked in find_personal_info(voucher, emails):
                line = columns.source(position).line_of("voucher")
                yield problem(code, columns.file, line, "voucher", masked=masked)
    if context.root is not None:
        for file, line, field, text in site_texts(context.root):
            for code, masked in find_personal_info(text, emails):
                yield problem(code, file, line, field, masked=masked)
