"""The home page (what is in its public period, the latest records) and the search page."""

from __future__ import annotations

from typing import Any, cast

from builder.core.resources import FUND_USES
from builder.messages import LABELS
from builder.site import addresses, calendar, joint_meetings, numbers, requests, wishes
from builder.site.committee import decisions_newest_first
from builder.site.context import Generated, Site

# The catalogue's words for a kind of latest record, and for a decision's body.
LATEST = cast(dict[str, str], LABELS["latest"])
BODIES = cast(dict[str, str], LABELS["body"])


def pages(site: Site) -> list[Generated]:
    return [home(site), site.page("search.md.j2", addresses.SEARCH, numbers=numbers.NUMBERS)]


def home(site: Site) -> Generated:
    latest: list[dict[str, Any]] = []
    for d in decisions_newest_first(site.records)[:4]:
        latest.append(
            {
                "date": d.date,
                "kind": LATEST["decision"].format(body=BODIES[d.body]),
                "title": d.title,
                "src": addresses.decision(d),
            }
        )
    for n in site.notices[-3:]:
        latest.append(
            {
                "date": n.record["start"],
                "kind": LATEST["notice"],
                "title": n.record["title"],
                "src": n.src,
            }
        )
    for use in site.records.table(FUND_USES)[-2:]:
        latest.append(
            {
                "date": use["date"],
                "kind": LATEST["fund_use"],
                "title": use["project"],
                "src": site.fund_use_src(use),
            }
        )
    latest.sort(key=lambda item: (item["date"], item["title"]), reverse=True)
    active = [n for n in site.notices if n.status == "active"]
    return site.page(
        "home.md.j2",
        addresses.HOME,
        active=active,
        latest=latest[:8],
        calendar_status=calendar.home_status(site),
        requests_month=requests.this_month(site),
        open_wishes=len(wishes.open_wishes(site)),
        next_meeting=joint_meetings.next_meeting(site),
    )
