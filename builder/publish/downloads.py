"""Stage 5: the auditors' downloads.

Every published resource as UTF-8 CSV and as an Excel-ready copy (UTF-8 with BOM),
``datapackage.json`` describing exactly those files, ``SHA256SUMS``, the validation
report and the build provenance. All bytes are made here, before MkDocs writes the
site, so the downloads page can show each file's size and checksum.

Branch records carry a ``scope``: only public ones are published, and their ``id`` and
``scope`` columns are left out, because gaps in the id sequence would count the
internal ones.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from builder.core.model import Records
from builder.core.problems import Report
from builder.load.project import Project
from builder.messages import LABELS
from builder.publish.provenance import Provenance

DOWNLOADS = "downloads"
SCOPE_FIELD = "scope"
PRIVATE_WHEN_SCOPED = ("id", SCOPE_FIELD)


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


def _csv_bytes(fields: list[str], rows: list[dict[str, Any]], bom: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in fields])
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def published_schema(schema: dict) -> dict:
    """The schema of the published table: scoped resources lose their id and scope."""
    schema = deepcopy(schema)
    names = [f["name"] for f in schema["fields"]]
    if SCOPE_FIELD in names:
        schema["fields"] = [f for f in schema["fields"] if f["name"] not in PRIVATE_WHEN_SCOPED]
        if set(schema.get("primaryKey", [])) & set(PRIVATE_WHEN_SCOPED):
            schema.pop("primaryKey", None)
        schema.pop("foreignKeys", None)
    return schema


def published_rows(records: Records, name: str, schema: dict) -> list[dict[str, Any]]:
    rows = records.tables.get(name, [])
    if any(f["name"] == SCOPE_FIELD for f in schema["fields"]):
        rows = [r for r in rows if r.public]
    return [r.values for r in rows]


def build_downloads(
    project: Project, records: Records, report: Report, provenance: Provenance
) -> list[Download]:
    """Every file of the downloads folder, in a stable order."""
    downloads: list[Download] = []
    resources: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for resource in project.resources:
        schema = published_schema(resource.schema.descriptor)
        fields = [f["name"] for f in schema["fields"]]
        rows = published_rows(records, resource.name, resource.schema.descriptor)
        counts[resource.name] = len(rows)
        plain = Download(f"{resource.name}.csv", _csv_bytes(fields, rows), resource.title, "csv")
        excel = Download(
            f"excel/{resource.name}.csv",
            _csv_bytes(fields, rows, bom=True),
            LABELS["excel_copy"].format(title=resource.title),
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
        "title": LABELS["package_title"].format(
            community=records.community.full_name if records.community else ""
        ),
        "created": provenance.build_time.isoformat(),
        "resources": resources,
    }
    downloads.append(
        Download(
            "datapackage.json", _json(package), "数据包说明（datapackage.json）", "datapackage"
        )
    )
    published_report = {
        "valid": report.valid,
        "errors": [p.to_dict() for p in report.errors],
        # Problems in branch files could describe internal records: keep them in CI only.
        "warnings": [p.to_dict() for p in report.warnings if not p.file.startswith("data/branch/")],
        "stats": {"published_rows": counts},
    }
    downloads.append(
        Download("validation-report.json", _json(published_report), "数据检查报告", "report")
    )
    downloads.append(
        Download("provenance.json", _json(provenance.to_dict()), "构建来源", "provenance")
    )
    sums = "".join(f"{d.sha256}  {d.path}\n" for d in sorted(downloads, key=lambda d: d.path))
    downloads.append(Download("SHA256SUMS", sums.encode("utf-8"), "校验和（SHA-256）", "checksums"))
    return downloads


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
