"""The yearly snapshots of the downloads: where they are, for the downloads page.

Each deploy replaces the whole Pages site, so an old state of the downloads cannot stay
there. The publish workflow (``.github/workflows/publish.yml``, job ``snapshot``) makes,
once a year, a zip of the downloads as published (``downloads-<year>.zip``, with its
``.sha256``) and attaches both to a GitHub release tagged ``downloads-<year>``: releases
last, and a tag once made is never replaced by the workflow. The zip is made from the
published downloads, so it holds personal details only as published (redacted); the
expiry of a published detail never has to reach into an archive.

The list of them is an explicit input of the build, like SOURCE_DATE_EPOCH: before
building, the workflow writes the repository's releases (``gh release list --json
tagName,publishedAt,isDraft``) with the repository's name into a file and names it in
``GONGSHI_SNAPSHOTS``::

    {"repository": "owner/name", "releases": [{"tagName": "downloads-2025",
      "publishedAt": "2026-01-01T16:05:09Z", "isDraft": false}, ...]}

Without it (a local build) the page lists none and says where they are kept. The same
commit, build date and releases give the same page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from builder.core.problems import ConfigError

ENVIRONMENT = "GONGSHI_SNAPSHOTS"
TAG = re.compile(r"downloads-(\d{4})")
RELEASES = "https://github.com/{repository}/releases"


@dataclass(frozen=True)
class Snapshot:
    """One year's snapshot of the downloads.

    Attributes:
        year: the year it closes (made on the first publish after it ended).
        tag: its release's tag.
        zip_url, sums_url: the zip and its SHA-256 checksum file.
        release_url: its release's page.
        published: the day the release was made (YYYY-MM-DD, UTC as GitHub gives it).
    """

    year: int
    tag: str
    zip_url: str
    sums_url: str
    release_url: str
    published: str


@dataclass(frozen=True)
class Snapshots:
    """Attributes:
    repository: owner/name on GitHub ("" when unknown: a local build).
    items: the snapshots, newest first.
    """

    repository: str = ""
    items: tuple[Snapshot, ...] = ()

    @property
    def releases_url(self) -> str:
        return RELEASES.format(repository=self.repository) if self.repository else ""


def read_snapshots(environ: Mapping[str, str]) -> Snapshots:
    """The snapshots the file named in ``GONGSHI_SNAPSHOTS`` lists; none when unset.
    Raises ConfigError when the file cannot be read as the workflow writes it."""
    name = environ.get(ENVIRONMENT, "").strip()
    if not name:
        return Snapshots()
    try:
        listed = json.loads(Path(name).read_text(encoding="utf-8"))
        repository = str(listed["repository"])
        releases = list(listed["releases"])
        items = [_snapshot(repository, r) for r in releases if not r.get("isDraft")]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError("snapshots-bad", path=name, detail=str(exc)[:200]) from exc
    found = sorted((s for s in items if s is not None), key=lambda s: s.year, reverse=True)
    return Snapshots(repository, tuple(found))


def _snapshot(repository: str, release: Mapping[str, str]) -> Snapshot | None:
    tag = str(release["tagName"])
    match = TAG.fullmatch(tag)
    if match is None:
        return None  # another release of the repository
    base = RELEASES.format(repository=repository)
    name = f"{tag}.zip"
    return Snapshot(
        year=int(match.group(1)),
        tag=tag,
        zip_url=f"{base}/download/{tag}/{name}",
        sums_url=f"{base}/download/{tag}/{name}.sha256",
        release_url=f"{base}/tag/{tag}",
        published=str(release.get("publishedAt") or "")[:10],
    )
