"""The joint meetings (议事会、联席会议): an overview with the next meeting, the issues
still open after three meetings or more, and the years; a page a year with each
meeting, who took part and the issues it took up, the stalled ones highlighted; an A4
print version of the latest year's page, the next meeting on top."""

from __future__ import annotations

from typing import Any

from builder.core import resources as R
from builder.core import voice
from builder.core.model import Record
from builder.site import addresses
from builder.site.context import Generated, Site
from builder.site.paging import by_year


def next_meeting(site: Site) -> Record | None:
    """The first meeting on or after the build date (planned or held that day)."""
    ahead = [m for m in site.records.table(R.JOINT_MEETINGS) if m["date"] >= site.build_date]
    return min(ahead, key=lambda m: (m["date"], m["id"]), default=None)


def printed_year(site: Site) -> int | None:
    """The year whose page is printed for the notice board: that of the latest held
    meeting (a year of planned meetings only has nothing to report yet), else the
    latest year; None without meetings."""
    meetings = site.records.table(R.JOINT_MEETINGS)
    held = [m["date"].year for m in meetings if not voice.planned(m)]
    return max(held or [m["date"].year for m in meetings], default=None)


def printable(site: Site) -> list[str]:
    """The page that has a print version (its QR code is made apart)."""
    year = printed_year(site)
    return [] if year is None else [addresses.joint_meetings_year(year)]


def pages(site: Site) -> list[Generated]:
    meetings = sorted(site.records.table(R.JOINT_MEETINGS), key=lambda m: (m["date"], m["id"]))
    history = voice.issue_history(site.records)
    # Each issue's rows, highlighted where it had been open at three meetings or more by
    # then; stalled: the issues still open so at their latest meeting.
    stalled: dict[str, int] = {}
    issues_at: dict[str, list[dict[str, Any]]] = {}
    for number, rows in history.items():
        marks = voice.stalled_marks(rows)
        if marks[-1]:
            stalled[number] = marks[-1]
        for (meeting, row), mark in zip(rows, marks, strict=True):
            issues_at.setdefault(meeting["id"], []).append({"row": row, "stalled": mark})
    years = by_year(list(reversed(meetings)), lambda m: m["date"].year)
    overview_years = [
        {
            "year": year,
            "src": addresses.joint_meetings_year(year),
            "held": sum(1 for m in items if not voice.planned(m)),
            "planned": sum(1 for m in items if voice.planned(m)),
            "issues": len({i["row"]["issue"] for m in items for i in issues_at.get(m["id"], [])}),
        }
        for year, items in years
    ]
    open_long = []
    for number, count in sorted(stalled.items()):
        # The latest meeting that took it up (a planned one has not reported yet).
        held = [pair for pair in history[number] if not voice.planned(pair[0])]
        open_long.append(
            {
                "number": number,
                "title": held[-1][1]["title"],
                "count": count,
                "first": history[number][0][0],
                "last": held[-1],
                "src": addresses.joint_meetings_year(held[-1][0]["date"].year),
            }
        )
    files = [
        site.page(
            "joint_meetings.md.j2",
            addresses.JOINT_MEETINGS,
            next_meeting=next_meeting(site),
            years=overview_years,
            open_long=open_long,
            stalled_after=voice.ISSUE_STALLED_AFTER,
        )
    ]
    printed = printed_year(site)
    for year, items in years:
        src = addresses.joint_meetings_year(year)
        page = {
            "year": year,
            "years": overview_years,
            "meetings": [
                {
                    "meeting": m,
                    "planned": voice.planned(m),
                    "issues": issues_at.get(m["id"], []),
                }
                for m in items
            ],
            "stalled_after": voice.ISSUE_STALLED_AFTER,
        }
        # Only one year is printed for the notice board.
        version = site.print_version(src) if year == printed else None
        files.append(site.page("joint_meetings_year.md.j2", src, version=version, **page))
        if version is not None:
            files.append(
                site.page(
                    "print_joint_meetings.md.j2",
                    version.src,
                    version=version,
                    next_meeting=next_meeting(site),
                    **page,
                )
            )
    return files
