"""Policies on staff text that more than one stage applies: which fields hold text as
typed, which cells a spreadsheet would run as a formula, and how a value is quoted in a
message so that what cannot be seen can be."""

from __future__ import annotations

import re

# Table Schema types whose cells are staff text as typed.
TEXT_TYPES = frozenset({"string", "any"})
# OWASP, "CSV Injection": a cell starting with one of these is read as a formula by
# Excel, WPS and LibreOffice (a tab or carriage return may hide one after it).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Characters a terminal, a log or an annotation would act on instead of showing: C0 and
# C1 controls (ESC starts terminal sequences), and the bidi controls that reorder text.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A quoted value longer than this is cut: a 100,000-digit cell, quoted whole, would make
# a 100 KB message, and its start is what finds the cell.
QUOTED_LIMIT = 200
QUOTED_KEPT = 80


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would read the cell ``text`` as a formula (OWASP)."""
    return text.startswith(FORMULA_START)


def quoted(value: str, cut: bool = True) -> str:
    """``value`` as a message quotes it: invisible characters written out (``\\n``,
    ``\\u202e``), and, with ``cut``, a long value shortened to its start and the count
    of the rest."""
    if cut and len(value) > QUOTED_LIMIT:
        value = f"{value[:QUOTED_KEPT]}…(+{len(value) - QUOTED_KEPT:,})"
    return _INVISIBLE.sub(_escape, value)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"
