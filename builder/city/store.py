"""The city store: each community's harvested, verified copy in DIR, and its tables.

Layout (the contract between the harvester and the city site; ``builder/city/README.md``)::

    DIR/communities/<id>/harvest.json   this harvest's result (``write_result``)
    DIR/communities/<id>/published/     the verified files of the last good harvest
    DIR/tables/<resource>/<id>.parquet  one per published resource, from that copy
    DIR/tables/calendar/<id>.parquet    calendar.json's items, one row each
    DIR/tables/feed/<id>.parquet        feeds/all.json's items, one row each

A good harvest replaces the community's ``published/`` and every table of it entirely
(``write_community``): no file, row or personal detail of an older copy survives. A
failed one writes only ``harvest.json`` (``write_result``) and keeps the last good copy.

Every table has the columns ``community`` (the registry id) and ``row`` (the 1-based
data row of the published CSV, or the item's place in the JSON list), then the
resource's fields, typed from the shipped schema: date → DATE, integer → BIGINT,
number → DECIMAL(18,2), anything else VARCHAR. Writes are deterministic: one DuckDB
thread, every write ordered by ``row``, DuckDB pinned (``gongshi[city]``), so the same
published files always give the same bytes.

DuckDB is imported here, lazily (``connect``): the rest of gongshi runs without it.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.core.personal import UNTIL
from builder.core.problems import ConfigError

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "CALENDAR",
    "COMMUNITIES",
    "FEED",
    "HARVEST_JSON",
    "PUBLISHED",
    "TABLES",
    "StoreError",
    "column_type",
    "connect",
    "expired_or",
    "literal",
    "personal_fields",
    "quote",
    "read_result",
    "remove_tables",
    "stored_resources",
    "write_community",
    "write_result",
]

COMMUNITIES = "communities"
PUBLISHED = "published"
HARVEST_JSON = "harvest.json"
TABLES = "tables"
# Tables made from the JSON files rather than from a published CSV.
CALENDAR = "calendar"
FEED = "feed"
FEED_FILE = ("feeds", "all.json")
CALENDAR_FILE = "calendar.json"
DATAPACKAGE = "datapackage.json"

# A registry id, and a resource name, as they may appear in a path.
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Columns the store adds in front of a resource's own fields.
_ADDED = ("community", "row")

_TYPES = {"date": "DATE", "integer": "BIGINT", "number": "DECIMAL(18,2)"}

# calendar.json (version 1, ``builder/publish/calendar.py``): each item's flattened keys.
_CALENDAR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("duty", "VARCHAR"),
    ("body", "VARCHAR"),
    ("duty_zh", "VARCHAR"),
    ("period", "VARCHAR"),
    ("period_zh", "VARCHAR"),
    ("account", "VARCHAR"),
    ("due_date", "DATE"),
    ("due_moved_from", "DATE"),
    ("publication_date", "DATE"),
    ("channel", "VARCHAR"),
    ("log_id", "VARCHAR"),
    ("first_commit", "VARCHAR"),
    ("first_commit_date", "DATE"),
    ("status", "VARCHAR"),
    ("days_late", "BIGINT"),
    ("display_days", "BIGINT"),
    ("source_law", "VARCHAR"),
    ("source_article", "VARCHAR"),
    ("source_rules_of_procedure", "VARCHAR"),
    ("source_text", "VARCHAR"),
    ("origin", "VARCHAR"),
    # The calendar's own, repeated on each item: which profile, from when, built when.
    ("profile", "VARCHAR"),
    ("since", "DATE"),
    ("build_date", "DATE"),
)

# feeds/all.json (JSON Feed 1.1): each item; ``published`` is date_published's day.
_FEED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("url", "VARCHAR"),
    ("title", "VARCHAR"),
    ("date_published", "VARCHAR"),
    ("published", "DATE"),
)


# DuckDB's memory per connection (a harvest runs a few at once; a city build one).
MEMORY_LIMIT = "256MB"


class StoreError(ValueError):
    """A copy the store cannot take (an unsafe id or resource name, a table with a
    column the store adds): the harvester should have rejected it before."""


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection set up for deterministic work (one thread)."""
    try:
        import duckdb
    except ImportError as exc:
        raise ConfigError("city-duckdb-missing") from exc
    connection = duckdb.connect(":memory:")
    connection.execute("SET threads = 1")
    connection.execute("SET enable_progress_bar = false")  # only the CLI prints
    # Files are read once: keeping their bytes cached would only hold memory.
    connection.execute("SET enable_external_file_cache = false")
    connection.execute("SET preserve_insertion_order = true")
    # Bounded memory: a larger sort or join spills to DuckDB's temporary directory.
    connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    return connection


