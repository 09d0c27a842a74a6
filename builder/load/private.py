"""Records that are not public (scope party, organisation, specific, or the older
internal) and the public repository: where they live and how the build finds them.

A community keeps its non-public records in a private data directory outside the
public repository: ``private_data`` in community.yaml names it (relative to the
project, e.g. ``../qinghe-private``), or the environment variable
``GONGSHI_PRIVATE_DATA`` does (it wins). The directory holds files at the same paths
as under ``data/`` (``branch/notices.yaml``, ``branch/meetings.csv``...); when it is
present, each file's rows are appended to the public file's rows of that resource and
validated with them. When it is absent (a public CI run, a fresh clone) the build reads
the public files alone. Problems in a private file name it ``private:<path>`` with its
own lines, and never reach the published report.

``repository: {public: true}`` in community.yaml says the repository is public: then
``validate`` warns about every non-public record in a file git tracks
(``internal-record-in-public-repository``), and ``validate --public-repository`` (the
publish workflow of a public repository) makes that an error.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from builder.core.disclosure import PUBLIC_SCOPE, SCOPE_FIELD, is_scoped
from builder.core.problems import Problem, Severity, problem
from builder.core.resources import PARTS
from builder.load.table import Table

PRIVATE_ENV = "GONGSHI_PRIVATE_DATA"
PRIVATE_SETTING = "private_data"
REPOSITORY_SETTING = "repository"
PRIVATE_MARK = "private:"
# Rows of a private file sit in the merged table at their own line plus this, so a
# problem found in them is told apart and named by the private file's own line.
LINE_BASE = 10**12
TRACKED_CODE = "internal-record-in-public-repository"
DATA_PREFIX = "data/"


def private_root(project_root: Path, settings: Any) -> Path | None:
    """The private data directory when it is configured and present, else None."""
    value = os.environ.get(PRIVATE_ENV) or (
        settings.get(PRIVATE_SETTING) if isinstance(settings, dict) else None
    )
    if not isinstance(value, str) or not value.strip():
        return None
    path = (project_root / value).resolve()
    return path if path.is_dir() else None


def private_relpath(resource_file: str) -> str:
    """Where a resource's private rows lie inside the private directory."""
    return resource_file.removeprefix(DATA_PREFIX)


def private_name(relpath: str) -> str:
    """How problems name a private file."""
    return PRIVATE_MARK + relpath


def is_private_file(name: str) -> bool:
    return name.startswith(PRIVATE_MARK)


def declared_public(settings: Any) -> bool:
    """Whether community.yaml marks the repository public (``repository.public``)."""
    repository = settings.get(REPOSITORY_SETTING) if isinstance(settings, dict) else None
    if not isinstance(repository, dict):  # YAML scalars are read as text
        return False
    return str(repository.get("public")).strip().lower() == "true"


def renamed(problems: Iterable[Problem], relpath: str) -> list[Problem]:
    """Problems found reading a private file, named as a private file."""
    return [replace(p, file=private_name(relpath)) for p in problems]


def merged(public: Table, private: Table, relpath: str) -> tuple[Table, list[Problem]]:
    """The public rows then the private ones (lines moved by ``LINE_BASE``). A private
    CSV must have the public file's columns (in any order)."""
    if sorted(private.header) != sorted(public.header):
        return public, [
            problem(
                "private-columns-differ",
                private_name(relpath),
                1,
                expected="、".join(public.header),
            )
        ]
    order = [private.header.index(name) for name in public.header]
    rows = [[row[i] if i < len(row) else "" for i in order] for row in private.rows]
    lines = [line + LINE_BASE for line in private.lines]
    field_lines = [{k: v + LINE_BASE for k, v in f.items()} for f in private.field_lines]
    if public.field_lines or field_lines:
        public_fields = public.field_lines or [{} for _ in public.rows]
        field_lines = public_fields + (field_lines or [{} for _ in rows])
    table = Table(
        public.file, list(public.header), public.rows + rows, public.lines + lines, field_lines
    )
    return table, _public_in_private(private, relpath)


def _public_in_private(private: Table, relpath: str) -> list[Problem]:
    """A warning for each public record kept in the private directory: it is published,
    but the public repository, which auditors trace the site to, does not hold it."""
    return [
        problem(
            "public-record-in-private-data",
            private_name(relpath),
            private.line_of(index, SCOPE_FIELD),
            SCOPE_FIELD,
            severity="warning",
        )
        for index, scope in _cells(private, SCOPE_FIELD)
        if scope == PUBLIC_SCOPE
    ]


def located(problems: Iterable[Problem], private_files: dict[str, str]) -> list[Problem]:
    """Problems at a private row of a merged table, named by the private file and its
    own line (``private_files``: public file -> private relpath)."""
    out = []
    for p in problems:
        relpath = private_files.get(p.file)
        if relpath is not None and p.line is not None and p.line >= LINE_BASE:
            p = replace(p, file=private_name(relpath), line=p.line - LINE_BASE)
        out.append(p)
    return out


def tracked_files(root: Path) -> set[str] | None:
    """The files git tracks under ``root`` (paths relative to it), or None when
    ``root`` is in no git repository (or git is missing)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return {name for name in result.stdout.decode("utf-8", "replace").split("\0") if name}


def tracked_nonpublic(
    resources: Iterable[Any],
    tables: dict[str, Any],
    tracked: set[str],
    severity: Severity = "warning",
) -> list[Problem]:
    """A problem for each record of a scoped table whose scope is not ``public`` and
    whose file git tracks, and for each part of such a record (a person a non-public
    notice is about) in a tracked file (``tables``: the tables by resource name, the
    private rows merged in)."""
    found: list[Problem] = []
    resources = list(resources)
    hidden: dict[str, dict[str, str]] = {}  # per scoped resource: non-public id -> scope
    for resource in resources:
        table = tables.get(resource.name)
        if not is_scoped(resource.schema) or not isinstance(table, Table):
            continue
        ids = dict(_cells(table, "id"))
        hidden[resource.name] = {}
        for index, scope in _cells(table, SCOPE_FIELD):
            if scope in ("", PUBLIC_SCOPE):
                continue
            hidden[resource.name][ids.get(index, "")] = scope
            if resource.file in tracked and table.lines[index] < LINE_BASE:
                found.append(_tracked(table, index, SCOPE_FIELD, scope, severity))
    for resource in resources:
        table = tables.get(resource.name)
        part = PARTS.get(resource.name)
        if part is None or resource.file not in tracked or not isinstance(table, Table):
            continue
        key_field, whole = part
        for index, key in _cells(table, key_field):
            of_whole = hidden.get(whole, {}).get(key)
            if of_whole is not None and table.lines[index] < LINE_BASE:
                found.append(_tracked(table, index, key_field, of_whole, severity))
    return found


def _cells(table: Table, field: str) -> list[tuple[int, str]]:
    """Each row's index and its ``field`` cell as stripped text (none without the column)."""
    if field not in table.header:
        return []
    column = table.header.index(field)
    return [
        (index, str(row[column]).strip() if column < len(row) and row[column] is not None else "")
        for index, row in enumerate(table.rows)
    ]


def _tracked(table: Table, index: int, field: str, scope: str, severity: Severity) -> Problem:
    return problem(
        "internal-record-in-public-repository",  # TRACKED_CODE, written out for the catalogue test
        table.file,
        table.line_of(index, field),
        field,
        severity=severity,
        scope=scope,
    )
