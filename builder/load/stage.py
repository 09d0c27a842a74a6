"""The load stage: every file the project's validation reads, read once, as tables and
documents with their lines, or as problems saying why a file could not be read."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from builder.core import resources as R
from builder.core.disclosure import is_part, is_scoped
from builder.core.model import Community
from builder.core.problems import Problem
from builder.load.csv import CsvFrames, read_csv, read_csv_frames
from builder.load.documents import read_yaml, records_table
from builder.load.files import checked_path, folder_problems
from builder.load.private import (
    declared_public,
    merged,
    private_relpath,
    private_root,
    renamed,
    tracked_files,
    tracked_nonpublic,
)
from builder.load.project import ACCOUNTS, COMMUNITY, MKDOCS, SOURCE_FOLDERS, Project, Resource
from builder.load.settings import accounts_tables, read_community, register_table
from builder.load.table import Table

# ``read(root, relpath, reader, tag)``: ``reader(root, relpath)``, or what it gave
# before for the same content (``ValidationCache.read``); ``tag`` tells two readings
# of one file apart.
ReadFile = Callable[[Path, str, Callable[[Path, str], tuple], str], tuple]


@dataclass(frozen=True)
class Loaded:
    """What the load stage read.

    Attributes:
        tables: every table that could be read, by name: the data package's resources
            and, when accounts.yaml could be read, the accounts and assertions tables
            flattened from it (``resources.ACCOUNTS``, ``resources.ASSERTIONS``), and
            the owners' register flattened from community.yaml
            (``resources.OWNERS_REGISTER``).
        community: the settings of community.yaml, or None when they could not be read.
        problems: every file that could not be read (or only in part), and why.
        private_files: the tables holding rows of the private data directory: public
            file -> the private file's path inside that directory (``load.private``).
    """

    tables: dict[str, Table | CsvFrames]
    community: Community | None
    problems: list[Problem]
    private_files: dict[str, str] = field(default_factory=dict)


def read_directly(
    root: Path, relpath: str, reader: Callable[[Path, str], tuple], tag: str = ""
) -> tuple:
    return reader(root, relpath)


def load_project(project: Project, fast: set[str], read: ReadFile = read_directly) -> Loaded:
    """Read the settings documents and every table of the data package; a table that
    the fast path checks (``fast``) is read in blocks when its file is regular."""
    root = project.root
    problems: list[Problem] = []
    community_doc, found = read(root, COMMUNITY, read_yaml, "")
    problems += found
    accounts, found = read(root, ACCOUNTS, read_yaml, "")
    problems += found
    settings = community_doc.data if community_doc is not None else None
    private = private_root(root, settings)
    public = declared_public(settings)
    tables: dict[str, Table | CsvFrames] = {}
    private_files: dict[str, str] = {}
    for resource in project.resources:
        relpath = private_relpath(resource.file)
        has_private = private is not None and os.path.lexists(private / relpath)
        # Rows are merged, and scopes read, from whole tables, never blocks.
        whole = has_private or (public and (is_scoped(resource.schema) or is_part(resource.name)))
        in_blocks = resource.name in fast and not whole
        reader = partial(read_table, resource=resource, in_blocks=in_blocks)
        table, found = read(root, resource.file, reader, f"table-{in_blocks}")
        problems += found
        if table is None:
            continue
        if has_private and private is not None and isinstance(table, Table):
            whole_reader = partial(read_table, resource=resource, in_blocks=False)
            extra, found = read(private, relpath, whole_reader, "private")
            problems += renamed(found, relpath)
            if isinstance(extra, Table):
                table, found = merged(table, extra, relpath)
                problems += found
                private_files[resource.file] = relpath
        tables[resource.name] = table
    if public:
        tracked = tracked_files(root)
        if tracked is not None:
            problems += tracked_nonpublic(project.resources, tables, tracked)
    if accounts is not None:
        account_table, assertion_table, found = accounts_tables(accounts)
        problems += found
        if account_table is not None and assertion_table is not None:
            tables[R.ACCOUNTS] = account_table
            tables[R.ASSERTIONS] = assertion_table
    community = None
    if community_doc is not None:
        community, found = read_community(community_doc)
        problems += found
        register, found = register_table(community_doc, project.register_schema is not None)
        problems += found
        if register is not None:
            tables[R.OWNERS_REGISTER] = register
    problems += source_problems(root)
    return Loaded(tables, community, problems, private_files)


def source_problems(root: Path) -> list[Problem]:
    """What the build would read but may not: ``mkdocs.yml``, a page or a template that
    is a pipe, a folder, a link out of the project or to nothing, unreadable or huge."""
    problems = checked_path(root, MKDOCS)[1] if os.path.lexists(root / MKDOCS) else []
    for folder in SOURCE_FOLDERS:
        problems += folder_problems(root, folder)
    return problems


def read_table(
    root: Path, relpath: str, resource: Resource, in_blocks: bool
) -> tuple[Table | CsvFrames | None, list[Any]]:
    """A resource's file as a table: a regular CSV in blocks when asked, any other CSV
    by the one strict reader, YAML records as rows."""
    if resource.format == "csv":
        frames = read_csv_frames(root, relpath) if in_blocks else None
        return (frames, []) if frames is not None else read_csv(root, relpath)
    doc, problems = read_yaml(root, relpath)
    if doc is None:
        return None, problems
    table, more = records_table(doc, list(resource.schema.names))
    return table, problems + more


def row_count(table: Table | CsvFrames) -> int:
    return table.row_count if isinstance(table, CsvFrames) else len(table.rows)
