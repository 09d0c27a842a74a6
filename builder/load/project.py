"""Find a gongshi project and read its data package: which files hold which records,
and the Table Schema of each. Problems here are set-up failures (exit code 2)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder import messages
from builder.core.problems import ConfigError
from builder.core.resources import ledger_account
from builder.core.schema import SchemaFault, TableSchema

DATA_DIR = "data"
DATAPACKAGE = "data/datapackage.yaml"
COMMUNITY = "data/community.yaml"
ACCOUNTS = "data/ledgers/accounts.yaml"
ACCOUNT_SCHEMA = "data/schemas/account.yaml"
ASSERTION_SCHEMA = "data/schemas/balance_assertion.yaml"


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
    """A community repository: its root, its resources, and its two settings schemas."""

    root: Path
    resources: tuple[Resource, ...]
    account_schema: TableSchema
    assertion_schema: TableSchema

    def resource(self, name: str) -> Resource | None:
        return next((r for r in self.resources if r.name == name), None)


def open_project(path: str | Path = ".") -> Project:
    """Read ``data/datapackage.yaml`` and every schema it names."""
    root = Path(path).resolve()
    descriptor_path = root / DATAPACKAGE
    if not descriptor_path.is_file():
        raise ConfigError("project-missing", path=str(path))
    try:
        descriptor = yaml.safe_load(descriptor_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError("datapackage-invalid", detail=str(exc)) from exc
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise ConfigError("datapackage-invalid", detail=_detail("datapackage-resources-not-list"))
    resources = []
    for entry in descriptor["resources"]:
        if not isinstance(entry, dict) or not {"name", "path", "schema"} <= entry.keys():
            raise ConfigError(
                "datapackage-invalid",
                detail=_detail("datapackage-resource-incomplete", entry=entry),
            )
        schema_file = f"{DATA_DIR}/{entry['schema']}"
        file = f"{DATA_DIR}/{entry['path']}"
        fmt = entry.get("format") or Path(file).suffix.lstrip(".")
        if fmt not in ("csv", "yaml"):
            raise ConfigError(
                "datapackage-invalid",
                detail=_detail("datapackage-bad-format", name=str(entry["name"]), format=fmt),
            )
        resources.append(
            Resource(
                entry["name"],
                file,
                fmt,
                str(entry.get("title", entry["name"])),
                read_schema(root, schema_file),
                schema_file,
            )
        )
    return Project(
        root,
        tuple(resources),
        read_schema(root, ACCOUNT_SCHEMA),
        read_schema(root, ASSERTION_SCHEMA),
    )


def read_schema(root: Path, relpath: str) -> TableSchema:
    """A Table Schema, read once; the check stage judges what its descriptor asks."""
    try:
        descriptor = yaml.safe_load((root / relpath).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(
            "schema-invalid", path=relpath, detail=_detail("schema-file-missing")
        ) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError("schema-invalid", path=relpath, detail=str(exc)) from exc
    if not isinstance(descriptor, dict):
        raise ConfigError("schema-invalid", path=relpath, detail=_detail("schema-not-mapping"))
    try:
        return TableSchema.from_descriptor(descriptor)
    except SchemaFault as exc:
        raise ConfigError("schema-invalid", path=relpath, detail=str(exc)) from exc


def _detail(code: str, **params: Any) -> str:
    """What is wrong, worded from the commands catalogue, Chinese / English."""
    return " / ".join(messages.render(code, params))
