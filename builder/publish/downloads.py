"""Stage 6, publish: the auditors' downloads.

Every published resource as UTF-8 CSV and as an Excel-ready copy (UTF-8 with BOM),
``datapackage.json`` describing exactly those files, ``SHA256SUMS``, the validation
report and the build provenance. All bytes are made here, before MkDocs writes the
site, so the downloads page can show each file's size and checksum.

Only what ``builder.core.disclosure`` calls public is published: of branch records
(which carry a ``scope``) only the public ones, without their ``id`` and ``scope``
columns.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from builder.core import disclosure
from builder.core.model import Records
from builder.core.problems import Report
from builder.core.schema import TableSchema
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


def _csv_bytes(fields: Sequence[str], rows: list[dict[str, Any]], bom: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in fields])
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


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
        plain = Download(f"{resource.name}.csv", _csv_bytes(fields, rows), resource.title, "csv")
        excel = Download(
            f"excel/{resource.name}.csv",
            _csv_bytes(fields, rows, bom=True),
            str(LABELS["excel_copy"]).format(title=resource.title),
            "excel",
        )
        downloads += [plain, excel]
        # Both copies are described, so the stock tool can check the Excel one too.
        for name, file, encoding in (
            (resource.name, plain, "utf-8"),
            (f"{resource.name}-excel", excel, "utf-8-sig"),
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
                    "schema": schema,
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
