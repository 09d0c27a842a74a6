"""The downloads page: every published file with its size and checksum, and how an
auditor re-checks them (the files themselves are made by ``builder.publish``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from builder.messages.site import DOWNLOAD_NOTES
from builder.publish.downloads import Download
from builder.publish.snapshots import Snapshots
from builder.site import addresses
from builder.site.context import Generated, Site


def page(
    site: Site,
    files: Sequence[Download],
    report: dict[str, Any],
    snapshots: Snapshots | None = None,
) -> Generated:
    """The page; ``snapshots``: the yearly snapshots kept as releases (none listed when
    None: a build outside the publish workflow)."""
    return site.page(
        "downloads.md.j2",
        addresses.DOWNLOADS,
        # The data dictionary first: it is what a reader opens before anything else.
        files=sorted(files, key=lambda f: f.kind != "dictionary"),
        report=report,
        excel_note=DOWNLOAD_NOTES["excel_formula"],
        snapshots=snapshots or Snapshots(),
    )
