"""The party branch's section (党务公开): an overview, a page a year of its notices,
meetings and dues (lists in pages of ROWS_PER_PAGE: no page grows with the years), and
a page for each notice with its print version, saying how it was proposed, reviewed and
approved (party-affairs openness regulation Art. 15). Only public records
(``disclosure``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from builder.core import disclosure
from builder.site import addresses
from builder.site.context import Generated, Site
from builder.site.paging import RECENT, by_year, paginate


def pages(site: Site) -> list[Generated]:
    return [*overview_and_years(site), *notice_pages(site)]


def overview_and_years(site: Site) -> list[Generated]:
    meetings = sorted(
        disclosure.public_only(site.records.meetings),
        key=lambda m: (m["date"], m["id"]),
        reverse=True,
    )
    dues = sorted(
        disclosure.public_only(site.records.dues), key=lambda d: d["period"], reverse=True
    )
    notices = dict(by_year(list(reversed(site.notices)), lambda n: n.record["start"].year))
    meetings_of = dict(by_year(meetings, lambda m: m["date"].year))
    dues_of = dict(by_year(dues, lambda d: int(str(d["period"])[:4])))
    complete_from = site.records.community.records_complete_from if site.records.community else None
    years: list[dict[str, Any]] = [
        {
            "year": year,
            "src": addresses.branch_year(year),
            "notices": len(notices.get(year, [])),
            "meetings": len(meetings_of.get(year, [])),
            "dues": len(dues_of.get(year, [])),
            # A year wholly within the complete records: a count of 0 means none held;
            # otherwise a 0 may be records not entered, and the page says so.
            "complete": complete_from is not None and date(year, 1, 1) >= complete_from,
        }
        for year in sorted(set(notices) | set(meetings_of) | set(dues_of), reverse=True)
    ]
    files = [
        site.page(
            "branch.md.j2",
            addresses.BRANCH,
            years=years,
            active=[n for n in site.notices if n.status in ("active", "upcoming")],
            recent=meetings[:RECENT],
            complete_from=complete_from,
        )
    ]
    for item in years:
        year, src = int(item["year"]), str(item["src"])
        # Two lists a year, each in pages of its own; their first pages share the
        # year page, the others are pages of one list.
        notice_pages = paginate(
            notices.get(year, []), src, lambda n: n.record["start"], stem="notices"
        )
        meeting_pages = paginate(
            meetings_of.get(year, []), src, lambda m: m["date"], stem="meetings"
        )
        context: dict[str, Any] = {
            "year": year,
            "year_src": src,
            "years": years,
            "dues": dues_of.get(year, []),
            "notice_pages": notice_pages,
            "meeting_pages": meeting_pages,
        }
        files.append(
            site.page(
                "branch_year.md.j2",
                src,
                part=None,
                notices=notice_pages[0],
                meetings=meeting_pages[0],
                **context,
            )
        )
        files += [
            site.page("branch_year.md.j2", page.src, part="notices", notices=page, **context)
            for page in notice_pages[1:]
        ]
        files += [
            site.page("branch_year.md.j2", page.src, part="meetings", meetings=page, **context)
            for page in meeting_pages[1:]
        ]
    return files


def notice_pages(site: Site) -> list[Generated]:
    """Each public notice's page and its print version (its QR code is made apart)."""
    files = []
    for notice in site.notices:
        version = site.print_version(notice.src)
        year_src = addresses.branch_year(notice.record["start"].year)
        steps = disclosure.steps(notice.record.values)
        files.append(
            site.page(
                "notice.md.j2",
                notice.src,
                notice=notice,
                version=version,
                year_src=year_src,
                steps=steps,
            )
        )
        files.append(
            site.page(
                "print_notice.md.j2", version.src, version=version, notice=notice, steps=steps
            )
        )
    return files