def column_type(field_type: str | None) -> str:
    """The DuckDB type a Table Schema field of ``field_type`` is stored as."""
    return _TYPES.get(field_type or "", "VARCHAR")


def _safe(name: str, what: str) -> str:
    if not isinstance(name, str) or not _SAFE_NAME.match(name):
        raise StoreError(f"{what} {name!r} cannot name a stored file")
    return name


def quote(name: str) -> str:
    """An SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def write_result(out: Path, result: Mapping[str, Any]) -> None:
    """Write ``communities/<id>/harvest.json``: sorted keys, indent 2, UTF-8."""
    folder = Path(out) / COMMUNITIES / _safe(result["id"], "community id")
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (folder / HARVEST_JSON).write_text(text, encoding="utf-8")


def read_result(out: Path, community: str) -> dict[str, Any] | None:
    """A community's last ``harvest.json``, or None when it has none."""
    path = Path(out) / COMMUNITIES / _safe(community, "community id") / HARVEST_JSON
    if not path.is_file():
        return None
    value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return value


def remove_tables(out: Path, community: str) -> None:
    """Remove every stored table of ``community`` (``tables/*/<id>.parquet``). A folder
    left empty stays (another community's harvest, in another thread, may be writing
    into it); the queries and downloads read only the files."""
    tables = Path(out) / TABLES
    name = _safe(community, "community id") + ".parquet"
    if tables.is_dir():
        for folder in sorted(tables.iterdir()):
            (folder / name).unlink(missing_ok=True)


def stored_communities(out: Path) -> list[str]:
    """The ids of the communities DIR holds: each folder of ``communities/`` with the
    ``harvest.json`` a harvest wrote (any other folder is not the harvester's)."""
    folder = Path(out) / COMMUNITIES
    if not folder.is_dir():
        return []
    return sorted(
        child.name
        for child in folder.iterdir()
        if _SAFE_NAME.match(child.name) and (child / HARVEST_JSON).is_file()
    )


def remove_community(out: Path, community: str) -> None:
    """Remove everything DIR holds of ``community``: its tables, verified copy and
    ``harvest.json``."""
    remove_tables(out, community)
    shutil.rmtree(Path(out) / COMMUNITIES / _safe(community, "community id"))


