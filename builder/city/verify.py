"""Verify one community's fetched copy: what the harvest trusts, and why not.

- Every file ``SHA256SUMS`` lists must match its checksum (checked as it is fetched,
  ``sums_digest`` / ``read_sums`` here); a file that does not, or is missing, makes the
  community "tampered".
- ``datapackage.json``'s own ``hash`` and ``bytes`` of every resource must match the
  file, and every resource must be listed in ``SHA256SUMS``.
- Each published table is validated with the Table Schemas shipped in this gongshi
  (``standard``: the same schemas ``gongshi init`` gives a community, published as a
  build publishes them), never only with the site's own, so a site cannot certify
  itself: errors make the community "invalid". A published schema that differs from
  the standard one (types, formats, constraints, keys; not the wording of titles and
  descriptions), or a table the standard does not know, makes it "schema-differs".
- ``provenance.json``, ``calendar.json`` and ``feeds/all.json`` must be JSON.

The Excel copies (``excel/*.csv``) are checked by their checksums only: they are the
plain CSVs with Chinese headers, and only the plain CSVs are stored.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder import messages
from builder.check.routing import check_schemas, fast_resources
from builder.check.tables import ToCheck, check_tables
from builder.check.typed import TypedChunk
from builder.city.store import stored_resources
from builder.core.model import Records
from builder.core.resources import ledger_account
from builder.core.schema import TableSchema
from builder.load.csv import read_csv, read_csv_frames
from builder.load.files import unsafe_path
from builder.load.project import open_project
from builder.publish.downloads import SUMS
from builder.publish.tables import published_tables
from builder.staff.scaffold import scaffold_root

DATAPACKAGE = "datapackage.json"
PROVENANCE = "provenance.json"
CALENDAR = "calendar.json"
FEED = "feeds/all.json"
# Files every gongshi site's SHA256SUMS lists.
REQUIRED = (DATAPACKAGE, PROVENANCE)
JSON_FILES = (DATAPACKAGE, PROVENANCE, CALENDAR, FEED)
# A site's downloads are a few dozen files; a list of thousands is not a gongshi site.
MAX_LISTED = 2000
_SUMS_LINE = re.compile(r"([0-9a-f]{64})  (\S(?:.*\S)?)")
# The order in which one failure outranks another for the community's status.
SEVERITY = ("tampered", "invalid", "schema-differs")
# Schema keys that change what a table means; titles and descriptions are wording.
_FIELD_KEYS = ("name", "type", "format", "constraints", "personal")
_SCHEMA_KEYS = ("primaryKey", "foreignKeys", "missingValues")


@dataclass(frozen=True)
class Reason:
    """Why a community's harvest is not (wholly) good.

    Attributes:
        status: the harvest status it leads to ("tampered", "invalid", ...).
        code: the message code (``builder/messages/problems.py``).
        file: the published file concerned (relative to ``downloads/`` or the site
            root for ``feeds/all.json``), or None.
        zh, en: the message.
    """

    status: str
    code: str
    file: str | None
    zh: str
    en: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "file": self.file, "zh": self.zh, "en": self.en}


def reason(outcome: str, code: str, file: str | None, **params: Any) -> Reason:
    """A Reason leading to the status ``outcome``, worded from the message catalogue
    (``file`` is a parameter too)."""
    zh, en = messages.render(code, {"file": file or "", **params})
    return Reason(outcome, code, file, zh, en)


def worst(reasons: Iterable[Reason]) -> str | None:
    """The status the reasons give the community, the gravest first; None if none."""
    found = {r.status for r in reasons}
    return next((s for s in SEVERITY if s in found), None)


# --- SHA256SUMS -------------------------------------------------------------------


def sums_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read_sums(content: bytes) -> tuple[dict[str, str], list[Reason]]:
    """The files SHA256SUMS lists (path → sha256), and what is wrong with it: a line
    that is not a checksum and a safe relative path, a file listed twice, a required
    file missing, too many files."""
    listed: dict[str, str] = {}
    try:
        lines = content.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return {}, [reason("invalid", "city-sums-malformed", SUMS, line=1)]
    if len(lines) > MAX_LISTED:
        return {}, [reason("invalid", "city-sums-malformed", SUMS, line=MAX_LISTED + 1)]
    for number, line in enumerate(lines, start=1):
        match = _SUMS_LINE.fullmatch(line)
        path = match[2] if match else ""
        if not match or unsafe_path(path) or path == SUMS or path in listed:
            return {}, [reason("invalid", "city-sums-malformed", SUMS, line=number)]
        listed[path] = match[1]
    lacking = [reason("invalid", "city-sums-lacks", f) for f in REQUIRED if f not in listed]
    return listed, lacking


# --- the standard schemas -----------------------------------------------------------


@dataclass(frozen=True)
class Standard:
    """The published tables as this gongshi publishes them.

    Attributes:
        descriptors: each published table's Table Schema descriptor, by table name.
        schemas: the same, read.
        fast: the tables the fast path checks (the others go through Frictionless).
        titles: each table's title, for messages.
    """

    descriptors: dict[str, dict[str, Any]]
    schemas: dict[str, TableSchema]
    fast: frozenset[str]
    titles: dict[str, str]

    def standard_of(self, name: str) -> str | None:
        """The standard table a published table is checked as: its own name, or for a
        ledger of an account the standard lacks (``ledger-<account>``: every ledger
        has the same schema), the first standard ledger; None for an unknown table."""
        if name in self.descriptors:
            return name
        if ledger_account(name) is None:
            return None
        return next((n for n in self.descriptors if ledger_account(n) is not None), None)


@functools.cache
def standard() -> Standard:
    """The schemas shipped in this gongshi (the scaffold's data package), published."""
    # In a source checkout the scaffold links to the sample's data package; installed,
    # the files are the scaffold's own. Either way, open the folder that holds them.
    shipped = (scaffold_root() / "data" / "datapackage.yaml").resolve().parent.parent
    project = open_project(shipped)
    tables = published_tables(project, Records())
    descriptors = {t.name: t.descriptor for t in tables}
    schemas = {name: TableSchema.from_descriptor(d) for name, d in descriptors.items()}
    covered = check_schemas({name: (name, d) for name, d in descriptors.items()})
    fast = fast_resources(schemas, covered)
    return Standard(descriptors, schemas, frozenset(fast), {t.name: t.title for t in tables})


def _meaning(descriptor: Any) -> dict[str, Any]:
    """What a schema says about the data, without its wording."""
    if not isinstance(descriptor, dict):
        return {"fields": None}
    fields = descriptor.get("fields")
    return {
        "fields": [
            {k: f.get(k) for k in _FIELD_KEYS} if isinstance(f, dict) else f
            for f in (fields if isinstance(fields, list) else [])
        ],
        **{k: descriptor.get(k) for k in _SCHEMA_KEYS},
    }


def schema_difference(published: Any, standard_descriptor: Mapping[str, Any]) -> str | None:
    """Where a published schema differs from the standard one ("fields", a field's
    "name.key", or a schema key), or None when they mean the same."""
    mine, theirs = _meaning(published), _meaning(dict(standard_descriptor))
    if mine == theirs:
        return None
    names = [f.get("name") if isinstance(f, dict) else None for f in mine["fields"]]
    if names != [f["name"] for f in theirs["fields"]]:
        return "fields"
    for ours, standard_field in zip(mine["fields"], theirs["fields"], strict=True):
        for key in _FIELD_KEYS:
            if ours.get(key) != standard_field.get(key):
                return f"{ours['name']}.{key}"
    return next(k for k in _SCHEMA_KEYS if mine[k] != theirs[k])


# --- the whole copy -----------------------------------------------------------------


class _Discard:
    """A collector that keeps no rows: the harvest only needs the problems."""

    def add(self, chunk: TypedChunk) -> None:
        pass

    def discard(self, indexes: set[int]) -> None:
        pass


def verify_copy(folder: Path, listed: Mapping[str, str], max_bytes: int) -> list[Reason]:
    """Everything wrong with the fetched copy in ``folder`` (its files laid out as the
    site's downloads, with ``feeds/all.json``), whose SHA256SUMS listed ``listed``."""
    reasons: list[Reason] = []
    parsed: dict[str, Any] = {}
    for name in JSON_FILES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            parsed[name] = json.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            detail = str(exc)[:200]
            reasons.append(reason("invalid", "city-not-json", name, detail=detail))
    package = parsed.get(DATAPACKAGE)
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        if DATAPACKAGE not in {r.file for r in reasons}:
            reasons.append(reason("invalid", "city-not-json", DATAPACKAGE, detail="resources"))
        return reasons
    reasons += _package_hashes(folder, package, listed)
    if worst(reasons) == "tampered":
        return reasons  # the files are not the site's: judging their content says nothing
    reasons += _tables(folder, stored_resources(package), max_bytes)
    return reasons


def _package_hashes(
    folder: Path, package: Mapping[str, Any], listed: Mapping[str, str]
) -> list[Reason]:
    """Every resource's file is listed in SHA256SUMS, and its hash and size are the
    ones datapackage.json states."""
    reasons = []
    for resource in package["resources"]:
        path = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(path, str) or path not in listed:
            shown = path if isinstance(path, str) else None
            reasons.append(reason("tampered", "city-package-unlisted", shown))
            continue
        assert isinstance(resource, dict)
        content = (folder / path).read_bytes() if (folder / path).is_file() else b""
        stated = str(resource.get("hash", "")).removeprefix("sha256:")
        if stated != sums_digest(content) or resource.get("bytes") != len(content):
            reasons.append(reason("tampered", "city-package-hash", path))
    return reasons


def _tables(folder: Path, resources: list[dict[str, Any]], max_bytes: int) -> list[Reason]:
    """Each published table against the standard schema of its name."""
    known = standard()
    reasons: list[Reason] = []
    to_check: list[ToCheck] = []
    fast: set[str] = set()
    for resource in resources:
        name, path = resource["name"], resource["path"]
        like = known.standard_of(name)
        if like is None:
            reasons.append(reason("schema-differs", "city-schema-unknown", path, resource=name))
            continue
        descriptor = known.descriptors[like]
        if like in known.fast:
            fast.add(name)
        differs = schema_difference(resource.get("schema"), descriptor)
        if differs is not None:
            reasons.append(
                reason("schema-differs", "city-schema-differs", path, resource=name, detail=differs)
            )
        table = read_csv_frames(folder, path, max_bytes)
        if table is None:
            read, problems = read_csv(folder, path, max_bytes)
            if read is None:
                reasons.append(_invalid(path, problems))
                continue
            to_check.append((name, known.schemas[like], read))
        else:
            to_check.append((name, known.schemas[like], table))
    if to_check:
        _, problems = check_tables(to_check, lambda _: _Discard(), known.titles, set(known.fast))
        errors = [p for p in problems if p.severity == "error"]
        for file in sorted({p.file for p in errors}):
            reasons.append(_invalid(file, [p for p in errors if p.file == file]))
    return reasons


def _invalid(file: str, problems: list[Any]) -> Reason:
    first = problems[0]
    where = f"{first.line}: " if first.line else ""
    return reason(
        "invalid",
        "city-invalid-data",
        file,
        count=sum(p.count for p in problems),
        first=f"{where}{first.message}",
        first_en=f"{where}{first.message_en}",
    )
