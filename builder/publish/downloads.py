"""Stage 6, publish: the auditors' downloads.

Every published resource as UTF-8 CSV and as an Excel-ready copy (UTF-8 with BOM),
``datapackage.json`` describing exactly those files, ``SHA256SUMS``, the validation
report and the build provenance. All bytes are made here, before MkDocs writes the
site, so the downloads page can show each file's size and checksum.

Only what ``builder.core.disclosure`` calls public is published: of branch records
(which carry a ``scope``) only the public ones, without their ``id`` and ``scope``
columns.

The plain CSV carries the published values exactly. In the Excel copy a text cell that a
spreadsheet would run as a formula (``excel_text``) starts with an apostrophe, as
OWASP's guidance on CSV injection recommends; the downloads page says so.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Collection, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from builder.core import disclosure
from builder.core.model import Records
from builder.core.problems import Report
from builder.core.schema import TableSchema, key_names
from builder.core.text import TEXT_TYPES, starts_formula
from builder.load.project import Project
from builder.messages import LABELS
from builder.messages.site import DOWNLOAD_TITLES
from builder.publish.provenance import Provenance

DOWNLOADS = "downloads"


@dataclass(frozen=True)
class Download:
    """One published file. ``path`` is relative to the downloads folder."""

    path: str
    content: bytes
    title: str
    kind: str  # csv | excel | datapackage | checksums | report | provenance

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


def excel_text(text: str) -> str:
    """A text cell as the Excel copy writes it: with a leading apostrophe (which the
    spreadsheet shows as text, not as a character of the cell) when it would start a
    formula (``starts_formula``, the rule validation warns by), unchanged otherwise.
    Only cells of TEXT_TYPES fields: ``-12.50`` in a number field is a number."""
    return "'" + text if starts_formula(text) else text


def _csv_text(
    fields: Sequence[str], rows: list[dict[str, Any]], neutralised: Collection[str] = ()
) -> tuple[str, set[str]]:
    """The table as CSV, and the fields of ``neutralised`` where ``excel_text`` changed
    a cell."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    # Python's writer (before 3.12) leaves a cell with a lone carriage return unquoted,
    # which every reader takes for the end of the row: such a row has every cell quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(fields)
    guarded = [i for i, name in enumerate(fields) if name in neutralised]
    changed: set[str] = set()
    for row in rows:
        cells = [_cell(row.get(name)) for name in fields]
        for i in guarded:
            if starts_formula(cells[i]):
                cells[i] = excel_text(cells[i])
                changed.add(fields[i])
        (quoted if "\r" in "".join(cells) else writer).writerow(cells)
    return buffer.getvalue(), changed


def _excel_schema(descriptor: dict[str, Any], changed: set[str]) -> dict[str, Any]:
    """The Excel copy's descriptor: a field with an apostrophe in some cells allows it
    (longer by one, the pattern or enum with it, no foreign key on it), so the stock
    tool still finds the copy valid."""
    if not changed:
        return descriptor
    descriptor = deepcopy(descriptor)
    for field in descriptor["fields"]:
        constraints = field.get("constraints") or {}
        if field["name"] not in changed or not constraints:
            continue
        if isinstance(constraints.get("maxLength"), int):
            constraints["maxLength"] += 1
        if isinstance(constraints.get("pattern"), str):
            constraints["pattern"] = f"'?({constraints['pattern']})"
        if isinstance(constraints.get("enum"), list):
            enum = constraints["enum"]
            enum += [excel_text(v) for v in enum if isinstance(v, str) and starts_formula(v)]
    if "foreignKeys" in descriptor:
        descriptor["foreignKeys"] = [
            key
            for key in descriptor["foreignKeys"]
            if not changed.intersection(key_names(key.get("fields")))
        ]
    return descriptor


def published_schema(schema: TableSchema) -> dict[str, Any]:
    """The descriptor of the published table: scoped tables lose their id and scope."""
    descriptor = deepcopy(dict(schema.descriptor))
    if disclosure.is_scoped(schema):
        kept = disclosure.published_fields(schema)
        descriptor["fields"] = [f for f in descriptor["fields"] if f["name"] in kept]
        if set(schema.primary_key) - set(kept):
            descriptor.pop("primaryKey", None)
        descriptor.pop("foreignKeys", None)
    return descriptor


def build_downloads(
    project: Project, records: Records, report: Report, provenance: Provenance
) -> list[Download]:
    """Every file of the downloads folder, in a stable order."""
    downloads: list[Download] = []
    resources: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for resource in project.resources:
        schema = published_schema(resource.schema)
        fields = disclosure.published_fields(resource.schema)
        rows = [r.values for r in disclosure.public_only(records.table(resource.name))]
        counts[resource.name] = len(rows)
        text_fields = [f.name for f in resource.schema.fields if f.type in TEXT_TYPES]
        excel_csv, changed = _csv_text(fields, rows, text_fields)
        plain_csv = _csv_text(fields, rows)[0] if changed else excel_csv
        plain = Download(f"{resource.name}.csv", plain_csv.encode("utf-8"), resource.title, "csv")
        excel = Download(
            f"excel/{resource.name}.csv",
            ("\ufeff" + excel_csv).encode("utf-8"),
            str(LABELS["excel_copy"]).format(title=resource.title),
            "excel",
        )
        downloads += [plain, excel]
        # Both copies are described, so the stock tool can check the Excel one too.
        for name, file, encoding, described in (
            (resource.name, plain, "utf-8", schema),
            (f"{resource.name}-excel", excel, "utf-8-sig", _excel_schema(schema, changed)),
        ):
            resources.append(
                {
                    "name": name,
                    "title": file.title,
                    "path": file.path,
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": encoding,
                    "bytes": file.size,
                    "hash": f"sha256:{file.sha256}",
                    "schema": described,
                }
            )
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
            p.to_dict() for p in disclosure.publishable_problems(report.warnings, withheld)
        ],
        "stats": {"published_rows": counts},
    }
    downloads.append(_fixed("validation-report.json", _json(published_report), "report"))
    downloads.append(_fixed("provenance.json", _json(provenance.to_dict()), "provenance"))
    sums = "".join(f"{d.sha256}  {d.path}\n" for d in sorted(downloads, key=lambda d: d.path))
    downloads.append(_fixed("SHA256SUMS", sums.encode("utf-8"), "checksums"))
    return downloads


def _fixed(path: str, content: bytes, kind: str) -> Download:
    """A download that is not a published table: its title is its kind's."""
    return Download(path, content, DOWNLOAD_TITLES[kind], kind)


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