def stored_resources(package: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The resources of a published ``datapackage.json`` the store keeps: the plain CSVs
    at the top of the downloads folder (not their Excel copies under ``excel/``)."""
    kept = []
    for resource in package.get("resources") or []:
        path = resource.get("path")
        if isinstance(path, str) and "/" not in path and path == f"{resource.get('name')}.csv":
            kept.append(resource)
    return kept


def write_community(
    out: Path,
    entry: Mapping[str, Any],
    published: Path,
    result: Mapping[str, Any],
    schemas: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Store one community's verified copy, replacing whatever DIR held of it.

    ``entry`` is its registry entry (its ``id`` names the folders), ``published`` the
    folder of verified files (laid out as the site's ``downloads/``, with
    ``feeds/all.json``), ``result`` its ``harvest.json`` record. ``schemas`` (resource
    name → Table Schema) types the columns; a resource it does not name, or every one
    when it is None, is typed from the copy's own ``datapackage.json`` (which the
    harvester has compared with the shipped schemas).

    The new copy is made in ``DIR/.staging/<id>`` first and moved in only when complete.
    """
    out = Path(out)
    community = _safe(entry["id"], "community id")
    published = Path(published)
    staging = out / ".staging" / community
    if staging.exists():
        shutil.rmtree(staging)
    (staging / TABLES).mkdir(parents=True)
    # The files first: the tables are made from the staged copy, never from the source.
    target = out / COMMUNITIES / community / PUBLISHED
    same = target.exists() and published.resolve() == target.resolve()
    copy = target if same else staging / PUBLISHED
    if not same:
        _copy_tree(published, copy)
    connection = connect()
    try:
        as_of = _date(result.get("harvested"))
        made = _write_tables(connection, community, copy, staging / TABLES, schemas or {}, as_of)
    finally:
        connection.close()
    # Then replace: the old tables and files go, the new ones come in.
    remove_tables(out, community)
    for table in made:
        folder = out / TABLES / table
        folder.mkdir(parents=True, exist_ok=True)
        (staging / TABLES / f"{table}.parquet").replace(folder / f"{community}.parquet")
    if not same:
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / PUBLISHED).replace(target)
    shutil.rmtree(staging)
    # Gone once the last community's copy is in (another thread's may still be staged).
    with contextlib.suppress(OSError):
        (out / ".staging").rmdir()
    write_result(out, result)


def _copy_tree(source: Path, target: Path) -> None:
    """Copy the regular files under ``source`` (bytes only; links are not followed)."""
    target.mkdir(parents=True)
    for path in sorted(source.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def _write_tables(
    connection: duckdb.DuckDBPyConnection,
    community: str,
    copy: Path,
    folder: Path,
    schemas: Mapping[str, Mapping[str, Any]],
    as_of: str | None,
) -> list[str]:
    """Write every table of the copy into ``folder`` as ``<table>.parquet``; their names."""
    made = []
    package = json.loads((copy / DATAPACKAGE).read_text(encoding="utf-8"))
    for resource in stored_resources(package):
        name = _safe(resource["name"], "resource")
        if name in (CALENDAR, FEED):
            raise StoreError(f"resource {name!r} takes the name of a table the store makes")
        schema = schemas.get(name) or resource.get("schema") or {}
        _csv_table(connection, community, copy / resource["path"], schema, folder / name, as_of)
        made.append(name)
    calendar = copy / CALENDAR_FILE
    if calendar.is_file():
        rows = _calendar_rows(json.loads(calendar.read_text(encoding="utf-8")))
        _rows_table(connection, community, _CALENDAR_COLUMNS, rows, folder / CALENDAR)
        made.append(CALENDAR)
    feed = copy.joinpath(*FEED_FILE)
    if feed.is_file():
        rows = _feed_rows(json.loads(feed.read_text(encoding="utf-8")))
        _rows_table(connection, community, _FEED_COLUMNS, rows, folder / FEED)
        made.append(FEED)
    return sorted(made)


def _csv_table(
    connection: duckdb.DuckDBPyConnection,
    community: str,
    path: Path,
    schema: Mapping[str, Any],
    target: Path,
    as_of: str | None,
) -> None:
    """One published CSV as Parquet, its columns typed by ``schema``'s fields; personal
    details past their ``personal_until`` on ``as_of`` (the harvest's date) left out."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    if len(set(header)) != len(header) or set(header) & set(_ADDED):
        raise StoreError(f"{path.name}: its header repeats a column or uses {_ADDED}")
    types = {f.get("name"): f.get("type") for f in schema.get("fields") or []}
    columns = "{" + ", ".join(f"{literal(h)}: 'VARCHAR'" for h in header) + "}"
    personal = personal_fields(schema) if as_of and UNTIL in header else ()
    until = f"TRY_CAST(NULLIF({quote(UNTIL)}, '') AS DATE)"
    typed = {h: f"CAST(NULLIF({quote(h)}, '') AS {column_type(types.get(h))})" for h in header}
    cells = ", ".join(
        f"{expired_or(typed[h], until, as_of) if h in personal and as_of else typed[h]} "
        f"AS {quote(h)}"
        for h in header
    )
    source = (
        f"read_csv({literal(str(path))}, header = true, auto_detect = false, delim = ',', "
        f"quote = '\"', escape = '\"', columns = {columns}, parallel = false)"
    )
    # One thread reads the file in order, so row_number() is the CSV's data row.
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE staged AS SELECT {literal(community)} AS community, "
        f"CAST(row_number() OVER () AS BIGINT) AS row, {cells} FROM {source}"
    )
    _copy_out(connection, target)


def personal_fields(schema: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields a Table Schema marks ``personal: true``."""
    return tuple(
        str(f["name"])
        for f in schema.get("fields") or []
        if isinstance(f, dict) and f.get("personal")
    )


def expired_or(column: str, until: str, as_of: str) -> str:
    """SQL: NULL when a row's personal details ended before ``as_of`` (its ``until``
    date, the record's ``personal_until``, is earlier), else ``column`` — the city's
    part of ``builder.core.personal``'s rule: the community applied the rest (the public
    period and its extension) on its own build date."""
    return f"CASE WHEN {until} < DATE {literal(as_of)} THEN NULL ELSE {column} END"


def _rows_table(
    connection: duckdb.DuckDBPyConnection,
    community: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Any]],
    target: Path,
) -> None:
    """Rows made in Python (the JSON files' items) as Parquet."""
    declared = ", ".join(
        f"{quote(n)} {t}" for n, t in (("community", "VARCHAR"), ("row", "BIGINT"), *columns)
    )
    connection.execute(f"CREATE OR REPLACE TEMP TABLE staged ({declared})")
    values = [(community, number, *row) for number, row in enumerate(rows, start=1)]
    if values:
        marks = ", ".join("?" for _ in range(len(columns) + 2))
        connection.executemany(f"INSERT INTO staged VALUES ({marks})", values)
    _copy_out(connection, target)


