"""Stage 6, publish: the auditors' downloads.

Every published table (``publish.tables``: the resources, and the accounts with their
opening balances and balance assertions) as UTF-8 CSV and as an Excel copy
(``publish.excel``), ``datapackage.json`` describing exactly those files, a Chinese
data dictionary made from it (``publish.dictionary``), ``SHA256SUMS``, the validation
report and the build provenance. All bytes are made here, before MkDocs writes the
site, so the downloads page can show each file's size and checksum.

Only what ``builder.core.disclosure`` calls public is published: of branch records
(which carry a ``scope``) only the public ones, without their ``id`` and ``scope``
columns.

The plain CSV carries the published values exactly, under the field names: it is what
an auditor re-adds. The Excel copy has Chinese titles and names of values, and text
that would start a formula begins with an apostrophe; the downloads page says so.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from builder.core import disclosure
from builder.core.model import Records
from builder.core.problems import Report
from builder.core.text import TEXT_TYPES
from builder.load.private import is_private_file
from builder.load.project import Project
from builder.messages import LABELS
from builder.messages.site import DOWNLOAD_TITLES, EXCEL_DESCRIPTION
from builder.publish import dictionary
from builder.publish.calendar import CALENDAR_JSON, calendar_json, log_commits
from builder.publish.excel import excel_cells, excel_descriptor, excel_text, headers
from builder.publish.provenance import Provenance
from builder.publish.tables import PublishedTable, published_tables
from builder.rules.calendar import disclosure_calendar

__all__ = ["DICTIONARY", "DOWNLOADS", "SUMS", "Download", "build_downloads", "excel_text"]

DOWNLOADS = "downloads"
DICTIONARY = "README.txt"
SUMS = "SHA256SUMS"


@dataclass(frozen=True)
class Download:
    """One published file. ``path`` is relative to the downloads folder."""

    path: str
    content: bytes
    title: str
    kind: str  # csv | excel | datapackage | dictionary | checksums | report | provenance

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):  # yearmonth
        return f"{value[0]}-{value[1]:02d}"
    return str(value)


def _csv_text(header: Sequence[str], rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    # Python's writer (before 3.12) leaves a cell with a lone carriage return unquoted,
    # which every reader takes for the end of the row: such a row has every cell quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for cells in rows:
        (quoted if "\r" in "".join(cells) else writer).writerow(cells)
    return buffer.getvalue()


def _table_files(table: PublishedTable) -> tuple[Download, Download, list[dict[str, Any]]]:
    """A table's plain CSV, its Excel copy, and the two resources describing them."""
    names = [f.name for f in table.fields]
    cells = [[_cell(row.get(name)) for name in names] for row in table.rows]
    text_fields = {f.name for f in table.fields if f.type in TEXT_TYPES}
    changed: set[str] = set()
    excel_rows = [excel_cells(table.fields, row, text_fields, changed) for row in cells]
    header = headers(table.fields)
    plain = Download(
        f"{table.name}.csv", _csv_text(names, cells).encode("utf-8"), table.title, "csv"
    )
    excel = Download(
        f"excel/{table.name}.csv",
        ("\ufeff" + _csv_text([header[n] for n in names], excel_rows)).encode("utf-8"),
        str(LABELS["excel_copy"]).format(title=table.title),
        "excel",
    )
    described = []
    # Both copies are described, so the stock tool can check the Excel one too.
    for name, file, encoding, description, schema in (
        (table.name, plain, "utf-8", table.description, table.descriptor),
        (
            f"{table.name}-excel",
            excel,
            "utf-8-sig",
            EXCEL_DESCRIPTION.format(title=table.title, path=plain.path),
            excel_descriptor(table.descriptor, changed, header),
        ),
    ):
        described.append(
            {
                "name": name,
                "title": file.title,
                **({"description": description} if description else {}),
                "path": file.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": encoding,
                "bytes": file.size,
                "hash": f"sha256:{file.sha256}",
                "schema": schema,
            }
        )
    return plain, excel, described


def build_downloads(
    project: Project, records: Records, report: Report, provenance: Provenance
) -> list[Download]:
    """Every file of the downloads folder, in a stable order."""
    downloads: list[Download] = []
    resources: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for table in published_tables(project, records):
        plain, excel, described = _table_files(table)
        counts[table.name] = len(table.rows)
        downloads += [plain, excel]
        resources += described
    package = {
        "name": "gongshi-published-records",
        "title": str(LABELS["package_title"]).format(
            community=records.community.full_name if records.community else ""
        ),
        "created": provenance.build_time.isoformat(),
        "resources": resources,
    }
    downloads.append(_fixed("datapackage.json", _json(package), "datapackage"))
    withheld = disclosure.withheld_files(project.resources)
    published_report = {
        "valid": report.valid,
        "errors": [p.to_dict() for p in report.errors],
        "warnings": [
            p.to_dict()
            for p in disclosure.publishable_problems(report.warnings, withheld)
            if not is_private_file(p.file)
        ],
        "stats": {"published_rows": counts},
    }
    downloads.append(_fixed("validation-report.json", _json(published_report), "report"))
    downloads.append(_fixed("provenance.json", _json(provenance.to_dict()), "provenance"))
    calendar = disclosure_calendar(records, provenance.build_date)
    if calendar is not None:
        community = records.community.full_name if records.community else ""
        content = calendar_json(calendar, community, log_commits(project.root, records))
        downloads.append(_fixed(CALENDAR_JSON, content, "calendar"))
    # The data dictionary lists every file, itself and the checksums among them.
    listed = [(d.path, d.title) for d in downloads]
    listed += [(DICTIONARY, DOWNLOAD_TITLES["dictionary"]), (SUMS, DOWNLOAD_TITLES["checksums"])]
    text = dictionary.render(package, counts, sorted(listed), provenance)
    downloads.append(_fixed(DICTIONARY, text, "dictionary"))
    sums = "".join(f"{d.sha256}  {d.path}\n" for d in sorted(downloads, key=lambda d: d.path))
    downloads.append(_fixed(SUMS, sums.encode("utf-8"), "checksums"))
    return downloads


def _fixed(path: str, content: bytes, kind: str) -> Download:
    """A download that is not a published table: its title is its kind's."""
    return Download(path, content, DOWNLOAD_TITLES[kind], kind)


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
