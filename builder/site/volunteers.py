"""Volunteer service (志愿服务): a year's service by activity and by team (turns,
hours, points under each activity's rule), the volunteers who consented to have their
points published, and what the points buy at the partner shops; an A4 print version
of the rules, the latest year's totals and the catalogue.

A person's points come only from the published records (``core.personal.published``):
a row whose name was taken out counts for its team alone."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from builder.core import resources as R
from builder.core import voice
from builder.core.model import Record
from builder.site import addresses
from builder.site.context import Generated, Site
from builder.site.paging import by_year


def _totals(rows: list[tuple[Record, Decimal]]) -> dict[str, Any]:
    return {
        "turns": len(rows),
        "people": sum(row["people"] for row, _ in rows),
        "hours": sum((voice.person_hours(row) for row, _ in rows), Decimal(0)),
        "points": sum((voice.points(row, rate) for row, rate in rows), Decimal(0)),
    }


def _grouped(rows: list[tuple[Record, Decimal]], key: Any) -> list[tuple[Any, dict[str, Any]]]:
    groups: dict[Any, list[tuple[Record, Decimal]]] = defaultdict(list)
    for row, rate in rows:
        groups[key(row)].append((row, rate))
    return sorted(((k, _totals(v)) for k, v in groups.items()), key=lambda kv: str(kv[0]))


def _service(site: Site, activities: dict[str, Record]) -> list[tuple[Record, Decimal]]:
    """Each service row of a known activity, with its activity's points per hour."""
    return [
        (row, activities[row["activity"]]["points_per_hour"])
        for row in site.records.table(R.VOLUNTEER_SERVICE)
        if row["activity"] in activities
    ]


def _activities(site: Site) -> dict[str, Record]:
    return {a["id"]: a for a in site.records.table(R.VOLUNTEER_ACTIVITIES)}


def printable(site: Site) -> list[str]:
    """The board, when it has a year of service to print (its QR code is made apart)."""
    return [addresses.VOLUNTEERS] if _service(site, _activities(site)) else []


def pages(site: Site) -> list[Generated]:
    activities = _activities(site)
    service = _service(site, activities)
    years = []
    for year, rows in by_year(service, lambda pair: pair[0]["date"].year):
        # A name still in the published records is one the build may show: its basis
        # was checked (rules/personal_basis.py) and an expired one was taken out.
        named = [pair for pair in rows if pair[0].values.get("volunteer")]
        years.append(
            {
                "year": year,
                "totals": _totals(rows),
                "activities": [
                    (activities[k], t) for k, t in _grouped(rows, lambda r: r["activity"])
                ],
                "teams": sorted(
                    _grouped(rows, lambda r: r["team"]), key=lambda kv: -kv[1]["hours"]
                ),
                "persons": sorted(
                    _grouped(named, lambda r: (r["volunteer"], r["team"])),
                    key=lambda kv: (-kv[1]["points"], kv[0]),
                ),
            }
        )
    rewards = sorted(
        site.records.table(R.VOLUNTEER_REWARDS), key=lambda r: (r["points"], r["partner"])
    )
    board = {"activities": list(activities.values()), "years": years, "rewards": rewards}
    version = site.print_version(addresses.VOLUNTEERS) if years else None
    files = [site.page("volunteers.md.j2", addresses.VOLUNTEERS, version=version, **board)]
    if version is not None:
        # The latest year's figures, the names in them as the board shows them.
        files.append(
            site.page(
                "print_volunteers.md.j2", version.src, version=version, latest=years[0], **board
            )
        )
    return files
