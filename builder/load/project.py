"""Find a gongshi project and read its data package: which files hold which records,
and the Table Schema of each. Problems here are set-up failures (exit code 2)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder import messages
from builder.core.problems import ConfigError, Problem
from builder.core.resources import RESERVED_NAMES, ledger_account
from builder.core.schema import SchemaFault, TableSchema
from builder.load.documents import read_yaml_value
from builder.load.files import checked_path, unsafe_path

DATA_DIR = "data"
DATAPACKAGE = "data/datapackage.yaml"
COMMUNITY = "data/community.yaml"
ACCOUNTS = "data/ledgers/accounts.yaml"
ACCOUNT_SCHEMA = "data/schemas/account.yaml"
ASSERTION_SCHEMA = "data/schemas/balance_assertion.yaml"
# The owners' register of community.yaml; a project made before it had one may lack it.
REGISTER_SCHEMA = "data/schemas/owners_register.yaml"
# What the build reads besides the data: MkDocs' config, the pages (its docs_dir) and
# the templates.
MKDOCS = "mkdocs.yml"
TEMPLATES = "site_templates"
SOURCE_FOLDERS = ("content", TEMPLATES)

# The Data Package's name rule (lower case, digits, ``-._``), a little stricter: words
# joined by one separator, so no name is ``..`` or hides one (``ledger-..``). A name
# becomes file names (``downloads/<name>.csv``) and, for a ledger, site addresses.
NAME_PATTERN = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")
# A descriptor is a few kilobytes; parsing YAML in Python is slow, so bound it tighter.
MAX_DESCRIPTOR_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Resource:
    """One tabular resource of the data package.

    Attributes:
        name: the resource name (``decisions``, ``ledger-parking``...).
        file: path relative to the project root.
        format: ``csv`` or ``yaml``.
        title: the Chinese title, for messages and pages.
        schema: the Table Schema, read once (its raw descriptor only for Frictionless
            and publishing).
        schema_file: the schema's path relative to the project root.
    """

    name: str
    file: str
    format: str
    title: str
    schema: TableSchema
    schema_file: str

    @property
    def account(self) -> str | None:
        """The ledger account this resource holds, if it is a ledger."""
        return ledger_account(self.name)


@dataclass(frozen=True)
class Project:
    """A community repository: its root, its resources, and its settings schemas (the
    register's None when the project has no ``REGISTER_SCHEMA``)."""

    root: Path
    resources: tuple[Resource, ...]
    account_schema: TableSchema
    assertion_schema: TableSchema
    register_schema: TableSchema | None = None

    def resource(self, name: str) -> Resource | None:
        return next((r for r in self.resources if r.name == name), None)


def open_project(path: str | Path = ".") -> Project:
    """Read ``data/datapackage.yaml`` and every schema it names, each through the one
    path rule (``files.checked_path``), with the resources' names and paths checked."""
    root = Path(path).resolve()
    if not os.path.lexists(root / DATAPACKAGE):
        raise ConfigError("project-missing", path=str(path))
    descriptor, problems = read_yaml_value(root, DATAPACKAGE, MAX_DESCRIPTOR_BYTES)
    if problems:
        raise ConfigError("datapackage-invalid", detail=_problem_detail(problems[0]))
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise ConfigError("datapackage-invalid", detail=_detail("datapackage-resources-not-list"))
    resources: list[Resource] = []
    for entry in descriptor["resources"]:
        resources.append(_resource(root, entry, {r.name for r in resources}))
    return Project(
        root,
        tuple(resources),
        read_schema(root, ACCOUNT_SCHEMA),
        read_schema(root, ASSERTION_SCHEMA),
        read_schema(root, REGISTER_SCHEMA) if os.path.lexists(root / REGISTER_SCHEMA) else None,
    )


def _resource(root: Path, entry: Any, taken: set[str]) -> Resource:
    """One entry of the data package: its name becomes file names and addresses of the
    published site, its paths are read, so each must be one gongshi can trust."""
    if not isinstance(entry, dict) or not {"name", "path", "schema"} <= entry.keys():
        raise ConfigError(
            "datapackage-invalid", detail=_detail("datapackage-resource-incomplete", entry=entry)
        )
    name = entry["name"]
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ConfigError(
            "datapackage-invalid", detail=_detail("datapackage-bad-name", name=str(name or ""))
        )
    if name in taken:
        raise ConfigError(
            "datapackage-invalid", detail=_detail("datapackage-duplicate-name", name=name)
        )
    if name in RESERVED_NAMES:  # the downloads publish accounts.yaml's tables so
        raise ConfigError(
            "datapackage-invalid", detail=_detail("datapackage-reserved-name", name=name)
        )
    for key in ("path", "schema"):
        if unsafe_path(entry[key]):
            raise ConfigError(
                "datapackage-invalid",
                detail=_detail("datapackage-bad-path", name=name, key=key, path=entry[key]),
            )
    schema_file = f"{DATA_DIR}/{entry['schema']}"
    file = f"{DATA_DIR}/{entry['path']}"
    fmt = entry.get("format") or Path(file).suffix.lstrip(".")
    if fmt not in ("csv", "yaml"):
        raise ConfigError(
            "datapackage-invalid", detail=_detail("datapackage-bad-format", name=name, format=fmt)
        )
    title = str(entry.get("title", name))
    return Resource(name, file, fmt, title, read_schema(root, schema_file), schema_file)


def mkdocs_config(root: Path) -> Path:
    """The project's mkdocs.yml, through the one path rule: MkDocs reads it before any
    validation runs, so a link out of the project or a pipe must be refused here."""
    if not os.path.lexists(root / MKDOCS):
        raise ConfigError("mkdocs-missing", path=str(root))
    real, problems = checked_path(root, MKDOCS)
    if real is None:
        raise ConfigError("mkdocs-unreadable", detail=_problem_detail(problems[0]))
    return real


def read_schema(root: Path, relpath: str) -> TableSchema:
    """A Table Schema, read once; the check stage judges what its descriptor asks."""
    descriptor, problems = read_yaml_value(root, relpath, MAX_DESCRIPTOR_BYTES)
    if problems:
        raise ConfigError("schema-invalid", path=relpath, detail=_problem_detail(problems[0]))
    if not isinstance(descriptor, dict):
        raise ConfigError("schema-invalid", path=relpath, detail=_detail("schema-not-mapping"))
    try:
        return TableSchema.from_descriptor(descriptor)
    except SchemaFault as exc:
        raise ConfigError("schema-invalid", path=relpath, detail=str(exc)) from exc


def _detail(code: str, **params: Any) -> str:
    """What is wrong, worded from the commands catalogue, Chinese / English."""
    return " / ".join(messages.render(code, params))


def _problem_detail(found: Problem) -> str:
    """Why a descriptor file could not be read, as the report would say it."""
    if found.line is None:
        return f"{found.message} / {found.message_en}"
    zh, en = messages.render("report-line", {"line": found.line})
    return f"{zh}：{found.message} / {en}: {found.message_en}"
