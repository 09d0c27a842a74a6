"""The city's registry: the YAML list of communities a harvest visits.

Each entry names one community (``id``, ``name``, ``district``, ``street``,
``contact``), where its built site is — ``url`` (the site root on the web) or ``path``
(a local folder holding a built site, for a city that builds its communities itself) —
and, optionally, its number of ``households`` (the denominator of fair comparisons).
Problems come back as the report's ``Problem`` records, with the registry's line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from builder.core.numbers import read_integer
from builder.core.problems import Problem, problem
from builder.load.documents import Document, read_yaml, unknown_fields
from builder.load.project import NAME_PATTERN

REQUIRED = ("id", "name", "district", "street", "contact")
OPTIONAL = ("url", "path", "households")
FIELDS = REQUIRED + OPTIONAL
# A registry of a province's communities is a few megabytes at most.
MAX_REGISTRY_BYTES = 16 * 1024 * 1024
TITLES = {
    "id": "社区编号",
    "name": "社区名称",
    "district": "所在区",
    "street": "所在街道",
    "contact": "联系方式",
    "url": "网址",
    "path": "本地文件夹",
    "households": "户数",
}


@dataclass(frozen=True)
class Community:
    """One community of the registry.

    Attributes:
        id: its stable id (a folder name in the harvest's DIR; decides its shard).
        name, district, street, contact: as the registry gives them.
        url: its site root, ending with "/", or None.
        path: the registry's ``path`` as written, or None.
        root: ``path`` resolved against the registry's folder, or None.
        households: its number of households, or None.
        line: the registry line the entry starts on.
    """

    id: str
    name: str
    district: str
    street: str
    contact: str
    url: str | None
    path: str | None
    root: Path | None
    households: int | None
    line: int

    def to_dict(self) -> dict[str, Any]:
        """The entry as harvest.json and the store carry it."""
        return {
            "id": self.id,
            "name": self.name,
            "district": self.district,
            "street": self.street,
            "url": self.url,
            "path": self.path,
            "contact": self.contact,
            "households": self.households,
        }


def read_registry(file: Path) -> tuple[list[Community], list[Problem]]:
    """The communities of the registry ``file``, in its order, and every problem found
    (an entry with a problem is left out; the caller refuses a registry with any)."""
    folder = file.resolve().parent
    doc, problems = read_yaml(file.parent, file.name, MAX_REGISTRY_BYTES)
    if doc is None:
        return [], problems
    if not isinstance(doc.data, list):
        return [], [*problems, problem("yaml-not-list", doc.file, doc.line())]
    if not doc.data:
        return [], [*problems, problem("city-registry-empty", doc.file, doc.line())]
    communities: list[Community] = []
    first_lines: dict[str, int] = {}
    for index, entry in enumerate(doc.data):
        if not isinstance(entry, dict):
            problems.append(problem("yaml-not-mapping", doc.file, doc.line(index), index=index + 1))
            continue
        found, community = _entry(doc, index, entry, folder)
        if community is not None and community.id in first_lines:
            found.append(
                problem(
                    "city-registry-duplicate-id",
                    doc.file,
                    doc.line(index, "id"),
                    "id",
                    value=community.id,
                    first_line=first_lines[community.id],
                )
            )
        elif community is not None:
            first_lines[community.id] = doc.line(index, "id")
        problems += found
        if community is not None and not found:
            communities.append(community)
    return communities, problems


def _entry(
    doc: Document, index: int, entry: Mapping[str, Any], folder: Path
) -> tuple[list[Problem], Community | None]:
    """One entry's problems, and the community when its id can be read."""
    line = doc.line(index)
    found = unknown_fields(doc, dict(entry), FIELDS, index)
    for key in FIELDS:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            found.append(problem("city-registry-not-text", doc.file, doc.line(index, key), key))
    for key in REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            found.append(problem("missing-field", doc.file, line, key, title=TITLES[key]))
    text = {k: v.strip() for k, v in entry.items() if isinstance(v, str)}
    ident = text.get("id", "")
    if ident and not NAME_PATTERN.fullmatch(ident):
        found.append(
            problem("city-registry-bad-id", doc.file, doc.line(index, "id"), "id", value=ident)
        )
    url, path = text.get("url") or None, text.get("path") or None
    if (url is None) == (path is None):
        found.append(problem("city-registry-url-or-path", doc.file, line))
    if url is not None and not _good_url(url):
        found.append(
            problem("city-registry-bad-url", doc.file, doc.line(index, "url"), "url", value=url)
        )
    households = None
    if text.get("households"):
        households = read_integer(text["households"])
        if households is None or households <= 0:
            found.append(
                problem(
                    "city-registry-bad-households",
                    doc.file,
                    doc.line(index, "households"),
                    "households",
                    value=text["households"],
                )
            )
    if not ident:
        return found, None
    return found, Community(
        id=ident,
        name=text.get("name", ""),
        district=text.get("district", ""),
        street=text.get("street", ""),
        contact=text.get("contact", ""),
        url=(url if url.endswith("/") else url + "/") if url else None,
        path=path,
        root=(folder / path).resolve() if path else None,
        households=households,
        line=line,
    )


def _good_url(url: str) -> bool:
    """An http(s) site root: a host, no credentials, no spaces, query or fragment."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port that is not a number
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and parts.username is None
        and not parts.query
        and not parts.fragment
        and not any(c.isspace() for c in url)
        and (port is None or 0 < port < 65536)
    )
