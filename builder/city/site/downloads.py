"""The city site's merged downloads: every stored table of the counted communities as
one Parquet file and one CSV, the communities' harvest table, a ``datapackage.json``
describing the CSVs (stock Frictionless validates it) and ``SHA256SUMS``.

A community whose newest harvest failed is left out, as from every city total; the
harvest table lists it with its status. Files are written by DuckDB (one thread, ordered
rows), so the same DIR gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.city import queries, store
from builder.city.verify import standard
from builder.core.personal import UNTIL
from builder.messages.site import CITY_DOWNLOADS

if TYPE_CHECKING:
    import duckdb

__all__ = ["HARVESTS", "CityDownload", "write_downloads"]

HARVESTS = "communities"
SUMS = "SHA256SUMS"
DATAPACKAGE = "datapackage.json"

# DuckDB's column types back to Table Schema's (the store's mapping, reversed).
_FIELD_TYPES = {"DATE": "date", "BIGINT": "integer", "BOOLEAN": "boolean"}


@dataclass(frozen=True)
class CityDownload:
    """One file of the downloads folder.

    Attributes:
        path: relative to the downloads folder.
        file: where it was written.
        title: what it holds, in Chinese.
        kind: csv | parquet | datapackage | checksums.
        rows: the rows of a table (None for the other files).
    """

    path: str
    file: Path
    title: str
    kind: str
    rows: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.file.read_bytes()).hexdigest()

    @property
    def size(self) -> int:
        return self.file.stat().st_size


def _field_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL"):
        return "number"
    return _FIELD_TYPES.get(duckdb_type, "string")


def _export(
    city: duckdb.DuckDBPyConnection, select: str, folder: Path, name: str, title: str
) -> tuple[list[CityDownload], dict[str, Any]]:
    """One table as Parquet and CSV; the CSV's data package resource."""
    described = city.execute(f"DESCRIBE {select}").fetchall()
    parquet, text = folder / f"{name}.parquet", folder / f"{name}.csv"
    # Written once from the query, then copied from the file: the rows are never all
    # held in memory (DuckDB streams them, spilling a large sort to disk).
    city.execute(
        f"COPY ({select}) TO {store.literal(str(parquet))} (FORMAT parquet, COMPRESSION zstd)"
    )
    written = f"read_parquet({store.literal(str(parquet))})"
    city.execute(
        f"COPY (SELECT * FROM {written}) TO {store.literal(str(text))} (FORMAT csv, HEADER true)"
    )
    rows = city.execute(f"SELECT count(*) FROM {written}").fetchone()
    count = int(rows[0]) if rows else 0
    files = [
        CityDownload(f"{name}.csv", text, title, "csv", count),
        CityDownload(f"{name}.parquet", parquet, title, "parquet", count),
    ]
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    resource = {
        "name": name,
        "title": title,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": text.stat().st_size,
        "hash": f"sha256:{digest}",
        "schema": {
            "fields": [
                {"name": column, "type": _field_type(kind)} for column, kind, *_ in described
            ]
        },
    }
    return files, resource


def _personal(table: str) -> tuple[str, ...]:
    """The personal fields of a stored table that has ``personal_until`` (the shipped
    schema's, ``verify.standard``)."""
    schema = standard().schemas.get(table)
    return schema.personal if schema is not None and UNTIL in schema.names else ()


def write_downloads(
    city: duckdb.DuckDBPyConnection, out: Path, folder: Path, title: str, build_date: date
) -> list[CityDownload]:
    """Write the downloads into ``folder`` as published on ``build_date``; every file,
    in a stable order."""
    as_of, created = build_date.isoformat(), f"{build_date.isoformat()}T00:00:00+08:00"
    folder.mkdir(parents=True, exist_ok=True)
    files, resource = _export(
        city, queries.QUERIES["harvests"], folder, HARVESTS, CITY_DOWNLOADS["harvests"]
    )
    resources = [resource]
    tables = Path(out) / store.TABLES
    counted = [row["id"] for row in queries.run(city, "communities") if row["counted"]]
    for table in sorted(p.name for p in tables.iterdir()) if tables.is_dir() else []:
        select = queries.merged(out, table, counted, as_of, _personal(table))
        if table == HARVESTS or select is None:
            continue  # no published resource takes the harvest table's name
        caption = CITY_DOWNLOADS["table"].format(table=table)
        more, resource = _export(city, select, folder, table, caption)
        files += more
        resources.append(resource)
    package = {"name": "gongshi-city", "title": title, "created": created, "resources": resources}
    (folder / DATAPACKAGE).write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    files.append(
        CityDownload(DATAPACKAGE, folder / DATAPACKAGE, CITY_DOWNLOADS["package"], "datapackage")
    )
    listed = sorted(files, key=lambda f: f.path)
    sums = "".join(f"{f.sha256}  {f.path}\n" for f in listed)
    (folder / SUMS).write_text(sums, encoding="utf-8")
    return [*listed, CityDownload(SUMS, folder / SUMS, CITY_DOWNLOADS["checksums"], "checksums")]