def _copy_out(connection: duckdb.DuckDBPyConnection, target: Path) -> None:
    path = literal(f"{target}.parquet")
    connection.execute(
        f"COPY (SELECT * FROM staged ORDER BY row) TO {path} "
        "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)"
    )
    connection.execute("DROP TABLE staged")


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _date(value: Any) -> str | None:
    """An ISO date's day (YYYY-MM-DD), or None."""
    text = _text(value)
    return text[:10] if text and re.match(r"^\d{4}-\d{2}-\d{2}", text) else None


def _calendar_rows(calendar: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    rows = []
    for item in calendar.get("items") or []:
        source = item.get("source") or {}
        first = item.get("first_commit") or {}
        rows.append(
            (
                *(_text(item.get(k)) for k in ("duty", "body", "duty_zh", "period")),
                *(_text(item.get(k)) for k in ("period_zh", "account")),
                *(_date(item.get(k)) for k in ("due_date", "due_moved_from", "publication_date")),
                _text(item.get("channel")),
                _text(item.get("log_id")),
                _text(first.get("commit")),
                _date(first.get("date")),
                _text(item.get("status")),
                item.get("days_late"),
                item.get("display_days"),
                *(_text(source.get(k)) for k in ("law", "article", "rules_of_procedure", "text")),
                _text(item.get("origin")),
                _text(calendar.get("profile")),
                _date(calendar.get("since")),
                _date(calendar.get("build_date")),
            )
        )
    return rows


def _feed_rows(feed: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            _text(item.get("id")),
            _text(item.get("url")),
            _text(item.get("title")),
            _text(item.get("date_published")),
            _date(item.get("date_published")),
        )
        for item in feed.get("items") or []
    ]
