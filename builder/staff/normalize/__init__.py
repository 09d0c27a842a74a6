"""``gongshi normalize``: rewrite what Excel/WPS export into the spelling the records use.

Staff often export CSV from Excel or WPS: GBK/GB18030 bytes, a BOM, Windows line
endings, dates like ``2025/3/5`` or ``2025年3月5日``, times like ``2025/3/5 9:07``,
amounts like ``¥1,200.00`` or in full-width digits. This package converts exactly what
can be converted without guessing and reports everything else as a Problem, leaving that
value as it was:

* ``3/5/2025`` could be 3 March or 5 May, so it is reported, never converted;
* ``1,20`` or ``1.200,00`` might use a decimal comma, so it is reported;
* ``12.345`` as an amount would need rounding, so it is reported.

Which columns hold dates and amounts comes from the project's Table Schemas (found by
walking up from the file to ``data/datapackage.yaml``); outside a project, from the
column names, and ``changes`` says so. YAML files are edited line by line (never
re-dumped), so comments and layout stay byte-for-byte apart from the values changed.

Nothing is written except by ``normalize_files`` with ``write=True``, and then only for
a file without problems, atomically. Normalizing a normalized file changes nothing.

Modules: ``files`` (one file: decoding, schema kinds), ``text`` (any text:
BOM, line endings), ``csv_text`` and ``yaml_text`` (values in place),
``spreadsheet_values`` (one value), ``outcome`` (the command's results and their text).
"""

from __future__ import annotations

from builder.staff.normalize.files import Normalized, normalize_file, schema_kinds
from builder.staff.normalize.outcome import FileOutcome, describe, normalize_files
from builder.staff.normalize.spreadsheet_values import (
    DATE,
    INTEGER,
    KINDS,
    MOMENT,
    MONEY,
    NUMBER,
    YEARMONTH,
    normalize_value,
)
from builder.staff.normalize.text import normalize_text

__all__ = [
    "DATE",
    "INTEGER",
    "KINDS",
    "MOMENT",
    "MONEY",
    "NUMBER",
    "YEARMONTH",
    "FileOutcome",
    "Normalized",
    "describe",
    "normalize_file",
    "normalize_files",
    "normalize_text",
    "normalize_value",
    "schema_kinds",
]
