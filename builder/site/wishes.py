"""The wish list board (微心愿): how many wishes were collected, claimed, done and
declined, the open ones with how long they have waited, and every wish by the year it
was collected; its A4 print version (the counts and the open wishes)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from builder.core import resources as R
from builder.core import voice
from builder.site import addresses
from builder.site.context import Generated, Site
from builder.site.paging import by_year


def open_wishes(site: Site) -> list[Any]:
    """The wishes still to be fulfilled, oldest first."""
    wishes = site.records.table(R.WISHES)
    return sorted(
        (w for w in wishes if w["status"] in voice.WISH_OPEN),
        key=lambda w: (w["collected"], w["id"]),
    )


def printable(site: Site) -> list[str]:
    """The board, when it has a wish to print (its QR code is made apart)."""
    return [addresses.WISHES] if site.records.table(R.WISHES) else []


def pages(site: Site) -> list[Generated]:
    wishes = sorted(site.records.table(R.WISHES), key=lambda w: (w["collected"], w["id"]))
    counts = Counter(w["status"] for w in wishes)
    years: list[dict[str, Any]] = [
        {
            "year": year,
            "wishes": list(reversed(items)),
            "counts": Counter(w["status"] for w in items),
        }
        for year, items in by_year(wishes, lambda w: w["collected"].year)
    ]
    waiting = [
        {"wish": w, "days": (site.build_date - w["collected"]).days} for w in open_wishes(site)
    ]
    categories = Counter(w["category"] for w in wishes)
    board: dict[str, Any] = {
        "total": len(wishes),
        "counts": [(status, counts[status]) for status in voice.WISH_STATUSES],
        "categories": sorted(categories.items(), key=lambda item: (-item[1], item[0])),
        "waiting": waiting,
        "years": sorted(years, key=lambda y: y["year"], reverse=True),
        "statuses": voice.WISH_STATUSES,
        "state": voice.WISH_STATE,
    }
    version = site.print_version(addresses.WISHES) if printable(site) else None
    files = [site.page("wishes.md.j2", addresses.WISHES, version=version, **board)]
    if version is not None:
        files.append(site.page("print_wishes.md.j2", version.src, version=version, **board))
    return files
