"""The 公开日历 page (what the law requires published, when; done, late, overdue, due
soon, each with its article) and the home page's one line on it."""

from __future__ import annotations

from typing import Any

from builder.core.duties import STATUSES
from builder.messages.site import (
    CALENDAR_CHANNELS,
    CALENDAR_EVERY,
    CALENDAR_HOME,
    CALENDAR_STATUSES,
)
from builder.publish.calendar import first_commit
from builder.rules.calendar import Item, duty_words, open_term_words, period_words
from builder.site import addresses
from builder.site.context import Generated, Site


def pages(site: Site) -> list[Generated]:
    calendar = site.calendar
    if calendar is None:  # the page is in the navigation: it says there is no calendar
        return [site.page("calendar.md.j2", addresses.CALENDAR, calendar=None, groups=[])]
    groups = [
        (
            status,
            CALENDAR_STATUSES[status][0],
            [_row(site, i) for i in calendar.with_status(status)],
        )
        for status in STATUSES
    ]
    return [
        site.page(
            "calendar.md.j2",
            addresses.CALENDAR,
            calendar=calendar,
            groups=[g for g in groups if g[2]],
            every=CALENDAR_EVERY,
            duty_words=duty_words,
        )
    ]


def _row(site: Site, item: Item) -> dict[str, Any]:
    return {
        "item": item,
        "duty": duty_words(item.rule)[0],
        "period": period_words(item),
        "account": item.account_name,
        "channel": CALENDAR_CHANNELS.get(item.publication.channel or "", "")
        if item.publication
        else "",
        "commit": first_commit(item, site.disclosure_commits),
        "src": addresses.decision(item.decision) if item.decision else None,
        "open_term": (open_term_words(item) or ("",))[0],
    }


def home_status(site: Site) -> dict[str, Any] | None:
    """The home page's line: the oldest overdue item, else the latest periodic one
    judged (late or on time), else the next due."""
    calendar = site.calendar
    if calendar is None:
        return None
    overdue = calendar.with_status("overdue")
    periodic = [i for i in calendar.items if i.rule.every and i.status in ("late", "done-on-time")]
    upcoming = calendar.with_status("upcoming")
    if overdue:
        item, key = overdue[0], "overdue"
    elif periodic:
        item = max(periodic, key=lambda i: i.due_day or calendar.build_date)
        key = "late" if item.status == "late" else "on_time"
    elif upcoming:
        item, key = upcoming[0], "upcoming"
    else:
        return None
    text = CALENDAR_HOME[key].format(
        duty=duty_words(item.rule)[0],
        period=period_words(item),
        days=item.days_late,
        due=item.due_day,
    )
    return {"text": text, "status": item.status, "src": addresses.CALENDAR}
